//! Working groups: the list (mine, my invitations, the directory, a new group) and a group's
//! page. Every action is a form (POST → 303 → GET); the use cases decide who may do what.

use crate::error::{PageError, form_failure, parse_id};
use crate::extract::{Path, Query, SignedIn, WebForm};
use crate::i18n::Lang;
use crate::state::WebState;
use crate::views::{
    Base, Errors, GroupInvitationLine, GroupLine, GroupPage, GroupsPage, MemberLine,
};
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use preau_app::AppError;
use preau_app::groups::{Answer, GroupSummary};
use preau_domain::Timestamp;
use preau_domain::groups::{GroupKind, GroupRole};
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct NoticeQuery {
    #[serde(default)]
    ok: Option<String>,
}

const NOTICES: [&str; 10] = [
    "group-deleted-done",
    "group-created",
    "group-joined",
    "group-requested",
    "group-left",
    "group-invited",
    "group-archived-done",
    "group-role-changed",
    "group-invitation-accepted",
    "group-invitation-declined",
];

fn notice(q: &NoticeQuery, lang: Lang) -> Option<String> {
    q.ok.as_deref()
        .filter(|k| NOTICES.contains(k) || *k == "group-request-decided")
        .map(|k| lang.t(k))
}

fn kind_label(lang: Lang, kind: GroupKind) -> String {
    lang.t(&format!("group-kind-{}", kind.as_str()))
}

fn role_label(lang: Lang, role: GroupRole) -> String {
    lang.t(&format!("group-role-{}", role.as_str()))
}

fn line(lang: Lang, g: GroupSummary) -> GroupLine {
    GroupLine {
        id: g.id.to_string(),
        kind: kind_label(lang, g.kind),
        role: g.my_role.map(|r| role_label(lang, r)),
        can_join: g.my_role.is_none() && g.kind == GroupKind::Open,
        can_request: g.my_role.is_none() && g.kind == GroupKind::Closed,
        name: g.name,
    }
}

#[derive(Default)]
struct NewGroupForm {
    name: String,
    description: String,
    kind: String,
    sensitive: bool,
}

async fn list_page(
    state: &WebState,
    signed: &SignedIn,
    notice: Option<String>,
    form: NewGroupForm,
    errors: Errors,
) -> Result<GroupsPage, PageError> {
    let lang = signed.visitor.lang;
    let app = &state.app;
    let fail = |e| PageError::from_app(e, lang);
    let mine = app.my_groups(&signed.actor).await.map_err(fail)?;
    let directory = app.group_directory(&signed.actor).await.map_err(fail)?;
    let invitations = app
        .my_group_invitations(&signed.actor)
        .await
        .map_err(fail)?;
    Ok(GroupsPage {
        base: Base::new(state, &signed.visitor),
        notice,
        mine: mine.into_iter().map(|g| line(lang, g)).collect(),
        invitations: invitations
            .into_iter()
            .map(|i| GroupInvitationLine {
                id: i.id.to_string(),
                group_name: i.group_name,
                inviter: i.inviter.unwrap_or_else(|| lang.t("groups-former-member")),
                message: i.message,
                expires: Timestamp::from_unix(i.expires_at).date(),
            })
            .collect(),
        directory: directory
            .into_iter()
            .filter(|g| g.my_role.is_none())
            .map(|g| line(lang, g))
            .collect(),
        errors,
        new_name: form.name,
        description: form.description,
        kind: if form.kind.is_empty() {
            "closed".to_owned()
        } else {
            form.kind
        },
        sensitive: form.sensitive,
    })
}

pub async fn list(
    State(state): State<WebState>,
    signed: SignedIn,
    Query(q): Query<NoticeQuery>,
) -> Result<GroupsPage, PageError> {
    let n = notice(&q, signed.visitor.lang);
    list_page(
        &state,
        &signed,
        n,
        NewGroupForm::default(),
        Errors::default(),
    )
    .await
}

#[derive(Deserialize)]
pub struct CreateFields {
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    sensitive: Option<String>,
}

