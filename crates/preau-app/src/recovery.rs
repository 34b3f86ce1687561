//! "Mot de passe oublié": a single-use link to the professional address, 30 minutes. The
//! answer is the same whether the address has an account or not.

use crate::auth::check_new_password;
use crate::{App, AppError, FieldErrors, emails, outbox, throttle};
use preau_domain::password::PasswordAttempt;
use preau_domain::{Email, SecretToken};
use preau_store::{lifecycle, mail_links, password_resets, sessions, users};
use std::time::Duration;

/// SEC-09 asks for 30 minutes; the 1 hour is a ceiling.
pub const RESET_VALIDITY: Duration = Duration::from_secs(30 * 60);
/// How long the link confirming a new recovery address works.
pub const RECOVERY_LINK_VALIDITY: Duration = Duration::from_secs(48 * 3600);
const RECOVERY_CONFIRM: &str = "recovery-confirm";

/// Requests per address and hour: enough for a person, too few to flood a mailbox.
const REQUESTS_PER_HOUR: i64 = 5;

impl App {
    /// Queues a reset link if the address has a usable account; silently does nothing
    /// otherwise.
    pub async fn request_password_reset(&self, email_input: &str) -> Result<(), AppError> {
        let Ok(email) = Email::parse(email_input) else {
            let mut e = FieldErrors::default();
            e.add("email", "email-invalid");
            return Err(AppError::Invalid(e));
        };
        self.rate_limit(
            "password-reset",
            email.as_str(),
            REQUESTS_PER_HOUR,
            Duration::from_secs(3600),
        )
        .await?;
        let Some(user) = users::by_email(self.db(), email.as_str()).await? else {
            return Ok(());
        };
        if matches!(user.status.as_str(), "departing" | "closing") {
            return Ok(());
        }
        let token = SecretToken::generate("")?;
        let now = self.now();
        let c = self.config();
        let message = emails::password_reset(
            &c.instance_name,
            &c.public_url(),
            token.expose(),
            RESET_VALIDITY.as_secs() / 60,
        );
        let personal = users::recovery_email(self.db(), user.user_id()).await?;
        let mut tx = self.db().begin().await?;
        password_resets::replace(
            &mut tx,
            &token.hash(),
            user.user_id(),
            now,
            now.plus(RESET_VALIDITY),
        )
        .await?;
        for to in std::iter::once(&user.email).chain(personal.as_ref()) {
            outbox::queue(&mut tx, to, &message.subject, &message.body, now).await?;
        }
        tx.commit().await?;
        tracing::info!(target: "security", user = %user.id, "password reset requested");
        Ok(())
    }

    /// Whether a reset link is live; following links that do not exist is throttled per
    /// client address, like invitation codes.
    pub async fn reset_link_is_valid(&self, token: &str, client: &str) -> Result<bool, AppError> {
        Ok(self.live_reset(token, client).await?.is_some())
    }

    async fn live_reset(
        &self,
        token: &str,
        client: &str,
    ) -> Result<Option<users::UserRow>, AppError> {
        let now = self.now();
        let key = throttle::LINK_GUESS.key(client);
        let reserved = self
            .throttle_reserve(&throttle::LINK_GUESS, &key, now)
            .await?;
        let hash = SecretToken::from_client(token).hash();
        let found = password_resets::lookup_db(self.db(), &hash, now).await?;
        match found {
            Some(_) => self.throttle_release(reserved).await?,
            None => self.throttle_fail(reserved).await?,
        }
        Ok(found)
    }

    /// Sets the new password, ends every session, spends the link, and tells the person.
    pub async fn reset_password(
        &self,
        token: &str,
        new: &str,
        confirmation: &str,
        client: &str,
    ) -> Result<(), AppError> {
        let hash = SecretToken::from_client(token).hash();
        let Some(user) = self.live_reset(token, client).await? else {
            return Err(AppError::ResetInvalid);
        };
        let mut errors = FieldErrors::default();
        let password = check_new_password(&mut errors, (&user).into(), new, confirmation);
        errors.into_result()?;
        let Some(password) = password else {
            return Err(AppError::Internal("password check without result".into()));
        };
        let phc = self.hasher().hash(&password).await?;
        let now = self.now();
        let mut tx = self.db().begin().await?;
        if password_resets::lookup(&mut tx, &hash, now)
            .await?
            .map(|u| u.id)
            != Some(user.id)
        {
            return Err(AppError::ResetInvalid);
        }
        users::set_password(&mut tx, user.user_id(), &phc, now).await?;
        sessions::delete_all_of_user(&mut tx, user.user_id()).await?;
        password_resets::delete_of_user(&mut tx, user.user_id()).await?;
        // The link came to the professional mailbox: a suspended account is the person's again.
        if users::unsuspend(&mut tx, user.user_id()).await? {
            lifecycle::audit(&mut tx, now, None, "account-reopened", "").await?;
        }
        self.queue_notice(
            &mut tx,
            user.user_id(),
            &user.email,
            emails::Notice::PasswordChanged,
            now,
        )
        .await?;
        tx.commit().await?;
        // A person locked out by someone else's guesses gets in with the link (SEC-05).
        let (net_key, address_key) = crate::auth::login_keys(&user.email, client);
        self.throttle_clear(&throttle::LOGIN, &net_key).await?;
        self.throttle_clear(&throttle::LOGIN_ADDRESS, &address_key)
            .await?;
        tracing::info!(target: "security", user = %user.id, "password reset");
        Ok(())
    }
}

