//! Page structs of the notification centre: the list and the email choices.

use super::{Base, Errors};
use askama::Template;
use askama_web::WebTemplate;

pub struct NotificationLine {
    pub id: String,
    pub text: String,
    /// A message its sender wrote (an invitation's).
    pub message: Option<String>,
    pub href: String,
    pub date: String,
    pub unread: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "notifications.html")]
pub struct NotificationsPage {
    pub base: Base,
    pub notice: Option<String>,
    pub lines: Vec<NotificationLine>,
    pub unread: i64,
}

pub struct DeliveryChoice {
    /// The kind's code, the field's name.
    pub kind: &'static str,
    pub label: String,
    /// (code, label, chosen)
    pub options: Vec<(&'static str, String, bool)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "notification_preferences.html")]
pub struct NotificationPreferencesPage {
    pub base: Base,
    pub notice: Option<String>,
    pub errors: Errors,
    pub choices: Vec<DeliveryChoice>,
    pub quiet_from: String,
    pub quiet_to: String,
    pub quiet_weekends: bool,
}
