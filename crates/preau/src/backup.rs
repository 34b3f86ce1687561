//! `preau backup` and `preau restore`. A backup is a directory: the database (a consistent
//! SQLite copy made while Préau runs, or a `pg_dump` custom-format archive), the file store
//! when it is a directory, and `manifest.json` with the row counts that a restore is checked
//! against. An S3 bucket is not copied: its own versioning and replication keep the bytes
//! (docs/operations/backup.md); the manifest names it, and a restore checks that every blob
//! the database names is in it. Session rows are never copied: after a restore everybody
//! logs in again.

use crate::open_store;
use anyhow::{Context as _, bail};
use preau_app::Config;
use preau_app::config::StorageKind;
use preau_app::storage::{FileStore, StorageError};
use preau_store::{Backend, Db, blobs, maintenance};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const MANIFEST: &str = "manifest.json";
const SQLITE_FILE: &str = "preau.sqlite3";
const PG_ARCHIVE: &str = "preau.pgdump";
const FILES: &str = "files";
/// RET-07: erased data must leave backups within a bounded delay.
pub const MAX_RETENTION_DAYS: u64 = 35;
const FORMAT: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    pub format: u32,
    pub preau_version: String,
    pub created_at: String,
    pub created_at_unix: i64,
    pub backend: String,
    pub migrations: usize,
    /// Rows per table when the copy was made.
    pub counts: Vec<(String, i64)>,
    pub files: u64,
    /// Each file of the store, by path relative to it, with its SHA-256: a restore checks
    /// every one. (Backups made before this field existed have none.)
    #[serde(default)]
    pub file_digests: Vec<(String, String)>,
    /// How many blobs the database named when the copy was made (older backups: 0).
    #[serde(default)]
    pub blobs: i64,
    /// The S3 bucket that holds the blobs, when the store is S3: the backup has no copy of
    /// them.
    #[serde(default)]
    pub bucket: Option<Bucket>,
}

/// An S3 bucket, as the manifest names it (no credentials).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Bucket {
    pub endpoint: String,
    pub bucket: String,
}

fn backend_name(b: Backend) -> &'static str {
    match b {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    }
}

/// `<data_dir>/backups`: where backups go unless told otherwise, and what pruning looks at.
pub fn default_root(config: &Config) -> PathBuf {
    config.data_dir.join("backups")
}

/// Makes a backup in `to` (which must not exist yet, or be empty). A backup that fails
/// halfway is deleted: a directory without its manifest would look like a backup and be
/// neither restorable nor pruned.
pub async fn backup(config: &Config, to: &Path) -> anyhow::Result<Manifest> {
    if to.exists() && std::fs::read_dir(to)?.next().is_some() {
        bail!(
            "{} is not empty: a backup goes into a new directory",
            to.display()
        );
    }
    std::fs::create_dir_all(to).with_context(|| format!("cannot create {}", to.display()))?;
    let made = write_backup(config, to).await;
    if made.is_err() {
        let _ = std::fs::remove_dir_all(to);
    }
    made
}

async fn write_backup(config: &Config, to: &Path) -> anyhow::Result<Manifest> {
    let db = open_store(config, false).await?;
    let now = time::OffsetDateTime::now_utc();
    let result = async {
        let counts = match db.backend() {
            Backend::Sqlite => {
                let file = to.join(SQLITE_FILE);
                maintenance::sqlite_copy_into(&db, &file).await?;
                let copy = Db::connect(&sqlite_url(&file), &Default::default()).await?;
                maintenance::forget_sessions(&copy).await?;
                let counts = maintenance::table_counts(&copy).await?;
                let (blobs, _) = blobs::totals(&copy).await?;
                copy.close().await;
                (counts, blobs)
            }
            Backend::Postgres => {
                // The counts and the dump read one snapshot, so a restore can be checked
                // against the manifest even though Préau kept running meanwhile.
                let (mut tx, snapshot) = maintenance::postgres_snapshot(&db).await?;
                let counts = maintenance::table_counts_in(&mut tx).await?;
                let (blobs, _) = blobs::totals_in(&mut tx).await?;
                let (url, archive) = (config.database_url(), to.join(PG_ARCHIVE));
                tokio::task::spawn_blocking(move || pg_dump(&url, &archive, &snapshot)).await??;
                tx.commit().await?;
                (counts, blobs)
            }
        };
        anyhow::Ok(counts)
    }
    .await;
    let backend = db.backend();
    db.close().await;
    let (counts, blobs) = result?;
    // A directory store is copied after the database: a blob written meanwhile is extra,
    // never missing, since blobs are written before the rows that name them.
    let bucket = match (&config.storage.kind, &config.storage.s3) {
        (StorageKind::S3, Some(s3)) => Some(Bucket {
            endpoint: s3.endpoint.clone(),
            bucket: s3.bucket.clone(),
        }),
        _ => None,
    };
    let files = match bucket {
        Some(_) => {
            std::fs::create_dir_all(to.join(FILES))?;
            0
        }
        None => copy_tree(&config.storage_path(), &to.join(FILES))?,
    };
    let file_digests = digests(&to.join(FILES))?;
    let manifest = Manifest {
        format: FORMAT,
        preau_version: env!("CARGO_PKG_VERSION").to_owned(),
        created_at: now
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        created_at_unix: now.unix_timestamp(),
        backend: backend_name(backend).to_owned(),
        migrations: Db::migration_versions().0.len(),
        counts,
        files,
        file_digests,
        blobs,
        bucket,
    };
    std::fs::write(to.join(MANIFEST), serde_json::to_vec_pretty(&manifest)?)?;
    Ok(manifest)
}

