//! Préau's settings, as read from defaults, `preau.toml` and `PREAU_*` variables (the loading
//! itself lives in the binary). Every key is documented in `preau.example.toml`.

use preau_domain::network::IpNetwork;
use preau_domain::notifications::{Calendar, Zone};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Demonstration values stand in for the legal keys, and every page says so.
    #[default]
    Development,
    /// The legal keys and an https public URL are required.
    Production,
}

/// A value that must never be printed: `Debug` and `Display` redact it.
#[derive(Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Self(s.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"[secret]\"")
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    pub mode: Mode,
    /// Address and port to listen on.
    pub listen: String,
    /// The address people type, e.g. `https://ent.circo-amiens3.fr`. Defaults to
    /// `http://<listen>` in development.
    pub public_url: Option<String>,
    /// Where the embedded database, files and mail outbox live.
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`; defaults to `<data_dir>/preau.sqlite3`.
    pub database_url: Option<Secret>,
    /// Apply pending migrations when the server starts.
    pub migrate_on_start: bool,
    /// Run the background jobs (mail delivery every 2 s, retention purge every 10 minutes) in
    /// this process.
    pub run_jobs: bool,
    /// How often the retention purge runs, across all instances together.
    pub purge_every_seconds: u64,
    pub instance_name: String,
    pub controller_name: Option<String>,
    pub controller_address: Option<String>,
    pub dpo_contact: Option<String>,
    pub accessibility_contact: Option<String>,
    /// Requests served at once; beyond this, an immediate 503 "salle d'attente".
    pub max_in_flight: usize,
    pub request_timeout_seconds: u64,
    pub max_body_kib: usize,
    /// Largest roster file accepted by the import page (the national roster is ~90 MiB).
    pub max_roster_mib: usize,
    pub session: SessionConfig,
    pub password_hashing: HashingConfig,
    pub database_pool: PoolConfig,
    pub lifecycle: LifecycleConfig,
    pub mail: MailConfig,
    /// How many `preau serve` processes share this database. Above 1, PostgreSQL, a shared
    /// file store and an SMTP server are required: nothing may live on one machine only.
    pub instances: u32,
    /// Addresses (or networks such as `10.0.0.0/8`) of the reverse proxies or load balancers
    /// in front of Préau. A request from one of them is attributed, for per-client throttles,
    /// to the last address of `X-Forwarded-For` that is not itself a trusted proxy.
    pub trusted_proxies: Vec<String>,
    pub storage: StorageConfig,
    pub notifications: NotificationsConfig,
}

/// When notification emails may leave (issue 10): the local time of the circonscription and
/// its school holidays, during which nothing is sent (news waits for the first school day).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct NotificationsConfig {
    /// `Europe/Paris` (the default), or a fixed offset such as `UTC+04:00` (La Réunion).
    pub time_zone: Option<String>,
    /// School holidays, e.g. `[{ from = "2026-12-19", to = "2027-01-03" }]` (both included).
    pub holidays: Vec<Holiday>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Holiday {
    pub from: String,
    pub to: String,
}

impl NotificationsConfig {
    /// The calendar, or what is wrong with the keys.
    pub fn calendar(&self) -> Result<Calendar, ConfigProblem> {
        let zone = match &self.time_zone {
            None => Zone::EuropeParis,
            Some(z) => Zone::parse(z).ok_or_else(|| ConfigProblem {
                key: "notifications.time_zone",
                message: "must be Europe/Paris or a fixed offset such as UTC+04:00".into(),
            })?,
        };
        let date = |s: &str| {
            let mut parts = s.trim().splitn(3, '-');
            let year: i32 = parts.next()?.parse().ok()?;
            let month: u8 = parts.next()?.parse().ok()?;
            let day: u8 = parts.next()?.parse().ok()?;
            time::Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()
        };
        let mut holidays = Vec::new();
        for h in &self.holidays {
            match (date(&h.from), date(&h.to)) {
                (Some(from), Some(to)) if from <= to => holidays.push((from, to)),
                _ => {
                    return Err(ConfigProblem {
                        key: "notifications.holidays",
                        message: format!(
                            "each holiday needs from <= to as YYYY-MM-DD dates (got {} … {})",
                            h.from, h.to
                        ),
                    });
                }
            }
        }
        Ok(Calendar { zone, holidays })
    }
}

/// The shortest `storage.orphan_grace_seconds` production accepts: an hour.
const ORPHAN_GRACE_FLOOR: u64 = 3600;

/// Where files live.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum StorageKind {
    /// A directory on this machine: one instance only.
    #[default]
    Local,
    /// A directory that every instance mounts at the same path (NFS, CephFS…).
    SharedDirectory,
    /// An S3-compatible object store (MinIO, Garage, Ceph, a cloud provider): `[storage.s3]`.
    S3,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct StorageConfig {
    pub kind: StorageKind,
    /// The directory; defaults to `<data_dir>/files`.
    pub path: Option<PathBuf>,
    /// The S3 endpoint and bucket, with `kind = "s3"`.
    pub s3: Option<S3Config>,
    /// The largest file accepted, in bytes (default 1 GiB).
    pub max_file_bytes: u64,
    /// Each person's « Mes documents », in bytes (default 2 GiB; 0: no quota).
    pub person_quota_bytes: u64,
    /// Each group's documents, in bytes (default 10 GiB; 0: no quota).
    pub group_quota_bytes: u64,
    /// The file extensions accepted (lower case, without the dot; `""` for none; `"*"` for
    /// any). Whatever the list, programs are refused and a file's first bytes must agree
    /// with its extension where they are known (SEC-51).
    pub allowed_extensions: Vec<String>,
    /// A ClamAV daemon (`host:port` of its `TCPSocket`) that scans every upload before it
    /// is kept; none by default. Its `StreamMaxLength` must be at least `max_file_bytes`.
    pub clamd: Option<String>,
    /// A blob in the store that no version names is deleted once it is this old, in seconds
    /// (default 86,400: a day). It must exceed the time between an upload's last byte and
    /// its commit — seconds — with a wide margin; tests set 0.
    pub orphan_grace_seconds: u64,
}

impl Default for StorageConfig {
    fn default() -> Self {
        Self {
            kind: StorageKind::default(),
            path: None,
            s3: None,
            max_file_bytes: 1 << 30,
            person_quota_bytes: 2 << 30,
            group_quota_bytes: 10 << 30,
            allowed_extensions: preau_domain::documents::DEFAULT_ALLOWED_EXTENSIONS
                .iter()
                .map(|e| (*e).to_owned())
                .collect(),
            orphan_grace_seconds: 86_400,
            clamd: None,
        }
    }
}

/// An S3-compatible bucket. The keys can also come from `PREAU_STORAGE__S3__SECRET_ACCESS_KEY`
/// and its siblings, so that they stay out of the file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct S3Config {
    /// `https://s3.example.fr` (or `http://…` for a store on the same machine).
    pub endpoint: String,
    pub bucket: String,
    pub region: String,
    /// Path-style requests (`endpoint/bucket/key`), what MinIO, Garage and Ceph expect;
    /// `false` for virtual-hosted style (`bucket.endpoint/key`).
    pub path_style: bool,
    pub access_key_id: String,
    /// Never printed.
    pub secret_access_key: Option<Secret>,
}

