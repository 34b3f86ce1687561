//! Guarantee 1: the roster makes invitations, never accounts; people open or decline their own
//! account; departures are purged; invitations expire.

use crate::helpers::*;
use preau_store::{invitations, users};
use std::time::Duration;

const SCHOOL_A: &str = "0801234A";
const SCHOOL_B: &str = "0805678B";
const DISTRICT_TEAM: &str = "0809999C";
const DAY: Duration = Duration::from_secs(86_400);

/// 50 invitees in school A, and four colleagues who will activate: a teacher in A, a
/// director in A, a teacher in B and the IEN in the district team.
fn district() -> String {
    let mut people: Vec<(String, String, String, &str, &str, &str)> = (0..50)
        .map(|i| {
            (
                format!("Invité{i:02}"),
                "Camille".to_owned(),
                format!("invite{i:02}@ac-amiens.fr"),
                SCHOOL_A,
                "École Jules Verne",
                "",
            )
        })
        .collect();
    for (family, given, email, uai, school, functions) in [
        (
            "Durand",
            "Léa",
            "lea.durand@ac-amiens.fr",
            SCHOOL_A,
            "École Jules Verne",
            "",
        ),
        (
            "Petit",
            "Marc",
            "marc.petit@ac-amiens.fr",
            SCHOOL_A,
            "École Jules Verne",
            "direction d'école",
        ),
        (
            "Moreau",
            "Inès",
            "ines.moreau@ac-amiens.fr",
            SCHOOL_B,
            "École Louise Michel",
            "",
        ),
        (
            "Lefebvre",
            "Paul",
            "paul.lefebvre@ac-amiens.fr",
            DISTRICT_TEAM,
            "Circonscription Amiens 3",
            "IEN",
        ),
    ] {
        people.push((
            family.into(),
            given.into(),
            email.into(),
            uai,
            school,
            functions,
        ));
    }
    let refs: Vec<Person<'_>> = people
        .iter()
        .map(|(f, g, e, u, s, fu)| (f.as_str(), g.as_str(), e.as_str(), *u, *s, *fu))
        .collect();
    roster_csv(&refs)
}

fn code_of<'a>(letters: &'a [(String, String)], name: &str) -> &'a str {
    &letters
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no letter for {name}"))
        .1
}

#[tokio::test]
async fn an_imported_person_is_invisible_to_every_role_on_every_listing() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let (result, batch) = admin.import_roster(district().as_bytes()).await;
    assert!(result.contains("Nouvelles invitations"));
    // Invitations carry no credentials and are not accounts.
    assert_eq!(
        users::count_all(t.app.db()).await.unwrap(),
        1,
        "only the administrator has an account"
    );
    assert_eq!(invitations::count(t.app.db()).await.unwrap(), 54);
    assert_eq!(
        t.browser()
            .login("invite07@ac-amiens.fr", PASSWORD)
            .await
            .status(),
        401
    );

    let letters = admin.letters(&batch).await;
    assert_eq!(letters.len(), 54);
    let teacher = t
        .activate(code_of(&letters, "Léa Durand"), "my_places")
        .await;
    let director = t
        .activate(code_of(&letters, "Marc Petit"), "my_places")
        .await;
    let other_school = t
        .activate(code_of(&letters, "Inès Moreau"), "my_places")
        .await;
    let ien = t
        .activate(code_of(&letters, "Paul Lefebvre"), "district")
        .await;
    assert_eq!(users::count_all(t.app.db()).await.unwrap(), 5);

    // Every role, every listing: the 50 invitees appear nowhere.
    let viewers = [
        ("admin", &admin),
        ("teacher", &teacher),
        ("director", &director),
        ("other school", &other_school),
        ("IEN", &ien),
    ];
    for (role, b) in viewers {
        for q in ["Invité", "invite", "Camille", "ami"] {
            let (status, page) = b.get_text(&format!("/annuaire?q={q}")).await;
            assert_eq!(status, 200, "{role} {q}");
            // The results, not the search box that repeats the query.
            let results = between(&page, "id=\"results\"", "</main>").concat();
            assert!(!results.is_empty(), "{role} {q}: a result section");
            assert!(
                !results.contains("Invité") && !results.contains("Camille"),
                "{role} sees an invitee with {q:?}"
            );
        }
        let token = b.api_token("test").await;
        for q in ["invite", "camille"] {
            let r = http()
                .get(format!("{}/api/v1/directory?q={q}", t.url))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200);
            let v: serde_json::Value = r.json().await.unwrap();
            assert_eq!(v.as_array().unwrap().len(), 0, "{role} API {q}");
        }
    }
    // The administrator sees counts, never names.
    let (status, overview) = admin.get_text("/admin").await;
    assert_eq!(status, 200);
    assert!(
        overview.contains("<dd>50</dd>"),
        "50 pending invitations counted"
    );
    assert!(!overview.contains("Invité") && !overview.contains("invite0"));

    // One activation makes exactly that person visible, to exactly whom can_see allows.
    let code = code_of(&letters, "Camille Invité07");
    let _camille = t.activate(code, "my_places").await;
    for (role, b, sees) in [
        ("teacher (same school)", &teacher, true),
        ("director (same school)", &director, true),
        ("other school", &other_school, false),
        ("IEN (district team)", &ien, false),
        ("admin (no school)", &admin, false),
    ] {
        let (_, page) = b.get_text("/annuaire?q=invit").await;
        assert_eq!(page.contains("Camille Invité07"), sees, "{role}");
        let others = between(&page, "<li><a href=\"/annuaire/", "\"").len();
        assert_eq!(others, usize::from(sees), "{role}: only Camille");
    }
    // The IEN chose district-wide visibility: everyone finds him.
    let (_, page) = other_school.get_text("/annuaire?q=lefeb").await;
    assert!(page.contains("Paul Lefebvre") && page.contains("IEN"));
}

