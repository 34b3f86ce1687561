//! The role × action matrix of working groups (issue 10), through the use cases on a real
//! database: every action, by the owner, a manager, a member, a person invited, a person who
//! asked to join, an outsider, the IEN and the administrator, on a closed group and on a
//! private sensitive one — each case on a group of its own, so that no case depends on
//! another. The expected answers are written out by hand below, not derived from the policy,
//! and after each case the members are compared: nobody but the actor (or a requester by
//! their own request) ever becomes a member.

use crate::helpers::*;
use preau_app::groups::Answer;
use preau_app::{Actor, AppError};
use preau_domain::groups::GroupRole;
use std::collections::BTreeSet;
use std::time::Duration;
use uuid::Uuid;

const ACTIONS: [&str; 14] = [
    "view", "members", "create", "invite", "accept", "decline", "block", "request", "approve",
    "reject", "leave", "role", "archive", "delete",
];

const ROLES: [&str; 8] = [
    "owner",
    "manager",
    "member",
    "invited",
    "requester",
    "outsider",
    "ien",
    "admin",
];

/// What each role gets for each action of `ACTIONS`, on a closed group. `ok` done, `403`
/// refused (the group is listed, its existence is no secret), `404` as if it did not exist,
/// `none` the page without its member list, `last` the last owner may not leave.
#[rustfmt::skip]
const CLOSED: [[&str; 14]; 8] = [
    //  view   members create  invite  accept  decline block   request approve reject  leave   role    archive delete
    ["ok",   "ok",   "ok",   "ok",   "404",  "404",  "404",  "403",  "ok",   "ok",   "last", "ok",   "ok",   "ok"], // owner
    ["ok",   "ok",   "ok",   "ok",   "404",  "404",  "404",  "403",  "ok",   "ok",   "ok",   "403",  "403",  "403"], // manager
    ["ok",   "ok",   "ok",   "403",  "404",  "404",  "404",  "403",  "403",  "403",  "ok",   "403",  "403",  "403"], // member
    ["ok",   "none", "ok",   "403",  "ok",   "ok",   "ok",   "ok",   "403",  "403",  "403",  "403",  "403",  "403"], // invited
    ["ok",   "none", "ok",   "403",  "404",  "404",  "404",  "ok",   "403",  "403",  "403",  "403",  "403",  "403"], // requester
    ["ok",   "none", "ok",   "403",  "404",  "404",  "404",  "ok",   "403",  "403",  "403",  "403",  "403",  "403"], // outsider
    ["ok",   "none", "ok",   "403",  "404",  "404",  "404",  "ok",   "403",  "403",  "403",  "403",  "403",  "403"], // ien
    ["ok",   "none", "ok",   "403",  "404",  "404",  "404",  "ok",   "403",  "403",  "403",  "403",  "403",  "403"], // admin
];

/// The same on a private, sensitive group: outside it, it does not exist — for the IEN and
/// the administrator too. (Nobody can ask to join it, so the "requester" is an outsider.)
#[rustfmt::skip]
const PRIVATE_SENSITIVE: [[&str; 14]; 8] = [
    //  view   members create  invite  accept  decline block   request approve reject  leave   role    archive delete
    ["ok",   "ok",   "ok",   "ok",   "404",  "404",  "404",  "403",  "404",  "404",  "last", "ok",   "ok",   "ok"], // owner
    ["ok",   "ok",   "ok",   "ok",   "404",  "404",  "404",  "403",  "404",  "404",  "ok",   "403",  "403",  "403"], // manager
    ["ok",   "ok",   "ok",   "403",  "404",  "404",  "404",  "403",  "403",  "403",  "ok",   "403",  "403",  "403"], // member
    ["404",  "404",  "ok",   "404",  "ok",   "ok",   "ok",   "404",  "404",  "404",  "404",  "404",  "404",  "404"], // invited
    ["404",  "404",  "ok",   "404",  "404",  "404",  "404",  "404",  "404",  "404",  "404",  "404",  "404",  "404"], // requester
    ["404",  "404",  "ok",   "404",  "404",  "404",  "404",  "404",  "404",  "404",  "404",  "404",  "404",  "404"], // outsider
    ["404",  "404",  "ok",   "404",  "404",  "404",  "404",  "404",  "404",  "404",  "404",  "404",  "404",  "404"], // ien
    ["404",  "404",  "ok",   "404",  "404",  "404",  "404",  "404",  "404",  "404",  "404",  "404",  "404",  "404"], // admin
];