pub async fn create(
    State(state): State<WebState>,
    signed: SignedIn,
    WebForm(f): WebForm<CreateFields>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    match state
        .app
        .create_group(
            &signed.actor,
            &f.name,
            &f.description,
            &f.kind,
            f.sensitive.is_some(),
        )
        .await
    {
        Ok(id) => Ok(Redirect::to(&format!("/groupes/{id}?ok=group-created")).into_response()),
        Err(e) => {
            let (errors, reply) = form_failure(e, lang)?;
            let form = NewGroupForm {
                name: f.name,
                description: f.description,
                kind: f.kind,
                sensitive: f.sensitive.is_some(),
            };
            Ok(reply.with(list_page(&state, &signed, None, form, errors).await?))
        }
    }
}

async fn group_page(
    state: &WebState,
    signed: &SignedIn,
    id: uuid::Uuid,
    notice: Option<String>,
    errors: Errors,
    invite: (String, String),
) -> Result<GroupPage, PageError> {
    let lang = signed.visitor.lang;
    let page = state
        .app
        .group_page(&signed.actor, id)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    let me = signed.actor.id().as_uuid();
    let g = page.group;
    let lines = |list: Vec<preau_app::groups::Member>| -> Vec<MemberLine> {
        list.into_iter()
            .map(|m| MemberLine {
                id: m.id.to_string(),
                role: m.role.map(|r| role_label(lang, r)).unwrap_or_default(),
                role_code: m.role.map_or("member", GroupRole::as_str),
                is_me: m.id == me,
                name: m.name,
            })
            .collect()
    };
    let manages = g.my_role.is_some_and(GroupRole::manages);
    Ok(GroupPage {
        base: Base::new(state, &signed.visitor),
        notice,
        id: g.id.to_string(),
        kind: kind_label(lang, g.kind),
        role: g.my_role.map(|r| role_label(lang, r)),
        can_join: g.my_role.is_none() && g.kind == GroupKind::Open && !g.archived,
        can_request: g.my_role.is_none() && g.kind == GroupKind::Closed && !g.archived,
        can_invite: manages && !g.archived,
        is_owner: g.my_role == Some(GroupRole::Owner),
        sensitive: g.sensitive && g.my_role.is_some(),
        archived: g.archived,
        members: page.members.map(lines),
        requests: page.requests.map(lines),
        errors,
        invite_email: invite.0,
        invite_message: invite.1,
        name: g.name,
        description: g.description,
    })
}

pub async fn show(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> Result<GroupPage, PageError> {
    let lang = signed.visitor.lang;
    let id = parse_id(&id, lang)?;
    group_page(
        &state,
        &signed,
        id,
        notice(&q, lang),
        Errors::default(),
        (String::new(), String::new()),
    )
    .await
}

/// After an action: back to the group's page with a notice, or its page with the error.
async fn after(
    state: &WebState,
    signed: &SignedIn,
    id: uuid::Uuid,
    result: Result<(), AppError>,
    ok: &str,
    invite: (String, String),
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/groupes/{id}?ok={ok}")).into_response()),
        Err(e) => {
            let (errors, reply) = form_failure(e, lang)?;
            Ok(reply.with(group_page(state, signed, id, None, errors, invite).await?))
        }
    }
}

pub async fn join(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = parse_id(&id, signed.visitor.lang)?;
    let r = state.app.join_group(&signed.actor, id).await;
    after(&state, &signed, id, r, "group-joined", Default::default()).await
}

pub async fn request(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = parse_id(&id, signed.visitor.lang)?;
    let r = state.app.request_to_join(&signed.actor, id).await;
    after(
        &state,
        &signed,
        id,
        r,
        "group-requested",
        Default::default(),
    )
    .await
}

pub async fn leave(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = parse_id(&id, signed.visitor.lang)?;
    match state.app.leave_group(&signed.actor, id).await {
        Ok(()) => Ok(Redirect::to("/groupes?ok=group-left").into_response()),
        Err(e) => after(&state, &signed, id, Err(e), "", Default::default()).await,
    }
}

pub async fn archive(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = parse_id(&id, signed.visitor.lang)?;
    let r = state.app.archive_group(&signed.actor, id).await;
    after(
        &state,
        &signed,
        id,
        r,
        "group-archived-done",
        Default::default(),
    )
    .await
}

