//! Rights requests that need a human (issue 11, RGT-08): corrections of roster fields asked
//! from « Mes données », letters entered by an administrator, and requests from people
//! without an account through a public form confirmed from their address. Administrators
//! answer within the month (or extend it, with a reason, within the first month); every
//! answer goes to the person by email, and to their access log and notifications if they
//! have an account. The rules are the domain's (`preau_domain::rights`).

use crate::{Actor, App, AppError, FieldErrors, emails, outbox, throttle};
use preau_domain::notifications::NotificationKind;
use preau_domain::policy::{Action, Resource};
use preau_domain::rights::{
    self, Channel, MAX_TEXT, Outcome, RefusalGround, RequestKind, RequestStatus,
};
use preau_domain::{Email, SecretToken, Timestamp, UserId};
use preau_store::access_log::{self, By};
use preau_store::rights_requests::{self as rows, NewRequest, RequestRow};
use preau_store::{lifecycle, users};
use std::time::Duration;
use uuid::Uuid;

/// How long the link confirming a request from the public form works.
pub const CONFIRM_VALIDITY: Duration = Duration::from_secs(48 * 3600);
/// Closed requests are kept this long, then purged.
pub const CLOSED_RETENTION: Duration = Duration::from_secs(365 * 86_400);
/// The longest requester name.
pub const MAX_NAME: usize = 200;
/// Public form: per address and per client, per hour (the same whatever the address).
const FORM_PER_ADDRESS_PER_HOUR: i64 = 3;
const FORM_PER_CLIENT_PER_HOUR: i64 = 10;

/// The roster fields a person may ask to correct (`users` columns the import writes).
pub const ROSTER_FIELDS: [&str; 4] = ["name", "structure", "corps", "functions"];

/// A request, as administrators and the requester see it.
#[derive(Debug, Clone)]
pub struct RightsRequest {
    pub id: Uuid,
    pub requester_name: String,
    pub requester_email: String,
    /// The request is tied to an account (it sees the request on its page). Never shown to
    /// administrators for a letter: they would learn who opened an account.
    pub has_account: bool,
    pub kind: RequestKind,
    pub channel: Channel,
    /// For a correction: the roster fields concerned, as codes.
    pub fields: Vec<String>,
    pub body: String,
    pub received_at: Timestamp,
    pub due_at: Timestamp,
    pub status: RequestStatus,
    pub extension_reason: Option<String>,
    pub answer: Option<String>,
    pub refusal_ground: Option<RefusalGround>,
    pub closed_at: Option<Timestamp>,
    pub overdue: bool,
    /// Whether an extension is still possible now (open, within the first month).
    pub extendable: bool,
}

impl RightsRequest {
    fn from_row(r: RequestRow, now: Timestamp) -> Self {
        let status = RequestStatus::parse(&r.status).unwrap_or(RequestStatus::Open);
        let received_at = Timestamp::from_unix(r.received_at);
        let due_at = Timestamp::from_unix(r.due_at);
        Self {
            id: r.id,
            has_account: r.user_id.is_some(),
            kind: RequestKind::parse(&r.kind).unwrap_or(RequestKind::Other),
            channel: Channel::parse(&r.channel).unwrap_or(Channel::Post),
            fields: r
                .fields
                .split(',')
                .filter(|f| !f.is_empty())
                .map(str::to_owned)
                .collect(),
            body: r.body,
            requester_name: r.requester_name,
            requester_email: r.requester_email,
            received_at,
            due_at,
            overdue: rights::is_overdue(status, due_at, now),
            extendable: status == RequestStatus::Open && now < rights::due(received_at),
            status,
            extension_reason: r.extension_reason,
            answer: r.answer,
            refusal_ground: r.refusal_ground.as_deref().and_then(RefusalGround::parse),
            closed_at: r.closed_at.map(Timestamp::from_unix),
        }
    }
}

/// The queue: pending requests by due date, then the closed ones, newest first.
#[derive(Debug, Clone)]
pub struct Queue {
    pub overdue: usize,
    pub pending: Vec<RightsRequest>,
    pub closed: Vec<RightsRequest>,
}

/// A letter, as an administrator types it in.
pub struct PostalRequest<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub kind: &'a str,
    pub body: &'a str,
    /// `YYYY-MM-DD`: the day the letter arrived (the deadline runs from it).
    pub received_on: &'a str,
}

