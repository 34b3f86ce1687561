//! The pages behind mailed links (issue 9 §1): confirming an activation from the professional
//! mailbox, « ce n'était pas moi », confirming a recovery address. Each link opens a page
//! that says what will happen; only its button (a POST) acts, so a mail scanner that fetches
//! links changes nothing. An unknown, used or expired link gets one answer.

use super::redirect_with_session;
use crate::error::PageError;
use crate::extract::{Path, Visitor};
use crate::state::WebState;
use crate::views::{Base, ConfirmLinkPage, NoticePage};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use preau_app::AppError;

fn done(state: &WebState, visitor: &Visitor, title: &str, text: &str) -> Response {
    let lang = visitor.lang;
    NoticePage {
        base: Base::new(state, visitor),
        title: lang.t(title),
        text: lang.t(text),
        back_href: "/connexion",
        back_label: lang.t("nav-login"),
    }
    .into_response()
}

/// The answer to a mailed link that failed: an unknown or used link is a 404 page.
pub(crate) fn answer(state: &WebState, visitor: &Visitor, e: AppError) -> Response {
    match e {
        AppError::LinkInvalid => {
            let lang = visitor.lang;
            let page = NoticePage {
                base: Base::new(state, visitor),
                title: lang.t("link-invalid-title"),
                text: lang.t("link-invalid"),
                back_href: "/",
                back_label: lang.t("nav-home"),
            };
            (StatusCode::NOT_FOUND, page).into_response()
        }
        other => PageError::from_app(other, visitor.lang).into_response(),
    }
}

pub async fn activation(
    State(state): State<WebState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> Response {
    let lang = visitor.lang;
    match state.app.pending_activation(&token, &visitor.client).await {
        Ok(p) => ConfirmLinkPage {
            base: Base::new(&state, &visitor),
            title: lang.t("activation-confirm-title"),
            text: lang.t_with(
                "activation-confirm-text",
                &[
                    ("name", format!("{} {}", p.given_name, p.family_name).into()),
                    ("email", p.email.into()),
                ],
            ),
            action: format!("/activation/{token}"),
            button: lang.t("activation-confirm-button"),
            other: Some((
                format!("/activation/{token}/refus"),
                lang.t("not-me-button"),
                lang.t("activation-refuse-text"),
            )),
        }
        .into_response(),
        Err(e) => answer(&state, &visitor, e),
    }
}

pub async fn confirm_activation(
    State(state): State<WebState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> Response {
    match state
        .app
        .confirm_activation(&token, &visitor.client, &visitor.device)
        .await
    {
        Ok(ok) => redirect_with_session(&state, &ok.token, "/"),
        Err(e) => answer(&state, &visitor, e),
    }
}

pub async fn refuse_activation(
    State(state): State<WebState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> Response {
    match state.app.refuse_activation(&token, &visitor.client).await {
        Ok(()) => done(
            &state,
            &visitor,
            "activation-refused-title",
            "activation-refused",
        ),
        Err(e) => answer(&state, &visitor, e),
    }
}

pub async fn not_me(
    State(state): State<WebState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> Response {
    let lang = visitor.lang;
    match state
        .app
        .not_me_link_is_valid(&token, &visitor.client)
        .await
    {
        Ok(true) => ConfirmLinkPage {
            base: Base::new(&state, &visitor),
            title: lang.t("not-me-title"),
            text: lang.t("not-me-text"),
            action: format!("/ce-netait-pas-moi/{token}"),
            button: lang.t("not-me-button"),
            other: None,
        }
        .into_response(),
        Ok(false) => answer(&state, &visitor, AppError::LinkInvalid),
        Err(e) => answer(&state, &visitor, e),
    }
}

pub async fn report(
    State(state): State<WebState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> Response {
    match state.app.report_takeover(&token, &visitor.client).await {
        Ok(()) => done(&state, &visitor, "not-me-done-title", "not-me-done"),
        Err(e) => answer(&state, &visitor, e),
    }
}

pub async fn admin_grant(
    State(state): State<WebState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> Response {
    let lang = visitor.lang;
    match state.app.admin_grant_link(&token, &visitor.client).await {
        Ok(email) => ConfirmLinkPage {
            base: Base::new(&state, &visitor),
            title: lang.t("admin-confirm-title"),
            text: lang.t_with("admin-confirm-text", &[("email", email.into())]),
            action: format!("/administration/{token}"),
            button: lang.t("admin-confirm-button"),
            other: None,
        }
        .into_response(),
        Err(e) => answer(&state, &visitor, e),
    }
}

pub async fn confirm_admin_grant(
    State(state): State<WebState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> Response {
    match state.app.confirm_admin_grant(&token, &visitor.client).await {
        Ok(()) => done(&state, &visitor, "admin-confirmed-title", "admin-confirmed"),
        Err(e) => answer(&state, &visitor, e),
    }
}

pub async fn recovery(
    State(state): State<WebState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> Response {
    let lang = visitor.lang;
    match state.app.recovery_link(&token, &visitor.client).await {
        Ok(address) => ConfirmLinkPage {
            base: Base::new(&state, &visitor),
            title: lang.t("recovery-confirm-title"),
            text: lang.t_with("recovery-confirm-text", &[("email", address.into())]),
            action: format!("/adresse-de-secours/{token}"),
            button: lang.t("recovery-confirm-button"),
            other: None,
        }
        .into_response(),
        Err(e) => answer(&state, &visitor, e),
    }
}

pub async fn confirm_recovery(
    State(state): State<WebState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> Response {
    match state
        .app
        .confirm_recovery_email(&token, &visitor.client)
        .await
    {
        Ok(()) => done(
            &state,
            &visitor,
            "recovery-confirmed-title",
            "recovery-confirmed",
        ),
        Err(e) => answer(&state, &visitor, e),
    }
}
