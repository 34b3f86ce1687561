//! `preau demo`: a realistic, seeded data set for newcomers and for the load benchmark — schools
//! with valid UAI codes, circonscription offices, staff with French names and functions,
//! activated accounts with varied directory choices, pending and declined invitations, one
//! administrator, and working groups joined by their members' own acts. Préau's first guarantee is that nobody gets an account they did not open, so
//! the generator refuses a production instance and any instance that already holds accounts or
//! structures, and every address it writes ends in `@demo.invalid`.

use preau_app::App;
use preau_app::demo::{DemoData, DemoRefusal, DemoStructure};
use preau_app::passwords::Hasher;
use preau_domain::password::check_new_password;
use preau_domain::policy::{AccountStatus, DirectoryScope};
use preau_domain::roster::Function;
use preau_domain::uai::Uai;
use preau_domain::{Email, PersonName, SecretToken, UserId};
use preau_store::demo::DemoAccount;
use preau_store::invitations::NewInvitation;
use std::collections::HashMap;
use std::fmt;
use std::time::{Duration, Instant};

pub use preau_app::demo::DEMO_DOMAIN;

mod documents;
mod groups;
pub use groups::{BENCH_GROUPS, BenchMember, GroupCounts};

/// The administrator's login.
pub const ADMIN_EMAIL: &str = "administration@demo.invalid";

/// The sizes of a demo, by the territory it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Scale {
    /// About 300 people: one primary-school circonscription.
    Circonscription,
    /// About 8,000 people: the primary and district staff of a département (the Somme).
    Departement,
    /// About 26,000 people: an académie (Amiens: Aisne, Oise, Somme).
    Academie,
}

impl Scale {
    /// Everyone the demo writes: accounts (administrator included), pending and declined
    /// invitations.
    pub fn people(self) -> usize {
        match self {
            Self::Circonscription => 300,
            Self::Departement => 8_000,
            Self::Academie => 26_000,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Circonscription => "circonscription",
            Self::Departement => "departement",
            Self::Academie => "academie",
        }
    }

    fn departments(self) -> &'static [Department] {
        match self {
            Self::Circonscription | Self::Departement => &DEPARTMENTS[2..],
            Self::Academie => &DEPARTMENTS,
        }
    }

    /// Each scale has its own fixed seed: the same command writes the same people and schools.
    fn seed(self) -> u64 {
        match self {
            Self::Circonscription => 0x0080_0300,
            Self::Departement => 0x0080_8000,
            Self::Academie => 0x0080_2600,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(
        "refused: this instance runs in production mode (mode = \"production\"); demo data goes only into a development instance"
    )]
    Production,
    #[error(
        "refused: the database already holds accounts or structures; demo data goes only into an empty instance (a new data_dir or an empty database)"
    )]
    NotEmpty,
    #[error("the demo password could not be made: {0}")]
    Password(String),
    #[error("the demo generator made an invalid value: {0}")]
    Generated(String),
    #[error(transparent)]
    Store(#[from] preau_store::StoreError),
    #[error(transparent)]
    App(#[from] preau_app::AppError),
}

/// The password shared by every demo account: shown once on the console, never logged.
pub struct DemoPassword(String);

impl DemoPassword {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for DemoPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DemoPassword(…)")
    }
}

/// A login worth trying, with what makes it interesting.
#[derive(Debug, Clone)]
pub struct SampleLogin {
    pub email: String,
    pub name: String,
    pub role: &'static str,
    pub structure: String,
    pub scope: DirectoryScope,
}

