//! Documents (issue 12): « Mes documents » and groups' spaces, on the local file store and
//! on a real S3 endpoint (a `moto` server this harness starts), on SQLite or PostgreSQL as
//! the run is. Every scenario runs once per file store.

use crate::helpers::*;
use preau_app::Config;
use preau_app::config::{S3Config, Secret, StorageKind};
use std::sync::OnceLock;
use std::time::Duration;

const ALICE: &str = "alice.roux@ac-amiens.fr";
const BRUNO: &str = "bruno.leroy@ac-amiens.fr";
const CELIA: &str = "celia.caron@ac-amiens.fr";

/// A moto S3 server for this test process (started once; it exits when the process does),
/// or `None` when moto is not installed (CI installs it and sets PREAU_REQUIRE_S3).
pub(crate) fn moto() -> Option<u16> {
    static PORT: OnceLock<Option<u16>> = OnceLock::new();
    *PORT.get_or_init(|| {
        let installed = std::process::Command::new("python3")
            .args(["-c", "import moto.server"])
            .output()
            .is_ok_and(|o| o.status.success());
        if !installed {
            assert!(
                std::env::var("PREAU_REQUIRE_S3").is_err(),
                "moto is required in CI (pip install 'moto[server]')"
            );
            say_on_stderr(
                "note: S3 document tests skipped: python3 -m pip install 'moto[server]' to run them",
            );
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        // The server watches its parent: when this test process is gone, it goes too.
        let script = format!(
            "import os, sys, threading, time\n\
             parent = os.getppid()\n\
             def watch():\n\
             \x20   while os.getppid() == parent:\n\
             \x20       time.sleep(0.5)\n\
             \x20   os._exit(0)\n\
             threading.Thread(target=watch, daemon=True).start()\n\
             from moto.server import main\n\
             main(['-H', '127.0.0.1', '-p', '{port}'])\n"
        );
        // Never waited for: it outlives every test and exits with the process.
        #[allow(clippy::zombie_processes)]
        std::process::Command::new("python3")
            .args(["-c", &script])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("python3");
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                std::time::Instant::now() < deadline,
                "moto did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Some(port)
    })
}

/// The file stores to run a scenario on: the local directory, and S3 when moto is here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Store {
    Local,
    S3,
}

pub(crate) fn stores() -> Vec<Store> {
    let mut out = vec![Store::Local];
    if moto().is_some() {
        out.push(Store::S3);
    }
    out
}

/// An instance on `store` (each S3 instance gets its own bucket), with `tweak` applied.
pub(crate) async fn spawn_on(store: Store, tweak: impl FnOnce(&mut Config)) -> TestApp {
    let bucket = format!("preau-{}", uuid::Uuid::now_v7().simple());
    if store == Store::S3 {
        let port = moto().unwrap();
        // moto accepts an unsigned bucket creation.
        let r = http()
            .put(format!("http://127.0.0.1:{port}/{bucket}"))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "bucket: {}", r.status());
    }
    TestApp::spawn_with(|c| {
        if store == Store::S3 {
            c.storage.kind = StorageKind::S3;
            c.storage.s3 = Some(S3Config {
                endpoint: format!("http://127.0.0.1:{}", moto().unwrap()),
                bucket,
                access_key_id: "test".into(),
                secret_access_key: Some(Secret::new("test")),
                ..S3Config::default()
            });
        }
        tweak(c);
    })
    .await
}

/// Alice, Bruno and Célia of one school, activated; their browsers, logged in.
async fn colleagues(t: &TestApp) -> (Browser, Browser, Browser, Browser) {
    let admin = t.admin().await;
    let csv = roster_csv(&[
        ("Roux", "Alice", ALICE, "0801234A", "École A", ""),
        ("Leroy", "Bruno", BRUNO, "0801234A", "École A", ""),
        ("Caron", "Célia", CELIA, "0801234A", "École A", ""),
    ]);
    let (_, batch) = admin.import_roster(csv.as_bytes()).await;
    for (_, code) in admin.letters(&batch).await {
        t.activate(&code, "my_places").await;
    }
    let login = |email: &'static str| async move {
        let b = t.browser();
        assert_eq!(b.login(email, PASSWORD).await.status(), 303);
        b
    };
    (
        login(ALICE).await,
        login(BRUNO).await,
        login(CELIA).await,
        admin,
    )
}

