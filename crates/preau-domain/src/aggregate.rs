//! Counts about people that may be shown (guarantee 4, MON-): a count below ten is shown as
//! "fewer than ten", because a count of 3 accounts in a school of 4 is a list.

/// The smallest group a count may describe exactly.
pub const MIN_GROUP: i64 = 10;

/// A count of people or of their events, ready to be shown: small counts are not exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    /// Fewer than [`MIN_GROUP`], zero included (telling 0 from 1 would single someone out).
    FewerThanMin,
    /// At least [`MIN_GROUP`].
    Exactly(i64),
}

impl Count {
    pub fn of(n: i64) -> Self {
        if n < MIN_GROUP {
            Self::FewerThanMin
        } else {
            Self::Exactly(n)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn below_ten_is_never_exact() {
        for n in [-1, 0, 1, 3, 9] {
            assert_eq!(Count::of(n), Count::FewerThanMin, "{n}");
        }
        assert_eq!(Count::of(10), Count::Exactly(10));
        assert_eq!(Count::of(26_000), Count::Exactly(26_000));
    }
}
