//! Permissions are explicit grants by an administrator (or by the first-administrator setup),
//! never implied by a function such as "direction d'école" or "IEN".

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Permission {
    Admin,
    Announcer,
    Moderator,
    SecurityOfficer,
}

impl Permission {
    pub const ALL: [Permission; 4] = [
        Self::Admin,
        Self::Announcer,
        Self::Moderator,
        Self::SecurityOfficer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Announcer => "announcer",
            Self::Moderator => "moderator",
            Self::SecurityOfficer => "security_officer",
        }
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown permission {0:?}")]
pub struct UnknownPermission(pub String);

impl FromStr for Permission {
    type Err = UnknownPermission;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| UnknownPermission(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for p in Permission::ALL {
            assert_eq!(p.as_str().parse::<Permission>().unwrap(), p);
        }
        assert!("direction".parse::<Permission>().is_err());
    }
}
