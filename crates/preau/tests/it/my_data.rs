//! « Mes données », first part (issue 11): the page and the archive. The archive is read
//! back with Python's `zipfile` (another implementation than the one that wrote it); its
//! completeness is checked against the data inventory, and it holds nothing about anybody
//! else — a colleague's sensitive group included.

use crate::helpers::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::Duration;

const ALICE: &str = "alice.roux@ac-amiens.fr";
const BRUNO: &str = "bruno.leroy@ac-amiens.fr";

/// The files of a ZIP archive, by name, as Python's `zipfile` reads them (after its CRC
/// check of every member).
pub(crate) fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("archive.zip");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(
            "import json, sys, zipfile\n\
             z = zipfile.ZipFile(sys.argv[1])\n\
             assert z.testzip() is None, 'a bad CRC'\n\
             print(json.dumps({n: z.read(n).decode('utf-8') for n in z.namelist()}))",
        )
        .arg(&path)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The document has exactly the keys `docs/export-schema.json` publishes, at the top, for
/// the person and for each table (the schema is hand-written: this keeps the two together).
fn follows_the_published_schema(doc: &Value) {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../docs/export-schema.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let keys = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(doc), keys(&schema["properties"]));
    assert_eq!(
        keys(&doc["person"]),
        keys(&schema["properties"]["person"]["properties"])
    );
    for (name, table) in doc["tables"].as_object().unwrap() {
        assert_eq!(
            keys(table),
            keys(&schema["$defs"]["table"]["properties"]),
            "{name}"
        );
    }
    assert_eq!(schema["properties"]["version"]["const"], doc["version"]);
}

/// Alice and Bruno, of one school, activated by the administrator's roster; their actors.
async fn colleagues(t: &TestApp, admin: &Browser) -> (preau_app::Actor, preau_app::Actor) {
    let csv = roster_csv(&[
        ("Roux", "Alice", ALICE, "0801234A", "École A", ""),
        ("Leroy", "Bruno", BRUNO, "0801234A", "École A", ""),
    ]);
    let (_, batch) = admin.import_roster(csv.as_bytes()).await;
    for (_, code) in admin.letters(&batch).await {
        t.activate(&code, "my_places").await;
    }
    (actor(t, ALICE).await, actor(t, BRUNO).await)
}

