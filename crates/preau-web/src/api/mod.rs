//! The JSON API under `/api/v1`: bearer personal tokens, stable error codes, and an OpenAPI
//! document built from the same declarations as the routes.

pub mod error;
pub mod extract;
pub mod handlers;

use crate::state::WebState;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::header;
use axum::routing::get;
use preau_app::Config;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{RefOr, ResponseBuilder};
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
            with a stable code, \
            for every status: 400 (unreadable query or JSON), 404 (unknown path or id), 405 (method), 413 (body over \
            64 KiB, or over the roster limit for the roster), 415 (not JSON), 422 (invalid values, with `fields`), 429 \
            (with `Retry-After`).",
        license(name = "EUPL-1.2", identifier = "EUPL-1.2")
    ),
    modifiers(&BearerAuth),
    tags((name = "system", description = "Health of the service"), (name = "account", description = "The authenticated person"),
        (name = "directory", description = "Colleagues the caller may see"),
        (name = "structures", description = "Schools, units and the staff roster (administrators)"),
        (name = "groups", description = "Working groups: membership only by the caller's own act"),
        (name = "notifications", description = "The caller's news, and how it reaches them by email"),
        (name = "documents", description = "« Mes documents » and groups' spaces: files streamed both ways"),
        (name = "rights", description = "Rights requests that need a human, within the legal deadline (administrators)"))
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

/// What any route may answer besides its own statuses: documented once rather than on each.
struct EveryRoute;

impl Modify for EveryRoute {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let error = |text: &str| {
            RefOr::T(
                ResponseBuilder::new()
                    .description(text)
                    .content(
                        "application/json",
                        utoipa::openapi::ContentBuilder::new()
                            .schema(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
                                "ErrorBody",
                            ))))
                            .build(),
                    )
                    .build(),
            )
        };
        for item in openapi.paths.paths.values_mut() {
            let operations: [&mut Option<Operation>; 4] = [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.delete,
            ];
            for operation in operations.into_iter().flatten() {
                let responses = &mut operation.responses.responses;
                responses.entry("405".into()).or_insert_with(|| {
                    error("`method-not-allowed`: not a method of this path (see `Allow`)")
                });
                responses
                    .entry("500".into())
                    .or_insert_with(|| error("`internal-error`: the cause is logged, not shown"));
                responses.entry("503".into()).or_insert_with(|| {
                    error(
                        "`unavailable`: the database does not answer, or the instance is \
                         saturated; try again after `Retry-After` seconds",
                    )
                });
            }
        }
        closed_variants(openapi);
    }
}

/// Bodies that are internally tagged enums (`#[serde(tag = …, deny_unknown_fields)]`, e.g.
/// `ClosingBody`): utoipa leaves their variants open to any other property, which the code
/// refuses; say so in the document, as it says it of every struct body.
fn closed_variants(openapi: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::schema::{AdditionalProperties, Schema};
    let Some(components) = openapi.components.as_mut() else {
        return;
    };
    for name in ["ClosingBody"] {
        if let Some(RefOr::T(Schema::OneOf(one_of))) = components.schemas.get_mut(name) {
            for item in &mut one_of.items {
                if let RefOr::T(Schema::Object(object)) = item {
                    object.additional_properties =
                        Some(Box::new(AdditionalProperties::FreeForm(false)));
                }
            }
        }
    }
}

/// JSON bodies are small: a token name, a unit. Bounded well below the pages' form limit so
/// that an authenticated client cannot make the server buffer megabytes per request.
pub const MAX_JSON_BYTES: usize = 64 * 1024;

/// The API's routes: `router` (JSON bodies up to [`MAX_JSON_BYTES`], the roster up to
/// `max_roster_mib`, and the OpenAPI document), and `health`, kept apart because the load
/// shedding admits it by path so a balancer can always ask.
pub struct ApiRoutes {
    pub router: Router<WebState>,
    pub health: Router<WebState>,
}

