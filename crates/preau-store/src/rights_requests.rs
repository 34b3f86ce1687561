//! Rights requests that need a human (RGT-08): the administrators' queue, each request with
//! its requester, its deadline and what was answered. States and kinds are written as the
//! domain's codes (`preau_domain::rights`).

use crate::db::{in_tx, on_reader, on_writer};
use crate::inventory::{Erasure, Feature, Retention, Table};
use crate::{Db, StoreError, Tx};
use preau_domain::{Timestamp, TokenHash, UserId};
use uuid::Uuid;

macro_rules! request_columns {
    () => {
        "id, user_id, requester_name, requester_email, kind, channel, fields, body, \
         received_at, due_at, status, extension_reason, extended_at, answer, refusal_ground, \
         closed_at"
    };
}

crate::statements! {
    RR_INSERT = "INSERT INTO rights_requests (id, user_id, requester_name, requester_email, \
        kind, channel, fields, body, received_at, due_at, status, confirm_hash, created_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";
    RR_CONFIRM = "UPDATE rights_requests SET status = 'open', received_at = $2, due_at = $3, \
        confirm_hash = NULL WHERE confirm_hash = $1 AND status = 'unconfirmed' AND created_at > $4";
    RR_LIST = concat!("SELECT ", request_columns!(),
        " FROM rights_requests WHERE status <> 'unconfirmed' ORDER BY due_at, id");
    RR_GET = concat!("SELECT ", request_columns!(),
        " FROM rights_requests WHERE id = $1 AND status <> 'unconfirmed'");
    RR_OF_USER = concat!("SELECT ", request_columns!(),
        " FROM rights_requests WHERE user_id = $1 ORDER BY received_at DESC, id");
    RR_EXTEND = "UPDATE rights_requests SET status = 'extended', due_at = $2, \
        extension_reason = $3, extended_at = $4 WHERE id = $1 AND status = 'open'";
    RR_CLOSE = "UPDATE rights_requests SET status = $2, answer = $3, refusal_ground = $4, \
        closed_at = $5 WHERE id = $1 AND status IN ('open', 'extended')";
    RR_COUNT_OVERDUE = "SELECT COUNT(*) FROM rights_requests \
        WHERE status IN ('open', 'extended') AND due_at < $1";
    RR_TO_REMIND_20 = "SELECT id, due_at FROM rights_requests \
        WHERE status IN ('open', 'extended') AND received_at <= $1 AND reminded_20_at IS NULL";
    RR_TO_REMIND_27 = "SELECT id, due_at FROM rights_requests \
        WHERE status IN ('open', 'extended') AND received_at <= $1 AND reminded_27_at IS NULL";
    RR_MARK_20 = "UPDATE rights_requests SET reminded_20_at = $2 \
        WHERE id = $1 AND reminded_20_at IS NULL";
    RR_MARK_27 = "UPDATE rights_requests SET reminded_27_at = $2 \
        WHERE id = $1 AND reminded_27_at IS NULL";
    RR_PURGE = "DELETE FROM rights_requests WHERE closed_at <= $1 \
        OR (status = 'unconfirmed' AND created_at <= $2)";
}

pub const FEATURE: Feature = Feature {
    name: "rights_requests",
    statements: STATEMENTS,
    tables: &[Table {
        name: "rights_requests",
        purpose: "Answering the rights requests that need a human within the legal deadline \
            (RGT-08): corrections of roster fields, letters, requests from people without an \
            account; the requester, what they asked, the deadline and the answer given.",
        register: &["rights_requests"],
        personal: &[
            "user_id",
            "requester_name",
            "requester_email",
            "kind",
            "channel",
            "fields",
            "body",
            "received_at",
            "due_at",
            "status",
            "extension_reason",
            "extended_at",
            "answer",
            "refusal_ground",
            "closed_at",
        ],
        withheld: &["confirm_hash"],
        other: &["id", "reminded_20_at", "reminded_27_at", "created_at"],
        owner: Some("user_id"),
        retention: Retention::Purged {
            job: "rights_requests",
            rule: "12 months after the request is closed; 48 hours when the link confirming a \
                request from the public form is never followed; a request of an account is \
                erased with the account (the journal keeps that it was answered, not whose)",
        },
        erasure: Erasure::Cascade,
        backed_up: true,
    }],
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RequestRow {
    pub id: Uuid,
    pub user_id: Option<Uuid>,
    pub requester_name: String,
    pub requester_email: String,
    pub kind: String,
    pub channel: String,
    pub fields: String,
    pub body: String,
    pub received_at: i64,
    pub due_at: i64,
    pub status: String,
    pub extension_reason: Option<String>,
    pub extended_at: Option<i64>,
    pub answer: Option<String>,
    pub refusal_ground: Option<String>,
    pub closed_at: Option<i64>,
}

pub struct NewRequest<'a> {
    pub id: Uuid,
    pub user: Option<UserId>,
    pub name: &'a str,
    pub email: &'a str,
    pub kind: &'a str,
    pub channel: &'a str,
    pub fields: &'a str,
    pub body: &'a str,
    pub received_at: Timestamp,
    pub due_at: Timestamp,
    pub status: &'a str,
    /// For a request from the public form: the hash of the link that confirms it.
    pub confirm: Option<&'a TokenHash>,
}

