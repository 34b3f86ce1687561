//! Page structs for the askama templates, one module per feature as in `pages/` (re-exported
//! here). Each page has a `base` with what the layout needs;
//! forms carry what was typed and their translated errors.

use crate::extract::Visitor;
use crate::i18n::Lang;
use askama::Template;
use askama_web::WebTemplate;
use preau_app::FieldErrors;
use preau_app::config::LegalInfo;

mod account;
mod admin;
mod auth;
mod directory;
mod documents;
mod groups;
mod home;
mod invitation;
mod legal;
mod my_data;
mod notifications;
mod rights;

pub use account::*;
pub use admin::*;
pub use auth::*;
pub use directory::*;
pub use documents::*;
pub use groups::*;
pub use home::*;
pub use invitation::*;
pub use legal::*;
pub use my_data::*;
pub use notifications::*;
pub use rights::*;

/// What the layout shows on every page.
pub struct Base {
    pub lang: Lang,
    pub signed_in: Option<String>,
    /// The bell: unread notifications, read with the session.
    pub unread: i64,
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
            unread: visitor.actor.as_ref().map_or(0, |a| a.unread_notifications),
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
            unread: 0,
            notice_pending: false,
            demo: false,
            instance_name: "Préau".into(),
            path: path.to_owned(),
        }
    }

    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    /// The bell's accessible name, with the count.
    pub fn bell_label(&self) -> String {
        if self.unread == 0 {
            self.lang.t("notifications-bell")
        } else {
            self.lang.t_with(
                "notifications-bell-unread",
                &[("count", self.unread.into())],
            )
        }
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

    /// The same messages, for the summary only: no field of the page is marked (when the
    /// page's fields are not the ones the errors name).
    pub fn without_fields(self) -> Self {
        Self(self.0.into_iter().map(|(_, m)| ("", m)).collect())
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
            // The configured delays, not the defaults: the notice says what this instance does.
            invitation_days: u32::try_from(config.lifecycle.invitation_days).unwrap_or(u32::MAX),
            departure_purge_days: u32::try_from(config.lifecycle.departure_grace_days)
                .unwrap_or(u32::MAX),
            closure_purge_days: 30,
            session_idle_minutes: config.session.idle_minutes,
            session_absolute_hours: config.session.absolute_hours,
            security_log_months: 12,
            backup_retention_days: 35,
        }
    }

    /// `text` with each `{name}` of the register replaced by this instance's value.
    pub fn fill(&self, text: &str) -> String {
        [
            ("invitation_days", self.invitation_days.to_string()),
            (
                "departure_purge_days",
                self.departure_purge_days.to_string(),
            ),
            ("closure_purge_days", self.closure_purge_days.to_string()),
            (
                "session_idle_minutes",
                self.session_idle_minutes.to_string(),
            ),
            (
                "session_absolute_hours",
                self.session_absolute_hours.to_string(),
            ),
            ("security_log_months", self.security_log_months.to_string()),
        ]
        .iter()
        .fold(text.to_owned(), |t, (name, value)| {
            t.replace(&format!("{{{name}}}"), value)
        })
    }

    /// The register of processing in the page's language.
    pub fn purposes(&self, english: bool) -> Result<Vec<PurposeLine>, preau_app::AppError> {
        Ok(preau_app::register::register()?
            .purposes
            .iter()
            .map(|p| PurposeLine {
                id: p.id.clone(),
                name: p.name.get(english).to_owned(),
                description: self.fill(p.description.get(english)),
                data: self.fill(p.data.get(english)),
                people: self.fill(p.people.get(english)),
                recipients: self.fill(p.recipients.get(english)),
                legal_basis: self.fill(p.legal_basis.get(english)),
                retention: self.fill(p.retention.get(english)),
            })
            .collect())
    }
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
