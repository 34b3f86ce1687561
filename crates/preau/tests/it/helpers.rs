//! A running Préau for one test, and an HTTP client that behaves like a browser without
//! following redirects (so tests can assert each 303).

use preau::Application;
use preau_app::config::Secret;
use preau_app::{Actor, Config};
use preau_domain::password::PasswordAttempt;
use preau_domain::{ManualClock, Timestamp};
use std::sync::Arc;
use std::time::Duration;

/// 2026-09-01T08:00:00Z: a Tuesday morning of the rentrée.
pub const START: i64 = 1_788_249_600;
pub const PASSWORD: &str = "correct horse battery staple";
pub const ADMIN_EMAIL: &str = "zoe.martin@ac-amiens.fr";

pub struct TestApp {
    pub url: String,
    pub app: preau_app::App,
    pub clock: Arc<ManualClock>,
    pub config: Config,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
    _dir: Arc<tempfile::TempDir>,
    database: Option<Arc<PgDatabase>>,
}

/// A throwaway PostgreSQL database, dropped with the last handle.
pub struct PgDatabase {
    admin_url: String,
    name: String,
    pub url: String,
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let admin_url = self.admin_url.clone();
        let name = self.name.clone();
        // Drop runs inside the test's runtime: use a thread with its own.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                if let Ok(pool) = sqlx::PgPool::connect(&admin_url).await {
                    let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                    let _ = sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&pool).await;
                    pool.close().await;
                }
            });
        })
        .join();
    }
}

/// The PostgreSQL server to test against, if any. Says once when this run is SQLite only.
pub fn postgres_url() -> Option<String> {
    static SAID: std::sync::Once = std::sync::Once::new();
    let url = std::env::var("PREAU_TEST_POSTGRES_URL")
        .ok()
        .filter(|s| !s.is_empty());
    if url.is_none() {
        SAID.call_once(|| {
            say_on_stderr(
                "note: PostgreSQL tests skipped (PREAU_TEST_POSTGRES_URL is not set); this run uses SQLite",
            )
        });
    }
    url
}

/// Writes to the process's real stderr: the test harness captures `eprintln!` of a passing
/// test, and a skipped check must not look like a passed one.
pub fn say_on_stderr(note: &str) {
    use std::io::Write as _;
    match std::fs::OpenOptions::new().append(true).open("/dev/stderr") {
        Ok(mut fd) => {
            let _ = writeln!(fd, "{note}");
        }
        Err(_) => eprintln!("{note}"),
    }
}

pub async fn create_pg_database(admin_url: &str) -> PgDatabase {
    let name = format!("preau_t_{}", uuid::Uuid::now_v7().simple());
    let pool = sqlx::PgPool::connect(admin_url)
        .await
        .expect("PREAU_TEST_POSTGRES_URL must be reachable");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let (base, query) = match admin_url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (admin_url, String::new()),
    };
    let prefix = base.rsplit_once('/').map_or(base, |(p, _)| p);
    PgDatabase {
        admin_url: admin_url.to_owned(),
        name: name.clone(),
        url: format!("{prefix}/{name}{query}"),
    }
}

