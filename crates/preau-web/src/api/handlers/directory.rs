//! Colleagues the caller may see.

use crate::api::error::{ApiError, ErrorBody};
use crate::api::extract::{ApiActor, ApiPath, ApiQuery};
use crate::state::WebState;
use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
pub struct Person {
    pub id: Uuid,
    pub given_name: String,
    pub family_name: String,
    /// Present only if the person chose to show it.
    pub structure: Option<String>,
    /// Present only if the person chose to show them: `school_director`, `cpc`, `erun`, `ien`,
    /// `secretary`, `other`.
    pub functions: Vec<String>,
}

fn person(c: preau_app::directory::PersonCard) -> Person {
    Person {
        id: c.id,
        given_name: c.given_name,
        family_name: c.family_name,
        structure: c.structure,
        functions: c.functions.iter().map(|f| f.as_str().to_owned()).collect(),
    }
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DirectoryQuery {
    /// Part of a name: at least 3 letters or digits (spaces, `-`, `'`, `.`, `_` and accents
    /// do not count), at most 100 characters; accents and case are ignored.
    #[param(
        min_length = 3,
        max_length = 100,
        pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000'’._\-\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]*(?:[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000'’._\-\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f][\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000'’._\-\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]*){3,}$"
    )]
    pub q: String,
}

/// Colleagues the caller may see whose name contains `q`: at most 20, no filter by role or
/// function, 60 searches a minute.
#[utoipa::path(get, path = "/api/v1/directory", tag = "directory", security(("bearer" = [])), params(DirectoryQuery),
    responses((status = 200, description = "At most 20 cards", body = Vec<Person>),
        (status = 400, description = "`invalid-query`: `q` missing, repeated or unreadable", body = ErrorBody), (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 422, description = "`invalid-input`: `search-too-short` or `search-too-long`", body = ErrorBody),
        (status = 429, description = "`too-many-attempts`, with `Retry-After`", body = ErrorBody)))]
pub async fn directory(
    State(state): State<WebState>,
    who: ApiActor,
    ApiQuery(q): ApiQuery<DirectoryQuery>,
) -> Result<Json<Vec<Person>>, ApiError> {
    let cards = state
        .app
        .search_directory(&who.actor, &q.q)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(Json(cards.into_iter().map(person).collect()))
}

/// One colleague's card, if the caller may see them (404 otherwise, whatever the reason).
#[utoipa::path(get, path = "/api/v1/people/{id}", tag = "directory", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The person's id")),
    responses((status = 200, description = "The card", body = Person), (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 404, description = "`not-found`, whatever the reason", body = ErrorBody)))]
pub async fn person_card(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<Person>, ApiError> {
    let card = state
        .app
        .person(&who.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(Json(person(card)))
}
