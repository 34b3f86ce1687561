//! The notification centre: news for one person, their email choices per kind, their quiet
//! hours and the key of their unsubscribe links. Nothing here records what anyone read of
//! someone else's, nor when they were seen.

use crate::db::{in_tx, on_reader, on_writer};
use crate::inventory::{Erasure, Feature, Retention, Table};
use crate::{Db, StoreError, Tx};
use preau_domain::{Timestamp, UserId};
use uuid::Uuid;

crate::statements! {
    INSERT = "INSERT INTO notifications (id, user_id, kind, group_id, actor_id, subject, detail, created_at, mail_due_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    /// The latest news of `$1`, with the names as they are now (a deleted group keeps the
    /// name it had; an erased person has none).
    LIST = "SELECT n.id, n.kind, n.group_id, COALESCE(g.name, n.subject) AS subject, n.detail, \
        u.given_name AS actor_given_name, u.family_name AS actor_family_name, n.created_at, n.read_at \
        FROM notifications n LEFT JOIN groups g ON g.id = n.group_id LEFT JOIN users u ON u.id = n.actor_id \
        WHERE n.user_id = $1 ORDER BY n.created_at DESC, n.id DESC LIMIT $2";
    IS_OF = "SELECT COUNT(*) FROM notifications WHERE id = $1 AND user_id = $2";
    UNREAD = "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL";
    MARK_READ = "UPDATE notifications SET read_at = $3 WHERE id = $1 AND user_id = $2 AND read_at IS NULL";
    MARK_ALL_READ = "UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL";
    /// Who has news due by email (a bounded round).
    DUE_RECIPIENTS = "SELECT DISTINCT user_id FROM notifications WHERE mail_due_at <= $1 LIMIT $2";
    /// Takes `$1`'s due news for one email: marks them with a value no schedule makes, reads
    /// them back with their names, then clears the mark.
    MARK_DUE = "UPDATE notifications SET mail_due_at = $3 WHERE user_id = $1 AND mail_due_at <= $2 AND mail_due_at <> $3";
    CLEAR_TAKEN = "UPDATE notifications SET mail_due_at = NULL WHERE user_id = $1 AND mail_due_at = $2";
    DUE_DETAILS = "SELECT n.id, n.kind, n.group_id, COALESCE(g.name, n.subject) AS subject, n.detail, \
        u.given_name AS actor_given_name, u.family_name AS actor_family_name, n.created_at, n.read_at \
        FROM notifications n LEFT JOIN groups g ON g.id = n.group_id LEFT JOIN users u ON u.id = n.actor_id \
        WHERE n.user_id = $1 AND n.mail_due_at = $2 ORDER BY n.created_at, n.id";
    PENDING_OF_KIND = "SELECT id, created_at FROM notifications WHERE user_id = $1 AND kind = $2 AND mail_due_at IS NOT NULL";
    RESCHEDULE = "UPDATE notifications SET mail_due_at = $2 WHERE id = $1 AND mail_due_at IS NOT NULL";
    PURGE = "DELETE FROM notifications WHERE created_at <= $1";
    PREFERENCES = "SELECT kind, delivery FROM notification_preferences WHERE user_id = $1";
    SET_PREFERENCE = "INSERT INTO notification_preferences (user_id, kind, delivery) VALUES ($1, $2, $3) \
        ON CONFLICT (user_id, kind) DO UPDATE SET delivery = excluded.delivery";
    RESET_PREFERENCE = "DELETE FROM notification_preferences WHERE user_id = $1 AND kind = $2";
    SETTINGS = "SELECT quiet_from, quiet_to, quiet_weekends, unsubscribe_key FROM notification_settings WHERE user_id = $1";
    INSERT_SETTINGS = "INSERT INTO notification_settings (user_id, quiet_from, quiet_to, quiet_weekends, unsubscribe_key) \
        VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id) DO NOTHING";
    SET_QUIET = "UPDATE notification_settings SET quiet_from = $2, quiet_to = $3, quiet_weekends = $4 WHERE user_id = $1";
    BY_UNSUBSCRIBE_KEY = "SELECT user_id FROM notification_settings WHERE unsubscribe_key = $1";
}

