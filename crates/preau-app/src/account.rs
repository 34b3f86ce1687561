//! The account as the layers above see it: states and choices as the domain's enums, grants
//! as a set, and no password hash. Store rows stay in the store.

use preau_domain::policy::{AccountStatus, DirectoryScope, Subject, Visibility};
use preau_domain::roster::Function;
use preau_domain::{Permission, UserId};
use preau_store::users::UserRow;
use std::collections::BTreeSet;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct Account {
    pub id: UserId,
    pub email: String,
    pub given_name: String,
    pub family_name: String,
    /// `fr` or `en`, when the person chose one.
    pub locale: Option<String>,
    /// The school or unit of the person, from the roster.
    pub structure: Option<Uuid>,
    pub corps: String,
    pub functions: Vec<Function>,
    pub status: AccountStatus,
    pub scope: DirectoryScope,
    pub show_structure: bool,
    pub show_functions: bool,
    /// Opened from a roster invitation: later imports update it and may mark it departing.
    pub from_roster: bool,
    pub notice_version: Option<String>,
    /// When the person last confirmed their profile (ACC-07).
    pub verified_at: Option<i64>,
    pub permissions: BTreeSet<Permission>,
}

impl Account {
    pub(crate) fn from_row(row: UserRow) -> Self {
        let permissions = row.permissions();
        Self {
            id: row.user_id(),
            // An unknown stored value hides rather than shows.
            status: AccountStatus::parse(&row.status).unwrap_or(AccountStatus::Restricted),
            scope: DirectoryScope::parse(&row.directory_scope).unwrap_or(DirectoryScope::Nobody),
            functions: parse_functions(&row.functions),
            email: row.email,
            given_name: row.given_name,
            family_name: row.family_name,
            locale: row.locale,
            structure: row.structure_id,
            corps: row.corps,
            show_structure: row.show_structure,
            show_functions: row.show_functions,
            from_roster: row.from_roster,
            notice_version: row.notice_version,
            verified_at: row.verified_at,
            permissions,
        }
    }

    pub fn is_admin(&self) -> bool {
        self.permissions.contains(&Permission::Admin)
    }

    /// What `can_see` needs to know about the person.
    pub fn visibility(&self) -> Visibility {
        Visibility {
            id: self.id.as_uuid(),
            status: self.status,
            scope: self.scope,
            places: self.structure.into_iter().collect(),
            groups: BTreeSet::new(),
        }
    }

    /// What `can` needs to know about the person.
    pub fn subject(&self) -> Subject {
        Subject {
            id: self.id.as_uuid(),
            status: self.status,
            permissions: self.permissions.clone(),
        }
    }
}

pub(crate) fn parse_functions(stored: &str) -> Vec<Function> {
    stored
        .split('|')
        .filter_map(Function::parse_stored)
        .collect()
}
