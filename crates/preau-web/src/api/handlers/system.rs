//! Health of the service, for load balancers.

use crate::state::WebState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

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
