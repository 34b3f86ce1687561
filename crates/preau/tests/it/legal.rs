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

/// Issue 9 §5: the notice promises only what exists. Each right it names leads to a page that
/// works for a signed-in person, or gives the DPO's contact; a right with neither fails.
#[tokio::test]
async fn each_right_in_the_notice_has_a_working_page_or_the_dpo_contact() {
    const DPO: &str = "dpd@ac-amiens.fr";
    let t = TestApp::spawn_with(|c| c.dpo_contact = Some(DPO.into())).await;
    let person = t.admin().await;
    let rights = [
        (
            "fr",
            [
                "Accès",
                "Rectification",
                "Effacement",
                "Limitation",
                "Opposition",
                "Portabilité",
                "Déconnexion",
            ],
        ),
        (
            "en",
            [
                "Access",
                "Rectification",
                "Erasure",
                "Restriction",
                "Objection",
                "Portability",
                "Logging out",
            ],
        ),
    ];
    for (lang, expected) in rights {
        let r = t
            .browser()
            .client
            .get(format!("{}/donnees-personnelles", t.url))
            .header("accept-language", lang)
            .send()
            .await
            .unwrap();
        let page = r.text().await.unwrap();
        let section = between(&page, "<section id=\"droits\">", "</section>").concat();
        let items = between(&section, "<li", "</li>");
        assert!(!items.is_empty(), "{lang}: the rights are listed");
        let named: Vec<&str> = items
            .iter()
            .map(|i| {
                between(i, "<strong>", "</strong>")
                    .first()
                    .copied()
                    .unwrap_or("")
            })
            .collect();
        assert_eq!(named, expected, "{lang}: every right, each once");
        for (item, right) in items.iter().zip(expected) {
            let routes: Vec<&str> = between(item, "href=\"", "\"");
            let contact = item.contains(DPO);
            assert!(
                !routes.is_empty() || contact,
                "{lang}: {right} has neither a page nor the DPO's contact"
            );
            for route in routes {
                assert!(route.starts_with('/'), "{lang}: {right} leads off-site");
                let (status, _) = person.get_text(route).await;
                assert_eq!(status, 200, "{lang}: {right} → {route}");
            }
        }
    }
    // Access, portability and erasure are self-service now: the notice says where.
    let (_, notice) = t.browser().get_text("/donnees-personnelles").await;
    assert!(notice.contains(r#"href="/compte/donnees""#), "{notice}");
    assert!(notice.contains(r#"href="/compte/supprimer""#), "{notice}");
    // What the pages behind the links must offer.
    let (_, visibility) = person.get_text("/compte/visibilite").await;
    assert!(
        visibility.contains(r#"name="restricted""#),
        "the pause exists"
    );
    let (_, account) = person.get_text("/compte").await;
    assert!(account.contains(r#"action="/compte/deconnexion-partout""#));
    // Ending one session at a time, which the notice now promises, exists.
    let (_, sessions) = person.get_text("/compte/sessions").await;
    assert!(sessions.contains(r#"action="/compte/sessions/"#));
    assert!(sessions.contains(r#"action="/compte/deconnexion-partout""#));
    // No promise of what does not exist yet, in the notice or the legal framework.
    let (_, notice) = t.browser().get_text("/donnees-personnelles").await;
    let (_, frame) = t.browser().get_text("/cadre-juridique").await;
    for promise in [
        "en quelques clics, dans l’espace",
        "vous est montré dans l’espace",
        "pour que vous puissiez exporter",
    ] {
        assert!(!notice.contains(promise), "the notice promises {promise:?}");
    }
    assert!(!frame.contains("montrés aux personnes") && frame.contains(DPO));
}

/// TRN-04: the notice's table of processing is the register, in both languages, with this
/// instance's delays — so it cannot promise a purpose or a retention the code lacks.
#[tokio::test]
async fn the_notice_and_the_frame_show_every_purpose_of_the_register() {
    let t = TestApp::spawn_with(|c| c.lifecycle.invitation_days = 45).await;
    let register = preau_app::register::register().unwrap();
    let c = &t.config;
    let fill = |text: &str| {
        text.replace(
            "{invitation_days}",
            &c.lifecycle.invitation_days.to_string(),
        )
        .replace(
            "{departure_purge_days}",
            &c.lifecycle.departure_grace_days.to_string(),
        )
        .replace("{closure_purge_days}", "30")
        .replace(
            "{session_idle_minutes}",
            &c.session.idle_minutes.to_string(),
        )
        .replace(
            "{session_absolute_hours}",
            &c.session.absolute_hours.to_string(),
        )
        .replace("{security_log_months}", "12")
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
    };
    for lang in ["fr", "en"] {
        for path in ["/donnees-personnelles", "/cadre-juridique"] {
            let r = t
                .browser()
                .client
                .get(format!("{}{path}", t.url))
                .header("accept-language", lang)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200);
            let body = r.text().await.unwrap();
            for p in &register.purposes {
                let english = lang == "en";
                let name = fill(p.name.get(english));
                let retention = fill(p.retention.get(english));
                assert!(body.contains(&name), "{lang} {path}: {name}");
                assert!(
                    body.contains(&retention),
                    "{lang} {path}: {} keeps {retention}",
                    p.id
                );
                assert!(
                    body.contains(&fill(p.legal_basis.get(english))),
                    "{lang} {path}: legal basis of {}",
                    p.id
                );
            }
            assert!(
                !body.contains("_days}"),
                "{lang} {path}: a value left unfilled"
            );
            assert!(
                body.contains("45"),
                "{lang} {path}: the configured invitation delay"
            );
        }
    }
}
