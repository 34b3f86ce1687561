//! Password-reset tokens: hashed, single use, short-lived.

use crate::db::{in_tx, on_writer};
use crate::inventory::{Erasure, Feature, Retention, Table};
use crate::users::{UserRow, user_columns};
use crate::{Db, StoreError, Tx};
use preau_domain::{Timestamp, TokenHash, UserId};

crate::statements! {
    INSERT = "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)";
    DELETE_OF_USER = "DELETE FROM password_resets WHERE user_id = $1";
    LOOKUP = concat!(
        "SELECT ", user_columns!(),
        " FROM password_resets r JOIN users u ON u.id = r.user_id WHERE r.token_hash = $1 AND r.expires_at > $2"
    );
    PURGE = "DELETE FROM password_resets WHERE expires_at <= $1";
}

pub const FEATURE: Feature = Feature {
    name: "password_resets",
    statements: STATEMENTS,
    tables: &[Table {
        name: "password_resets",
        purpose: "A single-use reset link sent to the person's address.",
        register: &["security"],
        personal: &["user_id", "created_at", "expires_at"],
        withheld: &["token_hash"],
        other: &[],
        owner: Some("user_id"),
        retention: Retention::Purged {
            job: "password_resets",
            rule: "30 minutes (SEC-09)",
        },
        erasure: Erasure::Cascade,
        backed_up: true,
    }],
};

/// Replaces any earlier token of the user.
pub async fn replace(
    tx: &mut Tx,
    hash: &TokenHash,
    user: UserId,
    now: Timestamp,
    expires: Timestamp,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(DELETE_OF_USER).bind(user.as_uuid()).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    in_tx!(tx, c => sqlx::query(INSERT)
        .bind(hash.as_bytes().as_slice())
        .bind(user.as_uuid())
        .bind(now.unix())
        .bind(expires.unix())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn lookup(
    tx: &mut Tx,
    hash: &TokenHash,
    now: Timestamp,
) -> Result<Option<UserRow>, StoreError> {
    Ok(
        in_tx!(tx, c => sqlx::query_as::<_, UserRow>(LOOKUP).bind(hash.as_bytes().as_slice()).bind(now.unix()).fetch_optional(c).await)?,
    )
}

pub async fn lookup_db(
    db: &Db,
    hash: &TokenHash,
    now: Timestamp,
) -> Result<Option<UserRow>, StoreError> {
    Ok(
        crate::db::on_reader!(db, c => sqlx::query_as::<_, UserRow>(LOOKUP).bind(hash.as_bytes().as_slice()).bind(now.unix()).fetch_optional(c).await)?,
    )
}

pub async fn delete_of_user(tx: &mut Tx, user: UserId) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(DELETE_OF_USER).bind(user.as_uuid()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn purge(db: &Db, now: Timestamp) -> Result<u64, StoreError> {
    Ok(
        on_writer!(db, c => sqlx::query(PURGE).bind(now.unix()).execute(c).await.map(|r| r.rows_affected()))?,
    )
}
