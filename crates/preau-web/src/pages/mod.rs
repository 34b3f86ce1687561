//! HTML pages: parse the form, call the use case, render or redirect (POST → 303 → GET).

pub mod account;
pub mod admin;
pub mod auth;
pub mod directory;
pub mod home;
pub mod invitation;
pub mod lang;
pub mod legal;
pub mod recovery;
pub mod setup;

use crate::cookies;
use crate::state::WebState;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use preau_domain::SecretToken;

/// A 303 to `to` that also sets the new session cookie.
pub(crate) fn redirect_with_session(state: &WebState, token: &SecretToken, to: &str) -> Response {
    let mut response = Redirect::to(to).into_response();
    if let Some(cookie) = cookies::session(&state.web, token.expose()) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// Only local paths are followed after a form, never another site.
pub(crate) fn safe_next(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.starts_with("/\\") {
        next
    } else {
        "/"
    }
}
