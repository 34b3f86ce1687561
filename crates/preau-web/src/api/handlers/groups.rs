//! Working groups (issue 10): the same use cases as the pages. Membership only by the
//! caller's own act; member lists for members only; an outsider gets 404 for a private group.

use crate::api::error::{ApiError, ErrorBody};
use crate::api::extract::{ApiActor, ApiJson, ApiPath};
use crate::state::WebState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use preau_app::groups::{Answer, GroupSummary, Member};
use preau_domain::Timestamp;
use preau_domain::groups::GroupRole;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
pub struct Group {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    /// `open`, `closed` or `private`.
    pub kind: String,
    /// Shown to members only; `false` for everyone else.
    pub sensitive: bool,
    pub archived: bool,
    /// The caller's role (`owner`, `manager`, `member`), if a member.
    pub role: Option<String>,
}

fn group(g: GroupSummary) -> Group {
    Group {
        id: g.id,
        sensitive: g.sensitive && g.my_role.is_some(),
        kind: g.kind.as_str().to_owned(),
        role: g.my_role.map(|r| r.as_str().to_owned()),
        archived: g.archived,
        name: g.name,
        description: g.description,
    }
}

#[derive(Serialize, ToSchema)]
pub struct Groups {
    /// The caller's groups.
    pub mine: Vec<Group>,
    /// Open and closed groups (never private ones).
    pub directory: Vec<Group>,
}

#[derive(Serialize, ToSchema)]
pub struct GroupMember {
    pub id: Uuid,
    pub name: String,
    /// `owner`, `manager` or `member`; absent for a join request.
    pub role: Option<String>,
}

fn members(list: Vec<Member>) -> Vec<GroupMember> {
    list.into_iter()
        .map(|m| GroupMember {
            id: m.id,
            name: m.name,
            role: m.role.map(|r| r.as_str().to_owned()),
        })
        .collect()
}

#[derive(Serialize, ToSchema)]
pub struct GroupDetail {
    pub group: Group,
    /// Present for members only.
    pub members: Option<Vec<GroupMember>>,
    /// Pending join requests: present for managers and owners only.
    pub requests: Option<Vec<GroupMember>>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewGroup {
    /// 1–80 characters (as sent, and once runs of spaces are collapsed), not only spaces, no
    /// control characters but spaces (tabs and line breaks become one space).
    #[schema(
        min_length = 1,
        max_length = 80,
        pattern = r"^[^\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]*[^\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000][^\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]*$"
    )]
    pub name: String,
    #[serde(default)]
    /// At most 1,000 characters (as sent); trimmed; line breaks, but no other control
    /// characters once trimmed.
    #[schema(
        max_length = 1000,
        pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[^\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[^\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]*[^\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?)?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub description: String,
    /// `open`, `closed` or `private`.
    #[schema(pattern = "^(open|closed|private)$")]
    pub kind: String,
    /// Final: its member list is never shown outside the group.
    #[serde(default)]
    pub sensitive: bool,
}

#[derive(Serialize, ToSchema)]
pub struct CreatedGroup {
    pub id: Uuid,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub approve: bool,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewGroupInvitation {
    /// A person the caller may see.
    pub invitee: Uuid,
    #[serde(default)]
    /// At most 500 characters (as sent); trimmed; line breaks, but no other control
    /// characters once trimmed.
    #[schema(
        max_length = 500,
        pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[^\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[^\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]*[^\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?)?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub message: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvitationAnswer {
    /// `accept`, `decline` or `decline_and_block` (no invitation to this group ever again).
    #[schema(pattern = "^(accept|decline|decline_and_block)$")]
    pub answer: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleChange {
    /// `owner`, `manager` or `member`.
    #[schema(pattern = "^(owner|manager|member)$")]
    pub role: String,
}

#[derive(Serialize, ToSchema)]
pub struct GroupInvitation {
    pub id: Uuid,
    pub group_id: Uuid,
    pub group_name: String,
    pub kind: String,
    /// Who invited the caller (absent if their account is gone).
    pub inviter: Option<String>,
    pub message: String,
    /// RFC 3339, UTC.
    pub expires_at: String,
}

fn invalid(field: &'static str, code: &'static str, lang: crate::i18n::Lang) -> ApiError {
    let mut e = preau_app::FieldErrors::default();
    e.add(field, code);
    ApiError::from_app(preau_app::AppError::Invalid(e), lang)
}

/// The caller's groups and the group directory.
#[utoipa::path(get, path = "/api/v1/groups", tag = "groups", security(("bearer" = [])),
    responses((status = 200, description = "Mine and the directory", body = Groups),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 403, description = "`forbidden`: the account is winding down", body = ErrorBody)))]
pub async fn list_groups(
    State(state): State<WebState>,
    who: ApiActor,
) -> Result<Json<Groups>, ApiError> {
    let f = |e| ApiError::from_app(e, who.lang);
    let mine = state.app.my_groups(&who.actor).await.map_err(f)?;
    let directory = state.app.group_directory(&who.actor).await.map_err(f)?;
    Ok(Json(Groups {
        mine: mine.into_iter().map(group).collect(),
        directory: directory.into_iter().map(group).collect(),
    }))
}

/// Starts a group; the caller is its owner.
#[utoipa::path(post, path = "/api/v1/groups", tag = "groups", security(("bearer" = [])), request_body = NewGroup,
    responses((status = 201, description = "Created", body = CreatedGroup),
        (status = 400, description = "`invalid-json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 403, description = "`forbidden`: the account is winding down", body = ErrorBody),
        (status = 413, description = "`body-too-large`", body = ErrorBody),
        (status = 415, description = "`expected-json`", body = ErrorBody),
        (status = 422, description = "`invalid-input`: `group-name-missing`, `group-name-invalid`, `group-description-invalid`, `group-kind-invalid`", body = ErrorBody)))]
