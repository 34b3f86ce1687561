//! The person's side of an invitation: read the notice, then open the account or decline it
//! in one click. The code is the only way in; an unknown, used or expired code gets one and
//! the same answer, and guessing is throttled per client address.

use crate::auth::check_with_context;
use crate::emails::Notice;
use crate::{Actor, App, AppError, FieldErrors, LoginOk, emails, outbox, throttle};
use preau_domain::policy::DirectoryScope;
use preau_domain::policy::{Action, Resource};
use preau_domain::roster::Function;
use preau_domain::{SecretToken, Timestamp, UserId};
use preau_store::access_log::{self, By};
use preau_store::invitations::{self, InvitationRow};
use preau_store::{activations, lifecycle, sessions, users};
use uuid::Uuid;

/// The version of the information notice (TRN-03): bump it when the notice's text changes.
pub const NOTICE_VERSION: &str = "2026-12-02";

/// What the invitation page shows the person about themselves.
#[derive(Debug, Clone)]
pub struct InvitationView {
    pub given_name: String,
    pub family_name: String,
    pub email: String,
    pub structure: String,
    pub functions: Vec<Function>,
    pub expires_at: i64,
}

#[derive(Debug, Default, Clone)]
pub struct ActivationForm {
    pub notice_version: String,
    pub accept: bool,
    pub password: String,
    pub password_confirmation: String,
    pub scope: String,
    pub show_structure: bool,
    pub show_functions: bool,
    pub locale: Option<String>,
}

/// How long the activation link works, within the invitation's own life.
pub const ACTIVATION_LINK_VALIDITY: std::time::Duration = std::time::Duration::from_secs(48 * 3600);

/// An activation waiting for its confirmation, as its page shows it.
#[derive(Debug, Clone)]
pub struct PendingView {
    pub given_name: String,
    pub family_name: String,
    pub email: String,
    pub requested_at: i64,
}

/// Letters or emails for one person in 30 days, the first included (issue 9 §1: reprints are
/// limited, so the person holding the letters cannot keep minting codes).
pub const MAX_ISSUES_PER_MONTH: i64 = 3;
const ISSUE_WINDOW: std::time::Duration = std::time::Duration::from_secs(30 * 86_400);
/// An invitation emailed this recently is not emailed again (double submission).
const EMAIL_AGAIN_AFTER: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// What one « send by email » did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SentInvitations {
    pub queued: usize,
    /// Emailed less than 10 minutes ago: not sent twice.
    pub already_sent: usize,
    /// Had their 3 letters or emails this month.
    pub over_limit: usize,
}

/// The letters of one printing, and how many people had reached their limit.
#[derive(Debug, Clone, Default)]
pub struct Letters {
    pub letters: Vec<Letter>,
    pub over_limit: usize,
}

/// A printable letter: the person, their school and the code, once.
#[derive(Debug, Clone)]
pub struct Letter {
    pub name: String,
    pub structure: String,
    pub code: String,
    pub expires_at: i64,
}

fn view(row: InvitationRow) -> InvitationView {
    InvitationView {
        given_name: row.given_name,
        family_name: row.family_name,
        email: row.email,
        structure: row.structure_name,
        functions: row
            .functions
            .split('|')
            .filter_map(Function::parse_stored)
            .collect(),
        expires_at: row.expires_at,
    }
}

impl App {
    /// The live invitation behind a code, else `InvitationInvalid` — counted against the
    /// client's address.
    async fn live_invitation(&self, code: &str, client: &str) -> Result<InvitationRow, AppError> {
        let now = self.now();
        let key = throttle::INVITATION_GUESS.key(client);
        let reserved = self
            .throttle_reserve(&throttle::INVITATION_GUESS, &key, now)
            .await?;
        let hash = SecretToken::from_typed_code(code).hash();
        match invitations::by_token(self.db(), &hash).await? {
            Some(row) if row.expires_at > now.unix() => {
                self.throttle_release(reserved).await?;
                Ok(row)
            }
            _ => {
                self.throttle_fail(reserved).await?;
                Err(AppError::InvitationInvalid)
            }
        }
    }

    pub async fn open_invitation(
        &self,
        code: &str,
        client: &str,
    ) -> Result<InvitationView, AppError> {
        Ok(view(self.live_invitation(code, client).await?))
    }

