//! The data inventory: every table and column of both migration trees is declared by a
//! feature, with a retention that a purge applies; and erasure leaves nothing of the person
//! in any table or file (issue 9 §4).

use crate::helpers::*;
use preau_store::Backend;
use preau_store::inventory::{self, Erasure, Retention};
use std::collections::BTreeSet;
use std::time::Duration;

#[test]
fn every_table_and_column_of_both_migration_trees_is_declared() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let schema = inventory::migrated_schema(backend);
        assert!(schema.len() >= 15, "{backend:?}: {schema:?}");
        for (name, columns) in &schema {
            assert!(
                !columns.is_empty(),
                "{backend:?}: {name} read without columns"
            );
            let Some(declared) = inventory::table(name) else {
                panic!("{backend:?}: table {name} is declared by no feature");
            };
            let declared: BTreeSet<String> = declared.columns().map(str::to_owned).collect();
            assert_eq!(
                &declared, columns,
                "{backend:?}: the columns of {name} (declared, then migrated)"
            );
        }
        for t in inventory::tables() {
            assert!(
                schema.contains_key(t.name),
                "{backend:?}: {} is declared but no migration creates it",
                t.name
            );
        }
    }
}

#[test]
fn declarations_are_consistent() {
    let mut names = BTreeSet::new();
    for t in inventory::tables() {
        assert!(names.insert(t.name), "{} declared twice", t.name);
        assert!(!t.purpose.is_empty(), "{}", t.name);
        let all: Vec<&str> = t.columns().collect();
        let unique: BTreeSet<&str> = all.iter().copied().collect();
        assert_eq!(all.len(), unique.len(), "{}: a column in two lists", t.name);
        if let Some(owner) = t.owner {
            assert!(
                t.personal.contains(&owner),
                "{}: the owner {owner} is personal",
                t.name
            );
        }
        match t.erasure {
            Erasure::NotPersonal => assert!(!t.holds_personal_data(), "{}", t.name),
            Erasure::Cascade | Erasure::Unlink | Erasure::DeleteAccount => {
                assert!(
                    t.owner.is_some(),
                    "{}: erased through its owner column",
                    t.name
                )
            }
            Erasure::ByAddress | Erasure::WithRetention => {}
        }
        if t.holds_personal_data() {
            assert!(
                !matches!(t.retention, Retention::Kept(_)),
                "{}: personal data need a retention",
                t.name
            );
        }
    }
}

#[tokio::test]
async fn every_declared_retention_is_applied_by_the_purge() {
    let t = TestApp::spawn().await;
    let purged = t.app.purge_expired().await.unwrap();
    let applied: BTreeSet<&str> = purged.jobs().collect();
    let declared = inventory::purge_jobs();
    assert!(declared.len() >= 8, "{declared:?}");
    for job in &declared {
        assert!(
            applied.contains(job),
            "{job} is declared as a retention but no purge applies it: {applied:?}"
        );
    }
}

#[tokio::test]
async fn a_backup_counts_every_declared_table_but_sessions() {
    let t = TestApp::spawn().await;
    let counts = preau_store::maintenance::table_counts(t.app.db())
        .await
        .unwrap();
    let counted: BTreeSet<&str> = counts.iter().map(|(n, _)| n.as_str()).collect();
    let declared: BTreeSet<&str> = inventory::tables().map(|t| t.name).collect();
    assert!(declared.len() >= 15);
    let missing: Vec<_> = declared.difference(&counted).collect();
    assert_eq!(missing, vec![&"sessions"]);
}

/// Every cell of every declared table, as text, and every file under the data directory.
async fn everything_kept(t: &TestApp) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for table in inventory::tables() {
        for (column, text) in preau_store::inventory::cells(t.app.db(), table)
            .await
            .unwrap()
        {
            out.push((format!("{}.{column}", table.name), text));
        }
    }
    let mut dirs = vec![t.config.data_dir.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_none_or(|x| {
                !["sqlite3", "sqlite3-wal", "sqlite3-shm"].contains(&x.to_str().unwrap_or(""))
            }) && !path.to_string_lossy().contains("lock")
            {
                let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
                out.push((path.display().to_string(), text));
            }
        }
    }
    out
}

/// Where any of `needles` is still found.
async fn traces(t: &TestApp, needles: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for (place, text) in everything_kept(t).await {
        let lower = text.to_lowercase();
        for n in needles {
            if lower.contains(&n.to_lowercase()) {
                found.push(format!("{place} holds {n}"));
            }
        }
    }
    found
}