impl App {
    pub async fn recovery_email(&self, actor: &crate::Actor) -> Result<Option<String>, AppError> {
        Ok(users::recovery_email(self.db(), actor.id()).await?)
    }

    /// A personal address that would also receive reset links: asked with the current
    /// password (a stolen session is not enough) and the person's explicit consent, never
    /// another account's professional address, and effective only once confirmed from that
    /// address (`confirm_recovery_email`). Returns the address the link went to.
    pub async fn request_recovery_email(
        &self,
        actor: &crate::Actor,
        email: &str,
        consent: bool,
        current: PasswordAttempt,
        client: &str,
    ) -> Result<String, AppError> {
        self.authorize_own(actor)?;
        let mut errors = FieldErrors::default();
        let parsed = Email::parse(email)
            .map_err(|e| errors.add("recovery_email", e.code()))
            .ok();
        if !consent {
            errors.add("consent", "recovery-consent-missing");
        }
        if current.expose().is_empty() {
            errors.add("current_password", "password-missing");
        }
        if let Some(p) = &parsed
            && (p.as_str() == actor.account.email
                || users::by_email(self.db(), p.as_str()).await?.is_some())
        {
            errors.add("recovery_email", "recovery-email-professional");
        }
        errors.into_result()?;
        let Some(parsed) = parsed else {
            return Err(AppError::Internal("validated address without value".into()));
        };
        self.check_own_password(actor, &current, "current_password", client)
            .await?;
        let token = SecretToken::generate("")?;
        let now = self.now();
        let c = self.config();
        let m = emails::recovery_confirmation(
            &c.instance_name,
            &c.public_url(),
            token.expose(),
            RECOVERY_LINK_VALIDITY.as_secs() / 3600,
        );
        let link = mail_links::NewLink {
            purpose: RECOVERY_CONFIRM,
            user: actor.id(),
            address: Some(parsed.as_str()),
        };
        let mut tx = self.db().begin().await?;
        mail_links::delete_of_user_for(&mut tx, actor.id(), RECOVERY_CONFIRM).await?;
        mail_links::insert(
            &mut tx,
            &token.hash(),
            &link,
            now,
            now.plus(RECOVERY_LINK_VALIDITY),
        )
        .await?;
        outbox::queue(&mut tx, parsed.as_str(), &m.subject, &m.body, now).await?;
        tx.commit().await?;
        Ok(parsed.as_str().to_owned())
    }

    /// The address a live confirmation link would set, for the page that asks to confirm it.
    pub async fn recovery_link(&self, token: &str, client: &str) -> Result<String, AppError> {
        self.live_mail_link(token, client, |p| p == RECOVERY_CONFIRM)
            .await?
            .and_then(|l| l.link_address)
            .ok_or(AppError::LinkInvalid)
    }

    /// The link was followed from the new address: it becomes the recovery address, and the
    /// professional address is told, with its « ce n'était pas moi » link.
    pub async fn confirm_recovery_email(&self, token: &str, client: &str) -> Result<(), AppError> {
        self.recovery_link(token, client).await?;
        let now = self.now();
        let hash = SecretToken::from_client(token).hash();
        let Some(link) = mail_links::lookup(self.db(), &hash, now).await? else {
            return Err(AppError::LinkInvalid);
        };
        let Some(address) = link.link_address else {
            return Err(AppError::LinkInvalid);
        };
        let person = link.user.user_id();
        let mut tx = self.db().begin().await?;
        if !mail_links::take(&mut tx, &hash).await? {
            return Err(AppError::LinkInvalid);
        }
        users::set_recovery_email_tx(&mut tx, person, Some(&address), now).await?;
        self.queue_notice(
            &mut tx,
            person,
            &link.user.email,
            emails::Notice::RecoveryAddressSet(&address),
            now,
        )
        .await?;
        tx.commit().await?;
        tracing::info!(target: "security", user = %person, "recovery address confirmed");
        Ok(())
    }

    /// Removes the recovery address; the professional address is told.
    pub async fn remove_recovery_email(&self, actor: &crate::Actor) -> Result<(), AppError> {
        self.authorize_own(actor)?;
        let now = self.now();
        let mut tx = self.db().begin().await?;
        users::set_recovery_email_tx(&mut tx, actor.id(), None, now).await?;
        self.queue_notice(
            &mut tx,
            actor.id(),
            &actor.account.email,
            emails::Notice::RecoveryAddressRemoved,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
