//! What Préau keeps, declared by each feature beside its own SQL: its statements, its tables,
//! which columns hold personal data, why, for how long, and what export and erasure do with
//! them. « Mes données », the backups' counts, the retention purge and the register of
//! processing read these declarations; tests read both migration trees and fail when a table
//! or a column is declared nowhere, or when a declared retention has no purge that applies it.
//! A new feature adds its `FEATURE` to `FEATURES` — the one line a feature must remember,
//! and the migration test names it when it is forgotten.

use std::collections::{BTreeMap, BTreeSet};

/// A feature's declaration.
#[derive(Debug)]
pub struct Feature {
    pub name: &'static str,
    /// Every SQL statement of the feature, by name (each is prepared on both backends by a
    /// test).
    pub statements: &'static [(&'static str, &'static str)],
    pub tables: &'static [Table],
}

/// One table and what it holds.
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    /// Why the rows exist, in words for the register of processing.
    pub purpose: &'static str,
    /// The ids of the purposes of the register of processing (`compliance/register.toml`,
    /// TRN-04) the rows serve; a test fails when one is missing from the register.
    pub register: &'static [&'static str],
    /// Columns about a person that their export contains.
    pub personal: &'static [&'static str],
    /// Columns about a person that their export leaves out — hashes of secrets, salted
    /// markers, derived copies — with erasure still removing them.
    pub withheld: &'static [&'static str],
    /// Columns about no one (structures, counters, technical times).
    pub other: &'static [&'static str],
    /// The column that holds the account's id, when rows belong to one account.
    pub owner: Option<&'static str>,
    pub retention: Retention,
    pub erasure: Erasure,
    /// Whether backups keep its rows (and a restore counts them).
    pub backed_up: bool,
}

impl Table {
    pub fn columns(&self) -> impl Iterator<Item = &'static str> {
        self.personal
            .iter()
            .chain(self.withheld)
            .chain(self.other)
            .copied()
    }

    pub fn holds_personal_data(&self) -> bool {
        !self.personal.is_empty() || !self.withheld.is_empty()
    }
}

/// How long rows live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retention {
    /// As long as the account; erased with it.
    WithAccount,
    /// Deleted by the retention purge, under this name, by this rule.
    Purged {
        job: &'static str,
        rule: &'static str,
    },
    /// Kept: the rows concern no one (the reason says why).
    Kept(&'static str),
}

/// What erasing a person does to the table's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Erasure {
    /// The account row itself.
    DeleteAccount,
    /// Deleted with the account (foreign key `ON DELETE CASCADE`).
    Cascade,
    /// The person's id is set to NULL (`ON DELETE SET NULL`): the act stays, not who did it.
    Unlink,
    /// Rows addressed to the person's addresses are deleted with the account.
    ByAddress,
    /// Not keyed on an account: the rows go with their retention (hashes, invitations).
    WithRetention,
    /// Nothing to erase: the table holds no personal data.
    NotPersonal,
}

/// Every feature, in the order their tables were created.
pub const FEATURES: &[&Feature] = &[
    &crate::users::FEATURE,
    &crate::sessions::FEATURE,
    &crate::setup_links::FEATURE,
    &crate::throttles::FEATURE,
    &crate::api_tokens::FEATURE,
    &crate::structures::FEATURE,
    &crate::invitations::FEATURE,
    &crate::lifecycle::FEATURE,
    &crate::outbox::FEATURE,
    &crate::password_resets::FEATURE,
    &crate::jobs::FEATURE,
    &crate::activations::FEATURE,
    &crate::mail_links::FEATURE,
    &crate::groups::FEATURE,
    &crate::notifications::FEATURE,
    &crate::access_log::FEATURE,
    &crate::documents::FEATURE,
    &crate::shares::FEATURE,
    &crate::blobs::FEATURE,
    &crate::rights_requests::FEATURE,
    &crate::maintenance::FEATURE,
    &crate::demo::FEATURE,
    &crate::db::FEATURE,
];

/// Every declared table.
pub fn tables() -> impl Iterator<Item = &'static Table> {
    FEATURES.iter().flat_map(|f| f.tables.iter())
}

/// The declaration of `name`, if any.
pub fn table(name: &str) -> Option<&'static Table> {
    tables().find(|t| t.name == name)
}

/// The purge names declared by some table: each must be applied by the retention purge.
pub fn purge_jobs() -> Vec<&'static str> {
    let mut jobs: Vec<&'static str> = tables()
        .filter_map(|t| match t.retention {
            Retention::Purged { job, .. } => Some(job),
            _ => None,
        })
        .collect();
    jobs.sort_unstable();
    jobs.dedup();
    jobs
}

