//! Documents (issue 12): the same use cases as the pages. A space, a folder or a file the
//! caller has no standing towards is a 404, whoever the caller is.

use crate::api::error::{ApiError, ErrorBody};
use crate::api::extract::{ApiActor, ApiJson, ApiPath};
use crate::state::WebState;
use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use preau_app::documents::{FolderView, ShareTarget, ShareeView, Space};
use preau_domain::policy::DocumentAccess;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
pub struct DocumentEntry {
    pub id: Uuid,
    pub name: String,
    /// `folder` or `file`.
    pub kind: String,
    /// Bytes (0 for a folder).
    pub size: i64,
    /// The type it is served with (empty for a folder).
    pub content_type: String,
    /// RFC 3339, UTC.
    pub updated_at: String,
    /// Whether the caller may rename it or put it in the trash.
    pub may_change: bool,
    /// Whether the caller may see and change who has access to it.
    pub may_share: bool,
}

#[derive(Serialize, ToSchema)]
pub struct Folder {
    pub id: Uuid,
    /// The folder's name; for a space's root, « Mes documents » or the group's name.
    pub name: String,
    /// `person` (« Mes documents ») or `group`.
    pub space: String,
    /// The group, for a group's space.
    pub group: Option<Uuid>,
    /// From the space's root to the parent.
    pub parents: Vec<Uuid>,
    /// One page of the folder's entries (`page_size` at most).
    pub entries: Vec<DocumentEntry>,
    /// The page given (from 1), the entries per page, and how many the folder holds.
    pub page: i64,
    pub page_size: i64,
    pub total: i64,
    /// Whether the caller may upload and create folders here.
    pub may_add: bool,
    /// Whether the caller may see and change who has access to it.
    pub may_share: bool,
    /// The caller reaches it through a share (`parents` then start at the highest folder
    /// shared with them), not as the space's owner or a member of its group.
    pub shared: bool,
    /// Bytes the space holds (every version and the trash included), and its quota (0:
    /// none); `null` through a share.
    pub usage: Option<i64>,
    pub quota: Option<u64>,
}

fn folder(v: FolderView, lang: preau_app::i18n::Lang) -> Folder {
    let (space, group, name) = match v.space {
        Space::Person(_) => (
            "person",
            None,
            if v.is_root {
                lang.t("documents-mine")
            } else {
                v.name
            },
        ),
        Space::Group(g) => ("group", Some(g), v.name),
    };
    Folder {
        id: v.id,
        name,
        space: space.to_owned(),
        group,
        parents: v.parents.into_iter().map(|(id, _)| id).collect(),
        entries: v
            .items
            .into_iter()
            .map(|i| DocumentEntry {
                id: i.id,
                kind: if i.folder { "folder" } else { "file" }.to_owned(),
                size: i.size,
                content_type: i.content_type,
                updated_at: i.updated_at.to_rfc3339(),
                may_change: i.may_change,
                may_share: i.may_share,
                name: i.name,
            })
            .collect(),
        page: v.page,
        page_size: preau_app::documents::PAGE_SIZE,
        total: v.total,
        may_add: v.may_add,
        may_share: v.may_share,
        shared: v.via_share,
        usage: v.usage.map(|u| u.used),
        quota: v.usage.map(|u| u.quota),
    }
}

async fn folder_of(
    state: &WebState,
    who: &ApiActor,
    id: Uuid,
    page: i64,
) -> Result<Json<Folder>, ApiError> {
    let view = state
        .app
        .folder(&who.actor, id, page)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(Json(folder(view, who.lang)))
}

/// The root of the caller's « Mes documents ».
#[utoipa::path(get, path = "/api/v1/me/documents", tag = "documents", security(("bearer" = [])),
    responses((status = 200, description = "The root folder", body = Folder),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody)))]
pub async fn my_documents(
    State(state): State<WebState>,
    who: ApiActor,
) -> Result<Json<Folder>, ApiError> {
    let root = state
        .app
        .my_documents(&who.actor)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    folder_of(&state, &who, root, 1).await
}

/// The root of a group's space: members only.
#[utoipa::path(get, path = "/api/v1/groups/{id}/documents", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The group")),
    responses((status = 200, description = "The root folder", body = Folder),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 404, description = "`not-found`: no such group, or the caller is not a member", body = ErrorBody)))]
