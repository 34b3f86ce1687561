//! The directory: finding the colleagues one may see. Every result passes
//! `preau_domain::policy::can_see`; no filter by role or function exists; at most 20 results
//! and 60 searches a minute per person.

use crate::{Actor, App, AppError, FieldErrors};
use preau_domain::policy::{AccountStatus, DirectoryScope, Visibility, can_see};
use preau_domain::roster::Function;
use preau_store::users::{self, PersonRow, UserRow};
use std::collections::BTreeSet;
use uuid::Uuid;

pub const MIN_QUERY_CHARS: usize = 3;
pub const MAX_QUERY_CHARS: usize = 100;
pub const MAX_RESULTS: i64 = 20;
pub const SEARCHES_PER_MINUTE: i64 = 60;

/// A person as another person may see them: only the fields they chose to show.
#[derive(Debug, Clone)]
pub struct PersonCard {
    pub id: Uuid,
    pub given_name: String,
    pub family_name: String,
    pub structure: Option<String>,
    pub functions: Vec<Function>,
}

/// The directory settings the person chose.
#[derive(Debug, Clone, Copy)]
pub struct DirectorySettings {
    pub scope: DirectoryScope,
    pub show_structure: bool,
    pub show_functions: bool,
    /// The person's own switch: hidden from everyone while on.
    pub restricted: bool,
}

pub(crate) fn visibility(user: &UserRow) -> Visibility {
    Visibility {
        id: user.id,
        status: AccountStatus::parse(&user.status).unwrap_or(AccountStatus::Restricted),
        // An unknown stored value hides rather than shows.
        scope: DirectoryScope::parse(&user.directory_scope).unwrap_or(DirectoryScope::Nobody),
        places: user.structure_id.into_iter().collect(),
        groups: BTreeSet::new(),
    }
}

fn card(row: PersonRow) -> PersonCard {
    let u = row.user;
    PersonCard {
        id: u.id,
        given_name: u.given_name,
        family_name: u.family_name,
        structure: if u.show_structure {
            row.structure_name
        } else {
            None
        },
        functions: if u.show_functions {
            u.functions
                .split('|')
                .filter_map(Function::parse_stored)
                .collect()
        } else {
            Vec::new()
        },
    }
}

impl App {
    pub async fn search_directory(
        &self,
        actor: &Actor,
        query: &str,
    ) -> Result<Vec<PersonCard>, AppError> {
        // Counted as the OpenAPI document declares them: the raw length, and the letters
        // and digits left after folding (a search of separators or accents alone is no search).
        let folded = preau_domain::text::fold(query);
        let mut e = FieldErrors::default();
        if query.chars().count() > MAX_QUERY_CHARS {
            e.add("q", "search-too-long");
        } else if folded.chars().filter(|c| *c != ' ').count() < MIN_QUERY_CHARS {
            e.add("q", "search-too-short");
        }
        e.into_result()?;
        self.rate_limit(
            "directory-search",
            &actor.id().to_string(),
            SEARCHES_PER_MINUTE,
            std::time::Duration::from_secs(60),
        )
        .await?;
        let viewer = visibility(&actor.user);
        let rows = users::search(
            self.db(),
            actor.id(),
            actor.user.structure_id,
            &folded,
            MAX_RESULTS,
        )
        .await?;
        Ok(rows
            .into_iter()
            .filter(|r| can_see(&viewer, &visibility(&r.user)))
            .map(card)
            .collect())
    }

