//! The notification centre (issue 10): news in the app (the bell on every page), and by
//! email as each person chooses per kind — at once, in a daily or weekly digest, or never —
//! outside their quiet hours and the school holidays. Every email carries its news in full,
//! in the recipient's language, with one-click unsubscribe links that need no login
//! (RFC 8058). Nothing here tells anyone what someone else read or when they were seen.

use crate::i18n::{FluentValue, Lang};
use crate::{Actor, App, AppError, FieldErrors, throttle};
use preau_domain::notifications::{Calendar, Delivery, NotificationKind, QuietHours};
use preau_domain::{SecretToken, Timestamp, UserId};
use preau_store::notifications::{self as rows, NewNotification, NotificationRow, SettingsRow};
use preau_store::{Tx, users};
use std::collections::BTreeMap;
use std::time::Duration;
use uuid::Uuid;

/// Notifications are deleted this long after they were made, read or not.
pub const RETENTION: Duration = Duration::from_secs(183 * 86_400);
/// The notification page lists at most this many.
const PAGE: i64 = 100;
/// People whose emails one round prepares at most.
const ROUND: i64 = 200;
/// The unsubscribe link for every kind at once.
const ALL_KINDS: &str = "all";

/// One piece of news, as its recipient sees it.
#[derive(Debug, Clone)]
pub struct Notification {
    pub id: Uuid,
    pub kind: Option<NotificationKind>,
    /// The group it is about, while it exists.
    pub group_id: Option<Uuid>,
    pub read: bool,
    pub created_at: i64,
    row: NotificationRow,
}

impl Notification {
    fn from_row(row: NotificationRow) -> Self {
        Self {
            id: row.id,
            kind: NotificationKind::parse(&row.kind),
            group_id: row.group_id,
            read: row.read_at.is_some(),
            created_at: row.created_at,
            row,
        }
    }

    /// The sentence, in `lang`, from the catalogue.
    pub fn text(&self, lang: Lang) -> String {
        let actor = self
            .row
            .actor_given_name
            .as_ref()
            .zip(self.row.actor_family_name.as_ref())
            .map_or_else(
                || lang.t("notification-someone"),
                |(g, f)| format!("{g} {f}"),
            );
        let role = lang.t(&format!("group-role-{}", self.row.detail));
        let key = match self.kind {
            Some(NotificationKind::GroupRequestAnswered) if self.row.detail == "approved" => {
                "notification-group-request-approved".to_owned()
            }
            Some(NotificationKind::GroupRequestAnswered) => {
                "notification-group-request-refused".to_owned()
            }
            Some(k) => format!("notification-{}", k.as_str()),
            None => "notification-unknown".to_owned(),
        };
        lang.t_with(
            &key,
            &[
                ("actor", FluentValue::from(actor)),
                ("group", FluentValue::from(self.row.subject.clone())),
                ("role", FluentValue::from(role)),
            ],
        )
    }

    /// A message the sender wrote (an invitation's), to show quoted.
    pub fn message(&self) -> Option<&str> {
        (self.kind == Some(NotificationKind::GroupInvitation) && !self.row.detail.is_empty())
            .then_some(self.row.detail.as_str())
    }

    /// Where the news leads, on this instance.
    pub fn link(&self) -> String {
        match (self.kind, self.group_id) {
            (Some(NotificationKind::GroupInvitation), _) => "/groupes#invitations".to_owned(),
            (Some(NotificationKind::RightsRequestAnswered), _) => {
                "/compte/donnees/demandes".to_owned()
            }
            (Some(NotificationKind::DocumentShared), _) => "/documents/partages".to_owned(),
            (_, Some(g)) => format!("/groupes/{g}"),
            _ => "/notifications".to_owned(),
        }
    }
}

/// What a person chose: per kind, and their quiet hours.
#[derive(Debug, Clone)]
pub struct Preferences {
    pub kinds: Vec<(NotificationKind, Delivery)>,
    pub quiet: QuietHours,
}

fn quiet_of(s: &SettingsRow) -> QuietHours {
    let minute = |v: i32| u16::try_from(v.clamp(0, 1439)).unwrap_or(0);
    QuietHours {
        from: minute(s.quiet_from),
        to: minute(s.quiet_to),
        weekends: s.quiet_weekends,
    }
}

fn deliveries(choices: &[(String, String)]) -> BTreeMap<NotificationKind, Delivery> {
    choices
        .iter()
        .filter_map(|(k, d)| Some((NotificationKind::parse(k)?, Delivery::parse(d)?)))
        .collect()
}

