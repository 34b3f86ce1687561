//! "Mon compte": identity, password, sessions (« Mes sessions ») and personal API tokens.

use super::auth::cleared;
use crate::error::{PageError, form_failure, parse_id};
use crate::extract::{Path, Query};
use crate::extract::{SignedIn, WebForm};
use crate::state::WebState;
use crate::views::{
    AccountPage, Base, Errors, PasswordPage, RecoveryEmailPage, SessionLine, SessionsPage,
    TokenLine, TokensPage, VisibilityPage,
};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use preau_app::directory::DirectorySettings;
use preau_domain::Timestamp;
use preau_domain::password::PasswordAttempt;
use preau_domain::policy::DirectoryScope;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct NoticeQuery {
    #[serde(default)]
    ok: Option<String>,
}

const ACCOUNT_NOTICES: [&str; 1] = ["password-changed"];
const TOKEN_NOTICES: [&str; 1] = ["token-revoked"];

fn notice(q: &NoticeQuery, allowed: &[&str], signed: &SignedIn) -> Option<String> {
    q.ok.as_deref()
        .filter(|k| allowed.contains(k))
        .map(|k| signed.visitor.lang.t(k))
}

pub async fn show(
    State(state): State<WebState>,
    signed: SignedIn,
    Query(q): Query<NoticeQuery>,
) -> Result<AccountPage, PageError> {
    let sessions = state
        .app
        .session_count(&signed.actor)
        .await
        .map_err(|e| PageError::from_app(e, signed.visitor.lang))?;
    let user = &signed.actor.account;
    Ok(AccountPage {
        base: Base::new(&state, &signed.visitor),
        full_name: format!("{} {}", user.given_name, user.family_name),
        email: user.email.clone(),
        sessions,
        notice: notice(&q, &ACCOUNT_NOTICES, &signed),
    })
}

pub async fn logout_everywhere(
    State(state): State<WebState>,
    signed: SignedIn,
) -> Result<Response, PageError> {
    state
        .app
        .logout_everywhere(&signed.actor)
        .await
        .map_err(|e| PageError::from_app(e, signed.visitor.lang))?;
    Ok(cleared("/connexion?ok=logged-out-everywhere", &state))
}

const SESSION_NOTICES: [&str; 2] = ["session-ended", "other-sessions-ended"];

/// « Mes sessions »: where the person is logged in, and a button to end each.
pub async fn sessions(
    State(state): State<WebState>,
    signed: SignedIn,
    Query(q): Query<NoticeQuery>,
) -> Result<SessionsPage, PageError> {
    let lang = signed.visitor.lang;
    let rows = state
        .app
        .list_sessions(&signed.actor)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    let unknown = lang.t("sessions-device-unknown");
    let sessions = rows
        .into_iter()
        .map(|s| SessionLine {
            id: s.id.to_string(),
            // What the browser did not say is said in the page's language.
            device: s
                .device
                .split(" / ")
                .map(|part| if part == "?" { unknown.as_str() } else { part })
                .collect::<Vec<_>>()
                .join(" / "),
            started: s.started_at.minute(),
            started_iso: s.started_at.to_rfc3339(),
            last_active: s.last_active_at.minute(),
            last_active_iso: s.last_active_at.to_rfc3339(),
            current: s.current,
        })
        .collect();
    Ok(SessionsPage {
        base: Base::new(&state, &signed.visitor),
        sessions,
        notice: notice(&q, &SESSION_NOTICES, &signed),
    })
}

/// Ends one session by its public id; ending this very session logs this browser out.
pub async fn end_session(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let id = parse_id(&id, lang)?;
    let was_current = state
        .app
        .end_session(&signed.actor, id)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    if was_current {
        return Ok(cleared("/connexion?ok=logged-out", &state));
    }
    Ok(Redirect::to("/compte/sessions?ok=session-ended").into_response())
}

pub async fn end_other_sessions(
    State(state): State<WebState>,
    signed: SignedIn,
) -> Result<Response, PageError> {
    state
        .app
        .end_other_sessions(&signed.actor)
        .await
        .map_err(|e| PageError::from_app(e, signed.visitor.lang))?;
    Ok(Redirect::to("/compte/sessions?ok=other-sessions-ended").into_response())
}

pub async fn password_form(State(state): State<WebState>, signed: SignedIn) -> PasswordPage {
    PasswordPage {
        base: Base::new(&state, &signed.visitor),
        errors: Errors::default(),
    }
}

#[derive(Deserialize)]
pub struct PasswordFields {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirmation: String,
}

pub async fn change_password(
    State(state): State<WebState>,
    signed: SignedIn,
    WebForm(form): WebForm<PasswordFields>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let current = PasswordAttempt::new(form.current_password);
    match state
        .app
        .change_password(
            &signed.actor,
            current,
            &form.password,
            &form.password_confirmation,
            &signed.visitor.client,
        )
        .await
    {
        Ok(()) => Ok(Redirect::to("/compte?ok=password-changed").into_response()),
        Err(e) => {
            let (errors, reply) = form_failure(e, lang)?;
            Ok(reply.with(PasswordPage {
                base: Base::new(&state, &signed.visitor),
                errors,
            }))
        }
    }
}

async fn tokens_page(
    state: &WebState,
    signed: &SignedIn,
    name: String,
    errors: Errors,
    created: Option<String>,
    notice: Option<String>,
) -> Result<TokensPage, PageError> {
    let lang = signed.visitor.lang;
    let rows = state
        .app
        .list_api_tokens(&signed.actor)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    let tokens = rows
        .into_iter()
        .map(|t| TokenLine {
            id: t.id.to_string(),
            name: t.name,
            created: Timestamp::from_unix(t.created_at).to_rfc3339(),
        })
        .collect();
    Ok(TokensPage {
        base: Base::new(state, &signed.visitor),
        tokens,
        token_name: name,
        errors,
        created,
        notice,
    })
}

