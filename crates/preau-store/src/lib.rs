//! Persistence. The only crate that knows SQL: one `Db` enum over SQLite (embedded default) and
//! PostgreSQL (scale-out), the same SQL text for both, two migration trees with the same
//! versions. Functions take and return domain types; errors are a closed set.

pub mod access_log;
pub mod activations;
pub mod api_tokens;
pub mod blobs;
mod db;
pub mod demo;
pub mod documents;
mod error;
pub mod export;
pub mod groups;
pub mod inventory;
pub mod invitations;
pub mod jobs;
pub mod lifecycle;
pub mod locks;
pub mod mail_links;
pub mod maintenance;
pub mod notifications;
pub mod outbox;
pub mod password_resets;
pub mod rights_requests;
pub mod sessions;
pub mod setup_links;
pub mod shares;
pub mod structures;
pub mod throttles;
pub mod users;

pub use db::{Backend, Db, PoolSizes, Pools, Tx, TxInner};
pub use error::StoreError;

/// Declares SQL constants and lists them, so a test can prepare every statement on both
/// backends and a typo fails in seconds rather than in production.
macro_rules! statements {
    ($($(#[$meta:meta])* $name:ident = $sql:expr;)+) => {
        $($(#[$meta])* const $name: &str = $sql;)+
        pub(crate) const STATEMENTS: &[(&str, &str)] = &[$((stringify!($name), $name)),+];
    };
}
pub(crate) use statements;

/// Every SQL statement `backend` runs, by name, for the preparation test: the shared ones and
/// its own.
pub fn statements_for(backend: Backend) -> Vec<(&'static str, &'static str)> {
    let own = match backend {
        Backend::Sqlite => outbox::SQLITE_STATEMENTS,
        Backend::Postgres => outbox::POSTGRES_STATEMENTS,
    };
    [all_statements().as_slice(), own].concat()
}

/// The SQL statements shared by both backends, by name: every feature's.
pub fn all_statements() -> Vec<(&'static str, &'static str)> {
    inventory::FEATURES
        .iter()
        .flat_map(|f| f.statements.iter().copied())
        .collect()
}

/// Pool sizes from the configuration.
pub fn db_pool_sizes(sqlite_readers: u32, postgres_connections: u32) -> db::PoolSizes {
    db::PoolSizes {
        readers: sqlite_readers,
        postgres: postgres_connections,
    }
}