/// What the generator wrote.
#[derive(Debug)]
pub struct Summary {
    pub scale: Scale,
    pub schools: usize,
    pub units: usize,
    /// Activated accounts, the administrator included.
    pub accounts: usize,
    /// Of those, accounts whose person paused their visibility.
    pub restricted: usize,
    pub pending_invitations: usize,
    pub declined: usize,
    pub admin_email: String,
    pub samples: Vec<SampleLogin>,
    /// The active accounts other than the administrator, for load tools (`--accounts-file`).
    pub active_logins: Vec<String>,
    /// The working groups, made through the use cases.
    pub groups: GroupCounts,
    /// The first of `active_logins`, a member of `BENCH_GROUPS` groups, for `bench/run`.
    pub bench: Option<BenchMember>,
    pub password: DemoPassword,
    /// The one Argon2id hash.
    pub hashing: Duration,
    /// The groups, one use case after another.
    pub groups_elapsed: Duration,
    /// The documents filed in « Mes documents » and group spaces.
    pub documents: documents::DocumentCounts,
    pub elapsed: Duration,
}

impl Summary {
    /// The console text, password included: for stdout only.
    pub fn render(&self) -> String {
        use std::fmt::Write as _;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "Demo data written (scale {}, {} people) in {:.2} s ({:.2} s of it for the groups).",
            self.scale.as_str(),
            self.scale.people(),
            self.elapsed.as_secs_f64(),
            self.groups_elapsed.as_secs_f64()
        );
        let _ = writeln!(
            s,
            "  structures:   {} schools, {} circonscription office{}",
            self.schools,
            self.units,
            if self.units == 1 { "" } else { "s" }
        );
        let _ = writeln!(
            s,
            "  accounts:     {} activated ({} restricted by their person), 1 administrator among them",
            self.accounts, self.restricted
        );
        let _ = writeln!(
            s,
            "  invitations:  {} pending, {} declined (only a salted marker is kept)",
            self.pending_invitations, self.declined
        );
        let d = &self.documents;
        let _ = writeln!(
            s,
            "  documents:    {} folders and {} files, filed by their people; {} group spaces with a file; {} folders shared",
            d.folders, d.files, d.group_spaces, d.shares
        );
        let g = &self.groups;
        let _ = writeln!(
            s,
            "  groups:       {} ({} school teams, private; {} cycle groups, closed; {} thematic, open; {} sensitive, private: a union section)",
            g.total(),
            g.school_teams,
            g.cycle_groups,
            g.thematic_groups,
            g.sensitive_groups
        );
        let _ = writeln!(
            s,
            "                {} memberships, each its person's act: {} owners, {} accepted invitations, {} open-group joins, {} approved requests; {} invitations and {} join requests waiting",
            g.memberships,
            g.total(),
            g.accepted_invitations,
            g.joins,
            g.approved_requests,
            g.pending_invitations,
            g.pending_requests
        );
        let _ = writeln!(
            s,
            "  not generated: mail and forums (Préau has neither yet)"
        );
        let _ = writeln!(s);
        let _ = writeln!(s, "  Administrator:  {}", self.admin_email);
        let _ = writeln!(s, "  Sample logins:");
        for p in &self.samples {
            let _ = writeln!(
                s,
                "    {:<34} {}, {}, {}: {}",
                p.email,
                p.name,
                p.role,
                p.structure,
                scope_words(p.scope)
            );
        }
        if let Some(b) = &self.bench {
            let _ = writeln!(
                s,
                "  Member of {} groups (bench/run): {}, largest group /groupes/{}",
                b.groups, b.email, b.group
            );
        }
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "  Password of every demo account (shown only here, never logged):"
        );
        let _ = writeln!(s);
        let _ = writeln!(s, "    {}", self.password.expose());
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "  Every demo address ends in @{DEMO_DOMAIN}. One password hash is shared by all demo\n  accounts so that thousands of them are written in seconds: demo data only."
        );
        s
    }
}

fn scope_words(scope: DirectoryScope) -> &'static str {
    match scope {
        DirectoryScope::MyPlaces => "in the directory of their school or office",
        DirectoryScope::District => "in everyone's directory",
        DirectoryScope::Nobody => "in nobody's directory",
    }
}

/// Refuses before anything is opened or written when the configuration is production's.
pub fn refuse_production(config: &preau_app::Config) -> Result<(), DemoError> {
    if config.is_production() {
        return Err(DemoError::Production);
    }
    Ok(())
}

