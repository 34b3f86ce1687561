//! The notification centre's rules (issue 10, MON-01…MON-03): what kinds of news there are,
//! how each reaches the person by email, and when an email may leave — never in the person's
//! quiet hours, on weekends or in the school holidays the instance declares.

use crate::Timestamp;
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset, Weekday};

/// Kinds of news. Each later service adds its own; a person chooses, per kind, how it reaches
/// them by email. No kind reports what someone else read, when they were last seen, or that
/// someone left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NotificationKind {
    /// Someone invites me to a group.
    GroupInvitation,
    /// Someone asks to join a group I manage.
    GroupJoinRequest,
    /// A manager answered my request to join.
    GroupRequestAnswered,
    /// The owner changed my role in a group.
    GroupRoleChanged,
    /// The owner deleted a group I was in.
    GroupDeleted,
    /// The administrators answered one of my rights requests (RGT-08).
    RightsRequestAnswered,
    /// Someone shared a file or folder with me (a share with one of my groups is not
    /// announced to each member: it is in « Partagés avec moi »).
    DocumentShared,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 7] = [
        Self::GroupInvitation,
        Self::GroupJoinRequest,
        Self::GroupRequestAnswered,
        Self::GroupRoleChanged,
        Self::GroupDeleted,
        Self::RightsRequestAnswered,
        Self::DocumentShared,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::GroupInvitation => "group-invitation",
            Self::GroupJoinRequest => "group-join-request",
            Self::GroupRequestAnswered => "group-request-answered",
            Self::GroupRoleChanged => "group-role-changed",
            Self::GroupDeleted => "group-deleted",
            Self::RightsRequestAnswered => "rights-request-answered",
            Self::DocumentShared => "document-shared",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Calm defaults: what asks for an answer comes at once, the rest in the daily digest.
    pub fn default_delivery(self) -> Delivery {
        match self {
            Self::GroupInvitation => Delivery::Immediate,
            // The answer itself is mailed at once anyway; the bell is enough.
            Self::RightsRequestAnswered => Delivery::Never,
            _ => Delivery::Daily,
        }
    }
}

/// How a kind of news reaches the person by email. It always appears in the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Delivery {
    Immediate,
    Daily,
    Weekly,
    Never,
}

impl Delivery {
    pub const ALL: [Delivery; 4] = [Self::Immediate, Self::Daily, Self::Weekly, Self::Never];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Immediate => "immediate",
            Self::Daily => "daily",
            Self::Weekly => "weekly",
            Self::Never => "never",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

/// The person's quiet hours, in minutes after local midnight: nothing is sent from `from`
/// to `to` (across midnight when `from > to`; none when they are equal), nor on weekends when
/// `weekends` is set. Digests leave when the quiet hours end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    pub from: u16,
    pub to: u16,
    pub weekends: bool,
}

impl Default for QuietHours {
    /// 19:00–07:00 and weekends.
    fn default() -> Self {
        Self {
            from: 19 * 60,
            to: 7 * 60,
            weekends: true,
        }
    }
}

impl QuietHours {
    pub const MINUTES_PER_DAY: u16 = 24 * 60;

    /// Whether the values are minutes of a day.
    pub fn is_valid(&self) -> bool {
        self.from < Self::MINUTES_PER_DAY && self.to < Self::MINUTES_PER_DAY
    }

    fn covers_minute(&self, minute: u16) -> bool {
        match self.from.cmp(&self.to) {
            std::cmp::Ordering::Equal => false,
            std::cmp::Ordering::Less => self.from <= minute && minute < self.to,
            std::cmp::Ordering::Greater => minute >= self.from || minute < self.to,
        }
    }
}

/// The instance's local time: Europe/Paris (EU summer time), or a fixed offset for the
/// overseas académies (La Réunion, the Antilles, Guyane, Mayotte…).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    EuropeParis,
    Fixed(UtcOffset),
}