#[tokio::test]
async fn declining_deletes_the_invitation_and_blocks_reinvitation_until_the_next_school_year() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let csv = roster_csv(&[
        (
            "Martin",
            "Hugo",
            "hugo.martin@ac-amiens.fr",
            SCHOOL_A,
            "École A",
            "",
        ),
        (
            "Bernard",
            "Emma",
            "emma.bernard@ac-amiens.fr",
            SCHOOL_A,
            "École A",
            "",
        ),
    ]);
    let (_, batch) = admin.import_roster(csv.as_bytes()).await;
    let letters = admin.letters(&batch).await;
    let code = code_of(&letters, "Hugo Martin");
    let b = t.browser();
    let (status, page) = b.get_text(&format!("/invitation/{code}")).await;
    assert_eq!(status, 200);
    // The notice comes first, with both choices on the same page: declining is one click.
    assert!(page.contains("id=\"responsable\"") && page.contains("Je ne souhaite pas de compte"));
    let (status, done) = b.post_text(&format!("/invitation/{code}/refus"), &[]).await;
    assert_eq!(status, 200);
    assert!(done.contains("Votre invitation a été effacée"));
    assert_eq!(invitations::count(t.app.db()).await.unwrap(), 1);
    assert_eq!(
        b.get(&format!("/invitation/{code}")).await.status(),
        404,
        "the code is gone with it"
    );

    // Re-importing the same roster this school year does not invite Hugo again.
    let (status, preview) = admin.upload_roster(csv.as_bytes()).await;
    assert_eq!(status, 200);
    assert!(
        !preview.contains("hugo.martin"),
        "the decline is not singled out either"
    );
    admin.import_roster(csv.as_bytes()).await;
    assert_eq!(invitations::count(t.app.db()).await.unwrap(), 1);

    // After the next 1 September (START is 2026-09-01 08:00), he may be invited again.
    t.advance(365 * DAY);
    t.app.purge_expired().await.unwrap();
    assert_eq!(
        admin.login(ADMIN_EMAIL, PASSWORD).await.status(),
        303,
        "a year later, a new session"
    );
    let (result, _) = admin.import_roster(csv.as_bytes()).await;
    assert!(
        result.contains("hugo.martin@ac-amiens.fr"),
        "invited again next school year"
    );
}

