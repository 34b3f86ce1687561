//! "Mot de passe oublié": a single-use link to the professional address, 30 minutes. The
//! answer is the same whether the address has an account or not.

use crate::auth::check_new_password;
use crate::{App, AppError, FieldErrors, mail, messages, throttle};
use preau_domain::{Email, SecretToken};
use preau_store::{password_resets, sessions, users};
use std::time::Duration;

/// SEC-09 asks for 30 minutes; the 1 hour is a ceiling.
pub const RESET_VALIDITY: Duration = Duration::from_secs(30 * 60);
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
        let message = messages::password_reset(
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
            mail::queue(&mut tx, to, &message.subject, &message.body, now).await?;
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
        let key = throttle::RESET_GUESS.key(client);
        let reserved = self
            .throttle_reserve(&throttle::RESET_GUESS, &key, now)
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
        let c = self.config();
        let notice = messages::password_changed(&c.instance_name, &c.public_url());
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
        mail::queue(&mut tx, &user.email, &notice.subject, &notice.body, now).await?;
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

    /// A personal address that also receives reset links, only with the person's explicit
    /// consent; `None` removes it.
    pub async fn set_recovery_email(
        &self,
        actor: &crate::Actor,
        email: Option<&str>,
        consent: bool,
    ) -> Result<(), AppError> {
        let now = self.now();
        let Some(input) = email else {
            return Ok(users::set_recovery_email(self.db(), actor.id(), None, now).await?);
        };
        let mut errors = FieldErrors::default();
        let parsed = Email::parse(input)
            .map_err(|e| errors.add("recovery_email", e.code()))
            .ok();
        if !consent {
            errors.add("consent", "recovery-consent-missing");
        }
        errors.into_result()?;
        let Some(parsed) = parsed else {
            return Err(AppError::Internal("validated address without value".into()));
        };
        Ok(users::set_recovery_email(self.db(), actor.id(), Some(parsed.as_str()), now).await?)
    }
}
