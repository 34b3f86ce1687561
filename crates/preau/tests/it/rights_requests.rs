//! Rights requests that need a human (issue 11, RGT-08): the deadline and its extension with
//! the clock, closing only with a message, a refusal only with its ground and the CNIL, the
//! reminders at D+20 and D+27 sent once, the person's access log, the correction asked from
//! « Mes données », letters entered by an administrator, and a public form that answers the
//! same for any address.

use crate::helpers::*;
use preau_app::AppError;
use preau_app::i18n::Lang;
use preau_app::rights::{Closing, PostalRequest};
use preau_domain::rights::RequestStatus;
use std::time::Duration;

const ALICE: &str = "alice.roux@ac-amiens.fr";
const DAY: Duration = Duration::from_secs(86_400);

async fn alice(t: &TestApp, admin: &Browser) -> preau_app::Actor {
    let csv = roster_csv(&[("Roux", "Alice", ALICE, "0801234A", "École A", "")]);
    let (_, batch) = admin.import_roster(csv.as_bytes()).await;
    for (_, code) in admin.letters(&batch).await {
        t.activate(&code, "my_places").await;
    }
    actor(t, ALICE).await
}

fn field_error(e: AppError, field: &str) -> &'static str {
    match e {
        AppError::Invalid(f) => f.get(field).unwrap_or_else(|| panic!("no {field}: {f:?}")),
        other => panic!("expected field errors, got {other:?}"),
    }
}

