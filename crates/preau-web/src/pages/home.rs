//! The home page: the visitor's own space (nothing yet but the way to their rights).

use crate::error::PageError;
use crate::extract::SignedIn;
use crate::state::WebState;
use crate::views::{Base, HomePage};
use axum::extract::State;
use preau_domain::Permission;

pub async fn show(State(state): State<WebState>, signed: SignedIn) -> Result<HomePage, PageError> {
    let permissions = state
        .app
        .permissions(&signed.actor)
        .await
        .map_err(|e| PageError::from_app(e, signed.visitor.lang))?;
    Ok(HomePage {
        base: Base::new(&state, &signed.visitor),
        given_name: signed.actor.user.given_name.clone(),
        is_admin: permissions.contains(&Permission::Admin),
    })
}