fn sqlite_url(file: &Path) -> String {
    format!("sqlite://{}", file.display())
}

/// A PostgreSQL client command for `database_url`: the password, if any, goes to the child's
/// environment (`PGPASSWORD`), never on a command line other users could read with `ps`.
fn pg_command(program: &str, database_url: &str) -> Command {
    let mut command = Command::new(program);
    let (url, password) = split_password(database_url);
    if let Some(password) = password {
        command.env("PGPASSWORD", password);
    }
    command.arg("--dbname").arg(url);
    command
}

/// `postgres://user:secret@host/db` → (`postgres://user@host/db`, `secret`, percent-decoded).
pub fn split_password(url: &str) -> (String, Option<String>) {
    let Some((scheme, rest)) = url.split_once("://") else {
        return (url.to_owned(), None);
    };
    let Some((userinfo, host)) = rest.split_once('@') else {
        return (url.to_owned(), None);
    };
    let Some((user, password)) = userinfo.split_once(':') else {
        return (url.to_owned(), None);
    };
    (
        format!("{scheme}://{user}@{host}"),
        Some(percent_decode(password)),
    )
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Runs `pg_dump` in custom format on an exported snapshot, without session rows.
fn pg_dump(database_url: &str, archive: &Path, snapshot: &str) -> anyhow::Result<()> {
    let status = pg_command("pg_dump", database_url)
        .args([
            "--format=custom",
            "--no-owner",
            "--exclude-table-data=sessions",
        ])
        .arg(format!("--snapshot={snapshot}"))
        .arg("--file")
        .arg(archive)
        .status()
        .context(
            "cannot run pg_dump: install the PostgreSQL client of the server's major version",
        )?;
    if !status.success() {
        bail!("pg_dump failed ({status}); see its message above");
    }
    Ok(())
}

/// What a restore found, against what the manifest promised.
#[derive(Debug)]
pub struct Restored {
    pub manifest: Manifest,
    pub counts: Vec<(String, i64)>,
    pub migrations_applied: usize,
    /// The restored file store's files and their SHA-256.
    pub file_digests: Vec<(String, String)>,
    /// How many blobs the restored database names, all looked up in the file store.
    pub blobs: i64,
    /// Blobs the restored database names that the file store does not have.
    pub missing_blobs: Vec<String>,
}

impl Restored {
    /// Tables whose row count differs from the manifest's.
    pub fn mismatches(&self) -> Vec<String> {
        self.manifest
            .counts
            .iter()
            .filter(|(table, n)| {
                self.counts
                    .iter()
                    .find(|(t, _)| t == table)
                    .is_none_or(|(_, m)| m != n)
            })
            .map(|(t, _)| t.clone())
            .collect()
    }

    /// Files of the backup missing from the restored store or different from it.
    pub fn file_mismatches(&self) -> Vec<String> {
        self.manifest
            .file_digests
            .iter()
            .filter(|f| !self.file_digests.contains(f))
            .map(|(path, _)| path.clone())
            .collect()
    }
}

/// Every file under `root`, by path relative to it (with `/`), with its SHA-256 in hex;
/// sorted, so that two trees compare as lists.
pub fn digests(root: &Path) -> anyhow::Result<Vec<(String, String)>> {
    use sha2::{Digest, Sha256};
    let mut out = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        if !dir.exists() {
            continue;
        }
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let mut hasher = Sha256::new();
            let mut file = std::fs::File::open(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            std::io::copy(&mut file, &mut hasher)?;
            let hex: String = hasher
                .finalize()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            let relative = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.push((relative, hex));
        }
    }
    out.sort();
    Ok(out)
}

