use std::fmt;

/// What can go wrong in the store, as the layers above need to tell it apart.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A unique or foreign-key constraint refused the write; the string names it
    /// (`users.email` on SQLite, `users_email_key` on PostgreSQL).
    #[error("conflict on {0}")]
    Conflict(String),
    /// The database does not answer: its connection was lost, no connection could be made
    /// in time, or it is shutting down or starting up. Passing; the request can be retried.
    #[error("database unavailable: {0}")]
    Unavailable(#[source] sqlx::Error),
    #[error("database error: {0}")]
    Other(#[source] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[source] sqlx::migrate::MigrateError),
    #[error("{0}")]
    Config(ConfigProblem),
}

#[derive(Debug)]
pub struct ConfigProblem(pub String);

impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl StoreError {
    /// True when a unique constraint on the given column refused the write.
    pub fn is_conflict_on(&self, column: &str) -> bool {
        matches!(self, Self::Conflict(c) if c.contains(column))
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::RowNotFound => Self::NotFound,
            sqlx::Error::Database(ref db)
                if db.is_unique_violation() || db.is_foreign_key_violation() =>
            {
                let what = db.constraint().map(str::to_owned).unwrap_or_else(|| {
                    // SQLite names no constraint: "UNIQUE constraint failed: users.email".
                    db.message()
                        .rsplit(": ")
                        .next()
                        .unwrap_or_default()
                        .to_owned()
                });
                Self::Conflict(what)
            }
            e if is_unavailable(&e) => Self::Unavailable(e),
            other => Self::Other(other),
        }
    }
}

/// Errors that say the database is away rather than that a statement is wrong: PostgreSQL
/// restarting or unreachable (the connection drops, new ones are refused until the pool gives
/// up waiting), or SQLSTATE class 08 (connection exception) and 57P01-57P03 (shutting down,
/// starting up).
fn is_unavailable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => db.code().is_some_and(|code| {
            code.starts_with("08") || ["57P01", "57P02", "57P03"].contains(&code.as_ref())
        }),
        _ => false,
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        Self::Migrate(e)
    }
}

#[cfg(test)]
mod tests {
    use super::StoreError;

    #[test]
    fn a_database_that_does_not_answer_is_unavailable_not_an_error() {
        let refused = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
        let dropped = std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "eof");
        for e in [
            sqlx::Error::PoolTimedOut,
            sqlx::Error::PoolClosed,
            sqlx::Error::Io(refused),
            sqlx::Error::Io(dropped),
        ] {
            assert!(matches!(StoreError::from(e), StoreError::Unavailable(_)));
        }
        assert!(matches!(
            StoreError::from(sqlx::Error::ColumnNotFound("x".into())),
            StoreError::Other(_)
        ));
        assert!(matches!(
            StoreError::from(sqlx::Error::RowNotFound),
            StoreError::NotFound
        ));
    }
}
