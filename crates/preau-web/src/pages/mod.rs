//! HTML pages: parse the form, call the use case, render or redirect (POST → 303 → GET).

pub mod account;
pub mod admin;
pub mod auth;
pub mod directory;
pub mod documents;
pub mod groups;
pub mod home;
pub mod invitation;
pub mod lang;
pub mod legal;
pub mod links;
pub mod my_data;
pub mod notifications;
pub mod recovery;
pub mod rights;
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

/// Only paths of this site are followed after a form, never another site. `next` is
/// resolved as a browser would resolve it (the `url` crate implements the WHATWG parser, which
/// drops tabs and newlines and reads `\` as `/`), so `/\t/evil.example/` is the other site it
/// would reach; only the path and query of a same-site result are kept, percent-encoded, so a
/// control character cannot reach the `Location` header.
pub(crate) fn safe_next(next: &str) -> String {
    const HERE: &str = "http://preau.invalid/";
    let Ok(base) = url::Url::parse(HERE) else {
        return "/".to_owned();
    };
    if !next.starts_with('/') {
        return "/".to_owned();
    }
    match base.join(next) {
        Ok(target) if target.origin() == base.origin() => match target.query() {
            Some(q) => format!("{}?{q}", target.path()),
            None => target.path().to_owned(),
        },
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_same_site_paths_are_followed() {
        assert_eq!(safe_next("/annuaire?q=dup"), "/annuaire?q=dup");
        assert_eq!(safe_next("/compte"), "/compte");
        for off_site in [
            "//evil.example/",
            "/\\evil.example/",
            "/\t/evil.example/",
            "/\n/evil.example",
            "https://evil.example/",
            "evil.example",
            "",
            "javascript:alert(1)",
        ] {
            assert_eq!(safe_next(off_site), "/", "{off_site:?}");
        }
        assert_eq!(
            safe_next("/a\u{7}b"),
            "/a%07b",
            "control characters are encoded"
        );
    }
}
