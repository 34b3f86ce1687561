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
    pub demo: bool,
    pub instance_name: String,
    pub path: String,
}

impl Base {
    pub fn new(state: &crate::state::WebState, visitor: &Visitor) -> Self {
        Self {
            lang: visitor.lang,
            signed_in: visitor.actor.as_ref().map(|a| a.user.given_name.clone()),
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

/// The version of the information notice; bump it when its text changes (TRN-03).
pub const NOTICE_VERSION: &str = "2026-11-28";

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