/// Uploads files on the folder page as a browser does; the status and the page or location.
async fn upload(b: &Browser, folder: &str, files: &[(&str, &[u8])]) -> (u16, String) {
    let mut form = reqwest::multipart::Form::new();
    for (name, bytes) in files {
        form = form.part(
            "files",
            reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_string()),
        );
    }
    let r = b
        .client
        .post(format!("{}/documents/{folder}/fichiers", b.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let location = r
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    (status, location.unwrap_or(r.text().await.unwrap()))
}

/// The folder a browser lands on at `path` (a 303 to `/documents/<id>`): its id.
async fn landing(b: &Browser, path: &str) -> String {
    let r = b.get(path).await;
    assert_eq!(r.status(), 303, "{path}");
    let to = r.headers()["location"].to_str().unwrap().to_owned();
    to.trim_start_matches("/documents/").to_owned()
}

/// The id of the entry called `name` on a folder page (its download or folder link).
fn entry_id(page: &str, name: &str) -> String {
    for row in between(page, "<th scope=\"row\">", "</th>") {
        if row.contains(&format!(">{name}</a>")) || row.contains(&format!(" {name}</a>")) {
            return between(row, "href=\"/documents/", "\"")[0]
                .trim_end_matches("/telecharger")
                .to_owned();
        }
    }
    panic!("no {name} in: {page}")
}

/// Blob files under the local store's directory (the S3 store is checked through the app).
fn local_blobs(t: &TestApp) -> usize {
    let dir = t.config.storage_path().join("blobs");
    std::fs::read_dir(dir).map_or(0, |d| d.filter_map(Result::ok).count())
}

#[tokio::test]
async fn a_person_files_and_finds_their_documents_and_nobody_else_reaches_them() {
    for store in stores() {
        let t = spawn_on(store, |_| {}).await;
        let (alice, bruno, _celia, admin) = colleagues(&t).await;
        let root = landing(&alice, "/documents").await;
        let (status, page) = alice.get_text(&format!("/documents/{root}")).await;
        assert_eq!(status, 200, "{store:?}");
        assert!(page.contains("<h1>Mes documents</h1>"), "{page}");

        // Two files at once, and a folder.
        let report = b"%PDF-1.7 le compte rendu du conseil".repeat(1000);
        let (status, to) = upload(
            &alice,
            &root,
            &[("Compte rendu.pdf", &report), ("vide.txt", b"")],
        )
        .await;
        assert_eq!(status, 303, "{store:?}: {to}");
        assert!(to.ends_with("ok=documents-uploaded&n=2"), "{to}");
        let r = alice
            .post(
                &format!("/documents/{root}/dossiers"),
                &[("name", "Projets")],
            )
            .await;
        assert_eq!(r.status(), 303);
        let (_, page) = alice.get_text(&format!("/documents/{root}")).await;
        let pdf = entry_id(&page, "Compte rendu.pdf");
        let empty = entry_id(&page, "vide.txt");
        let projects = entry_id(&page, "Projets");
        // The gauge: the report’s 35 000 bytes (and the empty file) of the 2 GiB quota.
        assert!(page.contains("35,0 Ko utilisés sur 2,1 Go"), "{page}");

        // Downloaded whole, and by range; a PDF whose bytes say so is shown in place.
        let r = alice.get(&format!("/documents/{pdf}/telecharger")).await;
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["content-type"], "application/pdf");
        assert!(
            r.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("inline;")
        );
        assert_eq!(r.headers()["x-content-type-options"], "nosniff");
        assert!(
            r.headers()["content-security-policy"]
                .to_str()
                .unwrap()
                .starts_with("sandbox")
        );
        assert_eq!(r.bytes().await.unwrap().as_ref(), report.as_slice());
        let r = alice
            .client
            .get(format!("{}/documents/{pdf}/telecharger", alice.base))
            .header("Range", "bytes=4-8")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 206);
        assert_eq!(
            r.headers()["content-range"],
            format!("bytes 4-8/{}", report.len()).as_str()
        );
        assert_eq!(r.bytes().await.unwrap().as_ref(), b"-1.7 ");
        let r = alice.get(&format!("/documents/{empty}/telecharger")).await;
        assert_eq!(r.status(), 200);
        assert!(r.bytes().await.unwrap().is_empty());

        // Nobody else: a colleague, the administrator — the answer of nothing there.
        for (who, b) in [("bruno", &bruno), ("admin", &admin)] {
            for path in [
                format!("/documents/{root}"),
                format!("/documents/{pdf}/telecharger"),
                format!("/documents/{root}/corbeille"),
            ] {
                let (status, _) = b.get_text(&path).await;
                assert_eq!(status, 404, "{who} {path}");
            }
            let (status, _) = upload(b, &root, &[("intrus.txt", b"x")]).await;
            assert_eq!(status, 404, "{who} uploads");
            let r = b.post(&format!("/documents/{pdf}/corbeille"), &[]).await;
            assert_eq!(r.status(), 404, "{who} trashes");
        }
        let bruno_root = landing(&bruno, "/documents").await;
        assert_ne!(bruno_root, root);

        // Rename; a taken name is refused and what was typed is kept.
        let r = alice
            .post(
                &format!("/documents/{empty}/renommer"),
                &[("name", "notes.txt")],
            )
            .await;
        assert_eq!(r.status(), 303);
        let (status, page) = alice
            .post_text(
                &format!("/documents/{pdf}/renommer"),
                &[("name", "NOTES.txt")],
            )
            .await;
        assert_eq!(status, 422);
        assert!(
            page.contains("Ce nom est déjà pris dans ce dossier."),
            "{page}"
        );
        for bad in ["../../etc/passwd", "a\u{0}b", ".."] {
            let (status, _) = alice
                .post_text(&format!("/documents/{root}/dossiers"), &[("name", bad)])
                .await;
            assert_eq!(status, 422, "{bad:?}");
        }

        // The folder to the trash takes what it holds; restored, it comes back whole.
        let (status, _) = upload(&alice, &projects, &[("plan.txt", b"plan")]).await;
        assert_eq!(status, 303);
        let (_, inside) = alice.get_text(&format!("/documents/{projects}")).await;
        let plan = entry_id(&inside, "plan.txt");
        let r = alice
            .post(&format!("/documents/{projects}/corbeille"), &[])
            .await;
        assert_eq!(r.status(), 303);
        let (status, _) = alice
            .get_text(&format!("/documents/{plan}/telecharger"))
            .await;
        assert_eq!(status, 404, "a file in a trashed folder is not served");
        let (_, trash) = alice
            .get_text(&format!("/documents/{root}/corbeille"))
            .await;
        assert!(trash.contains("Projets"), "{trash}");
        let r = alice
            .post(&format!("/documents/{projects}/restaurer"), &[])
            .await;
        assert_eq!(r.status(), 303);
        let r = alice.get(&format!("/documents/{plan}/telecharger")).await;
        assert_eq!(r.bytes().await.unwrap().as_ref(), b"plan");
    }
}

#[tokio::test]
async fn a_group_space_follows_the_group_roles_and_outsiders_get_nothing() {
    for store in stores() {
        let t = spawn_on(store, |_| {}).await;
        let (alice, bruno, celia, admin) = colleagues(&t).await;
        let (bruno_a, alice_a) = (actor(&t, BRUNO).await, actor(&t, ALICE).await);
        let group = t
            .app
            .create_group(&bruno_a, "Cycle 3", "", "open", false)
            .await
            .unwrap();
        t.app.join_group(&alice_a, group).await.unwrap();
        let space = landing(&alice, &format!("/groupes/{group}/documents")).await;
        let (status, _) = upload(&alice, &space, &[("progression.odt", b"PK\x03\x04...")]).await;
        assert_eq!(status, 303);
        let (_, page) = bruno.get_text(&format!("/documents/{space}")).await;
        assert!(page.contains("<h1>Cycle 3</h1>"), "{page}");
        let file = entry_id(&page, "progression.odt");
        // An .odt is downloaded, never shown in place.
        let r = bruno.get(&format!("/documents/{file}/telecharger")).await;
        assert!(
            r.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment;")
        );

        // Célia is not a member: nothing; the administrator neither.
        for b in [&celia, &admin] {
            let r = b.get(&format!("/groupes/{group}/documents")).await;
            assert_eq!(r.status(), 404);
            let (status, _) = b.get_text(&format!("/documents/{file}/telecharger")).await;
            assert_eq!(status, 404);
        }
        // Célia joins: she reads and adds, but does not rename Alice's file; Bruno, the
        // owner, does.
        let celia_a = actor(&t, CELIA).await;
        t.app.join_group(&celia_a, group).await.unwrap();
        let r = celia.get(&format!("/documents/{file}/telecharger")).await;
        assert_eq!(r.status(), 200);
        let r = celia
            .post(
                &format!("/documents/{file}/renommer"),
                &[("name", "à moi.odt")],
            )
            .await;
        assert_eq!(r.status(), 403);
        let r = bruno
            .post(
                &format!("/documents/{file}/renommer"),
                &[("name", "Progression CM.odt")],
            )
            .await;
        assert_eq!(r.status(), 303);
        // Archived: read-only for everyone.
        let bruno_a = actor(&t, BRUNO).await;
        t.app.archive_group(&bruno_a, group).await.unwrap();
        let (status, _) = upload(&bruno, &space, &[("après.txt", b"x")]).await;
        assert_eq!(status, 403);
        let r = alice.get(&format!("/documents/{file}/telecharger")).await;
        assert_eq!(r.status(), 200);
    }
}

