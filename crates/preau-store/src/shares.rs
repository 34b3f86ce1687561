//! Shares of documents (issue 12): a file or folder opened to one person or to one group, with
//! a right (read, contribute, manage). A folder's share reaches everything it holds, so the
//! rights of a document are read on its path; a group's share is one row, whoever its members
//! are when someone asks. Nothing here records who opened or downloaded what.

use crate::db::{in_tx, on_reader};
use crate::inventory::{Erasure, Feature, Retention, Table};
use crate::{Db, StoreError, Tx};
use preau_domain::Timestamp;
use uuid::Uuid;

crate::statements! {
    /// The shares that reach `$2` on the document `$1` or a folder above it, directly or
    /// through a group they belong to; `depth` 0 is the document itself. An archived group's
    /// share says so (it gives reading only).
    ON_PATH_FOR = "WITH RECURSIVE up(id, parent_id, depth) AS ( \
        SELECT id, parent_id, 0 FROM documents WHERE id = $1 \
        UNION ALL SELECT d.id, d.parent_id, up.depth + 1 FROM documents d JOIN up ON d.id = up.parent_id \
        WHERE up.depth < 200) \
        SELECT s.document_id, s.access, CAST(up.depth AS BIGINT) AS depth, \
        CASE WHEN g.archived_at IS NULL THEN FALSE ELSE TRUE END AS group_archived \
        FROM up JOIN document_shares s ON s.document_id = up.id \
        LEFT JOIN groups g ON g.id = s.group_id \
        WHERE s.person_id = $2 OR s.group_id IN (SELECT m.group_id FROM group_members m WHERE m.user_id = $2)";
    /// Every share on the document `$1` and the folders above it, with whom it names, for
    /// the page that says who has access.
    ON_PATH = "WITH RECURSIVE up(id, parent_id, name, depth) AS ( \
        SELECT id, parent_id, name, 0 FROM documents WHERE id = $1 \
        UNION ALL SELECT d.id, d.parent_id, d.name, up.depth + 1 FROM documents d JOIN up ON d.id = up.parent_id \
        WHERE up.depth < 200) \
        SELECT s.id, s.document_id, up.name AS document_name, CAST(up.depth AS BIGINT) AS depth, s.person_id, s.group_id, s.access, \
        COALESCE(u.given_name, '') AS given_name, COALESCE(u.family_name, '') AS family_name, \
        COALESCE(g.name, '') AS group_name, s.created_at \
        FROM up JOIN document_shares s ON s.document_id = up.id \
        LEFT JOIN users u ON u.id = s.person_id LEFT JOIN groups g ON g.id = s.group_id \
        ORDER BY up.depth, g.name, u.family_name, u.given_name, s.id";
    FIND_FOR_PERSON = "SELECT id FROM document_shares WHERE document_id = $1 AND person_id = $2";
    FIND_FOR_GROUP = "SELECT id FROM document_shares WHERE document_id = $1 AND group_id = $2";
    INSERT = "INSERT INTO document_shares (id, document_id, person_id, group_id, access, shared_by, created_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7)";
    SET_ACCESS = "UPDATE document_shares SET access = $2, shared_by = $3 WHERE id = $1";
    DELETE = "DELETE FROM document_shares WHERE id = $1 AND document_id = $2";
    /// What is shared with `$1` (directly or through their groups), outside their own space,
    /// alive: neither it nor a folder above it in the trash. With who shared it and whose
    /// space it is in.
    SHARED_WITH = "WITH RECURSIVE mine(share_id, id, parent_id, trashed_at, depth) AS ( \
        SELECT s.id, d.id, d.parent_id, d.trashed_at, 0 FROM document_shares s \
        JOIN documents d ON d.id = s.document_id \
        WHERE (s.person_id = $1 OR s.group_id IN (SELECT m.group_id FROM group_members m WHERE m.user_id = $1)) \
        AND (d.owner_id IS NULL OR d.owner_id <> $1) \
        UNION ALL SELECT mine.share_id, d.id, d.parent_id, d.trashed_at, mine.depth + 1 \
        FROM documents d JOIN mine ON d.id = mine.parent_id WHERE mine.depth < 200), \
        alive AS (SELECT share_id FROM mine GROUP BY share_id HAVING COUNT(trashed_at) = 0) \
        SELECT d.id, d.kind, d.name, d.size, d.updated_at, d.owner_id, d.group_id, s.access, s.created_at, \
        COALESCE(u.given_name, '') AS sharer_given_name, COALESCE(u.family_name, '') AS sharer_family_name, \
        COALESCE(g.name, '') AS space_group_name \
        FROM alive JOIN document_shares s ON s.id = alive.share_id JOIN documents d ON d.id = s.document_id \
        LEFT JOIN users u ON u.id = s.shared_by LEFT JOIN groups g ON g.id = d.group_id \
        ORDER BY s.created_at DESC, d.id LIMIT $2";
}

