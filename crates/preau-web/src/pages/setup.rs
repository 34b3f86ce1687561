//! The first-administrator page, reached only through the link printed on the console.

use super::redirect_with_session;
use crate::error::{PageError, status_of};
use crate::extract::Path;
use crate::extract::{Visitor, WebForm};
use crate::state::WebState;
use crate::views::{Base, Errors, SetupPage, SetupProblemPage};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use preau_app::AppError;
use preau_app::setup::{SetupForm, SetupLinkState};
use preau_domain::SecretToken;
use serde::Deserialize;

fn problem(state: &WebState, visitor: &Visitor, link: SetupLinkState) -> Response {
    let status = if link == SetupLinkState::Unknown {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::GONE
    };
    (
        status,
        SetupProblemPage {
            base: Base::new(state, visitor),
            code: link.code(),
        },
    )
        .into_response()
}

pub async fn show(
    State(state): State<WebState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let link = state
        .app
        .setup_link_state(&SecretToken::from_client(&token))
        .await
        .map_err(|e| PageError::from_app(e, visitor.lang))?;
    if link != SetupLinkState::Valid {
        return Ok(problem(&state, &visitor, link));
    }
    Ok(SetupPage {
        base: Base::new(&state, &visitor),
        token,
        given_name: String::new(),
        family_name: String::new(),
        email: String::new(),
        errors: Errors::default(),
    }
    .into_response())
}

#[derive(Deserialize)]
pub struct SetupFields {
    #[serde(default)]
    given_name: String,
    #[serde(default)]
    family_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirmation: String,
}

pub async fn submit(
    State(state): State<WebState>,
    visitor: Visitor,
    Path(token): Path<String>,
    WebForm(fields): WebForm<SetupFields>,
) -> Result<Response, PageError> {
    let form = SetupForm {
        given_name: fields.given_name,
        family_name: fields.family_name,
        email: fields.email,
        password: fields.password,
        password_confirmation: fields.password_confirmation,
        locale: Some(visitor.lang.code().to_owned()),
    };
    match state
        .app
        .complete_setup(&SecretToken::from_client(&token), &form, &visitor.device)
        .await
    {
        Ok(ok) if !ok.account.is_admin() => {
            // An additional administrator: the grant waits for their mailbox.
            let lang = visitor.lang;
            let mut response = crate::views::NoticePage {
                base: Base::new(&state, &visitor),
                title: lang.t("admin-pending-title"),
                text: lang.t_with("admin-pending", &[("email", ok.account.email.into())]),
                back_href: "/",
                back_label: lang.t("nav-home"),
            }
            .into_response();
            if let Some(cookie) = crate::cookies::session(&state.web, ok.token.expose()) {
                response
                    .headers_mut()
                    .append(axum::http::header::SET_COOKIE, cookie);
            }
            Ok(response)
        }
        Ok(ok) => Ok(redirect_with_session(&state, &ok.token, "/")),
        Err(AppError::SetupLink(link)) => Ok(problem(&state, &visitor, link)),
        Err(e @ AppError::Invalid(_)) => {
            let AppError::Invalid(fields) = &e else {
                return Err(PageError::from_app(e, visitor.lang));
            };
            let page = SetupPage {
                base: Base::new(&state, &visitor),
                token,
                given_name: form.given_name,
                family_name: form.family_name,
                email: form.email,
                errors: Errors::translate(fields, visitor.lang),
            };
            Ok((status_of(&e), page).into_response())
        }
        Err(e) => Err(PageError::from_app(e, visitor.lang)),
    }
}