impl Default for S3Config {
    fn default() -> Self {
        Self {
            endpoint: String::new(),
            bucket: String::new(),
            region: "us-east-1".to_owned(),
            path_style: true,
            access_key_id: String::new(),
            secret_access_key: None,
        }
    }
}

/// Outgoing mail: written as `.eml` files in `<data_dir>/outbox/` unless an SMTP server is set.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct MailConfig {
    /// The sender, e.g. `Préau <ne-pas-repondre@circo-amiens3.fr>`.
    pub from: String,
    /// `smtp://host:25` (STARTTLS when offered: add `?tls=required` to insist), or
    /// `smtps://user:password@host:465`. Never printed.
    pub smtp_url: Option<Secret>,
    /// A message being sent is leased for this long; if its sender dies meanwhile, another
    /// instance sends it after the lease. The SMTP timeout is a third of it.
    pub lease_seconds: u64,
}

impl Default for MailConfig {
    fn default() -> Self {
        Self {
            from: "Préau <ne-pas-repondre@preau.invalid>".into(),
            smtp_url: None,
            lease_seconds: 300,
        }
    }
}

/// Retention of the account lifecycle (RET-02, RET-03).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct LifecycleConfig {
    /// An invitation nobody acted on is deleted after this many days (at most 90).
    pub invitation_days: u64,
    /// An account absent from the roster is erased this many days after the import that
    /// noticed it (at most 90: the arrêté's three months).
    pub departure_grace_days: u64,
}

