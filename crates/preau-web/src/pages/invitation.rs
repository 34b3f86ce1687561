//! The invitation, from the person's side: type the code from the letter (or follow the
//! emailed link), read the notice, then activate or decline.

use crate::error::{PageError, status_of};
use crate::extract::Path;
use crate::extract::{Visitor, WebForm};
use crate::state::WebState;
use crate::views::{
    ActivationPage, Base, Errors, InvitationCodePage, InvitationDonePage, InvitationPage, Legal,
    NOTICE_VERSION, NoticePage,
};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use preau_app::AppError;
use preau_app::invitations::ActivationForm;
use preau_domain::SecretToken;
use preau_domain::Timestamp;
use serde::Deserialize;

fn function_names(visitor: &Visitor, functions: &[preau_domain::roster::Function]) -> Vec<String> {
    functions
        .iter()
        .map(|f| visitor.lang.t(&format!("function-{}", f.as_str())))
        .collect()
}

/// One page for an unknown, used or expired code: which one it was is nobody's business.
fn invalid(state: &WebState, visitor: &Visitor) -> Response {
    let page = InvitationDonePage {
        base: Base::new(state, visitor),
        title_key: "invitation-invalid-title",
        text_key: "invitation-invalid",
    };
    (StatusCode::NOT_FOUND, page).into_response()
}

fn answer(state: &WebState, visitor: &Visitor, e: AppError) -> Response {
    match e {
        AppError::InvitationInvalid => invalid(state, visitor),
        other => PageError::from_app(other, visitor.lang).into_response(),
    }
}

pub async fn code_form(State(state): State<WebState>, visitor: Visitor) -> InvitationCodePage {
    InvitationCodePage {
        base: Base::new(&state, &visitor),
        code: String::new(),
        errors: Errors::default(),
    }
}

#[derive(Deserialize)]
pub struct CodeFields {
    #[serde(default)]
    code: String,
}

/// The typed code, normalised, becomes the page's address.
pub async fn code_submit(
    State(state): State<WebState>,
    visitor: Visitor,
    WebForm(f): WebForm<CodeFields>,
) -> Response {
    let code = SecretToken::from_typed_code(&f.code);
    if code.expose().is_empty() {
        let mut errors = preau_app::FieldErrors::default();
        errors.add("code", "code-missing");
        let page = InvitationCodePage {
            base: Base::new(&state, &visitor),
            code: f.code,
            errors: Errors::translate(&errors, visitor.lang),
        };
        return (StatusCode::UNPROCESSABLE_ENTITY, page).into_response();
    }
    Redirect::to(&format!("/invitation/{}", code.expose())).into_response()
}

pub async fn show(
    State(state): State<WebState>,
    visitor: Visitor,
    Path(code): Path<String>,
) -> Response {
    let legal = Legal::from_config(state.app.config());
    let purposes = match legal.purposes(visitor.lang == crate::i18n::Lang::En) {
        Ok(p) => p,
        Err(e) => return answer(&state, &visitor, e),
    };
    match state.app.open_invitation(&code, &visitor.client).await {
        Ok(inv) => InvitationPage {
            base: Base::new(&state, &visitor),
            legal,
            purposes,
            code,
            functions: function_names(&visitor, &inv.functions),
            given_name: inv.given_name,
            family_name: inv.family_name,
            email: inv.email,
            structure: inv.structure,
            expires: Timestamp::from_unix(inv.expires_at).date(),
        }
        .into_response(),
        Err(e) => answer(&state, &visitor, e),
    }
}

pub async fn activation_form(
    State(state): State<WebState>,
    visitor: Visitor,
    Path(code): Path<String>,
) -> Response {
    match state.app.open_invitation(&code, &visitor.client).await {
        Ok(inv) => ActivationPage {
            base: Base::new(&state, &visitor),
            code,
            given_name: inv.given_name,
            notice_version: NOTICE_VERSION,
            scope: "my_places".into(),
            show_structure: true,
            show_functions: false,
            errors: Errors::default(),
        }
        .into_response(),
        Err(e) => answer(&state, &visitor, e),
    }
}

#[derive(Deserialize)]
pub struct ActivationFields {
    #[serde(default)]
    notice_version: String,
    #[serde(default)]
    accept: Option<String>,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirmation: String,
    #[serde(default)]
    scope: String,
    #[serde(default)]
    show_structure: Option<String>,
    #[serde(default)]
    show_functions: Option<String>,
}

pub async fn activate(
    State(state): State<WebState>,
    visitor: Visitor,
    Path(code): Path<String>,
    WebForm(f): WebForm<ActivationFields>,
) -> Response {
    let form = ActivationForm {
        notice_version: f.notice_version,
        accept: f.accept.is_some(),
        password: f.password,
        password_confirmation: f.password_confirmation,
        scope: f.scope,
        show_structure: f.show_structure.is_some(),
        show_functions: f.show_functions.is_some(),
        locale: Some(visitor.lang.code().to_owned()),
    };
    match state
        .app
        .request_activation(&code, &visitor.client, &form)
        .await
    {
        Ok(email) => {
            let lang = visitor.lang;
            NoticePage {
                base: Base::new(&state, &visitor),
                title: lang.t("activation-sent-title"),
                text: lang.t_with("activation-sent", &[("email", email.into())]),
                back_href: "/",
                back_label: lang.t("nav-home"),
            }
            .into_response()
        }
        Err(e @ AppError::Invalid(_)) => {
            let AppError::Invalid(fields) = &e else {
                return answer(&state, &visitor, e);
            };
            let given_name = match state.app.open_invitation(&code, &visitor.client).await {
                Ok(inv) => inv.given_name,
                Err(e) => return answer(&state, &visitor, e),
            };
            let page = ActivationPage {
                base: Base::new(&state, &visitor),
                code,
                given_name,
                notice_version: NOTICE_VERSION,
                scope: form.scope.clone(),
                show_structure: form.show_structure,
                show_functions: form.show_functions,
                errors: Errors::translate(fields, visitor.lang),
            };
            (status_of(&e), page).into_response()
        }
        Err(e) => answer(&state, &visitor, e),
    }
}

pub async fn decline(
    State(state): State<WebState>,
    visitor: Visitor,
    Path(code): Path<String>,
) -> Response {
    match state.app.decline_invitation(&code, &visitor.client).await {
        Ok(()) => InvitationDonePage {
            base: Base::new(&state, &visitor),
            title_key: "declined-title",
            text_key: "declined-text",
        }
        .into_response(),
        Err(e) => answer(&state, &visitor, e),
    }
}
