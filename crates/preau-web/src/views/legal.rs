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
}

#[derive(Template, WebTemplate)]
#[template(path = "frame.html")]
pub struct FramePage {
    pub base: Base,
    pub legal: Legal,
}

#[derive(Template, WebTemplate)]
#[template(path = "accessibility.html")]
pub struct AccessibilityPage {
    pub base: Base,
    pub legal: Legal,
}
