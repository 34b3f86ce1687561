//! The demo's working groups, made by their people's own acts through the same use cases as
//! real people's (guarantee 2): an owner creates and invites, each invitee accepts; open groups
//! are joined; closed ones are asked for and a manager approves. Nothing here writes a
//! membership any other way, and a few invitations and requests are left waiting so that the
//! pages have something to show.

use super::{DemoError, Fate, PEOPLE_PER_UNIT, Plan, Rng, Role, SCHOOL, UNIT};
use preau_app::demo::DemoRefusal;
use preau_app::groups::{Answer, INVITATIONS_PER_DAY};
use preau_app::{Actor, App};
use preau_domain::policy::{AccountStatus, DirectoryScope};
use std::collections::{BTreeSet, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::task::Poll;
use uuid::Uuid;

/// The groups of the person `bench/run` measures (the first line of `--accounts-file`).
pub const BENCH_GROUPS: usize = 30;

/// About one group per this many people.
const PEOPLE_PER_GROUP: usize = 5;

/// Open groups, a few dozen per circonscription: what teachers gather around.
const THEMES: [&str; 40] = [
    "Classe dehors",
    "Lecture au CP",
    "Mathématiques en maternelle",
    "Calcul mental",
    "Sciences et technologie",
    "Numérique à l'école",
    "Anglais au cycle 2",
    "Chorale et éducation musicale",
    "Arts plastiques",
    "EPS et savoir nager",
    "Jardin pédagogique",
    "Philosophie pour enfants",
    "Théâtre à l'école",
    "Échecs en classe",
    "Rallye lecture",
    "Correspondance scolaire",
    "Sorties et classes de découverte",
    "Inclusion et ULIS",
    "Remplaçants",
    "Néo-titulaires",
    "Maîtres formateurs",
    "Direction d'école",
    "Éducation au développement durable",
    "Égalité filles-garçons",
    "Histoire locale",
    "Cinéma et image",
    "Production d'écrits",
    "Langage en petite section",
    "Géométrie et espace",
    "Bibliothèque et BCD",
    "Conseils d'élèves",
    "Santé et alimentation",
    "Apprendre à porter secours",
    "Classes multiniveaux",
    "Écoles rurales",
    "Projet d'école",
    "Évaluations nationales",
    "Harcèlement : pHARe",
    "Sécurité routière",
    "Fête de fin d'année",
];

const CYCLES: [(&str, &str); 3] = [
    (
        "Cycle 1 (maternelle)",
        "Le cycle des apprentissages premiers : programmations, albums, évaluations positives.",
    ),
    (
        "Cycle 2 (CP-CE2)",
        "Le cycle des apprentissages fondamentaux : lecture, nombres, fluence.",
    ),
    (
        "Cycle 3 (CM1-6e)",
        "Le cycle de consolidation, avec les collègues du collège de secteur.",
    ),
];

/// What the groups generator made, for the summary and the tests.
#[derive(Debug, Clone, Default)]
pub struct GroupCounts {
    /// Private, one per school: its director and colleagues.
    pub school_teams: usize,
    /// Closed, three per circonscription.
    pub cycle_groups: usize,
    /// Open.
    pub thematic_groups: usize,
    /// Private and sensitive: one union section.
    pub sensitive_groups: usize,
    /// Membership rows, each group's owner included.
    pub memberships: usize,
    pub accepted_invitations: usize,
    pub joins: usize,
    pub approved_requests: usize,
    /// Invitations left for their invitee to answer.
    pub pending_invitations: usize,
    /// Join requests left for a manager to decide.
    pub pending_requests: usize,
}

impl GroupCounts {
    pub fn total(&self) -> usize {
        self.school_teams + self.cycle_groups + self.thematic_groups + self.sensitive_groups
    }
}

/// The person `bench/run` signs in as, and the largest of their groups.
#[derive(Debug, Clone)]
pub struct BenchMember {
    pub email: String,
    pub groups: usize,
    pub group: Uuid,
}

fn refusal(e: DemoRefusal) -> DemoError {
    match e {
        DemoRefusal::Production => DemoError::Production,
        DemoRefusal::NotEmpty => DemoError::NotEmpty,
        DemoRefusal::App(e) => DemoError::App(e),
    }
}

/// Use cases running at once: while one commits (an fsync), the others read and decide.
/// PostgreSQL also groups concurrent commits.
const WORKERS: usize = 4;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs `work` on every job, `WORKERS` at a time; the first error is returned once the
/// workers have stopped.
async fn in_parallel<J, F, Fut>(jobs: Vec<J>, work: F) -> Result<(), DemoError>
where
    F: Fn(J) -> Fut,
    Fut: Future<Output = Result<(), DemoError>>,
{
    let queue = Mutex::new(jobs.into_iter());
    let failed = Mutex::new(None);
    let worker = || async {
        loop {
            if lock(&failed).is_some() {
                break;
            }
            let Some(job) = lock(&queue).next() else {
                break;
            };
            if let Err(e) = work(job).await {
                lock(&failed).get_or_insert(e);
            }
        }
    };
    let mut workers = Vec::with_capacity(WORKERS);
    for _ in 0..WORKERS {
        workers.push(worker());
    }
    join_all(workers).await;
    match failed.into_inner().unwrap_or_else(PoisonError::into_inner) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Polls every future until all are done (a handful: `WORKERS`).
async fn join_all<Fut: Future<Output = ()>>(futures: Vec<Fut>) {
    let mut futures: Vec<Option<Pin<Box<Fut>>>> =
        futures.into_iter().map(|f| Some(Box::pin(f))).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for slot in &mut futures {
            if let Some(f) = slot {
                if f.as_mut().poll(cx).is_ready() {
                    *slot = None;
                } else {
                    pending = true;
                }
            }
        }
        if pending {
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    })
    .await;
}

/// The demo's people as the use cases see them, each made once, and what they did.
struct People<'a> {
    app: &'a App,
    plan: &'a Plan,
    ids: &'a [Uuid],
    actors: Mutex<HashMap<usize, Actor>>,
    /// Members per group, to find the bench person's largest group.
    sizes: Mutex<HashMap<Uuid, usize>>,
    /// Invitations each person sent: the use case allows `INVITATIONS_PER_DAY`.
    sent: Mutex<HashMap<usize, i64>>,
    counts: Mutex<GroupCounts>,
}

