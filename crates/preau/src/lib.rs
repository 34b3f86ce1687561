//! Préau as a library: `Application::build` binds its listener first, so tests start the real
//! server on `127.0.0.1:0` with a fresh data directory, and the binary only parses the CLI.

pub mod backup;
pub mod demo;
pub mod settings;
pub mod storage;

use anyhow::Context as _;
use preau_app::{App, Config};
use preau_domain::{Clock, SystemClock};
use preau_store::Db;
use preau_store::db_pool_sizes;
use std::future::Future;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

/// How often each instance looks whether the retention purge is due (the period itself,
/// `purge_every_seconds`, is shared by the cluster through the job's lease).
const PURGE_POLL_MAX: Duration = Duration::from_secs(30);
/// How often queued mail is looked at.
const MAIL_EVERY: Duration = Duration::from_secs(2);

pub struct Application {
    listener: TcpListener,
    app: App,
    /// Held while serving on SQLite: a second server on the same file is refused.
    _instance_lock: Option<std::fs::File>,
}

/// Takes the lock that lets one server use a SQLite file. The operating system drops it when
/// the process ends, however it ends, so a crash never leaves a stale lock behind.
fn lock_sqlite(database: &Path) -> anyhow::Result<std::fs::File> {
    if let Some(dir) = database.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the directory {}", dir.display()))?;
    }
    let mut name = database.as_os_str().to_owned();
    name.push(".server-lock");
    let path = PathBuf::from(name);
    match preau_store::locks::try_take(&path)
        .with_context(|| format!("cannot lock {}", path.display()))?
    {
        Some(lock) => Ok(lock),
        None => anyhow::bail!(
            "another Préau server is already running on the SQLite database {} (lock file {}). \
             SQLite serves one instance: stop the other server, or move to PostgreSQL to run \
             several (docs/operations/cluster.md).",
            database.display(),
            path.display()
        ),
    }
}

/// Creates the data directory (database, files, mail outbox), connects, and migrates when
/// configured to.
pub async fn open_store(config: &Config, migrate: bool) -> anyhow::Result<Db> {
    for dir in [
        config.data_dir.clone(),
        config.data_dir.join("files"),
        config.data_dir.join("outbox"),
    ] {
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create the data directory {}", dir.display()))?;
    }
    let sizes = db_pool_sizes(
        config.database_pool.sqlite_readers,
        config.database_pool.postgres_connections,
    );
    let db = Db::connect(&config.database_url(), &sizes)
        .await
        .context("cannot open the database (database_url)")?;
    if migrate {
        let applied = db
            .migrate()
            .await
            .context("cannot apply the database migrations")?;
        if applied > 0 {
            tracing::info!("database migrations: applied {applied}");
        } else {
            tracing::info!("database migrations: schema up to date");
        }
    }
    Ok(db)
}

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        Self::build_with_clock(config, Arc::new(SystemClock)).await
    }

    /// Tests pass a `ManualClock` to travel in time.
    pub async fn build_with_clock(config: Config, clock: Arc<dyn Clock>) -> anyhow::Result<Self> {
        let problems = config.problems();
        if !problems.is_empty() {
            let list: Vec<String> = problems.iter().map(|p| format!("  - {p}")).collect();
            anyhow::bail!(
                "the configuration has {} problem(s):\n{}",
                problems.len(),
                list.join("\n")
            );
        }
        let instance_lock = config.sqlite_path().map(|p| lock_sqlite(&p)).transpose()?;
        let db = open_store(&config, config.migrate_on_start).await?;
        let listener = TcpListener::bind(&config.listen)
            .await
            .with_context(|| format!("cannot listen on {} (listen)", config.listen))?;
        let app = App::new(db, clock, config)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        Ok(Self {
            listener,
            app,
            _instance_lock: instance_lock,
        })
    }

    pub fn local_addr(&self) -> anyhow::Result<SocketAddr> {
        Ok(self.listener.local_addr()?)
    }

    pub fn app(&self) -> &App {
        &self.app
    }

    /// Serves until `shutdown` resolves, then finishes the requests in flight.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let jobs = self.app.config().run_jobs.then(|| {
            [
                tokio::spawn(purge_loop(self.app.clone())),
                tokio::spawn(mail_loop(self.app.clone())),
            ]
        });
        let router = preau_web::router(self.app.clone());
        let served = axum::serve(
            self.listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await;
        for job in jobs.into_iter().flatten() {
            job.abort();
        }
        self.app.db().close().await;
        Ok(served?)
    }
}

/// Hands queued mail to the transport every few seconds.
async fn mail_loop(app: App) {
    let mut every = tokio::time::interval(MAIL_EVERY);
    loop {
        every.tick().await;
        if let Err(e) = app.deliver_due_mail().await {
            tracing::warn!("mail delivery round failed: {e}");
        }
    }
}

/// Looks every few seconds whether the retention purge is due; the lease in the database
/// makes it run once per period across every instance.
async fn purge_loop(app: App) {
    let poll = Duration::from_secs(app.config().purge_every_seconds).min(PURGE_POLL_MAX);
    let mut every = tokio::time::interval(poll);
    loop {
        every.tick().await;
        match app.run_retention_purge_if_due().await {
            Ok(Some(purged)) => tracing::info!(
                job = preau_app::jobs::RETENTION_PURGE,
                "retention purge ran: {purged:?}"
            ),
            Ok(None) => {}
            Err(e) => tracing::warn!("purge failed: {e}"),
        }
    }
}
