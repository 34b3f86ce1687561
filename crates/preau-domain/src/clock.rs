//! Time as the domain sees it: whole seconds since the Unix epoch, from an injectable clock, so
//! that "expires after 60 days" is tested by moving the clock, and so that SQLite and
//! PostgreSQL store and compare instants identically (a plain 64-bit integer on both).

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// An instant, in whole seconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    pub const fn from_unix(seconds: i64) -> Self {
        Self(seconds)
    }

    pub const fn unix(self) -> i64 {
        self.0
    }

    #[must_use]
    pub fn plus(self, duration: Duration) -> Self {
        Self(
            self.0
                .saturating_add(i64::try_from(duration.as_secs()).unwrap_or(i64::MAX)),
        )
    }

    #[must_use]
    pub fn minus(self, duration: Duration) -> Self {
        Self(
            self.0
                .saturating_sub(i64::try_from(duration.as_secs()).unwrap_or(i64::MAX)),
        )
    }

    /// The first 1 September (00:00 UTC) after this instant: the start of the next school
    /// year, when the choices of the past one (a declined invitation) lapse.
    pub fn next_school_year_start(self) -> Timestamp {
        let Ok(now) = time::OffsetDateTime::from_unix_timestamp(self.0) else {
            return self;
        };
        let start_of = |year: i32| {
            time::Date::from_calendar_date(year, time::Month::September, 1)
                .map(|d| d.midnight().assume_utc().unix_timestamp())
                .unwrap_or(self.0)
        };
        let this_year = start_of(now.year());
        Timestamp(if this_year > self.0 {
            this_year
        } else {
            start_of(now.year() + 1)
        })
    }

    /// The 1 September (00:00 UTC) that started the current school year: a year before the
    /// next one.
    pub fn school_year_start(self) -> Timestamp {
        let next = self.next_school_year_start();
        time::OffsetDateTime::from_unix_timestamp(next.0)
            .ok()
            .and_then(|t| {
                time::Date::from_calendar_date(t.year() - 1, time::Month::September, 1).ok()
            })
            .map_or(self, |d| {
                Timestamp(d.midnight().assume_utc().unix_timestamp())
            })
    }

    /// The date in UTC as `YYYY-MM-DD`, for letters and lists.
    pub fn date(self) -> String {
        time::OffsetDateTime::from_unix_timestamp(self.0)
            .map(|t| format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day()))
            .unwrap_or_default()
    }

    /// The minute in UTC as `YYYY-MM-DD HH:MM UTC`, for lists a person reads.
    pub fn minute(self) -> String {
        time::OffsetDateTime::from_unix_timestamp(self.0)
            .map(|t| {
                format!(
                    "{:04}-{:02}-{:02} {:02}:{:02} UTC",
                    t.year(),
                    u8::from(t.month()),
                    t.day(),
                    t.hour(),
                    t.minute()
                )
            })
            .unwrap_or_default()
    }

    /// RFC 3339 rendering in UTC, for APIs and logs.
    pub fn to_rfc3339(self) -> String {
        time::OffsetDateTime::from_unix_timestamp(self.0)
            .ok()
            .and_then(|t| {
                t.format(&time::format_description::well_known::Rfc3339)
                    .ok()
            })
            .unwrap_or_else(|| self.0.to_string())
    }
}

/// Where "now" comes from. Use cases take the time from here, never from the OS directly.
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> Timestamp;
}

#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Timestamp(i64::try_from(secs).unwrap_or(i64::MAX))
    }
}

/// A clock that only moves when told to: tests use it to travel in time.
#[derive(Debug)]
pub struct ManualClock(AtomicI64);

impl ManualClock {
    pub fn starting_at(t: Timestamp) -> Self {
        Self(AtomicI64::new(t.0))
    }

    pub fn advance(&self, by: Duration) {
        let secs = i64::try_from(by.as_secs()).unwrap_or(i64::MAX);
        self.0.fetch_add(secs, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        Timestamp(self.0.load(Ordering::SeqCst))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_clock_moves_only_when_told() {
        let clock = ManualClock::starting_at(Timestamp::from_unix(1_000));
        assert_eq!(clock.now().unix(), 1_000);
        clock.advance(Duration::from_secs(61 * 86_400));
        assert_eq!(clock.now().unix(), 1_000 + 61 * 86_400);
    }

    #[test]
    fn the_school_year_starts_on_the_first_of_september() {
        // 2026-09-01T08:00:00Z → 2027-09-01; 2026-08-31T23:00:00Z → 2026-09-01.
        assert_eq!(
            Timestamp::from_unix(1_788_249_600)
                .next_school_year_start()
                .date(),
            "2027-09-01"
        );
        assert_eq!(
            Timestamp::from_unix(1_788_217_200)
                .next_school_year_start()
                .date(),
            "2026-09-01"
        );
        assert_eq!(Timestamp::from_unix(1_788_249_600).date(), "2026-09-01");
        // The current school year started on the last 1 September.
        assert_eq!(
            Timestamp::from_unix(1_788_249_600)
                .school_year_start()
                .date(),
            "2026-09-01"
        );
        assert_eq!(
            Timestamp::from_unix(1_788_217_200)
                .school_year_start()
                .date(),
            "2025-09-01"
        );
    }

    #[test]
    fn rfc3339_is_utc() {
        assert_eq!(Timestamp::from_unix(0).to_rfc3339(), "1970-01-01T00:00:00Z");
    }
}