pub async fn group_documents(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<Folder>, ApiError> {
    let root = state
        .app
        .group_documents(&who.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    folder_of(&state, &who, root, 1).await
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// The page of entries (from 1; 1 by default).
    #[param(minimum = 1, maximum = 1000000)]
    pub page: Option<u32>,
}

/// A folder and a page of what it holds (folders first, then by name).
#[utoipa::path(get, path = "/api/v1/documents/{id}", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The folder"), PageParams),
    responses((status = 200, description = "The folder", body = Folder),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 400, description = "`invalid-query`: `page` is not a number from 1 to 1,000,000", body = ErrorBody),
        (status = 404, description = "`not-found`: no such folder the caller may read", body = ErrorBody)))]
pub async fn show_folder(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath(id): ApiPath<Uuid>,
    crate::api::extract::ApiQuery(p): crate::api::extract::ApiQuery<PageParams>,
) -> Result<Json<Folder>, ApiError> {
    let page = p.page.unwrap_or(1);
    if !(1..=1_000_000).contains(&page) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid-query",
            who.lang,
        ));
    }
    folder_of(&state, &who, id, i64::from(page)).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentNameBody {
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^(?!\.{1,2}$)[^/\\\s\u0000-\u001f\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]([^/\\\u0000-\u001f\u007f-\u009f\u2028\u2029]*[^/\\\s\u0000-\u001f\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?$"
    )]
    pub name: String,
}

#[derive(Serialize, ToSchema)]
pub struct DocumentCreated {
    pub id: Uuid,
}

/// A new folder in a folder.
#[utoipa::path(post, path = "/api/v1/documents/{id}/folders", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The parent folder")),
    request_body = DocumentNameBody,
    responses((status = 201, description = "DocumentCreated", body = DocumentCreated),
        (status = 400, description = "`invalid-json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 403, description = "`forbidden`: the caller may only read here (or the group is archived)", body = ErrorBody),
        (status = 404, description = "`not-found`", body = ErrorBody),
        (status = 413, description = "`body-too-large`", body = ErrorBody),
        (status = 415, description = "`expected-json`", body = ErrorBody),
        (status = 422, description = "`invalid-input`: `document-name-taken` (and the name rules, with `fields`)", body = ErrorBody)))]
pub async fn create_folder(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<DocumentNameBody>,
) -> Result<(StatusCode, Json<DocumentCreated>), ApiError> {
    let created = state
        .app
        .create_folder(&who.actor, id, &body.name)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok((StatusCode::CREATED, Json(DocumentCreated { id: created })))
}

/// A file's bytes.
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)] // describes the body in the OpenAPI document; never built
pub struct FileBytes(Vec<u8>);

/// Uploads a file into a folder, streamed: the body is the file's bytes. A file of the same
/// name there becomes a new version of it (when the caller may change it; otherwise the new
/// file is numbered). Over `storage.max_file_bytes` or the space's quota nothing is kept.
#[utoipa::path(put, path = "/api/v1/documents/{id}/files/{name}", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The folder"),
        ("name" = String, Path, description = "The file's name", min_length = 1, max_length = 200,
            pattern = r"^(?!\.{1,2}$)[^/\\\s\u0000-\u001f\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]([^/\\\u0000-\u001f\u007f-\u009f\u2028\u2029]*[^/\\\s\u0000-\u001f\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?$")),
    request_body(content = FileBytes, content_type = "application/octet-stream"),
    responses((status = 201, description = "Stored", body = DocumentCreated),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 403, description = "`forbidden`: the caller may only read here (or the group is archived)", body = ErrorBody),
        (status = 404, description = "`not-found`", body = ErrorBody),
        (status = 413, description = "`body-too-large`: over the largest request", body = ErrorBody),
        (status = 422, description = "`invalid-input`: `document-too-large`, `document-quota-full`, `document-upload-interrupted`, or the name rules", body = ErrorBody)))]
pub async fn upload_file(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath((id, name)): ApiPath<(Uuid, String)>,
    body: Body,
) -> Result<(StatusCode, Json<DocumentCreated>), ApiError> {
    let created = state
        .app
        .upload_document(&who.actor, id, &name, body.into_data_stream())
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok((StatusCode::CREATED, Json(DocumentCreated { id: created })))
}