pub const FEATURE: Feature = Feature {
    name: "document shares",
    statements: STATEMENTS,
    tables: &[Table {
        name: "document_shares",
        purpose: "Who a file or folder is shared with (a person or a group), with which right, \
            and who shared it.",
        personal: &[
            "id",
            "document_id",
            "person_id",
            "group_id",
            "access",
            "shared_by",
            "created_at",
        ],
        withheld: &[],
        other: &[],
        owner: Some("person_id"),
        register: &["documents"],
        retention: Retention::WithAccount,
        erasure: Erasure::Cascade,
        backed_up: true,
    }],
};

/// A share that reaches someone on a document's path.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Reach {
    pub document_id: Uuid,
    pub access: String,
    /// 0: the document itself; 1: its folder; and so on up.
    pub depth: i64,
    pub group_archived: bool,
}

/// The shares that reach `person` on `document` or a folder above it.
pub async fn on_path_for(db: &Db, document: Uuid, person: Uuid) -> Result<Vec<Reach>, StoreError> {
    Ok(on_reader!(db, c => sqlx::query_as::<_, Reach>(ON_PATH_FOR)
        .bind(document)
        .bind(person)
        .fetch_all(c)
        .await)?)
}

/// A share on a document's path, as the page about its access shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ShareRow {
    pub id: Uuid,
    pub document_id: Uuid,
    pub document_name: String,
    pub depth: i64,
    pub person_id: Option<Uuid>,
    pub group_id: Option<Uuid>,
    pub access: String,
    pub given_name: String,
    pub family_name: String,
    pub group_name: String,
    pub created_at: i64,
}

/// Every share on `document` and the folders above it, the document's own first.
pub async fn on_path(db: &Db, document: Uuid) -> Result<Vec<ShareRow>, StoreError> {
    Ok(on_reader!(db, c => sqlx::query_as::<_, ShareRow>(ON_PATH)
        .bind(document)
        .fetch_all(c)
        .await)?)
}

/// Whom a share opens the document to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sharee {
    Person(Uuid),
    Group(Uuid),
}

/// Shares `document` with `to` at `access`, or changes the right of the share it already
/// has; returns the share's id.
pub async fn upsert(
    tx: &mut Tx,
    document: Uuid,
    to: Sharee,
    access: &str,
    by: Uuid,
    now: Timestamp,
) -> Result<Uuid, StoreError> {
    let (find, id) = match to {
        Sharee::Person(p) => (FIND_FOR_PERSON, p),
        Sharee::Group(g) => (FIND_FOR_GROUP, g),
    };
    let existing = in_tx!(tx, c => sqlx::query_scalar::<_, Uuid>(find)
        .bind(document)
        .bind(id)
        .fetch_optional(c)
        .await)?;
    if let Some(share) = existing {
        in_tx!(tx, c => sqlx::query(SET_ACCESS).bind(share).bind(access).bind(by).execute(c).await.map(|r| r.rows_affected()))?;
        return Ok(share);
    }
    let share = preau_domain::ids::new_row_id();
    let (person, group) = match to {
        Sharee::Person(p) => (Some(p), None),
        Sharee::Group(g) => (None, Some(g)),
    };
    in_tx!(tx, c => sqlx::query(INSERT)
        .bind(share)
        .bind(document)
        .bind(person)
        .bind(group)
        .bind(access)
        .bind(by)
        .bind(now.unix())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(share)
}

/// Removes the share `id` from `document`; false when it has no such share.
pub async fn delete(tx: &mut Tx, document: Uuid, id: Uuid) -> Result<bool, StoreError> {
    let n = in_tx!(tx, c => sqlx::query(DELETE).bind(id).bind(document).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// A document shared with someone, as « Partagés avec moi » lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SharedRow {
    pub id: Uuid,
    pub kind: String,
    pub name: String,
    pub size: i64,
    pub updated_at: i64,
    pub owner_id: Option<Uuid>,
    pub group_id: Option<Uuid>,
    pub access: String,
    pub created_at: i64,
    pub sharer_given_name: String,
    pub sharer_family_name: String,
    pub space_group_name: String,
}

/// What is shared with `person`, newest share first (a document shared both with them and
/// with a group of theirs comes once per share).
pub async fn shared_with(db: &Db, person: Uuid, limit: i64) -> Result<Vec<SharedRow>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, SharedRow>(SHARED_WITH)
        .bind(person)
        .bind(limit)
        .fetch_all(c)
        .await)?,
    )
}