impl People<'_> {
    async fn actor(&self, person: usize) -> Result<Actor, DemoError> {
        if let Some(a) = lock(&self.actors).get(&person) {
            return Ok(a.clone());
        }
        let email = &self
            .plan
            .people
            .get(person)
            .ok_or_else(|| DemoError::Generated("no such person".into()))?
            .email;
        let actor = self.app.demo_actor(email).await.map_err(refusal)?;
        lock(&self.actors).insert(person, actor.clone());
        Ok(actor)
    }

    fn id(&self, person: usize) -> Result<Uuid, DemoError> {
        self.ids
            .get(person)
            .copied()
            .ok_or_else(|| DemoError::Generated("no such person".into()))
    }

    fn count(&self, f: impl FnOnce(&mut GroupCounts)) {
        f(&mut lock(&self.counts));
    }

    async fn create(
        &self,
        owner: usize,
        name: &str,
        description: &str,
        kind: &str,
        sensitive: bool,
    ) -> Result<Uuid, DemoError> {
        let actor = self.actor(owner).await?;
        let id = self
            .app
            .create_group(&actor, name, description, kind, sensitive)
            .await?;
        self.count(|c| c.memberships += 1);
        lock(&self.sizes).insert(id, 1);
        Ok(id)
    }

    fn joined(&self, group: Uuid) {
        self.count(|c| c.memberships += 1);
        *lock(&self.sizes).entry(group).or_insert(0) += 1;
    }

    /// The owner invites; the invitee accepts from their own invitations, or not yet.
    async fn invite(
        &self,
        owner: usize,
        group: Uuid,
        invitee: usize,
        message: &str,
        accept: bool,
    ) -> Result<(), DemoError> {
        let too_many = {
            let mut sent = lock(&self.sent);
            let n = sent.entry(owner).or_insert(0);
            *n += 1;
            *n > INVITATIONS_PER_DAY
        };
        if too_many {
            return Err(DemoError::Generated(
                "one person would send more invitations than a day allows".into(),
            ));
        }
        let inviter = self.actor(owner).await?;
        let invitee_id = self.id(invitee)?;
        self.app
            .invite_to_group(&inviter, group, invitee_id, message)
            .await?;
        if !accept {
            self.count(|c| c.pending_invitations += 1);
            return Ok(());
        }
        let actor = self.actor(invitee).await?;
        let invitation = self
            .app
            .my_group_invitations(&actor)
            .await?
            .into_iter()
            .find(|i| i.group_id == group)
            .ok_or_else(|| DemoError::Generated("an invitation went missing".into()))?;
        self.app
            .answer_group_invitation(&actor, invitation.id, Answer::Accept)
            .await?;
        self.count(|c| c.accepted_invitations += 1);
        self.joined(group);
        Ok(())
    }

    async fn join(&self, person: usize, group: Uuid) -> Result<(), DemoError> {
        let actor = self.actor(person).await?;
        self.app.join_group(&actor, group).await?;
        self.count(|c| c.joins += 1);
        self.joined(group);
        Ok(())
    }

    /// The person asks; the manager approves, or has not decided yet.
    async fn request(
        &self,
        person: usize,
        manager: usize,
        group: Uuid,
        approve: bool,
    ) -> Result<(), DemoError> {
        let actor = self.actor(person).await?;
        self.app.request_to_join(&actor, group).await?;
        if !approve {
            self.count(|c| c.pending_requests += 1);
            return Ok(());
        }
        let manager = self.actor(manager).await?;
        let person_id = self.id(person)?;
        self.app
            .decide_join_request(&manager, group, person_id, true)
            .await?;
        self.count(|c| c.approved_requests += 1);
        self.joined(group);
        Ok(())
    }
}

