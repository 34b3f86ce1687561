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

/// Per address and client network (SEC-05): the guesser is slowed, then locked out, without
/// locking the person out from their own school or home.
pub const LOGIN: Policy = Policy {
    scope: "login-net",
    free: 5,
    lock_after: 10,
    lock: Duration::from_secs(15 * 60),
};

/// Per address, whatever the network: a slower ceiling against guessing spread over many
/// networks. Reaching it locks the address everywhere; a reset link still gets the person in.
pub const LOGIN_ADDRESS: Policy = Policy {
    scope: "login",
    free: 20,
    lock_after: 50,
    lock: Duration::from_secs(15 * 60),
};

/// Per client address: following mailed links (reset, activation, « ce n'était pas moi »,
/// address confirmation) that do not exist.
pub const LINK_GUESS: Policy = Policy {
    scope: "link-ip",
    free: 10,
    lock_after: 30,
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

    /// The key of an address seen from a client's network.
    pub fn key_from(&self, raw: &str, client: &str) -> TokenHash {
        let network = preau_domain::network::client_network(client);
        TokenHash::of_key(&format!("{}:{raw}:{network}", self.scope))
    }
}

/// An attempt counted before it is checked. Hand it back with `throttle_release` when the
/// check succeeds, or to `throttle_fail` when it fails.
#[must_use]
pub(crate) struct Reserved {
    scope: &'static str,
    lock_after: i64,
    lock: Duration,
    key: TokenHash,
    attempts: i64,
    at: Timestamp,
}

impl Policy {
    /// Judges a reserved attempt: refused while the key is locked, or when it comes sooner
    /// than the delay its rank asks after the attempt before it.
    fn judge(&self, r: &throttles::Reservation, now: Timestamp) -> Result<(), AppError> {
        if let Some(until) = r.locked_until
            && until > now.unix()
        {
            return Err(AppError::Throttled {
                retry_after_seconds: until - now.unix(),
            });
        }
        let delay = self.delay_after(r.attempts - 1);
        if let Some(previous) = r.previous_at
            && delay > 0
            && previous + delay > now.unix()
        {
            return Err(AppError::Throttled {
                retry_after_seconds: previous + delay - now.unix(),
            });
        }
        Ok(())
    }
}

impl App {
    /// Counts an attempt on `key` before it is checked (SEC-05: a burst of concurrent attempts
    /// each gets its own rank, so no more than the policy allows reach the slow check). A
    /// refused attempt is given back, as far as no other attempt counted since.
    pub(crate) async fn throttle_reserve(
        &self,
        p: &Policy,
        key: &TokenHash,
        now: Timestamp,
    ) -> Result<Reserved, AppError> {
        let r = throttles::reserve(self.db(), p.scope, key, now, now.minus(WINDOW)).await?;
        let reserved = Reserved {
            scope: p.scope,
            lock_after: p.lock_after,
            lock: p.lock,
            key: key.clone(),
            attempts: r.attempts,
            at: now,
        };
        if let Err(refused) = p.judge(&r, now) {
            self.throttle_release(reserved).await?;
            return Err(refused);
        }
        Ok(reserved)
    }

    /// The attempt succeeded, or was refused for another reason: it does not count.
    pub(crate) async fn throttle_release(&self, r: Reserved) -> Result<(), AppError> {
        throttles::release(self.db(), r.scope, &r.key, r.attempts, r.at).await?;
        Ok(())
    }

    /// The attempt failed: it stays counted, and locks the key when it is the last allowed.
    pub(crate) async fn throttle_fail(&self, r: Reserved) -> Result<(), AppError> {
        if r.attempts >= r.lock_after {
            throttles::lock(self.db(), r.scope, &r.key, r.at.plus(r.lock)).await?;
            tracing::warn!(target: "security", scope = r.scope, "locked after {} failures", r.attempts);
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
