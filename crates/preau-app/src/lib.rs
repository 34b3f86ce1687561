//! Use cases: the only layer that changes state. Each checks its rule, takes "now" from the
//! injected clock and runs in one transaction; the HTML pages, the JSON API and the CLI all
//! call these functions and nothing else.

pub mod account;
pub mod admin;
pub mod auth;
pub mod config;
pub mod directory;
pub mod error;
pub mod invitations;
pub mod jobs;
pub mod mail;
pub mod messages;
pub mod passwords;
pub mod recovery;
pub mod roster;
pub mod setup;
pub mod throttle;
pub mod tokens;

pub use auth::{Actor, LoginOk};
pub use config::Config;
pub use error::{AppError, FieldErrors};

use preau_domain::{Clock, Timestamp};
use preau_store::Db;
use std::sync::Arc;

/// What one purge deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purged {
    pub sessions: u64,
    pub throttles: u64,
    pub invitations: u64,
    pub departed_accounts: u64,
    pub reinvite_markers: u64,
    pub uploads: u64,
}

impl Purged {
    pub fn total(&self) -> u64 {
        self.sessions
            + self.throttles
            + self.invitations
            + self.departed_accounts
            + self.reinvite_markers
            + self.uploads
    }
}

/// Everything a use case needs; cheap to clone.
#[derive(Clone)]
pub struct App {
    inner: Arc<Inner>,
}

struct Inner {
    db: Db,
    clock: Arc<dyn Clock>,
    hasher: passwords::Hasher,
    mailer: mail::Mailer,
    config: Config,
    /// This process among the instances, for job leases: random at each start.
    instance_id: String,
}

impl App {
    pub async fn new(db: Db, clock: Arc<dyn Clock>, config: Config) -> Result<Self, AppError> {
        let hasher = passwords::Hasher::new(&config.password_hashing).await?;
        let mailer = mail::Mailer::from_config(&config)?;
        Ok(Self {
            inner: Arc::new(Inner {
                db,
                clock,
                hasher,
                mailer,
                config,
                instance_id: preau_domain::ids::new_row_id().to_string(),
            }),
        })
    }

    pub fn db(&self) -> &Db {
        &self.inner.db
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Names this process in job leases (random at each start).
    pub fn instance_id(&self) -> &str {
        &self.inner.instance_id
    }

    pub fn now(&self) -> Timestamp {
        self.inner.clock.now()
    }

    pub(crate) fn hasher(&self) -> &passwords::Hasher {
        &self.inner.hasher
    }

    pub(crate) fn mailer(&self) -> &mail::Mailer {
        &self.inner.mailer
    }

    /// Deletes what has outlived its purpose: expired sessions, stale throttle counters,
    /// invitations nobody acted on, accounts whose departure grace has ended, markers of
    /// declined invitations from a past school year, unconfirmed roster uploads. Counts go to
    /// the audit trail, names nowhere.
    pub async fn purge_expired(&self) -> Result<Purged, AppError> {
        use preau_store::{invitations, lifecycle, sessions, throttles, users};
        use std::time::Duration;
        let now = self.now();
        let db = self.db();
        let s = &self.config().session;
        let l = &self.config().lifecycle;
        let purged = Purged {
            sessions: sessions::purge(
                db,
                now.minus(Duration::from_secs(s.idle_minutes * 60)),
                now.minus(Duration::from_secs(s.absolute_hours * 3600)),
            )
            .await?,
            throttles: throttles::purge(db, now.minus(throttle::WINDOW), now).await?,
            invitations: invitations::purge_expired(db, now).await?,
            departed_accounts: users::purge_departed(
                db,
                now.minus(Duration::from_secs(l.departure_grace_days * 86_400)),
            )
            .await?,
            reinvite_markers: lifecycle::purge_blocks(db, now).await?,
            uploads: lifecycle::purge_uploads(db, now.minus(roster::UPLOAD_VALIDITY)).await?
                + preau_store::password_resets::purge(db, now).await?,
        };
        if purged.invitations + purged.departed_accounts > 0 {
            let detail = format!(
                "invitations={} accounts={}",
                purged.invitations, purged.departed_accounts
            );
            lifecycle::audit_db(db, now, None, "retention-purge", &detail).await?;
        }
        Ok(purged)
    }

    pub async fn health(&self) -> Result<(), AppError> {
        Ok(self.db().ping().await?)
    }
}
