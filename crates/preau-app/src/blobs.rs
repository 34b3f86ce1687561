//! Orphan blobs: bytes in the file store that no version names. An upload writes its blob,
//! then the rows; a process killed in between (or a store that failed a delete) leaves a blob
//! nothing will ever ask for. This sweep lists the store and deletes those blobs once they
//! are older than a grace period, so that an upload still on its way to its commit is never
//! touched (issue 12: « a cleanup job handles crashes »).

use crate::storage::{FileStore, StorageError};
use crate::{App, AppError};
use futures_util::StreamExt as _;
use std::time::{Duration, SystemTime};

/// Orphans deleted at most per run; the next run goes on.
pub const ORPHANS_PER_RUN: u64 = 1000;

impl App {
    /// Deletes, from the file store, up to `ORPHANS_PER_RUN` blobs that no version names and
    /// that were written more than `storage.orphan_grace_seconds` ago. Their age is read from
    /// the store (`last_modified`) against this machine's wall clock, not the app's clock:
    /// both are the real time, and a manual clock in tests cannot age a file.
    pub async fn sweep_orphan_blobs(&self) -> Result<u64, AppError> {
        let grace = Duration::from_secs(self.config().storage.orphan_grace_seconds);
        let before = SystemTime::now()
            .checked_sub(grace)
            .unwrap_or(SystemTime::UNIX_EPOCH);
        sweep_orphans(self.db(), self.files(), before, ORPHANS_PER_RUN).await
    }
}

/// Deletes up to `limit` blobs written before `before` that no version names.
pub async fn sweep_orphans(
    db: &preau_store::Db,
    files: &FileStore,
    before: SystemTime,
    limit: u64,
) -> Result<u64, AppError> {
    let mut listing = files.listing();
    let mut deleted = 0;
    while let Some(entry) = listing.next().await {
        let (key, written) = entry.map_err(unavailable)?;
        if written > before || preau_store::blobs::is_named(db, &key).await? {
            continue;
        }
        files.delete(&key).await.map_err(unavailable)?;
        tracing::info!("file store: deleted the orphan blob {key}");
        deleted += 1;
        if deleted >= limit {
            break;
        }
    }
    Ok(deleted)
}

fn unavailable(e: StorageError) -> AppError {
    AppError::Unavailable(format!("file store: {e}"))
}
