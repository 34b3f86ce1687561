//! Working groups (issue 10): membership only by the person's own act, invitations only to
//! people one may see, declines that stick, silent leaving, member lists for members only
//! (administrators included), and shared groups in the directory's visibility rule.

use crate::helpers::*;
use preau_app::groups::Answer;
use preau_app::{Actor, AppError};
use preau_domain::groups::GroupRole;
use std::time::Duration;
use uuid::Uuid;

const ALICE: &str = "alice.roux@ac-amiens.fr";
const BRUNO: &str = "bruno.leroy@ac-amiens.fr";
const CAMILLE: &str = "camille.fabre@ac-amiens.fr";
const DAVID: &str = "david.moreau@ac-amiens.fr";

/// Four teachers: Alice (school A), Bruno and Camille (school B), David (school B, visible to
/// nobody). Everyone but David keeps the default scope, « my places ».
async fn staff(t: &TestApp) {
    let admin = t.admin().await;
    let csv = roster_csv(&[
        ("Roux", "Alice", ALICE, "0801234A", "École A", ""),
        ("Leroy", "Bruno", BRUNO, "0805678B", "École B", ""),
        ("Fabre", "Camille", CAMILLE, "0805678B", "École B", ""),
        ("Moreau", "David", DAVID, "0805678B", "École B", ""),
    ]);
    let (_, batch) = admin.import_roster(csv.as_bytes()).await;
    let letters = admin.letters(&batch).await;
    for (name, code) in &letters {
        let scope = if name.contains("David") {
            "nobody"
        } else {
            "my_places"
        };
        t.activate(code, scope).await;
    }
}

fn id_of(a: &Actor) -> Uuid {
    a.id().as_uuid()
}

async fn members(t: &TestApp, who: &Actor, group: Uuid) -> Vec<String> {
    let page = t.app.group_page(who, group).await.unwrap();
    let mut names: Vec<String> = page
        .members
        .expect("a member sees the members")
        .into_iter()
        .map(|m| m.name)
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn nobody_is_a_member_but_by_their_own_act() {
    let t = TestApp::spawn().await;
    staff(&t).await;
    let (bruno, camille, david) = (
        actor(&t, BRUNO).await,
        actor(&t, CAMILLE).await,
        actor(&t, DAVID).await,
    );
    let group = t
        .app
        .create_group(
            &bruno,
            "Cycle 3 maths",
            "Progressions partagées",
            "closed",
            false,
        )
        .await
        .unwrap();
    assert_eq!(members(&t, &bruno, group).await, vec!["Bruno Leroy"]);

    // An invitation is not a membership: Camille is in only once she accepts.
    t.app
        .invite_to_group(&bruno, group, id_of(&camille), "Pour la réunion de jeudi")
        .await
        .unwrap();
    assert_eq!(members(&t, &bruno, group).await, vec!["Bruno Leroy"]);
    let invitations = t.app.my_group_invitations(&camille).await.unwrap();
    assert_eq!(invitations.len(), 1);
    assert_eq!(invitations[0].inviter.as_deref(), Some("Bruno Leroy"));
    assert_eq!(invitations[0].message, "Pour la réunion de jeudi");
    t.app
        .answer_group_invitation(&camille, invitations[0].id, Answer::Accept)
        .await
        .unwrap();
    assert_eq!(
        members(&t, &bruno, group).await,
        vec!["Bruno Leroy", "Camille Fabre"]
    );

    // A manager cannot approve a request nobody made: no way to add David.
    let refused = t
        .app
        .decide_join_request(&bruno, group, id_of(&david), true)
        .await;
    assert!(matches!(refused, Err(AppError::NotFound)), "{refused:?}");
    // Someone else's invitation cannot be accepted for them.
    t.app
        .invite_to_group(&bruno, group, id_of(&actor(&t, ALICE).await), "")
        .await
        .ok();
    let alices = t
        .app
        .my_group_invitations(&actor(&t, ALICE).await)
        .await
        .unwrap();
    for inv in &alices {
        let stolen = t
            .app
            .answer_group_invitation(&camille, inv.id, Answer::Accept)
            .await;
        assert!(matches!(stolen, Err(AppError::NotFound)), "{stolen:?}");
    }
    assert_eq!(members(&t, &bruno, group).await.len(), 2);
}

#[tokio::test]
async fn a_closed_group_is_joined_by_request_and_an_open_one_at_once() {
    let t = TestApp::spawn().await;
    staff(&t).await;
    let (alice, bruno) = (actor(&t, ALICE).await, actor(&t, BRUNO).await);
    let closed = t
        .app
        .create_group(&bruno, "Fermé", "", "closed", false)
        .await
        .unwrap();
    let open = t
        .app
        .create_group(&bruno, "Ouvert", "", "open", false)
        .await
        .unwrap();
    assert!(matches!(
        t.app.join_group(&alice, closed).await,
        Err(AppError::Forbidden)
    ));
    t.app.request_to_join(&alice, closed).await.unwrap();
    let page = t.app.group_page(&bruno, closed).await.unwrap();
    assert_eq!(
        page.requests.unwrap().len(),
        1,
        "the owner sees the request"
    );
    t.app
        .decide_join_request(&bruno, closed, id_of(&alice), true)
        .await
        .unwrap();
    assert_eq!(members(&t, &alice, closed).await.len(), 2);
    t.app.join_group(&alice, open).await.unwrap();
    assert_eq!(members(&t, &alice, open).await.len(), 2);
    let directory = t.app.group_directory(&alice).await.unwrap();
    let names: Vec<_> = directory.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, vec!["Fermé", "Ouvert"]);
}

