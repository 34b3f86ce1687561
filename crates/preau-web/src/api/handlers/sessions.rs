//! « Mes sessions » in the API: the person's live sessions, each named by its random public
//! id (never the token or its hash), and ending one.

use crate::api::error::{ApiError, ErrorBody};
use crate::api::extract::{ApiActor, ApiPath};
use crate::state::WebState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
pub struct Session {
    /// The session's public id, for `DELETE /api/v1/me/sessions/{id}`.
    pub id: Uuid,
    /// Browser family and platform, `?` for what the browser did not say (`Firefox / Linux`).
    pub device: String,
    /// RFC 3339, UTC.
    pub started_at: String,
    /// RFC 3339, UTC; written at most once a minute.
    pub last_active_at: String,
    /// Whether this request came with this session (never, with a personal token).
    pub current: bool,
}

/// The person's live browser sessions, newest first.
#[utoipa::path(get, path = "/api/v1/me/sessions", tag = "account", security(("bearer" = [])),
    responses((status = 200, description = "The person's live sessions", body = Vec<Session>),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody)))]
pub async fn list_sessions(
    State(state): State<WebState>,
    who: ApiActor,
) -> Result<Json<Vec<Session>>, ApiError> {
    let rows = state
        .app
        .list_sessions(&who.actor)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(Json(
        rows.into_iter()
            .map(|s| Session {
                id: s.id,
                device: s.device,
                started_at: s.started_at.to_rfc3339(),
                last_active_at: s.last_active_at.to_rfc3339(),
                current: s.current,
            })
            .collect(),
    ))
}

/// Ends one of the person's sessions at once: that browser is logged out.
#[utoipa::path(delete, path = "/api/v1/me/sessions/{id}", tag = "account", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The session's public id")),
    responses((status = 204, description = "Ended"),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 404, description = "`not-found`: no such live session of the caller's", body = ErrorBody)))]
pub async fn end_session(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .end_session(&who.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(StatusCode::NO_CONTENT)
}
