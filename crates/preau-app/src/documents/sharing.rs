//! Sharing a file or folder (issue 12): with a person the sharer may see (`can_see`), or with
//! a group the sharer belongs to — one row for the group, whoever its members are when they
//! ask. A folder's share reaches everything it holds. Whoever manages a document sees who
//! has access and changes it; nobody sees who opened or downloaded what, because nothing
//! records it.

use super::{Standing, field_error};
use crate::{Actor, App, AppError};
use preau_domain::Timestamp;
use preau_domain::policy::{Action, DocumentAccess};
use preau_store::documents as rows;
use preau_store::shares::{self, Sharee};
use uuid::Uuid;

/// How many entries « Partagés avec moi » shows at most.
pub const SHARED_LIMIT: i64 = 500;

/// Whom a share is to be given to, as the sharer names them.
#[derive(Debug, Clone)]
pub enum ShareTarget {
    Person(Uuid),
    /// A person named by their professional address.
    Email(String),
    Group(Uuid),
}

/// Whom a share opens a document to, as the asker may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareeView {
    /// A person; `name` is `None` when the asker may not see them (`can_see`): the share is
    /// shown, and may be removed, without saying who it is for.
    Person {
        id: Uuid,
        name: Option<String>,
    },
    Group {
        id: Uuid,
        name: String,
    },
}

/// A share on a document or on a folder above it.
#[derive(Debug, Clone)]
pub struct ShareView {
    pub id: Uuid,
    pub to: ShareeView,
    pub access: DocumentAccess,
    pub created_at: Timestamp,
    /// `None` when the share is on the document itself; otherwise the folder above it that
    /// holds it (its id and name): removed there, not here.
    pub inherited_from: Option<(Uuid, String)>,
}

/// Who has access to a document, for whoever manages it.
#[derive(Debug, Clone)]
pub struct AccessView {
    pub id: Uuid,
    pub name: String,
    pub folder: bool,
    /// The folder it is in, to go back to.
    pub parent: Uuid,
    pub space: super::Space,
    /// The group's name, for a group's space.
    pub space_name: String,
    pub shares: Vec<ShareView>,
    /// The groups the asker may share with (those they belong to, not archived, not the
    /// space's own group), by name.
    pub groups: Vec<(Uuid, String)>,
}

/// An entry of « Partagés avec moi ».
#[derive(Debug, Clone)]
pub struct SharedItem {
    pub id: Uuid,
    pub name: String,
    pub folder: bool,
    pub size: i64,
    pub updated_at: Timestamp,
    pub access: DocumentAccess,
    /// Who shared it (empty when they are gone).
    pub shared_by: String,
    pub shared_at: Timestamp,
    /// The group whose space holds it, when it is a group's.
    pub group: Option<String>,
}

impl App {
    /// Who has access to a document or folder: its space, and each share on it or on a
    /// folder above it. For who may share it (`ShareDocument`); others who may read it get
    /// `Forbidden`, everyone else `NotFound`.
    pub async fn document_access(&self, actor: &Actor, id: Uuid) -> Result<AccessView, AppError> {
        let (row, standing) = self.shared_document(actor, id).await?;
        let parent = row.parent_id.ok_or(AppError::NotFound)?;
        let rows = shares::on_path(self.db(), id).await?;
        // Who the actor may see among the people shared with, their side read once.
        let people: Vec<Uuid> = rows.iter().filter_map(|s| s.person_id).collect();
        let seen: Vec<Uuid> = self
            .visible_people(actor, &people)
            .await?
            .into_iter()
            .zip(&people)
            .filter_map(|(row, id)| row.map(|_| *id))
            .collect();
        let mut out = Vec::new();
        for s in rows {
            let Some(access) = DocumentAccess::parse(&s.access) else {
                continue;
            };
            let to = match (s.person_id, s.group_id) {
                (Some(person), _) => ShareeView::Person {
                    id: person,
                    name: seen
                        .contains(&person)
                        .then(|| format!("{} {}", s.given_name, s.family_name)),
                },
                (None, Some(group)) => ShareeView::Group {
                    id: group,
                    name: s.group_name.clone(),
                },
                (None, None) => continue,
            };
            out.push(ShareView {
                id: s.id,
                to,
                access,
                created_at: Timestamp::from_unix(s.created_at),
                inherited_from: (s.depth > 0).then(|| (s.document_id, s.document_name.clone())),
            });
        }
        let space_group = match standing.space {
            super::Space::Group(g) => Some(g),
            super::Space::Person(_) => None,
        };
        let groups = preau_store::groups::mine(self.db(), actor.id())
            .await?
            .into_iter()
            .filter(|g| g.archived_at.is_none() && Some(g.id) != space_group)
            .map(|g| (g.id, g.name))
            .collect();
        Ok(AccessView {
            id,
            name: row.name,
            folder: row.kind == "folder",
            parent,
            space: standing.space,
            space_name: standing.space_name,
            shares: out,
            groups,
        })
    }

