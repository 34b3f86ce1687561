//! Accounts and their explicit permissions.

use crate::db::{in_tx, on_reader};
use crate::inventory::{Erasure, Feature, Retention, Table};
use crate::{Db, StoreError, Tx};
use preau_domain::{Permission, Timestamp, UserId};
use uuid::Uuid;

/// The columns of `UserRow`, prefixed by `u.`: one list for every query that loads an account.
macro_rules! user_columns {
    () => {
        "u.id, u.email, u.given_name, u.family_name, u.password_hash, u.locale, u.created_at, \
         u.password_changed_at, u.structure_id, u.corps, u.functions, u.status, u.departing_since, \
         u.from_roster, u.directory_scope, u.show_structure, u.show_functions, u.notice_version, \
         u.verified_at, \
         EXISTS (SELECT 1 FROM user_permissions p WHERE p.user_id = u.id AND p.permission = 'admin') AS grant_admin, \
         EXISTS (SELECT 1 FROM user_permissions p WHERE p.user_id = u.id AND p.permission = 'announcer') AS grant_announcer, \
         EXISTS (SELECT 1 FROM user_permissions p WHERE p.user_id = u.id AND p.permission = 'moderator') AS grant_moderator, \
         EXISTS (SELECT 1 FROM user_permissions p WHERE p.user_id = u.id AND p.permission = 'security_officer') AS grant_security_officer"
    };
}
pub(crate) use user_columns;

