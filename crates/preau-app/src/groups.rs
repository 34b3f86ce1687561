//! Working groups (issue 10, guarantee 2): created by anyone, joined only by the person's own
//! act — accepting an invitation, joining an open group, or a request they made that a
//! manager approved. No use case here adds anyone but the actor, except the approval of the
//! requester's own request. Leaving is one action, and silent.

use crate::{Actor, App, AppError, FieldErrors};
use preau_domain::groups::{
    self, GroupFacts, GroupKind, GroupName, GroupRole, GroupTextProblem, MAX_DESCRIPTION_CHARS,
    MAX_MESSAGE_CHARS,
};
use preau_domain::notifications::NotificationKind;
use preau_domain::policy::{AccountStatus, Action, Resource, Visibility, can, can_see};
use preau_domain::{Timestamp, UserId};
use preau_store::groups::{self as rows, GroupRow};
use preau_store::users;
use std::time::Duration;
use uuid::Uuid;

/// Pending invitations expire after this.
pub const INVITATION_VALIDITY: Duration = Duration::from_secs(30 * 86_400);
/// After a decline, no new invitation to the same group for this long.
pub const DECLINE_BLOCK: Duration = Duration::from_secs(90 * 86_400);
/// « Decline and block »: the group's invitations stop for good (a century is good enough).
const BLOCK_FOR_GOOD: Duration = Duration::from_secs(100 * 365 * 86_400);
/// Invitations one person may send in a day.
pub const INVITATIONS_PER_DAY: i64 = 50;
/// The group directory lists at most this many groups.
const DIRECTORY_LIMIT: i64 = 200;

/// A group as the asker sees it.
#[derive(Debug, Clone)]
pub struct GroupSummary {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub kind: GroupKind,
    pub sensitive: bool,
    pub archived: bool,
    pub my_role: Option<GroupRole>,
}

/// A group's page: its members and requests only for those the policy lets see them.
#[derive(Debug, Clone)]
pub struct GroupPage {
    pub group: GroupSummary,
    pub members: Option<Vec<Member>>,
    pub requests: Option<Vec<Member>>,
}

#[derive(Debug, Clone)]
pub struct Member {
    pub id: Uuid,
    pub name: String,
    pub role: Option<GroupRole>,
}

/// An invitation waiting for its invitee: who invited them, to what, and why.
#[derive(Debug, Clone)]
pub struct GroupInvitation {
    pub id: Uuid,
    pub group_id: Uuid,
    pub group_name: String,
    pub kind: GroupKind,
    pub inviter: Option<String>,
    pub message: String,
    pub expires_at: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Accept,
    Decline,
    /// Decline, and no invitation to this group ever again.
    DeclineAndBlock,
}

fn summary(row: GroupRow) -> GroupSummary {
    GroupSummary {
        id: row.id,
        // The table's CHECK allows only the three kinds; anything else is the most closed.
        kind: GroupKind::parse(&row.kind).unwrap_or(GroupKind::Private),
        sensitive: row.sensitive,
        archived: row.archived_at.is_some(),
        my_role: row.role.as_deref().and_then(GroupRole::parse),
        name: row.name,
        description: row.description,
    }
}

fn facts(g: &GroupSummary) -> GroupFacts {
    GroupFacts {
        id: g.id,
        kind: g.kind,
        sensitive: g.sensitive,
        archived: g.archived,
        role: g.my_role,
    }
}

fn field(problem: GroupTextProblem, name: &'static str) -> AppError {
    let mut e = FieldErrors::default();
    e.add(name, problem.code());
    AppError::Invalid(e)
}

impl App {
    /// The group and what the policy says about `action` on it; `NotFound` for every refusal
    /// that would otherwise tell an outsider the group exists (a private group, a member list).
    async fn group_for(
        &self,
        actor: &Actor,
        group: Uuid,
        action: Action,
    ) -> Result<GroupSummary, AppError> {
        let row = rows::facts(self.db(), group, actor.id())
            .await?
            .ok_or(AppError::NotFound)?;
        let g = summary(row);
        self.decide_on_group(actor, &g, action)?;
        Ok(g)
    }

