//! Invitations: roster lines not yet turned into accounts. Nothing lists them by person
//! except the import that created them; they are reached only through their own token.

use crate::db::{in_tx, on_reader, on_writer};
use crate::inventory::{Erasure, Feature, Retention, Table};
use crate::{Db, StoreError, Tx};
use preau_domain::{Timestamp, TokenHash};
use uuid::Uuid;

crate::statements! {
    INDEX = "SELECT id, email, given_name, family_name, structure_id, corps, functions FROM invitations";
    INSERT = "INSERT INTO invitations (id, email, given_name, family_name, structure_id, corps, functions, \
        batch_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
    UPDATE = "UPDATE invitations SET given_name = $2, family_name = $3, structure_id = $4, corps = $5, \
        functions = $6 WHERE id = $1";
    BY_TOKEN = "SELECT i.id, i.email, i.given_name, i.family_name, i.structure_id, i.corps, i.functions, \
        i.expires_at, s.name AS structure_name FROM invitations i JOIN structures s ON s.id = i.structure_id \
        WHERE i.token_hash = $1";
    BY_ID = "SELECT i.id, i.email, i.given_name, i.family_name, i.structure_id, i.corps, i.functions, \
        i.expires_at, s.name AS structure_name FROM invitations i JOIN structures s ON s.id = i.structure_id \
        WHERE i.id = $1";
    FOR_LETTERS = "SELECT i.id, i.email, i.given_name, i.family_name, i.structure_id, i.corps, i.functions, \
        i.expires_at, s.name AS structure_name FROM invitations i JOIN structures s ON s.id = i.structure_id \
        WHERE i.batch_id = $1 AND i.expires_at > $2 ORDER BY s.name, i.family_name, i.given_name, i.id";
    BATCH_KNOWN = "SELECT COUNT(*) FROM invitations WHERE batch_id = $1";
    SET_TOKEN = "UPDATE invitations SET token_hash = $2, token_issued_at = $3 WHERE id = $1";
    /// The letter's code stops working: its holder was not the person.
    REVOKE_TOKEN = "UPDATE invitations SET token_hash = NULL WHERE id = $1";
    DELETE = "DELETE FROM invitations WHERE id = $1";
    DELETE_FOR_EMAIL = "DELETE FROM invitations WHERE email = $1";
    PURGE_EXPIRED = "DELETE FROM invitations WHERE expires_at <= $1";
    EXPIRED_ADDRESSES = "SELECT email FROM invitations WHERE expires_at <= $1";
    COUNT = "SELECT COUNT(*) FROM invitations";
    INSERT_BATCH = "INSERT INTO roster_batches (id, imported_by, created_at) VALUES ($1, $2, $3)";
    BATCH_IMPORTER = "SELECT imported_by FROM roster_batches WHERE id = $1";
    PURGE_BATCHES = "DELETE FROM roster_batches WHERE created_at <= $1";
    /// Whether any invitation of the batch already had a code: printing again replaces it.
    BATCH_ISSUED = "SELECT COUNT(*) FROM invitations WHERE batch_id = $1 AND token_issued_at IS NOT NULL";
    RECORD_ISSUE = "INSERT INTO invitation_issues (id, invitation_id, kind, actor_id, at) VALUES ($1, $2, $3, $4, $5)";
    ISSUES_SINCE = "SELECT COUNT(*) FROM invitation_issues WHERE invitation_id = $1 AND at > $2";
    /// What administrators did with the invitation, for the person's access log once it is
    /// an account: the import, then each letter and email.
    HISTORY = "SELECT created_at AS at, 'imported' AS kind FROM invitations WHERE id = $1 \
        UNION ALL SELECT at, kind FROM invitation_issues WHERE invitation_id = $1 ORDER BY at";
    /// Claims the invitation for one email: concurrent sends of the same batch wait on the
    /// row and then find it claimed, so a double submission sends one message.
    CLAIM_FOR_EMAIL = "UPDATE invitations SET token_hash = $2, token_issued_at = $3, last_email_at = $3 \
        WHERE id = $1 AND (last_email_at IS NULL OR last_email_at <= $4)";
}

