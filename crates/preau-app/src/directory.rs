//! The directory: finding the colleagues one may see. Every result passes
//! `preau_domain::policy::can_see`; no filter by role or function exists; at most 20 results
//! and 60 searches a minute per person.

use crate::account::{Account, parse_functions};
use crate::{Actor, App, AppError, FieldErrors};
use preau_domain::UserId;
use preau_domain::policy::{
    AccountStatus, Action, DirectoryScope, Reason, Resource, Visibility, can_see,
};
use preau_domain::roster::Function;
use preau_store::access_log::{self, By};
use preau_store::users::{self, PersonRow, UserRow};
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

/// The actor's visibility with their groups that have someone else in them — the only ones
/// that can make anyone visible — read from the same query as `shared_map`.
fn viewer_with(
    actor: &Actor,
    shared: &std::collections::HashMap<Uuid, std::collections::BTreeSet<Uuid>>,
) -> Visibility {
    let mut v = actor.account.visibility();
    v.groups = shared.values().flatten().copied().collect();
    v
}

/// `person`'s visibility with the groups they share with the viewer.
fn with_groups(
    mut person: Visibility,
    shared: &std::collections::HashMap<Uuid, std::collections::BTreeSet<Uuid>>,
) -> Visibility {
    if let Some(groups) = shared.get(&person.id) {
        person.groups = groups.clone();
    }
    person
}

impl App {
    /// Who shares a group with the actor, and which groups: one query for a whole page.
    async fn shared_map(
        &self,
        actor: &Actor,
    ) -> Result<std::collections::HashMap<Uuid, std::collections::BTreeSet<Uuid>>, AppError> {
        let mut map: std::collections::HashMap<Uuid, std::collections::BTreeSet<Uuid>> =
            std::collections::HashMap::new();
        for (person, group) in preau_store::groups::shared_with(self.db(), actor.id()).await? {
            map.entry(person).or_default().insert(group);
        }
        Ok(map)
    }
}

pub(crate) fn visibility(user: &UserRow) -> Visibility {
    Account::from_row(user.clone()).visibility()
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
        let shared = self.shared_map(actor).await?;
        let viewer = viewer_with(actor, &shared);
        let rows = users::search(
            self.db(),
            actor.id(),
            actor.account.structure,
            &folded,
            MAX_RESULTS,
        )
        .await?;
        Ok(rows
            .into_iter()
            .filter(|r| can_see(&viewer, &with_groups(visibility(&r.user), &shared)).is_allowed())
            .map(card)
            .collect())
    }

    /// One person's card, if the actor may see them; `NotFound` otherwise, whatever the reason.
    pub async fn person(&self, actor: &Actor, id: Uuid) -> Result<PersonCard, AppError> {
        let row = users::profile(self.db(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        let shared = self.shared_map(actor).await?;
        let viewer = viewer_with(actor, &shared);
        if !can_see(&viewer, &with_groups(visibility(&row.user), &shared)).is_allowed() {
            return Err(AppError::NotFound);
        }
        Ok(card(row))
    }

    pub fn directory_settings(&self, actor: &Actor) -> DirectorySettings {
        let a = &actor.account;
        DirectorySettings {
            scope: a.scope,
            show_structure: a.show_structure,
            show_functions: a.show_functions,
            restricted: a.status == AccountStatus::Restricted,
        }
    }

    /// « Limiter » (RGT, issue 11): hides the actor from everyone — directory, member
    /// lists, pickers, answers about them — keeping the account and its data; the other
    /// choices stay as they were for when it is lifted.
    pub async fn set_restricted(&self, actor: &Actor, restricted: bool) -> Result<(), AppError> {
        let settings = DirectorySettings {
            restricted,
            ..self.directory_settings(actor)
        };
        self.set_directory_settings(actor, settings).await
    }

    pub async fn set_directory_settings(
        &self,
        actor: &Actor,
        s: DirectorySettings,
    ) -> Result<(), AppError> {
        self.authorize_own(actor)?;
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
        let a = &actor.account;
        let since = self.now().school_year_start().unix();
        a.from_roster && a.verified_at.is_none_or(|v| v < since)
    }

    pub async fn confirm_profile(&self, actor: &Actor) -> Result<(), AppError> {
        self.authorize_own(actor)?;
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
            functions: parse_functions(&u.functions),
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
    /// The rule `can_see` named. Every refusal is one answer: the person's choice, pause or
    /// departure, and the viewer's own state, stay private.
    fn from_decision(d: preau_domain::policy::Decision) -> Self {
        match (d.is_allowed(), d.reason()) {
            (true, Reason::Themselves) => Self::Themselves,
            (true, Reason::SharedPlace | Reason::SharedGroup) => Self::SameStructure,
            (true, _) => Self::DistrictWide,
            (false, _) => Self::NotVisible,
        }
    }

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
        self.authorize(actor, Action::ExplainVisibility, Resource::Instance)?;
        // Audited before anything is looked up, so that the journal cannot tell an account
        // from an invitation or from nobody (issue 9 §2).
        preau_store::lifecycle::audit_db(
            self.db(),
            self.now(),
            Some(actor.id().as_uuid()),
            "visibility-explained",
            "",
        )
        .await?;
        let find = |input: &str| {
            let email = preau_domain::Email::parse(input)
                .map(|e| e.as_str().to_owned())
                .unwrap_or_default();
            async move { users::by_email(self.db(), &email).await }
        };
        let (v, p) = (find(viewer).await?, find(person).await?);
        // The question is about these people: each account named sees it in its access log
        // (the administrators' journal above does not say whom it named).
        let named: std::collections::BTreeSet<Uuid> = v.iter().chain(&p).map(|u| u.id).collect();
        if !named.is_empty() {
            let mut tx = self.db().begin().await?;
            for id in named {
                access_log::record(
                    &mut tx,
                    UserId::from_uuid(id),
                    self.now(),
                    By::Administrator,
                    "visibility-asked",
                    "",
                )
                .await?;
            }
            tx.commit().await?;
        }
        let (Some(v), Some(p)) = (v, p) else {
            return Ok(VisibilityAnswer::NotVisible);
        };
        let decision = can_see(&visibility(&v), &visibility(&p));
        Ok(VisibilityAnswer::from_decision(decision))
    }

    /// TRN-03: whether the person has yet to read the current information notice.
    pub fn notice_pending(&self, actor: &Actor) -> bool {
        actor.account.notice_version.as_deref() != Some(crate::invitations::NOTICE_VERSION)
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
