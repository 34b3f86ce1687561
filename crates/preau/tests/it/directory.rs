//! The directory: minimal visibility by default, the person's own choices, limits.

use crate::helpers::*;
use preau_store::users;

/// Two teachers in two schools, activated with the given scopes; returns (viewer in school
/// A, person in school B).
async fn two_schools(t: &TestApp, scope_b: &str) -> (Browser, Browser) {
    let admin = t.admin().await;
    let csv = roster_csv(&[
        (
            "Aubert",
            "Nina",
            "nina.aubert@ac-amiens.fr",
            "0801234A",
            "École A",
            "",
        ),
        (
            "Brun",
            "Olivier",
            "olivier.brun@ac-amiens.fr",
            "0805678B",
            "École B",
            "direction d'école",
        ),
    ]);
    let (_, batch) = admin.import_roster(csv.as_bytes()).await;
    let letters = admin.letters(&batch).await;
    let code = |n: &str| {
        letters
            .iter()
            .find(|(name, _)| name == n)
            .unwrap()
            .1
            .clone()
    };
    let a = t.activate(&code("Nina Aubert"), "my_places").await;
    let b = t.activate(&code("Olivier Brun"), scope_b).await;
    (a, b)
}

async fn finds(b: &Browser, q: &str, name: &str) -> bool {
    let (status, page) = b.get_text(&format!("/annuaire?q={q}")).await;
    assert_eq!(status, 200);
    page.contains(name)
}

