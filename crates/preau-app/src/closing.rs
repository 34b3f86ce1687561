//! « Supprimer mon compte » (issue 11): after typing their password again, the person's
//! account closes at once — sessions and tokens revoked, hidden from everyone — and is erased
//! 30 days later, unless they log in before then, which cancels it. The groups they alone
//! own are handed to the longest-standing manager (else member), or deleted, as they chose;
//! a group nobody else is in goes with them. Every row keyed on the account goes with it.

use crate::i18n::{FluentValue, Lang};
use crate::{Actor, App, AppError, FieldErrors};
use preau_domain::notifications::NotificationKind;
use preau_domain::password::PasswordAttempt;
use preau_domain::{Timestamp, UserId};
use preau_store::{Tx, api_tokens, groups as group_rows, sessions, users};
use std::time::Duration;
use uuid::Uuid;

/// Between the request and the erasure.
pub const CLOSING_GRACE: Duration = Duration::from_secs(30 * 86_400);

/// What becomes of the groups the person alone owns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupsChoice {
    /// To the longest-standing manager, else member (deleted when nobody is left).
    HandOver,
    /// Deleted; their members are told.
    Delete,
}

impl GroupsChoice {
    pub const ALL: [GroupsChoice; 2] = [Self::HandOver, Self::Delete];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::HandOver => "hand-over",
            Self::Delete => "delete",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// What becomes of the files the person put in groups' spaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentsChoice {
    /// They stay for the group, linked to no one (« ancien·ne membre »).
    Keep,
    /// They are deleted with the account, contents included.
    Delete,
}

