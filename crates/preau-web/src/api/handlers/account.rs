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
