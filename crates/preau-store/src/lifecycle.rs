//! What the account lifecycle keeps besides accounts and invitations: markers of declined
//! invitations, the instance's salt for them, the audit trail and rosters awaiting
//! confirmation.

use crate::db::{in_tx, on_reader, on_writer};
use crate::inventory::{Erasure, Feature, Retention, Table};
use crate::{Db, StoreError, Tx};
use preau_domain::Timestamp;
use uuid::Uuid;

crate::statements! {
    SECRET_INSERT = "INSERT INTO instance_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING";
    SECRET_GET = "SELECT value FROM instance_secrets WHERE name = $1";
    BLOCK = "INSERT INTO reinvite_blocks (marker, until_at) VALUES ($1, $2) \
        ON CONFLICT (marker) DO UPDATE SET until_at = excluded.until_at";
    BLOCKED = "SELECT marker FROM reinvite_blocks WHERE until_at > $1";
    PURGE_BLOCKS = "DELETE FROM reinvite_blocks WHERE until_at <= $1";
    AUDIT = "INSERT INTO audit_log (id, at, actor_id, action, detail) VALUES ($1, $2, $3, $4, $5)";
    // `$1` is the list of actions wanted, `,a,b,`: one text for both backends (neither binds
    // a list the same way), and the journal is small (12 months of administrative acts).
    AUDIT_AMONG = "SELECT at, action, detail FROM audit_log \
        WHERE $1 LIKE '%,' || action || ',%' ORDER BY id DESC LIMIT $2";
    AUDIT_DAILY = "SELECT at / 86400 AS day, action, COUNT(*) AS n FROM audit_log \
        WHERE at >= $1 GROUP BY at / 86400, action ORDER BY day DESC, action";
    AUDIT_COUNT = "SELECT COUNT(*) FROM audit_log WHERE action = $1";
    PURGE_AUDIT = "DELETE FROM audit_log WHERE at <= $1";
    UPLOAD_INSERT = "INSERT INTO roster_uploads (id, uploaded_by, created_at, content) VALUES ($1, $2, $3, $4)";
    UPLOAD_GET = "SELECT content FROM roster_uploads WHERE id = $1 AND uploaded_by = $2 AND created_at > $3";
    UPLOAD_DELETE = "DELETE FROM roster_uploads WHERE id = $1";
    UPLOAD_PURGE = "DELETE FROM roster_uploads WHERE created_at <= $1";
}

pub const FEATURE: Feature = Feature {
    name: "lifecycle",
    statements: STATEMENTS,
    tables: &[
        Table {
            name: "reinvite_blocks",
            purpose: "A salted marker of a declined address, so that a re-import does not invite \
                the person again.",
            register: &["invitations"],
            personal: &[],
            withheld: &["marker"],
            other: &["until_at"],
            owner: None,
            retention: Retention::Purged {
                job: "reinvite_markers",
                rule: "until the next 1 September (RET-03)",
            },
            erasure: Erasure::WithRetention,
            backed_up: true,
        },
        Table {
            name: "instance_secrets",
            purpose: "The instance's salt for reinvite markers, shared by every instance.",
            register: &["invitations"],
            personal: &[],
            withheld: &[],
            other: &["name", "value"],
            owner: None,
            retention: Retention::Kept("a random salt: about no one"),
            erasure: Erasure::NotPersonal,
            backed_up: true,
        },
        Table {
            name: "audit_log",
            purpose: "The journal of administrative and security acts (RET-04): who acted, never \
                whom it was about.",
            register: &["security"],
            personal: &["actor_id"],
            withheld: &[],
            other: &["id", "at", "action", "detail"],
            owner: Some("actor_id"),
            retention: Retention::Purged {
                job: "audit_log",
                rule: "12 months rolling (RET-04)",
            },
            erasure: Erasure::Unlink,
            backed_up: true,
        },
        Table {
            name: "roster_uploads",
            purpose: "A roster file between its preview and its confirmation.",
            register: &["invitations"],
            personal: &["uploaded_by"],
            withheld: &["content"],
            other: &["id", "created_at"],
            owner: Some("uploaded_by"),
            retention: Retention::Purged {
                job: "roster_uploads",
                rule: "a day after the upload",
            },
            erasure: Erasure::Cascade,
            backed_up: true,
        },
    ],
};

