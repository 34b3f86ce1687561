//! Page structs of the administration: overview, roster import, letters, « Qui voit qui ? ».

use super::Base;
use super::Errors;
use askama::Template;
use askama_web::WebTemplate;

pub struct StructureLine {
    pub name: String,
    pub uai: String,
    /// A number, or "fewer than 10".
    pub active: String,
}

/// An administrative act of the journal, in words.
pub struct ActLine {
    pub at: String,
    pub text: String,
}

/// How many times people did one kind of thing on one day.
pub struct DailyLine {
    pub day: String,
    pub kind: String,
    pub count: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin.html")]
pub struct AdminPage {
    pub base: Base,
    pub pending_invitations: i64,
    pub active_accounts: i64,
    pub restricted_accounts: i64,
    pub departing_accounts: i64,
    /// Rights requests past their due date: « 0 en retard » is the norm (RGT-08).
    pub rights_overdue: i64,
    pub rights_overdue_text: String,
    pub structures: Vec<StructureLine>,
    pub acts: Vec<ActLine>,
    pub daily: Vec<DailyLine>,
    pub daily_lead: String,
    pub unit_name: String,
    pub unit_commune: String,
    pub unit_errors: Errors,
}

pub struct ReportRow {
    pub line: String,
    pub name: String,
    pub email: String,
    pub structure: String,
}

pub struct RejectedRow {
    pub line: usize,
    pub reason: String,
    pub detail: String,
}

/// The roster upload form, the preview (with `upload`) and the applied result (with `batch`).
#[derive(Template, WebTemplate)]
#[template(path = "import.html")]
pub struct ImportPage {
    pub base: Base,
    pub errors: Errors,
    pub upload: Option<String>,
    pub batch: Option<String>,
    pub summary: Option<ImportSummary>,
}

pub struct ImportSummary {
    pub encoding: &'static str,
    pub added: Vec<ReportRow>,
    pub updated: Vec<ReportRow>,
    /// A count: who leaves is never shown.
    /// What the page says: a number from ten on, « moins de 10 » below (a file that differs
    /// from the roster by one person must not tell whether that person opened an account).
    pub departed_shown: String,
    pub probably_incomplete: bool,
    pub rejected: Vec<RejectedRow>,
    pub unchanged: usize,
    pub new_structures: usize,
}

pub struct LetterView {
    pub name: String,
    pub structure: String,
    pub code: String,
    pub expires: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "letters.html")]
pub struct LettersPage {
    pub base: Base,
    pub url: String,
    pub instance_name: String,
    pub letters: Vec<LetterView>,
    /// People left without a new letter: their 3 letters or emails this month are spent.
    pub over_limit: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "why.html")]
pub struct WhyPage {
    pub base: Base,
    pub viewer: String,
    pub person: String,
    pub answer: Option<String>,
}
