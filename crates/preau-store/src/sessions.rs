//! Browser sessions: only the SHA-256 of the cookie's token is stored, so logout and
//! "log out everywhere" are a DELETE, effective on every instance at once. « Mes sessions »
//! names a session by its random `public_id`, never by the hash derived from its secret.

use crate::db::{in_tx, on_reader, on_writer};
use crate::inventory::{Erasure, Feature, Retention, Table};
use crate::users::{UserRow, user_columns};
use crate::{Db, StoreError, Tx};
use preau_domain::{Timestamp, TokenHash, UserId};
use uuid::Uuid;

crate::statements! {
    INSERT = "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, device, public_id) \
        VALUES ($1, $2, $3, $3, $4, $5)";
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
    // Live sessions only: one idle or too old is dead already, only not yet purged.
    LIST_OF_USER = "SELECT public_id, created_at, last_seen_at, device, \
        CAST(CASE WHEN token_hash = $2 THEN 1 ELSE 0 END AS BIGINT) AS current \
        FROM sessions WHERE user_id = $1 AND last_seen_at > $3 AND created_at > $4 \
        ORDER BY created_at DESC, public_id";
    OWNER_OF = "SELECT user_id, CAST(CASE WHEN token_hash = $2 THEN 1 ELSE 0 END AS BIGINT) \
        FROM sessions WHERE public_id = $1";
    DELETE_OF_USER_BY_ID = "DELETE FROM sessions WHERE public_id = $1 AND user_id = $2";
    PURGE = "DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2";
}

pub const FEATURE: Feature = Feature {
    name: "sessions",
    statements: STATEMENTS,
    tables: &[Table {
        name: "sessions",
        purpose: "Keeping a person logged in, and letting them see and end their sessions.",
        register: &["security"],
        personal: &[
            "user_id",
            "created_at",
            "last_seen_at",
            "device",
            "public_id",
        ],
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

/// One of a person's sessions, as « Mes sessions » lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub public_id: Uuid,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub device: String,
    /// 1 for the session the list was asked from.
    pub current: i64,
}

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
    public_id: Uuid,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(INSERT)
        .bind(hash.as_bytes().as_slice())
        .bind(user.as_uuid())
        .bind(now.unix())
        .bind(device)
        .bind(public_id)
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

/// The user's live sessions (seen after `idle_before`, opened after `opened_before`), newest
/// first; `current` marks the one whose hash is `current` (none for an API token).
pub async fn list_of_user(
    db: &Db,
    user: UserId,
    current: Option<&TokenHash>,
    idle_before: Timestamp,
    opened_before: Timestamp,
) -> Result<Vec<SessionRow>, StoreError> {
    let current: &[u8] = current.map_or(&[], |h| h.as_bytes().as_slice());
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, SessionRow>(LIST_OF_USER)
        .bind(user.as_uuid())
        .bind(current)
        .bind(idle_before.unix())
        .bind(opened_before.unix())
        .fetch_all(c)
        .await)?,
    )
}

/// Whose session `id` is, if it exists, and whether it is the one whose hash is `current`:
/// for the policy to decide before anything changes.
pub async fn owner_of(
    db: &Db,
    id: Uuid,
    current: Option<&TokenHash>,
) -> Result<Option<(UserId, bool)>, StoreError> {
    let current: &[u8] = current.map_or(&[], |h| h.as_bytes().as_slice());
    let row = on_reader!(db, c => sqlx::query_as::<_, (Uuid, i64)>(OWNER_OF)
        .bind(id)
        .bind(current)
        .fetch_optional(c)
        .await)?;
    Ok(row.map(|(owner, is_current)| (UserId::from_uuid(owner), is_current != 0)))
}

/// Ends the user's own session `id`; `NotFound` when it is not theirs or already gone.
pub async fn delete_of_user(db: &Db, user: UserId, id: Uuid) -> Result<(), StoreError> {
    let r = on_writer!(db, c => sqlx::query(DELETE_OF_USER_BY_ID).bind(id).bind(user.as_uuid()).execute(c).await.map(|r| r.rows_affected()))?;
    if r == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
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