/// A file's content, streamed; `Range: bytes=a-b` answers 206 with that part. Types shown
/// in place (PDF, images, plain text whose bytes agree) are `inline`; anything else an
/// `attachment`; always `nosniff` and a sandboxing CSP.
#[utoipa::path(get, path = "/api/v1/documents/{id}/content", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The file")),
    responses((status = 200, description = "The file, with the type it is served as (`application/pdf`, `text/plain; charset=utf-8`, `application/octet-stream`…)", content_type = "*/*", body = FileBytes),
        (status = 206, description = "The range asked", content_type = "*/*", body = FileBytes),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 404, description = "`not-found`: no such file the caller may read", body = ErrorBody),
        (status = 416, description = "`range-not-satisfiable`: the range is outside the file (`Content-Range: bytes */size`)", body = ErrorBody)))]
pub async fn file_content(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath(id): ApiPath<Uuid>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    crate::pages::documents::serve(&state, &who.actor, id, &headers)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))
}

/// Renames a document or folder.
#[utoipa::path(put, path = "/api/v1/documents/{id}/name", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The document or folder")),
    request_body = DocumentNameBody,
    responses((status = 204, description = "Renamed"),
        (status = 400, description = "`invalid-json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not the caller's to change, or a space's root", body = ErrorBody),
        (status = 404, description = "`not-found`", body = ErrorBody),
        (status = 413, description = "`body-too-large`", body = ErrorBody),
        (status = 415, description = "`expected-json`", body = ErrorBody),
        (status = 422, description = "`invalid-input`: `document-name-taken` (and the name rules)", body = ErrorBody)))]
pub async fn rename_document(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<DocumentNameBody>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .rename_document(&who.actor, id, &body.name)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(StatusCode::NO_CONTENT)
}

/// Puts a document or folder (with what it holds) in the trash for 30 days.
#[utoipa::path(delete, path = "/api/v1/documents/{id}", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The document or folder")),
    responses((status = 204, description = "In the trash"),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not the caller's to change, or a space's root", body = ErrorBody),
        (status = 404, description = "`not-found`", body = ErrorBody)))]
pub async fn trash_document(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .trash_document(&who.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(StatusCode::NO_CONTENT)
}

/// Takes a document out of the trash (numbered if its name was taken meanwhile).
#[utoipa::path(post, path = "/api/v1/documents/{id}/restore", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The document or folder in the trash")),
    responses((status = 204, description = "Restored"),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 403, description = "`forbidden`", body = ErrorBody),
        (status = 404, description = "`not-found`: nothing of the caller's in the trash under this id", body = ErrorBody),
        (status = 422, description = "`invalid-input`: `document-folder-in-trash`", body = ErrorBody)))]
pub async fn restore_document(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .restore_document(&who.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(StatusCode::NO_CONTENT)
}

/// A right on a document: `read` (list, download), `contribute` (also upload and create
/// folders, change what one uploaded), `manage` (also rename, trash, share).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum AccessRight {
    Read,
    Contribute,
    Manage,
}

impl From<AccessRight> for DocumentAccess {
    fn from(a: AccessRight) -> Self {
        match a {
            AccessRight::Read => Self::Read,
            AccessRight::Contribute => Self::Contribute,
            AccessRight::Manage => Self::Manage,
        }
    }
}

impl From<DocumentAccess> for AccessRight {
    fn from(a: DocumentAccess) -> Self {
        match a {
            DocumentAccess::Read => Self::Read,
            DocumentAccess::Contribute => Self::Contribute,
            DocumentAccess::Manage => Self::Manage,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ShareEntry {
    pub id: Uuid,
    /// The person it is shared with, when the caller may see them (`null` otherwise, and
    /// for a group).
    pub person: Option<Uuid>,
    pub person_name: Option<String>,
    /// A share with a person the caller may not see: shown, removable, not named.
    pub hidden_person: bool,
    /// The group it is shared with.
    pub group: Option<Uuid>,
    pub group_name: Option<String>,
    pub access: AccessRight,
    /// The folder above that holds this share (`null`: on the document itself); it is
    /// removed there.
    pub inherited_from: Option<Uuid>,
    /// RFC 3339, UTC.
    pub created_at: String,
}

#[derive(Serialize, ToSchema)]
pub struct DocumentShares {
    pub id: Uuid,
    pub name: String,
    /// `person` (the owner's « Mes documents ») or `group` (its members have access too).
    pub space: String,
    pub group: Option<Uuid>,
    pub shares: Vec<ShareEntry>,
}

/// Who has access to a document or folder: its shares, and those of the folders above it.
/// For who may share it (the space's owner, a group's managers, a `manage` share).
#[utoipa::path(get, path = "/api/v1/documents/{id}/shares", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The document or folder")),
    responses((status = 200, description = "Its shares", body = DocumentShares),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 403, description = "`forbidden`: the caller may read it but not share it, or it is a space's root", body = ErrorBody),
        (status = 404, description = "`not-found`: no such document the caller may read", body = ErrorBody)))]
