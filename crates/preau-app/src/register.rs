//! The register of processing (RGPD art. 30, TRN-04), kept as code in
//! `compliance/register.toml`: every purpose with its data, people, recipients, legal basis
//! and retention. The privacy notice and the legal frame render from it, and a test ties it
//! to the data inventory, so what the notice promises is what the tables and purges do.

use serde::Deserialize;
use std::sync::LazyLock;

/// The file, embedded at build time: the register shown is the one the binary was tested with.
pub const SOURCE: &str = include_str!("../../../compliance/register.toml");

/// The register as parsed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Register {
    #[serde(rename = "purpose")]
    pub purposes: Vec<Purpose>,
}

/// One purpose of processing.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Purpose {
    /// What inventory tables name in `Table::register`.
    pub id: String,
    /// The retention purges (`Retention::Purged { job }`) that apply this purpose's retention.
    pub jobs: Vec<String>,
    pub name: Text,
    pub description: Text,
    /// Categories of data.
    pub data: Text,
    /// People concerned.
    pub people: Text,
    pub recipients: Text,
    /// The RGPD art. 6 ground.
    pub legal_basis: Text,
    pub retention: Text,
}

/// A text in both languages of the interface.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub fr: String,
    pub en: String,
}

impl Text {
    /// The English text when `english`, else the French one (French is the default).
    pub fn get(&self, english: bool) -> &str {
        if english { &self.en } else { &self.fr }
    }
}

static PARSED: LazyLock<Result<Register, String>> =
    LazyLock::new(|| toml::from_str(SOURCE).map_err(|e| e.to_string()));

/// The register; an error only if the embedded file does not parse, which a test forbids.
pub fn register() -> Result<&'static Register, crate::AppError> {
    PARSED
        .as_ref()
        .map_err(|e| crate::AppError::Internal(format!("compliance/register.toml: {e}")))
}

impl Register {
    pub fn purpose(&self, id: &str) -> Option<&Purpose> {
        self.purposes.iter().find(|p| p.id == id)
    }
}
