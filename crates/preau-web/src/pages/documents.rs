//! « Mes documents » and groups' spaces (issue 12): a folder's page, uploads (several files
//! at once, streamed), downloads (streamed, with ranges), new folders, rename, trash and
//! restore. Every action is a form (POST → 303 → GET); the use cases decide who may do what.

use crate::error::{PageError, form_failure, parse_id};
use crate::extract::{Path, Query, SignedIn, WebForm};
use crate::i18n::Lang;
use crate::state::WebState;
use crate::views::{
    AccessPage, Base, DocumentLine, Errors, FolderPage, FoundLine, MovePage, SearchPage, ShareLine,
    SharedLine, SharedPage, TrashPage, VersionLine, VersionsPage,
};
use axum::body::Body;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use preau_app::documents::Space;
use preau_app::documents::{Delivery, FileDownload, FolderView, Item, ShareTarget, ShareeView};
use preau_domain::documents::ByteRange;
use preau_domain::policy::DocumentAccess;
use serde::Deserialize;
use uuid::Uuid;

#[derive(Deserialize, Default)]
pub struct NoticeQuery {
    #[serde(default)]
    ok: Option<String>,
    #[serde(default)]
    n: Option<u32>,
    #[serde(default)]
    page: Option<i64>,
}

const NOTICES: [&str; 7] = [
    "documents-folder-created",
    "documents-renamed",
    "documents-trashed",
    "documents-restored",
    "documents-uploaded",
    "documents-moved",
    "documents-copied",
];

fn notice(q: &NoticeQuery, lang: Lang) -> Option<String> {
    let key = q.ok.as_deref().filter(|k| NOTICES.contains(k))?;
    Some(lang.t_with(
        key,
        &[(
            "count",
            preau_app::i18n::FluentValue::from(q.n.unwrap_or(1)),
        )],
    ))
}

/// « 12,4 Ko »: decimal units, a comma in French.
pub fn human_size(lang: Lang, bytes: i64) -> String {
    let units = ["o", "Ko", "Mo", "Go", "To"];
    let units_en = ["B", "kB", "MB", "GB", "TB"];
    let mut value = bytes.max(0) as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < units.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    let text = if unit == 0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    };
    match lang {
        Lang::Fr => format!("{} {}", text.replace('.', ","), units[unit]),
        Lang::En => format!("{text} {}", units_en[unit]),
    }
}

fn line(lang: Lang, i: Item) -> DocumentLine {
    DocumentLine {
        id: i.id.to_string(),
        size: if i.folder {
            String::new()
        } else {
            human_size(lang, i.size)
        },
        date: i.updated_at.date(),
        folder: i.folder,
        may_change: i.may_change,
        may_share: i.may_share,
        name: i.name,
    }
}

fn space_name(lang: Lang, view: &FolderView) -> String {
    match view.space {
        Space::Person(_) => lang.t("documents-mine"),
        Space::Group(_) => view.space_name.clone(),
    }
}

async fn folder_page(
    state: &WebState,
    signed: &SignedIn,
    id: Uuid,
    notice: Option<String>,
    errors: Errors,
    new_folder: String,
    page: i64,
) -> Result<FolderPage, PageError> {
    let lang = signed.visitor.lang;
    let view = state
        .app
        .folder(&signed.actor, id, page)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    let space = space_name(lang, &view);
    let usage = view.usage.map(|u| {
        if u.quota == 0 {
            lang.t_with(
                "documents-usage",
                &[("used", human_size(lang, u.used).into())],
            )
        } else {
            lang.t_with(
                "documents-usage-quota",
                &[
                    ("used", human_size(lang, u.used).into()),
                    (
                        "quota",
                        human_size(lang, i64::try_from(u.quota).unwrap_or(i64::MAX)).into(),
                    ),
                ],
            )
        }
    });
    // Through a share the breadcrumb starts at « Partagés avec moi »; otherwise at the
    // space's root, shown under the space's name.
    let mut parents: Vec<(String, String)> = view
        .parents
        .into_iter()
        .enumerate()
        .map(|(i, (pid, pname))| {
            let name = if i == 0 && !view.via_share {
                space.clone()
            } else {
                pname
            };
            (pid.to_string(), name)
        })
        .collect();
    if view.via_share {
        parents.insert(
            0,
            ("partages".to_owned(), lang.t("documents-shared-with-me")),
        );
    }
    Ok(FolderPage {
        base: Base::new(state, &signed.visitor),
        notice,
        errors,
        id: id.to_string(),
        name: if view.is_root { space } else { view.name },
        parents,
        items: view.items.into_iter().map(|i| line(lang, i)).collect(),
        page: view.page,
        pages: pages_of(view.total),
        pager: lang.t_with(
            "documents-page-of",
            &[
                ("page", view.page.into()),
                ("pages", pages_of(view.total).into()),
                ("total", view.total.into()),
            ],
        ),
        may_add: view.may_add,
        may_share: view.may_share,
        usage,
        group: match view.space {
            Space::Group(g) => Some(g.to_string()),
            Space::Person(_) => None,
        },
        new_folder,
    })
}