/// `HH:MM` as minutes after midnight.
fn parse_minute(s: &str) -> Option<u16> {
    let (h, m) = s.trim().split_once(':')?;
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60 && s.trim().len() == 5).then_some(h * 60 + m)
}

pub fn format_minute(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// What an unsubscribe link does, once followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsubscribed {
    One(NotificationKind),
    All,
}

impl App {
    fn calendar(&self) -> Calendar {
        // `problems()` refuses a wrong calendar at start; the default is only a fallback.
        self.config().notifications.calendar().unwrap_or_default()
    }

    /// News for `recipient`, in the transaction of the change it reports; its email is
    /// scheduled by the recipient's choices.
    pub(crate) async fn notify(
        &self,
        tx: &mut Tx,
        recipient: UserId,
        kind: NotificationKind,
        about: (Option<Uuid>, &str),
        actor: Option<UserId>,
        detail: &str,
    ) -> Result<(), AppError> {
        let now = self.now();
        let delivery = deliveries(&rows::preferences_tx(tx, recipient).await?)
            .get(&kind)
            .copied()
            .unwrap_or_else(|| kind.default_delivery());
        let quiet = rows::settings_tx(tx, recipient)
            .await?
            .map(|s| quiet_of(&s))
            .unwrap_or_default();
        let due = self.calendar().mail_due(delivery, &quiet, now);
        rows::insert(
            tx,
            &NewNotification {
                user: recipient,
                kind: kind.as_str(),
                group: about.0,
                actor,
                subject: about.1,
                detail,
                mail_due_at: due,
            },
            now,
        )
        .await?;
        Ok(())
    }

    /// The latest news of the actor, newest first, and how many are unread.
    pub async fn notifications(&self, actor: &Actor) -> Result<(Vec<Notification>, i64), AppError> {
        self.authorize_own(actor)?;
        let list = rows::list(self.db(), actor.id(), PAGE).await?;
        let unread = rows::unread(self.db(), actor.id()).await?;
        Ok((
            list.into_iter().map(Notification::from_row).collect(),
            unread,
        ))
    }

