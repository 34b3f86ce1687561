//! The authorization policy: `can_see` (who may see whom) and `can` (who may do what), the
//! only two rules of the product. The directory, recipient pickers, group invitations and
//! sharing ask `can_see`; every use case asks `can`. Both return the reason with the answer,
//! so an explanation (« Qui voit qui ? ») names the rule instead of rebuilding it.
//! Invitations are not people here at all: they never reach these functions.

use crate::Permission;
use crate::groups::{GroupFacts, GroupKind, GroupRole};
use std::collections::BTreeSet;
use uuid::Uuid;

/// Why a decision was taken. Explanations shown to an administrator map every refusal of
/// `can_see` to one answer, so the person's choice or state is never revealed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Everyone sees themselves and manages their own account.
    Themselves,
    /// The person chose `MyPlaces` and shares a school or unit with the viewer.
    SharedPlace,
    /// The person chose `MyPlaces` and shares a group with the viewer.
    SharedGroup,
    /// The person chose `District`.
    DistrictWide,
    /// The viewer's own account is restricted, departing or closing.
    ViewerHidden,
    /// The person is restricted, departing or closing.
    PersonHidden,
    /// The person chose `Nobody`.
    PersonChoseNobody,
    /// The person chose `MyPlaces` and shares nothing with the viewer.
    NothingShared,
    /// The action needs this permission and the actor holds it.
    Granted(Permission),
    /// The action needs this permission and the actor does not hold it.
    NotGranted(Permission),
    /// The action is on someone else's account.
    NotOneself,
    /// A departing or closing account keeps its own data, nothing else.
    AccountWindingDown,
    /// The asker holds this role in the group.
    GroupRole(GroupRole),
    /// The group is private, or the action is for its members: outsiders, administrators and
    /// the IEN included, get the same answer as for a group that does not exist.
    NotAGroupMember,
    /// The action needs a manager or the owner.
    GroupRoleTooLow,
    /// Anyone may find the group and ask for what its kind allows.
    GroupListed(GroupKind),
    /// The group's kind does not allow this way in.
    GroupKindForbids(GroupKind),
    /// Already a member.
    AlreadyAGroupMember,
    /// Archived groups are read-only.
    GroupArchived,
    /// Any active account may start a group.
    AnyoneMayCreate,
    /// What the asker may do with a document: their own space, their role in the group's,
    /// or (later) a share.
    DocumentAccess(DocumentAccess),
    /// Not the asker's space, not a group of theirs, not shared with them: the same answer
    /// as for a document that does not exist, administrators and the IEN included.
    NoDocumentAccess,
    /// Reading only, or contributing to what others put there.
    DocumentAccessTooLow,
}

/// An answer and its reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    allowed: bool,
    reason: Reason,
}

impl Decision {
    const fn allow(reason: Reason) -> Self {
        Self {
            allowed: true,
            reason,
        }
    }

    const fn deny(reason: Reason) -> Self {
        Self {
            allowed: false,
            reason,
        }
    }

    pub fn is_allowed(self) -> bool {
        self.allowed
    }

    pub fn reason(self) -> Reason {
        self.reason
    }
}

/// Who asks: an account, its state and its explicit grants (functions such as « directeur »
/// or IEN never grant anything).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub id: Uuid,
    pub status: AccountStatus,
    pub permissions: BTreeSet<Permission>,
}

