//! Security headers everywhere, cross-site form posts refused, load shed fast, limits.

use crate::helpers::*;

fn assert_security_headers(r: &reqwest::Response, what: &str) {
    let h = r.headers();
    let csp = h
        .get("content-security-policy")
        .unwrap_or_else(|| panic!("{what}: no CSP"))
        .to_str()
        .unwrap();
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ] {
        assert!(csp.contains(directive), "{what}: CSP lacks {directive}");
    }
    assert!(!csp.contains("unsafe-inline"), "{what}: inline allowed");
    assert_eq!(h["x-content-type-options"], "nosniff", "{what}");
    assert_eq!(h["referrer-policy"], "same-origin", "{what}");
    assert!(h.contains_key("permissions-policy"), "{what}");
    assert_eq!(h["x-frame-options"], "DENY", "{what}");
    assert_eq!(h["x-robots-tag"], "noindex, nofollow, noarchive", "{what}");
    assert!(h.contains_key("x-request-id"), "{what}");
}

#[tokio::test]
async fn every_kind_of_answer_carries_the_security_headers() {
    let t = TestApp::spawn().await;
    let b = t.browser();
    assert_security_headers(&b.get("/connexion").await, "HTML page");
    assert_security_headers(&b.get("/api/v1/health").await, "API health");
    assert_security_headers(&b.get("/api/v1/me").await, "API 401");
    assert_security_headers(&b.get("/nulle-part").await, "404 page");
    assert_security_headers(&b.get("/static/preau.css").await, "stylesheet");
    let cross = t
        .browser()
        .client
        .post(format!("{}/connexion", t.url))
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .form(&[("email", "a@b.fr"), ("password", "x")])
        .send()
        .await
        .unwrap();
    assert_security_headers(&cross, "CSRF 403");
    assert!(
        !b.get("/connexion")
            .await
            .headers()
            .contains_key("strict-transport-security"),
        "no HSTS on http"
    );
}

#[tokio::test]
async fn a_cross_site_form_post_is_refused_and_a_same_origin_one_accepted() {
    let t = TestApp::spawn().await;
    let _admin = t.admin().await;
    let client = http();
    let post = |origin: &str, site: &str| {
        client
            .post(format!("{}/connexion", t.url))
            .header("origin", origin.to_owned())
            .header("sec-fetch-site", site.to_owned())
            .form(&[("email", ADMIN_EMAIL), ("password", PASSWORD)])
            .send()
    };
    let refused = post("https://evil.example", "cross-site").await.unwrap();
    assert_eq!(refused.status(), 403);
    assert!(
        set_cookie(&refused, "preau_session").is_none(),
        "no session for a forged login"
    );
    assert!(refused.text().await.unwrap().contains("Requête refusée"));
    let accepted = post(&t.url, "same-origin").await.unwrap();
    assert_eq!(accepted.status(), 303);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_beyond_capacity_is_shed_at_once_with_retry_after() {
    let t = TestApp::spawn_with(|c| {
        c.max_in_flight = 2;
        c.password_hashing.max_concurrent = 1;
    })
    .await;
    let _admin = t.admin().await;
    let client = http();
    let mut tasks = Vec::new();
    for i in 0..40 {
        let client = client.clone();
        let url = format!("{}/connexion", t.url);
        tasks.push(tokio::spawn(async move {
            let r = client
                .post(url)
                .form(&[
                    ("email", format!("burst{i}@ac-amiens.fr")),
                    ("password", "wrong password!!".to_owned()),
                ])
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            let retry = r
                .headers()
                .get("retry-after")
                .map(|v| v.to_str().unwrap().to_owned());
            let csp = r.headers().contains_key("content-security-policy");
            (status, retry, csp, r.text().await.unwrap())
        }));
    }
    // Health checks in the middle of the burst: never refused.
    let health: Vec<_> = (0..5)
        .map(|_| {
            let client = client.clone();
            let url = format!("{}/api/v1/health", t.url);
            tokio::spawn(async move { client.get(url).send().await.unwrap().status().as_u16() })
        })
        .collect();
    let mut shed = 0;
    for task in tasks {
        let (status, retry, csp, body) = task.await.unwrap();
        assert!(
            status == 401 || status == 503,
            "only answers or shedding, got {status}"
        );
        if status == 503 {
            shed += 1;
            assert_eq!(retry.as_deref(), Some("5"));
            assert!(csp);
            assert!(
                body.contains("salle d’attente") || body.contains("salle d'attente"),
                "{body}"
            );
        }
    }
    assert!(shed > 0, "40 concurrent logins on 2 slots must shed some");
    for h in health {
        assert_eq!(h.await.unwrap(), 200, "health is outside the limit");
    }
    // Health stays outside the limit, and the service is back at once.
    assert_eq!(t.browser().get("/api/v1/health").await.status(), 200);
    assert_eq!(t.browser().get("/connexion").await.status(), 200);
}

#[tokio::test]
async fn malformed_and_oversized_bodies_get_clear_errors_not_500() {
    let t = TestApp::spawn().await;
    let client = http();
    let r = client
        .post(format!("{}/connexion", t.url))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Le formulaire reçu est illisible")
    );
    let big = "x".repeat(300 * 1024);
    let r = client
        .post(format!("{}/connexion", t.url))
        .form(&[("email", big.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
    let r = client
        .get(format!("{}/nulle-part", t.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert!(r.text().await.unwrap().contains("Cette page n’existe pas"));
}

#[tokio::test]
async fn pages_that_need_a_session_send_to_the_login_page() {
    let t = TestApp::spawn().await;
    let b = t.browser();
    for path in ["/", "/compte", "/compte/mot-de-passe", "/compte/jetons"] {
        let r = b.get(path).await;
        assert_eq!(r.status(), 303, "{path}");
        assert_eq!(r.headers()["location"], "/connexion", "{path}");
    }
    for path in [
        "/deconnexion",
        "/compte/deconnexion-partout",
        "/compte/jetons",
    ] {
        assert_eq!(b.post(path, &[]).await.status(), 303, "{path}");
    }
}

#[tokio::test]
async fn https_instances_use_host_prefixed_secure_cookies_and_hsts() {
    let t = TestApp::spawn_with(|c| c.public_url = Some("https://ent.example.fr".into())).await;
    let path = t.setup_path().await;
    let r = t
        .browser()
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
    assert_eq!(r.status(), 303);
    let cookie = set_cookie(&r, "__Host-preau_session").expect("__Host- cookie");
    assert!(
        cookie.contains("; Secure") && cookie.contains("HttpOnly") && cookie.contains("Path=/")
    );
    assert!(
        r.headers()["strict-transport-security"]
            .to_str()
            .unwrap()
            .contains("max-age=")
    );
}