/// How an administrator closes a request.
pub struct Closing<'a> {
    /// `done` or `refused`.
    pub outcome: &'a str,
    /// For a refusal: one of `RefusalGround`'s codes.
    pub ground: &'a str,
    /// The message to the person (for a refusal, how the ground applies).
    pub message: &'a str,
}

/// Free text that goes into emails: line breaks, but no other control character once
/// trimmed; counted as sent (as the OpenAPI document counts it).
fn check_text(errors: &mut FieldErrors, field: &'static str, text: &str, missing: &'static str) {
    if text.trim().is_empty() {
        errors.add(field, missing);
    } else if let Some(code) = text_problem(text) {
        errors.add(field, code);
    }
}

fn text_problem(text: &str) -> Option<&'static str> {
    if text.chars().count() > MAX_TEXT {
        Some("rights-text-too-long")
    } else if text
        .trim()
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r')
    {
        Some("rights-text-invalid")
    } else {
        None
    }
}

fn check_name(errors: &mut FieldErrors, name: &str) -> String {
    let clean = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if clean.is_empty() {
        errors.add("name", "rights-name-missing");
    } else if name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
        errors.add("name", "rights-name-invalid");
    }
    clean
}

fn check_email(errors: &mut FieldErrors, email: &str) -> Option<Email> {
    Email::parse(email)
        .map_err(|e| errors.add("email", e.code()))
        .ok()
}

/// A day `YYYY-MM-DD` at 00:00 UTC.
fn parse_day(s: &str) -> Option<Timestamp> {
    let mut parts = s.trim().splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let month = time::Month::try_from(m.parse::<u8>().ok()?).ok()?;
    time::Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?)
        .ok()
        .map(|d| Timestamp::from_unix(d.midnight().assume_utc().unix_timestamp()))
}

impl App {
    /// The administrators' queue.
    pub async fn rights_queue(&self, actor: &Actor) -> Result<Queue, AppError> {
        self.authorize(actor, Action::HandleRightsRequests, Resource::Instance)?;
        let now = self.now();
        let all: Vec<RightsRequest> = rows::list(self.db())
            .await?
            .into_iter()
            .map(|r| RightsRequest::from_row(r, now))
            .collect();
        let (pending, mut closed): (Vec<_>, Vec<_>) =
            all.into_iter().partition(|r| r.status.is_pending());
        closed.sort_by_key(|r| std::cmp::Reverse(r.closed_at));
        Ok(Queue {
            overdue: pending.iter().filter(|r| r.overdue).count(),
            pending,
            closed,
        })
    }

    /// Pending requests past their due date, for the administration's overview.
    pub async fn overdue_rights_requests(&self, actor: &Actor) -> Result<i64, AppError> {
        self.authorize(actor, Action::HandleRightsRequests, Resource::Instance)?;
        Ok(rows::count_overdue(self.db(), self.now()).await?)
    }

    pub async fn rights_request(&self, actor: &Actor, id: Uuid) -> Result<RightsRequest, AppError> {
        self.authorize(actor, Action::HandleRightsRequests, Resource::Instance)?;
        let row = rows::get(self.db(), id).await?.ok_or(AppError::NotFound)?;
        Ok(RightsRequest::from_row(row, self.now()))
    }