pub fn routes(config: &Config) -> ApiRoutes {
    let (unlimited, health, served) = parts();
    let roster_bytes = config.max_roster_mib * 1024 * 1024;
    let router = unlimited
        .roster
        .layer(DefaultBodyLimit::max(roster_bytes))
        .merge(unlimited.json.layer(DefaultBodyLimit::max(MAX_JSON_BYTES)))
        .route(
            "/api/v1/openapi.json",
            get(move || async move { ([(header::CONTENT_TYPE, "application/json")], served) }),
        )
        .method_not_allowed_fallback(error::method_not_allowed);
    ApiRoutes {
        router,
        health: health.method_not_allowed_fallback(error::method_not_allowed),
    }
}

struct Unlimited {
    json: Router<WebState>,
    roster: Router<WebState>,
}

fn parts() -> (Unlimited, Router<WebState>, String) {
    let (health, health_doc) = OpenApiRouter::new()
        .routes(routes!(handlers::health))
        .split_for_parts();
    let (roster, roster_doc) = OpenApiRouter::new()
        .routes(routes!(handlers::roster))
        .split_for_parts();
    let (json, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(handlers::me))
        .routes(routes!(handlers::export_me))
        .routes(routes!(handlers::access_log))
        .routes(routes!(
            handlers::my_rights_requests,
            handlers::ask_correction
        ))
        .routes(routes!(
            handlers::rights_queue,
            handlers::enter_rights_request
        ))
        .routes(routes!(handlers::show_rights_request))
        .routes(routes!(handlers::extend_rights_request))
        .routes(routes!(handlers::close_rights_request))
        .routes(routes!(handlers::restrict_me))
        .routes(routes!(handlers::close_me))
        .routes(routes!(handlers::list_sessions))
        .routes(routes!(handlers::end_session))
        .routes(routes!(handlers::list_tokens, handlers::create_token))
        .routes(routes!(handlers::revoke_token))
        .routes(routes!(handlers::directory))
        .routes(routes!(handlers::person_card))
        .routes(routes!(handlers::structures, handlers::create_unit))
        .routes(routes!(handlers::send_invitations))
        .routes(routes!(handlers::list_groups, handlers::create_group))
        .routes(routes!(handlers::show_group, handlers::delete_group))
        .routes(routes!(handlers::join_group))
        .routes(routes!(handlers::request_to_join))
        .routes(routes!(handlers::leave_group))
        .routes(routes!(handlers::archive_group))
        .routes(routes!(handlers::decide_request))
        .routes(routes!(handlers::invite))
        .routes(routes!(handlers::change_role))
        .routes(routes!(handlers::my_documents))
        .routes(routes!(handlers::group_documents))
        .routes(routes!(handlers::show_folder, handlers::trash_document))
        .routes(routes!(handlers::create_folder))
        .routes(routes!(handlers::upload_file))
        .routes(routes!(handlers::file_content))
        .routes(routes!(handlers::rename_document))
        .routes(routes!(handlers::restore_document))
        .routes(routes!(handlers::list_shares, handlers::share_document))
        .routes(routes!(handlers::unshare_document))
        .routes(routes!(handlers::shared_with_me))
        .routes(routes!(handlers::list_versions))
        .routes(routes!(handlers::version_content))
        .routes(routes!(handlers::restore_version))
        .routes(routes!(handlers::move_document))
        .routes(routes!(handlers::copy_document))
        .routes(routes!(handlers::search_documents))
        .routes(routes!(handlers::folder_archive))
        .routes(routes!(handlers::my_invitations))
        .routes(routes!(handlers::answer_invitation))
        .routes(routes!(handlers::notifications))
        .routes(routes!(handlers::mark_notification_read))
        .routes(routes!(handlers::mark_all_notifications_read))
        .routes(routes!(
            handlers::notification_preferences,
            handlers::set_notification_preferences
        ))
        .split_for_parts();
    doc.merge(roster_doc);
    doc.merge(health_doc);
    // After the merge, so that it reaches every path.
    EveryRoute.modify(&mut doc);
    (Unlimited { json, roster }, health, openapi_json(&doc))
}

/// The OpenAPI document as committed in `docs/openapi.json`.
pub fn openapi_document() -> String {
    parts().2
}

fn openapi_json(doc: &utoipa::openapi::OpenApi) -> String {
    let mut s = doc
        .to_pretty_json()
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