pub const FEATURE: Feature = Feature {
    name: "notifications",
    statements: STATEMENTS,
    tables: &[
        Table {
            name: "notifications",
            purpose: "News for one person in the app, and by email as they chose (MON-01).",
            register: &["notifications"],
            personal: &[
                "id",
                "user_id",
                "kind",
                "group_id",
                "actor_id",
                "subject",
                "detail",
                "created_at",
                "read_at",
                "mail_due_at",
            ],
            withheld: &[],
            other: &[],
            owner: Some("user_id"),
            retention: Retention::Purged {
                job: "notifications",
                rule: "6 months after it was made, read or not",
            },
            erasure: Erasure::Cascade,
            backed_up: true,
        },
        Table {
            name: "notification_preferences",
            purpose: "How each kind of news reaches the person by email, when not the default.",
            register: &["notifications"],
            personal: &["user_id", "kind", "delivery"],
            withheld: &[],
            other: &[],
            owner: Some("user_id"),
            retention: Retention::WithAccount,
            erasure: Erasure::Cascade,
            backed_up: true,
        },
        Table {
            name: "notification_settings",
            purpose: "The person's quiet hours, and the key of their unsubscribe links.",
            register: &["notifications"],
            personal: &["user_id", "quiet_from", "quiet_to", "quiet_weekends"],
            withheld: &["unsubscribe_key"],
            other: &[],
            owner: Some("user_id"),
            retention: Retention::WithAccount,
            erasure: Erasure::Cascade,
            backed_up: true,
        },
    ],
};

pub struct NewNotification<'a> {
    pub user: UserId,
    pub kind: &'a str,
    pub group: Option<Uuid>,
    pub actor: Option<UserId>,
    pub subject: &'a str,
    pub detail: &'a str,
    pub mail_due_at: Option<Timestamp>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NotificationRow {
    pub id: Uuid,
    pub kind: String,
    pub group_id: Option<Uuid>,
    pub subject: String,
    pub detail: String,
    pub actor_given_name: Option<String>,
    pub actor_family_name: Option<String>,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SettingsRow {
    pub quiet_from: i32,
    pub quiet_to: i32,
    pub quiet_weekends: bool,
    pub unsubscribe_key: String,
}

pub async fn insert(
    tx: &mut Tx,
    n: &NewNotification<'_>,
    now: Timestamp,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(INSERT)
        .bind(preau_domain::ids::new_row_id()).bind(n.user.as_uuid()).bind(n.kind).bind(n.group)
        .bind(n.actor.map(|a| a.as_uuid())).bind(n.subject).bind(n.detail).bind(now.unix())
        .bind(n.mail_due_at.map(Timestamp::unix))
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn list(db: &Db, user: UserId, limit: i64) -> Result<Vec<NotificationRow>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, NotificationRow>(LIST)
        .bind(user.as_uuid()).bind(limit).fetch_all(c).await)?,
    )
}

pub async fn is_of(db: &Db, id: Uuid, user: UserId) -> Result<bool, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_scalar::<_, i64>(IS_OF).bind(id).bind(user.as_uuid()).fetch_one(c).await)?
            > 0,
    )
}

pub async fn unread(db: &Db, user: UserId) -> Result<i64, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_scalar::<_, i64>(UNREAD).bind(user.as_uuid()).fetch_one(c).await)?,
    )
}

/// Marks one of `user`'s notifications read; false when it is not theirs or already read.
pub async fn mark_read(
    db: &Db,
    id: Uuid,
    user: UserId,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let n = on_writer!(db, c => sqlx::query(MARK_READ).bind(id).bind(user.as_uuid()).bind(now.unix())
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn mark_all_read(db: &Db, user: UserId, now: Timestamp) -> Result<u64, StoreError> {
    Ok(
        on_writer!(db, c => sqlx::query(MARK_ALL_READ).bind(user.as_uuid()).bind(now.unix())
        .execute(c).await.map(|r| r.rows_affected()))?,
    )
}

pub async fn due_recipients(db: &Db, now: Timestamp, limit: i64) -> Result<Vec<Uuid>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_scalar::<_, Uuid>(DUE_RECIPIENTS)
        .bind(now.unix()).bind(limit).fetch_all(c).await)?,
    )
}