/// The inventory as the register of processing prints it (`preau inventory`, committed as
/// `docs/data-inventory.md`; a test fails when the file is stale).
pub fn register_markdown() -> String {
    use std::fmt::Write;
    let mut out = String::from(
        "# Data inventory\n\n\
         Generated by `preau inventory` from the declarations each feature makes beside its SQL \
         (`crates/preau-store/src/inventory.rs`); a test fails when this file is stale or when a \
         table or column of either migration tree is declared nowhere.\n\n\
         - **Register purpose**: the purposes of the register of processing \
         (`compliance/register.toml`) the table serves.\n\
         - **Personal**: about a person, and in their export.\n\
         - **Withheld**: about a person, erased with them, but left out of the export (hashes of \
         secrets, salted markers, derived copies).\n\
         - **Other**: about no one.\n",
    );
    for feature in FEATURES.iter().filter(|f| !f.tables.is_empty()) {
        let _ = write!(out, "\n## {}\n", feature.name);
        for t in feature.tables {
            let list = |cols: &[&str]| {
                if cols.is_empty() {
                    "—".to_owned()
                } else {
                    cols.iter()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            };
            let retention = match t.retention {
                Retention::WithAccount => "as long as the account".to_owned(),
                Retention::Purged { job, rule } => format!("{rule} (purge `{job}`)"),
                Retention::Kept(why) => format!("kept: {why}"),
            };
            let erasure = match t.erasure {
                Erasure::DeleteAccount => "the account row is deleted",
                Erasure::Cascade => "deleted with the account",
                Erasure::Unlink => "the person's id is removed; the act stays",
                Erasure::ByAddress => "rows addressed to the person are deleted with the account",
                Erasure::WithRetention => "goes with its retention (not keyed on an account)",
                Erasure::NotPersonal => "nothing to erase",
            };
            let _ = write!(
                out,
                "\n### `{}`\n\n{}\n\n\
                 | | |\n|---|---|\n\
                 | Register purpose | {} |\n\
                 | Personal | {} |\n| Withheld | {} |\n| Other | {} |\n\
                 | Keyed on the account by | {} |\n| Retention | {} |\n| Erasure | {} |\n\
                 | In backups | {} |\n",
                t.name,
                t.purpose.split_whitespace().collect::<Vec<_>>().join(" "),
                list(t.register),
                list(t.personal),
                list(t.withheld),
                list(t.other),
                t.owner.map_or("—".to_owned(), |o| format!("`{o}`")),
                retention,
                erasure,
                if t.backed_up { "yes" } else { "no" },
            );
        }
    }
    out
}

/// Every non-null cell of `table` as text, column by column (SQLite quotes blobs as
/// `X'…'`, PostgreSQL casts UUIDs to their hyphenated form and bytes to `\x…`): for the
/// tests that walk every table after an erasure.
pub async fn cells(
    db: &crate::Db,
    table: &Table,
) -> Result<Vec<(&'static str, String)>, crate::StoreError> {
    let mut out = Vec::new();
    for column in table.columns() {
        // Names are constants of the inventory, never input.
        let sql = match db.backend() {
            crate::Backend::Sqlite => format!("SELECT quote({column}) FROM {}", table.name),
            crate::Backend::Postgres => {
                format!("SELECT CAST({column} AS TEXT) FROM {}", table.name)
            }
        };
        let values: Vec<Option<String>> = crate::db::on_reader!(db, c => sqlx::query_scalar(sqlx::AssertSqlSafe(sql.clone()))
            .fetch_all(c)
            .await)?;
        out.extend(values.into_iter().flatten().map(|v| (column, v)));
    }
    Ok(out)
}

/// Tables and their columns as `backend`'s migrations leave them (`CREATE TABLE` bodies and
/// `ALTER TABLE … ADD COLUMN`), for the test that every one is declared.
pub fn migrated_schema(backend: crate::Backend) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for text in crate::Db::migration_sql(backend) {
        let sql: String = text
            .lines()
            .map(|l| l.split("--").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        for statement in sql.split(';') {
            read_statement(statement.trim(), &mut out);
        }
    }
    out
}

fn read_statement(s: &str, out: &mut BTreeMap<String, BTreeSet<String>>) {
    let words: Vec<&str> = s.split_whitespace().collect();
    let upper: Vec<String> = words.iter().map(|w| w.to_uppercase()).collect();
    let is = |i: usize, w: &str| upper.get(i).is_some_and(|u| u == w);
    if is(0, "CREATE") && is(1, "TABLE") {
        let Some(name) = words.get(2).map(|n| n.trim_end_matches('(')) else {
            return;
        };
        let (Some(open), Some(close)) = (s.find('('), s.rfind(')')) else {
            return;
        };
        let columns = out.entry(name.to_owned()).or_default();
        let mut depth = 0_i32;
        let mut part = String::new();
        let mut parts = Vec::new();
        for c in s.get(open + 1..close).unwrap_or("").chars() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(std::mem::take(&mut part));
                    continue;
                }
                _ => {}
            }
            part.push(c);
        }
        parts.push(part);
        for p in parts {
            let first = p.split_whitespace().next().unwrap_or("");
            let constraint = ["PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "CONSTRAINT"]
                .contains(&first.to_uppercase().as_str());
            if !first.is_empty() && !constraint {
                columns.insert(first.to_owned());
            }
        }
    } else if is(0, "ALTER") && is(1, "TABLE") && is(3, "ADD") {
        let column = if is(4, "COLUMN") {
            words.get(5)
        } else {
            words.get(4)
        };
        if let (Some(table), Some(column)) = (words.get(2), column) {
            out.entry((*table).to_owned())
                .or_default()
                .insert((*column).to_owned());
        }
    }
}
