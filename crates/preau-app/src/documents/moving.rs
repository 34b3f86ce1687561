//! Moving and copying documents (issue 12), within a space or from one space to another:
//! a move needs the right to change the document and to add to the folder it goes to, and
//! takes its whole subtree (versions, trash and shares included) along; a copy needs only to
//! read it, and makes new rows that point at the same blobs — the bytes are not copied, and
//! the blob is deleted when the last version naming it goes.

use super::{Standing, field_error, name_error};
use crate::{Actor, App, AppError};
use preau_domain::documents::DocumentName;
use preau_domain::policy::Action;
use preau_store::Tx;
use preau_store::documents::{self as rows, NewDocument, NewVersion};
use uuid::Uuid;

/// The most entries one copy makes (a folder and everything under it).
pub const COPY_LIMIT: usize = 10_000;

/// One entry of a subtree being copied.
struct Copied {
    new_id: Uuid,
    new_parent: Uuid,
    folder: bool,
    name: String,
    /// The current version of a file.
    version: Option<rows::VersionRow>,
}

/// What the page that moves or copies a document shows of it.
#[derive(Debug, Clone)]
pub struct DocumentSummary {
    pub id: Uuid,
    pub name: String,
    pub folder: bool,
    /// The folder it is in.
    pub parent: Uuid,
    /// Whether the actor may move it (copying needs only reading).
    pub may_change: bool,
}

impl App {
    /// A document the actor may read, for the page that moves or copies it.
    pub async fn document_summary(
        &self,
        actor: &Actor,
        id: Uuid,
    ) -> Result<DocumentSummary, AppError> {
        let (row, standing) = self.living_document(actor, id).await?;
        Ok(DocumentSummary {
            id,
            folder: row.is_folder(),
            parent: row.parent_id.ok_or(AppError::Forbidden)?,
            may_change: self.allowed(actor, &standing, Action::ChangeDocument, Some(&row)),
            name: row.name,
        })
    }

    /// The spaces a document may go to: « Mes documents » (`None`), then the actor's
    /// groups that are not archived, by name, with their roots.
    pub async fn destinations(
        &self,
        actor: &Actor,
    ) -> Result<Vec<(Option<String>, Uuid)>, AppError> {
        let mut out = vec![(None, self.my_documents(actor).await?)];
        for g in preau_store::groups::mine(self.db(), actor.id()).await? {
            if g.archived_at.is_none() && g.role.is_some() {
                out.push((Some(g.name), self.group_documents(actor, g.id).await?));
            }
        }
        Ok(out)
    }

    /// Moves a document or folder into the folder `to` (in its space or another the actor
    /// may add to). Returns the folder it left.
    pub async fn move_document(&self, actor: &Actor, id: Uuid, to: Uuid) -> Result<Uuid, AppError> {
        let (row, standing) = self.living_document(actor, id).await?;
        self.authorize_document(actor, &standing, Action::ChangeDocument, Some(&row))?;
        let Some(from) = row.parent_id else {
            return Err(AppError::Forbidden);
        };
        let (target, there) = self.destination(actor, id, to).await?;
        if from == to {
            return Ok(from);
        }
        // Out of a space only by who has the space: a share opens a folder to work in, not
        // to carry its documents off (the owner could not get them back from the trash).
        if there.space != standing.space && !standing.from_space {
            return Err(AppError::Forbidden);
        }
        let name = DocumentName::parse(&row.name).map_err(|p| name_error("name", p))?;
        let now = self.now();
        let mut tx = self.db().begin().await?;
        if rows::name_taken(&mut tx, to, &name.key()).await? {
            return Err(field_error("to", "document-name-taken-there"));
        }
        if there.space != standing.space {
            let quota = self.quota_of(there.space);
            let moving = rows::usage_of_subtree(&mut tx, id).await?;
            let used = rows::usage(&mut tx, there.space).await?;
            if quota > 0 && u64::try_from(used.saturating_add(moving)).unwrap_or(u64::MAX) > quota {
                return Err(field_error("to", "document-quota-full"));
            }
            rows::set_space_of_subtree(&mut tx, id, there.space).await?;
        }
        rows::set_parent(&mut tx, id, target.id, name.as_str(), &name.key(), now).await?;
        tx.commit().await?;
        Ok(from)
    }

