//! « Mes sessions » (issue 11): each login is listed with its device and times, named by a
//! random public id; ending one logs that browser out and no other; someone else's session
//! is a 404 that ends nothing — on the pages and in the API.

use crate::helpers::*;
use serde_json::Value;

const FIREFOX_LINUX: &str =
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const ALICE: &str = "alice.roux@ac-amiens.fr";

/// A browser that says it is Firefox on Linux.
fn firefox(t: &TestApp) -> Browser {
    Browser {
        client: reqwest::Client::builder()
            .default_headers(same_site_headers())
            .cookie_store(true)
            .user_agent(FIREFOX_LINUX)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        base: t.url.clone(),
    }
}

/// The sessions page's rows: (public id, is this session, row text).
async fn listed(b: &Browser) -> Vec<(String, bool, String)> {
    let (status, body) = b.get_text("/compte/sessions").await;
    assert_eq!(status, 200);
    between(&body, "<tbody>", "</tbody>")
        .first()
        .map(|rows| {
            rows.split("<tr")
                .skip(1)
                .map(|row| {
                    let id = between(row, "/compte/sessions/", "/fermer")[0].to_owned();
                    (id, row.contains("aria-current=\"true\""), row.to_owned())
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Alice, invited and active, logged in on one browser.
async fn alice(t: &TestApp, admin: &Browser) -> Browser {
    let csv = roster_csv(&[("Roux", "Alice", ALICE, "0801234A", "École A", "")]);
    let (_, batch) = admin.import_roster(csv.as_bytes()).await;
    let letters = admin.letters(&batch).await;
    t.activate(&letters[0].1, "my_places").await
}

#[tokio::test]
async fn two_logins_are_listed_and_ending_one_logs_out_that_browser_only() {
    let t = TestApp::spawn().await;
    let here = t.admin().await;
    t.advance(std::time::Duration::from_secs(120));
    let there = firefox(&t);
    assert_eq!(there.login(ADMIN_EMAIL, PASSWORD).await.status(), 303);

    let (_, account) = here.get_text("/compte").await;
    assert!(
        account.contains("href=\"/compte/sessions\""),
        "linked from « Mon compte »"
    );
    let (_, page) = here.get_text("/compte/sessions").await;
    assert!(page.contains("<h1>Mes sessions</h1>"));
    let rows = listed(&here).await;
    assert_eq!(rows.len(), 2, "{rows:?}");
    let mine: Vec<_> = rows.iter().filter(|r| r.1).collect();
    assert_eq!(mine.len(), 1, "one row is « cette session »");
    assert!(mine[0].2.contains("cette session"));
    let other = rows.iter().find(|r| !r.1).unwrap();
    assert!(other.2.contains("Firefox / Linux"), "{}", other.2);
    assert!(
        other.2.contains("2026-09-01 08:02 UTC"),
        "started: {}",
        other.2
    );
    // The secret and its hash appear nowhere: the page names sessions by their public id.
    let ids: Vec<_> = rows
        .iter()
        .map(|r| r.0.parse::<uuid::Uuid>().unwrap())
        .collect();
    assert_ne!(ids[0], ids[1]);

    let r = here
        .post(&format!("/compte/sessions/{}/fermer", other.0), &[])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/compte/sessions?ok=session-ended");
    assert!(!there.is_logged_in().await, "that browser is logged out");
    assert!(here.is_logged_in().await, "this one is not");
    let rows = listed(&here).await;
    assert_eq!(rows.len(), 1);

    // « Fermer toutes les autres sessions » keeps this one.
    let third = t.browser();
    assert_eq!(third.login(ADMIN_EMAIL, PASSWORD).await.status(), 303);
    assert_eq!(listed(&here).await.len(), 2);
    let r = here.post("/compte/sessions/autres", &[]).await;
    assert_eq!(r.status(), 303);
    assert!(!third.is_logged_in().await);
    assert!(here.is_logged_in().await);

    // Ending this very session is a logout.
    let id = listed(&here).await[0].0.clone();
    let r = here
        .post(&format!("/compte/sessions/{id}/fermer"), &[])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/connexion?ok=logged-out");
    assert!(!here.is_logged_in().await);
}

#[tokio::test]
async fn a_session_idle_past_its_limit_is_not_listed() {
    let t = TestApp::spawn().await;
    let here = t.admin().await;
    let there = t.browser();
    assert_eq!(there.login(ADMIN_EMAIL, PASSWORD).await.status(), 303);
    t.advance(std::time::Duration::from_secs(20 * 60));
    assert_eq!(listed(&here).await.len(), 2);
    t.advance(std::time::Duration::from_secs(15 * 60));
    // `here` was active 15 minutes ago; `there`, 35.
    assert_eq!(listed(&here).await.len(), 1);
}

#[tokio::test]
async fn someone_elses_session_is_not_found_and_nothing_ends() {
    let t = TestApp::spawn().await;
    let zoe = t.admin().await;
    let alice = alice(&t, &zoe).await;
    let zoe_session = listed(&zoe).await[0].0.clone();
    let alice_token = alice.api_token("script").await;

    for id in [
        zoe_session.as_str(),
        "01932c4e-0000-7000-8000-000000000000",
        "not-an-id",
    ] {
        let r = alice
            .post(&format!("/compte/sessions/{id}/fermer"), &[])
            .await;
        assert_eq!(r.status(), 404, "{id}");
        let r = http()
            .delete(format!("{}/api/v1/me/sessions/{id}", t.url))
            .bearer_auth(&alice_token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "API {id}");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"]["code"], "not-found");
    }
    assert!(zoe.is_logged_in().await, "Zoé's session was not ended");
    assert!(alice.is_logged_in().await);
    assert_eq!(listed(&zoe).await.len(), 1);
    // Alice's list holds her own session only.
    let rows = listed(&alice).await;
    assert_eq!(rows.len(), 1);
    assert_ne!(rows[0].0, zoe_session);
}

#[tokio::test]
async fn the_api_lists_and_ends_sessions() {
    let t = TestApp::spawn().await;
    let here = t.admin().await;
    let there = firefox(&t);
    assert_eq!(there.login(ADMIN_EMAIL, PASSWORD).await.status(), 303);
    let token = here.api_token("script").await;
    let list = || async {
        let r = http()
            .get(format!("{}/api/v1/me/sessions", t.url))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        r.json::<Vec<Value>>().await.unwrap()
    };
    let sessions = list().await;
    assert_eq!(sessions.len(), 2, "{sessions:?}");
    assert!(
        sessions.iter().all(|s| s["current"] == false),
        "a token has no session"
    );
    let firefox_session = sessions
        .iter()
        .find(|s| s["device"] == "Firefox / Linux")
        .unwrap();
    assert_eq!(firefox_session["started_at"], "2026-09-01T08:00:00Z");
    let id = firefox_session["id"].as_str().unwrap().to_owned();
    let delete = |id: String| {
        let token = token.clone();
        let url = t.url.clone();
        async move {
            http()
                .delete(format!("{url}/api/v1/me/sessions/{id}"))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(delete(id.clone()).await, 204);
    assert!(!there.is_logged_in().await);
    assert!(here.is_logged_in().await);
    assert_eq!(list().await.len(), 1);
    assert_eq!(delete(id).await, 404, "already ended");
    let anonymous = http()
        .get(format!("{}/api/v1/me/sessions", t.url))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
}
