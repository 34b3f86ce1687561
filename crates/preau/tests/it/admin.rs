//! What an administrator sees (issue 9 §2): departures as a count, a probably incomplete
//! roster refused until its departures are typed, every preview and import journaled, and an
//! overview with acts in words, people's own events as daily counts, no count under ten.

use crate::helpers::*;
use preau_store::{lifecycle, users};

const SCHOOL_A: &str = "0801234A";
const SCHOOL_B: &str = "0805678B";

/// `n` people of school A: (family, given, email).
fn staff(n: usize) -> Vec<(String, String, String)> {
    (0..n)
        .map(|i| {
            (
                format!("Partant{i:02}"),
                "Dominique".to_owned(),
                format!("partant{i:02}@ac-amiens.fr"),
            )
        })
        .collect()
}

fn csv_of(people: &[(String, String, String)]) -> String {
    let refs: Vec<Person<'_>> = people
        .iter()
        .map(|(f, g, e)| (f.as_str(), g.as_str(), e.as_str(), SCHOOL_A, "École A", ""))
        .collect();
    roster_csv(&refs)
}

async fn journal(t: &TestApp, action: &str) -> i64 {
    lifecycle::count_audit(t.app.db(), action).await.unwrap()
}

/// Runs `preau import roster <file> <args>` on the test's database.
fn cli(t: &TestApp, file: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    let mut all: Vec<std::ffi::OsString> = vec!["import".into(), "roster".into(), file.into()];
    all.extend(args.iter().map(std::ffi::OsString::from));
    preau_cli(t, &all)
}

async fn status_of(t: &TestApp, email: &str) -> String {
    users::by_email(t.app.db(), email)
        .await
        .unwrap()
        .unwrap()
        .status
}

#[tokio::test]
async fn departures_are_counted_never_named_on_the_page_in_the_api_or_on_the_command_line() {
    let t = TestApp::spawn_with(|c| c.run_jobs = false).await;
    let admin = t.admin().await;
    let people = staff(4);
    let (_, batch) = admin.import_roster(csv_of(&people).as_bytes()).await;
    let letters = admin.letters(&batch).await;
    for (_, code) in &letters[..3] {
        t.activate(code, "my_places").await;
    }
    let name = |i: usize| &people[i].0;
    let email = |i: usize| &people[i].2;

    // The page: person 0 leaves. One departure and none read the same: a file that differs
    // from the roster by one person must not tell whether that person opened an account.
    let (_, nobody_leaves) = admin.upload_roster(csv_of(&people).as_bytes()).await;
    let (status, preview) = admin.upload_roster(csv_of(&people[1..]).as_bytes()).await;
    assert_eq!(status, 200);
    for page in [&nobody_leaves, &preview] {
        assert!(
            page.contains("<dt>Départs (comptes absents du fichier)</dt><dd>moins de 10</dd>"),
            "{page}"
        );
    }
    assert!(preview.contains("chacune est prévenue par courriel"));
    let (result, _) = admin.import_roster(csv_of(&people[1..]).as_bytes()).await;
    for page in [&preview, &result] {
        assert!(page.contains("<dt>Inchangées</dt><dd>3</dd>"), "{page}");
        assert!(!page.contains(name(0)) && !page.contains(email(0).as_str()));
    }
    assert_eq!(status_of(&t, email(0)).await, "departing");

    // The API: person 1 leaves; `departed` is null below ten.
    let token = admin.api_token("api").await;
    let url = format!("{}/api/v1/roster", t.url);
    for apply in ["", "?apply=true"] {
        let r = http()
            .post(format!("{url}{apply}"))
            .bearer_auth(&token)
            .body(csv_of(&people[2..]))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let text = r.text().await.unwrap();
        assert!(!text.contains(name(1)) && !text.contains(email(1).as_str()));
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(v["departed"].is_null(), "{text}");
        assert_eq!(v["probably_incomplete"], false);
    }
    assert_eq!(status_of(&t, email(1)).await, "departing");

    // The command line: person 2 leaves.
    let file = t.config.data_dir.join("annuaire.csv");
    std::fs::write(&file, csv_of(&people[3..])).unwrap();
    for args in [&[][..], &["--apply"][..]] {
        let (ok, out, err) = cli(&t, &file, args);
        assert!(ok, "{err}");
        assert!(out.contains("departing:         fewer than 10"), "{out}");
        assert!(!out.contains(name(2)) && !err.contains(name(2)));
        assert!(!out.contains(email(2).as_str()) && !err.contains(email(2).as_str()));
    }
    assert_eq!(status_of(&t, email(2)).await, "departing");

    // Every preview and every import is in the journal: page (2 uploads), API, CLI.
    assert_eq!(journal(&t, "roster-previewed").await, 3 + 1 + 1 + 1);
    assert_eq!(journal(&t, "roster-imported").await, 2 + 1 + 1);
}