pub const FEATURE: Feature = Feature {
    name: "invitations",
    statements: STATEMENTS,
    tables: &[
        Table {
            name: "invitations",
            purpose: "A roster line waiting for the person to accept or decline: never an account, \
            invisible to everyone.",
            register: &["invitations"],
            personal: &[
                "id",
                "email",
                "given_name",
                "family_name",
                "structure_id",
                "corps",
                "functions",
                "token_issued_at",
                "last_email_at",
                "batch_id",
                "created_at",
                "expires_at",
            ],
            withheld: &["token_hash"],
            other: &[],
            owner: None,
            retention: Retention::Purged {
                job: "invitations",
                rule: "60 days, or at once when declined or accepted (RET-03)",
            },
            erasure: Erasure::WithRetention,
            backed_up: true,
        },
        Table {
            name: "roster_batches",
            purpose: "Which administrator imported a batch, so that its letters are printed by them \
            or after a confirmation.",
            register: &["invitations"],
            personal: &["imported_by"],
            withheld: &[],
            other: &["id", "created_at"],
            owner: Some("imported_by"),
            retention: Retention::Purged {
                job: "roster_batches",
                rule: "90 days, past the life of the batch's invitations",
            },
            erasure: Erasure::Unlink,
            backed_up: true,
        },
        Table {
            name: "invitation_issues",
            purpose: "Each letter printed or invitation email sent for a person, and by whom: limited \
            to 3 a month, idempotent under double submission.",
            register: &["invitations"],
            personal: &["invitation_id", "kind", "actor_id", "at"],
            withheld: &[],
            other: &["id"],
            owner: Some("actor_id"),
            retention: Retention::Purged {
                job: "invitations",
                rule: "with its invitation",
            },
            erasure: Erasure::Unlink,
            backed_up: true,
        },
    ],
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InvitationIndexRow {
    pub id: Uuid,
    pub email: String,
    pub given_name: String,
    pub family_name: String,
    pub structure_id: Uuid,
    pub corps: String,
    pub functions: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InvitationRow {
    pub id: Uuid,
    pub email: String,
    pub given_name: String,
    pub family_name: String,
    pub structure_id: Uuid,
    pub corps: String,
    pub functions: String,
    pub expires_at: i64,
    pub structure_name: String,
}

pub struct NewInvitation<'a> {
    pub id: Uuid,
    pub email: &'a str,
    pub given_name: &'a str,
    pub family_name: &'a str,
    pub structure_id: Uuid,
    pub corps: &'a str,
    pub functions: &'a str,
    pub batch_id: Uuid,
    pub expires_at: Timestamp,
}

pub async fn index(tx: &mut Tx) -> Result<Vec<InvitationIndexRow>, StoreError> {
    Ok(in_tx!(tx, c => sqlx::query_as::<_, InvitationIndexRow>(INDEX).fetch_all(c).await)?)
}

pub async fn insert(tx: &mut Tx, i: &NewInvitation<'_>, now: Timestamp) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(INSERT)
        .bind(i.id)
        .bind(i.email)
        .bind(i.given_name)
        .bind(i.family_name)
        .bind(i.structure_id)
        .bind(i.corps)
        .bind(i.functions)
        .bind(i.batch_id)
        .bind(now.unix())
        .bind(i.expires_at.unix())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn update(
    tx: &mut Tx,
    id: Uuid,
    f: &crate::users::ImportedFields<'_>,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(UPDATE)
        .bind(id)
        .bind(f.given_name)
        .bind(f.family_name)
        .bind(f.structure_id)
        .bind(f.corps)
        .bind(f.functions)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn by_token(db: &Db, hash: &TokenHash) -> Result<Option<InvitationRow>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, InvitationRow>(BY_TOKEN).bind(hash.as_bytes().as_slice()).fetch_optional(c).await)?,
    )
}

