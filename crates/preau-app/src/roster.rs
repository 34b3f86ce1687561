//! The roster import: the administration's staff list becomes invitations — never accounts.
//! A preview says line by line what would change; the confirmation applies it in one
//! transaction, so an import is all or nothing. Keyed on the normalised address, so a second
//! import of the same file changes nothing.
//!
//! Departures are only counted in the report: the names of people leaving are never shown to
//! the administrator (each is told by mail, and can contest). A file that would depart many
//! accounts is probably incomplete: it is applied only when the administrator types the
//! number of departures (issue 9 §2). Every preview and every import is in the journal.

use crate::{Actor, App, AppError, FieldErrors, emails, outbox};
use preau_domain::policy::{Action, Resource};
use preau_domain::roster::{
    self, Function, ParsedRoster, RejectedLine, RosterLine, SourceEncoding,
};
use preau_domain::{Timestamp, UserId};
use preau_store::access_log::{self, By};
use preau_store::invitations::{self, NewInvitation};
use preau_store::users::{self, ImportedFields};
use preau_store::{Tx, lifecycle, structures};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::time::Duration;
use uuid::Uuid;

/// An uploaded roster waits this long for its confirmation.
pub const UPLOAD_VALIDITY: Duration = Duration::from_secs(24 * 60 * 60);

/// One line of the file in a report: shown only to the administrator who ran the import.
#[derive(Debug, Clone)]
pub struct ReportLine {
    /// The line in the file.
    pub line: usize,
    pub name: String,
    pub email: String,
    pub structure: String,
}

#[derive(Debug, Clone)]
pub struct RosterReport {
    pub encoding: SourceEncoding,
    pub separator: char,
    pub added: Vec<ReportLine>,
    pub updated: Vec<ReportLine>,
    /// How many accounts would leave: a count, never who.
    pub departed: usize,
    /// The departures exceed [`departure_limit`]: applying needs their number typed.
    pub probably_incomplete: bool,
    pub rejected: Vec<RejectedLine>,
    pub unchanged: usize,
    pub new_structures: usize,
}

impl RosterReport {
    /// The journal's detail: counts only.
    fn detail(&self) -> String {
        format!(
            "added={} updated={} departed={} rejected={} unchanged={} structures={}",
            self.added.len(),
            self.updated.len(),
            self.departed,
            self.rejected.len(),
            self.unchanged,
            self.new_structures
        )
    }
}

/// The most departures a file may cause without a typed confirmation: 10 % of the accounts
/// it could depart, or 20 when that is more. A roster exported halfway, or filtered on one
/// school, would otherwise start the erasure of everyone else.
pub fn departure_limit(accounts: usize) -> usize {
    (accounts / 10).max(20)
}

/// The field and code of a refused unconfirmed import.
pub const CONFIRM_FIELD: &str = "confirm_departures";
pub const PROBABLY_INCOMPLETE: &str = "roster-probably-incomplete";

/// An applied import: its report and the batch its new invitations belong to (for letters).
#[derive(Debug, Clone)]
pub struct AppliedRoster {
    pub batch: Uuid,
    pub report: RosterReport,
}