#[tokio::test]
async fn limits_refuse_cleanly_and_erasure_reaches_the_bytes() {
    for store in stores() {
        let t = spawn_on(store, |c| {
            c.storage.max_file_bytes = 10_000;
            c.storage.person_quota_bytes = 25_000;
        })
        .await;
        let (alice, _bruno, _celia, _admin) = colleagues(&t).await;
        let root = landing(&alice, "/documents").await;
        // Over the file limit: a clear refusal, nothing kept.
        let (status, page) = upload(&alice, &root, &[("gros.zip", &[7u8; 10_001])]).await;
        assert_eq!(status, 422, "{store:?}");
        assert!(page.contains("dépasse la taille maximale"), "{page}");
        assert!(page.contains("Ce dossier est vide."), "{page}");
        // Up to the quota, then refused.
        for i in 0..2 {
            let (status, _) = upload(&alice, &root, &[(&format!("f{i}"), &[1u8; 10_000])]).await;
            assert_eq!(status, 303);
        }
        let (status, page) = upload(&alice, &root, &[("trop", &[1u8; 6_000])]).await;
        assert_eq!(status, 422);
        assert!(page.contains("L’espace est plein"), "{page}");
        assert_eq!(
            t.app.files().keys().await.unwrap().len(),
            2,
            "{store:?}: no orphan blob"
        );
        if store == Store::Local {
            assert_eq!(local_blobs(&t), 2);
        }
        // HTML is never shown in place.
        let (status, _) = upload(
            &alice,
            &root,
            &[("page.html", b"<script>alert(1)</script>")],
        )
        .await;
        assert_eq!(status, 303);
        let (_, page) = alice.get_text(&format!("/documents/{root}")).await;
        let html = entry_id(&page, "page.html");
        let r = alice.get(&format!("/documents/{html}/telecharger")).await;
        assert!(
            r.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment;")
        );
        assert_eq!(r.headers()["content-type"], "application/octet-stream");
        // SVG neither (it can carry script): an attachment, `nosniff`, a sandboxing CSP.
        let (status, _) = upload(
            &alice,
            &root,
            &[(
                "dessin.svg",
                b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
            )],
        )
        .await;
        assert_eq!(status, 303);
        let (_, page) = alice.get_text(&format!("/documents/{root}")).await;
        let svg = entry_id(&page, "dessin.svg");
        let r = alice.get(&format!("/documents/{svg}/telecharger")).await;
        let h = r.headers();
        assert!(
            h["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment;")
        );
        assert_ne!(h["content-type"], "image/svg+xml");
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert!(
            h["content-security-policy"]
                .to_str()
                .unwrap()
                .starts_with("sandbox")
        );
        assert_eq!(h["x-robots-tag"], "noindex, nofollow, noarchive");
        // A « .pdf » that is HTML, a program, a type off the list: refused, nothing kept.
        let blobs = t.app.files().keys().await.unwrap().len();
        for (name, bytes, says) in [
            (
                "cours.pdf",
                &b"<html><script>alert(1)</script></html>"[..],
                "ne correspond pas",
            ),
            (
                "devoirs.txt",
                b"\x7fELF\x02\x01\x01",
                "programmes ne sont pas accept",
            ),
            ("setup.exe", b"hello", "pas accepté ici"),
        ] {
            let (status, page) = upload(&alice, &root, &[(name, bytes)]).await;
            assert_eq!(status, 422, "{name}");
            assert!(page.contains(says), "{name}: {page}");
        }
        assert_eq!(
            t.app.files().keys().await.unwrap().len(),
            blobs,
            "{store:?}: no blob kept"
        );

        // The trash, after 30 days, takes the bytes with it.
        let f0 = entry_id(&page, "f0");
        let r = alice.post(&format!("/documents/{f0}/corbeille"), &[]).await;
        assert_eq!(r.status(), 303);
        t.advance(Duration::from_secs(31 * 86_400));
        t.app.purge_expired().await.unwrap();
        // f1, page.html and dessin.svg remain.
        assert_eq!(t.app.files().keys().await.unwrap().len(), 3, "{store:?}");

        // Alice closes her account; at day 30 nothing of her files remains in the store.
        let alice = t.browser();
        assert_eq!(alice.login(ALICE, PASSWORD).await.status(), 303);
        let (status, _) = alice
            .post_text(
                "/compte/supprimer",
                &[("password", PASSWORD), ("groups", "hand-over")],
            )
            .await;
        assert!(status == 200 || status == 303, "{status}");
        t.advance(Duration::from_secs(31 * 86_400));
        t.app.purge_expired().await.unwrap();
        assert_eq!(
            t.app.files().keys().await.unwrap(),
            Vec::<String>::new(),
            "{store:?}"
        );
        if store == Store::Local {
            assert_eq!(local_blobs(&t), 0);
        }
    }
}

