//! The three legal pages linked from every footer; public, rendered from configuration.

use crate::error::PageError;
use crate::extract::Visitor;
use crate::i18n::Lang;
use crate::state::WebState;
use crate::views::{AccessibilityPage, Base, FramePage, Legal, PrivacyPage};
use axum::extract::State;

/// The notice's table of processing comes from the register (TRN-04), never from the page.
pub async fn privacy(
    State(state): State<WebState>,
    visitor: Visitor,
) -> Result<PrivacyPage, PageError> {
    let legal = Legal::from_config(state.app.config());
    let purposes = legal
        .purposes(visitor.lang == Lang::En)
        .map_err(|e| PageError::from_app(e, visitor.lang))?;
    Ok(PrivacyPage {
        base: Base::new(&state, &visitor),
        legal,
        purposes,
    })
}

pub async fn frame(
    State(state): State<WebState>,
    visitor: Visitor,
) -> Result<FramePage, PageError> {
    let legal = Legal::from_config(state.app.config());
    let purposes = legal
        .purposes(visitor.lang == Lang::En)
        .map_err(|e| PageError::from_app(e, visitor.lang))?;
    Ok(FramePage {
        base: Base::new(&state, &visitor),
        legal,
        purposes,
    })
}

pub async fn accessibility(State(state): State<WebState>, visitor: Visitor) -> AccessibilityPage {
    AccessibilityPage {
        base: Base::new(&state, &visitor),
        legal: Legal::from_config(state.app.config()),
    }
}