enum Change<'a> {
    Invite(&'a RosterLine),
    UpdateInvitation(Uuid, &'a RosterLine),
    UpdateAccount {
        id: Uuid,
        line: &'a RosterLine,
        returning: bool,
        /// The roster fields that change, as codes: `name,structure,corps,functions`.
        fields: String,
    },
    Depart {
        id: Uuid,
        email: String,
        name: String,
    },
}

struct Plan<'a> {
    changes: Vec<Change<'a>>,
    report: RosterReport,
    /// UAI → structure id, including those the import will create.
    structures: HashMap<String, Uuid>,
    missing_structures: Vec<(Uuid, &'a RosterLine)>,
}

pub(crate) fn functions_text(functions: &[Function]) -> String {
    functions
        .iter()
        .map(|f| f.as_str())
        .collect::<Vec<_>>()
        .join("|")
}

fn name_of(line: &RosterLine) -> String {
    format!("{} {}", line.given_name, line.family_name)
}

impl App {
    /// The salted hash that stands for a declined address until the next school year.
    pub(crate) async fn reinvite_marker(&self, email: &str) -> Result<Vec<u8>, AppError> {
        Ok(marker(&self.salt().await?, email))
    }

    /// Parses and plans, changes nothing but keeps the file for confirmation.
    pub async fn preview_roster(
        &self,
        actor: &Actor,
        content: Vec<u8>,
    ) -> Result<(Uuid, RosterReport), AppError> {
        self.authorize(actor, Action::ImportRoster, Resource::Instance)?;
        let report = self
            .preview_audited(Some(actor.id().as_uuid()), &content)
            .await?;
        let now = self.now();
        let id = preau_domain::ids::new_row_id();
        lifecycle::save_upload(self.db(), id, actor.id().as_uuid(), now, &content).await?;
        Ok((id, report))
    }

    /// The report of an upload still waiting for its confirmation (to show the form again
    /// after a refused confirmation); not a new preview, so not journaled again.
    pub async fn roster_upload_report(
        &self,
        actor: &Actor,
        upload: Uuid,
    ) -> Result<RosterReport, AppError> {
        self.authorize(actor, Action::ImportRoster, Resource::Instance)?;
        let now = self.now();
        let salt = self.salt().await?;
        let mut tx = self.db().begin().await?;
        let Some(content) = lifecycle::upload(
            &mut tx,
            upload,
            actor.id().as_uuid(),
            now.minus(UPLOAD_VALIDITY),
        )
        .await?
        else {
            return Err(AppError::NotFound);
        };
        let parsed = parse(&content)?;
        Ok(plan(&mut tx, &parsed, &salt, now).await?.report)
    }

    /// Applies a previewed upload of this administrator's. `confirmed_departures` is the
    /// number the administrator typed, needed when the report is `probably_incomplete`.
    pub async fn apply_roster_upload(
        &self,
        actor: &Actor,
        upload: Uuid,
        confirmed_departures: Option<usize>,
    ) -> Result<AppliedRoster, AppError> {
        self.authorize(actor, Action::ImportRoster, Resource::Instance)?;
        let now = self.now();
        // Before the transaction: on SQLite the transaction holds the only writer connection.
        let salt = self.salt().await?;
        let mut tx = self.db().begin().await?;
        let Some(content) = lifecycle::upload(
            &mut tx,
            upload,
            actor.id().as_uuid(),
            now.minus(UPLOAD_VALIDITY),
        )
        .await?
        else {
            return Err(AppError::NotFound);
        };
        lifecycle::delete_upload(&mut tx, upload).await?;
        self.apply_in(
            tx,
            &salt,
            Some(actor.id().as_uuid()),
            &content,
            Apply {
                batch: upload,
                confirmed_departures,
                progress: None,
            },
        )
        .await
    }

    /// The API's preview: the report without keeping the file.
    pub async fn preview_roster_report(
        &self,
        actor: &Actor,
        content: &[u8],
    ) -> Result<RosterReport, AppError> {
        self.authorize(actor, Action::ImportRoster, Resource::Instance)?;
        self.preview_audited(Some(actor.id().as_uuid()), content)
            .await
    }

    /// The API's import, by an administrator.
    pub async fn import_roster_as(
        &self,
        actor: &Actor,
        content: &[u8],
        confirmed_departures: Option<usize>,
    ) -> Result<AppliedRoster, AppError> {
        self.authorize(actor, Action::ImportRoster, Resource::Instance)?;
        let salt = self.salt().await?;
        let tx = self.db().begin().await?;
        self.apply_in(
            tx,
            &salt,
            Some(actor.id().as_uuid()),
            content,
            Apply {
                batch: preau_domain::ids::new_row_id(),
                confirmed_departures,
                progress: None,
            },
        )
        .await
    }

    /// The command-line import (`preau import roster --apply`): whoever runs it holds the
    /// server already.
    /// `progress(done, total)` is called as changes are written.
    pub async fn import_roster(
        &self,
        content: &[u8],
        confirmed_departures: Option<usize>,
        progress: Option<&(dyn Fn(usize, usize) + Sync)>,
    ) -> Result<AppliedRoster, AppError> {
        let salt = self.salt().await?;
        let tx = self.db().begin().await?;
        self.apply_in(
            tx,
            &salt,
            None,
            content,
            Apply {
                batch: preau_domain::ids::new_row_id(),
                confirmed_departures,
                progress,
            },
        )
        .await
    }

    /// The command line's preview: what `content` would change, without changing anything
    /// but the journal.
    pub async fn plan_roster(&self, content: &[u8]) -> Result<RosterReport, AppError> {
        self.preview_audited(None, content).await
    }

    /// Plans, and writes the preview to the journal (counts only) in the same transaction.
    async fn preview_audited(
        &self,
        by: Option<Uuid>,
        content: &[u8],
    ) -> Result<RosterReport, AppError> {
        let parsed = parse(content)?;
        let salt = self.salt().await?;
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let report = plan(&mut tx, &parsed, &salt, now).await?.report;
        lifecycle::audit(&mut tx, now, by, "roster-previewed", &report.detail()).await?;
        tx.commit().await?;
        Ok(report)
    }

    async fn salt(&self) -> Result<Vec<u8>, AppError> {
        let candidate = preau_domain::SecretToken::generate("")?;
        Ok(lifecycle::secret(self.db(), "reinvite-salt", candidate.expose().as_bytes()).await?)
    }

    async fn apply_in(
        &self,
        mut tx: Tx,
        salt: &[u8],
        by: Option<Uuid>,
        content: &[u8],
        how: Apply<'_>,
    ) -> Result<AppliedRoster, AppError> {
        let Apply {
            batch,
            confirmed_departures,
            progress,
        } = how;
        let parsed = parse(content)?;
        let now = self.now();
        let plan = plan(&mut tx, &parsed, salt, now).await?;
        let r = &plan.report;
        if r.probably_incomplete && confirmed_departures != Some(r.departed) {
            // Nothing written; the refusal is journaled on its own (after the rollback: on
            // SQLite the transaction holds the only writer connection).
            let detail = format!("departed={}", r.departed);
            drop(tx);
            lifecycle::audit_db(self.db(), now, by, "roster-refused", &detail).await?;
            let mut errors = FieldErrors::default();
            errors.add(CONFIRM_FIELD, PROBABLY_INCOMPLETE);
            return Err(AppError::Invalid(errors));
        }
        invitations::insert_batch(&mut tx, batch, by, now).await?;
        for (id, line) in &plan.missing_structures {
            let name = if line.school_name.is_empty() {
                format!("École {}", line.uai)
            } else {
                line.school_name.clone()
            };
            structures::insert(
                &mut tx,
                *id,
                preau_domain::structure::StructureKind::School.as_str(),
                Some(line.uai.as_str()),
                &name,
                "",
                now,
            )
            .await?;
        }
        let expires = now.plus(Duration::from_secs(
            self.config().lifecycle.invitation_days * 86_400,
        ));
        let functions: Vec<String> = plan
            .changes
            .iter()
            .map(|c| match c {
                Change::Invite(line) => functions_text(&line.functions),
                _ => String::new(),
            })
            .collect();
        let invites: Vec<NewInvitation<'_>> = plan
            .changes
            .iter()
            .zip(&functions)
            .filter_map(|(c, functions)| match c {
                Change::Invite(line) => Some(NewInvitation {
                    id: preau_domain::ids::new_row_id(),
                    email: line.email.as_str(),
                    given_name: &line.given_name,
                    family_name: &line.family_name,
                    structure_id: plan.structures[line.uai.as_str()],
                    corps: &line.corps,
                    functions,
                    batch_id: batch,
                    expires_at: expires,
                }),
                _ => None,
            })
            .collect();
        invitations::insert_many(&mut tx, &invites, now).await?;
        if let Some(report) = progress {
            report(invites.len(), plan.changes.len());
        }
        let total = plan.changes.len();
        let others = plan
            .changes
            .iter()
            .filter(|c| !matches!(c, Change::Invite(_)));
        for (done, change) in others.enumerate() {
            if let Some(report) = progress
                && done % 1000 == 0
            {
                report(invites.len() + done, total);
            }
            match change {
                // Written in bulk above.
                Change::Invite(_) => {}
                Change::UpdateInvitation(id, line) => {
                    let functions = functions_text(&line.functions);
                    invitations::update(&mut tx, *id, &imported(line, &plan, &functions)).await?;
                }
                Change::UpdateAccount {
                    id,
                    line,
                    returning,
                    fields,
                } => {
                    let functions = functions_text(&line.functions);
                    users::update_imported(&mut tx, *id, &imported(line, &plan, &functions))
                        .await?;
                    let person = UserId::from_uuid(*id);
                    if !fields.is_empty() {
                        access_log::record(
                            &mut tx,
                            person,
                            now,
                            By::Administrator,
                            "roster-updated",
                            fields,
                        )
                        .await?;
                    }
                    if *returning {
                        users::mark_returned(&mut tx, *id).await?;
                        access_log::record(
                            &mut tx,
                            person,
                            now,
                            By::Administrator,
                            "roster-returned",
                            "",
                        )
                        .await?;
                    }
                }
                Change::Depart { id, email, name } => {
                    if users::mark_departing(&mut tx, *id, now).await? {
                        access_log::record(
                            &mut tx,
                            UserId::from_uuid(*id),
                            now,
                            By::Administrator,
                            "roster-departure",
                            "",
                        )
                        .await?;
                        let c = self.config();
                        let erased = now.plus(Duration::from_secs(
                            c.lifecycle.departure_grace_days * 86_400,
                        ));
                        let m = emails::departure(
                            &c.instance_name,
                            &c.public_url(),
                            name,
                            &erased.date(),
                            &c.legal().dpo_contact,
                        );
                        outbox::queue(&mut tx, email, &m.subject, &m.body, now).await?;
                    }
                }
            }
        }
        let detail = plan.report.detail();
        lifecycle::audit(&mut tx, now, by, "roster-imported", &detail).await?;
        tx.commit().await?;
        tracing::info!(target: "audit", "roster imported: {detail}");
        Ok(AppliedRoster {
            batch,
            report: plan.report,
        })
    }
}

/// How an import is applied: its batch, the typed number of departures, a progress callback.
struct Apply<'p> {
    batch: Uuid,
    confirmed_departures: Option<usize>,
    progress: Option<&'p (dyn Fn(usize, usize) + Sync)>,
}

