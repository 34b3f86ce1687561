//! Secret tokens (sessions, setup links, API tokens): 32 bytes from the OS CSPRNG, shown once
//! in base64url, and stored only as their SHA-256 so a copy of the database opens nothing.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use std::fmt;

const TOKEN_BYTES: usize = 32;

/// The clear token, held only long enough to hand it to its owner. Debug is redacted.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretToken(String);

/// What the store keeps.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct TokenHash([u8; 32]);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the operating system's random generator failed")]
pub struct RandomUnavailable;

impl SecretToken {
    /// A fresh random token (256 bits), optionally with a readable prefix such as `preau_`.
    pub fn generate(prefix: &str) -> Result<Self, RandomUnavailable> {
        let mut bytes = [0u8; TOKEN_BYTES];
        getrandom::fill(&mut bytes).map_err(|_| RandomUnavailable)?;
        Ok(Self(format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes))))
    }

    /// A token as received from a client. Any string is accepted; an unknown one simply matches
    /// no stored hash.
    pub fn from_client(s: &str) -> Self {
        Self(s.to_owned())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn hash(&self) -> TokenHash {
        TokenHash(Sha256::digest(self.0.as_bytes()).into())
    }
}

impl fmt::Debug for SecretToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretToken(…)")
    }
}

impl TokenHash {
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The hash of a non-secret key (an email address, an IP prefix), used to key throttles
    /// without storing the key itself.
    pub fn of_key(key: &str) -> Self {
        Self(Sha256::digest(key.as_bytes()).into())
    }
}

impl fmt::Debug for TokenHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TokenHash({:02x}{:02x}…)", self.0[0], self.0[1])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_redacted() {
        let a = SecretToken::generate("").unwrap();
        let b = SecretToken::generate("").unwrap();
        assert_ne!(a, b);
        // 256 bits in base64url without padding: 43 characters (ACC-09 asks ≥ 22).
        assert_eq!(a.expose().len(), 43);
        assert!(
            a.expose()
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
        assert_eq!(format!("{a:?}"), "SecretToken(…)");
    }

    #[test]
    fn hash_is_stable_and_distinct() {
        let t = SecretToken::from_client("abc");
        assert_eq!(t.hash(), SecretToken::from_client("abc").hash());
        assert_ne!(t.hash(), SecretToken::from_client("abd").hash());
    }
}