pub async fn tokens(
    State(state): State<WebState>,
    signed: SignedIn,
    Query(q): Query<NoticeQuery>,
) -> Result<TokensPage, PageError> {
    let notice = notice(&q, &TOKEN_NOTICES, &signed);
    tokens_page(
        &state,
        &signed,
        String::new(),
        Errors::default(),
        None,
        notice,
    )
    .await
}

#[derive(Deserialize)]
pub struct TokenFields {
    #[serde(default)]
    name: String,
}

/// Answers the page directly (no redirect): the new token is shown this once and stored
/// nowhere in clear.
pub async fn create_token(
    State(state): State<WebState>,
    signed: SignedIn,
    WebForm(form): WebForm<TokenFields>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    match state.app.create_api_token(&signed.actor, &form.name).await {
        Ok((_, secret)) => {
            let page = tokens_page(
                &state,
                &signed,
                String::new(),
                Errors::default(),
                Some(secret.expose().to_owned()),
                None,
            )
            .await?;
            Ok((StatusCode::CREATED, page).into_response())
        }
        Err(e) => {
            let (errors, reply) = form_failure(e, lang)?;
            let page = tokens_page(&state, &signed, form.name, errors, None, None).await?;
            Ok(reply.with(page))
        }
    }
}

pub async fn revoke_token(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let id = parse_id(&id, lang)?;
    state
        .app
        .revoke_api_token(&signed.actor, id)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    Ok(Redirect::to("/compte/jetons?ok=token-revoked").into_response())
}

const VISIBILITY_NOTICES: [&str; 1] = ["visibility-saved"];

pub async fn visibility(
    State(state): State<WebState>,
    signed: SignedIn,
    Query(q): Query<NoticeQuery>,
) -> VisibilityPage {
    let s = state.app.directory_settings(&signed.actor);
    VisibilityPage {
        base: Base::new(&state, &signed.visitor),
        scope: s.scope.as_str().to_owned(),
        show_structure: s.show_structure,
        show_functions: s.show_functions,
        restricted: s.restricted,
        notice: notice(&q, &VISIBILITY_NOTICES, &signed),
    }
}

#[derive(Deserialize)]
pub struct VisibilityFields {
    #[serde(default)]
    scope: String,
    #[serde(default)]
    show_structure: Option<String>,
    #[serde(default)]
    show_functions: Option<String>,
    #[serde(default)]
    restricted: Option<String>,
}

pub async fn save_visibility(
    State(state): State<WebState>,
    signed: SignedIn,
    WebForm(f): WebForm<VisibilityFields>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let Some(scope) = DirectoryScope::parse(&f.scope) else {
        return Err(PageError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "scope-invalid",
            lang,
        ));
    };
    let settings = DirectorySettings {
        scope,
        show_structure: f.show_structure.is_some(),
        show_functions: f.show_functions.is_some(),
        restricted: f.restricted.is_some(),
    };
    state
        .app
        .set_directory_settings(&signed.actor, settings)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    Ok(Redirect::to("/compte/visibilite?ok=visibility-saved").into_response())
}

const RECOVERY_NOTICES: [&str; 2] = ["recovery-link-sent", "recovery-removed"];

async fn recovery_page(
    state: &WebState,
    signed: &SignedIn,
    typed: String,
    errors: Errors,
    notice: Option<String>,
) -> Result<RecoveryEmailPage, PageError> {
    let current = state
        .app
        .recovery_email(&signed.actor)
        .await
        .map_err(|e| PageError::from_app(e, signed.visitor.lang))?;
    Ok(RecoveryEmailPage {
        base: Base::new(state, &signed.visitor),
        current,
        typed,
        errors,
        notice,
    })
}

pub async fn recovery_email(
    State(state): State<WebState>,
    signed: SignedIn,
    Query(q): Query<NoticeQuery>,
) -> Result<RecoveryEmailPage, PageError> {
    let notice = notice(&q, &RECOVERY_NOTICES, &signed);
    recovery_page(&state, &signed, String::new(), Errors::default(), notice).await
}

#[derive(Deserialize)]
pub struct RecoveryFields {
    #[serde(default)]
    recovery_email: String,
    #[serde(default)]
    consent: Option<String>,
    #[serde(default)]
    current_password: String,
}

pub async fn save_recovery_email(
    State(state): State<WebState>,
    signed: SignedIn,
    WebForm(f): WebForm<RecoveryFields>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    match state
        .app
        .request_recovery_email(
            &signed.actor,
            &f.recovery_email,
            f.consent.is_some(),
            PasswordAttempt::new(f.current_password),
            &signed.visitor.client,
        )
        .await
    {
        Ok(_) => {
            Ok(Redirect::to("/compte/adresse-de-secours?ok=recovery-link-sent").into_response())
        }
        Err(e) => {
            let (errors, reply) = form_failure(e, lang)?;
            Ok(reply.with(recovery_page(&state, &signed, f.recovery_email, errors, None).await?))
        }
    }
}

pub async fn remove_recovery_email(
    State(state): State<WebState>,
    signed: SignedIn,
) -> Result<Response, PageError> {
    state
        .app
        .remove_recovery_email(&signed.actor)
        .await
        .map_err(|e| PageError::from_app(e, signed.visitor.lang))?;
    Ok(Redirect::to("/compte/adresse-de-secours?ok=recovery-removed").into_response())
}
