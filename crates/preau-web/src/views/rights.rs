//! Rights requests (RGT-08): the administrators' queue and one request, the person's own
//! requests with the correction form, and the public form for people without an account.

use super::{Base, Errors};
use askama::Template;
use askama_web::WebTemplate;

/// One request as a line of a list or a page.
pub struct RequestLine {
    pub id: String,
    pub received: String,
    pub due: String,
    pub kind: String,
    pub requester: String,
    pub email: String,
    pub channel: String,
    pub status: String,
    pub overdue: bool,
    pub fields: String,
    pub body: String,
    pub extension_reason: Option<String>,
    pub answer: Option<String>,
    pub ground: Option<String>,
    pub closed: Option<String>,
    pub extendable: bool,
    pub pending: bool,
}

/// A choice of a select or radio group: code and words.
pub struct Choice {
    pub code: &'static str,
    pub label: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "rights_queue.html")]
pub struct RightsQueuePage {
    pub base: Base,
    pub notice: Option<String>,
    pub overdue_text: String,
    pub overdue: usize,
    pub pending: Vec<RequestLine>,
    pub closed: Vec<RequestLine>,
    pub kinds: Vec<Choice>,
    pub errors: Errors,
    pub person_name: String,
    pub email: String,
    pub kind: String,
    pub received_on: String,
    pub body: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "rights_request.html")]
pub struct RightsRequestPage {
    pub base: Base,
    pub notice: Option<String>,
    pub r: RequestLine,
    pub grounds: Vec<Choice>,
    pub extend_errors: Errors,
    pub months: String,
    pub reason: String,
    pub close_errors: Errors,
    pub outcome: String,
    pub ground: String,
    pub message: String,
}

/// A roster field of the person, with its current value.
pub struct RosterField {
    pub code: &'static str,
    pub label: String,
    pub value: String,
    pub checked: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "my_requests.html")]
pub struct MyRequestsPage {
    pub base: Base,
    pub notice: Option<String>,
    pub fields: Vec<RosterField>,
    pub body: String,
    pub errors: Errors,
    pub requests: Vec<RequestLine>,
}

#[derive(Template, WebTemplate)]
#[template(path = "rights_public.html")]
pub struct PublicRightsPage {
    pub base: Base,
    pub kinds: Vec<Choice>,
    pub errors: Errors,
    pub person_name: String,
    pub email: String,
    pub kind: String,
    pub body: String,
}
