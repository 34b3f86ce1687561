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
        let (status, _) = upload(&alice, &space, &[("progression.odt", b"PK...")]).await;
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
        let (status, page) = upload(&alice, &root, &[("gros.bin", &[7u8; 10_001])]).await;
        assert_eq!(status, 422, "{store:?}");
        assert!(page.contains("dépasse la taille maximale"), "{page}");
        assert!(page.contains("Ce dossier est vide."), "{page}");
        // Up to the quota, then refused.
        for i in 0..2 {
            let (status, _) =
                upload(&alice, &root, &[(&format!("f{i}.bin"), &[1u8; 10_000])]).await;
            assert_eq!(status, 303);
        }
        let (status, page) = upload(&alice, &root, &[("trop.bin", &[1u8; 6_000])]).await;
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

        // The trash, after 30 days, takes the bytes with it.
        let f0 = entry_id(&page, "f0.bin");
        let r = alice.post(&format!("/documents/{f0}/corbeille"), &[]).await;
        assert_eq!(r.status(), 303);
        t.advance(Duration::from_secs(31 * 86_400));
        t.app.purge_expired().await.unwrap();
        assert_eq!(t.app.files().keys().await.unwrap().len(), 2, "{store:?}");

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
            &format!("/api/v1/documents/{root_id}/files/s%C3%A9ance%201.bin"),
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
                .contains("filename*=UTF-8''s%C3%A9ance%201.bin")
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
            &format!("/api/v1/documents/{root_id}/files/S%C3%A9ance%201.bin"),
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
        .json(&serde_json::json!({"name": "séance 1 (v2).bin"}))
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
