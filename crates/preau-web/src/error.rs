//! Errors with a public face and a private cause: the person sees a translated message and a
//! stable code; the log gets the cause. Never a bare 500 from a rejection.

use crate::i18n::Lang;
use crate::views::{Base, ErrorPage};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use preau_app::AppError;

/// An error answered with an HTML page.
#[derive(Debug)]
pub struct PageError {
    pub status: StatusCode,
    pub code: &'static str,
    pub lang: Lang,
    pub retry_after: Option<i64>,
}

impl PageError {
    pub fn new(status: StatusCode, code: &'static str, lang: Lang) -> Self {
        Self {
            status,
            code,
            lang,
            retry_after: None,
        }
    }

    pub fn from_app(e: AppError, lang: Lang) -> Self {
        let status = status_of(&e);
        log_cause(&e);
        let retry_after = match e {
            AppError::Throttled {
                retry_after_seconds,
            } => Some(retry_after_seconds),
            AppError::Unavailable(_) => Some(UNAVAILABLE_RETRY_AFTER),
            _ => None,
        };
        Self {
            status,
            code: e.code(),
            lang,
            retry_after,
        }
    }
}

/// When to try again after a 503 because the database does not answer.
pub const UNAVAILABLE_RETRY_AFTER: i64 = 5;

/// The cause of a 500 or a 503 goes to the log, never to the person.
pub fn log_cause(e: &AppError) {
    match e {
        AppError::Internal(cause) => tracing::error!("internal error: {cause}"),
        AppError::Unavailable(cause) => tracing::warn!("answered 503: {cause}"),
        _ => {}
    }
}

pub fn status_of(e: &AppError) -> StatusCode {
    match e {
        AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::BadCredentials | AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
        AppError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
        AppError::Forbidden => StatusCode::FORBIDDEN,
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::SetupLink(_) => StatusCode::GONE,
        AppError::LimitReached | AppError::NoticeOutdated => StatusCode::CONFLICT,
        AppError::InvitationInvalid | AppError::ResetInvalid | AppError::LinkInvalid => {
            StatusCode::NOT_FOUND
        }
        AppError::AccountSuspended => StatusCode::FORBIDDEN,
        AppError::ReprintNeedsConfirmation
        | AppError::LastGroupOwner
        | AppError::RightsConflict(_) => StatusCode::CONFLICT,
        AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// `Retry-After` for a throttled answer.
pub fn retry_after(seconds: i64) -> (header::HeaderName, HeaderValue) {
    (header::RETRY_AFTER, HeaderValue::from(seconds.max(1)))
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let page = ErrorPage {
            base: Base::anonymous(self.lang, "/"),
            status: self.status.as_u16(),
            title: self
                .lang
                .t(&format!("{}-title", status_family(self.status))),
            message: self.lang.t(self.code),
        };
        let mut response = (self.status, page).into_response();
        if let Some(seconds) = self.retry_after {
            let (name, value) = retry_after(seconds);
            response.headers_mut().insert(name, value);
        }
        response
    }
}

fn status_family(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 | 405 | 422 => "error-bad-request",
        401 => "error-unauthorized",
        403 => "error-forbidden",
        404 => "error-not-found",
        410 => "error-gone",
        409 => "error-conflict",
        413 => "error-too-large",
        429 => "error-too-many",
        503 => "error-unavailable",
        _ => "error-internal",
    }
}

/// How a form answers a refusal it shows on its own page: the status, and `Retry-After` when
/// throttled.
pub struct FormReply {
    status: StatusCode,
    retry_after: Option<i64>,
}

impl FormReply {
    pub fn with(self, page: impl IntoResponse) -> Response {
        let mut response = (self.status, page).into_response();
        if let Some(seconds) = self.retry_after {
            let (name, value) = retry_after(seconds);
            response.headers_mut().insert(name, value);
        }
        response
    }
}

/// Splits a use case's refusal into what the form shows (field errors, or one general
/// message for a wrong password, throttling or a limit) and how to answer; any other error
/// becomes a full error page.
pub fn form_failure(
    e: AppError,
    lang: Lang,
) -> Result<(crate::views::Errors, FormReply), PageError> {
    use crate::views::Errors;
    let status = status_of(&e);
    let (errors, retry_after) = match &e {
        AppError::Invalid(fields) => (Errors::translate(fields, lang), None),
        AppError::Throttled {
            retry_after_seconds,
        } => (
            Errors::general(lang.t_with(
                "too-many-attempts-wait",
                &[("seconds", (*retry_after_seconds).into())],
            )),
            Some(*retry_after_seconds),
        ),
        AppError::BadCredentials
        | AppError::LimitReached
        | AppError::AccountSuspended
        | AppError::LastGroupOwner
        | AppError::RightsConflict(_) => (Errors::general(lang.t(e.code())), None),
        _ => return Err(PageError::from_app(e, lang)),
    };
    Ok((
        errors,
        FormReply {
            status,
            retry_after,
        },
    ))
}

/// An id in a path; a malformed one is simply not found.
pub fn parse_id(raw: &str, lang: Lang) -> Result<uuid::Uuid, PageError> {
    uuid::Uuid::parse_str(raw).map_err(|_| PageError::new(StatusCode::NOT_FOUND, "not-found", lang))
}