/// The configuration of a test instance: port 0, a temporary data directory, cheap
/// (floor) Argon2 parameters, and no background jobs: a test delivers mail and purges by
/// explicit calls (`deliver_due_mail`, `purge_expired`), so that a loop running between two
/// of its steps cannot change the counts it asserts. The one test of the loops turns them on.
pub fn test_config(dir: &std::path::Path) -> Config {
    Config {
        listen: "127.0.0.1:0".into(),
        data_dir: dir.to_path_buf(),
        run_jobs: false,
        ..Config::default()
    }
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    pub async fn spawn_with(tweak: impl FnOnce(&mut Config)) -> Self {
        preau_app::storage::install_tls_provider();
        let dir = Arc::new(tempfile::tempdir().unwrap());
        let mut config = test_config(dir.path());
        let database = match postgres_url() {
            Some(admin) => {
                let db = create_pg_database(&admin).await;
                config.database_url = Some(Secret::new(db.url.clone()));
                Some(Arc::new(db))
            }
            None => None,
        };
        tweak(&mut config);
        let clock = Arc::new(ManualClock::starting_at(Timestamp::from_unix(START)));
        Self::start(config, clock, dir, database).await
    }

    pub async fn start(
        config: Config,
        clock: Arc<ManualClock>,
        dir: Arc<tempfile::TempDir>,
        database: Option<Arc<PgDatabase>>,
    ) -> Self {
        let application = Application::build_with_clock(config.clone(), clock.clone())
            .await
            .unwrap();
        let addr = application.local_addr().unwrap();
        let app = application.app().clone();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            application
                .run_until_stopped(async {
                    let _ = rx.await;
                })
                .await
                .unwrap();
        });
        Self {
            url: format!("http://{addr}"),
            app,
            clock,
            config,
            shutdown: Some(tx),
            server: Some(server),
            _dir: dir,
            database,
        }
    }

    /// Stops this instance and starts another on the same database and data directory, with
    /// a changed configuration (e.g. stronger hashing parameters).
    pub async fn restart_with(mut self, tweak: impl FnOnce(&mut Config)) -> Self {
        self.stop().await;
        let mut config = self.config.clone();
        config.listen = "127.0.0.1:0".into();
        tweak(&mut config);
        let clock = self.clock.clone();
        let dir = self._dir.clone();
        let database = self.database.take();
        Self::start(config, clock, dir, database).await
    }

    pub async fn stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = tokio::time::timeout(Duration::from_secs(10), server).await;
        }
    }

    pub fn advance(&self, by: Duration) {
        self.clock.advance(by);
    }

    /// A browser: keeps cookies, does not follow redirects.
    pub fn browser(&self) -> Browser {
        preau_app::storage::install_tls_provider();
        Browser {
            client: reqwest::Client::builder()
                .default_headers(same_site_headers())
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            base: self.url.clone(),
        }
    }

    /// A setup link's path, as the console would print it.
    pub async fn setup_path(&self) -> String {
        let token = self.app.issue_setup_link().await.unwrap();
        format!("/installation/{}", token.expose())
    }

    /// Creates the first administrator through the setup page and returns their browser,
    /// logged in.
    pub async fn admin(&self) -> Browser {
        let path = self.setup_path().await;
        let browser = self.browser();
        let r = browser
            .post(
                &path,
                &[
                    ("given_name", "Zoé"),
                    ("family_name", "Martin"),
                    ("email", ADMIN_EMAIL),
                    ("password", PASSWORD),
                    ("password_confirmation", PASSWORD),
                ],
            )
            .await;
        assert_eq!(r.status(), 303, "setup should succeed");
        browser
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

pub struct Browser {
    pub client: reqwest::Client,
    pub base: String,
}

impl Browser {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    pub async fn get_text(&self, path: &str) -> (u16, String) {
        let r = self.get(path).await;
        let status = r.status().as_u16();
        (status, r.text().await.unwrap())
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.base))
            .form(form)
            .send()
            .await
            .unwrap()
    }

    pub async fn post_text(&self, path: &str, form: &[(&str, &str)]) -> (u16, String) {
        let r = self.post(path, form).await;
        let status = r.status().as_u16();
        (status, r.text().await.unwrap())
    }

    pub async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        self.post("/connexion", &[("email", email), ("password", password)])
            .await
    }

    /// Whether the browser's session opens the home page (else it is sent to the login page).
    pub async fn is_logged_in(&self) -> bool {
        let r = self.get("/").await;
        match r.status().as_u16() {
            200 => true,
            303 => false,
            other => panic!("unexpected status {other} for /"),
        }
    }
}

/// The value of a `Set-Cookie` header for `name`, if the response sets it.
pub fn set_cookie(r: &reqwest::Response, name: &str) -> Option<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(str::to_owned)
}

/// The session token from a `Set-Cookie: preau_session=…` header.
pub fn session_token(r: &reqwest::Response) -> Option<String> {
    set_cookie(r, "preau_session").and_then(|c| {
        c.split(';')
            .next()
            .and_then(|kv| kv.split_once('='))
            .map(|(_, v)| v.to_owned())
    })
}

