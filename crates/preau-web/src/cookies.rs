//! The two cookies Préau sets: the session token and the interface language. Nothing else is
//! stored in the browser.

use crate::state::WebSettings;
use axum::http::{HeaderMap, HeaderValue, header};

pub const LANG_COOKIE: &str = "preau_lang";

/// The value of a cookie from the request's `Cookie` headers.
pub fn read<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn build(settings: &WebSettings, name: &str, value: &str, extra: &str) -> Option<HeaderValue> {
    let secure = if settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax{secure}{extra}"
    ))
    .ok()
}

/// A browser-session cookie: it ends with the browser, and the server ends it sooner.
pub fn session(settings: &WebSettings, token: &str) -> Option<HeaderValue> {
    build(settings, settings.session_cookie, token, "")
}

pub fn clear_session(settings: &WebSettings) -> Option<HeaderValue> {
    build(settings, settings.session_cookie, "", "; Max-Age=0")
}

pub fn lang(settings: &WebSettings, code: &str) -> Option<HeaderValue> {
    build(settings, LANG_COOKIE, code, "; Max-Age=31536000")
}
