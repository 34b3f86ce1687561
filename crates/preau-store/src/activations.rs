//! Activations waiting for the link sent to the professional address (guarantee 1): the
//! password hash and the choices made, kept until the link is followed, refused or expires.

use crate::db::{in_tx, on_reader, on_writer};
use crate::inventory::{Erasure, Feature, Retention, Table};
use crate::{Db, StoreError, Tx};
use preau_domain::{Timestamp, TokenHash};
use uuid::Uuid;

crate::statements! {
    DELETE_OF_INVITATION = "DELETE FROM pending_activations WHERE invitation_id = $1";
    INSERT = "INSERT INTO pending_activations (token_hash, invitation_id, password_hash, directory_scope, \
        show_structure, show_functions, locale, notice_version, created_at, expires_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
    LOOKUP = "SELECT p.invitation_id, p.password_hash, p.directory_scope, p.show_structure, \
        p.show_functions, p.locale, p.notice_version, p.created_at, i.email, i.given_name, i.family_name \
        FROM pending_activations p JOIN invitations i ON i.id = p.invitation_id \
        WHERE p.token_hash = $1 AND p.expires_at > $2 AND i.expires_at > $2";
    DELETE = "DELETE FROM pending_activations WHERE token_hash = $1";
    PURGE = "DELETE FROM pending_activations WHERE expires_at <= $1";
}

pub const FEATURE: Feature = Feature {
    name: "activations",
    statements: STATEMENTS,
    tables: &[Table {
        name: "pending_activations",
        purpose: "An activation made with a letter's code, waiting for the person to confirm it \
            from their professional mailbox.",
        register: &["invitations"],
        personal: &[
            "invitation_id",
            "directory_scope",
            "show_structure",
            "show_functions",
            "locale",
            "notice_version",
            "created_at",
            "expires_at",
        ],
        withheld: &["token_hash", "password_hash"],
        other: &[],
        owner: None,
        retention: Retention::Purged {
            job: "pending_activations",
            rule: "48 hours, within the invitation's life; at once when confirmed or refused",
        },
        erasure: Erasure::WithRetention,
        backed_up: true,
    }],
};

pub struct NewActivation<'a> {
    pub invitation: Uuid,
    pub password_hash: &'a str,
    pub directory_scope: &'a str,
    pub show_structure: bool,
    pub show_functions: bool,
    pub locale: Option<&'a str>,
    pub notice_version: &'a str,
}

/// A waiting activation with what its invitation says.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PendingActivation {
    pub invitation_id: Uuid,
    pub password_hash: String,
    pub directory_scope: String,
    pub show_structure: bool,
    pub show_functions: bool,
    pub locale: Option<String>,
    pub notice_version: String,
    pub created_at: i64,
    pub email: String,
    pub given_name: String,
    pub family_name: String,
}

/// Replaces any activation already waiting for this invitation: the latest one counts.
pub async fn replace(
    tx: &mut Tx,
    hash: &TokenHash,
    a: &NewActivation<'_>,
    now: Timestamp,
    expires: Timestamp,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(DELETE_OF_INVITATION).bind(a.invitation).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    in_tx!(tx, c => sqlx::query(INSERT)
        .bind(hash.as_bytes().as_slice())
        .bind(a.invitation)
        .bind(a.password_hash)
        .bind(a.directory_scope)
        .bind(a.show_structure)
        .bind(a.show_functions)
        .bind(a.locale)
        .bind(a.notice_version)
        .bind(now.unix())
        .bind(expires.unix())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn lookup(
    db: &Db,
    hash: &TokenHash,
    now: Timestamp,
) -> Result<Option<PendingActivation>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, PendingActivation>(LOOKUP)
        .bind(hash.as_bytes().as_slice())
        .bind(now.unix())
        .fetch_optional(c)
        .await)?,
    )
}

pub async fn lookup_tx(
    tx: &mut Tx,
    hash: &TokenHash,
    now: Timestamp,
) -> Result<Option<PendingActivation>, StoreError> {
    Ok(
        in_tx!(tx, c => sqlx::query_as::<_, PendingActivation>(LOOKUP)
        .bind(hash.as_bytes().as_slice())
        .bind(now.unix())
        .fetch_optional(c)
        .await)?,
    )
}

pub async fn delete(tx: &mut Tx, hash: &TokenHash) -> Result<u64, StoreError> {
    Ok(
        in_tx!(tx, c => sqlx::query(DELETE).bind(hash.as_bytes().as_slice()).execute(c).await.map(|r| r.rows_affected()))?,
    )
}

pub async fn purge(db: &Db, now: Timestamp) -> Result<u64, StoreError> {
    Ok(
        on_writer!(db, c => sqlx::query(PURGE).bind(now.unix()).execute(c).await.map(|r| r.rows_affected()))?,
    )
}
