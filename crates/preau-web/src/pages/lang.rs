//! The language switch in every footer: a cookie for everyone, and the account's saved
//! choice for a logged-in person.

use super::safe_next;
use crate::cookies;
use crate::error::PageError;
use crate::extract::{Visitor, WebForm};
use crate::i18n::Lang;
use crate::state::WebState;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LangForm {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    next: String,
}

pub async fn switch(
    State(state): State<WebState>,
    visitor: Visitor,
    WebForm(form): WebForm<LangForm>,
) -> Result<Response, PageError> {
    let Some(lang) = Lang::parse(&form.lang) else {
        return Err(PageError::new(
            StatusCode::BAD_REQUEST,
            "unknown-language",
            visitor.lang,
        ));
    };
    if let Some(actor) = &visitor.actor {
        state
            .app
            .set_locale(actor, lang.code())
            .await
            .map_err(|e| PageError::from_app(e, visitor.lang))?;
    }
    let mut response = Redirect::to(&safe_next(&form.next)).into_response();
    if let Some(cookie) = cookies::lang(&state.web, lang.code()) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}
