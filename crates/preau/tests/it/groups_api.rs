//! Working groups through the JSON API (issue 10), over real HTTP with personal tokens: the
//! same consent-only membership as the pages — joined by the caller's own act only, member
//! lists for members only (administrators included), declines that stick, silent leaving.

use crate::helpers::*;
use reqwest::Method;
use serde_json::{Value, json};
use std::collections::BTreeMap;

const ALICE: &str = "alice.roux@ac-amiens.fr";
const BRUNO: &str = "bruno.leroy@ac-amiens.fr";
const CAMILLE: &str = "camille.fabre@ac-amiens.fr";
const DAVID: &str = "david.moreau@ac-amiens.fr";

/// Someone with a personal token.
struct Caller {
    url: String,
    token: String,
    client: reqwest::Client,
}

impl Caller {
    async fn send(&self, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut r = self
            .client
            .request(method, format!("{}{path}", self.url))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            r = r.json(&body);
        }
        let r = r.send().await.unwrap();
        let status = r.status().as_u16();
        let text = r.text().await.unwrap();
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        (status, value)
    }

    async fn get(&self, path: &str) -> (u16, Value) {
        self.send(Method::GET, path, None).await
    }

    async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.send(Method::POST, path, Some(body)).await
    }

    /// Creates a group and returns its id.
    async fn create(&self, name: &str, kind: &str, sensitive: bool) -> String {
        let (status, v) = self
            .post(
                "/api/v1/groups",
                json!({"name": name, "description": "Pour travailler ensemble", "kind": kind, "sensitive": sensitive}),
            )
            .await;
        assert_eq!(status, 201, "{v}");
        v["id"].as_str().unwrap().to_owned()
    }

    async fn id(&self) -> String {
        let (status, me) = self.get("/api/v1/me").await;
        assert_eq!(status, 200);
        me["id"].as_str().unwrap().to_owned()
    }

    /// The names of the members of a group, as this caller sees them.
    async fn members(&self, group: &str) -> Vec<String> {
        let (status, page) = self.get(&format!("/api/v1/groups/{group}")).await;
        assert_eq!(status, 200, "{page}");
        let mut names: Vec<String> = page["members"]
            .as_array()
            .expect("a member sees the members")
            .iter()
            .map(|m| m["name"].as_str().unwrap().to_owned())
            .collect();
        names.sort();
        names
    }

    /// The ids of the groups this caller belongs to.
    async fn my_groups(&self) -> Vec<String> {
        let (status, v) = self.get("/api/v1/groups").await;
        assert_eq!(status, 200, "{v}");
        v["mine"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["id"].as_str().unwrap().to_owned())
            .collect()
    }
}

struct Staff {
    alice: Caller,
    bruno: Caller,
    camille: Caller,
    david: Caller,
    admin: Caller,
}

/// Alice (school A), Bruno and Camille (school B), David (school B, visible to nobody), and
/// the administrator, each with a personal token.
async fn staff(t: &TestApp) -> Staff {
    let admin = t.admin().await;
    let csv = roster_csv(&[
        ("Roux", "Alice", ALICE, "0801234A", "École A", ""),
        ("Leroy", "Bruno", BRUNO, "0805678B", "École B", ""),
        ("Fabre", "Camille", CAMILLE, "0805678B", "École B", ""),
        ("Moreau", "David", DAVID, "0805678B", "École B", ""),
    ]);
    let (_, batch) = admin.import_roster(csv.as_bytes()).await;
    let mut tokens = BTreeMap::new();
    for (name, code) in admin.letters(&batch).await {
        let scope = if name.contains("David") {
            "nobody"
        } else {
            "my_places"
        };
        let browser = t.activate(&code, scope).await;
        let given = ["Alice", "Bruno", "Camille", "David"]
            .into_iter()
            .find(|g| name.contains(g))
            .unwrap();
        tokens.insert(given, browser.api_token("groupes").await);
    }
    let caller = |token: String| Caller {
        url: t.url.clone(),
        token,
        client: reqwest::Client::new(),
    };
    let mut take = |name: &str| caller(tokens.remove(name).unwrap_or_else(|| panic!("{name}")));
    Staff {
        alice: take("Alice"),
        bruno: take("Bruno"),
        camille: take("Camille"),
        david: take("David"),
        admin: caller(admin.api_token("groupes admin").await),
    }
}