impl Zone {
    /// `Europe/Paris`, or `UTC+04:00` / `UTC-03:00`.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if s == "Europe/Paris" {
            return Some(Self::EuropeParis);
        }
        let rest = s.strip_prefix("UTC")?;
        if rest.is_empty() {
            return Some(Self::Fixed(UtcOffset::UTC));
        }
        let (sign, hm) = match rest.split_at(1) {
            ("+", hm) => (1, hm),
            ("-", hm) => (-1, hm),
            _ => return None,
        };
        let (h, m) = hm.split_once(':')?;
        let (h, m): (i8, i8) = (h.parse().ok()?, m.parse().ok()?);
        if !(0..=14).contains(&h) || !(0..60).contains(&m) {
            return None;
        }
        UtcOffset::from_hms(sign * h, sign * m, 0)
            .ok()
            .map(Self::Fixed)
    }

    /// The offset in force at `at`. EU rule: summer time from the last Sunday of March to the
    /// last Sunday of October, switching at 01:00 UTC.
    pub fn offset_at(self, at: OffsetDateTime) -> UtcOffset {
        match self {
            Self::Fixed(o) => o,
            Self::EuropeParis => {
                let year = at.year();
                let switch = |month| {
                    last_sunday(year, month)
                        .with_time(Time::from_hms(1, 0, 0).unwrap_or(Time::MIDNIGHT))
                        .assume_utc()
                };
                let summer = at >= switch(time::Month::March) && at < switch(time::Month::October);
                UtcOffset::from_hms(if summer { 2 } else { 1 }, 0, 0).unwrap_or(UtcOffset::UTC)
            }
        }
    }

    fn local(self, at: Timestamp) -> PrimitiveDateTime {
        let utc =
            OffsetDateTime::from_unix_timestamp(at.unix()).unwrap_or(OffsetDateTime::UNIX_EPOCH);
        let local = utc.to_offset(self.offset_at(utc));
        PrimitiveDateTime::new(local.date(), local.time())
    }

    /// The instant of a local date and time. On the autumn night that reads twice, the
    /// earlier reading; in the spring gap, the later one (the times Préau asks for — the end
    /// of quiet hours — are not at night in practice).
    fn instant(self, local: PrimitiveDateTime) -> Timestamp {
        let readings = match self {
            Self::Fixed(o) => vec![o],
            Self::EuropeParis => [2, 1]
                .into_iter()
                .filter_map(|h| UtcOffset::from_hms(h, 0, 0).ok())
                .collect(),
        };
        let fits = readings
            .iter()
            .map(|o| local.assume_offset(*o))
            .find(|t| self.offset_at(*t) == t.offset());
        let chosen = fits.unwrap_or_else(|| {
            local.assume_offset(readings.last().copied().unwrap_or(UtcOffset::UTC))
        });
        Timestamp::from_unix(chosen.unix_timestamp())
    }
}

fn last_sunday(year: i32, month: time::Month) -> Date {
    let next_month_first = match month {
        time::Month::December => Date::from_calendar_date(year + 1, time::Month::January, 1),
        m => Date::from_calendar_date(year, m.next(), 1),
    }
    .unwrap_or(Date::MIN);
    let mut d = next_month_first.previous_day().unwrap_or(Date::MIN);
    while d.weekday() != Weekday::Sunday {
        d = d.previous_day().unwrap_or(Date::MIN);
    }
    d
}

/// The instance's calendar: its zone and the school holidays, inclusive ranges of dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    pub zone: Zone,
    pub holidays: Vec<(Date, Date)>,
}

impl Default for Calendar {
    fn default() -> Self {
        Self {
            zone: Zone::EuropeParis,
            holidays: Vec::new(),
        }
    }
}

