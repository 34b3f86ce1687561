//! « Mes données », first part (issue 11): the page and the archive. The archive is read
//! back with Python's `zipfile` (another implementation than the one that wrote it); its
//! completeness is checked against the data inventory, and it holds nothing about anybody
//! else — a colleague's sensitive group included.

use crate::helpers::*;
use serde_json::Value;
use std::collections::BTreeMap;

const ALICE: &str = "alice.roux@ac-amiens.fr";
const BRUNO: &str = "bruno.leroy@ac-amiens.fr";

/// The files of a ZIP archive, by name, as Python's `zipfile` reads them (after its CRC
/// check of every member).
fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
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

#[tokio::test]
async fn the_archive_holds_every_row_keyed_on_the_person_and_nothing_of_anyone_else() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let csv = roster_csv(&[
        ("Roux", "Alice", ALICE, "0801234A", "École A", ""),
        ("Leroy", "Bruno", BRUNO, "0801234A", "École A", ""),
    ]);
    let (_, batch) = admin.import_roster(csv.as_bytes()).await;
    for (_, code) in admin.letters(&batch).await {
        t.activate(&code, "my_places").await;
    }
    let (alice_a, bruno_a) = (actor(&t, ALICE).await, actor(&t, BRUNO).await);
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