#[tokio::test]
async fn the_api_files_and_serves_documents_as_the_pages_do() {
    for store in stores() {
        let t = spawn_on(store, |_| {}).await;
        let (alice, bruno, _celia, _admin) = colleagues(&t).await;
        let (alice_token, bruno_token) =
            (alice.api_token("docs").await, bruno.api_token("docs").await);
        let api = |token: &str, method: reqwest::Method, path: &str| {
            http()
                .request(method, format!("{}{path}", t.url))
                .bearer_auth(token)
        };
        let root: serde_json::Value =
            api(&alice_token, reqwest::Method::GET, "/api/v1/me/documents")
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
        assert_eq!(root["name"], "Mes documents", "{root}");
        assert_eq!(root["space"], "person");
        let root_id = root["id"].as_str().unwrap().to_owned();

        // A streamed upload of 20 MiB (several parts on S3), back byte for byte.
        let big: Vec<u8> = (0..20 * 1024 * 1024).map(|i| (i % 251) as u8).collect();
        let r = api(
            &alice_token,
            reqwest::Method::PUT,
            &format!("/api/v1/documents/{root_id}/files/s%C3%A9ance%201.csv"),
        )
        .header("content-type", "application/octet-stream")
        .body(big.clone())
        .send()
        .await
        .unwrap();
        assert_eq!(r.status(), 201, "{store:?}");
        let file: serde_json::Value = r.json().await.unwrap();
        let file_id = file["id"].as_str().unwrap().to_owned();
        let r = api(
            &alice_token,
            reqwest::Method::GET,
            &format!("/api/v1/documents/{file_id}/content"),
        )
        .send()
        .await
        .unwrap();
        assert_eq!(r.status(), 200);
        assert!(
            r.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .contains("filename*=UTF-8''s%C3%A9ance%201.csv")
        );
        let back = r.bytes().await.unwrap();
        assert!(
            back.as_ref() == big.as_slice(),
            "{store:?}: the bytes come back as they went"
        );
        let r = api(
            &alice_token,
            reqwest::Method::GET,
            &format!("/api/v1/documents/{file_id}/content"),
        )
        .header("range", format!("bytes={}-", big.len() + 10))
        .send()
        .await
        .unwrap();
        assert_eq!(r.status(), 416);

        // The same name again: a new version, not a second file.
        let r = api(
            &alice_token,
            reqwest::Method::PUT,
            &format!("/api/v1/documents/{root_id}/files/S%C3%A9ance%201.csv"),
        )
        .body("v2")
        .send()
        .await
        .unwrap();
        assert_eq!(r.status(), 201);
        let again: serde_json::Value = r.json().await.unwrap();
        assert_eq!(again["id"], file["id"]);
        let listing: serde_json::Value = api(
            &alice_token,
            reqwest::Method::GET,
            &format!("/api/v1/documents/{root_id}"),
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
        assert_eq!(listing["entries"].as_array().unwrap().len(), 1, "{listing}");
        assert_eq!(listing["entries"][0]["size"], 2);

        // Names that are paths are refused; Bruno reaches nothing of Alice's.
        // (`..` itself never reaches the server: URLs resolve it; the name rules are tested
        // on the pages and in the domain.)
        for bad in ["a%5Cb", "%20%20", "a%00b", "a%0Ab"] {
            let r = api(
                &alice_token,
                reqwest::Method::PUT,
                &format!("/api/v1/documents/{root_id}/files/{bad}"),
            )
            .body("x")
            .send()
            .await
            .unwrap();
            assert_eq!(r.status(), 422, "{bad}");
        }
        for (method, path) in [
            (reqwest::Method::GET, format!("/api/v1/documents/{root_id}")),
            (
                reqwest::Method::GET,
                format!("/api/v1/documents/{file_id}/content"),
            ),
            (
                reqwest::Method::DELETE,
                format!("/api/v1/documents/{file_id}"),
            ),
            (
                reqwest::Method::PUT,
                format!("/api/v1/documents/{root_id}/files/x.txt"),
            ),
        ] {
            let r = api(&bruno_token, method.clone(), &path)
                .body("x")
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 404, "{method} {path}");
        }
        drop(bruno);

        // Rename, trash, restore.
        let r = api(
            &alice_token,
            reqwest::Method::PUT,
            &format!("/api/v1/documents/{file_id}/name"),
        )
        .json(&serde_json::json!({"name": "séance 1 (v2).csv"}))
        .send()
        .await
        .unwrap();
        assert_eq!(r.status(), 204);
        let r = api(
            &alice_token,
            reqwest::Method::DELETE,
            &format!("/api/v1/documents/{file_id}"),
        )
        .send()
        .await
        .unwrap();
        assert_eq!(r.status(), 204);
        let r = api(
            &alice_token,
            reqwest::Method::GET,
            &format!("/api/v1/documents/{file_id}/content"),
        )
        .send()
        .await
        .unwrap();
        assert_eq!(r.status(), 404);
        let r = api(
            &alice_token,
            reqwest::Method::POST,
            &format!("/api/v1/documents/{file_id}/restore"),
        )
        .send()
        .await
        .unwrap();
        assert_eq!(r.status(), 204);
        let r = api(
            &alice_token,
            reqwest::Method::GET,
            &format!("/api/v1/documents/{file_id}/content"),
        )
        .send()
        .await
        .unwrap();
        assert_eq!(r.bytes().await.unwrap().as_ref(), b"v2");
    }
}

