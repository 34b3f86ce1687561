//! Browser sessions: only the SHA-256 of the cookie's token is stored, so logout and
//! "log out everywhere" are a DELETE, effective on every instance at once.

use crate::db::{in_tx, on_reader, on_writer};
use crate::inventory::{Erasure, Feature, Retention, Table};
use crate::users::{UserRow, user_columns};
use crate::{Db, StoreError, Tx};
use preau_domain::{Timestamp, TokenHash, UserId};

crate::statements! {
    INSERT = "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, device) \
        VALUES ($1, $2, $3, $3, $4)";
    LOOKUP = concat!(
        "SELECT s.created_at AS session_created_at, s.last_seen_at AS session_last_seen_at, ",
        // The bell on every page, in the same round trip.
        "(SELECT COUNT(*) FROM notifications n WHERE n.user_id = s.user_id AND n.read_at IS NULL) AS unread_notifications, ",
        user_columns!(),
        " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1"
    );
    TOUCH = "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1";
    DELETE_ONE = "DELETE FROM sessions WHERE token_hash = $1";
    DELETE_OF_USER = "DELETE FROM sessions WHERE user_id = $1";
    DELETE_OTHERS_OF_USER = "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2";
    COUNT_OF_USER = "SELECT COUNT(*) FROM sessions WHERE user_id = $1";
    PURGE = "DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2";
}

pub const FEATURE: Feature = Feature {
    name: "sessions",
    statements: STATEMENTS,
    tables: &[Table {
        name: "sessions",
        purpose: "Keeping a person logged in, and letting them see and end their sessions.",
        register: &["security"],
        personal: &["user_id", "created_at", "last_seen_at", "device"],
        withheld: &["token_hash"],
        other: &[],
        owner: Some("user_id"),
        retention: Retention::Purged {
            job: "sessions",
            rule: "30 minutes idle or 12 hours after login, whichever comes first",
        },
        erasure: Erasure::Cascade,
        backed_up: false,
    }],
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionWithUser {
    pub session_created_at: i64,
    pub session_last_seen_at: i64,
    pub unread_notifications: i64,
    #[sqlx(flatten)]
    pub user: UserRow,
}

pub async fn insert(
    tx: &mut Tx,
    hash: &TokenHash,
    user: UserId,
    now: Timestamp,
    device: &str,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(INSERT)
        .bind(hash.as_bytes().as_slice())
        .bind(user.as_uuid())
        .bind(now.unix())
        .bind(device)
        .execute(c)
        .await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// The session and its account in one query: the only database read most pages need.
pub async fn lookup(db: &Db, hash: &TokenHash) -> Result<Option<SessionWithUser>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, SessionWithUser>(LOOKUP)
        .bind(hash.as_bytes().as_slice())
        .fetch_optional(c)
        .await)?,
    )
}

pub async fn touch(db: &Db, hash: &TokenHash, now: Timestamp) -> Result<(), StoreError> {
    on_writer!(db, c => sqlx::query(TOUCH).bind(hash.as_bytes().as_slice()).bind(now.unix()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn delete(db: &Db, hash: &TokenHash) -> Result<(), StoreError> {
    on_writer!(db, c => sqlx::query(DELETE_ONE).bind(hash.as_bytes().as_slice()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn delete_all_of_user(tx: &mut Tx, user: UserId) -> Result<u64, StoreError> {
    let r = in_tx!(tx, c => sqlx::query(DELETE_OF_USER).bind(user.as_uuid()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(r)
}

pub async fn delete_others_of_user(
    tx: &mut Tx,
    user: UserId,
    keep: &TokenHash,
) -> Result<u64, StoreError> {
    let r = in_tx!(tx, c => sqlx::query(DELETE_OTHERS_OF_USER)
        .bind(user.as_uuid())
        .bind(keep.as_bytes().as_slice())
        .execute(c)
        .await.map(|r| r.rows_affected()))?;
    Ok(r)
}

pub async fn count_of_user(db: &Db, user: UserId) -> Result<i64, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_scalar::<_, i64>(COUNT_OF_USER).bind(user.as_uuid()).fetch_one(c).await)?,
    )
}

/// Deletes sessions idle since before `idle_before` or opened before `opened_before`.
pub async fn purge(
    db: &Db,
    idle_before: Timestamp,
    opened_before: Timestamp,
) -> Result<u64, StoreError> {
    let r = on_writer!(db, c => sqlx::query(PURGE).bind(idle_before.unix()).bind(opened_before.unix()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(r)
}