pub async fn insert(tx: &mut Tx, r: &NewRequest<'_>, now: Timestamp) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(RR_INSERT)
        .bind(r.id)
        .bind(r.user.map(|u| u.as_uuid()))
        .bind(r.name)
        .bind(r.email)
        .bind(r.kind)
        .bind(r.channel)
        .bind(r.fields)
        .bind(r.body)
        .bind(r.received_at.unix())
        .bind(r.due_at.unix())
        .bind(r.status)
        .bind(r.confirm.map(|h| h.as_bytes().to_vec()))
        .bind(now.unix())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The link of an unconfirmed request was followed: it enters the queue, received now.
/// False when the link is unknown, spent or older than `created_after`.
pub async fn confirm(
    tx: &mut Tx,
    hash: &TokenHash,
    received: Timestamp,
    due: Timestamp,
    created_after: Timestamp,
) -> Result<bool, StoreError> {
    let n = in_tx!(tx, c => sqlx::query(RR_CONFIRM)
        .bind(hash.as_bytes().as_slice())
        .bind(received.unix())
        .bind(due.unix())
        .bind(created_after.unix())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The queue, by due date (unconfirmed requests are not in it).
pub async fn list(db: &Db) -> Result<Vec<RequestRow>, StoreError> {
    Ok(on_reader!(db, c => sqlx::query_as::<_, RequestRow>(RR_LIST).fetch_all(c).await)?)
}

pub async fn get(db: &Db, id: Uuid) -> Result<Option<RequestRow>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, RequestRow>(RR_GET).bind(id).fetch_optional(c).await)?,
    )
}

pub async fn get_tx(tx: &mut Tx, id: Uuid) -> Result<Option<RequestRow>, StoreError> {
    Ok(in_tx!(tx, c => sqlx::query_as::<_, RequestRow>(RR_GET).bind(id).fetch_optional(c).await)?)
}

/// The person's own requests, newest first.
pub async fn of_user(db: &Db, user: UserId) -> Result<Vec<RequestRow>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, RequestRow>(RR_OF_USER)
        .bind(user.as_uuid())
        .fetch_all(c)
        .await)?,
    )
}

/// True if the request was open and is now extended.
pub async fn extend(
    tx: &mut Tx,
    id: Uuid,
    due: Timestamp,
    reason: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let n = in_tx!(tx, c => sqlx::query(RR_EXTEND)
        .bind(id)
        .bind(due.unix())
        .bind(reason)
        .bind(now.unix())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// True if the request was pending and is now closed.
pub async fn close(
    tx: &mut Tx,
    id: Uuid,
    status: &str,
    answer: &str,
    ground: Option<&str>,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let n = in_tx!(tx, c => sqlx::query(RR_CLOSE)
        .bind(id)
        .bind(status)
        .bind(answer)
        .bind(ground)
        .bind(now.unix())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn count_overdue(db: &Db, now: Timestamp) -> Result<i64, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_scalar::<_, i64>(RR_COUNT_OVERDUE)
        .bind(now.unix())
        .fetch_one(c)
        .await)?,
    )
}

/// Pending requests received at or before `received_before` not yet reminded at `day` (20
/// or 27): their ids and due dates.
pub async fn to_remind(
    db: &Db,
    day: u64,
    received_before: Timestamp,
) -> Result<Vec<(Uuid, i64)>, StoreError> {
    let sql = if day == 20 {
        RR_TO_REMIND_20
    } else {
        RR_TO_REMIND_27
    };
    Ok(on_reader!(db, c => sqlx::query_as::<_, (Uuid, i64)>(sql)
        .bind(received_before.unix())
        .fetch_all(c)
        .await)?)
}

/// Marks the reminder of `day` sent: true only for the one caller that marked it.
pub async fn mark_reminded(
    tx: &mut Tx,
    id: Uuid,
    day: u64,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let sql = if day == 20 { RR_MARK_20 } else { RR_MARK_27 };
    let n = in_tx!(tx, c => sqlx::query(sql)
        .bind(id)
        .bind(now.unix())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn purge(
    db: &Db,
    closed_before: Timestamp,
    unconfirmed_before: Timestamp,
) -> Result<u64, StoreError> {
    Ok(on_writer!(db, c => sqlx::query(RR_PURGE)
        .bind(closed_before.unix())
        .bind(unconfirmed_before.unix())
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?)
}
