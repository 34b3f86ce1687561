//! Rights requests (RGT-08): the administrators' queue, and the caller's own requests. The
//! same use cases as the pages.

use crate::api::error::{ApiError, ErrorBody};
use crate::api::extract::{ApiActor, ApiJson, ApiPath};
use crate::state::WebState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use preau_app::rights::{Closing, PostalRequest, RightsRequest as AppRequest};
use preau_domain::policy::Action;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A rights request. Whether a letter's address is an account's is not said: administrators
/// do not learn who opened an account (only `channel: account` is the person's own act).
#[derive(Serialize, ToSchema)]
pub struct RightsRequest {
    pub id: Uuid,
    /// `rectification`, `access`, `erasure`, `objection` or `other`.
    pub kind: String,
    /// `account`, `post` or `form`.
    pub channel: String,
    /// `open`, `extended`, `closed-done` or `closed-refused`.
    pub status: String,
    pub requester_name: String,
    pub requester_email: String,
    /// For a correction: `name`, `structure`, `corps`, `functions`.
    pub fields: Vec<String>,
    pub text: String,
    /// RFC 3339, UTC.
    pub received_at: String,
    /// RFC 3339, UTC: one calendar month after receipt, or later once extended.
    pub due_at: String,
    pub overdue: bool,
    pub extension_reason: Option<String>,
    pub answer: Option<String>,
    /// The legal ground of a refusal (see `Closing.ground`).
    pub refusal_ground: Option<String>,
    pub closed_at: Option<String>,
}

impl From<AppRequest> for RightsRequest {
    fn from(r: AppRequest) -> Self {
        Self {
            id: r.id,
            kind: r.kind.as_str().to_owned(),
            channel: r.channel.as_str().to_owned(),
            status: r.status.as_str().to_owned(),
            requester_name: r.requester_name,
            requester_email: r.requester_email,
            fields: r.fields,
            text: r.body,
            received_at: r.received_at.to_rfc3339(),
            due_at: r.due_at.to_rfc3339(),
            overdue: r.overdue,
            extension_reason: r.extension_reason,
            answer: r.answer,
            refusal_ground: r.refusal_ground.map(|g| g.as_str().to_owned()),
            closed_at: r.closed_at.map(|t| t.to_rfc3339()),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct RightsQueue {
    /// Pending requests past their due date: 0 is the norm.
    pub overdue: usize,
    /// Open and extended requests, by due date.
    pub pending: Vec<RightsRequest>,
    /// Closed requests of the last 12 months, newest first.
    pub closed: Vec<RightsRequest>,
}

/// The queue (administrators).
#[utoipa::path(get, path = "/api/v1/rights-requests", tag = "rights", security(("bearer" = [])),
    responses((status = 200, description = "The queue", body = RightsQueue),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 403, description = "`forbidden`: administrators only", body = ErrorBody)))]
pub async fn rights_queue(
    State(state): State<WebState>,
    who: ApiActor,
) -> Result<Json<RightsQueue>, ApiError> {
    let q = state
        .app
        .rights_queue(&who.actor)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(Json(RightsQueue {
        overdue: q.overdue,
        pending: q.pending.into_iter().map(Into::into).collect(),
        closed: q.closed.into_iter().map(Into::into).collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPostalRequest {
    /// The requester's name: 1–200 characters, not only spaces, no control characters.
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000][^\u0000-\u001f\u007f-\u009f]*$"
    )]
    pub name: String,
    /// Where the answer goes; an account's address ties the request to the account.
    #[schema(format = Email, max_length = 254)]
    pub email: String,
    #[schema(pattern = "^(rectification|access|erasure|objection|other)$")]
    pub kind: String,
    /// What the person asks: 1–4000 characters (as sent), not only spaces; line breaks
    /// but no other control characters once trimmed.
    #[schema(
        min_length = 1,
        max_length = 4000,
        pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[^\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]*[^\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub text: String,
    /// The day the letter arrived, `YYYY-MM-DD`, not in the future.
    #[schema(format = Date, pattern = r"^\d{4}-\d{2}-\d{2}$")]
    pub received_on: String,
}

#[derive(Serialize, ToSchema)]
pub struct CreatedRequest {
    pub id: Uuid,
}

/// Records a request received by post (administrators); the deadline runs from
/// `received_on`.
#[utoipa::path(post, path = "/api/v1/rights-requests", tag = "rights", security(("bearer" = [])), request_body = NewPostalRequest,
    responses((status = 201, description = "Recorded", body = CreatedRequest),
        (status = 400, description = "`invalid-json`: the body is not JSON", body = ErrorBody),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 403, description = "`forbidden`: administrators only", body = ErrorBody),
        (status = 413, description = "`body-too-large`: over 64 KiB", body = ErrorBody),
        (status = 415, description = "`expected-json`: `Content-Type` is not `application/json`", body = ErrorBody),
        (status = 422, description = "`invalid-input`, with `fields`: `rights-name-missing`, `rights-name-invalid`, `email-invalid`…, `rights-kind-invalid`, `rights-received-invalid`, `rights-received-future`, `rights-text-missing`, `rights-text-too-long`, `rights-text-invalid`", body = ErrorBody)))]
