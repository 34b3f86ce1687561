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
    /// Where the answer goes; an account's address ties the request to the account. The API
    /// takes plain ASCII addresses (the web form takes any address Préau accepts).
    #[schema(
        max_length = 254,
        pattern = r"^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$"
    )]
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

/// What the document's pattern says, and nothing more: an ASCII local part of 1–64 of
/// `A-Za-z0-9._%+-`, `@`, then at least two dot-separated labels of `A-Za-z0-9-`.
fn plain_ascii_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let label = |l: &str| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    s.len() <= 254
        && (1..=64).contains(&local.len())
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c))
        && domain.split('.').count() >= 2
        && domain.split('.').all(label)
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
        (status = 409, description = "`rights-received-future`: the letter cannot have arrived after today", body = ErrorBody),
        (status = 422, description = "`invalid-input`, with `fields`: `rights-name-missing`, `rights-name-invalid`, `email-invalid`…, `rights-kind-invalid`, `rights-received-invalid`, `rights-text-missing`, `rights-text-too-long`, `rights-text-invalid`", body = ErrorBody)))]
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
    if !plain_ascii_email(&b.email) {
        let mut fields = preau_app::FieldErrors::default();
        fields.add("email", "email-invalid");
        return Err(ApiError::from_app(
            preau_app::AppError::Invalid(fields),
            who.lang,
        ));
    }
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
    /// One or two further months (a JSON integer: `1`, `2`, `1.0`…).
    #[schema(value_type = u8, minimum = 1, maximum = 2)]
    pub months: f64,
    /// Why, emailed to the person: 1–4000 characters (as sent), not only spaces; line breaks
    /// but no other control characters once trimmed.
    #[schema(
        min_length = 1,
        max_length = 4000,
        pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[^\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]*[^\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub reason: String,
}

/// `1.0` is the integer 1 for JSON Schema: the months as the use case reads them, anything
/// else as a refused value.
fn whole_months(m: f64) -> String {
    if m == 1.0 {
        "1".into()
    } else if m == 2.0 {
        "2".into()
    } else {
        "0".into()
    }
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
        (status = 409, description = "`rights-request-not-open` (already extended or closed) or `rights-extension-too-late` (the first month is over)", body = ErrorBody),
        (status = 422, description = "`invalid-input`: `rights-extension-reason-missing`, `rights-extension-months-invalid`, `rights-text-too-long`, `rights-text-invalid`", body = ErrorBody)))]
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
        .extend_rights_request(&who.actor, id, &whole_months(b.months), &b.reason)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(StatusCode::NO_CONTENT)
}

/// The legal ground of a refusal.
#[derive(Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "kebab-case")]
pub enum Ground {
    /// GDPR Art. 12(5).
    ManifestlyUnfounded,
    /// GDPR Art. 11(2), 12(6).
    IdentityNotEstablished,
    /// GDPR Art. 17(3)(b), 21(1).
    PublicTask,
    /// GDPR Art. 17(3)(e).
    LegalClaims,
    /// GDPR Art. 16.
    DataAccurate,
    /// GDPR Art. 15(4), 23.
    OthersRights,
}

impl Ground {
    fn code(self) -> &'static str {
        use preau_domain::rights::RefusalGround as G;
        match self {
            Self::ManifestlyUnfounded => G::ManifestlyUnfounded,
            Self::IdentityNotEstablished => G::IdentityNotEstablished,
            Self::PublicTask => G::PublicTask,
            Self::LegalClaims => G::LegalClaims,
            Self::DataAccurate => G::DataAccurate,
            Self::OthersRights => G::OthersRights,
        }
        .as_str()
    }
}

/// How the request ends: `done`, or `refused` with its `ground`. The message is emailed to
/// the person: 1–4000 characters (as sent), not only spaces; line breaks but no other
/// control characters once trimmed.
#[derive(Deserialize, ToSchema)]
#[serde(tag = "outcome", rename_all = "lowercase", deny_unknown_fields)]
pub enum ClosingBody {
    /// The request is granted.
    Done {
        #[schema(
            min_length = 1,
            max_length = 4000,
            pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[^\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]*[^\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
        )]
        message: String,
    },
    /// The request is refused on a legal ground; the email cites it and the CNIL.
    Refused {
        ground: Ground,
        #[schema(
            min_length = 1,
            max_length = 4000,
            pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[^\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]*[^\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
        )]
        message: String,
    },
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
        (status = 409, description = "`rights-request-not-open`: already closed", body = ErrorBody),
        (status = 422, description = "`invalid-input`: `rights-answer-missing`, `rights-text-too-long`, `rights-text-invalid`, or a body that is not one of the two forms", body = ErrorBody)))]
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
    let closing = match &b {
        ClosingBody::Done { message } => Closing {
            outcome: "done",
            ground: "",
            message,
        },
        ClosingBody::Refused { ground, message } => Closing {
            outcome: "refused",
            ground: ground.code(),
            message,
        },
    };
    state
        .app
        .close_rights_request(&who.actor, id, &closing)
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
        (status = 422, description = "`invalid-input`: `rights-fields-missing`, `rights-fields-invalid`, `rights-text-missing`, `rights-text-too-long`, `rights-text-invalid`", body = ErrorBody),
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
