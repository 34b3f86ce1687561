//! The first administrator. No default account exists anywhere: the console prints a
//! single-use link (256 random bits, valid one hour), and whoever holds it creates the
//! administrator account with their own password.

use crate::auth::check_with_context;
use crate::{App, AppError, FieldErrors, LoginOk, emails, outbox};
use preau_domain::{Email, Permission, PersonName, SecretToken, UserId};
use preau_store::{lifecycle, mail_links, sessions, setup_links, users};
use std::time::Duration;

pub const SETUP_LINK_VALIDITY: Duration = Duration::from_secs(60 * 60);
/// How long an additional administrator has to confirm their professional address.
pub const ADMIN_LINK_VALIDITY: Duration = Duration::from_secs(48 * 3600);
const ADMIN_GRANT: &str = "admin-grant";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupLinkState {
    Valid,
    Expired,
    Used,
    /// A newer link was printed since.
    Replaced,
    Unknown,
}

impl SetupLinkState {
    pub fn code(self) -> &'static str {
        match self {
            Self::Valid => "setup-link-valid",
            Self::Expired => "setup-link-expired",
            Self::Used => "setup-link-used",
            Self::Replaced => "setup-link-replaced",
            Self::Unknown => "setup-link-unknown",
        }
    }
}

/// What the setup form sends.
#[derive(Debug, Default, Clone)]
pub struct SetupForm {
    pub given_name: String,
    pub family_name: String,
    pub email: String,
    pub password: String,
    pub password_confirmation: String,
    pub locale: Option<String>,
}

impl App {
    pub async fn has_administrator(&self) -> Result<bool, AppError> {
        Ok(users::count_with_permission(self.db(), Permission::Admin).await? > 0)
    }

    /// Prints nothing itself: returns the clear link token for the console, once. Earlier
    /// unused links stop working.
    pub async fn issue_setup_link(&self) -> Result<SecretToken, AppError> {
        let token = SecretToken::generate("")?;
        let now = self.now();
        let mut tx = self.db().begin().await?;
        setup_links::replace(&mut tx, &token.hash(), now, now.plus(SETUP_LINK_VALIDITY)).await?;
        tx.commit().await?;
        tracing::info!(target: "security", "first-administrator setup link issued");
        Ok(token)
    }

    pub async fn setup_link_state(&self, token: &SecretToken) -> Result<SetupLinkState, AppError> {
        let Some(row) = setup_links::state(self.db(), &token.hash()).await? else {
            return Ok(SetupLinkState::Unknown);
        };
        Ok(if row.used_at.is_some() {
            SetupLinkState::Used
        } else if row.revoked_at.is_some() {
            SetupLinkState::Replaced
        } else if row.expires_at <= self.now().unix() {
            SetupLinkState::Expired
        } else {
            SetupLinkState::Valid
        })
    }

