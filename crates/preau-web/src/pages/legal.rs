//! The three legal pages linked from every footer; public, rendered from configuration.

use crate::extract::Visitor;
use crate::state::WebState;
use crate::views::{AccessibilityPage, Base, FramePage, Legal, PrivacyPage};
use axum::extract::State;

pub async fn privacy(State(state): State<WebState>, visitor: Visitor) -> PrivacyPage {
    PrivacyPage {
        base: Base::new(&state, &visitor),
        legal: Legal::from_config(state.app.config()),
    }
}

pub async fn frame(State(state): State<WebState>, visitor: Visitor) -> FramePage {
    FramePage {
        base: Base::new(&state, &visitor),
        legal: Legal::from_config(state.app.config()),
    }
}

pub async fn accessibility(State(state): State<WebState>, visitor: Visitor) -> AccessibilityPage {
    AccessibilityPage {
        base: Base::new(&state, &visitor),
        legal: Legal::from_config(state.app.config()),
    }
}
