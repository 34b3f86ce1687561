//! Schools (with their UAI) and units such as the district team.

use crate::db::{in_tx, on_reader};
use crate::inventory::{Erasure, Feature, Retention, Table};
use crate::{Db, StoreError, Tx};
use preau_domain::Timestamp;
use uuid::Uuid;

crate::statements! {
    ALL = "SELECT id, kind, uai, name, commune FROM structures ORDER BY id";
    ALL_TX = "SELECT id, kind, uai, name, commune FROM structures ORDER BY id";
    INSERT = "INSERT INTO structures (id, kind, uai, name, commune, created_at) VALUES ($1, $2, $3, $4, $5, $6)";
    COUNT_MEMBERS = "SELECT structure_id, COUNT(*) AS n FROM users WHERE status = 'active' \
        AND structure_id IS NOT NULL GROUP BY structure_id";
}

pub const FEATURE: Feature = Feature {
    name: "structures",
    statements: STATEMENTS,
    tables: &[Table {
        name: "structures",
        purpose: "Schools (by UAI) and units of the circonscription: public facts.",
        register: &["accounts"],
        personal: &[],
        withheld: &[],
        other: &["id", "kind", "uai", "name", "commune", "created_at"],
        owner: None,
        retention: Retention::Kept("schools and units: public facts about no one"),
        erasure: Erasure::NotPersonal,
        backed_up: true,
    }],
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StructureRow {
    pub id: Uuid,
    pub kind: String,
    pub uai: Option<String>,
    pub name: String,
    pub commune: String,
}

pub async fn all(db: &Db) -> Result<Vec<StructureRow>, StoreError> {
    Ok(on_reader!(db, c => sqlx::query_as::<_, StructureRow>(ALL).fetch_all(c).await)?)
}

pub async fn all_tx(tx: &mut Tx) -> Result<Vec<StructureRow>, StoreError> {
    Ok(in_tx!(tx, c => sqlx::query_as::<_, StructureRow>(ALL_TX).fetch_all(c).await)?)
}

pub async fn insert(
    tx: &mut Tx,
    id: Uuid,
    kind: &str,
    uai: Option<&str>,
    name: &str,
    commune: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(INSERT)
        .bind(id)
        .bind(kind)
        .bind(uai)
        .bind(name)
        .bind(commune)
        .bind(now.unix())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Active accounts per structure, in one query: counts, never lists.
pub async fn member_counts(db: &Db) -> Result<std::collections::HashMap<Uuid, i64>, StoreError> {
    let rows: Vec<(Uuid, i64)> =
        on_reader!(db, c => sqlx::query_as(COUNT_MEMBERS).fetch_all(c).await)?;
    Ok(rows.into_iter().collect())
}
