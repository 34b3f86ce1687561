//! `preau demo`: realistic data, on an empty development instance only, every address labelled;
//! its people log in with the printed password and find only whom `can_see` allows.

use crate::helpers::*;
use preau::demo::{self, DemoError, Scale};
use preau_domain::policy::{AccountStatus, DirectoryScope, Visibility, can_see};
use preau_store::Pools;
use std::collections::{BTreeSet, HashMap};
use uuid::Uuid;

/// An account as the directory rule needs it, read straight from the table.
#[derive(Debug, Clone, sqlx::FromRow)]
struct Row {
    id: Uuid,
    email: String,
    given_name: String,
    family_name: String,
    structure_id: Option<Uuid>,
    status: String,
    directory_scope: String,
    search_name: String,
}

const ACCOUNTS: &str = "SELECT id, email, given_name, family_name, structure_id, status, \
    directory_scope, search_name FROM users";
const STRUCTURES: &str = "SELECT COUNT(*) FROM structures";

async fn accounts(t: &TestApp) -> Vec<Row> {
    match t.app.db().pools() {
        Pools::Sqlite { reader, .. } => sqlx::query_as::<_, Row>(ACCOUNTS)
            .fetch_all(reader)
            .await
            .unwrap(),
        Pools::Postgres(pool) => sqlx::query_as::<_, Row>(ACCOUNTS)
            .fetch_all(pool)
            .await
            .unwrap(),
    }
}

async fn structure_count(t: &TestApp) -> i64 {
    match t.app.db().pools() {
        Pools::Sqlite { reader, .. } => sqlx::query_scalar::<_, i64>(STRUCTURES)
            .fetch_one(reader)
            .await
            .unwrap(),
        Pools::Postgres(pool) => sqlx::query_scalar::<_, i64>(STRUCTURES)
            .fetch_one(pool)
            .await
            .unwrap(),
    }
}

fn visibility(r: &Row) -> Visibility {
    Visibility {
        id: r.id,
        status: AccountStatus::parse(&r.status).unwrap(),
        scope: DirectoryScope::parse(&r.directory_scope).unwrap(),
        places: r.structure_id.into_iter().collect(),
        groups: BTreeSet::new(),
    }
}

/// The ids the directory page lists for `q`.
async fn directory_ids(b: &Browser, q: &str) -> BTreeSet<Uuid> {
    let (status, page) = b
        .get_text(&format!("/annuaire?q={}", q.replace(' ', "+")))
        .await;
    assert_eq!(status, 200, "{page}");
    between(&page, "<a href=\"/annuaire/", "\"")
        .into_iter()
        .map(|id| id.parse().unwrap())
        .collect()
}

