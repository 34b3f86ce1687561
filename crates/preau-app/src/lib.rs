//! Use cases: the only layer that changes state. Each checks its rule, takes "now" from the
//! injected clock and runs in one transaction; the HTML pages, the JSON API and the CLI all
//! call these functions and nothing else.

pub mod account;
pub mod admin;
pub mod auth;
pub mod blobs;
pub mod closing;
pub mod config;
pub mod demo;
pub mod directory;
pub mod documents;
pub mod emails;
pub mod error;
pub mod export;
pub mod groups;
pub mod i18n;
pub mod invitations;
pub mod jobs;
pub mod notifications;
pub mod outbox;
pub mod passwords;
pub mod recovery;
pub mod register;
pub mod rights;
pub mod roster;
pub mod scan;
pub mod security;
pub mod setup;
pub mod storage;
pub mod throttle;
pub mod tokens;
mod zip;

pub use auth::{Actor, LoginOk};
pub use config::Config;
pub use error::{AppError, FieldErrors};

use preau_domain::{Clock, Timestamp};
use preau_store::Db;
use std::sync::Arc;

/// What one purge deleted, by the job names of the data inventory
/// (`preau_store::inventory::Retention::Purged`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Purged {
    counts: std::collections::BTreeMap<&'static str, u64>,
}

impl Purged {
    fn record(&mut self, job: &'static str, n: u64) {
        *self.counts.entry(job).or_insert(0) += n;
    }

    /// Rows deleted by `job` (0 for a job this purge does not know).
    pub fn get(&self, job: &str) -> u64 {
        self.counts.get(job).copied().unwrap_or(0)
    }

    /// The jobs this purge applied, whether or not they found anything.
    pub fn jobs(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.counts.keys().copied()
    }

    pub fn total(&self) -> u64 {
        self.counts.values().sum()
    }
}

/// RET-04: the journal of administrative and security acts is kept 12 months rolling.
pub const AUDIT_RETENTION: std::time::Duration = std::time::Duration::from_secs(365 * 86_400);

/// Everything a use case needs; cheap to clone.
#[derive(Clone)]
pub struct App {
    inner: Arc<Inner>,
}

struct Inner {
    db: Db,
    clock: Arc<dyn Clock>,
    hasher: passwords::Hasher,
    mailer: outbox::Mailer,
    files: storage::FileStore,
    config: Config,
    /// This process among the instances, for job leases: random at each start.
    instance_id: String,
}

impl App {
    pub async fn new(db: Db, clock: Arc<dyn Clock>, config: Config) -> Result<Self, AppError> {
        let hasher = passwords::Hasher::new(&config.password_hashing).await?;
        let mailer = outbox::Mailer::from_config(&config)?;
        let files = storage::FileStore::open(&config)
            .map_err(|e| AppError::Internal(format!("storage: {e}")))?;
        // Documents from before their names were searchable (one query when none are).
        preau_store::documents::fill_search_names(&db).await?;
        Ok(Self {
            inner: Arc::new(Inner {
                db,
                clock,
                hasher,
                mailer,
                files,
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

    pub(crate) fn mailer(&self) -> &outbox::Mailer {
        &self.inner.mailer
    }

    /// Where the bytes of files live.
    pub fn files(&self) -> &storage::FileStore {
        &self.inner.files
    }

    /// Deletes what has outlived its purpose, each kind of row under the job name its table
    /// declares in the data inventory: expired sessions, stale throttle counters, invitations
    /// nobody acted on, accounts whose departure grace has ended (and the mail addressed to
    /// them), markers of declined invitations from a past school year, unconfirmed roster
    /// uploads, spent reset links, undeliverable mail, journal entries past 12 months. Counts
    /// go to the audit trail, names nowhere.
    pub async fn purge_expired(&self) -> Result<Purged, AppError> {
        use preau_store::{invitations, lifecycle, password_resets, sessions, throttles, users};
        use std::time::Duration;
        let now = self.now();
        let db = self.db();
        let s = &self.config().session;
        let l = &self.config().lifecycle;
        let mut purged = Purged::default();
        purged.record(
            "sessions",
            sessions::purge(
                db,
                now.minus(Duration::from_secs(s.idle_minutes * 60)),
                now.minus(Duration::from_secs(s.absolute_hours * 3600)),
            )
            .await?,
        );
        purged.record(
            "throttles",
            throttles::purge(db, now.minus(throttle::WINDOW), now).await?,
        );
        let expiring = invitations::expired_addresses(db, now).await?;
        purged.record("invitations", invitations::purge_expired(db, now).await?);
        let departed_before = now.minus(Duration::from_secs(l.departure_grace_days * 86_400));
        let departing = users::departed_addresses(db, departed_before).await?;
        // A group always keeps an owner: the groups a departing person alone owns go to the
        // longest-standing manager or member first.
        for id in users::departed_ids(db, departed_before).await? {
            let mut tx = db.begin().await?;
            self.settle_groups(
                &mut tx,
                preau_domain::UserId::from_uuid(id),
                closing::GroupsChoice::HandOver,
            )
            .await?;
            tx.commit().await?;
        }
        purged.record(
            "departed_accounts",
            users::purge_departed(db, departed_before).await?,
        );
        purged.record("departed_accounts", self.erase_closed_accounts(now).await?);
        // Mail to people who are gone goes with them: queued rows and delivered files.
        let forgotten = self
            .forget_mail_to(expiring.iter().chain(&departing))
            .await?;
        purged.record("outbox", forgotten);
        purged.record("reinvite_markers", lifecycle::purge_blocks(db, now).await?);
        purged.record(
            "roster_uploads",
            lifecycle::purge_uploads(db, now.minus(roster::UPLOAD_VALIDITY)).await?,
        );
        purged.record("password_resets", password_resets::purge(db, now).await?);
        purged.record(
            "pending_activations",
            preau_store::activations::purge(db, now).await?,
        );
        purged.record("mail_links", preau_store::mail_links::purge(db, now).await?);
        let (group_invitations, group_blocks) = groups::purge(self, now).await?;
        purged.record("group_invitations", group_invitations);
        purged.record("group_invite_blocks", group_blocks);
        purged.record("notifications", notifications::purge(self, now).await?);
        purged.record(
            "roster_batches",
            invitations::purge_batches(db, now.minus(Duration::from_secs(90 * 86_400))).await?,
        );
        purged.record(
            "outbox",
            preau_store::outbox::purge_stale(db, now.minus(outbox::UNDELIVERABLE_AFTER)).await?,
        );
        purged.record(
            "audit_log",
            lifecycle::purge_audit(db, now.minus(AUDIT_RETENTION)).await?,
        );
        let (trashed, blobs) = self.purge_documents().await?;
        purged.record("documents_trash", trashed);
        purged.record("blobs", blobs);
        purged.record("rights_requests", rights::purge(self, now).await?);
        purged.record(
            "access_log",
            preau_store::access_log::purge(db, now.minus(AUDIT_RETENTION)).await?,
        );
        let (gone_invitations, gone_accounts) =
            (purged.get("invitations"), purged.get("departed_accounts"));
        if gone_invitations + gone_accounts > 0 {
            let detail = format!("invitations={gone_invitations} accounts={gone_accounts}");
            lifecycle::audit_db(db, now, None, "retention-purge", &detail).await?;
        }
        Ok(purged)
    }

    pub async fn health(&self) -> Result<(), AppError> {
        Ok(self.db().ping().await?)
    }
}
