//! Every route, every role: the page routes come from the router's own table
//! (`preau_web::routes::page_routes`), the API's from its OpenAPI document, so a new route is
//! tested the moment it exists and a route without an expectation here fails (issue 9 §6).

use crate::helpers::*;
use preau_web::routes::page_routes;
use reqwest::Method;

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// Anyone, logged in or not.
    Public,
    /// A logged-in person (or a token): anonymous visitors are sent to the login page (pages)
    /// or answered 401 (API).
    SignedIn,
    /// Administrators only: others get 403.
    Admin,
}

/// The expected access of each route. A route missing here fails the test.
fn expected(method: &Method, path: &str) -> Option<Access> {
    use Access::*;
    let m = method.as_str();
    Some(match (m, path) {
        (_, "/connexion" | "/installation/{token}" | "/mot-de-passe-oublie")
        | (_, "/mot-de-passe-oublie/{token}" | "/invitation" | "/invitation/{code}")
        | (_, "/invitation/{code}/activer" | "/invitation/{code}/refus" | "/langue")
        | (_, "/activation/{token}" | "/activation/{token}/refus")
        | (_, "/ce-netait-pas-moi/{token}" | "/adresse-de-secours/{token}")
        | (_, "/administration/{token}" | "/notifications/desabonnement/{token}")
        | (_, "/demande-donnees" | "/demande-donnees/{token}")
        | ("GET", "/donnees-personnelles" | "/cadre-juridique" | "/accessibilite")
        | ("GET", "/api/v1/health") => Public,
        ("GET", "/") | ("POST", "/deconnexion") => SignedIn,
        (_, p) if p.starts_with("/compte") => SignedIn,
        ("GET", "/annuaire" | "/annuaire/{id}") => SignedIn,
        (_, p) if p.starts_with("/groupes") || p.starts_with("/notifications") => SignedIn,
        (_, p) if p.starts_with("/documents") => SignedIn,
        (_, p) if p.starts_with("/admin") => Admin,
        (
            "GET",
            "/api/v1/me" | "/api/v1/me/export" | "/api/v1/me/access-log" | "/api/v1/directory",
        ) => SignedIn,
        ("GET", "/api/v1/people/{id}") | ("POST", "/api/v1/me/close") => SignedIn,
        ("PUT", "/api/v1/me/restriction") => SignedIn,
        ("GET", "/api/v1/me/sessions") | ("DELETE", "/api/v1/me/sessions/{id}") => SignedIn,
        ("GET" | "POST", "/api/v1/tokens") | ("DELETE", "/api/v1/tokens/{id}") => SignedIn,
        ("GET", "/api/v1/structures") => SignedIn,
        ("POST", "/api/v1/structures" | "/api/v1/roster") => Admin,
        ("POST", "/api/v1/roster/batches/{batch}/emails") => Admin,
        ("GET" | "POST", "/api/v1/me/rights-requests") => SignedIn,
        (_, p) if p.starts_with("/api/v1/rights-requests") => Admin,
        (_, p) if p.starts_with("/api/v1/groups") || p.starts_with("/api/v1/group-invitations") => {
            SignedIn
        }
        (_, p) if p.starts_with("/api/v1/notifications") => SignedIn,
        (_, p) if p.starts_with("/api/v1/documents") => SignedIn,
        ("GET", "/api/v1/me/documents" | "/api/v1/me/shared") => SignedIn,
        _ => return None,
    })
}

/// Path parameters filled with a well-formed id that names nothing.
fn concrete(path: &str) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').unwrap() + open;
        out.push_str("01932c4e-0000-7000-8000-000000000000");
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

fn api_routes() -> Vec<(Method, String)> {
    let doc: serde_json::Value = serde_json::from_str(&preau_web::api::openapi_document()).unwrap();
    let mut out = Vec::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            out.push((method.to_uppercase().parse().unwrap(), path.clone()));
        }
    }
    out
}

struct People {
    member_email: &'static str,
    member_token: String,
    admin_token: String,
}

async fn people(t: &TestApp) -> People {
    let admin = t.admin().await;
    let member_email = "lea.fontaine@ac-amiens.fr";
    let csv = roster_csv(&[("Fontaine", "Léa", member_email, "0801234A", "École A", "")]);
    let (_, batch) = admin.import_roster(csv.as_bytes()).await;
    let letters = admin.letters(&batch).await;
    let member = t.activate(&letters[0].1, "my_places").await;
    People {
        member_email,
        member_token: member.api_token("routes member").await,
        admin_token: admin.api_token("routes admin").await,
    }
}

/// A browser logged in afresh (a route may end the session it was called with).
async fn fresh(t: &TestApp, email: &str) -> Browser {
    let b = t.browser();
    assert_eq!(b.login(email, PASSWORD).await.status(), 303, "{email}");
    b
}

async fn call_page(b: &Browser, method: &Method, path: &str) -> reqwest::Response {
    let url = format!("{}{path}", b.base);
    let request = b.client.request(method.clone(), url);
    let request = if method == Method::GET {
        request
    } else {
        request.form(&[("_", "")])
    };
    request.send().await.unwrap()
}

/// Sent to the login page by the sign-in guard (a logout's own redirect carries `?ok=`).
fn to_login(r: &reqwest::Response) -> bool {
    r.status() == 303
        && r.headers()
            .get("location")
            .is_some_and(|l| l.to_str().unwrap_or("") == "/connexion")
}