/// Takes `user`'s news due at `now` for one email, in the transaction that queues it: on
/// PostgreSQL the first statement locks the rows, so a second instance taking the same finds
/// nothing once this one commits.
pub async fn take_due(
    tx: &mut Tx,
    user: UserId,
    now: Timestamp,
) -> Result<Vec<NotificationRow>, StoreError> {
    // Mark the due rows with a sentinel first: the same statement works on both backends
    // (SQLite's RETURNING cannot join), then read them with their names, then clear the mark.
    const TAKEN: i64 = i64::MIN;
    in_tx!(tx, c => sqlx::query(MARK_DUE)
        .bind(user.as_uuid()).bind(now.unix()).bind(TAKEN)
        .execute(c).await.map(|r| r.rows_affected()))?;
    let rows = in_tx!(tx, c => sqlx::query_as::<_, NotificationRow>(DUE_DETAILS)
        .bind(user.as_uuid()).bind(TAKEN).fetch_all(c).await)?;
    in_tx!(tx, c => sqlx::query(CLEAR_TAKEN).bind(user.as_uuid()).bind(TAKEN)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(rows)
}

pub async fn pending_of_kind(
    tx: &mut Tx,
    user: UserId,
    kind: &str,
) -> Result<Vec<(Uuid, i64)>, StoreError> {
    Ok(
        in_tx!(tx, c => sqlx::query_as::<_, (Uuid, i64)>(PENDING_OF_KIND)
        .bind(user.as_uuid()).bind(kind).fetch_all(c).await)?,
    )
}

pub async fn reschedule(tx: &mut Tx, id: Uuid, due: Option<Timestamp>) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(RESCHEDULE).bind(id).bind(due.map(Timestamp::unix))
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn purge(db: &Db, older_than: Timestamp) -> Result<u64, StoreError> {
    Ok(
        on_writer!(db, c => sqlx::query(PURGE).bind(older_than.unix()).execute(c).await.map(|r| r.rows_affected()))?,
    )
}

pub async fn preferences(db: &Db, user: UserId) -> Result<Vec<(String, String)>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, (String, String)>(PREFERENCES)
        .bind(user.as_uuid()).fetch_all(c).await)?,
    )
}

pub async fn preferences_tx(
    tx: &mut Tx,
    user: UserId,
) -> Result<Vec<(String, String)>, StoreError> {
    Ok(
        in_tx!(tx, c => sqlx::query_as::<_, (String, String)>(PREFERENCES)
        .bind(user.as_uuid()).fetch_all(c).await)?,
    )
}

/// Records a choice; `None` goes back to the default.
pub async fn set_preference(
    tx: &mut Tx,
    user: UserId,
    kind: &str,
    delivery: Option<&str>,
) -> Result<(), StoreError> {
    match delivery {
        Some(d) => {
            in_tx!(tx, c => sqlx::query(SET_PREFERENCE).bind(user.as_uuid()).bind(kind).bind(d)
            .execute(c).await.map(|r| r.rows_affected()))?
        }
        None => in_tx!(tx, c => sqlx::query(RESET_PREFERENCE).bind(user.as_uuid()).bind(kind)
            .execute(c).await.map(|r| r.rows_affected()))?,
    };
    Ok(())
}

pub async fn settings(db: &Db, user: UserId) -> Result<Option<SettingsRow>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, SettingsRow>(SETTINGS)
        .bind(user.as_uuid()).fetch_optional(c).await)?,
    )
}

pub async fn settings_tx(tx: &mut Tx, user: UserId) -> Result<Option<SettingsRow>, StoreError> {
    Ok(in_tx!(tx, c => sqlx::query_as::<_, SettingsRow>(SETTINGS)
        .bind(user.as_uuid()).fetch_optional(c).await)?)
}

/// Creates the person's settings with these values unless they exist.
pub async fn ensure_settings(
    tx: &mut Tx,
    user: UserId,
    defaults: &SettingsRow,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(INSERT_SETTINGS).bind(user.as_uuid()).bind(defaults.quiet_from)
        .bind(defaults.quiet_to).bind(defaults.quiet_weekends).bind(&defaults.unsubscribe_key)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn set_quiet(
    tx: &mut Tx,
    user: UserId,
    from: i32,
    to: i32,
    weekends: bool,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(SET_QUIET).bind(user.as_uuid()).bind(from).bind(to).bind(weekends)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn by_unsubscribe_key(db: &Db, key: &str) -> Result<Option<Uuid>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_scalar::<_, Uuid>(BY_UNSUBSCRIBE_KEY)
        .bind(key).fetch_optional(c).await)?,
    )
}
