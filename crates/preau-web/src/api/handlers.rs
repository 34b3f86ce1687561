//! `/api/v1` endpoints.

use super::error::{ApiError, ErrorBody};
use crate::extract::negotiate;
use crate::i18n::Lang;
use crate::state::WebState;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Path, Request, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use preau_app::Actor;
use preau_domain::Timestamp;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A request authenticated by `Authorization: Bearer preau_…`.
pub struct ApiActor {
    pub actor: Actor,
    pub lang: Lang,
}

impl FromRequestParts<WebState> for ApiActor {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &WebState,
    ) -> Result<Self, Self::Rejection> {
        let lang = negotiate(&parts.headers, None);
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        let Some(bearer) = bearer else {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                lang,
            ));
        };
        match state.app.resolve_api_token(bearer).await {
            Ok(Some(actor)) => Ok(Self { actor, lang }),
            Ok(None) => Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "invalid-token",
                lang,
            )),
            Err(e) => Err(ApiError::from_app(e, lang)),
        }
    }
}

/// JSON bodies; malformed ones answer 400 `invalid-json`, well-formed but wrongly shaped ones
/// 422 `invalid-input`.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<WebState> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &WebState) -> Result<Self, Self::Rejection> {
        let lang = negotiate(req.headers(), None);
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(Self(v)),
            Err(JsonRejection::JsonDataError(_)) => Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid-input",
                lang,
            )),
            Err(JsonRejection::MissingJsonContentType(_)) => Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "expected-json",
                lang,
            )),
            Err(_) => Err(ApiError::new(StatusCode::BAD_REQUEST, "invalid-json", lang)),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok` when the database answers.
    pub status: String,
    pub version: String,
}

/// Whether this instance can serve: used by load balancers; never shed under load.
#[utoipa::path(get, path = "/api/v1/health", tag = "system",
    responses((status = 200, body = Health), (status = 503, body = Health)))]
pub async fn health(State(state): State<WebState>) -> Response {
    let (status, text) = match state.app.health().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!("health check failed: {e}");
            (StatusCode::SERVICE_UNAVAILABLE, "unavailable")
        }
    };
    (
        status,
        Json(Health {
            status: text.into(),
            version: env!("CARGO_PKG_VERSION").into(),
        }),
    )
        .into_response()
}

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
}

/// The person the token belongs to.
#[utoipa::path(get, path = "/api/v1/me", tag = "account", security(("bearer" = [])),
    responses((status = 200, body = Me), (status = 401, body = ErrorBody)))]
pub async fn me(State(state): State<WebState>, who: ApiActor) -> Result<Json<Me>, ApiError> {
    let _ = state;
    let u = who.actor.account;
    let permissions = u.permissions;
    Ok(Json(Me {
        id: u.id.as_uuid(),
        given_name: u.given_name,
        family_name: u.family_name,
        email: u.email,
        locale: u.locale,
        permissions: permissions.iter().map(|p| p.as_str().to_owned()).collect(),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct ApiToken {
    pub id: Uuid,
    pub name: String,
    /// RFC 3339, UTC.
    pub created_at: String,
}

#[derive(Serialize, ToSchema)]
pub struct CreatedApiToken {
    pub id: Uuid,
    pub name: String,
    /// Shown once: only its hash is kept.
    pub token: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewApiToken {
    /// What the token is for, 1–60 characters.
    pub name: String,
}

/// The person's own personal access tokens (never their values).
#[utoipa::path(get, path = "/api/v1/tokens", tag = "account", security(("bearer" = [])),
    responses((status = 200, body = Vec<ApiToken>), (status = 401, body = ErrorBody)))]
pub async fn list_tokens(
    State(state): State<WebState>,
    who: ApiActor,
) -> Result<Json<Vec<ApiToken>>, ApiError> {
    let rows = state
        .app
        .list_api_tokens(&who.actor)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(Json(
        rows.into_iter()
            .map(|t| ApiToken {
                id: t.id,
                name: t.name,
                created_at: Timestamp::from_unix(t.created_at).to_rfc3339(),
            })
            .collect(),
    ))
}

/// Creates a personal access token; its value is in this answer only.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "account", security(("bearer" = [])), request_body = NewApiToken,
    responses((status = 201, body = CreatedApiToken), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_token(
    State(state): State<WebState>,
    who: ApiActor,
    ApiJson(body): ApiJson<NewApiToken>,
) -> Result<(StatusCode, Json<CreatedApiToken>), ApiError> {
    let (id, token) = state
        .app
        .create_api_token(&who.actor, &body.name)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedApiToken {
            id,
            name: body.name.trim().to_owned(),
            token: token.expose().to_owned(),
        }),
    ))
}

/// Revokes one of the person's tokens at once.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "account", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The token's id")),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn revoke_token(
    State(state): State<WebState>,
    who: ApiActor,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = Uuid::parse_str(&id)
        .map_err(|_| ApiError::new(StatusCode::NOT_FOUND, "not-found", who.lang))?;
    state
        .app
        .revoke_api_token(&who.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct Person {
    pub id: Uuid,
    pub given_name: String,
    pub family_name: String,
    /// Present only if the person chose to show it.
    pub structure: Option<String>,
    /// Present only if the person chose to show them: `school_director`, `cpc`, `erun`, `ien`,
    /// `secretary`, `other`.
    pub functions: Vec<String>,
}

fn person(c: preau_app::directory::PersonCard) -> Person {
    Person {
        id: c.id,
        given_name: c.given_name,
        family_name: c.family_name,
        structure: c.structure,
        functions: c.functions.iter().map(|f| f.as_str().to_owned()).collect(),
    }
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct DirectoryQuery {
    /// At least 3 characters of a name; accents and case are ignored.
    pub q: String,
}

/// Colleagues the caller may see whose name contains `q`: at most 20, no filter by role or
/// function, 60 searches a minute.
#[utoipa::path(get, path = "/api/v1/directory", tag = "directory", security(("bearer" = [])), params(DirectoryQuery),
    responses((status = 200, body = Vec<Person>), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody),
        (status = 429, body = ErrorBody)))]
pub async fn directory(
    State(state): State<WebState>,
    who: ApiActor,
    axum::extract::Query(q): axum::extract::Query<DirectoryQuery>,
) -> Result<Json<Vec<Person>>, ApiError> {
    let cards = state
        .app
        .search_directory(&who.actor, &q.q)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(Json(cards.into_iter().map(person).collect()))
}

/// One colleague's card, if the caller may see them (404 otherwise, whatever the reason).
#[utoipa::path(get, path = "/api/v1/people/{id}", tag = "directory", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The person's id")),
    responses((status = 200, body = Person), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn person_card(
    State(state): State<WebState>,
    who: ApiActor,
    Path(id): Path<String>,
) -> Result<Json<Person>, ApiError> {
    let id = Uuid::parse_str(&id)
        .map_err(|_| ApiError::new(StatusCode::NOT_FOUND, "not-found", who.lang))?;
    let card = state
        .app
        .person(&who.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(Json(person(card)))
}

#[derive(Serialize, ToSchema)]
pub struct Structure {
    pub id: Uuid,
    /// `school` or `unit`.
    pub kind: String,
    pub uai: Option<String>,
    pub name: String,
    pub commune: String,
}

/// Schools and units of the circonscription (public facts, no people).
#[utoipa::path(get, path = "/api/v1/structures", tag = "structures", security(("bearer" = [])),
    responses((status = 200, body = Vec<Structure>), (status = 401, body = ErrorBody)))]
pub async fn structures(
    State(state): State<WebState>,
    who: ApiActor,
) -> Result<Json<Vec<Structure>>, ApiError> {
    let rows = state
        .app
        .structures()
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(Json(
        rows.into_iter()
            .map(|s| Structure {
                id: s.id,
                kind: s.kind,
                uai: s.uai,
                name: s.name,
                commune: s.commune,
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUnit {
    /// 1–120 characters.
    pub name: String,
    #[serde(default)]
    pub commune: String,
}

#[derive(Serialize, ToSchema)]
pub struct Created {
    pub id: Uuid,
}

/// Adds a unit (administrators). Schools are created by the roster import.
#[utoipa::path(post, path = "/api/v1/structures", tag = "structures", security(("bearer" = [])), request_body = NewUnit,
    responses((status = 201, body = Created), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create_unit(
    State(state): State<WebState>,
    who: ApiActor,
    ApiJson(body): ApiJson<NewUnit>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let id = state
        .app
        .create_unit(Some(&who.actor), &body.name, &body.commune)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct RosterParams {
    /// `true` to import; otherwise the answer is a preview and nothing is written.
    #[serde(default)]
    pub apply: bool,
}

#[derive(Serialize, ToSchema)]
pub struct RosterLineReport {
    /// The line in the file; absent for a departure.
    pub line: Option<usize>,
    pub name: String,
    pub email: String,
    pub structure: String,
}

#[derive(Serialize, ToSchema)]
pub struct RosterRejection {
    pub line: usize,
    /// Stable: `roster-line-columns`, `roster-line-email`, `roster-line-email-lookalike`, `roster-line-uai`, `roster-line-name`,
    /// `roster-line-duplicate`.
    pub code: String,
    pub detail: String,
}

#[derive(Serialize, ToSchema)]
pub struct RosterReportBody {
    pub applied: bool,
    /// The import's batch, for letters and emails (when applied).
    pub batch: Option<Uuid>,
    pub added: Vec<RosterLineReport>,
    pub updated: Vec<RosterLineReport>,
    pub departed: Vec<RosterLineReport>,
    pub rejected: Vec<RosterRejection>,
    pub unchanged: usize,
    pub new_structures: usize,
}

fn lines(v: Vec<preau_app::roster::ReportLine>) -> Vec<RosterLineReport> {
    v.into_iter()
        .map(|l| RosterLineReport {
            line: l.line,
            name: l.name,
            email: l.email,
            structure: l.structure,
        })
        .collect()
}

/// The staff roster as CSV (administrators): a preview, or the import with `apply=true`. It
/// creates invitations, never accounts.
#[utoipa::path(post, path = "/api/v1/roster", tag = "structures", security(("bearer" = [])), params(RosterParams),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = RosterReportBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn roster(
    State(state): State<WebState>,
    who: ApiActor,
    axum::extract::Query(p): axum::extract::Query<RosterParams>,
    body: axum::body::Bytes,
) -> Result<Json<RosterReportBody>, ApiError> {
    let lang = who.lang;
    let (batch, report) = if p.apply {
        let applied = state
            .app
            .import_roster_as(&who.actor, &body)
            .await
            .map_err(|e| ApiError::from_app(e, lang))?;
        (Some(applied.batch), applied.report)
    } else {
        (
            None,
            state
                .app
                .preview_roster_report(&who.actor, &body)
                .await
                .map_err(|e| ApiError::from_app(e, lang))?,
        )
    };
    Ok(Json(RosterReportBody {
        applied: p.apply,
        batch,
        rejected: report
            .rejected
            .into_iter()
            .map(|r| RosterRejection {
                line: r.line,
                code: r.code.to_owned(),
                detail: r.detail,
            })
            .collect(),
        unchanged: report.unchanged,
        new_structures: report.new_structures,
        added: lines(report.added),
        updated: lines(report.updated),
        departed: lines(report.departed),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct Queued {
    /// Invitation emails queued (each with a new code; earlier codes stop working).
    pub queued: usize,
}

/// Sends each live invitation of an import by email to its professional address
/// (administrators).
#[utoipa::path(post, path = "/api/v1/roster/batches/{batch}/emails", tag = "structures", security(("bearer" = [])),
    params(("batch" = Uuid, Path, description = "The import's batch, from POST /api/v1/roster?apply=true")),
    responses((status = 200, body = Queued), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn send_invitations(
    State(state): State<WebState>,
    who: ApiActor,
    Path(batch): Path<String>,
) -> Result<Json<Queued>, ApiError> {
    let batch = Uuid::parse_str(&batch)
        .map_err(|_| ApiError::new(StatusCode::NOT_FOUND, "not-found", who.lang))?;
    let queued = state
        .app
        .send_invitation_emails(&who.actor, batch)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(Json(Queued { queued }))
}