fn account(plan: &Plan, p: usize) -> Option<(AccountStatus, DirectoryScope)> {
    match plan.people.get(p)?.fate {
        Fate::Account(a) => Some((a.status, a.scope)),
        _ => None,
    }
}

fn active(plan: &Plan, p: usize) -> bool {
    account(plan, p).is_some_and(|(s, _)| s == AccountStatus::Active)
}

/// Whom a colleague of the same school may find, hence invite.
fn findable_by_colleagues(plan: &Plan, p: usize) -> bool {
    account(plan, p)
        .is_some_and(|(s, scope)| s == AccountStatus::Active && scope != DirectoryScope::Nobody)
}

fn findable_by_everyone(plan: &Plan, p: usize) -> bool {
    account(plan, p)
        .is_some_and(|(s, scope)| s == AccountStatus::Active && scope == DirectoryScope::District)
}

/// "Équipe de l'école élémentaire Jules Ferry (Abbeville)".
fn team_name(school: &str) -> String {
    let mut chars = school.chars();
    let lowered: String = chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default();
    format!("Équipe de l'{lowered}")
}

/// Writes the groups: school teams, cycle groups, thematic groups, one union section, then
/// makes `bench` (an active account) a member of `BENCH_GROUPS` groups.
pub(super) async fn generate(
    app: &App,
    plan: &Plan,
    ids: &[Uuid],
    seed: u64,
    bench: Option<&str>,
) -> Result<(GroupCounts, Option<BenchMember>), DemoError> {
    let mut rng = Rng(seed ^ 0x0067_0000_6772_6f75);
    let people = People {
        app,
        plan,
        ids,
        actors: Mutex::new(HashMap::new()),
        sizes: Mutex::new(HashMap::new()),
        sent: Mutex::new(HashMap::new()),
        counts: Mutex::new(GroupCounts::default()),
    };
    let people = &people;

    // The circonscription (office) of each structure: offices are the first structures, and
    // schools follow the people in blocks of an office's size.
    let units = plan.structures.iter().filter(|s| s.kind == UNIT).count();
    let mut area: Vec<Option<usize>> = plan
        .structures
        .iter()
        .enumerate()
        .map(|(i, s)| (s.kind == UNIT).then_some(i))
        .collect();
    let mut staff: Vec<Vec<usize>> = vec![Vec::new(); plan.structures.len()];
    for (i, p) in plan.people.iter().enumerate() {
        if let Some(slot) = area.get_mut(p.structure)
            && slot.is_none()
        {
            *slot = Some((i / PEOPLE_PER_UNIT).min(units.saturating_sub(1)));
        }
        if let Some(list) = staff.get_mut(p.structure) {
            list.push(i);
        }
    }
    let area_of = |p: usize| {
        plan.people
            .get(p)
            .and_then(|p| area.get(p.structure).copied().flatten())
    };
    let at_school = |p: usize| {
        plan.people
            .get(p)
            .and_then(|p| plan.structures.get(p.structure))
            .is_some_and(|s| s.kind == SCHOOL)
    };
    let bench_person = bench.and_then(|e| plan.people.iter().position(|p| p.email == e));

    // Each step decides everything first (the seeded generator gives the same choices every
    // time), then its people act, a few at once.

    // School teams: the director (or the first colleague with an account) invites every
    // colleague they can find; one in twenty has not answered yet.
    let mut teams = Vec::new();
    for (s, structure) in plan.structures.iter().enumerate() {
        if structure.kind != SCHOOL {
            continue;
        }
        let members = staff.get(s).cloned().unwrap_or_default();
        let owner = members
            .iter()
            .copied()
            .find(|&p| {
                active(plan, p) && plan.people.get(p).is_some_and(|p| p.role == Role::Director)
            })
            .or_else(|| members.iter().copied().find(|&p| active(plan, p)));
        let Some(owner) = owner else { continue };
        let invitees: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&p| p != owner && findable_by_colleagues(plan, p))
            .collect();
        if invitees.is_empty() {
            continue;
        }
        let invitations: Vec<(usize, &str, bool)> = invitees
            .into_iter()
            .map(|p| {
                let message = if rng.chance(50) {
                    "Bienvenue dans l'équipe !"
                } else {
                    ""
                };
                (p, message, rng.below(20) != 0)
            })
            .collect();
        teams.push((owner, team_name(&structure.name), invitations));
    }
    in_parallel(teams, |(owner, name, invitations)| async move {
        let group = people
            .create(
                owner,
                &name,
                "L'équipe de l'école : conseils des maîtres, emplois du temps, sorties.",
                "private",
                false,
            )
            .await?;
        people.count(|c| c.school_teams += 1);
        for (p, message, accept) in invitations {
            people.invite(owner, group, p, message, accept).await?;
        }
        Ok(())
    })
    .await?;

    // Cycle groups: three closed groups per circonscription, run by its IEN (or an adviser);
    // about a third of the teachers ask to join theirs, and most requests are approved.
    let mut cycle_groups: Vec<(usize, usize, [Uuid; 3])> = Vec::new();
    for (u, office) in plan.structures.iter().enumerate() {
        if office.kind != UNIT {
            continue;
        }
        let crew = staff.get(u).cloned().unwrap_or_default();
        let runner = [Role::Ien, Role::Cpc, Role::Erun, Role::Secretary]
            .iter()
            .find_map(|&role| {
                crew.iter().copied().find(|&p| {
                    active(plan, p) && plan.people.get(p).is_some_and(|p| p.role == role)
                })
            });
        let Some(runner) = runner else { continue };
        let mut made = [Uuid::nil(); 3];
        for (slot, (cycle, description)) in made.iter_mut().zip(CYCLES) {
            *slot = people
                .create(
                    runner,
                    &format!("{cycle} — {}", office.name),
                    description,
                    "closed",
                    false,
                )
                .await?;
            people.count(|c| c.cycle_groups += 1);
        }
        cycle_groups.push((u, runner, made));
    }
    let mut requests = Vec::new();
    for &(u, runner, made) in &cycle_groups {
        for p in 0..plan.people.len() {
            if area_of(p) != Some(u) || !at_school(p) || account(plan, p).is_none() {
                continue;
            }
            if !rng.chance(35) {
                continue;
            }
            let school = plan
                .people
                .get(p)
                .and_then(|p| plan.structures.get(p.structure))
                .map(|s| s.name.as_str())
                .unwrap_or_default();
            let cycle = if school.starts_with("École maternelle") {
                0
            } else if school.starts_with("École élémentaire") {
                1 + rng.below(2)
            } else {
                rng.below(3)
            };
            let Some(&group) = made.get(cycle) else {
                continue;
            };
            requests.push((p, runner, group, rng.below(10) != 0));
        }
    }
    in_parallel(requests, |(p, runner, group, approve)| {
        people.request(p, runner, group, approve)
    })
    .await?;

    // Thematic groups: open, enough of them to make about one group per five people,
    // spread over the circonscriptions; each person joins up to three of their own area's.
    let target = plan.people.len() / PEOPLE_PER_GROUP;
    let thematic = target.saturating_sub(lock(&people.counts).total() + 1);
    let mut themes: Vec<(usize, usize, String)> = Vec::new();
    let offices: Vec<usize> = (0..plan.structures.len())
        .filter(|&s| plan.structures.get(s).is_some_and(|s| s.kind == UNIT))
        .collect();
    for (k, &u) in offices.iter().enumerate() {
        let share =
            thematic / offices.len().max(1) + usize::from(k < thematic % offices.len().max(1));
        let locals: Vec<usize> = (0..plan.people.len())
            .filter(|&p| area_of(p) == Some(u) && active(plan, p))
            .collect();
        if locals.is_empty() {
            continue;
        }
        let office_name = plan
            .structures
            .get(u)
            .map(|s| s.name.as_str())
            .unwrap_or_default();
        for t in 0..share {
            let theme = THEMES.get(t % THEMES.len()).copied().unwrap_or("Échanges");
            let round = t / THEMES.len();
            let name = if round == 0 {
                format!("{theme} — {office_name}")
            } else {
                format!("{theme} {} — {office_name}", round + 1)
            };
            let owner = rng.pick(&locals).copied().unwrap_or(0);
            themes.push((u, owner, name));
        }
    }
    // Made at once, then listed per circonscription in the order decided.
    let made: Mutex<Vec<Option<Uuid>>> = Mutex::new(vec![None; themes.len()]);
    let jobs: Vec<(usize, usize, &str)> = themes
        .iter()
        .enumerate()
        .map(|(i, (_, owner, name))| (i, *owner, name.as_str()))
        .collect();
    in_parallel(jobs, |(i, owner, name)| {
        let made = &made;
        async move {
            let group = people
                .create(
                    owner,
                    name,
                    "Groupe ouvert : idées, ressources et questions entre collègues.",
                    "open",
                    false,
                )
                .await?;
            people.count(|c| c.thematic_groups += 1);
            if let Some(slot) = lock(made).get_mut(i) {
                *slot = Some(group);
            }
            Ok(())
        }
    })
    .await?;
    let mut open_groups: Vec<Vec<Uuid>> = vec![Vec::new(); plan.structures.len()];
    let made = made.into_inner().unwrap_or_else(PoisonError::into_inner);
    for ((u, _, _), group) in themes.iter().zip(made) {
        if let (Some(list), Some(group)) = (open_groups.get_mut(*u), group) {
            list.push(group);
        }
    }
    let mut joins = Vec::new();
    for p in 0..plan.people.len() {
        if account(plan, p).is_none() || Some(p) == bench_person {
            continue;
        }
        let Some(mine) = area_of(p).and_then(|u| open_groups.get(u)) else {
            continue;
        };
        let wanted = [0, 0, 1, 1, 1, 2, 2, 3]
            .get(rng.below(8))
            .copied()
            .unwrap_or(0);
        let mut chosen = BTreeSet::new();
        for _ in 0..wanted {
            if let Some(&g) = rng.pick(mine) {
                chosen.insert(g);
            }
        }
        if !chosen.is_empty() {
            joins.push((p, chosen));
        }
    }
    in_parallel(joins, |(p, chosen)| async move {
        let actor = people.actor(p).await?;
        let already: BTreeSet<Uuid> = app.my_groups(&actor).await?.iter().map(|g| g.id).collect();
        for g in chosen.difference(&already) {
            people.join(p, *g).await?;
        }
        Ok(())
    })
    .await?;

    // One sensitive group: a union section, private; its secretary (who invited nobody to a
    // school team: a day's invitations are limited) invites colleagues they can find across
    // the département, two of whom have not answered yet.
    let secretary = (0..plan.people.len()).find(|&p| {
        Some(p) != bench_person
            && at_school(p)
            && findable_by_everyone(plan, p)
            && !lock(&people.sent).contains_key(&p)
    });
    if let Some(owner) = secretary {
        let group = people
            .create(
                owner,
                "Section syndicale des écoles",
                "Section syndicale : réunions d'information, heures syndicales, questions \
                 individuelles. Groupe sensible : seuls ses membres savent qui en fait partie.",
                "private",
                true,
            )
            .await?;
        people.count(|c| c.sensitive_groups += 1);
        let wanted = (plan.people.len() / 40).clamp(6, 40);
        let stride = (plan.people.len() / wanted).max(1);
        let invitees: Vec<usize> = (0..plan.people.len())
            .step_by(stride)
            .filter_map(|start| {
                (start..plan.people.len()).find(|&p| {
                    p != owner && Some(p) != bench_person && findable_by_everyone(plan, p)
                })
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .take(wanted)
            .collect();
        for (i, p) in invitees.iter().enumerate() {
            let accept = i + 2 < invitees.len();
            people
                .invite(
                    owner,
                    group,
                    *p,
                    "Tu es invité·e à rejoindre la section.",
                    accept,
                )
                .await?;
        }
    }

    // The bench person: their own groups, then open groups until they are in thirty.
    let mut member = None;
    if let Some(b) = bench_person {
        let actor = people.actor(b).await?;
        let mut mine: BTreeSet<Uuid> = app.my_groups(&actor).await?.iter().map(|g| g.id).collect();
        let home = area_of(b).unwrap_or(0);
        let candidates: Vec<Uuid> = open_groups
            .get(home)
            .into_iter()
            .chain(open_groups.iter())
            .flatten()
            .copied()
            .collect();
        for g in candidates {
            if mine.len() >= BENCH_GROUPS {
                break;
            }
            if mine.insert(g) {
                people.join(b, g).await?;
            }
        }
        let sizes = lock(&people.sizes);
        let largest = mine
            .iter()
            .max_by_key(|g| (sizes.get(g).copied().unwrap_or(0), std::cmp::Reverse(**g)))
            .copied();
        if let (Some(group), Some(p)) = (largest, plan.people.get(b)) {
            member = Some(BenchMember {
                email: p.email.clone(),
                groups: mine.len(),
                group,
            });
        }
    }
    let counts = lock(&people.counts).clone();
    Ok((counts, member))
}
