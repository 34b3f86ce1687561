//! Documents (issue 12, first part): « Mes documents » and each group's space — folders,
//! uploads streamed to the file store, downloads streamed back, rename, trash and restore.
//! Every action asks the policy with the asker's standing towards the document: their own
//! space, their role in the group, nothing else. No grant opens a space: administrators and
//! the IEN get the answer a document that does not exist gets.

use crate::storage::{Download, FileStore, StorageError};
use crate::{Actor, App, AppError, FieldErrors};
use bytes::Bytes;
use futures_util::Stream;
use preau_domain::Timestamp;
use preau_domain::documents::{
    ByteRange, DocumentName, NameProblem, check_content, served_as, shown_in_place,
};
use preau_domain::groups::GroupRole;
use preau_domain::policy::{Action, DocumentAccess, DocumentFacts, Resource, can};
pub use preau_store::documents::Space;
use preau_store::documents::{self as rows, Crumb, DocumentRow, NewDocument, NewVersion};
use std::time::Duration;
use uuid::Uuid;

mod moving;
mod sharing;
pub use moving::{ARCHIVE_LIMIT, COPY_LIMIT, DocumentSummary};
pub use sharing::{
    AccessView, Found, SEARCH_LIMIT, SHARED_LIMIT, ShareTarget, ShareView, SharedItem, ShareeView,
};

/// Entries on one page of a folder.
pub const PAGE_SIZE: i64 = 100;
/// Entries of the trash shown at most.
pub const TRASH_LIMIT: i64 = 1_000;
/// How long a document stays in the trash.
pub const TRASH_DAYS: u64 = 30;

/// One entry of a folder.
#[derive(Debug, Clone)]
pub struct Item {
    pub id: Uuid,
    pub name: String,
    pub folder: bool,
    pub size: i64,
    pub content_type: String,
    pub updated_at: Timestamp,
    /// Whether the asker may rename it or put it in the trash.
    pub may_change: bool,
    /// Whether the asker may see and change who has access to it.
    pub may_share: bool,
}

/// A folder as the asker sees it.
#[derive(Debug, Clone)]
pub struct FolderView {
    pub id: Uuid,
    pub name: String,
    pub space: Space,
    /// « Mes documents » or the group's name.
    pub space_name: String,
    /// From the space's root to this folder (excluded), for the breadcrumb.
    pub parents: Vec<(Uuid, String)>,
    pub items: Vec<Item>,
    /// The page shown (from 1), and how many entries the folder holds.
    pub page: i64,
    pub total: i64,
    pub may_add: bool,
    pub may_change: bool,
    /// Whether the asker may see and change who has access to it.
    pub may_share: bool,
    /// The root of its space.
    pub is_root: bool,
    /// The asker reaches it through a share, not through its space: the breadcrumb starts
    /// at the highest folder shared with them, and the space's trash and usage are not
    /// theirs to see.
    pub via_share: bool,
    /// Bytes the space holds and its quota (0: none), for who has the space.
    pub usage: Option<Usage>,
}

/// How full a space is.
#[derive(Debug, Clone, Copy)]
pub struct Usage {
    pub used: i64,
    pub quota: u64,
}

/// Versions listed at most.
pub const VERSIONS_LIMIT: i64 = 200;

/// One version of a file.
#[derive(Debug, Clone)]
pub struct VersionItem {
    pub id: Uuid,
    pub size: i64,
    pub sha256: String,
    pub content_type: String,
    pub created_at: Timestamp,
    /// The file's content now.
    pub current: bool,
}

/// A file's history.
#[derive(Debug, Clone)]
pub struct VersionsView {
    pub id: Uuid,
    pub name: String,
    /// The folder it is in.
    pub parent: Uuid,
    /// Whether the asker may restore a version.
    pub may_change: bool,
    pub versions: Vec<VersionItem>,
}

/// A file on its way to the asker.
pub struct FileDownload {
    pub name: String,
    pub content_type: String,
    /// Whether a browser may show it in place; otherwise it is an attachment.
    pub inline: bool,
    pub sha256: String,
    pub download: Download,
}

/// A file asked for, whole or in part.
pub enum Delivery {
    Whole(FileDownload),
    Part(FileDownload),
    /// The range asked is outside the file of this size (416).
    Unsatisfiable {
        size: u64,
    },
}