crate::statements! {
    COUNT_WITH_PERMISSION = "SELECT COUNT(*) FROM user_permissions WHERE permission = $1";
    INSERT_USER = "INSERT INTO users (id, email, given_name, family_name, password_hash, locale, \
        created_at, password_changed_at, search_name, structure_id, corps, functions, from_roster, \
        directory_scope, show_structure, show_functions, notice_version, notice_accepted_at, verified_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)";
    GRANT = "INSERT INTO user_permissions (user_id, permission, granted_at, granted_by) \
        VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, permission) DO NOTHING";
    BY_EMAIL = concat!("SELECT ", user_columns!(), " FROM users u WHERE u.email = $1");
    BY_ID = concat!("SELECT ", user_columns!(), " FROM users u WHERE u.id = $1");
    SET_PASSWORD = "UPDATE users SET password_hash = $2, password_changed_at = $3 WHERE id = $1";
    REHASH = "UPDATE users SET password_hash = $3 WHERE id = $1 AND password_hash = $2";
    SET_LOCALE = "UPDATE users SET locale = $2 WHERE id = $1";
    CONFIRM_PROFILE = "UPDATE users SET verified_at = $2 WHERE id = $1";
    SET_RECOVERY_EMAIL = "UPDATE users SET recovery_email = $2, recovery_email_consent_at = $3 WHERE id = $1";
    RECOVERY_EMAIL = "SELECT recovery_email FROM users WHERE id = $1";
    ACKNOWLEDGE_NOTICE = "UPDATE users SET notice_version = $2, notice_accepted_at = $3 WHERE id = $1";
    ROSTER_INDEX = "SELECT id, email, given_name, family_name, structure_id, corps, functions, status \
        FROM users WHERE from_roster = $1";
    /// Accounts opened otherwise (the first administrator's setup): a roster line cannot
    /// invite their address.
    OTHER_EMAILS = "SELECT email FROM users WHERE from_roster = $1";
    UPDATE_IMPORTED = "UPDATE users SET given_name = $2, family_name = $3, structure_id = $4, corps = $5, \
        functions = $6, search_name = $7 WHERE id = $1";
    /// A closing account is not marked: it is erased sooner anyway.
    MARK_DEPARTING = "UPDATE users SET status = 'departing', departing_since = $2 WHERE id = $1 \
        AND status NOT IN ('departing', 'closing')";
    MARK_RETURNED = "UPDATE users SET status = 'active', departing_since = NULL WHERE id = $1 AND status = 'departing'";
    PURGE_DEPARTED = "DELETE FROM users WHERE status = 'departing' AND departing_since <= $1";
    /// « Supprimer mon compte »: closed at once, erased at `closing_since` + 30 days.
    CLOSE = "UPDATE users SET closing_previous_status = status, status = 'closing', closing_since = $2, \
        closing_groups = $3, closing_documents = $4 WHERE id = $1 AND status IN ('active', 'restricted')";
    /// Logging in again before the erasure cancels it, back to the state before.
    CANCEL_CLOSING = "UPDATE users SET status = COALESCE(closing_previous_status, 'active'), \
        closing_since = NULL, closing_groups = NULL, closing_documents = NULL, closing_previous_status = NULL \
        WHERE id = $1 AND status = 'closing'";
    CLOSED_DUE = "SELECT id, email, recovery_email, closing_groups, closing_documents FROM users \
        WHERE status = 'closing' AND closing_since <= $1 ORDER BY id";
    DELETE_CLOSED = "DELETE FROM users WHERE id = $1 AND status = 'closing'";
    CLOSING_SINCE = "SELECT closing_since FROM users WHERE id = $1 AND status = 'closing'";
    COUNT_BY_STATUS = "SELECT COUNT(*) FROM users WHERE status = $1";
    /// The addresses of the accounts the departure purge is about to erase, so that mail to
    /// them goes too.
    DEPARTED_ADDRESSES = "SELECT email, recovery_email FROM users WHERE status = 'departing' AND departing_since <= $1";
    COUNT_ALL = "SELECT COUNT(*) FROM users";
    DEPARTED_IDS = "SELECT id FROM users WHERE status = 'departing' AND departing_since <= $1 ORDER BY id";
    /// « Ce n'était pas moi »: an active or restricted account stops opening until a reset.
    SUSPEND = "UPDATE users SET status = 'suspended' WHERE id = $1 AND status IN ('active', 'restricted')";
    /// A reset from the professional mailbox gives a suspended account back to its person.
    UNSUSPEND = "UPDATE users SET status = 'active' WHERE id = $1 AND status = 'suspended'";
    ADMIN_EMAILS = "SELECT u.email FROM users u JOIN user_permissions p ON p.user_id = u.id \
        WHERE p.permission = 'admin' AND u.status IN ('active', 'restricted') ORDER BY u.id";
    EMAIL_EXISTS = "SELECT COUNT(*) FROM users WHERE email = $1";
    SET_DIRECTORY = "UPDATE users SET directory_scope = $2, show_structure = $3, show_functions = $4, status = $5 \
        WHERE id = $1 AND status IN ('active', 'restricted')";
    /// The directory: the permission filter is inside the query (one active account, scope
    /// `district`, or scope `my_places` with the same structure or a shared group that is not
    /// sensitive), mirroring
    /// `preau_domain::policy::can_see`, which the caller applies again to every row.
    SEARCH = concat!(
        "SELECT ", user_columns!(), ", s.name AS structure_name FROM users u \
         LEFT JOIN structures s ON s.id = u.structure_id \
         WHERE u.search_name LIKE $1 ESCAPE '\\' AND (u.id = $2 OR (u.status = 'active' AND \
         (u.directory_scope = 'district' OR (u.directory_scope = 'my_places' AND (u.structure_id = $3 \
         OR EXISTS (SELECT 1 FROM group_members a JOIN group_members b ON b.group_id = a.group_id \
         JOIN groups g ON g.id = a.group_id AND g.sensitive = FALSE \
         WHERE a.user_id = $2 AND b.user_id = u.id)))))) \
         ORDER BY u.search_name, u.id LIMIT $4"
    );
    PROFILE = concat!(
        "SELECT ", user_columns!(), ", s.name AS structure_name FROM users u \
         LEFT JOIN structures s ON s.id = u.structure_id WHERE u.id = $1"
    );
}