#[tokio::test]
async fn invitations_expire_at_day_61_leaving_no_name() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let csv = roster_csv(&[(
        "Roux",
        "Jade",
        "jade.roux@ac-amiens.fr",
        SCHOOL_A,
        "École A",
        "",
    )]);
    let (_, batch) = admin.import_roster(csv.as_bytes()).await;
    let letters = admin.letters(&batch).await;
    t.advance(59 * DAY);
    assert_eq!(t.app.purge_expired().await.unwrap().get("invitations"), 0);
    assert_eq!(
        t.browser()
            .get(&format!("/invitation/{}", letters[0].1))
            .await
            .status(),
        200
    );
    t.advance(2 * DAY);
    assert_eq!(t.app.purge_expired().await.unwrap().get("invitations"), 1);
    assert_eq!(invitations::count(t.app.db()).await.unwrap(), 0);
    let (status, page) = t
        .browser()
        .get_text(&format!("/invitation/{}", letters[0].1))
        .await;
    assert_eq!(status, 404);
    assert!(page.contains("Demandez une nouvelle lettre"));
    assert_eq!(
        admin.login(ADMIN_EMAIL, PASSWORD).await.status(),
        303,
        "61 days later, a new session"
    );
    let (_, overview) = admin.get_text("/admin").await;
    assert!(
        overview.contains("Effacement automatique — invitations expirées : 1, comptes partis : 0"),
        "{overview}"
    );
    assert!(
        !overview.contains("Roux") && !overview.contains("jade.roux"),
        "the purge is recorded without the name"
    );
}

#[tokio::test]
async fn a_departure_keeps_access_for_the_grace_period_then_erases_the_account() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let stays = (
        "Faure",
        "Lina",
        "lina.faure@ac-amiens.fr",
        SCHOOL_A,
        "École A",
        "",
    );
    let leaves = (
        "Blanc",
        "Noé",
        "noe.blanc@ac-amiens.fr",
        SCHOOL_A,
        "École A",
        "",
    );
    let (_, batch) = admin
        .import_roster(roster_csv(&[stays, leaves]).as_bytes())
        .await;
    let letters = admin.letters(&batch).await;
    let lina = t
        .activate(code_of(&letters, "Lina Faure"), "my_places")
        .await;
    let noe = t
        .activate(code_of(&letters, "Noé Blanc"), "my_places")
        .await;
    let (_, page) = lina.get_text("/annuaire?q=blanc").await;
    assert!(page.contains("Noé Blanc"));

    let (result, _) = admin.import_roster(roster_csv(&[stays]).as_bytes()).await;
    assert!(
        result.contains("<dt>Départs (comptes absents du fichier)</dt><dd>moins de 10</dd>"),
        "counted as departing in the report, not exactly below ten"
    );
    assert!(
        !result.contains("noe.blanc") && !result.contains("Blanc"),
        "never named to the administrator"
    );
    let noe_row = users::by_email(t.app.db(), "noe.blanc@ac-amiens.fr")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(noe_row.status, "departing");
    // Hidden at once, but Noé keeps access to take his data.
    let (_, page) = lina.get_text("/annuaire?q=blanc").await;
    assert!(!page.contains("Noé Blanc"));
    assert!(noe.is_logged_in().await);

    t.advance(59 * DAY);
    assert_eq!(
        t.app
            .purge_expired()
            .await
            .unwrap()
            .get("departed_accounts"),
        0
    );
    t.advance(DAY);
    assert_eq!(
        t.app
            .purge_expired()
            .await
            .unwrap()
            .get("departed_accounts"),
        1
    );
    assert!(
        users::by_email(t.app.db(), "noe.blanc@ac-amiens.fr")
            .await
            .unwrap()
            .is_none()
    );
    assert!(!noe.is_logged_in().await, "sessions went with the account");
    assert_eq!(
        t.browser()
            .login("noe.blanc@ac-amiens.fr", PASSWORD)
            .await
            .status(),
        401
    );
    assert!(
        users::by_email(t.app.db(), "lina.faure@ac-amiens.fr")
            .await
            .unwrap()
            .is_some()
    );
}

#[tokio::test]
async fn a_person_listed_again_before_the_purge_is_active_again() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let p = (
        "Girard",
        "Léo",
        "leo.girard@ac-amiens.fr",
        SCHOOL_A,
        "École A",
        "",
    );
    let q = (
        "Henry",
        "Zoé",
        "zoe.henry@ac-amiens.fr",
        SCHOOL_A,
        "École A",
        "",
    );
    let (_, batch) = admin.import_roster(roster_csv(&[p, q]).as_bytes()).await;
    let letters = admin.letters(&batch).await;
    t.activate(code_of(&letters, "Léo Girard"), "my_places")
        .await;
    admin.import_roster(roster_csv(&[q]).as_bytes()).await;
    assert_eq!(
        users::by_email(t.app.db(), "leo.girard@ac-amiens.fr")
            .await
            .unwrap()
            .unwrap()
            .status,
        "departing"
    );
    admin.import_roster(roster_csv(&[p, q]).as_bytes()).await;
    assert_eq!(
        users::by_email(t.app.db(), "leo.girard@ac-amiens.fr")
            .await
            .unwrap()
            .unwrap()
            .status,
        "active"
    );
}