    fn decide_on_group(
        &self,
        actor: &Actor,
        g: &GroupSummary,
        action: Action,
    ) -> Result<(), AppError> {
        let decision = can(&actor.account.subject(), action, Resource::Group(facts(g)));
        if decision.is_allowed() {
            return Ok(());
        }
        let visible = can(
            &actor.account.subject(),
            Action::ViewGroup,
            Resource::Group(facts(g)),
        )
        .is_allowed();
        Err(if visible {
            AppError::Forbidden
        } else {
            AppError::NotFound
        })
    }

    /// Starts a group; its creator is its owner (their own act).
    pub async fn create_group(
        &self,
        actor: &Actor,
        name: &str,
        description: &str,
        kind: &str,
        sensitive: bool,
    ) -> Result<Uuid, AppError> {
        self.authorize(actor, Action::CreateGroup, Resource::Instance)?;
        let mut errors = FieldErrors::default();
        let name = GroupName::parse(name)
            .map_err(|p| errors.add("name", p.code()))
            .ok();
        let description = groups::free_text(
            description,
            MAX_DESCRIPTION_CHARS,
            GroupTextProblem::DescriptionInvalid,
        )
        .map_err(|p| errors.add("description", p.code()))
        .ok();
        let kind = GroupKind::parse(kind);
        if kind.is_none() {
            errors.add("kind", "group-kind-invalid");
        }
        errors.into_result()?;
        let (Some(name), Some(description), Some(kind)) = (name, description, kind) else {
            return Err(AppError::Internal("validated group without values".into()));
        };
        let id = preau_domain::ids::new_row_id();
        let now = self.now();
        let search = preau_domain::text::fold(name.as_str());
        let mut tx = self.db().begin().await?;
        rows::insert(
            &mut tx,
            &rows::NewGroup {
                id,
                name: name.as_str(),
                search_name: &search,
                description: &description,
                kind: kind.as_str(),
                sensitive,
            },
            now,
        )
        .await?;
        rows::add_member(&mut tx, id, actor.id(), GroupRole::Owner.as_str(), now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The group directory: open and closed groups, never private ones.
    pub async fn group_directory(&self, actor: &Actor) -> Result<Vec<GroupSummary>, AppError> {
        self.authorize(actor, Action::UseGroups, Resource::Instance)?;
        Ok(rows::listed(self.db(), actor.id(), DIRECTORY_LIMIT)
            .await?
            .into_iter()
            .map(summary)
            .collect())
    }

    /// The groups the actor belongs to.
    pub async fn my_groups(&self, actor: &Actor) -> Result<Vec<GroupSummary>, AppError> {
        Ok(rows::mine(self.db(), actor.id())
            .await?
            .into_iter()
            .map(summary)
            .collect())
    }

    /// A group's page. Members and requests are there only for those allowed to see them;
    /// a person who paused themselves or is leaving is not listed to others.
    pub async fn group_page(&self, actor: &Actor, group: Uuid) -> Result<GroupPage, AppError> {
        let g = self.group_for(actor, group, Action::ViewGroup).await?;
        let subject = actor.account.subject();
        let may = |a| can(&subject, a, Resource::Group(facts(&g))).is_allowed();
        let listed = |status: &str, id: Uuid| {
            id == actor.id().as_uuid()
                || AccountStatus::parse(status) == Some(AccountStatus::Active)
        };
        let members = if may(Action::ListGroupMembers) {
            Some(
                rows::members(self.db(), group)
                    .await?
                    .into_iter()
                    .filter(|m| listed(&m.status, m.user_id))
                    .map(|m| Member {
                        id: m.user_id,
                        name: format!("{} {}", m.given_name, m.family_name),
                        role: GroupRole::parse(&m.role),
                    })
                    .collect(),
            )
        } else {
            None
        };
        let requests = if may(Action::DecideJoinRequest) {
            Some(
                rows::requests(self.db(), group)
                    .await?
                    .into_iter()
                    .filter(|r| listed(&r.status, r.user_id))
                    .map(|r| Member {
                        id: r.user_id,
                        name: format!("{} {}", r.given_name, r.family_name),
                        role: None,
                    })
                    .collect(),
            )
        } else {
            None
        };
        Ok(GroupPage {
            group: g,
            members,
            requests,
        })
    }

    /// Joins an open group at once: the actor's own act.
    pub async fn join_group(&self, actor: &Actor, group: Uuid) -> Result<(), AppError> {
        self.group_for(actor, group, Action::JoinGroup).await?;
        let now = self.now();
        let mut tx = self.db().begin().await?;
        rows::add_member(&mut tx, group, actor.id(), GroupRole::Member.as_str(), now).await?;
        rows::delete_invitations_of_member(&mut tx, group, actor.id()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Asks to join a closed group; a manager decides.
    pub async fn request_to_join(&self, actor: &Actor, group: Uuid) -> Result<(), AppError> {
        let g = self
            .group_for(actor, group, Action::RequestToJoinGroup)
            .await?;
        let mut tx = self.db().begin().await?;
        if rows::insert_request(&mut tx, group, actor.id(), self.now()).await? {
            for manager in rows::member_ids(&mut tx, group, true).await? {
                self.notify(
                    &mut tx,
                    manager,
                    NotificationKind::GroupJoinRequest,
                    (Some(group), &g.name),
                    Some(actor.id()),
                    "",
                )
                .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// A manager approves or refuses a request the person made themselves: only a request
    /// that exists adds anyone.
    pub async fn decide_join_request(
        &self,
        actor: &Actor,
        group: Uuid,
        person: Uuid,
        approve: bool,
    ) -> Result<(), AppError> {
        let g = self
            .group_for(actor, group, Action::DecideJoinRequest)
            .await?;
        let person = UserId::from_uuid(person);
        let now = self.now();
        let mut tx = self.db().begin().await?;
        if !rows::take_request(&mut tx, group, person).await? {
            return Err(AppError::NotFound);
        }
        if approve {
            rows::add_member(&mut tx, group, person, GroupRole::Member.as_str(), now).await?;
            rows::delete_invitations_of_member(&mut tx, group, person).await?;
        }
        // The requester hears the answer; not which manager gave it.
        self.notify(
            &mut tx,
            person,
            NotificationKind::GroupRequestAnswered,
            (Some(group), &g.name),
            None,
            if approve { "approved" } else { "refused" },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Invites someone the inviter may see. Someone who declined within 90 days (or blocked
    /// the group), is already a member or already invited is not invited again — and the
    /// inviter is not told which, so that a decline stays the invitee's business.
    pub async fn invite_to_group(
        &self,
        actor: &Actor,
        group: Uuid,
        invitee: Uuid,
        message: &str,
    ) -> Result<(), AppError> {
        let g = self.group_for(actor, group, Action::InviteToGroup).await?;
        let message =
            groups::free_text(message, MAX_MESSAGE_CHARS, GroupTextProblem::MessageInvalid)
                .map_err(|p| field(p, "message"))?;
        // Only people the inviter may see: the same answer as for nobody otherwise.
        if self.visible_person(actor, invitee).await?.is_none() || invitee == actor.id().as_uuid() {
            return Err(AppError::NotFound);
        }
        let invitee = UserId::from_uuid(invitee);
        let now = self.now();
        let mut tx = self.db().begin().await?;
        if rows::invitations_sent_since(&mut tx, actor.id(), now.minus(Duration::from_secs(86_400)))
            .await?
            >= INVITATIONS_PER_DAY
        {
            return Err(AppError::LimitReached);
        }
        let member = rows::facts_tx(&mut tx, group, invitee)
            .await?
            .is_some_and(|g| g.role.is_some());
        if !member
            && !rows::blocked(&mut tx, group, invitee, now).await?
            && rows::insert_invitation(
                &mut tx,
                &rows::NewInvitation {
                    id: preau_domain::ids::new_row_id(),
                    group,
                    invitee,
                    inviter: actor.id(),
                    message: &message,
                },
                now,
                now.plus(INVITATION_VALIDITY),
            )
            .await?
        {
            self.notify(
                &mut tx,
                invitee,
                NotificationKind::GroupInvitation,
                (Some(group), &g.name),
                Some(actor.id()),
                &message,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Invites by professional address: an unknown address, an invalid one and a person the
    /// inviter may not see all get the same `NotFound`.
    pub async fn invite_to_group_by_email(
        &self,
        actor: &Actor,
        group: Uuid,
        email: &str,
        message: &str,
    ) -> Result<(), AppError> {
        self.group_for(actor, group, Action::InviteToGroup).await?;
        let Ok(email) = preau_domain::Email::parse(email) else {
            let mut e = FieldErrors::default();
            e.add("email", "email-invalid");
            return Err(AppError::Invalid(e));
        };
        let person = users::by_email(self.db(), email.as_str())
            .await?
            .ok_or(AppError::NotFound)?;
        self.invite_to_group(actor, group, person.id, message).await
    }

    /// The actor's pending group invitations.
    pub async fn my_group_invitations(
        &self,
        actor: &Actor,
    ) -> Result<Vec<GroupInvitation>, AppError> {
        Ok(rows::invitations_of(self.db(), actor.id(), self.now())
            .await?
            .into_iter()
            .map(|i| GroupInvitation {
                id: i.id,
                group_id: i.group_id,
                group_name: i.group_name,
                kind: GroupKind::parse(&i.kind).unwrap_or(GroupKind::Private),
                inviter: i
                    .inviter_given_name
                    .zip(i.inviter_family_name)
                    .map(|(g, f)| format!("{g} {f}")),
                message: i.message,
                expires_at: i.expires_at,
            })
            .collect())
    }

    /// The invitee answers: accept (their own act makes them a member), decline (no new
    /// invitation for 90 days), or decline and block the group's invitations for good.
    pub async fn answer_group_invitation(
        &self,
        actor: &Actor,
        invitation: Uuid,
        answer: Answer,
    ) -> Result<(), AppError> {
        self.authorize(actor, Action::UseGroups, Resource::Instance)?;
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let Some(group) = rows::invitation(&mut tx, invitation, actor.id(), now).await? else {
            return Err(AppError::NotFound);
        };
        rows::delete_invitation(&mut tx, invitation).await?;
        match answer {
            Answer::Accept => {
                let archived = rows::facts_tx(&mut tx, group, actor.id())
                    .await?
                    .is_none_or(|g| g.archived_at.is_some());
                if archived {
                    return Err(AppError::NotFound);
                }
                rows::add_member(&mut tx, group, actor.id(), GroupRole::Member.as_str(), now)
                    .await?;
                rows::take_request(&mut tx, group, actor.id()).await?;
            }
            Answer::Decline => {
                rows::block(&mut tx, group, actor.id(), now.plus(DECLINE_BLOCK)).await?;
            }
            Answer::DeclineAndBlock => {
                rows::block(&mut tx, group, actor.id(), now.plus(BLOCK_FOR_GOOD)).await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Leaves a group: one action, and nobody is told. The last owner hands over or archives
    /// first.
    pub async fn leave_group(&self, actor: &Actor, group: Uuid) -> Result<(), AppError> {
        let g = self.group_for(actor, group, Action::LeaveGroup).await?;
        let mut tx = self.db().begin().await?;
        if g.my_role == Some(GroupRole::Owner) && rows::count_owners(&mut tx, group).await? <= 1 {
            return Err(AppError::LastGroupOwner);
        }
        rows::remove_member(&mut tx, group, actor.id()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The owner gives a member another role; the group always keeps an owner.
    pub async fn change_group_role(
        &self,
        actor: &Actor,
        group: Uuid,
        person: Uuid,
        role: GroupRole,
    ) -> Result<(), AppError> {
        let g = self
            .group_for(actor, group, Action::ChangeGroupRole)
            .await?;
        let person = UserId::from_uuid(person);
        let mut tx = self.db().begin().await?;
        let current = rows::facts_tx(&mut tx, group, person)
            .await?
            .and_then(|g| g.role)
            .and_then(|r| GroupRole::parse(&r))
            .ok_or(AppError::NotFound)?;
        if current == GroupRole::Owner
            && role != GroupRole::Owner
            && rows::count_owners(&mut tx, group).await? <= 1
        {
            return Err(AppError::LastGroupOwner);
        }
        if current != role
            && rows::set_role(&mut tx, group, person, role.as_str()).await?
            && person != actor.id()
        {
            self.notify(
                &mut tx,
                person,
                NotificationKind::GroupRoleChanged,
                (Some(group), &g.name),
                Some(actor.id()),
                role.as_str(),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The owner makes the group read-only.
    pub async fn archive_group(&self, actor: &Actor, group: Uuid) -> Result<(), AppError> {
        self.group_for(actor, group, Action::ArchiveGroup).await?;
        let now = self.now();
        let mut tx = self.db().begin().await?;
        // A group's life is its members' business: nothing goes to the journal.
        rows::archive(&mut tx, group, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The owner deletes the group: members, invitations and requests go with it, and every
    /// other member is told (the only group event everyone hears of: the group is gone).
    pub async fn delete_group(&self, actor: &Actor, group: Uuid) -> Result<(), AppError> {
        let g = self.group_for(actor, group, Action::DeleteGroup).await?;
        let mut tx = self.db().begin().await?;
        for member in rows::member_ids(&mut tx, group, false).await? {
            if member != actor.id() {
                self.notify(
                    &mut tx,
                    member,
                    NotificationKind::GroupDeleted,
                    (None, &g.name),
                    Some(actor.id()),
                    "",
                )
                .await?;
            }
        }
        if !rows::delete(&mut tx, group).await? {
            return Err(AppError::NotFound);
        }
        tx.commit().await?;
        Ok(())
    }

    /// The actor's visibility with their groups, for `can_see`.
    pub(crate) async fn visibility_of(&self, actor: &Actor) -> Result<Visibility, AppError> {
        let mut v = actor.account.visibility();
        v.groups = rows::group_ids_of(self.db(), actor.id())
            .await?
            .into_iter()
            .collect();
        Ok(v)
    }

    /// The person, when the actor may see them (`can_see`, their shared groups counted);
    /// `None` otherwise — the same answer as for nobody.
    pub(crate) async fn visible_person(
        &self,
        actor: &Actor,
        person: Uuid,
    ) -> Result<Option<users::PersonRow>, AppError> {
        Ok(self.visible_people(actor, &[person]).await?.pop().flatten())
    }

    /// `visible_person` for several people, the actor's side read once: for each, in
    /// order, the person when the actor may see them.
    pub(crate) async fn visible_people(
        &self,
        actor: &Actor,
        people: &[Uuid],
    ) -> Result<Vec<Option<users::PersonRow>>, AppError> {
        let viewer = self.visibility_of(actor).await?;
        let shared = rows::shared_with(self.db(), actor.id()).await?;
        let mut out = Vec::with_capacity(people.len());
        for &person in people {
            let Some(row) = users::profile(self.db(), person).await? else {
                out.push(None);
                continue;
            };
            let mut seen = crate::account::Account::from_row(row.user.clone()).visibility();
            seen.groups = shared
                .iter()
                .filter(|(p, _)| *p == person)
                .map(|(_, g)| *g)
                .collect();
            out.push(can_see(&viewer, &seen).is_allowed().then_some(row));
        }
        Ok(out)
    }
}

/// When the purge removes expired invitations and lapsed blocks.
pub(crate) async fn purge(app: &App, now: Timestamp) -> Result<(u64, u64), AppError> {
    Ok((
        rows::purge_invitations(app.db(), now).await?,
        rows::purge_blocks(app.db(), now).await?,
    ))
}
