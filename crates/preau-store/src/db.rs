//! The connection pools and transactions of both backends, and the macros that run one SQL
//! text on either.

use crate::error::{ConfigProblem, StoreError};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Executor, PgPool, SqlitePool};
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

static MIGRATIONS_SQLITE: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static MIGRATIONS_POSTGRES: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

crate::statements! {
    PING = "SELECT 1";
    APPLIED_MIGRATIONS = "SELECT COUNT(*) FROM _sqlx_migrations WHERE success";
}

pub const FEATURE: crate::inventory::Feature = crate::inventory::Feature {
    name: "database",
    statements: STATEMENTS,
    tables: &[],
};

// PostgreSQL only: serialises instances that start together (the key is arbitrary and
// Préau's own).
const LOCK_MIGRATIONS: &str = "SELECT pg_advisory_lock(7283504519)";
const UNLOCK_MIGRATIONS: &str = "SELECT pg_advisory_unlock(7283504519)";

/// Migrations recorded as applied; 0 before the first (the table does not exist yet).
macro_rules! applied_migrations {
    ($conn:expr) => {
        sqlx::query_scalar::<_, i64>(APPLIED_MIGRATIONS)
            .fetch_one($conn)
            .await
            .map_or(0, |n| usize::try_from(n).unwrap_or(0))
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The connection pools, and a count of the statements run through them (the budget test
/// asserts that a page runs as many statements whatever the size of the data).
#[derive(Clone, Debug)]
pub struct Db {
    pools: Pools,
    statements: Arc<AtomicU64>,
    /// The database file, on SQLite.
    sqlite_file: Option<std::path::PathBuf>,
}

/// SQLite gets one writer connection (so writers queue in-process instead of failing with
/// "database is locked") and a pool of read-only readers; PostgreSQL one pool.
#[derive(Clone, Debug)]
pub enum Pools {
    Sqlite {
        writer: SqlitePool,
        reader: SqlitePool,
    },
    Postgres(PgPool),
}

/// One use case's transaction.
pub struct Tx {
    inner: TxInner,
    statements: Arc<AtomicU64>,
}

pub enum TxInner {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// Runs `$body` with `$c` bound to a read connection pool of either backend.
macro_rules! on_reader {
    ($db:expr, $c:ident => $body:expr) => {{
        let db: &$crate::Db = $db;
        db.count_statement();
        match db.pools() {
            $crate::Pools::Sqlite { reader: $c, .. } => $body,
            $crate::Pools::Postgres($c) => $body,
        }
    }};
}
pub(crate) use on_reader;

/// Runs `$body` with `$c` bound to a pool that may write (autocommit).
macro_rules! on_writer {
    ($db:expr, $c:ident => $body:expr) => {{
        let db: &$crate::Db = $db;
        db.count_statement();
        match db.pools() {
            $crate::Pools::Sqlite { writer: $c, .. } => $body,
            $crate::Pools::Postgres($c) => $body,
        }
    }};
}
pub(crate) use on_writer;

/// Runs `$body` with `$c` bound to the transaction's connection.
macro_rules! in_tx {
    ($tx:expr, $c:ident => $body:expr) => {{
        let tx: &mut $crate::Tx = $tx;
        tx.count_statement();
        match tx.inner_mut() {
            $crate::TxInner::Sqlite(t) => {
                let $c = &mut **t;
                $body
            }
            $crate::TxInner::Postgres(t) => {
                let $c = &mut **t;
                $body
            }
        }
    }};
}
pub(crate) use in_tx;

#[derive(Debug, Clone)]
pub struct PoolSizes {
    pub readers: u32,
    pub postgres: u32,
}

impl Default for PoolSizes {
    fn default() -> Self {
        Self {
            readers: 4,
            postgres: 16,
        }
    }
}

/// The SQLite writer. Two processes opening a brand-new file at the same moment both switch
/// it to WAL; that switch takes an exclusive lock before `busy_timeout` applies, so the
/// loser gets "database is locked" at once: it waits a moment and tries again.
async fn connect_writer(opts: &SqliteConnectOptions) -> Result<SqlitePool, sqlx::Error> {
    let mut attempt = 0;
    loop {
        match SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(opts.clone())
            .await
        {
            Err(sqlx::Error::Database(e)) if attempt < 40 && e.message().contains("locked") => {
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            other => return other,
        }
    }
}

impl Db {
    /// Opens `sqlite://path` (creating the file) or `postgres://…`. Never logs the URL.
    pub async fn connect(url: &str, sizes: &PoolSizes) -> Result<Self, StoreError> {
        if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)
                .map_err(|e| StoreError::Config(ConfigProblem(format!("database_url: {e}"))))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // An acknowledged write survives a power cut.
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(5))
                .foreign_keys(true);
            let file = opts.get_filename().to_path_buf();
            let writer = connect_writer(&opts).await?;
            // Readers map the file into memory: after a write invalidates their page cache
            // they read pages in place instead of copying them again from the kernel.
            let reader = SqlitePoolOptions::new()
                .max_connections(sizes.readers.max(1))
                .connect_with(opts.read_only(true).pragma("mmap_size", "268435456"))
                .await?;
            let mut db = Self::new(Pools::Sqlite { writer, reader });
            db.sqlite_file = (file.as_os_str() != ":memory:").then_some(file);
            Ok(db)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let opts = PgConnectOptions::from_str(url)
                .map_err(|e| StoreError::Config(ConfigProblem(format!("database_url: {e}"))))?;
            let pool = PgPoolOptions::new()
                .max_connections(sizes.postgres.max(1))
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await?;
            Ok(Self::new(Pools::Postgres(pool)))
        } else {
            Err(StoreError::Config(ConfigProblem(
                "database_url must start with sqlite:// or postgres://".into(),
            )))
        }
    }

    fn new(pools: Pools) -> Self {
        Self {
            pools,
            statements: Arc::new(AtomicU64::new(0)),
            sqlite_file: None,
        }
    }

    pub fn pools(&self) -> &Pools {
        &self.pools
    }

    /// Statements run so far through this `Db` and its transactions.
    pub fn statements_run(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    pub(crate) fn count_statement(&self) {
        self.statements.fetch_add(1, Ordering::Relaxed);
    }

    pub fn backend(&self) -> Backend {
        match self.pools {
            Pools::Sqlite { .. } => Backend::Sqlite,
            Pools::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies pending migrations and returns how many it applied. On PostgreSQL, instances
    /// starting together queue on an advisory lock: the first applies them, the others find
    /// nothing left to do.
    pub async fn migrate(&self) -> Result<usize, StoreError> {
        match &self.pools {
            Pools::Sqlite { writer, .. } => {
                // Processes (a server starting, `preau migrate`) queue on a lock file.
                let _lock = match &self.sqlite_file {
                    Some(file) => {
                        Some(crate::locks::wait(file.with_extension("migrate-lock")).await?)
                    }
                    None => None,
                };
                let mut conn = writer.acquire().await?;
                let before = applied_migrations!(&mut *conn);
                MIGRATIONS_SQLITE.run(&mut *conn).await?;
                Ok(applied_migrations!(&mut *conn).saturating_sub(before))
            }
            Pools::Postgres(pool) => {
                let mut conn = pool.acquire().await?;
                sqlx::query(LOCK_MIGRATIONS).execute(&mut *conn).await?;
                let before = applied_migrations!(&mut *conn);
                let ran = MIGRATIONS_POSTGRES.run(&mut *conn).await;
                let after = applied_migrations!(&mut *conn);
                sqlx::query(UNLOCK_MIGRATIONS).execute(&mut *conn).await?;
                ran?;
                Ok(after.saturating_sub(before))
            }
        }
    }

    /// The versions of both migration trees, for the test that keeps them in step.
    pub fn migration_versions() -> (Vec<i64>, Vec<i64>) {
        let v = |m: &sqlx::migrate::Migrator| m.iter().map(|m| m.version).collect();
        (v(&MIGRATIONS_SQLITE), v(&MIGRATIONS_POSTGRES))
    }

    /// The SQL text of `backend`'s migrations, in order, for the inventory's schema check.
    pub fn migration_sql(backend: Backend) -> Vec<String> {
        let m = match backend {
            Backend::Sqlite => &MIGRATIONS_SQLITE,
            Backend::Postgres => &MIGRATIONS_POSTGRES,
        };
        m.iter().map(|m| m.sql.as_ref().to_owned()).collect()
    }

    /// Starts a use case's transaction. SQLite takes the write lock at once (`BEGIN
    /// IMMEDIATE`): a deferred transaction that reads then writes is not retried by
    /// busy_timeout when another process (the CLI) holds the lock.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        self.count_statement();
        let inner = match &self.pools {
            Pools::Sqlite { writer, .. } => {
                TxInner::Sqlite(writer.begin_with("BEGIN IMMEDIATE").await?)
            }
            Pools::Postgres(pool) => TxInner::Postgres(pool.begin().await?),
        };
        Ok(Tx {
            inner,
            statements: self.statements.clone(),
        })
    }

    pub async fn ping(&self) -> Result<(), StoreError> {
        on_reader!(self, c => sqlx::query(PING).execute(c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Prepares (without running) a statement on the writer connection: used by the test that
    /// checks every SQL constant against both schemas.
    pub async fn prepare(&self, sql: &'static str) -> Result<(), StoreError> {
        on_writer!(self, c => c.prepare(sqlx::SqlSafeStr::into_sql_str(sql)).await.map(|_| ()))?;
        Ok(())
    }

    pub async fn close(&self) {
        match &self.pools {
            Pools::Sqlite { writer, reader } => {
                reader.close().await;
                writer.close().await;
            }
            Pools::Postgres(pool) => pool.close().await,
        }
    }
}

impl Tx {
    pub(crate) fn count_statement(&self) {
        self.statements.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn inner_mut(&mut self) -> &mut TxInner {
        &mut self.inner
    }

    pub async fn commit(self) -> Result<(), StoreError> {
        self.count_statement();
        match self.inner {
            TxInner::Sqlite(t) => t.commit().await?,
            TxInner::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }
}