pub async fn by_token_tx(
    tx: &mut Tx,
    hash: &TokenHash,
) -> Result<Option<InvitationRow>, StoreError> {
    Ok(
        in_tx!(tx, c => sqlx::query_as::<_, InvitationRow>(BY_TOKEN).bind(hash.as_bytes().as_slice()).fetch_optional(c).await)?,
    )
}

/// The live invitations of one import, for letters.
pub async fn for_batch(
    tx: &mut Tx,
    batch: Uuid,
    now: Timestamp,
) -> Result<Vec<InvitationRow>, StoreError> {
    Ok(
        in_tx!(tx, c => sqlx::query_as::<_, InvitationRow>(FOR_LETTERS).bind(batch).bind(now.unix()).fetch_all(c).await)?,
    )
}

/// Whether any invitation of this import remains, live or expired: an import is known by its
/// invitations (activation, decline and the expiry purge delete them).
pub async fn batch_known(tx: &mut Tx, batch: Uuid) -> Result<bool, StoreError> {
    let n =
        in_tx!(tx, c => sqlx::query_scalar::<_, i64>(BATCH_KNOWN).bind(batch).fetch_one(c).await)?;
    Ok(n > 0)
}

/// Gives the invitation a new token; the previous one stops working.
pub async fn set_token(
    tx: &mut Tx,
    id: Uuid,
    hash: &TokenHash,
    now: Timestamp,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(SET_TOKEN).bind(id).bind(hash.as_bytes().as_slice()).bind(now.unix()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn by_id_tx(tx: &mut Tx, id: Uuid) -> Result<Option<InvitationRow>, StoreError> {
    Ok(in_tx!(tx, c => sqlx::query_as::<_, InvitationRow>(BY_ID).bind(id).fetch_optional(c).await)?)
}

/// An account was opened at this address otherwise: its invitation is retired.
pub async fn delete_for_email(tx: &mut Tx, email: &str) -> Result<u64, StoreError> {
    Ok(
        in_tx!(tx, c => sqlx::query(DELETE_FOR_EMAIL).bind(email).execute(c).await.map(|r| r.rows_affected()))?,
    )
}

pub async fn revoke_token(tx: &mut Tx, id: Uuid) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(REVOKE_TOKEN).bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn delete(tx: &mut Tx, id: Uuid) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(DELETE).bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// The addresses of the invitations the purge is about to delete.
pub async fn expired_addresses(db: &Db, now: Timestamp) -> Result<Vec<String>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_scalar::<_, String>(EXPIRED_ADDRESSES)
        .bind(now.unix())
        .fetch_all(c)
        .await)?,
    )
}

pub async fn purge_expired(db: &Db, now: Timestamp) -> Result<u64, StoreError> {
    Ok(
        on_writer!(db, c => sqlx::query(PURGE_EXPIRED).bind(now.unix()).execute(c).await.map(|r| r.rows_affected()))?,
    )
}

