//! Deterministic budgets: the number of SQL statements a page runs does not grow with the
//! data (no N+1). Timings are never asserted; counts are.

use crate::helpers::*;

/// Statements run by one GET of `path` (which must answer 200).
async fn statements(t: &TestApp, b: &Browser, path: &str) -> u64 {
    let before = t.app.db().statements_run();
    let (status, body) = b.get_text(path).await;
    assert_eq!(status, 200, "{path}: {body}");
    t.app.db().statements_run() - before
}

const PAGES: [&str; 6] = [
    "/donnees-personnelles",
    "/",
    "/annuaire?q=martin",
    "/compte",
    "/admin",
    "/compte/jetons",
];

async fn measure(t: &TestApp, b: &Browser) -> Vec<(&'static str, u64)> {
    let mut out = Vec::new();
    for path in PAGES {
        out.push((path, statements(t, b, path).await));
    }
    out
}

#[tokio::test]
async fn pages_run_as_many_statements_with_ten_times_the_data() {
    // No background job may run statements between the two measures.
    let t = TestApp::spawn_with(|c| c.run_jobs = false).await;
    let admin = t.admin().await;
    assert_eq!(admin.post("/compte/notice-lue", &[]).await.status(), 303);
    let people = |from: usize, to: usize| {
        let rows: Vec<(String, String, String, String)> = (from..to)
            .map(|i| {
                (
                    format!("Martin{i}"),
                    format!("Paul{i}"),
                    format!("p{i}@ac-amiens.fr"),
                    format!("{:07}A", 800_000 + i % 30),
                )
            })
            .collect();
        let mut csv = String::from("Nom;Prénom;Courriel;UAI\n");
        for (f, g, e, u) in rows {
            csv.push_str(&format!("{f};{g};{e};{u}\n"));
        }
        csv
    };
    // Small: 20 people, 2 active colleagues, a couple of tokens.
    let (_, batch) = admin.import_roster(people(0, 20).as_bytes()).await;
    let letters = admin.letters(&batch).await;
    for (_, code) in letters.iter().take(2) {
        t.activate(code, "district").await;
    }
    admin.api_token("one").await;
    let small = measure(&t, &admin).await;

    // Ten times more people, schools, active accounts and tokens.
    let (_, batch) = admin
        .import_roster(
            format!(
                "{}{}",
                people(0, 20),
                &people(20, 200)["Nom;Prénom;Courriel;UAI\n".len()..]
            )
            .as_bytes(),
        )
        .await;
    let letters = admin.letters(&batch).await;
    for (_, code) in letters.iter().take(20) {
        t.activate(code, "district").await;
    }
    for i in 0..10 {
        admin.api_token(&format!("token {i}")).await;
    }
    let large = measure(&t, &admin).await;

    assert_eq!(
        small, large,
        "statements per page, small data vs ten times the data"
    );
    // And the budgets themselves, so that a new query per page is a visible decision. The
    // account's grants come with the session (one query), so `can` asks no other.
    let budget: Vec<(&str, u64)> = vec![
        ("/donnees-personnelles", 1),
        ("/", 1),
        ("/annuaire?q=martin", 4),
        ("/compte", 2),
        // Counts, structures, the administrative acts, the daily counts of people's own,
        // and the overdue rights requests.
        ("/admin", 10),
        ("/compte/jetons", 2),
    ];
    assert_eq!(large, budget);
}