fn id_forms(id: uuid::Uuid) -> Vec<String> {
    let hex: String = id.as_bytes().iter().map(|b| format!("{b:02x}")).collect();
    vec![id.hyphenated().to_string(), hex]
}

#[tokio::test]
async fn after_the_departure_purge_nothing_of_the_person_remains() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let email = "gaspard.lenoir@ac-amiens.fr";
    let recovery = "gaspard.perso@example.org";
    let person = ("Lenoir", "Gaspard", email, "0801234A", "École A", "");
    let (_, batch) = admin.import_roster(roster_csv(&[person]).as_bytes()).await;
    // Invited by email, so that the outbox and its files hold the address and the name.
    assert_eq!(
        admin
            .post(&format!("/admin/courriels/{batch}"), &[])
            .await
            .status(),
        200
    );
    t.app.deliver_due_mail().await.unwrap();
    let letters = admin.letters(&batch).await;
    let gaspard = t.activate(&letters[0].1, "district").await;
    let r = gaspard
        .post(
            "/compte/adresse-de-secours",
            &[
                ("recovery_email", recovery),
                ("consent", "on"),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let link = t.newest_link("/adresse-de-secours/").await;
    assert_eq!(gaspard.post(&link, &[]).await.status(), 200);
    assert_eq!(
        gaspard
            .post("/compte/jetons", &[("name", "mon script")])
            .await
            .status(),
        201
    );
    gaspard
        .post("/mot-de-passe-oublie", &[("email", email)])
        .await;
    let id = preau_store::users::by_email(t.app.db(), email)
        .await
        .unwrap()
        .expect("Gaspard's account")
        .id;

    let mut needles = vec![
        email.to_owned(),
        recovery.to_owned(),
        "Gaspard".to_owned(),
        "Lenoir".to_owned(),
    ];
    needles.extend(id_forms(id));
    assert!(
        !traces(&t, &needles).await.is_empty(),
        "the walk finds the person while they are here"
    );

    // The next roster no longer lists Gaspard: departing, then erased after the grace.
    let other = (
        "Morel",
        "Inès",
        "ines.morel@ac-amiens.fr",
        "0801234A",
        "École A",
        "",
    );
    admin.import_roster(roster_csv(&[other]).as_bytes()).await;
    t.app.deliver_due_mail().await.unwrap();
    t.advance(Duration::from_secs(61 * 86_400));
    t.app.purge_expired().await.unwrap();
    let left = traces(&t, &needles).await;
    assert!(left.is_empty(), "{left:#?}");
}

/// « Supprimer mon compte », 30 days on: the same walk of every table and file as for a
/// departure finds nothing of the person — their groups, notifications, exports and the
/// email that confirmed the closing included.
#[tokio::test]
async fn after_an_account_is_deleted_nothing_of_the_person_remains() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let email = "gaspard.lenoir@ac-amiens.fr";
    let colleague = "ines.morel@ac-amiens.fr";
    let people = [
        ("Lenoir", "Gaspard", email, "0801234A", "École A", ""),
        ("Morel", "Inès", colleague, "0801234A", "École A", ""),
    ];
    let (_, batch) = admin.import_roster(roster_csv(&people).as_bytes()).await;
    for (_, code) in admin.letters(&batch).await {
        t.activate(&code, "district").await;
    }
    let gaspard = actor(&t, email).await;
    let ines = actor(&t, colleague).await;
    // Groups he owns (one with Inès in it), one he joined, news about him for her.
    let his = t
        .app
        .create_group(&gaspard, "Chez Gaspard", "", "open", false)
        .await
        .unwrap();
    t.app.join_group(&ines, his).await.unwrap();
    let hers = t
        .app
        .create_group(&ines, "Chorale", "", "closed", false)
        .await
        .unwrap();
    t.app.request_to_join(&gaspard, hers).await.unwrap();
    let id = gaspard.id().as_uuid();
    let mut needles = vec![email.to_owned(), "Gaspard".to_owned(), "Lenoir".to_owned()];
    needles.extend(id_forms(id));
    assert!(!traces(&t, &needles).await.is_empty());

    t.app
        .close_my_account(
            &gaspard,
            preau_domain::password::PasswordAttempt::new(PASSWORD.to_owned()),
            "hand-over",
            "keep",
            "192.0.2.1",
        )
        .await
        .unwrap();
    t.app.deliver_due_mail().await.unwrap();
    t.advance(Duration::from_secs(31 * 86_400));
    t.app.purge_expired().await.unwrap();
    let left: Vec<String> = traces(&t, &needles)
        .await
        .into_iter()
        // The group he handed over keeps the name he gave it: a group's name is the group's.
        .filter(|place| !(place.starts_with("groups.") && place.ends_with("Gaspard")))
        .filter(|place| !place.starts_with("notifications.subject"))
        .collect();
    assert!(left.is_empty(), "{left:#?}");
}