pub async fn create_group(
    State(state): State<WebState>,
    who: ApiActor,
    ApiJson(body): ApiJson<NewGroup>,
) -> Result<(StatusCode, Json<CreatedGroup>), ApiError> {
    let id = state
        .app
        .create_group(
            &who.actor,
            &body.name,
            &body.description,
            &body.kind,
            body.sensitive,
        )
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok((StatusCode::CREATED, Json(CreatedGroup { id })))
}

/// A group: members for members only, requests for managers.
#[utoipa::path(get, path = "/api/v1/groups/{id}", tag = "groups", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The group")),
    responses((status = 200, description = "The group", body = GroupDetail),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 404, description = "`not-found`: no such group, or a private one of which the caller is not a member", body = ErrorBody)))]
pub async fn show_group(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<GroupDetail>, ApiError> {
    let page = state
        .app
        .group_page(&who.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(Json(GroupDetail {
        group: group(page.group),
        members: page.members.map(members),
        requests: page.requests.map(members),
    }))
}

/// Deletes the group (owner): its members, invitations and requests go with it, and the
/// other members get a notification.
#[utoipa::path(delete, path = "/api/v1/groups/{id}", tag = "groups", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The group")),
    responses((status = 204, description = "Deleted"),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 403, description = "`forbidden`: owners only", body = ErrorBody),
        (status = 404, description = "`not-found`: no such group, or a private one", body = ErrorBody)))]
pub async fn delete_group(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .delete_group(&who.actor, id)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(StatusCode::NO_CONTENT)
}

macro_rules! group_action {
    ($(#[$doc:meta])* $name:ident, $path:literal, $call:ident, $ok:literal) => {
        $(#[$doc])*
        #[utoipa::path(post, path = $path, tag = "groups", security(("bearer" = [])),
            params(("id" = Uuid, Path, description = "The group")),
            responses((status = 204, description = $ok),
                (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
                (status = 403, description = "`forbidden`: not allowed for this group's kind, state or the caller's role", body = ErrorBody),
                (status = 404, description = "`not-found`: no such group, or a private one", body = ErrorBody),
                (status = 409, description = "`group-last-owner`: the last owner hands over or archives first", body = ErrorBody)))]
        pub async fn $name(
            State(state): State<WebState>,
            who: ApiActor,
            ApiPath(id): ApiPath<Uuid>,
        ) -> Result<StatusCode, ApiError> {
            state
                .app
                .$call(&who.actor, id)
                .await
                .map_err(|e| ApiError::from_app(e, who.lang))?;
            Ok(StatusCode::NO_CONTENT)
        }
    };
}

group_action!(
    /// Joins an open group at once.
    join_group, "/api/v1/groups/{id}/join", join_group, "Joined"
);
group_action!(
    /// Asks to join a closed group; a manager decides.
    request_to_join, "/api/v1/groups/{id}/requests", request_to_join, "Asked"
);
group_action!(
    /// Leaves the group; nobody is told. The last owner hands over or archives first.
    leave_group, "/api/v1/groups/{id}/leave", leave_group, "Left"
);
group_action!(
    /// Makes the group read-only (owner).
    archive_group, "/api/v1/groups/{id}/archive", archive_group, "Archived"
);

/// Approves or refuses a request the person made themselves (managers).
#[utoipa::path(post, path = "/api/v1/groups/{id}/requests/{person}", tag = "groups", security(("bearer" = [])), request_body = Decision,
    params(("id" = Uuid, Path, description = "The group"), ("person" = Uuid, Path, description = "Who asked")),
    responses((status = 204, description = "Decided"),
        (status = 400, description = "`invalid-json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 403, description = "`forbidden`: managers only", body = ErrorBody),
        (status = 404, description = "`not-found`: no such group or request", body = ErrorBody),
        (status = 413, description = "`body-too-large`", body = ErrorBody),
        (status = 415, description = "`expected-json`", body = ErrorBody),
        (status = 422, description = "`invalid-input`", body = ErrorBody)))]