impl DocumentsChoice {
    pub const ALL: [DocumentsChoice; 2] = [Self::Keep, Self::Delete];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Keep => "keep",
            Self::Delete => "delete",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl App {
    /// How many files the actor put in groups' spaces: what the closing page asks about.
    pub async fn group_files_of_mine(&self, actor: &Actor) -> Result<i64, AppError> {
        self.authorize_own(actor)?;
        Ok(preau_store::documents::group_files_of(self.db(), actor.id().as_uuid()).await?)
    }

    /// The groups the actor alone owns: what the closing page asks about.
    pub async fn groups_alone_owned(&self, actor: &Actor) -> Result<Vec<(Uuid, String)>, AppError> {
        self.authorize_own(actor)?;
        let mut tx = self.db().begin().await?;
        let owned = group_rows::sole_owned(&mut tx, actor.id()).await?;
        tx.commit().await?;
        Ok(owned)
    }

    /// Closes the actor's account after checking their password; returns the day of the
    /// erasure.
    pub async fn close_my_account(
        &self,
        actor: &Actor,
        password: PasswordAttempt,
        groups: &str,
        documents: &str,
        client: &str,
    ) -> Result<Timestamp, AppError> {
        self.authorize_own(actor)?;
        let mut errors = FieldErrors::default();
        if password.expose().is_empty() {
            errors.add("password", "password-missing");
        }
        let choice = GroupsChoice::parse(groups);
        if choice.is_none() {
            errors.add("groups", "closing-groups-invalid");
        }
        let documents = DocumentsChoice::parse(documents);
        if documents.is_none() {
            errors.add("documents", "closing-documents-invalid");
        }
        errors.into_result()?;
        let choice = choice.unwrap_or(GroupsChoice::HandOver);
        let documents = documents.unwrap_or(DocumentsChoice::Keep);
        self.check_own_password(actor, &password, "password", client)
            .await?;
        let now = self.now();
        let erased_on = now.plus(CLOSING_GRACE);
        let mut tx = self.db().begin().await?;
        if !users::close(
            &mut tx,
            actor.id(),
            now,
            choice.as_str(),
            documents.as_str(),
        )
        .await?
        {
            return Err(AppError::Forbidden);
        }
        sessions::delete_all_of_user(&mut tx, actor.id()).await?;
        api_tokens::delete_all_of_user(&mut tx, actor.id()).await?;
        let lang = actor
            .account
            .locale
            .as_deref()
            .and_then(Lang::parse)
            .unwrap_or_default();
        let date = FluentValue::from(erased_on.date());
        let body = lang.t_with(
            "closing-email-body",
            &[
                ("name", actor.account.given_name.clone().into()),
                ("date", date.clone()),
                (
                    "url",
                    format!("{}/connexion", self.config().public_url()).into(),
                ),
            ],
        );
        let subject = lang.t_with(
            "closing-email-subject",
            &[("instance", self.config().instance_name.clone().into())],
        );
        crate::outbox::queue(&mut tx, &actor.account.email, &subject, &body, now).await?;
        tx.commit().await?;
        tracing::info!(target: "security", user = %actor.id(), "account closing");
        Ok(erased_on)
    }

    /// A login into a closing account cancels its closing; `true` if it did.
    pub(crate) async fn cancel_closing(&self, user: UserId) -> Result<bool, AppError> {
        let mut tx = self.db().begin().await?;
        let cancelled = users::cancel_closing(&mut tx, user).await?;
        tx.commit().await?;
        if cancelled {
            tracing::info!(target: "security", user = %user, "account closing cancelled");
        }
        Ok(cancelled)
    }

    /// The day a closing account will be erased, if it is closing.
    pub async fn erasure_date(&self, actor: &Actor) -> Result<Option<String>, AppError> {
        Ok(users::closing_since(self.db(), actor.id())
            .await?
            .map(|since| Timestamp::from_unix(since).plus(CLOSING_GRACE).date()))
    }

    /// The groups `leaving` alone owns go to a successor or are deleted (their members told),
    /// before the account is erased.
    pub(crate) async fn settle_groups(
        &self,
        tx: &mut Tx,
        leaving: UserId,
        choice: GroupsChoice,
    ) -> Result<(), AppError> {
        for (group, name) in group_rows::sole_owned(tx, leaving).await? {
            let successor = match choice {
                GroupsChoice::HandOver => group_rows::successor(tx, group, leaving).await?,
                GroupsChoice::Delete => None,
            };
            match successor {
                Some(next) => {
                    group_rows::set_role(tx, group, next, "owner").await?;
                    self.notify(
                        tx,
                        next,
                        NotificationKind::GroupRoleChanged,
                        (Some(group), &name),
                        None,
                        "owner",
                    )
                    .await?;
                }
                None => {
                    for member in group_rows::member_ids(tx, group, false).await? {
                        if member != leaving {
                            self.notify(
                                tx,
                                member,
                                NotificationKind::GroupDeleted,
                                (None, &name),
                                None,
                                "",
                            )
                            .await?;
                        }
                    }
                    group_rows::delete(tx, group).await?;
                }
            }
        }
        Ok(())
    }

    /// Erases the accounts whose closing is 30 days old, with the mail addressed to them.
    pub(crate) async fn erase_closed_accounts(&self, now: Timestamp) -> Result<u64, AppError> {
        let due = users::closed_due(self.db(), now.minus(CLOSING_GRACE)).await?;
        let mut erased = 0;
        let mut addresses = Vec::new();
        for account in &due {
            let choice = account
                .closing_groups
                .as_deref()
                .and_then(GroupsChoice::parse)
                .unwrap_or(GroupsChoice::HandOver);
            let mut tx = self.db().begin().await?;
            self.settle_groups(&mut tx, UserId::from_uuid(account.id), choice)
                .await?;
            let documents = account
                .closing_documents
                .as_deref()
                .and_then(DocumentsChoice::parse)
                .unwrap_or(DocumentsChoice::Keep);
            if documents == DocumentsChoice::Delete {
                preau_store::documents::delete_group_files_of(&mut tx, account.id).await?;
            }
            if users::delete_closed(&mut tx, account.id).await? {
                erased += 1;
                addresses.push(account.email.clone());
                addresses.extend(account.recovery_email.clone());
            }
            tx.commit().await?;
        }
        self.forget_mail_to(addresses.iter()).await?;
        Ok(erased)
    }
}
