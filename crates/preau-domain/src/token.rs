//! Secret tokens (sessions, setup links, API tokens): 32 bytes from the OS CSPRNG, shown once
//! in base64url, and stored only as their SHA-256 so a copy of the database opens nothing.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use std::fmt;

const TOKEN_BYTES: usize = 32;
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

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

    /// A code to be typed from a printed letter as well as followed as a link: 128 random
    /// bits in Crockford base32 (26 characters, no I, L, O or U), shown in groups of four.
    pub fn generate_code() -> Result<Self, RandomUnavailable> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).map_err(|_| RandomUnavailable)?;
        let mut value = u128::from_be_bytes(bytes);
        let mut out = [b'0'; 26];
        for slot in out.iter_mut().rev() {
            *slot = CROCKFORD[(value & 31) as usize];
            value >>= 5;
        }
        Ok(Self(out.iter().map(|&b| char::from(b)).collect()))
    }

    /// A code as a person typed it: case, spaces and dashes ignored, and the letters people
    /// confuse with digits read as those digits (O → 0, I and L → 1).
    pub fn from_typed_code(input: &str) -> Self {
        Self(
            input
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .map(|c| match c.to_ascii_uppercase() {
                    'O' => '0',
                    'I' | 'L' => '1',
                    other => other,
                })
                .collect(),
        )
    }

    /// `7KQ2-M9XD-…`: the code in groups of four, for letters.
    pub fn grouped(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        chars
            .chunks(4)
            .map(|c| c.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("-")
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
    fn codes_survive_being_typed_from_paper() {
        let code = SecretToken::generate_code().unwrap();
        assert_eq!(code.expose().len(), 26);
        let typed = code
            .grouped()
            .to_lowercase()
            .replace('0', "o")
            .replace('1', "l");
        assert_eq!(
            SecretToken::from_typed_code(&format!(" {typed} ")).hash(),
            code.hash()
        );
        assert_eq!(code.grouped().len(), 26 + 6);
    }

    #[test]
    fn hash_is_stable_and_distinct() {
        let t = SecretToken::from_client("abc");
        assert_eq!(t.hash(), SecretToken::from_client("abc").hash());
        assert_ne!(t.hash(), SecretToken::from_client("abd").hash());
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Known answers from FIPS 180-2 (appendix B): what the store keeps must be plain SHA-256
    /// of the token's text, not merely a function that agrees with itself.
    #[test]
    fn hashes_are_sha256_of_the_text() {
        const ABC: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        const TWO_BLOCKS: &str = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
        let two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        assert_eq!(hex(SecretToken::from_client("abc").hash().as_bytes()), ABC);
        assert_eq!(hex(TokenHash::of_key("abc").as_bytes()), ABC);
        assert_eq!(
            hex(SecretToken::from_client(two_blocks).hash().as_bytes()),
            TWO_BLOCKS
        );
        // A typed code is normalised ("a-b c" is "ABC"), then hashed as that text; the value
        // is `printf ABC | sha256sum`.
        assert_eq!(
            hex(SecretToken::from_typed_code("a-b c").hash().as_bytes()),
            "b5d4045c3f466fa91fe2cc6abe79232a1a57cdf104f7a26e716e0a1e2789df78"
        );
    }
}
