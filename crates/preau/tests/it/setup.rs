//! First administrator: no default account, a single-use console link valid one hour.

use crate::helpers::*;
use std::time::Duration;

#[tokio::test]
async fn a_fresh_instance_has_no_account_and_no_default_password() {
    let t = TestApp::spawn().await;
    assert!(!t.app.has_administrator().await.unwrap());
    let b = t.browser();
    for (email, password) in [
        ("admin", "admin"),
        ("admin@localhost", "adminadminadmin"),
        ("root", "root"),
    ] {
        assert_eq!(b.login(email, password).await.status(), 401);
    }
}

#[tokio::test]
async fn the_setup_link_creates_the_administrator_once_and_logs_them_in() {
    let t = TestApp::spawn().await;
    let path = t.setup_path().await;
    let b = t.browser();
    let (status, body) = b.get_text(&path).await;
    assert_eq!(status, 200);
    assert!(body.contains("Créer le compte administrateur"));

    let form = [
        ("given_name", "Zoé"),
        ("family_name", "Martin"),
        ("email", "Zoe.Martin@AC-Amiens.fr"),
        ("password", PASSWORD),
        ("password_confirmation", PASSWORD),
    ];
    let r = b.post(&path, &form).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/");
    let (status, home) = b.get_text("/").await;
    assert_eq!(status, 200);
    assert!(home.contains("Bonjour Zoé"), "{home}");
    assert!(home.contains("Administration"));
    assert!(t.app.has_administrator().await.unwrap());

    // The address was normalised: login works with any case.
    let other = t.browser();
    assert_eq!(
        other
            .login("zoe.martin@ac-amiens.fr", PASSWORD)
            .await
            .status(),
        303
    );

    // Used: the page says so and how to get a new link; a second POST creates nothing.
    let (status, body) = t.browser().get_text(&path).await;
    assert_eq!(status, 410);
    assert!(
        body.contains("déjà servi") && body.contains("preau admin setup-link"),
        "{body}"
    );
    let mut second = form;
    second[2] = ("email", "intrus@example.org");
    let (status, _) = t.browser().post_text(&path, &second).await;
    assert_eq!(status, 410);
    assert_eq!(
        t.browser()
            .login("intrus@example.org", PASSWORD)
            .await
            .status(),
        401
    );
}

#[tokio::test]
async fn the_setup_link_expires_after_one_hour() {
    let t = TestApp::spawn().await;
    let path = t.setup_path().await;
    t.advance(Duration::from_secs(59 * 60));
    assert_eq!(t.browser().get(&path).await.status(), 200);
    t.advance(Duration::from_secs(60));
    let (status, body) = t.browser().get_text(&path).await;
    assert_eq!(status, 410);
    assert!(body.contains("expiré") && body.contains("preau admin setup-link"));
    let (status, _) = t
        .browser()
        .post_text(
            &path,
            &[
                ("given_name", "A"),
                ("family_name", "B"),
                ("email", "a.b@ac-amiens.fr"),
                ("password", PASSWORD),
                ("password_confirmation", PASSWORD),
            ],
        )
        .await;
    assert_eq!(status, 410);
    assert!(!t.app.has_administrator().await.unwrap());
}

#[tokio::test]
async fn a_new_link_replaces_the_previous_one_and_unknown_links_are_refused() {
    let t = TestApp::spawn().await;
    let first = t.setup_path().await;
    let second = t.setup_path().await;
    let (status, body) = t.browser().get_text(&first).await;
    assert_eq!(status, 410);
    assert!(body.contains("plus récent"));
    assert_eq!(t.browser().get(&second).await.status(), 200);
    let (status, body) = t.browser().get_text("/installation/not-a-real-token").await;
    assert_eq!(status, 404);
    assert!(body.contains("pas reconnu"));
}

#[tokio::test]
async fn a_wrong_setup_form_keeps_what_was_typed_and_says_what_is_wrong() {
    let t = TestApp::spawn().await;
    let path = t.setup_path().await;
    let (status, body) = t
        .browser()
        .post_text(
            &path,
            &[
                ("given_name", "Zoé"),
                ("family_name", ""),
                ("email", "zoe.martin@"),
                ("password", "court"),
                ("password_confirmation", "autre"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert!(body.contains("error-summary"));
    assert!(body.contains(r#"value="Zoé""#), "typed given name kept");
    assert!(body.contains(r#"value="zoe.martin@""#), "typed email kept");
    for message in [
        "Indiquez votre nom.",
        "adresse électronique valide",
        "au moins 12 caractères",
        "ne sont pas identiques",
    ] {
        assert!(body.contains(message), "missing {message:?}");
    }
    assert!(body.contains(r#"aria-invalid="true""#) && body.contains(r##"href="#email""##));
    assert!(!body.contains("court"), "a password is never echoed back");
    assert!(
        !t.app.has_administrator().await.unwrap(),
        "nothing half-written"
    );
    // The link still works after a failed attempt.
    assert_eq!(t.browser().get(&path).await.status(), 200);
}

#[tokio::test]
async fn another_administrator_needs_a_deliberate_link_confirms_by_mail_and_the_others_are_told() {
    let t = TestApp::spawn().await;
    let _first = t.admin().await;
    let (ok, out, err) = preau_cli(&t, &["admin", "setup-link"]);
    assert!(!ok, "refused once an administrator exists: {out}");
    assert!(err.contains("--additional"), "{err}");
    assert!(!out.contains("/installation/"), "no link printed: {out}");

    let (ok, out, err) = preau_cli(&t, &["admin", "setup-link", "--additional"]);
    assert!(ok, "{err}");
    let start = out.find("/installation/").expect("a link");
    let path: String = out[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    const SECOND: &str = "paul.renard@ac-amiens.fr";
    let b = t.browser();
    let (status, page) = b
        .post_text(
            &path,
            &[
                ("given_name", "Paul"),
                ("family_name", "Renard"),
                ("email", SECOND),
                ("password", PASSWORD),
                ("password_confirmation", PASSWORD),
            ],
        )
        .await;
    assert_eq!(status, 200);
    assert!(
        page.contains(SECOND) && page.contains("Confirmez depuis votre messagerie"),
        "{page}"
    );
    assert_eq!(
        b.get("/admin").await.status(),
        403,
        "no permission before the mailbox confirms"
    );

    let link = t.newest_link("/administration/").await;
    assert_eq!(b.get(&link).await.status(), 200);
    assert_eq!(b.post(&link, &[]).await.status(), 200);
    assert_eq!(b.post(&link, &[]).await.status(), 404, "single use");
    assert_eq!(
        b.get("/admin").await.status(),
        200,
        "the permission took effect"
    );
    t.app.deliver_due_mail().await.unwrap();
    let told: Vec<_> = outbox_files(&t)
        .into_iter()
        .filter(|m| m.contains(&format!("To: {ADMIN_EMAIL}")) && m.contains("Renard"))
        .collect();
    assert_eq!(told.len(), 1, "the existing administrator is told");
}
