//! Login, logout, session rotation, timeouts, throttling and password changes.

use crate::helpers::*;
use std::time::Duration;

#[tokio::test]
async fn logout_ends_the_session_on_the_server() {
    let t = TestApp::spawn().await;
    let _admin = t.admin().await;
    let b = t.browser();
    let r = b.login(ADMIN_EMAIL, PASSWORD).await;
    assert_eq!(r.status(), 303);
    let token = session_token(&r).unwrap();
    assert_eq!(get_with_session(&t.url, &token).await.status(), 200);

    let r = b.post("/deconnexion", &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/connexion?ok=logged-out");
    assert!(
        set_cookie(&r, "preau_session")
            .unwrap()
            .contains("Max-Age=0")
    );
    // Replaying the old cookie does not work: the session is gone server-side.
    let replay = get_with_session(&t.url, &token).await;
    assert_eq!(replay.status(), 303);
    assert_eq!(replay.headers()["location"], "/connexion");
    let (_, page) = b.get_text("/connexion?ok=logged-out").await;
    assert!(page.contains("Vous êtes déconnecté"));
}

#[tokio::test]
async fn login_rotates_the_session_and_sets_safe_cookie_attributes() {
    let t = TestApp::spawn().await;
    let _admin = t.admin().await;
    let b = t.browser();
    let first = b.login(ADMIN_EMAIL, PASSWORD).await;
    let cookie = set_cookie(&first, "preau_session").unwrap();
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    assert!(!cookie.contains("Secure"), "plain http in development");
    let first_token = session_token(&first).unwrap();
    assert!(first_token.len() >= 43);
    // Logging in again from the same browser replaces the session.
    let second = b.login(ADMIN_EMAIL, PASSWORD).await;
    let second_token = session_token(&second).unwrap();
    assert_ne!(first_token, second_token);
    assert_eq!(get_with_session(&t.url, &first_token).await.status(), 303);
    assert_eq!(get_with_session(&t.url, &second_token).await.status(), 200);
}

#[tokio::test]
async fn sessions_end_after_30_idle_minutes_and_after_12_hours() {
    let t = TestApp::spawn().await;
    let b = t.admin().await;
    t.advance(Duration::from_secs(29 * 60));
    assert!(b.is_logged_in().await, "29 idle minutes keep the session");
    t.advance(Duration::from_secs(30 * 60 + 1));
    assert!(!b.is_logged_in().await, "30 idle minutes end it");

    let b = t.browser();
    assert_eq!(b.login(ADMIN_EMAIL, PASSWORD).await.status(), 303);
    for _ in 0..(11 * 3 + 2) {
        t.advance(Duration::from_secs(20 * 60));
        assert!(b.is_logged_in().await);
    }
    // 11 h 40 so far; active, but the absolute limit is 12 h.
    t.advance(Duration::from_secs(20 * 60));
    assert!(!b.is_logged_in().await, "12 hours end any session");
}

#[tokio::test]
async fn unknown_accounts_and_wrong_passwords_get_the_same_answer() {
    let t = TestApp::spawn().await;
    let _admin = t.admin().await;
    let wrong = t
        .browser()
        .login(ADMIN_EMAIL, "not the right password")
        .await;
    let unknown = t
        .browser()
        .login("personne@ac-amiens.fr", "not the right password")
        .await;
    assert_eq!(wrong.status(), 401);
    assert_eq!(unknown.status(), 401);
    let wrong = wrong.text().await.unwrap().replace(ADMIN_EMAIL, "EMAIL");
    let unknown = unknown
        .text()
        .await
        .unwrap()
        .replace("personne@ac-amiens.fr", "EMAIL");
    assert_eq!(wrong, unknown);
    assert!(wrong.contains("Adresse électronique ou mot de passe non reconnus"));
    assert!(
        wrong.contains(r#"value="EMAIL""#),
        "the typed address is kept"
    );
}

#[tokio::test]
async fn failures_slow_down_then_lock_for_15_minutes_whether_the_account_exists_or_not() {
    let t = TestApp::spawn().await;
    let _admin = t.admin().await;
    for email in [ADMIN_EMAIL, "personne@ac-amiens.fr"] {
        let b = t.browser();
        for _ in 0..5 {
            assert_eq!(b.login(email, "wrong password!!").await.status(), 401);
        }
        // Sixth attempt at once: delayed, even with the right password.
        let r = b.login(email, PASSWORD).await;
        assert_eq!(r.status(), 429);
        assert_eq!(r.headers()["retry-after"], "1");
        assert!(r.text().await.unwrap().contains("Réessayez dans 1 seconde"));
        // Waiting out each growing delay, failures 6 to 10.
        for n in 6..=10 {
            t.advance(Duration::from_secs(1 << (n - 6)));
            assert_eq!(
                b.login(email, "wrong password!!").await.status(),
                401,
                "failure {n}"
            );
        }
        t.advance(Duration::from_secs(60));
        let r = b.login(email, PASSWORD).await;
        assert_eq!(r.status(), 429, "locked after 10 failures");
        let retry: i64 = r.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((14 * 60..=15 * 60).contains(&retry), "{retry}");
        t.advance(Duration::from_secs(15 * 60));
    }
    // After the lock, the right password works and clears the counter.
    assert_eq!(t.browser().login(ADMIN_EMAIL, PASSWORD).await.status(), 303);
    assert_eq!(
        t.browser()
            .login(ADMIN_EMAIL, "wrong password!!")
            .await
            .status(),
        401
    );
}

#[tokio::test]
async fn changing_the_password_checks_the_current_one_and_ends_other_sessions() {
    let t = TestApp::spawn().await;
    let b = t.admin().await;
    let other = t.browser();
    assert_eq!(other.login(ADMIN_EMAIL, PASSWORD).await.status(), 303);
    const NEW: &str = "un vélo rouge sous la pluie d'automne";

    let (status, body) = b
        .post_text(
            "/compte/mot-de-passe",
            &[
                ("current_password", "pas le bon mot"),
                ("password", NEW),
                ("password_confirmation", NEW),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert!(body.contains("Le mot de passe actuel n’est pas le bon"));

    let (status, body) = b
        .post_text(
            "/compte/mot-de-passe",
            &[
                ("current_password", PASSWORD),
                ("password", "azerty123456"),
                ("password_confirmation", "azerty123456"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert!(
        body.contains("trop facile à deviner") || body.contains("plus courants"),
        "{body}"
    );

    let r = b
        .post(
            "/compte/mot-de-passe",
            &[
                ("current_password", PASSWORD),
                ("password", NEW),
                ("password_confirmation", NEW),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/compte?ok=password-changed");
    let (_, page) = b.get_text("/compte?ok=password-changed").await;
    assert!(page.contains("Votre mot de passe a été changé"));
    assert!(b.is_logged_in().await, "this session stays");
    assert!(!other.is_logged_in().await, "the other session ended");
    assert_eq!(t.browser().login(ADMIN_EMAIL, PASSWORD).await.status(), 401);
    assert_eq!(t.browser().login(ADMIN_EMAIL, NEW).await.status(), 303);
}

#[tokio::test]
async fn logout_everywhere_ends_every_session_of_the_account() {
    let t = TestApp::spawn().await;
    let a = t.admin().await;
    let b = t.browser();
    assert_eq!(b.login(ADMIN_EMAIL, PASSWORD).await.status(), 303);
    let (_, account) = a.get_text("/compte").await;
    assert!(
        account.contains("<strong>2</strong>"),
        "two sessions listed"
    );
    let r = a.post("/compte/deconnexion-partout", &[]).await;
    assert_eq!(r.status(), 303);
    assert!(!a.is_logged_in().await);
    assert!(!b.is_logged_in().await);
}

#[tokio::test]
async fn the_password_policy_explains_each_refusal() {
    let t = TestApp::spawn().await;
    let b = t.admin().await;
    let cases = [
        ("onze caract", "au moins 12 caractères"),
        (&*"x".repeat(129), "ne peut pas dépasser 128"),
        ("aaaaaaaaaaaa", "répétitions ou de suites"),
        ("motdepasse12", "trop prévisible"),
        ("ZoeMartin2025!", "votre nom, votre adresse"),
    ];
    for (candidate, message) in cases {
        let (status, body) = b
            .post_text(
                "/compte/mot-de-passe",
                &[
                    ("current_password", PASSWORD),
                    ("password", candidate),
                    ("password_confirmation", candidate),
                ],
            )
            .await;
        assert_eq!(status, 422, "{candidate}");
        assert!(body.contains(message), "{candidate}: expected {message:?}");
    }
    // Long passphrases with spaces and emoji are welcome.
    let phrase = "🍎 une pomme verte sous la pluie 🌧";
    let r = b
        .post(
            "/compte/mot-de-passe",
            &[
                ("current_password", PASSWORD),
                ("password", phrase),
                ("password_confirmation", phrase),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
}

#[tokio::test]
async fn hashes_are_argon2id_and_are_upgraded_at_login_when_parameters_change() {
    let t = TestApp::spawn().await;
    let _admin = t.admin().await;
    let row = preau_store::users::by_email(t.app.db(), ADMIN_EMAIL)
        .await
        .unwrap()
        .unwrap();
    assert!(
        row.password_hash
            .starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{}",
        row.password_hash
    );

    let t = t.restart_with(|c| c.password_hashing.iterations = 3).await;
    assert_eq!(t.browser().login(ADMIN_EMAIL, PASSWORD).await.status(), 303);
    let row = preau_store::users::by_email(t.app.db(), ADMIN_EMAIL)
        .await
        .unwrap()
        .unwrap();
    assert!(
        row.password_hash
            .starts_with("$argon2id$v=19$m=19456,t=3,p=1$"),
        "{}",
        row.password_hash
    );
    assert_eq!(t.browser().login(ADMIN_EMAIL, PASSWORD).await.status(), 303);
}
