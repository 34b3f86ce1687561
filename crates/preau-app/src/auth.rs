//! Login, sessions and passwords. Throttling is counted in the database, keyed on the hashed
//! address, so every instance counts the same failures and the answer is the same whether the
//! account exists or not.

use crate::account::Account;
use crate::throttle;
use crate::{App, AppError, FieldErrors};
use preau_domain::password::{self, PasswordAttempt};
use preau_domain::policy::{AccountStatus, Action, Resource, can};
use preau_domain::{Email, SecretToken, Timestamp, TokenHash, UserId};
use preau_store::users::UserRow;
use preau_store::{sessions, users};
use std::time::Duration;
use uuid::Uuid;

/// `last_seen_at` is written at most this often, not on every request.
const TOUCH_EVERY: Duration = Duration::from_secs(60);

/// The person behind a request: a logged-in session or a personal access token.
#[derive(Debug, Clone)]
pub struct Actor {
    pub account: Account,
    /// The session this request came with (None for API tokens).
    pub session: Option<TokenHash>,
    /// Unread notifications, read with the session for the bell on every page (0 for API
    /// tokens: the API asks for them).
    pub unread_notifications: i64,
}

impl Actor {
    pub fn id(&self) -> UserId {
        self.account.id
    }
}

/// One live session, as the person sees it: never its token or the token's hash.
#[derive(Debug, Clone)]
pub struct SessionSummary {
    /// The random public id, the only handle pages and the API use.
    pub id: Uuid,
    /// Browser family and platform (`Firefox / Linux`), `?` for what the browser did not say.
    pub device: String,
    pub started_at: Timestamp,
    pub last_active_at: Timestamp,
    /// The session this request came with.
    pub current: bool,
}

pub struct LoginOk {
    pub token: SecretToken,
    pub account: Account,
    /// The account was closing: this login cancelled its erasure.
    pub closing_cancelled: bool,
}

impl App {
    /// Asks the policy whether `actor` may do `action` on `resource`: every use case calls
    /// this before it reads or changes anything. A refusal is `Forbidden`; a use case that
    /// must not reveal that a resource exists answers `NotFound` itself.
    pub(crate) fn authorize(
        &self,
        actor: &Actor,
        action: Action,
        resource: Resource,
    ) -> Result<(), AppError> {
        let decision = can(&actor.account.subject(), action, resource);
        if decision.is_allowed() {
            Ok(())
        } else {
            tracing::debug!(?action, reason = ?decision.reason(), "refused");
            Err(AppError::Forbidden)
        }
    }

    /// The actor's own account, for the self-service use cases.
    pub(crate) fn authorize_own(&self, actor: &Actor) -> Result<(), AppError> {
        self.authorize(
            actor,
            Action::ManageOwnAccount,
            Resource::Account(actor.id().as_uuid()),
        )
    }
}

fn normalised_login(email_input: &str) -> String {
    Email::parse(email_input)
        .map(|e| e.as_str().to_owned())
        .unwrap_or_else(|_| email_input.trim().to_lowercase())
}

/// The two throttle keys of a login: the address from this client's network, and the
/// address alone.
pub(crate) fn login_keys(email_input: &str, client: &str) -> (TokenHash, TokenHash) {
    let address = normalised_login(email_input);
    (
        throttle::LOGIN.key_from(&address, client),
        throttle::LOGIN_ADDRESS.key(&address),
    )
}

