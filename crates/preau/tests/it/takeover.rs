//! Guarantee 1 against the person holding the letters, and the person's way to stop an
//! intruder (issue 9 §1): activation is confirmed from the professional mailbox; every
//! activation, password change, recovery-address change and new token is announced there
//! with a « ce n'était pas moi » link that suspends the account.

use crate::helpers::*;
use preau_store::users;
use std::time::Duration;

const LEA: &str = "lea.garnier@ac-amiens.fr";

/// An administrator who imported Léa and holds her printed letter.
async fn admin_with_letter(t: &TestApp) -> (Browser, String) {
    let admin = t.admin().await;
    let csv = roster_csv(&[("Garnier", "Léa", LEA, "0801234A", "École A", "")]);
    let (_, batch) = admin.import_roster(csv.as_bytes()).await;
    let code = admin.letters(&batch).await[0].1.clone();
    (admin, code)
}

/// Fills the activation form with `code` as whoever holds the letter would.
async fn activate_with_letter(t: &TestApp, code: &str, password: &str) -> (u16, String) {
    let b = t.browser();
    let r = b.post("/invitation", &[("code", code)]).await;
    assert_eq!(r.status(), 303);
    let page = r.headers()["location"].to_str().unwrap().to_owned();
    b.post_text(
        &format!("{page}/activer"),
        &[
            ("notice_version", preau_web::NOTICE_VERSION),
            ("accept", "oui"),
            ("password", password),
            ("password_confirmation", password),
            ("scope", "district"),
        ],
    )
    .await
}

fn mails_to<'a>(mails: &'a [String], to: &str, containing: &str) -> Vec<&'a String> {
    mails
        .iter()
        .filter(|m| m.contains(&format!("To: {to}")) && m.contains(containing))
        .collect()
}

#[tokio::test]
async fn whoever_holds_the_letter_cannot_open_the_account() {
    let t = TestApp::spawn().await;
    let (_admin, code) = admin_with_letter(&t).await;
    const CHOSEN: &str = "le mot de passe du détenteur";
    let (status, page) = activate_with_letter(&t, &code, CHOSEN).await;
    assert_eq!(status, 200);
    assert!(
        page.contains(&format!("Un courriel vient de partir vers {LEA}")),
        "{page}"
    );
    // No account: the holder cannot log in with the password they chose.
    assert!(users::by_email(t.app.db(), LEA).await.unwrap().is_none());
    assert_eq!(t.browser().login(LEA, CHOSEN).await.status(), 401);
    // The link went to Léa's professional mailbox, and only there.
    t.app.deliver_due_mail().await.unwrap();
    let mails = outbox_files(&t);
    let confirmations: Vec<_> = mails
        .iter()
        .filter(|m| m.contains("/activation/"))
        .collect();
    assert_eq!(confirmations.len(), 1);
    assert!(confirmations[0].contains(&format!("To: {LEA}")));

    // Léa says it was not her: nothing opens, the letter's code stops working, the
    // administrators are told.
    let link = t.newest_link("/activation/").await;
    let lea = t.browser();
    let (status, page) = lea.get_text(&link).await;
    assert_eq!(status, 200);
    assert!(page.contains("Ce n’était pas moi"), "{page}");
    let (status, page) = lea.post_text(&format!("{link}/refus"), &[]).await;
    assert_eq!(status, 200);
    assert!(page.contains("Rien n’a été ouvert"), "{page}");
    assert_eq!(
        lea.post(&link, &[]).await.status(),
        404,
        "the link is spent"
    );
    assert!(users::by_email(t.app.db(), LEA).await.unwrap().is_none());
    let r = t
        .browser()
        .post("/invitation", &[("code", code.as_str())])
        .await;
    let invitation = r.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(
        t.browser().get(&invitation).await.status(),
        404,
        "the code no longer works"
    );
    t.app.deliver_due_mail().await.unwrap();
    let mails = outbox_files(&t);
    assert_eq!(
        mails_to(&mails, ADMIN_EMAIL, "Garnier").len(),
        1,
        "the administrators are told whose code was misused"
    );
}

#[tokio::test]
async fn an_unconfirmed_activation_opens_nothing_and_expires() {
    let t = TestApp::spawn().await;
    let (_admin, code) = admin_with_letter(&t).await;
    let (status, _) = activate_with_letter(&t, &code, PASSWORD).await;
    assert_eq!(status, 200);
    let link = t.newest_link("/activation/").await;
    t.advance(Duration::from_secs(49 * 3600));
    assert_eq!(t.browser().post(&link, &[]).await.status(), 404);
    assert!(users::by_email(t.app.db(), LEA).await.unwrap().is_none());
    let purged = t.app.purge_expired().await.unwrap();
    assert_eq!(purged.get("pending_activations"), 1);
    // The letter still works for its person, within the invitation's life.
    let (status, _) = activate_with_letter(&t, &code, PASSWORD).await;
    assert_eq!(status, 200);
    let link = t.newest_link("/activation/").await;
    assert_eq!(t.browser().post(&link, &[]).await.status(), 303);
    assert!(users::by_email(t.app.db(), LEA).await.unwrap().is_some());
}

