//! Working groups (« groupes de travail »): their kinds, the roles inside one, and the values a
//! group is made of. Membership happens only by the person's own act (guarantee 2); the rules
//! of who may do what are in `policy::can`, with `Resource::Group`.

use uuid::Uuid;

/// Who finds a group and how one gets in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GroupKind {
    /// Listed in the group directory; anyone joins at once.
    Open,
    /// Listed; joining is a request a manager approves.
    Closed,
    /// Unlisted; by invitation only.
    Private,
}

impl GroupKind {
    pub const ALL: [GroupKind; 3] = [Self::Open, Self::Closed, Self::Private];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Closed => "closed",
            Self::Private => "private",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn is_listed(self) -> bool {
        !matches!(self, Self::Private)
    }
}

/// A member's role; a group always keeps an owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GroupRole {
    Member,
    Manager,
    Owner,
}

impl GroupRole {
    pub const ALL: [GroupRole; 3] = [Self::Member, Self::Manager, Self::Owner];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Member => "member",
            Self::Manager => "manager",
            Self::Owner => "owner",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Managers and owners run the group: invitations and join requests.
    pub fn manages(self) -> bool {
        self >= Self::Manager
    }
}

/// What the policy needs to know about a group, from the asker's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupFacts {
    pub id: Uuid,
    pub kind: GroupKind,
    /// Union, health, mutual aid: its membership is shown to its members only, ever.
    pub sensitive: bool,
    pub archived: bool,
    /// The asker's role, if they are a member.
    pub role: Option<GroupRole>,
}

pub const MAX_NAME_CHARS: usize = 80;
pub const MAX_DESCRIPTION_CHARS: usize = 1000;
pub const MAX_MESSAGE_CHARS: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum GroupTextProblem {
    #[error("group-name-missing")]
    NameMissing,
    #[error("group-name-invalid")]
    NameInvalid,
    #[error("group-description-invalid")]
    DescriptionInvalid,
    #[error("group-message-invalid")]
    MessageInvalid,
}

impl GroupTextProblem {
    pub fn code(self) -> &'static str {
        match self {
            Self::NameMissing => "group-name-missing",
            Self::NameInvalid => "group-name-invalid",
            Self::DescriptionInvalid => "group-description-invalid",
            Self::MessageInvalid => "group-message-invalid",
        }
    }
}

/// A group's name: spaces collapsed, NFC, 1–80 characters (as typed and once normalised), no
/// control character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupName(String);

impl GroupName {
    pub fn parse(input: &str) -> Result<Self, GroupTextProblem> {
        use unicode_normalization::UnicodeNormalization;
        let s: String = input
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .nfc()
            .collect();
        if s.is_empty() {
            return Err(GroupTextProblem::NameMissing);
        }
        // Counted as typed and once normalised: a limit a client can check before sending.
        let too_long = input.chars().count().max(s.chars().count()) > MAX_NAME_CHARS;
        if too_long || s.chars().any(char::is_control) {
            return Err(GroupTextProblem::NameInvalid);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Free text (a description, an invitation's message): trimmed, NFC, within `max` characters
/// as typed and once normalised;
/// line breaks allowed, other control characters not.
pub fn free_text(
    input: &str,
    max: usize,
    problem: GroupTextProblem,
) -> Result<String, GroupTextProblem> {
    use unicode_normalization::UnicodeNormalization;
    let s: String = input.trim().nfc().collect();
    let too_long = input.chars().count().max(s.chars().count()) > max;
    if too_long || s.chars().any(|c| c.is_control() && c != '\n' && c != '\r') {
        return Err(problem);
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_checked() {
        for k in GroupKind::ALL {
            assert_eq!(GroupKind::parse(k.as_str()), Some(k));
        }
        for r in GroupRole::ALL {
            assert_eq!(GroupRole::parse(r.as_str()), Some(r));
        }
        assert_eq!(
            GroupName::parse("  Cycle   3 maths ").unwrap().as_str(),
            "Cycle 3 maths"
        );
        assert_eq!(GroupName::parse("   "), Err(GroupTextProblem::NameMissing));
        assert_eq!(
            GroupName::parse(&"x".repeat(81)),
            Err(GroupTextProblem::NameInvalid)
        );
        assert_eq!(
            GroupName::parse("a\u{7}b"),
            Err(GroupTextProblem::NameInvalid)
        );
        assert!(free_text("ligne 1\nligne 2", 20, GroupTextProblem::DescriptionInvalid).is_ok());
        // Counted as typed too: what the OpenAPI document's `maxLength` checks.
        assert_eq!(
            GroupName::parse(&format!("{}  {}", "x".repeat(40), "y".repeat(39))),
            Err(GroupTextProblem::NameInvalid)
        );
        assert!(GroupName::parse(&format!("{} {}", "x".repeat(40), "y".repeat(39))).is_ok());
        assert_eq!(
            free_text(
                &format!("\u{3000}{}", "*".repeat(20)),
                20,
                GroupTextProblem::DescriptionInvalid
            ),
            Err(GroupTextProblem::DescriptionInvalid)
        );
        assert!(free_text(&"*".repeat(20), 20, GroupTextProblem::DescriptionInvalid).is_ok());
        assert!(GroupRole::Owner.manages() && GroupRole::Manager.manages());
        assert!(!GroupRole::Member.manages());
    }
}