/// `preau demo`: writes the data set, the optional list of logins, and prints the summary
/// (the password included) on stdout — never through tracing.
pub async fn run_command(
    app: &App,
    scale: Scale,
    accounts_file: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    use anyhow::Context as _;
    eprintln!(
        "Writing the {} demo ({} people)…",
        scale.as_str(),
        scale.people()
    );
    let summary = generate(app, scale).await?;
    if let Some(path) = accounts_file {
        let mut text = summary.active_logins.join("\n");
        text.push('\n');
        std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?;
        eprintln!(
            "{} active logins written to {}",
            summary.active_logins.len(),
            path.display()
        );
    }
    print!("{}", summary.render());
    Ok(())
}

/// Writes the demo data set into `app`'s empty database, in one transaction, then declines
/// a few invitations and makes the working groups through the same use cases a person's
/// clicks run (`groups`).
pub async fn generate(app: &App, scale: Scale) -> Result<Summary, DemoError> {
    let started = Instant::now();
    refuse_production(app.config())?;
    let plan = Plan::new(scale)?;

    let hashing_started = Instant::now();
    let password = demo_password()?;
    let hasher = Hasher::new(&app.config().password_hashing)
        .await
        .map_err(|e| DemoError::Password(e.to_string()))?;
    let checked = check_new_password(&password.0, &[])
        .map_err(|e| DemoError::Password(e.code().to_owned()))?;
    let phc = hasher
        .hash(&checked)
        .await
        .map_err(|e| DemoError::Password(e.to_string()))?;
    let hashing = hashing_started.elapsed();

    let now = app.now();
    let structure_ids: Vec<_> = plan
        .structures
        .iter()
        .map(|_| preau_domain::ids::new_row_id())
        .collect();
    let person_ids: Vec<_> = plan
        .people
        .iter()
        .map(|_| preau_domain::ids::new_row_id())
        .collect();
    let batch = preau_domain::ids::new_row_id();
    let expires = now.plus(Duration::from_secs(
        app.config().lifecycle.invitation_days * 86_400,
    ));

    let mut accounts = Vec::new();
    let mut pending = Vec::new();
    let mut declined_codes = Vec::new();
    let mut to_decline = Vec::new();
    for (p, &id) in plan.people.iter().zip(&person_ids) {
        let structure_id = structure_ids
            .get(p.structure)
            .copied()
            .ok_or_else(|| DemoError::Generated("a person without structure".into()))?;
        match p.fate {
            Fate::Account(a) => accounts.push(DemoAccount {
                id,
                email: &p.email,
                given_name: &p.given,
                family_name: &p.family,
                password_hash: &phc,
                structure_id,
                corps: p.corps,
                functions: p.functions,
                from_roster: !p.admin,
                status: a.status.as_str(),
                directory_scope: a.scope.as_str(),
                show_structure: a.show_structure,
                show_functions: a.show_functions,
                notice_version: preau_app::invitations::NOTICE_VERSION,
            }),
            Fate::Pending | Fate::Declined => {
                if p.fate == Fate::Declined {
                    let code = SecretToken::generate_code()
                        .map_err(|e| DemoError::Generated(e.to_string()))?;
                    to_decline.push((id, code.hash()));
                    declined_codes.push(code);
                }
                pending.push(NewInvitation {
                    id,
                    email: &p.email,
                    given_name: &p.given,
                    family_name: &p.family,
                    structure_id,
                    corps: p.corps,
                    functions: p.functions,
                    batch_id: batch,
                    expires_at: expires,
                });
            }
        }
    }

    let admin = plan
        .people
        .iter()
        .zip(&person_ids)
        .find(|(p, _)| p.admin)
        .map(|(_, &id)| UserId::from_uuid(id))
        .ok_or_else(|| DemoError::Generated("no administrator".into()))?;
    let data = DemoData {
        scale: scale.as_str(),
        structures: plan
            .structures
            .iter()
            .zip(&structure_ids)
            .map(|(s, &id)| DemoStructure {
                id,
                kind: s.kind,
                uai: s.uai.as_ref().map(Uai::as_str),
                name: &s.name,
                commune: s.commune,
            })
            .collect(),
        accounts,
        invitations: pending,
        coded: to_decline,
        admin,
    };
    match app.write_demo(&data).await {
        Ok(()) => {}
        Err(DemoRefusal::Production) => return Err(DemoError::Production),
        Err(DemoRefusal::NotEmpty) => return Err(DemoError::NotEmpty),
        Err(DemoRefusal::App(e)) => return Err(e.into()),
    }
    let DemoData {
        accounts,
        invitations: pending,
        ..
    } = data;

    // Declining keeps only a salted marker of the address: the use case computes it.
    for code in &declined_codes {
        app.decline_invitation(code.expose(), "preau-demo").await?;
    }

    let active_logins: Vec<String> = plan
        .people
        .iter()
        .filter(|p| {
            !p.admin && matches!(p.fate, Fate::Account(a) if a.status == AccountStatus::Active)
        })
        .map(|p| p.email.clone())
        .collect();

    // Groups last: their people act through the use cases, as anyone would.
    let groups_started = Instant::now();
    let (groups, bench) = groups::generate(
        app,
        &plan,
        &person_ids,
        scale.seed(),
        active_logins.first().map(String::as_str),
    )
    .await?;
    let groups_elapsed = groups_started.elapsed();
    let documents = documents::generate(app, &active_logins).await?;

    Ok(Summary {
        scale,
        schools: plan.structures.iter().filter(|s| s.kind == SCHOOL).count(),
        units: plan.structures.iter().filter(|s| s.kind == UNIT).count(),
        accounts: accounts.len(),
        restricted: accounts
            .iter()
            .filter(|a| a.status == AccountStatus::Restricted.as_str())
            .count(),
        pending_invitations: pending.len() - declined_codes.len(),
        declined: declined_codes.len(),
        admin_email: ADMIN_EMAIL.to_owned(),
        samples: plan.samples(),
        active_logins,
        groups,
        documents,
        bench,
        groups_elapsed,
        password,
        hashing,
        elapsed: started.elapsed(),
    })
}

