//! What administrators see of people: counts, never lists (guarantee 1), and no count under
//! ten (guarantee 4). The journal shows administrative acts one by one; what people do
//! themselves (activate, decline, read the notice…) only as counts per day.

use crate::{Actor, App, AppError};
use preau_domain::Timestamp;
use preau_domain::aggregate::Count;
use preau_domain::policy::{Action, Resource};
use preau_domain::structure::StructureKind;
use preau_store::{invitations, lifecycle, structures, users};
use std::time::Duration;

/// The journal's acts of administrators and of the service itself, shown one by one with
/// their time and counts. Every other action is something a person did, and is shown only as
/// a count per day: a new action is private until it is added here (and the test that reads
/// every `audit(` call makes its author decide).
pub const ADMINISTRATIVE_ACTS: &[&str] = &[
    "roster-previewed",
    "roster-imported",
    "roster-refused",
    "unit-created",
    "letters-issued",
    "letters-reprinted",
    "admin-granted",
    "admin-requested",
    "invitation-emails-queued",
    "visibility-explained",
    "rights-request-entered",
    "rights-request-extended",
    "rights-request-closed",
    "retention-purge",
    "demo-data-generated",
];

pub fn is_administrative(action: &str) -> bool {
    ADMINISTRATIVE_ACTS.contains(&action)
}

/// How many administrative acts the overview lists.
const RECENT_ACTS: i64 = 20;
/// How far back the daily counts go.
pub const DAILY_COUNT_DAYS: u64 = 30;

#[derive(Debug, Clone)]
pub struct Overview {
    pub pending_invitations: i64,
    pub active_accounts: i64,
    pub restricted_accounts: i64,
    pub departing_accounts: i64,
    pub structures: Vec<StructureCount>,
    /// Administrative acts, newest first; `detail` holds counts as `key=value`, never a name.
    pub acts: Vec<lifecycle::AuditRow>,
    /// What people did themselves, per day (newest first) and kind.
    pub daily: Vec<DailyCount>,
}

#[derive(Debug, Clone)]
pub struct StructureCount {
    pub name: String,
    pub uai: Option<String>,
    pub kind: StructureKind,
    pub active_accounts: Count,
}

/// A school or unit, as the layers above the store see it.
#[derive(Debug, Clone)]
pub struct Structure {
    pub id: uuid::Uuid,
    pub kind: StructureKind,
    pub uai: Option<String>,
    pub name: String,
    pub commune: String,
}

#[derive(Debug, Clone)]
pub struct DailyCount {
    /// The day's first second (UTC).
    pub day: Timestamp,
    pub action: String,
    pub count: Count,
}

impl App {
    pub async fn admin_overview(&self, actor: &Actor) -> Result<Overview, AppError> {
        self.authorize(actor, Action::ViewAdministration, Resource::Instance)?;
        let db = self.db();
        let counts = structures::member_counts(db).await?;
        let list = self
            .structures()
            .await?
            .into_iter()
            .map(|s| StructureCount {
                active_accounts: Count::of(counts.get(&s.id).copied().unwrap_or(0)),
                name: s.name,
                uai: s.uai,
                kind: s.kind,
            })
            .collect();
        let since = self
            .now()
            .minus(Duration::from_secs(DAILY_COUNT_DAYS * 86_400));
        let daily = lifecycle::daily_audit_counts(db, since)
            .await?
            .into_iter()
            .filter(|d| !is_administrative(&d.action))
            .map(|d| DailyCount {
                day: Timestamp::from_unix(d.day * 86_400),
                action: d.action,
                count: Count::of(d.n),
            })
            .collect();
        Ok(Overview {
            pending_invitations: invitations::count(db).await?,
            active_accounts: users::count_by_status(db, "active").await?,
            restricted_accounts: users::count_by_status(db, "restricted").await?,
            departing_accounts: users::count_by_status(db, "departing").await?,
            structures: list,
            acts: lifecycle::recent_audit_among(db, ADMINISTRATIVE_ACTS, RECENT_ACTS).await?,
            daily,
        })
    }

    /// `Forbidden` unless the policy lets the actor do `action`: for pages that only show a
    /// form before a use case that asks again.
    pub fn may(&self, actor: &Actor, action: Action) -> Result<(), AppError> {
        self.authorize(actor, action, Resource::Instance)
    }
}

/// The longest name of a school or unit.
const MAX_STRUCTURE_NAME: usize = 120;

impl App {
    /// Schools and units: public facts, not personal data. Sorted in Rust on the folded name,
    /// so that both backends (whose collations differ) give the same order.
    pub async fn structures(&self) -> Result<Vec<Structure>, AppError> {
        let mut all: Vec<Structure> = structures::all(self.db())
            .await?
            .into_iter()
            .map(|s| Structure {
                id: s.id,
                // The table's CHECK allows only these two; anything else reads as a unit.
                kind: StructureKind::parse(&s.kind).unwrap_or(StructureKind::Unit),
                uai: s.uai,
                name: s.name,
                commune: s.commune,
            })
            .collect();
        all.sort_by_cached_key(|s| preau_domain::text::fold(&s.name));
        Ok(all)
    }

    /// Adds a unit (a non-school structure such as the district team). `actor` is None from
    /// the command line.
    pub async fn create_unit(
        &self,
        actor: Option<&Actor>,
        name: &str,
        commune: &str,
    ) -> Result<uuid::Uuid, AppError> {
        if let Some(actor) = actor {
            self.authorize(actor, Action::ManageStructures, Resource::Instance)?;
        }
        // Checked as sent, before spaces are collapsed, as the OpenAPI document declares it.
        let unfit =
            |s: &str| s.chars().count() > MAX_STRUCTURE_NAME || s.chars().any(char::is_control);
        let (name_unfit, commune_unfit) = (unfit(name), unfit(commune));
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let commune = commune.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut errors = crate::FieldErrors::default();
        if name.is_empty() {
            errors.add("name", "structure-name-missing");
        } else if name_unfit {
            errors.add("name", "structure-name-invalid");
        }
        if commune_unfit {
            errors.add("commune", "structure-name-invalid");
        }
        errors.into_result()?;
        let id = preau_domain::ids::new_row_id();
        let now = self.now();
        let mut tx = self.db().begin().await?;
        structures::insert(
            &mut tx,
            id,
            StructureKind::Unit.as_str(),
            None,
            &name,
            &commune,
            now,
        )
        .await?;
        lifecycle::audit(
            &mut tx,
            now,
            actor.map(|a| a.id().as_uuid()),
            "unit-created",
            "",
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }
}