    /// Shares a document or folder with a person or a group at `access`, or changes the
    /// right of the share they already have. A person must be one the sharer may see (any
    /// other answer would say who exists); a group, one the sharer belongs to. Returns the
    /// share's id.
    pub async fn share_document(
        &self,
        actor: &Actor,
        id: Uuid,
        to: ShareTarget,
        access: DocumentAccess,
    ) -> Result<Uuid, AppError> {
        let (row, standing) = self.shared_document(actor, id).await?;
        let sharee = match to {
            ShareTarget::Email(email) => {
                let Ok(email) = preau_domain::Email::parse(email.trim()) else {
                    return Err(field_error("email", "email-invalid"));
                };
                let person = preau_store::users::by_email(self.db(), email.as_str())
                    .await?
                    .map(|u| u.id);
                self.sharee_person(actor, &standing, person, "email")
                    .await?
            }
            ShareTarget::Person(person) => {
                self.sharee_person(actor, &standing, Some(person), "person")
                    .await?
            }
            ShareTarget::Group(group) => {
                let member = preau_store::groups::facts(self.db(), group, actor.id())
                    .await?
                    .filter(|g| g.role.is_some() && g.archived_at.is_none());
                if member.is_none() {
                    return Err(field_error("group", "document-share-group-unknown"));
                }
                if standing.space == super::Space::Group(group) {
                    return Err(field_error("group", "document-share-own-group"));
                }
                Sharee::Group(group)
            }
        };
        let mut tx = self.db().begin().await?;
        let share = shares::upsert(
            &mut tx,
            id,
            sharee,
            access.as_str(),
            actor.id().as_uuid(),
            self.now(),
        )
        .await?;
        // The person hears of it (a group's members find it in « Partagés avec moi »: one
        // share, no flood of notifications).
        if let Sharee::Person(person) = sharee {
            self.notify(
                &mut tx,
                preau_domain::UserId::from_uuid(person),
                preau_domain::notifications::NotificationKind::DocumentShared,
                (None, &row.name),
                Some(actor.id()),
                access.as_str(),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(share)
    }

    /// Removes a share from a document (a folder's share is removed at the folder).
    pub async fn unshare_document(
        &self,
        actor: &Actor,
        id: Uuid,
        share: Uuid,
    ) -> Result<(), AppError> {
        self.shared_document(actor, id).await?;
        let mut tx = self.db().begin().await?;
        if !shares::delete(&mut tx, id, share).await? {
            return Err(AppError::NotFound);
        }
        tx.commit().await?;
        Ok(())
    }

    /// « Partagés avec moi »: what others shared with the actor or with a group of theirs,
    /// newest first, one entry per document (the best right when several shares reach it).
    pub async fn shared_with_me(&self, actor: &Actor) -> Result<Vec<SharedItem>, AppError> {
        let rows = shares::shared_with(self.db(), actor.id().as_uuid(), SHARED_LIMIT).await?;
        let mut out: Vec<SharedItem> = Vec::with_capacity(rows.len());
        for r in rows {
            let Some(access) = DocumentAccess::parse(&r.access) else {
                continue;
            };
            if let Some(seen) = out.iter_mut().find(|i| i.id == r.id) {
                seen.access = seen.access.max(access);
                continue;
            }
            let shared_by = format!("{} {}", r.sharer_given_name, r.sharer_family_name)
                .trim()
                .to_owned();
            out.push(SharedItem {
                id: r.id,
                folder: r.kind == "folder",
                size: r.size,
                updated_at: Timestamp::from_unix(r.updated_at),
                access,
                shared_by,
                shared_at: Timestamp::from_unix(r.created_at),
                group: r.group_id.map(|_| r.space_group_name),
                name: r.name,
            });
        }
        Ok(out)
    }

    /// The living document, when the actor may share it; a space's root is not shared (its
    /// folders are).
    async fn shared_document(
        &self,
        actor: &Actor,
        id: Uuid,
    ) -> Result<(rows::DocumentRow, Standing), AppError> {
        let (row, standing) = self.living_document(actor, id).await?;
        self.authorize_document(actor, &standing, Action::ShareDocument, Some(&row))?;
        if row.parent_id.is_none() {
            return Err(AppError::Forbidden);
        }
        Ok((row, standing))
    }

    /// The person a share is for: someone the actor may see, not the actor, not the owner
    /// of the space. Everything else is one answer, on `field`.
    async fn sharee_person(
        &self,
        actor: &Actor,
        standing: &Standing,
        person: Option<Uuid>,
        field: &'static str,
    ) -> Result<Sharee, AppError> {
        let Some(person) = person else {
            return Err(field_error(field, "document-share-person-unknown"));
        };
        if person == actor.id().as_uuid() || standing.space == super::Space::Person(person) {
            return Err(field_error(field, "document-share-needless"));
        }
        if self.visible_person(actor, person).await?.is_none() {
            return Err(field_error(field, "document-share-person-unknown"));
        }
        Ok(Sharee::Person(person))
    }
}

/// Results of a search shown at most.
pub const SEARCH_LIMIT: usize = 50;

/// A document found by name.
#[derive(Debug, Clone)]
pub struct Found {
    pub id: Uuid,
    pub name: String,
    pub folder: bool,
    pub size: i64,
    pub updated_at: Timestamp,
    /// The folder it is in, when the asker may see it (not for what is shared with them
    /// on its own).
    pub parent: Option<(Uuid, String)>,
    /// « Mes documents » (empty), a group's name, or `None` for what is shared with them.
    pub space: Option<String>,
}

impl App {
    /// Documents and folders whose name contains `query` (case, accents and punctuation
    /// ignored) among those the actor may read: their space, their groups' spaces, what is
    /// shared with them. Each result is checked as opening it would be.
    pub async fn search_documents(
        &self,
        actor: &Actor,
        query: &str,
    ) -> Result<Vec<Found>, AppError> {
        let needle = preau_domain::text::fold(query);
        if needle.is_empty() {
            return Ok(Vec::new());
        }
        let limit = i64::try_from(SEARCH_LIMIT * 2).unwrap_or(100);
        let candidates = rows::search(self.db(), actor.id().as_uuid(), &needle, limit).await?;
        let mut out = Vec::new();
        for row in candidates {
            if out.len() >= SEARCH_LIMIT {
                break;
            }
            let (row, standing, crumbs) = match self.living_document_and_path(actor, row.id).await {
                Ok(found) => found,
                Err(AppError::NotFound | AppError::Forbidden) => continue,
                Err(e) => return Err(e),
            };
            // The folder above is the asker's to see unless the document itself is what
            // was shared with them.
            let parent_visible = standing.from_space || standing.shared_depth.unwrap_or(0) > 0;
            let parent = if parent_visible && crumbs.len() >= 2 {
                let c = &crumbs[crumbs.len() - 2];
                Some((c.id, self.crumb_name(c, &standing)))
            } else {
                None
            };
            out.push(Found {
                id: row.id,
                folder: row.is_folder(),
                size: row.size,
                updated_at: Timestamp::from_unix(row.updated_at),
                parent,
                space: standing.from_space.then(|| standing.space_name.clone()),
                name: row.name,
            });
        }
        Ok(out)
    }
}
