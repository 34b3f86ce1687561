//! The layers around every request: request ids, tracing without secrets, panics caught into
//! a generic page, time and size limits, compression, security headers on every answer, and
//! load shedding — beyond the configured number of requests in flight, an immediate 503
//! "salle d'attente" instead of a queue that grows until everything times out.

use axum::body::Body;
use axum::extract::MatchedPath;
use axum::http::{HeaderName, HeaderValue, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::any::Any;
use std::sync::Arc;
use tokio::sync::Semaphore;

pub const WAITING_ROOM: &str = include_str!("../static/salle-attente.html");
/// Seconds a shed request is asked to wait before trying again.
pub const RETRY_AFTER_SECONDS: &str = "5";

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/// Headers set on every answer unless the handler set its own.
pub fn security_headers(https: bool) -> Vec<(HeaderName, HeaderValue)> {
    let mut headers = vec![
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ),
        (
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(
                "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
            ),
        ),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ),
        (
            HeaderName::from_static("cross-origin-resource-policy"),
            HeaderValue::from_static("same-origin"),
        ),
        // Pages may show personal data: no shared or back-button cache (school computers).
        (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        // Nothing of Préau belongs in a search engine, even if a page leaked out of its
        // login (SEC-54: the Sartrouville and Affelnet lists were found through Google).
        (
            HeaderName::from_static("x-robots-tag"),
            HeaderValue::from_static("noindex, nofollow, noarchive"),
        ),
    ];
    if https {
        headers.push((
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        ));
    }
    headers
}

/// Paths never refused: the balancer's health check, and the stylesheet the waiting room
/// itself uses.
const ALWAYS_ADMITTED: [&str; 2] = ["/api/v1/health", "/static/preau.css"];

/// Load shedding, the first thing a request meets (inside the security headers only): beyond
/// `max_in_flight` requests, the waiting room at once. Refusing must cost next to nothing,
/// or a surge spends the core refusing: so no request id, trace span, timer or routing
/// before this point. The permit is held until the response is ready.
pub async fn admission(
    axum::extract::State(permits): axum::extract::State<Arc<Semaphore>>,
    request: Request<Body>,
    next: Next,
) -> Response {
    if ALWAYS_ADMITTED.contains(&request.uri().path()) {
        return next.run(request).await;
    }
    match permits.try_acquire_owned() {
        Ok(permit) => {
            let response = next.run(request).await;
            drop(permit);
            response
        }
        Err(_) => waiting_room(),
    }
}

/// Whether a request is a file upload: its body may rightly take longer than any deadline
/// (a 1 GiB file on a school's line), so it gets an idle limit instead.
fn is_upload(request: &Request<Body>) -> bool {
    let path = request.uri().path();
    let method = request.method();
    (method == axum::http::Method::POST
        && path.starts_with("/documents/")
        && path.ends_with("/fichiers"))
        || (method == axum::http::Method::PUT
            && path.starts_with("/api/v1/documents/")
            && path.contains("/files/"))
}

/// The request deadline (`request_timeout_seconds`): a request whose answer is not ready
/// in time gets 408. An upload has none; instead each piece of its body must arrive within
/// that time, or the upload breaks off (nothing is kept of it) — so a slow line finishes
/// and a stalled client does not hold a connection forever. Downloads are streamed after
/// their answer is ready: the deadline does not reach them.
pub async fn deadline(
    axum::extract::State(limit): axum::extract::State<std::time::Duration>,
    request: Request<Body>,
    next: Next,
) -> Response {
    if is_upload(&request) {
        let (parts, body) = request.into_parts();
        let stream = futures_util::stream::unfold(
            (body.into_data_stream(), false),
            move |(mut stream, done)| async move {
                if done {
                    return None;
                }
                match tokio::time::timeout(limit, futures_util::StreamExt::next(&mut stream)).await
                {
                    Ok(Some(Ok(chunk))) => Some((Ok(chunk), (stream, false))),
                    Ok(Some(Err(e))) => Some((Err(std::io::Error::other(e)), (stream, true))),
                    Ok(None) => None,
                    Err(_) => Some((
                        Err(std::io::Error::new(
                            std::io::ErrorKind::TimedOut,
                            "no part of the upload arrived in time",
                        )),
                        (stream, true),
                    )),
                }
            },
        );
        return next
            .run(Request::from_parts(parts, Body::from_stream(stream)))
            .await;
    }
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => StatusCode::REQUEST_TIMEOUT.into_response(),
    }
}

