//! French by default, English on request; every message exists in both languages.

use crate::helpers::*;
use std::collections::BTreeSet;

fn message_ids(lang: &str) -> BTreeSet<String> {
    let dir = format!("{}/../../locales/{lang}", env!("CARGO_MANIFEST_DIR"));
    let mut ids = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            if let Some((id, _)) = line.split_once(" =")
                && !id.is_empty()
                && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            {
                ids.insert(id.to_owned());
            }
        }
    }
    ids
}

#[test]
fn french_and_english_have_the_same_messages() {
    let fr = message_ids("fr");
    let en = message_ids("en");
    assert!(fr.len() > 100);
    assert_eq!(
        fr.difference(&en).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "missing in English"
    );
    assert_eq!(
        en.difference(&fr).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "missing in French"
    );
}

#[test]
fn every_error_code_has_a_message() {
    use preau_domain::password::PasswordProblem::*;
    let fr = message_ids("fr");
    let mut codes: Vec<&str> = [TooShort, TooLong, Common, Personal, Repetitive, TooWeak]
        .iter()
        .map(|p| p.code())
        .collect();
    use preau_app::setup::SetupLinkState::*;
    codes.extend([Valid, Expired, Used, Replaced, Unknown].map(|s| s.code()));
    codes.extend([
        "invalid-input",
        "rights-text-too-long",
        "rights-text-invalid",
        "rights-text-missing",
        "rights-name-missing",
        "rights-name-invalid",
        "rights-kind-invalid",
        "rights-received-invalid",
        "rights-received-future",
        "rights-request-not-open",
        "rights-extension-too-late",
        "rights-extension-reason-missing",
        "rights-extension-months-invalid",
        "rights-ground-missing",
        "rights-ground-invalid",
        "rights-fields-invalid",
        "rights-outcome-invalid",
        "rights-answer-missing",
        "rights-fields-missing",
        "bad-credentials",
        "too-many-attempts",
        "unauthenticated",
        "forbidden",
        "not-found",
        "limit-reached",
        "internal-error",
        "unavailable",
        "email-missing",
        "group-name-missing",
        "group-name-invalid",
        "group-description-invalid",
        "group-message-invalid",
        "group-kind-invalid",
        "group-last-owner",
        "group-role-invalid",
        "group-invitee-unknown",
        "group-answer-invalid",
        "notification-delivery-invalid",
        "notification-time-invalid",
        "closing-groups-invalid",
        "closing-documents-invalid",
        "restriction-invalid",
        "document-name-empty",
        "document-name-too-long",
        "document-name-forbidden-character",
        "document-name-dots",
        "document-name-edge-space",
        "document-name-taken",
        "document-too-large",
        "document-quota-full",
        "document-upload-interrupted",
        "document-no-file",
        "document-folder-in-trash",
        "document-share-person-unknown",
        "document-share-needless",
        "document-share-group-unknown",
        "document-share-own-group",
        "document-share-access-invalid",
        "document-share-target",
        "document-name-taken-there",
        "document-move-not-a-folder",
        "document-move-into-itself",
        "document-copy-too-large",
        "document-archive-too-large",
        "document-type-not-allowed",
        "document-type-mismatch",
        "document-executable",
        "document-infected",
        "document-scan-unavailable",
        "range-not-satisfiable",
        "letters-confirm-needed",
        "link-invalid",
        "account-suspended",
        "recovery-email-professional",
        "email-invalid",
        "email-invisible-characters",
        "email-lookalike-characters",
        "email-mixed-scripts",
        "email-taken",
        "given-name-missing",
        "family-name-missing",
        "name-too-long",
        "name-invalid",
        "password-missing",
        "password-mismatch",
        "current-password-wrong",
        "token-name-missing",
        "token-name-invalid",
        "invalid-token",
        "invalid-json",
        "expected-json",
        "malformed-form",
        "malformed-query",
        "page-not-found",
        "method-not-allowed",
        "unknown-language",
        "invalid-query",
        "invalid-request",
        "request-timeout",
        "body-too-large",
        "search-too-short",
        "search-too-long",
    ]);
    for code in codes {
        assert!(fr.contains(code), "no message for {code}");
    }
}

#[tokio::test]
async fn french_by_default_english_by_accept_language_or_by_choice() {
    let t = TestApp::spawn().await;
    let french = |page: &str| {
        page.contains(r#"<html lang="fr">"#)
            && page.contains("Connexion")
            && page.contains("Adresse électronique")
    };
    let english = |page: &str| {
        page.contains(r#"<html lang="en">"#)
            && page.contains("Email address")
            && page.contains("Log in")
    };
    let (_, none) = t.browser().get_text("/connexion").await;
    assert!(french(&none), "no header, no cookie: French\n{none}");
    for (header, is_english) in [
        ("en", true),
        ("en-GB,en;q=0.9", true),
        ("fr", false),
        ("fr-FR,en;q=0.5", false),
    ] {
        let page = get_in(&t.browser(), "/connexion", header).await;
        let (en, fr) = (english(&page), french(&page));
        assert!(
            if is_english { en && !fr } else { fr && !en },
            "Accept-Language: {header}\n{page}"
        );
    }

    // The switch in the footer sets a cookie and returns to the same page.
    let b = t.browser();
    let r = b
        .post(
            "/langue",
            &[("lang", "en"), ("next", "/donnees-personnelles")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/donnees-personnelles");
    let (_, page) = b.get_text("/donnees-personnelles").await;
    assert!(page.contains(r#"<html lang="en">"#) && page.contains("Personal data"));
    // A choice beats the header, either way.
    assert!(
        english(&get_in(&b, "/connexion", "fr").await),
        "English chosen"
    );
    assert_eq!(
        b.post("/langue", &[("lang", "fr"), ("next", "/")])
            .await
            .status(),
        303
    );
    assert!(
        french(&get_in(&b, "/connexion", "en").await),
        "French chosen"
    );
    // Never a redirect to another site.
    let r = b
        .post("/langue", &[("lang", "fr"), ("next", "//evil.example/")])
        .await;
    assert_eq!(r.headers()["location"], "/");
    assert_eq!(
        b.post("/langue", &[("lang", "de"), ("next", "/")])
            .await
            .status(),
        400
    );
}

#[tokio::test]
async fn a_logged_in_person_keeps_their_language_on_every_device() {
    let t = TestApp::spawn().await;
    let b = t.admin().await;
    assert_eq!(
        b.post("/langue", &[("lang", "en"), ("next", "/")])
            .await
            .status(),
        303
    );
    let other = t.browser();
    assert_eq!(other.login(ADMIN_EMAIL, PASSWORD).await.status(), 303);
    let (_, home) = other.get_text("/").await;
    assert!(home.contains("Hello Zoé"), "{home}");
    // The saved choice beats the new device's header too.
    let home = get_in(&other, "/", "fr").await;
    assert!(home.contains("Hello Zoé"), "{home}");
    let (status, body) = other
        .post_text(
            "/compte/mot-de-passe",
            &[
                ("current_password", PASSWORD),
                ("password", "short"),
                ("password_confirmation", "short"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert!(body.contains("at least 12 characters"));
}

/// A page fetched by `b` (with its cookies) with an `Accept-Language` header.
async fn get_in(b: &Browser, path: &str, accept_language: &str) -> String {
    b.client
        .get(format!("{}{path}", b.base))
        .header("accept-language", accept_language)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}
