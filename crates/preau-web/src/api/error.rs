//! API errors: `{"error": {"code": "...", "message": "...", "fields": [...]}}` with the status
//! that fits, the message in the language of `Accept-Language`.

use crate::error::{UNAVAILABLE_RETRY_AFTER, log_cause, retry_after, status_of};
use crate::extract::negotiate;
use crate::i18n::Lang;
use axum::Json;
use axum::extract::Request;
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use preau_app::AppError;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable, machine-readable; also the id of the translated message.
    pub code: String,
    pub message: String,
    /// For `invalid-input`: which field and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

#[derive(Serialize, ToSchema)]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub lang: Lang,
    pub fields: Vec<(&'static str, &'static str)>,
    pub retry_after: Option<i64>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, lang: Lang) -> Self {
        Self {
            status,
            code,
            lang,
            fields: Vec::new(),
            retry_after: None,
        }
    }

    pub fn from_app(e: AppError, lang: Lang) -> Self {
        log_cause(&e);
        let mut out = Self::new(status_of(&e), e.code(), lang);
        match e {
            AppError::Invalid(fields) => out.fields = fields.0,
            AppError::Throttled {
                retry_after_seconds,
            } => out.retry_after = Some(retry_after_seconds),
            AppError::Unavailable(_) => out.retry_after = Some(UNAVAILABLE_RETRY_AFTER),
            _ => {}
        }
        out
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code.to_owned(),
                message: self.lang.t(self.code),
                fields: self
                    .fields
                    .iter()
                    .map(|(f, c)| FieldError {
                        field: (*f).to_owned(),
                        code: (*c).to_owned(),
                        message: self.lang.t(c),
                    })
                    .collect(),
            },
        };
        let mut response = (self.status, Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer realm=\"preau\""),
            );
        }
        if let Some(seconds) = self.retry_after {
            let (name, value) = retry_after(seconds);
            response.headers_mut().insert(name, value);
        }
        response
    }
}

/// The code of an error answered by the framework or an outer layer rather than a handler.
fn code_for(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => "not-found",
        StatusCode::METHOD_NOT_ALLOWED => "method-not-allowed",
        StatusCode::REQUEST_TIMEOUT => "request-timeout",
        StatusCode::PAYLOAD_TOO_LARGE => "body-too-large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "expected-json",
        StatusCode::RANGE_NOT_SATISFIABLE => "range-not-satisfiable",
        StatusCode::SERVICE_UNAVAILABLE => "unavailable",
        s if s.is_server_error() => "internal-error",
        _ => "invalid-request",
    }
}

/// A known API path asked with a method it does not take: 405 `method-not-allowed` (the
/// router adds `Allow`).
pub async fn method_not_allowed(headers: HeaderMap) -> Response {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method-not-allowed",
        negotiate(&headers, None),
    )
    .into_response()
}

/// Around the layers that answer by themselves (body limit 413, timeout 408, panic 500): on
/// `/api/` paths their plain or empty answer becomes the JSON error with a stable code, so a
/// client never has to parse anything else. Headers such as `Allow` and `Retry-After` are kept.
pub async fn json_errors(request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let lang = negotiate(request.headers(), None);
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let mut json = ApiError::new(status, code_for(status), lang).into_response();
    for name in [header::ALLOW, header::RETRY_AFTER, header::CONTENT_RANGE] {
        if let Some(value) = response.headers().get(&name) {
            json.headers_mut().insert(name, value.clone());
        }
    }
    json
}
