//! The `preau` command: parses the command line and calls the library.

use clap::{Parser, Subcommand};
use preau::settings::{self, Loaded};
use preau::{Application, open_store};
use preau_app::App;
use preau_domain::SystemClock;
use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Préau — the ENT de circonscription that staff choose to join.
///
/// Configuration comes from built-in defaults, then `preau.toml` in the current directory (or
/// --config FILE), then PREAU_* environment variables. See preau.example.toml for every key.
#[derive(Parser)]
#[command(version, about, long_about)]
struct Cli {
    /// Configuration file (default: ./preau.toml, optional).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Start the web server (the default). Prints a first-administrator setup link while the
    /// instance has no administrator.
    Serve {
        /// Address and port to listen on, e.g. 0.0.0.0:8080 (also PREAU_LISTEN).
        #[arg(long, value_name = "ADDR:PORT")]
        listen: Option<String>,
    },
    /// Apply pending database migrations, then exit (for controlled upgrades; `serve` also
    /// migrates unless migrate_on_start = false).
    Migrate,
    /// Administration tasks.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Inspect the configuration.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Schools and units of the circonscription.
    Structures {
        #[command(subcommand)]
        command: StructuresCommand,
    },
    /// Import data from the administration.
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Fill an empty development instance with demonstration data: schools, circonscription
    /// offices, staff with activated accounts, pending and declined invitations, one
    /// administrator. Refused in production and on a database holding any account or
    /// structure. Prints the password shared by the demo accounts, once.
    Demo {
        /// circonscription (300 people), departement (8,000) or academie (26,000).
        #[arg(long, value_enum, default_value = "circonscription")]
        scale: preau::demo::Scale,
        /// Also write the logins of the active demo accounts to FILE, one a line (load tests).
        #[arg(long, value_name = "FILE")]
        accounts_file: Option<PathBuf>,
    },
    /// Back up the database and the file store into a new directory, while Préau runs:
    /// SQLite is copied consistently (VACUUM INTO), PostgreSQL with pg_dump. Session rows
    /// are never copied. Keep backups at most 35 days (docs/operations/backup.md).
    Backup {
        /// The new directory (default: <data_dir>/backups/<UTC date and time>).
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
        /// Afterwards, delete the backups in <data_dir>/backups older than DAYS (at most 35).
        #[arg(long, value_name = "DAYS")]
        prune_days: Option<u64>,
    },
    /// Restore a backup into an empty data directory or an empty PostgreSQL database, apply
    /// newer migrations, and check every table's row count against the backup's manifest.
    Restore {
        /// The backup directory (holding manifest.json).
        from: PathBuf,
    },
    /// The file store: where the bytes of documents live.
    Storage {
        #[command(subcommand)]
        command: StorageCommand,
    },
    /// Print the OpenAPI document of the JSON API (the same as /api/v1/openapi.json).
    Openapi,
    /// Print the data inventory: every table, its personal columns, purpose, retention and
    /// erasure (the register of processing's technical annex; docs/data-inventory.md).
    Inventory,
}

#[derive(Subcommand)]
enum StorageCommand {
    /// Copy every blob the database names from the configured store to another one: with
    /// `--to s3`, from the directory (storage.kind = "local" or "shared-directory") to the
    /// bucket of [storage.s3] in the same configuration; with `--to local`, from S3 to
    /// storage.path (default <data_dir>/files). Each copy is read back and its SHA-256
    /// checked against the database; a mismatch stops with an error naming the blob.
    /// Resumable: a blob already at the target with the right size is skipped, so running it
    /// again after an interruption copies the rest. Préau may keep running meanwhile; stop it
    /// for a last run, then change storage.kind (this command does not) and start it again.
    /// See docs/operations/storage.md.
    Migrate {
        /// The store to copy to.
        #[arg(long, value_enum)]
        to: preau::storage::Target,
    },
}

