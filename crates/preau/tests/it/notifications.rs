//! The notification centre (issue 10): the bell on every page, the list, emails that respect
//! each person's choice (at once, daily digest, never), their quiet hours, one-click
//! unsubscribe links that need no login, news nobody else can read or mark, group deletion
//! told to the members, and the six-month retention.

use crate::helpers::*;
use std::time::Duration;

const ALICE: &str = "alice.roux@ac-amiens.fr";
const BRUNO: &str = "bruno.leroy@ac-amiens.fr";
const CAMILLE: &str = "camille.fabre@ac-amiens.fr";

const HOUR: Duration = Duration::from_secs(3600);

/// Alice (school A), Bruno and Camille (school B), all activated; returns the browsers of
/// the administrator, Alice, Bruno and Camille.
async fn staff(t: &TestApp) -> (Browser, Browser, Browser, Browser) {
    let admin = t.admin().await;
    let csv = roster_csv(&[
        ("Roux", "Alice", ALICE, "0801234A", "École A", ""),
        ("Leroy", "Bruno", BRUNO, "0805678B", "École B", ""),
        ("Fabre", "Camille", CAMILLE, "0805678B", "École B", ""),
    ]);
    let (_, batch) = admin.import_roster(csv.as_bytes()).await;
    let mut browsers = std::collections::BTreeMap::new();
    for (name, code) in admin.letters(&batch).await {
        let given = name.split_whitespace().next().unwrap().to_owned();
        browsers.insert(given, t.activate(&code, "my_places").await);
    }
    let mut take = |given: &str| browsers.remove(given).expect(given);
    let (alice, bruno, camille) = (take("Alice"), take("Bruno"), take("Camille"));
    (admin, alice, bruno, camille)
}

/// A browser logged in now (sessions end after 30 idle minutes, and tests move the clock).
async fn login(t: &TestApp, email: &str) -> Browser {
    let b = t.browser();
    assert_eq!(b.login(email, PASSWORD).await.status(), 303, "{email}");
    b
}

