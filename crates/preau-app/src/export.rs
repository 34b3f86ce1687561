//! « Mes données », first part (issue 11): a person sees what Préau keeps about them, table
//! by table, and takes it away as a ZIP — one JSON document (`donnees.json`, described by
//! `docs/export-schema.json`), one CSV per table, and a README in their language saying why
//! each table exists, how long it is kept, what is not in the archive and why, and whom to
//! ask. What is exported is read from the data inventory, so a table a later feature
//! declares is exported without anyone remembering to add it.

use crate::i18n::{FluentValue, Lang};
use crate::{Actor, App, AppError};
use preau_domain::Timestamp;
use preau_store::export::{self as rows, Cell, TableRows};
use preau_store::inventory::{self, Erasure, Retention, Table};
use serde_json::{Map, Value, json};

/// The version of the archive's layout and of `docs/export-schema.json`.
pub const EXPORT_FORMAT: u32 = 1;

/// What the « Mes données » page shows for one table.
#[derive(Debug, Clone)]
pub struct KeptTable {
    pub name: &'static str,
    pub purpose: &'static str,
    pub retention: String,
    pub rows: usize,
}

/// The archive, as a stream of bytes: the rows first (gathered before the first byte), then
/// each of the person's files, read from the file store as it is sent.
pub struct ExportArchive {
    pub filename: String,
    pub stream: futures_util::stream::BoxStream<'static, Result<bytes::Bytes, std::io::Error>>,
}

/// How long the rows of a table live, in words.
fn retention_words(t: &Table) -> String {
    match t.retention {
        Retention::WithAccount => "as long as the account".to_owned(),
        Retention::Purged { rule, .. } => rule.to_owned(),
        Retention::Kept(why) => format!("kept: {why}"),
    }
}

/// Why a table holding personal data is not in a person's archive.
fn why_not_exported(t: &Table) -> &'static str {
    match t.erasure {
        _ if t.personal.is_empty() => {
            "only hashes or derived copies (a password, a token, a search key): never exported, erased with the account"
        }
        Erasure::ByAddress => {
            "messages waiting to be sent to your addresses, deleted once sent: you receive them"
        }
        _ => {
            "not keyed on an account (an invitation before activation, a pending step): goes with its retention"
        }
    }
}

/// A cell as JSON; instants (columns ending in `_at` or `_since`) as RFC 3339.
fn json_cell(column: &str, cell: &Cell) -> Value {
    match cell {
        Cell::Null => Value::Null,
        Cell::Bool(b) => json!(b),
        Cell::Int(i) if is_instant(column) => json!(Timestamp::from_unix(*i).to_rfc3339()),
        Cell::Int(i) => json!(i),
        Cell::Real(r) => json!(r),
        Cell::Text(s) => json!(s),
        Cell::Uuid(u) => json!(u.to_string()),
    }
}

fn is_instant(column: &str) -> bool {
    column.ends_with("_at") || column.ends_with("_since")
}