/// Accounts and their explicit grants.
pub const FEATURE: Feature = Feature {
    name: "accounts",
    statements: STATEMENTS,
    tables: &[
        Table {
            name: "users",
            purpose: "The account a person opened: identity from the roster (arrêté ENT whitelist), \
                their choices of visibility and language, the notice they read.",
            register: &["accounts", "recovery_address"],
            personal: &[
                "id",
                "email",
                "given_name",
                "family_name",
                "locale",
                "created_at",
                "password_changed_at",
                "structure_id",
                "corps",
                "functions",
                "status",
                "departing_since",
                "closing_since",
                "closing_groups",
                "closing_documents",
                "closing_previous_status",
                "from_roster",
                "directory_scope",
                "show_structure",
                "show_functions",
                "notice_version",
                "notice_accepted_at",
                "verified_at",
                "recovery_email",
                "recovery_email_consent_at",
            ],
            withheld: &["password_hash", "search_name"],
            other: &[],
            owner: Some("id"),
            retention: Retention::Purged {
                job: "departed_accounts",
                rule: "while the person is entitled; erased at D+60 after leaving the roster (RET-02), \
                    or 30 days after the person asked to delete it",
            },
            erasure: Erasure::DeleteAccount,
            backed_up: true,
        },
        Table {
            name: "user_permissions",
            purpose: "Explicit grants (administrator, announcer, moderator, security officer), \
                never implied by a function.",
            register: &["accounts"],
            personal: &["user_id", "permission", "granted_at", "granted_by"],
            withheld: &[],
            other: &[],
            owner: Some("user_id"),
            retention: Retention::WithAccount,
            erasure: Erasure::Cascade,
            backed_up: true,
        },
    ],
};

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
    pub structure_id: Option<Uuid>,
    pub corps: String,
    pub functions: String,
    pub status: String,
    pub departing_since: Option<i64>,
    pub from_roster: bool,
    pub directory_scope: String,
    pub show_structure: bool,
    pub show_functions: bool,
    pub notice_version: Option<String>,
    /// When the person last confirmed their profile (activation counts; ACC-07).
    pub verified_at: Option<i64>,
    /// The explicit grants, read with the account so that a request needs no second query.
    pub grant_admin: bool,
    pub grant_announcer: bool,
    pub grant_moderator: bool,
    pub grant_security_officer: bool,
}

impl UserRow {
    pub fn user_id(&self) -> UserId {
        UserId::from_uuid(self.id)
    }

    /// The grants held. The match is exhaustive: a new permission does not compile until its
    /// column is read with the account.
    pub fn permissions(&self) -> std::collections::BTreeSet<Permission> {
        Permission::ALL
            .into_iter()
            .filter(|p| match p {
                Permission::Admin => self.grant_admin,
                Permission::Announcer => self.grant_announcer,
                Permission::Moderator => self.grant_moderator,
                Permission::SecurityOfficer => self.grant_security_officer,
            })
            .collect()
    }
}

pub struct NewUser<'a> {
    pub id: UserId,
    pub email: &'a str,
    pub given_name: &'a str,
    pub family_name: &'a str,
    pub password_hash: &'a str,
    pub locale: Option<&'a str>,
    pub structure_id: Option<Uuid>,
    pub corps: &'a str,
    pub functions: &'a str,
    /// Created by activating a roster invitation: later imports update it and mark it departing.
    pub from_roster: bool,
    pub directory_scope: &'a str,
    pub show_structure: bool,
    pub show_functions: bool,
    /// The information notice accepted at activation (None for the first administrator).
    pub notice_version: Option<&'a str>,
}

pub async fn count_with_permission(db: &Db, p: Permission) -> Result<i64, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_scalar::<_, i64>(COUNT_WITH_PERMISSION).bind(p.as_str()).fetch_one(c).await)?,
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
        .bind(preau_domain::text::fold(&format!("{} {}", u.given_name, u.family_name)))
        .bind(u.structure_id)
        .bind(u.corps)
        .bind(u.functions)
        .bind(u.from_roster)
        .bind(u.directory_scope)
        .bind(u.show_structure)
        .bind(u.show_functions)
        .bind(u.notice_version)
        .bind(u.notice_version.map(|_| now.unix()))
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

pub async fn by_id_tx(tx: &mut Tx, id: UserId) -> Result<Option<UserRow>, StoreError> {
    Ok(
        in_tx!(tx, c => sqlx::query_as::<_, UserRow>(BY_ID).bind(id.as_uuid()).fetch_optional(c).await)?,
    )
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

/// What an import compares a roster line with.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RosterAccount {
    pub id: Uuid,
    pub email: String,
    pub given_name: String,
    pub family_name: String,
    pub structure_id: Option<Uuid>,
    pub corps: String,
    pub functions: String,
    pub status: String,
}

/// Fields refreshed from the roster at each import.
pub struct ImportedFields<'a> {
    pub given_name: &'a str,
    pub family_name: &'a str,
    pub structure_id: Uuid,
    pub corps: &'a str,
    pub functions: &'a str,
}

/// An account with the name of its structure, for the directory.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PersonRow {
    #[sqlx(flatten)]
    pub user: UserRow,
    pub structure_name: Option<String>,
}

pub async fn roster_index(tx: &mut Tx) -> Result<Vec<RosterAccount>, StoreError> {
    Ok(
        in_tx!(tx, c => sqlx::query_as::<_, RosterAccount>(ROSTER_INDEX).bind(true).fetch_all(c).await)?,
    )
}

