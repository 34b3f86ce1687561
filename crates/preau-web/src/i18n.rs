//! Translations live in `preau-app` (its emails speak the recipient's language too); the web
//! layer uses the same catalogue.

pub use preau_app::i18n::*;