/// A CSV field: quoted when needed, and a leading `=`, `+`, `-`, `@`, tab or carriage
/// return neutralised with an apostrophe, so that no spreadsheet runs it as a formula.
pub fn csv_field(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if guarded.contains([',', '"', '\n', '\r', ';']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

fn csv_of(t: &TableRows) -> String {
    let mut out = t
        .table
        .personal
        .iter()
        .map(|c| csv_field(c))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    for row in &t.rows {
        let line: Vec<String> = t
            .table
            .personal
            .iter()
            .zip(row)
            .map(|(column, cell)| match json_cell(column, cell) {
                Value::Null => String::new(),
                Value::String(s) => csv_field(&s),
                other => csv_field(&other.to_string()),
            })
            .collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

impl App {
    /// What Préau keeps about the actor: every table keyed on them, with its row count.
    pub async fn data_kept(&self, actor: &Actor) -> Result<Vec<KeptTable>, AppError> {
        self.authorize_own(actor)?;
        Ok(rows::rows_of(self.db(), actor.id())
            .await?
            .into_iter()
            .map(|t| KeptTable {
                name: t.table.name,
                purpose: t.table.purpose,
                retention: retention_words(t.table),
                rows: t.rows.len(),
            })
            .collect())
    }

    /// The actor's data as a ZIP archive, streamed: `donnees.json`, one CSV per table,
    /// `LISEZMOI.txt`, then the files of their « Mes documents » under `documents/` (those
    /// in the trash under `documents/Corbeille/`), each read from the file store as it is
    /// sent, so that the first byte leaves as soon as the rows are read, whatever the files
    /// weigh.
    pub async fn export_my_data(
        &self,
        actor: &Actor,
        lang: Lang,
    ) -> Result<ExportArchive, AppError> {
        self.authorize_own(actor)?;
        let now = self.now();
        let tables = rows::rows_of(self.db(), actor.id()).await?;
        let files = self.files_for_export(actor).await?;
        let document = self.export_document(actor, &tables, now);
        let mut zip = crate::zip::ZipWriter::new(now);
        let mut head = zip.add(
            "donnees.json",
            serde_json::to_vec_pretty(&document)
                .map_err(|e| AppError::Internal(e.to_string()))?
                .as_slice(),
        )?;
        for t in &tables {
            head.extend(zip.add(&format!("csv/{}.csv", t.table.name), csv_of(t).as_bytes())?);
        }
        head.extend(zip.add("LISEZMOI.txt", self.export_readme(lang, &tables).as_bytes())?);
        let stream = zip_stream(zip, head, files, self.files().clone());
        Ok(ExportArchive {
            filename: format!("preau-mes-donnees-{}.zip", now.date()),
            stream,
        })
    }

    /// The files of the actor's « Mes documents », as (path in the archive, blob key): their
    /// folders as folders, the trash under `Corbeille/`, a repeated path numbered.
    async fn files_for_export(&self, actor: &Actor) -> Result<Vec<(String, String)>, AppError> {
        let entries =
            preau_store::documents::space_for_export(self.db(), actor.id().as_uuid()).await?;
        let by_id: std::collections::HashMap<uuid::Uuid, &preau_store::documents::ExportEntry> =
            entries.iter().map(|e| (e.id, e)).collect();
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for e in entries.iter().filter(|e| e.kind == "file") {
            let Some(key) = &e.blob_key else { continue };
            let mut parts = vec![e.name.clone()];
            let mut trashed = e.trashed_at.is_some();
            let mut up = e.parent_id;
            while let Some(id) = up {
                let Some(parent) = by_id.get(&id) else { break };
                trashed |= parent.trashed_at.is_some();
                if !parent.name.is_empty() {
                    parts.push(parent.name.clone());
                }
                up = parent.parent_id;
            }
            parts.reverse();
            let mut path = format!(
                "documents/{}{}",
                if trashed { "Corbeille/" } else { "" },
                parts.join("/")
            );
            // A path already taken (two trashed files of one folder and name): numbered
            // before the extension, `a (2).pdf`, `a (3).pdf`, as the folders do.
            let first = path.clone();
            let (dir, file) = first.rsplit_once('/').unwrap_or(("documents", &first));
            let (stem, ext) = match file.rfind('.') {
                Some(i) if i > 0 => file.split_at(i),
                _ => (file, ""),
            };
            let mut n = 2;
            while !seen.insert(path.clone()) {
                path = format!("{dir}/{stem} ({n}){ext}");
                n += 1;
            }
            out.push((path, key.clone()));
        }
        Ok(out)
    }

    fn export_document(&self, actor: &Actor, tables: &[TableRows], now: Timestamp) -> Value {
        let mut by_table = Map::new();
        for t in tables {
            let rows: Vec<Value> = t
                .rows
                .iter()
                .map(|row| {
                    Value::Object(
                        t.table
                            .personal
                            .iter()
                            .zip(row)
                            .map(|(c, cell)| ((*c).to_owned(), json_cell(c, cell)))
                            .collect(),
                    )
                })
                .collect();
            by_table.insert(
                t.table.name.to_owned(),
                json!({
                    "purpose": t.table.purpose,
                    "retention": retention_words(t.table),
                    "columns": t.table.personal,
                    "rows": rows,
                }),
            );
        }
        let elsewhere: Vec<Value> = inventory::tables()
            .filter(|t| t.holds_personal_data())
            .filter(|t| !rows::keyed_tables().any(|k| k.name == t.name))
            .map(|t| json!({"table": t.name, "purpose": t.purpose, "why": why_not_exported(t)}))
            .collect();
        json!({
            "format": "preau-export",
            "version": EXPORT_FORMAT,
            "generated_at": now.to_rfc3339(),
            "instance": self.config().instance_name,
            "person": {
                "id": actor.id().as_uuid().to_string(),
                "email": actor.account.email,
            },
            "tables": by_table,
            "not_in_this_export": elsewhere,
        })
    }

    fn export_readme(&self, lang: Lang, tables: &[TableRows]) -> String {
        let legal = self.config().legal();
        let mut out = lang.t_with(
            "export-readme-intro",
            &[
                (
                    "instance",
                    FluentValue::from(self.config().instance_name.clone()),
                ),
                ("controller", legal.controller_name.clone().into()),
            ],
        );
        out.push_str("\n\n");
        for t in tables {
            out.push_str(&format!(
                "- {} ({}) — {}\n  {}\n",
                t.table.name,
                lang.t_with("export-readme-rows", &[("count", t.rows.len().into())]),
                t.table.purpose,
                lang.t_with(
                    "export-readme-retention",
                    &[("retention", retention_words(t.table).into())]
                ),
            ));
        }
        out.push('\n');
        out.push_str(&lang.t("export-readme-files"));
        out.push_str("\n\n");
        out.push_str(&lang.t_with(
            "export-readme-rights",
            &[
                ("dpo", legal.dpo_contact.clone().into()),
                ("url", self.config().public_url().into()),
            ],
        ));
        out.push('\n');
        out.replace('\n', "\r\n")
    }
}

/// One entry of the person's access log, in words.
#[derive(Debug, Clone)]
pub struct AccessEntry {
    pub at: Timestamp,
    /// The role that acted: `admin` or `system`, never a name.
    pub role: String,
    /// The role in words (« Un administrateur », « Préau (automatiquement) »).
    pub by: String,
    pub what: String,
    /// The stable code of the act (`roster-updated`, `invitation-letter`…).
    pub action: String,
}

/// How many entries the page and the API show (the archive holds them all).
pub const ACCESS_LOG_SHOWN: i64 = 200;

impl App {
    /// What administrators and the system did with the actor's data, newest first.
    pub async fn access_log(
        &self,
        actor: &Actor,
        lang: Lang,
    ) -> Result<Vec<AccessEntry>, AppError> {
        self.authorize_own(actor)?;
        let rows =
            preau_store::access_log::of_user(self.db(), actor.id(), ACCESS_LOG_SHOWN).await?;
        Ok(rows
            .into_iter()
            .map(|r| AccessEntry {
                at: Timestamp::from_unix(r.at),
                by: lang.t(&format!("access-by-{}", r.by_role)),
                role: r.by_role,
                what: access_words(lang, &r.action, &r.detail),
                action: r.action,
            })
            .collect())
    }
}

/// An act in words: its sentence, with the roster fields it changed named.
fn access_words(lang: Lang, action: &str, detail: &str) -> String {
    let key = format!("access-{action}");
    let fields = detail
        .split(',')
        .filter(|f| !f.is_empty())
        .map(|f| lang.t(&format!("access-field-{f}")))
        .collect::<Vec<_>>()
        .join(", ");
    let words = lang.t_with(&key, &[("fields", FluentValue::from(fields))]);
    if words == key {
        // An act this version has no sentence for (written by a newer one): its code.
        lang.t_with(
            "access-unknown",
            &[("action", FluentValue::from(action.to_owned()))],
        )
    } else {
        words
    }
}

/// An archive as a stream: `head` (entries already written), then each `(path, blob key)`
/// read from the file store as it is sent, then the central directory. Bounded: a slow
/// reader slows the store's reads. If a blob cannot be read the stream ends with an error
/// (the download breaks off rather than lie).
pub(crate) fn zip_stream(
    mut zip: crate::zip::ZipWriter,
    head: Vec<u8>,
    files: Vec<(String, String)>,
    store: crate::storage::FileStore,
) -> futures_util::stream::BoxStream<'static, Result<bytes::Bytes, std::io::Error>> {
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<bytes::Bytes, std::io::Error>>(4);
    tokio::spawn(async move {
        let outcome: Result<(), String> = async {
            let send = |b: Vec<u8>| tx.send(Ok(bytes::Bytes::from(b)));
            if !head.is_empty() && send(head).await.is_err() {
                return Ok(());
            }
            for (path, key) in files {
                let mut d = store.get(&key, None).await.map_err(|e| e.to_string())?;
                // Blobs do not change: announcing the size keeps a file under 4 GiB
                // plain ZIP, readable by the oldest tools.
                let header = zip.begin(&path, Some(d.size)).map_err(|e| e.to_string())?;
                if send(header).await.is_err() {
                    return Ok(());
                }
                while let Some(chunk) = futures_util::StreamExt::next(&mut d.stream).await {
                    let chunk = chunk.map_err(|e| e.to_string())?;
                    zip.data(&chunk).map_err(|e| e.to_string())?;
                    if tx.send(Ok(chunk)).await.is_err() {
                        // The person went away: nothing more to read.
                        return Ok(());
                    }
                }
                if send(zip.end().map_err(|e| e.to_string())?).await.is_err() {
                    return Ok(());
                }
            }
            let _ = send(zip.finish()).await;
            Ok(())
        }
        .await;
        if let Err(e) = outcome {
            tracing::warn!("archive broken off: {e}");
            let _ = tx.send(Err(std::io::Error::other(e))).await;
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    // Fused: a layer (compression) may poll the body once more after its end.
    futures_util::StreamExt::boxed(futures_util::StreamExt::fuse(stream))
}
