//! Documents (issue 12): the folders and files of « Mes documents » and of groups' spaces,
//! and their versions. Only names, places and hashes live here; the bytes are in the file
//! store under opaque keys. A deleted version row queues its blob for deletion (a trigger
//! fills `blob_deletions`), so that no path — the trash emptied, a group deleted, a person
//! erased — leaves bytes behind.

use crate::db::{in_tx, on_reader, on_writer};
use crate::inventory::{Erasure, Feature, Retention, Table};
use crate::{Db, StoreError, Tx};
use preau_domain::Timestamp;
use uuid::Uuid;

/// The columns a document is read with.
macro_rules! document_columns {
    () => {
        "id, owner_id, group_id, parent_id, kind, name, created_by, created_at, updated_at, \
         trashed_at, size, content_type"
    };
}

crate::statements! {
    ROOT_OF_PERSON = "SELECT id FROM documents WHERE owner_id = $1 AND parent_id IS NULL";
    ROOT_OF_GROUP = "SELECT id FROM documents WHERE group_id = $1 AND parent_id IS NULL";
    /// A space's root, made on first use; two first uses at once make one (unique index).
    INSERT_ROOT = "INSERT INTO documents (id, owner_id, group_id, parent_id, kind, name, name_key, \
        created_by, created_at, updated_at) VALUES ($1, $2, $3, NULL, 'folder', '', '', NULL, $4, $4) \
        ON CONFLICT DO NOTHING";
    GET = concat!("SELECT ", document_columns!(), " FROM documents WHERE id = $1");
    /// A folder's living children: folders first, then by folded name.
    CHILDREN = concat!(
        "SELECT ", document_columns!(),
        " FROM documents WHERE parent_id = $1 AND trashed_at IS NULL \
        ORDER BY kind DESC, name_key, id LIMIT $2 OFFSET $3"
    );
    COUNT_CHILDREN = "SELECT COUNT(*) FROM documents WHERE parent_id = $1 AND trashed_at IS NULL";
    /// The living entry of a folder that has this name, if any.
    BY_NAME = concat!(
        "SELECT ", document_columns!(),
        " FROM documents WHERE parent_id = $1 AND name_key = $2 AND trashed_at IS NULL"
    );
    /// The document and its ancestors up to the root, the root first.
    ANCESTORS = "WITH RECURSIVE up(id, parent_id, name, trashed_at, depth) AS ( \
        SELECT id, parent_id, name, trashed_at, 0 FROM documents WHERE id = $1 \
        UNION ALL SELECT d.id, d.parent_id, d.name, d.trashed_at, up.depth + 1 \
        FROM documents d JOIN up ON d.id = up.parent_id WHERE up.depth < 200) \
        SELECT id, name, trashed_at FROM up ORDER BY depth DESC";
    NAME_TAKEN = "SELECT COUNT(*) FROM documents WHERE parent_id = $1 AND name_key = $2 AND trashed_at IS NULL";
    INSERT = "INSERT INTO documents (id, owner_id, group_id, parent_id, kind, name, name_key, created_by, \
        created_at, updated_at, size, content_type, search_name) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11, $12)";
    INSERT_VERSION = "INSERT INTO document_versions (id, document_id, blob_key, size, sha256, content_type, \
        created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    /// The newest version: the file's content.
    CURRENT_VERSION = "SELECT id, blob_key, size, sha256, content_type, created_at FROM document_versions \
        WHERE document_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1";
    /// Every version of a file, the newest first.
    VERSIONS = "SELECT id, blob_key, size, sha256, content_type, created_at FROM document_versions \
        WHERE document_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2";
    VERSION = "SELECT id, blob_key, size, sha256, content_type, created_at FROM document_versions \
        WHERE id = $1 AND document_id = $2";
    SET_CONTENT = "UPDATE documents SET size = $2, content_type = $3, updated_at = $4 WHERE id = $1";
    RENAME = "UPDATE documents SET name = $2, name_key = $3, updated_at = $4, search_name = $5 WHERE id = $1";
    TRASH = "UPDATE documents SET trashed_at = $2, updated_at = $2 WHERE id = $1 AND trashed_at IS NULL";
    RESTORE = "UPDATE documents SET trashed_at = NULL, name = $2, name_key = $3, updated_at = $4, search_name = $5 \
        WHERE id = $1 AND trashed_at IS NOT NULL";
    /// What a space holds in its trash (its top: what was put there, not what it held).
    TRASH_OF_PERSON = concat!(
        "SELECT ", document_columns!(),
        " FROM documents WHERE owner_id = $1 AND trashed_at IS NOT NULL ORDER BY trashed_at DESC, id LIMIT $2"
    );
    TRASH_OF_GROUP = concat!(
        "SELECT ", document_columns!(),
        " FROM documents WHERE group_id = $1 AND trashed_at IS NOT NULL ORDER BY trashed_at DESC, id LIMIT $2"
    );
    /// Files a document under another folder, with its name there.
    SET_PARENT = "UPDATE documents SET parent_id = $2, name = $3, name_key = $4, updated_at = $5, search_name = $6 \
        WHERE id = $1";
    /// Names without their search form (rows from before it existed), a batch at a time.
    UNSEARCHABLE = "SELECT id, name FROM documents WHERE search_name = '' AND parent_id IS NOT NULL LIMIT $1";
    SET_SEARCH_NAME = "UPDATE documents SET search_name = $2 WHERE id = $1";
    /// Living documents named like `$2` (folded, `%` around) that `$1` may read: in their
    /// space, in their groups' spaces, or shared with them or a group of theirs (and what
    /// shared folders hold). Folders above a result may still be in the trash: the use case
    /// checks each result.
    SEARCH = concat!(
        "WITH RECURSIVE shared(id, depth) AS ( \
        SELECT s.document_id, 0 FROM document_shares s WHERE s.person_id = $1 \
        OR s.group_id IN (SELECT m.group_id FROM group_members m WHERE m.user_id = $1) \
        UNION ALL SELECT d.id, shared.depth + 1 FROM documents d JOIN shared ON d.parent_id = shared.id \
        WHERE shared.depth < 200) \
        SELECT ", document_columns!(), " FROM documents \
        WHERE search_name LIKE $2 ESCAPE '!' AND trashed_at IS NULL AND parent_id IS NOT NULL \
        AND (owner_id = $1 OR group_id IN (SELECT m.group_id FROM group_members m WHERE m.user_id = $1) \
        OR id IN (SELECT id FROM shared)) \
        ORDER BY search_name, id LIMIT $3"
    );
    /// Moves a document and everything under it to another space.
    SET_SPACE_OF_SUBTREE = "WITH RECURSIVE sub(id, depth) AS ( \
        SELECT id, 0 FROM documents WHERE id = $1 \
        UNION ALL SELECT d.id, sub.depth + 1 FROM documents d JOIN sub ON d.parent_id = sub.id \
        WHERE sub.depth < 200) \
        UPDATE documents SET owner_id = $2, group_id = $3 WHERE id IN (SELECT id FROM sub)";
    /// Bytes a document and everything under it hold (every version, the trash included).
    USAGE_OF_SUBTREE = "WITH RECURSIVE sub(id, depth) AS ( \
        SELECT id, 0 FROM documents WHERE id = $1 \
        UNION ALL SELECT d.id, sub.depth + 1 FROM documents d JOIN sub ON d.parent_id = sub.id \
        WHERE sub.depth < 200) \
        SELECT CAST(COALESCE(SUM(v.size), 0) AS BIGINT) FROM document_versions v \
        WHERE v.document_id IN (SELECT id FROM sub)";
    DELETE = "DELETE FROM documents WHERE id = $1";
    PURGE_TRASH = "DELETE FROM documents WHERE trashed_at <= $1";
    /// Bytes a space holds, every version and the trash included: what its quota counts.
    USAGE_OF_PERSON = "SELECT CAST(COALESCE(SUM(v.size), 0) AS BIGINT) FROM document_versions v \
        JOIN documents d ON d.id = v.document_id WHERE d.owner_id = $1";
    USAGE_OF_GROUP = "SELECT CAST(COALESCE(SUM(v.size), 0) AS BIGINT) FROM document_versions v \
        JOIN documents d ON d.id = v.document_id WHERE d.group_id = $1";
    /// Blobs to delete from the store: no version row uses them any more.
    BLOBS_TO_DELETE = "SELECT b.blob_key FROM blob_deletions b WHERE NOT EXISTS \
        (SELECT 1 FROM document_versions v WHERE v.blob_key = b.blob_key) ORDER BY b.blob_key LIMIT $1";
    BLOB_DELETED = "DELETE FROM blob_deletions WHERE blob_key = $1";
    /// A queued blob that a version uses again (a restored version) is not deleted.
    BLOBS_IN_USE = "DELETE FROM blob_deletions WHERE EXISTS \
        (SELECT 1 FROM document_versions v WHERE v.blob_key = blob_deletions.blob_key)";
    COUNT_BLOBS = "SELECT COUNT(DISTINCT blob_key) FROM document_versions";
    /// The files a person put in groups' spaces (what « Supprimer mon compte » asks about).
    GROUP_FILES_OF = "SELECT COUNT(*) FROM documents WHERE created_by = $1 AND group_id IS NOT NULL \
        AND kind = 'file'";
    DELETE_GROUP_FILES_OF = "DELETE FROM documents WHERE created_by = $1 AND group_id IS NOT NULL \
        AND kind = 'file'";
    /// A person's whole space for their export: every folder and file, with each file's
    /// current blob.
    SPACE_FOR_EXPORT = "SELECT d.id, d.parent_id, d.kind, d.name, d.trashed_at, \
        (SELECT v.blob_key FROM document_versions v WHERE v.document_id = d.id \
         ORDER BY v.created_at DESC, v.id DESC LIMIT 1) AS blob_key \
        FROM documents d WHERE d.owner_id = $1 ORDER BY d.id";
}

