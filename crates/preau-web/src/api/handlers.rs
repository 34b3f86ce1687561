//! `/api/v1` endpoints.

use super::error::{ApiError, ErrorBody};
use super::extract::{ApiActor, ApiBody, ApiJson, ApiPath, ApiQuery};
use crate::state::WebState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use preau_domain::Timestamp;
use preau_domain::policy::Action;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok` when the database answers.
    pub status: String,
    pub version: String,
}

/// Whether this instance can serve: used by load balancers; never shed under load.
#[utoipa::path(get, path = "/api/v1/health", tag = "system",
    responses((status = 200, description = "The database answers", body = Health),
        (status = 503, description = "The database does not answer", body = Health)))]
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
    responses((status = 200, description = "The token's owner", body = Me), (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody)))]
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
    /// What the token is for: 1–60 characters, not only spaces, no control characters.
    #[schema(
        min_length = 1,
        max_length = 60,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000][^\u0000-\u001f\u007f-\u009f]*$"
    )]
    pub name: String,
}

/// The person's own personal access tokens (never their values).
#[utoipa::path(get, path = "/api/v1/tokens", tag = "account", security(("bearer" = [])),
    responses((status = 200, description = "The person's tokens", body = Vec<ApiToken>), (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody)))]
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
    responses((status = 201, description = "Created; the value is shown this once", body = CreatedApiToken), (status = 400, description = "`invalid-json`: the body is not JSON", body = ErrorBody),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody), (status = 409, description = "`limit-reached`: 20 tokens already", body = ErrorBody),
        (status = 413, description = "`body-too-large`: over 64 KiB", body = ErrorBody), (status = 415, description = "`expected-json`: `Content-Type` is not `application/json`", body = ErrorBody), (status = 422, description = "`invalid-input`, with `fields`", body = ErrorBody)))]
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
    responses((status = 204, description = "Revoked"), (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 404, description = "`not-found`: no such token of the caller's", body = ErrorBody)))]
pub async fn revoke_token(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, ApiError> {
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
#[into_params(parameter_in = Query)]
pub struct DirectoryQuery {
    /// Part of a name: at least 3 letters or digits (spaces, `-`, `'`, `.`, `_` and accents
    /// do not count), at most 100 characters; accents and case are ignored.
    #[param(
        min_length = 3,
        max_length = 100,
        pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000'’._\-\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]*(?:[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000'’._\-\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f][\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000'’._\-\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]*){3,}$"
    )]
    pub q: String,
}

/// Colleagues the caller may see whose name contains `q`: at most 20, no filter by role or
/// function, 60 searches a minute.
#[utoipa::path(get, path = "/api/v1/directory", tag = "directory", security(("bearer" = [])), params(DirectoryQuery),
    responses((status = 200, description = "At most 20 cards", body = Vec<Person>),
        (status = 400, description = "`invalid-query`: `q` missing, repeated or unreadable", body = ErrorBody), (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 422, description = "`invalid-input`: `search-too-short` or `search-too-long`", body = ErrorBody),
        (status = 429, description = "`too-many-attempts`, with `Retry-After`", body = ErrorBody)))]
pub async fn directory(
    State(state): State<WebState>,
    who: ApiActor,
    ApiQuery(q): ApiQuery<DirectoryQuery>,
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
    responses((status = 200, description = "The card", body = Person), (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 404, description = "`not-found`, whatever the reason", body = ErrorBody)))]
pub async fn person_card(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<Person>, ApiError> {
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
    responses((status = 200, description = "Every school and unit", body = Vec<Structure>), (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody)))]
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
    /// 1–120 characters, not only spaces, no control characters.
    #[schema(
        min_length = 1,
        max_length = 120,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000][^\u0000-\u001f\u007f-\u009f]*$"
    )]
    pub name: String,
    /// At most 120 characters, no control characters.
    #[serde(default)]
    #[schema(max_length = 120, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$")]
    pub commune: String,
}

#[derive(Serialize, ToSchema)]
pub struct Created {
    pub id: Uuid,
}

/// Adds a unit (administrators). Schools are created by the roster import.
#[utoipa::path(post, path = "/api/v1/structures", tag = "structures", security(("bearer" = [])), request_body = NewUnit,
    responses((status = 201, description = "Created", body = Created), (status = 400, description = "`invalid-json`: the body is not JSON", body = ErrorBody), (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody), (status = 403, description = "`forbidden`: administrators only", body = ErrorBody), (status = 413, description = "`body-too-large`: over 64 KiB", body = ErrorBody), (status = 415, description = "`expected-json`: `Content-Type` is not `application/json`", body = ErrorBody),
        (status = 422, description = "`invalid-input`, with `fields`", body = ErrorBody)))]
