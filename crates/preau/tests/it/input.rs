//! Input that is the same is the same, and input that breaks says so: Unicode forms of one
//! address, lookalike addresses, search wildcards, redirect targets, form posts without
//! their origin, unreadable paths and queries (issue 9, part 3b).

use crate::helpers::*;

const SCHOOL: &str = "0801234A";

#[tokio::test]
async fn one_address_typed_in_nfc_or_nfd_is_one_invitation_and_one_person() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let nfc = "h\u{e9}l\u{e8}ne.dupont@ac-amiens.fr";
    let nfd = "he\u{301}le\u{300}ne.dupont@ac-amiens.fr";
    let csv = roster_csv(&[
        ("Dupont", "H\u{e9}l\u{e8}ne", nfc, SCHOOL, "École A", ""),
        ("Dupont", "He\u{301}le\u{300}ne", nfd, SCHOOL, "École A", ""),
    ]);
    let (_, batch) = admin.import_roster(csv.as_bytes()).await;
    let letters = admin.letters(&batch).await;
    assert_eq!(letters.len(), 1, "two spellings, one person: {letters:?}");
    let helene = t.activate(&letters[0].1, "district").await;
    // Found whether the search is typed precomposed or decomposed.
    for q in ["H%C3%A9l%C3%A8ne", "He%CC%81le%CC%80ne", "helene"] {
        let (status, page) = helene.get_text(&format!("/annuaire?q={q}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Dupont"), "{q}");
    }
    // And logs in with either form of the address.
    helene.post("/deconnexion", &[]).await;
    assert_eq!(t.browser().login(nfd, PASSWORD).await.status(), 303);
}

#[tokio::test]
async fn addresses_that_pass_for_another_are_refused_with_the_reason() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let csv = roster_csv(&[
        (
            "Ada",
            "Lovelace",
            "ada.ad\u{200b}min@ac-amiens.fr",
            SCHOOL,
            "École A",
            "",
        ),
        (
            "Ada",
            "Lovelace",
            "ad\u{456}n@ac-amiens.fr",
            SCHOOL,
            "École A",
            "",
        ),
        (
            "Ada",
            "Lovelace",
            "ａｄａ@ac-amiens.fr",
            SCHOOL,
            "École A",
            "",
        ),
        (
            "Ada",
            "Lovelace",
            "\u{202e}ada@ac-amiens.fr",
            SCHOOL,
            "École A",
            "",
        ),
    ]);
    let (status, page) = admin.upload_roster(csv.as_bytes()).await;
    assert_eq!(status, 200);
    let refusals = page
        .matches("Adresse électronique refusée : caractères invisibles, en pleine chasse ou d’alphabets mélangés.")
        .count();
    assert_eq!(refusals, 4, "each line refused with its reason: {page}");

    // The same on a form: the reason, and what was typed kept.
    let (status, page) = admin
        .post_text(
            "/compte/adresse-de-secours",
            &[
                ("recovery_email", "ad\u{456}n@example.org"),
                ("consent", "on"),
            ],
        )
        .await;
    assert_eq!(status, 422, "{page}");
    assert!(page.contains("mélange des lettres latines"), "{page}");
}

#[tokio::test]
async fn search_wildcards_are_searched_for_as_themselves() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    // `_` separates words like a space: `___` is an empty search, refused as too short.
    let (status, _) = admin.get_text("/annuaire?q=___").await;
    assert_eq!(status, 422);
    for q in ["%25%25%25", "%5C%5C%5C", "a%25b", "m%25r"] {
        let (status, page) = admin.get_text(&format!("/annuaire?q={q}")).await;
        assert_eq!(status, 200, "{q}");
        assert!(
            !page.contains("Martin"),
            "{q} must not match everyone (the administrator is Zoé Martin)"
        );
    }
    let (status, page) = admin.get_text("/annuaire?q=mar").await;
    assert_eq!(status, 200);
    assert!(page.contains("Martin"), "the search itself still works");
}

#[tokio::test]
async fn the_language_switch_goes_back_only_to_a_page_of_this_site() {
    let t = TestApp::spawn().await;
    let b = t.browser();
    for (next, expected) in [
        ("/annuaire?q=dup", "/annuaire?q=dup"),
        ("/\t/evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example/", "/"),
        ("https://evil.example/", "/"),
        ("/a\u{7}b", "/a%07b"),
    ] {
        let r = b.post("/langue", &[("lang", "en"), ("next", next)]).await;
        assert_eq!(r.status(), 303, "{next:?}");
        assert_eq!(r.headers()["location"], expected, "{next:?}");
    }
}

#[tokio::test]
async fn a_page_post_without_origin_or_fetch_metadata_is_refused() {
    let t = TestApp::spawn().await;
    let bare = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let setup = t.setup_path().await;
    for path in [setup.as_str(), "/connexion", "/langue", "/compte/jetons"] {
        let r = bare
            .post(format!("{}{path}", t.url))
            .form(&[("lang", "en")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{path}");
        assert!(r.text().await.unwrap().contains("Requête refusée"));
    }
    // With the header a browser sends, the same post goes through to its handler.
    let r = t
        .browser()
        .post("/langue", &[("lang", "en"), ("next", "/")])
        .await;
    assert_eq!(r.status(), 303);
}

#[tokio::test]
async fn unreadable_paths_and_queries_get_our_page_not_the_frameworks_message() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    for (path, status) in [
        ("/invitation/%FF%FE", 404),
        ("/annuaire/%C3%28", 404),
        ("/annuaire?q=abc&q=def", 400),
    ] {
        let (got, page) = admin.get_text(path).await;
        assert_eq!(got, status, "{path}");
        assert!(page.contains("<main"), "{path}: our page");
        for leak in ["Invalid URL", "Failed to deserialize", "duplicate field"] {
            assert!(!page.contains(leak), "{path}: {page}");
        }
    }
}