pub const FEATURE: Feature = Feature {
    name: "documents",
    statements: STATEMENTS,
    tables: &[
        Table {
            name: "documents",
            purpose: "The folders and files of each person's « Mes documents » and of each \
                group's space: names, places and sizes (the bytes are in the file store).",
            personal: &[
                "id",
                "owner_id",
                "group_id",
                "parent_id",
                "kind",
                "name",
                "created_by",
                "created_at",
                "updated_at",
                "trashed_at",
                "size",
                "content_type",
            ],
            withheld: &["name_key", "search_name"],
            other: &[],
            owner: Some("owner_id"),
            register: &["documents"],
            retention: Retention::Purged {
                job: "documents_trash",
                rule: "30 days in the trash; otherwise as long as the person's account or the group",
            },
            erasure: Erasure::Cascade,
            backed_up: true,
        },
        Table {
            name: "document_versions",
            purpose: "Each version of a file: its blob's key, size, SHA-256 and type, and who \
                uploaded it.",
            personal: &[
                "id",
                "document_id",
                "size",
                "sha256",
                "content_type",
                "created_by",
                "created_at",
            ],
            withheld: &["blob_key"],
            other: &[],
            owner: Some("created_by"),
            register: &["documents"],
            retention: Retention::Purged {
                job: "documents_trash",
                rule: "with its file",
            },
            erasure: Erasure::Unlink,
            backed_up: true,
        },
        Table {
            name: "blob_deletions",
            purpose: "Blobs no file uses any more, until the file store has deleted them.",
            personal: &[],
            withheld: &[],
            other: &["blob_key"],
            owner: None,
            register: &["documents"],
            retention: Retention::Purged {
                job: "blobs",
                rule: "once the blob is deleted from the file store (at the next purge)",
            },
            erasure: Erasure::NotPersonal,
            backed_up: true,
        },
    ],
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DocumentRow {
    pub id: Uuid,
    pub owner_id: Option<Uuid>,
    pub group_id: Option<Uuid>,
    pub parent_id: Option<Uuid>,
    pub kind: String,
    pub name: String,
    pub created_by: Option<Uuid>,
    pub created_at: i64,
    pub updated_at: i64,
    pub trashed_at: Option<i64>,
    pub size: i64,
    pub content_type: String,
}

impl DocumentRow {
    pub fn is_folder(&self) -> bool {
        self.kind == "folder"
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VersionRow {
    pub id: Uuid,
    pub blob_key: String,
    pub size: i64,
    pub sha256: String,
    pub content_type: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Crumb {
    pub id: Uuid,
    pub name: String,
    pub trashed_at: Option<i64>,
}

/// Whose space: a person's « Mes documents » or a group's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Space {
    Person(Uuid),
    Group(Uuid),
}

impl Space {
    fn columns(self) -> (Option<Uuid>, Option<Uuid>) {
        match self {
            Self::Person(id) => (Some(id), None),
            Self::Group(id) => (None, Some(id)),
        }
    }

    pub fn of(row: &DocumentRow) -> Option<Self> {
        match (row.owner_id, row.group_id) {
            (Some(p), None) => Some(Self::Person(p)),
            (None, Some(g)) => Some(Self::Group(g)),
            _ => None,
        }
    }
}

/// The space's root folder, made if it does not exist yet.
pub async fn root(db: &Db, space: Space, now: Timestamp) -> Result<Uuid, StoreError> {
    let find = match space {
        Space::Person(_) => ROOT_OF_PERSON,
        Space::Group(_) => ROOT_OF_GROUP,
    };
    let id = match space {
        Space::Person(id) | Space::Group(id) => id,
    };
    if let Some(root) =
        on_reader!(db, c => sqlx::query_scalar::<_, Uuid>(find).bind(id).fetch_optional(c).await)?
    {
        return Ok(root);
    }
    let (owner, group) = space.columns();
    on_writer!(db, c => sqlx::query(INSERT_ROOT)
        .bind(preau_domain::ids::new_row_id())
        .bind(owner)
        .bind(group)
        .bind(now.unix())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(on_writer!(db, c => sqlx::query_scalar::<_, Uuid>(find).bind(id).fetch_one(c).await)?)
}

pub async fn get(db: &Db, id: Uuid) -> Result<Option<DocumentRow>, StoreError> {
    Ok(on_reader!(db, c => sqlx::query_as::<_, DocumentRow>(GET).bind(id).fetch_optional(c).await)?)
}

pub async fn get_tx(tx: &mut Tx, id: Uuid) -> Result<Option<DocumentRow>, StoreError> {
    Ok(in_tx!(tx, c => sqlx::query_as::<_, DocumentRow>(GET).bind(id).fetch_optional(c).await)?)
}

/// A page of a folder's living children: `limit` of them after the first `offset`.
pub async fn children(
    db: &Db,
    folder: Uuid,
    limit: i64,
    offset: i64,
) -> Result<Vec<DocumentRow>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, DocumentRow>(CHILDREN)
        .bind(folder)
        .bind(limit)
        .bind(offset)
        .fetch_all(c)
        .await)?,
    )
}

pub async fn count_children(db: &Db, folder: Uuid) -> Result<i64, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_scalar::<_, i64>(COUNT_CHILDREN).bind(folder).fetch_one(c).await)?,
    )
}

