//! A school's UAI (ex-RNE) code as the administration writes it: 7 digits then 1 letter.
//! Normalised once at the edge (trimmed, letter uppercased) so one school has one key.

use std::fmt;

#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Uai(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UaiProblem {
    #[error("uai-missing")]
    Missing,
    #[error("uai-invalid")]
    Invalid,
}

impl UaiProblem {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Missing => "uai-missing",
            Self::Invalid => "uai-invalid",
        }
    }
}

const DIGITS: usize = 7;

impl Uai {
    /// The check letter is not verified: rosters carry codes whose key we cannot recompute
    /// for every academy, and refusing a real school would lose its staff.
    pub fn parse(input: &str) -> Result<Self, UaiProblem> {
        let s = input.trim();
        if s.is_empty() {
            return Err(UaiProblem::Missing);
        }
        let Some((&letter, digits)) = s.as_bytes().split_last() else {
            return Err(UaiProblem::Missing);
        };
        if digits.len() != DIGITS
            || !digits.iter().all(u8::is_ascii_digit)
            || !letter.is_ascii_alphabetic()
        {
            return Err(UaiProblem::Invalid);
        }
        let mut code = String::with_capacity(DIGITS + 1);
        // All bytes are ASCII here, so this slice is on a char boundary.
        code.push_str(s.get(..DIGITS).ok_or(UaiProblem::Invalid)?);
        code.push(char::from(letter.to_ascii_uppercase()));
        Ok(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Uai {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Uai {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Uai({})", self.0)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn normalises_space_and_case() {
        let u = Uai::parse("  0801234a ").unwrap();
        assert_eq!(u.as_str(), "0801234A");
        assert_eq!(u.to_string(), "0801234A");
        assert_eq!(format!("{u:?}"), "Uai(0801234A)");
        assert_eq!(u, Uai::parse("0801234A").unwrap());
    }

    #[test]
    fn reports_missing() {
        assert_eq!(Uai::parse("").unwrap_err(), UaiProblem::Missing);
        assert_eq!(Uai::parse(" \t").unwrap_err(), UaiProblem::Missing);
        assert_eq!(UaiProblem::Missing.code(), "uai-missing");
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "080123A",
            "08012345A",
            "0801234",
            "A0801234",
            "0801234AB",
            "08O1234A",
            "0801 234A",
            "0801234-",
            "0801234é",
            "０801234A",
            "0801234\u{0}",
        ] {
            assert_eq!(
                Uai::parse(bad).unwrap_err(),
                UaiProblem::Invalid,
                "{bad:?} should be invalid"
            );
        }
        assert_eq!(UaiProblem::Invalid.code(), "uai-invalid");
    }

    #[test]
    fn does_not_verify_the_check_letter() {
        assert!(Uai::parse("0000000Z").is_ok());
    }
}