#[tokio::test]
async fn a_reimport_changes_nothing_and_a_changed_line_is_an_update() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let a = (
        "Lambert",
        "Chloé",
        "chloe.lambert@ac-amiens.fr",
        SCHOOL_A,
        "École A",
        "",
    );
    let b = (
        "Fontaine",
        "Adam",
        "adam.fontaine@ac-amiens.fr",
        SCHOOL_B,
        "École B",
        "CPC",
    );
    admin.import_roster(roster_csv(&[a, b]).as_bytes()).await;
    let (_, preview) = admin.upload_roster(roster_csv(&[a, b]).as_bytes()).await;
    assert!(
        preview.contains("<dt>Nouvelles invitations</dt><dd>0</dd>"),
        "{preview}"
    );
    assert!(preview.contains("<dt>Mises à jour</dt><dd>0</dd>"));
    assert!(preview.contains("<dt>Inchangées</dt><dd>2</dd>"));
    // Case of the address does not matter: the key is the normalised address.
    let moved = (
        "Lambert",
        "Chloé",
        "Chloe.Lambert@AC-Amiens.fr",
        SCHOOL_B,
        "École B",
        "",
    );
    let (_, preview) = admin
        .upload_roster(roster_csv(&[moved, b]).as_bytes())
        .await;
    assert!(preview.contains("<dt>Nouvelles invitations</dt><dd>0</dd>"));
    assert!(preview.contains("<dt>Mises à jour</dt><dd>1</dd>"));
    // A preview writes nothing.
    assert_eq!(invitations::count(t.app.db()).await.unwrap(), 2);
}

#[tokio::test]
async fn a_malformed_roster_gets_a_report_that_names_line_and_reason() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let (status, page) = admin
        .upload_roster(b"Nom;Prenom;Ecole\nDupont;Jean;X\n")
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("Il manque des colonnes obligatoires"));
    let (status, page) = admin.upload_roster(b"").await;
    assert_eq!(status, 422);
    assert!(page.contains("aucune ligne"));

    // Windows-1252 with a comma separator, accents intact.
    let latin1: Vec<u8> = b"Nom,Pr\xe9nom,Courriel,UAI\nL\x9cuillet,H\xe9l\xe8ne,helene.loeuillet@ac-amiens.fr,0801234A\n".to_vec();
    let (status, page) = admin.upload_roster(&latin1).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Windows-1252") && page.contains("Hélène Lœuillet"),
        "{page}"
    );

    // 10,000 lines, 3 bad ones: named by line, the good ones imported, nothing half-done.
    let mut csv = String::from("Nom;Prénom;Courriel;UAI\n");
    for i in 0..10_000 {
        let line = match i {
            1_000 => "Sans;Adresse;pas-une-adresse;0801234A\n".to_owned(),
            5_000 => format!("Mauvais;UAI;p{i}@ac-amiens.fr;080123\n"),
            9_000 => "Double;Ligne;p0@ac-amiens.fr;0801234A\n".to_owned(),
            _ => format!("Nom{i};Prénom{i};p{i}@ac-amiens.fr;0801234A\n"),
        };
        csv.push_str(&line);
    }
    let (result, _) = admin.import_roster(csv.as_bytes()).await;
    for (line, reason) in [
        (1_002, "Adresse électronique invalide"),
        (5_002, "Code UAI invalide"),
        (9_002, "Adresse déjà présente"),
    ] {
        assert!(
            result.contains(&format!("<tr><td>{line}</td><td>{reason}")),
            "line {line}"
        );
    }
    assert_eq!(invitations::count(t.app.db()).await.unwrap(), 9_997);
}

