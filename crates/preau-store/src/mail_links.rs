//! Single-use links mailed to a person about their own account: « ce n'était pas moi » under
//! every security notice, and the confirmation of a new recovery address.

use crate::db::{in_tx, on_reader, on_writer};
use crate::inventory::{Erasure, Feature, Retention, Table};
use crate::users::{UserRow, user_columns};
use crate::{Db, StoreError, Tx};
use preau_domain::{Timestamp, TokenHash, UserId};

crate::statements! {
    INSERT = "INSERT INTO mail_links (token_hash, purpose, user_id, address, created_at, expires_at) \
        VALUES ($1, $2, $3, $4, $5, $6)";
    DELETE_OF_USER_FOR = "DELETE FROM mail_links WHERE user_id = $1 AND purpose = $2";
    LOOKUP = concat!(
        "SELECT l.purpose AS link_purpose, l.address AS link_address, ", user_columns!(),
        " FROM mail_links l JOIN users u ON u.id = l.user_id \
         WHERE l.token_hash = $1 AND l.expires_at > $2"
    );
    DELETE = "DELETE FROM mail_links WHERE token_hash = $1";
    PURGE = "DELETE FROM mail_links WHERE expires_at <= $1";
}

pub const FEATURE: Feature = Feature {
    name: "mail_links",
    statements: STATEMENTS,
    tables: &[Table {
        name: "mail_links",
        purpose: "Single-use links mailed to a person about their account: « ce n'était pas moi » \
            under each security notice, and the confirmation of a new recovery address.",
        register: &["security"],
        personal: &["purpose", "user_id", "address", "created_at", "expires_at"],
        withheld: &["token_hash"],
        other: &[],
        owner: Some("user_id"),
        retention: Retention::Purged {
            job: "mail_links",
            rule: "48 hours for a confirmation, 30 days for « ce n'était pas moi »; at once when used",
        },
        erasure: Erasure::Cascade,
        backed_up: true,
    }],
};

/// A link's account, and the address it carries (a recovery address to confirm).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LinkedAccount {
    pub link_purpose: String,
    pub link_address: Option<String>,
    #[sqlx(flatten)]
    pub user: UserRow,
}

pub struct NewLink<'a> {
    pub purpose: &'a str,
    pub user: UserId,
    pub address: Option<&'a str>,
}

pub async fn insert(
    tx: &mut Tx,
    hash: &TokenHash,
    link: &NewLink<'_>,
    now: Timestamp,
    expires: Timestamp,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(INSERT)
        .bind(hash.as_bytes().as_slice())
        .bind(link.purpose)
        .bind(link.user.as_uuid())
        .bind(link.address)
        .bind(now.unix())
        .bind(expires.unix())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Forgets the person's earlier links of this purpose (a new confirmation replaces the last).
pub async fn delete_of_user_for(
    tx: &mut Tx,
    user: UserId,
    purpose: &str,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(DELETE_OF_USER_FOR).bind(user.as_uuid()).bind(purpose).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn lookup(
    db: &Db,
    hash: &TokenHash,
    now: Timestamp,
) -> Result<Option<LinkedAccount>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, LinkedAccount>(LOOKUP)
        .bind(hash.as_bytes().as_slice())
        .bind(now.unix())
        .fetch_optional(c)
        .await)?,
    )
}

/// Spends a link: true if it was there (a second use finds nothing).
pub async fn take(tx: &mut Tx, hash: &TokenHash) -> Result<bool, StoreError> {
    let n = in_tx!(tx, c => sqlx::query(DELETE).bind(hash.as_bytes().as_slice()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn purge(db: &Db, now: Timestamp) -> Result<u64, StoreError> {
    Ok(
        on_writer!(db, c => sqlx::query(PURGE).bind(now.unix()).execute(c).await.map(|r| r.rows_affected()))?,
    )
}