/// What an actor may ask to do. Each use case names its action; a new service adds its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The administration's counts and journal.
    ViewAdministration,
    /// Preview or apply the staff roster.
    ImportRoster,
    /// Print letters or send invitation emails for an import.
    IssueInvitations,
    /// Add a unit (service) to the structures.
    ManageStructures,
    /// « Qui voit qui ? »
    ExplainVisibility,
    /// Password, sessions, tokens, directory choices, recovery address.
    ManageOwnAccount,
    /// Start a working group (`Resource::Instance`).
    CreateGroup,
    /// Browse the group directory and answer one's own invitations (`Resource::Instance`).
    UseGroups,
    /// See a group's page: its name, description and kind.
    ViewGroup,
    /// See who is in a group.
    ListGroupMembers,
    /// Join an open group at once.
    JoinGroup,
    /// Ask to join a closed group.
    RequestToJoinGroup,
    /// Invite someone (whom the inviter may see) to the group.
    InviteToGroup,
    /// Approve or refuse a join request.
    DecideJoinRequest,
    /// Make a member a manager or an owner, or back.
    ChangeGroupRole,
    /// Leave (always possible, and silent).
    LeaveGroup,
    /// Make the group read-only.
    ArchiveGroup,
    /// Delete the group and what it holds; its members are told.
    DeleteGroup,
    /// List a folder, download a file (`Resource::Document`).
    ReadDocuments,
    /// Upload files or create folders in a folder.
    AddDocuments,
    /// Rename, move, put in the trash or restore a document or folder.
    ChangeDocument,
    /// See who has access to a document or folder, share it, change or remove its shares.
    ShareDocument,
    /// See the queue of rights requests, enter one received by post, extend and close them
    /// (RGT-08).
    HandleRightsRequests,
}

impl Action {
    pub const ALL: [Action; 23] = [
        Self::ViewAdministration,
        Self::ImportRoster,
        Self::IssueInvitations,
        Self::ManageStructures,
        Self::ExplainVisibility,
        Self::ManageOwnAccount,
        Self::CreateGroup,
        Self::UseGroups,
        Self::ViewGroup,
        Self::ListGroupMembers,
        Self::JoinGroup,
        Self::RequestToJoinGroup,
        Self::InviteToGroup,
        Self::DecideJoinRequest,
        Self::ChangeGroupRole,
        Self::LeaveGroup,
        Self::ArchiveGroup,
        Self::DeleteGroup,
        Self::ReadDocuments,
        Self::AddDocuments,
        Self::ChangeDocument,
        Self::ShareDocument,
        Self::HandleRightsRequests,
    ];

    /// The actions on documents (`Resource::Document`).
    pub fn is_about_a_document(self) -> bool {
        matches!(
            self,
            Self::ReadDocuments | Self::AddDocuments | Self::ChangeDocument | Self::ShareDocument
        )
    }

    /// The actions on a group (`Resource::Group`).
    pub fn is_about_a_group(self) -> bool {
        matches!(
            self,
            Self::ViewGroup
                | Self::ListGroupMembers
                | Self::JoinGroup
                | Self::RequestToJoinGroup
                | Self::InviteToGroup
                | Self::DecideJoinRequest
                | Self::ChangeGroupRole
                | Self::LeaveGroup
                | Self::ArchiveGroup
                | Self::DeleteGroup
        )
    }
}

/// What an action is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    /// The instance as a whole (administration).
    Instance,
    /// One account.
    Account(Uuid),
    /// One working group, as seen by the asker.
    Group(GroupFacts),
    /// A document or folder, as the asker stands towards it.
    Document(DocumentFacts),
}

/// What one may do with documents, from least to most: a share's right, or what owning the
/// space or one's role in a group's space gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DocumentAccess {
    /// List and download.
    Read,
    /// Also upload and create folders; change what one put there oneself.
    Contribute,
    /// Also change what anyone put there.
    Manage,
}

impl DocumentAccess {
    /// The stable name, in the database and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Contribute => "contribute",
            Self::Manage => "manage",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "read" => Some(Self::Read),
            "contribute" => Some(Self::Contribute),
            "manage" => Some(Self::Manage),
            _ => None,
        }
    }

    /// What a share gives: its right, but only reading through an archived group (its
    /// members keep what it had, frozen like the group).
    pub fn of_share(access: Self, through_archived_group: bool) -> Self {
        if through_archived_group {
            Self::Read
        } else {
            access
        }
    }

    /// What a space gives: its owner manages their « Mes documents »; in a group's space,
    /// owners and managers manage and members contribute. Nobody else gets anything —
    /// no grant (administrator, IEN) opens a space.
    pub fn of_space(own_space: bool, group_role: Option<GroupRole>) -> Option<Self> {
        match (own_space, group_role) {
            (true, _) => Some(Self::Manage),
            (false, Some(role)) if role.manages() => Some(Self::Manage),
            (false, Some(_)) => Some(Self::Contribute),
            (false, None) => None,
        }
    }
}

