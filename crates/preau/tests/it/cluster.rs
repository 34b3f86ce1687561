//! What must hold when several instances share one database: one server per SQLite file, jobs
//! that run once across instances, mail leased per message, migrations applied once, and
//! per-client throttles that see the client behind a trusted proxy. The same tests run on
//! SQLite and PostgreSQL; `scripts/cluster-test` repeats the essentials with real processes
//! behind nginx.

use crate::helpers::*;
use preau::Application;
use preau_app::App;
use preau_app::jobs::RETENTION_PURGE;
use std::time::Duration;

/// A second instance of `t`'s deployment, without its own server: the same database, data
/// directory, configuration and clock.
async fn sibling(t: &TestApp) -> App {
    let db = preau::open_store(&t.config, false).await.unwrap();
    App::new(db, t.clock.clone(), t.config.clone())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_second_server_on_one_sqlite_file_is_refused_until_the_first_stops() {
    let mut t = TestApp::spawn().await;
    let mut config = t.config.clone();
    config.listen = "127.0.0.1:0".into();
    let second = Application::build(config.clone()).await;
    if postgres_url().is_some() {
        assert!(second.is_ok(), "instances share PostgreSQL");
        return;
    }
    let message = format!("{:#}", second.err().expect("refused"));
    assert!(
        message.contains("another Préau server is already running")
            && message.contains("PostgreSQL"),
        "{message}"
    );
    t.stop().await;
    let after = Application::build(config).await;
    assert!(after.is_ok(), "the lock goes with the first server");
}

#[tokio::test]
async fn the_retention_purge_runs_once_across_instances_and_survives_a_dead_holder() {
    let t = TestApp::spawn_with(|c| {
        c.run_jobs = false;
        c.purge_every_seconds = 600;
    })
    .await;
    let admin = t.admin().await;
    let people: Vec<(String, String)> = (0..3)
        .map(|i| (format!("Nom{i}"), format!("p{i}@ac-amiens.fr")))
        .collect();
    let lines: Vec<Person<'_>> = people
        .iter()
        .map(|(n, e)| (n.as_str(), "Alix", e.as_str(), "0801234A", "École A", ""))
        .collect();
    admin.import_roster(roster_csv(&lines).as_bytes()).await;
    t.advance(Duration::from_secs(61 * 86_400));
    let (a, b) = (t.app.clone(), sibling(&t).await);

    let (ra, rb) = tokio::join!(
        a.run_retention_purge_if_due(),
        b.run_retention_purge_if_due()
    );
    let runs: Vec<_> = [ra.unwrap(), rb.unwrap()].into_iter().flatten().collect();
    assert_eq!(
        runs.len(),
        1,
        "one instance purged, the other found it leased"
    );
    assert_eq!(
        runs[0].get("invitations"),
        3,
        "all three expired invitations, once"
    );

    let (ra, rb) = tokio::join!(
        a.run_retention_purge_if_due(),
        b.run_retention_purge_if_due()
    );
    assert!(
        ra.unwrap().is_none() && rb.unwrap().is_none(),
        "not due again yet"
    );

    t.advance(Duration::from_secs(600));
    let (ra, rb) = tokio::join!(
        a.run_retention_purge_if_due(),
        b.run_retention_purge_if_due()
    );
    assert_eq!(
        [ra.unwrap(), rb.unwrap()].iter().flatten().count(),
        1,
        "due again after the period, once"
    );

    // An instance takes the lease and dies: nobody runs the job until the lease ends.
    t.advance(Duration::from_secs(600));
    let now = t.app.now();
    assert!(
        preau_store::jobs::take(
            t.app.db(),
            RETENTION_PURGE,
            "killed-instance",
            now,
            now.plus(Duration::from_secs(600))
        )
        .await
        .unwrap()
    );
    assert!(a.run_retention_purge_if_due().await.unwrap().is_none());
    assert!(b.run_retention_purge_if_due().await.unwrap().is_none());
    t.advance(Duration::from_secs(601));
    assert!(b.run_retention_purge_if_due().await.unwrap().is_some());

    let state = t.app.job_states().await.unwrap();
    let purge = state.iter().find(|j| j.name == RETENTION_PURGE).unwrap();
    assert_eq!(purge.runs, 3);
    assert_eq!(purge.last_run_by, b.instance_id());
}

#[tokio::test]
async fn mail_leased_by_a_dead_instance_is_sent_once_after_its_lease() {
    let t = TestApp::spawn_with(|c| {
        c.run_jobs = false;
        c.mail.lease_seconds = 60;
    })
    .await;
    let _admin = t.admin().await;
    t.browser()
        .post_text("/mot-de-passe-oublie", &[("email", ADMIN_EMAIL)])
        .await;
    // An instance leased the message and was killed before sending it.
    let now = t.app.now();
    let leased = preau_store::outbox::claim(t.app.db(), now, now.plus(Duration::from_secs(60)), 1)
        .await
        .unwrap();
    assert_eq!(leased.len(), 1);

    let (a, b) = (t.app.clone(), sibling(&t).await);
    assert_eq!(a.deliver_due_mail().await.unwrap(), 0, "still leased");
    assert_eq!(b.deliver_due_mail().await.unwrap(), 0, "still leased");
    t.advance(Duration::from_secs(61));
    let (sa, sb) = tokio::join!(a.deliver_due_mail(), b.deliver_due_mail());
    assert_eq!(sa.unwrap() + sb.unwrap(), 1, "sent once, by one of them");
    assert_eq!(t.app.pending_mail().await.unwrap(), 0);

    let files: Vec<String> = std::fs::read_dir(t.config.data_dir.join("outbox"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert_eq!(files.len(), 1);
    let id = leased[0].id;
    assert!(
        files[0].contains(&format!("Message-ID: <{id}@127.0.0.1>")),
        "a stable Message-ID names the outbox row: {}",
        files[0]
    );
}

/// The one test of the loops themselves (every other test leaves them off and calls the jobs):
/// a real-time wait is the point, so it polls, within a bound, for what they must do.
#[tokio::test]
async fn with_jobs_on_the_server_sends_mail_and_purges_unasked() {
    let t = TestApp::spawn_with(|c| c.run_jobs = true).await;
    let _admin = t.admin().await;
    t.browser()
        .post_text("/mot-de-passe-oublie", &[("email", ADMIN_EMAIL)])
        .await;
    let done = async {
        loop {
            let sent = t.app.pending_mail().await.unwrap() == 0 && !outbox_files(&t).is_empty();
            let purged = t
                .app
                .job_states()
                .await
                .unwrap()
                .iter()
                .any(|j| j.name == RETENTION_PURGE && j.runs > 0);
            if sent && purged {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    };
    assert!(
        tokio::time::timeout(Duration::from_secs(20), done)
            .await
            .is_ok(),
        "within 20 s, the mail loop (every 2 s) sent the reset link and the purge loop ran"
    );
}

#[tokio::test]
async fn migrations_apply_once_and_then_find_nothing_to_do() {
    let t = TestApp::spawn().await;
    let (a, b) = tokio::join!(
        preau::open_store(&t.config, false),
        preau::open_store(&t.config, false)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    let (ra, rb) = tokio::join!(a.migrate(), b.migrate());
    assert_eq!(
        (ra.unwrap(), rb.unwrap()),
        (0, 0),
        "already migrated at start"
    );

    // A fresh database, migrated by two instances at the same moment.
    let fresh = tempfile::tempdir().unwrap();
    let mut config = test_config(fresh.path());
    let _pg = match postgres_url() {
        Some(admin) => {
            let db = create_pg_database(&admin).await;
            config.database_url = Some(preau_app::config::Secret::new(db.url.clone()));
            Some(db)
        }
        None => None,
    };
    let (a, b) = tokio::join!(
        preau::open_store(&config, false),
        preau::open_store(&config, false)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    let (ra, rb) = tokio::join!(a.migrate(), b.migrate());
    let (ra, rb) = (ra.unwrap(), rb.unwrap());
    let total = preau_store::Db::migration_versions().0.len();
    assert!(
        (ra, rb) == (total, 0) || (ra, rb) == (0, total),
        "exactly one applied the {total} migrations: {ra} and {rb}"
    );
    a.close().await;
    b.close().await;
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_has_its_own_throttle() {
    for trusted in [true, false] {
        let t = TestApp::spawn_with(|c| {
            if trusted {
                c.trusted_proxies = vec!["127.0.0.1".into()];
            }
        })
        .await;
        let client = http();
        let guess = |from: &'static str, i: u32| {
            client
                .get(format!("{}/invitation/GUESS{i:021}", t.url))
                .header("x-forwarded-for", from)
                .send()
        };
        for i in 0..10 {
            assert_eq!(guess("203.0.113.1", i).await.unwrap().status(), 404);
        }
        assert_eq!(guess("203.0.113.1", 10).await.unwrap().status(), 429);
        let other = guess("203.0.113.2", 11).await.unwrap().status();
        if trusted {
            assert_eq!(
                other, 404,
                "another client behind the same proxy is not held up"
            );
        } else {
            assert_eq!(other, 429, "an untrusted peer cannot choose its address");
        }
    }
}