pub async fn list_shares(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<DocumentShares>, ApiError> {
    let v = state
        .app
        .document_access(&who.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    let (space, group) = match v.space {
        Space::Person(_) => ("person", None),
        Space::Group(g) => ("group", Some(g)),
    };
    Ok(Json(DocumentShares {
        id: v.id,
        name: v.name,
        space: space.to_owned(),
        group,
        shares: v
            .shares
            .into_iter()
            .map(|s| {
                let (person, person_name, hidden_person, group, group_name) = match s.to {
                    ShareeView::Person { id, name: Some(n) } => {
                        (Some(id), Some(n), false, None, None)
                    }
                    ShareeView::Person { name: None, .. } => (None, None, true, None, None),
                    ShareeView::Group { id, name } => (None, None, false, Some(id), Some(name)),
                };
                ShareEntry {
                    id: s.id,
                    person,
                    person_name,
                    hidden_person,
                    group,
                    group_name,
                    access: s.access.into(),
                    inherited_from: s.inherited_from.map(|(f, _)| f),
                    created_at: s.created_at.to_rfc3339(),
                }
            })
            .collect(),
    }))
}

/// Whom to share with — exactly one of `person`, `email` or `group` — and the right given.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShareBody {
    /// A person the caller may see in the directory.
    pub person: Option<Uuid>,
    /// Or a person by their professional address.
    #[schema(max_length = 320)]
    pub email: Option<String>,
    /// Or a group the caller is a member of.
    pub group: Option<Uuid>,
    pub access: AccessRight,
}

/// Shares a document or folder with a person or a group (a folder's share reaches what it
/// holds), or changes the right of the share they already have. One row for a group,
/// whoever its members are.
#[utoipa::path(post, path = "/api/v1/documents/{id}/shares", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The document or folder")),
    request_body = ShareBody,
    responses((status = 201, description = "Shared (or its right changed)", body = DocumentCreated),
        (status = 400, description = "`invalid-json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 403, description = "`forbidden`: the caller may not share it, or it is a space's root", body = ErrorBody),
        (status = 404, description = "`not-found`: no such document the caller may read", body = ErrorBody),
        (status = 413, description = "`body-too-large`", body = ErrorBody),
        (status = 415, description = "`expected-json`", body = ErrorBody),
        (status = 422, description = "`invalid-input`: not exactly one of `person`, `email`, `group` (`document-share-target`), `email-invalid`, `document-share-person-unknown` (nobody the caller may see), `document-share-needless`, `document-share-group-unknown`, `document-share-own-group`", body = ErrorBody)))]
pub async fn share_document(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<ShareBody>,
) -> Result<(StatusCode, Json<DocumentCreated>), ApiError> {
    let target = match (body.person, body.email, body.group) {
        (Some(p), None, None) => Some(ShareTarget::Person(p)),
        (None, Some(e), None) => Some(ShareTarget::Email(e)),
        (None, None, Some(g)) => Some(ShareTarget::Group(g)),
        _ => None,
    };
    let shared = match target {
        Some(target) => {
            state
                .app
                .share_document(&who.actor, id, target, body.access.into())
                .await
        }
        // The document first: who may not share it learns nothing from a malformed body.
        None => state
            .app
            .document_access(&who.actor, id)
            .await
            .and_then(|_| {
                let mut e = preau_app::FieldErrors::default();
                e.add("person", "document-share-target");
                Err(preau_app::AppError::Invalid(e))
            }),
    }
    .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok((StatusCode::CREATED, Json(DocumentCreated { id: shared })))
}

/// Removes a share given on this document or folder.
#[utoipa::path(delete, path = "/api/v1/documents/{id}/shares/{share}", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The document or folder"),
        ("share" = Uuid, Path, description = "The share, on this document")),
    responses((status = 204, description = "Removed"),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 403, description = "`forbidden`: the caller may not share it", body = ErrorBody),
        (status = 404, description = "`not-found`: no such document, or no such share on it", body = ErrorBody)))]