/// How the asker stands towards one document or folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentFacts {
    pub access: Option<DocumentAccess>,
    /// The asker put it there.
    pub author: bool,
    /// The space is an archived group's: read-only.
    pub archived: bool,
}

/// Whether `subject` may do `action` on `resource`, and why.
pub fn can(subject: &Subject, action: Action, resource: Resource) -> Decision {
    let needs = |permission: Permission| {
        if !matches!(
            subject.status,
            AccountStatus::Active | AccountStatus::Restricted
        ) {
            Decision::deny(Reason::AccountWindingDown)
        } else if subject.permissions.contains(&permission) {
            Decision::allow(Reason::Granted(permission))
        } else {
            Decision::deny(Reason::NotGranted(permission))
        }
    };
    match action {
        Action::ViewAdministration
        | Action::ImportRoster
        | Action::IssueInvitations
        | Action::ManageStructures
        | Action::ExplainVisibility
        | Action::HandleRightsRequests => needs(Permission::Admin),
        Action::ManageOwnAccount => match resource {
            Resource::Account(id) if id == subject.id => Decision::allow(Reason::Themselves),
            _ => Decision::deny(Reason::NotOneself),
        },
        Action::CreateGroup | Action::UseGroups => {
            if matches!(
                subject.status,
                AccountStatus::Active | AccountStatus::Restricted
            ) {
                Decision::allow(Reason::AnyoneMayCreate)
            } else {
                Decision::deny(Reason::AccountWindingDown)
            }
        }
        Action::ReadDocuments
        | Action::AddDocuments
        | Action::ChangeDocument
        | Action::ShareDocument => match resource {
            Resource::Document(d) => can_on_document(subject, action, d),
            _ => Decision::deny(Reason::NoDocumentAccess),
        },
        group_action => match resource {
            Resource::Group(g) => can_in_group(subject, group_action, g),
            _ => Decision::deny(Reason::NotAGroupMember),
        },
    }
}

/// The rules on documents. A departing person still reads (and takes away) their files;
/// only active and restricted accounts change anything.
fn can_on_document(subject: &Subject, action: Action, d: DocumentFacts) -> Decision {
    let Some(access) = d.access else {
        return Decision::deny(Reason::NoDocumentAccess);
    };
    let writes = action != Action::ReadDocuments;
    let may_write = matches!(
        subject.status,
        AccountStatus::Active | AccountStatus::Restricted
    );
    let may_read = may_write || subject.status == AccountStatus::Departing;
    if !(if writes { may_write } else { may_read }) {
        return Decision::deny(Reason::AccountWindingDown);
    }
    if writes && d.archived {
        return Decision::deny(Reason::GroupArchived);
    }
    let enough = match action {
        Action::ReadDocuments => true,
        Action::AddDocuments => access >= DocumentAccess::Contribute,
        Action::ShareDocument => access == DocumentAccess::Manage,
        _ => access == DocumentAccess::Manage || (access == DocumentAccess::Contribute && d.author),
    };
    if enough {
        Decision::allow(Reason::DocumentAccess(access))
    } else {
        Decision::deny(Reason::DocumentAccessTooLow)
    }
}

