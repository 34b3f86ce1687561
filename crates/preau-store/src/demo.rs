//! What `preau demo` needs beyond the other modules: whether the instance is still empty, the
//! bulk insert of already activated demonstration accounts (thousands in a few statements), and
//! the revocation of console setup links once the demo's administrator exists.

use crate::db::in_tx;
use crate::inventory::Feature;
use crate::{StoreError, Tx};
use preau_domain::Timestamp;
use uuid::Uuid;

crate::statements! {
    /// Accounts and structures together: demo data goes only into an instance holding neither.
    OCCUPIED = "SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM structures)";
    REVOKE_SETUP_LINKS = "UPDATE setup_links SET revoked_at = $1 WHERE used_at IS NULL AND revoked_at IS NULL";
}

pub const FEATURE: Feature = Feature {
    name: "demo",
    statements: STATEMENTS,
    tables: &[],
};

/// An account as it would be after its person activated their invitation.
pub struct DemoAccount<'a> {
    pub id: Uuid,
    pub email: &'a str,
    pub given_name: &'a str,
    pub family_name: &'a str,
    /// A PHC string; the demo shares one among all its accounts.
    pub password_hash: &'a str,
    pub structure_id: Uuid,
    pub corps: &'a str,
    pub functions: &'a str,
    pub from_roster: bool,
    pub status: &'a str,
    pub directory_scope: &'a str,
    pub show_structure: bool,
    pub show_functions: bool,
    pub notice_version: &'a str,
}

/// True when the instance holds no account and no structure.
pub async fn is_empty(tx: &mut Tx) -> Result<bool, StoreError> {
    let n = in_tx!(tx, c => sqlx::query_scalar::<_, i64>(OCCUPIED).fetch_one(c).await)?;
    Ok(n == 0)
}

/// Every console setup link not yet used stops working.
pub async fn revoke_setup_links(tx: &mut Tx, now: Timestamp) -> Result<u64, StoreError> {
    Ok(
        in_tx!(tx, c => sqlx::query(REVOKE_SETUP_LINKS).bind(now.unix()).execute(c).await.map(|r| r.rows_affected()))?,
    )
}

/// Rows per multi-row INSERT: 19 parameters each, well under SQLite's 32,766 and
/// PostgreSQL's 65,535.
const BULK_ROWS: usize = 1000;

macro_rules! bulk_insert_accounts {
    ($db:ty, $conn:expr, $rows:expr, $now:expr) => {{
        let mut qb = sqlx::QueryBuilder::<$db>::new(
            "INSERT INTO users (id, email, given_name, family_name, password_hash, created_at, \
             password_changed_at, search_name, structure_id, corps, functions, from_roster, status, \
             directory_scope, show_structure, show_functions, notice_version, notice_accepted_at, \
             verified_at) ",
        );
        qb.push_values($rows, |mut b, a| {
            b.push_bind(a.id)
                .push_bind(a.email)
                .push_bind(a.given_name)
                .push_bind(a.family_name)
                .push_bind(a.password_hash)
                .push_bind($now)
                .push_bind($now)
                .push_bind(preau_domain::text::fold(&format!(
                    "{} {}",
                    a.given_name, a.family_name
                )))
                .push_bind(a.structure_id)
                .push_bind(a.corps)
                .push_bind(a.functions)
                .push_bind(a.from_roster)
                .push_bind(a.status)
                .push_bind(a.directory_scope)
                .push_bind(a.show_structure)
                .push_bind(a.show_functions)
                .push_bind(a.notice_version)
                .push_bind($now)
                .push_bind($now);
        });
        qb.build().execute($conn).await.map(|r| r.rows_affected())
    }};
}

/// Writes activated accounts in a few statements: one per thousand rows. The search name is
/// folded as `users::insert` folds it, so the directory finds them the same way.
pub async fn insert_accounts(
    tx: &mut Tx,
    rows: &[DemoAccount<'_>],
    now: Timestamp,
) -> Result<(), StoreError> {
    for chunk in rows.chunks(BULK_ROWS) {
        tx.count_statement();
        match tx.inner_mut() {
            crate::TxInner::Sqlite(t) => {
                bulk_insert_accounts!(sqlx::Sqlite, &mut **t, chunk, now.unix())?
            }
            crate::TxInner::Postgres(t) => {
                bulk_insert_accounts!(sqlx::Postgres, &mut **t, chunk, now.unix())?
            }
        };
    }
    Ok(())
}
