//! The store on both backends: same migration versions, every SQL statement prepares, the
//! staff columns stay within the whitelist.

use crate::helpers::*;
use preau_store::{Db, PoolSizes, Pools};

#[test]
fn both_migration_trees_have_the_same_versions() {
    let (sqlite, postgres) = Db::migration_versions();
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, postgres);
}

async fn prepare_all(db: &Db) {
    let statements = preau_store::statements_for(db.backend());
    assert!(statements.len() > 25);
    for (name, sql) in statements {
        if let Err(e) = db.prepare(sql).await {
            panic!("{:?}: {name} does not prepare: {e}", db.backend());
        }
    }
}

#[tokio::test]
async fn every_statement_prepares_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.sqlite3").display());
    let db = Db::connect(&url, &PoolSizes::default()).await.unwrap();
    db.migrate().await.unwrap();
    prepare_all(&db).await;
}

#[tokio::test]
async fn every_statement_prepares_on_postgres() {
    let Some(_) = postgres_url() else {
        say_on_stderr(
            "note: PostgreSQL statements not prepared: PREAU_TEST_POSTGRES_URL is not set",
        );
        return;
    };
    // TestApp creates and migrates a fresh database.
    let t = TestApp::spawn().await;
    assert_eq!(t.app.db().backend(), preau_store::Backend::Postgres);
    prepare_all(t.app.db()).await;
}

#[tokio::test]
async fn staff_columns_stay_within_the_whitelist_of_the_arrete() {
    // DIR-02: identity, professional situation, unit, professional contact details,
    // administrative information; plus what authentication needs. No private address,
    // phone, birth date or photo.
    let allowed = [
        // identity and professional contact
        "id",
        "email",
        "given_name",
        "family_name",
        // professional situation and structure (from the roster)
        "structure_id",
        "corps",
        "functions",
        "from_roster",
        "status",
        "departing_since",
        "verified_at",
        // the person's own request to delete the account (issue 11)
        "closing_since",
        "closing_groups",
        "closing_documents",
        "closing_previous_status",
        // the account itself and the person's own choices
        "password_hash",
        "locale",
        "created_at",
        "password_changed_at",
        "directory_scope",
        "show_structure",
        "show_functions",
        "search_name",
        "notice_version",
        "notice_accepted_at",
        // optional, with consent (Art. 7), for reset links only
        "recovery_email",
        "recovery_email_consent_at",
    ];
    let t = TestApp::spawn().await;
    let columns: Vec<String> = match t.app.db().pools() {
        Pools::Sqlite { reader, .. } => {
            sqlx::query_scalar("SELECT name FROM pragma_table_info('users')")
                .fetch_all(reader)
                .await
                .unwrap()
        }
        Pools::Postgres(pool) => sqlx::query_scalar(
            "SELECT column_name::text FROM information_schema.columns WHERE table_name = 'users'",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
    };
    assert!(!columns.is_empty());
    for c in &columns {
        assert!(
            allowed.contains(&c.as_str()),
            "users.{c} is outside the whitelist"
        );
    }
}

#[tokio::test]
async fn tokens_and_sessions_are_stored_only_as_hashes() {
    let t = TestApp::spawn().await;
    let _admin = t.admin().await;
    let r = t.browser().login(ADMIN_EMAIL, PASSWORD).await;
    let token = session_token(&r).unwrap();
    let hashes: Vec<Vec<u8>> = match t.app.db().pools() {
        Pools::Sqlite { reader, .. } => sqlx::query_scalar("SELECT token_hash FROM sessions")
            .fetch_all(reader)
            .await
            .unwrap(),
        Pools::Postgres(pool) => sqlx::query_scalar("SELECT token_hash FROM sessions")
            .fetch_all(pool)
            .await
            .unwrap(),
    };
    assert_eq!(hashes.len(), 2);
    assert!(
        hashes
            .iter()
            .all(|h| h.len() == 32 && h.as_slice() != token.as_bytes())
    );
    assert!(
        hashes.contains(
            &preau_domain::SecretToken::from_client(&token)
                .hash()
                .as_bytes()
                .to_vec()
        )
    );
}