/// The rules inside a group. Explicit grants (administrator, announcer…) give nothing here:
/// a group is its members' (guarantee 2).
fn can_in_group(subject: &Subject, action: Action, g: GroupFacts) -> Decision {
    if !matches!(
        subject.status,
        AccountStatus::Active | AccountStatus::Restricted
    ) {
        return Decision::deny(Reason::AccountWindingDown);
    }
    let member = |needs_manager: bool, writes: bool| match g.role {
        None => Decision::deny(Reason::NotAGroupMember),
        Some(_) if writes && g.archived => Decision::deny(Reason::GroupArchived),
        Some(role) if needs_manager && !role.manages() => Decision::deny(Reason::GroupRoleTooLow),
        Some(role) => Decision::allow(Reason::GroupRole(role)),
    };
    match action {
        Action::ViewGroup => match g.role {
            Some(role) => Decision::allow(Reason::GroupRole(role)),
            None if g.kind.is_listed() && !g.archived => {
                Decision::allow(Reason::GroupListed(g.kind))
            }
            None => Decision::deny(Reason::NotAGroupMember),
        },
        Action::ListGroupMembers => member(false, false),
        Action::LeaveGroup => member(false, false),
        Action::InviteToGroup | Action::DecideJoinRequest => member(true, true),
        Action::ChangeGroupRole | Action::ArchiveGroup | Action::DeleteGroup => match g.role {
            Some(GroupRole::Owner) if g.archived && action == Action::ChangeGroupRole => {
                Decision::deny(Reason::GroupArchived)
            }
            Some(GroupRole::Owner) => Decision::allow(Reason::GroupRole(GroupRole::Owner)),
            Some(_) => Decision::deny(Reason::GroupRoleTooLow),
            None => Decision::deny(Reason::NotAGroupMember),
        },
        Action::JoinGroup | Action::RequestToJoinGroup => {
            let allowed_kind = if action == Action::JoinGroup {
                GroupKind::Open
            } else {
                GroupKind::Closed
            };
            if g.role.is_some() {
                Decision::deny(Reason::AlreadyAGroupMember)
            } else if g.archived {
                Decision::deny(Reason::GroupArchived)
            } else if g.kind == allowed_kind {
                Decision::allow(Reason::GroupListed(g.kind))
            } else if g.kind.is_listed() {
                Decision::deny(Reason::GroupKindForbids(g.kind))
            } else {
                Decision::deny(Reason::NotAGroupMember)
            }
        }
        _ => Decision::deny(Reason::NotAGroupMember),
    }
}

/// How far a person lets others find them (DIR-01: minimal by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum DirectoryScope {
    /// Nobody finds me in the directory.
    Nobody,
    /// People of my schools or units, and of my groups.
    #[default]
    MyPlaces,
    /// Everyone in the circonscription.
    District,
}

impl DirectoryScope {
    pub const ALL: [DirectoryScope; 3] = [Self::MyPlaces, Self::District, Self::Nobody];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Nobody => "nobody",
            Self::MyPlaces => "my_places",
            Self::District => "district",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// The states of an account (DOMAIN.md "People").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountStatus {
    Active,
    /// The person's own switch: they use Préau but are hidden from everyone.
    Restricted,
    /// Absent from the last roster import: keeps access to export, hidden, erased at D+60.
    Departing,
    /// Asked to delete their account: hidden, erased after 30 days.
    Closing,
    /// The person reported « ce n'était pas moi »: no login until a reset from their
    /// professional mailbox; hidden meanwhile.
    Suspended,
}

impl AccountStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Restricted => "restricted",
            Self::Departing => "departing",
            Self::Closing => "closing",
            Self::Suspended => "suspended",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Active,
            Self::Restricted,
            Self::Departing,
            Self::Closing,
            Self::Suspended,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

/// What the rule needs to know about a person: their state, their choice, their places.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visibility {
    pub id: Uuid,
    pub status: AccountStatus,
    pub scope: DirectoryScope,
    /// Schools and units the person belongs to.
    pub places: BTreeSet<Uuid>,
    /// Groups the person is a member of.
    pub groups: BTreeSet<Uuid>,
}

