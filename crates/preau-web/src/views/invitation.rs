//! Page structs of the invitation, from the person's side.

use super::Base;
use super::Errors;
use super::Legal;
use askama::Template;
use askama_web::WebTemplate;

/// The invitation page: the notice first, then "activate" or "decline" (ACC-02, ACC-03).
#[derive(Template, WebTemplate)]
#[template(path = "invitation.html")]
pub struct InvitationPage {
    pub base: Base,
    pub legal: Legal,
    pub purposes: Vec<super::PurposeLine>,
    pub code: String,
    pub given_name: String,
    pub family_name: String,
    pub email: String,
    pub structure: String,
    pub functions: Vec<String>,
    pub expires: String,
}

/// The activation form: charter, password, directory choices.
#[derive(Template, WebTemplate)]
#[template(path = "activation.html")]
pub struct ActivationPage {
    pub base: Base,
    pub code: String,
    pub given_name: String,
    pub notice_version: &'static str,
    pub scope: String,
    pub show_structure: bool,
    pub show_functions: bool,
    pub errors: Errors,
}

/// Typing the code from a letter.
#[derive(Template, WebTemplate)]
#[template(path = "invitation_code.html")]
pub struct InvitationCodePage {
    pub base: Base,
    pub code: String,
    pub errors: Errors,
}

/// One answer for an unknown, used or expired code; and the confirmation of a refusal.
#[derive(Template, WebTemplate)]
#[template(path = "invitation_done.html")]
pub struct InvitationDonePage {
    pub base: Base,
    pub title_key: &'static str,
    pub text_key: &'static str,
}