#[tokio::test]
async fn outsiders_and_administrators_see_neither_private_groups_nor_member_lists() {
    let t = TestApp::spawn().await;
    staff(&t).await;
    let (alice, bruno) = (actor(&t, ALICE).await, actor(&t, BRUNO).await);
    let admin = actor(&t, ADMIN_EMAIL).await;
    let private = t
        .app
        .create_group(&bruno, "Entraide", "", "private", true)
        .await
        .unwrap();
    let open = t
        .app
        .create_group(&bruno, "Lecture", "", "open", false)
        .await
        .unwrap();
    for outsider in [&alice, &admin] {
        assert!(matches!(
            t.app.group_page(outsider, private).await,
            Err(AppError::NotFound)
        ));
        let page = t.app.group_page(outsider, open).await.unwrap();
        assert!(page.members.is_none(), "members are for members");
        assert!(
            !t.app
                .group_directory(outsider)
                .await
                .unwrap()
                .iter()
                .any(|g| g.id == private),
            "a private group is never listed"
        );
    }
    // An unknown group answers the same as a private one.
    assert!(matches!(
        t.app.group_page(&admin, Uuid::now_v7()).await,
        Err(AppError::NotFound)
    ));
}

#[tokio::test]
async fn invitations_go_only_to_people_one_may_see_and_a_decline_sticks() {
    let t = TestApp::spawn().await;
    staff(&t).await;
    let (alice, bruno, camille, david) = (
        actor(&t, ALICE).await,
        actor(&t, BRUNO).await,
        actor(&t, CAMILLE).await,
        actor(&t, DAVID).await,
    );
    let group = t
        .app
        .create_group(&bruno, "Sciences", "", "private", false)
        .await
        .unwrap();
    // Alice (another school, « my places ») and David (« nobody ») are not visible to Bruno.
    for hidden in [&alice, &david] {
        assert!(matches!(
            t.app
                .invite_to_group(&bruno, group, id_of(hidden), "")
                .await,
            Err(AppError::NotFound)
        ));
    }
    t.app
        .invite_to_group(&bruno, group, id_of(&camille), "")
        .await
        .unwrap();
    let inv = t.app.my_group_invitations(&camille).await.unwrap();
    t.app
        .answer_group_invitation(&camille, inv[0].id, Answer::Decline)
        .await
        .unwrap();
    // Invited again within 90 days: the inviter is not told, nothing reaches Camille.
    t.app
        .invite_to_group(&bruno, group, id_of(&camille), "")
        .await
        .unwrap();
    assert!(
        t.app
            .my_group_invitations(&camille)
            .await
            .unwrap()
            .is_empty()
    );
    t.advance(Duration::from_secs(91 * 86_400));
    let (bruno, camille) = (actor(&t, BRUNO).await, actor(&t, CAMILLE).await);
    t.app
        .invite_to_group(&bruno, group, id_of(&camille), "")
        .await
        .unwrap();
    let inv = t.app.my_group_invitations(&camille).await.unwrap();
    assert_eq!(inv.len(), 1, "after 90 days, a new invitation");
    t.app
        .answer_group_invitation(&camille, inv[0].id, Answer::DeclineAndBlock)
        .await
        .unwrap();
    t.advance(Duration::from_secs(400 * 86_400));
    let (bruno, camille) = (actor(&t, BRUNO).await, actor(&t, CAMILLE).await);
    t.app
        .invite_to_group(&bruno, group, id_of(&camille), "")
        .await
        .unwrap();
    assert!(
        t.app
            .my_group_invitations(&camille)
            .await
            .unwrap()
            .is_empty(),
        "blocked for good"
    );
}