/// The named instance secret, created from `candidate` the first time; every instance sharing
/// the database gets the same value.
pub async fn secret(db: &Db, name: &str, candidate: &[u8]) -> Result<Vec<u8>, StoreError> {
    on_writer!(db, c => sqlx::query(SECRET_INSERT).bind(name).bind(candidate).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(
        on_writer!(db, c => sqlx::query_scalar::<_, Vec<u8>>(SECRET_GET).bind(name).fetch_one(c).await)?,
    )
}

pub async fn block_reinvite(
    tx: &mut Tx,
    marker: &[u8],
    until: Timestamp,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(BLOCK).bind(marker).bind(until.unix()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn blocked_markers(tx: &mut Tx, now: Timestamp) -> Result<Vec<Vec<u8>>, StoreError> {
    Ok(
        in_tx!(tx, c => sqlx::query_scalar::<_, Vec<u8>>(BLOCKED).bind(now.unix()).fetch_all(c).await)?,
    )
}

pub async fn purge_blocks(db: &Db, now: Timestamp) -> Result<u64, StoreError> {
    Ok(
        on_writer!(db, c => sqlx::query(PURGE_BLOCKS).bind(now.unix()).execute(c).await.map(|r| r.rows_affected()))?,
    )
}

/// An entry of the audit trail. `detail` holds counts and codes, never a name or an address.
pub async fn audit(
    tx: &mut Tx,
    now: Timestamp,
    actor: Option<Uuid>,
    action: &str,
    detail: &str,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(AUDIT)
        .bind(preau_domain::ids::new_row_id())
        .bind(now.unix())
        .bind(actor)
        .bind(action)
        .bind(detail)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn audit_db(
    db: &Db,
    now: Timestamp,
    actor: Option<Uuid>,
    action: &str,
    detail: &str,
) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    audit(&mut tx, now, actor, action, detail).await?;
    tx.commit().await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditRow {
    pub at: i64,
    pub action: String,
    pub detail: String,
}

/// RET-04: the journal is kept 12 months rolling.
pub async fn purge_audit(db: &Db, before: Timestamp) -> Result<u64, StoreError> {
    Ok(
        on_writer!(db, c => sqlx::query(PURGE_AUDIT).bind(before.unix()).execute(c).await.map(|r| r.rows_affected()))?,
    )
}

/// The latest entries whose action is one of `actions` (codes of letters, digits and `-`).
pub async fn recent_audit_among(
    db: &Db,
    actions: &[&str],
    limit: i64,
) -> Result<Vec<AuditRow>, StoreError> {
    let wanted = format!(",{},", actions.join(","));
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, AuditRow>(AUDIT_AMONG).bind(&wanted).bind(limit).fetch_all(c).await)?,
    )
}

/// How many entries of each action each day (UTC days since the epoch) since `since`.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DailyCount {
    pub day: i64,
    pub action: String,
    pub n: i64,
}

pub async fn daily_audit_counts(db: &Db, since: Timestamp) -> Result<Vec<DailyCount>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, DailyCount>(AUDIT_DAILY).bind(since.unix()).fetch_all(c).await)?,
    )
}

/// How many entries of one action the journal holds (for tests and checks).
pub async fn count_audit(db: &Db, action: &str) -> Result<i64, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_scalar::<_, i64>(AUDIT_COUNT).bind(action).fetch_one(c).await)?,
    )
}

pub async fn save_upload(
    db: &Db,
    id: Uuid,
    by: Uuid,
    now: Timestamp,
    content: &[u8],
) -> Result<(), StoreError> {
    on_writer!(db, c => sqlx::query(UPLOAD_INSERT).bind(id).bind(by).bind(now.unix()).bind(content).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// An upload of `by`'s, if younger than `newer_than`.
pub async fn upload(
    tx: &mut Tx,
    id: Uuid,
    by: Uuid,
    newer_than: Timestamp,
) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(
        in_tx!(tx, c => sqlx::query_scalar::<_, Vec<u8>>(UPLOAD_GET).bind(id).bind(by).bind(newer_than.unix()).fetch_optional(c).await)?,
    )
}

pub async fn delete_upload(tx: &mut Tx, id: Uuid) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(UPLOAD_DELETE).bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn purge_uploads(db: &Db, before: Timestamp) -> Result<u64, StoreError> {
    Ok(
        on_writer!(db, c => sqlx::query(UPLOAD_PURGE).bind(before.unix()).execute(c).await.map(|r| r.rows_affected()))?,
    )
}
