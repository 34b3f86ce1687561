//! Failure counters for authentication throttles, kept in the database so that every instance
//! counts the same failures. Keys are hashed: the table never holds an address.

use crate::db::{on_reader, on_writer};
use crate::{Db, StoreError};
use preau_domain::{Timestamp, TokenHash};

crate::statements! {
    GET = "SELECT failures, last_failure_at, locked_until FROM throttles WHERE scope = $1 AND key_hash = $2";
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

#[derive(Debug, Clone, Copy, sqlx::FromRow)]
pub struct ThrottleRow {
    pub failures: i64,
    pub last_failure_at: i64,
    pub locked_until: Option<i64>,
}

pub async fn get(db: &Db, scope: &str, key: &TokenHash) -> Result<Option<ThrottleRow>, StoreError> {
    Ok(on_reader!(db, c => sqlx::query_as::<_, ThrottleRow>(GET)
        .bind(scope)
        .bind(key.as_bytes().as_slice())
        .fetch_optional(c)
        .await)?)
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
