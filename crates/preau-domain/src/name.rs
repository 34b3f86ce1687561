//! A person's name as they give it: given name and family name, trimmed, 1–100 characters,
//! no control characters. Nothing else about a person is inferred from it.

use std::fmt;

#[derive(Clone, PartialEq, Eq)]
pub struct PersonName {
    given: String,
    family: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NameProblem {
    #[error("given-name-missing")]
    GivenMissing,
    #[error("family-name-missing")]
    FamilyMissing,
    #[error("name-too-long")]
    TooLong,
    #[error("name-invalid")]
    Invalid,
}

impl NameProblem {
    pub fn code(&self) -> &'static str {
        match self {
            Self::GivenMissing => "given-name-missing",
            Self::FamilyMissing => "family-name-missing",
            Self::TooLong => "name-too-long",
            Self::Invalid => "name-invalid",
        }
    }
}

const MAX_CHARS: usize = 100;

fn clean(part: &str, missing: NameProblem) -> Result<String, NameProblem> {
    use unicode_normalization::UnicodeNormalization;
    let s = part.split_whitespace().collect::<Vec<_>>().join(" ");
    let s: String = s.nfc().collect();
    if s.is_empty() {
        return Err(missing);
    }
    if s.chars().count() > MAX_CHARS {
        return Err(NameProblem::TooLong);
    }
    if s.chars().any(char::is_control) {
        return Err(NameProblem::Invalid);
    }
    Ok(s)
}

impl PersonName {
    /// Checks both parts; reports the given name's problem first, like the form reads.
    pub fn parse(
        given: &str,
        family: &str,
    ) -> Result<Self, (Option<NameProblem>, Option<NameProblem>)> {
        let g = clean(given, NameProblem::GivenMissing);
        let f = clean(family, NameProblem::FamilyMissing);
        match (g, f) {
            (Ok(given), Ok(family)) => Ok(Self { given, family }),
            (g, f) => Err((g.err(), f.err())),
        }
    }

    pub fn given(&self) -> &str {
        &self.given
    }

    pub fn family(&self) -> &str {
        &self.family
    }

    /// The words a password must not be built on.
    pub fn words(&self) -> Vec<&str> {
        self.given
            .split([' ', '-', '\''])
            .chain(self.family.split([' ', '-', '\'']))
            .filter(|w| w.chars().count() >= 3)
            .collect()
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.given, self.family)
    }
}

impl fmt::Debug for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PersonName({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_collapses_spaces() {
        let n = PersonName::parse("  Marie   Claire ", "d'Aubigné").unwrap();
        assert_eq!(n.to_string(), "Marie Claire d'Aubigné");
        assert_eq!(n.words(), vec!["Marie", "Claire", "Aubigné"]);
    }

    #[test]
    fn reports_each_missing_part() {
        assert_eq!(
            PersonName::parse("", " ").unwrap_err(),
            (
                Some(NameProblem::GivenMissing),
                Some(NameProblem::FamilyMissing)
            )
        );
        let long = "x".repeat(101);
        assert_eq!(
            PersonName::parse("Zoé", &long).unwrap_err(),
            (None, Some(NameProblem::TooLong))
        );
    }
}