/// A client that sends only the given session cookie: replays a token as an attacker would.
pub async fn get_with_session(url: &str, token: &str) -> reqwest::Response {
    http()
        .get(format!("{url}/"))
        .header("cookie", format!("preau_session={token}"))
        .send()
        .await
        .unwrap()
}

/// What a browser sends with a form of the same site (pages refuse a POST without either
/// `Sec-Fetch-Site` or `Origin`).
pub fn same_site_headers() -> reqwest::header::HeaderMap {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "sec-fetch-site",
        reqwest::header::HeaderValue::from_static("same-origin"),
    );
    headers
}

/// A client without cookies that does not follow redirects.
pub fn http() -> reqwest::Client {
    preau_app::storage::install_tls_provider();
    reqwest::Client::builder()
        .default_headers(same_site_headers())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// One roster line: (family name, given name, email, UAI, school, functions).
pub type Person<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str, &'a str);

pub fn roster_csv(people: &[Person<'_>]) -> String {
    let mut csv = String::from("Nom;Prénom;Courriel;UAI;École;Corps;Fonctions\n");
    for (family, given, email, uai, school, functions) in people {
        csv.push_str(&format!(
            "{family};{given};{email};{uai};{school};professeur des écoles;{functions}\n"
        ));
    }
    csv
}

/// The one `<main>` of a page, for comparing two pages' answers: fails when there is none
/// or it is empty, so that two error pages without one cannot compare equal.
pub fn main_of(page: &str) -> &str {
    let mains = between(page, "<main", "</main>");
    assert_eq!(mains.len(), 1, "one <main> in: {page}");
    let main = mains[0];
    let inside = main.split_once('>').map_or("", |(_, rest)| rest).trim();
    assert!(!inside.is_empty(), "an empty <main> in: {page}");
    main
}

/// Text between `start` and the next `end` after it, for each occurrence.
pub fn between<'a>(body: &'a str, start: &str, end: &str) -> Vec<&'a str> {
    body.match_indices(start)
        .filter_map(|(i, _)| {
            let rest = &body[i + start.len()..];
            rest.find(end).map(|j| &rest[..j])
        })
        .collect()
}

impl Browser {
    /// Creates a personal API token on the settings page, as a person would, and returns the
    /// value the page shows once.
    pub async fn api_token(&self, name: &str) -> String {
        let (status, body) = self.post_text("/compte/jetons", &[("name", name)]).await;
        assert_eq!(status, 201);
        between(&body, "<code class=\"secret\">", "</code>")[0].to_owned()
    }

    /// Uploads a roster on the admin page and returns the preview page.
    pub async fn upload_roster(&self, csv: &[u8]) -> (u16, String) {
        let part = reqwest::multipart::Part::bytes(csv.to_vec())
            .file_name("annuaire.csv")
            .mime_str("text/csv")
            .unwrap();
        let form = reqwest::multipart::Form::new().part("file", part);
        let r = self
            .client
            .post(format!("{}/admin/import", self.base))
            .multipart(form)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        (status, r.text().await.unwrap())
    }

    /// Uploads and confirms a roster; returns the result page and the batch id for letters.
    pub async fn import_roster(&self, csv: &[u8]) -> (String, String) {
        let (status, preview) = self.upload_roster(csv).await;
        assert_eq!(status, 200, "{preview}");
        let upload = between(&preview, "action=\"/admin/import/", "\"")[0].to_owned();
        let (status, result) = self
            .post_text(&format!("/admin/import/{upload}"), &[])
            .await;
        assert_eq!(status, 200, "{result}");
        let batch = between(&result, "action=\"/admin/lettres/", "\"")[0].to_owned();
        (result, batch)
    }