impl Default for LifecycleConfig {
    fn default() -> Self {
        Self {
            invitation_days: 60,
            departure_grace_days: 60,
        }
    }
}

/// The legal ceiling on both delays: three months after the loss of entitlement.
pub const MAX_RETENTION_DAYS: u64 = 90;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionConfig {
    /// A session unused this long ends (ASVS L2: at most 30).
    pub idle_minutes: u64,
    /// A session ends this long after login, used or not (ASVS L2: at most 12).
    pub absolute_hours: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct HashingConfig {
    /// Argon2id memory in KiB (floor 19456, OWASP).
    pub memory_kib: u32,
    /// Argon2id passes (floor 2).
    pub iterations: u32,
    pub parallelism: u32,
    /// Hashes computed at once; 0 = one less than the number of cores (at least 1), so that
    /// a burst of logins leaves a core for page views.
    pub max_concurrent: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct PoolConfig {
    pub sqlite_readers: u32,
    pub postgres_connections: u32,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            mode: Mode::Development,
            listen: "127.0.0.1:8080".into(),
            public_url: None,
            data_dir: PathBuf::from("data"),
            database_url: None,
            migrate_on_start: true,
            run_jobs: true,
            purge_every_seconds: 600,
            instance_name: "Préau".into(),
            controller_name: None,
            controller_address: None,
            dpo_contact: None,
            accessibility_contact: None,
            max_in_flight: 256,
            request_timeout_seconds: 30,
            max_body_kib: 256,
            max_roster_mib: 100,
            session: SessionConfig::default(),
            password_hashing: HashingConfig::default(),
            database_pool: PoolConfig::default(),
            lifecycle: LifecycleConfig::default(),
            mail: MailConfig::default(),
            instances: 1,
            trusted_proxies: Vec::new(),
            storage: StorageConfig::default(),
            notifications: NotificationsConfig::default(),
        }
    }
}

impl Default for SessionConfig {
    fn default() -> Self {
        Self {
            idle_minutes: 30,
            absolute_hours: 12,
        }
    }
}

impl Default for HashingConfig {
    fn default() -> Self {
        Self {
            memory_kib: 19_456,
            iterations: 2,
            parallelism: 1,
            max_concurrent: 0,
        }
    }
}

impl Default for PoolConfig {
    fn default() -> Self {
        Self {
            sqlite_readers: 4,
            postgres_connections: 16,
        }
    }
}

/// One thing wrong with the configuration, naming the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    pub key: &'static str,
    pub message: String,
}

impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`: {}", self.key, self.message)
    }
}

/// The values the legal pages and the notice show; in development, visible demonstration
/// values replace the missing keys.
#[derive(Debug, Clone)]
pub struct LegalInfo {
    pub controller_name: String,
    pub controller_address: String,
    pub dpo_contact: String,
    pub accessibility_contact: String,
}

const DEMO: &str = "(démonstration — à configurer)";

impl Config {
    pub fn is_production(&self) -> bool {
        self.mode == Mode::Production
    }

    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.listen))
            .trim_end_matches('/')
            .to_owned()
    }

    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.expose().to_owned(),
            None => format!("sqlite://{}", self.data_dir.join("preau.sqlite3").display()),
        }
    }

    /// The SQLite database file, when the database is SQLite.
    pub fn sqlite_path(&self) -> Option<PathBuf> {
        let url = self.database_url();
        let rest = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))?;
        let path = rest.split('?').next().unwrap_or(rest);
        (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
    }

    pub fn storage_path(&self) -> PathBuf {
        self.storage
            .path
            .clone()
            .unwrap_or_else(|| self.data_dir.join("files"))
    }

    /// The trusted proxies, parsed; `problems()` reports the entries that do not parse.
    pub fn trusted_proxy_networks(&self) -> Vec<IpNetwork> {
        self.trusted_proxies
            .iter()
            .filter_map(|s| s.parse().ok())
            .collect()
    }

    pub fn legal(&self) -> LegalInfo {
        let or_demo = |v: &Option<String>| v.clone().unwrap_or_else(|| DEMO.to_owned());
        LegalInfo {
            controller_name: or_demo(&self.controller_name),
            controller_address: or_demo(&self.controller_address),
            dpo_contact: or_demo(&self.dpo_contact),
            accessibility_contact: self
                .accessibility_contact
                .clone()
                .or_else(|| self.dpo_contact.clone())
                .unwrap_or_else(|| DEMO.to_owned()),
        }
    }

    /// Everything wrong, at once, so an operator fixes the file in one pass.
    pub fn problems(&self) -> Vec<ConfigProblem> {
        let mut out = Vec::new();
        if let Err(p) = self.notifications.calendar() {
            out.push(p);
        }
        let mut add = |key, message: &str| {
            out.push(ConfigProblem {
                key,
                message: message.to_owned(),
            })
        };
        if self.listen.parse::<std::net::SocketAddr>().is_err() {
            add(
                "listen",
                "must be an address and port such as 127.0.0.1:8080",
            );
        }
        if let Some(url) = &self.public_url
            && !(url.starts_with("http://") || url.starts_with("https://"))
        {
            add(
                "public_url",
                "must start with https:// (or http:// in development)",
            );
        }
        let url = self.database_url();
        if !(url.starts_with("sqlite:")
            || url.starts_with("postgres:")
            || url.starts_with("postgresql:"))
        {
            add("database_url", "must start with sqlite:// or postgres://");
        }
        if self.instance_name.trim().is_empty() {
            add("instance_name", "must not be empty");
        }
        if self.max_in_flight == 0 {
            add("max_in_flight", "must be at least 1");
        }
        if self.request_timeout_seconds == 0 {
            add("request_timeout_seconds", "must be at least 1");
        }
        if let Some(clamd) = &self.storage.clamd
            && clamd
                .rsplit_once(':')
                .is_none_or(|(host, port)| host.is_empty() || port.parse::<u16>().is_err())
        {
            add("storage.clamd", "must be host:port (clamd's TCPSocket)");
        }
        if !(1..=30).contains(&self.session.idle_minutes) {
            add(
                "session.idle_minutes",
                "must be between 1 and 30 (ASVS level 2)",
            );
        }
        if !(1..=12).contains(&self.session.absolute_hours) {
            add(
                "session.absolute_hours",
                "must be between 1 and 12 (ASVS level 2)",
            );
        }
        if self.password_hashing.memory_kib < 19_456 {
            add(
                "password_hashing.memory_kib",
                "must be at least 19456 (OWASP floor for Argon2id)",
            );
        }
        if self.password_hashing.iterations < 2 {
            add(
                "password_hashing.iterations",
                "must be at least 2 (OWASP floor for Argon2id)",
            );
        }
        if !(1..=16).contains(&self.password_hashing.parallelism) {
            add("password_hashing.parallelism", "must be between 1 and 16");
        }
        if !(1..=MAX_RETENTION_DAYS).contains(&self.lifecycle.invitation_days) {
            add("lifecycle.invitation_days", "must be between 1 and 90");
        }
        if !(1..=MAX_RETENTION_DAYS).contains(&self.lifecycle.departure_grace_days) {
            add(
                "lifecycle.departure_grace_days",
                "must be between 1 and 90 (arrêté ENT art. 6: three months at most)",
            );
        }
        if self.mail.from.parse::<lettre::message::Mailbox>().is_err() {
            add(
                "mail.from",
                "must be an address such as Préau <ne-pas-repondre@example.fr>",
            );
        }
        if let Some(url) = &self.mail.smtp_url
            && !(url.expose().starts_with("smtp://") || url.expose().starts_with("smtps://"))
        {
            add("mail.smtp_url", "must start with smtp:// or smtps://");
        }
        if self.mail.lease_seconds < 6 {
            add("mail.lease_seconds", "must be at least 6");
        }
        for entry in &self.trusted_proxies {
            if entry.parse::<IpNetwork>().is_err() {
                add(
                    "trusted_proxies",
                    &format!("`{entry}` is not an address or a network such as 10.0.0.0/8"),
                );
            }
        }
        if self.storage.kind == StorageKind::S3 {
            match &self.storage.s3 {
                None => add(
                    "storage.s3",
                    "storage.kind = \"s3\" needs [storage.s3] with endpoint and bucket",
                ),
                Some(s3) => {
                    if !(s3.endpoint.starts_with("https://") || s3.endpoint.starts_with("http://"))
                    {
                        add("storage.s3.endpoint", "the S3 endpoint, https://…");
                    }
                    if s3.bucket.is_empty() {
                        add("storage.s3.bucket", "the bucket that holds Préau's files");
                    }
                }
            }
        }
        if self.storage.max_file_bytes == 0 {
            add("storage.max_file_bytes", "must be at least 1");
        }
        // Shorter, and the orphan sweep could delete an upload's blob before its commit; the
        // tests (development mode) set 0 to see a blob swept at once.
        if self.is_production() && self.storage.orphan_grace_seconds < ORPHAN_GRACE_FLOOR {
            add(
                "storage.orphan_grace_seconds",
                "at least 3600 in production: a shorter grace could delete an upload about to commit",
            );
        }
        if self.purge_every_seconds == 0 {
            add("purge_every_seconds", "must be at least 1");
        }
        if self.instances == 0 {
            add("instances", "must be at least 1");
        }
        if self.instances > 1 {
            if self.database_url().starts_with("sqlite:") {
                add(
                    "instances",
                    "SQLite serves a single instance: set database_url to a PostgreSQL database to run several",
                );
            }
            if self.storage.kind == StorageKind::Local {
                add(
                    "storage.kind",
                    "a local directory cannot be shared by several instances: use \"s3\", or \"shared-directory\" on a mount every instance sees",
                );
            }
            if self.mail.smtp_url.is_none() {
                add(
                    "mail.smtp_url",
                    "several instances need an SMTP server (mail written to files would stay on one machine)",
                );
            }
        }
        if self.is_production() {
            let required: [(&'static str, &Option<String>, &str); 4] = [
                (
                    "public_url",
                    &self.public_url,
                    "the address people use, https://…",
                ),
                (
                    "controller_name",
                    &self.controller_name,
                    "the data controller shown in the privacy notice (GDPR Art. 13)",
                ),
                (
                    "controller_address",
                    &self.controller_address,
                    "the controller's postal address (GDPR Art. 13)",
                ),
                (
                    "dpo_contact",
                    &self.dpo_contact,
                    "how to reach the data protection officer (GDPR Art. 37)",
                ),
            ];
            for (key, value, what) in required {
                if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
                    add(key, &format!("is required in production mode: {what}"));
                }
            }
            if self
                .public_url
                .as_deref()
                .is_some_and(|u| u.starts_with("http://"))
            {
                add("public_url", "must use https:// in production mode");
            }
            // Activations, resets and « ce n'était pas moi » reach people only by mail: files
            // on the server would leave accounts unopenable and takeovers unreported.
            if self.mail.smtp_url.is_none() && self.instances <= 1 {
                add(
                    "mail.smtp_url",
                    "is required in production mode: activation links, reset links and security notices must reach people's mailboxes",
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_do_not_print() {
        let c = Config {
            database_url: Some(Secret::new("postgres://u:hunter2@db/preau")),
            ..Config::default()
        };
        assert!(!format!("{c:?}").contains("hunter2"));
    }

    #[test]
    fn retention_cannot_exceed_the_legal_ceiling() {
        assert_eq!(MAX_RETENTION_DAYS, 90);
        let mut c = Config::default();
        assert!(c.lifecycle.departure_grace_days <= MAX_RETENTION_DAYS);
        c.lifecycle.departure_grace_days = 91;
        c.lifecycle.invitation_days = 91;
        let keys: Vec<_> = c.problems().iter().map(|p| p.key).collect();
        assert_eq!(
            keys,
            [
                "lifecycle.invitation_days",
                "lifecycle.departure_grace_days"
            ]
        );
    }

    #[test]
    fn an_s3_store_needs_its_endpoint_and_bucket() {
        let mut c = Config::default();
        c.storage.kind = StorageKind::S3;
        let keys = |c: &Config| c.problems().iter().map(|p| p.key).collect::<Vec<_>>();
        assert_eq!(keys(&c), ["storage.s3"]);
        c.storage.s3 = Some(S3Config {
            endpoint: "s3.example.fr".into(),
            ..S3Config::default()
        });
        assert_eq!(keys(&c), ["storage.s3.endpoint", "storage.s3.bucket"]);
        c.storage.s3 = Some(S3Config {
            endpoint: "https://s3.example.fr".into(),
            bucket: "preau".into(),
            secret_access_key: Some(Secret::new("hunter2")),
            ..S3Config::default()
        });
        assert!(keys(&c).is_empty());
        // Several instances may share it, and its secret is never printed.
        c.instances = 2;
        assert!(!keys(&c).contains(&"storage.kind"));
        assert!(!format!("{c:?}").contains("hunter2"));
    }

    #[test]
    fn production_keeps_orphan_blobs_an_hour_at_least() {
        let mut c = Config::default();
        c.storage.orphan_grace_seconds = 0;
        let keys = |c: &Config| c.problems().iter().map(|p| p.key).collect::<Vec<_>>();
        assert!(
            !keys(&c).contains(&"storage.orphan_grace_seconds"),
            "tests sweep at once"
        );
        c.mode = Mode::Production;
        assert!(keys(&c).contains(&"storage.orphan_grace_seconds"));
        c.storage.orphan_grace_seconds = 3600;
        assert!(!keys(&c).contains(&"storage.orphan_grace_seconds"));
    }

    #[test]
    fn several_instances_need_shared_database_files_and_mail() {
        let c = Config {
            instances: 2,
            ..Config::default()
        };
        let keys: Vec<_> = c.problems().iter().map(|p| p.key).collect();
        assert_eq!(keys, ["instances", "storage.kind", "mail.smtp_url"]);
        let c = Config {
            instances: 2,
            database_url: Some(Secret::new("postgres://db/preau")),
            storage: StorageConfig {
                kind: StorageKind::SharedDirectory,
                path: Some("/srv/preau-files".into()),
                ..StorageConfig::default()
            },
            mail: MailConfig {
                smtp_url: Some(Secret::new("smtp://mail:25")),
                ..MailConfig::default()
            },
            trusted_proxies: vec!["10.0.0.0/8".into(), "192.0.2.7".into()],
            ..Config::default()
        };
        assert!(c.problems().is_empty(), "{:?}", c.problems());
        assert_eq!(c.trusted_proxy_networks().len(), 2);
        let c = Config {
            trusted_proxies: vec!["balancer".into()],
            ..Config::default()
        };
        assert_eq!(c.problems()[0].key, "trusted_proxies");
    }

    #[test]
    fn the_sqlite_file_comes_from_the_url() {
        let c = Config::default();
        assert_eq!(c.sqlite_path(), Some(PathBuf::from("data/preau.sqlite3")));
        let c = Config {
            database_url: Some(Secret::new("sqlite:///var/lib/preau/db.sqlite3?mode=rwc")),
            ..Config::default()
        };
        assert_eq!(
            c.sqlite_path(),
            Some(PathBuf::from("/var/lib/preau/db.sqlite3"))
        );
        let c = Config {
            database_url: Some(Secret::new("postgres://db/preau")),
            ..Config::default()
        };
        assert_eq!(c.sqlite_path(), None);
    }

    #[test]
    fn production_names_each_missing_legal_key() {
        let c = Config {
            mode: Mode::Production,
            ..Config::default()
        };
        let keys: Vec<_> = c.problems().iter().map(|p| p.key).collect();
        assert_eq!(
            keys,
            [
                "public_url",
                "controller_name",
                "controller_address",
                "dpo_contact",
                "mail.smtp_url"
            ]
        );
        assert!(Config::default().problems().is_empty());
    }
}