pub async fn enter_rights_request(
    State(state): State<WebState>,
    who: ApiActor,
    body: Result<ApiJson<NewPostalRequest>, ApiError>,
) -> Result<(StatusCode, Json<CreatedRequest>), ApiError> {
    state
        .app
        .may(&who.actor, Action::HandleRightsRequests)
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    let ApiJson(b) = body?;
    let id = state
        .app
        .enter_postal_request(
            &who.actor,
            &PostalRequest {
                name: &b.name,
                email: &b.email,
                kind: &b.kind,
                body: &b.text,
                received_on: &b.received_on,
            },
        )
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok((StatusCode::CREATED, Json(CreatedRequest { id })))
}

/// One request (administrators).
#[utoipa::path(get, path = "/api/v1/rights-requests/{id}", tag = "rights", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The request")),
    responses((status = 200, description = "The request", body = RightsRequest),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 403, description = "`forbidden`: administrators only", body = ErrorBody),
        (status = 404, description = "`not-found`", body = ErrorBody)))]
pub async fn show_rights_request(
    State(state): State<WebState>,
    who: ApiActor,
    id: Result<ApiPath<Uuid>, ApiError>,
) -> Result<Json<RightsRequest>, ApiError> {
    state
        .app
        .may(&who.actor, Action::HandleRightsRequests)
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    let ApiPath(id) = id?;
    let r = state
        .app
        .rights_request(&who.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(Json(r.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Extension {
    /// One or two further months.
    #[schema(minimum = 1, maximum = 2)]
    pub months: u8,
    /// Why, emailed to the person: 1–4000 characters (as sent), not only spaces; line breaks
    /// but no other control characters once trimmed.
    #[schema(
        min_length = 1,
        max_length = 4000,
        pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[^\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]*[^\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub reason: String,
}

/// Extends the deadline (administrators): only an open request, once, before its first month
/// ends, with a reason emailed to the person (GDPR Art. 12(3)).
#[utoipa::path(post, path = "/api/v1/rights-requests/{id}/extension", tag = "rights", security(("bearer" = [])), request_body = Extension,
    params(("id" = Uuid, Path, description = "The request")),
    responses((status = 204, description = "Extended; the person is told"),
        (status = 400, description = "`invalid-json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 403, description = "`forbidden`: administrators only", body = ErrorBody),
        (status = 404, description = "`not-found`", body = ErrorBody),
        (status = 413, description = "`body-too-large`", body = ErrorBody),
        (status = 415, description = "`expected-json`", body = ErrorBody),
        (status = 422, description = "`invalid-input`: `rights-request-not-open`, `rights-extension-too-late`, `rights-extension-reason-missing`, `rights-extension-months-invalid`, `rights-text-too-long`, `rights-text-invalid`", body = ErrorBody)))]
pub async fn extend_rights_request(
    State(state): State<WebState>,
    who: ApiActor,
    id: Result<ApiPath<Uuid>, ApiError>,
    body: Result<ApiJson<Extension>, ApiError>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .may(&who.actor, Action::HandleRightsRequests)
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    let ApiPath(id) = id?;
    let ApiJson(b) = body?;
    state
        .app
        .extend_rights_request(&who.actor, id, &b.months.to_string(), &b.reason)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClosingBody {
    /// `done` or `refused`.
    #[schema(pattern = "^(done|refused)$")]
    pub outcome: String,
    /// Required for `refused`: `manifestly-unfounded`, `identity-not-established`,
    /// `public-task`, `legal-claims`, `data-accurate` or `others-rights` (ignored for `done`).
    #[serde(default)]
    #[schema(
        pattern = "^(|manifestly-unfounded|identity-not-established|public-task|legal-claims|data-accurate|others-rights)$"
    )]
    pub ground: String,
    /// The message emailed to the person: 1–4000 characters (as sent), not only spaces; line breaks
    /// but no other control characters once trimmed.
    #[schema(
        min_length = 1,
        max_length = 4000,
        pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[^\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]*[^\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub message: String,
}

/// Answers and closes a request (administrators): the message is emailed to the person; a
/// refusal cites its legal ground and the right to complain to the CNIL.
#[utoipa::path(post, path = "/api/v1/rights-requests/{id}/closing", tag = "rights", security(("bearer" = [])), request_body = ClosingBody,
    params(("id" = Uuid, Path, description = "The request")),
    responses((status = 204, description = "Closed; the person is told"),
        (status = 400, description = "`invalid-json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 403, description = "`forbidden`: administrators only", body = ErrorBody),
        (status = 404, description = "`not-found`", body = ErrorBody),
        (status = 413, description = "`body-too-large`", body = ErrorBody),
        (status = 415, description = "`expected-json`", body = ErrorBody),
        (status = 422, description = "`invalid-input`: `rights-outcome-invalid`, `rights-ground-missing`, `rights-answer-missing`, `rights-text-too-long`, `rights-text-invalid`, `rights-request-not-open`", body = ErrorBody)))]
pub async fn close_rights_request(
    State(state): State<WebState>,
    who: ApiActor,
    id: Result<ApiPath<Uuid>, ApiError>,
    body: Result<ApiJson<ClosingBody>, ApiError>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .may(&who.actor, Action::HandleRightsRequests)
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    let ApiPath(id) = id?;
    let ApiJson(b) = body?;
    state
        .app
        .close_rights_request(
            &who.actor,
            id,
            &Closing {
                outcome: &b.outcome,
                ground: &b.ground,
                message: &b.message,
            },
        )
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's own requests and their state, newest first.
#[utoipa::path(get, path = "/api/v1/me/rights-requests", tag = "account", security(("bearer" = [])),
    responses((status = 200, description = "The caller's requests", body = Vec<RightsRequest>),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody)))]
pub async fn my_rights_requests(
    State(state): State<WebState>,
    who: ApiActor,
) -> Result<Json<Vec<RightsRequest>>, ApiError> {
    let list = state
        .app
        .my_rights_requests(&who.actor)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(Json(list.into_iter().map(Into::into).collect()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CorrectionRequest {
    /// The roster fields that are wrong, at least one: `name`, `structure`, `corps`,
    /// `functions`.
    #[schema(min_items = 1, max_items = 4)]
    pub fields: Vec<RosterField>,
    /// What would be right: 1–4000 characters (as sent), not only spaces; line breaks
    /// but no other control characters once trimmed.
    #[schema(
        min_length = 1,
        max_length = 4000,
        pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[^\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]*[^\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub text: String,
}

/// A field that comes from the roster.
#[derive(Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "lowercase")]
pub enum RosterField {
    Name,
    Structure,
    Corps,
    Functions,
}

impl RosterField {
    fn code(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Structure => "structure",
            Self::Corps => "corps",
            Self::Functions => "functions",
        }
    }
}

/// Asks the administrators to correct fields that come from the roster (RGT-03).
#[utoipa::path(post, path = "/api/v1/me/rights-requests", tag = "account", security(("bearer" = [])), request_body = CorrectionRequest,
    responses((status = 201, description = "Sent", body = CreatedRequest),
        (status = 400, description = "`invalid-json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 413, description = "`body-too-large`", body = ErrorBody),
        (status = 415, description = "`expected-json`", body = ErrorBody),
        (status = 422, description = "`invalid-input`: `rights-fields-missing`, `rights-text-missing`, `rights-text-too-long`, `rights-text-invalid`", body = ErrorBody),
        (status = 429, description = "`too-many-attempts`: 10 an hour", body = ErrorBody)))]
pub async fn ask_correction(
    State(state): State<WebState>,
    who: ApiActor,
    ApiJson(b): ApiJson<CorrectionRequest>,
) -> Result<(StatusCode, Json<CreatedRequest>), ApiError> {
    let id = state
        .app
        .request_correction(
            &who.actor,
            &b.fields
                .iter()
                .map(|f| f.code().to_owned())
                .collect::<Vec<_>>(),
            &b.text,
        )
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok((StatusCode::CREATED, Json(CreatedRequest { id })))
}
