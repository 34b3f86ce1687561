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