fn conflict(e: AppError) -> &'static str {
    match e {
        AppError::RightsConflict(code) => code,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

/// Mails delivered so far whose text contains `needle` (soft line breaks removed).
async fn mails_with(t: &TestApp, needle: &str) -> Vec<String> {
    t.app.deliver_due_mail().await.unwrap();
    outbox_files(t)
        .into_iter()
        .map(|m| m.replace("=\r\n", "").replace("=\n", ""))
        .filter(|m| m.contains(needle))
        .collect()
}

#[tokio::test]
async fn the_deadline_is_a_month_and_an_extension_needs_a_reason_within_it() {
    let t = TestApp::spawn().await;
    let admin_b = t.admin().await;
    let alice = alice(&t, &admin_b).await;
    let admin = actor(&t, ADMIN_EMAIL).await;
    let id = t
        .app
        .request_correction(&alice, &["corps".into()], "Je suis PE, pas PLP.")
        .await
        .unwrap();
    let r = t.app.rights_request(&admin, id).await.unwrap();
    assert_eq!(r.received_at.date(), "2026-09-01");
    assert_eq!(r.due_at.date(), "2026-10-01", "one calendar month");
    assert_eq!(r.status, RequestStatus::Open);
    assert!(!r.overdue);

    // Without a reason, or for three months: refused.
    let e = t
        .app
        .extend_rights_request(&admin, id, "1", "  ")
        .await
        .unwrap_err();
    assert_eq!(field_error(e, "reason"), "rights-extension-reason-missing");
    let e = t
        .app
        .extend_rights_request(&admin, id, "3", "Complexe")
        .await
        .unwrap_err();
    assert_eq!(field_error(e, "months"), "rights-extension-months-invalid");

    // After the first month: refused, and the request is overdue.
    t.advance(31 * DAY);
    let admin = actor(&t, ADMIN_EMAIL).await;
    let e = t
        .app
        .extend_rights_request(&admin, id, "1", "Complexe")
        .await
        .unwrap_err();
    assert_eq!(conflict(e), "rights-extension-too-late");
    let q = t.app.rights_queue(&admin).await.unwrap();
    assert_eq!(q.overdue, 1);
    assert!(q.pending[0].overdue);

    // Within the first month, with a reason: extended, the person told, once only.
    let alice = actor(&t, ALICE).await;
    let second = t
        .app
        .request_correction(&alice, &["name".into()], "Mon nom d'usage est Roux-Martin.")
        .await
        .unwrap();
    t.advance(10 * DAY);
    let admin = actor(&t, ADMIN_EMAIL).await;
    t.app
        .extend_rights_request(&admin, second, "2", "Vérification auprès du rectorat")
        .await
        .unwrap();
    let r = t.app.rights_request(&admin, second).await.unwrap();
    assert_eq!(r.status, RequestStatus::Extended);
    assert_eq!(
        r.due_at.date(),
        "2027-01-02",
        "received 2 October, plus three months"
    );
    let mails = mails_with(&t, "du rectorat").await;
    assert_eq!(mails.len(), 1, "the reason goes to the person");
    assert!(mails[0].contains(ALICE));
    let e = t
        .app
        .extend_rights_request(&admin, second, "1", "Encore")
        .await
        .unwrap_err();
    assert_eq!(conflict(e), "rights-request-not-open");

    // The person sees the extension in their access log and on their page.
    let alice = actor(&t, ALICE).await;
    let log = t.app.access_log(&alice, Lang::Fr).await.unwrap();
    assert!(
        log.iter().any(|e| e.action == "request-extended"),
        "{log:?}"
    );
    let mine = t.app.my_rights_requests(&alice).await.unwrap();
    assert_eq!(mine.len(), 2);
}

#[tokio::test]
async fn closing_needs_a_message_and_a_refusal_its_ground_and_the_cnil() {
    let t = TestApp::spawn().await;
    let admin_b = t.admin().await;
    let alice = alice(&t, &admin_b).await;
    let admin = actor(&t, ADMIN_EMAIL).await;
    let id = t
        .app
        .request_correction(&alice, &["structure".into()], "Je suis à l'école B.")
        .await
        .unwrap();
    let close = |outcome: &'static str, ground: &'static str, message: &'static str| Closing {
        outcome,
        ground,
        message,
    };
    let e = t
        .app
        .close_rights_request(&admin, id, &close("done", "", "  "))
        .await
        .unwrap_err();
    assert_eq!(field_error(e, "message"), "rights-answer-missing");
    let e = t
        .app
        .close_rights_request(&admin, id, &close("refused", "", "Non."))
        .await
        .unwrap_err();
    assert_eq!(field_error(e, "ground"), "rights-ground-missing");
    let e = t
        .app
        .close_rights_request(&admin, id, &close("maybe", "", "Non."))
        .await
        .unwrap_err();
    assert_eq!(field_error(e, "outcome"), "rights-outcome-invalid");
    assert_eq!(
        t.app.rights_request(&admin, id).await.unwrap().status,
        RequestStatus::Open
    );

    t.app
        .close_rights_request(
            &admin,
            id,
            &close(
                "refused",
                "data-accurate",
                "L'annuaire académique vous affecte à l'école A.",
            ),
        )
        .await
        .unwrap();
    let r = t.app.rights_request(&admin, id).await.unwrap();
    assert_eq!(r.status, RequestStatus::ClosedRefused);
    let mails = mails_with(&t, "vous affecte").await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].contains("CNIL"), "{}", mails[0]);
    assert!(mails[0].contains("RGPD art. 16"), "{}", mails[0]);
    // Closed once.
    let e = t
        .app
        .close_rights_request(&admin, id, &close("done", "", "Fait."))
        .await
        .unwrap_err();
    assert_eq!(conflict(e), "rights-request-not-open");

    // The person: access log, notification, state on their page.
    let alice = actor(&t, ALICE).await;
    let log = t.app.access_log(&alice, Lang::Fr).await.unwrap();
    assert!(log.iter().any(|e| e.action == "request-refused"), "{log:?}");
    let (news, unread) = t.app.notifications(&alice).await.unwrap();
    assert_eq!(unread, 1);
    assert_eq!(news[0].link(), "/compte/donnees/demandes");
    let b = t.browser();
    b.login(ALICE, PASSWORD).await;
    let (status, page) = b.get_text("/compte/donnees/demandes").await;
    assert_eq!(status, 200);
    assert!(page.contains("Close : refusée"), "{page}");
    assert!(page.contains("Données exactes"), "{page}");
    let (_, journal) = b.get_text("/compte/donnees").await;
    assert!(journal.contains("a refusé votre demande"), "{journal}");

    // The journal of administrators says it was closed, never whose.
    let (_, overview) = admin_b.get_text("/admin").await;
    assert!(overview.contains("Demande d’exercice des droits close"));
    assert!(
        !main_of(&overview).contains("Roux"),
        "no name in the overview"
    );

    // Closed requests go 12 months after closing.
    t.advance(366 * DAY);
    let purged = t.app.purge_expired().await.unwrap();
    assert_eq!(purged.get("rights_requests"), 1);
}

