//! What administrators see of people: counts, never lists (guarantee 1).

use crate::{Actor, App, AppError};
use preau_domain::Permission;
use preau_store::{invitations, lifecycle, structures, users};

#[derive(Debug, Clone)]
pub struct Overview {
    pub pending_invitations: i64,
    pub active_accounts: i64,
    pub restricted_accounts: i64,
    pub departing_accounts: i64,
    pub structures: Vec<StructureCount>,
    pub recent: Vec<lifecycle::AuditRow>,
}

#[derive(Debug, Clone)]
pub struct StructureCount {
    pub name: String,
    pub uai: Option<String>,
    pub kind: String,
    pub active_accounts: i64,
}

impl App {
    pub async fn admin_overview(&self, actor: &Actor) -> Result<Overview, AppError> {
        self.require(actor, Permission::Admin).await?;
        let db = self.db();
        let mut list = Vec::new();
        for s in structures::all(db).await? {
            list.push(StructureCount {
                active_accounts: structures::count_members(db, s.id).await?,
                name: s.name,
                uai: s.uai,
                kind: s.kind,
            });
        }
        Ok(Overview {
            pending_invitations: invitations::count(db).await?,
            active_accounts: users::count_by_status(db, "active").await?,
            restricted_accounts: users::count_by_status(db, "restricted").await?,
            departing_accounts: users::count_by_status(db, "departing").await?,
            structures: list,
            recent: lifecycle::recent_audit(db, 20).await?,
        })
    }

    pub async fn is_admin(&self, actor: &Actor) -> Result<bool, AppError> {
        Ok(self.permissions(actor).await?.contains(&Permission::Admin))
    }
}