#[tokio::test]
async fn by_default_only_colleagues_of_the_same_school_find_you_and_you_can_widen_or_hide() {
    let t = TestApp::spawn().await;
    let (a, b) = two_schools(&t, "my_places").await;
    assert!(
        !finds(&a, "brun", "Olivier Brun").await,
        "DIR-01: another school, no shared group"
    );
    assert!(
        finds(&b, "brun", "Olivier Brun").await,
        "everyone finds themselves"
    );

    let save = |scope: &'static str, restricted: bool| {
        let mut f = vec![("scope", scope), ("show_structure", "oui")];
        if restricted {
            f.push(("restricted", "oui"));
        }
        f
    };
    assert_eq!(
        b.post("/compte/visibilite", &save("district", false))
            .await
            .status(),
        303
    );
    assert!(
        finds(&a, "brun", "Olivier Brun").await,
        "opted in to the whole district"
    );
    let (_, card) = a.get_text("/annuaire?q=olivier").await;
    assert!(
        card.contains("École B") && !card.contains("direction d"),
        "functions hidden unless chosen"
    );

    assert_eq!(
        b.post("/compte/visibilite", &save("district", true))
            .await
            .status(),
        303
    );
    assert!(
        !finds(&a, "brun", "Olivier Brun").await,
        "restricted: hidden from everyone"
    );
    assert_eq!(
        b.post("/compte/visibilite", &save("nobody", false))
            .await
            .status(),
        303
    );
    assert!(!finds(&a, "brun", "Olivier Brun").await, "nobody");
    let (_, page) = b.get_text("/compte/visibilite").await;
    assert!(page.contains(r#"value="nobody" checked"#));
}

#[tokio::test]
async fn a_profile_shows_only_chosen_fields_and_hidden_people_are_not_found_by_id() {
    let t = TestApp::spawn().await;
    let (a, b) = two_schools(&t, "district").await;
    let (_, page) = a.get_text("/annuaire?q=brun").await;
    let id = between(&page, "<li><a href=\"/annuaire/", "\"")[0].to_owned();
    let (status, card) = a.get_text(&format!("/annuaire/{id}")).await;
    assert_eq!(status, 200);
    assert!(
        card.contains("Olivier Brun")
            && card.contains("École B")
            && card.contains("direction d’école")
    );
    assert!(!card.contains("olivier.brun@"), "no address on the card");
    assert_eq!(
        b.post("/compte/visibilite", &[("scope", "nobody")])
            .await
            .status(),
        303
    );
    assert_eq!(a.get(&format!("/annuaire/{id}")).await.status(), 404);
    assert_eq!(
        a.get("/annuaire/00000000-0000-0000-0000-000000000000")
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn search_needs_three_characters_folds_accents_and_is_rate_limited() {
    let t = TestApp::spawn().await;
    let (a, _b) = two_schools(&t, "district").await;
    let (status, page) = a.get_text("/annuaire?q=br").await;
    assert_eq!(status, 422);
    assert!(page.contains("au moins 3 lettres ou chiffres"));
    assert!(
        finds(&a, "OLIVÏER", "Olivier Brun").await,
        "case and accents folded"
    );
    // One counted search so far this minute (too short is refused before counting); the
    // limit is 60.
    let mut last = 200;
    for _ in 0..59 {
        last = a.get("/annuaire?q=brun").await.status().as_u16();
    }
    assert_eq!(last, 200);
    let r = a.get("/annuaire?q=brun").await;
    assert_eq!(r.status(), 429, "the 61st search in a minute");
    t.advance(std::time::Duration::from_secs(60));
    assert_eq!(a.get("/annuaire?q=brun").await.status(), 200);
}

#[tokio::test]
async fn an_administrator_learns_which_rule_applies_and_nothing_private() {
    let t = TestApp::spawn().await;
    let (a, b) = two_schools(&t, "my_places").await;
    let admin = t.browser();
    assert_eq!(admin.login(ADMIN_EMAIL, PASSWORD).await.status(), 303);
    let ask = |viewer: &'static str, person: &'static str| {
        let admin = &admin;
        async move {
            let (status, page) = admin
                .post_text(
                    "/admin/visibilite",
                    &[("viewer", viewer), ("person", person)],
                )
                .await;
            assert_eq!(status, 200);
            page
        }
    };
    let nina = "nina.aubert@ac-amiens.fr";
    let olivier = "olivier.brun@ac-amiens.fr";
    assert!(ask(nina, olivier).await.contains("Non visible"));
    assert_eq!(
        b.post("/compte/visibilite", &[("scope", "district")])
            .await
            .status(),
        303
    );
    assert!(
        ask(nina, olivier)
            .await
            .contains("toute la circonscription")
    );
    // Paused, "nobody" and no account at all give one and the same answer.
    assert_eq!(
        b.post(
            "/compte/visibilite",
            &[("scope", "district"), ("restricted", "oui")]
        )
        .await
        .status(),
        303
    );
    let paused = ask(nina, olivier).await;
    let unknown = ask(nina, "personne@ac-amiens.fr").await;
    let answer = |page: &str| {
        let found = between(page, "role=\"status\"", "</div>")
            .concat()
            .to_owned();
        assert!(!found.is_empty(), "an answer is shown: {page}");
        found
    };
    assert_eq!(answer(&paused), answer(&unknown));
    // An invitation (the roster sent again, with one more person) is not an account either.
    let csv = roster_csv(&[
        ("Aubert", "Nina", nina, "0801234A", "École A", ""),
        (
            "Brun",
            "Olivier",
            olivier,
            "0805678B",
            "École B",
            "direction d'école",
        ),
        (
            "Caron",
            "Célia",
            "celia.caron@ac-amiens.fr",
            "0801234A",
            "École A",
            "",
        ),
    ]);
    admin.import_roster(csv.as_bytes()).await;
    let invited = ask(nina, "celia.caron@ac-amiens.fr").await;
    assert_eq!(answer(&invited), answer(&unknown));
    // Each question is in the journal once, whatever the addresses turned out to be, and the
    // overview shows each in words.
    assert_eq!(
        preau_store::lifecycle::count_audit(t.app.db(), "visibility-explained")
            .await
            .unwrap(),
        5,
        "every question audited, found or not"
    );
    let (_, overview) = admin.get_text("/admin").await;
    assert_eq!(
        overview
            .matches("Question « Qui voit qui ? » posée")
            .count(),
        5,
        "each question in the journal's words"
    );
    assert!(
        !overview.contains("visibility-explained"),
        "no machine code"
    );
    // Only administrators may ask.
    assert_eq!(
        a.post(
            "/admin/visibilite",
            &[("viewer", nina), ("person", olivier)]
        )
        .await
        .status(),
        403
    );
}

#[tokio::test]
async fn a_new_information_notice_is_announced_until_read() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    // The first administrator never accepted a notice: the banner asks them to read it.
    let (_, home) = admin.get_text("/").await;
    assert!(home.contains("a été mise à jour"));
    assert_eq!(admin.post("/compte/notice-lue", &[]).await.status(), 303);
    let (_, home) = admin.get_text("/").await;
    assert!(
        !home.contains("a été mise à jour"),
        "shown until read, then never again"
    );
    assert_eq!(
        preau_store::lifecycle::count_audit(t.app.db(), "notice-acknowledged")
            .await
            .unwrap(),
        1,
        "the reading is logged"
    );
    // The overview shows it only as a day's count, never as one person's act at a time.
    let (_, overview) = admin.get_text("/admin").await;
    let daily = between(&overview, "id=\"daily-heading\"", "</table>").concat();
    assert!(
        daily
            .contains("<td>2026-09-01</td><td>Notices d’information lues</td><td>moins de 10</td>"),
        "{daily}"
    );
    let acts = between(&overview, "id=\"audit-heading\"", "id=\"daily-heading\"").concat();
    assert!(!acts.is_empty() && !acts.contains("Notice"), "{acts}");
    assert!(!overview.contains("notice-acknowledged"), "no machine code");
}

async fn account_id(t: &TestApp, email: &str) -> uuid::Uuid {
    users::by_email(t.app.db(), email)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn api_get(t: &TestApp, token: &str, path: &str) -> (u16, String) {
    let r = http()
        .get(format!("{}{path}", t.url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.text().await.unwrap())
}

/// The API answers for people as the pages do (issue 9 §2): an invitation, a paused account
/// and a "nobody" account are absent from every search and 404 by id, for every role — the
/// administrator and the IEN included — while a district-wide colleague is found (so the
/// checks can fail).
#[tokio::test]
async fn invitations_paused_and_nobody_accounts_are_invisible_through_the_api_as_on_the_pages() {
    let t = TestApp::spawn_with(|c| c.run_jobs = false).await;
    let admin = t.admin().await;
    let school = "0801234A";
    let csv = roster_csv(&[
        (
            "Viewer",
            "Ana",
            "ana.viewer@ac-amiens.fr",
            school,
            "École A",
            "",
        ),
        (
            "Lefort",
            "Ivan",
            "ivan.lefort@ac-amiens.fr",
            "0809999C",
            "Circonscription",
            "IEN",
        ),
        (
            "Visible",
            "Vera",
            "vera.visible@ac-amiens.fr",
            school,
            "École A",
            "",
        ),
        (
            "Pause",
            "Paula",
            "paula.pause@ac-amiens.fr",
            school,
            "École A",
            "",
        ),
        (
            "Personne",
            "Nora",
            "nora.personne@ac-amiens.fr",
            school,
            "École A",
            "",
        ),
        (
            "Invitee",
            "Iris",
            "iris.invitee@ac-amiens.fr",
            school,
            "École A",
            "",
        ),
    ]);
    let (_, batch) = admin.import_roster(csv.as_bytes()).await;
    let letters = admin.letters(&batch).await;
    let code = |n: &str| {
        letters
            .iter()
            .find(|(name, _)| name == n)
            .unwrap()
            .1
            .clone()
    };
    let teacher = t.activate(&code("Ana Viewer"), "my_places").await;
    let ien = t.activate(&code("Ivan Lefort"), "district").await;
    t.activate(&code("Vera Visible"), "district").await;
    let paused = t.activate(&code("Paula Pause"), "district").await;
    let r = paused
        .post(
            "/compte/visibilite",
            &[("scope", "district"), ("restricted", "oui")],
        )
        .await;
    assert_eq!(r.status(), 303);
    t.activate(&code("Nora Personne"), "nobody").await;

    let invitation = {
        let mut tx = t.app.db().begin().await.unwrap();
        let all = preau_store::invitations::index(&mut tx).await.unwrap();
        all.into_iter()
            .find(|i| i.email == "iris.invitee@ac-amiens.fr")
            .unwrap()
            .id
    };
    let hidden = [
        (
            "paused",
            "paula",
            account_id(&t, "paula.pause@ac-amiens.fr").await,
        ),
        (
            "nobody",
            "nora",
            account_id(&t, "nora.personne@ac-amiens.fr").await,
        ),
        ("invitation", "iris", invitation),
    ];
    let visible = account_id(&t, "vera.visible@ac-amiens.fr").await;

    for (role, b) in [("teacher", &teacher), ("IEN", &ien), ("admin", &admin)] {
        let token = b.api_token("people").await;
        // The control: a district-wide colleague is found, by search and by id.
        let (status, found) = api_get(&t, &token, "/api/v1/directory?q=vera").await;
        assert_eq!(status, 200, "{role}");
        assert!(found.contains(&visible.to_string()), "{role}: {found}");
        assert_eq!(
            api_get(&t, &token, &format!("/api/v1/people/{visible}"))
                .await
                .0,
            200,
            "{role}"
        );
        assert_eq!(
            b.get(&format!("/annuaire/{visible}")).await.status(),
            200,
            "{role}"
        );
        for (what, q, id) in &hidden {
            let (status, list) = api_get(&t, &token, &format!("/api/v1/directory?q={q}")).await;
            assert_eq!(status, 200, "{role} {what}");
            let list: serde_json::Value = serde_json::from_str(&list).unwrap();
            assert_eq!(
                list,
                serde_json::json!([]),
                "{role} finds the {what} by the API"
            );
            let (status, body) = api_get(&t, &token, &format!("/api/v1/people/{id}")).await;
            assert_eq!(status, 404, "{role}: the {what} by id through the API");
            assert!(body.contains("\"not-found\""), "{role} {what}: {body}");
            let (status, page) = b.get_text(&format!("/annuaire?q={q}")).await;
            assert_eq!(status, 200);
            let results = between(&page, "id=\"results\"", "</main>").concat();
            assert!(!results.is_empty(), "{role} {what}: a result section");
            assert!(
                !results.contains("/annuaire/"),
                "{role} finds the {what} on the page"
            );
            assert_eq!(
                b.get(&format!("/annuaire/{id}")).await.status(),
                404,
                "{role}: the {what} by id on the page"
            );
        }
    }
}