async fn reminders(t: &TestApp, day: u64) -> usize {
    mails_with(t, &format!("attend depuis {day} jours"))
        .await
        .len()
}

#[tokio::test]
async fn the_administrators_are_reminded_at_d20_and_d27_once_each() {
    let t = TestApp::spawn().await;
    let admin_b = t.admin().await;
    let alice = alice(&t, &admin_b).await;
    t.app
        .request_correction(&alice, &["functions".into()], "Je suis directrice.")
        .await
        .unwrap();
    t.advance(19 * DAY);
    assert_eq!(t.app.remind_rights_requests().await.unwrap(), 0);
    t.advance(DAY);
    assert_eq!(t.app.remind_rights_requests().await.unwrap(), 1);
    assert_eq!(t.app.remind_rights_requests().await.unwrap(), 0, "once");
    assert_eq!(reminders(&t, 20).await, 1);
    t.advance(7 * DAY);
    assert_eq!(t.app.remind_rights_requests().await.unwrap(), 1);
    t.advance(DAY);
    assert_eq!(t.app.remind_rights_requests().await.unwrap(), 0, "once");
    assert_eq!(reminders(&t, 20).await, 1);
    assert_eq!(reminders(&t, 27).await, 1);
    let mail = &mails_with(&t, "attend depuis 27 jours").await[0];
    assert!(mail.contains(ADMIN_EMAIL));
    assert!(!mail.contains("Roux"), "no name in a reminder");
}

#[tokio::test]
async fn the_public_form_answers_the_same_for_any_address() {
    let t = TestApp::spawn().await;
    let admin_b = t.admin().await;
    alice(&t, &admin_b).await;
    // Someone invited who has not answered, too.
    let csv = roster_csv(&[
        ("Roux", "Alice", ALICE, "0801234A", "École A", ""),
        (
            "Petit",
            "Jean",
            "jean.petit@ac-amiens.fr",
            "0801234A",
            "École A",
            "",
        ),
    ]);
    admin_b.import_roster(csv.as_bytes()).await;
    let visitor = t.browser();
    let (status, form) = visitor.get_text("/demande-donnees").await;
    assert_eq!(status, 200);
    assert!(form.contains("<label for=\"email\">"), "{form}");

    let mut answers = Vec::new();
    for (name, email) in [
        ("Alice Roux", ALICE),
        ("Jean Petit", "jean.petit@ac-amiens.fr"),
        ("Marc Nul", "marc.nul@ac-amiens.fr"),
    ] {
        let (status, page) = t
            .browser()
            .post_text(
                "/demande-donnees",
                &[
                    ("name", name),
                    ("email", email),
                    ("kind", "erasure"),
                    ("body", "Effacez ce qui me concerne."),
                ],
            )
            .await;
        answers.push((status, main_of(&page).to_owned()));
        let mails = mails_with(&t, email).await;
        let confirmations: Vec<_> = mails
            .iter()
            .filter(|m| m.contains("/demande-donnees/"))
            .collect();
        assert_eq!(confirmations.len(), 1, "{email}: one confirmation link");
    }
    assert_eq!(answers[0].0, 200);
    assert!(answers.iter().all(|a| a == &answers[0]), "{answers:#?}");

    // Nothing is in the queue before the link is followed.
    let admin = actor(&t, ADMIN_EMAIL).await;
    assert!(t.app.rights_queue(&admin).await.unwrap().pending.is_empty());
    let link = t.newest_link("/demande-donnees/").await;
    let (status, page) = visitor.get_text(&link).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("method=\"post\""),
        "a scanner fetching the link changes nothing"
    );
    assert!(t.app.rights_queue(&admin).await.unwrap().pending.is_empty());
    assert_eq!(visitor.post(&link, &[]).await.status(), 200);
    let q = t.app.rights_queue(&admin).await.unwrap();
    assert_eq!(q.pending.len(), 1);
    assert_eq!(q.pending[0].requester_email, "marc.nul@ac-amiens.fr");
    assert!(!q.pending[0].has_account);
    assert_eq!(visitor.post(&link, &[]).await.status(), 404, "once");

    // Errors keep what was typed.
    let (status, page) = visitor
        .post_text(
            "/demande-donnees",
            &[
                ("name", "Marc Nul"),
                ("email", "pas une adresse"),
                ("kind", "other"),
                ("body", ""),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("class=\"error-summary\""), "{page}");
    assert!(page.contains("value=\"Marc Nul\""), "{page}");

    // Unconfirmed requests go after 48 hours.
    t.advance(3 * DAY);
    let purged = t.app.purge_expired().await.unwrap();
    assert_eq!(purged.get("rights_requests"), 2);
}

