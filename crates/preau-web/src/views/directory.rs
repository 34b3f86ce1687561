//! Page structs of the directory and a colleague's card.

use super::Base;
use super::Errors;
use askama::Template;
use askama_web::WebTemplate;

pub struct CardView {
    pub id: String,
    pub name: String,
    pub structure: Option<String>,
    pub functions: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "directory.html")]
pub struct DirectoryPage {
    pub base: Base,
    pub query: String,
    pub searched: bool,
    pub results: Vec<CardView>,
    pub errors: Errors,
}

#[derive(Template, WebTemplate)]
#[template(path = "person.html")]
pub struct PersonPage {
    pub base: Base,
    pub person: CardView,
}
