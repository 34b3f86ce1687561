//! API errors: `{"error": {"code": "...", "message": "...", "fields": [...]}}` with the status
//! that fits, the message in the language of `Accept-Language`.

use crate::error::{retry_after, status_of};
use crate::i18n::Lang;
use axum::Json;
use axum::http::{StatusCode, header};
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
        if let AppError::Internal(cause) = &e {
            tracing::error!("internal error: {cause}");
        }
        let mut out = Self::new(status_of(&e), e.code(), lang);
        match e {
            AppError::Invalid(fields) => out.fields = fields.0,
            AppError::Throttled {
                retry_after_seconds,
            } => out.retry_after = Some(retry_after_seconds),
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