#[tokio::test]
async fn the_archive_holds_every_row_keyed_on_the_person_and_nothing_of_anyone_else() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let (alice_a, bruno_a) = colleagues(&t, &admin).await;
    let alice = t.browser();
    assert_eq!(alice.login(ALICE, PASSWORD).await.status(), 303);
    // A token whose name a spreadsheet would run as a formula.
    let token = alice.api_token("=HYPERLINK(\"http://x.invalid\")").await;
    // Bruno's union section, which Alice is not in, and a group they share.
    let union = t
        .app
        .create_group(&bruno_a, "Section syndicale", "", "private", true)
        .await
        .unwrap();
    let shared = t
        .app
        .create_group(&bruno_a, "Chorale", "", "open", false)
        .await
        .unwrap();
    t.app.join_group(&alice_a, shared).await.unwrap();
    let other = t
        .app
        .create_group(&bruno_a, "Jardin", "", "private", false)
        .await
        .unwrap();
    t.app
        .invite_to_group(&bruno_a, other, alice_a.id().as_uuid(), "")
        .await
        .unwrap();

    // The page: one click from every page (the navigation), the tables and their counts.
    let (status, home) = alice.get_text("/").await;
    assert_eq!(status, 200);
    assert!(home.contains("href=\"/compte/donnees\""), "{home}");
    let (status, page) = alice.get_text("/compte/donnees").await;
    assert_eq!(status, 200);
    assert!(page.contains("<code>group_members</code>"), "{page}");
    assert!(page.contains("href=\"/compte/donnees/archive\""), "{page}");

    // The archive, from the page and from the API: the same files.
    let r = alice.get("/compte/donnees/archive").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/zip");
    let disposition = r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"preau-mes-donnees-"),
        "{disposition}"
    );
    assert_eq!(r.headers()["cache-control"], "no-store");
    let files = unzip(&r.bytes().await.unwrap());
    let r = http()
        .get(format!("{}/api/v1/me/export", t.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let from_api = unzip(&r.bytes().await.unwrap());
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        from_api.keys().collect::<Vec<_>>()
    );

    let doc: Value = serde_json::from_str(&files["donnees.json"]).unwrap();
    follows_the_published_schema(&doc);
    assert_eq!(doc["format"], "preau-export");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["person"]["email"], ALICE);
    // Complete against the inventory: every table keyed on an account is there with its
    // declared personal columns, as JSON and as CSV; every other table holding personal
    // data is named, with why it is not in the archive.
    let keyed: Vec<_> = preau_store::export::keyed_tables().collect();
    assert!(keyed.len() >= 8, "{}", keyed.len());
    for table in &keyed {
        let t = &doc["tables"][table.name];
        let columns: Vec<&str> = t["columns"]
            .as_array()
            .unwrap_or_else(|| panic!("{} missing", table.name))
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        assert_eq!(columns, table.personal, "{}", table.name);
        let csv = &files[&format!("csv/{}.csv", table.name)];
        assert_eq!(
            csv.lines().next().unwrap(),
            table.personal.join(","),
            "{}",
            table.name
        );
        assert_eq!(
            csv.lines().count() - 1,
            t["rows"].as_array().unwrap().len(),
            "{}",
            table.name
        );
    }
    let elsewhere: Vec<&str> = doc["not_in_this_export"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["table"].as_str().unwrap())
        .collect();
    for table in preau_store::inventory::tables().filter(|t| t.holds_personal_data()) {
        assert!(
            doc["tables"].get(table.name).is_some() || elsewhere.contains(&table.name),
            "{} is neither exported nor explained",
            table.name
        );
    }
    // Her rows are there.
    let rows = |table: &str| doc["tables"][table]["rows"].as_array().unwrap().clone();
    assert_eq!(rows("users").len(), 1);
    assert_eq!(rows("users")[0]["email"], ALICE);
    assert!(
        rows("users")[0].get("password_hash").is_none(),
        "never a hash"
    );
    assert_eq!(rows("group_members").len(), 1, "the group she joined");
    assert_eq!(rows("group_members")[0]["group_id"], shared.to_string());
    assert_eq!(rows("api_tokens").len(), 1);
    assert!(!rows("sessions").is_empty());
    assert!(!rows("notifications").is_empty(), "the invitation");
    // The formula is kept as typed in JSON, and neutralised in the CSV.
    assert_eq!(
        rows("api_tokens")[0]["name"],
        "=HYPERLINK(\"http://x.invalid\")"
    );
    assert!(
        files["csv/api_tokens.csv"].contains("\"'=HYPERLINK(\"\"http://x.invalid\"\")\""),
        "{}",
        files["csv/api_tokens.csv"]
    );
    // The README, in her language, with the rights and the DPO.
    assert!(
        files["LISEZMOI.txt"].contains("CNIL"),
        "{}",
        files["LISEZMOI.txt"]
    );
    // Nothing about anyone else: not Bruno's address, not his sensitive group, not his
    // memberships.
    let bruno_id = bruno_a.id().as_uuid().to_string();
    for (name, content) in &files {
        assert!(!content.contains(BRUNO), "{name} names Bruno");
        assert!(!content.contains("Section syndicale"), "{name}");
        assert!(!content.contains(&union.to_string()), "{name}");
    }
    for m in rows("group_members") {
        assert_ne!(m["user_id"], bruno_id.as_str());
    }
}

