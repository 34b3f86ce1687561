//! Page structs of the person's own account: identity, password, tokens, visibility, recovery address.

use super::Base;
use super::Errors;
use askama::Template;
use askama_web::WebTemplate;

#[derive(Template, WebTemplate)]
#[template(path = "account.html")]
pub struct AccountPage {
    pub base: Base,
    pub full_name: String,
    pub email: String,
    pub sessions: i64,
    pub notice: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "password.html")]
pub struct PasswordPage {
    pub base: Base,
    pub errors: Errors,
}

pub struct TokenLine {
    pub id: String,
    pub name: String,
    pub created: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "tokens.html")]
pub struct TokensPage {
    pub base: Base,
    pub tokens: Vec<TokenLine>,
    pub token_name: String,
    pub errors: Errors,
    pub created: Option<String>,
    pub notice: Option<String>,
}

/// One line of « Mes sessions »: named by its public id, never by its token.
pub struct SessionLine {
    pub id: String,
    pub device: String,
    pub started: String,
    pub started_iso: String,
    pub last_active: String,
    pub last_active_iso: String,
    pub current: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "sessions.html")]
pub struct SessionsPage {
    pub base: Base,
    pub sessions: Vec<SessionLine>,
    pub notice: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "visibility.html")]
pub struct VisibilityPage {
    pub base: Base,
    pub scope: String,
    pub show_structure: bool,
    pub show_functions: bool,
    pub restricted: bool,
    pub notice: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "recovery_email.html")]
pub struct RecoveryEmailPage {
    pub base: Base,
    pub current: Option<String>,
    pub typed: String,
    pub errors: Errors,
    pub notice: Option<String>,
}