#[tokio::test]
async fn the_circonscription_demo_logs_in_with_the_printed_password_and_shows_only_whom_can_see_allows()
 {
    let t = TestApp::spawn().await;
    let summary = demo::generate(&t.app, Scale::Circonscription)
        .await
        .unwrap();

    // What was written, and what the console says.
    assert_eq!(
        summary.accounts + summary.pending_invitations + summary.declined,
        300
    );
    let shares = (
        summary.accounts,
        summary.pending_invitations,
        summary.declined,
    );
    assert!(
        (250..=260).contains(&shares.0) && (30..=40).contains(&shares.1) && shares.2 >= 5,
        "~85% activated, ~12% pending, a few declined: {shares:?}"
    );
    assert!(summary.schools >= 15 && summary.units == 1);
    let text = summary.render();
    for needle in [
        summary.password.expose(),
        demo::ADMIN_EMAIL,
        "mail and forums",
        "folders shared",
        "school teams",
    ] {
        assert!(text.contains(needle), "{needle} missing from:\n{text}");
    }
    assert!(
        !format!("{summary:?}").contains(summary.password.expose()),
        "Debug never shows the password"
    );
    // Shares made through the use case: each one a row, none with someone hidden from the
    // sharer (those were refused and not counted).
    let share_rows = count(&t, "SELECT COUNT(*) FROM document_shares").await;
    assert!(summary.documents.shares >= 40, "{:?}", summary.documents);
    assert_eq!(share_rows, summary.documents.shares);
    assert_eq!(
        preau_store::invitations::count(t.app.db()).await.unwrap(),
        i64::try_from(summary.pending_invitations).unwrap(),
        "declined invitations are gone, the pending ones wait"
    );
    assert!(t.app.has_administrator().await.unwrap());

    // Every account is labelled as demo data; the rule's inputs vary.
    let rows = accounts(&t).await;
    assert_eq!(rows.len(), summary.accounts);
    assert!(rows.iter().all(|r| r.email.ends_with("@demo.invalid")));
    let scopes: BTreeSet<&str> = rows.iter().map(|r| r.directory_scope.as_str()).collect();
    assert_eq!(scopes.len(), 3, "all three directory scopes occur");
    assert!(rows.iter().any(|r| r.status == "restricted"));

    // Schools carry UAI codes with the administration's check letter.
    let all = t.app.structures().await.unwrap();
    let schools: Vec<_> = all.iter().filter_map(|s| s.uai.clone()).collect();
    assert_eq!(schools.len(), summary.schools);
    for uai in &schools {
        let digits: u32 = uai[..7].parse().unwrap();
        let key = b"ABCDEFGHJKLMNPRSTUVWXYZ"[(digits % 23) as usize];
        assert_eq!(uai.as_bytes()[7], key, "{uai}");
        assert!(uai.starts_with("080"), "the Somme: {uai}");
    }

    // A sample teacher logs in over HTTP with the printed password.
    let sample = &summary.samples[0];
    assert_eq!(sample.scope, DirectoryScope::MyPlaces);
    let browser = t.browser();
    let r = browser
        .login(&sample.email, summary.password.expose())
        .await;
    assert_eq!(r.status(), 303);
    assert!(browser.is_logged_in().await);
    let admin = t.browser();
    assert_eq!(
        admin
            .login(demo::ADMIN_EMAIL, summary.password.expose())
            .await
            .status(),
        303
    );
    assert_eq!(admin.get("/admin").await.status(), 200);

    // The directory: for colleagues of the same school and people elsewhere, each search
    // lists exactly the matching accounts `can_see` lets the teacher see.
    let by_id: HashMap<Uuid, &Row> = rows.iter().map(|r| (r.id, r)).collect();
    let viewer = rows.iter().find(|r| r.email == sample.email).unwrap();
    let viewer_v = visibility(viewer);
    let mut targets: Vec<&Row> = rows
        .iter()
        .filter(|r| r.structure_id == viewer.structure_id && r.id != viewer.id)
        .take(12)
        .collect();
    for scope in ["district", "my_places", "nobody"] {
        targets.extend(
            rows.iter()
                .filter(|r| r.structure_id != viewer.structure_id && r.directory_scope == scope)
                .take(4),
        );
    }
    targets.extend(rows.iter().filter(|r| r.status == "restricted").take(2));
    let (mut seen, mut hidden) = (0, 0);
    for target in targets {
        let q = format!("{} {}", target.given_name, target.family_name);
        let folded = preau_domain::text::fold(&q);
        let expected: BTreeSet<Uuid> = rows
            .iter()
            .filter(|r| r.search_name.contains(&folded))
            .filter(|r| can_see(&viewer_v, &visibility(r)).is_allowed())
            .map(|r| r.id)
            .collect();
        assert!(expected.len() <= 20, "{q}: more than a page");
        let listed = directory_ids(&browser, &q).await;
        assert_eq!(listed, expected, "search {q:?}");
        for id in &listed {
            assert!(can_see(&viewer_v, &visibility(by_id[id])).is_allowed());
        }
        if listed.contains(&target.id) {
            seen += 1;
        } else {
            hidden += 1;
        }
    }
    assert!(
        seen >= 3 && hidden >= 3,
        "both sides of the rule were exercised: {seen} seen, {hidden} hidden"
    );

    // A second run finds data and refuses.
    assert!(matches!(
        demo::generate(&t.app, Scale::Circonscription).await,
        Err(DemoError::NotEmpty)
    ));
    assert_eq!(accounts(&t).await.len(), summary.accounts);
}

/// A membership row with the traces the use cases leave: the invitation's notification to the
/// invitee, the approval's notification to the requester.
#[derive(Debug, sqlx::FromRow)]
struct MembershipRow {
    group_id: Uuid,
    user_id: Uuid,
    role: String,
    kind: String,
    invited: i64,
    approved: i64,
}

const MEMBERSHIPS: &str = "SELECT m.group_id, m.user_id, m.role, g.kind, \
    (SELECT COUNT(*) FROM notifications n WHERE n.user_id = m.user_id AND n.group_id = m.group_id \
        AND n.kind = 'group-invitation') AS invited, \
    (SELECT COUNT(*) FROM notifications n WHERE n.user_id = m.user_id AND n.group_id = m.group_id \
        AND n.kind = 'group-request-answered' AND n.detail = 'approved') AS approved \
    FROM group_members m JOIN groups g ON g.id = m.group_id";