/// What the asker may do with a document, from where it lives and what is shared with them.
struct Standing {
    space: Space,
    space_name: String,
    facts: DocumentFacts,
    /// What the space itself gives the asker (its owner, a member of its group): the whole
    /// space is theirs to see, its trash and its usage included. Otherwise what they have
    /// comes from shares only.
    from_space: bool,
    /// Through shares: how far above the document the highest shared folder is (0: the
    /// document itself). The folders above it are not the asker's to see.
    shared_depth: Option<usize>,
}

fn name_error(field: &'static str, problem: NameProblem) -> AppError {
    let mut e = FieldErrors::default();
    e.add(field, problem.code());
    AppError::Invalid(e)
}

fn field_error(field: &'static str, code: &'static str) -> AppError {
    let mut e = FieldErrors::default();
    e.add(field, code);
    AppError::Invalid(e)
}

fn storage_error(e: StorageError) -> AppError {
    match e {
        StorageError::TooLarge { .. } => field_error("file", "document-too-large"),
        StorageError::Interrupted(_) => field_error("file", "document-upload-interrupted"),
        StorageError::NotFound => {
            AppError::Internal("a blob is missing from the file store".into())
        }
        StorageError::Store(e) => AppError::Unavailable(format!("file store: {e}")),
    }
}

impl App {
    /// The root folder of the actor's « Mes documents ».
    pub async fn my_documents(&self, actor: &Actor) -> Result<Uuid, AppError> {
        let space = Space::Person(actor.id().as_uuid());
        let standing = self.standing_of_space(actor, space).await?;
        self.authorize_document(actor, &standing, Action::ReadDocuments, None)?;
        Ok(rows::root(self.db(), space, self.now()).await?)
    }

    /// The root folder of a group's space: members only (others get `NotFound`).
    pub async fn group_documents(&self, actor: &Actor, group: Uuid) -> Result<Uuid, AppError> {
        let standing = self.standing_of_space(actor, Space::Group(group)).await?;
        self.authorize_document(actor, &standing, Action::ReadDocuments, None)?;
        Ok(rows::root(self.db(), Space::Group(group), self.now()).await?)
    }

    /// A folder and a page of what it holds (`PAGE_SIZE` entries; pages from 1).
    pub async fn folder(&self, actor: &Actor, id: Uuid, page: i64) -> Result<FolderView, AppError> {
        let page = page.max(1);
        let (row, standing, crumbs) = self.living_document_and_path(actor, id).await?;
        if !row.is_folder() {
            return Err(AppError::NotFound);
        }
        // Through a share, the breadcrumb starts at the highest folder shared.
        let first = match (standing.from_space, standing.shared_depth) {
            (false, Some(depth)) => crumbs.len().saturating_sub(depth + 1),
            _ => 0,
        };
        let parents = crumbs
            .iter()
            .take(crumbs.len().saturating_sub(1))
            .skip(first)
            .map(|c| (c.id, self.crumb_name(c, &standing)))
            .collect();
        let total = rows::count_children(self.db(), id).await?;
        let offset = (page - 1).saturating_mul(PAGE_SIZE);
        let may_share = self.allowed(actor, &standing, Action::ShareDocument, None);
        let items = rows::children(self.db(), id, PAGE_SIZE, offset)
            .await?
            .into_iter()
            .map(|r| Item {
                may_change: self.allowed(actor, &standing, Action::ChangeDocument, Some(&r)),
                may_share,
                id: r.id,
                folder: r.is_folder(),
                size: r.size,
                content_type: r.content_type,
                updated_at: Timestamp::from_unix(r.updated_at),
                name: r.name,
            })
            .collect();
        let is_root = row.parent_id.is_none();
        Ok(FolderView {
            id,
            name: if is_root {
                standing.space_name.clone()
            } else {
                row.name.clone()
            },
            space: standing.space,
            space_name: standing.space_name.clone(),
            parents,
            items,
            page,
            total,
            may_add: self.allowed(actor, &standing, Action::AddDocuments, Some(&row)),
            may_change: !is_root
                && self.allowed(actor, &standing, Action::ChangeDocument, Some(&row)),
            may_share: !is_root
                && self.allowed(actor, &standing, Action::ShareDocument, Some(&row)),
            is_root,
            via_share: !standing.from_space,
            usage: if standing.from_space {
                Some(Usage {
                    used: rows::usage_db(self.db(), standing.space).await?,
                    quota: self.quota_of(standing.space),
                })
            } else {
                None
            },
        })
    }