/// Deleting asks first, and says what goes with the group.
pub async fn delete_form(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let id = parse_id(&id, lang)?;
    let page = state
        .app
        .group_page(&signed.actor, id)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    if page.group.my_role != Some(GroupRole::Owner) {
        return Err(PageError::from_app(AppError::Forbidden, lang));
    }
    let members = page.members.as_ref().map_or(0, Vec::len);
    Ok(crate::views::ConfirmLinkPage {
        base: Base::new(&state, &signed.visitor),
        title: lang.t_with(
            "group-delete-title",
            &[("group", page.group.name.clone().into())],
        ),
        text: lang.t_with(
            "group-delete-consequences",
            &[("members", members.saturating_sub(1).into())],
        ),
        action: format!("/groupes/{id}/supprimer"),
        button: lang.t("group-delete-button"),
        other: None,
    }
    .into_response())
}

pub async fn delete(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = parse_id(&id, signed.visitor.lang)?;
    match state.app.delete_group(&signed.actor, id).await {
        Ok(()) => Ok(Redirect::to("/groupes?ok=group-deleted-done").into_response()),
        Err(e) => after(&state, &signed, id, Err(e), "", Default::default()).await,
    }
}

#[derive(Deserialize)]
pub struct InviteFields {
    #[serde(default)]
    email: String,
    #[serde(default)]
    message: String,
}

pub async fn invite(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(id): Path<String>,
    WebForm(f): WebForm<InviteFields>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let id = parse_id(&id, lang)?;
    let r = state
        .app
        .invite_to_group_by_email(&signed.actor, id, &f.email, &f.message)
        .await;
    // A person one may not see, or no account: one answer, on the field.
    let r = match r {
        Err(AppError::NotFound) if state.app.group_page(&signed.actor, id).await.is_ok() => {
            let mut e = preau_app::FieldErrors::default();
            e.add("email", "group-invitee-unknown");
            Err(AppError::Invalid(e))
        }
        other => other,
    };
    after(
        &state,
        &signed,
        id,
        r,
        "group-invited",
        (f.email, f.message),
    )
    .await
}

#[derive(Deserialize)]
pub struct DecisionFields {
    #[serde(default)]
    decision: String,
}

pub async fn decide(
    State(state): State<WebState>,
    signed: SignedIn,
    Path((id, person)): Path<(String, String)>,
    WebForm(f): WebForm<DecisionFields>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let (id, person) = (parse_id(&id, lang)?, parse_id(&person, lang)?);
    let r = state
        .app
        .decide_join_request(&signed.actor, id, person, f.decision == "accepter")
        .await;
    after(
        &state,
        &signed,
        id,
        r,
        "group-request-decided",
        Default::default(),
    )
    .await
}

#[derive(Deserialize)]
pub struct RoleFields {
    #[serde(default)]
    role: String,
}

pub async fn change_role(
    State(state): State<WebState>,
    signed: SignedIn,
    Path((id, person)): Path<(String, String)>,
    WebForm(f): WebForm<RoleFields>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let (id, person) = (parse_id(&id, lang)?, parse_id(&person, lang)?);
    let r = match GroupRole::parse(&f.role) {
        Some(role) => {
            state
                .app
                .change_group_role(&signed.actor, id, person, role)
                .await
        }
        None => {
            let mut e = preau_app::FieldErrors::default();
            e.add("role", "group-role-invalid");
            Err(AppError::Invalid(e))
        }
    };
    after(
        &state,
        &signed,
        id,
        r,
        "group-role-changed",
        Default::default(),
    )
    .await
}

#[derive(Deserialize)]
pub struct AnswerFields {
    #[serde(default)]
    answer: String,
}

pub async fn answer(
    State(state): State<WebState>,
    signed: SignedIn,
    Path(invitation): Path<String>,
    WebForm(f): WebForm<AnswerFields>,
) -> Result<Response, PageError> {
    let lang = signed.visitor.lang;
    let invitation = parse_id(&invitation, lang)?;
    let (answer, ok) = match f.answer.as_str() {
        "accepter" => (Answer::Accept, "group-invitation-accepted"),
        "bloquer" => (Answer::DeclineAndBlock, "group-invitation-declined"),
        _ => (Answer::Decline, "group-invitation-declined"),
    };
    state
        .app
        .answer_group_invitation(&signed.actor, invitation, answer)
        .await
        .map_err(|e| PageError::from_app(e, lang))?;
    Ok(Redirect::to(&format!("/groupes?ok={ok}")).into_response())
}