    /// Marks one of the actor's notifications read; someone else's is `NotFound`.
    pub async fn mark_notification_read(&self, actor: &Actor, id: Uuid) -> Result<(), AppError> {
        self.authorize_own(actor)?;
        if rows::mark_read(self.db(), id, actor.id(), self.now()).await? {
            return Ok(());
        }
        // Already read is fine; not theirs is not found.
        if rows::is_of(self.db(), id, actor.id()).await? {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }

    pub async fn mark_all_notifications_read(&self, actor: &Actor) -> Result<u64, AppError> {
        self.authorize_own(actor)?;
        Ok(rows::mark_all_read(self.db(), actor.id(), self.now()).await?)
    }

    pub async fn notification_preferences(&self, actor: &Actor) -> Result<Preferences, AppError> {
        self.authorize_own(actor)?;
        let chosen = deliveries(&rows::preferences(self.db(), actor.id()).await?);
        let quiet = rows::settings(self.db(), actor.id())
            .await?
            .map(|s| quiet_of(&s))
            .unwrap_or_default();
        Ok(Preferences {
            kinds: NotificationKind::ALL
                .into_iter()
                .map(|k| (k, chosen.get(&k).copied().unwrap_or(k.default_delivery())))
                .collect(),
            quiet,
        })
    }

    /// Records the actor's choices: `deliveries` by kind name (kinds not named keep theirs),
    /// quiet hours as `HH:MM`. News already waiting follows the new choices.
    pub async fn set_notification_preferences(
        &self,
        actor: &Actor,
        choices: &[(String, String)],
        quiet_from: &str,
        quiet_to: &str,
        quiet_weekends: bool,
    ) -> Result<(), AppError> {
        self.authorize_own(actor)?;
        let mut errors = FieldErrors::default();
        let mut parsed = Vec::new();
        for (kind, delivery) in choices {
            match (NotificationKind::parse(kind), Delivery::parse(delivery)) {
                (Some(k), Some(d)) => parsed.push((k, d)),
                _ => errors.add("deliveries", "notification-delivery-invalid"),
            }
        }
        let from = parse_minute(quiet_from);
        if from.is_none() {
            errors.add("quiet_from", "notification-time-invalid");
        }
        let to = parse_minute(quiet_to);
        if to.is_none() {
            errors.add("quiet_to", "notification-time-invalid");
        }
        errors.into_result()?;
        let quiet = QuietHours {
            from: from.unwrap_or(0),
            to: to.unwrap_or(0),
            weekends: quiet_weekends,
        };
        let me = actor.id();
        let mut tx = self.db().begin().await?;
        self.ensure_settings(&mut tx, me).await?;
        rows::set_quiet(
            &mut tx,
            me,
            i32::from(quiet.from),
            i32::from(quiet.to),
            quiet.weekends,
        )
        .await?;
        for (kind, delivery) in &parsed {
            let stored = (*delivery != kind.default_delivery()).then_some(delivery.as_str());
            rows::set_preference(&mut tx, me, kind.as_str(), stored).await?;
        }
        self.reschedule(&mut tx, me, &quiet, &NotificationKind::ALL)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Puts the waiting news of `kinds` on the schedule the person's choices now give.
    async fn reschedule(
        &self,
        tx: &mut Tx,
        user: UserId,
        quiet: &QuietHours,
        kinds: &[NotificationKind],
    ) -> Result<(), AppError> {
        let chosen = deliveries(&rows::preferences_tx(tx, user).await?);
        let calendar = self.calendar();
        let now = self.now();
        for kind in kinds {
            let delivery = chosen.get(kind).copied().unwrap_or(kind.default_delivery());
            for (id, created) in rows::pending_of_kind(tx, user, kind.as_str()).await? {
                let due = calendar
                    .mail_due(delivery, quiet, Timestamp::from_unix(created))
                    .map(|d| d.max(now));
                rows::reschedule(tx, id, due).await?;
            }
        }
        Ok(())
    }

    /// The person's settings row, made with the defaults and a fresh unsubscribe key.
    async fn ensure_settings(&self, tx: &mut Tx, user: UserId) -> Result<SettingsRow, AppError> {
        if let Some(s) = rows::settings_tx(tx, user).await? {
            return Ok(s);
        }
        let q = QuietHours::default();
        let fresh = SettingsRow {
            quiet_from: i32::from(q.from),
            quiet_to: i32::from(q.to),
            quiet_weekends: q.weekends,
            unsubscribe_key: SecretToken::generate("")
                .map_err(|_| AppError::Internal("no randomness".into()))?
                .expose()
                .to_owned(),
        };
        rows::ensure_settings(tx, user, &fresh).await?;
        rows::settings_tx(tx, user)
            .await?
            .ok_or_else(|| AppError::Internal("notification settings vanished".into()))
    }

    /// What an unsubscribe link would do, without doing it (the page behind the link).
    /// Unknown links are throttled per client, like every mailed link.
    pub async fn unsubscribe_target(
        &self,
        token: &str,
        client: &str,
    ) -> Result<(UserId, Unsubscribed), AppError> {
        let now = self.now();
        let key = throttle::LINK_GUESS.key(client);
        let reserved = self
            .throttle_reserve(&throttle::LINK_GUESS, &key, now)
            .await?;
        let parsed = token.rsplit_once('.').and_then(|(key, kind)| {
            let what = if kind == ALL_KINDS {
                Unsubscribed::All
            } else {
                Unsubscribed::One(NotificationKind::parse(kind)?)
            };
            Some((key, what))
        });
        let found = match parsed {
            Some((key, what)) if !key.is_empty() => rows::by_unsubscribe_key(self.db(), key)
                .await?
                .map(|u| (UserId::from_uuid(u), what)),
            _ => None,
        };
        match found {
            Some(found) => {
                self.throttle_release(reserved).await?;
                Ok(found)
            }
            None => {
                self.throttle_fail(reserved).await?;
                Err(AppError::LinkInvalid)
            }
        }
    }

    /// Follows an unsubscribe link: that kind (or every kind) is no longer emailed. No login:
    /// the link came to the person's mailbox, and it can only stop emails.
    pub async fn unsubscribe(&self, token: &str, client: &str) -> Result<Unsubscribed, AppError> {
        let (user, what) = self.unsubscribe_target(token, client).await?;
        let kinds: Vec<NotificationKind> = match what {
            Unsubscribed::One(k) => vec![k],
            Unsubscribed::All => NotificationKind::ALL.to_vec(),
        };
        let mut tx = self.db().begin().await?;
        let settings = self.ensure_settings(&mut tx, user).await?;
        for k in &kinds {
            rows::set_preference(&mut tx, user, k.as_str(), Some(Delivery::Never.as_str())).await?;
        }
        self.reschedule(&mut tx, user, &quiet_of(&settings), &kinds)
            .await?;
        tx.commit().await?;
        Ok(what)
    }

    /// Prepares the emails of the news that is due: one email per person per round, holding
    /// every piece of news due for them (so a digest is one email), queued in the same
    /// transaction that takes the news. Returns how many emails were queued.
    pub async fn queue_due_notifications(&self) -> Result<usize, AppError> {
        let now = self.now();
        let mut queued = 0;
        for user in rows::due_recipients(self.db(), now, ROUND).await? {
            let user = UserId::from_uuid(user);
            let mut tx = self.db().begin().await?;
            let Some(person) = users::by_id_tx(&mut tx, user).await? else {
                continue;
            };
            let due: Vec<Notification> = rows::take_due(&mut tx, user, now)
                .await?
                .into_iter()
                .map(Notification::from_row)
                .collect();
            // Someone who asked for their account to be deleted, or whose account is
            // suspended after « ce n'était pas moi », gets no news by email: it stays in the
            // app, and taking it keeps it from waiting forever.
            let silent = matches!(person.status.as_str(), "closing" | "suspended");
            if due.is_empty() || silent {
                tx.commit().await?;
                continue;
            }
            let settings = self.ensure_settings(&mut tx, user).await?;
            let lang = person
                .locale
                .as_deref()
                .and_then(Lang::parse)
                .unwrap_or_default();
            let m = self.notification_email(lang, &person.given_name, &due, &settings);
            crate::outbox::queue_with_unsubscribe(
                &mut tx,
                &person.email,
                &m.subject,
                &m.body,
                &m.unsubscribe,
                now,
            )
            .await?;
            tx.commit().await?;
            queued += 1;
        }
        Ok(queued)
    }

    fn notification_email(
        &self,
        lang: Lang,
        given_name: &str,
        due: &[Notification],
        settings: &SettingsRow,
    ) -> NotificationEmail {
        let c = self.config();
        let url = c.public_url();
        let instance = FluentValue::from(c.instance_name.clone());
        let subject = match due {
            [one] => lang.t_with(
                "notification-email-subject-one",
                &[("instance", instance), ("text", one.text(lang).into())],
            ),
            many => lang.t_with(
                "notification-email-subject-many",
                &[("instance", instance), ("count", many.len().into())],
            ),
        };
        let unsubscribe_url = |kind: &str| {
            format!(
                "{url}/notifications/desabonnement/{}.{kind}",
                settings.unsubscribe_key
            )
        };
        let mut body = lang.t_with(
            "notification-email-hello",
            &[("name", given_name.to_owned().into())],
        );
        body.push_str("\n\n");
        for n in due {
            body.push_str(&format!("• {}\n", n.text(lang)));
            if let Some(m) = n.message() {
                for line in m.lines() {
                    body.push_str(&format!("  > {line}\n"));
                }
            }
            body.push_str(&format!("  {url}{}\n\n", n.link()));
        }
        body.push_str("--\n");
        body.push_str(&lang.t_with(
            "notification-email-why",
            &[("url", format!("{url}/notifications/preferences").into())],
        ));
        body.push('\n');
        let mut kinds: Vec<NotificationKind> = due.iter().filter_map(|n| n.kind).collect();
        kinds.sort();
        kinds.dedup();
        for k in &kinds {
            body.push_str(&lang.t_with(
                "notification-email-stop-kind",
                &[
                    (
                        "kind",
                        lang.t(&format!("notification-kind-{}", k.as_str())).into(),
                    ),
                    ("url", unsubscribe_url(k.as_str()).into()),
                ],
            ));
            body.push('\n');
        }
        body.push_str(&lang.t_with(
            "notification-email-stop-all",
            &[("url", unsubscribe_url(ALL_KINDS).into())],
        ));
        body.push('\n');
        let unsubscribe = match kinds.as_slice() {
            [one] => unsubscribe_url(one.as_str()),
            _ => unsubscribe_url(ALL_KINDS),
        };
        NotificationEmail {
            subject,
            body,
            unsubscribe,
        }
    }
}

struct NotificationEmail {
    subject: String,
    body: String,
    unsubscribe: String,
}

/// Deletes notifications past their retention.
pub(crate) async fn purge(app: &App, now: Timestamp) -> Result<u64, AppError> {
    Ok(rows::purge(app.db(), now.minus(RETENTION)).await?)
}
