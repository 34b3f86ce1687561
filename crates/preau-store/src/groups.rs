//! Working groups, their members, invitations, join requests and invitation blocks. Rows are
//! added to `group_members` only for the person acting: the use cases in `preau-app` pass the
//! actor's own id (an accepted invitation, a joined open group) or the requester's id of a
//! request they made themselves.

use crate::db::{in_tx, on_reader, on_writer};
use crate::inventory::{Erasure, Feature, Retention, Table};
use crate::{Db, StoreError, Tx};
use preau_domain::{Timestamp, UserId};
use uuid::Uuid;

crate::statements! {
    INSERT_GROUP = "INSERT INTO groups (id, name, search_name, description, kind, sensitive, created_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7)";
    /// One group as `$2` sees it: with their role, if any.
    FACTS = "SELECT g.id, g.name, g.description, g.kind, g.sensitive, g.archived_at, m.role \
        FROM groups g LEFT JOIN group_members m ON m.group_id = g.id AND m.user_id = $2 WHERE g.id = $1";
    LISTED = "SELECT g.id, g.name, g.description, g.kind, g.sensitive, g.archived_at, m.role \
        FROM groups g LEFT JOIN group_members m ON m.group_id = g.id AND m.user_id = $1 \
        WHERE g.kind IN ('open', 'closed') AND g.archived_at IS NULL \
        ORDER BY g.search_name, g.id LIMIT $2";
    MINE = "SELECT g.id, g.name, g.description, g.kind, g.sensitive, g.archived_at, m.role \
        FROM group_members m JOIN groups g ON g.id = m.group_id WHERE m.user_id = $1 \
        ORDER BY g.search_name, g.id";
    MEMBERS = "SELECT u.id AS user_id, u.given_name, u.family_name, u.status, m.role FROM group_members m \
        JOIN users u ON u.id = m.user_id WHERE m.group_id = $1 ORDER BY u.search_name, u.id";
    /// Who shares a group with `$1`, and which: for `can_see`.
    /// Sensitive groups are left out: their membership changes nothing outside them.
    SHARED = "SELECT b.user_id, b.group_id FROM group_members a JOIN group_members b \
        ON b.group_id = a.group_id JOIN groups g ON g.id = a.group_id AND g.sensitive = FALSE \
        WHERE a.user_id = $1 AND b.user_id <> $1";
    GROUP_IDS_OF = "SELECT m.group_id FROM group_members m JOIN groups g ON g.id = m.group_id \
        WHERE m.user_id = $1 AND g.sensitive = FALSE";
    ADD_MEMBER = "INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4) \
        ON CONFLICT (group_id, user_id) DO NOTHING";
    REMOVE_MEMBER = "DELETE FROM group_members WHERE group_id = $1 AND user_id = $2";
    SET_ROLE = "UPDATE group_members SET role = $3 WHERE group_id = $1 AND user_id = $2";
    /// The groups `$1` is the only owner of, with their names.
    SOLE_OWNED = "SELECT g.id, g.name FROM groups g JOIN group_members m ON m.group_id = g.id \
        WHERE m.user_id = $1 AND m.role = 'owner' AND NOT EXISTS (SELECT 1 FROM group_members o \
        WHERE o.group_id = g.id AND o.role = 'owner' AND o.user_id <> $1) ORDER BY g.id";
    /// Who takes over a group from `$2`: the longest-standing manager, else member.
    SUCCESSOR = "SELECT user_id FROM group_members WHERE group_id = $1 AND user_id <> $2 \
        ORDER BY CASE role WHEN 'manager' THEN 0 ELSE 1 END, joined_at, user_id LIMIT 1";
    COUNT_OWNERS = "SELECT COUNT(*) FROM group_members WHERE group_id = $1 AND role = 'owner'";
    /// Who a group's news goes to: `$2` = true for its owners and managers only.
    MEMBER_IDS = "SELECT user_id FROM group_members WHERE group_id = $1 AND ($2 = FALSE OR role IN ('owner', 'manager')) ORDER BY user_id";
    /// Members, invitations, requests and blocks go with it (foreign keys); notifications
    /// keep the name they had.
    DELETE_GROUP = "DELETE FROM groups WHERE id = $1";
    ARCHIVE = "UPDATE groups SET archived_at = $2 WHERE id = $1 AND archived_at IS NULL";
    INSERT_INVITATION = "INSERT INTO group_invitations (id, group_id, invitee_id, inviter_id, message, created_at, expires_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (group_id, invitee_id) DO NOTHING";
    INVITATIONS_SENT_SINCE = "SELECT COUNT(*) FROM group_invitations WHERE inviter_id = $1 AND created_at > $2";
    BLOCKED = "SELECT COUNT(*) FROM group_invite_blocks WHERE group_id = $1 AND user_id = $2 AND until_at > $3";
    BLOCK = "INSERT INTO group_invite_blocks (group_id, user_id, until_at) VALUES ($1, $2, $3) \
        ON CONFLICT (group_id, user_id) DO UPDATE SET until_at = excluded.until_at";
    /// The live invitations of `$1`, with who invited them and to what.
    INVITATIONS_OF = "SELECT i.id, i.group_id, g.name AS group_name, g.kind, i.message, i.created_at, i.expires_at, \
        u.given_name AS inviter_given_name, u.family_name AS inviter_family_name \
        FROM group_invitations i JOIN groups g ON g.id = i.group_id LEFT JOIN users u ON u.id = i.inviter_id \
        WHERE i.invitee_id = $1 AND i.expires_at > $2 ORDER BY i.id";
    INVITATION = "SELECT id, group_id FROM group_invitations WHERE id = $1 AND invitee_id = $2 AND expires_at > $3";
    DELETE_INVITATION = "DELETE FROM group_invitations WHERE id = $1";
    DELETE_INVITATIONS_OF_MEMBER = "DELETE FROM group_invitations WHERE group_id = $1 AND invitee_id = $2";
    PURGE_INVITATIONS = "DELETE FROM group_invitations WHERE expires_at <= $1";
    PURGE_BLOCKS = "DELETE FROM group_invite_blocks WHERE until_at <= $1";
    INSERT_REQUEST = "INSERT INTO group_join_requests (group_id, user_id, created_at) VALUES ($1, $2, $3) \
        ON CONFLICT (group_id, user_id) DO NOTHING";
    REQUESTS = "SELECT r.user_id, u.given_name, u.family_name, u.status, r.created_at FROM group_join_requests r \
        JOIN users u ON u.id = r.user_id WHERE r.group_id = $1 ORDER BY r.created_at, r.user_id";
    DELETE_REQUEST = "DELETE FROM group_join_requests WHERE group_id = $1 AND user_id = $2";
}

