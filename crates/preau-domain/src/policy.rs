//! Who may see whom. `can_see` is the single visibility rule of the product: the directory,
//! recipient pickers, group invitations and sharing all ask it, so they cannot disagree.
//! Invitations are not people here at all: they never reach this function.

use std::collections::BTreeSet;
use uuid::Uuid;

/// How far a person lets others find them (DIR-01: minimal by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum DirectoryScope {
    /// Nobody finds me in the directory.
    Nobody,
    /// People of my schools or units, and of my groups.
    #[default]
    MyPlaces,
    /// Everyone in the circonscription.
    District,
}

impl DirectoryScope {
    pub const ALL: [DirectoryScope; 3] = [Self::MyPlaces, Self::District, Self::Nobody];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Nobody => "nobody",
            Self::MyPlaces => "my_places",
            Self::District => "district",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// The states of an account (DOMAIN.md "People").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountStatus {
    Active,
    /// The person's own switch: they use Préau but are hidden from everyone.
    Restricted,
    /// Absent from the last roster import: keeps access to export, hidden, erased at D+60.
    Departing,
    /// Asked to delete their account: hidden, erased after 30 days.
    Closing,
}

impl AccountStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Restricted => "restricted",
            Self::Departing => "departing",
            Self::Closing => "closing",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Active,
            Self::Restricted,
            Self::Departing,
            Self::Closing,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

/// What the rule needs to know about a person: their state, their choice, their places.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visibility {
    pub id: Uuid,
    pub status: AccountStatus,
    pub scope: DirectoryScope,
    /// Schools and units the person belongs to.
    pub places: BTreeSet<Uuid>,
    /// Groups the person is a member of.
    pub groups: BTreeSet<Uuid>,
}

/// Whether `viewer` may find and see `person`. Everyone sees themselves. Otherwise: never a
/// person who is restricted, departing or closing, or who chose `Nobody`; a person with
/// `MyPlaces` to those who share a school, unit or group; a person with `District` to every
/// active account of the instance (one instance serves one circonscription).
pub fn can_see(viewer: &Visibility, person: &Visibility) -> bool {
    if viewer.id == person.id {
        return true;
    }
    if viewer.status != AccountStatus::Active || person.status != AccountStatus::Active {
        return false;
    }
    match person.scope {
        DirectoryScope::Nobody => false,
        DirectoryScope::District => true,
        DirectoryScope::MyPlaces => {
            !viewer.places.is_disjoint(&person.places) || !viewer.groups.is_disjoint(&person.groups)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(
        status: AccountStatus,
        scope: DirectoryScope,
        places: &[u128],
        groups: &[u128],
    ) -> Visibility {
        Visibility {
            id: Uuid::now_v7(),
            status,
            scope,
            places: places.iter().map(|p| Uuid::from_u128(*p)).collect(),
            groups: groups.iter().map(|g| Uuid::from_u128(1000 + *g)).collect(),
        }
    }

    /// The visibility matrix: the person's state × their scope × what they share with the viewer.
    #[test]
    fn matrix() {
        use AccountStatus::*;
        use DirectoryScope::*;
        let viewer = person(Active, MyPlaces, &[1], &[7]);
        // (status, scope, places, groups, expected)
        type Case = (
            AccountStatus,
            DirectoryScope,
            &'static [u128],
            &'static [u128],
            bool,
        );
        let cases: &[Case] = &[
            (Active, MyPlaces, &[1], &[], true),
            (Active, MyPlaces, &[2], &[7], true),
            (Active, MyPlaces, &[2], &[], false),
            (Active, MyPlaces, &[], &[], false),
            (Active, District, &[2], &[], true),
            (Active, District, &[], &[], true),
            (Active, Nobody, &[1], &[7], false),
            (Restricted, District, &[1], &[7], false),
            (Departing, District, &[1], &[7], false),
            (Closing, District, &[1], &[7], false),
        ];
        for (status, scope, places, groups, expected) in cases {
            let p = person(*status, *scope, places, groups);
            assert_eq!(
                can_see(&viewer, &p),
                *expected,
                "{status:?} {scope:?} places {places:?} groups {groups:?}"
            );
        }
    }

    #[test]
    fn a_hidden_viewer_sees_nobody_but_themselves() {
        let open = person(AccountStatus::Active, DirectoryScope::District, &[1], &[]);
        for status in [
            AccountStatus::Restricted,
            AccountStatus::Departing,
            AccountStatus::Closing,
        ] {
            let viewer = person(status, DirectoryScope::District, &[1], &[]);
            assert!(!can_see(&viewer, &open));
            assert!(can_see(&viewer, &viewer));
        }
    }

    #[test]
    fn names_round_trip() {
        for s in DirectoryScope::ALL {
            assert_eq!(DirectoryScope::parse(s.as_str()), Some(s));
        }
        assert_eq!(DirectoryScope::default(), DirectoryScope::MyPlaces);
    }
}
