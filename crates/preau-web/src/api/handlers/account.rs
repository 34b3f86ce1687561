//! The person a token belongs to.

use crate::api::error::{ApiError, ErrorBody};
use crate::api::extract::ApiActor;
use crate::state::WebState;
use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
pub struct Me {
    pub id: Uuid,
    pub given_name: String,
    pub family_name: String,
    pub email: String,
    /// `fr` or `en`, when the person chose one.
    pub locale: Option<String>,
    /// Explicit grants: `admin`, `announcer`, `moderator`, `security_officer`.
    pub permissions: Vec<String>,
    /// Whether the person restricted the use of their data (hidden from everyone).
    pub restricted: bool,
}

/// The person the token belongs to.
#[utoipa::path(get, path = "/api/v1/me", tag = "account", security(("bearer" = [])),
    responses((status = 200, description = "The token's owner", body = Me), (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody)))]
pub async fn me(State(state): State<WebState>, who: ApiActor) -> Result<Json<Me>, ApiError> {
    let _ = state;
    let u = who.actor.account;
    let restricted = u.status == preau_domain::policy::AccountStatus::Restricted;
    let permissions = u.permissions;
    Ok(Json(Me {
        id: u.id.as_uuid(),
        given_name: u.given_name,
        family_name: u.family_name,
        email: u.email,
        locale: u.locale,
        permissions: permissions.iter().map(|p| p.as_str().to_owned()).collect(),
        restricted,
    }))
}

/// A ZIP archive's bytes.
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)] // describes the body in the OpenAPI document; never built
pub struct ZipArchive(Vec<u8>);

/// Everything Préau keeps about the caller, as the « Mes données » page's archive: a ZIP
/// with `donnees.json` (see `docs/export-schema.json`), one CSV per table and a README.
#[utoipa::path(get, path = "/api/v1/me/export", tag = "account", security(("bearer" = [])),
    responses((status = 200, description = "The archive", content_type = "application/zip", body = ZipArchive),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody)))]
pub async fn export_me(
    State(state): State<WebState>,
    who: ApiActor,
) -> Result<axum::response::Response, ApiError> {
    let archive = state
        .app
        .export_my_data(&who.actor, who.lang)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(crate::pages::my_data::zip_response(archive))
}

/// One act of an administrator or of the system on the caller's data.
#[derive(Serialize, ToSchema)]
pub struct AccessLogEntry {
    /// RFC 3339, UTC.
    pub at: String,
    /// The role that acted, never a name: `admin` or `system`.
    pub by: String,
    /// Stable code: `roster-updated`, `roster-returned`, `roster-departure`,
    /// `invitation-imported`, `invitation-letter`, `invitation-email`, `visibility-asked`.
    pub action: String,
    /// The act in the caller's language.
    pub text: String,
}

/// What administrators and Préau itself did with the caller's data, newest first (the
/// latest 200; the export holds them all). Nobody else can read it.
#[utoipa::path(get, path = "/api/v1/me/access-log", tag = "account", security(("bearer" = [])),
    responses((status = 200, description = "The entries", body = Vec<AccessLogEntry>),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody)))]
pub async fn access_log(
    State(state): State<WebState>,
    who: ApiActor,
) -> Result<Json<Vec<AccessLogEntry>>, ApiError> {
    let entries = state
        .app
        .access_log(&who.actor, who.lang)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(Json(
        entries
            .into_iter()
            .map(|e| AccessLogEntry {
                at: e.at.to_rfc3339(),
                by: e.role,
                action: e.action,
                text: e.what,
            })
            .collect(),
    ))
}

#[derive(serde::Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Restriction {
    /// `true`: nobody sees the caller (directory, member lists, pickers, answers about
    /// them), the account and its data kept; `false`: their visibility choices apply again.
    pub restricted: bool,
}

