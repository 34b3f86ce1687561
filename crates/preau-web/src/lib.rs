//! HTTP adapters: HTML pages (askama), the JSON API (utoipa), extractors, middleware, i18n
//! (Fluent) and the one stylesheet. Thin: parse, call the use case, render.

pub mod api;
mod cookies;
mod error;
pub mod extract;
pub mod i18n;
mod middleware;
mod pages;
pub mod routes;
mod state;
mod views;

pub use middleware::ONE_CLICK_UNSUBSCRIBE;
pub use state::WebState;
pub use views::NOTICE_VERSION;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use preau_app::App;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::csrf::CsrfLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::sensitive_headers::SetSensitiveRequestHeadersLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

const STYLESHEET: &str = include_str!("../static/preau.css");

/// The whole HTTP application for `app`.
pub fn router(app: App) -> Router {
    let config = app.config().clone();
    let state = WebState::new(app);
    let https = state.web.secure_cookies;

    let (pages, _) = routes::pages(&config);
    let pages = pages
        .layer(DefaultBodyLimit::max(config.max_body_kib * 1024))
        .layer(csrf_layer(&config.public_url()))
        .layer(axum::middleware::from_fn(
            middleware::require_fetch_metadata,
        ));

    // API calls are authenticated before their body is read; api::routes sets its limits.
    let api = api::routes(&config);
    let routes = pages.merge(api.router).fallback(not_found);

    let mut router = Router::new()
        .merge(routes)
        .merge(api.health)
        .route("/static/preau.css", get(stylesheet))
        .with_state(state)
        .layer(CompressionLayer::new())
        // The largest body any route accepts; each route's extractor applies its own limit.
        .layer(RequestBodyLimitLayer::new(
            (config.max_body_kib.max(config.max_roster_mib * 1024) * 1024)
                .max(routes::upload_limit(&config)),
        ))
        .layer(axum::middleware::from_fn_with_state(
            Duration::from_secs(config.request_timeout_seconds),
            middleware::deadline,
        ))
        .layer(CatchPanicLayer::custom(middleware::panic_page))
        // Their answers on /api/ paths become the API's JSON error.
        .layer(axum::middleware::from_fn(api::error::json_errors))
        .layer(TraceLayer::new_for_http().make_span_with(middleware::request_span))
        .layer(SetSensitiveRequestHeadersLayer::new([
            header::COOKIE,
            header::AUTHORIZATION,
        ]))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        // One semaphore for the whole server (a per-connection limit would not bound it).
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(Semaphore::new(config.max_in_flight)),
            middleware::admission,
        ));
    // Outermost, so that even the panic page and the 503 carry them (stack-verified §4).
    for (name, value) in middleware::security_headers(https) {
        router = router.layer(SetResponseHeaderLayer::if_not_present(name, value));
    }
    router
}

/// Cross-site form posts are refused (Sec-Fetch-Site / Origin). The JSON API is outside this
/// layer: it takes bearer tokens, never cookies.
type CrossSiteResponse = fn(tower_http::csrf::ProtectionError) -> Response;

fn csrf_layer(public_url: &str) -> CsrfLayer<CrossSiteResponse> {
    let layer =
        CsrfLayer::new().with_rejection_response(middleware::cross_site_page as CrossSiteResponse);
    let origin = origin_of(public_url);
    match layer.clone().add_trusted_origin(&origin) {
        Ok(with_origin) => with_origin,
        Err(e) => {
            tracing::warn!("public_url {origin} not usable as a trusted origin: {e}");
            layer
        }
    }
}

/// `https://ent.example.fr/path` → `https://ent.example.fr`.
fn origin_of(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("https", url));
    let host = rest.split('/').next().unwrap_or(rest);
    format!("{scheme}://{host}")
}

async fn stylesheet() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/css; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        STYLESHEET,
    )
        .into_response()
}

async fn not_found(method: Method, uri: Uri, headers: axum::http::HeaderMap) -> Response {
    let lang = extract::negotiate(&headers, None);
    if uri.path().starts_with("/api/") {
        return api::error::ApiError::new(StatusCode::NOT_FOUND, "not-found", lang).into_response();
    }
    if method != Method::GET && method != Method::HEAD {
        return error::PageError::new(StatusCode::METHOD_NOT_ALLOWED, "method-not-allowed", lang)
            .into_response();
    }
    error::PageError::new(StatusCode::NOT_FOUND, "page-not-found", lang).into_response()
}
