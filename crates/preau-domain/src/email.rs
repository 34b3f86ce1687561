//! A professional email address, normalised once at the edge: trimmed and lowercased, so that
//! "Jean.Dupont@AC-Amiens.fr" and "jean.dupont@ac-amiens.fr" are one person everywhere.

use std::fmt;

#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EmailProblem {
    #[error("email-missing")]
    Missing,
    #[error("email-invalid")]
    Invalid,
}

impl EmailProblem {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Missing => "email-missing",
            Self::Invalid => "email-invalid",
        }
    }
}

const MAX_LEN: usize = 254;

impl Email {
    pub fn parse(input: &str) -> Result<Self, EmailProblem> {
        let s = input.trim();
        if s.is_empty() {
            return Err(EmailProblem::Missing);
        }
        if s.len() > MAX_LEN || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(EmailProblem::Invalid);
        }
        let (local, domain) = s.rsplit_once('@').ok_or(EmailProblem::Invalid)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        if local.is_empty() || local.len() > 64 || local.contains('@') || !domain_ok {
            return Err(EmailProblem::Invalid);
        }
        Ok(Self(s.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Words of the address that must not carry a password (local part pieces, domain labels).
    pub fn words(&self) -> Vec<&str> {
        self.0
            .split(['@', '.', '-', '_', '+'])
            .filter(|w| w.chars().count() >= 3)
            .collect()
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Email({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_and_space() {
        let e = Email::parse("  Jean.Dupont@AC-Amiens.fr ").unwrap();
        assert_eq!(e.as_str(), "jean.dupont@ac-amiens.fr");
        assert_eq!(e.words(), vec!["jean", "dupont", "amiens"]);
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "",
            "   ",
            "jean",
            "jean@",
            "@ac.fr",
            "jean@ac",
            "a b@ac.fr",
            "j@.fr",
            "j@ac..fr",
            "j@@ac.fr",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be rejected");
        }
        assert_eq!(Email::parse(" ").unwrap_err(), EmailProblem::Missing);
    }

    #[test]
    fn accepts_accented_domains_and_plus() {
        assert!(Email::parse("zoé+ent@école.fr").is_ok());
    }
}
