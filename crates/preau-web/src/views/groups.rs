//! Page structs of working groups: the list (mine, invitations, directory, a new group) and a
//! group's page.

use super::Base;
use super::Errors;
use askama::Template;
use askama_web::WebTemplate;

pub struct GroupLine {
    pub id: String,
    pub name: String,
    pub kind: String,
    /// The viewer's role, in words, if a member.
    pub role: Option<String>,
    pub can_join: bool,
    pub can_request: bool,
}

pub struct GroupInvitationLine {
    pub id: String,
    pub group_name: String,
    pub inviter: String,
    pub message: String,
    pub expires: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "groups.html")]
pub struct GroupsPage {
    pub base: Base,
    pub notice: Option<String>,
    pub mine: Vec<GroupLine>,
    pub invitations: Vec<GroupInvitationLine>,
    pub directory: Vec<GroupLine>,
    pub errors: Errors,
    /// What was typed in the form for a new group.
    pub new_name: String,
    pub description: String,
    pub kind: String,
    pub sensitive: bool,
}

pub struct MemberLine {
    pub id: String,
    pub name: String,
    pub role: String,
    pub role_code: &'static str,
    pub is_me: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "group.html")]
pub struct GroupPage {
    pub base: Base,
    pub notice: Option<String>,
    pub id: String,
    pub name: String,
    pub description: String,
    pub kind: String,
    pub sensitive: bool,
    pub archived: bool,
    pub role: Option<String>,
    pub can_join: bool,
    pub can_request: bool,
    pub can_invite: bool,
    pub is_owner: bool,
    pub members: Option<Vec<MemberLine>>,
    pub requests: Option<Vec<MemberLine>>,
    pub errors: Errors,
    pub invite_email: String,
    pub invite_message: String,
}