fn imported<'a>(line: &'a RosterLine, plan: &Plan<'_>, functions: &'a str) -> ImportedFields<'a> {
    ImportedFields {
        given_name: &line.given_name,
        family_name: &line.family_name,
        structure_id: plan.structures[line.uai.as_str()],
        corps: &line.corps,
        functions,
    }
}

fn marker(salt: &[u8], email: &str) -> Vec<u8> {
    let mut h = Sha256::new();
    h.update(salt);
    h.update(email.as_bytes());
    h.finalize().to_vec()
}

fn parse(content: &[u8]) -> Result<ParsedRoster, AppError> {
    roster::parse_roster(content).map_err(|e| {
        let mut errors = FieldErrors::default();
        errors.add("file", e.code());
        AppError::Invalid(errors)
    })
}

/// Compares the roster with what exists. Reads only.
async fn plan<'a>(
    tx: &mut Tx,
    parsed: &'a ParsedRoster,
    salt: &[u8],
    now: Timestamp,
) -> Result<Plan<'a>, AppError> {
    let mut structures: HashMap<String, Uuid> = HashMap::new();
    let mut structure_names: HashMap<Uuid, String> = HashMap::new();
    for s in structures::all_tx(tx).await? {
        if let Some(uai) = &s.uai {
            structures.insert(uai.clone(), s.id);
        }
        structure_names.insert(s.id, s.name);
    }
    let mut missing_structures = Vec::new();
    for line in &parsed.lines {
        if !structures.contains_key(line.uai.as_str()) {
            let id = preau_domain::ids::new_row_id();
            structures.insert(line.uai.as_str().to_owned(), id);
            structure_names.insert(
                id,
                if line.school_name.is_empty() {
                    line.uai.to_string()
                } else {
                    line.school_name.clone()
                },
            );
            missing_structures.push((id, line));
        }
    }
    let accounts: HashMap<String, users::RosterAccount> = users::roster_index(tx)
        .await?
        .into_iter()
        .map(|a| (a.email.clone(), a))
        .collect();
    let others: HashSet<String> = users::other_emails(tx).await?.into_iter().collect();
    let invited: HashMap<String, invitations::InvitationIndexRow> = invitations::index(tx)
        .await?
        .into_iter()
        .map(|i| (i.email.clone(), i))
        .collect();
    let blocked: HashSet<Vec<u8>> = lifecycle::blocked_markers(tx, now)
        .await?
        .into_iter()
        .collect();

    let mut changes = Vec::new();
    let mut report = RosterReport {
        encoding: parsed.encoding,
        separator: parsed.separator,
        added: Vec::new(),
        updated: Vec::new(),
        departed: 0,
        probably_incomplete: false,
        rejected: parsed.rejected.clone(),
        unchanged: 0,
        new_structures: missing_structures.len(),
    };
    let mut listed: HashSet<&str> = HashSet::with_capacity(parsed.lines.len());
    for line in &parsed.lines {
        let email = line.email.as_str();
        listed.insert(email);
        let structure_id = structures[line.uai.as_str()];
        let functions = functions_text(&line.functions);
        let report_line = || ReportLine {
            line: line.line,
            name: name_of(line),
            email: email.to_owned(),
            structure: structure_names
                .get(&structure_id)
                .cloned()
                .unwrap_or_default(),
        };
        // The roster fields that differ, as codes (what an account's access log names).
        let changed = |given: &str, family: &str, s: Option<Uuid>, corps: &str, f: &str| {
            [
                (
                    "name",
                    given != line.given_name || family != line.family_name,
                ),
                ("structure", s != Some(structure_id)),
                ("corps", corps != line.corps),
                ("functions", f != functions),
            ]
            .into_iter()
            .filter_map(|(field, differs)| differs.then_some(field))
            .collect::<Vec<_>>()
        };
        if let Some(a) = accounts.get(email) {
            let returning = a.status == "departing";
            let fields = changed(
                &a.given_name,
                &a.family_name,
                a.structure_id,
                &a.corps,
                &a.functions,
            );
            if returning || !fields.is_empty() {
                changes.push(Change::UpdateAccount {
                    id: a.id,
                    line,
                    returning,
                    fields: fields.join(","),
                });
                report.updated.push(report_line());
            } else {
                report.unchanged += 1;
            }
        } else if others.contains(email) {
            // An account opened otherwise (an administrator's): a letter for it would carry a
            // code that can only fail. Said as such, on its line.
            report.rejected.push(RejectedLine {
                line: line.line,
                code: "roster-line-account-exists",
                detail: email.to_owned(),
            });
        } else if let Some(i) = invited.get(email) {
            if changed(
                &i.given_name,
                &i.family_name,
                Some(i.structure_id),
                &i.corps,
                &i.functions,
            )
            .is_empty()
            {
                report.unchanged += 1;
            } else {
                changes.push(Change::UpdateInvitation(i.id, line));
                report.updated.push(report_line());
            }
        } else if blocked.contains(&marker(salt, email)) {
            // Declined this school year: not invited again, and not singled out in the report.
            report.unchanged += 1;
        } else {
            changes.push(Change::Invite(line));
            report.added.push(report_line());
        }
    }
    // Accounts opened from an earlier roster and absent from this one are leaving. An empty
    // roster (every line rejected) never empties the district.
    if !parsed.lines.is_empty() {
        let staying = accounts.values().filter(|a| a.status != "departing");
        let mut could_leave = 0;
        for a in staying {
            could_leave += 1;
            if !listed.contains(a.email.as_str()) {
                changes.push(Change::Depart {
                    id: a.id,
                    email: a.email.clone(),
                    name: format!("{} {}", a.given_name, a.family_name),
                });
                report.departed += 1;
            }
        }
        report.probably_incomplete = report.departed > departure_limit(could_leave);
    }
    Ok(Plan {
        changes,
        report,
        structures,
        missing_structures,
    })
}

#[cfg(test)]
mod tests {
    use super::departure_limit;

    #[test]
    fn more_than_ten_percent_or_twenty_needs_a_confirmation() {
        assert_eq!(departure_limit(0), 20);
        assert_eq!(departure_limit(199), 20);
        assert_eq!(departure_limit(300), 30);
        assert_eq!(departure_limit(26_000), 2_600);
    }
}
