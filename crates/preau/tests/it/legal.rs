//! The legal pages: public, linked from every page, with every Art. 13 item.

use crate::helpers::*;

#[tokio::test]
async fn every_page_links_the_three_legal_pages() {
    let t = TestApp::spawn().await;
    let b = t.admin().await;
    for path in [
        "/",
        "/compte",
        "/compte/mot-de-passe",
        "/compte/jetons",
        "/donnees-personnelles",
        "/cadre-juridique",
        "/accessibilite",
    ] {
        let (status, body) = b.get_text(path).await;
        assert_eq!(status, 200, "{path}");
        for link in [
            "href=\"/donnees-personnelles\"",
            "href=\"/cadre-juridique\"",
            "href=\"/accessibilite\"",
        ] {
            assert!(body.contains(link), "{path} lacks {link}");
        }
        assert!(
            body.contains("class=\"skip-link\"") && body.contains("<main id=\"main\""),
            "{path} landmarks"
        );
    }
    let (_, login) = t.browser().get_text("/connexion").await;
    assert!(login.contains("href=\"/donnees-personnelles\""));
}

#[tokio::test]
async fn the_privacy_notice_has_every_article_13_item_in_both_languages() {
    let t = TestApp::spawn_with(|c| {
        c.controller_name = Some("DASEN de la Somme".into());
        c.dpo_contact = Some("dpd@ac-amiens.fr".into());
    })
    .await;
    let sections = [
        "responsable",
        "dpo",
        "finalites",
        "base-legale",
        "donnees",
        "source",
        "destinataires",
        "transferts",
        "durees",
        "droits",
        "reclamation",
        "obligation",
        "decision-automatisee",
    ];
    for lang in ["fr", "en"] {
        let r = t
            .browser()
            .client
            .get(format!("{}/donnees-personnelles", t.url))
            .header("accept-language", lang)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let body = r.text().await.unwrap();
        for id in sections {
            assert!(
                body.contains(&format!("id=\"{id}\"")),
                "{lang}: section {id}"
            );
        }
        assert!(
            body.contains("DASEN de la Somme") && body.contains("dpd@ac-amiens.fr"),
            "{lang}: controller and DPO"
        );
        assert!(body.contains("CNIL"), "{lang}: complaint route");
        assert!(
            body.contains(preau_web::NOTICE_VERSION),
            "{lang}: notice version"
        );
    }
    let (_, frame) = t.browser().get_text("/cadre-juridique").await;
    assert!(
        frame.contains("MENT0602397A") && frame.contains("MENN1722182A"),
        "both arrêtés"
    );
    assert!(frame.contains("id=\"registre\""));
    let (_, a11y) = t.browser().get_text("/accessibilite").await;
    assert!(a11y.contains("RGAA") && a11y.contains("Défenseur des droits"));
}