#[tokio::test]
async fn codes_work_once_and_new_letters_replace_old_codes() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let csv = roster_csv(&[
        (
            "Mercier",
            "Rose",
            "rose.mercier@ac-amiens.fr",
            SCHOOL_A,
            "École A",
            "",
        ),
        (
            "Dupuis",
            "Tom",
            "tom.dupuis@ac-amiens.fr",
            SCHOOL_A,
            "École A",
            "",
        ),
    ]);
    let (_, batch) = admin.import_roster(csv.as_bytes()).await;
    let first = admin.letters(&batch).await;
    let second = admin.letters(&batch).await;
    let old = code_of(&first, "Rose Mercier");
    let new = code_of(&second, "Rose Mercier");
    assert_ne!(old, new);
    assert_eq!(old.len(), 26 + 6, "128-bit code in groups of four");
    assert_eq!(
        t.browser()
            .get(&format!("/invitation/{}", old.replace('-', "")))
            .await
            .status(),
        404
    );
    let b = t.activate(new, "my_places").await;
    assert!(b.is_logged_in().await);
    // Used: the same answer as an unknown code.
    let (status, page) = t
        .browser()
        .get_text(&format!("/invitation/{}", new.replace('-', "")))
        .await;
    assert_eq!(status, 404);
    let (_, unknown) = t
        .browser()
        .get_text("/invitation/0000000000000000000000000A")
        .await;
    assert_eq!(main_of(&page), main_of(&unknown));
    // The person logs in with the professional address.
    assert_eq!(
        t.browser()
            .login("rose.mercier@ac-amiens.fr", PASSWORD)
            .await
            .status(),
        303
    );
}

#[tokio::test]
async fn activation_requires_the_current_notice_and_consent_and_keeps_what_was_typed() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let csv = roster_csv(&[(
        "Perrin",
        "Anna",
        "anna.perrin@ac-amiens.fr",
        SCHOOL_A,
        "École A",
        "",
    )]);
    let (_, batch) = admin.import_roster(csv.as_bytes()).await;
    let code = admin.letters(&batch).await[0].1.replace('-', "");
    let b = t.browser();
    let path = format!("/invitation/{code}/activer");
    let form = |version: &'static str, accept: Option<&'static str>, password: &'static str| {
        let mut f = vec![
            ("notice_version", version),
            ("password", password),
            ("password_confirmation", password),
            ("scope", "district"),
        ];
        if let Some(a) = accept {
            f.push(("accept", a));
        }
        f
    };
    let (status, _) = b
        .post_text(&path, &form("2001-01-01", Some("oui"), PASSWORD))
        .await;
    assert_eq!(status, 409, "ACC-02: an outdated notice version is refused");
    let (status, page) = b
        .post_text(&path, &form(preau_web::NOTICE_VERSION, None, "anna"))
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("Cochez la case") && page.contains("au moins 12 caractères"));
    assert!(
        page.contains(r#"value="district" checked"#),
        "the chosen scope is kept"
    );
    assert_eq!(
        users::count_all(t.app.db()).await.unwrap(),
        1,
        "no account yet"
    );
    let (status, page) = b
        .post_text(
            &path,
            &form(preau_web::NOTICE_VERSION, Some("oui"), PASSWORD),
        )
        .await;
    assert_eq!(status, 200);
    assert!(
        page.contains("anna.perrin@ac-amiens.fr"),
        "the page says where the link went"
    );
    assert_eq!(
        users::count_all(t.app.db()).await.unwrap(),
        1,
        "no account until the mailbox confirms"
    );
    let link = t.newest_link("/activation/").await;
    assert_eq!(b.post(&link, &[]).await.status(), 303);
    let row = users::by_email(t.app.db(), "anna.perrin@ac-amiens.fr")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        row.notice_version.as_deref(),
        Some(preau_web::NOTICE_VERSION)
    );
    assert_eq!(row.directory_scope, "district");
}