pub const FEATURE: Feature = Feature {
    name: "groups",
    statements: STATEMENTS,
    tables: &[
        Table {
            name: "groups",
            purpose: "Working groups people create and join by their own act.",
            register: &["groups"],
            personal: &[],
            withheld: &[],
            other: &[
                "id",
                "name",
                "search_name",
                "description",
                "kind",
                "sensitive",
                "created_at",
                "archived_at",
            ],
            owner: None,
            retention: Retention::Kept(
                "a group's name and description belong to its members, not to one person",
            ),
            erasure: Erasure::NotPersonal,
            backed_up: true,
        },
        Table {
            name: "group_members",
            purpose: "Who is in a group, with which role: each row made by the person's own act.",
            register: &["groups"],
            personal: &["group_id", "user_id", "role", "joined_at"],
            withheld: &[],
            other: &[],
            owner: Some("user_id"),
            retention: Retention::WithAccount,
            erasure: Erasure::Cascade,
            backed_up: true,
        },
        Table {
            name: "group_invitations",
            purpose: "An invitation to a group, waiting for the invitee's answer.",
            register: &["groups"],
            personal: &[
                "id",
                "group_id",
                "invitee_id",
                "inviter_id",
                "message",
                "created_at",
                "expires_at",
            ],
            withheld: &[],
            other: &[],
            owner: Some("invitee_id"),
            retention: Retention::Purged {
                job: "group_invitations",
                rule: "30 days, or at once when answered",
            },
            erasure: Erasure::Cascade,
            backed_up: true,
        },
        Table {
            name: "group_join_requests",
            purpose: "A request to join a closed group, waiting for a manager.",
            register: &["groups"],
            personal: &["group_id", "user_id", "created_at"],
            withheld: &[],
            other: &[],
            owner: Some("user_id"),
            retention: Retention::WithAccount,
            erasure: Erasure::Cascade,
            backed_up: true,
        },
        Table {
            name: "group_invite_blocks",
            purpose: "A declined group's invitations stop: 90 days, or for good when asked.",
            register: &["groups"],
            personal: &["group_id", "user_id", "until_at"],
            withheld: &[],
            other: &[],
            owner: Some("user_id"),
            retention: Retention::Purged {
                job: "group_invite_blocks",
                rule: "until the date the person chose (90 days after a decline)",
            },
            erasure: Erasure::Cascade,
            backed_up: true,
        },
    ],
};

