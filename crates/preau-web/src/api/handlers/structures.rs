//! Schools and units.

use crate::api::error::{ApiError, ErrorBody};
use crate::api::extract::{ApiActor, ApiJson};
use crate::state::WebState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use preau_domain::policy::Action;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

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
                kind: s.kind.as_str().to_owned(),
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
