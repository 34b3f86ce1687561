//! The blobs the database names, seen from the file store's side: what `preau storage
//! migrate` copies, what a restore checks is in the store, and whether a blob found in the
//! store belongs to a version (the orphan sweep). The tables are the documents feature's.

use crate::db::{in_tx, on_reader};
use crate::inventory::Feature;
use crate::{Db, StoreError, Tx};

crate::statements! {
    /// The blobs the versions name, in key order after `$1` (a page at a time): each key
    /// once, with the size and SHA-256 its versions recorded.
    NAMED_AFTER = "SELECT blob_key, MIN(size) AS size, MIN(sha256) AS sha256 FROM document_versions \
        WHERE blob_key > $1 GROUP BY blob_key ORDER BY blob_key LIMIT $2";
    /// How many blobs the versions name, and their bytes.
    TOTALS = "SELECT COUNT(*), CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM (SELECT blob_key, MIN(size) AS size \
        FROM document_versions GROUP BY blob_key) named";
    /// Whether a version names the blob (indexed: `document_versions_by_blob`).
    IS_NAMED = "SELECT COUNT(*) FROM document_versions WHERE blob_key = $1";
}

pub const FEATURE: Feature = Feature {
    name: "blobs",
    statements: STATEMENTS,
    tables: &[],
};

/// A blob as the database knows it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct NamedBlob {
    pub blob_key: String,
    pub size: i64,
    /// Lower-case hex.
    pub sha256: String,
}

/// Up to `limit` named blobs whose key sorts after `after` (`""` for the first page).
pub async fn named_after(db: &Db, after: &str, limit: i64) -> Result<Vec<NamedBlob>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, NamedBlob>(NAMED_AFTER)
        .bind(after)
        .bind(limit)
        .fetch_all(c)
        .await)?,
    )
}

/// How many distinct blobs the versions name, and their total size in bytes.
pub async fn totals(db: &Db) -> Result<(i64, i64), StoreError> {
    Ok(on_reader!(db, c => sqlx::query_as::<_, (i64, i64)>(TOTALS).fetch_one(c).await)?)
}

/// `totals`, in a transaction (a backup's snapshot).
pub async fn totals_in(tx: &mut Tx) -> Result<(i64, i64), StoreError> {
    Ok(in_tx!(tx, c => sqlx::query_as::<_, (i64, i64)>(TOTALS).fetch_one(c).await)?)
}

/// Whether some version names `key`.
pub async fn is_named(db: &Db, key: &str) -> Result<bool, StoreError> {
    let n =
        on_reader!(db, c => sqlx::query_scalar::<_, i64>(IS_NAMED).bind(key).fetch_one(c).await)?;
    Ok(n > 0)
}