#[tokio::test]
async fn guessing_codes_is_throttled_per_client() {
    let t = TestApp::spawn().await;
    let b = t.browser();
    for i in 0..10 {
        assert_eq!(
            b.get(&format!("/invitation/GUESS{i:021}")).await.status(),
            404
        );
    }
    let r = b.get("/invitation/GUESS999999999999999999999").await;
    assert_eq!(r.status(), 429, "the eleventh wrong guess at once waits");
    assert!(r.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn only_administrators_reach_the_administration() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let (_, batch) = admin
        .import_roster(
            roster_csv(&[(
                "Noel",
                "Eva",
                "eva.noel@ac-amiens.fr",
                SCHOOL_A,
                "École A",
                "IEN",
            )])
            .as_bytes(),
        )
        .await;
    let code = admin.letters(&batch).await[0].1.clone();
    let ien = t.activate(&code, "district").await;
    for path in ["/admin", "/admin/import"] {
        assert_eq!(
            ien.get(path).await.status(),
            403,
            "{path}: a function grants no permission"
        );
    }
    let (status, _) = ien
        .upload_roster(b"Nom;Prenom;Courriel;UAI\nA;B;a.b@ac-amiens.fr;0801234A\n")
        .await;
    assert_eq!(status, 403);
    assert_eq!(
        ien.post(&format!("/admin/lettres/{batch}"), &[])
            .await
            .status(),
        403
    );
}

#[test]
fn the_command_line_previews_then_applies_a_roster() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("annuaire.csv");
    std::fs::write(
        &file,
        roster_csv(&[(
            "Caron",
            "Lou",
            "lou.caron@ac-amiens.fr",
            SCHOOL_A,
            "École A",
            "",
        )]),
    )
    .unwrap();
    let run = |apply: bool| {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_preau"));
        c.current_dir(dir.path())
            .args(["import", "roster"])
            .arg(&file);
        if apply {
            c.arg("--apply");
        }
        for (k, _) in std::env::vars().filter(|(k, _)| k.starts_with("PREAU_")) {
            c.env_remove(k);
        }
        let out = c.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let preview = run(false);
    assert!(
        preview.contains("Preview only") && preview.contains("new invitations:   1"),
        "{preview}"
    );
    let applied = run(true);
    assert!(
        applied.contains("Import applied") && applied.contains("new invitations:   1"),
        "{applied}"
    );
    let again = run(true);
    assert!(
        again.contains("new invitations:   0") && again.contains("unchanged:         1"),
        "{again}"
    );
}

#[tokio::test]
async fn each_school_year_the_person_confirms_the_rosters_facts_once() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let csv = roster_csv(&[(
        "Vidal",
        "Iris",
        "iris.vidal@ac-amiens.fr",
        SCHOOL_A,
        "École Jules Verne",
        "CPC",
    )]);
    let (_, batch) = admin.import_roster(csv.as_bytes()).await;
    let code = admin.letters(&batch).await[0].1.clone();
    let iris = t.activate(&code, "my_places").await;
    let (_, home) = iris.get_text("/").await;
    assert!(
        !home.contains("Nouvelle année scolaire"),
        "activation counts as this year's confirmation"
    );
    // The next school year: asked once, with the roster's facts.
    t.advance(366 * DAY);
    assert_eq!(
        iris.login("iris.vidal@ac-amiens.fr", PASSWORD)
            .await
            .status(),
        303
    );
    let (_, home) = iris.get_text("/").await;
    assert!(
        home.contains("Nouvelle année scolaire")
            && home.contains("École Jules Verne")
            && home.contains("conseiller")
    );
    assert_eq!(iris.post("/compte/confirmer", &[]).await.status(), 303);
    let (_, home) = iris.get_text("/").await;
    assert!(!home.contains("Nouvelle année scolaire"));
    // The first administrator does not come from the roster: never asked.
    assert_eq!(admin.login(ADMIN_EMAIL, PASSWORD).await.status(), 303);
    assert!(
        !admin
            .get_text("/")
            .await
            .1
            .contains("Nouvelle année scolaire")
    );
}