    /// Deletes the invitation and keeps only a salted marker of the address until the next
    /// school year, so that a re-import does not invite the person again.
    pub async fn decline_invitation(&self, code: &str, client: &str) -> Result<(), AppError> {
        let row = self.live_invitation(code, client).await?;
        let marker = self.reinvite_marker(&row.email).await?;
        let now = self.now();
        let mut tx = self.db().begin().await?;
        invitations::delete(&mut tx, row.id).await?;
        lifecycle::block_reinvite(&mut tx, &marker, now.next_school_year_start()).await?;
        lifecycle::audit(&mut tx, now, None, "invitation-declined", "").await?;
        tx.commit().await?;
        // The invitation email, sent or waiting, named the person: it goes too.
        self.forget_mail_to(std::iter::once(&row.email)).await?;
        Ok(())
    }

    /// The code and the form are right: nothing opens yet. The choices wait, with the password
    /// hashed, for the link sent to the professional address of the invitation (guarantee 1:
    /// holding someone's letter is not enough). Returns the address the link went to.
    pub async fn request_activation(
        &self,
        code: &str,
        client: &str,
        form: &ActivationForm,
    ) -> Result<String, AppError> {
        let row = self.live_invitation(code, client).await?;
        if form.notice_version != NOTICE_VERSION {
            return Err(AppError::NoticeOutdated);
        }
        let mut errors = FieldErrors::default();
        if !form.accept {
            errors.add("accept", "notice-not-accepted");
        }
        let scope = DirectoryScope::parse(&form.scope);
        if scope.is_none() {
            errors.add("scope", "scope-invalid");
        }
        let mut context: Vec<&str> = vec!["preau", "préau"];
        context.extend(row.given_name.split([' ', '-', '\'']));
        context.extend(row.family_name.split([' ', '-', '\'']));
        context.extend(row.email.split(['@', '.', '-', '_', '+']));
        let password = check_with_context(
            &mut errors,
            &context,
            &form.password,
            &form.password_confirmation,
        );
        errors.into_result()?;
        let (Some(scope), Some(password)) = (scope, password) else {
            return Err(AppError::Internal(
                "validated activation without values".into(),
            ));
        };
        let hash = self.hasher().hash(&password).await?;
        let now = self.now();
        let expires = now
            .plus(ACTIVATION_LINK_VALIDITY)
            .unix()
            .min(row.expires_at);
        let token = SecretToken::generate("")?;
        let c = self.config();
        let name = format!("{} {}", row.given_name, row.family_name);
        let m = emails::activation_confirmation(
            &c.instance_name,
            &c.public_url(),
            &name,
            token.expose(),
            ACTIVATION_LINK_VALIDITY.as_secs() / 3600,
        );
        let pending = activations::NewActivation {
            invitation: row.id,
            password_hash: &hash,
            directory_scope: scope.as_str(),
            show_structure: form.show_structure,
            show_functions: form.show_functions,
            locale: form.locale.as_deref(),
            notice_version: NOTICE_VERSION,
        };
        let mut tx = self.db().begin().await?;
        // Checked again inside the transaction: the code may have been replaced meanwhile.
        let current =
            invitations::by_token_tx(&mut tx, &SecretToken::from_typed_code(code).hash()).await?;
        if current.as_ref().map(|r| r.id) != Some(row.id) {
            return Err(AppError::InvitationInvalid);
        }
        activations::replace(
            &mut tx,
            &token.hash(),
            &pending,
            now,
            preau_domain::Timestamp::from_unix(expires),
        )
        .await?;
        outbox::queue(&mut tx, &row.email, &m.subject, &m.body, now).await?;
        lifecycle::audit(&mut tx, now, None, "activation-requested", "").await?;
        tx.commit().await?;
        Ok(row.email)
    }

    /// What a live activation link is about, for the page that asks to confirm it
    /// (following unknown links is throttled per client).
    pub async fn pending_activation(
        &self,
        token: &str,
        client: &str,
    ) -> Result<PendingView, AppError> {
        let now = self.now();
        let key = throttle::LINK_GUESS.key(client);
        let reserved = self
            .throttle_reserve(&throttle::LINK_GUESS, &key, now)
            .await?;
        let found =
            activations::lookup(self.db(), &SecretToken::from_client(token).hash(), now).await?;
        let Some(p) = found else {
            self.throttle_fail(reserved).await?;
            return Err(AppError::LinkInvalid);
        };
        self.throttle_release(reserved).await?;
        Ok(PendingView {
            given_name: p.given_name,
            family_name: p.family_name,
            email: p.email,
            requested_at: p.created_at,
        })
    }