pub async fn insert_batch(
    tx: &mut Tx,
    id: Uuid,
    imported_by: Option<Uuid>,
    now: Timestamp,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(INSERT_BATCH).bind(id).bind(imported_by).bind(now.unix()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Who imported the batch (None: from the command line, or the account is gone).
pub async fn batch_importer(tx: &mut Tx, batch: Uuid) -> Result<Option<Uuid>, StoreError> {
    Ok(in_tx!(tx, c => sqlx::query_scalar::<_, Option<Uuid>>(BATCH_IMPORTER).bind(batch).fetch_optional(c).await)?.flatten())
}

pub async fn batch_issued(tx: &mut Tx, batch: Uuid) -> Result<bool, StoreError> {
    let n =
        in_tx!(tx, c => sqlx::query_scalar::<_, i64>(BATCH_ISSUED).bind(batch).fetch_one(c).await)?;
    Ok(n > 0)
}

pub async fn purge_batches(db: &Db, before: Timestamp) -> Result<u64, StoreError> {
    Ok(
        on_writer!(db, c => sqlx::query(PURGE_BATCHES).bind(before.unix()).execute(c).await.map(|r| r.rows_affected()))?,
    )
}

pub async fn record_issue(
    tx: &mut Tx,
    invitation: Uuid,
    kind: &str,
    actor: Option<Uuid>,
    now: Timestamp,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(RECORD_ISSUE)
        .bind(Uuid::now_v7())
        .bind(invitation)
        .bind(kind)
        .bind(actor)
        .bind(now.unix())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn issues_since(
    tx: &mut Tx,
    invitation: Uuid,
    since: Timestamp,
) -> Result<i64, StoreError> {
    Ok(
        in_tx!(tx, c => sqlx::query_scalar::<_, i64>(ISSUES_SINCE).bind(invitation).bind(since.unix()).fetch_one(c).await)?,
    )
}

/// The invitation's history, oldest first: `(at, kind)` with kind `imported`, `letter` or
/// `email`.
pub async fn history(tx: &mut Tx, invitation: Uuid) -> Result<Vec<(i64, String)>, StoreError> {
    Ok(
        in_tx!(tx, c => sqlx::query_as::<_, (i64, String)>(HISTORY).bind(invitation).fetch_all(c).await)?,
    )
}

/// Sets a new code for an email unless one was sent for this invitation since `recent`;
/// true when this caller won the claim.
pub async fn claim_for_email(
    tx: &mut Tx,
    id: Uuid,
    hash: &TokenHash,
    now: Timestamp,
    recent: Timestamp,
) -> Result<bool, StoreError> {
    let n = in_tx!(tx, c => sqlx::query(CLAIM_FOR_EMAIL)
        .bind(id)
        .bind(hash.as_bytes().as_slice())
        .bind(now.unix())
        .bind(recent.unix())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn count(db: &Db) -> Result<i64, StoreError> {
    Ok(on_reader!(db, c => sqlx::query_scalar::<_, i64>(COUNT).fetch_one(c).await)?)
}

/// Rows per multi-row INSERT: 10 parameters each, well under SQLite's 32,766 and
/// PostgreSQL's 65,535.
const BULK_ROWS: usize = 1000;

macro_rules! bulk_insert {
    ($db:ty, $conn:expr, $rows:expr, $now:expr) => {{
        let mut qb = sqlx::QueryBuilder::<$db>::new(
            "INSERT INTO invitations (id, email, given_name, family_name, structure_id, corps, functions, \
             batch_id, created_at, expires_at) ",
        );
        qb.push_values($rows, |mut b, i| {
            b.push_bind(i.id)
                .push_bind(i.email)
                .push_bind(i.given_name)
                .push_bind(i.family_name)
                .push_bind(i.structure_id)
                .push_bind(i.corps)
                .push_bind(i.functions)
                .push_bind(i.batch_id)
                .push_bind($now)
                .push_bind(i.expires_at.unix());
        });
        qb.build().execute($conn).await.map(|r| r.rows_affected())
    }};
}

/// The bulk path of an import: many invitations in few statements (one round trip per
/// thousand rows instead of one per row).
pub async fn insert_many(
    tx: &mut Tx,
    rows: &[NewInvitation<'_>],
    now: Timestamp,
) -> Result<(), StoreError> {
    for chunk in rows.chunks(BULK_ROWS) {
        tx.count_statement();
        match tx.inner_mut() {
            crate::TxInner::Sqlite(t) => bulk_insert!(sqlx::Sqlite, &mut **t, chunk, now.unix())?,
            crate::TxInner::Postgres(t) => {
                bulk_insert!(sqlx::Postgres, &mut **t, chunk, now.unix())?
            }
        };
    }
    Ok(())
}
