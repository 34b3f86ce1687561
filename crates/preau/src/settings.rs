//! Loads the configuration: built-in defaults, then `preau.toml` (or `--config FILE`), then
//! `PREAU_*` environment variables (`__` separates sections: `PREAU_SESSION__IDLE_MINUTES`).
//! Every problem names the key and where its value came from.

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use preau_app::Config;
use std::path::{Path, PathBuf};

pub const DEFAULT_FILE: &str = "preau.toml";

pub struct Loaded {
    pub config: Config,
    pub figment: Figment,
    pub file: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("configuration file {0} not found")]
    MissingFile(PathBuf),
    #[error("{0}")]
    Parse(String),
    #[error("the configuration has {} problem(s):\n{}", .0.len(), .0.join("\n"))]
    Invalid(Vec<String>),
}

/// `explicit` is `--config FILE`: then the file must exist. The default `preau.toml` is
/// optional, so `cargo run` works with nothing to write.
pub fn load(explicit: Option<&Path>) -> Result<Loaded, SettingsError> {
    let file = explicit.map_or_else(|| PathBuf::from(DEFAULT_FILE), Path::to_path_buf);
    if explicit.is_some() && !file.exists() {
        return Err(SettingsError::MissingFile(file));
    }
    let figment = Figment::from(Serialized::defaults(Config::default()))
        .merge(Toml::file(&file))
        .merge(
            Env::prefixed("PREAU_")
                .split("__")
                .ignore(&["test_postgres_url"]),
        );
    let config: Config = figment.extract().map_err(|e| {
        SettingsError::Parse(
            e.into_iter()
                .map(|e| describe_figment_error(&e))
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })?;
    Ok(Loaded {
        config,
        figment,
        file,
    })
}

fn describe_figment_error(e: &figment::Error) -> String {
    let key = e.path.join(".");
    let source = e.metadata.as_ref().map(|m| match &m.source {
        Some(src) => format!("{} ({src})", m.name),
        None => m.name.to_string(),
    });
    match (key.is_empty(), source) {
        (false, Some(src)) => format!("`{key}` from {src}: {}", e.kind),
        (false, None) => format!("`{key}`: {}", e.kind),
        (true, _) => e.kind.to_string(),
    }
}

/// The environment variable that sets `key`.
pub fn env_name(key: &str) -> String {
    format!("PREAU_{}", key.replace('.', "__").to_uppercase())
}

/// Semantic problems (production keys, bounds), each with where to fix it.
pub fn check(loaded: &Loaded) -> Result<(), SettingsError> {
    let problems: Vec<String> = loaded
        .config
        .problems()
        .into_iter()
        .map(|p| {
            let from = loaded
                .figment
                .find_metadata(p.key)
                // The built-in defaults are not a source worth naming.
                .filter(|m| m.name != "Serialized" && !m.name.ends_with("::Config"))
                .map(|m| match &m.source {
                    Some(src) => format!(" (value from {} {src})", m.name),
                    None => format!(" (value from {})", m.name),
                })
                .unwrap_or_default();
            format!(
                "  - {p}{from}; set it in {} or with {}",
                loaded.file.display(),
                env_name(p.key)
            )
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(SettingsError::Invalid(problems))
    }
}
