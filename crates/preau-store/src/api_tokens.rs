//! Personal access tokens for the JSON API: named by their owner, shown once, stored hashed.

use crate::db::{on_reader, on_writer};
use crate::inventory::{Erasure, Feature, Retention, Table};
use crate::users::{UserRow, user_columns};
use crate::{Db, StoreError, Tx};
use preau_domain::{Timestamp, TokenHash, UserId};
use uuid::Uuid;

crate::statements! {
    INSERT = "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)";
    LIST = "SELECT id, name, created_at FROM api_tokens WHERE user_id = $1 ORDER BY id";
    DELETE = "DELETE FROM api_tokens WHERE user_id = $1 AND id = $2";
    DELETE_ALL_OF_USER = "DELETE FROM api_tokens WHERE user_id = $1";
    LOOKUP = concat!(
        "SELECT ",
        user_columns!(),
        " FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1"
    );
}

pub const FEATURE: Feature = Feature {
    name: "api_tokens",
    statements: STATEMENTS,
    tables: &[Table {
        name: "api_tokens",
        purpose: "Personal access tokens the person created for the API.",
        register: &["accounts"],
        personal: &["id", "user_id", "name", "created_at"],
        withheld: &["token_hash"],
        other: &[],
        owner: Some("user_id"),
        retention: Retention::WithAccount,
        erasure: Erasure::Cascade,
        backed_up: true,
    }],
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApiTokenRow {
    pub id: Uuid,
    pub name: String,
    pub created_at: i64,
}

pub async fn insert_tx(
    tx: &mut Tx,
    id: Uuid,
    user: UserId,
    name: &str,
    hash: &TokenHash,
    now: Timestamp,
) -> Result<(), StoreError> {
    crate::db::in_tx!(tx, c => sqlx::query(INSERT)
        .bind(id)
        .bind(user.as_uuid())
        .bind(name)
        .bind(hash.as_bytes().as_slice())
        .bind(now.unix())
        .execute(c)
        .await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Revokes every token of the person (a reported takeover).
pub async fn delete_all_of_user(tx: &mut Tx, user: UserId) -> Result<u64, StoreError> {
    Ok(
        crate::db::in_tx!(tx, c => sqlx::query(DELETE_ALL_OF_USER).bind(user.as_uuid()).execute(c).await.map(|r| r.rows_affected()))?,
    )
}

pub async fn list(db: &Db, user: UserId) -> Result<Vec<ApiTokenRow>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, ApiTokenRow>(LIST).bind(user.as_uuid()).fetch_all(c).await)?,
    )
}

/// Revokes one of the user's own tokens; `NotFound` if it is not theirs or already gone.
pub async fn delete(db: &Db, user: UserId, id: Uuid) -> Result<(), StoreError> {
    let r = on_writer!(db, c => sqlx::query(DELETE).bind(user.as_uuid()).bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    if r == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub async fn user_by_token(db: &Db, hash: &TokenHash) -> Result<Option<UserRow>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, UserRow>(LOOKUP).bind(hash.as_bytes().as_slice()).fetch_optional(c).await)?,
    )
}