#[tokio::test]
async fn after_a_decline_or_an_expiry_nothing_of_the_invitation_remains() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let declines = (
        "Petit",
        "Yann",
        "yann.petit@ac-amiens.fr",
        "0801234A",
        "École A",
        "",
    );
    let ignores = (
        "Roux",
        "Maëlle",
        "maelle.roux@ac-amiens.fr",
        "0801234A",
        "École A",
        "",
    );
    let (_, batch) = admin
        .import_roster(roster_csv(&[declines, ignores]).as_bytes())
        .await;
    assert_eq!(
        admin
            .post(&format!("/admin/courriels/{batch}"), &[])
            .await
            .status(),
        200
    );
    t.app.deliver_due_mail().await.unwrap();
    let letters = admin.letters(&batch).await;
    let code = |n: &str| {
        letters
            .iter()
            .find(|(name, _)| name == n)
            .unwrap()
            .1
            .clone()
    };
    let yann = vec!["yann.petit@ac-amiens.fr".to_owned(), "Yann".to_owned()];
    let maelle = vec!["maelle.roux@ac-amiens.fr".to_owned(), "Maëlle".to_owned()];
    assert!(!traces(&t, &yann).await.is_empty());

    let r = t
        .browser()
        .post(&format!("/invitation/{}/refus", code("Yann Petit")), &[])
        .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let left = traces(&t, &yann).await;
    assert!(left.is_empty(), "after a decline: {left:#?}");

    assert!(!traces(&t, &maelle).await.is_empty());
    t.advance(Duration::from_secs(61 * 86_400));
    t.app.purge_expired().await.unwrap();
    let left = traces(&t, &maelle).await;
    assert!(left.is_empty(), "after the expiry: {left:#?}");
}

#[test]
fn the_committed_inventory_is_the_generated_one() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/data-inventory.md");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    let generated = inventory::register_markdown();
    assert!(generated.contains("### `users`") && generated.contains("`recovery_email`"));
    assert!(
        committed == generated,
        "docs/data-inventory.md is out of date: run `cargo run -q -- inventory > docs/data-inventory.md`"
    );
}

/// TRN-04: the register of processing (`compliance/register.toml`) and the inventory describe
/// the same processing — no table without a purpose, no purpose without a table, no retention
/// promised that no purge applies.
#[test]
fn the_register_of_processing_matches_the_inventory() {
    let register = preau_app::register::register().expect("compliance/register.toml parses");
    assert!(register.purposes.len() >= 5);
    let mut ids = BTreeSet::new();
    for p in &register.purposes {
        assert!(ids.insert(p.id.as_str()), "purpose {} listed twice", p.id);
        for text in [
            &p.name,
            &p.description,
            &p.data,
            &p.people,
            &p.recipients,
            &p.legal_basis,
            &p.retention,
        ] {
            assert!(
                !text.fr.trim().is_empty() && !text.en.trim().is_empty(),
                "{}: every text in French and English",
                p.id
            );
        }
        assert!(
            p.legal_basis.fr.contains("art. 6-1-"),
            "{}: the legal basis names its RGPD art. 6 ground",
            p.id
        );
    }
    let known_jobs = inventory::purge_jobs();
    for t in inventory::tables() {
        assert!(!t.register.is_empty(), "{} serves no purpose", t.name);
        for id in t.register {
            assert!(
                register.purpose(id).is_some(),
                "{} names the purpose {id}, missing from compliance/register.toml",
                t.name
            );
        }
        if let Retention::Purged { job, .. } = t.retention {
            assert!(
                t.register.iter().any(|id| register
                    .purpose(id)
                    .is_some_and(|p| p.jobs.iter().any(|j| j == job))),
                "{}: its purge {job} is named by none of its purposes {:?}",
                t.name,
                t.register
            );
        }
    }
    for p in &register.purposes {
        let tables: Vec<_> = inventory::tables()
            .filter(|t| t.register.contains(&p.id.as_str()))
            .collect();
        assert!(!tables.is_empty(), "purpose {} has no table", p.id);
        for job in &p.jobs {
            assert!(
                known_jobs.contains(&job.as_str()),
                "purpose {} names the retention job {job}, which no table declares: {known_jobs:?}",
                p.id
            );
            assert!(
                tables
                    .iter()
                    .any(|t| matches!(t.retention, Retention::Purged { job: j, .. } if j == job)),
                "purpose {}: the job {job} purges none of its tables",
                p.id
            );
        }
    }
}
