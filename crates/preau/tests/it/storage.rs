//! The file store as an operator sees it (issue 12): `preau storage migrate` copies every
//! blob from a directory to S3 (and back), checked and resumable, and the instance then serves
//! the same bytes from S3; the orphan sweep deletes blobs that no version names once they are
//! older than the grace period, and nothing else.

use crate::documents::{Store, moto, spawn_on, stores};
use crate::helpers::*;
use preau::storage::{Target, migrate};
use preau_app::config::{S3Config, Secret, StorageKind};
use preau_app::storage::{FileStore, StorageError};

/// A new empty bucket on the moto server.
pub(crate) async fn new_bucket() -> S3Config {
    let port = moto().unwrap();
    let bucket = format!("preau-{}", uuid::Uuid::now_v7().simple());
    let r = http()
        .put(format!("http://127.0.0.1:{port}/{bucket}"))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "bucket: {}", r.status());
    S3Config {
        endpoint: format!("http://127.0.0.1:{port}"),
        bucket,
        access_key_id: "test".into(),
        secret_access_key: Some(Secret::new("test")),
        ..S3Config::default()
    }
}

/// The administrator's API token and the id of their « Mes documents ».
pub(crate) async fn token_and_root(t: &TestApp) -> (String, String) {
    let token = t.admin().await.api_token("fichiers").await;
    let root: serde_json::Value = http()
        .get(format!("{}/api/v1/me/documents", t.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (token, root["id"].as_str().unwrap().to_owned())
}

/// Uploads `bytes` as `name` into `folder` through the API; the document's id.
pub(crate) async fn put_file(
    t: &TestApp,
    token: &str,
    folder: &str,
    name: &str,
    bytes: &[u8],
) -> String {
    let r = http()
        .put(format!("{}/api/v1/documents/{folder}/files/{name}", t.url))
        .bearer_auth(token)
        .header("content-type", "application/octet-stream")
        .body(bytes.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201, "{name}");
    let file: serde_json::Value = r.json().await.unwrap();
    file["id"].as_str().unwrap().to_owned()
}

/// The document's current content, downloaded through the API.
pub(crate) async fn content(t: &TestApp, token: &str, id: &str) -> Vec<u8> {
    let r = http()
        .get(format!("{}/api/v1/documents/{id}/content", t.url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{id}");
    r.bytes().await.unwrap().to_vec()
}

/// The blob keys the database names, in order.
pub(crate) async fn named_keys(t: &TestApp) -> Vec<String> {
    preau_store::blobs::named_after(t.app.db(), "", 1000)
        .await
        .unwrap()
        .into_iter()
        .map(|b| b.blob_key)
        .collect()
}

fn bytes_of(body: &'static [u8]) -> impl futures_util::Stream<Item = Result<bytes::Bytes, String>> {
    futures_util::stream::iter([Ok(bytes::Bytes::from_static(body))])
}

#[tokio::test]
async fn a_local_store_migrates_to_s3_checked_and_resumable_and_is_then_served_from_s3() {
    if moto().is_none() {
        return;
    }
    let t = spawn_on(Store::Local, |_| {}).await;
    let (token, root) = token_and_root(&t).await;
    // Larger than one part (8 MiB), so that the copy to S3 is a multipart upload.
    let big: Vec<u8> = (0..9 * 1024 * 1024).map(|i| (i % 251) as u8).collect();
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("rapport", big),
        ("vide.txt", Vec::new()),
        ("notes.txt", b"premier jet".to_vec()),
    ];
    let mut ids = Vec::new();
    for (name, bytes) in &files {
        ids.push(put_file(&t, &token, &root, name, bytes).await);
    }
    // A second version of notes.txt: the first stays a blob the database names.
    put_file(&t, &token, &root, "notes.txt", b"version finale").await;
    let keys = named_keys(&t).await;
    assert_eq!(keys.len(), 4);
    let total_bytes = (9 * 1024 * 1024 + 11 + 14) as u64;

    let s3 = new_bucket().await;
    let mut config = t.config.clone();
    config.storage.s3 = Some(s3.clone());
    let first = migrate(&config, Target::S3).await.unwrap();
    assert_eq!(
        (first.total, first.copied, first.skipped, first.bytes),
        (4, 4, 0, total_bytes)
    );
    // An interrupted run is run again: what is there is skipped, the rest copied.
    let target = FileStore::open_as(&config, StorageKind::S3).unwrap();
    target.delete(&keys[1]).await.unwrap();
    let resumed = migrate(&config, Target::S3).await.unwrap();
    assert_eq!((resumed.copied, resumed.skipped), (1, 3));
    let again = migrate(&config, Target::S3).await.unwrap();
    assert_eq!((again.copied, again.skipped, again.bytes), (0, 4, 0));
    let wrong = migrate(&config, Target::Local).await.unwrap_err();
    assert!(wrong.to_string().contains("already a directory"), "{wrong}");
    let mut no_bucket = config.clone();
    no_bucket.storage.s3 = None;
    let missing = migrate(&no_bucket, Target::S3).await.unwrap_err();
    assert!(missing.to_string().contains("[storage.s3]"), "{missing}");

    // The instance on S3, with the local copies gone: every file, byte for byte.
    let local_blobs = t.config.storage_path().join("blobs");
    let t = t
        .restart_with(|c| {
            c.storage.kind = StorageKind::S3;
            c.storage.s3 = Some(s3.clone());
        })
        .await;
    std::fs::remove_dir_all(&local_blobs).unwrap();
    for ((name, bytes), id) in files.iter().zip(&ids) {
        let back = content(&t, &token, id).await;
        if *name == "notes.txt" {
            assert_eq!(back, b"version finale");
        } else {
            assert!(back == *bytes, "{name} comes back as it went");
        }
    }

    // And back to a directory (`--to local`), into an empty one.
    let mut back = t.config.clone();
    back.storage.path = Some(t.config.data_dir.join("files-again"));
    let home = migrate(&back, Target::Local).await.unwrap();
    assert_eq!((home.copied, home.skipped), (4, 0));
    let dir = FileStore::open_as(&back, StorageKind::Local).unwrap();
    for key in &keys {
        dir.size_of(key).await.unwrap();
    }
}

#[tokio::test]
async fn a_blob_that_does_not_match_its_checksum_stops_the_migration_naming_it() {
    if moto().is_none() {
        return;
    }
    let t = spawn_on(Store::Local, |_| {}).await;
    let (token, root) = token_and_root(&t).await;
    put_file(&t, &token, &root, "bon.txt", b"intact").await;
    put_file(&t, &token, &root, "abime.txt", b"conseil").await;
    let key = named_keys(&t)
        .await
        .into_iter()
        .find(|k| std::fs::read(t.config.storage_path().join(k)).unwrap() == b"conseil")
        .unwrap();
    // Same size, other bytes: only the checksum can tell.
    std::fs::write(t.config.storage_path().join(&key), b"conseiL").unwrap();
    let mut config = t.config.clone();
    config.storage.s3 = Some(new_bucket().await);
    let e = migrate(&config, Target::S3).await.unwrap_err();
    assert!(e.to_string().contains(&key), "names the blob: {e}");
    assert!(e.to_string().contains("SHA-256"), "{e}");
    let target = FileStore::open_as(&config, StorageKind::S3).unwrap();
    assert!(
        matches!(target.size_of(&key).await, Err(StorageError::NotFound)),
        "the bad copy is not left at the target (a rerun would skip it)"
    );
}

#[tokio::test]
async fn an_orphan_blob_is_swept_by_the_purge_after_its_grace_and_a_named_one_stays() {
    for store in stores() {
        let t = spawn_on(store, |c| c.storage.orphan_grace_seconds = 0).await;
        let (token, root) = token_and_root(&t).await;
        let kept = put_file(&t, &token, &root, "garde.txt", b"a garder").await;
        // What a process killed between the blob and the rows leaves: a blob, no row.
        let orphan = t
            .app
            .files()
            .put_stream(bytes_of(b"jamais enregistre"), u64::MAX)
            .await
            .unwrap();
        let purged = t.app.run_retention_purge_if_due().await.unwrap().unwrap();
        assert_eq!(purged.get("blobs"), 1, "{store:?}");
        assert!(
            matches!(
                t.app.files().size_of(&orphan.key).await,
                Err(StorageError::NotFound)
            ),
            "{store:?}: the orphan is gone"
        );
        assert_eq!(content(&t, &token, &kept).await, b"a garder");

        // Within the grace period an unnamed blob (an upload about to commit) stays.
        let t = t
            .restart_with(|c| c.storage.orphan_grace_seconds = 3600)
            .await;
        let recent = t
            .app
            .files()
            .put_stream(bytes_of(b"en cours"), u64::MAX)
            .await
            .unwrap();
        assert_eq!(t.app.sweep_orphan_blobs().await.unwrap(), 0, "{store:?}");
        t.app.files().size_of(&recent.key).await.unwrap();
        assert_eq!(content(&t, &token, &kept).await, b"a garder");
    }
}