    /// The link was followed from the professional mailbox and confirmed: only now does the
    /// account exist. The invitation and the waiting activation go in the same transaction,
    /// and the person gets the activation notice with its « ce n'était pas moi » link.
    pub async fn confirm_activation(
        &self,
        token: &str,
        client: &str,
        device: &str,
    ) -> Result<LoginOk, AppError> {
        self.pending_activation(token, client).await?;
        let now = self.now();
        let id = UserId::new();
        let session = SecretToken::generate("")?;
        let mut tx = self.db().begin().await?;
        let Some(p) =
            activations::lookup_tx(&mut tx, &SecretToken::from_client(token).hash(), now).await?
        else {
            return Err(AppError::LinkInvalid);
        };
        let Some(row) = invitations::by_id_tx(&mut tx, p.invitation_id).await? else {
            return Err(AppError::LinkInvalid);
        };
        if users::email_exists_tx(&mut tx, &row.email).await? {
            return Err(AppError::LinkInvalid);
        }
        let new_user = users::NewUser {
            id,
            email: &row.email,
            given_name: &row.given_name,
            family_name: &row.family_name,
            password_hash: &p.password_hash,
            locale: p.locale.as_deref(),
            structure_id: Some(row.structure_id),
            corps: &row.corps,
            functions: &row.functions,
            from_roster: true,
            directory_scope: &p.directory_scope,
            show_structure: p.show_structure,
            show_functions: p.show_functions,
            notice_version: Some(&p.notice_version),
        };
        users::insert(&mut tx, &new_user, now).await?;
        // What administrators did with the invitation stays visible to the person.
        for (at, kind) in invitations::history(&mut tx, row.id).await? {
            let action = format!("invitation-{kind}");
            access_log::record(
                &mut tx,
                id,
                Timestamp::from_unix(at),
                By::Administrator,
                &action,
                "",
            )
            .await?;
        }
        // The waiting activation goes with its invitation (foreign key).
        invitations::delete(&mut tx, row.id).await?;
        sessions::insert(
            &mut tx,
            &session.hash(),
            id,
            now,
            device,
            preau_domain::ids::random_id()?,
        )
        .await?;
        lifecycle::audit(&mut tx, now, None, "account-activated", "").await?;
        self.queue_notice(&mut tx, id, &row.email, Notice::Activated, now)
            .await?;
        let Some(user) = users::by_id_tx(&mut tx, id).await? else {
            return Err(AppError::Internal(
                "account vanished inside its transaction".into(),
            ));
        };
        tx.commit().await?;
        Ok(LoginOk {
            token: session,
            account: crate::account::Account::from_row(user),
            closing_cancelled: false,
        })
    }

    /// « Ce n'était pas moi » before the account exists: nothing opens, the letter's code
    /// stops working, and the administrators are told so that a new letter can be handed over.
    pub async fn refuse_activation(&self, token: &str, client: &str) -> Result<(), AppError> {
        let view = self.pending_activation(token, client).await?;
        let now = self.now();
        let c = self.config();
        let admins = users::admin_emails(self.db()).await?;
        let who = format!("{} {} <{}>", view.given_name, view.family_name, view.email);
        let m = emails::letter_misused(&c.instance_name, &c.public_url(), &who);
        let mut tx = self.db().begin().await?;
        let hash = SecretToken::from_client(token).hash();
        let Some(p) = activations::lookup_tx(&mut tx, &hash, now).await? else {
            return Err(AppError::LinkInvalid);
        };
        activations::delete(&mut tx, &hash).await?;
        invitations::revoke_token(&mut tx, p.invitation_id).await?;
        for admin in &admins {
            outbox::queue(&mut tx, admin, &m.subject, &m.body, now).await?;
        }
        lifecycle::audit(&mut tx, now, None, "activation-refused", "").await?;
        tx.commit().await?;
        tracing::warn!(target: "security", "an activation was refused from the mailbox; code revoked");
        Ok(())
    }