/// 80 random bits in Crockford base32, in groups of four: typed easily, strong enough for the
/// password policy.
fn demo_password() -> Result<DemoPassword, DemoError> {
    let code = SecretToken::generate_code().map_err(|e| DemoError::Password(e.to_string()))?;
    let grouped = code.grouped();
    let short: String = grouped.chars().take(19).collect();
    Ok(DemoPassword(short))
}

const SCHOOL: &str = "school";
const UNIT: &str = "unit";

struct Department {
    /// The first three digits of its UAI codes.
    code: &'static str,
    communes: &'static [&'static str],
}

const DEPARTMENTS: [Department; 3] = [
    Department {
        code: "002",
        communes: &[
            "Laon",
            "Soissons",
            "Saint-Quentin",
            "Château-Thierry",
            "Chauny",
            "Hirson",
            "Guise",
            "Vervins",
            "Tergnier",
            "Villers-Cotterêts",
            "Bohain-en-Vermandois",
            "Fère-en-Tardenois",
            "Marle",
            "La Capelle",
            "Vic-sur-Aisne",
            "Crépy",
            "Ribemont",
            "Sissonne",
        ],
    },
    Department {
        code: "060",
        communes: &[
            "Beauvais",
            "Compiègne",
            "Creil",
            "Senlis",
            "Noyon",
            "Clermont",
            "Méru",
            "Nogent-sur-Oise",
            "Crépy-en-Valois",
            "Chantilly",
            "Pont-Sainte-Maxence",
            "Breteuil",
            "Grandvilliers",
            "Estrées-Saint-Denis",
            "Liancourt",
            "Montataire",
            "Chambly",
            "Auneuil",
        ],
    },
    Department {
        code: "080",
        communes: &[
            "Amiens",
            "Abbeville",
            "Albert",
            "Péronne",
            "Montdidier",
            "Doullens",
            "Ham",
            "Roye",
            "Corbie",
            "Friville-Escarbotin",
            "Rue",
            "Saint-Valery-sur-Somme",
            "Villers-Bocage",
            "Poix-de-Picardie",
            "Moreuil",
            "Nesle",
            "Flixecourt",
            "Longueau",
            "Camon",
            "Rivery",
            "Ailly-sur-Noye",
            "Conty",
            "Oisemont",
            "Gamaches",
            "Feuquières-en-Vimeu",
            "Airaines",
            "Hornoy-le-Bourg",
            "Acheux-en-Amiénois",
            "Bray-sur-Somme",
            "Chaulnes",
        ],
    },
];

