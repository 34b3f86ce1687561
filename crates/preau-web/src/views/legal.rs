//! Page structs of the privacy notice, the legal frame, the accessibility statement.

use super::Base;
use super::Legal;
use askama::Template;
use askama_web::WebTemplate;

#[derive(Template, WebTemplate)]
#[template(path = "privacy.html")]
pub struct PrivacyPage {
    pub base: Base,
    pub legal: Legal,
    pub purposes: Vec<PurposeLine>,
}

/// One purpose of the register of processing, in the page's language, its `{values}` filled.
pub struct PurposeLine {
    pub id: String,
    pub name: String,
    pub description: String,
    pub data: String,
    pub people: String,
    pub recipients: String,
    pub legal_basis: String,
    pub retention: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "frame.html")]
pub struct FramePage {
    pub base: Base,
    pub legal: Legal,
    pub purposes: Vec<PurposeLine>,
}

#[derive(Template, WebTemplate)]
#[template(path = "accessibility.html")]
pub struct AccessibilityPage {
    pub base: Base,
    pub legal: Legal,
}