#[tokio::test]
async fn units_are_managed_on_the_page_and_in_the_api() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let r = admin
        .post(
            "/admin/services",
            &[("name", "Équipe de circonscription"), ("commune", "Amiens")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (status, page) = admin
        .post_text("/admin/services", &[("name", "  "), ("commune", "Amiens")])
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("Indiquez le nom du service") && page.contains(r#"value="Amiens""#));
    let (_, overview) = admin.get_text("/admin").await;
    assert!(overview.contains("Équipe de circonscription"));

    let token = admin.api_token("api").await;
    let url = format!("{}/api/v1/structures", t.url);
    let r = http()
        .post(&url)
        .bearer_auth(&token)
        .json(&serde_json::json!({"name": "RASED"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let list: serde_json::Value = http()
        .get(&url)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Équipe de circonscription", "RASED"]);
}

#[tokio::test]
async fn the_roster_api_previews_then_imports_for_administrators_only() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let token = admin.api_token("api").await;
    let csv = roster_csv(&[
        (
            "Riviere",
            "Axel",
            "axel.riviere@ac-amiens.fr",
            SCHOOL_A,
            "École A",
            "",
        ),
        ("Sans", "Uai", "sans.uai@ac-amiens.fr", "123", "École ?", ""),
    ]);
    let url = format!("{}/api/v1/roster", t.url);
    let preview: serde_json::Value = http()
        .post(&url)
        .bearer_auth(&token)
        .body(csv.clone())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(preview["applied"], false);
    assert_eq!(preview["added"].as_array().unwrap().len(), 1);
    assert_eq!(preview["rejected"][0]["line"], 3);
    assert_eq!(preview["rejected"][0]["code"], "roster-line-uai");
    assert_eq!(
        invitations::count(t.app.db()).await.unwrap(),
        0,
        "a preview writes nothing"
    );
    let applied: serde_json::Value = http()
        .post(format!("{url}?apply=true"))
        .bearer_auth(&token)
        .body(csv.clone())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(applied["applied"], true);
    assert!(applied["batch"].is_string());
    assert_eq!(invitations::count(t.app.db()).await.unwrap(), 1);
    // The token's own notice is already waiting.
    let before = t.app.pending_mail().await.unwrap();
    let batch = applied["batch"].as_str().unwrap();
    let sent: serde_json::Value = http()
        .post(format!("{url}/batches/{batch}/emails"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(sent["queued"], 1);
    assert_eq!(t.app.pending_mail().await.unwrap(), before + 1);
    let r = http()
        .post(&url)
        .bearer_auth(&token)
        .body("Nom;Prénom\nA;B\n")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["error"]["fields"][0]["code"], "roster-missing-columns");
}

#[test]
fn units_are_managed_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_preau"));
    c.current_dir(dir.path()).args([
        "structures",
        "add-unit",
        "Équipe de circonscription",
        "--commune",
        "Amiens",
    ]);
    for (k, _) in std::env::vars().filter(|(k, _)| k.starts_with("PREAU_")) {
        c.env_remove(k);
    }
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Unit added")
            && stdout.contains("unit\t\tÉquipe de circonscription\tAmiens"),
        "{stdout}"
    );
}

#[tokio::test]
async fn a_roster_line_for_an_administrators_own_account_is_reported_not_invited() {
    let t = TestApp::spawn().await;
    let admin = t.admin().await;
    let csv = roster_csv(&[
        ("Martin", "Zoé", ADMIN_EMAIL, SCHOOL_A, "École A", ""),
        (
            "Perrin",
            "Anna",
            "anna.perrin@ac-amiens.fr",
            SCHOOL_A,
            "École A",
            "",
        ),
    ]);
    let (status, preview) = admin.upload_roster(csv.as_bytes()).await;
    assert_eq!(status, 200);
    assert!(
        preview.contains("a déjà un compte ouvert hors de l’annuaire"),
        "{preview}"
    );
    let (_, batch) = admin.import_roster(csv.as_bytes()).await;
    let letters = admin.letters(&batch).await;
    assert_eq!(letters.len(), 1, "a letter for Anna only: {letters:?}");
    assert!(letters[0].0.contains("Anna"));
}

#[tokio::test]
async fn setting_up_an_account_at_an_invited_address_retires_the_invitation() {
    let t = TestApp::spawn().await;
    let _first = t.admin().await;
    // Another administrator was invited from the roster before being given a console link.
    let admin = t.browser();
    admin.login(ADMIN_EMAIL, PASSWORD).await;
    let paul = "paul.renard@ac-amiens.fr";
    let csv = roster_csv(&[("Renard", "Paul", paul, SCHOOL_A, "École A", "")]);
    admin.import_roster(csv.as_bytes()).await;
    assert_eq!(invitations::count(t.app.db()).await.unwrap(), 1);
    let path = t.setup_path().await;
    let r = t
        .browser()
        .post(
            &path,
            &[
                ("given_name", "Paul"),
                ("family_name", "Renard"),
                ("email", paul),
                ("password", PASSWORD),
                ("password_confirmation", PASSWORD),
            ],
        )
        .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    assert_eq!(invitations::count(t.app.db()).await.unwrap(), 0);
}