#[tokio::test]
async fn a_large_folder_is_shown_a_page_at_a_time() {
    let t = TestApp::spawn().await;
    let (alice, _bruno, _celia, _admin) = colleagues(&t).await;
    let alice_a = actor(&t, ALICE).await;
    let root = t.app.my_documents(&alice_a).await.unwrap();
    for i in 0..150 {
        let body = futures_util::stream::iter([Ok::<_, std::convert::Infallible>(
            bytes::Bytes::from(format!("fiche {i}")),
        )]);
        t.app
            .upload_document(&alice_a, root, &format!("fiche {i:03}.txt"), body)
            .await
            .unwrap();
    }
    let (_, first) = alice.get_text(&format!("/documents/{root}")).await;
    assert!(first.contains("Page 1 sur 2 (150 éléments)"), "{first}");
    assert!(first.contains(">fiche 099.txt</a>") && !first.contains(">fiche 100.txt</a>"));
    assert!(first.contains(&format!("href=\"/documents/{root}?page=2\" rel=\"next\"")));
    let (_, second) = alice.get_text(&format!("/documents/{root}?page=2")).await;
    assert!(second.contains(">fiche 149.txt</a>") && !second.contains(">fiche 000.txt</a>"));
    let token = alice.api_token("pages").await;
    let page: serde_json::Value = http()
        .get(format!("{}/api/v1/documents/{root}?page=2", t.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(page["total"], 150);
    assert_eq!(page["entries"].as_array().unwrap().len(), 50);
}

/// « Mes données » (issue 11) takes the person's files away as files, streamed from the file
/// store into the archive: their folders as folders, the trash apart, nobody else's.
#[tokio::test]
async fn the_archive_holds_the_persons_files_as_files() {
    for store in stores() {
        let t = spawn_on(store, |_| {}).await;
        let (alice, bruno, _celia, _admin) = colleagues(&t).await;
        let root = landing(&alice, "/documents").await;
        let r = alice
            .post(
                &format!("/documents/{root}/dossiers"),
                &[("name", "Projets")],
            )
            .await;
        assert_eq!(r.status(), 303);
        let (_, page) = alice.get_text(&format!("/documents/{root}")).await;
        let projects = entry_id(&page, "Projets");
        let plan = "Plan de l'année\n".repeat(20_000);
        assert_eq!(
            upload(&alice, &projects, &[("plan.txt", plan.as_bytes())])
                .await
                .0,
            303
        );
        assert_eq!(
            upload(&alice, &root, &[("brouillon.txt", b"vieux")])
                .await
                .0,
            303
        );
        let (_, page) = alice.get_text(&format!("/documents/{root}")).await;
        let draft = entry_id(&page, "brouillon.txt");
        let r = alice
            .post(&format!("/documents/{draft}/corbeille"), &[])
            .await;
        assert_eq!(r.status(), 303);
        // A second draft of that name, trashed too: numbered in the archive, before its
        // extension.
        assert_eq!(
            upload(&alice, &root, &[("brouillon.txt", b"encore")])
                .await
                .0,
            303
        );
        let (_, page) = alice.get_text(&format!("/documents/{root}")).await;
        let again = entry_id(&page, "brouillon.txt");
        let r = alice
            .post(&format!("/documents/{again}/corbeille"), &[])
            .await;
        assert_eq!(r.status(), 303);
        let bruno_root = landing(&bruno, "/documents").await;
        assert_eq!(
            upload(&bruno, &bruno_root, &[("bruno.txt", b"pas a elle")])
                .await
                .0,
            303
        );

        let r = alice.get("/compte/donnees/archive").await;
        assert_eq!(r.status(), 200);
        let files = crate::my_data::unzip(&r.bytes().await.unwrap());
        assert_eq!(
            files.get("documents/Projets/plan.txt"),
            Some(&plan),
            "{store:?}"
        );
        assert_eq!(
            files
                .get("documents/Corbeille/brouillon.txt")
                .map(String::as_str),
            Some("vieux")
        );
        assert_eq!(
            files
                .get("documents/Corbeille/brouillon (2).txt")
                .map(String::as_str),
            Some("encore"),
            "{:?}",
            files.keys()
        );
        assert!(
            !files.keys().any(|k| k.contains("bruno")),
            "{:?}",
            files.keys()
        );
        assert!(files.contains_key("donnees.json") && files.contains_key("LISEZMOI.txt"));
        // Through the compression layer too (it polls the body once more at its end).
        let r = alice
            .client
            .get(format!("{}/compte/donnees/archive", alice.base))
            .header("accept-encoding", "gzip")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert!(
            r.bytes().await.is_ok(),
            "{store:?}: the compressed archive ends cleanly"
        );
    }
}

/// « Supprimer mon compte » asks what becomes of the files one put in groups' spaces: kept
/// for the group (linked to no one) or deleted with the account, contents included.
#[tokio::test]
async fn closing_an_account_keeps_or_deletes_its_group_files_as_chosen() {
    for choice in ["keep", "delete"] {
        let t = spawn_on(Store::Local, |_| {}).await;
        let (alice, bruno, _celia, _admin) = colleagues(&t).await;
        let (alice_a, bruno_a) = (actor(&t, ALICE).await, actor(&t, BRUNO).await);
        let group = t
            .app
            .create_group(&bruno_a, "Cycle 2", "", "open", false)
            .await
            .unwrap();
        t.app.join_group(&alice_a, group).await.unwrap();
        let space = landing(&alice, &format!("/groupes/{group}/documents")).await;
        assert_eq!(
            upload(&alice, &space, &[("d'Alice.txt", b"alice")]).await.0,
            303
        );
        assert_eq!(
            upload(&bruno, &space, &[("de Bruno.txt", b"bruno")])
                .await
                .0,
            303
        );

        let (_, form) = alice.get_text("/compte/supprimer").await;
        assert!(
            form.contains("name=\"documents\" value=\"delete\""),
            "{form}"
        );
        let (status, _) = alice
            .post_text(
                "/compte/supprimer",
                &[
                    ("password", PASSWORD),
                    ("groups", "hand-over"),
                    ("documents", choice),
                ],
            )
            .await;
        assert_eq!(status, 200, "{choice}");
        t.advance(Duration::from_secs(31 * 86_400));
        t.app.purge_expired().await.unwrap();

        let bruno = t.browser();
        assert_eq!(bruno.login(BRUNO, PASSWORD).await.status(), 303);
        let (_, page) = bruno.get_text(&format!("/documents/{space}")).await;
        assert!(page.contains("de Bruno.txt"), "{page}");
        assert_eq!(
            page.contains("Alice.txt"),
            choice == "keep",
            "{choice}: {page}"
        );
        let blobs = t.app.files().keys().await.unwrap().len();
        assert_eq!(blobs, if choice == "keep" { 2 } else { 1 }, "{choice}");
    }
}

/// The bytes of a file, through the app.
async fn bytes_of(t: &TestApp, who: &preau_app::Actor, id: uuid::Uuid) -> Vec<u8> {
    use futures_util::StreamExt;
    let Ok(preau_app::documents::Delivery::Whole(file)) =
        t.app.download_document(who, id, None).await
    else {
        panic!("no file {id}");
    };
    let mut out = Vec::new();
    let mut stream = file.download.stream;
    while let Some(chunk) = stream.next().await {
        out.extend_from_slice(&chunk.unwrap());
    }
    out
}

fn text(
    s: &str,
) -> impl futures_util::Stream<Item = Result<bytes::Bytes, std::convert::Infallible>> {
    futures_util::stream::iter([Ok(bytes::Bytes::from(s.to_owned()))])
}

/// Versions: each upload under a name keeps the one before; every version downloads; an
/// earlier one restored becomes a new version; reading a file lets one see its history,
/// not change it.
#[tokio::test]
async fn versions_are_kept_listed_and_restored() {
    for store in stores() {
        let t = spawn_on(store, |_| {}).await;
        let (alice, bruno, _celia, _admin) = colleagues(&t).await;
        let (alice_a, bruno_a, celia_a) = (
            actor(&t, ALICE).await,
            actor(&t, BRUNO).await,
            actor(&t, CELIA).await,
        );
        let root = t.app.my_documents(&alice_a).await.unwrap();
        let id = t
            .app
            .upload_document(&alice_a, root, "plan.txt", text("un"))
            .await
            .unwrap();
        t.advance(Duration::from_secs(60));
        let again = t
            .app
            .upload_document(&alice_a, root, "plan.txt", text("deux"))
            .await
            .unwrap();
        assert_eq!(again, id);
        let token = alice.api_token("v").await;
        let versions: serde_json::Value = http()
            .get(format!("{}/api/v1/documents/{id}/versions", t.url))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let list = versions.as_array().unwrap();
        assert_eq!(list.len(), 2, "{versions}");
        assert_eq!(list[0]["current"], true);
        let first = list[1]["id"].as_str().unwrap().to_owned();
        let r = http()
            .get(format!(
                "{}/api/v1/documents/{id}/versions/{first}/content",
                t.url
            ))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{store:?}");
        assert_eq!(r.text().await.unwrap(), "un");

        // Bruno reads it through a share: he sees the history, restores nothing.
        t.app
            .share_document(
                &alice_a,
                id,
                preau_app::documents::ShareTarget::Person(bruno_a.id().as_uuid()),
                preau_domain::policy::DocumentAccess::Read,
            )
            .await
            .unwrap();
        let (status, page) = bruno.get_text(&format!("/documents/{id}/versions")).await;
        assert_eq!(status, 200);
        assert!(
            page.contains("Versions de « plan.txt »") && !page.contains("Restaurer cette version"),
            "{page}"
        );
        let r = bruno
            .post(&format!("/documents/{id}/versions/{first}/restaurer"), &[])
            .await;
        assert_eq!(r.status(), 403);
        // Célia has nothing to do with it.
        let first = uuid::Uuid::parse_str(&first).unwrap();
        assert!(matches!(
            t.app.versions_of(&celia_a, id).await,
            Err(preau_app::AppError::NotFound)
        ));
        assert!(matches!(
            t.app.download_version(&celia_a, id, first, None).await,
            Err(preau_app::AppError::NotFound)
        ));

        // Alice restores the first: the content is « un » again, as a third version.
        let r = alice
            .post(&format!("/documents/{id}/versions/{first}/restaurer"), &[])
            .await;
        assert_eq!(r.status(), 303);
        assert_eq!(bytes_of(&t, &alice_a, id).await, b"un");
        let view = t.app.versions_of(&alice_a, id).await.unwrap();
        assert_eq!(view.versions.len(), 3);
        assert!(view.versions[0].current && view.versions[0].sha256 == view.versions[2].sha256);
    }
}

/// Moving and copying: within a space and into a group's, with the quota of where it
/// goes; never into itself; a copy points at the same bytes, which outlive the original's
/// trash.
#[tokio::test]
async fn documents_move_and_copy_between_folders_and_spaces() {
    for store in stores() {
        let t = spawn_on(store, |c| c.storage.group_quota_bytes = 8).await;
        let (alice, _bruno, _celia, _admin) = colleagues(&t).await;
        let (alice_a, bruno_a) = (actor(&t, ALICE).await, actor(&t, BRUNO).await);
        let root = t.app.my_documents(&alice_a).await.unwrap();
        let cours = t.app.create_folder(&alice_a, root, "Cours").await.unwrap();
        let sous = t.app.create_folder(&alice_a, cours, "Sous").await.unwrap();
        let fiche = t
            .app
            .upload_document(&alice_a, sous, "fiche.txt", text("fiche"))
            .await
            .unwrap();
        let plan = t
            .app
            .upload_document(&alice_a, root, "plan.txt", text("plan"))
            .await
            .unwrap();

        // A folder does not go into itself or below it.
        let invalid = |r: Result<_, preau_app::AppError>| match r {
            Err(preau_app::AppError::Invalid(f)) => f.0[0].1,
            other => panic!("{:?}", other.map(|_: uuid::Uuid| ())),
        };
        assert_eq!(
            invalid(t.app.move_document(&alice_a, cours, sous).await),
            "document-move-into-itself"
        );
        assert_eq!(
            invalid(t.app.copy_document(&alice_a, cours, cours).await),
            "document-move-into-itself"
        );
        // Within the space, by the page.
        let r = alice
            .post(
                &format!("/documents/{plan}/deplacer"),
                &[("to", &cours.to_string()), ("mode", "move")],
            )
            .await;
        assert_eq!(r.status(), 303);
        assert_eq!(
            t.app.parent_of_document(&alice_a, plan).await.unwrap(),
            cours
        );

        // Into a group's space: over its quota (8 bytes: « Cours » holds 9) nothing moves.
        let group = t
            .app
            .create_group(&bruno_a, "Cycle 3", "", "open", false)
            .await
            .unwrap();
        t.app.join_group(&alice_a, group).await.unwrap();
        let space = t.app.group_documents(&alice_a, group).await.unwrap();
        assert_eq!(
            invalid(t.app.move_document(&alice_a, cours, space).await),
            "document-quota-full"
        );
        assert_eq!(
            t.app.parent_of_document(&alice_a, cours).await.unwrap(),
            root
        );
        // Within it, it moves, and Bruno reads what is now the group's.
        t.app.move_document(&alice_a, sous, space).await.unwrap();
        assert_eq!(bytes_of(&t, &bruno_a, fiche).await, b"fiche");
        // The page picks the destination among the spaces.
        let (status, page) = alice.get_text(&format!("/documents/{plan}/deplacer")).await;
        assert_eq!(status, 200);
        assert!(
            page.contains("Cycle 3") && page.contains("Copier ici"),
            "{page}"
        );

        // A copy: new rows, the same bytes; a second copy is numbered; the original's
        // trash emptied leaves the copy whole.
        let copy = t.app.copy_document(&alice_a, plan, root).await.unwrap();
        assert_ne!(copy, plan);
        let second = t.app.copy_document(&alice_a, plan, cours).await.unwrap();
        let listing = t.app.folder(&alice_a, cours, 1).await.unwrap();
        let names: Vec<&str> = listing.items.iter().map(|i| i.name.as_str()).collect();
        assert!(names.contains(&"plan (2).txt"), "{names:?}");
        let blobs = t.app.files().keys().await.unwrap().len();
        t.app.trash_document(&alice_a, plan).await.unwrap();
        t.app.trash_document(&alice_a, second).await.unwrap();
        t.advance(Duration::from_secs(31 * 86_400));
        t.app.purge_expired().await.unwrap();
        assert_eq!(
            t.app.files().keys().await.unwrap().len(),
            blobs,
            "{store:?}"
        );
        let alice_a = actor(&t, ALICE).await;
        assert_eq!(bytes_of(&t, &alice_a, copy).await, b"plan");
    }
}

/// A folder downloads as one ZIP streamed from the store: its subfolders as folders, its
/// trash left out, for whoever may read it (a sharee too), nobody else.
#[tokio::test]
async fn a_folder_downloads_as_a_zip() {
    for store in stores() {
        let t = spawn_on(store, |_| {}).await;
        let (alice, bruno, celia, _admin) = colleagues(&t).await;
        let (alice_a, bruno_a) = (actor(&t, ALICE).await, actor(&t, BRUNO).await);
        let root = t.app.my_documents(&alice_a).await.unwrap();
        let seances = t
            .app
            .create_folder(&alice_a, root, "Séances")
            .await
            .unwrap();
        let eau = t
            .app
            .create_folder(&alice_a, seances, "L’eau")
            .await
            .unwrap();
        t.app
            .upload_document(&alice_a, seances, "plan.txt", text("plan"))
            .await
            .unwrap();
        t.app
            .upload_document(&alice_a, eau, "séance 1.txt", text("états de l’eau"))
            .await
            .unwrap();
        let gone = t
            .app
            .upload_document(&alice_a, eau, "brouillon.txt", text("x"))
            .await
            .unwrap();
        t.app.trash_document(&alice_a, gone).await.unwrap();

        let r = alice.get(&format!("/documents/{seances}/archive")).await;
        assert_eq!(r.status(), 200, "{store:?}");
        assert_eq!(r.headers()["content-type"], "application/zip");
        assert!(
            r.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .contains("filename*=UTF-8''S%C3%A9ances.zip")
        );
        let files = crate::my_data::unzip(&r.bytes().await.unwrap());
        let mut names: Vec<&String> = files.keys().collect();
        names.sort();
        assert_eq!(
            names,
            ["Séances/L’eau/séance 1.txt", "Séances/plan.txt"],
            "{store:?}"
        );
        assert_eq!(files["Séances/L’eau/séance 1.txt"], "états de l’eau");

        // Shared with Bruno: he downloads it too; Célia gets nothing.
        t.app
            .share_document(
                &alice_a,
                eau,
                preau_app::documents::ShareTarget::Person(bruno_a.id().as_uuid()),
                preau_domain::policy::DocumentAccess::Read,
            )
            .await
            .unwrap();
        let r = bruno.get(&format!("/documents/{eau}/archive")).await;
        assert_eq!(r.status(), 200);
        let files = crate::my_data::unzip(&r.bytes().await.unwrap());
        assert_eq!(files.keys().collect::<Vec<_>>(), ["L’eau/séance 1.txt"]);
        let r = celia.get(&format!("/documents/{seances}/archive")).await;
        assert_eq!(r.status(), 404);
    }
}

/// A PUT sent by hand, its body in `chunks` with `pause` before each: the status line of
/// the answer, or what broke.
async fn slow_put(
    t: &TestApp,
    path: &str,
    token: &str,
    chunks: &[&[u8]],
    pause: Duration,
) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = t.url.trim_start_matches("http://").to_owned();
    let mut s = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let len: usize = chunks.iter().map(|c| c.len()).sum();
    let head = format!(
        "PUT {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/octet-stream\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n"
    );
    if let Err(e) = s.write_all(head.as_bytes()).await {
        return format!("write: {e}");
    }
    for c in chunks {
        tokio::time::sleep(pause).await;
        if let Err(e) = s.write_all(c).await {
            return format!("write: {e}");
        }
    }
    let mut answer = Vec::new();
    match s.read_to_end(&mut answer).await {
        Ok(_) => String::from_utf8_lossy(&answer)
            .lines()
            .next()
            .unwrap_or("")
            .to_owned(),
        Err(e) => format!("read: {e}"),
    }
}

/// An upload has no deadline but an idle limit: one slower than `request_timeout_seconds`
/// as a whole is stored; one that stops sending for longer breaks off, nothing kept.
#[tokio::test]
async fn a_slow_upload_finishes_and_a_stalled_one_breaks_off() {
    let t = spawn_on(Store::Local, |c| c.request_timeout_seconds = 1).await;
    let (alice, _bruno, _celia, _admin) = colleagues(&t).await;
    let alice_a = actor(&t, ALICE).await;
    let root = t.app.my_documents(&alice_a).await.unwrap();
    let token = alice.api_token("slow").await;
    let piece = [b'a'; 1000];
    let chunks: Vec<&[u8]> = (0..8).map(|_| &piece[..]).collect();
    // 8 pieces, 400 ms apart: 3.2 s in all, never 1 s without a piece.
    let status = slow_put(
        &t,
        &format!("/api/v1/documents/{root}/files/lent.txt"),
        &token,
        &chunks,
        Duration::from_millis(400),
    )
    .await;
    assert!(status.starts_with("HTTP/1.1 201"), "{status}");
    let view = t.app.folder(&alice_a, root, 1).await.unwrap();
    assert_eq!(
        view.items
            .iter()
            .find(|i| i.name == "lent.txt")
            .unwrap()
            .size,
        8000
    );
    // Two pieces, 2.5 s apart: broken off after 1 s of silence; nothing kept.
    let blobs = t.app.files().keys().await.unwrap().len();
    let status = slow_put(
        &t,
        &format!("/api/v1/documents/{root}/files/bloqu%C3%A9.txt"),
        &token,
        &[&piece[..], &piece[..]],
        Duration::from_millis(2500),
    )
    .await;
    assert!(!status.contains(" 201"), "{status}");
    let view = t.app.folder(&alice_a, root, 1).await.unwrap();
    assert!(view.items.iter().all(|i| i.name != "bloqué.txt"));
    assert_eq!(t.app.files().keys().await.unwrap().len(), blobs);
}

/// A real ClamAV daemon for this test process, with a one-signature database of its own
/// (the EICAR test file; no download needed), or `None` when clamd is not installed (CI
/// installs Debian's clamav-daemon and sets PREAU_REQUIRE_CLAMD).
fn clamd() -> Option<u16> {
    static PORT: OnceLock<Option<u16>> = OnceLock::new();
    *PORT.get_or_init(|| {
        let binary = ["/usr/sbin/clamd", "/usr/bin/clamd"]
            .into_iter()
            .find(|p| std::path::Path::new(p).exists());
        let Some(binary) = binary else {
            assert!(
                std::env::var("PREAU_REQUIRE_CLAMD").is_err(),
                "clamd is required in CI (apt-get install clamav-daemon)"
            );
            say_on_stderr("note: virus-scan test skipped: apt-get install clamav-daemon to run it");
            return None;
        };
        let dir = std::env::temp_dir().join(format!("preau-clamd-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("db")).unwrap();
        let body = hex(EICAR);
        std::fs::write(dir.join("db/preau.ndb"), format!("Preau-Test-EICAR:0:*:{body}\n")).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let conf = dir.join("clamd.conf");
        std::fs::write(
            &conf,
            format!(
                "DatabaseDirectory {}\nTCPSocket {port}\nTCPAddr 127.0.0.1\nForeground yes\n\
                 LogFile {}\nStreamMaxLength 100M\n",
                dir.join("db").display(),
                dir.join("clamd.log").display()
            ),
        )
        .unwrap();
        // A watcher ends clamd when this test process is gone.
        let script = format!(
            "import os, subprocess, time\n\
             parent = os.getppid()\n\
             d = subprocess.Popen(['{binary}', '-c', '{}'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n\
             while os.getppid() == parent and d.poll() is None:\n\
             \x20   time.sleep(0.5)\n\
             d.kill()\n",
            conf.display()
        );
        #[allow(clippy::zombie_processes)]
        std::process::Command::new("python3")
            .args(["-c", &script])
            .spawn()
            .expect("python3");
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                std::time::Instant::now() < deadline,
                "clamd did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
        Some(port)
    })
}

/// The EICAR anti-virus test file: harmless, flagged by every scanner.
const EICAR: &[u8] = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// With `storage.clamd` set, every upload goes through the scanner before it is kept: the
/// EICAR file is refused and nothing of it remains; a clean file is kept; a scanner that
/// does not answer refuses the upload (fail closed).
#[tokio::test]
async fn uploads_are_scanned_when_a_scanner_is_configured() {
    let Some(port) = clamd() else { return };
    for store in stores() {
        let t = spawn_on(store, |c| {
            c.storage.clamd = Some(format!("127.0.0.1:{port}"))
        })
        .await;
        let (alice, _bruno, _celia, _admin) = colleagues(&t).await;
        let root = landing(&alice, "/documents").await;
        let (status, page) = upload(&alice, &root, &[("eicar.txt", EICAR)]).await;
        assert_eq!(status, 422, "{store:?}");
        assert!(page.contains("L’antivirus a signalé ce fichier"), "{page}");
        assert!(page.contains("Ce dossier est vide."), "{page}");
        assert!(
            t.app.files().keys().await.unwrap().is_empty(),
            "{store:?}: nothing kept"
        );
        let (status, _) = upload(&alice, &root, &[("propre.txt", b"rien de grave")]).await;
        assert_eq!(status, 303);
        assert_eq!(t.app.files().keys().await.unwrap().len(), 1);
    }
    // A scanner configured but away: refused, nothing kept.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let t = spawn_on(Store::Local, |c| {
        c.storage.clamd = Some(format!("127.0.0.1:{closed}"));
    })
    .await;
    let (alice, _bruno, _celia, _admin) = colleagues(&t).await;
    let root = landing(&alice, "/documents").await;
    let (status, page) = upload(&alice, &root, &[("propre.txt", b"rien")]).await;
    assert_eq!(status, 422);
    assert!(page.contains("L’antivirus ne répond pas"), "{page}");
    assert!(t.app.files().keys().await.unwrap().is_empty());
}

/// Photos are kept without where and when they were taken (SEC-55): a JPEG's Exif (its GPS
/// position) is gone from what is stored and served; its orientation stays.
#[tokio::test]
async fn a_photo_is_kept_without_its_gps_position() {
    for store in stores() {
        let t = spawn_on(store, |_| {}).await;
        let (alice, _bruno, _celia, _admin) = colleagues(&t).await;
        let root = landing(&alice, "/documents").await;
        // A JPEG whose Exif (big-endian) holds an orientation (6) and a GPS text.
        let mut tiff = b"MM\0\x2A\0\0\0\x08\0\x01".to_vec();
        tiff.extend_from_slice(&[0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]);
        tiff.extend_from_slice(b"GPSLatitude 49.8941N");
        let mut photo = vec![0xFF, 0xD8, 0xFF, 0xE1];
        photo.extend_from_slice(&u16::try_from(tiff.len() + 8).unwrap().to_be_bytes());
        photo.extend_from_slice(b"Exif\0\0");
        photo.extend_from_slice(&tiff);
        photo.extend_from_slice(&[0xFF, 0xDB, 0x00, 0x04, 7, 7, 0xFF, 0xDA, 0x00, 0x02]);
        photo.extend_from_slice(b"pixels\xFF\xD9");
        let (status, _) = upload(&alice, &root, &[("sortie.jpg", &photo)]).await;
        assert_eq!(status, 303, "{store:?}");
        let (_, page) = alice.get_text(&format!("/documents/{root}")).await;
        let id = entry_id(&page, "sortie.jpg");
        let r = alice.get(&format!("/documents/{id}/telecharger")).await;
        assert_eq!(r.headers()["content-type"], "image/jpeg");
        let served = r.bytes().await.unwrap();
        let has = |needle: &[u8]| served.windows(needle.len()).any(|w| w == needle);
        assert!(!has(b"49.8941N"), "{store:?}: the GPS position is gone");
        assert!(
            has(&[0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, 0, 6]),
            "the orientation stays"
        );
        assert!(
            served.ends_with(b"pixels\xFF\xD9"),
            "the image is untouched"
        );
    }
}
