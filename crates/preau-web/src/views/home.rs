//! Page structs of the home page and the annual confirmation.

use super::Base;
use askama::Template;
use askama_web::WebTemplate;

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
pub struct HomePage {
    pub base: Base,
    pub given_name: String,
    pub is_admin: bool,
    /// ACC-07: the roster's facts to confirm at the first visit of the school year.
    pub confirm: Option<ConfirmFacts>,
}

pub struct ConfirmFacts {
    pub name: String,
    pub email: String,
    pub structure: String,
    pub corps: String,
    pub functions: String,
}
