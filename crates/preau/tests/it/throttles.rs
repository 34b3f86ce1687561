//! Throttles under a burst: attempts are counted before the slow check, so concurrent
//! guesses get no more checks than the policy allows (SEC-05), and a guesser elsewhere
//! cannot lock a colleague out.

use crate::helpers::*;
use std::time::Duration;

/// Sends `n` requests at once and returns how many got each status.
async fn burst<F, Fut>(n: usize, send: F) -> std::collections::BTreeMap<u16, usize>
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = reqwest::Response> + Send + 'static,
{
    let handles: Vec<_> = (0..n).map(|i| tokio::spawn(send(i))).collect();
    let mut counts = std::collections::BTreeMap::new();
    for h in handles {
        *counts
            .entry(h.await.unwrap().status().as_u16())
            .or_insert(0) += 1;
    }
    counts
}

fn counts(pairs: &[(u16, usize)]) -> std::collections::BTreeMap<u16, usize> {
    pairs.iter().copied().collect()
}

#[tokio::test]
async fn a_burst_of_wrong_passwords_gets_five_checks_and_the_rest_wait() {
    let t = TestApp::spawn().await;
    let _admin = t.admin().await;
    let got = burst(30, |_| {
        let b = t.browser();
        async move { b.login(ADMIN_EMAIL, "wrong password!!").await }
    })
    .await;
    // The clock stands still: the sixth attempt onwards comes before its delay.
    assert_eq!(got, counts(&[(401, 5), (429, 25)]), "{got:?}");
    // The right password in the same second is not checked either.
    assert_eq!(t.browser().login(ADMIN_EMAIL, PASSWORD).await.status(), 429);
    // Refusals that raced each other stay counted: the delay after a burst is at most the
    // longest step, 16 s, never a lock the guesser could renew.
    t.advance(Duration::from_secs(16));
    assert_eq!(t.browser().login(ADMIN_EMAIL, PASSWORD).await.status(), 303);
}

#[tokio::test]
async fn a_burst_of_invitation_codes_gets_ten_lookups() {
    let t = TestApp::spawn().await;
    let got = burst(60, |i| {
        let b = t.browser();
        async move { b.get(&format!("/invitation/GUESS{i:021}")).await }
    })
    .await;
    assert_eq!(got, counts(&[(404, 10), (429, 50)]), "{got:?}");
}

#[tokio::test]
async fn following_reset_links_that_do_not_exist_is_throttled_per_client() {
    let t = TestApp::spawn().await;
    let got = burst(30, |i| {
        let b = t.browser();
        async move { b.get(&format!("/mot-de-passe-oublie/guess{i:040}")).await }
    })
    .await;
    assert_eq!(got, counts(&[(404, 10), (429, 20)]), "{got:?}");
}

/// A browser whose requests come, through the trusted local proxy, from `client`.
fn from(client: &'static str) -> reqwest::Client {
    let mut headers = same_site_headers();
    headers.insert("x-forwarded-for", client.parse().unwrap());
    reqwest::Client::builder()
        .default_headers(headers)
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn login_from(t: &TestApp, client: &'static str, password: &str) -> u16 {
    from(client)
        .post(format!("{}/connexion", t.url))
        .form(&[("email", ADMIN_EMAIL), ("password", password)])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn a_guesser_elsewhere_cannot_lock_a_colleague_out() {
    let t = TestApp::spawn_with(|c| c.trusted_proxies = vec!["127.0.0.1".into()]).await;
    let _admin = t.admin().await;
    // Ten failures from one network, waiting out each delay: that network is locked.
    for n in 1..=10 {
        if n > 5 {
            t.advance(Duration::from_secs(16));
        }
        assert_eq!(
            login_from(&t, "198.51.100.7", "wrong password!!").await,
            401
        );
    }
    t.advance(Duration::from_secs(16));
    assert_eq!(
        login_from(&t, "198.51.100.8", PASSWORD).await,
        429,
        "same /24"
    );
    // The person, from the school's network, gets in.
    assert_eq!(login_from(&t, "203.0.113.20", PASSWORD).await, 303);
}

#[tokio::test]
async fn guessing_spread_over_networks_meets_a_ceiling_and_a_reset_link_still_gets_in() {
    let t = TestApp::spawn_with(|c| c.trusted_proxies = vec!["127.0.0.1".into()]).await;
    let _admin = t.admin().await;
    const NETWORKS: [&str; 10] = [
        "198.51.100.1",
        "198.51.101.1",
        "198.51.102.1",
        "198.51.103.1",
        "198.51.104.1",
        "198.51.105.1",
        "198.51.106.1",
        "198.51.107.1",
        "198.51.108.1",
        "198.51.109.1",
    ];
    // Fifty failures, five from each of ten networks, each past its delay.
    let mut checked = 0;
    for round in 0..5 {
        for net in NETWORKS {
            if login_from(&t, net, "wrong password!!").await == 401 {
                checked += 1;
            }
            t.advance(Duration::from_secs(if round == 0 { 1 } else { 17 }));
        }
    }
    assert_eq!(checked, 50, "each failure waited out the address's delay");
    t.advance(Duration::from_secs(17));
    assert_eq!(
        login_from(&t, "203.0.113.20", PASSWORD).await,
        429,
        "the address is locked everywhere once its ceiling is reached"
    );

    // The mailbox is the way back in.
    let b = from("203.0.113.20");
    let r = b
        .post(format!("{}/mot-de-passe-oublie", t.url))
        .form(&[("email", ADMIN_EMAIL)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    t.app.deliver_due_mail().await.unwrap();
    let mails = outbox_files(&t);
    let reset = mails
        .iter()
        .find(|m| m.contains("/mot-de-passe-oublie/"))
        .expect("a reset link was sent");
    let token = link_after(reset, "/mot-de-passe-oublie/");
    const NEW: &str = "trois petits chats dans la cour";
    let r = b
        .post(format!("{}/mot-de-passe-oublie/{token}", t.url))
        .form(&[("password", NEW), ("password_confirmation", NEW)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(login_from(&t, "203.0.113.20", NEW).await, 303);
}