    /// Copies a document or folder (with what it holds, their current versions) into the
    /// folder `to`; a name taken there gets a number. The copy is the actor's: they added
    /// it. Returns the copy's id.
    pub async fn copy_document(&self, actor: &Actor, id: Uuid, to: Uuid) -> Result<Uuid, AppError> {
        let (row, _) = self.living_document(actor, id).await?;
        if row.parent_id.is_none() {
            return Err(AppError::Forbidden);
        }
        let (_, there) = self.destination(actor, id, to).await?;
        // The subtree as it is now, breadth first, parents before children.
        let top = preau_domain::ids::new_row_id();
        let mut entries = vec![Copied {
            new_id: top,
            new_parent: to,
            folder: row.is_folder(),
            name: row.name.clone(),
            version: if row.is_folder() {
                None
            } else {
                rows::current_version(self.db(), id).await?
            },
        }];
        let mut queue = vec![(id, top)];
        while let Some((old, new)) = queue.pop() {
            let mut offset = 0;
            loop {
                let page = rows::children(self.db(), old, 500, offset).await?;
                if page.is_empty() {
                    break;
                }
                offset += i64::try_from(page.len()).unwrap_or(i64::MAX);
                for child in page {
                    if entries.len() >= COPY_LIMIT {
                        return Err(field_error("to", "document-copy-too-large"));
                    }
                    let new_id = preau_domain::ids::new_row_id();
                    let version = if child.is_folder() {
                        queue.push((child.id, new_id));
                        None
                    } else {
                        rows::current_version(self.db(), child.id).await?
                    };
                    entries.push(Copied {
                        new_id,
                        new_parent: new,
                        folder: child.is_folder(),
                        name: child.name,
                        version,
                    });
                }
            }
        }
        let bytes: i64 = entries
            .iter()
            .filter_map(|e| e.version.as_ref().map(|v| v.size))
            .sum();
        let quota = self.quota_of(there.space);
        let now = self.now();
        let by = actor.id().as_uuid();
        let mut tx = self.db().begin().await?;
        let used = rows::usage(&mut tx, there.space).await?;
        if quota > 0 && u64::try_from(used.saturating_add(bytes)).unwrap_or(u64::MAX) > quota {
            return Err(field_error("to", "document-quota-full"));
        }
        for (i, e) in entries.iter().enumerate() {
            let name = DocumentName::parse(&e.name).map_err(|p| name_error("name", p))?;
            let name = if i == 0 {
                free_name(&mut tx, to, &name).await?
            } else {
                name
            };
            let (size, content_type) = e
                .version
                .as_ref()
                .map_or((0, ""), |v| (v.size, v.content_type.as_str()));
            rows::insert(
                &mut tx,
                &NewDocument {
                    id: e.new_id,
                    space: there.space,
                    parent: e.new_parent,
                    folder: e.folder,
                    name: name.as_str(),
                    name_key: &name.key(),
                    by,
                    size,
                    content_type,
                },
                now,
            )
            .await?;
            if let Some(v) = &e.version {
                rows::insert_version(
                    &mut tx,
                    &NewVersion {
                        document: e.new_id,
                        blob_key: &v.blob_key,
                        size: v.size,
                        sha256: &v.sha256,
                        content_type: &v.content_type,
                        by,
                    },
                    now,
                )
                .await?;
            }
        }
        tx.commit().await?;
        Ok(top)
    }

    /// The folder a document may go to: living, the actor may add to it, not the document
    /// itself nor under it.
    async fn destination(
        &self,
        actor: &Actor,
        id: Uuid,
        to: Uuid,
    ) -> Result<(rows::DocumentRow, Standing), AppError> {
        let (target, there, path) = self.living_document_and_path(actor, to).await?;
        if !target.is_folder() {
            return Err(field_error("to", "document-move-not-a-folder"));
        }
        self.authorize_document(actor, &there, Action::AddDocuments, Some(&target))?;
        if path.iter().any(|c| c.id == id) {
            return Err(field_error("to", "document-move-into-itself"));
        }
        Ok((target, there))
    }
}

/// `name`, or `name (2)`, `name (3)`… whichever is free in `folder`.
pub(super) async fn free_name(
    tx: &mut Tx,
    folder: Uuid,
    name: &DocumentName,
) -> Result<DocumentName, AppError> {
    let mut chosen = name.clone();
    let mut n = 2;
    while rows::name_taken(tx, folder, &chosen.key()).await? {
        chosen = name.numbered(n);
        n += 1;
    }
    Ok(chosen)
}

/// The most files one folder download holds.
pub const ARCHIVE_LIMIT: usize = 50_000;

impl App {
    /// A folder and everything in it (their current versions) as a ZIP, streamed from the
    /// file store: its subfolders as folders, what is in the trash left out. For whoever may
    /// read the folder.
    pub async fn folder_archive(
        &self,
        actor: &Actor,
        id: Uuid,
    ) -> Result<crate::export::ExportArchive, AppError> {
        let (row, standing) = self.living_document(actor, id).await?;
        if !row.is_folder() {
            return Err(AppError::NotFound);
        }
        let top = if row.parent_id.is_none() {
            if standing.space_name.is_empty() {
                "Mes documents".to_owned()
            } else {
                standing.space_name.clone()
            }
        } else {
            row.name.clone()
        };
        let mut files = Vec::new();
        let mut queue = vec![(id, top.clone())];
        while let Some((folder, path)) = queue.pop() {
            let mut offset = 0;
            loop {
                let page = rows::children(self.db(), folder, 500, offset).await?;
                if page.is_empty() {
                    break;
                }
                offset += i64::try_from(page.len()).unwrap_or(i64::MAX);
                for child in page {
                    let child_path = format!("{path}/{}", child.name);
                    if child.is_folder() {
                        queue.push((child.id, child_path));
                    } else if let Some(v) = rows::current_version(self.db(), child.id).await? {
                        if files.len() >= ARCHIVE_LIMIT {
                            return Err(field_error("id", "document-archive-too-large"));
                        }
                        files.push((child_path, v.blob_key));
                    }
                }
            }
        }
        let now = self.now();
        let zip = crate::zip::ZipWriter::new(now);
        Ok(crate::export::ExportArchive {
            filename: format!("{}.zip", top.replace(['"', '\\'], "_")),
            stream: crate::export::zip_stream(zip, Vec::new(), files, self.files().clone()),
        })
    }
}