/// The living entry of `folder` called `name_key`, if any.
pub async fn by_name(
    tx: &mut Tx,
    folder: Uuid,
    name_key: &str,
) -> Result<Option<DocumentRow>, StoreError> {
    Ok(in_tx!(tx, c => sqlx::query_as::<_, DocumentRow>(BY_NAME)
        .bind(folder)
        .bind(name_key)
        .fetch_optional(c)
        .await)?)
}

/// A file's new content (its newest version): size and type.
pub async fn set_content(
    tx: &mut Tx,
    id: Uuid,
    size: i64,
    content_type: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(SET_CONTENT).bind(id).bind(size).bind(content_type).bind(now.unix()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// The path from the space's root to the document (both included).
pub async fn ancestors(db: &Db, id: Uuid) -> Result<Vec<Crumb>, StoreError> {
    Ok(on_reader!(db, c => sqlx::query_as::<_, Crumb>(ANCESTORS).bind(id).fetch_all(c).await)?)
}

pub async fn ancestors_tx(tx: &mut Tx, id: Uuid) -> Result<Vec<Crumb>, StoreError> {
    Ok(in_tx!(tx, c => sqlx::query_as::<_, Crumb>(ANCESTORS).bind(id).fetch_all(c).await)?)
}

pub async fn name_taken(tx: &mut Tx, folder: Uuid, name_key: &str) -> Result<bool, StoreError> {
    let n = in_tx!(tx, c => sqlx::query_scalar::<_, i64>(NAME_TAKEN).bind(folder).bind(name_key).fetch_one(c).await)?;
    Ok(n > 0)
}

/// A new folder or file in `parent`.
pub struct NewDocument<'a> {
    pub id: Uuid,
    pub space: Space,
    pub parent: Uuid,
    pub folder: bool,
    pub name: &'a str,
    pub name_key: &'a str,
    pub by: Uuid,
    pub size: i64,
    pub content_type: &'a str,
}

pub async fn insert(tx: &mut Tx, d: &NewDocument<'_>, now: Timestamp) -> Result<(), StoreError> {
    let (owner, group) = d.space.columns();
    in_tx!(tx, c => sqlx::query(INSERT)
        .bind(d.id)
        .bind(owner)
        .bind(group)
        .bind(d.parent)
        .bind(if d.folder { "folder" } else { "file" })
        .bind(d.name)
        .bind(d.name_key)
        .bind(d.by)
        .bind(now.unix())
        .bind(d.size)
        .bind(d.content_type)
        .bind(preau_domain::text::fold(d.name))
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub struct NewVersion<'a> {
    pub document: Uuid,
    pub blob_key: &'a str,
    pub size: i64,
    pub sha256: &'a str,
    pub content_type: &'a str,
    pub by: Uuid,
}

pub async fn insert_version(
    tx: &mut Tx,
    v: &NewVersion<'_>,
    now: Timestamp,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(INSERT_VERSION)
        .bind(preau_domain::ids::new_row_id())
        .bind(v.document)
        .bind(v.blob_key)
        .bind(v.size)
        .bind(v.sha256)
        .bind(v.content_type)
        .bind(v.by)
        .bind(now.unix())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn current_version(db: &Db, document: Uuid) -> Result<Option<VersionRow>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, VersionRow>(CURRENT_VERSION)
        .bind(document)
        .fetch_optional(c)
        .await)?,
    )
}