    /// A new folder in `parent`.
    pub async fn create_folder(
        &self,
        actor: &Actor,
        parent: Uuid,
        name: &str,
    ) -> Result<Uuid, AppError> {
        let name = DocumentName::parse(name).map_err(|p| name_error("name", p))?;
        let (row, standing) = self.living_folder(actor, parent).await?;
        self.authorize_document(actor, &standing, Action::AddDocuments, Some(&row))?;
        let now = self.now();
        let mut tx = self.db().begin().await?;
        if rows::name_taken(&mut tx, parent, &name.key()).await? {
            return Err(field_error("name", "document-name-taken"));
        }
        let id = preau_domain::ids::new_row_id();
        rows::insert(
            &mut tx,
            &NewDocument {
                id,
                space: standing.space,
                parent,
                folder: true,
                name: name.as_str(),
                name_key: &name.key(),
                by: actor.id().as_uuid(),
                size: 0,
                content_type: "",
            },
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Streams `body` into the file store and files it in `parent` as `name`. A file of that
    /// name already there gets a new version (when the asker may change it; otherwise the
    /// new file is numbered). Over the size limit or the space's quota, or if the body breaks
    /// off, nothing is kept: no blob, no row.
    pub async fn upload_document<S, E>(
        &self,
        actor: &Actor,
        parent: Uuid,
        name: &str,
        body: S,
    ) -> Result<Uuid, AppError>
    where
        S: Stream<Item = Result<Bytes, E>> + Send,
        E: std::fmt::Display + Send,
    {
        let name = DocumentName::parse(name).map_err(|p| name_error("name", p))?;
        let (row, standing) = self.living_folder(actor, parent).await?;
        self.authorize_document(actor, &standing, Action::AddDocuments, Some(&row))?;
        let max = self.config().storage.max_file_bytes;
        let quota = self.quota_of(standing.space);
        let used = u64::try_from(rows::usage_db(self.db(), standing.space).await?).unwrap_or(0);
        let room = if quota == 0 {
            u64::MAX
        } else {
            quota.saturating_sub(used)
        };
        // Photos are kept without where and when they were taken (SEC-55).
        let stored = if is_jpeg(&name) {
            self.files()
                .put_stream(without_metadata(body), max.min(room))
                .await
        } else {
            self.files().put_stream(body, max.min(room)).await
        };
        let stored = match stored {
            Ok(s) => s,
            Err(StorageError::TooLarge { .. }) if room < max => {
                return Err(field_error("file", "document-quota-full"));
            }
            Err(e) => return Err(storage_error(e)),
        };
        let outcome = match self.scanned(&stored).await {
            Ok(()) => {
                self.file_upload(actor, parent, &standing, &name, &stored, quota)
                    .await
            }
            Err(e) => Err(e),
        };
        match outcome {
            Ok(id) => Ok(id),
            Err(e) => {
                // The blob goes with the rows that were not written.
                if let Err(d) = self.files().delete(&stored.key).await {
                    tracing::warn!("file store: deleting an unused blob failed: {d}");
                }
                Err(e)
            }
        }
    }

    /// The virus scan, when `storage.clamd` is set: the stored blob, read back, streamed to
    /// clamd. Flagged or not scanned, the upload is refused (the caller deletes the blob).
    async fn scanned(&self, stored: &crate::storage::Stored) -> Result<(), AppError> {
        let Some(address) = self.config().storage.clamd.as_deref() else {
            return Ok(());
        };
        let download = self
            .files()
            .get(&stored.key, None)
            .await
            .map_err(storage_error)?;
        match crate::scan::scan(address, download.stream).await {
            Ok(crate::scan::Verdict::Clean) => Ok(()),
            Ok(crate::scan::Verdict::Infected(signature)) => {
                tracing::warn!(signature, "upload refused: the virus scan flagged it");
                Err(field_error("file", "document-infected"))
            }
            Err(e) => {
                tracing::warn!("upload refused: no virus scan ({e})");
                Err(field_error("file", "document-scan-unavailable"))
            }
        }
    }

    async fn file_upload(
        &self,
        actor: &Actor,
        parent: Uuid,
        standing: &Standing,
        name: &DocumentName,
        stored: &crate::storage::Stored,
        quota: u64,
    ) -> Result<Uuid, AppError> {
        check_content(
            name.as_str(),
            &stored.head,
            &self.config().storage.allowed_extensions,
        )
        .map_err(|p| field_error("file", p.code()))?;
        let served = served_as(name.as_str(), &stored.head);
        let size = i64::try_from(stored.size).unwrap_or(i64::MAX);
        let now = self.now();
        let by = actor.id().as_uuid();
        let mut tx = self.db().begin().await?;
        // The quota again, in the transaction: two uploads at once do not both fit in the
        // room that one had.
        let used = rows::usage(&mut tx, standing.space).await?;
        if quota > 0 && u64::try_from(used).unwrap_or(0).saturating_add(stored.size) > quota {
            return Err(field_error("file", "document-quota-full"));
        }
        let same = rows::by_name(&mut tx, parent, &name.key()).await?;
        let target = match same {
            Some(existing)
                if !existing.is_folder()
                    && self.allowed(actor, standing, Action::ChangeDocument, Some(&existing)) =>
            {
                rows::set_content(&mut tx, existing.id, size, served.content_type, now).await?;
                existing.id
            }
            _ => {
                // The name is taken by a folder or a file the actor may not change: numbered.
                let chosen = moving::free_name(&mut tx, parent, name).await?;
                let id = preau_domain::ids::new_row_id();
                rows::insert(
                    &mut tx,
                    &NewDocument {
                        id,
                        space: standing.space,
                        parent,
                        folder: false,
                        name: chosen.as_str(),
                        name_key: &chosen.key(),
                        by,
                        size,
                        content_type: served.content_type,
                    },
                    now,
                )
                .await?;
                id
            }
        };
        rows::insert_version(
            &mut tx,
            &NewVersion {
                document: target,
                blob_key: &stored.key,
                size,
                sha256: &stored.sha256,
                content_type: served.content_type,
                by,
            },
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(target)
    }

    /// A file's content, or the range of it asked, streamed from the file store (one read
    /// of the store, its size known from the version).
    pub async fn download_document(
        &self,
        actor: &Actor,
        id: Uuid,
        asked: Option<ByteRange>,
    ) -> Result<Delivery, AppError> {
        let (row, _) = self.living_document(actor, id).await?;
        if row.is_folder() {
            return Err(AppError::NotFound);
        }
        let version = rows::current_version(self.db(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        self.deliver(row, version, asked).await
    }

    /// One version of a file, for whoever may read the file.
    pub async fn download_version(
        &self,
        actor: &Actor,
        id: Uuid,
        version: Uuid,
        asked: Option<ByteRange>,
    ) -> Result<Delivery, AppError> {
        let (row, _) = self.living_document(actor, id).await?;
        let version = rows::version(self.db(), id, version)
            .await?
            .ok_or(AppError::NotFound)?;
        self.deliver(row, version, asked).await
    }

    /// The versions of a file, newest first: the first is its content.
    pub async fn versions_of(&self, actor: &Actor, id: Uuid) -> Result<VersionsView, AppError> {
        let (row, standing) = self.living_document(actor, id).await?;
        if row.is_folder() {
            return Err(AppError::NotFound);
        }
        let versions = rows::versions(self.db(), id, VERSIONS_LIMIT)
            .await?
            .into_iter()
            .enumerate()
            .map(|(i, v)| VersionItem {
                id: v.id,
                size: v.size,
                sha256: v.sha256,
                content_type: v.content_type,
                created_at: Timestamp::from_unix(v.created_at),
                current: i == 0,
            })
            .collect();
        Ok(VersionsView {
            id,
            may_change: self.allowed(actor, &standing, Action::ChangeDocument, Some(&row)),
            parent: row.parent_id.ok_or(AppError::NotFound)?,
            name: row.name,
            versions,
        })
    }

    /// Makes an earlier version the file's content again, as a new version (the history
    /// keeps every step; the bytes are not copied). Counts against the quota like an
    /// upload of that size.
    pub async fn restore_version(
        &self,
        actor: &Actor,
        id: Uuid,
        version: Uuid,
    ) -> Result<(), AppError> {
        let (row, standing) = self.living_document(actor, id).await?;
        self.authorize_document(actor, &standing, Action::ChangeDocument, Some(&row))?;
        let old = rows::version(self.db(), id, version)
            .await?
            .ok_or(AppError::NotFound)?;
        let quota = self.quota_of(standing.space);
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let used = rows::usage(&mut tx, standing.space).await?;
        if quota > 0 && u64::try_from(used.saturating_add(old.size)).unwrap_or(u64::MAX) > quota {
            return Err(field_error("version", "document-quota-full"));
        }
        rows::insert_version(
            &mut tx,
            &NewVersion {
                document: id,
                blob_key: &old.blob_key,
                size: old.size,
                sha256: &old.sha256,
                content_type: &old.content_type,
                by: actor.id().as_uuid(),
            },
            now,
        )
        .await?;
        rows::set_content(&mut tx, id, old.size, &old.content_type, now).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn deliver(
        &self,
        row: DocumentRow,
        version: rows::VersionRow,
        asked: Option<ByteRange>,
    ) -> Result<Delivery, AppError> {
        let size = u64::try_from(version.size).unwrap_or(0);
        let range = match asked.map(|a| a.resolve(size)) {
            None => None,
            Some(Some(range)) => Some(range),
            Some(None) => return Ok(Delivery::Unsatisfiable { size }),
        };
        let partial = range.is_some();
        let download = self
            .files()
            .get(&version.blob_key, range)
            .await
            .map_err(storage_error)?;
        let file = FileDownload {
            inline: shown_in_place(&version.content_type),
            content_type: version.content_type,
            sha256: version.sha256,
            name: row.name,
            download,
        };
        Ok(if partial {
            Delivery::Part(file)
        } else {
            Delivery::Whole(file)
        })
    }

    /// Renames a document or folder; returns the folder it is in.
    pub async fn rename_document(
        &self,
        actor: &Actor,
        id: Uuid,
        name: &str,
    ) -> Result<Uuid, AppError> {
        let name = DocumentName::parse(name).map_err(|p| name_error("name", p))?;
        let (row, standing) = self.living_document(actor, id).await?;
        self.authorize_document(actor, &standing, Action::ChangeDocument, Some(&row))?;
        let Some(parent) = row.parent_id else {
            return Err(AppError::Forbidden);
        };
        let mut tx = self.db().begin().await?;
        if name.key() != row.name.to_lowercase()
            && rows::name_taken(&mut tx, parent, &name.key()).await?
        {
            return Err(field_error("name", "document-name-taken"));
        }
        rows::rename(&mut tx, id, name.as_str(), &name.key(), self.now()).await?;
        tx.commit().await?;
        Ok(parent)
    }

    /// The folder a document is in (`NotFound` for a space's root).
    pub async fn parent_of_document(&self, actor: &Actor, id: Uuid) -> Result<Uuid, AppError> {
        let (row, _) = self.living_document(actor, id).await?;
        row.parent_id.ok_or(AppError::NotFound)
    }

    /// Puts a document (and what a folder holds) in the trash for 30 days; returns the
    /// folder it was in.
    pub async fn trash_document(&self, actor: &Actor, id: Uuid) -> Result<Uuid, AppError> {
        let (row, standing) = self.living_document(actor, id).await?;
        self.authorize_document(actor, &standing, Action::ChangeDocument, Some(&row))?;
        let Some(parent) = row.parent_id else {
            return Err(AppError::Forbidden);
        };
        let mut tx = self.db().begin().await?;
        rows::trash(&mut tx, id, self.now()).await?;
        tx.commit().await?;
        Ok(parent)
    }

    /// What a space holds in its trash, for someone who may read the space.
    pub async fn trash_of(
        &self,
        actor: &Actor,
        folder: Uuid,
    ) -> Result<(FolderView, Vec<Item>), AppError> {
        let view = self.folder(actor, folder, 1).await?;
        // The trash is the space's: a share opens a folder, not what others threw away.
        let standing = self.standing_of_space(actor, view.space).await?;
        if !standing.from_space {
            return Err(AppError::NotFound);
        }
        let items = rows::trash_of(self.db(), view.space, TRASH_LIMIT)
            .await?
            .into_iter()
            .map(|r| Item {
                may_change: self.allowed(actor, &standing, Action::ChangeDocument, Some(&r)),
                may_share: false,
                id: r.id,
                folder: r.is_folder(),
                size: r.size,
                content_type: r.content_type,
                updated_at: Timestamp::from_unix(r.trashed_at.unwrap_or(r.updated_at)),
                name: r.name,
            })
            .collect();
        Ok((view, items))
    }

    /// Takes a document out of the trash, back in its folder (numbered if its name was
    /// taken meanwhile). Returns its folder.
    pub async fn restore_document(&self, actor: &Actor, id: Uuid) -> Result<Uuid, AppError> {
        let row = rows::get(self.db(), id).await?.ok_or(AppError::NotFound)?;
        // Restoring is done from the space's trash, by who has the space.
        let space = Space::of(&row).ok_or(AppError::NotFound)?;
        let standing = self.standing_of_space(actor, space).await?;
        self.authorize_document(actor, &standing, Action::ChangeDocument, Some(&row))?;
        let (Some(parent), Some(_)) = (row.parent_id, row.trashed_at) else {
            return Err(AppError::NotFound);
        };
        // Its folder must itself be alive: restore that first.
        let crumbs = rows::ancestors(self.db(), parent).await?;
        if crumbs.iter().any(|c| c.trashed_at.is_some()) {
            return Err(field_error("id", "document-folder-in-trash"));
        }
        let name = DocumentName::parse(&row.name).map_err(|p| name_error("name", p))?;
        let mut tx = self.db().begin().await?;
        let chosen = moving::free_name(&mut tx, parent, &name).await?;
        rows::restore(&mut tx, id, chosen.as_str(), &chosen.key(), self.now()).await?;
        tx.commit().await?;
        Ok(parent)
    }

    /// Deletes what has been in the trash for 30 days, then the blobs nothing uses.
    pub(crate) async fn purge_documents(&self) -> Result<(u64, u64), AppError> {
        let before = self.now().minus(Duration::from_secs(TRASH_DAYS * 86_400));
        let trashed = rows::purge_trash(self.db(), before).await?;
        let blobs = self.sweep_blobs().await?;
        Ok((trashed, blobs))
    }

    /// Deletes from the file store the blobs whose versions are gone (the trash emptied, a
    /// group deleted, a person erased): erasure reaches the bytes.
    pub async fn sweep_blobs(&self) -> Result<u64, AppError> {
        sweep(self.db(), self.files()).await
    }

    fn quota_of(&self, space: Space) -> u64 {
        let s = &self.config().storage;
        match space {
            Space::Person(_) => s.person_quota_bytes,
            Space::Group(_) => s.group_quota_bytes,
        }
    }

    fn allowed(
        &self,
        actor: &Actor,
        standing: &Standing,
        action: Action,
        row: Option<&DocumentRow>,
    ) -> bool {
        let facts = DocumentFacts {
            author: row.and_then(|r| r.created_by) == Some(actor.id().as_uuid()),
            ..standing.facts
        };
        can(&actor.account.subject(), action, Resource::Document(facts)).is_allowed()
    }

    /// `NotFound` when the asker has no standing at all (the same answer as a document that
    /// does not exist), `Forbidden` when they may read but not do this.
    fn authorize_document(
        &self,
        actor: &Actor,
        standing: &Standing,
        action: Action,
        row: Option<&DocumentRow>,
    ) -> Result<(), AppError> {
        if self.allowed(actor, standing, action, row) {
            Ok(())
        } else if self.allowed(actor, standing, Action::ReadDocuments, row) {
            Err(AppError::Forbidden)
        } else {
            Err(AppError::NotFound)
        }
    }

    async fn standing_of_space(&self, actor: &Actor, space: Space) -> Result<Standing, AppError> {
        Ok(match space {
            Space::Person(owner) => {
                let access = DocumentAccess::of_space(owner == actor.id().as_uuid(), None);
                Standing {
                    space,
                    space_name: String::new(),
                    facts: DocumentFacts {
                        access,
                        author: false,
                        archived: false,
                    },
                    from_space: access.is_some(),
                    shared_depth: None,
                }
            }
            Space::Group(group) => {
                let row = preau_store::groups::facts(self.db(), group, actor.id()).await?;
                let (role, archived, name) = match row {
                    Some(g) => (
                        g.role.as_deref().and_then(GroupRole::parse),
                        g.archived_at.is_some(),
                        g.name,
                    ),
                    None => (None, false, String::new()),
                };
                let access = DocumentAccess::of_space(false, role);
                Standing {
                    space,
                    space_name: name,
                    facts: DocumentFacts {
                        access,
                        author: false,
                        archived,
                    },
                    from_space: access.is_some(),
                    shared_depth: None,
                }
            }
        })
    }

    /// The asker's standing towards a document: what its space gives them, raised by the
    /// shares that reach them on the document or a folder above it. Someone who manages the
    /// space has all there is; shares are not read for them.
    async fn standing_of_document(
        &self,
        actor: &Actor,
        row: &DocumentRow,
    ) -> Result<Standing, AppError> {
        let space = Space::of(row).ok_or(AppError::NotFound)?;
        let mut standing = self.standing_of_space(actor, space).await?;
        if standing.facts.access == Some(DocumentAccess::Manage) {
            return Ok(standing);
        }
        let reaches =
            preau_store::shares::on_path_for(self.db(), row.id, actor.id().as_uuid()).await?;
        let mut best = standing.facts.access;
        for r in &reaches {
            let Some(access) = DocumentAccess::parse(&r.access) else {
                continue;
            };
            let given = DocumentAccess::of_share(access, r.group_archived);
            best = best.max(Some(given));
            let depth = usize::try_from(r.depth).unwrap_or(0);
            standing.shared_depth = standing.shared_depth.max(Some(depth));
        }
        standing.facts.access = best;
        Ok(standing)
    }

    /// The document, when the actor may read it and it and every folder above it are out
    /// of the trash.
    async fn living_document(
        &self,
        actor: &Actor,
        id: Uuid,
    ) -> Result<(DocumentRow, Standing), AppError> {
        let (row, standing, _) = self.living_document_and_path(actor, id).await?;
        Ok((row, standing))
    }

    /// `living_document`, with its path from the space's root (the document last).
    async fn living_document_and_path(
        &self,
        actor: &Actor,
        id: Uuid,
    ) -> Result<(DocumentRow, Standing, Vec<Crumb>), AppError> {
        let row = rows::get(self.db(), id).await?.ok_or(AppError::NotFound)?;
        let standing = self.standing_of_document(actor, &row).await?;
        // Nothing about a document (not even that it is in the trash) to who may not read it.
        self.authorize_document(actor, &standing, Action::ReadDocuments, Some(&row))?;
        let crumbs = rows::ancestors(self.db(), id).await?;
        if crumbs.iter().any(|c| c.trashed_at.is_some()) {
            return Err(AppError::NotFound);
        }
        Ok((row, standing, crumbs))
    }

    async fn living_folder(
        &self,
        actor: &Actor,
        id: Uuid,
    ) -> Result<(DocumentRow, Standing), AppError> {
        let (row, standing) = self.living_document(actor, id).await?;
        if row.is_folder() {
            Ok((row, standing))
        } else {
            Err(AppError::NotFound)
        }
    }

    fn crumb_name(&self, c: &Crumb, standing: &Standing) -> String {
        if c.name.is_empty() {
            standing.space_name.clone()
        } else {
            c.name.clone()
        }
    }
}

fn is_jpeg(name: &DocumentName) -> bool {
    let lower = name.key();
    lower.ends_with(".jpg") || lower.ends_with(".jpeg")
}

/// `body` with a JPEG's Exif, XMP, IPTC and comments taken out as it streams (its
/// orientation kept): see `preau_domain::jpeg`.
fn without_metadata<S, E>(body: S) -> impl Stream<Item = Result<Bytes, E>> + Send
where
    S: Stream<Item = Result<Bytes, E>> + Send,
    E: Send,
{
    use futures_util::StreamExt;
    let state = (
        Box::pin(body),
        preau_domain::jpeg::JpegScrubber::new(),
        false,
    );
    futures_util::stream::unfold(state, |(mut body, mut scrubber, ended)| async move {
        if ended {
            return None;
        }
        loop {
            match body.next().await {
                Some(Ok(chunk)) => {
                    let out = scrubber.push(&chunk);
                    if !out.is_empty() {
                        return Some((Ok(Bytes::from(out)), (body, scrubber, false)));
                    }
                }
                Some(Err(e)) => return Some((Err(e), (body, scrubber, true))),
                None => {
                    let rest = scrubber.finish();
                    return (!rest.is_empty())
                        .then(|| (Ok(Bytes::from(rest)), (body, scrubber, true)));
                }
            }
        }
    })
}

/// One round of blob deletions (bounded), then the rows that named them.
pub async fn sweep(db: &preau_store::Db, files: &FileStore) -> Result<u64, AppError> {
    let mut deleted = 0;
    loop {
        let keys = rows::blobs_to_delete(db, 500).await?;
        if keys.is_empty() {
            return Ok(deleted);
        }
        for key in keys {
            files.delete(&key).await.map_err(storage_error)?;
            rows::blob_deleted(db, &key).await?;
            deleted += 1;
        }
    }
}