async fn memberships(t: &TestApp) -> Vec<MembershipRow> {
    match t.app.db().pools() {
        Pools::Sqlite { reader, .. } => sqlx::query_as(MEMBERSHIPS).fetch_all(reader).await,
        Pools::Postgres(pool) => sqlx::query_as(MEMBERSHIPS).fetch_all(pool).await,
    }
    .unwrap()
}

async fn count(t: &TestApp, sql: &'static str) -> usize {
    let n: i64 = match t.app.db().pools() {
        Pools::Sqlite { reader, .. } => sqlx::query_scalar(sql).fetch_one(reader).await,
        Pools::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await,
    }
    .unwrap();
    usize::try_from(n).unwrap()
}

#[tokio::test]
async fn the_demo_groups_are_joined_only_by_their_members_own_acts() {
    let t = TestApp::spawn().await;
    let summary = demo::generate(&t.app, Scale::Circonscription)
        .await
        .unwrap();
    let g = &summary.groups;

    // Documents, filed by their people: two folders and two files each in « Mes documents »
    // (every blob in the store), and an agenda in some group spaces.
    let d = &summary.documents;
    assert_eq!(d.folders, 80, "{d:?}");
    assert_eq!(d.files, 80 + d.group_spaces, "{d:?}");
    assert!(d.group_spaces > 0, "{d:?}");
    let files = "SELECT COUNT(*) FROM documents WHERE kind = 'file'";
    assert_eq!(count(&t, files).await, d.files);
    assert_eq!(t.app.files().keys().await.unwrap().len(), d.files);
    let in_groups = "SELECT COUNT(*) FROM documents WHERE kind = 'file' AND group_id IS NOT NULL";
    assert_eq!(count(&t, in_groups).await, d.group_spaces);

    // About one group per five people, of every kind, exactly one of them sensitive.
    assert!((50..=70).contains(&g.total()), "{g:?}");
    assert!(
        g.school_teams >= 15 && g.cycle_groups == 3 && g.thematic_groups >= 20,
        "{g:?}"
    );
    assert_eq!(g.sensitive_groups, 1);
    assert_eq!(count(&t, "SELECT COUNT(*) FROM groups").await, g.total());
    let private = "SELECT COUNT(*) FROM groups WHERE kind = 'private'";
    assert_eq!(count(&t, private).await, g.school_teams + 1);
    let closed = "SELECT COUNT(*) FROM groups WHERE kind = 'closed'";
    assert_eq!(count(&t, closed).await, g.cycle_groups);
    let open = "SELECT COUNT(*) FROM groups WHERE kind = 'open'";
    assert_eq!(count(&t, open).await, g.thematic_groups);
    let sensitive = "SELECT COUNT(*) FROM groups WHERE sensitive AND kind = 'private'";
    assert_eq!(count(&t, sensitive).await, 1);
    let sensitive_any = "SELECT COUNT(*) FROM groups WHERE sensitive";
    assert_eq!(count(&t, sensitive_any).await, 1);

    // Every membership is its person's own act: the creator (one owner a group), an
    // accepted invitation (its notification stays), a join of an open group, or an approved
    // request (its answer stays) — and the counts of each add up to the table.
    let rows = memberships(&t).await;
    assert_eq!(rows.len(), g.memberships);
    let mut owners: HashMap<Uuid, usize> = HashMap::new();
    let (mut accepted, mut joined, mut approved) = (0, 0, 0);
    for m in &rows {
        if m.role == "owner" {
            *owners.entry(m.group_id).or_default() += 1;
            continue;
        }
        assert_eq!(m.role, "member", "{m:?}");
        match m.kind.as_str() {
            "private" => {
                assert_eq!(m.invited, 1, "a private group's member was invited: {m:?}");
                accepted += 1;
            }
            "closed" => {
                assert!(m.approved == 1 || m.invited == 1, "{m:?}");
                approved += 1;
            }
            "open" => joined += 1,
            other => panic!("kind {other}"),
        }
    }
    assert_eq!(owners.len(), g.total(), "every group has its creator");
    assert!(owners.values().all(|&n| n == 1));
    assert_eq!(
        (accepted, joined, approved),
        (g.accepted_invitations, g.joins, g.approved_requests)
    );
    assert!(
        g.accepted_invitations > 150 && g.joins > 100 && g.approved_requests > 30,
        "{g:?}"
    );
    // What is left waiting: invitations nobody answered yet, requests nobody decided yet.
    assert!(
        g.pending_invitations >= 3 && g.pending_requests >= 3,
        "{g:?}"
    );
    assert_eq!(
        count(&t, "SELECT COUNT(*) FROM group_invitations").await,
        g.pending_invitations
    );
    assert_eq!(
        count(&t, "SELECT COUNT(*) FROM group_join_requests").await,
        g.pending_requests
    );
    let invitations_told = "SELECT COUNT(*) FROM notifications WHERE kind = 'group-invitation'";
    assert_eq!(
        count(&t, invitations_told).await,
        g.accepted_invitations + g.pending_invitations
    );
    let members_of = |user: Uuid| rows.iter().filter(move |m| m.user_id == user).count();

    // The bench person: the first active login, in thirty groups, which `/groupes` lists; the
    // largest of them and the notifications open.
    let bench = summary.bench.as_ref().expect("a bench member");
    assert_eq!(bench.email, summary.active_logins[0]);
    assert_eq!(bench.groups, demo::BENCH_GROUPS);
    let bench_id = accounts(&t)
        .await
        .into_iter()
        .find(|r| r.email == bench.email)
        .unwrap()
        .id;
    assert_eq!(members_of(bench_id), demo::BENCH_GROUPS);
    let b = t.browser();
    assert_eq!(
        b.login(&bench.email, summary.password.expose())
            .await
            .status(),
        303
    );
    let (status, page) = b.get_text("/groupes").await;
    assert_eq!(status, 200);
    let mine = page
        .split("id=\"mine-heading\"")
        .nth(1)
        .and_then(|rest| rest.split("id=\"directory-heading\"").next())
        .unwrap();
    let listed: BTreeSet<&str> = between(mine, "href=\"/groupes/", "\"")
        .into_iter()
        .collect();
    assert_eq!(listed.len(), demo::BENCH_GROUPS, "{mine}");
    assert!(listed.contains(bench.group.to_string().as_str()));
    let (status, page) = b.get_text(&format!("/groupes/{}", bench.group)).await;
    assert_eq!(status, 200, "{page}");
    let (status, page) = b.get_text("/notifications").await;
    assert_eq!(status, 200, "{page}");
    assert!(
        summary
            .render()
            .contains(&format!("/groupes/{}", bench.group))
    );

    // The union section is nobody else's business: the bench person, not a member, is told
    // it does not exist.
    let sql = "SELECT id FROM groups WHERE sensitive";
    let section: Uuid = match t.app.db().pools() {
        Pools::Sqlite { reader, .. } => sqlx::query_scalar(sql).fetch_one(reader).await,
        Pools::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await,
    }
    .unwrap();
    assert!(!listed.contains(section.to_string().as_str()));
    assert_eq!(b.get(&format!("/groupes/{section}")).await.status(), 404);
}

