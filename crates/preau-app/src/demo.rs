//! The write of `preau demo`: a generated data set (made by the binary) stored in one
//! transaction, into an empty development instance only. The binary never touches the store:
//! every state change goes through a use case.

use crate::account::Account;
use crate::{Actor, App, AppError};
use preau_domain::{Permission, Timestamp, TokenHash, UserId};
use preau_store::demo::DemoAccount;
use preau_store::invitations::NewInvitation;
use preau_store::{demo, invitations, lifecycle, structures, users};
use uuid::Uuid;

/// Every demo address is under this domain: `.invalid` is reserved (RFC 2606), so no mail can
/// ever reach anyone, and a demo account cannot be mistaken for a real one.
pub const DEMO_DOMAIN: &str = "demo.invalid";

/// A school or unit of the demo.
pub struct DemoStructure<'a> {
    pub id: Uuid,
    pub kind: &'a str,
    pub uai: Option<&'a str>,
    pub name: &'a str,
    pub commune: &'a str,
}

/// Everything the demo writes.
pub struct DemoData<'a> {
    pub scale: &'a str,
    pub structures: Vec<DemoStructure<'a>>,
    pub accounts: Vec<DemoAccount<'a>>,
    pub invitations: Vec<NewInvitation<'a>>,
    /// Invitations that get a code, to be declined through the person's own use case.
    pub coded: Vec<(Uuid, TokenHash)>,
    pub admin: UserId,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoRefusal {
    #[error("production instance")]
    Production,
    #[error("the instance is not empty")]
    NotEmpty,
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<preau_store::StoreError> for DemoRefusal {
    fn from(e: preau_store::StoreError) -> Self {
        Self::App(e.into())
    }
}

impl App {
    /// Writes `data` into this empty development instance, in one transaction: structures,
    /// activated accounts, the administrator's grant (the demo's stands in for the console
    /// link, so earlier links are revoked), invitations and their codes, one journal entry.
    pub async fn write_demo(&self, data: &DemoData<'_>) -> Result<(), DemoRefusal> {
        if self.config().is_production() {
            return Err(DemoRefusal::Production);
        }
        let now: Timestamp = self.now();
        let mut tx = self.db().begin().await?;
        if !demo::is_empty(&mut tx).await? {
            return Err(DemoRefusal::NotEmpty);
        }
        for s in &data.structures {
            structures::insert(&mut tx, s.id, s.kind, s.uai, s.name, s.commune, now).await?;
        }
        demo::insert_accounts(&mut tx, &data.accounts, now).await?;
        users::grant(&mut tx, data.admin, Permission::Admin, now, None).await?;
        demo::revoke_setup_links(&mut tx, now).await?;
        invitations::insert_many(&mut tx, &data.invitations, now).await?;
        for (id, hash) in &data.coded {
            invitations::set_token(&mut tx, *id, hash, now).await?;
        }
        let detail = format!(
            "scale={} accounts={} invitations={}",
            data.scale,
            data.accounts.len(),
            data.invitations.len()
        );
        lifecycle::audit(&mut tx, now, None, "demo-data-generated", &detail).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The demo person behind `email`, as the use cases see them, so that the demo's groups
    /// are made by the same acts as real people's (create, invite, accept, join, request,
    /// approve). For the demo only: a development instance and a `@demo.invalid` address, or
    /// `NotFound`. It stands in for a login because one Argon2id verification per person
    /// would take minutes at the département's scale; the actor carries no session.
    pub async fn demo_actor(&self, email: &str) -> Result<Actor, DemoRefusal> {
        if self.config().is_production() {
            return Err(DemoRefusal::Production);
        }
        let demo_address = email
            .rsplit_once('@')
            .is_some_and(|(_, domain)| domain == DEMO_DOMAIN);
        if !demo_address {
            return Err(DemoRefusal::App(AppError::NotFound));
        }
        let row = users::by_email(self.db(), email)
            .await?
            .ok_or(DemoRefusal::App(AppError::NotFound))?;
        Ok(Actor {
            account: Account::from_row(row),
            session: None,
            unread_notifications: 0,
        })
    }
}