/// « Limiter l'utilisation de mes données »: turns the restriction on or off.
#[utoipa::path(put, path = "/api/v1/me/restriction", tag = "account", security(("bearer" = [])),
    request_body = Restriction,
    responses((status = 200, description = "The restriction as it now is", body = Restriction),
        (status = 400, description = "`invalid-json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 403, description = "`forbidden`: the account is leaving or closing", body = ErrorBody),
        (status = 413, description = "`body-too-large`", body = ErrorBody),
        (status = 415, description = "`expected-json`", body = ErrorBody),
        (status = 422, description = "`invalid-input`", body = ErrorBody)))]
pub async fn restrict_me(
    State(state): State<WebState>,
    who: ApiActor,
    crate::api::extract::ApiJson(body): crate::api::extract::ApiJson<Restriction>,
) -> Result<Json<Restriction>, ApiError> {
    state
        .app
        .set_restricted(&who.actor, body.restricted)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(Json(body))
}

#[derive(serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseAccount {
    /// The caller's password, again.
    #[schema(min_length = 1)]
    pub password: String,
    /// What becomes of the groups the caller alone owns.
    pub groups: ClosingGroups,
    /// What becomes of the files the caller put in groups' spaces (`keep` by default).
    #[serde(default)]
    pub documents: Option<ClosingDocuments>,
}

/// `keep`: they stay for the group, linked to no one; `delete`: deleted with the account,
/// contents included.
#[derive(serde::Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "kebab-case")]
pub enum ClosingDocuments {
    Keep,
    Delete,
}

/// `hand-over`: to the longest-standing manager, else member (deleted when nobody else is
/// in the group); `delete`: deleted, their members told.
#[derive(serde::Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "kebab-case")]
pub enum ClosingGroups {
    HandOver,
    Delete,
}

#[derive(Serialize, ToSchema)]
pub struct AccountClosing {
    /// The day the account and every row about the caller are erased (UTC), unless they log
    /// in before.
    pub erased_on: String,
}

/// « Supprimer mon compte »: closes the account at once (this token stops working) and
/// erases it 30 days later unless the person logs in again.
#[utoipa::path(post, path = "/api/v1/me/close", tag = "account", security(("bearer" = [])),
    request_body = CloseAccount,
    responses((status = 200, description = "Closed; erased on the day given", body = AccountClosing),
        (status = 400, description = "`invalid-json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 413, description = "`body-too-large`", body = ErrorBody),
        (status = 415, description = "`expected-json`", body = ErrorBody),
        (status = 403, description = "`current-password-wrong`", body = ErrorBody),
        (status = 422, description = "`invalid-input`", body = ErrorBody),
        (status = 429, description = "`too-many-attempts`", body = ErrorBody)))]
pub async fn close_me(
    State(state): State<WebState>,
    who: ApiActor,
    crate::api::extract::ApiJson(body): crate::api::extract::ApiJson<CloseAccount>,
) -> Result<Json<AccountClosing>, ApiError> {
    let groups = match body.groups {
        ClosingGroups::HandOver => "hand-over",
        ClosingGroups::Delete => "delete",
    };
    let documents = match body.documents {
        Some(ClosingDocuments::Delete) => "delete",
        Some(ClosingDocuments::Keep) | None => "keep",
    };
    let erased_on = state
        .app
        .close_my_account(
            &who.actor,
            preau_domain::password::PasswordAttempt::new(body.password),
            groups,
            documents,
            &who.client,
        )
        .await
        .map_err(|e| match e {
            // A wrong password is a refusal, not a correction the document could describe.
            preau_app::AppError::Invalid(f)
                if f.0
                    .iter()
                    .any(|(_, code)| *code == "current-password-wrong") =>
            {
                ApiError::new(
                    axum::http::StatusCode::FORBIDDEN,
                    "current-password-wrong",
                    who.lang,
                )
            }
            other => ApiError::from_app(other, who.lang),
        })?;
    Ok(Json(AccountClosing {
        erased_on: erased_on.date(),
    }))
}