/// The versions of a file, newest first (`limit` at most).
pub async fn versions(db: &Db, document: Uuid, limit: i64) -> Result<Vec<VersionRow>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, VersionRow>(VERSIONS)
        .bind(document)
        .bind(limit)
        .fetch_all(c)
        .await)?,
    )
}

/// One version of `document`.
pub async fn version(db: &Db, document: Uuid, id: Uuid) -> Result<Option<VersionRow>, StoreError> {
    Ok(on_reader!(db, c => sqlx::query_as::<_, VersionRow>(VERSION)
        .bind(id)
        .bind(document)
        .fetch_optional(c)
        .await)?)
}

pub async fn rename(
    tx: &mut Tx,
    id: Uuid,
    name: &str,
    name_key: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(RENAME).bind(id).bind(name).bind(name_key).bind(now.unix()).bind(preau_domain::text::fold(name)).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Files `id` in `parent` under `name`.
pub async fn set_parent(
    tx: &mut Tx,
    id: Uuid,
    parent: Uuid,
    name: &str,
    name_key: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(SET_PARENT).bind(id).bind(parent).bind(name).bind(name_key).bind(now.unix()).bind(preau_domain::text::fold(name)).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Moves `id` and everything under it to `space`.
pub async fn set_space_of_subtree(tx: &mut Tx, id: Uuid, space: Space) -> Result<u64, StoreError> {
    let (owner, group) = space.columns();
    Ok(
        in_tx!(tx, c => sqlx::query(SET_SPACE_OF_SUBTREE).bind(id).bind(owner).bind(group).execute(c).await.map(|r| r.rows_affected()))?,
    )
}

/// Bytes `id` and everything under it hold.
pub async fn usage_of_subtree(tx: &mut Tx, id: Uuid) -> Result<i64, StoreError> {
    Ok(in_tx!(tx, c => sqlx::query_scalar::<_, i64>(USAGE_OF_SUBTREE).bind(id).fetch_one(c).await)?)
}

/// Puts the document in the trash; false when it already was.
pub async fn trash(tx: &mut Tx, id: Uuid, now: Timestamp) -> Result<bool, StoreError> {
    let n = in_tx!(tx, c => sqlx::query(TRASH).bind(id).bind(now.unix()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Takes the document out of the trash under `name`; false when it was not in it.
pub async fn restore(
    tx: &mut Tx,
    id: Uuid,
    name: &str,
    name_key: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let n = in_tx!(tx, c => sqlx::query(RESTORE).bind(id).bind(name).bind(name_key).bind(now.unix()).bind(preau_domain::text::fold(name)).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn trash_of(db: &Db, space: Space, limit: i64) -> Result<Vec<DocumentRow>, StoreError> {
    let (sql, id) = match space {
        Space::Person(id) => (TRASH_OF_PERSON, id),
        Space::Group(id) => (TRASH_OF_GROUP, id),
    };
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, DocumentRow>(sql).bind(id).bind(limit).fetch_all(c).await)?,
    )
}

/// Deletes the document and everything under it, for good (their blobs are queued).
pub async fn delete(tx: &mut Tx, id: Uuid) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(DELETE).bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Deletes what has been in the trash since before `before`.
pub async fn purge_trash(db: &Db, before: Timestamp) -> Result<u64, StoreError> {
    Ok(
        on_writer!(db, c => sqlx::query(PURGE_TRASH).bind(before.unix()).execute(c).await.map(|r| r.rows_affected()))?,
    )
}

/// Bytes the space holds (every version, the trash included).
pub async fn usage(tx: &mut Tx, space: Space) -> Result<i64, StoreError> {
    let (sql, id) = match space {
        Space::Person(id) => (USAGE_OF_PERSON, id),
        Space::Group(id) => (USAGE_OF_GROUP, id),
    };
    Ok(in_tx!(tx, c => sqlx::query_scalar::<_, i64>(sql).bind(id).fetch_one(c).await)?)
}

pub async fn usage_db(db: &Db, space: Space) -> Result<i64, StoreError> {
    let (sql, id) = match space {
        Space::Person(id) => (USAGE_OF_PERSON, id),
        Space::Group(id) => (USAGE_OF_GROUP, id),
    };
    Ok(on_reader!(db, c => sqlx::query_scalar::<_, i64>(sql).bind(id).fetch_one(c).await)?)
}

/// Blobs queued for deletion that nothing uses.
pub async fn blobs_to_delete(db: &Db, limit: i64) -> Result<Vec<String>, StoreError> {
    on_writer!(db, c => sqlx::query(BLOBS_IN_USE).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(
        on_reader!(db, c => sqlx::query_scalar::<_, String>(BLOBS_TO_DELETE).bind(limit).fetch_all(c).await)?,
    )
}

pub async fn blob_deleted(db: &Db, key: &str) -> Result<(), StoreError> {
    on_writer!(db, c => sqlx::query(BLOB_DELETED).bind(key).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// How many distinct blobs the versions use (the restore check compares it with the store).
pub async fn count_blobs(db: &Db) -> Result<i64, StoreError> {
    Ok(on_reader!(db, c => sqlx::query_scalar::<_, i64>(COUNT_BLOBS).fetch_one(c).await)?)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExportEntry {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub kind: String,
    pub name: String,
    pub trashed_at: Option<i64>,
    pub blob_key: Option<String>,
}

/// Every folder and file of a person's « Mes documents », for their archive.
pub async fn space_for_export(db: &Db, person: Uuid) -> Result<Vec<ExportEntry>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, ExportEntry>(SPACE_FOR_EXPORT).bind(person).fetch_all(c).await)?,
    )
}

/// How many files the person put in groups' spaces.
pub async fn group_files_of(db: &Db, person: Uuid) -> Result<i64, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_scalar::<_, i64>(GROUP_FILES_OF).bind(person).fetch_one(c).await)?,
    )
}

/// Deletes the files the person put in groups' spaces (their blobs are queued).
pub async fn delete_group_files_of(tx: &mut Tx, person: Uuid) -> Result<u64, StoreError> {
    Ok(
        in_tx!(tx, c => sqlx::query(DELETE_GROUP_FILES_OF).bind(person).execute(c).await.map(|r| r.rows_affected()))?,
    )
}

/// Gives the rows from before `search_name` existed their search form; returns how many.
pub async fn fill_search_names(db: &Db) -> Result<u64, StoreError> {
    let mut filled = 0;
    loop {
        let rows = on_reader!(db, c => sqlx::query_as::<_, (Uuid, String)>(UNSEARCHABLE).bind(500_i64).fetch_all(c).await)?;
        if rows.is_empty() {
            return Ok(filled);
        }
        let mut progressed = false;
        for (id, name) in rows {
            let folded = preau_domain::text::fold(&name);
            // A name that folds to nothing (only punctuation) keeps a marker that no
            // search matches, so that it is not picked again.
            let folded = if folded.is_empty() {
                "!".to_owned()
            } else {
                folded
            };
            on_writer!(db, c => sqlx::query(SET_SEARCH_NAME).bind(id).bind(&folded).execute(c).await.map(|r| r.rows_affected()))?;
            filled += 1;
            progressed = true;
        }
        if !progressed {
            return Ok(filled);
        }
    }
}

/// Living documents whose folded name contains `needle` (already folded) that `person`
/// may read, by name (`limit` at most).
pub async fn search(
    db: &Db,
    person: Uuid,
    needle: &str,
    limit: i64,
) -> Result<Vec<DocumentRow>, StoreError> {
    let escaped: String = needle
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '!' => vec!['!', c],
            c => vec![c],
        })
        .collect();
    let pattern = format!("%{escaped}%");
    Ok(on_reader!(db, c => sqlx::query_as::<_, DocumentRow>(SEARCH)
        .bind(person)
        .bind(&pattern)
        .bind(limit)
        .fetch_all(c)
        .await)?)
}
