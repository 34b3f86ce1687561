//! Identifiers: UUIDv7 made in Rust, so rows sort by creation on both backends and ids never
//! depend on a database sequence.

use std::fmt;
use uuid::Uuid;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct UserId(Uuid);

impl UserId {
    pub fn new() -> Self {
        Self(Uuid::now_v7())
    }

    pub const fn from_uuid(id: Uuid) -> Self {
        Self(id)
    }

    pub const fn as_uuid(&self) -> Uuid {
        self.0
    }
}

impl Default for UserId {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A fresh UUIDv7 for rows that have no typed id of their own yet.
pub fn new_row_id() -> Uuid {
    Uuid::now_v7()
}

/// A random (version 4) UUID, for an id shown in place of a secret-derived key: unlike a
/// UUIDv7 it tells nothing of when its row was made.
pub fn random_id() -> Result<Uuid, crate::token::RandomUnavailable> {
    let mut bytes = [0_u8; 16];
    getrandom::fill(&mut bytes).map_err(|_| crate::token::RandomUnavailable)?;
    Ok(uuid::Builder::from_random_bytes(bytes).into_uuid())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn random_ids_are_version_4_and_differ() {
        let a = random_id().unwrap();
        let b = random_id().unwrap();
        assert_eq!(a.get_version_num(), 4);
        assert_ne!(a, b);
    }
}