#[tokio::test]
async fn the_archive_is_only_ever_ones_own() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    // Anonymous: to the login page; no token: 401.
    let r = t.browser().get("/compte/donnees/archive").await;
    assert_eq!(r.status(), 303);
    let r = http()
        .get(format!("{}/api/v1/me/export", t.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    // The administrator's archive is the administrator's: one account row, theirs.
    let r = admin.get("/compte/donnees/archive").await;
    assert_eq!(r.status(), 200);
    let files = unzip(&r.bytes().await.unwrap());
    let doc: Value = serde_json::from_str(&files["donnees.json"]).unwrap();
    let users = doc["tables"]["users"]["rows"].as_array().unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(users[0]["email"], ADMIN_EMAIL);
}

/// « Supprimer mon compte »: the password again, closed at once (sessions and tokens gone,
/// found by nobody), cancelled by logging in, erased at D+30 with the groups the person
/// alone owned handed over or deleted as chosen.
#[tokio::test]
async fn deleting_ones_account_closes_it_at_once_and_erases_it_at_day_30_unless_one_logs_in() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let (alice_a, bruno_a) = colleagues(&t, &admin).await;
    let shared = t
        .app
        .create_group(&alice_a, "Jardin", "", "open", false)
        .await
        .unwrap();
    t.app.join_group(&bruno_a, shared).await.unwrap();
    let alone = t
        .app
        .create_group(&alice_a, "Atelier", "", "private", false)
        .await
        .unwrap();
    let alice = t.browser();
    assert_eq!(alice.login(ALICE, PASSWORD).await.status(), 303);
    let token = alice.api_token("script").await;
    let bruno_finds_alice = || async {
        let b = t.browser();
        assert_eq!(b.login(BRUNO, PASSWORD).await.status(), 303);
        let (_, page) = b.get_text("/annuaire?q=roux").await;
        page.contains("Alice Roux")
    };
    assert!(bruno_finds_alice().await);

    // The page names the groups she alone owns; a wrong password keeps her choice and
    // changes nothing.
    let (status, page) = alice.get_text("/compte/supprimer").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Jardin") && page.contains("Atelier"),
        "{page}"
    );
    let (status, page) = alice
        .post_text(
            "/compte/supprimer",
            &[("password", "pas le bon"), ("groups", "delete")],
        )
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("value=\"delete\" checked"), "{page}");
    assert!(alice.is_logged_in().await);

    // Closed: the page says until when, her session and token are gone, nobody finds her.
    let (status, page) = alice
        .post_text(
            "/compte/supprimer",
            &[("password", PASSWORD), ("groups", "hand-over")],
        )
        .await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("2026-10-01") || page.contains("01/10/2026"),
        "{page}"
    );
    assert!(!alice.is_logged_in().await);
    let r = http()
        .get(format!("{}/api/v1/me", t.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert!(!bruno_finds_alice().await, "closing hides her at once");
    t.app.deliver_due_mail().await.unwrap();
    assert!(
        outbox_files(&t)
            .iter()
            .any(|m| m.contains(&format!("To: {ALICE}")) && m.contains("/connexion")),
        "an email says how to cancel"
    );

    // Ten days later she logs in: cancelled, visible again, her groups untouched.
    t.advance(Duration::from_secs(10 * 86_400));
    let back = t.browser();
    let r = back.login(ALICE, PASSWORD).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        "/compte/donnees?ok=suppression-annulee"
    );
    let (_, page) = back
        .get_text("/compte/donnees?ok=suppression-annulee")
        .await;
    assert!(page.contains("annulée"), "{page}");
    assert!(bruno_finds_alice().await);
    t.advance(Duration::from_secs(40 * 86_400));
    t.app.purge_expired().await.unwrap();
    assert!(
        t.browser().login(ALICE, PASSWORD).await.status() == 303,
        "still here"
    );

    // She closes it again, this time for good.
    let again = t.browser();
    assert_eq!(again.login(ALICE, PASSWORD).await.status(), 303);
    let (status, _) = again
        .post_text(
            "/compte/supprimer",
            &[("password", PASSWORD), ("groups", "hand-over")],
        )
        .await;
    assert_eq!(status, 200);
    t.advance(Duration::from_secs(29 * 86_400));
    t.app.purge_expired().await.unwrap();
    assert!(
        preau_store::users::by_email(t.app.db(), ALICE)
            .await
            .unwrap()
            .is_some(),
        "not before day 30"
    );
    t.advance(Duration::from_secs(2 * 86_400));
    t.app.purge_expired().await.unwrap();
    assert!(
        preau_store::users::by_email(t.app.db(), ALICE)
            .await
            .unwrap()
            .is_none(),
        "erased"
    );
    assert_ne!(t.browser().login(ALICE, PASSWORD).await.status(), 303);
    // The group she shared is Bruno's now, and he was told; the one nobody else was in is
    // gone.
    let page = t.app.group_page(&bruno_a, shared).await.unwrap();
    assert_eq!(
        page.group.my_role,
        Some(preau_domain::groups::GroupRole::Owner)
    );
    let (news, _) = t.app.notifications(&bruno_a).await.unwrap();
    assert!(
        news.iter().any(
            |n| n.kind == Some(preau_domain::notifications::NotificationKind::GroupRoleChanged)
        ),
        "{news:?}"
    );
    assert!(t.app.group_page(&bruno_a, alone).await.is_err());
}

