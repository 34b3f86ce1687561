//! Failure throttles kept in the database, so that every instance counts the same failures:
//! a growing delay after a few free failures, then a lock. Keys are hashed before storage.

use crate::{App, AppError};
use preau_domain::{Timestamp, TokenHash};
use preau_store::throttles;
use std::time::Duration;

pub struct Policy {
    pub scope: &'static str,
    /// Failures allowed before each further attempt waits 1, 2, 4, 8, 16 s.
    pub free: i64,
    /// Failures that lock the key for `lock`.
    pub lock_after: i64,
    pub lock: Duration,
}

/// A failure older than this no longer counts.
pub const WINDOW: Duration = Duration::from_secs(60 * 60);

/// Per address: SEC-05.
pub const LOGIN: Policy = Policy {
    scope: "login",
    free: 5,
    lock_after: 10,
    lock: Duration::from_secs(15 * 60),
};

/// Per client address: guessing invitation codes.
pub const INVITATION_GUESS: Policy = Policy {
    scope: "invitation-ip",
    free: 10,
    lock_after: 30,
    lock: Duration::from_secs(15 * 60),
};

impl Policy {
    fn delay_after(&self, failures: i64) -> i64 {
        if failures < self.free {
            0
        } else {
            1_i64 << (failures - self.free).min(4)
        }
    }

    pub fn key(&self, raw: &str) -> TokenHash {
        TokenHash::of_key(&format!("{}:{raw}", self.scope))
    }
}

impl App {
    /// Refuses at once while the key is locked or waiting out its delay.
    pub(crate) async fn throttle_check(
        &self,
        p: &Policy,
        key: &TokenHash,
        now: Timestamp,
    ) -> Result<(), AppError> {
        let Some(row) = throttles::get(self.db(), p.scope, key).await? else {
            return Ok(());
        };
        if let Some(until) = row.locked_until
            && until > now.unix()
        {
            return Err(AppError::Throttled {
                retry_after_seconds: until - now.unix(),
            });
        }
        let stale = row.last_failure_at < now.minus(WINDOW).unix();
        let next_allowed = row.last_failure_at + p.delay_after(row.failures);
        if !stale && next_allowed > now.unix() {
            return Err(AppError::Throttled {
                retry_after_seconds: next_allowed - now.unix(),
            });
        }
        Ok(())
    }

    pub(crate) async fn throttle_fail(
        &self,
        p: &Policy,
        key: &TokenHash,
        now: Timestamp,
    ) -> Result<(), AppError> {
        let failures =
            throttles::record_failure(self.db(), p.scope, key, now, now.minus(WINDOW)).await?;
        if failures >= p.lock_after {
            throttles::lock(self.db(), p.scope, key, now.plus(p.lock)).await?;
            tracing::warn!(target: "security", scope = p.scope, "locked after {failures} failures");
        }
        Ok(())
    }

    pub(crate) async fn throttle_clear(&self, p: &Policy, key: &TokenHash) -> Result<(), AppError> {
        Ok(throttles::clear(self.db(), p.scope, key).await?)
    }

    /// A fixed-window rate limit: at most `max` events per `window` for `raw` (the window is
    /// at most an hour: older counters are purged).
    pub(crate) async fn rate_limit(
        &self,
        scope: &'static str,
        raw: &str,
        max: i64,
        window: Duration,
    ) -> Result<(), AppError> {
        let now = self.now();
        let length = i64::try_from(window.as_secs()).unwrap_or(60).clamp(1, 3600);
        let slot = now.unix().div_euclid(length);
        let key = TokenHash::of_key(&format!("{scope}:{raw}:{slot}"));
        let count =
            throttles::record_failure(self.db(), scope, &key, now, now.minus(WINDOW)).await?;
        if count > max {
            return Err(AppError::Throttled {
                retry_after_seconds: length - now.unix().rem_euclid(length),
            });
        }
        Ok(())
    }
}