impl App {
    /// Checks the password of `email`, throttled per address and client network and, more
    /// slowly, per address. Same error for an unknown address. Both attempts are reserved
    /// before the hash is verified, so a burst gets no more verifications than the policy.
    pub(crate) async fn authenticate(
        &self,
        email_input: &str,
        attempt: &PasswordAttempt,
        client: &str,
    ) -> Result<UserRow, AppError> {
        let now = self.now();
        let (net_key, address_key) = login_keys(email_input, client);
        let from_net = self
            .throttle_reserve(&throttle::LOGIN, &net_key, now)
            .await?;
        let anywhere = match self
            .throttle_reserve(&throttle::LOGIN_ADDRESS, &address_key, now)
            .await
        {
            Ok(r) => r,
            Err(refused) => {
                self.throttle_release(from_net).await?;
                return Err(refused);
            }
        };
        let user = match Email::parse(email_input) {
            Ok(email) => users::by_email(self.db(), email.as_str()).await?,
            Err(_) => None,
        };
        let verified = self
            .hasher()
            .verify(attempt, user.as_ref().map(|u| u.password_hash.as_str()))
            .await;
        let verified = match verified {
            Ok(v) => v,
            Err(e) => {
                self.throttle_release(from_net).await?;
                self.throttle_release(anywhere).await?;
                return Err(e.into());
            }
        };
        match user {
            // The person reported « ce n'était pas moi »: a reset from the mailbox reopens it.
            Some(user) if verified.ok && user.status == AccountStatus::Suspended.as_str() => {
                self.throttle_release(from_net).await?;
                self.throttle_release(anywhere).await?;
                Err(AppError::AccountSuspended)
            }
            Some(user) if verified.ok => {
                self.throttle_clear(&throttle::LOGIN, &net_key).await?;
                self.throttle_clear(&throttle::LOGIN_ADDRESS, &address_key)
                    .await?;
                if verified.needs_rehash {
                    self.rehash(&user, attempt).await?;
                }
                Ok(user)
            }
            _ => {
                self.throttle_fail(from_net).await?;
                self.throttle_fail(anywhere).await?;
                Err(AppError::BadCredentials)
            }
        }
    }

    /// Stronger parameters were configured since this hash was made: replace it now that we
    /// hold the password.
    async fn rehash(&self, user: &UserRow, attempt: &PasswordAttempt) -> Result<(), AppError> {
        // The password just verified is kept as it is: the policy applies to new passwords.
        let new_hash = self.hasher().hash_verified(attempt).await?;
        users::rehash(self.db(), user.user_id(), &user.password_hash, &new_hash).await?;
        Ok(())
    }

    /// Opens a new session (the previous one, if any, is ended: a session id never survives a
    /// login).
    pub async fn login(
        &self,
        email_input: &str,
        attempt: PasswordAttempt,
        previous: Option<&TokenHash>,
        device: &str,
        client: &str,
    ) -> Result<LoginOk, AppError> {
        let mut missing = FieldErrors::default();
        if email_input.trim().is_empty() {
            missing.add("email", "email-missing");
        }
        if attempt.expose().is_empty() {
            missing.add("password", "password-missing");
        }
        missing.into_result()?;
        let mut user = self.authenticate(email_input, &attempt, client).await?;
        let closing_cancelled = user.status == AccountStatus::Closing.as_str()
            && self.cancel_closing(user.user_id()).await?;
        if closing_cancelled {
            user = users::by_email(self.db(), &user.email)
                .await?
                .ok_or(AppError::NotFound)?;
        }
        if let Some(previous) = previous {
            sessions::delete(self.db(), previous).await?;
        }
        let token = self.open_session(user.user_id(), device).await?;
        Ok(LoginOk {
            token,
            account: Account::from_row(user),
            closing_cancelled,
        })
    }

    pub(crate) async fn open_session(
        &self,
        user: UserId,
        device: &str,
    ) -> Result<SecretToken, AppError> {
        let token = SecretToken::generate("")?;
        let mut tx = self.db().begin().await?;
        sessions::insert(
            &mut tx,
            &token.hash(),
            user,
            self.now(),
            device,
            preau_domain::ids::random_id()?,
        )
        .await?;
        tx.commit().await?;
        Ok(token)
    }

