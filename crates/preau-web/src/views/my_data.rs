//! « Mes données »: what Préau keeps about the person, and the archive to take it away.

use super::Base;
use askama::Template;
use askama_web::WebTemplate;

pub struct KeptLine {
    pub name: &'static str,
    pub purpose: &'static str,
    pub retention: String,
    pub rows: usize,
}

/// One act of an administrator or of the system on the person's data.
pub struct AccessLine {
    pub date: String,
    pub by: String,
    pub what: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "my_data.html")]
pub struct MyDataPage {
    pub base: Base,
    pub notice: Option<String>,
    /// Whether the person is hidden from everyone (« Limiter »).
    pub restricted: bool,
    pub lines: Vec<KeptLine>,
    pub access: Vec<AccessLine>,
}

#[derive(Template, WebTemplate)]
#[template(path = "close_account.html")]
pub struct CloseAccountPage {
    pub base: Base,
    pub errors: super::Errors,
    /// The groups the person alone owns.
    pub groups: Vec<String>,
    /// The groups choice to show selected.
    pub choice: String,
    /// How many files the person put in groups' spaces, and the choice for them.
    pub group_files: i64,
    pub documents: String,
}
