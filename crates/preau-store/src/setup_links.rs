//! First-administrator setup links: printed on the console only, single use, short-lived.

use crate::db::{in_tx, on_reader};
use crate::inventory::{Erasure, Feature, Retention, Table};
use crate::{Db, StoreError, Tx};
use preau_domain::{Timestamp, TokenHash};

crate::statements! {
    REVOKE_OPEN = "UPDATE setup_links SET revoked_at = $1 WHERE used_at IS NULL AND revoked_at IS NULL";
    INSERT = "INSERT INTO setup_links (token_hash, created_at, expires_at) VALUES ($1, $2, $3)";
    STATE = "SELECT expires_at, used_at, revoked_at FROM setup_links WHERE token_hash = $1";
    CONSUME = "UPDATE setup_links SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL \
        AND revoked_at IS NULL AND expires_at > $2";
}

pub const FEATURE: Feature = Feature {
    name: "setup",
    statements: STATEMENTS,
    tables: &[Table {
        name: "setup_links",
        purpose: "The console's single-use link that creates the first administrator.",
        register: &["security"],
        personal: &[],
        withheld: &[],
        other: &[
            "token_hash",
            "created_at",
            "expires_at",
            "used_at",
            "revoked_at",
        ],
        owner: None,
        retention: Retention::Kept("the hash of a console link: about no one"),
        erasure: Erasure::NotPersonal,
        backed_up: true,
    }],
};

#[derive(Debug, Clone, Copy, sqlx::FromRow)]
pub struct SetupLinkRow {
    pub expires_at: i64,
    pub used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

/// Stores a new link and revokes every earlier unused one: only the last printed link works.
pub async fn replace(
    tx: &mut Tx,
    hash: &TokenHash,
    now: Timestamp,
    expires: Timestamp,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(REVOKE_OPEN).bind(now.unix()).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    in_tx!(tx, c => sqlx::query(INSERT)
        .bind(hash.as_bytes().as_slice())
        .bind(now.unix())
        .bind(expires.unix())
        .execute(c)
        .await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn state(db: &Db, hash: &TokenHash) -> Result<Option<SetupLinkRow>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, SetupLinkRow>(STATE).bind(hash.as_bytes().as_slice()).fetch_optional(c).await)?,
    )
}

/// Marks the link used; false when it was unknown, used, revoked or expired meanwhile.
pub async fn consume(tx: &mut Tx, hash: &TokenHash, now: Timestamp) -> Result<bool, StoreError> {
    let r = in_tx!(tx, c => sqlx::query(CONSUME).bind(hash.as_bytes().as_slice()).bind(now.unix()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(r == 1)
}