    /// The account behind a session cookie, if the session is still alive.
    pub async fn resolve_session(&self, token: &SecretToken) -> Result<Option<Actor>, AppError> {
        let hash = token.hash();
        let Some(found) = sessions::lookup(self.db(), &hash).await? else {
            return Ok(None);
        };
        let now = self.now();
        let s = &self.config().session;
        let idle_limit =
            found.session_last_seen_at + i64::try_from(s.idle_minutes * 60).unwrap_or(i64::MAX);
        let absolute_limit =
            found.session_created_at + i64::try_from(s.absolute_hours * 3600).unwrap_or(i64::MAX);
        if now.unix() >= idle_limit || now.unix() >= absolute_limit {
            sessions::delete(self.db(), &hash).await?;
            return Ok(None);
        }
        if now.unix() - found.session_last_seen_at
            >= i64::try_from(TOUCH_EVERY.as_secs()).unwrap_or(60)
        {
            sessions::touch(self.db(), &hash, now).await?;
        }
        Ok(Some(Actor {
            account: Account::from_row(found.user),
            session: Some(hash),
            unread_notifications: found.unread_notifications,
        }))
    }

    pub async fn logout(&self, actor: &Actor) -> Result<(), AppError> {
        if let Some(hash) = &actor.session {
            sessions::delete(self.db(), hash).await?;
        }
        Ok(())
    }

    /// Ends every session of the account, this one included.
    pub async fn logout_everywhere(&self, actor: &Actor) -> Result<u64, AppError> {
        let mut tx = self.db().begin().await?;
        let n = sessions::delete_all_of_user(&mut tx, actor.id()).await?;
        tx.commit().await?;
        Ok(n)
    }

    pub async fn session_count(&self, actor: &Actor) -> Result<i64, AppError> {
        Ok(sessions::count_of_user(self.db(), actor.id()).await?)
    }

    /// « Mes sessions »: the actor's live sessions, newest first, the one they ask from marked.
    pub async fn list_sessions(&self, actor: &Actor) -> Result<Vec<SessionSummary>, AppError> {
        self.authorize_own(actor)?;
        let now = self.now();
        let s = &self.config().session;
        let rows = sessions::list_of_user(
            self.db(),
            actor.id(),
            actor.session.as_ref(),
            now.minus(Duration::from_secs(s.idle_minutes * 60)),
            now.minus(Duration::from_secs(s.absolute_hours * 3600)),
        )
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| SessionSummary {
                id: r.public_id,
                device: r.device,
                started_at: Timestamp::from_unix(r.created_at),
                last_active_at: Timestamp::from_unix(r.last_seen_at),
                current: r.current != 0,
            })
            .collect())
    }

    /// Ends one session, named by its public id; returns whether it was the actor's current
    /// one (the page then clears its cookie). Someone else's session, or one already gone, is
    /// `NotFound`: the same answer, so an id reveals nothing, and nothing ends.
    pub async fn end_session(&self, actor: &Actor, id: Uuid) -> Result<bool, AppError> {
        let Some((owner, current)) =
            sessions::owner_of(self.db(), id, actor.session.as_ref()).await?
        else {
            return Err(AppError::NotFound);
        };
        let decision = can(
            &actor.account.subject(),
            Action::ManageOwnAccount,
            Resource::Account(owner.as_uuid()),
        );
        if !decision.is_allowed() {
            tracing::debug!(reason = ?decision.reason(), "session of someone else");
            return Err(AppError::NotFound);
        }
        // The owner is in the DELETE too: the row cannot change hands between the two reads.
        sessions::delete_of_user(self.db(), owner, id).await?;
        tracing::info!(target: "security", user = %actor.id(), "session ended from the session list");
        Ok(current)
    }

    /// Ends every session of the account but the one asking (all of them for an API token).
    pub async fn end_other_sessions(&self, actor: &Actor) -> Result<u64, AppError> {
        self.authorize_own(actor)?;
        let mut tx = self.db().begin().await?;
        let n = match &actor.session {
            Some(keep) => sessions::delete_others_of_user(&mut tx, actor.id(), keep).await?,
            None => sessions::delete_all_of_user(&mut tx, actor.id()).await?,
        };
        tx.commit().await?;
        tracing::info!(target: "security", user = %actor.id(), "other sessions ended");
        Ok(n)
    }

    /// The actor's own password typed again (to change it, set a recovery address, close the
    /// account), throttled like a login; a wrong one is a field error on `field`.
    pub(crate) async fn check_own_password(
        &self,
        actor: &Actor,
        attempt: &PasswordAttempt,
        field: &'static str,
        client: &str,
    ) -> Result<(), AppError> {
        match self
            .authenticate(&actor.account.email, attempt, client)
            .await
        {
            Ok(_) => Ok(()),
            Err(AppError::BadCredentials) => {
                let mut e = FieldErrors::default();
                e.add(field, "current-password-wrong");
                Err(AppError::Invalid(e))
            }
            Err(other) => Err(other),
        }
    }

    /// Changes the password after checking the current one (throttled like a login), and ends
    /// every other session of the account.
    pub async fn change_password(
        &self,
        actor: &Actor,
        current: PasswordAttempt,
        new: &str,
        confirmation: &str,
        client: &str,
    ) -> Result<(), AppError> {
        let mut errors = FieldErrors::default();
        if current.expose().is_empty() {
            errors.add("current_password", "password-missing");
        }
        self.authorize_own(actor)?;
        let new_password =
            check_new_password(&mut errors, (&actor.account).into(), new, confirmation);
        errors.into_result()?;
        let Some(new_password) = new_password else {
            return Err(AppError::Internal("password check without result".into()));
        };
        self.check_own_password(actor, &current, "current_password", client)
            .await?;
        let hash = self.hasher().hash(&new_password).await?;
        let now = self.now();
        let mut tx = self.db().begin().await?;
        users::set_password(&mut tx, actor.id(), &hash, now).await?;
        self.queue_notice(
            &mut tx,
            actor.id(),
            &actor.account.email,
            crate::emails::Notice::PasswordChanged,
            now,
        )
        .await?;
        match &actor.session {
            Some(keep) => sessions::delete_others_of_user(&mut tx, actor.id(), keep).await?,
            None => sessions::delete_all_of_user(&mut tx, actor.id()).await?,
        };
        tx.commit().await?;
        tracing::info!(target: "security", user = %actor.id(), "password changed");
        Ok(())
    }

    /// Remembers the interface language the person chose.
    pub async fn set_locale(&self, actor: &Actor, locale: &str) -> Result<(), AppError> {
        Ok(users::set_locale(self.db(), actor.id(), Some(locale)).await?)
    }
}