    /// A letter received by post, typed in by an administrator. When its address is an
    /// account's, the request is the account's: the person sees it and its answers.
    pub async fn enter_postal_request(
        &self,
        actor: &Actor,
        p: &PostalRequest<'_>,
    ) -> Result<Uuid, AppError> {
        self.authorize(actor, Action::HandleRightsRequests, Resource::Instance)?;
        let now = self.now();
        let mut errors = FieldErrors::default();
        let name = check_name(&mut errors, p.name);
        let email = check_email(&mut errors, p.email);
        let kind = RequestKind::parse(p.kind);
        if kind.is_none() {
            errors.add("kind", "rights-kind-invalid");
        }
        let received = parse_day(p.received_on);
        if received.is_none() {
            errors.add("received_on", "rights-received-invalid");
        }
        check_text(&mut errors, "body", p.body, "rights-text-missing");
        errors.into_result()?;
        if received.is_some_and(|r| r > now) {
            return Err(AppError::RightsConflict("rights-received-future"));
        }
        let (Some(email), Some(kind), Some(received)) = (email, kind, received) else {
            return Err(AppError::Internal("validated request without value".into()));
        };
        let account = users::by_email(self.db(), email.as_str()).await?;
        let id = preau_domain::ids::new_row_id();
        let mut tx = self.db().begin().await?;
        rows::insert(
            &mut tx,
            &NewRequest {
                id,
                user: account.as_ref().map(|a| a.user_id()),
                name: &name,
                email: email.as_str(),
                kind: kind.as_str(),
                channel: Channel::Post.as_str(),
                fields: "",
                body: p.body.trim(),
                received_at: received,
                due_at: rights::due(received),
                status: RequestStatus::Open.as_str(),
                confirm: None,
            },
            now,
        )
        .await?;
        if let Some(a) = &account {
            access_log::record(
                &mut tx,
                a.user_id(),
                now,
                By::Administrator,
                "request-entered",
                kind.as_str(),
            )
            .await?;
        }
        let detail = format!("kind={}", kind.as_str());
        lifecycle::audit(
            &mut tx,
            now,
            Some(actor.id().as_uuid()),
            "rights-request-entered",
            &detail,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Extends the deadline by one or two months (Art. 12(3)): only an open request, within
    /// its first month, with a reason — mailed to the person at once.
    pub async fn extend_rights_request(
        &self,
        actor: &Actor,
        id: Uuid,
        months: &str,
        reason: &str,
    ) -> Result<(), AppError> {
        self.authorize(actor, Action::HandleRightsRequests, Resource::Instance)?;
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let row = rows::get_tx(&mut tx, id).await?.ok_or(AppError::NotFound)?;
        let status = RequestStatus::parse(&row.status).unwrap_or(RequestStatus::ClosedDone);
        let received = Timestamp::from_unix(row.received_at);
        let months_n: u8 = months.trim().parse().unwrap_or(0);
        let mut errors = FieldErrors::default();
        let mut conflict = None;
        let due = match rights::extension(status, received, now, months_n, reason) {
            Ok(due) => Some(due),
            Err(problems) => {
                for p in problems {
                    if p.is_state() {
                        conflict = Some(p.code());
                    } else {
                        errors.add(p.field(), p.code());
                    }
                }
                None
            }
        };
        if let Some(code) = text_problem(reason) {
            errors.add("reason", code);
        }
        // What was written first (422), then what the request's state forbids (409).
        errors.into_result()?;
        if let Some(code) = conflict {
            return Err(AppError::RightsConflict(code));
        }
        let Some(due) = due else {
            return Err(AppError::Internal("allowed extension without date".into()));
        };
        let reason = reason.trim();
        if !rows::extend(&mut tx, id, due, reason, now).await? {
            return Err(AppError::NotFound);
        }
        let c = self.config();
        let m = emails::rights_extended(
            &c.instance_name,
            &row.requester_name,
            &received.date(),
            &due.date(),
            months_n,
            reason,
        );
        outbox::queue(&mut tx, &row.requester_email, &m.subject, &m.body, now).await?;
        if let Some(user) = row.user_id {
            access_log::record(
                &mut tx,
                UserId::from_uuid(user),
                now,
                By::Administrator,
                "request-extended",
                &row.kind,
            )
            .await?;
        }
        let detail = format!("kind={} months={months_n}", row.kind);
        lifecycle::audit(
            &mut tx,
            now,
            Some(actor.id().as_uuid()),
            "rights-request-extended",
            &detail,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Closes a request with a message to the person (RGT-03: never without one); a refusal
    /// names its legal ground, and the email tells of the right to complain to the CNIL.
    pub async fn close_rights_request(
        &self,
        actor: &Actor,
        id: Uuid,
        closing: &Closing<'_>,
    ) -> Result<(), AppError> {
        self.authorize(actor, Action::HandleRightsRequests, Resource::Instance)?;
        let now = self.now();
        let mut errors = FieldErrors::default();
        if !closing.ground.is_empty() && RefusalGround::parse(closing.ground).is_none() {
            errors.add("ground", "rights-ground-invalid");
        }
        let outcome = match closing.outcome {
            "done" => Some(Outcome::Done),
            "refused" => match RefusalGround::parse(closing.ground) {
                Some(g) => Some(Outcome::Refused(g)),
                None if closing.ground.is_empty() => {
                    errors.add("ground", "rights-ground-missing");
                    None
                }
                None => None,
            },
            _ => {
                errors.add("outcome", "rights-outcome-invalid");
                None
            }
        };
        check_text(
            &mut errors,
            "message",
            closing.message,
            "rights-answer-missing",
        );
        errors.into_result()?;
        let Some(outcome) = outcome else {
            return Err(AppError::Internal(
                "validated closing without outcome".into(),
            ));
        };
        let message = closing.message.trim();
        let mut tx = self.db().begin().await?;
        let row = rows::get_tx(&mut tx, id).await?.ok_or(AppError::NotFound)?;
        let ground = match outcome {
            Outcome::Refused(g) => Some(g),
            Outcome::Done => None,
        };
        if !rows::close(
            &mut tx,
            id,
            outcome.status().as_str(),
            message,
            ground.map(RefusalGround::as_str),
            now,
        )
        .await?
        {
            return Err(AppError::RightsConflict("rights-request-not-open"));
        }
        let c = self.config();
        let m = emails::rights_answered(
            &c.instance_name,
            &row.requester_name,
            &Timestamp::from_unix(row.received_at).date(),
            message,
            ground,
            &c.legal().dpo_contact,
        );
        outbox::queue(&mut tx, &row.requester_email, &m.subject, &m.body, now).await?;
        let action = match outcome {
            Outcome::Done => "request-answered",
            Outcome::Refused(_) => "request-refused",
        };
        if let Some(user) = row.user_id {
            let person = UserId::from_uuid(user);
            access_log::record(&mut tx, person, now, By::Administrator, action, &row.kind).await?;
            self.notify(
                &mut tx,
                person,
                NotificationKind::RightsRequestAnswered,
                (None, ""),
                None,
                outcome.status().as_str(),
            )
            .await?;
        }
        let detail = format!("kind={} outcome={}", row.kind, outcome.status().as_str());
        lifecycle::audit(
            &mut tx,
            now,
            Some(actor.id().as_uuid()),
            "rights-request-closed",
            &detail,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A correction of fields that come from the roster, asked by the person from « Mes
    /// données » (RGT-03): the session is the proof of identity (RGT-09).
    pub async fn request_correction(
        &self,
        actor: &Actor,
        fields: &[String],
        body: &str,
    ) -> Result<Uuid, AppError> {
        self.authorize_own(actor)?;
        let mut errors = FieldErrors::default();
        let chosen: Vec<&str> = ROSTER_FIELDS
            .into_iter()
            .filter(|f| fields.iter().any(|g| g == f))
            .collect();
        if chosen.is_empty() {
            errors.add("fields", "rights-fields-missing");
        } else if fields.len() > ROSTER_FIELDS.len()
            || fields.iter().any(|f| !ROSTER_FIELDS.contains(&f.as_str()))
        {
            errors.add("fields", "rights-fields-invalid");
        }
        check_text(&mut errors, "body", body, "rights-text-missing");
        errors.into_result()?;
        // A person asks a few times a year: a ceiling against a stuck button or a script.
        self.rate_limit(
            "rights-correction",
            &actor.id().as_uuid().to_string(),
            FORM_PER_CLIENT_PER_HOUR,
            Duration::from_secs(3600),
        )
        .await?;
        let now = self.now();
        let a = &actor.account;
        let name = format!("{} {}", a.given_name, a.family_name);
        let id = preau_domain::ids::new_row_id();
        let mut tx = self.db().begin().await?;
        rows::insert(
            &mut tx,
            &NewRequest {
                id,
                user: Some(actor.id()),
                name: &name,
                email: &a.email,
                kind: RequestKind::Rectification.as_str(),
                channel: Channel::Account.as_str(),
                fields: &chosen.join(","),
                body: body.trim(),
                received_at: now,
                due_at: rights::due(now),
                status: RequestStatus::Open.as_str(),
                confirm: None,
            },
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The person's own requests and their state, newest first.
    pub async fn my_rights_requests(&self, actor: &Actor) -> Result<Vec<RightsRequest>, AppError> {
        self.authorize_own(actor)?;
        let now = self.now();
        Ok(rows::of_user(self.db(), actor.id())
            .await?
            .into_iter()
            .map(|r| RightsRequest::from_row(r, now))
            .collect())
    }

    /// The public form for people without an account. Whatever the address — an account's,
    /// an invitation's or nobody's — the same checks, the same answer and the same email: a
    /// link that puts the request in the queue once followed. Nothing here reads `users`.
    pub async fn submit_public_rights_request(
        &self,
        name: &str,
        email: &str,
        kind: &str,
        body: &str,
        client: &str,
    ) -> Result<(), AppError> {
        let mut errors = FieldErrors::default();
        let name = check_name(&mut errors, name);
        let email = check_email(&mut errors, email);
        let kind = RequestKind::parse(kind);
        if kind.is_none() {
            errors.add("kind", "rights-kind-invalid");
        }
        check_text(&mut errors, "body", body, "rights-text-missing");
        errors.into_result()?;
        let (Some(email), Some(kind)) = (email, kind) else {
            return Err(AppError::Internal("validated request without value".into()));
        };
        let hour = Duration::from_secs(3600);
        self.rate_limit(
            "rights-form-ip",
            &preau_domain::network::client_network(client),
            FORM_PER_CLIENT_PER_HOUR,
            hour,
        )
        .await?;
        self.rate_limit(
            "rights-form-address",
            email.as_str(),
            FORM_PER_ADDRESS_PER_HOUR,
            hour,
        )
        .await?;
        let now = self.now();
        let token = SecretToken::generate("")?;
        let c = self.config();
        let m = emails::rights_confirmation(
            &c.instance_name,
            &c.public_url(),
            &name,
            token.expose(),
            CONFIRM_VALIDITY.as_secs() / 3600,
        );
        let mut tx = self.db().begin().await?;
        rows::insert(
            &mut tx,
            &NewRequest {
                id: preau_domain::ids::new_row_id(),
                user: None,
                name: &name,
                email: email.as_str(),
                kind: kind.as_str(),
                channel: Channel::PublicForm.as_str(),
                fields: "",
                body: body.trim(),
                received_at: now,
                due_at: rights::due(now),
                status: RequestStatus::Unconfirmed.as_str(),
                confirm: Some(&token.hash()),
            },
            now,
        )
        .await?;
        outbox::queue(&mut tx, email.as_str(), &m.subject, &m.body, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The link of the public form was followed (and confirmed with a POST): the request
    /// enters the queue, received now. Guessing links is throttled per client.
    pub async fn confirm_public_rights_request(
        &self,
        token: &str,
        client: &str,
    ) -> Result<(), AppError> {
        let now = self.now();
        let key = throttle::LINK_GUESS.key(client);
        let reserved = self
            .throttle_reserve(&throttle::LINK_GUESS, &key, now)
            .await?;
        let hash = SecretToken::from_client(token).hash();
        let mut tx = self.db().begin().await?;
        let confirmed = rows::confirm(
            &mut tx,
            &hash,
            now,
            rights::due(now),
            now.minus(CONFIRM_VALIDITY),
        )
        .await?;
        tx.commit().await?;
        if confirmed {
            self.throttle_release(reserved).await?;
            Ok(())
        } else {
            self.throttle_fail(reserved).await?;
            Err(AppError::LinkInvalid)
        }
    }

    /// Reminds the administrators of each pending request at D+20 and D+27, once each (the
    /// mark is set in the transaction that queues the mail, by one instance only).
    pub async fn remind_rights_requests(&self) -> Result<u64, AppError> {
        let now = self.now();
        let mut sent = 0;
        let admins = users::admin_emails(self.db()).await?;
        let c = self.config();
        for day in rights::REMINDER_DAYS {
            let received_before = now.minus(Duration::from_secs(day * 86_400));
            for (id, due) in rows::to_remind(self.db(), day, received_before).await? {
                let mut tx = self.db().begin().await?;
                if !rows::mark_reminded(&mut tx, id, day, now).await? {
                    continue;
                }
                let m = emails::rights_reminder(
                    &c.instance_name,
                    &c.public_url(),
                    id,
                    day,
                    &Timestamp::from_unix(due).date(),
                );
                for to in &admins {
                    outbox::queue(&mut tx, to, &m.subject, &m.body, now).await?;
                }
                tx.commit().await?;
                sent += 1;
            }
        }
        Ok(sent)
    }
}

/// The purge's part: closed requests after 12 months, unconfirmed ones after 48 hours.
pub(crate) async fn purge(app: &App, now: Timestamp) -> Result<u64, AppError> {
    Ok(rows::purge(
        app.db(),
        now.minus(CLOSED_RETENTION),
        now.minus(CONFIRM_VALIDITY),
    )
    .await?)
}