    /// Prints the letters of an import: (name, code) for each.
    pub async fn letters(&self, batch: &str) -> Vec<(String, String)> {
        let (status, page) = self
            .post_text(&format!("/admin/lettres/{batch}?confirmer=oui"), &[])
            .await;
        assert_eq!(status, 200, "{page}");
        let names = between(&page, "<p><strong>", "</strong>");
        let codes = between(&page, "<code class=\"secret\">", "</code>");
        assert_eq!(names.len(), codes.len());
        names
            .into_iter()
            .zip(codes)
            .map(|(n, c)| (n.to_owned(), c.to_owned()))
            .collect()
    }
}

impl TestApp {
    /// Activates an invitation as its person would, from the letter's code; returns their
    /// logged-in browser.
    pub async fn activate(&self, code: &str, scope: &str) -> Browser {
        let b = self.browser();
        let r = b.post("/invitation", &[("code", code)]).await;
        assert_eq!(r.status(), 303);
        let page = r.headers()["location"].to_str().unwrap().to_owned();
        assert_eq!(
            b.get(&page).await.status(),
            200,
            "the invitation page opens"
        );
        let r = b
            .post(
                &format!("{page}/activer"),
                &[
                    ("notice_version", preau_web::NOTICE_VERSION),
                    ("accept", "oui"),
                    ("password", PASSWORD),
                    ("password_confirmation", PASSWORD),
                    ("scope", scope),
                    ("show_structure", "oui"),
                    ("show_functions", "oui"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200, "activation of {code}");
        let page = r.text().await.unwrap();
        assert!(page.contains("Un courriel vient de partir vers"), "{page}");
        // Nothing opens until the link sent to the professional address is followed.
        let link = self.newest_link("/activation/").await;
        assert_eq!(
            b.get(&link).await.status(),
            200,
            "the confirmation page opens"
        );
        let r = b.post(&link, &[]).await;
        assert_eq!(r.status(), 303, "confirmation of {code}");
        b
    }

    /// The path of the newest mailed link under `prefix` (e.g. `/activation/`), once the
    /// outbox is delivered to files.
    pub async fn newest_link(&self, prefix: &str) -> String {
        self.app.deliver_due_mail().await.unwrap();
        let dir = self.config.data_dir.join("outbox");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        // Files are named by the UUIDv7 of their outbox row: by name is by queueing order.
        files.sort();
        let mail = files
            .iter()
            .rev()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .find(|m| m.replace("=\r\n", "").replace("=\n", "").contains(prefix))
            .unwrap_or_else(|| panic!("no mail with {prefix}"));
        format!("{prefix}{}", link_after(&mail, prefix))
    }
}

/// The bodies of the `.eml` files written so far.
pub fn outbox_files(t: &TestApp) -> Vec<String> {
    let dir = t.config.data_dir.join("outbox");
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    out.sort();
    out
}

/// The text after `prefix` up to the next whitespace, in a mail body (quoted-printable soft
/// breaks removed first).
pub fn link_after(mail: &str, prefix: &str) -> String {
    let plain = mail.replace("=\r\n", "").replace("=\n", "");
    let start = plain
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix} in {plain}"))
        + prefix.len();
    plain[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect()
}

/// Runs the `preau` binary with `args` on the test's data directory and database, with no
/// stray `PREAU_*` from the environment; returns (success, stdout, stderr).
pub fn preau_cli<S: AsRef<std::ffi::OsStr>>(t: &TestApp, args: &[S]) -> (bool, String, String) {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_preau"));
    c.current_dir(t.config.data_dir.as_path()).args(args);
    for (k, _) in std::env::vars().filter(|(k, _)| k.starts_with("PREAU_")) {
        c.env_remove(k);
    }
    c.env("PREAU_DATA_DIR", &t.config.data_dir);
    if let Some(url) = &t.config.database_url {
        c.env("PREAU_DATABASE_URL", url.expose());
    }
    let out = c.output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The use-case actor of a person logged in now, for tests that call `App` directly.
pub async fn actor(t: &TestApp, email: &str) -> Actor {
    let ok = t
        .app
        .login(
            email,
            PasswordAttempt::new(PASSWORD.to_owned()),
            None,
            "test",
            "192.0.2.1",
        )
        .await
        .unwrap();
    t.app.resolve_session(&ok.token).await.unwrap().unwrap()
}
