//! The mail outbox: a message is queued in the same transaction as the change that causes it,
//! then a worker hands it to the transport. Claiming leases a row so that two workers never
//! send it twice; a crashed worker's lease runs out and the row is retried.

use crate::db::{in_tx, on_writer};
use crate::inventory::{Erasure, Feature, Retention, Table};
use crate::{Db, StoreError, Tx};
use preau_domain::Timestamp;
use uuid::Uuid;

crate::statements! {
    ENQUEUE = "INSERT INTO outbox (id, to_address, subject, body, created_at, next_attempt_at, list_unsubscribe) VALUES ($1, $2, $3, $4, $5, $5, $6)";
    SENT = "DELETE FROM outbox WHERE id = $1";
    RETRY = "UPDATE outbox SET next_attempt_at = $2, last_error = $3 WHERE id = $1";
    PENDING = "SELECT COUNT(*) FROM outbox";
    DELETE_TO = "DELETE FROM outbox WHERE to_address = $1";
    PURGE_STALE = "DELETE FROM outbox WHERE created_at <= $1";
}

pub const FEATURE: Feature = Feature {
    name: "outbox",
    statements: STATEMENTS,
    tables: &[Table {
        name: "outbox",
        purpose: "Email waiting to be handed to the mail server.",
        register: &["notifications"],
        personal: &["to_address", "subject", "body"],
        // The one-click unsubscribe address of a notification email holds the person's key.
        withheld: &["list_unsubscribe"],
        other: &[
            "id",
            "created_at",
            "attempts",
            "next_attempt_at",
            "last_error",
        ],
        owner: None,
        retention: Retention::Purged {
            job: "outbox",
            rule: "deleted once sent; dropped after 7 days of failed attempts",
        },
        erasure: Erasure::ByAddress,
        backed_up: true,
    }],
};

// Claiming differs by backend: PostgreSQL skips rows another instance is claiming.
const CLAIM_SQLITE: &str = "UPDATE outbox SET next_attempt_at = $2, attempts = attempts + 1 WHERE id IN \
    (SELECT id FROM outbox WHERE next_attempt_at <= $1 ORDER BY id LIMIT $3) \
    RETURNING id, to_address, subject, body, attempts, list_unsubscribe";
const CLAIM_POSTGRES: &str = "UPDATE outbox SET next_attempt_at = $2, attempts = attempts + 1 WHERE id IN \
    (SELECT id FROM outbox WHERE next_attempt_at <= $1 ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED) \
    RETURNING id, to_address, subject, body, attempts, list_unsubscribe";
pub(crate) const SQLITE_STATEMENTS: &[(&str, &str)] = &[("CLAIM_SQLITE", CLAIM_SQLITE)];
pub(crate) const POSTGRES_STATEMENTS: &[(&str, &str)] = &[("CLAIM_POSTGRES", CLAIM_POSTGRES)];

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutgoingRow {
    pub id: Uuid,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
    /// The one-click unsubscribe address (RFC 8058) of a notification email.
    pub list_unsubscribe: Option<String>,
}

pub async fn enqueue(
    tx: &mut Tx,
    to: &str,
    subject: &str,
    body: &str,
    list_unsubscribe: Option<&str>,
    now: Timestamp,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(ENQUEUE)
        .bind(preau_domain::ids::new_row_id())
        .bind(to)
        .bind(subject)
        .bind(body)
        .bind(now.unix())
        .bind(list_unsubscribe)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Up to `limit` due messages, leased until `lease_until`.
pub async fn claim(
    db: &Db,
    now: Timestamp,
    lease_until: Timestamp,
    limit: i64,
) -> Result<Vec<OutgoingRow>, StoreError> {
    db.count_statement();
    Ok(match db.pools() {
        crate::Pools::Sqlite { writer, .. } => {
            sqlx::query_as::<_, OutgoingRow>(CLAIM_SQLITE)
                .bind(now.unix())
                .bind(lease_until.unix())
                .bind(limit)
                .fetch_all(writer)
                .await?
        }
        crate::Pools::Postgres(pool) => {
            sqlx::query_as::<_, OutgoingRow>(CLAIM_POSTGRES)
                .bind(now.unix())
                .bind(lease_until.unix())
                .bind(limit)
                .fetch_all(pool)
                .await?
        }
    })
}

pub async fn sent(db: &Db, id: Uuid) -> Result<(), StoreError> {
    on_writer!(db, c => sqlx::query(SENT).bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// `error` is the transport's message, never the body.
pub async fn retry_at(db: &Db, id: Uuid, at: Timestamp, error: &str) -> Result<(), StoreError> {
    on_writer!(db, c => sqlx::query(RETRY).bind(id).bind(at.unix()).bind(error).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Deletes every message waiting for `to` (erasure of the person it was for).
pub async fn delete_to(db: &Db, to: &str) -> Result<u64, StoreError> {
    Ok(
        on_writer!(db, c => sqlx::query(DELETE_TO).bind(to).execute(c).await.map(|r| r.rows_affected()))?,
    )
}

/// Drops messages queued before `before` that could still not be delivered.
pub async fn purge_stale(db: &Db, before: Timestamp) -> Result<u64, StoreError> {
    Ok(
        on_writer!(db, c => sqlx::query(PURGE_STALE).bind(before.unix()).execute(c).await.map(|r| r.rows_affected()))?,
    )
}

pub async fn pending(db: &Db) -> Result<i64, StoreError> {
    Ok(crate::db::on_reader!(db, c => sqlx::query_scalar::<_, i64>(PENDING).fetch_one(c).await)?)
}
