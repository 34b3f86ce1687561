//! The JSON API: bearer personal tokens, stable error codes, the OpenAPI document.

use crate::helpers::*;
use serde_json::{Value, json};

fn api() -> reqwest::Client {
    reqwest::Client::new()
}

#[tokio::test]
async fn health_answers_ok() {
    let t = TestApp::spawn().await;
    let r = api()
        .get(format!("{}/api/v1/health", t.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["status"], "ok");
}

#[tokio::test]
async fn me_needs_a_valid_bearer_token() {
    let t = TestApp::spawn().await;
    let r = api()
        .get(format!("{}/api/v1/me", t.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert!(
        r.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Bearer")
    );
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], "unauthenticated");
    let r = api()
        .get(format!("{}/api/v1/me", t.url))
        .bearer_auth("preau_forged")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], "invalid-token");
    // A session cookie is not an API credential.
    let b = t.admin().await;
    let r = b.get("/api/v1/me").await;
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn a_personal_token_is_shown_once_works_and_stops_working_when_revoked() {
    let t = TestApp::spawn().await;
    let b = t.admin().await;
    let token = b.api_token("script d'export").await;
    let (_, page) = b.get_text("/compte/jetons").await;
    assert!(page.contains("script d&#39;export") || page.contains("script d'export"));
    assert!(!page.contains(&token), "the value is never shown again");

    let c = api();
    let me: Value = c
        .get(format!("{}/api/v1/me", t.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["email"], ADMIN_EMAIL);
    assert_eq!(me["given_name"], "Zoé");
    assert_eq!(me["permissions"], json!(["admin"]));
    assert!(me.get("password_hash").is_none());

    let list: Value = c
        .get(format!("{}/api/v1/tokens", t.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert!(!list.to_string().contains(&token));
    let id = list[0]["id"].as_str().unwrap().to_owned();

    // Revoked from the page, the token stops at once.
    let r = b.post(&format!("/compte/jetons/{id}/revoquer"), &[]).await;
    assert_eq!(r.status(), 303);
    let r = c
        .get(format!("{}/api/v1/me", t.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn tokens_through_the_api_with_stable_error_codes() {
    let t = TestApp::spawn().await;
    let b = t.admin().await;
    let token = b.api_token("premier").await;
    let c = api();
    let url = format!("{}/api/v1/tokens", t.url);

    let r = c
        .post(&url)
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"]["code"],
        "invalid-json"
    );

    let r = c
        .post(&url)
        .bearer_auth(&token)
        .json(&json!({"name": "x", "admin": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        422,
        "unknown fields are refused (mass assignment)"
    );
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"]["code"],
        "invalid-input"
    );

    let r = c
        .post(&url)
        .bearer_auth(&token)
        .json(&json!({"name": "   "}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"]["fields"][0]["field"], "name");
    assert_eq!(v["error"]["fields"][0]["code"], "token-name-missing");

    let r = c
        .post(&url)
        .bearer_auth(&token)
        .header("accept-language", "en")
        .json(&json!({"name": "   "}))
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    assert!(
        v["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("Give this token a name")
    );

    let r = c
        .post(&url)
        .bearer_auth(&token)
        .json(&json!({"name": "second"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let created: Value = r.json().await.unwrap();
    let second = created["token"].as_str().unwrap().to_owned();
    assert!(second.starts_with("preau_"));

    let id = created["id"].as_str().unwrap();
    let r = c
        .delete(format!("{url}/{id}"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(
        c.get(format!("{}/api/v1/me", t.url))
            .bearer_auth(&second)
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    let r = c
        .delete(format!("{url}/{id}"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"]["code"],
        "not-found"
    );
    let r = c
        .get(format!("{}/api/v1/nothing", t.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"]["code"],
        "not-found"
    );
}

#[tokio::test]
async fn the_served_openapi_document_is_the_committed_one() {
    let t = TestApp::spawn().await;
    let served: Value = api()
        .get(format!("{}/api/v1/openapi.json", t.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/openapi.json");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    let committed: Value = serde_json::from_str(&committed).unwrap_or(Value::Null);
    assert!(
        served == committed,
        "docs/openapi.json is out of date: run `cargo run -q -- openapi > docs/openapi.json`"
    );
    let paths = served["paths"].as_object().unwrap();
    for p in [
        "/api/v1/health",
        "/api/v1/me",
        "/api/v1/tokens",
        "/api/v1/tokens/{id}",
    ] {
        assert!(paths.contains_key(p), "{p} documented");
    }
    // DIR-05: no endpoint takes a role or function filter.
    let text = served.to_string();
    assert!(!text.contains("\"name\":\"role\"") && !text.contains("\"name\":\"function\""));
}

/// The error body of an API answer: its status and code, after checking it is our JSON.
async fn error_of(r: reqwest::Response) -> (u16, String) {
    let status = r.status().as_u16();
    let kind = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    assert!(kind.starts_with("application/json"), "{status}: {kind}");
    let v: Value = r.json().await.unwrap();
    let code = v["error"]["code"].as_str().unwrap_or_default().to_owned();
    assert!(!code.is_empty(), "a code in {v}");
    assert!(
        !v["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .is_empty(),
        "a message in {v}"
    );
    (status, code)
}

fn directory(t: &TestApp, q: &str) -> reqwest::Url {
    reqwest::Url::parse_with_params(&format!("{}/api/v1/directory", t.url), &[("q", q)]).unwrap()
}

#[tokio::test]
async fn every_api_error_is_json_with_a_stable_code() {
    let t = TestApp::spawn().await;
    let token = t.admin().await.api_token("erreurs").await;
    let c = api();
    let get = |path: &str| c.get(format!("{}{path}", t.url)).bearer_auth(&token);

    // 400: a query that cannot be read (missing, repeated, wrong type).
    for path in ["/api/v1/directory", "/api/v1/directory?q=brun&q=aubert"] {
        let got = error_of(get(path).send().await.unwrap()).await;
        assert_eq!(got, (400, "invalid-query".to_owned()), "{path}");
    }
    let r = c
        .post(format!("{}/api/v1/roster?apply=peut-etre", t.url))
        .bearer_auth(&token)
        .body("Nom;Prénom;Courriel;UAI\n")
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await, (400, "invalid-query".to_owned()));

    // 404: an unknown route, and path segments that name nothing.
    for path in [
        "/api/v1/nothing",
        "/api/v2/me",
        "/api/v1/people/not-an-id",
        "/api/v1/people/%FF%FE",
    ] {
        let got = error_of(get(path).send().await.unwrap()).await;
        assert_eq!(got, (404, "not-found".to_owned()), "{path}");
    }

    // 405: a known path with a method it does not take, with `Allow`.
    let r = c
        .put(format!("{}/api/v1/me", t.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let allow = r
        .headers()
        .get("allow")
        .map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(error_of(r).await, (405, "method-not-allowed".to_owned()));
    assert!(allow.unwrap_or_default().contains("GET"));
    let r = c
        .delete(format!("{}/api/v1/health", t.url))
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await, (405, "method-not-allowed".to_owned()));

    // 415: a JSON endpoint sent something else.
    let r = c
        .post(format!("{}/api/v1/tokens", t.url))
        .bearer_auth(&token)
        .header("content-type", "text/plain")
        .body(r#"{"name":"x"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await, (415, "expected-json".to_owned()));

    // 422: well-formed but outside the declared limits.
    for q in ["--'", "a b", &"x".repeat(101)] {
        let r = c
            .get(directory(&t, q))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(error_of(r).await, (422, "invalid-input".to_owned()), "{q}");
    }
    let r = c
        .post(format!("{}/api/v1/tokens", t.url))
        .bearer_auth(&token)
        .json(&json!({"name": format!("  {}", "n".repeat(60))}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_of(r).await,
        (422, "invalid-input".to_owned()),
        "the length is the one sent, as documented"
    );
    // Three letters are enough, whatever surrounds them.
    let r = c
        .get(directory(&t, " - Zoé - "))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn json_bodies_stop_at_64_kib_while_the_roster_takes_a_large_file() {
    let t = TestApp::spawn().await;
    let token = t.admin().await.api_token("limites").await;
    let c = api();

    let big = json!({ "name": "n".repeat(65 * 1024) }).to_string();
    assert!(big.len() > 64 * 1024);
    for path in ["/api/v1/tokens", "/api/v1/structures"] {
        let r = c
            .post(format!("{}{path}", t.url))
            .bearer_auth(&token)
            .header("content-type", "application/json")
            .body(big.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(
            error_of(r).await,
            (413, "body-too-large".to_owned()),
            "{path}"
        );
    }
    // Just under the limit, the body is read: what is wrong then is the name.
    let under = json!({ "name": "n".repeat(60 * 1024) }).to_string();
    assert!(under.len() < 64 * 1024);
    let r = c
        .post(format!("{}/api/v1/tokens", t.url))
        .bearer_auth(&token)
        .json(&serde_json::from_str::<Value>(&under).unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await, (422, "invalid-input".to_owned()));

    // A 1 MiB roster is previewed.
    let mut csv = String::from("Nom;Prénom;Courriel;UAI;École;Corps;Fonctions\n");
    let mut n = 0;
    while csv.len() < 1024 * 1024 {
        n += 1;
        csv.push_str(&format!(
            "Martin{n};Léa;lea.martin{n}@ac-amiens.fr;0801234A;École A;professeur des écoles;\n"
        ));
    }
    let r = c
        .post(format!("{}/api/v1/roster", t.url))
        .bearer_auth(&token)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["applied"], false);
    assert_eq!(v["added"].as_array().map(Vec::len), Some(n));

    // Beyond the roster's own limit, the JSON error too.
    let t = TestApp::spawn_with(|c| c.max_roster_mib = 1).await;
    let token = t.admin().await.api_token("petit").await;
    let r = api()
        .post(format!("{}/api/v1/roster", t.url))
        .bearer_auth(&token)
        .header("content-type", "text/csv")
        .body(vec![b'a'; 1024 * 1024 + 1])
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await, (413, "body-too-large".to_owned()));
}

#[tokio::test]
async fn invitation_emails_for_an_unknown_batch_answer_not_found() {
    let t = TestApp::spawn().await;
    let token = t.admin().await.api_token("lot").await;
    let c = api();
    let emails = |batch: &str| {
        c.post(format!("{}/api/v1/roster/batches/{batch}/emails", t.url))
            .bearer_auth(&token)
    };
    let unknown = "6f1c2b1e-8d1f-4c5e-9a7b-2d3e4f5a6b7c";
    // The token's own notice is waiting; nothing else may join it.
    let before = t.app.pending_mail().await.unwrap();
    let r = emails(unknown).send().await.unwrap();
    assert_eq!(error_of(r).await, (404, "not-found".to_owned()));
    assert_eq!(t.app.pending_mail().await.unwrap(), before);

    let csv = roster_csv(&[(
        "Riviere",
        "Axel",
        "axel.riviere@ac-amiens.fr",
        "0801234A",
        "École A",
        "",
    )]);
    let applied: Value = c
        .post(format!("{}/api/v1/roster?apply=true", t.url))
        .bearer_auth(&token)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let batch = applied["batch"].as_str().unwrap_or_default().to_owned();
    assert!(!batch.is_empty(), "{applied}");
    let sent: Value = emails(&batch).send().await.unwrap().json().await.unwrap();
    assert_eq!(sent["queued"], 1);
}

#[tokio::test]
async fn the_document_declares_query_parameters_their_limits_and_every_error() {
    let doc: Value = serde_json::from_str(&preau_web::api::openapi_document()).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    assert!(!paths.is_empty());
    let param = |path: &str, method: &str, name: &str| {
        doc["paths"][path][method]["parameters"]
            .as_array()
            .and_then(|ps| ps.iter().find(|p| p["name"] == name).cloned())
            .unwrap_or(Value::Null)
    };
    let q = param("/api/v1/directory", "get", "q");
    assert_eq!(q["in"], "query", "{q}");
    assert_eq!(q["required"], true);
    assert_eq!(q["schema"]["minLength"], 3);
    assert_eq!(q["schema"]["maxLength"], 100);
    assert!(q["schema"]["pattern"].is_string());
    let apply = param("/api/v1/roster", "post", "apply");
    assert_eq!(apply["in"], "query", "{apply}");
    assert_eq!(apply["schema"]["type"], "boolean");
    for (path, method, name) in [
        ("/api/v1/people/{id}", "get", "id"),
        ("/api/v1/tokens/{id}", "delete", "id"),
        ("/api/v1/roster/batches/{batch}/emails", "post", "batch"),
    ] {
        let p = param(path, method, name);
        assert_eq!(p["in"], "path", "{path}");
        assert_eq!(p["schema"]["format"], "uuid", "{path}");
    }
    let name = &doc["components"]["schemas"]["NewApiToken"]["properties"]["name"];
    assert_eq!(name["minLength"], 1);
    assert_eq!(name["maxLength"], 60);
    assert!(name["pattern"].is_string());

    // Every operation documents its errors with the error body, 405 included.
    let mut operations = 0;
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            operations += 1;
            let responses = op["responses"].as_object().unwrap();
            assert!(responses.contains_key("405"), "{method} {path}");
            for (status, r) in responses {
                if status.starts_with('4') {
                    assert_eq!(
                        r["content"]["application/json"]["schema"]["$ref"],
                        "#/components/schemas/ErrorBody",
                        "{method} {path} {status}"
                    );
                }
                assert!(r["description"].is_string(), "{method} {path} {status}");
            }
            if op.get("requestBody").is_some() {
                assert!(responses.contains_key("413"), "{method} {path}");
            }
            if op["requestBody"]["content"]
                .get("application/json")
                .is_some()
            {
                for s in ["400", "415", "422"] {
                    assert!(responses.contains_key(s), "{method} {path} {s}");
                }
            }
        }
    }
    assert!(operations >= 11);
}

/// The search's limits are counted as the document's pattern counts them: what it declares
/// valid is answered 200 (nobody, when nothing is left once folded), what it declares invalid
/// 422 — found by the API fuzzing.
#[tokio::test]
async fn the_directory_search_counts_as_its_pattern_does() {
    let t = TestApp::spawn().await;
    let token = t.admin().await.api_token("recherche").await;
    let c = api();
    for (q, expected) in [
        // Three characters the pattern counts, none a letter once folded: nobody.
        ("\u{a8}\u{a8}\u{a8}", 200),
        ("Ñ\u{a8}\u{2dc}", 200),
        // Two the pattern counts: too short, even if folding makes four letters of them.
        ("\u{fb00}\u{fb00}", 422),
        ("z-é", 422),
    ] {
        let r = c
            .get(directory(&t, q))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        let v: Value = r.json().await.unwrap();
        assert_eq!(status, expected, "{q:?}: {v}");
        if expected == 200 {
            assert_eq!(v, json!([]), "{q:?}");
        } else {
            assert_eq!(v["error"]["fields"][0]["code"], "search-too-short", "{q:?}");
        }
    }
}

/// Issue 14: while the database does not answer (PostgreSQL restarting, a pool that cannot
/// connect), requests are answered 503 `unavailable` with `Retry-After`, never 500; the
/// health check says so too. A closed pool stands in for the lost database on both backends
/// (`scripts/crash-test --pg-outage` takes a real PostgreSQL away).
#[tokio::test]
async fn a_database_that_does_not_answer_is_a_503_not_a_500() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let token = admin.api_token("outage").await;
    t.app.db().close().await;

    let r = api()
        .get(format!("{}/api/v1/me", t.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
    assert_eq!(r.headers()["retry-after"], "5");
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], "unavailable");

    let r = admin.get("/compte").await;
    assert_eq!(r.status(), 503);
    assert_eq!(r.headers()["retry-after"], "5");
    assert!(r.text().await.unwrap().contains("indisponible"));

    let r = api()
        .get(format!("{}/api/v1/health", t.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
}
