//! Use cases: the only layer that changes state. Each checks its rule, takes "now" from the
//! injected clock and runs in one transaction; the HTML pages, the JSON API and the CLI all
//! call these functions and nothing else.

pub mod auth;
pub mod config;
pub mod error;
pub mod passwords;
pub mod setup;
pub mod tokens;

pub use auth::{Actor, LoginOk};
pub use config::Config;
pub use error::{AppError, FieldErrors};

use preau_domain::{Clock, Timestamp};
use preau_store::Db;
use std::sync::Arc;

/// Everything a use case needs; cheap to clone.
#[derive(Clone)]
pub struct App {
    inner: Arc<Inner>,
}

struct Inner {
    db: Db,
    clock: Arc<dyn Clock>,
    hasher: passwords::Hasher,
    config: Config,
}

impl App {
    pub async fn new(db: Db, clock: Arc<dyn Clock>, config: Config) -> Result<Self, AppError> {
        let hasher = passwords::Hasher::new(&config.password_hashing).await?;
        Ok(Self {
            inner: Arc::new(Inner {
                db,
                clock,
                hasher,
                config,
            }),
        })
    }

    pub fn db(&self) -> &Db {
        &self.inner.db
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    pub fn now(&self) -> Timestamp {
        self.inner.clock.now()
    }

    pub(crate) fn hasher(&self) -> &passwords::Hasher {
        &self.inner.hasher
    }

    /// Deletes what has outlived its purpose: expired sessions and stale throttle counters.
    pub async fn purge_expired(&self) -> Result<u64, AppError> {
        let now = self.now();
        let s = &self.config().session;
        let sessions = preau_store::sessions::purge(
            self.db(),
            now.minus(std::time::Duration::from_secs(s.idle_minutes * 60)),
            now.minus(std::time::Duration::from_secs(s.absolute_hours * 3600)),
        )
        .await?;
        let throttles =
            preau_store::throttles::purge(self.db(), now.minus(auth::THROTTLE_WINDOW), now).await?;
        Ok(sessions + throttles)
    }

    pub async fn health(&self) -> Result<(), AppError> {
        Ok(self.db().ping().await?)
    }
}