/// Choosing to delete one's groups deletes them at erasure, and their members are told.
#[tokio::test]
async fn the_groups_one_alone_owns_can_go_with_one() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let (alice_a, bruno_a) = colleagues(&t, &admin).await;
    let group = t
        .app
        .create_group(&alice_a, "Jardin", "", "open", false)
        .await
        .unwrap();
    t.app.join_group(&bruno_a, group).await.unwrap();
    // Through the API this time: a wrong password or choice is a field error, and nothing
    // closes.
    let alice = t.browser();
    assert_eq!(alice.login(ALICE, PASSWORD).await.status(), 303);
    let token = alice.api_token("fermeture").await;
    let close = |body: serde_json::Value| {
        http()
            .post(format!("{}/api/v1/me/close", t.url))
            .bearer_auth(&token)
            .json(&body)
            .send()
    };
    let r = close(serde_json::json!({"password": "pas le bon", "groups": "delete"}))
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "current-password-wrong", "{body}");
    let r = close(serde_json::json!({"password": PASSWORD, "groups": "keep"}))
        .await
        .unwrap();
    assert_eq!(r.status(), 422, "not a choice the document offers");
    let r = close(serde_json::json!({"password": PASSWORD, "groups": "delete"}))
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["erased_on"], "2026-10-01");
    let r = close(serde_json::json!({"password": PASSWORD, "groups": "delete"}))
        .await
        .unwrap();
    assert_eq!(r.status(), 401, "the token went with the closing");
    // Until the erasure the group lives on.
    assert!(t.app.group_page(&bruno_a, group).await.is_ok());
    t.advance(Duration::from_secs(31 * 86_400));
    t.app.purge_expired().await.unwrap();
    assert!(t.app.group_page(&bruno_a, group).await.is_err());
    let (news, _) = t.app.notifications(&bruno_a).await.unwrap();
    let deleted: Vec<_> = news
        .iter()
        .filter(|n| n.kind == Some(preau_domain::notifications::NotificationKind::GroupDeleted))
        .collect();
    assert_eq!(deleted.len(), 1);
    assert!(
        deleted[0]
            .text(preau_app::i18n::Lang::Fr)
            .contains("Jardin")
    );
}