#[tokio::test]
async fn every_security_event_is_announced_with_a_way_to_say_it_was_not_me() {
    let t = TestApp::spawn().await;
    let (_admin, code) = admin_with_letter(&t).await;
    let lea = t.activate(&code, "district").await;
    lea.api_token("script").await;
    const NEW: &str = "un vélo rouge sous la pluie d'automne";
    let r = lea
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
    let r = lea
        .post(
            "/compte/adresse-de-secours",
            &[
                ("recovery_email", "lea@exemple.org"),
                ("consent", "oui"),
                ("current_password", NEW),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let link = t.newest_link("/adresse-de-secours/").await;
    assert_eq!(t.browser().post(&link, &[]).await.status(), 200);
    t.app.deliver_due_mail().await.unwrap();
    let mails = outbox_files(&t);
    let notices = mails_to(&mails, LEA, "/ce-netait-pas-moi/");
    for what in ["ouvert", "jeton", "mot de passe", "adresse de secours"] {
        assert!(
            notices.iter().any(|m| m.contains(what)),
            "a notice with « ce n'était pas moi » for: {what}"
        );
    }
    assert_eq!(notices.len(), 4);
    assert!(
        mails_to(&mails, "lea@exemple.org", "/ce-netait-pas-moi/").is_empty(),
        "notices go to the professional address only"
    );
}

#[tokio::test]
async fn it_was_not_me_suspends_the_account_until_a_reset_from_the_mailbox() {
    let t = TestApp::spawn().await;
    let (_admin, code) = admin_with_letter(&t).await;
    // Someone else holds Léa's session and a token.
    let intruder = t.activate(&code, "district").await;
    let token = intruder.api_token("porte dérobée").await;
    assert!(intruder.is_logged_in().await);
    let link = t.newest_link("/ce-netait-pas-moi/").await;
    let lea = t.browser();
    let (status, page) = lea.get_text(&link).await;
    assert_eq!(status, 200, "{page}");
    let (status, page) = lea.post_text(&link, &[]).await;
    assert_eq!(status, 200);
    assert!(page.contains("Compte suspendu"), "{page}");
    assert_eq!(lea.post(&link, &[]).await.status(), 404, "single use");

    // Sessions, tokens and the password are all closed.
    assert!(!intruder.is_logged_in().await);
    let me = http()
        .get(format!("{}/api/v1/me", t.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 401);
    let (status, page) = t
        .browser()
        .post_text("/connexion", &[("email", LEA), ("password", PASSWORD)])
        .await;
    assert_eq!(status, 403);
    assert!(page.contains("suspendu"), "{page}");
    // Hidden from everyone meanwhile.
    let admin = t.browser();
    admin.login(ADMIN_EMAIL, PASSWORD).await;
    let (_, found) = admin.get_text("/annuaire?q=garnier").await;
    assert!(!found.contains("Garnier"));
    t.app.deliver_due_mail().await.unwrap();
    let mails = outbox_files(&t);
    assert_eq!(
        mails_to(&mails, ADMIN_EMAIL, "Garnier").len(),
        1,
        "administrators told"
    );

    // The way back: a reset link to the professional address.
    lea.post("/mot-de-passe-oublie", &[("email", LEA)]).await;
    let reset = t.newest_link("/mot-de-passe-oublie/").await;
    const NEW: &str = "trois petits chats dans la cour";
    let r = lea
        .post(&reset, &[("password", NEW), ("password_confirmation", NEW)])
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(t.browser().login(LEA, NEW).await.status(), 303);
}

#[tokio::test]
async fn a_stolen_session_cannot_set_a_recovery_address() {
    let t = TestApp::spawn().await;
    let (_admin, code) = admin_with_letter(&t).await;
    let session = t.activate(&code, "district").await;
    let before = outbox_files(&t).len();
    for (password, address, field) in [
        ("", "pirate@exemple.org", "Indiquez votre mot de passe"),
        (
            "pas le mot de passe",
            "pirate@exemple.org",
            "mot de passe actuel",
        ),
        (PASSWORD, ADMIN_EMAIL, "adresse professionnelle d’un compte"),
        (PASSWORD, LEA, "adresse professionnelle d’un compte"),
    ] {
        let (status, page) = session
            .post_text(
                "/compte/adresse-de-secours",
                &[
                    ("recovery_email", address),
                    ("consent", "oui"),
                    ("current_password", password),
                ],
            )
            .await;
        assert_eq!(status, 422, "{password:?} {address}");
        assert!(page.contains(field), "{field}: {page}");
    }
    // With the password, the address is still not saved until its mailbox confirms.
    let r = session
        .post(
            "/compte/adresse-de-secours",
            &[
                ("recovery_email", "pirate@exemple.org"),
                ("consent", "oui"),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let account = users::by_email(t.app.db(), LEA).await.unwrap().unwrap();
    assert_eq!(
        users::recovery_email(t.app.db(), account.user_id())
            .await
            .unwrap(),
        None
    );
    t.app.deliver_due_mail().await.unwrap();
    let mails = outbox_files(&t);
    assert!(mails.len() > before);
    assert_eq!(
        mails_to(&mails, "pirate@exemple.org", "/adresse-de-secours/").len(),
        1
    );
}

/// How many invitation emails to `to` were delivered.
fn invitations_to(t: &TestApp, to: &str) -> usize {
    outbox_files(t)
        .iter()
        .filter(|m| m.contains(&format!("To: {to}")) && m.contains("/invitation/"))
        .count()
}

#[tokio::test]
async fn three_concurrent_sends_by_email_send_one_message() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let csv = roster_csv(&[("Garnier", "Léa", LEA, "0801234A", "École A", "")]);
    let (_, batch) = admin.import_roster(csv.as_bytes()).await;
    let path = format!("/admin/courriels/{batch}");
    let clicks: Vec<_> = (0..3)
        .map(|_| {
            let client = admin.client.clone();
            let url = format!("{}{path}", t.url);
            tokio::spawn(async move { client.post(url).form(&[("_", "")]).send().await })
        })
        .collect();
    for c in clicks {
        assert_eq!(c.await.unwrap().unwrap().status(), 200);
    }
    t.app.deliver_due_mail().await.unwrap();
    assert_eq!(
        invitations_to(&t, LEA),
        1,
        "a double submission sends one message"
    );
    // Later, a resend is a real one.
    t.advance(Duration::from_secs(11 * 60));
    admin.post(&path, &[]).await;
    t.app.deliver_due_mail().await.unwrap();
    assert_eq!(invitations_to(&t, LEA), 2);
}

#[tokio::test]
async fn letters_and_emails_are_limited_to_three_a_month_per_person() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let csv = roster_csv(&[("Garnier", "Léa", LEA, "0801234A", "École A", "")]);
    let (_, batch) = admin.import_roster(csv.as_bytes()).await;
    // First letters, an email, a reprint: three invitations.
    assert_eq!(admin.letters(&batch).await.len(), 1);
    t.advance(Duration::from_secs(11 * 60));
    admin.post(&format!("/admin/courriels/{batch}"), &[]).await;
    assert_eq!(admin.letters(&batch).await.len(), 1);
    // A fourth: refused for this month, and said so.
    let (status, page) = admin
        .post_text(&format!("/admin/lettres/{batch}?confirmer=oui"), &[])
        .await;
    assert_eq!(status, 200);
    assert!(!page.contains("code class=\"secret\""), "no new code");
    assert!(page.contains("déjà reçu 3 ce mois-ci"), "{page}");
    t.advance(Duration::from_secs(11 * 60));
    let (_, notice) = admin
        .post_text(&format!("/admin/courriels/{batch}"), &[])
        .await;
    assert!(notice.contains("déjà reçu 3 ce mois-ci"), "{notice}");
    // A month later (and a new session), one more is possible.
    t.advance(Duration::from_secs(31 * 86_400));
    let admin = t.browser();
    assert_eq!(admin.login(ADMIN_EMAIL, PASSWORD).await.status(), 303);
    assert_eq!(admin.letters(&batch).await.len(), 1);
}

#[tokio::test]
async fn reprinting_or_printing_another_administrators_batch_asks_first() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let csv = roster_csv(&[("Garnier", "Léa", LEA, "0801234A", "École A", "")]);
    let (_, batch) = admin.import_roster(csv.as_bytes()).await;
    // The importer prints once without a question.
    let (status, page) = admin
        .post_text(&format!("/admin/lettres/{batch}"), &[])
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("code class=\"secret\""));
    // Printing again asks first, and says the handed-out codes will stop working.
    let (status, page) = admin
        .post_text(&format!("/admin/lettres/{batch}"), &[])
        .await;
    assert_eq!(status, 409);
    assert!(page.contains("cesseront de fonctionner"), "{page}");
    assert!(!page.contains("code class=\"secret\""));
    assert!(page.contains(&format!("/admin/lettres/{batch}?confirmer=oui")));
    // With the confirmation, new codes.
    let (status, page) = admin
        .post_text(&format!("/admin/lettres/{batch}?confirmer=oui"), &[])
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("code class=\"secret\""));
}
