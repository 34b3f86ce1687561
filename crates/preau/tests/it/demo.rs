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
        "groups, mail, forums and documents",
    ] {
        assert!(text.contains(needle), "{needle} missing from:\n{text}");
    }
    assert!(
        !format!("{summary:?}").contains(summary.password.expose()),
        "Debug never shows the password"
    );
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
