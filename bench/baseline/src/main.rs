//! The denominator of `bench/run`'s ratios: the smallest axum server that answers every request
//! with a small HTML page, on the same core and the same runtime settings as Préau. It does
//! nothing Préau does (no session, no database, no template, no middleware), so a ratio says how
//! much of a core Préau's work costs, not how fast Préau is in absolute terms.
//!
//! Usage: bench-baseline 127.0.0.1:18081

use axum::Router;
use axum::body::Bytes;
use axum::http::header;
use axum::response::IntoResponse;

const PAGE: &str = "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\">\
<title>Bonjour</title></head><body><h1>Bonjour</h1><p>Hello-world baseline for bench/run.</p>\
</body></html>";

/// Any method, any path; a POST body is read (as a form handler would) and ignored.
async fn hello(_body: Bytes) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], PAGE)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:18081".to_owned());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    eprintln!(
        "bench-baseline listening on http://{}",
        listener.local_addr()?
    );
    axum::serve(listener, Router::new().fallback(hello)).await?;
    Ok(())
}
