//! Extractors: who is asking and in which language (`Visitor`), a logged-in person
//! (`SignedIn`, else a redirect to the login page), forms whose malformed bodies get a clear
//! 400 page instead of a bare rejection.

use crate::cookies;
use crate::error::PageError;
use crate::i18n::Lang;
use crate::state::WebState;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use preau_app::Actor;
use preau_domain::SecretToken;
use preau_domain::network::IpNetwork;
use serde::de::DeserializeOwned;

pub struct Visitor {
    pub actor: Option<Actor>,
    /// The client's address, for throttles: the TCP peer, or behind a trusted proxy the
    /// address that proxy saw (`trusted_proxies`).
    pub client: String,
    pub lang: Lang,
    /// Path and query of this request, for the language switch's return address.
    pub path: String,
    pub device: String,
}

pub fn negotiate(headers: &HeaderMap, saved: Option<&str>) -> Lang {
    saved
        .and_then(Lang::parse)
        .or_else(|| cookies::read(headers, cookies::LANG_COOKIE).and_then(Lang::parse))
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default()
}

/// A coarse device label for the session list: browser family and platform, never the full
/// user-agent string.
pub fn device_label(headers: &HeaderMap) -> String {
    let ua = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let browser = ["Firefox", "Edg", "Chrome", "Safari"]
        .into_iter()
        .find(|b| ua.contains(b))
        .map_or("?", |b| if b == "Edg" { "Edge" } else { b });
    let platform = ["Android", "iPhone", "iPad", "Windows", "Mac OS", "Linux"]
        .into_iter()
        .find(|p| ua.contains(p))
        .unwrap_or("?");
    format!("{browser} / {platform}")
}

impl FromRequestParts<WebState> for Visitor {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &WebState,
    ) -> Result<Self, Self::Rejection> {
        let actor = match cookies::read(&parts.headers, state.web.session_cookie)
            .filter(|t| !t.is_empty())
        {
            Some(token) => state
                .app
                .resolve_session(&SecretToken::from_client(token))
                .await
                .map_err(|e| PageError::from_app(e, negotiate(&parts.headers, None)))?,
            None => None,
        };
        let lang = negotiate(
            &parts.headers,
            actor.as_ref().and_then(|a| a.account.locale.as_deref()),
        );
        let path = parts
            .uri
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_owned();
        let client = client_address(parts, &state.web.trusted_proxies);
        Ok(Self {
            actor,
            lang,
            path,
            client,
            device: device_label(&parts.headers),
        })
    }
}

/// The TCP peer, or what the trusted proxies in front of it say in `X-Forwarded-For`.
pub fn client_address(parts: &Parts, trusted: &[IpNetwork]) -> String {
    let Some(peer) = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
    else {
        return "unknown".to_owned();
    };
    let forwarded: Vec<&str> = parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    preau_domain::network::client_address(peer.0.ip(), &forwarded, trusted).to_string()
}

/// A visitor with a live session.
pub struct SignedIn {
    pub visitor: Visitor,
    pub actor: Actor,
}

impl FromRequestParts<WebState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &WebState,
    ) -> Result<Self, Self::Rejection> {
        let mut visitor = Visitor::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        match visitor.actor.take() {
            Some(actor) => {
                visitor.actor = Some(actor.clone());
                Ok(Self { visitor, actor })
            }
            None => Err(Redirect::to("/connexion").into_response()),
        }
    }
}

/// `application/x-www-form-urlencoded` bodies; a malformed one answers 400 with our page.
pub struct WebForm<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequest<WebState> for WebForm<T> {
    type Rejection = PageError;

    async fn from_request(req: Request, state: &WebState) -> Result<Self, Self::Rejection> {
        let lang = negotiate(req.headers(), None);
        // Announced too large: refused before reading (a chunked body over the limit is cut by
        // the body limit and reads as malformed).
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|n| n > state.app.config().max_body_kib * 1024) {
            return Err(PageError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "body-too-large",
                lang,
            ));
        }
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(value)) => Ok(Self(value)),
            Err(rejection) => {
                tracing::debug!("malformed form: {}", rejection.body_text());
                Err(PageError::new(
                    StatusCode::BAD_REQUEST,
                    "malformed-form",
                    lang,
                ))
            }
        }
    }
}

/// Path parameters of a page. A segment that cannot be decoded (invalid UTF-8 after
/// percent-decoding) names no page: 404 with our page, never the framework's message.
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequestParts<WebState> for Path<T> {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &WebState,
    ) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Self(value)),
            Err(rejection) => {
                tracing::debug!("unreadable path: {}", rejection.body_text());
                Err(PageError::new(
                    StatusCode::NOT_FOUND,
                    "page-not-found",
                    negotiate(&parts.headers, None),
                ))
            }
        }
    }
}

/// The query string of a page. One that cannot be read (a field twice, invalid encoding)
/// answers 400 with our page.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequestParts<WebState> for Query<T> {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &WebState,
    ) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(Self(value)),
            Err(rejection) => {
                tracing::debug!("unreadable query: {}", rejection.body_text());
                Err(PageError::new(
                    StatusCode::BAD_REQUEST,
                    "malformed-query",
                    negotiate(&parts.headers, None),
                ))
            }
        }
    }
}