pub async fn decide_request(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath((id, person)): ApiPath<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<Decision>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .decide_join_request(&who.actor, id, person, body.approve)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(StatusCode::NO_CONTENT)
}

/// Invites someone the caller may see (managers). Someone already a member, already invited,
/// or who declined within 90 days is not invited again, with the same answer.
#[utoipa::path(post, path = "/api/v1/groups/{id}/invitations", tag = "groups", security(("bearer" = [])), request_body = NewGroupInvitation,
    params(("id" = Uuid, Path, description = "The group")),
    responses((status = 204, description = "Invited, if the person can be"),
        (status = 400, description = "`invalid-json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 403, description = "`forbidden`: managers only", body = ErrorBody),
        (status = 404, description = "`not-found`: no such group, or a person the caller may not see", body = ErrorBody),
        (status = 409, description = "`limit-reached`: 50 invitations a day", body = ErrorBody),
        (status = 413, description = "`body-too-large`", body = ErrorBody),
        (status = 415, description = "`expected-json`", body = ErrorBody),
        (status = 422, description = "`invalid-input`: `group-message-invalid`", body = ErrorBody)))]
pub async fn invite(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<NewGroupInvitation>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .invite_to_group(&who.actor, id, body.invitee, &body.message)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(StatusCode::NO_CONTENT)
}

/// The owner gives a member another role; the group always keeps an owner.
#[utoipa::path(put, path = "/api/v1/groups/{id}/members/{person}/role", tag = "groups", security(("bearer" = [])), request_body = RoleChange,
    params(("id" = Uuid, Path, description = "The group"), ("person" = Uuid, Path, description = "The member")),
    responses((status = 204, description = "Changed"),
        (status = 400, description = "`invalid-json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 403, description = "`forbidden`: the owner only", body = ErrorBody),
        (status = 404, description = "`not-found`: no such group or member", body = ErrorBody),
        (status = 413, description = "`body-too-large`", body = ErrorBody),
        (status = 415, description = "`expected-json`", body = ErrorBody),
        (status = 409, description = "`group-last-owner`: the group would have no owner", body = ErrorBody),
        (status = 422, description = "`invalid-input`: `group-role-invalid`", body = ErrorBody)))]
pub async fn change_role(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath((id, person)): ApiPath<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<RoleChange>,
) -> Result<StatusCode, ApiError> {
    let role = GroupRole::parse(&body.role)
        .ok_or_else(|| invalid("role", "group-role-invalid", who.lang))?;
    state
        .app
        .change_group_role(&who.actor, id, person, role)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's pending group invitations: who invited them, to what, and why.
#[utoipa::path(get, path = "/api/v1/group-invitations", tag = "groups", security(("bearer" = [])),
    responses((status = 200, description = "Pending invitations", body = Vec<GroupInvitation>),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody)))]
pub async fn my_invitations(
    State(state): State<WebState>,
    who: ApiActor,
) -> Result<Json<Vec<GroupInvitation>>, ApiError> {
    let list = state
        .app
        .my_group_invitations(&who.actor)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(Json(
        list.into_iter()
            .map(|i| GroupInvitation {
                id: i.id,
                group_id: i.group_id,
                group_name: i.group_name,
                kind: i.kind.as_str().to_owned(),
                inviter: i.inviter,
                message: i.message,
                expires_at: Timestamp::from_unix(i.expires_at).to_rfc3339(),
            })
            .collect(),
    ))
}

/// Answers one of the caller's invitations. Declining stops the group's invitations for 90
/// days; `decline_and_block`, for good. The inviter is not told.
#[utoipa::path(post, path = "/api/v1/group-invitations/{id}", tag = "groups", security(("bearer" = [])), request_body = InvitationAnswer,
    params(("id" = Uuid, Path, description = "The invitation")),
    responses((status = 204, description = "Answered"),
        (status = 400, description = "`invalid-json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated` or `invalid-token`", body = ErrorBody),
        (status = 403, description = "`forbidden`: the account is winding down", body = ErrorBody),
        (status = 404, description = "`not-found`: no such pending invitation of the caller's", body = ErrorBody),
        (status = 413, description = "`body-too-large`", body = ErrorBody),
        (status = 415, description = "`expected-json`", body = ErrorBody),
        (status = 422, description = "`invalid-input`: `group-answer-invalid`", body = ErrorBody)))]
pub async fn answer_invitation(
    State(state): State<WebState>,
    who: ApiActor,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<InvitationAnswer>,
) -> Result<StatusCode, ApiError> {
    let answer = match body.answer.as_str() {
        "accept" => Answer::Accept,
        "decline" => Answer::Decline,
        "decline_and_block" => Answer::DeclineAndBlock,
        _ => return Err(invalid("answer", "group-answer-invalid", who.lang)),
    };
    state
        .app
        .answer_group_invitation(&who.actor, id, answer)
        .await
        .map_err(|e| ApiError::from_app(e, who.lang))?;
    Ok(StatusCode::NO_CONTENT)
}
