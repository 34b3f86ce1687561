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
            other => Self::Other(other),
        }
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        Self::Migrate(e)
    }
}