#[tokio::test]
async fn administrators_enter_letters_and_see_the_queue_by_due_date() {
    let t = TestApp::spawn().await;
    let admin_b = t.admin().await;
    let alice_a = alice(&t, &admin_b).await;
    let (status, page) = admin_b.get_text("/admin/demandes").await;
    assert_eq!(status, 200);
    assert!(page.contains("0 en retard"), "{page}");
    let (_, overview) = admin_b.get_text("/admin").await;
    assert!(overview.contains("href=\"/admin/demandes\""));
    assert!(overview.contains("0 en retard"));

    // A wrong letter keeps what was typed and says what is wrong.
    let (status, page) = admin_b
        .post_text(
            "/admin/demandes",
            &[
                ("name", "Paul Durand"),
                ("email", "paul.durand@ac-amiens.fr"),
                ("kind", "access"),
                ("received_on", "2026-13-01"),
                ("body", ""),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("value=\"Paul Durand\""), "{page}");
    assert!(page.contains("href=\"#received_on\""), "{page}");
    assert!(page.contains("href=\"#body\""), "{page}");

    // A letter that arrived five weeks ago is already overdue; one from Alice's address is
    // hers.
    for (name, email, day) in [
        ("Paul Durand", "paul.durand@ac-amiens.fr", "2026-07-25"),
        ("Alice Roux", ALICE, "2026-08-30"),
    ] {
        let r = admin_b
            .post(
                "/admin/demandes",
                &[
                    ("name", name),
                    ("email", email),
                    ("kind", "access"),
                    ("received_on", day),
                    ("body", "Copie de mes données."),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
    }
    let (_, page) = admin_b.get_text("/admin/demandes").await;
    assert!(page.contains("1 en retard"), "{page}");
    let paul = page.find("Paul Durand").unwrap();
    let alice_row = page.find("Alice Roux").unwrap();
    assert!(paul < alice_row, "sorted by due date");
    let mine = t.app.my_rights_requests(&alice_a).await.unwrap();
    assert_eq!(mine.len(), 1, "the letter is Alice's");
    let log = t.app.access_log(&alice_a, Lang::Fr).await.unwrap();
    assert!(log.iter().any(|e| e.action == "request-entered"));

    // A future date is refused.
    let admin = actor(&t, ADMIN_EMAIL).await;
    let e = t
        .app
        .enter_postal_request(
            &admin,
            &PostalRequest {
                name: "X",
                email: "x@ac-amiens.fr",
                kind: "other",
                body: "x",
                received_on: "2026-09-02",
            },
        )
        .await
        .unwrap_err();
    assert_eq!(conflict(e), "rights-received-future");

    // Not for others: 403 on the pages and the API.
    let member = t.browser();
    member.login(ALICE, PASSWORD).await;
    assert_eq!(member.get("/admin/demandes").await.status(), 403);
    assert!(matches!(
        t.app.rights_queue(&alice_a).await,
        Err(AppError::Forbidden)
    ));
}

#[tokio::test]
async fn a_roster_field_is_corrected_by_a_request_from_my_data() {
    let t = TestApp::spawn().await;
    let admin_b = t.admin().await;
    alice(&t, &admin_b).await;
    let b = t.browser();
    b.login(ALICE, PASSWORD).await;
    let (_, my_data) = b.get_text("/compte/donnees").await;
    assert!(
        my_data.contains("href=\"/compte/donnees/demandes\""),
        "{my_data}"
    );
    let (status, page) = b.get_text("/compte/donnees/demandes").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("href=\"/compte/visibilite\""),
        "self-managed fields are linked"
    );
    assert!(page.contains("École A"), "the roster's values are shown");

    let (status, page) = b
        .post_text(
            "/compte/donnees/demandes",
            &[("body", "Mon corps est faux.")],
        )
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("href=\"#fields\""), "{page}");
    assert!(page.contains("Mon corps est faux."), "{page}");
    let r = b
        .post(
            "/compte/donnees/demandes",
            &[("field_corps", "oui"), ("body", "Je suis PE.")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, page) = b
        .get_text("/compte/donnees/demandes?ok=rights-correction-sent")
        .await;
    assert!(page.contains("Ouverte"), "{page}");
    assert!(page.contains("2026-10-01"), "{page}");

    let (_, queue) = admin_b.get_text("/admin/demandes").await;
    assert!(
        queue.contains("Alice Roux"),
        "the queue names the requester"
    );
}

#[tokio::test]
async fn the_api_handles_the_queue_for_administrators_only() {
    let t = TestApp::spawn().await;
    let admin_b = t.admin().await;
    alice(&t, &admin_b).await;
    let admin = admin_b.api_token("rights").await;
    let member_b = t.browser();
    member_b.login(ALICE, PASSWORD).await;
    let member = member_b.api_token("mine").await;
    let client = http();
    let url = |p: &str| format!("{}/api/v1{p}", t.url);

    let r = client
        .post(url("/rights-requests"))
        .bearer_auth(&member)
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "who asks comes before what is asked");
    let r = client
        .post(url("/rights-requests"))
        .bearer_auth(&admin)
        .json(&serde_json::json!({
            "name": "Paul Durand", "email": "paul.durand@ac-amiens.fr", "kind": "objection",
            "text": "Je m'oppose.\nMerci.", "received_on": "2026-08-20"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let id = r.json::<serde_json::Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = client
        .post(url(&format!("/rights-requests/{id}/closing")))
        .bearer_auth(&admin)
        .json(&serde_json::json!({"outcome": "refused", "message": "Non."}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        422,
        "a refusal without its ground is not a closing"
    );
    let r = client
        .post(url(&format!("/rights-requests/{id}/closing")))
        .bearer_auth(&admin)
        .json(&serde_json::json!({"outcome": "done", "message": "  "}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("rights-answer-missing"), "{body}");
    let r = client
        .post(url(&format!("/rights-requests/{id}/extension")))
        .bearer_auth(&admin)
        .json(&serde_json::json!({"months": 1.0, "reason": "Trop de demandes ce mois-ci."}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let queue: serde_json::Value = client
        .get(url("/rights-requests"))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(queue["overdue"], 0);
    assert_eq!(queue["pending"][0]["status"], "extended");
    assert_eq!(queue["pending"][0]["due_at"], "2026-10-20T00:00:00Z");
    // Once extended, a second extension is a conflict with the request's state.
    let r = client
        .post(url(&format!("/rights-requests/{id}/extension")))
        .bearer_auth(&admin)
        .json(&serde_json::json!({"months": 1, "reason": "Encore."}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    let r = client
        .post(url(&format!("/rights-requests/{id}/closing")))
        .bearer_auth(&admin)
        .json(&serde_json::json!({
            "outcome": "refused", "ground": "public-task", "message": "Obligation légale."
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);

    // The person's own: a correction, then its state.
    let r = client
        .post(url("/me/rights-requests"))
        .bearer_auth(&member)
        .json(&serde_json::json!({"fields": ["structure"], "text": "École B."}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let mine: serde_json::Value = client
        .get(url("/me/rights-requests"))
        .bearer_auth(&member)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(mine[0]["fields"][0], "structure");
    assert_eq!(mine[0]["status"], "open");
    let r = client
        .get(url("/rights-requests"))
        .bearer_auth(&member)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}
