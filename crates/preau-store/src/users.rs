//! Accounts and their explicit permissions.

use crate::db::{in_tx, on_reader};
use crate::{Db, StoreError, Tx};
use preau_domain::{Permission, Timestamp, UserId};
use uuid::Uuid;

/// The columns of `UserRow`, prefixed by `u.`: one list for every query that loads an account.
macro_rules! user_columns {
    () => {
        "u.id, u.email, u.given_name, u.family_name, u.password_hash, u.locale, u.created_at, u.password_changed_at"
    };
}
pub(crate) use user_columns;

crate::statements! {
    COUNT_WITH_PERMISSION = "SELECT COUNT(*) FROM user_permissions WHERE permission = $1";
    INSERT_USER = "INSERT INTO users (id, email, given_name, family_name, password_hash, locale, \
        created_at, password_changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)";
    GRANT = "INSERT INTO user_permissions (user_id, permission, granted_at, granted_by) \
        VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, permission) DO NOTHING";
    BY_EMAIL = concat!("SELECT ", user_columns!(), " FROM users u WHERE u.email = $1");
    BY_ID = concat!("SELECT ", user_columns!(), " FROM users u WHERE u.id = $1");
    PERMISSIONS = "SELECT permission FROM user_permissions WHERE user_id = $1 ORDER BY permission";
    SET_PASSWORD = "UPDATE users SET password_hash = $2, password_changed_at = $3 WHERE id = $1";
    REHASH = "UPDATE users SET password_hash = $3 WHERE id = $1 AND password_hash = $2";
    SET_LOCALE = "UPDATE users SET locale = $2 WHERE id = $1";
}

/// An account as stored. `password_hash` is a PHC string.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    pub id: Uuid,
    pub email: String,
    pub given_name: String,
    pub family_name: String,
    pub password_hash: String,
    pub locale: Option<String>,
    pub created_at: i64,
    pub password_changed_at: i64,
}

impl UserRow {
    pub fn user_id(&self) -> UserId {
        UserId::from_uuid(self.id)
    }
}

pub struct NewUser<'a> {
    pub id: UserId,
    pub email: &'a str,
    pub given_name: &'a str,
    pub family_name: &'a str,
    pub password_hash: &'a str,
    pub locale: Option<&'a str>,
}

pub async fn count_with_permission(db: &Db, p: Permission) -> Result<i64, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_scalar::<_, i64>(COUNT_WITH_PERMISSION).bind(p.as_str()).fetch_one(c).await)?,
    )
}

pub async fn count_with_permission_tx(tx: &mut Tx, p: Permission) -> Result<i64, StoreError> {
    Ok(
        in_tx!(tx, c => sqlx::query_scalar::<_, i64>(COUNT_WITH_PERMISSION).bind(p.as_str()).fetch_one(c).await)?,
    )
}

/// Fails with `Conflict("…email…")` when the address already has an account.
pub async fn insert(tx: &mut Tx, u: &NewUser<'_>, now: Timestamp) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(INSERT_USER)
        .bind(u.id.as_uuid())
        .bind(u.email)
        .bind(u.given_name)
        .bind(u.family_name)
        .bind(u.password_hash)
        .bind(u.locale)
        .bind(now.unix())
        .execute(c)
        .await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn grant(
    tx: &mut Tx,
    user: UserId,
    p: Permission,
    now: Timestamp,
    by: Option<UserId>,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(GRANT)
        .bind(user.as_uuid())
        .bind(p.as_str())
        .bind(now.unix())
        .bind(by.map(|u| u.as_uuid()))
        .execute(c)
        .await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn by_email(db: &Db, email: &str) -> Result<Option<UserRow>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, UserRow>(BY_EMAIL).bind(email).fetch_optional(c).await)?,
    )
}

pub async fn by_id(db: &Db, id: UserId) -> Result<Option<UserRow>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, UserRow>(BY_ID).bind(id.as_uuid()).fetch_optional(c).await)?,
    )
}

pub async fn by_id_tx(tx: &mut Tx, id: UserId) -> Result<Option<UserRow>, StoreError> {
    Ok(
        in_tx!(tx, c => sqlx::query_as::<_, UserRow>(BY_ID).bind(id.as_uuid()).fetch_optional(c).await)?,
    )
}

/// Permissions held; names the code no longer knows are skipped rather than failing a login.
pub async fn permissions(db: &Db, id: UserId) -> Result<Vec<Permission>, StoreError> {
    let names: Vec<String> =
        on_reader!(db, c => sqlx::query_scalar(PERMISSIONS).bind(id.as_uuid()).fetch_all(c).await)?;
    Ok(names.iter().filter_map(|n| n.parse().ok()).collect())
}

pub async fn set_password(
    tx: &mut Tx,
    id: UserId,
    hash: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(SET_PASSWORD).bind(id.as_uuid()).bind(hash).bind(now.unix()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Replaces a hash made with older parameters, only if nobody changed the password meanwhile.
pub async fn rehash(db: &Db, id: UserId, old_hash: &str, new_hash: &str) -> Result<(), StoreError> {
    crate::db::on_writer!(db, c => sqlx::query(REHASH).bind(id.as_uuid()).bind(old_hash).bind(new_hash).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn set_locale(db: &Db, id: UserId, locale: Option<&str>) -> Result<(), StoreError> {
    crate::db::on_writer!(db, c => sqlx::query(SET_LOCALE).bind(id.as_uuid()).bind(locale).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}
