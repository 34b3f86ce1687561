//! Failure counters for authentication throttles, kept in the database so that every instance
//! counts the same failures. Keys are hashed: the table never holds an address.

use crate::db::on_writer;
use crate::inventory::{Erasure, Feature, Retention, Table};
use crate::{Db, StoreError};
use preau_domain::{Timestamp, TokenHash};

crate::statements! {
    /// Counts one attempt before it is checked, in one atomic statement, and returns the count,
    /// the time of the attempt before and the lock: of a burst of concurrent attempts, each
    /// sees its own rank, so no more are checked than the policy allows.
    RESERVE = "INSERT INTO throttles (scope, key_hash, failures, last_failure_at) VALUES ($1, $2, 1, $3) \
        ON CONFLICT (scope, key_hash) DO UPDATE SET \
        failures = CASE WHEN throttles.last_failure_at < $4 THEN 1 ELSE throttles.failures + 1 END, \
        previous_at = CASE WHEN throttles.last_failure_at < $4 THEN NULL ELSE throttles.last_failure_at END, \
        last_failure_at = $3 \
        RETURNING failures, previous_at, locked_until";
    /// Gives back an attempt that was refused or succeeded, if nothing counted since: a
    /// concurrent attempt keeps both counted, which errs on the side of the throttle.
    RELEASE = "UPDATE throttles SET failures = failures - 1, \
        last_failure_at = COALESCE(previous_at, last_failure_at), previous_at = NULL \
        WHERE scope = $1 AND key_hash = $2 AND failures = $3 AND last_failure_at = $4";
    /// One atomic statement: concurrent failures on two instances both count. The counter
    /// restarts when the previous failure is older than the window.
    RECORD_FAILURE = "INSERT INTO throttles (scope, key_hash, failures, last_failure_at) VALUES ($1, $2, 1, $3) \
        ON CONFLICT (scope, key_hash) DO UPDATE SET \
        failures = CASE WHEN throttles.last_failure_at < $4 THEN 1 ELSE throttles.failures + 1 END, \
        last_failure_at = $3 RETURNING failures";
    LOCK = "UPDATE throttles SET locked_until = $3 WHERE scope = $1 AND key_hash = $2";
    CLEAR = "DELETE FROM throttles WHERE scope = $1 AND key_hash = $2";
    PURGE = "DELETE FROM throttles WHERE last_failure_at < $1 AND (locked_until IS NULL OR locked_until < $2)";
}

pub const FEATURE: Feature = Feature {
    name: "throttles",
    statements: STATEMENTS,
    tables: &[Table {
        name: "throttles",
        purpose: "Slowing down password and code guessing (SEC-05); keys are hashed.",
        register: &["security"],
        personal: &[],
        withheld: &["key_hash"],
        other: &[
            "scope",
            "failures",
            "last_failure_at",
            "locked_until",
            "previous_at",
        ],
        owner: None,
        retention: Retention::Purged {
            job: "throttles",
            rule: "an hour after the last failure, once any lock has ended",
        },
        erasure: Erasure::WithRetention,
        backed_up: true,
    }],
};

/// One reserved attempt: its rank in the window, and what the policy needs to judge it.
#[derive(Debug, Clone, Copy, sqlx::FromRow)]
pub struct Reservation {
    #[sqlx(rename = "failures")]
    pub attempts: i64,
    pub previous_at: Option<i64>,
    pub locked_until: Option<i64>,
}

pub async fn reserve(
    db: &Db,
    scope: &str,
    key: &TokenHash,
    now: Timestamp,
    window_start: Timestamp,
) -> Result<Reservation, StoreError> {
    Ok(
        on_writer!(db, c => sqlx::query_as::<_, Reservation>(RESERVE)
        .bind(scope)
        .bind(key.as_bytes().as_slice())
        .bind(now.unix())
        .bind(window_start.unix())
        .fetch_one(c)
        .await)?,
    )
}

/// Releases the attempt of rank `attempts` reserved at `at`; returns whether it was released.
pub async fn release(
    db: &Db,
    scope: &str,
    key: &TokenHash,
    attempts: i64,
    at: Timestamp,
) -> Result<bool, StoreError> {
    let n = on_writer!(db, c => sqlx::query(RELEASE)
        .bind(scope)
        .bind(key.as_bytes().as_slice())
        .bind(attempts)
        .bind(at.unix())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Counts one failure and returns the number of failures in the current window.
pub async fn record_failure(
    db: &Db,
    scope: &str,
    key: &TokenHash,
    now: Timestamp,
    window_start: Timestamp,
) -> Result<i64, StoreError> {
    Ok(
        on_writer!(db, c => sqlx::query_scalar::<_, i64>(RECORD_FAILURE)
        .bind(scope)
        .bind(key.as_bytes().as_slice())
        .bind(now.unix())
        .bind(window_start.unix())
        .fetch_one(c)
        .await)?,
    )
}

pub async fn lock(
    db: &Db,
    scope: &str,
    key: &TokenHash,
    until: Timestamp,
) -> Result<(), StoreError> {
    on_writer!(db, c => sqlx::query(LOCK).bind(scope).bind(key.as_bytes().as_slice()).bind(until.unix()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn clear(db: &Db, scope: &str, key: &TokenHash) -> Result<(), StoreError> {
    on_writer!(db, c => sqlx::query(CLEAR).bind(scope).bind(key.as_bytes().as_slice()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn purge(db: &Db, failed_before: Timestamp, now: Timestamp) -> Result<u64, StoreError> {
    let r = on_writer!(db, c => sqlx::query(PURGE).bind(failed_before.unix()).bind(now.unix()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(r)
}
