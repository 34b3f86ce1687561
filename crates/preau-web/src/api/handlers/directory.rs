//! Colleagues the caller may see.

use crate::api::error::{ApiError, ErrorBody};
use crate::api::extract::{ApiActor, ApiPath, ApiQuery};
use crate::state::WebState;
use axum::Json;
use axum::extract::State;
use preau_app::directory::{MAX_QUERY_CHARS, MIN_QUERY_CHARS};
use preau_app::{AppError, FieldErrors};
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
        (status = 422, description = "`invalid-input`: `search-too-short` or `search-too-long`, counted as the pattern \
            counts (a query valid as written but without letters once folded, such as `¨¨¨`, finds nobody)", body = ErrorBody),
        (status = 429, description = "`too-many-attempts`, with `Retry-After`", body = ErrorBody)))]
pub async fn directory(
    State(state): State<WebState>,
    who: ApiActor,
    ApiQuery(q): ApiQuery<DirectoryQuery>,
) -> Result<Json<Vec<Person>>, ApiError> {
    // The limits as the document's pattern counts them, so that what it declares valid is
    // searched and what it declares invalid is refused.
    let short = q.q.chars().filter(|c| !ignored_in_count(*c)).count() < MIN_QUERY_CHARS;
    let long = q.q.chars().count() > MAX_QUERY_CHARS;
    if short || long {
        let mut e = FieldErrors::default();
        e.add(
            "q",
            if long {
                "search-too-long"
            } else {
                "search-too-short"
            },
        );
        return Err(ApiError::from_app(AppError::Invalid(e), who.lang));
    }
    match state.app.search_directory(&who.actor, &q.q).await {
        Ok(cards) => Ok(Json(cards.into_iter().map(person).collect())),
        // Valid as written but nothing left once folded (spacing accents such as `¨`, signs
        // without letters): no name is made of nothing, so nobody.
        Err(AppError::Invalid(f)) if f.0.iter().all(|(_, c)| *c == "search-too-short") => {
            Ok(Json(Vec::new()))
        }
        Err(e) => Err(ApiError::from_app(e, who.lang)),
    }
}

/// What the pattern of `q` does not count: spaces, `'’._-` and the combining marks it names.
fn ignored_in_count(c: char) -> bool {
    matches!(c,
        '\t'..='\r' | ' ' | '\u{85}' | '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}'
        | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
        | '\'' | '’' | '.' | '_' | '-'
        | '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
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
