//! « Mes données » (issue 11, first part): what is kept, and the archive.

use crate::error::{PageError, form_failure};
use crate::extract::{Query, SignedIn, WebForm};
use crate::state::WebState;
use crate::views::{AccessLine, Base, CloseAccountPage, Errors, KeptLine, MyDataPage, NoticePage};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use preau_domain::password::PasswordAttempt;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct NoticeQuery {
    #[serde(default)]
    ok: Option<String>,
}

pub async fn show(
    State(state): State<WebState>,
    signed: SignedIn,
    Query(q): Query<NoticeQuery>,
) -> Result<MyDataPage, PageError> {
    let lang = signed.visitor.lang;
    let kept = state
        .app
        .data_kept(&signed.actor)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    let access = state
        .app
        .access_log(&signed.actor, lang)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    let notice = match q.ok.as_deref() {
        Some("suppression-annulee") => Some(lang.t("closing-cancelled")),
        Some("limitation-active") => Some(lang.t("restriction-enabled")),
        Some("limitation-levee") => Some(lang.t("restriction-disabled")),
        _ => None,
    };
    Ok(MyDataPage {
        base: Base::new(&state, &signed.visitor),
        notice,
        restricted: state.app.directory_settings(&signed.actor).restricted,
        lines: kept
            .into_iter()
            .map(|k| KeptLine {
                name: k.name,
                purpose: k.purpose,
                retention: k.retention,
                rows: k.rows,
            })
            .collect(),
        access: access
            .into_iter()
            .map(|a| AccessLine {
                date: a.at.date(),
                by: a.by,
                what: a.what,
            })
            .collect(),
    })
}

#[derive(Deserialize)]
pub struct RestrictionFields {
    #[serde(default)]
    restricted: String,
}

/// The « Limiter » switch: `restricted=oui` hides the person from everyone, `non` lifts it.
pub async fn restrict(
    State(state): State<WebState>,
    signed: SignedIn,
    WebForm(f): WebForm<RestrictionFields>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let restricted = match f.restricted.as_str() {
        "oui" => true,
        "non" => false,
        _ => {
            return Err(PageError::new(
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                "restriction-invalid",
                lang,
            ));
        }
    };
    state
        .app
        .set_restricted(&signed.actor, restricted)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    let ok = if restricted {
        "limitation-active"
    } else {
        "limitation-levee"
    };
    Ok(
        axum::response::Redirect::to(&format!("/compte/donnees?ok={ok}#limitation"))
            .into_response(),
    )
}

/// The archive, as a download.
pub async fn archive(
    State(state): State<WebState>,
    signed: SignedIn,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let archive = state
        .app
        .export_my_data(&signed.actor, lang)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    Ok(zip_response(archive))
}

/// A ZIP download that no cache keeps.
pub fn zip_response(archive: preau_app::export::ExportArchive) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                crate::pages::documents::disposition(false, &archive.filename),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        axum::body::Body::from_stream(archive.stream),
    )
        .into_response()
}

async fn close_page(
    state: &WebState,
    signed: &SignedIn,
    errors: Errors,
    choice: String,
    documents: String,
) -> Result<CloseAccountPage, PageError> {
    let lang = signed.visitor.lang;
    let groups = state
        .app
        .groups_alone_owned(&signed.actor)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    let group_files = state
        .app
        .group_files_of_mine(&signed.actor)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    Ok(CloseAccountPage {
        base: Base::new(state, &signed.visitor),
        errors,
        groups: groups.into_iter().map(|(_, name)| name).collect(),
        choice,
        group_files,
        documents,
    })
}

/// « Supprimer mon compte »: what happens, the groups question, the password.
pub async fn close_form(
    State(state): State<WebState>,
    signed: SignedIn,
) -> Result<CloseAccountPage, PageError> {
    close_page(
        &state,
        &signed,
        Errors::default(),
        "hand-over".to_owned(),
        "keep".to_owned(),
    )
    .await
}

#[derive(Deserialize)]
pub struct CloseFields {
    #[serde(default)]
    password: String,
    #[serde(default)]
    groups: String,
    #[serde(default)]
    documents: String,
}

pub async fn close(
    State(state): State<WebState>,
    signed: SignedIn,
    WebForm(form): WebForm<CloseFields>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    match state
        .app
        .close_my_account(
            &signed.actor,
            PasswordAttempt::new(form.password),
            &form.groups,
            // A form from before the question (or without group files) keeps them.
            if form.documents.is_empty() {
                "keep"
            } else {
                &form.documents
            },
            &signed.visitor.client,
        )
        .await
    {
        Ok(erased_on) => {
            // The session is gone: the layout must say so (the login link, not the
            // signed-in navigation with a logout button that no longer works).
            let page = NoticePage {
                base: Base {
                    signed_in: None,
                    unread: 0,
                    notice_pending: false,
                    ..Base::new(&state, &signed.visitor)
                },
                title: lang.t("closing-done-title"),
                text: lang.t_with("closing-done", &[("date", erased_on.date().into())]),
                back_href: "/connexion",
                back_label: lang.t("nav-login"),
            };
            let mut response = page.into_response();
            if let Some(cookie) = crate::cookies::clear_session(&state.web) {
                response.headers_mut().append(header::SET_COOKIE, cookie);
            }
            Ok(response)
        }
        Err(e) => {
            let (errors, reply) = form_failure(e, lang)?;
            let page = close_page(&state, &signed, errors, form.groups, form.documents).await?;
            Ok(reply.with(page))
        }
    }
}