/// A mail as text: quoted-printable soft breaks and escapes undone.
fn decoded(mail: &str) -> String {
    let joined = mail.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'=', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The notification emails sent so far to `email`, decoded.
async fn notification_mails(t: &TestApp, email: &str) -> Vec<String> {
    t.app.deliver_due_mail().await.unwrap();
    outbox_files(t)
        .iter()
        .map(|m| decoded(m))
        .filter(|m| {
            m.contains(&format!("To: {email}")) && m.contains("/notifications/desabonnement/")
        })
        .collect()
}

/// The number in the bell of a page, if any.
fn bell(page: &str) -> Option<i64> {
    between(
        page,
        "<span class=\"bell-count\" aria-hidden=\"true\">",
        "</span>",
    )
    .first()
    .map(|n| n.trim().parse().unwrap())
}

/// The bell of the home page of `b`, which must be logged in.
async fn home_bell(b: &Browser) -> Option<i64> {
    let (status, page) = b.get_text("/").await;
    assert_eq!(status, 200, "logged in");
    bell(&page)
}

#[tokio::test]
async fn an_invitation_rings_the_bell_and_is_mailed_after_quiet_hours() {
    let t = TestApp::spawn().await;
    staff(&t).await;
    // 1 September 2026, 19:30 in Paris: quiet hours (19:00–07:00 by default) have begun.
    t.advance(Duration::from_secs(9 * 3600 + 1800));
    let (bruno_a, camille_a) = (actor(&t, BRUNO).await, actor(&t, CAMILLE).await);
    let camille = login(&t, CAMILLE).await;
    let group = t
        .app
        .create_group(&bruno_a, "Cycle 3 maths", "Progressions", "private", false)
        .await
        .unwrap();
    assert_eq!(home_bell(&camille).await, None, "no news yet");
    t.app
        .invite_to_group(&bruno_a, group, camille_a.id().as_uuid(), "Pour jeudi")
        .await
        .unwrap();

    // The bell, on any page, without JavaScript.
    for page in ["/", "/annuaire", "/groupes", "/compte"] {
        let (status, body) = camille.get_text(page).await;
        assert_eq!(status, 200, "{page}");
        assert_eq!(bell(&body), Some(1), "{page}");
        assert!(
            body.contains("aria-label=\"Notifications, 1 non lue\""),
            "{page}"
        );
    }
    let (_, list) = camille.get_text("/notifications").await;
    let list = main_of(&list);
    assert!(list.contains("Bruno Leroy"), "{list}");
    assert!(list.contains("Cycle 3 maths"), "{list}");
    assert!(
        list.contains("Pour jeudi"),
        "the inviter's message is quoted: {list}"
    );

    // Quiet until 07:00, so nothing leaves now…
    assert!(notification_mails(&t, CAMILLE).await.is_empty());
    t.advance(9 * HOUR);
    assert!(
        notification_mails(&t, CAMILLE).await.is_empty(),
        "04:30 is quiet"
    );
    // …and the invitation (immediate by default) leaves once the night is over.
    t.advance(3 * HOUR);
    let mails = notification_mails(&t, CAMILLE).await;
    assert_eq!(mails.len(), 1, "{mails:#?}");
    let mail = &mails[0];
    assert!(mail.contains("Bonjour Camille"), "{mail}");
    assert!(
        mail.contains("Bruno Leroy") && mail.contains("Cycle 3 maths"),
        "{mail}"
    );
    assert!(mail.contains("> Pour jeudi"), "{mail}");
    assert!(mail.contains("List-Unsubscribe: <"), "{mail}");
    assert!(
        mail.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
        "{mail}"
    );
    // Taken once: another round sends nothing more.
    t.advance(HOUR);
    assert_eq!(notification_mails(&t, CAMILLE).await.len(), 1);

    // Read: the bell goes quiet.
    let camille = login(&t, CAMILLE).await;
    assert_eq!(home_bell(&camille).await, Some(1));
    let r = camille.post("/notifications/lues", &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(home_bell(&camille).await, None);
    // Nobody else got news of it: the inviter's bell is silent, and no email to him.
    let (_, list) = t
        .app
        .notifications(&bruno_a)
        .await
        .map(|(l, u)| (l.len(), u))
        .unwrap();
    assert_eq!(list, 0);
    assert!(notification_mails(&t, BRUNO).await.is_empty());
}

#[tokio::test]
async fn join_requests_make_one_daily_digest_and_the_link_stops_it_without_login() {
    let t = TestApp::spawn().await;
    let (admin, _alice, _bruno, _camille) = staff(&t).await;
    let (alice_a, bruno_a, camille_a) = (
        actor(&t, ALICE).await,
        actor(&t, BRUNO).await,
        actor(&t, CAMILLE).await,
    );
    let group = t
        .app
        .create_group(&bruno_a, "Chorale", "Le projet chant", "closed", false)
        .await
        .unwrap();
    // 1 September 2026, 10:00 in Paris, a Tuesday.
    t.app.request_to_join(&alice_a, group).await.unwrap();
    t.app.request_to_join(&camille_a, group).await.unwrap();
    // Join requests are a daily digest by default: nothing today…
    t.advance(6 * HOUR);
    assert!(notification_mails(&t, BRUNO).await.is_empty());
    // …one email the next morning, with both.
    t.advance(16 * HOUR);
    let mails = notification_mails(&t, BRUNO).await;
    assert_eq!(mails.len(), 1, "{mails:#?}");
    assert!(
        mails[0].contains("Alice Roux") && mails[0].contains("Camille Fabre"),
        "{}",
        mails[0]
    );

    // The one-kind link of the email, followed by someone not logged in.
    let (_, body) = mails[0].split_once("\r\n\r\n").expect("a body");
    let link = link_after(body, "/notifications/desabonnement/");
    let link = format!("/notifications/desabonnement/{link}");
    assert!(link.ends_with(".group-join-request"), "{link}");
    let anonymous = t.browser();
    let (status, page) = anonymous.get_text(&link).await;
    assert_eq!(status, 200);
    assert!(page.contains("<form method=\"post\""), "{page}");
    let before = t.app.notification_preferences(&bruno_a).await.unwrap();
    assert!(
        before
            .kinds
            .iter()
            .any(|(k, d)| k.as_str() == "group-join-request" && d.as_str() == "daily")
    );
    // A mail provider's one-click POST: no cookie, no Origin, no Sec-Fetch-Site.
    let r = reqwest::Client::new()
        .post(format!("{}{link}", t.url))
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let after = t.app.notification_preferences(&bruno_a).await.unwrap();
    for (kind, delivery) in &after.kinds {
        let expected = match kind.as_str() {
            "group-join-request" => "never",
            _ => kind.default_delivery().as_str(),
        };
        assert_eq!(delivery.as_str(), expected, "{kind:?}");
    }
    // Still in the app, no longer by email.
    drop(admin);
    let david = {
        let admin = login(&t, ADMIN_EMAIL).await;
        let csv = roster_csv(&[(
            "Moreau",
            "David",
            "david.moreau@ac-amiens.fr",
            "0805678B",
            "École B",
            "",
        )]);
        let (_, batch) = admin.import_roster(csv.as_bytes()).await;
        let code = admin.letters(&batch).await.pop().unwrap().1;
        t.activate(&code, "my_places").await;
        actor(&t, "david.moreau@ac-amiens.fr").await
    };
    t.app.request_to_join(&david, group).await.unwrap();
    t.advance(48 * HOUR);
    assert_eq!(
        notification_mails(&t, BRUNO).await.len(),
        1,
        "no second email"
    );
    let (_, unread) = t.app.notifications(&bruno_a).await.unwrap();
    assert_eq!(unread, 3);

    // A made-up link changes nothing and says so.
    let (status, _) = anonymous
        .get_text("/notifications/desabonnement/nothing-here.all")
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn nobody_reads_or_marks_someone_elses_news() {
    let t = TestApp::spawn().await;
    let (admin, _alice, bruno, camille) = staff(&t).await;
    let (bruno_a, camille_a) = (actor(&t, BRUNO).await, actor(&t, CAMILLE).await);
    let group = t
        .app
        .create_group(&bruno_a, "Chorale", "", "private", false)
        .await
        .unwrap();
    t.app
        .invite_to_group(&bruno_a, group, camille_a.id().as_uuid(), "")
        .await
        .unwrap();
    let (list, _) = t.app.notifications(&camille_a).await.unwrap();
    let id = list[0].id;

    for who in [&bruno, &admin] {
        let r = who.post(&format!("/notifications/{id}/lue"), &[]).await;
        assert_eq!(r.status(), 404);
        let (_, page) = who.get_text("/notifications").await;
        assert!(!page.contains("Chorale"), "{page}");
        let token = who.api_token("reader").await;
        let r = http()
            .post(format!("{}/api/v1/notifications/{id}/read", t.url))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
    }
    let (_, unread) = t.app.notifications(&camille_a).await.unwrap();
    assert_eq!(unread, 1, "still unread for her");
    let r = camille.post(&format!("/notifications/{id}/lue"), &[]).await;
    assert_eq!(r.status(), 303);
    let (_, unread) = t.app.notifications(&camille_a).await.unwrap();
    assert_eq!(unread, 0);
    let junk = camille.post("/notifications/pas-un-id/lue", &[]).await;
    assert!(junk.status().is_client_error(), "{}", junk.status());
}

#[tokio::test]
async fn the_preferences_form_keeps_what_was_typed_and_moves_waiting_news() {
    let t = TestApp::spawn().await;
    let (_admin, _alice, bruno, camille) = staff(&t).await;
    let (bruno_a, camille_a) = (actor(&t, BRUNO).await, actor(&t, CAMILLE).await);
    let token = bruno.api_token("prefs").await;
    let (status, page) = camille.get_text("/notifications/preferences").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("value=\"19:00\"") && page.contains("value=\"07:00\""),
        "{page}"
    );

    let (status, page) = camille
        .post_text(
            "/notifications/preferences",
            &[
                ("group-invitation", "weekly"),
                ("quiet_from", "25:00"),
                ("quiet_to", "6h30"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert!(
        page.contains("value=\"25:00\"") && page.contains("value=\"6h30\""),
        "{page}"
    );
    assert!(
        page.contains("Indiquez une heure au format HH:MM"),
        "{page}"
    );
    assert!(
        page.contains(
            "id=\"group-invitation-weekly\" name=\"group-invitation\" value=\"weekly\" checked"
        ),
        "{page}"
    );
    let unchanged = t.app.notification_preferences(&camille_a).await.unwrap();
    assert_eq!(unchanged.quiet.from, 19 * 60, "nothing half-saved");
    assert!(
        unchanged
            .kinds
            .iter()
            .all(|(k, d)| *d == k.default_delivery())
    );

    // An invitation waiting for the morning, then she asks for invitations weekly.
    let group = t
        .app
        .create_group(&bruno_a, "Chorale", "", "private", false)
        .await
        .unwrap();
    t.app
        .invite_to_group(&bruno_a, group, camille_a.id().as_uuid(), "")
        .await
        .unwrap();
    let r = camille
        .post(
            "/notifications/preferences",
            &[
                ("group-invitation", "weekly"),
                ("quiet_from", "20:00"),
                ("quiet_to", "07:30"),
                ("quiet_weekends", "oui"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let saved = t.app.notification_preferences(&camille_a).await.unwrap();
    assert_eq!((saved.quiet.from, saved.quiet.to), (20 * 60, 7 * 60 + 30));
    // Made on Tuesday: Wednesday passes without email; it leaves on Monday.
    t.advance(30 * HOUR);
    assert!(notification_mails(&t, CAMILLE).await.is_empty());
    t.advance(6 * 24 * HOUR);
    assert_eq!(notification_mails(&t, CAMILLE).await.len(), 1);

    // The same refusal through the API, in English, with a stable code.
    let r = http()
        .put(format!("{}/api/v1/notifications/preferences", t.url))
        .bearer_auth(&token)
        .header("accept-language", "en")
        .json(&serde_json::json!({"deliveries": {"group-invitation": "hourly"}, "quiet_from": "19:00", "quiet_to": "07:00", "quiet_weekends": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid-input", "{body}");
    assert!(
        body["error"]["message"].as_str().unwrap().is_ascii(),
        "in English: {body}"
    );
    let r = http()
        .put(format!("{}/api/v1/notifications/preferences", t.url))
        .bearer_auth(&token)
        .json(&serde_json::json!({"deliveries": {"group-invitation": "never"}, "quiet_from": "18:00", "quiet_to": "08:00", "quiet_weekends": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let r = http()
        .get(format!("{}/api/v1/notifications/preferences", t.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["deliveries"]["group-invitation"], "never");
    assert_eq!(body["deliveries"]["group-join-request"], "daily");
    assert_eq!(body["quiet_from"], "18:00");
    assert_eq!(body["quiet_weekends"], false);
}

#[tokio::test]
async fn deleting_a_group_is_the_owners_and_tells_the_members() {
    let t = TestApp::spawn().await;
    let (admin, alice, bruno, camille) = staff(&t).await;
    let (bruno_a, camille_a) = (actor(&t, BRUNO).await, actor(&t, CAMILLE).await);
    let group = t
        .app
        .create_group(&bruno_a, "Chorale", "", "open", false)
        .await
        .unwrap();
    t.app.join_group(&camille_a, group).await.unwrap();

    // The page says what happens before anything does.
    let (status, page) = bruno.get_text(&format!("/groupes/{group}/supprimer")).await;
    assert_eq!(status, 200);
    assert!(page.contains("<form method=\"post\""), "{page}");
    // Not the member's, not the administrator's, not a stranger's (the group is listed: they
    // know it exists, so they are refused rather than told it does not).
    for (who, expected) in [(&camille, 403), (&admin, 403), (&alice, 403)] {
        let r = who.post(&format!("/groupes/{group}/supprimer"), &[]).await;
        assert_eq!(r.status(), expected);
        let token = who.api_token("deleter").await;
        let r = http()
            .delete(format!("{}/api/v1/groups/{group}", t.url))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), expected);
    }
    assert!(t.app.group_page(&bruno_a, group).await.is_ok());

    let r = bruno
        .post(&format!("/groupes/{group}/supprimer"), &[])
        .await;
    assert_eq!(r.status(), 303);
    assert!(t.app.group_page(&bruno_a, group).await.is_err());
    let (list, unread) = t.app.notifications(&camille_a).await.unwrap();
    assert_eq!(unread, 1);
    let text = list[0].text(preau_app::i18n::Lang::Fr);
    assert!(
        text.contains("Chorale") && text.contains("Bruno Leroy"),
        "{text}"
    );
    assert_eq!(list[0].group_id, None, "the group is gone");
    let (_, owner_news) = t.app.notifications(&bruno_a).await.unwrap();
    assert_eq!(owner_news, 0, "the owner is not told what they did");
}

#[tokio::test]
async fn news_is_kept_six_months() {
    let t = TestApp::spawn().await;
    let (_admin, _alice, _bruno, camille) = staff(&t).await;
    let (bruno_a, camille_a) = (actor(&t, BRUNO).await, actor(&t, CAMILLE).await);
    let group = t
        .app
        .create_group(&bruno_a, "Chorale", "", "private", false)
        .await
        .unwrap();
    t.app
        .invite_to_group(&bruno_a, group, camille_a.id().as_uuid(), "")
        .await
        .unwrap();
    let token = camille.api_token("news").await;
    let fetch = || async {
        let r = http()
            .get(format!("{}/api/v1/notifications", t.url))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        r.json::<serde_json::Value>().await.unwrap()
    };
    let news = fetch().await;
    assert_eq!(news["unread"], 1);
    assert_eq!(news["items"][0]["kind"], "group-invitation");
    assert_eq!(news["items"][0]["group"], group.to_string());
    t.advance(Duration::from_secs(180 * 86_400));
    t.app.purge_expired().await.unwrap();
    assert_eq!(fetch().await["items"].as_array().unwrap().len(), 1);
    t.advance(Duration::from_secs(4 * 86_400));
    t.app.purge_expired().await.unwrap();
    assert_eq!(fetch().await["items"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn someone_deleting_their_account_gets_no_more_news_by_email() {
    let t = TestApp::spawn().await;
    staff(&t).await;
    let (bruno_a, camille_a) = (actor(&t, BRUNO).await, actor(&t, CAMILLE).await);
    let group = t
        .app
        .create_group(&bruno_a, "Chorale", "", "open", false)
        .await
        .unwrap();
    t.app.join_group(&camille_a, group).await.unwrap();
    t.app
        .close_my_account(
            &camille_a,
            preau_domain::password::PasswordAttempt::new(PASSWORD.to_owned()),
            "hand-over",
            "keep",
            "192.0.2.1",
        )
        .await
        .unwrap();
    // The group goes; she is still a member while her account waits for its erasure.
    t.app.delete_group(&bruno_a, group).await.unwrap();
    let (_, unread) = t.app.notifications(&camille_a).await.unwrap();
    assert_eq!(unread, 1, "the news is kept in the app");
    t.advance(2 * 24 * HOUR);
    assert!(notification_mails(&t, CAMILLE).await.is_empty());
}
