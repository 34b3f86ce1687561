//! Mail through the outbox: files by default, a real SMTP server (aiosmtpd) when configured;
//! password reset by email; invitation emails; departure notices.

use crate::helpers::*;
use preau_app::config::Secret;
use std::time::Duration;

#[tokio::test]
async fn invitations_by_email_land_in_the_outbox_and_open_the_account() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let csv = roster_csv(&[(
        "Colin",
        "Maé",
        "mae.colin@ac-amiens.fr",
        "0801234A",
        "École A",
        "",
    )]);
    let (_, batch) = admin.import_roster(csv.as_bytes()).await;
    let (status, page) = admin
        .post_text(&format!("/admin/courriels/{batch}"), &[])
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Une invitation est partie"), "{page}");
    assert_eq!(t.app.deliver_due_mail().await.unwrap(), 1);
    assert_eq!(
        t.app.pending_mail().await.unwrap(),
        0,
        "a sent message leaves the database"
    );
    let mails = outbox_files(&t);
    assert_eq!(mails.len(), 1);
    assert!(mails[0].contains("To: mae.colin@ac-amiens.fr"));
    let code = link_after(&mails[0], "/invitation/");
    let b = t.activate(&code, "my_places").await;
    assert!(b.is_logged_in().await);
}

#[tokio::test]
async fn a_forgotten_password_is_reset_once_through_the_mailbox() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let other = t.browser();
    assert_eq!(other.login(ADMIN_EMAIL, PASSWORD).await.status(), 303);

    let b = t.browser();
    let (status, known) = b
        .post_text("/mot-de-passe-oublie", &[("email", ADMIN_EMAIL)])
        .await;
    assert_eq!(status, 200);
    let (status, unknown) = b
        .post_text(
            "/mot-de-passe-oublie",
            &[("email", "personne@ac-amiens.fr")],
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(main_of(&known), main_of(&unknown), "same answer");
    t.app.deliver_due_mail().await.unwrap();
    let mails = outbox_files(&t);
    assert_eq!(mails.len(), 1, "mail only for an existing account");
    let token = link_after(&mails[0], "/mot-de-passe-oublie/");

    const NEW: &str = "trois petits chats dans la cour";
    let path = format!("/mot-de-passe-oublie/{token}");
    assert_eq!(b.get(&path).await.status(), 200);
    let (status, page) = b
        .post_text(
            &path,
            &[("password", "court"), ("password_confirmation", "court")],
        )
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("au moins 12 caractères"));
    let (status, page) = b
        .post_text(&path, &[("password", NEW), ("password_confirmation", NEW)])
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Votre mot de passe est changé"));
    assert!(
        !admin.is_logged_in().await && !other.is_logged_in().await,
        "every session ended"
    );
    assert_eq!(b.get(&path).await.status(), 404, "single use");
    assert_eq!(t.browser().login(ADMIN_EMAIL, NEW).await.status(), 303);
    assert_eq!(
        t.app.deliver_due_mail().await.unwrap(),
        1,
        "the person is told their password changed"
    );
    assert_eq!(outbox_files(&t).len(), 2);

    // A link is valid 30 minutes.
    b.post_text("/mot-de-passe-oublie", &[("email", ADMIN_EMAIL)])
        .await;
    t.app.deliver_due_mail().await.unwrap();
    let newest = outbox_files(&t)
        .into_iter()
        .filter(|m| m.contains("/mot-de-passe-oublie/"))
        .map(|m| link_after(&m, "/mot-de-passe-oublie/"))
        .find(|l| *l != token)
        .unwrap();
    t.advance(Duration::from_secs(31 * 60));
    assert_eq!(
        b.get(&format!("/mot-de-passe-oublie/{newest}"))
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn a_departure_notice_is_sent_to_the_person() {
    let t = TestApp::spawn_with(|c| c.dpo_contact = Some("dpd@ac-amiens.fr".into())).await;
    let admin = t.admin().await;
    let stays = (
        "Roy",
        "Alix",
        "alix.roy@ac-amiens.fr",
        "0801234A",
        "École A",
        "",
    );
    let leaves = (
        "Guérin",
        "Sacha",
        "sacha.guerin@ac-amiens.fr",
        "0801234A",
        "École A",
        "",
    );
    let (_, batch) = admin
        .import_roster(roster_csv(&[stays, leaves]).as_bytes())
        .await;
    let letters = admin.letters(&batch).await;
    let code = &letters.iter().find(|(n, _)| n == "Sacha Guérin").unwrap().1;
    t.activate(code, "my_places").await;
    admin.import_roster(roster_csv(&[stays]).as_bytes()).await;
    t.app.deliver_due_mail().await.unwrap();
    let mails = outbox_files(&t);
    let notice = mails
        .iter()
        .find(|m| m.contains("To: sacha.guerin@ac-amiens.fr") && m.contains("effac"))
        .expect("a departure notice");
    assert!(
        notice.contains("2026-10-31"),
        "the erasure date (D+60) is given"
    );
    // The administrator saw only a count: the person learns how to contest, and whom to ask
    // for their data (there is no export page yet).
    let plain = notice.replace("=\r\n", "").replace("=\n", "");
    assert!(
        plain.matches("dpd@ac-amiens.fr").count() >= 2,
        "the DPO's address, for a copy and to contest: {plain}"
    );
    assert!(
        plain.contains("contest") && !plain.contains("export"),
        "how to contest, and no promise of an export: {plain}"
    );
}

/// Mail goes through a real SMTP server: Python's aiosmtpd, delivering into a Maildir.
#[tokio::test]
async fn mail_is_delivered_through_a_real_smtp_server() {
    let has_sink = std::process::Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_sink {
        assert!(
            std::env::var("PREAU_REQUIRE_SMTP_SINK").is_err(),
            "aiosmtpd is required in CI (pip install aiosmtpd)"
        );
        say_on_stderr("note: SMTP test skipped: python3 -m pip install aiosmtpd to run it");
        return;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let maildir = tempfile::tempdir().unwrap();
    let mut sink = std::process::Command::new("python3")
        .args([
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            &format!("127.0.0.1:{port}"),
            "-c",
            "aiosmtpd.handlers.Mailbox",
        ])
        .arg(maildir.path().join("box"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // A bounded poll until Python has started the sink: there is nothing to call instead.
    let listening = async {
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    };
    if tokio::time::timeout(Duration::from_secs(10), listening)
        .await
        .is_err()
    {
        let _ = sink.kill();
        panic!("aiosmtpd did not listen on port {port} within 10 s");
    }
    let t = TestApp::spawn_with(|c| {
        c.mail.smtp_url = Some(Secret::new(format!("smtp://127.0.0.1:{port}")))
    })
    .await;
    let _admin = t.admin().await;
    t.browser()
        .post_text("/mot-de-passe-oublie", &[("email", ADMIN_EMAIL)])
        .await;
    let sent = t.app.deliver_due_mail().await;
    let delivered: Vec<String> = ["new", "cur"]
        .iter()
        .filter_map(|d| std::fs::read_dir(maildir.path().join("box").join(d)).ok())
        .flatten()
        .filter_map(|e| e.ok())
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    let _ = sink.kill();
    let _ = sink.wait();
    assert_eq!(sent.unwrap(), 1);
    assert_eq!(delivered.len(), 1, "one message in the Maildir");
    assert!(delivered[0].contains(ADMIN_EMAIL) && delivered[0].contains("/mot-de-passe-oublie/"));
    assert!(outbox_files(&t).is_empty(), "SMTP, not files");
}

#[tokio::test]
async fn an_unreachable_smtp_server_loses_nothing_and_retries_later() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let t = TestApp::spawn_with(|c| {
        c.mail.smtp_url = Some(Secret::new(format!("smtp://127.0.0.1:{port}")))
    })
    .await;
    let _admin = t.admin().await;
    t.browser()
        .post_text("/mot-de-passe-oublie", &[("email", ADMIN_EMAIL)])
        .await;
    let queued = outbox_row(&t).await;
    assert_eq!(queued.attempts, 0);
    assert_eq!(queued.next_attempt_at, t.app.now().unix(), "due at once");
    assert!(queued.last_error.is_none());

    assert_eq!(t.app.deliver_due_mail().await.unwrap(), 0);
    assert_eq!(
        t.app.pending_mail().await.unwrap(),
        1,
        "kept for a later attempt"
    );
    let first = outbox_row(&t).await;
    assert_eq!(first.attempts, 1, "the failed attempt is counted");
    assert!(
        first.next_attempt_at > t.app.now().unix(),
        "the next attempt is later: {first:?}"
    );
    assert!(first.last_error.is_some(), "the transport's error is kept");
    assert_eq!(
        t.app.deliver_due_mail().await.unwrap(),
        0,
        "not retried before its delay"
    );
    assert_eq!(outbox_row(&t).await.attempts, 1, "not even tried");

    // Once due, tried again, and put off for longer.
    t.advance(Duration::from_secs(
        u64::try_from(first.next_attempt_at - t.app.now().unix()).unwrap(),
    ));
    assert_eq!(t.app.deliver_due_mail().await.unwrap(), 0);
    let second = outbox_row(&t).await;
    assert_eq!(second.attempts, 2);
    assert!(
        second.next_attempt_at - first.next_attempt_at
            > first.next_attempt_at - queued.next_attempt_at,
        "the delay grows: {queued:?}, {first:?}, {second:?}"
    );
}

#[derive(Debug)]
struct OutboxRow {
    attempts: i64,
    next_attempt_at: i64,
    last_error: Option<String>,
}

/// The one outbox row, read from the table itself: the app reports only how many wait.
async fn outbox_row(t: &TestApp) -> OutboxRow {
    let table = preau_store::inventory::table("outbox").unwrap();
    let cells = preau_store::inventory::cells(t.app.db(), table)
        .await
        .unwrap();
    let column = |name: &str| -> Vec<&str> {
        cells
            .iter()
            .filter(|(c, _)| *c == name)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    assert_eq!(column("id").len(), 1, "one message queued: {cells:?}");
    OutboxRow {
        attempts: column("attempts")[0].parse().unwrap(),
        next_attempt_at: column("next_attempt_at")[0].parse().unwrap(),
        // SQLite's quote() gives NULL as the text `NULL`; PostgreSQL leaves it out.
        last_error: column("last_error")
            .first()
            .filter(|e| **e != "NULL")
            .map(|e| (*e).to_owned()),
    }
}

#[tokio::test]
async fn reset_links_also_reach_a_personal_address_given_with_consent() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let (status, page) = admin
        .post_text(
            "/compte/adresse-de-secours",
            &[
                ("recovery_email", "zoe@exemple.org"),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(status, 422, "no consent, no address");
    assert!(page.contains("Cochez la case") && page.contains(r#"value="zoe@exemple.org""#));
    let r = admin
        .post(
            "/compte/adresse-de-secours",
            &[
                ("recovery_email", "zoe@exemple.org"),
                ("consent", "oui"),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    // Confirmed from the personal mailbox.
    let link = t.newest_link("/adresse-de-secours/").await;
    assert_eq!(t.browser().post(&link, &[]).await.status(), 200);
    t.app.deliver_due_mail().await.unwrap();
    let before = outbox_files(&t).len();
    t.browser()
        .post_text("/mot-de-passe-oublie", &[("email", ADMIN_EMAIL)])
        .await;
    assert_eq!(t.app.deliver_due_mail().await.unwrap(), 2);
    let mails = outbox_files(&t);
    assert_eq!(mails.len(), before + 2);
    let resets: Vec<_> = mails
        .iter()
        .filter(|m| m.contains("/mot-de-passe-oublie/"))
        .collect();
    assert!(resets.iter().any(|m| m.contains("To: zoe@exemple.org")));
    assert!(
        resets
            .iter()
            .any(|m| m.contains(&format!("To: {ADMIN_EMAIL}")))
    );
    // Removed: only the professional address again.
    assert_eq!(
        admin
            .post("/compte/adresse-de-secours/supprimer", &[])
            .await
            .status(),
        303
    );
    t.app.deliver_due_mail().await.unwrap();
    t.browser()
        .post_text("/mot-de-passe-oublie", &[("email", ADMIN_EMAIL)])
        .await;
    assert_eq!(t.app.deliver_due_mail().await.unwrap(), 1);
}

#[tokio::test]
async fn reset_requests_are_limited_per_address_so_nobody_floods_a_mailbox() {
    let t = TestApp::spawn().await;
    let _admin = t.admin().await;
    let b = t.browser();
    for _ in 0..5 {
        assert_eq!(
            b.post("/mot-de-passe-oublie", &[("email", ADMIN_EMAIL)])
                .await
                .status(),
            200
        );
    }
    let r = b
        .post("/mot-de-passe-oublie", &[("email", ADMIN_EMAIL)])
        .await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    // Unknown addresses are limited the same way: the answer reveals nothing.
    for _ in 0..5 {
        b.post(
            "/mot-de-passe-oublie",
            &[("email", "personne@ac-amiens.fr")],
        )
        .await;
    }
    assert_eq!(
        b.post(
            "/mot-de-passe-oublie",
            &[("email", "personne@ac-amiens.fr")]
        )
        .await
        .status(),
        429
    );
    t.advance(Duration::from_secs(3600));
    assert_eq!(
        b.post("/mot-de-passe-oublie", &[("email", ADMIN_EMAIL)])
            .await
            .status(),
        200
    );
}