/// Restores the backup in `from` into the configured database and file store, which must be
/// empty, then applies migrations newer than the backup.
pub async fn restore(config: &Config, from: &Path) -> anyhow::Result<Restored> {
    let manifest: Manifest =
        serde_json::from_slice(&std::fs::read(from.join(MANIFEST)).with_context(|| {
            format!("{} has no {MANIFEST}: not a Préau backup", from.display())
        })?)
        .context("the manifest is not readable")?;
    if manifest.format != FORMAT {
        bail!(
            "backup format {} is not supported by this version",
            manifest.format
        );
    }
    let on_s3 = config.storage.kind == StorageKind::S3;
    if manifest.bucket.is_some() && !on_s3 {
        bail!(
            "this backup's blobs are in an S3 bucket, not in the backup: configure that store \
             (storage.kind = \"s3\"), or copy the blobs first (docs/operations/backup.md)"
        );
    }
    if manifest.bucket.is_none() && manifest.files > 0 && on_s3 {
        bail!(
            "this backup holds the files of a directory store: restore it with storage.kind = \
             \"local\", then move the files with `preau storage migrate --to s3`"
        );
    }
    let files = config.storage_path();
    if !on_s3 && files.exists() && std::fs::read_dir(&files)?.next().is_some() {
        bail!(
            "the file store {} is not empty: restore into a fresh instance",
            files.display()
        );
    }
    match config.sqlite_path() {
        Some(target) => {
            if manifest.backend != "sqlite" {
                bail!(
                    "this backup is of a {} database; database_url is SQLite",
                    manifest.backend
                );
            }
            if target.exists() {
                bail!(
                    "{} exists: restore into an empty data directory (move the old one aside)",
                    target.display()
                );
            }
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir)?;
            }
            let partial = target.with_extension("restoring");
            std::fs::copy(from.join(SQLITE_FILE), &partial)
                .context("cannot copy the database file")?;
            std::fs::rename(&partial, &target)?;
        }
        None => {
            if manifest.backend != "postgres" {
                bail!(
                    "this backup is of a {} database; database_url is PostgreSQL",
                    manifest.backend
                );
            }
            let db = open_store(config, false).await?;
            let has_schema = maintenance::postgres_has_schema(&db).await;
            db.close().await;
            if has_schema? {
                bail!(
                    "the PostgreSQL database already holds Préau's tables: restore into an empty database"
                );
            }
            pg_restore(&config.database_url(), &from.join(PG_ARCHIVE))?;
        }
    }
    // An S3 store is the bucket itself, not restored from here.
    let file_digests = if on_s3 {
        Vec::new()
    } else {
        copy_tree(&from.join(FILES), &files)?;
        digests(&files)?
    };
    let store = FileStore::open(config).map_err(|e| anyhow::anyhow!("file store: {e}"))?;
    let db = open_store(config, false).await?;
    let outcome = async {
        let migrations_applied = db.migrate().await?;
        let counts = maintenance::table_counts(&db).await?;
        let (blobs, missing_blobs) = missing_blobs(&db, &store).await?;
        anyhow::Ok((migrations_applied, counts, blobs, missing_blobs))
    }
    .await;
    db.close().await;
    let (migrations_applied, counts, blobs, missing_blobs) = outcome?;
    Ok(Restored {
        manifest,
        counts,
        migrations_applied,
        file_digests,
        blobs,
        missing_blobs,
    })
}

/// Every blob the database names, looked up in the store (`HEAD`): how many, and the keys
/// the store does not have.
pub async fn missing_blobs(db: &Db, store: &FileStore) -> anyhow::Result<(i64, Vec<String>)> {
    let (mut named, mut missing) = (0, Vec::new());
    let mut after = String::new();
    loop {
        let page = blobs::named_after(db, &after, 500).await?;
        let Some(last) = page.last() else { break };
        after = last.blob_key.clone();
        for blob in page {
            named += 1;
            match store.size_of(&blob.blob_key).await {
                Ok(_) => {}
                Err(StorageError::NotFound) => missing.push(blob.blob_key),
                Err(e) => bail!("file store: {e} (blob {})", blob.blob_key),
            }
        }
    }
    Ok((named, missing))
}

fn pg_restore(database_url: &str, archive: &Path) -> anyhow::Result<()> {
    let status = pg_command("pg_restore", database_url)
        .args([
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
        ])
        .arg(archive)
        .status()
        .context(
            "cannot run pg_restore: install the PostgreSQL client of the server's major version",
        )?;
    if !status.success() {
        bail!("pg_restore failed ({status}); nothing was restored");
    }
    Ok(())
}

/// Copies a directory tree; returns how many files. A missing source is an empty tree.
fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<u64> {
    if !from.exists() {
        std::fs::create_dir_all(to)?;
        return Ok(0);
    }
    std::fs::create_dir_all(to).with_context(|| format!("cannot create {}", to.display()))?;
    let mut copied = 0;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copied += copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("cannot copy {}", entry.path().display()))?;
            copied += 1;
        }
    }
    Ok(copied)
}

/// Deletes the backups under `root` made more than `days` days ago (their manifest says when);
/// returns the directories removed. Directories without a manifest are left alone.
pub fn prune(root: &Path, days: u64, now_unix: i64) -> anyhow::Result<Vec<PathBuf>> {
    if days > MAX_RETENTION_DAYS {
        bail!("backups are kept at most {MAX_RETENTION_DAYS} days (RET-07)");
    }
    let mut removed = Vec::new();
    if !root.exists() {
        return Ok(removed);
    }
    let limit = now_unix - i64::try_from(days * 86_400).unwrap_or(i64::MAX);
    for entry in std::fs::read_dir(root)? {
        let dir = entry?.path();
        let Ok(bytes) = std::fs::read(dir.join(MANIFEST)) else {
            continue;
        };
        let Ok(m) = serde_json::from_slice::<Manifest>(&bytes) else {
            continue;
        };
        if m.created_at_unix < limit {
            std::fs::remove_dir_all(&dir)
                .with_context(|| format!("cannot delete {}", dir.display()))?;
            removed.push(dir);
        }
    }
    removed.sort();
    Ok(removed)
}