/// How many pages a folder of `total` entries takes (at least one).
fn pages_of(total: i64) -> i64 {
    ((total + preau_app::documents::PAGE_SIZE - 1) / preau_app::documents::PAGE_SIZE).max(1)
}

/// « Mes documents »: the root of the person's space.
pub async fn mine(State(state): State<WebState>, signed: SignedIn) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let root = state
        .app
        .my_documents(&signed.actor)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    Ok(Redirect::to(&format!("/documents/{root}")).into_response())
}

/// A group's space: members only.
pub async fn of_group(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(group): Path<String>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let group = parse_id(&group, lang)?;
    let root = state
        .app
        .group_documents(&signed.actor, group)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    Ok(Redirect::to(&format!("/documents/{root}")).into_response())
}

pub async fn show(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> Result<FolderPage, PageError> {
    let lang = signed.visitor.lang;
    let id = parse_id(&id, lang)?;
    folder_page(
        &state,
        &signed,
        id,
        notice(&q, lang),
        Errors::default(),
        String::new(),
        q.page.unwrap_or(1),
    )
    .await
}

#[derive(Deserialize)]
pub struct NameFields {
    #[serde(default)]
    name: String,
}

pub async fn create_folder(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
    WebForm(f): WebForm<NameFields>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let parent = parse_id(&id, lang)?;
    match state
        .app
        .create_folder(&signed.actor, parent, &f.name)
        .await
    {
        Ok(_) => Ok(
            Redirect::to(&format!("/documents/{parent}?ok=documents-folder-created"))
                .into_response(),
        ),
        Err(e) => {
            let (errors, reply) = form_failure(e, lang)?;
            Ok(reply.with(folder_page(&state, &signed, parent, None, errors, f.name, 1).await?))
        }
    }
}

/// Several files at once, each streamed to the file store as it arrives. A refused file
/// stops the upload there; the files before it are kept and counted in the answer.
pub async fn upload(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let parent = parse_id(&id, lang)?;
    let fail = |code: &'static str| {
        let mut e = preau_app::FieldErrors::default();
        e.add("file", code);
        preau_app::AppError::Invalid(e)
    };
    let mut done = 0u32;
    let outcome: Result<(), preau_app::AppError> = async {
        let mut multipart = multipart.map_err(|_| fail("document-upload-interrupted"))?;
        loop {
            let field = match multipart.next_field().await {
                Ok(Some(f)) => f,
                Ok(None) => break,
                Err(_) => return Err(fail("document-upload-interrupted")),
            };
            if field.name() != Some("files") {
                continue;
            }
            // Browsers send the bare name; some old ones a whole path: keep its last part.
            let name = field
                .file_name()
                .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).trim().to_owned())
                .unwrap_or_default();
            if name.is_empty() {
                // The form sent with no file chosen.
                continue;
            }
            state
                .app
                .upload_document(&signed.actor, parent, &name, field)
                .await?;
            done += 1;
        }
        if done == 0 {
            return Err(fail("document-no-file"));
        }
        Ok(())
    }
    .await;
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!(
            "/documents/{parent}?ok=documents-uploaded&n={done}"
        ))
        .into_response()),
        Err(e) => {
            let (errors, reply) = form_failure(e, lang)?;
            let kept = (done > 0).then(|| {
                lang.t_with(
                    "documents-uploaded",
                    &[("count", preau_app::i18n::FluentValue::from(done))],
                )
            });
            Ok(reply
                .with(folder_page(&state, &signed, parent, kept, errors, String::new(), 1).await?))
        }
    }
}