struct Cast {
    /// By role, in the order of `ROLES`.
    actors: Vec<Actor>,
    /// Someone everyone may see and nobody has invited yet.
    newcomer: Actor,
}

impl Cast {
    fn of(&self, role: &str) -> &Actor {
        &self.actors[ROLES.iter().position(|r| *r == role).unwrap()]
    }
}

async fn cast(t: &TestApp) -> Cast {
    let admin = t.admin().await;
    let people = [
        ("Olivier", "owner"),
        ("Manon", "manager"),
        ("Mia", "member"),
        ("Inès", "invited"),
        ("Rémi", "requester"),
        ("Oscar", "outsider"),
        ("Ivan", "ien"),
        ("Théo", "newcomer"),
    ];
    let emails: Vec<String> = people
        .iter()
        .map(|(given, role)| format!("{role}.{}@ac-amiens.fr", given.to_lowercase()))
        .collect();
    let lines: Vec<Person<'_>> = people
        .iter()
        .zip(&emails)
        .map(|((given, role), email)| {
            if *role == "ien" {
                (
                    "Lefort",
                    *given,
                    email.as_str(),
                    "0809999C",
                    "Circonscription",
                    "IEN",
                )
            } else {
                ("Martin", *given, email.as_str(), "0801234A", "École A", "")
            }
        })
        .collect();
    let (_, batch) = admin.import_roster(roster_csv(&lines).as_bytes()).await;
    for (_, code) in admin.letters(&batch).await {
        t.activate(&code, "district").await;
    }
    let mut actors = Vec::new();
    for email in &emails[..7] {
        actors.push(actor(t, email).await);
    }
    actors.push(actor(t, ADMIN_EMAIL).await);
    Cast {
        actors,
        newcomer: actor(t, &emails[7]).await,
    }
}

/// A group of its own for one case: the owner, a manager and a member (both joined by
/// accepting an invitation), an invitation waiting for "invited", and (closed groups) a
/// request from "requester".
async fn fresh_group(t: &TestApp, cast: &Cast, kind: &str, sensitive: bool) -> Uuid {
    let owner = cast.of("owner");
    let group = t
        .app
        .create_group(owner, "Groupe du cas", "", kind, sensitive)
        .await
        .unwrap();
    for role in ["manager", "member", "invited"] {
        t.app
            .invite_to_group(owner, group, cast.of(role).id().as_uuid(), "")
            .await
            .unwrap();
    }
    for role in ["manager", "member"] {
        let who = cast.of(role);
        let invitation = t.app.my_group_invitations(who).await.unwrap()[0].id;
        t.app
            .answer_group_invitation(who, invitation, Answer::Accept)
            .await
            .unwrap();
    }
    let manager = cast.of("manager").id().as_uuid();
    t.app
        .change_group_role(owner, group, manager, GroupRole::Manager)
        .await
        .unwrap();
    if kind == "closed" {
        t.app
            .request_to_join(cast.of("requester"), group)
            .await
            .unwrap();
    }
    group
}

fn outcome<T>(r: Result<T, AppError>) -> String {
    match r {
        Ok(_) => "ok".into(),
        Err(AppError::Forbidden) => "403".into(),
        Err(AppError::NotFound) => "404".into(),
        Err(AppError::LastGroupOwner) => "last".into(),
        Err(other) => format!("{other:?}"),
    }
}