const SCHOOL_KINDS: [&str; 3] = ["École maternelle", "École élémentaire", "École primaire"];

const DEDICATEES: [&str; 36] = [
    "Jules Ferry",
    "Jean Jaurès",
    "Victor Hugo",
    "Jean Moulin",
    "Louise Michel",
    "Marie Curie",
    "Jacques Prévert",
    "Paul Bert",
    "Louis Pasteur",
    "Condorcet",
    "Jean de La Fontaine",
    "Anatole France",
    "Simone Veil",
    "Lucie Aubrac",
    "Jean Zay",
    "George Sand",
    "Albert Camus",
    "Antoine de Saint-Exupéry",
    "Jules Verne",
    "Charles Perrault",
    "Marcel Pagnol",
    "Robert Desnos",
    "Paul Éluard",
    "Françoise Dolto",
    "Germaine Tillion",
    "Pierre et Marie Curie",
    "les Tilleuls",
    "les Marronniers",
    "le Petit Prince",
    "la Source",
    "les Coquelicots",
    "du Centre",
    "les Hirondelles",
    "les Peupliers",
    "du Bois",
    "la Hotoie",
];

const GIVEN: [&str; 72] = [
    "Camille",
    "Léa",
    "Hugo",
    "Chloé",
    "Lucas",
    "Manon",
    "Nathalie",
    "Inès",
    "Louis",
    "Isabelle",
    "Sandrine",
    "Zoé",
    "Julien",
    "Céline",
    "Raphaël",
    "Émilie",
    "Arthur",
    "Anaïs",
    "Noémie",
    "Clémence",
    "Sophie",
    "Nicolas",
    "Stéphanie",
    "Aurélie",
    "Frédéric",
    "Christophe",
    "Valérie",
    "Sébastien",
    "Marie",
    "Virginie",
    "Caroline",
    "Thomas",
    "Élodie",
    "Laurence",
    "Benoît",
    "Jérôme",
    "Hélène",
    "Cécile",
    "Delphine",
    "Mathieu",
    "Laetitia",
    "Gaëlle",
    "Loïc",
    "Agnès",
    "Pascale",
    "Vincent",
    "Florence",
    "Guillaume",
    "Maëlle",
    "Audrey",
    "Élise",
    "Damien",
    "Karine",
    "Amandine",
    "Olivier",
    "Béatrice",
    "Mélanie",
    "Claire",
    "Antoine",
    "Justine",
    "Marie-Claire",
    "Anne-Sophie",
    "Jean-Baptiste",
    "Pierre-Yves",
    "Marie-Hélène",
    "Yasmina",
    "Karim",
    "Sarah",
    "Mehdi",
    "Fatima",
    "Aïcha",
    "Thi Lan",
];

