//! Extractors of the API: the bearer token, JSON bodies, path and query. Each turns the
//! framework's rejection into `ApiError`, so a client always reads `{"error": {"code", …}}`
//! with a stable code, never the framework's text (issue 9 §3b).

use super::error::ApiError;
use crate::extract::negotiate;
use crate::i18n::Lang;
use crate::state::WebState;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use preau_app::Actor;
use serde::de::DeserializeOwned;

/// A request authenticated by `Authorization: Bearer preau_…`.
pub struct ApiActor {
    pub actor: Actor,
    pub lang: Lang,
    /// The caller's address, for the throttles of password checks.
    pub client: String,
}

impl FromRequestParts<WebState> for ApiActor {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &WebState,
    ) -> Result<Self, Self::Rejection> {
        let lang = negotiate(&parts.headers, None);
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        let Some(bearer) = bearer else {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                lang,
            ));
        };
        match state.app.resolve_api_token(bearer).await {
            Ok(Some(actor)) => Ok(Self {
                actor,
                lang,
                client: crate::extract::client_address(parts, &state.web.trusted_proxies),
            }),
            Ok(None) => Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "invalid-token",
                lang,
            )),
            Err(e) => Err(ApiError::from_app(e, lang)),
        }
    }
}

/// JSON bodies: without `Content-Type: application/json` 415 `expected-json`; over the
/// API's body limit 413 `body-too-large`; malformed 400 `invalid-json`; well-formed but
/// wrongly shaped 422 `invalid-input`.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<WebState> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &WebState) -> Result<Self, Self::Rejection> {
        let lang = negotiate(req.headers(), None);
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(Self(v)),
            Err(JsonRejection::JsonDataError(_)) => Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid-input",
                lang,
            )),
            Err(JsonRejection::MissingJsonContentType(_)) => Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "expected-json",
                lang,
            )),
            Err(r) if r.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "body-too-large",
                lang,
            )),
            Err(r) => {
                tracing::debug!("malformed JSON body: {}", r.body_text());
                Err(ApiError::new(StatusCode::BAD_REQUEST, "invalid-json", lang))
            }
        }
    }
}

/// Path parameters. A segment that cannot be read (invalid UTF-8 after percent-decoding, not
/// an id) names nothing: 404 `not-found`, as the pages do.
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequestParts<WebState> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &WebState,
    ) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Self(value)),
            Err(rejection) => {
                tracing::debug!("unreadable API path: {}", rejection.body_text());
                Err(ApiError::new(
                    StatusCode::NOT_FOUND,
                    "not-found",
                    negotiate(&parts.headers, None),
                ))
            }
        }
    }
}

/// The query string. One that cannot be read (a parameter missing, twice, of the wrong type,
/// invalid encoding) answers 400 `invalid-query`; limits on values are the use case's (422).
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequestParts<WebState> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &WebState,
    ) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(Self(value)),
            Err(rejection) => {
                tracing::debug!("unreadable API query: {}", rejection.body_text());
                Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "invalid-query",
                    negotiate(&parts.headers, None),
                ))
            }
        }
    }
}

/// A raw body (the roster file): over the route's limit 413 `body-too-large`; one that cannot
/// be read to its end 400 `invalid-request`.
pub struct ApiBody(pub axum::body::Bytes);

impl FromRequest<WebState> for ApiBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &WebState) -> Result<Self, Self::Rejection> {
        let lang = negotiate(req.headers(), None);
        match axum::body::Bytes::from_request(req, state).await {
            Ok(bytes) => Ok(Self(bytes)),
            Err(r) if r.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "body-too-large",
                lang,
            )),
            Err(r) => {
                tracing::debug!("unreadable body: {}", r.body_text());
                Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "invalid-request",
                    lang,
                ))
            }
        }
    }
}