async fn act(t: &TestApp, cast: &Cast, who: &Actor, action: &str, group: Uuid) -> String {
    let app = &t.app;
    let answer = |answer: Answer| async move {
        // The actor's own invitation to this group, if they have one.
        let mine = app.my_group_invitations(who).await.unwrap();
        match mine.iter().find(|i| i.group_id == group) {
            Some(i) => outcome(app.answer_group_invitation(who, i.id, answer).await),
            None => "404".to_owned(),
        }
    };
    let requester = cast.of("requester").id().as_uuid();
    match action {
        "view" => outcome(app.group_page(who, group).await),
        "members" => match app.group_page(who, group).await {
            Ok(page) if page.members.is_some() => "ok".into(),
            Ok(_) => "none".into(),
            Err(e) => outcome::<()>(Err(e)),
        },
        "create" => outcome(
            app.create_group(who, "Autre groupe", "", "open", false)
                .await,
        ),
        "invite" => outcome(
            app.invite_to_group(who, group, cast.newcomer.id().as_uuid(), "")
                .await,
        ),
        "accept" => answer(Answer::Accept).await,
        "decline" => answer(Answer::Decline).await,
        "block" => answer(Answer::DeclineAndBlock).await,
        "request" => outcome(app.request_to_join(who, group).await),
        "approve" => outcome(app.decide_join_request(who, group, requester, true).await),
        "reject" => outcome(app.decide_join_request(who, group, requester, false).await),
        "leave" => outcome(app.leave_group(who, group).await),
        "role" => outcome(
            app.change_group_role(
                who,
                group,
                cast.of("member").id().as_uuid(),
                GroupRole::Manager,
            )
            .await,
        ),
        "archive" => outcome(app.archive_group(who, group).await),
        "delete" => outcome(app.delete_group(who, group).await),
        other => panic!("no action {other}"),
    }
}

/// The members of a group, read as its owner (empty once it is deleted).
async fn member_ids(t: &TestApp, cast: &Cast, group: Uuid) -> BTreeSet<Uuid> {
    match t.app.group_page(cast.of("owner"), group).await {
        Ok(page) => page.members.unwrap().into_iter().map(|m| m.id).collect(),
        Err(_) => BTreeSet::new(),
    }
}

#[tokio::test]
async fn every_role_gets_the_written_answer_for_every_group_action() {
    let t = TestApp::spawn().await;
    let cast = cast(&t).await;
    let mut problems = Vec::new();
    let mut cases = 0;
    for (kind, sensitive, table) in [
        ("closed", false, &CLOSED),
        ("private", true, &PRIVATE_SENSITIVE),
    ] {
        for (r, role) in ROLES.iter().enumerate() {
            for (a, action) in ACTIONS.iter().enumerate() {
                // A day apart: the setup's invitations stay under the daily limit.
                t.advance(Duration::from_secs(86_400 + 3600));
                let group = fresh_group(&t, &cast, kind, sensitive).await;
                let before = member_ids(&t, &cast, group).await;
                let who = cast.of(role);
                let got = act(&t, &cast, who, action, group).await;
                cases += 1;
                if got != table[r][a] {
                    problems.push(format!(
                        "{kind}: {role} {action}: got {got}, expected {}",
                        table[r][a]
                    ));
                }
                // Nobody joined but by their own act.
                let me = who.id().as_uuid();
                let requester = cast.of("requester").id().as_uuid();
                for joined in member_ids(&t, &cast, group).await.difference(&before) {
                    let own_act = *joined == me && matches!(*action, "accept");
                    let approved = *joined == requester && *action == "approve";
                    if !own_act && !approved {
                        problems.push(format!("{kind}: {role} {action} made {joined} a member"));
                    }
                }
            }
        }
    }
    assert_eq!(cases, 2 * 8 * 14);
    assert!(problems.is_empty(), "{problems:#?}");
}
