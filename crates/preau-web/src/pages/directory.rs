//! The directory pages: search (≥ 3 characters, ≤ 20 results) and a person's card, showing
//! only what the person chose to show.

use crate::error::{PageError, form_failure, parse_id};
use crate::extract::SignedIn;
use crate::extract::{Path, Query};
use crate::state::WebState;
use crate::views::{Base, CardView, DirectoryPage, Errors, PersonPage};
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use preau_app::directory::PersonCard;
use serde::Deserialize;

pub(crate) fn card_view(lang: crate::i18n::Lang, c: PersonCard) -> CardView {
    CardView {
        id: c.id.to_string(),
        name: format!("{} {}", c.given_name, c.family_name),
        structure: c.structure,
        functions: c
            .functions
            .iter()
            .map(|f| lang.t(&format!("function-{}", f.as_str())))
            .collect(),
    }
}

#[derive(Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: Option<String>,
}

pub async fn search(
    State(state): State<WebState>,
    signed: SignedIn,
    Query(q): Query<SearchQuery>,
) -> Response {
    let lang = signed.visitor.lang;
    let base = Base::new(&state, &signed.visitor);
    let Some(query) = q.q else {
        return DirectoryPage {
            base,
            query: String::new(),
            searched: false,
            results: Vec::new(),
            errors: Errors::default(),
        }
        .into_response();
    };
    match state.app.search_directory(&signed.actor, &query).await {
        Ok(cards) => {
            let results = cards.into_iter().map(|c| card_view(lang, c)).collect();
            DirectoryPage {
                base,
                query,
                searched: true,
                results,
                errors: Errors::default(),
            }
            .into_response()
        }
        Err(e) => match form_failure(e, lang) {
            Ok((errors, reply)) => reply.with(DirectoryPage {
                base,
                query,
                searched: true,
                results: Vec::new(),
                errors,
            }),
            Err(page) => page.into_response(),
        },
    }
}

pub async fn person(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
) -> Result<PersonPage, PageError> {
    let lang = signed.visitor.lang;
    let id = parse_id(&id, lang)?;
    let card = state
        .app
        .person(&signed.actor, id)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    Ok(PersonPage {
        base: Base::new(&state, &signed.visitor),
        person: card_view(lang, card),
    })
}