/// Whether `viewer` may find and see `person`. Everyone sees themselves. Otherwise: never a
/// person who is restricted, departing or closing, or who chose `Nobody`; a person with
/// `MyPlaces` to those who share a school, unit or group; a person with `District` to every
/// active account of the instance (one instance serves one circonscription).
pub fn can_see(viewer: &Visibility, person: &Visibility) -> Decision {
    if viewer.id == person.id {
        return Decision::allow(Reason::Themselves);
    }
    if viewer.status != AccountStatus::Active {
        return Decision::deny(Reason::ViewerHidden);
    }
    if person.status != AccountStatus::Active {
        return Decision::deny(Reason::PersonHidden);
    }
    match person.scope {
        DirectoryScope::Nobody => Decision::deny(Reason::PersonChoseNobody),
        DirectoryScope::District => Decision::allow(Reason::DistrictWide),
        DirectoryScope::MyPlaces => {
            if !viewer.places.is_disjoint(&person.places) {
                Decision::allow(Reason::SharedPlace)
            } else if !viewer.groups.is_disjoint(&person.groups) {
                Decision::allow(Reason::SharedGroup)
            } else {
                Decision::deny(Reason::NothingShared)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(
        status: AccountStatus,
        scope: DirectoryScope,
        places: &[u128],
        groups: &[u128],
    ) -> Visibility {
        Visibility {
            id: Uuid::now_v7(),
            status,
            scope,
            places: places.iter().map(|p| Uuid::from_u128(*p)).collect(),
            groups: groups.iter().map(|g| Uuid::from_u128(1000 + *g)).collect(),
        }
    }

    /// The visibility matrix: the person's state × their scope × what they share with the viewer.
    #[test]
    fn matrix() {
        use AccountStatus::*;
        use DirectoryScope::*;
        let viewer = person(Active, MyPlaces, &[1], &[7]);
        // (status, scope, places, groups, expected, reason)
        type Case = (
            AccountStatus,
            DirectoryScope,
            &'static [u128],
            &'static [u128],
            bool,
            Reason,
        );
        let cases: &[Case] = &[
            (Active, MyPlaces, &[1], &[], true, Reason::SharedPlace),
            (Active, MyPlaces, &[1], &[7], true, Reason::SharedPlace),
            (Active, MyPlaces, &[2], &[7], true, Reason::SharedGroup),
            (Active, MyPlaces, &[2], &[], false, Reason::NothingShared),
            (Active, MyPlaces, &[], &[], false, Reason::NothingShared),
            (Active, District, &[2], &[], true, Reason::DistrictWide),
            (Active, District, &[], &[], true, Reason::DistrictWide),
            (Active, Nobody, &[1], &[7], false, Reason::PersonChoseNobody),
            (
                Restricted,
                District,
                &[1],
                &[7],
                false,
                Reason::PersonHidden,
            ),
            (Departing, District, &[1], &[7], false, Reason::PersonHidden),
            (Closing, District, &[1], &[7], false, Reason::PersonHidden),
            (Suspended, District, &[1], &[7], false, Reason::PersonHidden),
        ];
        for (status, scope, places, groups, expected, reason) in cases {
            let p = person(*status, *scope, places, groups);
            let d = can_see(&viewer, &p);
            let what = format!("{status:?} {scope:?} places {places:?} groups {groups:?}");
            assert_eq!(d.is_allowed(), *expected, "{what}");
            assert_eq!(d.reason(), *reason, "{what}");
        }
    }

    #[test]
    fn a_hidden_viewer_sees_nobody_but_themselves() {
        let open = person(AccountStatus::Active, DirectoryScope::District, &[1], &[]);
        for status in [
            AccountStatus::Restricted,
            AccountStatus::Departing,
            AccountStatus::Closing,
        ] {
            let viewer = person(status, DirectoryScope::District, &[1], &[]);
            assert_eq!(
                can_see(&viewer, &open),
                Decision::deny(Reason::ViewerHidden)
            );
            assert_eq!(
                can_see(&viewer, &viewer),
                Decision::allow(Reason::Themselves)
            );
        }
    }

    fn subject(status: AccountStatus, permissions: &[Permission]) -> Subject {
        Subject {
            id: Uuid::now_v7(),
            status,
            permissions: permissions.iter().copied().collect(),
        }
    }

    /// The action matrix: every action × the actor's state and grants × whose resource.
    #[test]
    fn who_may_do_what() {
        use AccountStatus::*;
        let admin_actions = [
            Action::ViewAdministration,
            Action::ImportRoster,
            Action::IssueInvitations,
            Action::ManageStructures,
            Action::ExplainVisibility,
            Action::HandleRightsRequests,
        ];
        let account_actions = Action::ALL.into_iter().filter(|a| {
            !a.is_about_a_group()
                && !a.is_about_a_document()
                && !matches!(a, Action::CreateGroup | Action::UseGroups)
        });
        for action in account_actions {
            for status in [Active, Restricted, Departing, Closing, Suspended] {
                for grants in [
                    &[][..],
                    &[Permission::Admin][..],
                    &[
                        Permission::Announcer,
                        Permission::Moderator,
                        Permission::SecurityOfficer,
                    ][..],
                ] {
                    let s = subject(status, grants);
                    let other = Uuid::now_v7();
                    let on_instance = can(&s, action, Resource::Instance);
                    let on_own = can(&s, action, Resource::Account(s.id));
                    let on_other = can(&s, action, Resource::Account(other));
                    if admin_actions.contains(&action) {
                        let expected = if !matches!(status, Active | Restricted) {
                            Decision::deny(Reason::AccountWindingDown)
                        } else if grants.contains(&Permission::Admin) {
                            Decision::allow(Reason::Granted(Permission::Admin))
                        } else {
                            Decision::deny(Reason::NotGranted(Permission::Admin))
                        };
                        for d in [on_instance, on_own, on_other] {
                            assert_eq!(d, expected, "{action:?} {status:?} {grants:?}");
                        }
                    } else {
                        // Everyone manages their own account, whatever their state, and
                        // nobody anyone else's, administrators included.
                        assert_eq!(on_own, Decision::allow(Reason::Themselves));
                        assert_eq!(on_other, Decision::deny(Reason::NotOneself));
                        assert_eq!(on_instance, Decision::deny(Reason::NotOneself));
                    }
                }
            }
        }
    }

    /// The documents matrix: every document action × the standing (none, read, contribute,
    /// manage) × author or not × archived or not × the asker's state. Grants give nothing:
    /// the subject holds every one.
    #[test]
    fn who_may_do_what_with_documents() {
        use AccountStatus::*;
        let everything = [
            Permission::Admin,
            Permission::Announcer,
            Permission::Moderator,
            Permission::SecurityOfficer,
        ];
        let accesses = [
            None,
            Some(DocumentAccess::Read),
            Some(DocumentAccess::Contribute),
            Some(DocumentAccess::Manage),
        ];
        for status in [Active, Restricted, Departing, Closing, Suspended] {
            let s = subject(status, &everything);
            for access in accesses {
                for author in [false, true] {
                    for archived in [false, true] {
                        let d = DocumentFacts {
                            access,
                            author,
                            archived,
                        };
                        for action in Action::ALL.into_iter().filter(|a| a.is_about_a_document()) {
                            let writes = action != Action::ReadDocuments;
                            let expected = match access {
                                None => false,
                                Some(a) => {
                                    let state_ok = if writes {
                                        matches!(status, Active | Restricted)
                                    } else {
                                        matches!(status, Active | Restricted | Departing)
                                    };
                                    let right = match action {
                                        Action::ReadDocuments => true,
                                        Action::AddDocuments => a >= DocumentAccess::Contribute,
                                        Action::ShareDocument => a == DocumentAccess::Manage,
                                        _ => {
                                            a == DocumentAccess::Manage
                                                || (a == DocumentAccess::Contribute && author)
                                        }
                                    };
                                    state_ok && right && !(writes && archived)
                                }
                            };
                            let got = can(&s, action, Resource::Document(d));
                            assert_eq!(
                                got.is_allowed(),
                                expected,
                                "{action:?} {status:?} {d:?}: {got:?}"
                            );
                            if access.is_none() {
                                assert_eq!(got.reason(), Reason::NoDocumentAccess);
                            }
                        }
                    }
                }
            }
        }
        // A space gives: the owner manages, group owners and managers manage, members
        // contribute, nobody else anything.
        assert_eq!(
            DocumentAccess::of_space(true, None),
            Some(DocumentAccess::Manage)
        );
        assert_eq!(
            DocumentAccess::of_space(false, Some(GroupRole::Manager)),
            Some(DocumentAccess::Manage)
        );
        assert_eq!(
            DocumentAccess::of_space(false, Some(GroupRole::Member)),
            Some(DocumentAccess::Contribute)
        );
        assert_eq!(DocumentAccess::of_space(false, None), None);
        // Document actions on anything but a document are refused.
        let s = subject(Active, &everything);
        assert!(!can(&s, Action::ReadDocuments, Resource::Instance).is_allowed());
    }

    /// The group matrix: every group action × the asker's role (or none) × the group's kind
    /// × archived or not. Administrators are not special: the subject below holds `admin`.
    #[test]
    fn who_may_do_what_in_a_group() {
        use GroupKind::*;
        let admin = subject(AccountStatus::Active, &[Permission::Admin]);
        let facts = |kind, archived, role| GroupFacts {
            id: Uuid::now_v7(),
            kind,
            sensitive: false,
            archived,
            role,
        };
        let roles = [
            None,
            Some(GroupRole::Member),
            Some(GroupRole::Manager),
            Some(GroupRole::Owner),
        ];
        for kind in GroupKind::ALL {
            for archived in [false, true] {
                for role in roles {
                    let g = facts(kind, archived, role);
                    let may = |a| can(&admin, a, Resource::Group(g)).is_allowed();
                    let what = format!("{kind:?} archived={archived} role={role:?}");
                    let is_member = role.is_some();
                    let manages = role.is_some_and(GroupRole::manages);
                    let owner = role == Some(GroupRole::Owner);
                    assert_eq!(
                        may(Action::ViewGroup),
                        is_member || (kind != Private && !archived),
                        "view {what}"
                    );
                    assert_eq!(may(Action::ListGroupMembers), is_member, "members {what}");
                    assert_eq!(may(Action::LeaveGroup), is_member, "leave {what}");
                    assert_eq!(
                        may(Action::InviteToGroup),
                        manages && !archived,
                        "invite {what}"
                    );
                    assert_eq!(
                        may(Action::DecideJoinRequest),
                        manages && !archived,
                        "decide {what}"
                    );
                    assert_eq!(
                        may(Action::ChangeGroupRole),
                        owner && !archived,
                        "roles {what}"
                    );
                    assert_eq!(may(Action::ArchiveGroup), owner, "archive {what}");
                    assert_eq!(
                        may(Action::JoinGroup),
                        !is_member && !archived && kind == Open,
                        "join {what}"
                    );
                    assert_eq!(
                        may(Action::RequestToJoinGroup),
                        !is_member && !archived && kind == Closed,
                        "request {what}"
                    );
                }
            }
        }
        // A private group answers an outsider as if it did not exist, whatever the action.
        let private = facts(Private, false, None);
        for action in Action::ALL.into_iter().filter(|a| a.is_about_a_group()) {
            assert_eq!(
                can(&admin, action, Resource::Group(private)),
                Decision::deny(Reason::NotAGroupMember),
                "{action:?}"
            );
        }
        // A group action without a group, and a winding-down account, are refused.
        assert!(!can(&admin, Action::JoinGroup, Resource::Instance).is_allowed());
        let leaving = subject(AccountStatus::Departing, &[]);
        for action in [Action::CreateGroup, Action::UseGroups] {
            assert!(!can(&leaving, action, Resource::Instance).is_allowed());
            assert!(can(&admin, action, Resource::Instance).is_allowed());
            let member = subject(AccountStatus::Active, &[]);
            assert!(can(&member, action, Resource::Instance).is_allowed());
        }
        assert!(
            !can(
                &leaving,
                Action::JoinGroup,
                Resource::Group(facts(Open, false, None))
            )
            .is_allowed()
        );
        assert!(can(&admin, Action::CreateGroup, Resource::Instance).is_allowed());
    }

    #[test]
    fn names_round_trip() {
        for s in DirectoryScope::ALL {
            assert_eq!(DirectoryScope::parse(s.as_str()), Some(s));
        }
        assert_eq!(DirectoryScope::default(), DirectoryScope::MyPlaces);
    }
}
