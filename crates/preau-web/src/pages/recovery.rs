//! "Mot de passe oublié": ask for a link, then choose a new password from it.

use crate::error::{PageError, form_failure, status_of};
use crate::extract::Path;
use crate::extract::{Visitor, WebForm};
use crate::state::WebState;
use crate::views::{Base, Errors, ForgotPage, NoticePage, ResetPage};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use preau_app::AppError;
use serde::Deserialize;

pub async fn form(State(state): State<WebState>, visitor: Visitor) -> ForgotPage {
    ForgotPage {
        base: Base::new(&state, &visitor),
        email: String::new(),
        errors: Errors::default(),
    }
}

#[derive(Deserialize)]
pub struct ForgotFields {
    #[serde(default)]
    email: String,
}

/// The same answer whether an account exists or not.
pub async fn request(
    State(state): State<WebState>,
    visitor: Visitor,
    WebForm(f): WebForm<ForgotFields>,
) -> Response {
    let lang = visitor.lang;
    match state.app.request_password_reset(&f.email).await {
        Ok(()) => NoticePage {
            base: Base::new(&state, &visitor),
            title: lang.t("forgot-title"),
            text: lang.t("forgot-sent"),
            back_href: "/connexion",
            back_label: lang.t("nav-login"),
        }
        .into_response(),
        Err(e) => match form_failure(e, lang) {
            Ok((errors, reply)) => reply.with(ForgotPage {
                base: Base::new(&state, &visitor),
                email: f.email,
                errors,
            }),
            Err(page) => page.into_response(),
        },
    }
}

fn invalid(state: &WebState, visitor: &Visitor) -> Response {
    let lang = visitor.lang;
    let page = NoticePage {
        base: Base::new(state, visitor),
        title: lang.t("reset-title"),
        text: lang.t("reset-invalid"),
        back_href: "/mot-de-passe-oublie",
        back_label: lang.t("forgot-title"),
    };
    (StatusCode::NOT_FOUND, page).into_response()
}

pub async fn reset_form(
    State(state): State<WebState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> Response {
    match state.app.reset_link_is_valid(&token, &visitor.client).await {
        Ok(true) => ResetPage {
            base: Base::new(&state, &visitor),
            token,
            errors: Errors::default(),
        }
        .into_response(),
        Ok(false) => invalid(&state, &visitor),
        Err(e) => PageError::from_app(e, visitor.lang).into_response(),
    }
}

#[derive(Deserialize)]
pub struct ResetFields {
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirmation: String,
}

pub async fn reset(
    State(state): State<WebState>,
    visitor: Visitor,
    Path(token): Path<String>,
    WebForm(f): WebForm<ResetFields>,
) -> Response {
    let lang = visitor.lang;
    match state
        .app
        .reset_password(
            &token,
            &f.password,
            &f.password_confirmation,
            &visitor.client,
        )
        .await
    {
        Ok(()) => NoticePage {
            base: Base::new(&state, &visitor),
            title: lang.t("reset-title"),
            text: lang.t("reset-done"),
            back_href: "/connexion",
            back_label: lang.t("nav-login"),
        }
        .into_response(),
        Err(AppError::ResetInvalid) => invalid(&state, &visitor),
        Err(e @ AppError::Invalid(_)) => {
            let AppError::Invalid(fields) = &e else {
                return invalid(&state, &visitor);
            };
            let page = ResetPage {
                base: Base::new(&state, &visitor),
                token,
                errors: Errors::translate(fields, lang),
            };
            (status_of(&e), page).into_response()
        }
        Err(e) => PageError::from_app(e, lang).into_response(),
    }
}