/// Addresses of the accounts not opened from a roster.
pub async fn other_emails(tx: &mut Tx) -> Result<Vec<String>, StoreError> {
    Ok(
        in_tx!(tx, c => sqlx::query_scalar::<_, String>(OTHER_EMAILS).bind(false).fetch_all(c).await)?,
    )
}

pub async fn update_imported(
    tx: &mut Tx,
    id: Uuid,
    f: &ImportedFields<'_>,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(UPDATE_IMPORTED)
        .bind(id)
        .bind(f.given_name)
        .bind(f.family_name)
        .bind(f.structure_id)
        .bind(f.corps)
        .bind(f.functions)
        .bind(preau_domain::text::fold(&format!("{} {}", f.given_name, f.family_name)))
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn mark_departing(tx: &mut Tx, id: Uuid, now: Timestamp) -> Result<bool, StoreError> {
    let n = in_tx!(tx, c => sqlx::query(MARK_DEPARTING).bind(id).bind(now.unix()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn mark_returned(tx: &mut Tx, id: Uuid) -> Result<bool, StoreError> {
    let n = in_tx!(tx, c => sqlx::query(MARK_RETURNED).bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Erases accounts departing since `before` or earlier; every row keyed on them goes with
/// them (foreign keys cascade).
pub async fn purge_departed(db: &Db, before: Timestamp) -> Result<u64, StoreError> {
    Ok(
        crate::db::on_writer!(db, c => sqlx::query(PURGE_DEPARTED).bind(before.unix()).execute(c).await.map(|r| r.rows_affected()))?,
    )
}

/// Closes an active or restricted account: `false` if it was in another state.
pub async fn close(
    tx: &mut Tx,
    id: UserId,
    now: Timestamp,
    groups_choice: &str,
    documents_choice: &str,
) -> Result<bool, StoreError> {
    let n = in_tx!(tx, c => sqlx::query(CLOSE).bind(id.as_uuid()).bind(now.unix()).bind(groups_choice).bind(documents_choice)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Cancels the closing of an account: `false` if it was not closing.
pub async fn cancel_closing(tx: &mut Tx, id: UserId) -> Result<bool, StoreError> {
    let n = in_tx!(tx, c => sqlx::query(CANCEL_CLOSING).bind(id.as_uuid())
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// When a closing account asked to be deleted.
pub async fn closing_since(db: &Db, id: UserId) -> Result<Option<i64>, StoreError> {
    let v: Option<Option<i64>> = on_reader!(db, c => sqlx::query_scalar(CLOSING_SINCE)
        .bind(id.as_uuid()).fetch_optional(c).await)?;
    Ok(v.flatten())
}

/// An account whose erasure is due: its id, addresses and the choice for its groups.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClosedAccount {
    pub id: Uuid,
    pub email: String,
    pub recovery_email: Option<String>,
    pub closing_groups: Option<String>,
    pub closing_documents: Option<String>,
}

/// The accounts closing since `before` or earlier.
pub async fn closed_due(db: &Db, before: Timestamp) -> Result<Vec<ClosedAccount>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, ClosedAccount>(CLOSED_DUE)
        .bind(before.unix()).fetch_all(c).await)?,
    )
}

/// Erases a closing account; every row keyed on it goes with it (foreign keys cascade).
pub async fn delete_closed(tx: &mut Tx, id: Uuid) -> Result<bool, StoreError> {
    let n = in_tx!(tx, c => sqlx::query(DELETE_CLOSED).bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The accounts departing since `before` or earlier.
pub async fn departed_ids(db: &Db, before: Timestamp) -> Result<Vec<Uuid>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_scalar::<_, Uuid>(DEPARTED_IDS).bind(before.unix()).fetch_all(c).await)?,
    )
}

/// Professional and recovery addresses of the accounts departing since `before` or earlier.
pub async fn departed_addresses(db: &Db, before: Timestamp) -> Result<Vec<String>, StoreError> {
    let rows: Vec<(String, Option<String>)> = on_reader!(db, c => sqlx::query_as(DEPARTED_ADDRESSES)
        .bind(before.unix())
        .fetch_all(c)
        .await)?;
    Ok(rows
        .into_iter()
        .flat_map(|(email, recovery)| std::iter::once(email).chain(recovery))
        .collect())
}

pub async fn count_by_status(db: &Db, status: &str) -> Result<i64, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_scalar::<_, i64>(COUNT_BY_STATUS).bind(status).fetch_one(c).await)?,
    )
}

pub async fn count_all(db: &Db) -> Result<i64, StoreError> {
    Ok(on_reader!(db, c => sqlx::query_scalar::<_, i64>(COUNT_ALL).fetch_one(c).await)?)
}

pub async fn email_exists_tx(tx: &mut Tx, email: &str) -> Result<bool, StoreError> {
    let n =
        in_tx!(tx, c => sqlx::query_scalar::<_, i64>(EMAIL_EXISTS).bind(email).fetch_one(c).await)?;
    Ok(n > 0)
}

pub async fn set_directory(
    db: &Db,
    id: UserId,
    scope: &str,
    show_structure: bool,
    show_functions: bool,
    status: &str,
) -> Result<bool, StoreError> {
    let n = crate::db::on_writer!(db, c => sqlx::query(SET_DIRECTORY)
        .bind(id.as_uuid())
        .bind(scope)
        .bind(show_structure)
        .bind(show_functions)
        .bind(status)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// `folded_query` is already folded (`preau_domain::text::fold`); it is matched anywhere in the
/// folded name.
pub async fn search(
    db: &Db,
    viewer: UserId,
    viewer_structure: Option<Uuid>,
    folded_query: &str,
    limit: i64,
) -> Result<Vec<PersonRow>, StoreError> {
    // `%`, `_` and `\` are searched for as themselves: dropping them let `%%%` pass the
    // length check and match everyone.
    let mut pattern = String::with_capacity(folded_query.len() + 4);
    pattern.push('%');
    for c in folded_query.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    Ok(on_reader!(db, c => sqlx::query_as::<_, PersonRow>(SEARCH)
        .bind(pattern.as_str())
        .bind(viewer.as_uuid())
        .bind(viewer_structure)
        .bind(limit)
        .fetch_all(c)
        .await)?)
}

pub async fn profile(db: &Db, id: Uuid) -> Result<Option<PersonRow>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, PersonRow>(PROFILE).bind(id).fetch_optional(c).await)?,
    )
}

pub async fn confirm_profile(db: &Db, id: UserId, now: Timestamp) -> Result<(), StoreError> {
    crate::db::on_writer!(db, c => sqlx::query(CONFIRM_PROFILE).bind(id.as_uuid()).bind(now.unix()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn acknowledge_notice(
    db: &Db,
    id: UserId,
    version: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    crate::db::on_writer!(db, c => sqlx::query(ACKNOWLEDGE_NOTICE).bind(id.as_uuid()).bind(version).bind(now.unix()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Sets (with the time of consent) or removes (None) the personal reset address.
pub async fn set_recovery_email(
    db: &Db,
    id: UserId,
    email: Option<&str>,
    now: Timestamp,
) -> Result<(), StoreError> {
    crate::db::on_writer!(db, c => sqlx::query(SET_RECOVERY_EMAIL)
        .bind(id.as_uuid())
        .bind(email)
        .bind(email.map(|_| now.unix()))
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Sets (with the time of consent) or removes the personal reset address, in a transaction.
pub async fn set_recovery_email_tx(
    tx: &mut Tx,
    id: UserId,
    email: Option<&str>,
    now: Timestamp,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(SET_RECOVERY_EMAIL)
        .bind(id.as_uuid())
        .bind(email)
        .bind(email.map(|_| now.unix()))
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Returns whether the account was active or restricted (and is now suspended).
pub async fn suspend(tx: &mut Tx, id: UserId) -> Result<bool, StoreError> {
    let n = in_tx!(tx, c => sqlx::query(SUSPEND).bind(id.as_uuid()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn unsuspend(tx: &mut Tx, id: UserId) -> Result<bool, StoreError> {
    let n = in_tx!(tx, c => sqlx::query(UNSUSPEND).bind(id.as_uuid()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The professional addresses of the administrators, for what they must be told.
pub async fn admin_emails(db: &Db) -> Result<Vec<String>, StoreError> {
    Ok(on_reader!(db, c => sqlx::query_scalar::<_, String>(ADMIN_EMAILS).fetch_all(c).await)?)
}

pub async fn recovery_email(db: &Db, id: UserId) -> Result<Option<String>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_scalar::<_, Option<String>>(RECOVERY_EMAIL).bind(id.as_uuid()).fetch_one(c).await)?,
    )
}
