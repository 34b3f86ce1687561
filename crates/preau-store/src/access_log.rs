//! The person's access log: each act an administrator or the system performs on someone's
//! data, kept for that person to read in « Mes données » — and for nobody else. The
//! administrators' journal (`audit_log`) says what was done and never to whom; this one
//! says to the person what was done to them and by which role, never by whom.

use crate::db::{in_tx, on_reader, on_writer};
use crate::inventory::{Erasure, Feature, Retention, Table};
use crate::{Db, StoreError, Tx};
use preau_domain::{Timestamp, UserId};

crate::statements! {
    INSERT = "INSERT INTO access_log (id, user_id, at, by_role, action, detail) \
        VALUES ($1, $2, $3, $4, $5, $6)";
    OF_USER = "SELECT at, by_role, action, detail FROM access_log WHERE user_id = $1 \
        ORDER BY at DESC, id DESC LIMIT $2";
    PURGE = "DELETE FROM access_log WHERE at <= $1";
}

pub const FEATURE: Feature = Feature {
    name: "access_log",
    statements: STATEMENTS,
    tables: &[Table {
        name: "access_log",
        purpose: "Showing each person every act an administrator or the system performed on \
            their data (roster updates, letters and emails, questions about them), with the \
            role that acted and why.",
        personal: &["user_id", "at", "by_role", "action", "detail"],
        withheld: &[],
        other: &["id"],
        owner: Some("user_id"),
        register: &["rights"],
        retention: Retention::Purged {
            job: "access_log",
            rule: "12 months rolling, like the administrators' journal (RET-04)",
        },
        erasure: Erasure::Cascade,
        backed_up: true,
    }],
};

/// Who acted: a role, never a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Administrator,
    System,
}

impl By {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Administrator => "admin",
            Self::System => "system",
        }
    }
}

/// One entry. `detail` holds codes (field names, kinds), never another person's name.
pub async fn record(
    tx: &mut Tx,
    person: UserId,
    at: Timestamp,
    by: By,
    action: &str,
    detail: &str,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(INSERT)
        .bind(preau_domain::ids::new_row_id())
        .bind(person.as_uuid())
        .bind(at.unix())
        .bind(by.as_str())
        .bind(action)
        .bind(detail)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AccessRow {
    pub at: i64,
    pub by_role: String,
    pub action: String,
    pub detail: String,
}

/// The person's latest entries, newest first.
pub async fn of_user(db: &Db, person: UserId, limit: i64) -> Result<Vec<AccessRow>, StoreError> {
    Ok(on_reader!(db, c => sqlx::query_as::<_, AccessRow>(OF_USER)
        .bind(person.as_uuid())
        .bind(limit)
        .fetch_all(c)
        .await)?)
}

pub async fn purge(db: &Db, before: Timestamp) -> Result<u64, StoreError> {
    Ok(
        on_writer!(db, c => sqlx::query(PURGE).bind(before.unix()).execute(c).await.map(|r| r.rows_affected()))?,
    )
}
