//! Page structs for the askama templates. Each page has a `base` with what the layout needs;
//! forms carry what was typed and their translated errors.

use crate::extract::Visitor;
use crate::i18n::Lang;
use askama::Template;
use askama_web::WebTemplate;
use preau_app::FieldErrors;
use preau_app::config::LegalInfo;

/// What the layout shows on every page.
pub struct Base {
    pub lang: Lang,
    pub signed_in: Option<String>,
    /// TRN-03: the information notice changed since the person last read it.
    pub notice_pending: bool,
    pub demo: bool,
    pub instance_name: String,
    pub path: String,
}

impl Base {
    pub fn new(state: &crate::state::WebState, visitor: &Visitor) -> Self {
        Self {
            lang: visitor.lang,
            signed_in: visitor.actor.as_ref().map(|a| a.account.given_name.clone()),
            notice_pending: visitor
                .actor
                .as_ref()
                .is_some_and(|a| state.app.notice_pending(a)),
            demo: state.web.demo,
            instance_name: state.web.instance_name.clone(),
            path: visitor.path.clone(),
        }
    }

    /// For pages rendered without state (error pages).
    pub fn anonymous(lang: Lang, path: &str) -> Self {
        Self {
            lang,
            signed_in: None,
            notice_pending: false,
            demo: false,
            instance_name: "Préau".into(),
            path: path.to_owned(),
        }
    }

    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    pub fn is_en(&self) -> bool {
        self.lang == Lang::En
    }
}

/// Translated field errors, in form order, for the error summary and the fields.
#[derive(Default)]
pub struct Errors(Vec<(&'static str, String)>);

impl Errors {
    pub fn translate(errors: &FieldErrors, lang: Lang) -> Self {
        Self(
            errors
                .0
                .iter()
                .map(|(field, code)| (*field, lang.t(code)))
                .collect(),
        )
    }

    pub fn general(message: String) -> Self {
        Self(vec![("", message)])
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn items(&self) -> &[(&'static str, String)] {
        &self.0
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub base: Base,
    pub status: u16,
    pub title: String,
    pub message: String,
}

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

/// Values of the legal pages, from the configuration.
pub struct Legal {
    pub controller_name: String,
    pub controller_address: String,
    pub dpo_contact: String,
    pub accessibility_contact: String,
    pub public_url: String,
    pub instance_name: String,
    pub notice_version: &'static str,
    pub invitation_days: u32,
    pub departure_purge_days: u32,
    pub closure_purge_days: u32,
    pub session_idle_minutes: u64,
    pub session_absolute_hours: u64,
    pub security_log_months: u32,
    pub backup_retention_days: u32,
}

pub use preau_app::invitations::NOTICE_VERSION;

impl Legal {
    pub fn from_config(config: &preau_app::Config) -> Self {
        let LegalInfo {
            controller_name,
            controller_address,
            dpo_contact,
            accessibility_contact,
        } = config.legal();
        Self {
            controller_name,
            controller_address,
            dpo_contact,
            accessibility_contact,
            public_url: config.public_url(),
            instance_name: config.instance_name.clone(),
            notice_version: NOTICE_VERSION,
            invitation_days: 60,
            departure_purge_days: 60,
            closure_purge_days: 30,
            session_idle_minutes: config.session.idle_minutes,
            session_absolute_hours: config.session.absolute_hours,
            security_log_months: 12,
            backup_retention_days: 35,
        }
    }
}

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

/// The invitation page: the notice first, then "activate" or "decline" (ACC-02, ACC-03).
#[derive(Template, WebTemplate)]
#[template(path = "invitation.html")]
pub struct InvitationPage {
    pub base: Base,
    pub legal: Legal,
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
    pub departed: usize,
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

/// A mailed link's page: what following it will do, and the buttons that do it (a POST, so
/// that a mail scanner fetching the link changes nothing).
#[derive(Template, WebTemplate)]
#[template(path = "confirm_link.html")]
pub struct ConfirmLinkPage {
    pub base: Base,
    pub title: String,
    pub text: String,
    pub action: String,
    pub button: String,
    /// A second, opposite choice (« Ce n'était pas moi »), if any.
    pub other: Option<(String, String, String)>,
}

/// A short page that says what happened and where to go next.
#[derive(Template, WebTemplate)]
#[template(path = "notice.html")]
pub struct NoticePage {
    pub base: Base,
    pub title: String,
    pub text: String,
    pub back_href: &'static str,
    pub back_label: String,
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

#[derive(Template, WebTemplate)]
#[template(path = "why.html")]
pub struct WhyPage {
    pub base: Base,
    pub viewer: String,
    pub person: String,
    pub answer: Option<String>,
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