#[tokio::test]
async fn the_demo_refuses_an_instance_that_already_has_an_account() {
    let t = TestApp::spawn().await;
    let _admin = t.admin().await;
    assert!(matches!(
        demo::generate(&t.app, Scale::Circonscription).await,
        Err(DemoError::NotEmpty)
    ));
    assert_eq!(accounts(&t).await.len(), 1);
    assert_eq!(structure_count(&t).await, 0);
}

#[tokio::test]
async fn the_demo_refuses_a_production_instance() {
    let t = TestApp::spawn_with(|c| {
        c.mode = preau_app::config::Mode::Production;
        c.public_url = Some("https://ent.circo-demo.example".into());
        c.controller_name = Some("DSDEN de la Somme".into());
        c.controller_address = Some("20 boulevard d'Alsace-Lorraine, 80000 Amiens".into());
        c.dpo_contact = Some("dpo@ac-amiens.fr".into());
        c.mail.smtp_url = Some(preau_app::config::Secret::new(
            "smtp://127.0.0.1:2525".to_owned(),
        ));
    })
    .await;
    assert!(matches!(
        demo::refuse_production(&t.config),
        Err(DemoError::Production)
    ));
    assert!(matches!(
        demo::generate(&t.app, Scale::Circonscription).await,
        Err(DemoError::Production)
    ));
    assert!(accounts(&t).await.is_empty());
    assert_eq!(structure_count(&t).await, 0);
}