pub async fn unshare_document(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath((id, share)): ApiPath<(Uuid, Uuid)>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .unshare_document(&who.actor, id, share)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct SharedEntry {
    pub id: Uuid,
    pub name: String,
    /// `folder` or `file`.
    pub kind: String,
    pub size: i64,
    /// The best right the caller's shares give.
    pub access: AccessRight,
    /// Who shared it (empty when they have left).
    pub shared_by: String,
    /// RFC 3339, UTC.
    pub shared_at: String,
    /// The group whose space holds it, if a group's.
    pub group_name: Option<String>,
}

/// « Partagés avec moi »: what others shared with the caller or with a group of theirs,
/// newest first (500 at most).
#[utoipa::path(get, path = "/api/v1/me/shared", tag = "documents", security(("bearer" = [])),
    responses((status = 200, description = "What is shared with the caller", body = [SharedEntry]),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody)))]
pub async fn shared_with_me(
    State(state): State<WebState>,
    who: ApiActor,
) -> Result<Json<Vec<SharedEntry>>, ApiError> {
    let items = state
        .app
        .shared_with_me(&who.actor)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(Json(
        items
            .into_iter()
            .map(|i| SharedEntry {
                id: i.id,
                kind: if i.folder { "folder" } else { "file" }.to_owned(),
                size: i.size,
                access: i.access.into(),
                shared_by: i.shared_by,
                shared_at: i.shared_at.to_rfc3339(),
                group_name: i.group,
                name: i.name,
            })
            .collect(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct VersionEntry {
    pub id: Uuid,
    pub size: i64,
    pub sha256: String,
    pub content_type: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// The file's content now.
    pub current: bool,
}

/// A file's versions, newest first (200 at most): each upload under its name kept the one
/// before.
#[utoipa::path(get, path = "/api/v1/documents/{id}/versions", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The file")),
    responses((status = 200, description = "Its versions", body = [VersionEntry]),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 404, description = "`not-found`: no such file the caller may read", body = ErrorBody)))]
pub async fn list_versions(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<Vec<VersionEntry>>, ApiError> {
    let view = state
        .app
        .versions_of(&who.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(Json(
        view.versions
            .into_iter()
            .map(|v| VersionEntry {
                id: v.id,
                size: v.size,
                sha256: v.sha256,
                content_type: v.content_type,
                created_at: v.created_at.to_rfc3339(),
                current: v.current,
            })
            .collect(),
    ))
}

/// One version's content, streamed, with ranges, served as the file is.
#[utoipa::path(get, path = "/api/v1/documents/{id}/versions/{version}/content", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The file"), ("version" = Uuid, Path, description = "Its version")),
    responses((status = 200, description = "The version's bytes", content_type = "*/*", body = FileBytes),
        (status = 206, description = "The range asked", content_type = "*/*", body = FileBytes),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 404, description = "`not-found`: no such file the caller may read, or no such version of it", body = ErrorBody),
        (status = 416, description = "`range-not-satisfiable`", body = ErrorBody)))]
pub async fn version_content(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath((id, version)): ApiPath<(Uuid, Uuid)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    crate::pages::documents::serve_version(&state, &who.actor, id, Some(version), &headers)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))
}

/// Makes an earlier version the file's content again, as a new version.
#[utoipa::path(post, path = "/api/v1/documents/{id}/versions/{version}/restore", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The file"), ("version" = Uuid, Path, description = "The version to restore")),
    responses((status = 204, description = "Restored"),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not the caller's to change", body = ErrorBody),
        (status = 404, description = "`not-found`", body = ErrorBody),
        (status = 422, description = "`invalid-input`: `document-quota-full`", body = ErrorBody)))]
pub async fn restore_version(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath((id, version)): ApiPath<(Uuid, Uuid)>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .restore_version(&who.actor, id, version)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DestinationBody {
    /// The folder it goes to (in the caller's space or a group's they may add to).
    pub to: Uuid,
}

/// Moves a document or folder (with what it holds, its versions, trash and shares) into a
/// folder of the same space or of another the caller may add to.
#[utoipa::path(post, path = "/api/v1/documents/{id}/move", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The document or folder")),
    request_body = DestinationBody,
    responses((status = 204, description = "Moved"),
        (status = 400, description = "`invalid-json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not the caller's to move, a space's root, nothing may be added to that folder, or out of a space the caller reaches only through a share", body = ErrorBody),
        (status = 404, description = "`not-found`: no such document or folder the caller may read", body = ErrorBody),
        (status = 413, description = "`body-too-large`", body = ErrorBody),
        (status = 415, description = "`expected-json`", body = ErrorBody),
        (status = 422, description = "`invalid-input`: `document-name-taken-there`, `document-move-not-a-folder`, `document-move-into-itself`, `document-quota-full`", body = ErrorBody)))]