/// The response for a file: streamed, `attachment` unless it is a type shown in place, with
/// `nosniff` and a sandboxing CSP either way, ranges honoured.
pub fn file_response(file: FileDownload, partial: bool) -> Response {
    let d = file.download;
    let disposition = disposition(file.inline, &file.name);
    let mut response = Response::new(Body::from_stream(d.stream));
    *response.status_mut() = if partial {
        StatusCode::PARTIAL_CONTENT
    } else {
        StatusCode::OK
    };
    let h = response.headers_mut();
    let mut set = |name: header::HeaderName, value: String| {
        if let Ok(v) = HeaderValue::from_str(&value) {
            h.insert(name, v);
        }
    };
    set(header::CONTENT_TYPE, file.content_type);
    set(header::CONTENT_DISPOSITION, disposition);
    set(
        header::CONTENT_LENGTH,
        (d.range.end - d.range.start).to_string(),
    );
    set(header::ACCEPT_RANGES, "bytes".to_owned());
    set(header::ETAG, format!("\"{}\"", file.sha256));
    set(header::CACHE_CONTROL, "private, no-cache".to_owned());
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned());
    set(
        header::CONTENT_SECURITY_POLICY,
        "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'".to_owned(),
    );
    if partial {
        set(
            header::CONTENT_RANGE,
            format!("bytes {}-{}/{}", d.range.start, d.range.end - 1, d.size),
        );
    }
    response
}