const FAMILY: [&str; 96] = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Lefebvre",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Legrand",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guérin",
    "Muller",
    "Henry",
    "Roussel",
    "Nicolas",
    "Perrin",
    "Morin",
    "Mathieu",
    "Clément",
    "Gauthier",
    "Dumont",
    "Lopez",
    "Fontaine",
    "Chevalier",
    "Robin",
    "Masson",
    "Sanchez",
    "Gérard",
    "Nguyen",
    "Boyer",
    "Denis",
    "Lemaire",
    "Duval",
    "Joly",
    "Gautier",
    "Roger",
    "Roche",
    "Roy",
    "Noël",
    "Meyer",
    "Lucas",
    "Meunier",
    "Jean",
    "Perez",
    "Marchand",
    "Dufour",
    "Blanchard",
    "Caron",
    "Boulanger",
    "Lecomte",
    "Delattre",
    "Poiret",
    "Tellier",
    "Vasseur",
    "Bouchez",
    "Carpentier",
    "Deneux",
    "Boucher",
    "Gaillard",
    "Lejeune",
    "Dupuis",
    "Leclercq",
    "Delaporte",
    "Vandenbussche",
    "Wattebled",
    "Benali",
    "Haddad",
    "Da Silva",
    "Le Goff",
    "De Sousa",
    "Saint-Aubin",
];

/// SplitMix64: small, fast and good enough to pick names; seeded, so a scale is reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        let n = u64::try_from(n.max(1)).unwrap_or(u64::MAX);
        usize::try_from(self.next() % n).unwrap_or(0)
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

/// The UAI check letter: the seven digits modulo 23, read in this alphabet (no I, O or Q);
/// e.g. 0750654D (750654 mod 23 = 3).
fn uai_with_key(digits: u32) -> String {
    const KEYS: &[u8; 23] = b"ABCDEFGHJKLMNPRSTUVWXYZ";
    let key = KEYS.get((digits % 23) as usize).copied().unwrap_or(b'A');
    format!("{digits:07}{}", char::from(key))
}

/// "de Laon", "d'Amiens".
fn de(commune: &str) -> String {
    let first = commune.chars().next().map(preau_domain::text::strip_accent);
    if matches!(first, Some('A' | 'E' | 'I' | 'O' | 'U' | 'Y')) {
        format!("d'{commune}")
    } else {
        format!("de {commune}")
    }
}

struct PlannedStructure {
    kind: &'static str,
    uai: Option<Uai>,
    name: String,
    commune: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct AccountChoices {
    status: AccountStatus,
    scope: DirectoryScope,
    show_structure: bool,
    show_functions: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Account(AccountChoices),
    Pending,
    Declined,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Teacher,
    Director,
    Ien,
    Cpc,
    Erun,
    Secretary,
}

impl Role {
    fn words(self) -> &'static str {
        match self {
            Self::Teacher => "teacher",
            Self::Director => "school director",
            Self::Ien => "IEN",
            Self::Cpc => "CPC adviser",
            Self::Erun => "ERUN digital adviser",
            Self::Secretary => "circonscription secretary",
        }
    }

    fn corps(self) -> &'static str {
        match self {
            Self::Ien => "inspecteur de l'éducation nationale",
            Self::Secretary => "adjoint administratif",
            _ => "professeur des écoles",
        }
    }

    fn function(self) -> Option<Function> {
        match self {
            Self::Teacher => None,
            Self::Director => Some(Function::SchoolDirector),
            Self::Ien => Some(Function::Ien),
            Self::Cpc => Some(Function::Cpc),
            Self::Erun => Some(Function::Erun),
            Self::Secretary => Some(Function::Secretary),
        }
    }
}

struct PlannedPerson {
    given: String,
    family: String,
    email: String,
    structure: usize,
    role: Role,
    corps: &'static str,
    functions: &'static str,
    fate: Fate,
    admin: bool,
}

/// The whole data set, decided before anything is written.
struct Plan {
    structures: Vec<PlannedStructure>,
    people: Vec<PlannedPerson>,
}

/// People per circonscription office (a real one has about 300 teachers).
const PEOPLE_PER_UNIT: usize = 330;
/// The staff of an office: one IEN, three advisers, one digital adviser, one secretary.
const UNIT_STAFF: [Role; 6] = [
    Role::Ien,
    Role::Cpc,
    Role::Cpc,
    Role::Cpc,
    Role::Erun,
    Role::Secretary,
];