pub async fn move_document(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<DestinationBody>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .move_document(&who.actor, id, body.to)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(StatusCode::NO_CONTENT)
}

/// Copies a document or folder (with what it holds: their current versions) into a folder;
/// a name taken there gets a number. The bytes are not copied: the copy points at the same
/// blobs. At most 10,000 entries at once.
#[utoipa::path(post, path = "/api/v1/documents/{id}/copy", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The document or folder")),
    request_body = DestinationBody,
    responses((status = 201, description = "The copy", body = DocumentCreated),
        (status = 400, description = "`invalid-json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 403, description = "`forbidden`: a space's root, or nothing may be added to that folder", body = ErrorBody),
        (status = 404, description = "`not-found`: no such document or folder the caller may read", body = ErrorBody),
        (status = 413, description = "`body-too-large`", body = ErrorBody),
        (status = 415, description = "`expected-json`", body = ErrorBody),
        (status = 422, description = "`invalid-input`: `document-move-not-a-folder`, `document-move-into-itself`, `document-copy-too-large`, `document-quota-full`", body = ErrorBody)))]
pub async fn copy_document(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<DestinationBody>,
) -> Result<(StatusCode, Json<DocumentCreated>), ApiError> {
    let copy = state
        .app
        .copy_document(&who.actor, id, body.to)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok((StatusCode::CREATED, Json(DocumentCreated { id: copy })))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Part of a name; case, accents and punctuation do not matter.
    #[param(min_length = 1, max_length = 100)]
    pub q: String,
}

#[derive(Serialize, ToSchema)]
pub struct FoundEntry {
    pub id: Uuid,
    pub name: String,
    /// `folder` or `file`.
    pub kind: String,
    pub size: i64,
    /// RFC 3339, UTC.
    pub updated_at: String,
    /// The folder it is in, when the caller may see it (`null` for what is shared with
    /// them on its own).
    pub parent: Option<Uuid>,
    /// Reached through a share rather than the caller's or a group's space.
    pub shared: bool,
}

/// Files and folders whose name contains `q`, among those the caller may read (their
/// space, their groups', what is shared with them), by name; 50 at most.
#[utoipa::path(get, path = "/api/v1/documents/search", tag = "documents", security(("bearer" = [])),
    params(SearchParams),
    responses((status = 200, description = "What was found", body = [FoundEntry]),
        (status = 400, description = "`invalid-query`: `q` missing, empty or over 100 characters", body = ErrorBody),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody)))]
pub async fn search_documents(
    State(state): State<WebState>,
    who: ApiActor,
    crate::api::extract::ApiQuery(p): crate::api::extract::ApiQuery<SearchParams>,
) -> Result<Json<Vec<FoundEntry>>, ApiError> {
    let chars = p.q.chars().count();
    if !(1..=100).contains(&chars) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid-query",
            who.lang,
        ));
    }
    let found = state
        .app
        .search_documents(&who.actor, &p.q)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(Json(
        found
            .into_iter()
            .map(|f| FoundEntry {
                id: f.id,
                kind: if f.folder { "folder" } else { "file" }.to_owned(),
                size: f.size,
                updated_at: f.updated_at.to_rfc3339(),
                parent: f.parent.map(|(p, _)| p),
                shared: f.space.is_none(),
                name: f.name,
            })
            .collect(),
    ))
}

/// A folder and everything in it (current versions; the trash left out) as a ZIP streamed
/// from the file store (ZIP64 past 4 GiB). 50,000 files at most.
#[utoipa::path(get, path = "/api/v1/documents/{id}/archive", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The folder")),
    responses((status = 200, description = "The archive", content_type = "application/zip", body = crate::api::handlers::ZipArchive),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 404, description = "`not-found`: no such folder the caller may read", body = ErrorBody),
        (status = 422, description = "`invalid-input`: `document-archive-too-large`", body = ErrorBody)))]
pub async fn folder_archive(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, ApiError> {
    let archive = state
        .app
        .folder_archive(&who.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(crate::pages::my_data::zip_response(archive))
}