    /// Creates the administrator account and logs them in, in one transaction with the link's
    /// consumption: a link creates one account at most.
    pub async fn complete_setup(
        &self,
        token: &SecretToken,
        form: &SetupForm,
        device: &str,
    ) -> Result<LoginOk, AppError> {
        match self.setup_link_state(token).await? {
            SetupLinkState::Valid => {}
            other => return Err(AppError::SetupLink(other)),
        }
        let mut errors = FieldErrors::default();
        let name = PersonName::parse(&form.given_name, &form.family_name)
            .map_err(|(g, f)| {
                if let Some(g) = g {
                    errors.add("given_name", g.code());
                }
                if let Some(f) = f {
                    errors.add("family_name", f.code());
                }
            })
            .ok();
        let email = Email::parse(&form.email)
            .map_err(|e| errors.add("email", e.code()))
            .ok();
        let mut context: Vec<&str> = vec!["preau", "préau", "admin", "administrateur"];
        if let Some(n) = &name {
            context.extend(n.words());
        }
        if let Some(e) = &email {
            context.extend(e.words());
        }
        let password = check_with_context(
            &mut errors,
            &context,
            &form.password,
            &form.password_confirmation,
        );
        errors.into_result()?;
        let (Some(name), Some(email), Some(password)) = (name, email, password) else {
            return Err(AppError::Internal(
                "validated setup form without values".into(),
            ));
        };
        let hash = self.hasher().hash(&password).await?;
        let now = self.now();
        let id = UserId::new();
        let session = SecretToken::generate("")?;
        // An administrator already exists: this one confirms their professional address by
        // mail before the grant takes effect, and the others are told when it does.
        let additional = self.has_administrator().await?;
        let confirmation = SecretToken::generate("")?;
        let c = self.config();
        let m = emails::admin_grant_confirmation(
            &c.instance_name,
            &c.public_url(),
            confirmation.expose(),
            ADMIN_LINK_VALIDITY.as_secs() / 3600,
        );
        let mut tx = self.db().begin().await?;
        if !setup_links::consume(&mut tx, &token.hash(), now).await? {
            return Err(AppError::SetupLink(SetupLinkState::Used));
        }
        let new_user = users::NewUser {
            id,
            email: email.as_str(),
            given_name: name.given(),
            family_name: name.family(),
            password_hash: &hash,
            locale: form.locale.as_deref(),
            structure_id: None,
            corps: "",
            functions: "",
            from_roster: false,
            directory_scope: preau_domain::policy::DirectoryScope::default().as_str(),
            show_structure: true,
            show_functions: false,
            notice_version: None,
        };
        if let Err(e) = users::insert(&mut tx, &new_user, now).await {
            if e.is_conflict_on("email") {
                let mut errors = FieldErrors::default();
                errors.add("email", "email-taken");
                return Err(AppError::Invalid(errors));
            }
            return Err(e.into());
        }
        // An invitation to the same address would carry a code that can only fail now.
        preau_store::invitations::delete_for_email(&mut tx, email.as_str()).await?;
        if additional {
            let link = mail_links::NewLink {
                purpose: ADMIN_GRANT,
                user: id,
                address: None,
            };
            mail_links::insert(
                &mut tx,
                &confirmation.hash(),
                &link,
                now,
                now.plus(ADMIN_LINK_VALIDITY),
            )
            .await?;
            outbox::queue(&mut tx, email.as_str(), &m.subject, &m.body, now).await?;
            lifecycle::audit(&mut tx, now, None, "admin-requested", "").await?;
        } else {
            users::grant(&mut tx, id, Permission::Admin, now, None).await?;
            lifecycle::audit(&mut tx, now, None, "admin-granted", "").await?;
        }
        sessions::insert(
            &mut tx,
            &session.hash(),
            id,
            now,
            device,
            preau_domain::ids::random_id()?,
        )
        .await?;
        let Some(user) = users::by_id_tx(&mut tx, id).await? else {
            return Err(AppError::Internal(
                "account vanished inside its transaction".into(),
            ));
        };
        tx.commit().await?;
        tracing::info!(target: "security", user = %id, additional, "administrator account created");
        Ok(LoginOk {
            token: session,
            account: crate::account::Account::from_row(user),
            closing_cancelled: false,
        })
    }

    /// The professional address a live administrator confirmation link belongs to.
    pub async fn admin_grant_link(&self, token: &str, client: &str) -> Result<String, AppError> {
        self.live_mail_link(token, client, |p| p == ADMIN_GRANT)
            .await?
            .map(|l| l.user.email)
            .ok_or(AppError::LinkInvalid)
    }

    /// The additional administrator followed the link from their professional mailbox: the
    /// grant takes effect, and every existing administrator is told.
    pub async fn confirm_admin_grant(&self, token: &str, client: &str) -> Result<(), AppError> {
        self.admin_grant_link(token, client).await?;
        let now = self.now();
        let hash = SecretToken::from_client(token).hash();
        let Some(link) = mail_links::lookup(self.db(), &hash, now).await? else {
            return Err(AppError::LinkInvalid);
        };
        let others = users::admin_emails(self.db()).await?;
        let c = self.config();
        let who = format!(
            "{} {} <{}>",
            link.user.given_name, link.user.family_name, link.user.email
        );
        let m = emails::admin_granted(&c.instance_name, &c.public_url(), &who);
        let person = link.user.user_id();
        let mut tx = self.db().begin().await?;
        if !mail_links::take(&mut tx, &hash).await? {
            return Err(AppError::LinkInvalid);
        }
        users::grant(&mut tx, person, Permission::Admin, now, None).await?;
        for admin in &others {
            outbox::queue(&mut tx, admin, &m.subject, &m.body, now).await?;
        }
        lifecycle::audit(&mut tx, now, Some(person.as_uuid()), "admin-granted", "").await?;
        tx.commit().await?;
        tracing::warn!(target: "security", user = %person, "administrator permission granted");
        Ok(())
    }
}