impl Plan {
    fn new(scale: Scale) -> Result<Self, DemoError> {
        let mut rng = Rng(scale.seed());
        let total = scale.people();
        let departments = scale.departments();
        let mut plan = Plan {
            structures: Vec::new(),
            people: Vec::new(),
        };
        let mut emails: HashMap<String, usize> = HashMap::new();

        // Circonscription offices, spread over the departments' main towns.
        let units = total.div_ceil(PEOPLE_PER_UNIT);
        let mut unit_names: HashMap<String, usize> = HashMap::new();
        for i in 0..units {
            let dept = departments
                .get(i % departments.len())
                .ok_or_else(|| DemoError::Generated("no department".into()))?;
            let commune = dept
                .communes
                .get((i / departments.len()) % 8)
                .copied()
                .unwrap_or("Amiens");
            let base = format!("Circonscription {}", de(commune));
            let n = unit_names.entry(base.clone()).or_insert(0);
            *n += 1;
            let name = if *n == 1 { base } else { format!("{base} {n}") };
            plan.structures.push(PlannedStructure {
                kind: UNIT,
                uai: None,
                name,
                commune,
            });
        }
        // The administrator works at the first office.
        plan.add_person(&mut rng, &mut emails, 0, Role::Secretary, true)?;
        for u in 0..units {
            for role in UNIT_STAFF {
                if plan.people.len() < total {
                    plan.add_person(&mut rng, &mut emails, u, role, false)?;
                }
            }
        }

        // Schools of 2 to 32 staff until everyone has one; the UAI numbers of each department
        // run upwards from a seeded start, so they are unique.
        let mut next_number: Vec<u32> = departments
            .iter()
            .map(|_| u32::try_from(rng.below(2000)).unwrap_or(0) + 100)
            .collect();
        while plan.people.len() < total {
            let d = rng.below(departments.len());
            let dept = departments
                .get(d)
                .ok_or_else(|| DemoError::Generated("no department".into()))?;
            let number = next_number
                .get_mut(d)
                .ok_or_else(|| DemoError::Generated("no department".into()))?;
            *number += 1 + u32::try_from(rng.below(7)).unwrap_or(0);
            let digits = dept.code.parse::<u32>().unwrap_or(80) * 10_000 + *number % 10_000;
            let uai = Uai::parse(&uai_with_key(digits))
                .map_err(|e| DemoError::Generated(e.to_string()))?;
            let commune = rng.pick(dept.communes).copied().unwrap_or("Amiens");
            let kind = rng.pick(&SCHOOL_KINDS).copied().unwrap_or("École primaire");
            let dedicatee = rng.pick(&DEDICATEES).copied().unwrap_or("du Centre");
            // About 15 staff a school on average, as in the Somme (7,800 teachers, 507 écoles).
            let size = match rng.below(10) {
                0..=1 => 2 + rng.below(4),
                2..=6 => 8 + rng.below(12),
                _ => 18 + rng.below(15),
            };
            let index = plan.structures.len();
            plan.structures.push(PlannedStructure {
                kind: SCHOOL,
                uai: Some(uai),
                name: format!("{kind} {dedicatee} ({commune})"),
                commune,
            });
            for k in 0..size {
                if plan.people.len() >= total {
                    break;
                }
                let role = if k == 0 {
                    Role::Director
                } else {
                    Role::Teacher
                };
                plan.add_person(&mut rng, &mut emails, index, role, false)?;
            }
        }
        Ok(plan)
    }

