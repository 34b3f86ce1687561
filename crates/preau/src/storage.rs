//! `preau storage migrate`: copies every blob the database names from the configured file
//! store to another one (a directory to S3, or back), checking each copy's SHA-256 against
//! what the database recorded. Resumable: a blob already at the target with the right size is
//! skipped. It changes no configuration: the operator switches `storage.kind` afterwards.

use crate::open_store;
use anyhow::{Context as _, bail};
use futures_util::StreamExt as _;
use preau_app::Config;
use preau_app::config::StorageKind;
use preau_app::storage::{FileStore, StorageError};
use preau_store::blobs::{self, NamedBlob};
use sha2::{Digest, Sha256};
use std::io::{IsTerminal as _, Write as _};

/// Named blobs read from the database at a time.
const PAGE: i64 = 500;

/// Where `preau storage migrate` copies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Target {
    /// The S3 bucket of `[storage.s3]`.
    S3,
    /// The directory of `storage.path` (default `<data_dir>/files`).
    Local,
}

impl Target {
    fn kind(self) -> StorageKind {
        match self {
            Self::S3 => StorageKind::S3,
            Self::Local => StorageKind::Local,
        }
    }

    /// The configuration line that makes Préau use the target.
    pub fn setting(self) -> &'static str {
        match self {
            Self::S3 => "storage.kind = \"s3\"",
            Self::Local => "storage.kind = \"local\" (or \"shared-directory\")",
        }
    }
}

/// What a migration did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Migrated {
    /// Blobs the database names.
    pub total: u64,
    /// Copied and checked in this run.
    pub copied: u64,
    /// Already at the target with the right size (an earlier run copied them).
    pub skipped: u64,
    /// Bytes copied in this run.
    pub bytes: u64,
    /// From and to, for the operator.
    pub from: String,
    pub to: String,
}

/// Copies every blob the database names from the configured store to `target`. Stops at the
/// first blob that is missing from the source or whose copy does not read back with the
/// SHA-256 the database recorded (that copy is deleted, so a later run tries it again).
pub async fn migrate(config: &Config, target: Target) -> anyhow::Result<Migrated> {
    match (config.storage.kind, target) {
        (StorageKind::S3, Target::S3) => {
            bail!("the file store is already S3 (storage.kind = \"s3\"): nothing to migrate")
        }
        (StorageKind::Local | StorageKind::SharedDirectory, Target::Local) => bail!(
            "the file store is already a directory ({}): nothing to migrate",
            config.storage_path().display()
        ),
        (_, Target::S3) if config.storage.s3.is_none() => bail!(
            "--to s3 copies to the bucket of [storage.s3]: add that section to the configuration \
             and keep storage.kind as it is until the copy is done"
        ),
        _ => {}
    }
    let from = FileStore::open(config).context("cannot open the configured file store")?;
    let to = FileStore::open_as(config, target.kind())
        .with_context(|| format!("cannot open the target store ({target:?})"))?;
    let db = open_store(config, false).await?;
    let outcome = copy_all(&db, &from, &to).await;
    db.close().await;
    outcome
}

async fn copy_all(
    db: &preau_store::Db,
    from: &FileStore,
    to: &FileStore,
) -> anyhow::Result<Migrated> {
    let (total, total_bytes) = blobs::totals(db).await?;
    let mut done = Migrated {
        total: u64::try_from(total).unwrap_or(0),
        from: from.describe().to_owned(),
        to: to.describe().to_owned(),
        ..Migrated::default()
    };
    let mut progress = Progress::new(done.total, u64::try_from(total_bytes).unwrap_or(0));
    let mut after = String::new();
    loop {
        let page = blobs::named_after(db, &after, PAGE).await?;
        let Some(last) = page.last() else { break };
        after = last.blob_key.clone();
        for blob in &page {
            let size = u64::try_from(blob.size).unwrap_or(0);
            if already_there(to, blob).await? {
                done.skipped += 1;
            } else {
                copy_one(from, to, blob).await?;
                done.copied += 1;
                done.bytes += size;
            }
            progress.advance(size);
        }
    }
    progress.finish();
    Ok(done)
}

/// Whether an earlier run copied the blob: the target has it with the size recorded.
async fn already_there(to: &FileStore, blob: &NamedBlob) -> anyhow::Result<bool> {
    match to.size_of(&blob.blob_key).await {
        Ok(size) => Ok(i64::try_from(size).is_ok_and(|s| s == blob.size)),
        Err(StorageError::NotFound) => Ok(false),
        Err(e) => Err(anyhow::anyhow!("{e}")).context(format!("target: {}", blob.blob_key)),
    }
}

async fn copy_one(from: &FileStore, to: &FileStore, blob: &NamedBlob) -> anyhow::Result<()> {
    let key = &blob.blob_key;
    let source = match from.get(key, None).await {
        Ok(download) => download,
        Err(StorageError::NotFound) => {
            bail!("blob {key} is missing from the configured store: nothing copied for it")
        }
        Err(e) => return Err(anyhow::anyhow!("{e}")).context(format!("reading blob {key}")),
    };
    to.put_stream_at(key.clone(), source.stream, u64::MAX)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))
        .with_context(|| format!("writing blob {key}"))?;
    // Read back from the target, not trusted from what was sent.
    let written = read_sha256(to, key)
        .await
        .with_context(|| format!("reading back blob {key}"))?;
    if written != blob.sha256 {
        if let Err(e) = to.delete(key).await {
            tracing::warn!("deleting the bad copy of {key} failed: {e}");
        }
        bail!(
            "blob {key}: SHA-256 {written} at the target, {} in the database; the copy was deleted \
             (is the source damaged? check it and run again)",
            blob.sha256
        );
    }
    Ok(())
}

async fn read_sha256(store: &FileStore, key: &str) -> anyhow::Result<String> {
    let mut download = store
        .get(key, None)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut hasher = Sha256::new();
    while let Some(chunk) = download.stream.next().await {
        hasher.update(chunk.map_err(|e| anyhow::anyhow!("{e}"))?);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// The progress line on stderr: rewritten in place on a terminal, a line every 100 blobs (and
/// the last) in a log.
struct Progress {
    total: u64,
    total_bytes: u64,
    count: u64,
    bytes: u64,
    terminal: bool,
}

impl Progress {
    fn new(total: u64, total_bytes: u64) -> Self {
        Self {
            total,
            total_bytes,
            count: 0,
            bytes: 0,
            terminal: std::io::stderr().is_terminal(),
        }
    }

    fn advance(&mut self, bytes: u64) {
        self.count += 1;
        self.bytes += bytes;
        if self.terminal || self.count.is_multiple_of(100) || self.count == self.total {
            self.print();
        }
    }

    fn print(&self) {
        let line = format!(
            "blobs {}/{}, {} of {} MB",
            self.count,
            self.total,
            mb(self.bytes),
            mb(self.total_bytes)
        );
        let mut err = std::io::stderr().lock();
        let _ = if self.terminal {
            write!(err, "\r{line}")
        } else {
            writeln!(err, "{line}")
        };
    }

    fn finish(&self) {
        if self.total == 0 {
            self.print();
        }
        if self.terminal {
            let _ = writeln!(std::io::stderr());
        }
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_000_000.0)
}
