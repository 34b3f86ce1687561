//! Exclusive locks on files next to a SQLite database, for what SQLite itself does not
//! serialise between processes: one server per file, one migration at a time. The operating
//! system releases a lock when its process ends, however it ends, so none is ever stale.

use crate::StoreError;
use crate::error::ConfigProblem;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

fn open(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
}

/// The lock on `path` if nobody holds it, `None` if another process does.
pub fn try_take(path: &Path) -> std::io::Result<Option<File>> {
    let file = open(path)?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(TryLockError::WouldBlock) => Ok(None),
        Err(TryLockError::Error(e)) => Err(e),
    }
}

/// Waits for the lock on `path`; it is held until the file is dropped.
pub async fn wait(path: PathBuf) -> Result<File, StoreError> {
    let shown = path.display().to_string();
    let failed = |e: String| StoreError::Config(ConfigProblem(format!("cannot lock {shown}: {e}")));
    tokio::task::spawn_blocking(move || {
        let file = open(&path)?;
        file.lock()?;
        Ok::<_, std::io::Error>(file)
    })
    .await
    .map_err(|e| failed(e.to_string()))?
    .map_err(|e| failed(e.to_string()))
}
