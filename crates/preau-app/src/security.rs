//! What tells a person about their own account, and lets them stop an intruder: a notice to
//! the professional address after each activation, password change, recovery-address change
//! and new API token, with a single-use « ce n'était pas moi » link that suspends the
//! account, closes its sessions and tokens and tells the administrators (issue 9 §1).

use crate::emails::{self, Notice};
use crate::{App, AppError, outbox, throttle};
use preau_domain::{SecretToken, Timestamp, UserId};
use preau_store::mail_links::{self, NewLink};
use preau_store::{Tx, api_tokens, lifecycle, password_resets, sessions, users};
use std::time::Duration;

/// How long a « ce n'était pas moi » link works: long enough to read one's mail after a
/// holiday.
pub const NOT_ME_VALIDITY: Duration = Duration::from_secs(30 * 86_400);
const NOT_ME: &str = "not-me";

impl Notice<'_> {
    /// The link's purpose records what the notice was about, for the administrators' mail.
    fn purpose(&self) -> &'static str {
        match self {
            Self::Activated => "not-me:activated",
            Self::PasswordChanged => "not-me:password",
            Self::RecoveryAddressSet(_) | Self::RecoveryAddressRemoved => "not-me:recovery",
            Self::ApiTokenCreated(_) => "not-me:token",
        }
    }
}

fn described(purpose: &str) -> &'static str {
    match purpose {
        "not-me:activated" => "ouverture du compte / account opened",
        "not-me:password" => "mot de passe changé / password changed",
        "not-me:recovery" => "adresse de secours changée / recovery address changed",
        "not-me:token" => "jeton d'API créé / API token created",
        _ => "action sur le compte / account change",
    }
}

impl App {
    /// Queues `notice` to the professional address, in the caller's transaction, with a new
    /// « ce n'était pas moi » link.
    pub(crate) async fn queue_notice(
        &self,
        tx: &mut Tx,
        user: UserId,
        professional: &str,
        notice: Notice<'_>,
        now: Timestamp,
    ) -> Result<(), AppError> {
        let token = SecretToken::generate("")?;
        let link = NewLink {
            purpose: notice.purpose(),
            user,
            address: None,
        };
        mail_links::insert(tx, &token.hash(), &link, now, now.plus(NOT_ME_VALIDITY)).await?;
        let c = self.config();
        let m = emails::security_notice(
            &c.instance_name,
            &c.public_url(),
            notice,
            token.expose(),
            NOT_ME_VALIDITY.as_secs() / 86_400,
        );
        outbox::queue(tx, professional, &m.subject, &m.body, now).await
    }

    /// Whether a « ce n'était pas moi » link is live (following unknown links is throttled).
    pub async fn not_me_link_is_valid(&self, token: &str, client: &str) -> Result<bool, AppError> {
        Ok(self.live_not_me(token, client).await?.is_some())
    }

    async fn live_not_me(
        &self,
        token: &str,
        client: &str,
    ) -> Result<Option<mail_links::LinkedAccount>, AppError> {
        self.live_mail_link(token, client, |purpose| purpose.starts_with(NOT_ME))
            .await
    }

    /// The live mailed link behind `token` whose purpose `wanted` accepts. Following links
    /// that do not exist is throttled per client, like invitation codes (SEC-05).
    pub(crate) async fn live_mail_link(
        &self,
        token: &str,
        client: &str,
        wanted: impl Fn(&str) -> bool,
    ) -> Result<Option<mail_links::LinkedAccount>, AppError> {
        let now = self.now();
        let key = throttle::LINK_GUESS.key(client);
        let reserved = self
            .throttle_reserve(&throttle::LINK_GUESS, &key, now)
            .await?;
        let hash = SecretToken::from_client(token).hash();
        let found = mail_links::lookup(self.db(), &hash, now)
            .await?
            .filter(|l| wanted(&l.link_purpose));
        match found {
            Some(_) => self.throttle_release(reserved).await?,
            None => self.throttle_fail(reserved).await?,
        }
        Ok(found)
    }

    /// « Ce n'était pas moi »: suspends the account, ends its sessions, revokes its tokens and
    /// reset links, and tells the administrators. No password needed: the link came to the
    /// professional mailbox. Single use.
    pub async fn report_takeover(&self, token: &str, client: &str) -> Result<(), AppError> {
        let Some(link) = self.live_not_me(token, client).await? else {
            return Err(AppError::LinkInvalid);
        };
        let person = link.user.user_id();
        let now = self.now();
        let c = self.config();
        let admins = users::admin_emails(self.db()).await?;
        let who = format!(
            "{} {} <{}>",
            link.user.given_name, link.user.family_name, link.user.email
        );
        let m = emails::takeover_reported(
            &c.instance_name,
            &c.public_url(),
            &who,
            described(&link.link_purpose),
        );
        let mut tx = self.db().begin().await?;
        if !mail_links::take(&mut tx, &SecretToken::from_client(token).hash()).await? {
            return Err(AppError::LinkInvalid);
        }
        users::suspend(&mut tx, person).await?;
        sessions::delete_all_of_user(&mut tx, person).await?;
        api_tokens::delete_all_of_user(&mut tx, person).await?;
        password_resets::delete_of_user(&mut tx, person).await?;
        for admin in admins.iter().filter(|a| **a != link.user.email) {
            outbox::queue(&mut tx, admin, &m.subject, &m.body, now).await?;
        }
        lifecycle::audit(&mut tx, now, None, "takeover-reported", "").await?;
        tx.commit().await?;
        tracing::warn!(target: "security", user = %person, "takeover reported; account suspended");
        Ok(())
    }
}
