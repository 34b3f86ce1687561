//! The home page: the visitor's own space (nothing yet but the way to their rights).

use crate::error::PageError;
use crate::extract::SignedIn;
use crate::state::WebState;
use crate::views::{Base, ConfirmFacts, HomePage};
use axum::extract::State;
use axum::response::Redirect;
use preau_domain::policy::Action;

pub async fn show(State(state): State<WebState>, signed: SignedIn) -> Result<HomePage, PageError> {
    let lang = signed.visitor.lang;
    let is_admin = state
        .app
        .may(&signed.actor, Action::ViewAdministration)
        .is_ok();
    let confirm = if state.app.needs_annual_confirmation(&signed.actor) {
        let p = state
            .app
            .own_profile(&signed.actor)
            .await
            .map_err(|e| PageError::from_app(e, lang))?;
        Some(ConfirmFacts {
            name: format!("{} {}", p.given_name, p.family_name),
            email: p.email,
            structure: p.structure.unwrap_or_default(),
            corps: p.corps,
            functions: p
                .functions
                .iter()
                .map(|f| lang.t(&format!("function-{}", f.as_str())))
                .collect::<Vec<_>>()
                .join(", "),
        })
    } else {
        None
    };
    Ok(HomePage {
        base: Base::new(&state, &signed.visitor),
        given_name: signed.actor.account.given_name.clone(),
        is_admin,
        confirm,
    })
}

/// "C'est exact": the annual confirmation of the roster's facts.
pub async fn confirm(
    State(state): State<WebState>,
    signed: SignedIn,
) -> Result<Redirect, PageError> {
    state
        .app
        .confirm_profile(&signed.actor)
        .await
        .map_err(|e| PageError::from_app(e, signed.visitor.lang))?;
    Ok(Redirect::to("/"))
}

/// TRN-03: "J'ai lu" on the banner of a new information notice.
pub async fn acknowledge_notice(
    State(state): State<WebState>,
    signed: SignedIn,
) -> Result<Redirect, PageError> {
    state
        .app
        .acknowledge_notice(&signed.actor)
        .await
        .map_err(|e| PageError::from_app(e, signed.visitor.lang))?;
    Ok(Redirect::to("/"))
}