/// The access log (issue 11): every act of an administrator on a person's data is shown to
/// that person — the import and the letter that came before the account, roster updates,
/// « Qui voit qui ? » questions naming them — with the role, never a name; and to nobody
/// else: not to a colleague, not on the administrators' pages.
#[tokio::test]
async fn each_administrator_act_on_a_person_is_in_their_access_log_and_nowhere_else() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let csv = roster_csv(&[
        ("Roux", "Alice", ALICE, "0801234A", "École A", ""),
        ("Leroy", "Bruno", BRUNO, "0801234A", "École A", ""),
    ]);
    let (_, batch) = admin.import_roster(csv.as_bytes()).await;
    let letters = admin.letters(&batch).await;
    // A reprint of the batch: a second letter for each person, before they activate.
    t.advance(Duration::from_secs(3600));
    let admin = t.browser();
    assert_eq!(admin.login(ADMIN_EMAIL, PASSWORD).await.status(), 303);
    let letters_again = admin.letters(&batch).await;
    assert_eq!(letters.len(), letters_again.len());
    for (_, code) in letters_again {
        t.activate(&code, "my_places").await;
    }
    let alice = t.browser();
    assert_eq!(alice.login(ALICE, PASSWORD).await.status(), 303);
    let token = alice.api_token("journal").await;
    let log = |token: String| {
        let url = format!("{}/api/v1/me/access-log", t.url);
        async move {
            let r = http().get(url).bearer_auth(token).send().await.unwrap();
            assert_eq!(r.status(), 200);
            r.json::<Value>().await.unwrap()
        }
    };
    let actions = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap().to_owned())
            .collect()
    };
    // Newest first: two letters, then the import.
    let before = log(token.clone()).await;
    assert_eq!(
        actions(&before),
        [
            "invitation-letter",
            "invitation-letter",
            "invitation-imported"
        ],
        "{before}"
    );
    assert!(
        before
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["by"] == "admin")
    );

    // A new roster moves Alice to another school and gives her a function; Bruno unchanged.
    t.advance(Duration::from_secs(86_400));
    let admin = t.browser();
    assert_eq!(admin.login(ADMIN_EMAIL, PASSWORD).await.status(), 303);
    let csv = roster_csv(&[
        (
            "Roux",
            "Alice",
            ALICE,
            "0805678B",
            "École B",
            "directrice d'école",
        ),
        ("Leroy", "Bruno", BRUNO, "0801234A", "École A", ""),
    ]);
    admin.import_roster(csv.as_bytes()).await;
    // « Qui voit qui ? » naming Alice (and an address of nobody).
    let (status, _) = admin
        .post_text(
            "/admin/visibilite",
            &[("viewer", "personne@ac-amiens.fr"), ("person", ALICE)],
        )
        .await;
    assert_eq!(status, 200);

    let alice = t.browser();
    assert_eq!(alice.login(ALICE, PASSWORD).await.status(), 303);
    let after = log(token).await;
    assert_eq!(
        actions(&after)[..2],
        ["visibility-asked", "roster-updated"],
        "{after}"
    );
    let updated = &after[1]["text"];
    for field in ["votre école ou service", "vos fonctions"] {
        assert!(updated.as_str().unwrap().contains(field), "{updated}");
    }
    assert!(
        !updated.as_str().unwrap().contains("votre nom"),
        "{updated}"
    );
    let (status, page) = alice.get_text("/compte/donnees").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Un administrateur a demandé « Qui voit qui ? » en vous nommant"),
        "{page}"
    );
    assert!(
        page.contains("Un courrier d’invitation à votre nom a été imprimé."),
        "{page}"
    );
    // The administrator's name is in none of it.
    assert!(!page.contains("Zoé") && !page.contains("Martin"), "{page}");
    // In the archive too.
    let files = unzip(
        &alice
            .get("/compte/donnees/archive")
            .await
            .bytes()
            .await
            .unwrap(),
    );
    let csv = files
        .get("csv/access_log.csv")
        .map(String::as_str)
        .unwrap_or_default();
    assert!(csv.contains("visibility-asked"), "{csv}");

    // Bruno: his own import and letters; no roster update (his line did not change) and
    // nothing of Alice's.
    let bruno = t.browser();
    assert_eq!(bruno.login(BRUNO, PASSWORD).await.status(), 303);
    let (_, page) = bruno.get_text("/compte/donnees").await;
    assert!(!page.contains("Qui voit qui"), "{page}");
    assert!(!page.contains("a modifié"), "{page}");
    assert!(
        page.contains("Votre ligne de l’annuaire académique a été importée"),
        "{page}"
    );
    // The administrators' pages say what was done, never to whom.
    let (_, overview) = admin.get_text("/admin").await;
    assert!(
        !overview.contains(ALICE) && !overview.contains("Roux"),
        "{overview}"
    );
}

