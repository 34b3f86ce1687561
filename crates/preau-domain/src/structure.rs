//! Schools and units (« école ou service »): one table for both, schools keyed by their UAI.

/// What a structure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StructureKind {
    /// A school, from the roster, with its UAI.
    School,
    /// A unit added by an administrator: the district team, a RASED…
    Unit,
}

impl StructureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::School => "school",
            Self::Unit => "unit",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::School, Self::Unit]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for k in [StructureKind::School, StructureKind::Unit] {
            assert_eq!(StructureKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(StructureKind::parse("ecole"), None);
    }
}