/// A group and the asker's role in it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GroupRow {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub kind: String,
    pub sensitive: bool,
    pub archived_at: Option<i64>,
    pub role: Option<String>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberRow {
    pub user_id: Uuid,
    pub given_name: String,
    pub family_name: String,
    pub status: String,
    pub role: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RequestRow {
    pub user_id: Uuid,
    pub given_name: String,
    pub family_name: String,
    pub status: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InvitationRow {
    pub id: Uuid,
    pub group_id: Uuid,
    pub group_name: String,
    pub kind: String,
    pub message: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub inviter_given_name: Option<String>,
    pub inviter_family_name: Option<String>,
}

pub struct NewGroup<'a> {
    pub id: Uuid,
    pub name: &'a str,
    pub search_name: &'a str,
    pub description: &'a str,
    pub kind: &'a str,
    pub sensitive: bool,
}

pub async fn insert(tx: &mut Tx, g: &NewGroup<'_>, now: Timestamp) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(INSERT_GROUP)
        .bind(g.id).bind(g.name).bind(g.search_name).bind(g.description).bind(g.kind)
        .bind(g.sensitive).bind(now.unix())
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn facts(db: &Db, group: Uuid, user: UserId) -> Result<Option<GroupRow>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, GroupRow>(FACTS).bind(group).bind(user.as_uuid()).fetch_optional(c).await)?,
    )
}

pub async fn facts_tx(
    tx: &mut Tx,
    group: Uuid,
    user: UserId,
) -> Result<Option<GroupRow>, StoreError> {
    Ok(
        in_tx!(tx, c => sqlx::query_as::<_, GroupRow>(FACTS).bind(group).bind(user.as_uuid()).fetch_optional(c).await)?,
    )
}

pub async fn listed(db: &Db, user: UserId, limit: i64) -> Result<Vec<GroupRow>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, GroupRow>(LISTED).bind(user.as_uuid()).bind(limit).fetch_all(c).await)?,
    )
}

pub async fn mine(db: &Db, user: UserId) -> Result<Vec<GroupRow>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, GroupRow>(MINE).bind(user.as_uuid()).fetch_all(c).await)?,
    )
}

pub async fn members(db: &Db, group: Uuid) -> Result<Vec<MemberRow>, StoreError> {
    Ok(on_reader!(db, c => sqlx::query_as::<_, MemberRow>(MEMBERS).bind(group).fetch_all(c).await)?)
}