#[derive(Subcommand)]
enum StructuresCommand {
    /// List schools and units (schools come from the roster import).
    List,
    /// Add a unit, such as the district team.
    AddUnit {
        /// Its name, e.g. "Équipe de circonscription".
        name: String,
        /// Its town (optional).
        #[arg(long, default_value = "")]
        commune: String,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Read the staff roster (CSV: last name, first name, professional email, school UAI,
    /// optional school name, corps, functions; `;` or `,`; UTF-8 or Windows-1252) and show what
    /// it would change. With --apply, create the invitations (never accounts), refresh what
    /// changed and mark as departing the accounts no longer listed, in one transaction.
    Roster {
        /// The CSV file.
        file: PathBuf,
        /// Apply the changes (without it, nothing is written).
        #[arg(long)]
        apply: bool,
        /// The number of departures the preview announced: needed with --apply when the file
        /// would mark more than 10 % of the accounts (and more than 20) as departing.
        #[arg(long, value_name = "N")]
        confirm_departures: Option<usize>,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Print a new single-use link (valid one hour) that creates the first administrator
    /// account. Earlier unused links stop working. The link is shown here only, never logged.
    SetupLink {
        /// Once an administrator exists: create another one. Their permission takes effect
        /// only when they confirm their professional address by mail, and every existing
        /// administrator is told.
        #[arg(long)]
        additional: bool,
    },
}

#[derive(Subcommand)]
enum ConfigCommand {
    /// Validate the configuration and explain each problem; exit code 1 if there is one.
    Check,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if matches!(cli.command, Some(Command::Inventory)) {
        print!("{}", preau_store::inventory::register_markdown());
        return ExitCode::SUCCESS;
    }
    if matches!(cli.command, Some(Command::Openapi)) {
        print!("{}", preau_web::api::openapi_document());
        return ExitCode::SUCCESS;
    }
    init_tracing();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("PREAU_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .init();
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let mut loaded = settings::load(cli.config.as_deref())?;
    match cli.command.unwrap_or(Command::Serve { listen: None }) {
        Command::Serve { listen } => {
            if let Some(listen) = listen {
                loaded.config.listen = listen;
            }
            settings::check(&loaded)?;
            serve(loaded).await
        }
        Command::Migrate => {
            settings::check(&loaded)?;
            let db = open_store(&loaded.config, true).await?;
            db.close().await;
            println!("Migrations applied.");
            Ok(())
        }
        Command::Admin {
            command: AdminCommand::SetupLink { additional },
        } => {
            settings::check(&loaded)?;
            let app = app_without_server(&loaded).await?;
            if app.has_administrator().await? {
                if !additional {
                    anyhow::bail!(
                        "this instance already has an administrator: a setup link would create another one. \
                         If that is what you want, run `preau admin setup-link --additional` — the new \
                         administrator confirms their professional address by mail before the permission \
                         takes effect, and the existing administrators are told."
                    );
                }
                println!(
                    "This link creates an additional administrator: the permission takes effect once they confirm their professional address by mail, and the existing administrators are told."
                );
            }
            print_setup_link(&app).await
        }
        Command::Config {
            command: ConfigCommand::Check,
        } => {
            settings::check(&loaded)?;
            let c = &loaded.config;
            println!(
                "Configuration is valid ({} mode).",
                if c.is_production() {
                    "production"
                } else {
                    "development"
                }
            );
            println!(
                "  file:        {}{}",
                loaded.file.display(),
                if loaded.file.exists() {
                    ""
                } else {
                    " (absent: defaults and environment only)"
                }
            );
            println!("  listen:      {}", c.listen);
            println!("  public_url:  {}", c.public_url());
            println!("  data_dir:    {}", c.data_dir.display());
            println!(
                "  database:    {}",
                if c.database_url().starts_with("sqlite:") {
                    "SQLite (embedded)"
                } else {
                    "PostgreSQL"
                }
            );
            let files = match (&c.storage.kind, &c.storage.s3) {
                (preau_app::config::StorageKind::S3, Some(s3)) => {
                    format!("S3 bucket {} at {}", s3.bucket, s3.endpoint)
                }
                (kind, _) => format!("{kind:?} at {}", c.storage_path().display()),
            };
            println!("  instances:   {} (files: {files})", c.instances);
            if !c.trusted_proxies.is_empty() {
                println!("  proxies:     {}", c.trusted_proxies.join(", "));
            }
            if !c.is_production() {
                println!(
                    "  Development mode: demonstration values stand in for the legal keys and every page says so."
                );
            }
            Ok(())
        }
        Command::Structures { command } => {
            settings::check(&loaded)?;
            let app = app_without_server(&loaded).await?;
            if let StructuresCommand::AddUnit { name, commune } = command {
                let id = app.create_unit(None, &name, &commune).await?;
                println!("Unit added: {id}");
            }
            for s in app.structures().await? {
                println!(
                    "{}\t{}\t{}\t{}",
                    s.kind.as_str(),
                    s.uai.unwrap_or_default(),
                    s.name,
                    s.commune
                );
            }
            Ok(())
        }
        Command::Import {
            command:
                ImportCommand::Roster {
                    file,
                    apply,
                    confirm_departures,
                },
        } => {
            settings::check(&loaded)?;
            import_roster(&loaded, &file, apply, confirm_departures).await
        }
        Command::Demo {
            scale,
            accounts_file,
        } => {
            settings::check(&loaded)?;
            preau::demo::refuse_production(&loaded.config)?;
            let app = app_without_server(&loaded).await?;
            preau::demo::run_command(&app, scale, accounts_file.as_deref()).await
        }
        Command::Backup { to, prune_days } => {
            settings::check(&loaded)?;
            backup(&loaded.config, to, prune_days).await
        }
        Command::Restore { from } => {
            settings::check(&loaded)?;
            restore(&loaded.config, &from).await
        }
        Command::Storage {
            command: StorageCommand::Migrate { to },
        } => {
            settings::check(&loaded)?;
            let done = preau::storage::migrate(&loaded.config, to).await?;
            println!("Copied from {} to {}:", done.from, done.to);
            println!(
                "  {} blob(s) copied and checked ({} bytes), {} already there, {} in all.",
                done.copied, done.bytes, done.skipped, done.total
            );
            println!(
                "Every blob is at the target. To use it, set {} in the configuration and restart Préau \
                 (with instances > 1, every instance).",
                to.setting()
            );
            Ok(())
        }
        Command::Openapi | Command::Inventory => Ok(()),
    }
}

async fn backup(
    config: &preau_app::Config,
    to: Option<PathBuf>,
    prune_days: Option<u64>,
) -> anyhow::Result<()> {
    use preau::backup;
    if let Some(days) = prune_days
        && days > backup::MAX_RETENTION_DAYS
    {
        anyhow::bail!(
            "--prune-days {days}: backups are kept at most {} days",
            backup::MAX_RETENTION_DAYS
        );
    }
    let root = backup::default_root(config);
    let to = to.unwrap_or_else(|| {
        let now = time::OffsetDateTime::now_utc();
        root.join(format!(
            "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
            now.year(),
            u8::from(now.month()),
            now.day(),
            now.hour(),
            now.minute(),
            now.second()
        ))
    });
    let manifest = backup::backup(config, &to).await?;
    println!("Backup written to {}", to.display());
    for (table, n) in &manifest.counts {
        println!("  {table:<18} {n}");
    }
    println!("  files              {}", manifest.files);
    println!("  blobs (named)      {}", manifest.blobs);
    if let Some(bucket) = &manifest.bucket {
        eprintln!(
            "note: the file store is the S3 bucket {} at {}: its {} blob(s) are not in this backup. \
             The bucket's own versioning and replication keep them (docs/operations/backup.md); \
             a restore checks that every blob the database names is still there.",
            bucket.bucket, bucket.endpoint, manifest.blobs
        );
    }
    if let Some(days) = prune_days {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        for dir in backup::prune(&root, days, now)? {
            println!("Deleted (older than {days} days): {}", dir.display());
        }
    }
    Ok(())
}

async fn restore(config: &preau_app::Config, from: &std::path::Path) -> anyhow::Result<()> {
    let restored = preau::backup::restore(config, from).await?;
    println!(
        "Restored the backup of {} (Préau {}), {} newer migration(s) applied.",
        restored.manifest.created_at, restored.manifest.preau_version, restored.migrations_applied
    );
    println!("  {:<18} {:>10} {:>10}", "table", "backup", "restored");
    for (table, expected) in &restored.manifest.counts {
        let found = restored
            .counts
            .iter()
            .find(|(t, _)| t == table)
            .map_or(-1, |(_, n)| *n);
        println!("  {table:<18} {expected:>10} {found:>10}");
    }
    let wrong = restored.mismatches();
    if !wrong.is_empty() {
        anyhow::bail!(
            "the restored row counts differ from the backup's in: {}",
            wrong.join(", ")
        );
    }
    let wrong_files = restored.file_mismatches();
    if !wrong_files.is_empty() {
        anyhow::bail!(
            "restored files are missing or differ from the backup's: {}",
            wrong_files.join(", ")
        );
    }
    if !restored.missing_blobs.is_empty() {
        anyhow::bail!(
            "{} of the {} blobs the database names are missing from the file store: {}",
            restored.missing_blobs.len(),
            restored.blobs,
            restored.missing_blobs.join(", ")
        );
    }
    println!(
        "Every table holds what the backup held, each of the {} files its SHA-256, and the file store each of the {} blobs the database names. Sessions were not kept: everybody logs in again.",
        restored.file_digests.len(),
        restored.blobs
    );
    Ok(())
}

async fn app_without_server(loaded: &Loaded) -> anyhow::Result<App> {
    let db = open_store(&loaded.config, loaded.config.migrate_on_start).await?;
    App::new(db, Arc::new(SystemClock), loaded.config.clone())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))
}

/// A refused file says why, in the words the import page uses (not "invalid input").
fn refusal(e: preau_app::AppError) -> anyhow::Error {
    match e {
        preau_app::AppError::Invalid(fields) => {
            let lang = preau_web::i18n::Lang::parse("en").unwrap_or_default();
            let reasons: Vec<String> = fields.0.iter().map(|(_, code)| lang.t(code)).collect();
            anyhow::anyhow!("refused, nothing written: {}", reasons.join(" "))
        }
        other => other.into(),
    }
}

async fn import_roster(
    loaded: &Loaded,
    file: &std::path::Path,
    apply: bool,
    confirm_departures: Option<usize>,
) -> anyhow::Result<()> {
    use anyhow::Context as _;
    let content = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let app = app_without_server(loaded).await?;
    let started = std::time::Instant::now();
    eprintln!("Reading {} ({} bytes)…", file.display(), content.len());
    let report = if apply {
        let progress = |done: usize, total: usize| {
            eprint!(
                "\r  writing: {:>3}% ({done}/{total})",
                done * 100 / total.max(1)
            );
        };
        let applied = match app
            .import_roster(&content, confirm_departures, Some(&progress))
            .await
        {
            Ok(applied) => applied,
            Err(preau_app::AppError::Invalid(fields))
                if fields.get(preau_app::roster::CONFIRM_FIELD).is_some() =>
            {
                anyhow::bail!(
                    "refused, nothing written: this file would mark more than 10 % of the accounts \
                     (and more than 20) as departing, so it is probably incomplete. Run the preview \
                     (without --apply) to see how many; if the file is complete, run again with \
                     --apply --confirm-departures <that number>."
                );
            }
            Err(e) => return Err(refusal(e)),
        };
        eprintln!("\r  writing: 100%");
        applied.report
    } else {
        app.plan_roster(&content).await.map_err(refusal)?
    };
    let elapsed = started.elapsed();
    let lines =
        report.added.len() + report.updated.len() + report.unchanged + report.rejected.len();
    println!(
        "{}",
        if apply {
            "Import applied."
        } else {
            "Preview only (nothing written; add --apply to import)."
        }
    );
    println!("  new invitations:   {}", report.added.len());
    println!("  updated:           {}", report.updated.len());
    println!("  unchanged:         {}", report.unchanged);
    // A count only: who leaves is told by mail, never listed to the administrator.
    if report.departed < 10 {
        // Like the page: telling 0 from 1 would tell whether one person opened an account.
        println!("  departing:         fewer than 10");
    } else {
        println!("  departing:         {}", report.departed);
    }
    if report.probably_incomplete && !apply {
        println!(
            "  probably incomplete: more than 10 % of the accounts would leave; to import anyway, \
             add --confirm-departures {}",
            report.departed
        );
    }
    println!("  new schools:       {}", report.new_structures);
    println!("  rejected lines:    {}", report.rejected.len());
    for r in report.rejected.iter().take(50) {
        println!("    line {}: {} ({})", r.line, r.code, r.detail);
    }
    if report.rejected.len() > 50 {
        println!("    … and {} more", report.rejected.len() - 50);
    }
    let secs = elapsed.as_secs_f64().max(0.001);
    println!(
        "  {lines} lines in {secs:.2} s ({:.0} lines/s)",
        lines as f64 / secs
    );
    Ok(())
}

async fn print_setup_link(app: &App) -> anyhow::Result<()> {
    let token = app.issue_setup_link().await?;
    println!();
    println!("  Create the first administrator account with this single-use link (valid 1 hour):");
    println!();
    println!(
        "    {}/installation/{}",
        app.config().public_url(),
        token.expose()
    );
    println!();
    println!("  This link is shown only here. A new one: `preau admin setup-link`.");
    println!();
    Ok(())
}

async fn serve(loaded: Loaded) -> anyhow::Result<()> {
    let application = Application::build(loaded.config).await?;
    let addr = application.local_addr()?;
    tracing::info!("Préau listening on http://{addr}");
    if !application.app().has_administrator().await? {
        let config = application.app().config();
        if config.instances > 1 {
            // Every instance would print a link and revoke the previous one's.
            println!("No administrator yet: run `preau admin setup-link` once for the cluster.");
        } else if config.is_production() && !std::io::stdout().is_terminal() {
            // Under systemd, standard output is the journal: a link there could be used by
            // anyone who reads the logs before the administrator does.
            println!(
                "No administrator yet: run `preau admin setup-link` (not printed into a log)."
            );
        } else {
            print_setup_link(application.app()).await?;
        }
    }
    application.run_until_stopped(shutdown_signal()).await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!("cannot listen for Ctrl-C: {e}");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
