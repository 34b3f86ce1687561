//! What backups and restores need from the database: an online consistent copy of a SQLite
//! file, the row counts a restore is checked against, and the removal of session rows from a
//! copy (a restored instance starts with everybody logged out).

use crate::db::{in_tx, on_writer};
use crate::inventory::Feature;
use crate::{Db, Pools, StoreError, Tx};
use std::path::Path;

crate::statements! {
    FORGET_SESSIONS = "DELETE FROM sessions";
}

pub const FEATURE: Feature = Feature {
    name: "maintenance",
    statements: STATEMENTS,
    tables: &[],
};

// SQLite only.
const VACUUM_INTO: &str = "VACUUM INTO $1";
const SECURE_DELETE: &str = "PRAGMA secure_delete = ON";
// PostgreSQL only: a snapshot that pg_dump can share (`--snapshot`), so that the dump and
// the counts of its manifest see the same rows.
const SNAPSHOT_ISOLATION: &str = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";
const EXPORT_SNAPSHOT: &str = "SELECT pg_export_snapshot()";
// PostgreSQL only: whether Préau's schema exists in this database.
const HAS_SCHEMA_POSTGRES: &str = "SELECT to_regclass('_sqlx_migrations') IS NOT NULL";

/// Rows per table a backup keeps (every declared table but sessions), in the inventory's
/// order, read in one transaction.
pub async fn table_counts(db: &Db) -> Result<Vec<(String, i64)>, StoreError> {
    let mut tx = db.begin().await?;
    let counts = table_counts_in(&mut tx).await?;
    tx.commit().await?;
    Ok(counts)
}

/// Opens a read-only repeatable-read transaction on PostgreSQL and exports its snapshot:
/// while the transaction stays open, `pg_dump --snapshot=<name>` sees exactly its rows.
pub async fn postgres_snapshot(db: &Db) -> Result<(Tx, String), StoreError> {
    let mut tx = db.begin().await?;
    in_tx!(&mut tx, c => sqlx::query(SNAPSHOT_ISOLATION).execute(c).await.map(|r| r.rows_affected()))?;
    let name =
        in_tx!(&mut tx, c => sqlx::query_scalar::<_, String>(EXPORT_SNAPSHOT).fetch_one(c).await)?;
    Ok((tx, name))
}

/// Rows per table as the transaction sees them.
pub async fn table_counts_in(tx: &mut Tx) -> Result<Vec<(String, i64)>, StoreError> {
    let mut out = Vec::new();
    for table in crate::inventory::tables().filter(|t| t.backed_up) {
        // The name is a constant of the inventory, never input.
        let sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {}", table.name));
        let n = in_tx!(tx, c => sqlx::query_scalar::<_, i64>(sql).fetch_one(c).await)?;
        out.push((table.name.to_owned(), n));
    }
    Ok(out)
}

/// Writes a consistent copy of a SQLite database to `to` while it is in use (`VACUUM INTO`).
pub async fn sqlite_copy_into(db: &Db, to: &Path) -> Result<(), StoreError> {
    let Pools::Sqlite { writer, .. } = db.pools() else {
        return Err(StoreError::Config(crate::error::ConfigProblem(
            "an online file copy needs SQLite; PostgreSQL is backed up with pg_dump".into(),
        )));
    };
    db.count_statement();
    sqlx::query(VACUUM_INTO)
        .bind(to.to_string_lossy().into_owned())
        .execute(writer)
        .await?;
    Ok(())
}

/// Deletes every session row, overwriting the freed pages on SQLite.
pub async fn forget_sessions(db: &Db) -> Result<u64, StoreError> {
    if let Pools::Sqlite { writer, .. } = db.pools() {
        sqlx::query(SECURE_DELETE).execute(writer).await?;
    }
    Ok(
        on_writer!(db, c => sqlx::query(FORGET_SESSIONS).execute(c).await.map(|r| r.rows_affected()))?,
    )
}

/// Whether Préau has already created its tables in this PostgreSQL database (a restore
/// refuses such a target). SQLite answers by the existence of its file, checked by the caller.
pub async fn postgres_has_schema(db: &Db) -> Result<bool, StoreError> {
    match db.pools() {
        Pools::Postgres(pool) => Ok(sqlx::query_scalar::<_, bool>(HAS_SCHEMA_POSTGRES)
            .fetch_one(pool)
            .await?),
        Pools::Sqlite { .. } => Ok(false),
    }
}