/// The person's own words, which their password must not lean on.
#[derive(Clone, Copy)]
pub(crate) struct PersonalWords<'a> {
    pub given_name: &'a str,
    pub family_name: &'a str,
    pub email: &'a str,
}

impl<'a> From<&'a Account> for PersonalWords<'a> {
    fn from(a: &'a Account) -> Self {
        Self {
            given_name: &a.given_name,
            family_name: &a.family_name,
            email: &a.email,
        }
    }
}

impl<'a> From<&'a UserRow> for PersonalWords<'a> {
    fn from(u: &'a UserRow) -> Self {
        Self {
            given_name: &u.given_name,
            family_name: &u.family_name,
            email: &u.email,
        }
    }
}

/// Checks a new password and its confirmation against the policy, with the person's own
/// words as context; records problems under `password` / `password_confirmation`.
pub(crate) fn check_new_password(
    errors: &mut FieldErrors,
    person: PersonalWords<'_>,
    new: &str,
    confirmation: &str,
) -> Option<password::NewPassword> {
    let mut context: Vec<&str> = vec!["preau", "préau"];
    context.extend(person.given_name.split([' ', '-', '\'']));
    context.extend(person.family_name.split([' ', '-', '\'']));
    context.extend(person.email.split(['@', '.', '-', '_', '+']));
    check_with_context(errors, &context, new, confirmation)
}

pub(crate) fn check_with_context(
    errors: &mut FieldErrors,
    context: &[&str],
    new: &str,
    confirmation: &str,
) -> Option<password::NewPassword> {
    let checked = match password::check_new_password(new, context) {
        Ok(p) => Some(p),
        Err(problem) => {
            errors.add("password", problem.code());
            None
        }
    };
    if new != confirmation {
        errors.add("password_confirmation", "password-mismatch");
    }
    checked
}