/// `Content-Disposition` for a name of any script: an ASCII fallback for old clients, and
/// the name itself (RFC 6266 `filename*`).
pub fn disposition(inline: bool, name: &str) -> String {
    format!(
        "{}; filename=\"{}\"; filename*=UTF-8''{}",
        if inline { "inline" } else { "attachment" },
        name.replace(['"', '\\'], "_")
            .chars()
            .map(|c| if c.is_ascii() && !c.is_ascii_control() {
                c
            } else {
                '_'
            })
            .collect::<String>(),
        percent_encode(name)
    )
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

pub async fn download(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let id = parse_id(&id, lang)?;
    serve(&state, &signed.actor, id, &headers)
        .await
        .map_err(|e| PageError::from_app(e, lang))
}

/// A file for the page and the API alike: the whole file, or the range asked (416 when the
/// range is outside the file).
pub async fn serve(
    state: &WebState,
    actor: &preau_app::Actor,
    id: Uuid,
    headers: &HeaderMap,
) -> Result<Response, preau_app::AppError> {
    serve_version(state, actor, id, None, headers).await
}

/// `serve`, for one version of the file (`None`: its content now).
pub async fn serve_version(
    state: &WebState,
    actor: &preau_app::Actor,
    id: Uuid,
    version: Option<Uuid>,
    headers: &HeaderMap,
) -> Result<Response, preau_app::AppError> {
    let asked = headers
        .get(header::RANGE)
        .and_then(|h| h.to_str().ok())
        .and_then(ByteRange::parse);
    let delivery = match version {
        None => state.app.download_document(actor, id, asked).await?,
        Some(v) => state.app.download_version(actor, id, v, asked).await?,
    };
    Ok(match delivery {
        Delivery::Whole(file) => file_response(file, false),
        Delivery::Part(file) => file_response(file, true),
        Delivery::Unsatisfiable { size } => (
            StatusCode::RANGE_NOT_SATISFIABLE,
            [(header::CONTENT_RANGE, format!("bytes */{size}"))],
        )
            .into_response(),
    })
}

pub async fn rename(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
    WebForm(f): WebForm<NameFields>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let id = parse_id(&id, lang)?;
    match state
        .app
        .rename_document(&signed.actor, id, f.name.trim())
        .await
    {
        Ok(parent) => {
            Ok(Redirect::to(&format!("/documents/{parent}?ok=documents-renamed")).into_response())
        }
        Err(e) => {
            // The refused name is the rename field's, not the new folder's field (`#name` on
            // the page): the summary says it without pointing at, or marking, that field.
            let (errors, reply) = form_failure(e, lang)?;
            let errors = errors.without_fields();
            let parent = parent_of(&state, &signed, id).await?;
            Ok(reply
                .with(folder_page(&state, &signed, parent, None, errors, String::new(), 1).await?))
        }
    }
}

pub async fn trash(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let id = parse_id(&id, lang)?;
    let parent = state
        .app
        .trash_document(&signed.actor, id)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    Ok(Redirect::to(&format!("/documents/{parent}?ok=documents-trashed")).into_response())
}

pub async fn trash_page(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> Result<TrashPage, PageError> {
    let lang = signed.visitor.lang;
    let id = parse_id(&id, lang)?;
    let (view, items) = state
        .app
        .trash_of(&signed.actor, id)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    Ok(TrashPage {
        base: Base::new(&state, &signed.visitor),
        notice: notice(&q, lang),
        errors: Errors::default(),
        id: id.to_string(),
        space_name: space_name(lang, &view),
        items: items.into_iter().map(|i| line(lang, i)).collect(),
    })
}

pub async fn restore(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let id = parse_id(&id, lang)?;
    let parent = state
        .app
        .restore_document(&signed.actor, id)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    Ok(Redirect::to(&format!("/documents/{parent}?ok=documents-restored")).into_response())
}

/// The folder a document is in, for the page to come back to (`NotFound` for the root or
/// for a document the asker may not read).
async fn parent_of(state: &WebState, signed: &SignedIn, id: Uuid) -> Result<Uuid, PageError> {
    let lang = signed.visitor.lang;
    state
        .app
        .parent_of_document(&signed.actor, id)
        .await
        .map_err(|e| PageError::from_app(e, lang))
}

/// « Lecture », « Contribution », « Gestion ».
pub fn access_label(lang: Lang, access: DocumentAccess) -> String {
    lang.t(match access {
        DocumentAccess::Read => "documents-access-read",
        DocumentAccess::Contribute => "documents-access-contribute",
        DocumentAccess::Manage => "documents-access-manage",
    })
}

#[derive(Deserialize, Default)]
pub struct ShareFields {
    #[serde(default)]
    email: String,
    #[serde(default)]
    group: String,
    #[serde(default)]
    access: String,
}

const SHARE_NOTICES: [&str; 2] = ["documents-shared", "documents-unshared"];

async fn access_page(
    state: &WebState,
    signed: &SignedIn,
    id: Uuid,
    notice: Option<String>,
    errors: Errors,
    typed: ShareFields,
) -> Result<AccessPage, PageError> {
    let lang = signed.visitor.lang;
    let view = state
        .app
        .document_access(&signed.actor, id)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    let space_line = match view.space {
        Space::Person(_) => lang.t("documents-access-space-person"),
        Space::Group(_) => lang.t_with(
            "documents-access-space-group",
            &[("group", view.space_name.clone().into())],
        ),
    };
    Ok(AccessPage {
        base: Base::new(state, &signed.visitor),
        notice,
        errors,
        id: id.to_string(),
        title: lang.t_with("documents-access-title", &[("name", view.name.into())]),
        parent: view.parent.to_string(),
        space_line,
        shares: view
            .shares
            .into_iter()
            .map(|s| ShareLine {
                id: s.id.to_string(),
                who: match s.to {
                    ShareeView::Person { name: Some(n), .. } => n,
                    ShareeView::Person { name: None, .. } => {
                        lang.t("documents-access-hidden-person")
                    }
                    ShareeView::Group { name, .. } => {
                        lang.t_with("documents-access-group", &[("group", name.into())])
                    }
                },
                access: access_label(lang, s.access),
                from: s
                    .inherited_from
                    .map(|(fid, fname)| (fid.to_string(), fname)),
            })
            .collect(),
        groups: view
            .groups
            .into_iter()
            .map(|(gid, gname)| (gid.to_string(), gname))
            .collect(),
        email: typed.email,
        access: typed.access,
        group: typed.group,
    })
}

/// Who has access to a document or folder, and the forms to share it.
pub async fn access(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> Result<AccessPage, PageError> {
    let lang = signed.visitor.lang;
    let id = parse_id(&id, lang)?;
    let notice =
        q.ok.as_deref()
            .filter(|k| SHARE_NOTICES.contains(k))
            .map(|k| lang.t(k));
    access_page(
        &state,
        &signed,
        id,
        notice,
        Errors::default(),
        ShareFields::default(),
    )
    .await
}

/// Shares with the person named by address, or with the group chosen.
pub async fn share(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
    WebForm(f): WebForm<ShareFields>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let id = parse_id(&id, lang)?;
    let invalid = |field: &'static str, code: &'static str| {
        let mut e = preau_app::FieldErrors::default();
        e.add(field, code);
        preau_app::AppError::Invalid(e)
    };
    let target = if f.group.is_empty() {
        Ok(ShareTarget::Email(f.email.clone()))
    } else {
        Uuid::parse_str(&f.group)
            .map(ShareTarget::Group)
            .map_err(|_| invalid("group", "document-share-group-unknown"))
    };
    let outcome = match (DocumentAccess::parse(&f.access), target) {
        (None, _) => Err(invalid("access", "document-share-access-invalid")),
        (_, Err(e)) => Err(e),
        (Some(access), Ok(target)) => {
            state
                .app
                .share_document(&signed.actor, id, target, access)
                .await
        }
    };
    match outcome {
        Ok(_) => Ok(
            Redirect::to(&format!("/documents/{id}/partage?ok=documents-shared")).into_response(),
        ),
        Err(e) => {
            let (errors, reply) = form_failure(e, lang)?;
            Ok(reply.with(access_page(&state, &signed, id, None, errors, f).await?))
        }
    }
}

/// Removes a share given on this document.
pub async fn unshare(
    State(state): State<WebState>,
    signed: SignedIn,
    Path((id, share)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let id = parse_id(&id, lang)?;
    let share = parse_id(&share, lang)?;
    state
        .app
        .unshare_document(&signed.actor, id, share)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    Ok(Redirect::to(&format!("/documents/{id}/partage?ok=documents-unshared")).into_response())
}

/// « Partagés avec moi ».
pub async fn shared_with_me(
    State(state): State<WebState>,
    signed: SignedIn,
) -> Result<SharedPage, PageError> {
    let lang = signed.visitor.lang;
    let items = state
        .app
        .shared_with_me(&signed.actor)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    Ok(SharedPage {
        base: Base::new(&state, &signed.visitor),
        items: items
            .into_iter()
            .map(|i| SharedLine {
                id: i.id.to_string(),
                size: if i.folder {
                    String::new()
                } else {
                    human_size(lang, i.size)
                },
                access: access_label(lang, i.access),
                shared_by: i.shared_by,
                space: match i.group {
                    Some(g) => lang.t_with("documents-space-group", &[("group", g.into())]),
                    None => lang.t("documents-space-person"),
                },
                date: i.shared_at.date(),
                folder: i.folder,
                name: i.name,
            })
            .collect(),
    })
}

/// A file's versions, newest first, each downloadable; an earlier one can be restored.
pub async fn versions(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> Result<VersionsPage, PageError> {
    let lang = signed.visitor.lang;
    let id = parse_id(&id, lang)?;
    let view = state
        .app
        .versions_of(&signed.actor, id)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    Ok(VersionsPage {
        base: Base::new(&state, &signed.visitor),
        notice: q
            .ok
            .as_deref()
            .filter(|k| *k == "documents-version-restored")
            .map(|k| lang.t(k)),
        id: id.to_string(),
        title: lang.t_with("documents-versions-title", &[("name", view.name.into())]),
        parent: view.parent.to_string(),
        may_change: view.may_change,
        versions: view
            .versions
            .into_iter()
            .map(|v| VersionLine {
                id: v.id.to_string(),
                date: v.created_at.minute(),
                size: human_size(lang, v.size),
                sha256: v.sha256.chars().take(16).collect(),
                current: v.current,
            })
            .collect(),
    })
}

pub async fn download_version(
    State(state): State<WebState>,
    signed: SignedIn,
    Path((id, version)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let (id, version) = (parse_id(&id, lang)?, parse_id(&version, lang)?);
    serve_version(&state, &signed.actor, id, Some(version), &headers)
        .await
        .map_err(|e| PageError::from_app(e, lang))
}

pub async fn restore_version(
    State(state): State<WebState>,
    signed: SignedIn,
    Path((id, version)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let (id, version) = (parse_id(&id, lang)?, parse_id(&version, lang)?);
    state
        .app
        .restore_version(&signed.actor, id, version)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    Ok(Redirect::to(&format!(
        "/documents/{id}/versions?ok=documents-version-restored"
    ))
    .into_response())
}

#[derive(Deserialize, Default)]
pub struct PickerQuery {
    #[serde(default)]
    dans: Option<String>,
}

async fn move_page(
    state: &WebState,
    signed: &SignedIn,
    id: Uuid,
    here: Option<Uuid>,
    errors: Errors,
) -> Result<MovePage, PageError> {
    let lang = signed.visitor.lang;
    let fail = |e| PageError::from_app(e, lang);
    let doc = state
        .app
        .document_summary(&signed.actor, id)
        .await
        .map_err(fail)?;
    let spaces = state.app.destinations(&signed.actor).await.map_err(fail)?;
    let here = here.unwrap_or(doc.parent);
    let view = state
        .app
        .folder(&signed.actor, here, 1)
        .await
        .map_err(fail)?;
    let space = space_name(lang, &view);
    let here_name = if view.is_root {
        space.clone()
    } else {
        view.name.clone()
    };
    Ok(MovePage {
        base: Base::new(state, &signed.visitor),
        errors,
        id: id.to_string(),
        title: lang.t_with("documents-move-title", &[("name", doc.name.into())]),
        parent: doc.parent.to_string(),
        spaces: spaces
            .into_iter()
            .map(|(name, root)| {
                (
                    root.to_string(),
                    name.unwrap_or_else(|| lang.t("documents-mine")),
                )
            })
            .collect(),
        here: here.to_string(),
        here_title: lang.t_with(
            "documents-move-here-title",
            &[("name", here_name.clone().into())],
        ),
        here_name,
        here_parents: view
            .parents
            .into_iter()
            .enumerate()
            .map(|(i, (pid, pname))| {
                let name = if i == 0 && !view.via_share {
                    space.clone()
                } else {
                    pname
                };
                (pid.to_string(), name)
            })
            .collect(),
        // The document itself is not a place to put it.
        subfolders: view
            .items
            .into_iter()
            .filter(|i| i.folder && i.id != id)
            .map(|i| (i.id.to_string(), i.name))
            .collect(),
        may_add: view.may_add,
        may_move: doc.may_change,
    })
}

/// Where to move or copy a document: the spaces, and the folder looked at (`?dans=`).
pub async fn move_form(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<PickerQuery>,
) -> Result<MovePage, PageError> {
    let lang = signed.visitor.lang;
    let id = parse_id(&id, lang)?;
    let here = match q.dans.as_deref() {
        Some(d) => Some(parse_id(d, lang)?),
        None => None,
    };
    move_page(&state, &signed, id, here, Errors::default()).await
}

#[derive(Deserialize, Default)]
pub struct MoveFields {
    #[serde(default)]
    to: String,
    #[serde(default)]
    mode: String,
}

pub async fn move_or_copy(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
    WebForm(f): WebForm<MoveFields>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let id = parse_id(&id, lang)?;
    let to = parse_id(&f.to, lang)?;
    let outcome = if f.mode == "copy" {
        state
            .app
            .copy_document(&signed.actor, id, to)
            .await
            .map(|_| "documents-copied")
    } else {
        state
            .app
            .move_document(&signed.actor, id, to)
            .await
            .map(|_| "documents-moved")
    };
    match outcome {
        Ok(notice) => Ok(Redirect::to(&format!("/documents/{to}?ok={notice}")).into_response()),
        Err(e) => {
            let (errors, reply) = form_failure(e, lang)?;
            // The refusal is about the choice as a whole: said in the summary.
            let errors = errors.without_fields();
            Ok(reply.with(move_page(&state, &signed, id, Some(to), errors).await?))
        }
    }
}

#[derive(Deserialize, Default)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
}

/// Search by name across the spaces one may read.
pub async fn search(
    State(state): State<WebState>,
    signed: SignedIn,
    Query(q): Query<SearchQuery>,
) -> Result<SearchPage, PageError> {
    let lang = signed.visitor.lang;
    let query: String = q.q.trim().chars().take(100).collect();
    let found = if query.is_empty() {
        Vec::new()
    } else {
        state
            .app
            .search_documents(&signed.actor, &query)
            .await
            .map_err(|e| PageError::from_app(e, lang))?
    };
    Ok(SearchPage {
        base: Base::new(&state, &signed.visitor),
        title: if query.is_empty() {
            lang.t("documents-search-title")
        } else {
            lang.t_with(
                "documents-search-results",
                &[("query", query.clone().into())],
            )
        },
        count: lang.t_with("documents-search-count", &[("count", found.len().into())]),
        items: found
            .into_iter()
            .map(|f| FoundLine {
                id: f.id.to_string(),
                folder: f.folder,
                parent: f.parent.map(|(pid, pname)| {
                    let name = if pname.is_empty() {
                        lang.t("documents-mine")
                    } else {
                        pname
                    };
                    (pid.to_string(), name)
                }),
                size: if f.folder {
                    String::new()
                } else {
                    human_size(lang, f.size)
                },
                date: f.updated_at.date(),
                name: f.name,
            })
            .collect(),
        query,
    })
}

/// A folder and what it holds, as a ZIP streamed from the file store.
pub async fn download_folder(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let id = parse_id(&id, lang)?;
    let archive = state
        .app
        .folder_archive(&signed.actor, id)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    Ok(crate::pages::my_data::zip_response(archive))
}