pub async fn create_unit(
    State(state): State<WebState>,
    who: ApiActor,
    body: Result<ApiJson<NewUnit>, ApiError>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    // Who may ask comes before what was asked: a refused caller learns nothing of the rules.
    state
        .app
        .may(&who.actor, Action::ManageStructures)
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    let ApiJson(body) = body?;
    let id = state
        .app
        .create_unit(Some(&who.actor), &body.name, &body.commune)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RosterParams {
    /// `true` to import; otherwise the answer is a preview and nothing is written.
    #[serde(default)]
    pub apply: bool,
    /// With `apply=true`, the number of departures of the preview: required when the
    /// preview says `probably_incomplete`, ignored otherwise.
    #[param(minimum = 0)]
    pub confirm_departures: Option<usize>,
}

/// The roster file (UTF-8 or Windows-1252). The document declares the canonical form: the
/// header `Nom;Prénom;Courriel;UAI` (then `École;Corps;Fonctions` if wanted), then lines.
/// The import also reads common synonyms of the column names and `,` as separator
/// (docs/admin/roster.md); a line it cannot use is reported in `rejected`, not refused.
#[derive(ToSchema)]
#[schema(
    pattern = r#"^\ufeff?Nom;Prénom;Courriel;UAI(;[^\r\n"]*)?\r?\n([^\r\n"]*\r?\n)*[^\r\n"]*[^\s;,"][^\r\n"]*(\r?\n[^\r\n"]*)*$"#
)]
#[allow(dead_code)] // a document type: the handler reads the raw bytes
pub struct RosterCsv(String);

#[derive(Serialize, ToSchema)]
pub struct RosterLineReport {
    /// The line in the file.
    pub line: usize,
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
    /// How many accounts the file marks as departing: a count, never who (each is told by
    /// email and can contest).
    pub departed: usize,
    /// More than 10 % of the accounts (and more than 20) would leave: the import needs
    /// `confirm_departures` equal to `departed`.
    pub probably_incomplete: bool,
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
/// creates invitations, never accounts. Previews and imports are written to the journal.
#[utoipa::path(post, path = "/api/v1/roster", tag = "structures", security(("bearer" = [])), params(RosterParams),
    request_body(content = RosterCsv, content_type = "text/csv"),
    responses((status = 200, description = "The preview, or what was imported", body = RosterReportBody),
        (status = 400, description = "`invalid-query`: `apply` is not `true` or `false`, or `confirm_departures` is not a number", body = ErrorBody), (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody), (status = 403, description = "`forbidden`: administrators only", body = ErrorBody),
        (status = 413, description = "`body-too-large`: over `max_roster_mib`", body = ErrorBody),
        (status = 422, description = "`invalid-input`: the file as a whole is refused (`roster-empty`, \
            `roster-missing-columns`, `roster-too-many-lines`), or the import would be probably incomplete \
            and `confirm_departures` is not the number of departures (field `confirm_departures`, \
            `roster-probably-incomplete`; nothing written)", body = ErrorBody)))]
pub async fn roster(
    State(state): State<WebState>,
    who: ApiActor,
    params: Result<ApiQuery<RosterParams>, ApiError>,
    body: Result<ApiBody, ApiError>,
) -> Result<Json<RosterReportBody>, ApiError> {
    let lang = who.lang;
    state
        .app
        .may(&who.actor, Action::ImportRoster)
        .map_err(|e| ApiError::from_app(e, lang))?;
    let (ApiQuery(p), ApiBody(body)) = (params?, body?);
    let (batch, report) = if p.apply {
        let applied = state
            .app
            .import_roster_as(&who.actor, &body, p.confirm_departures)
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
        departed: report.departed,
        probably_incomplete: report.probably_incomplete,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct Queued {
    /// Invitation emails queued (each with a new code; earlier codes stop working).
    pub queued: usize,
    /// Invitations emailed less than 10 minutes ago: not sent twice.
    pub already_sent: usize,
    /// People who had their 3 letters or emails in 30 days: none sent.
    pub over_limit: usize,
}

/// Sends each live invitation of an import by email to its professional address
/// (administrators).
#[utoipa::path(post, path = "/api/v1/roster/batches/{batch}/emails", tag = "structures", security(("bearer" = [])),
    params(("batch" = Uuid, Path, description = "The import's batch, from POST /api/v1/roster?apply=true")),
    responses((status = 200, description = "Queued, possibly none (every invitation activated or expired)", body = Queued),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody), (status = 403, description = "`forbidden`: administrators only", body = ErrorBody), (status = 404, description = "`not-found`: no import with this batch", body = ErrorBody)))]
pub async fn send_invitations(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath(batch): ApiPath<Uuid>,
) -> Result<Json<Queued>, ApiError> {
    let sent = state
        .app
        .send_invitation_emails(&who.actor, batch)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(Json(Queued {
        queued: sent.queued,
        already_sent: sent.already_sent,
        over_limit: sent.over_limit,
    }))
}