    fn add_person(
        &mut self,
        rng: &mut Rng,
        emails: &mut HashMap<String, usize>,
        structure: usize,
        role: Role,
        admin: bool,
    ) -> Result<(), DemoError> {
        let (given, family) = if admin {
            ("Claire", "Vasseur")
        } else {
            (
                rng.pick(&GIVEN).copied().unwrap_or("Camille"),
                rng.pick(&FAMILY).copied().unwrap_or("Martin"),
            )
        };
        let name = PersonName::parse(given, family)
            .map_err(|_| DemoError::Generated(format!("name {given} {family}")))?;
        let email = if admin {
            ADMIN_EMAIL.to_owned()
        } else {
            let local = |s: &str| preau_domain::text::fold(s).replace(' ', "-");
            let base = format!("{}.{}", local(given), local(family));
            let n = emails.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                format!("{base}@{DEMO_DOMAIN}")
            } else {
                format!("{base}{n}@{DEMO_DOMAIN}")
            }
        };
        let email = Email::parse(&email)
            .map_err(|e| DemoError::Generated(format!("{email}: {}", e.code())))?;
        let office = role != Role::Teacher && role != Role::Director;
        let fate = if admin {
            Fate::Account(AccountChoices {
                status: AccountStatus::Active,
                scope: DirectoryScope::District,
                show_structure: true,
                show_functions: true,
            })
        } else {
            // 61 is prime to 100: every hundred people take each slot once, in a scattered
            // order, so the shares hold exactly at every scale.
            let slot = (self.people.len() * 61 + 17) % 100;
            match slot {
                0..=84 => Fate::Account(AccountChoices {
                    status: if rng.chance(3) {
                        AccountStatus::Restricted
                    } else {
                        AccountStatus::Active
                    },
                    // Advisers and inspectors are mostly reachable by everyone; teachers
                    // mostly keep the default.
                    scope: match rng.below(100) {
                        n if n < if office { 75 } else { 33 } => DirectoryScope::District,
                        n if n < 92 => DirectoryScope::MyPlaces,
                        _ => DirectoryScope::Nobody,
                    },
                    show_structure: rng.chance(90),
                    show_functions: rng.chance(if office { 85 } else { 50 }),
                }),
                85..=96 => Fate::Pending,
                _ => Fate::Declined,
            }
        };
        self.people.push(PlannedPerson {
            given: name.given().to_owned(),
            family: name.family().to_owned(),
            email: email.as_str().to_owned(),
            structure,
            role,
            corps: role.corps(),
            functions: role.function().map_or("", Function::as_str),
            fate,
            admin,
        });
        Ok(())
    }

    /// A few logins that show the directory's rules from different places.
    fn samples(&self) -> Vec<SampleLogin> {
        let mut active_per_structure: HashMap<usize, usize> = HashMap::new();
        for p in &self.people {
            if let Fate::Account(a) = p.fate
                && a.status == AccountStatus::Active
            {
                *active_per_structure.entry(p.structure).or_insert(0) += 1;
            }
        }
        let busiest_school = active_per_structure
            .iter()
            .filter(|(s, _)| self.structures.get(**s).is_some_and(|s| s.kind == SCHOOL))
            .max_by_key(|(s, n)| (**n, std::cmp::Reverse(**s)))
            .map(|(s, _)| *s);
        let wanted: [(Role, Option<DirectoryScope>, Option<usize>); 5] = [
            (
                Role::Teacher,
                Some(DirectoryScope::MyPlaces),
                busiest_school,
            ),
            (Role::Teacher, Some(DirectoryScope::District), None),
            (Role::Director, None, None),
            (Role::Cpc, Some(DirectoryScope::District), None),
            (Role::Ien, None, None),
        ];
        let mut out = Vec::new();
        for (role, scope, structure) in wanted {
            let found = self.people.iter().find(|p| {
                !p.admin
                    && p.role == role
                    && structure.is_none_or(|s| p.structure == s)
                    && matches!(p.fate, Fate::Account(a)
                        if a.status == AccountStatus::Active && scope.is_none_or(|s| a.scope == s))
            });
            if let Some(p) = found
                && let Fate::Account(a) = p.fate
            {
                out.push(SampleLogin {
                    email: p.email.clone(),
                    name: format!("{} {}", p.given, p.family),
                    role: role.words(),
                    structure: self
                        .structures
                        .get(p.structure)
                        .map(|s| s.name.clone())
                        .unwrap_or_default(),
                    scope: a.scope,
                });
            }
        }
        out
    }
}