#[tokio::test]
async fn every_page_route_answers_each_role_as_expected() {
    let t = TestApp::spawn().await;
    let p = people(&t).await;
    let routes = page_routes();
    assert!(routes.len() >= 40, "{}", routes.len());
    let mut problems = Vec::new();
    for route in &routes {
        let Some(access) = expected(&route.method, route.path) else {
            problems.push(format!(
                "{} {}: no expected access",
                route.method, route.path
            ));
            continue;
        };
        let path = concrete(route.path);
        let what = format!("{} {} ({access:?})", route.method, route.path);
        let anonymous = call_page(&t.browser(), &route.method, &path).await;
        let member = call_page(&fresh(&t, p.member_email).await, &route.method, &path).await;
        let admin = call_page(&fresh(&t, ADMIN_EMAIL).await, &route.method, &path).await;
        for (role, r) in [
            ("anonymous", &anonymous),
            ("member", &member),
            ("admin", &admin),
        ] {
            if r.status().is_server_error() || r.status() == 405 {
                problems.push(format!("{what}: {role} got {}", r.status()));
            }
        }
        let ok = |r: &reqwest::Response| !to_login(r) && r.status() != 403 && r.status() != 401;
        match access {
            Access::Public => {
                if !ok(&anonymous) {
                    problems.push(format!("{what}: anonymous got {}", anonymous.status()));
                }
            }
            Access::SignedIn | Access::Admin => {
                if !to_login(&anonymous) {
                    problems.push(format!("{what}: anonymous got {}", anonymous.status()));
                }
            }
        }
        match access {
            Access::Public | Access::SignedIn => {
                if !ok(&member) || !ok(&admin) {
                    problems.push(format!(
                        "{what}: member {} admin {}",
                        member.status(),
                        admin.status()
                    ));
                }
            }
            Access::Admin => {
                if member.status() != 403 || !ok(&admin) {
                    problems.push(format!(
                        "{what}: member {} admin {}",
                        member.status(),
                        admin.status()
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[tokio::test]
async fn every_api_route_answers_each_token_as_expected() {
    let t = TestApp::spawn().await;
    let p = people(&t).await;
    let routes = api_routes();
    assert!(routes.len() >= 11, "{routes:?}");
    let client = http();
    let mut problems = Vec::new();
    for (method, template) in &routes {
        let Some(access) = expected(method, template) else {
            problems.push(format!("{method} {template}: no expected access"));
            continue;
        };
        let url = format!("{}{}", t.url, concrete(template));
        let call = |token: Option<&str>| {
            let mut r = client.request(method.clone(), &url);
            if let Some(token) = token {
                r = r.bearer_auth(token);
            }
            if method != Method::GET && method != Method::DELETE {
                r = r.json(&serde_json::json!({}));
            }
            r.send()
        };
        let anonymous = call(None).await.unwrap().status().as_u16();
        let member = call(Some(&p.member_token)).await.unwrap().status().as_u16();
        let admin = call(Some(&p.admin_token)).await.unwrap().status().as_u16();
        let what = format!("{method} {template} ({access:?})");
        for (role, s) in [
            ("anonymous", anonymous),
            ("member", member),
            ("admin", admin),
        ] {
            if s >= 500 || s == 405 {
                problems.push(format!("{what}: {role} got {s}"));
            }
        }
        let expected_anonymous_refused = access != Access::Public;
        if (anonymous == 401) != expected_anonymous_refused {
            problems.push(format!("{what}: anonymous got {anonymous}"));
        }
        let member_refused = access == Access::Admin;
        if (member == 403) != member_refused || member == 401 {
            problems.push(format!("{what}: member token got {member}"));
        }
        if admin == 401 || admin == 403 {
            problems.push(format!("{what}: admin token got {admin}"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[tokio::test]
async fn every_page_post_from_another_site_is_refused() {
    let t = TestApp::spawn().await;
    let _admin = t.admin().await;
    // A client that sends only what each case says, with the administrator's session cookie
    // as a forged form would carry it.
    let bare = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let login = bare
        .post(format!("{}/connexion", t.url))
        .header("origin", &t.url)
        .form(&[("email", ADMIN_EMAIL), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    let cookie = format!("preau_session={}", session_token(&login).unwrap());
    let posts: Vec<_> = page_routes()
        .into_iter()
        .filter(|r| r.method != Method::GET)
        .collect();
    assert!(posts.len() >= 20, "{}", posts.len());
    let mut problems = Vec::new();
    for route in posts {
        let url = format!("{}{}", t.url, concrete(route.path));
        for (origin, site) in [
            // A browser too old for Sec-Fetch-Site sends only Origin.
            (Some("https://evil.example"), None),
            (None, Some("cross-site")),
            (Some("https://evil.example"), Some("cross-site")),
            (Some(t.url.as_str()), Some("same-site")),
            // Neither header: a script, refused too.
            (None, None),
        ] {
            let mut r = bare
                .request(route.method.clone(), &url)
                .header("cookie", &cookie)
                .form(&[("_", "")]);
            if let Some(o) = origin {
                r = r.header("origin", o);
            }
            if let Some(s) = site {
                r = r.header("sec-fetch-site", s);
            }
            let status = r.send().await.unwrap().status();
            // The one-click unsubscribe of notification emails is posted by mail providers'
            // servers, with neither header (RFC 8058); its secret is in its address.
            let one_click = route.path.starts_with(preau_web::ONE_CLICK_UNSUBSCRIBE)
                && origin.is_none()
                && site.is_none();
            if one_click {
                if status == 403 {
                    problems.push(format!("{}: one-click refused", route.path));
                }
            } else if status != 403 {
                problems.push(format!(
                    "{} {} from {origin:?} / {site:?}: {status}",
                    route.method, route.path
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    let still = get_with_session(&t.url, cookie.trim_start_matches("preau_session=")).await;
    assert_eq!(still.status(), 200, "nothing forged ended the session");
}