#[tokio::test]
async fn pending_invitations_expire_after_30_days() {
    let t = TestApp::spawn().await;
    staff(&t).await;
    let (bruno, camille) = (actor(&t, BRUNO).await, actor(&t, CAMILLE).await);
    let group = t
        .app
        .create_group(&bruno, "Sport", "", "closed", false)
        .await
        .unwrap();
    t.app
        .invite_to_group(&bruno, group, id_of(&camille), "")
        .await
        .unwrap();
    t.advance(Duration::from_secs(31 * 86_400));
    let camille = actor(&t, CAMILLE).await;
    assert!(
        t.app
            .my_group_invitations(&camille)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        t.app
            .purge_expired()
            .await
            .unwrap()
            .get("group_invitations"),
        1
    );
}

#[tokio::test]
async fn leaving_is_silent_and_the_last_owner_hands_over_first() {
    let t = TestApp::spawn().await;
    staff(&t).await;
    let (bruno, camille) = (actor(&t, BRUNO).await, actor(&t, CAMILLE).await);
    let group = t
        .app
        .create_group(&bruno, "Chorale", "", "open", false)
        .await
        .unwrap();
    t.app.join_group(&camille, group).await.unwrap();
    let refused = t.app.leave_group(&bruno, group).await;
    assert!(
        matches!(&refused, Err(AppError::LastGroupOwner)),
        "{refused:?}"
    );
    // A member cannot promote themselves; the owner hands over, then leaves.
    assert!(matches!(
        t.app
            .change_group_role(&camille, group, id_of(&camille), GroupRole::Owner)
            .await,
        Err(AppError::Forbidden)
    ));
    t.app
        .change_group_role(&bruno, group, id_of(&camille), GroupRole::Owner)
        .await
        .unwrap();
    t.app.leave_group(&bruno, group).await.unwrap();
    assert_eq!(members(&t, &camille, group).await, vec!["Camille Fabre"]);
    assert!(
        t.app
            .my_group_invitations(&camille)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_shared_group_makes_colleagues_of_other_schools_findable() {
    let t = TestApp::spawn().await;
    staff(&t).await;
    let alice_browser = t.browser();
    assert_eq!(alice_browser.login(ALICE, PASSWORD).await.status(), 303);
    let (_, page) = alice_browser.get_text("/annuaire?q=leroy").await;
    assert!(
        !page.contains("Bruno Leroy"),
        "another school, « my places »"
    );
    let (alice, bruno) = (actor(&t, ALICE).await, actor(&t, BRUNO).await);
    let group = t
        .app
        .create_group(&bruno, "Éco-école", "", "open", false)
        .await
        .unwrap();
    t.app.join_group(&alice, group).await.unwrap();
    let (_, page) = alice_browser.get_text("/annuaire?q=leroy").await;
    assert!(page.contains("Bruno Leroy"), "a shared group");
    // And not once she has left.
    t.app.leave_group(&alice, group).await.unwrap();
    let (_, page) = alice_browser.get_text("/annuaire?q=leroy").await;
    assert!(!page.contains("Bruno Leroy"));
}

/// At most 50 invitations a day from one inviter, whatever the groups: the 51st is refused
/// with a clear code, and a day later invitations go again.
#[tokio::test]
async fn an_inviter_sends_at_most_50_invitations_a_day() {
    let t = TestApp::spawn().await;
    staff(&t).await;
    let (bruno, camille) = (actor(&t, BRUNO).await, actor(&t, CAMILLE).await);
    let mut groups = Vec::new();
    for i in 0..51 {
        let name = format!("Groupe {i}");
        groups.push(
            t.app
                .create_group(&bruno, &name, "", "private", false)
                .await
                .unwrap(),
        );
    }
    for g in &groups[..50] {
        t.app
            .invite_to_group(&bruno, *g, id_of(&camille), "")
            .await
            .unwrap();
    }
    let refused = t
        .app
        .invite_to_group(&bruno, groups[50], id_of(&camille), "")
        .await;
    assert!(
        matches!(refused, Err(AppError::LimitReached)),
        "{refused:?}"
    );
    let pending = || async { t.app.my_group_invitations(&camille).await.unwrap().len() };
    assert_eq!(pending().await, 50);
    t.advance(Duration::from_secs(86_400 + 60));
    t.app
        .invite_to_group(&bruno, groups[50], id_of(&camille), "")
        .await
        .unwrap();
    assert_eq!(pending().await, 51);
}

/// A sensitive group (union, health, mutual aid) changes nothing outside it: sharing one
/// makes nobody findable in the directory, by page or API, and its membership is shown to no
/// role outside it — the administrator's « Qui voit qui ? » included. The same steps with an
/// ordinary group do make the colleague findable, so the test can tell the difference.
#[tokio::test]
async fn a_sensitive_group_changes_nothing_outside_it() {
    let t = TestApp::spawn().await;
    staff(&t).await;
    let alice_browser = t.browser();
    assert_eq!(alice_browser.login(ALICE, PASSWORD).await.status(), 303);
    let token = alice_browser.api_token("annuaire").await;
    let (alice, bruno) = (actor(&t, ALICE).await, actor(&t, BRUNO).await);
    let admin = actor(&t, ADMIN_EMAIL).await;
    let bruno_id = id_of(&bruno);
    // What Alice finds of Bruno: the directory page, the API search, his profile.
    let finds = || async {
        let (_, page) = alice_browser.get_text("/annuaire?q=leroy").await;
        let api: serde_json::Value = http()
            .get(format!("{}/api/v1/directory?q=leroy", t.url))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let profile = alice_browser
            .get(&format!("/annuaire/{bruno_id}"))
            .await
            .status();
        (
            page.contains("Bruno Leroy"),
            api.to_string().contains(&bruno_id.to_string()),
            profile.as_u16(),
        )
    };
    assert_eq!(
        finds().await,
        (false, false, 404),
        "another school, « my places »"
    );

    let union = t
        .app
        .create_group(&bruno, "Section syndicale", "", "open", true)
        .await
        .unwrap();
    t.app.join_group(&alice, union).await.unwrap();
    assert_eq!(
        finds().await,
        (false, false, 404),
        "a sensitive group counts for nothing"
    );
    // Inside, the members know each other.
    assert_eq!(
        members(&t, &alice, union).await,
        vec!["Alice Roux", "Bruno Leroy"]
    );
    // Outside, administrators included, nobody sees who is in it.
    let page = t.app.group_page(&admin, union).await.unwrap();
    assert!(page.members.is_none() && page.requests.is_none());
    let why = t
        .app
        .explain_visibility(&admin, ALICE, BRUNO)
        .await
        .unwrap();
    assert_eq!(why, preau_app::directory::VisibilityAnswer::NotVisible);

    // The same with an ordinary group: now she finds him.
    let ordinary = t
        .app
        .create_group(&bruno, "Éco-école", "", "open", false)
        .await
        .unwrap();
    t.app.join_group(&alice, ordinary).await.unwrap();
    assert_eq!(finds().await, (true, true, 200));
}

/// A small deterministic generator, so that a failure names its seed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// (id, address, status, scope, school, groups)
type RandomPerson = (
    Uuid,
    String,
    &'static str,
    &'static str,
    Uuid,
    std::collections::BTreeSet<Uuid>,
);

/// The directory's SQL filter and `can_see` agree on random people: statuses, scopes,
/// schools and group memberships drawn at random, every viewer against everyone (issue 10,
/// issue 14's property test of `can_see` against its SQL filter).
#[tokio::test]
async fn the_directory_filter_and_can_see_agree_on_random_people() {
    use preau_domain::policy::{AccountStatus, DirectoryScope, Visibility, can_see};
    use preau_domain::{Timestamp, UserId};
    use std::collections::{BTreeSet, HashMap};
    let t = TestApp::spawn().await;
    let db = t.app.db();
    let now = Timestamp::from_unix(START);
    for seed in [7_u64, 1_234_567, 42] {
        let mut rng = Lcg(seed);
        let structures: Vec<Uuid> = (0..3).map(|_| Uuid::now_v7()).collect();
        let groups: Vec<Uuid> = (0..4).map(|_| Uuid::now_v7()).collect();
        // The last group is sensitive: sharing it makes nobody visible to anybody.
        let sensitive = groups[3];
        let statuses = [
            "active",
            "active",
            "active",
            "restricted",
            "departing",
            "suspended",
        ];
        let scopes = ["my_places", "district", "nobody"];
        let people: Vec<RandomPerson> = (0..30)
            .map(|i| {
                let mut mine = BTreeSet::new();
                for g in &groups {
                    if rng.next(3) == 0 {
                        mine.insert(*g);
                    }
                }
                (
                    Uuid::now_v7(),
                    format!("p{seed}-{i}@demo.invalid"),
                    statuses[rng.next(statuses.len())],
                    scopes[rng.next(scopes.len())],
                    structures[rng.next(structures.len())],
                    mine,
                )
            })
            .collect();
        let mut tx = db.begin().await.unwrap();
        for (i, s) in structures.iter().enumerate() {
            preau_store::structures::insert(
                &mut tx,
                *s,
                "unit",
                None,
                &format!("S{seed}-{i}"),
                "",
                now,
            )
            .await
            .unwrap();
        }
        // One family name per seed, so that each round searches its own people only.
        let family = format!("Tirage{seed}");
        let fragment = format!("tirage{seed}");
        let accounts: Vec<_> = people
            .iter()
            .map(
                |(id, email, status, scope, structure, _)| preau_store::demo::DemoAccount {
                    id: *id,
                    email,
                    given_name: "Pers",
                    family_name: &family,
                    password_hash: "x",
                    structure_id: *structure,
                    corps: "",
                    functions: "",
                    from_roster: true,
                    status,
                    directory_scope: scope,
                    show_structure: true,
                    show_functions: false,
                    notice_version: "",
                },
            )
            .collect();
        preau_store::demo::insert_accounts(&mut tx, &accounts, now)
            .await
            .unwrap();
        for g in &groups {
            preau_store::groups::insert(
                &mut tx,
                &preau_store::groups::NewGroup {
                    id: *g,
                    name: "G",
                    search_name: "g",
                    description: "",
                    kind: "open",
                    sensitive: *g == sensitive,
                },
                now,
            )
            .await
            .unwrap();
        }
        for (id, _, _, _, _, mine) in &people {
            for g in mine {
                preau_store::groups::add_member(&mut tx, *g, UserId::from_uuid(*id), "member", now)
                    .await
                    .unwrap();
            }
        }
        tx.commit().await.unwrap();

        let visibility: HashMap<Uuid, Visibility> = people
            .iter()
            .map(|(id, _, status, scope, structure, mine)| {
                (
                    *id,
                    Visibility {
                        id: *id,
                        status: AccountStatus::parse(status).unwrap(),
                        scope: DirectoryScope::parse(scope).unwrap(),
                        places: [*structure].into(),
                        groups: mine.iter().copied().filter(|g| *g != sensitive).collect(),
                    },
                )
            })
            .collect();
        let mut agreements = 0;
        for (viewer, _, _, _, structure, _) in &people {
            let found: BTreeSet<Uuid> = preau_store::users::search(
                db,
                UserId::from_uuid(*viewer),
                Some(*structure),
                &fragment,
                1000,
            )
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.user.id)
            .collect();
            let v = &visibility[viewer];
            // The SQL filter does not look at the viewer's own state: the use case does.
            let expected: BTreeSet<Uuid> = people
                .iter()
                .map(|p| p.0)
                .filter(|p| {
                    let active_viewer = Visibility {
                        status: AccountStatus::Active,
                        ..v.clone()
                    };
                    can_see(&active_viewer, &visibility[p]).is_allowed()
                })
                .collect();
            assert_eq!(found, expected, "seed {seed}, viewer {viewer}");
            agreements += expected.len();
        }
        assert!(
            agreements > 30,
            "seed {seed}: the data must show someone ({agreements})"
        );
    }
}

#[tokio::test]
async fn the_pages_create_invite_accept_and_leave() {
    let t = TestApp::spawn().await;
    staff(&t).await;
    let bruno = t.browser();
    assert_eq!(bruno.login(BRUNO, PASSWORD).await.status(), 303);
    let camille = t.browser();
    assert_eq!(camille.login(CAMILLE, PASSWORD).await.status(), 303);

    // A wrong form keeps what was typed and says what is wrong.
    let (status, page) = bruno
        .post_text(
            "/groupes",
            &[("name", "  "), ("description", "Jeux"), ("kind", "private")],
        )
        .await;
    assert_eq!(status, 422);
    assert!(
        page.contains("Donnez un nom au groupe") && page.contains("Jeux"),
        "{page}"
    );
    let r = bruno
        .post("/groupes", &[("name", "Jeux de cour"), ("kind", "private")])
        .await;
    assert_eq!(r.status(), 303);
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    let path = location.split('?').next().unwrap().to_owned();

    // An address nobody visible has: one answer.
    let (status, page) = bruno
        .post_text(
            &format!("{path}/inviter"),
            &[("email", DAVID), ("message", "")],
        )
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("Aucun collègue visible pour vous"), "{page}");
    let r = bruno
        .post(
            &format!("{path}/inviter"),
            &[("email", CAMILLE), ("message", "On compte sur toi")],
        )
        .await;
    assert_eq!(r.status(), 303);

    // Camille sees who invited her and why, and accepts.
    let (_, list) = camille.get_text("/groupes").await;
    assert!(
        list.contains("Bruno Leroy") && list.contains("On compte sur toi"),
        "{list}"
    );
    let invitation = between(&list, "action=\"/groupes/invitations/", "\"")[0].to_owned();
    let r = camille
        .post(
            &format!("/groupes/invitations/{invitation}"),
            &[("answer", "accepter")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (status, group) = camille.get_text(&path).await;
    assert_eq!(status, 200);
    assert!(
        group.contains("Bruno Leroy") && group.contains("Camille Fabre"),
        "{group}"
    );

    // The administrator, outside the private group, gets the answer for a group that does
    // not exist.
    let admin = t.browser();
    admin.login(ADMIN_EMAIL, PASSWORD).await;
    assert_eq!(admin.get(&path).await.status(), 404);
    let (_, list) = admin.get_text("/groupes").await;
    assert!(!list.contains("Jeux de cour"));

    // Leaving: one click, back to the list.
    let r = camille.post(&format!("{path}/quitter"), &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        camille.get(&path).await.status(),
        404,
        "a private group, once left"
    );
    let (_, group) = bruno.get_text(&path).await;
    assert!(!group.contains("Camille Fabre"));
}

/// Guarantee 2 against every route: each page route and each API operation, as each kind of
/// person (a colleague, the group's owner, someone hidden, the administrator), with forms,
/// bodies and paths naming a bystander and the group — and still the bystander, who never
/// acts, is in no group.
#[tokio::test]
async fn no_route_makes_anyone_a_member_but_the_person_acting() {
    let t = TestApp::spawn().await;
    staff(&t).await;
    let bruno = actor(&t, BRUNO).await;
    let camille = actor(&t, CAMILLE).await; // the bystander: never logs in below
    let bystander = id_of(&camille).to_string();
    let mut groups = Vec::new();
    for kind in ["open", "closed", "private"] {
        groups.push(
            t.app
                .create_group(&bruno, &format!("G {kind}"), "", kind, false)
                .await
                .unwrap()
                .to_string(),
        );
    }
    // Archiving last: an archived group refuses what would come after it.
    let mut routes = preau_web::routes::page_routes();
    routes.sort_by_key(|r| r.path.ends_with("/archiver"));
    assert!(routes.iter().any(|r| r.path.starts_with("/groupes")));
    let form: Vec<(&str, &str)> = vec![
        ("answer", "accepter"),
        ("decision", "accepter"),
        ("role", "owner"),
        ("email", CAMILLE),
        ("invitee", &bystander),
        ("message", "x"),
        ("name", "Nouveau"),
        ("kind", "open"),
        ("user", &bystander),
        ("person", &bystander),
    ];
    let mut calls = 0;
    for who in [ALICE, BRUNO, DAVID, ADMIN_EMAIL] {
        let b = t.browser();
        assert_eq!(b.login(who, PASSWORD).await.status(), 303);
        for route in &routes {
            if route.path == "/deconnexion" || route.path.starts_with("/compte/deconnexion") {
                continue; // would end this browser's session; covered elsewhere
            }
            for group in &groups {
                let path = route
                    .path
                    .replace("{id}", group)
                    .replace("{person}", &bystander)
                    .replace("{code}", "X")
                    .replace("{token}", "X")
                    .replace("{upload}", group)
                    .replace("{batch}", group);
                let url = format!("{}{path}", b.base);
                let r = if route.method == reqwest::Method::GET {
                    b.client.get(url).send().await.unwrap()
                } else {
                    b.client.post(url).form(&form).send().await.unwrap()
                };
                assert!(
                    !r.status().is_server_error(),
                    "{} {path}: {}",
                    route.method,
                    r.status()
                );
                calls += 1;
            }
        }
    }
    // The same through every API operation of the OpenAPI document, with a personal token
    // and each kind of body an operation takes.
    let doc: serde_json::Value = serde_json::from_str(&preau_web::api::openapi_document()).unwrap();
    let bodies = [
        serde_json::json!({"approve": true}),
        serde_json::json!({"invitee": bystander, "message": "x"}),
        serde_json::json!({"answer": "accept"}),
        serde_json::json!({"role": "owner"}),
        serde_json::json!({"name": "Nouveau", "kind": "open"}),
    ];
    let api = http();
    for who in [ALICE, BRUNO, DAVID, ADMIN_EMAIL] {
        let b = t.browser();
        assert_eq!(b.login(who, PASSWORD).await.status(), 303);
        let token = b.api_token("walk").await;
        let mut operations: Vec<(String, String)> = Vec::new();
        for (path, ops) in doc["paths"].as_object().unwrap() {
            for method in ops.as_object().unwrap().keys() {
                operations.push((method.to_uppercase(), path.clone()));
            }
        }
        operations.sort_by_key(|(_, p)| p.ends_with("/archive"));
        for (method, template) in &operations {
            if template == "/api/v1/roster" {
                continue; // a roster import would depart people; it enrols nobody either
            }
            for group in &groups {
                let path = template
                    .replace("{id}", group)
                    .replace("{person}", &bystander)
                    .replace("{batch}", group);
                let url = format!("{}{path}", t.url);
                let method: reqwest::Method = method.parse().unwrap();
                let sends: Vec<Option<&serde_json::Value>> =
                    if method == reqwest::Method::GET || method == reqwest::Method::DELETE {
                        vec![None]
                    } else {
                        std::iter::once(None)
                            .chain(bodies.iter().map(Some))
                            .collect()
                    };
                for body in sends {
                    let mut r = api.request(method.clone(), &url).bearer_auth(&token);
                    if let Some(body) = body {
                        r = r.json(body);
                    }
                    let status = r.send().await.unwrap().status();
                    assert!(!status.is_server_error(), "{method} {path}: {status}");
                    calls += 1;
                }
            }
        }
    }
    assert!(calls > 500, "{calls}");
    let camille = actor(&t, CAMILLE).await;
    assert!(
        t.app.my_groups(&camille).await.unwrap().is_empty(),
        "the bystander was enrolled by someone else"
    );
    // What she may receive are invitations: hers to accept or not.
    let _ = t.app.my_group_invitations(&camille).await.unwrap();
}

#[tokio::test]
async fn the_api_follows_the_same_rules() {
    let t = TestApp::spawn().await;
    staff(&t).await;
    let token = |email: &'static str| {
        let t = &t;
        async move {
            let b = t.browser();
            assert_eq!(b.login(email, PASSWORD).await.status(), 303);
            b.api_token("api").await
        }
    };
    let (bruno, camille, admin) = (
        token(BRUNO).await,
        token(CAMILLE).await,
        token(ADMIN_EMAIL).await,
    );
    let api = http();
    let url = |p: &str| format!("{}/api/v1{p}", t.url);
    let r = api
        .post(url("/groups"))
        .bearer_auth(&bruno)
        .json(&serde_json::json!({"name": "Arts", "kind": "private", "sensitive": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let id = r.json::<serde_json::Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let camille_id = actor(&t, CAMILLE).await.id().as_uuid().to_string();
    // No way for a manager to add someone who did not ask.
    let r = api
        .post(url(&format!("/groups/{id}/requests/{camille_id}")))
        .bearer_auth(&bruno)
        .json(&serde_json::json!({"approve": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    // The invitation, then Camille's own answer.
    let r = api
        .post(url(&format!("/groups/{id}/invitations")))
        .bearer_auth(&bruno)
        .json(&serde_json::json!({"invitee": camille_id, "message": "Bienvenue"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let invitations: serde_json::Value = api
        .get(url("/group-invitations"))
        .bearer_auth(&camille)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(invitations[0]["inviter"], "Bruno Leroy");
    let inv = invitations[0]["id"].as_str().unwrap().to_owned();
    let r = api
        .post(url(&format!("/group-invitations/{inv}")))
        .bearer_auth(&camille)
        .json(&serde_json::json!({"answer": "accept"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let detail: serde_json::Value = api
        .get(url(&format!("/groups/{id}")))
        .bearer_auth(&camille)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(detail["members"].as_array().unwrap().len(), 2);
    assert_eq!(detail["group"]["sensitive"], true);
    // The administrator: a private group is not there.
    let r = api
        .get(url(&format!("/groups/{id}")))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    // The last owner cannot leave.
    let r = api
        .post(url(&format!("/groups/{id}/leave")))
        .bearer_auth(&bruno)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "group-last-owner", "{body}");
}
