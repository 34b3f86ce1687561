//! Login and logout.

use super::redirect_with_session;
use crate::cookies;
use crate::error::{PageError, form_failure};
use crate::extract::Query;
use crate::extract::{SignedIn, Visitor, WebForm};
use crate::state::WebState;
use crate::views::{Base, Errors, LoginPage};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use preau_domain::password::PasswordAttempt;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct LoginQuery {
    #[serde(default)]
    pub ok: Option<String>,
}

/// Notices a page may show after a redirect; anything else in `?ok=` is ignored.
const LOGIN_NOTICES: [&str; 2] = ["logged-out", "logged-out-everywhere"];

pub async fn show(
    State(state): State<WebState>,
    visitor: Visitor,
    Query(q): Query<LoginQuery>,
) -> Response {
    if visitor.actor.is_some() {
        return Redirect::to("/").into_response();
    }
    let notice =
        q.ok.as_deref()
            .filter(|k| LOGIN_NOTICES.contains(k))
            .map(|k| visitor.lang.t(k));
    LoginPage {
        base: Base::new(&state, &visitor),
        email: String::new(),
        errors: Errors::default(),
        notice,
    }
    .into_response()
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

pub async fn submit(
    State(state): State<WebState>,
    visitor: Visitor,
    headers: axum::http::HeaderMap,
    WebForm(form): WebForm<LoginForm>,
) -> Result<Response, PageError> {
    let previous = cookies::read(&headers, state.web.session_cookie)
        .map(|t| preau_domain::SecretToken::from_client(t).hash());
    let attempt = PasswordAttempt::new(form.password);
    match state
        .app
        .login(
            &form.email,
            attempt,
            previous.as_ref(),
            &visitor.device,
            &visitor.client,
        )
        .await
    {
        Ok(ok) if ok.closing_cancelled => Ok(redirect_with_session(
            &state,
            &ok.token,
            "/compte/donnees?ok=suppression-annulee",
        )),
        Ok(ok) => Ok(redirect_with_session(&state, &ok.token, "/")),
        Err(e) => {
            let (errors, reply) = form_failure(e, visitor.lang)?;
            let page = LoginPage {
                base: Base::new(&state, &visitor),
                email: form.email,
                errors,
                notice: None,
            };
            Ok(reply.with(page))
        }
    }
}

pub async fn logout(
    State(state): State<WebState>,
    signed: SignedIn,
) -> Result<Response, PageError> {
    state
        .app
        .logout(&signed.actor)
        .await
        .map_err(|e| PageError::from_app(e, signed.visitor.lang))?;
    Ok(cleared("/connexion?ok=logged-out", &state))
}

/// A redirect that also removes the session cookie from the browser.
pub(crate) fn cleared(to: &str, state: &WebState) -> Response {
    let mut response = Redirect::to(to).into_response();
    if let Some(cookie) = cookies::clear_session(&state.web) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}