    /// New codes for the live invitations of one import, sent by email to each professional
    /// address (each replaces any code sent or printed before). A person whose invitation was
    /// emailed in the last 10 minutes is skipped, so a double submission sends one message;
    /// one who had 3 letters or emails in 30 days is skipped too. `NotFound` when no
    /// invitation of this import remains (an unknown batch must not read as "nothing to
    /// send").
    pub async fn send_invitation_emails(
        &self,
        actor: &Actor,
        batch: Uuid,
    ) -> Result<SentInvitations, AppError> {
        self.authorize(actor, Action::IssueInvitations, Resource::Instance)?;
        let now = self.now();
        let c = self.config();
        let mut tx = self.db().begin().await?;
        let rows = invitations::for_batch(&mut tx, batch, now).await?;
        if rows.is_empty() && !invitations::batch_known(&mut tx, batch).await? {
            return Err(AppError::NotFound);
        }
        let mut sent = SentInvitations::default();
        for row in &rows {
            if invitations::issues_since(&mut tx, row.id, now.minus(ISSUE_WINDOW)).await?
                >= MAX_ISSUES_PER_MONTH
            {
                sent.over_limit += 1;
                continue;
            }
            let code = SecretToken::generate_code()?;
            if !invitations::claim_for_email(
                &mut tx,
                row.id,
                &code.hash(),
                now,
                now.minus(EMAIL_AGAIN_AFTER),
            )
            .await?
            {
                sent.already_sent += 1;
                continue;
            }
            invitations::record_issue(&mut tx, row.id, "email", Some(actor.id().as_uuid()), now)
                .await?;
            let name = format!("{} {}", row.given_name, row.family_name);
            let expires = preau_domain::Timestamp::from_unix(row.expires_at).date();
            let m = emails::invitation(
                &c.instance_name,
                &c.public_url(),
                code.expose(),
                &name,
                &expires,
            );
            outbox::queue(&mut tx, &row.email, &m.subject, &m.body, now).await?;
            sent.queued += 1;
        }
        let detail = format!(
            "count={} already_sent={} over_limit={}",
            sent.queued, sent.already_sent, sent.over_limit
        );
        lifecycle::audit(
            &mut tx,
            now,
            Some(actor.id().as_uuid()),
            "invitation-emails-queued",
            &detail,
        )
        .await?;
        tx.commit().await?;
        Ok(sent)
    }

    /// New codes for the live invitations of one import, for printing: each letter replaces
    /// any code sent before for that person. Printed by the administrator who imported the
    /// batch; anyone else, or a reprint, must first confirm that the codes already handed out
    /// will stop working (`ReprintNeedsConfirmation`). A person who had 3 letters or emails in
    /// 30 days gets no new one.
    pub async fn issue_letters(
        &self,
        actor: &Actor,
        batch: Uuid,
        confirmed: bool,
    ) -> Result<Letters, AppError> {
        self.authorize(actor, Action::IssueInvitations, Resource::Instance)?;
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let rows = invitations::for_batch(&mut tx, batch, now).await?;
        if rows.is_empty() && !invitations::batch_known(&mut tx, batch).await? {
            return Err(AppError::NotFound);
        }
        let importer = invitations::batch_importer(&mut tx, batch).await?;
        let reprint = invitations::batch_issued(&mut tx, batch).await?;
        if !confirmed && (reprint || importer != Some(actor.id().as_uuid())) {
            return Err(AppError::ReprintNeedsConfirmation);
        }
        let mut out = Letters::default();
        for row in rows {
            if invitations::issues_since(&mut tx, row.id, now.minus(ISSUE_WINDOW)).await?
                >= MAX_ISSUES_PER_MONTH
            {
                out.over_limit += 1;
                continue;
            }
            let code = SecretToken::generate_code()?;
            invitations::set_token(&mut tx, row.id, &code.hash(), now).await?;
            invitations::record_issue(&mut tx, row.id, "letter", Some(actor.id().as_uuid()), now)
                .await?;
            out.letters.push(Letter {
                name: format!("{} {}", row.given_name, row.family_name),
                structure: row.structure_name,
                code: code.grouped(),
                expires_at: row.expires_at,
            });
        }
        lifecycle::audit(
            &mut tx,
            now,
            Some(actor.id().as_uuid()),
            if reprint {
                "letters-reprinted"
            } else {
                "letters-issued"
            },
            &format!("count={} over_limit={}", out.letters.len(), out.over_limit),
        )
        .await?;
        tx.commit().await?;
        Ok(out)
    }
}
