//! Page structs of login, first-administrator setup, forgotten password.

use super::Base;
use super::Errors;
use askama::Template;
use askama_web::WebTemplate;

#[derive(Template, WebTemplate)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub base: Base,
    pub email: String,
    pub errors: Errors,
    pub notice: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "setup.html")]
pub struct SetupPage {
    pub base: Base,
    pub token: String,
    pub given_name: String,
    pub family_name: String,
    pub email: String,
    pub errors: Errors,
}

#[derive(Template, WebTemplate)]
#[template(path = "setup_problem.html")]
pub struct SetupProblemPage {
    pub base: Base,
    pub code: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "forgot.html")]
pub struct ForgotPage {
    pub base: Base,
    pub email: String,
    pub errors: Errors,
}

#[derive(Template, WebTemplate)]
#[template(path = "reset.html")]
pub struct ResetPage {
    pub base: Base,
    pub token: String,
    pub errors: Errors,
}
