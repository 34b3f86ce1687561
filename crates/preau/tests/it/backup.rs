//! `preau backup` and `preau restore`: a backup restored into a fresh data directory (or a
//! fresh PostgreSQL database) holds every account, invitation, structure and token, no
//! session, and starts as a working instance. Old backups are pruned within 35 days.

use crate::documents::{Store, moto, spawn_on};
use crate::helpers::*;
use crate::storage::{named_keys, put_file, token_and_root};
use preau::backup::{self, Manifest};
use std::sync::Arc;

fn count(manifest: &Manifest, table: &str) -> i64 {
    manifest
        .counts
        .iter()
        .find(|(t, _)| t == table)
        .map(|(_, n)| *n)
        .unwrap()
}

#[tokio::test]
async fn a_backup_restores_into_a_fresh_instance_that_starts_and_knows_everyone() {
    let t = TestApp::spawn_with(|c| c.run_jobs = false).await;
    let admin = t.admin().await;
    let token = admin.api_token("sauvegarde").await;
    let people = [
        (
            "Aubert",
            "Lina",
            "lina.aubert@ac-amiens.fr",
            "0801234A",
            "École A",
            "",
        ),
        (
            "Brun",
            "Noé",
            "noe.brun@ac-amiens.fr",
            "0801234A",
            "École A",
            "",
        ),
        (
            "Caron",
            "Inès",
            "ines.caron@ac-amiens.fr",
            "0805678B",
            "École B",
            "",
        ),
    ];
    admin.import_roster(roster_csv(&people).as_bytes()).await;
    t.app
        .create_unit(None, "Équipe de circonscription", "Amiens")
        .await
        .unwrap();
    let files = t.config.storage_path();
    std::fs::create_dir_all(files.join("2026")).unwrap();
    std::fs::write(files.join("2026/compte-rendu.txt"), "conseil de cycle").unwrap();
    let live_session = session_token(&t.browser().login(ADMIN_EMAIL, PASSWORD).await).unwrap();

    let backups = tempfile::tempdir().unwrap();
    let to = backups.path().join("today");
    let manifest = backup::backup(&t.config, &to).await.unwrap();
    assert_eq!(count(&manifest, "users"), 1);
    assert_eq!(count(&manifest, "invitations"), 3);
    assert_eq!(count(&manifest, "structures"), 3, "two schools and a unit");
    assert_eq!(count(&manifest, "api_tokens"), 1);
    assert_eq!(manifest.files, 1);
    assert!(
        backup::backup(&t.config, &to).await.is_err(),
        "never over an earlier backup"
    );

    // A fresh deployment: its own data directory and, on PostgreSQL, an empty database.
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let mut config = test_config(dir.path());
    config.run_jobs = false;
    let database = match postgres_url() {
        Some(admin_url) => {
            let db = create_pg_database(&admin_url).await;
            config.database_url = Some(preau_app::config::Secret::new(db.url.clone()));
            Some(Arc::new(db))
        }
        None => None,
    };
    assert_eq!(manifest.file_digests.len(), 1);
    assert_eq!(
        manifest.file_digests[0],
        (
            "2026/compte-rendu.txt".to_owned(),
            // sha256sum of "conseil de cycle", computed outside Préau.
            "b021bb024bbdd32f8e7da78ab1693844da62f27bee6700e8dd00b966bc5299d9".to_owned()
        )
    );
    let restored = backup::restore(&config, &to).await.unwrap();
    assert!(restored.mismatches().is_empty(), "{restored:?}");
    assert!(restored.file_mismatches().is_empty(), "{restored:?}");
    assert_eq!(restored.migrations_applied, 0);
    let again = backup::restore(&config, &to).await;
    assert!(again.is_err(), "never over existing data");

    let r = TestApp::start(config, t.clock.clone(), dir, database).await;
    assert!(
        std::fs::read_to_string(r.config.storage_path().join("2026/compte-rendu.txt"))
            .is_ok_and(|s| s == "conseil de cycle")
    );
    // No session survives: the restored instance does not know the one still open.
    let page = get_with_session(&r.url, &live_session).await;
    assert_eq!(page.status(), 303, "sessions are not in backups");
    // The person, their password, their token and the invitations are all there.
    assert_eq!(r.browser().login(ADMIN_EMAIL, PASSWORD).await.status(), 303);
    let me = http()
        .get(format!("{}/api/v1/me", r.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    let overview = r.browser();
    overview.login(ADMIN_EMAIL, PASSWORD).await;
    let (_, page) = overview.get_text("/admin").await;
    assert!(page.contains("Équipe de circonscription"), "{page}");
}

#[tokio::test]
async fn backups_older_than_the_retention_are_pruned_and_the_retention_is_capped() {
    let root = tempfile::tempdir().unwrap();
    let now = 1_800_000_000;
    for (name, age_days) in [("old", 36), ("recent", 2), ("edge", 35)] {
        let dir = root.path().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        let m = Manifest {
            format: 1,
            preau_version: "0.1.0".into(),
            created_at: String::new(),
            created_at_unix: now - age_days * 86_400 + 60,
            backend: "sqlite".into(),
            migrations: 5,
            counts: vec![],
            files: 0,
            file_digests: vec![],
            blobs: 0,
            bucket: None,
        };
        std::fs::write(dir.join("manifest.json"), serde_json::to_vec(&m).unwrap()).unwrap();
    }
    std::fs::create_dir_all(root.path().join("not-a-backup")).unwrap();
    let removed = backup::prune(root.path(), 35, now).unwrap();
    assert_eq!(removed, vec![root.path().join("old")]);
    assert!(root.path().join("recent").exists() && root.path().join("edge").exists());
    assert!(
        root.path().join("not-a-backup").exists(),
        "only backups are deleted"
    );
    assert!(
        backup::prune(root.path(), 36, now).is_err(),
        "35 days at most (RET-07)"
    );
}

#[test]
fn the_database_password_never_reaches_a_command_line() {
    assert_eq!(
        backup::split_password("postgres://preau:s%40cret%3Aok@db:5432/preau?sslmode=require"),
        (
            "postgres://preau@db:5432/preau?sslmode=require".to_owned(),
            Some("s@cret:ok".to_owned())
        )
    );
    assert_eq!(
        backup::split_password("postgres://postgres@127.0.0.1/test"),
        ("postgres://postgres@127.0.0.1/test".to_owned(), None)
    );
}

#[tokio::test]
async fn a_backup_that_fails_halfway_leaves_nothing_that_looks_like_a_backup() {
    let mut t = TestApp::spawn_with(|c| c.run_jobs = false).await;
    // A file where the file store's directory should be: copying it fails after the
    // database was copied.
    let not_a_dir = t.config.data_dir.join("not-a-directory");
    std::fs::write(&not_a_dir, "x").unwrap();
    t.config.storage.path = Some(not_a_dir);
    let to = tempfile::tempdir().unwrap().path().join("failed");
    assert!(backup::backup(&t.config, &to).await.is_err());
    assert!(!to.exists(), "the partial copy is gone");
}

#[tokio::test]
async fn a_restore_names_a_file_that_differs_from_the_backup() {
    let t = TestApp::spawn().await;
    let _admin = t.admin().await;
    let store = t.config.storage_path();
    std::fs::create_dir_all(store.join("2026")).unwrap();
    std::fs::write(store.join("2026/ordre-du-jour.txt"), "réunion de rentrée").unwrap();
    let backups = tempfile::tempdir().unwrap();
    let to = backups.path().join("today");
    backup::backup(&t.config, &to).await.unwrap();
    // The copy in the backup is damaged afterwards.
    std::fs::write(to.join("files/2026/ordre-du-jour.txt"), "réunion annulée").unwrap();
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let mut config = test_config(dir.path());
    let _database = match postgres_url() {
        Some(admin_url) => {
            let db = create_pg_database(&admin_url).await;
            config.database_url = Some(preau_app::config::Secret::new(db.url.clone()));
            Some(Arc::new(db))
        }
        None => None,
    };
    let restored = backup::restore(&config, &to).await.unwrap();
    assert!(restored.mismatches().is_empty());
    assert_eq!(
        restored.file_mismatches(),
        vec!["2026/ordre-du-jour.txt".to_owned()]
    );
}

/// A fresh deployment to restore into: its own data directory and, on PostgreSQL, an empty
/// database; `tweak` sets its file store.
async fn fresh_target(
    tweak: impl FnOnce(&mut preau_app::Config),
) -> (
    preau_app::Config,
    Arc<tempfile::TempDir>,
    Option<Arc<PgDatabase>>,
) {
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let mut config = test_config(dir.path());
    let database = match postgres_url() {
        Some(admin_url) => {
            let db = create_pg_database(&admin_url).await;
            config.database_url = Some(preau_app::config::Secret::new(db.url.clone()));
            Some(Arc::new(db))
        }
        None => None,
    };
    tweak(&mut config);
    (config, dir, database)
}

#[tokio::test]
async fn a_restore_counts_the_blobs_the_database_names_and_names_one_the_backup_lacks() {
    let t = TestApp::spawn().await;
    let (token, root) = token_and_root(&t).await;
    put_file(&t, &token, &root, "un.txt", b"premier").await;
    put_file(&t, &token, &root, "deux.txt", b"second").await;
    let keys = named_keys(&t).await;
    let backups = tempfile::tempdir().unwrap();
    let to = backups.path().join("today");
    let manifest = backup::backup(&t.config, &to).await.unwrap();
    assert_eq!((manifest.blobs, manifest.files), (2, 2));
    assert!(manifest.bucket.is_none());

    let (config, _dir, _db) = fresh_target(|_| {}).await;
    let restored = backup::restore(&config, &to).await.unwrap();
    assert_eq!(restored.blobs, 2);
    assert!(restored.missing_blobs.is_empty(), "{restored:?}");
    // Onto S3 it is refused: the files are in the backup, not in any bucket.
    if moto().is_some() {
        let s3 = crate::storage::new_bucket().await;
        let (config, _dir, _db) = fresh_target(|c| {
            c.storage.kind = preau_app::config::StorageKind::S3;
            c.storage.s3 = Some(s3);
        })
        .await;
        let refused = backup::restore(&config, &to).await.unwrap_err();
        assert!(refused.to_string().contains("storage migrate"), "{refused}");
    }

    // A backup that lost a blob (a disk error, a partial copy): the restore names it.
    std::fs::remove_file(to.join("files").join(&keys[0])).unwrap();
    let (config, _dir, _db) = fresh_target(|_| {}).await;
    let restored = backup::restore(&config, &to).await.unwrap();
    assert_eq!(restored.missing_blobs, vec![keys[0].clone()]);
    assert!(restored.mismatches().is_empty(), "the rows are all there");
}

#[tokio::test]
async fn an_s3_backup_names_its_bucket_and_a_restore_names_blobs_missing_from_it() {
    if moto().is_none() {
        return;
    }
    let t = spawn_on(Store::S3, |_| {}).await;
    let (token, root) = token_and_root(&t).await;
    put_file(&t, &token, &root, "un.txt", b"premier").await;
    put_file(&t, &token, &root, "deux.txt", b"second").await;
    let keys = named_keys(&t).await;
    let s3 = t.config.storage.s3.clone().unwrap();
    let backups = tempfile::tempdir().unwrap();
    let to = backups.path().join("today");
    let manifest = backup::backup(&t.config, &to).await.unwrap();
    assert_eq!(
        (manifest.blobs, manifest.files),
        (2, 0),
        "the bucket is not copied"
    );
    assert_eq!(
        manifest.bucket,
        Some(backup::Bucket {
            endpoint: s3.endpoint.clone(),
            bucket: s3.bucket.clone()
        })
    );

    let on_s3 = |c: &mut preau_app::Config| {
        c.storage.kind = preau_app::config::StorageKind::S3;
        c.storage.s3 = Some(s3.clone());
    };
    let (config, _dir, _db) = fresh_target(on_s3).await;
    let restored = backup::restore(&config, &to).await.unwrap();
    assert_eq!(restored.blobs, 2);
    assert!(restored.missing_blobs.is_empty(), "{restored:?}");

    // A blob deleted from the bucket since (no versioning to bring it back): named.
    t.app.files().delete(&keys[1]).await.unwrap();
    let (config, _dir, _db) = fresh_target(on_s3).await;
    let restored = backup::restore(&config, &to).await.unwrap();
    assert_eq!(restored.missing_blobs, vec![keys[1].clone()]);
    // Onto a directory store, the restore refuses: the backup holds no blob.
    let (config, _dir, _db) = fresh_target(|_| {}).await;
    let refused = backup::restore(&config, &to).await.unwrap_err();
    assert!(refused.to_string().contains("S3 bucket"), "{refused}");
}