impl Calendar {
    fn is_quiet_day(&self, quiet: &QuietHours, day: Date) -> bool {
        (quiet.weekends && matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday))
            || self
                .holidays
                .iter()
                .any(|(from, to)| *from <= day && day <= *to)
    }

    /// Whether nothing may be sent at `at`.
    pub fn is_quiet(&self, quiet: &QuietHours, at: Timestamp) -> bool {
        let local = self.zone.local(at);
        let minute = u16::from(local.hour()) * 60 + u16::from(local.minute());
        self.is_quiet_day(quiet, local.date()) || quiet.covers_minute(minute)
    }

    /// The end of the quiet hours (`to`) on `day`, as an instant.
    fn morning(&self, quiet: &QuietHours, day: Date) -> Timestamp {
        let time = Time::from_hms(
            u8::try_from(quiet.to / 60).unwrap_or(0),
            u8::try_from(quiet.to % 60).unwrap_or(0),
            0,
        )
        .unwrap_or(Time::MIDNIGHT);
        self.zone.instant(PrimitiveDateTime::new(day, time))
    }

    /// The first moment at or after `at` when an email may leave.
    pub fn next_open(&self, quiet: &QuietHours, at: Timestamp) -> Timestamp {
        if !self.is_quiet(quiet, at) {
            return at;
        }
        let mut day = self.zone.local(at).date();
        // A year of holidays and weekends is the most anyone could declare.
        for _ in 0..400 {
            let candidate = self.morning(quiet, day);
            if candidate >= at && !self.is_quiet(quiet, candidate) {
                return candidate;
            }
            day = day.next_day().unwrap_or(day);
        }
        at
    }

    /// When the news of `created` is due by email, or `None` for never. A daily digest leaves
    /// at the end of the next quiet night; a weekly one on the first open morning from the
    /// next Monday. Immediate news waits for the end of quiet hours.
    pub fn mail_due(
        &self,
        delivery: Delivery,
        quiet: &QuietHours,
        created: Timestamp,
    ) -> Option<Timestamp> {
        let today = self.zone.local(created).date();
        let after = |day: Date| {
            let morning = self.morning(quiet, day);
            self.next_open(quiet, morning)
        };
        match delivery {
            Delivery::Never => None,
            Delivery::Immediate => Some(self.next_open(quiet, created)),
            Delivery::Daily => {
                let morning = self.morning(quiet, today);
                Some(if morning > created {
                    self.next_open(quiet, morning)
                } else {
                    after(today.next_day().unwrap_or(today))
                })
            }
            Delivery::Weekly => {
                let mut monday = today.next_day().unwrap_or(today);
                while monday.weekday() != Weekday::Monday {
                    monday = monday.next_day().unwrap_or(monday);
                }
                Some(after(monday))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn at(dt: PrimitiveDateTime) -> Timestamp {
        Calendar::default().zone.instant(dt)
    }

    #[test]
    fn paris_switches_to_summer_time_on_the_last_sundays() {
        let z = Zone::EuropeParis;
        let winter = datetime!(2026-03-29 00:59 UTC);
        let summer = datetime!(2026-03-29 01:00 UTC);
        assert_eq!(z.offset_at(winter).whole_hours(), 1);
        assert_eq!(z.offset_at(summer).whole_hours(), 2);
        assert_eq!(
            z.offset_at(datetime!(2026-10-25 00:59 UTC)).whole_hours(),
            2
        );
        assert_eq!(
            z.offset_at(datetime!(2026-10-25 01:00 UTC)).whole_hours(),
            1
        );
    }

    #[test]
    fn zones_parse() {
        assert_eq!(Zone::parse("Europe/Paris"), Some(Zone::EuropeParis));
        assert_eq!(
            Zone::parse("UTC+04:00"),
            Some(Zone::Fixed(UtcOffset::from_hms(4, 0, 0).unwrap()))
        );
        assert_eq!(
            Zone::parse("UTC-03:00"),
            Some(Zone::Fixed(UtcOffset::from_hms(-3, 0, 0).unwrap()))
        );
        assert_eq!(Zone::parse("Paris"), None);
        assert_eq!(Zone::parse("UTC+4"), None);
    }

    #[test]
    fn immediate_news_waits_for_the_morning_and_skips_the_weekend() {
        let c = Calendar::default();
        let q = QuietHours::default();
        // Tuesday 1 December 2026, 10:00 in Paris: at once.
        let tuesday = at(datetime!(2026-12-01 10:00));
        assert_eq!(c.mail_due(Delivery::Immediate, &q, tuesday), Some(tuesday));
        // 21:00: at 07:00 the next morning.
        assert_eq!(
            c.mail_due(Delivery::Immediate, &q, at(datetime!(2026-12-01 21:00))),
            Some(at(datetime!(2026-12-02 07:00)))
        );
        // Friday 20:00: Monday 07:00.
        assert_eq!(
            c.mail_due(Delivery::Immediate, &q, at(datetime!(2026-12-04 20:00))),
            Some(at(datetime!(2026-12-07 07:00)))
        );
    }

    #[test]
    fn digests_leave_once_a_period_at_the_end_of_the_quiet_night() {
        let c = Calendar::default();
        let q = QuietHours::default();
        let morning = Some(at(datetime!(2026-12-02 07:00)));
        // Everything of Tuesday goes in Wednesday's 07:00 digest.
        for t in [
            datetime!(2026-12-01 07:00),
            datetime!(2026-12-01 12:00),
            datetime!(2026-12-01 23:59),
        ] {
            assert_eq!(c.mail_due(Delivery::Daily, &q, at(t)), morning, "{t}");
        }
        // Before 07:00 on Wednesday: the same digest.
        assert_eq!(
            c.mail_due(Delivery::Daily, &q, at(datetime!(2026-12-02 06:00))),
            morning
        );
        // Weekly: the next Monday, whatever the day.
        let monday = Some(at(datetime!(2026-12-07 07:00)));
        for t in [datetime!(2026-12-01 09:00), datetime!(2026-12-06 23:00)] {
            assert_eq!(c.mail_due(Delivery::Weekly, &q, at(t)), monday, "{t}");
        }
        assert_eq!(
            c.mail_due(Delivery::Never, &q, at(datetime!(2026-12-01 09:00))),
            None
        );
    }

    #[test]
    fn holidays_hold_everything_until_school_starts_again() {
        let c = Calendar {
            zone: Zone::EuropeParis,
            holidays: vec![(
                time::macros::date!(2026 - 12 - 19),
                time::macros::date!(2027 - 01 - 03),
            )],
        };
        let q = QuietHours::default();
        let back = Some(at(datetime!(2027-01-04 07:00)));
        assert_eq!(
            c.mail_due(Delivery::Immediate, &q, at(datetime!(2026-12-21 10:00))),
            back
        );
        assert_eq!(
            c.mail_due(Delivery::Daily, &q, at(datetime!(2026-12-18 10:00))),
            back
        );
    }

    #[test]
    fn a_daytime_quiet_span_and_no_quiet_hours() {
        let c = Calendar::default();
        let lunch = QuietHours {
            from: 12 * 60,
            to: 14 * 60,
            weekends: false,
        };
        assert_eq!(
            c.mail_due(Delivery::Immediate, &lunch, at(datetime!(2026-12-05 12:30))),
            Some(at(datetime!(2026-12-05 14:00)))
        );
        let none = QuietHours {
            from: 0,
            to: 0,
            weekends: false,
        };
        let saturday_night = at(datetime!(2026-12-05 23:00));
        assert_eq!(
            c.mail_due(Delivery::Immediate, &none, saturday_night),
            Some(saturday_night)
        );
    }

    #[test]
    fn summer_mornings_are_local_mornings() {
        let c = Calendar::default();
        let q = QuietHours::default();
        // 2 June 2027, 21:00 Paris (summer time): next morning 07:00 Paris = 05:00 UTC.
        let due = c.mail_due(Delivery::Immediate, &q, at(datetime!(2027-06-02 21:00)));
        assert_eq!(
            due.map(Timestamp::unix),
            Some(datetime!(2027-06-03 05:00 UTC).unix_timestamp())
        );
    }
}
