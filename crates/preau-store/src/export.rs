//! « Mes données »: every row keyed on a person, read from the data inventory rather than
//! from a hand-kept list, so that a table a later feature declares is exported the day it
//! exists. The statements are built from the declarations (static names only, the person's
//! id bound as a parameter) and read through the reader.

use crate::db::on_reader;
use crate::inventory::{self, Table};
use crate::{Db, StoreError};
use preau_domain::UserId;
use sqlx::{Column, Row, TypeInfo};
use uuid::Uuid;

/// One value, whatever the backend stored it as.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Text(String),
    Uuid(Uuid),
}

/// A table's rows about the person: the declared personal columns, in declaration order.
#[derive(Debug, Clone)]
pub struct TableRows {
    pub table: &'static Table,
    pub rows: Vec<Vec<Cell>>,
}

/// The tables holding rows keyed on an account (`Table::owner`) with personal columns.
pub fn keyed_tables() -> impl Iterator<Item = &'static Table> {
    inventory::tables().filter(|t| t.owner.is_some() && !t.personal.is_empty())
}

fn statement(t: &Table) -> String {
    let owner = t.owner.unwrap_or("id");
    format!(
        "SELECT {} FROM {} WHERE {owner} = $1 ORDER BY {}",
        t.personal.join(", "),
        t.name,
        t.personal.join(", ")
    )
}

/// Decodes column `i` by its declared type, trying the types the schema uses.
macro_rules! cell {
    ($row:expr, $i:expr) => {{
        let row = $row;
        let declared = row.columns()[$i].type_info().name().to_ascii_uppercase();
        if declared.contains("BOOL") {
            row.try_get::<Option<bool>, _>($i)
                .map(|v| v.map_or(Cell::Null, Cell::Bool))
        } else if declared.contains("TEXT") || declared.contains("CHAR") {
            // Before the UUID attempt: SQLite decodes any 16-byte text as a UUID.
            row.try_get::<Option<String>, _>($i)
                .map(|v| v.map_or(Cell::Null, Cell::Text))
        } else if let Ok(v) = row.try_get::<Option<Uuid>, _>($i) {
            Ok(v.map_or(Cell::Null, Cell::Uuid))
        } else if let Ok(v) = row.try_get::<Option<i64>, _>($i) {
            Ok(v.map_or(Cell::Null, Cell::Int))
        } else if let Ok(v) = row.try_get::<Option<i32>, _>($i) {
            Ok(v.map_or(Cell::Null, |v| Cell::Int(i64::from(v))))
        } else if let Ok(v) = row.try_get::<Option<String>, _>($i) {
            Ok(v.map_or(Cell::Null, Cell::Text))
        } else {
            row.try_get::<Option<f64>, _>($i)
                .map(|v| v.map_or(Cell::Null, Cell::Real))
        }
    }};
}

/// Every row keyed on `user`, table by table (tables without rows included, empty).
pub async fn rows_of(db: &Db, user: UserId) -> Result<Vec<TableRows>, StoreError> {
    let mut out = Vec::new();
    for table in keyed_tables() {
        let sql = statement(table);
        let rows = on_reader!(db, c => {
            // Built from the inventory's static names only; the person's id is bound.
            let fetched = sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                .bind(user.as_uuid())
                .fetch_all(c)
                .await?;
            let mut rows = Vec::with_capacity(fetched.len());
            for r in &fetched {
                let mut cells = Vec::with_capacity(table.personal.len());
                for i in 0..table.personal.len() {
                    cells.push(cell!(r, i)?);
                }
                rows.push(cells);
            }
            Ok::<_, sqlx::Error>(rows)
        })?;
        out.push(TableRows { table, rows });
    }
    Ok(out)
}