/// « Limiter » (issue 11): one switch on « Mes données » hides the person from everyone —
/// directory (page, API, profile), a shared group's member list, invitations, the
/// administrators' « Qui voit qui ? » — while the account and its data stay; lifting it
/// gives back what they had chosen.
#[tokio::test]
async fn restricting_hides_the_person_everywhere_and_lifting_it_restores_their_choices() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let (alice_a, bruno_a) = colleagues(&t, &admin).await;
    let choir = t
        .app
        .create_group(&bruno_a, "Chorale", "", "open", false)
        .await
        .unwrap();
    t.app.join_group(&alice_a, choir).await.unwrap();
    let bruno = t.browser();
    assert_eq!(bruno.login(BRUNO, PASSWORD).await.status(), 303);
    let bruno_token = bruno.api_token("annuaire").await;
    let alice_id = alice_a.id().as_uuid();
    // What Bruno and the administrator see of Alice, in one list of checks.
    let (tr, bruno_r, admin_r, bruno_token) = (&t, &bruno, &admin, bruno_token.as_str());
    let seen = move |round: &'static str| async move {
        let (t, bruno, admin) = (tr, bruno_r, admin_r);
        let (_, search) = bruno.get_text("/annuaire?q=roux").await;
        let (profile, _) = bruno.get_text(&format!("/annuaire/{alice_id}")).await;
        let api = http()
            .get(format!("{}/api/v1/directory?q=roux", t.url))
            .bearer_auth(bruno_token)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let (_, group) = bruno.get_text(&format!("/groupes/{choir}")).await;
        // Each round invites to a new group: an earlier invitation would stand in the way.
        let bruno_a = actor(t, BRUNO).await;
        let garden = t
            .app
            .create_group(&bruno_a, round, "", "private", false)
            .await
            .unwrap();
        let invitable = t
            .app
            .invite_to_group(&bruno_a, garden, alice_id, "")
            .await
            .is_ok();
        let (_, why) = admin
            .post_text("/admin/visibilite", &[("viewer", BRUNO), ("person", ALICE)])
            .await;
        [
            search.contains("Alice"),
            profile == 200,
            api.contains("Alice"),
            group.contains("Alice"),
            invitable,
            !why.contains("Non visible"),
        ]
    };
    assert_eq!(
        seen("Jardin").await,
        [true; 6],
        "before: Alice is visible to Bruno"
    );

    let alice = t.browser();
    assert_eq!(alice.login(ALICE, PASSWORD).await.status(), 303);
    let (_, page) = alice.get_text("/compte/donnees").await;
    assert!(
        page.contains("action=\"/compte/donnees/limitation\""),
        "{page}"
    );
    let r = alice
        .post("/compte/donnees/limitation", &[("restricted", "oui")])
        .await;
    assert_eq!(r.status(), 303);
    let (_, page) = alice.get_text("/compte/donnees?ok=limitation-active").await;
    assert!(page.contains("La limitation est active"), "{page}");
    assert_eq!(
        seen("Potager").await,
        [false; 6],
        "restricted: Alice is seen nowhere"
    );
    // Her account and data are untouched: she still reads her group and her archive.
    let (status, _) = alice.get_text(&format!("/groupes/{choir}")).await;
    assert_eq!(status, 200);
    let files = unzip(
        &alice
            .get("/compte/donnees/archive")
            .await
            .bytes()
            .await
            .unwrap(),
    );
    assert!(files["csv/group_members.csv"].contains(&choir.to_string()));

    // Lifted through the API: everything is back as she had chosen.
    let token = alice.api_token("limitation").await;
    let r = http()
        .put(format!("{}/api/v1/me/restriction", t.url))
        .bearer_auth(&token)
        .json(&serde_json::json!({"restricted": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let me: Value = http()
        .get(format!("{}/api/v1/me", t.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["restricted"], false);
    assert_eq!(seen("Verger").await, [true; 6], "lifted: visible again");
    // A value that is neither: refused, nothing changes.
    let r = alice
        .post("/compte/donnees/limitation", &[("restricted", "peut-être")])
        .await;
    assert_eq!(r.status(), 422);
}