fn field_code(v: &Value) -> (&str, &str) {
    let f = &v["error"]["fields"][0];
    (f["field"].as_str().unwrap(), f["code"].as_str().unwrap())
}

#[tokio::test]
async fn creating_a_group_checks_its_name_description_and_kind() {
    let t = TestApp::spawn().await;
    let s = staff(&t).await;
    let long = "x".repeat(81);
    let longer = "x".repeat(1001);
    for (body, field, code) in [
        (
            json!({"name": "  ", "kind": "open"}),
            "name",
            "group-name-missing",
        ),
        (
            json!({"name": long, "kind": "open"}),
            "name",
            "group-name-invalid",
        ),
        (
            json!({"name": "Cycle\u{7}3", "kind": "open"}),
            "name",
            "group-name-invalid",
        ),
        (
            json!({"name": "Cycle 3", "kind": "public"}),
            "kind",
            "group-kind-invalid",
        ),
        (
            json!({"name": "Cycle 3", "description": longer, "kind": "open"}),
            "description",
            "group-description-invalid",
        ),
    ] {
        let (status, v) = s.bruno.post("/api/v1/groups", body.clone()).await;
        assert_eq!(status, 422, "{body}: {v}");
        assert_eq!(v["error"]["code"], "invalid-input");
        assert_eq!(field_code(&v), (field, code), "{body}");
        let message = v["error"]["fields"][0]["message"].as_str().unwrap();
        assert!(!message.is_empty() && message != code, "{code}: {message}");
    }
    // Unknown fields are refused: a creator cannot name other members.
    let (status, _) = s
        .bruno
        .post(
            "/api/v1/groups",
            json!({"name": "Cycle 3", "kind": "open", "members": [s.camille.id().await]}),
        )
        .await;
    assert_eq!(status, 422);
    assert!(s.bruno.my_groups().await.is_empty(), "nothing was created");

    // Spaces are collapsed; the creator is the owner and the only member.
    let id = s.bruno.create("  Cycle   3  ", "closed", false).await;
    let (status, page) = s.bruno.get(&format!("/api/v1/groups/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(page["group"]["name"], "Cycle 3");
    assert_eq!(page["group"]["kind"], "closed");
    assert_eq!(page["group"]["role"], "owner");
    assert_eq!(page["group"]["sensitive"], false);
    assert_eq!(
        page["members"],
        json!([{"id": s.bruno.id().await, "name": "Bruno Leroy", "role": "owner"}])
    );
    assert_eq!(page["requests"], json!([]));
    assert_eq!(s.bruno.my_groups().await, vec![id]);
}

#[tokio::test]
async fn joining_asking_and_invitations_are_each_the_callers_own_act() {
    let t = TestApp::spawn().await;
    let s = staff(&t).await;
    let (alice_id, camille_id, david_id) =
        (s.alice.id().await, s.camille.id().await, s.david.id().await);
    let open = s.bruno.create("Jeux de cour", "open", false).await;
    let closed = s.bruno.create("Cycle 3 maths", "closed", false).await;

    // The directory lists both to Alice, who is in neither.
    let (_, lists) = s.alice.get("/api/v1/groups").await;
    assert_eq!(lists["mine"], json!([]));
    let listed: Vec<&str> = lists["directory"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert!(listed.contains(&open.as_str()) && listed.contains(&closed.as_str()));

    // An open group: one call.
    let (status, _) = s
        .alice
        .post(&format!("/api/v1/groups/{open}/join"), json!({}))
        .await;
    assert_eq!(status, 204);
    assert_eq!(
        s.alice.members(&open).await,
        vec!["Alice Roux", "Bruno Leroy"]
    );
    let (status, v) = s
        .alice
        .post(&format!("/api/v1/groups/{open}/join"), json!({}))
        .await;
    assert_eq!((status, &v["error"]["code"]), (403, &json!("forbidden")));

    // A closed group: joining is refused, asking waits for a manager.
    let (status, _) = s
        .alice
        .post(&format!("/api/v1/groups/{closed}/join"), json!({}))
        .await;
    assert_eq!(status, 403);
    let (status, _) = s
        .alice
        .post(&format!("/api/v1/groups/{closed}/requests"), json!({}))
        .await;
    assert_eq!(status, 204);
    let (_, page) = s.alice.get(&format!("/api/v1/groups/{closed}")).await;
    assert_eq!(page["group"]["role"], Value::Null);
    assert_eq!(page["members"], Value::Null, "not a member yet");
    let (_, page) = s.bruno.get(&format!("/api/v1/groups/{closed}")).await;
    let requests = page["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 1, "{page}");
    assert_eq!(
        (&requests[0]["id"], &requests[0]["name"]),
        (&json!(alice_id), &json!("Alice Roux"))
    );
    // A member who does not manage cannot decide.
    let (status, _) = s
        .alice
        .post(
            &format!("/api/v1/groups/{open}/requests/{alice_id}"),
            json!({"approve": true}),
        )
        .await;
    assert_eq!(status, 403);
    let decide = format!("/api/v1/groups/{closed}/requests/{alice_id}");
    let (status, _) = s.bruno.post(&decide, json!({"approve": "yes"})).await;
    assert_eq!(status, 422);
    let (status, _) = s.bruno.post(&decide, json!({"approve": true})).await;
    assert_eq!(status, 204);
    assert_eq!(
        s.alice.members(&closed).await,
        vec!["Alice Roux", "Bruno Leroy"]
    );
    let (status, _) = s.bruno.post(&decide, json!({"approve": true})).await;
    assert_eq!(status, 404, "the request is gone once decided");

    // A request nobody made adds nobody: David never asked.
    let (status, v) = s
        .bruno
        .post(
            &format!("/api/v1/groups/{closed}/requests/{david_id}"),
            json!({"approve": true}),
        )
        .await;
    assert_eq!((status, &v["error"]["code"]), (404, &json!("not-found")));
    assert!(s.david.my_groups().await.is_empty());

    // An invitation, accepted by the invitee herself.
    let private = s.bruno.create("Conseil de cycle", "private", false).await;
    let (status, _) = s
        .bruno
        .post(
            &format!("/api/v1/groups/{private}/invitations"),
            json!({"invitee": camille_id, "message": "Pour jeudi"}),
        )
        .await;
    assert_eq!(status, 204);
    assert_eq!(
        s.bruno.members(&private).await,
        vec!["Bruno Leroy"],
        "invited is not in"
    );
    let (status, invitations) = s.camille.get("/api/v1/group-invitations").await;
    assert_eq!(status, 200);
    let invitations = invitations.as_array().unwrap();
    assert_eq!(invitations.len(), 1);
    assert_eq!(invitations[0]["group_id"], json!(private));
    assert_eq!(invitations[0]["group_name"], "Conseil de cycle");
    assert_eq!(invitations[0]["inviter"], "Bruno Leroy");
    assert_eq!(invitations[0]["message"], "Pour jeudi");
    let invitation = invitations[0]["id"].as_str().unwrap().to_owned();
    // Nobody answers it for her, not even the inviter or the administrator.
    for other in [&s.bruno, &s.admin] {
        let (status, _) = other
            .post(
                &format!("/api/v1/group-invitations/{invitation}"),
                json!({"answer": "accept"}),
            )
            .await;
        assert_eq!(status, 404);
    }
    let (status, _) = s
        .camille
        .post(
            &format!("/api/v1/group-invitations/{invitation}"),
            json!({"answer": "yes"}),
        )
        .await;
    assert_eq!(status, 422);
    let (status, _) = s
        .camille
        .post(
            &format!("/api/v1/group-invitations/{invitation}"),
            json!({"answer": "accept"}),
        )
        .await;
    assert_eq!(status, 204);
    assert_eq!(
        s.camille.members(&private).await,
        vec!["Bruno Leroy", "Camille Fabre"]
    );

    // Someone the inviter may not see is nobody to invite: David, hidden from everyone, and
    // the inviter himself.
    let other = s.bruno.create("Autre", "private", false).await;
    for invitee in [&david_id, &s.bruno.id().await] {
        let (status, _) = s
            .bruno
            .post(
                &format!("/api/v1/groups/{other}/invitations"),
                json!({"invitee": invitee}),
            )
            .await;
        assert_eq!(status, 404, "{invitee}");
    }
    let (status, v) = s
        .bruno
        .post(
            &format!("/api/v1/groups/{other}/invitations"),
            json!({"invitee": camille_id, "message": "x".repeat(501)}),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(field_code(&v), ("message", "group-message-invalid"));
}

/// Bruno invites Camille; her pending invitations.
async fn invite_camille(s: &Staff, group: &str, camille: &str) -> Vec<Value> {
    let (status, _) = s
        .bruno
        .post(
            &format!("/api/v1/groups/{group}/invitations"),
            json!({"invitee": camille}),
        )
        .await;
    assert_eq!(status, 204);
    let (_, list) = s.camille.get("/api/v1/group-invitations").await;
    list.as_array().unwrap().clone()
}

#[tokio::test]
async fn a_decline_sticks_and_leaving_is_one_call_but_not_for_the_last_owner() {
    let t = TestApp::spawn().await;
    let s = staff(&t).await;
    let (bruno_id, camille_id) = (s.bruno.id().await, s.camille.id().await);
    let group = s.bruno.create("Entraide", "private", true).await;
    let first = invite_camille(&s, &group, &camille_id).await;
    assert_eq!(first.len(), 1);
    let (status, _) = s
        .camille
        .post(
            &format!(
                "/api/v1/group-invitations/{}",
                first[0]["id"].as_str().unwrap()
            ),
            json!({"answer": "decline"}),
        )
        .await;
    assert_eq!(status, 204);
    // The inviter gets the same answer, and nothing reaches her.
    assert!(
        invite_camille(&s, &group, &camille_id).await.is_empty(),
        "re-invited after a decline"
    );
    assert_eq!(s.bruno.members(&group).await, vec!["Bruno Leroy"]);

    // Leaving: the last owner is refused, hands over, then leaves.
    let open = s.bruno.create("Chorale", "open", false).await;
    let (status, _) = s
        .camille
        .post(&format!("/api/v1/groups/{open}/join"), json!({}))
        .await;
    assert_eq!(status, 204);
    let (status, v) = s
        .bruno
        .post(&format!("/api/v1/groups/{open}/leave"), json!({}))
        .await;
    assert_eq!(
        (status, &v["error"]["code"]),
        (409, &json!("group-last-owner"))
    );
    let message = v["error"]["message"].as_str().unwrap();
    assert!(message.contains("propriétaire"), "{message}");
    let role = |who: &str| format!("/api/v1/groups/{open}/members/{who}/role");
    let (status, v) = s
        .bruno
        .send(
            Method::PUT,
            &role(&bruno_id),
            Some(json!({"role": "member"})),
        )
        .await;
    assert_eq!(
        (status, &v["error"]["code"]),
        (409, &json!("group-last-owner"))
    );
    // Only an owner gives roles.
    let (status, _) = s
        .camille
        .send(
            Method::PUT,
            &role(&camille_id),
            Some(json!({"role": "owner"})),
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = s
        .bruno
        .send(
            Method::PUT,
            &role(&camille_id),
            Some(json!({"role": "chief"})),
        )
        .await;
    assert_eq!(status, 422);
    let (status, _) = s
        .bruno
        .send(
            Method::PUT,
            &role(&camille_id),
            Some(json!({"role": "owner"})),
        )
        .await;
    assert_eq!(status, 204);
    let (status, _) = s
        .bruno
        .post(&format!("/api/v1/groups/{open}/leave"), json!({}))
        .await;
    assert_eq!(status, 204);
    assert!(!s.bruno.my_groups().await.contains(&open));
    assert_eq!(s.camille.members(&open).await, vec!["Camille Fabre"]);
    // Once out, not a member to leave again.
    let (status, _) = s
        .bruno
        .post(&format!("/api/v1/groups/{open}/leave"), json!({}))
        .await;
    assert_eq!(status, 403);

    // Archived by its owner: read-only, still readable by its members.
    let (status, _) = s
        .bruno
        .post(&format!("/api/v1/groups/{open}/archive"), json!({}))
        .await;
    assert_eq!(status, 403, "a former member is not its owner");
    let (status, _) = s
        .camille
        .post(&format!("/api/v1/groups/{open}/archive"), json!({}))
        .await;
    assert_eq!(status, 204);
    let (_, page) = s.camille.get(&format!("/api/v1/groups/{open}")).await;
    assert_eq!(page["group"]["archived"], true);
    let (status, _) = s
        .bruno
        .post(&format!("/api/v1/groups/{open}/join"), json!({}))
        .await;
    assert_eq!(status, 404, "an archived group is nobody's to join");
}

#[tokio::test]
async fn outsiders_administrator_included_see_no_member_and_no_private_group() {
    let t = TestApp::spawn().await;
    let s = staff(&t).await;
    let private = s.bruno.create("Syndicat", "private", true).await;
    let open = s.bruno.create("Jeux de cour", "open", false).await;
    for outsider in [&s.alice, &s.admin] {
        let (status, v) = outsider.get(&format!("/api/v1/groups/{private}")).await;
        assert_eq!((status, &v["error"]["code"]), (404, &json!("not-found")));
        for action in ["join", "requests", "leave", "archive"] {
            let (status, _) = outsider
                .post(&format!("/api/v1/groups/{private}/{action}"), json!({}))
                .await;
            assert_eq!(status, 404, "{action}");
        }
        let (status, page) = outsider.get(&format!("/api/v1/groups/{open}")).await;
        assert_eq!(status, 200);
        assert_eq!(page["group"]["name"], "Jeux de cour");
        assert_eq!(page["members"], Value::Null);
        assert_eq!(page["requests"], Value::Null);
        assert_eq!(page["group"]["sensitive"], false, "told to members only");
        assert!(!page.to_string().contains("Bruno"));
        let (_, lists) = outsider.get("/api/v1/groups").await;
        assert!(!lists.to_string().contains(&private), "never listed");
        assert!(lists.to_string().contains(&open));
    }
    let (_, page) = s.bruno.get(&format!("/api/v1/groups/{private}")).await;
    assert_eq!(page["group"]["sensitive"], true);
    // An unknown id and an unreadable one answer alike.
    for path in [
        "/api/v1/groups/01932c4e-0000-7000-8000-000000000000",
        "/api/v1/groups/x",
    ] {
        let (status, v) = s.alice.get(path).await;
        assert_eq!(
            (status, &v["error"]["code"]),
            (404, &json!("not-found")),
            "{path}"
        );
    }
    // Without a token, nothing.
    let r = reqwest::Client::new()
        .get(format!("{}/api/v1/groups/{open}", t.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

/// A body for each request schema of the document, naming the bystander wherever a person
/// can be named; a schema not known here gets all of them, so a new route is still tried.
fn body_for(schema: Option<&str>, bystander: &str) -> Value {
    let all = [
        ("Decision", json!({"approve": true})),
        (
            "NewGroupInvitation",
            json!({"invitee": bystander, "message": "x"}),
        ),
        ("RoleChange", json!({"role": "owner"})),
        ("InvitationAnswer", json!({"answer": "accept"})),
        ("NewGroup", json!({"name": "Nouveau", "kind": "open"})),
        ("NewApiToken", json!({"name": "jeton"})),
        ("NewUnit", json!({"name": "Unité"})),
    ];
    match schema {
        None => json!({}),
        Some(name) => match all.iter().find(|(n, _)| *n == name) {
            Some((_, body)) => body.clone(),
            None => {
                let mut merged = serde_json::Map::new();
                for (_, body) in &all {
                    merged.extend(body.as_object().unwrap().clone());
                }
                Value::Object(merged)
            }
        },
    }
}

/// Guarantee 2 against every API route of the document: called by a colleague, the groups'
/// owner, someone hidden and the administrator, with paths naming the groups, the bystander's
/// own invitations and the bystander — and still the bystander, who never calls, is in no
/// group.
#[tokio::test]
async fn no_api_route_makes_anyone_a_member_but_the_caller() {
    let t = TestApp::spawn().await;
    let s = staff(&t).await;
    let bystander = s.camille.id().await;
    let mut ids = Vec::new();
    for kind in ["open", "closed", "private"] {
        let group = s.bruno.create(&format!("G {kind}"), kind, false).await;
        let (status, _) = s
            .bruno
            .post(
                &format!("/api/v1/groups/{group}/invitations"),
                json!({"invitee": bystander}),
            )
            .await;
        assert_eq!(status, 204);
        ids.push(group);
    }
    // Her invitations, to be answered by anyone but her (she only reads them).
    let (_, invitations) = s.camille.get("/api/v1/group-invitations").await;
    let invitations = invitations.as_array().unwrap();
    assert_eq!(invitations.len(), 3);
    ids.extend(
        invitations
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_owned()),
    );

    let doc: Value = serde_json::from_str(&preau_web::api::openapi_document()).unwrap();
    let mut routes = Vec::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for (method, op) in ops.as_object().unwrap() {
            let schema = op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
                .as_str()
                .map(|r| r.trim_start_matches("#/components/schemas/").to_owned());
            routes.push((
                method.to_uppercase().parse::<Method>().unwrap(),
                path.clone(),
                schema,
            ));
        }
    }
    // Archiving last: an archived group refuses what would come after it.
    routes.sort_by_key(|(_, path, _)| path.ends_with("/archive"));
    assert!(
        routes
            .iter()
            .filter(|(_, p, _)| p.contains("group"))
            .count()
            >= 12
    );
    let mut calls = 0;
    for who in [&s.alice, &s.bruno, &s.david, &s.admin] {
        for (method, template, schema) in &routes {
            if template.starts_with("/api/v1/tokens/") {
                continue; // would revoke the caller's token; covered in api.rs
            }
            if *method == Method::DELETE && template == "/api/v1/groups/{id}" {
                continue; // the owner would delete the groups asked about; notifications.rs
            }
            for id in &ids {
                let path = template
                    .replace("{id}", id)
                    .replace("{person}", &bystander)
                    .replace("{batch}", id);
                let body =
                    (*method != Method::GET).then(|| body_for(schema.as_deref(), &bystander));
                let (status, v) = who.send(method.clone(), &path, body).await;
                assert!(status < 500, "{method} {path}: {status} {v}");
                calls += 1;
            }
        }
    }
    assert!(calls > 200, "{calls}");
    assert!(
        s.camille.my_groups().await.is_empty(),
        "the bystander was enrolled by someone else"
    );
    for group in &ids[..3] {
        let members = s.bruno.members(group).await;
        assert!(members.contains(&"Bruno Leroy".to_owned()), "{members:?}");
        assert!(
            !members.contains(&"Camille Fabre".to_owned()),
            "{members:?}"
        );
    }
}