    /// One person's card, if the actor may see them; `NotFound` otherwise, whatever the reason.
    pub async fn person(&self, actor: &Actor, id: Uuid) -> Result<PersonCard, AppError> {
        let row = users::profile(self.db(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !can_see(&visibility(&actor.user), &visibility(&row.user)) {
            return Err(AppError::NotFound);
        }
        Ok(card(row))
    }

    pub fn directory_settings(&self, actor: &Actor) -> DirectorySettings {
        let u = &actor.user;
        DirectorySettings {
            scope: DirectoryScope::parse(&u.directory_scope).unwrap_or(DirectoryScope::Nobody),
            show_structure: u.show_structure,
            show_functions: u.show_functions,
            restricted: u.status == AccountStatus::Restricted.as_str(),
        }
    }

    pub async fn set_directory_settings(
        &self,
        actor: &Actor,
        s: DirectorySettings,
    ) -> Result<(), AppError> {
        let status = if s.restricted {
            AccountStatus::Restricted
        } else {
            AccountStatus::Active
        };
        let changed = users::set_directory(
            self.db(),
            actor.id(),
            s.scope.as_str(),
            s.show_structure,
            s.show_functions,
            status.as_str(),
        )
        .await?;
        // A departing or closing account keeps its state: it is hidden anyway.
        if changed {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

impl App {
    /// ACC-07: a person whose profile comes from the roster confirms it once each school year;
    /// true until they have done so since the last 1 September.
    pub fn needs_annual_confirmation(&self, actor: &Actor) -> bool {
        let u = &actor.user;
        let since = self.now().school_year_start().unix();
        u.from_roster && u.verified_at.is_none_or(|v| v < since)
    }

    pub async fn confirm_profile(&self, actor: &Actor) -> Result<(), AppError> {
        Ok(users::confirm_profile(self.db(), actor.id(), self.now()).await?)
    }
}

/// What the roster says about the person, as they see it themselves.
#[derive(Debug, Clone)]
pub struct OwnProfile {
    pub given_name: String,
    pub family_name: String,
    pub email: String,
    pub structure: Option<String>,
    pub corps: String,
    pub functions: Vec<Function>,
}

impl App {
    pub async fn own_profile(&self, actor: &Actor) -> Result<OwnProfile, AppError> {
        let row = users::profile(self.db(), actor.id().as_uuid())
            .await?
            .ok_or(AppError::NotFound)?;
        let u = row.user;
        Ok(OwnProfile {
            given_name: u.given_name,
            family_name: u.family_name,
            email: u.email,
            structure: row.structure_name,
            corps: u.corps,
            functions: u
                .functions
                .split('|')
                .filter_map(Function::parse_stored)
                .collect(),
        })
    }
}

/// The administrator's answer to "why can this person see (or not see) that one?" — the rule
/// that applies, never the people's private choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisibilityAnswer {
    Themselves,
    SameStructure,
    DistrictWide,
    /// Not visible, or not an account: one answer, so that nobody's choice, pause, departure
    /// or invitation is revealed.
    NotVisible,
}

impl VisibilityAnswer {
    pub fn code(self) -> &'static str {
        match self {
            Self::Themselves => "why-themselves",
            Self::SameStructure => "why-same-structure",
            Self::DistrictWide => "why-district",
            Self::NotVisible => "why-not-visible",
        }
    }
}

impl App {
    pub async fn explain_visibility(
        &self,
        actor: &Actor,
        viewer: &str,
        person: &str,
    ) -> Result<VisibilityAnswer, AppError> {
        self.require(actor, preau_domain::Permission::Admin).await?;
        let find = |input: &str| {
            let email = preau_domain::Email::parse(input)
                .map(|e| e.as_str().to_owned())
                .unwrap_or_default();
            async move { users::by_email(self.db(), &email).await }
        };
        let (Some(v), Some(p)) = (find(viewer).await?, find(person).await?) else {
            return Ok(VisibilityAnswer::NotVisible);
        };
        preau_store::lifecycle::audit_db(
            self.db(),
            self.now(),
            Some(actor.id().as_uuid()),
            "visibility-explained",
            "",
        )
        .await?;
        let (vv, pv) = (visibility(&v), visibility(&p));
        Ok(if !can_see(&vv, &pv) {
            VisibilityAnswer::NotVisible
        } else if v.id == p.id {
            VisibilityAnswer::Themselves
        } else if !vv.places.is_disjoint(&pv.places) && pv.scope == DirectoryScope::MyPlaces {
            VisibilityAnswer::SameStructure
        } else {
            VisibilityAnswer::DistrictWide
        })
    }

    /// TRN-03: whether the person has yet to read the current information notice.
    pub fn notice_pending(&self, actor: &Actor) -> bool {
        actor.user.notice_version.as_deref() != Some(crate::invitations::NOTICE_VERSION)
    }

    pub async fn acknowledge_notice(&self, actor: &Actor) -> Result<(), AppError> {
        let now = self.now();
        users::acknowledge_notice(
            self.db(),
            actor.id(),
            crate::invitations::NOTICE_VERSION,
            now,
        )
        .await?;
        preau_store::lifecycle::audit_db(
            self.db(),
            now,
            Some(actor.id().as_uuid()),
            "notice-acknowledged",
            crate::invitations::NOTICE_VERSION,
        )
        .await?;
        Ok(())
    }
}
