//! A professional email address, normalised once at the edge: trimmed, Unicode-normalised
//! (NFC) and lowercased, so that "Jean.Dupont@AC-Amiens.fr" and "jean.dupont@ac-amiens.fr",
//! or "hélène" typed precomposed and decomposed, are one person everywhere. Addresses that
//! could pass for another — invisible or bidirectional characters, fullwidth or other
//! compatibility forms, letters of several scripts — are refused with the reason.

use std::fmt;
use unicode_normalization::{UnicodeNormalization, is_nfkc};

#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EmailProblem {
    #[error("email-missing")]
    Missing,
    #[error("email-invalid")]
    Invalid,
    #[error("email-invisible-characters")]
    Invisible,
    #[error("email-lookalike-characters")]
    Lookalike,
    #[error("email-mixed-scripts")]
    MixedScripts,
}

impl EmailProblem {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Missing => "email-missing",
            Self::Invalid => "email-invalid",
            Self::Invisible => "email-invisible-characters",
            Self::Lookalike => "email-lookalike-characters",
            Self::MixedScripts => "email-mixed-scripts",
        }
    }
}

const MAX_LEN: usize = 254;

impl Email {
    pub fn parse(input: &str) -> Result<Self, EmailProblem> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(EmailProblem::Missing);
        }
        if trimmed.chars().any(is_invisible) {
            return Err(EmailProblem::Invisible);
        }
        let nfc: String = trimmed.nfc().collect();
        if !is_nfkc(&nfc) {
            return Err(EmailProblem::Lookalike);
        }
        if mixes_scripts(&nfc) {
            return Err(EmailProblem::MixedScripts);
        }
        let s = nfc.as_str();
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

/// Characters that render as nothing or reorder text: zero-width spaces and joiners, the soft
/// hyphen, bidirectional marks, overrides and isolates, the byte-order mark, and the other
/// format characters of the Unicode general category Cf that can appear in text.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFFB}' | '\u{E0000}'..='\u{E0FFF}')
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
    Other,
}

fn script(c: char) -> Option<Script> {
    if !c.is_alphabetic() {
        return None;
    }
    Some(match u32::from(c) {
        0x0000..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF => Script::Latin,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        _ => Script::Other,
    })
}

/// Letters of Latin and of Greek or Cyrillic in one address: `admіn` with a Cyrillic `і`
/// looks like `admin` and is another address.
fn mixes_scripts(s: &str) -> bool {
    let mut seen: Option<Script> = None;
    for found in s.chars().filter_map(script) {
        match seen {
            None => seen = Some(found),
            Some(first) if first != found => return true,
            Some(_) => {}
        }
    }
    false
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
    fn one_address_in_nfc_and_nfd_is_one_address() {
        let nfc = Email::parse("h\u{e9}l\u{e8}ne.dupont@ac-amiens.fr").unwrap();
        let nfd = Email::parse("he\u{301}le\u{300}ne.dupont@ac-amiens.fr").unwrap();
        assert_eq!(nfc, nfd);
        assert_eq!(nfd.as_str(), "h\u{e9}l\u{e8}ne.dupont@ac-amiens.fr");
    }

    #[test]
    fn addresses_that_pass_for_another_are_refused_with_the_reason() {
        assert_eq!(
            Email::parse("ada.ad\u{200b}min@ac-amiens.fr"),
            Err(EmailProblem::Invisible)
        );
        assert_eq!(
            Email::parse("\u{202e}rf.sneima-ca@nimda"),
            Err(EmailProblem::Invisible)
        );
        assert_eq!(
            Email::parse("ad\u{0456}n@ac-amiens.fr"),
            Err(EmailProblem::MixedScripts),
            "Cyrillic і among Latin letters"
        );
        assert_eq!(
            Email::parse("ａｄｍｉｎ@ac-amiens.fr"),
            Err(EmailProblem::Lookalike),
            "fullwidth letters"
        );
        // A whole address in one other script is that script's address, not a lookalike.
        assert!(Email::parse("иван@пример.рф").is_ok());
    }

    #[test]
    fn accepts_accented_domains_and_plus() {
        assert!(Email::parse("zoé+ent@école.fr").is_ok());
    }
}