#[tokio::test]
async fn a_roster_that_would_depart_too_many_is_applied_only_with_the_number_typed() {
    let t = TestApp::spawn_with(|c| c.run_jobs = false).await;
    let admin = t.admin().await;
    // 22 people, 21 with an account: a file of one person would depart 21 (> 20, > 10 %).
    let people = staff(22);
    let (_, batch) = admin.import_roster(csv_of(&people).as_bytes()).await;
    let letters = admin.letters(&batch).await;
    for (_, code) in &letters[1..] {
        t.activate(code, "my_places").await;
    }
    let remaining = &people[..1];
    let kept = people[5].2.clone();

    // The page: refused unless the exact number is typed; the form comes back with the reason.
    let (status, preview) = admin.upload_roster(csv_of(remaining).as_bytes()).await;
    assert_eq!(status, 200);
    assert!(
        preview.contains("Fichier probablement incomplet")
            && preview.contains("<dd>21</dd>")
            && preview.contains(r#"name="confirm_departures""#),
        "{preview}"
    );
    let upload = between(&preview, "action=\"/admin/import/", "\"")[0].to_owned();
    let confirm = format!("/admin/import/{upload}");
    for typed in ["", "20", "vingt et un"] {
        let (status, page) = admin
            .post_text(&confirm, &[("confirm_departures", typed)])
            .await;
        assert_eq!(status, 422, "{typed:?}");
        assert!(
            page.contains("tapez le nombre exact de départs")
                && page.contains(r#"aria-invalid="true""#)
                && page.contains(&confirm),
            "{typed:?}: {page}"
        );
        assert_eq!(status_of(&t, &kept).await, "active", "nothing written");
    }

    // The API: the same rule, the same code.
    let token = admin.api_token("api").await;
    let url = format!("{}/api/v1/roster", t.url);
    let post = |query: &'static str| {
        http()
            .post(format!("{url}{query}"))
            .bearer_auth(&token)
            .body(csv_of(remaining))
            .send()
    };
    let v: serde_json::Value = post("").await.unwrap().json().await.unwrap();
    assert_eq!(v["departed"], 21);
    assert_eq!(v["probably_incomplete"], true);
    for query in ["?apply=true", "?apply=true&confirm_departures=20"] {
        let r = post(query).await.unwrap();
        assert_eq!(r.status(), 422, "{query}");
        let v: serde_json::Value = r.json().await.unwrap();
        assert_eq!(v["error"]["fields"][0]["field"], "confirm_departures");
        assert_eq!(
            v["error"]["fields"][0]["code"],
            "roster-probably-incomplete"
        );
    }
    assert_eq!(status_of(&t, &kept).await, "active", "nothing written");

    // The command line: the preview says what to type; the import without it is refused.
    let file = t.config.data_dir.join("annuaire.csv");
    std::fs::write(&file, csv_of(remaining)).unwrap();
    let (ok, out, _) = cli(&t, &file, &[]);
    assert!(ok && out.contains("--confirm-departures 21"), "{out}");
    let (ok, _, err) = cli(&t, &file, &["--apply"]);
    assert!(!ok && err.contains("probably incomplete"), "{err}");
    assert_eq!(status_of(&t, &kept).await, "active", "nothing written");

    // Typed right on the page, it applies.
    let (status, result) = admin
        .post_text(&confirm, &[("confirm_departures", " 21 ")])
        .await;
    assert_eq!(status, 200, "{result}");
    assert_eq!(status_of(&t, &kept).await, "departing");
    // Everyone listed again, then the API with the number, then the command line.
    admin.import_roster(csv_of(&people).as_bytes()).await;
    assert_eq!(status_of(&t, &kept).await, "active");
    let r = post("?apply=true&confirm_departures=21").await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(status_of(&t, &kept).await, "departing");
    admin.import_roster(csv_of(&people).as_bytes()).await;
    let (ok, out, err) = cli(&t, &file, &["--apply", "--confirm-departures", "21"]);
    assert!(ok && out.contains("Import applied"), "{out}{err}");
    assert_eq!(status_of(&t, &kept).await, "departing");

    // Previews: page 1 + 1 + 2 (the re-imports), API 1, CLI 1; refusals: page 3, API 2, CLI 1.
    assert_eq!(journal(&t, "roster-previewed").await, 1 + 1 + 2 + 1 + 1);
    assert_eq!(journal(&t, "roster-refused").await, 3 + 2 + 1);
    assert_eq!(journal(&t, "roster-imported").await, 1 + 1 + 2 + 1 + 1);
    let (_, overview) = admin.get_text("/admin").await;
    assert!(
        overview
            .contains("Import refusé, fichier probablement incomplet — départs non confirmés : 21"),
        "{overview}"
    );
}

#[tokio::test]
async fn the_overview_shows_acts_in_words_and_what_people_do_only_as_daily_counts_of_ten_or_more() {
    let t = TestApp::spawn_with(|c| c.run_jobs = false).await;
    let admin = t.admin().await;
    // Ten people in school A open their account; one in school B.
    let mut people = staff(10);
    people.push((
        "Seul".into(),
        "Sacha".into(),
        "sacha.seul@ac-amiens.fr".into(),
    ));
    let mut refs: Vec<Person<'_>> = people
        .iter()
        .map(|(f, g, e)| (f.as_str(), g.as_str(), e.as_str(), SCHOOL_A, "École A", ""))
        .collect();
    refs[10].3 = SCHOOL_B;
    refs[10].4 = "École B";
    let (_, batch) = admin.import_roster(roster_csv(&refs).as_bytes()).await;
    let letters = admin.letters(&batch).await;
    for (_, code) in &letters {
        t.activate(code, "my_places").await;
    }

    for (lang, school_b, daily_row, acts) in [
        (
            "fr",
            "<td>École B</td><td>0805678B</td><td>moins de 10</td>",
            "<td>Comptes ouverts</td><td>11</td>",
            [
                "Import du fichier du personnel — nouvelles invitations : 11",
                "Aperçu d’un fichier du personnel — nouvelles invitations : 11",
                "Lettres d’invitation imprimées : 11.",
            ],
        ),
        (
            "en",
            "<td>École B</td><td>0805678B</td><td>fewer than 10</td>",
            "<td>Accounts opened</td><td>11</td>",
            [
                "Staff roster imported — new invitations: 11",
                "Staff roster previewed — new invitations: 11",
                "Invitation letters printed: 11.",
            ],
        ),
    ] {
        let r = admin
            .post("/langue", &[("lang", lang), ("next", "/admin")])
            .await;
        assert_eq!(r.status(), 303);
        let (status, page) = admin.get_text("/admin").await;
        assert_eq!(status, 200);
        assert!(page.contains(&format!("<html lang=\"{lang}\"")), "{lang}");
        // Accounts per school: exact from ten, "fewer than 10" below.
        assert!(
            page.contains("<td>École A</td><td>0801234A</td><td>10</td>"),
            "{lang}: {page}"
        );
        assert!(page.contains(school_b), "{lang}: {page}");
        // Administrative acts, one by one, in words.
        let journal = between(&page, "id=\"audit-heading\"", "id=\"daily-heading\"").concat();
        for act in acts {
            assert!(journal.contains(act), "{lang}: {act} in {journal}");
        }
        // What people did: one line per day and kind, no time, no per-person row.
        let daily = between(&page, "id=\"daily-heading\"", "</table>").concat();
        assert!(
            daily.contains(&format!("<td>2026-09-01</td>{daily_row}")),
            "{lang}: {daily}"
        );
        assert!(!journal.contains("Comptes ouverts") && !journal.contains("Accounts opened"));
        assert!(!daily.contains("T08:"), "no time of day");
        // No machine code anywhere, and no one's name.
        for code in [
            "account-activated",
            "roster-imported",
            "roster-previewed",
            "letters-issued",
            "added=",
        ] {
            assert!(!page.contains(code), "{lang}: {code}");
        }
        assert!(!page.contains("Partant") && !page.contains("Sacha"));
    }
}

/// Every action written to the journal, found in the source: each is classified (an
/// administrative act, or something a person did) and has its words in both languages. A new
/// `audit(…)` call with a new code fails here until its author decides.
#[test]
fn every_journaled_action_has_words_in_both_languages() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut sources = Vec::new();
    let mut dirs = vec![root.join("crates")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if !path.ends_with("tests") && !path.ends_with("target") {
                    dirs.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                sources.push(std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut codes = std::collections::BTreeSet::new();
    for text in &sources {
        for start in ["audit(", "audit_db("] {
            for (i, _) in text.match_indices(start) {
                // The call's text, up to its closing parenthesis.
                let call = &text[i + start.len()..];
                let mut depth = 1;
                let end = call
                    .char_indices()
                    .find_map(|(j, c)| {
                        match c {
                            '(' => depth += 1,
                            ')' => depth -= 1,
                            _ => {}
                        }
                        (depth == 0).then_some(j)
                    })
                    .unwrap_or(0);
                for literal in call[..end].split('"').skip(1).step_by(2) {
                    let kebab = literal.contains('-')
                        && literal
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                    if kebab {
                        codes.insert(literal.to_owned());
                    }
                }
            }
        }
    }
    for expected in [
        "roster-imported",
        "roster-previewed",
        "roster-refused",
        "account-activated",
        "notice-acknowledged",
        "visibility-explained",
    ] {
        assert!(codes.contains(expected), "{expected} not found: {codes:?}");
    }
    for lang in ["fr", "en"] {
        let mut messages = String::new();
        for file in ["main.ftl", "lifecycle.ftl"] {
            messages +=
                &std::fs::read_to_string(root.join("locales").join(lang).join(file)).unwrap();
        }
        for code in &codes {
            assert!(
                messages.contains(&format!("\naudit-{code} = ")),
                "{code}: no audit-{code} message in {lang}"
            );
        }
    }
    // Administrative acts are listed one by one: each must be one that is really written.
    for act in preau_app::admin::ADMINISTRATIVE_ACTS {
        assert!(codes.contains(*act), "{act} is never written");
    }
}

#[tokio::test]
async fn the_command_line_says_why_a_file_is_refused() {
    let t = TestApp::spawn().await;
    let _admin = t.admin().await;
    let dir = tempfile::tempdir().unwrap();
    for (content, reason) in [
        ("", "The file contains no staff line."),
        ("Prénom;Ville\nLéa;Amiens\n", "Required columns are missing"),
    ] {
        let file = dir.path().join("annuaire.csv");
        std::fs::write(&file, content).unwrap();
        for args in [&[][..], &["--apply"][..]] {
            let (ok, _, stderr) = cli(&t, &file, args);
            assert!(!ok, "{args:?}");
            assert!(stderr.contains(reason), "{args:?}: {stderr}");
            assert!(!stderr.contains("invalid input"), "{stderr}");
        }
    }
}