/// The answer to a request refused by the concurrency limit.
pub fn waiting_room() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [
            (header::RETRY_AFTER, RETRY_AFTER_SECONDS),
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
        ],
        WAITING_ROOM,
    )
        .into_response()
}

const INTERNAL_ERROR: &str = "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Préau — erreur</title>\
<link rel=\"stylesheet\" href=\"/static/preau.css\"></head><body><main id=\"main\">\
<h1>Une erreur est survenue</h1><p>Rien de ce que vous avez envoyé avant cette page n’est perdu. \
Réessayez dans un instant ; si cela se reproduit, prévenez l’administrateur.</p>\
<section lang=\"en\"><h2>Something went wrong</h2><p>Please try again in a moment; if it happens again, \
tell the administrator.</p></section><p><a href=\"/\">Accueil / Home</a></p></main></body></html>";

pub fn internal_error_page() -> Response {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        INTERNAL_ERROR,
    )
        .into_response()
}

/// A panic in a handler becomes the generic page; the panic message goes to the log only.
pub fn panic_page(_err: Box<dyn Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    internal_error_page()
}

const CROSS_SITE: &str = "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Préau — requête refusée</title>\
<link rel=\"stylesheet\" href=\"/static/preau.css\"></head><body><main id=\"main\">\
<h1>Requête refusée</h1><p>Ce formulaire a été envoyé depuis un autre site : Préau ne l’accepte pas. \
Rouvrez la page dans Préau et recommencez.</p><section lang=\"en\"><h2>Request refused</h2>\
<p>This form was sent from another site, which Préau does not accept. Open the page in Préau and try again.</p>\
</section><p><a href=\"/\">Accueil / Home</a></p></main></body></html>";

pub fn cross_site_page(_e: tower_http::csrf::ProtectionError) -> Response {
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        CROSS_SITE,
    )
        .into_response()
}

/// A page POST must say where it comes from: browsers send `Sec-Fetch-Site` or `Origin` with
/// every form, so a request with neither is a script that could be anything; tower-http's
/// `CsrfLayer` lets such requests through by design (stack-verified §4), this refuses them.
/// One exception: the one-click unsubscribe of notification emails (RFC 8058), which mail
/// providers POST from their servers. Its address holds the person's secret key, so no other
/// site can forge it, and it can only stop emails.
pub async fn require_fetch_metadata(req: Request<Body>, next: axum::middleware::Next) -> Response {
    let safe = matches!(
        *req.method(),
        axum::http::Method::GET | axum::http::Method::HEAD | axum::http::Method::OPTIONS
    ) || req.uri().path().starts_with(ONE_CLICK_UNSUBSCRIBE);
    let headers = req.headers();
    if safe || headers.contains_key(header::ORIGIN) || headers.contains_key("sec-fetch-site") {
        next.run(req).await
    } else {
        cross_site_page_without_origin()
    }
}

/// The unsubscribe links of notification emails.
pub const ONE_CLICK_UNSUBSCRIBE: &str = "/notifications/desabonnement/";

fn cross_site_page_without_origin() -> Response {
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        CROSS_SITE,
    )
        .into_response()
}

/// The tracing span of a request: method, route template (never the raw path, which may hold
/// a token) and request id. Headers, cookies and bodies are never recorded.
pub fn request_span(req: &Request<Body>) -> tracing::Span {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("(unmatched)", MatchedPath::as_str);
    let id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    tracing::info_span!("request", method = %req.method(), route, request_id = id)
}
