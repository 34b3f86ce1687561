//! Personal access tokens: created, listed and revoked by their owner only.

use crate::api::error::{ApiError, ErrorBody};
use crate::api::extract::{ApiActor, ApiJson, ApiPath};
use crate::state::WebState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use preau_domain::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

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
