//! The JSON API under `/api/v1`: bearer personal tokens, stable error codes, and an OpenAPI
//! document built from the same declarations as the routes.

pub mod error;
pub mod handlers;

use crate::state::WebState;
use axum::Router;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Préau API",
        description = "JSON API of Préau, the ENT de circonscription that staff choose to join. \
            Authenticate with a personal access token created on the page « Mon compte › Jetons d'accès » \
            and sent as `Authorization: Bearer preau_…`. Errors answer `{\"error\": {\"code\", \"message\"}}` \
            with a stable code.",
        license(name = "EUPL-1.2", identifier = "EUPL-1.2")
    ),
    modifiers(&BearerAuth),
    tags((name = "system", description = "Health of the service"), (name = "account", description = "The authenticated person"),
        (name = "directory", description = "Colleagues the caller may see"),
        (name = "structures", description = "Schools, units and the staff roster (administrators)"))
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("preau_…")
                    .build(),
            ),
        );
    }
}

/// The API's routes: `limited` takes the roster's larger body limit, `health` does not (the
/// load shedding admits health checks by path, so a balancer can always ask); and the
/// OpenAPI document of both.
pub struct ApiRoutes {
    pub limited: Router<WebState>,
    pub health: Router<WebState>,
    pub document: String,
}

pub fn routes() -> ApiRoutes {
    let (health, health_doc) = OpenApiRouter::new()
        .routes(routes!(handlers::health))
        .split_for_parts();
    let (limited, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(handlers::me))
        .routes(routes!(handlers::list_tokens, handlers::create_token))
        .routes(routes!(handlers::revoke_token))
        .routes(routes!(handlers::directory))
        .routes(routes!(handlers::person_card))
        .routes(routes!(handlers::structures, handlers::create_unit))
        .routes(routes!(handlers::roster))
        .routes(routes!(handlers::send_invitations))
        .split_for_parts();
    doc.merge(health_doc);
    ApiRoutes {
        limited,
        health,
        document: openapi_json(&doc),
    }
}

/// The OpenAPI document as committed in `docs/openapi.json`.
pub fn openapi_document() -> String {
    routes().document
}

fn openapi_json(doc: &utoipa::openapi::OpenApi) -> String {
    let mut s = doc
        .to_pretty_json()
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