/// (person, group) for every person who shares a group with `user`, sensitive groups left
/// out: this is for the directory's visibility rule.
pub async fn shared_with(db: &Db, user: UserId) -> Result<Vec<(Uuid, Uuid)>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, (Uuid, Uuid)>(SHARED).bind(user.as_uuid()).fetch_all(c).await)?,
    )
}

/// The groups of `user` that count for the directory's visibility rule (not the sensitive
/// ones).
pub async fn group_ids_of(db: &Db, user: UserId) -> Result<Vec<Uuid>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_scalar::<_, Uuid>(GROUP_IDS_OF).bind(user.as_uuid()).fetch_all(c).await)?,
    )
}

/// Adds `user` — always the person acting, or the requester a manager approves — to the group.
pub async fn add_member(
    tx: &mut Tx,
    group: Uuid,
    user: UserId,
    role: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let n = in_tx!(tx, c => sqlx::query(ADD_MEMBER).bind(group).bind(user.as_uuid()).bind(role).bind(now.unix())
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn remove_member(tx: &mut Tx, group: Uuid, user: UserId) -> Result<bool, StoreError> {
    let n = in_tx!(tx, c => sqlx::query(REMOVE_MEMBER).bind(group).bind(user.as_uuid()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn set_role(
    tx: &mut Tx,
    group: Uuid,
    user: UserId,
    role: &str,
) -> Result<bool, StoreError> {
    let n = in_tx!(tx, c => sqlx::query(SET_ROLE).bind(group).bind(user.as_uuid()).bind(role).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn count_owners(tx: &mut Tx, group: Uuid) -> Result<i64, StoreError> {
    Ok(in_tx!(tx, c => sqlx::query_scalar::<_, i64>(COUNT_OWNERS).bind(group).fetch_one(c).await)?)
}

/// The groups `user` alone owns: (id, name).
pub async fn sole_owned(tx: &mut Tx, user: UserId) -> Result<Vec<(Uuid, String)>, StoreError> {
    Ok(
        in_tx!(tx, c => sqlx::query_as::<_, (Uuid, String)>(SOLE_OWNED).bind(user.as_uuid()).fetch_all(c).await)?,
    )
}

/// The member who takes a group over from `leaving`, if anyone is left.
pub async fn successor(
    tx: &mut Tx,
    group: Uuid,
    leaving: UserId,
) -> Result<Option<UserId>, StoreError> {
    let id = in_tx!(tx, c => sqlx::query_scalar::<_, Uuid>(SUCCESSOR).bind(group).bind(leaving.as_uuid()).fetch_optional(c).await)?;
    Ok(id.map(UserId::from_uuid))
}

/// The members of a group (`managers_only`: owners and managers).
pub async fn member_ids(
    tx: &mut Tx,
    group: Uuid,
    managers_only: bool,
) -> Result<Vec<UserId>, StoreError> {
    let ids = in_tx!(tx, c => sqlx::query_scalar::<_, Uuid>(MEMBER_IDS).bind(group).bind(managers_only).fetch_all(c).await)?;
    Ok(ids.into_iter().map(UserId::from_uuid).collect())
}

pub async fn delete(tx: &mut Tx, group: Uuid) -> Result<bool, StoreError> {
    let n = in_tx!(tx, c => sqlx::query(DELETE_GROUP).bind(group).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn archive(tx: &mut Tx, group: Uuid, now: Timestamp) -> Result<bool, StoreError> {
    let n = in_tx!(tx, c => sqlx::query(ARCHIVE).bind(group).bind(now.unix()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub struct NewInvitation<'a> {
    pub id: Uuid,
    pub group: Uuid,
    pub invitee: UserId,
    pub inviter: UserId,
    pub message: &'a str,
}

/// False when the person already has a live invitation to this group.
pub async fn insert_invitation(
    tx: &mut Tx,
    i: &NewInvitation<'_>,
    now: Timestamp,
    expires: Timestamp,
) -> Result<bool, StoreError> {
    let n = in_tx!(tx, c => sqlx::query(INSERT_INVITATION)
        .bind(i.id).bind(i.group).bind(i.invitee.as_uuid()).bind(i.inviter.as_uuid()).bind(i.message)
        .bind(now.unix()).bind(expires.unix())
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn invitations_sent_since(
    tx: &mut Tx,
    inviter: UserId,
    since: Timestamp,
) -> Result<i64, StoreError> {
    Ok(
        in_tx!(tx, c => sqlx::query_scalar::<_, i64>(INVITATIONS_SENT_SINCE).bind(inviter.as_uuid()).bind(since.unix()).fetch_one(c).await)?,
    )
}

pub async fn blocked(
    tx: &mut Tx,
    group: Uuid,
    user: UserId,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let n = in_tx!(tx, c => sqlx::query_scalar::<_, i64>(BLOCKED).bind(group).bind(user.as_uuid()).bind(now.unix()).fetch_one(c).await)?;
    Ok(n > 0)
}

pub async fn block(
    tx: &mut Tx,
    group: Uuid,
    user: UserId,
    until: Timestamp,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(BLOCK).bind(group).bind(user.as_uuid()).bind(until.unix()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn invitations_of(
    db: &Db,
    user: UserId,
    now: Timestamp,
) -> Result<Vec<InvitationRow>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, InvitationRow>(INVITATIONS_OF).bind(user.as_uuid()).bind(now.unix()).fetch_all(c).await)?,
    )
}

/// The group of a live invitation addressed to `user`.
pub async fn invitation(
    tx: &mut Tx,
    id: Uuid,
    user: UserId,
    now: Timestamp,
) -> Result<Option<Uuid>, StoreError> {
    let row: Option<(Uuid, Uuid)> = in_tx!(tx, c => sqlx::query_as(INVITATION).bind(id).bind(user.as_uuid()).bind(now.unix()).fetch_optional(c).await)?;
    Ok(row.map(|(_, group)| group))
}

pub async fn delete_invitation(tx: &mut Tx, id: Uuid) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(DELETE_INVITATION).bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn delete_invitations_of_member(
    tx: &mut Tx,
    group: Uuid,
    user: UserId,
) -> Result<(), StoreError> {
    in_tx!(tx, c => sqlx::query(DELETE_INVITATIONS_OF_MEMBER).bind(group).bind(user.as_uuid()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn purge_invitations(db: &Db, now: Timestamp) -> Result<u64, StoreError> {
    Ok(
        on_writer!(db, c => sqlx::query(PURGE_INVITATIONS).bind(now.unix()).execute(c).await.map(|r| r.rows_affected()))?,
    )
}

pub async fn purge_blocks(db: &Db, now: Timestamp) -> Result<u64, StoreError> {
    Ok(
        on_writer!(db, c => sqlx::query(PURGE_BLOCKS).bind(now.unix()).execute(c).await.map(|r| r.rows_affected()))?,
    )
}

/// The person's own request; false if they had already asked.
pub async fn insert_request(
    tx: &mut Tx,
    group: Uuid,
    user: UserId,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let n = in_tx!(tx, c => sqlx::query(INSERT_REQUEST).bind(group).bind(user.as_uuid()).bind(now.unix()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn requests(db: &Db, group: Uuid) -> Result<Vec<RequestRow>, StoreError> {
    Ok(
        on_reader!(db, c => sqlx::query_as::<_, RequestRow>(REQUESTS).bind(group).fetch_all(c).await)?,
    )
}

/// Takes the request out; true if the person had made it (only then may they be added).
pub async fn take_request(tx: &mut Tx, group: Uuid, user: UserId) -> Result<bool, StoreError> {
    let n = in_tx!(tx, c => sqlx::query(DELETE_REQUEST).bind(group).bind(user.as_uuid()).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}
