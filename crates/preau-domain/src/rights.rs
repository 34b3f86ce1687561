//! Rights requests that need a human (RGT-08, GDPR Art. 12(3)–(4)): what a request is, when
//! it is due, when it may be extended, and what closing it needs. The deadline is one
//! calendar month from receipt; it may grow by one or two more months only with a reason
//! told to the person before the first month ends; a refusal names its legal ground.

use crate::Timestamp;

/// What the person asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RequestKind {
    /// Correct fields that come from the roster (Art. 16).
    Rectification,
    /// A copy of the data, beyond the self-service export (Art. 15).
    Access,
    /// Erasure (Art. 17).
    Erasure,
    /// Objection (Art. 21).
    Objection,
    Other,
}

impl RequestKind {
    pub const ALL: [RequestKind; 5] = [
        Self::Rectification,
        Self::Access,
        Self::Erasure,
        Self::Objection,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Rectification => "rectification",
            Self::Access => "access",
            Self::Erasure => "erasure",
            Self::Objection => "objection",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Where a request came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// From « Mes données », signed in (RGT-09: the session is the proof of identity).
    Account,
    /// A letter, entered by an administrator.
    Post,
    /// The public form, once the link sent to the address was followed.
    PublicForm,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Self::Account, Self::Post, Self::PublicForm];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Account => "account",
            Self::Post => "post",
            Self::PublicForm => "form",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The states of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestStatus {
    /// Sent from the public form; enters the queue when the mailed link is followed.
    Unconfirmed,
    Open,
    /// The deadline was extended (once, with a reason told to the person).
    Extended,
    ClosedDone,
    ClosedRefused,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 5] = [
        Self::Unconfirmed,
        Self::Open,
        Self::Extended,
        Self::ClosedDone,
        Self::ClosedRefused,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unconfirmed => "unconfirmed",
            Self::Open => "open",
            Self::Extended => "extended",
            Self::ClosedDone => "closed-done",
            Self::ClosedRefused => "closed-refused",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Waiting for an answer from the administrators.
    pub fn is_pending(self) -> bool {
        matches!(self, Self::Open | Self::Extended)
    }

    pub fn is_closed(self) -> bool {
        matches!(self, Self::ClosedDone | Self::ClosedRefused)
    }
}

/// The legal ground of a refusal: a short list, each with the article it rests on, and free
/// text to apply it to the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusalGround {
    /// Art. 12(5): manifestly unfounded or excessive.
    ManifestlyUnfounded,
    /// Art. 12(6) and 11(2): the requester's identity could not be established.
    IdentityNotEstablished,
    /// Art. 17(3)(b), 21(1): a legal obligation or a task in the public interest.
    PublicTask,
    /// Art. 17(3)(e): needed for legal claims.
    LegalClaims,
    /// Art. 16: the data are accurate (the authoritative source says so).
    DataAccurate,
    /// Art. 15(4), 23: the rights and freedoms of others, or a restriction set by law.
    OthersRights,
}

impl RefusalGround {
    pub const ALL: [RefusalGround; 6] = [
        Self::ManifestlyUnfounded,
        Self::IdentityNotEstablished,
        Self::PublicTask,
        Self::LegalClaims,
        Self::DataAccurate,
        Self::OthersRights,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ManifestlyUnfounded => "manifestly-unfounded",
            Self::IdentityNotEstablished => "identity-not-established",
            Self::PublicTask => "public-task",
            Self::LegalClaims => "legal-claims",
            Self::DataAccurate => "data-accurate",
            Self::OthersRights => "others-rights",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The article, as the refusal email cites it.
    pub fn article(self) -> &'static str {
        match self {
            Self::ManifestlyUnfounded => "RGPD art. 12.5",
            Self::IdentityNotEstablished => "RGPD art. 11.2 et 12.6",
            Self::PublicTask => "RGPD art. 17.3.b et 21.1",
            Self::LegalClaims => "RGPD art. 17.3.e",
            Self::DataAccurate => "RGPD art. 16",
            Self::OthersRights => "RGPD art. 15.4 et 23",
        }
    }
}

/// `t` plus `months` calendar months (UTC), the day clamped to the month's end: received on
/// 31 January, due on the last day of February at the same time.
pub fn add_months(t: Timestamp, months: u8) -> Timestamp {
    let Ok(at) = time::OffsetDateTime::from_unix_timestamp(t.unix()) else {
        return t;
    };
    let index = i32::from(u8::from(at.month())) - 1 + i32::from(months);
    let year = at.year() + index.div_euclid(12);
    let Ok(month) = time::Month::try_from(u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1))
    else {
        return t;
    };
    let day = at.day().min(month.length(year));
    time::Date::from_calendar_date(year, month, day)
        .map(|d| Timestamp::from_unix(d.with_time(at.time()).assume_utc().unix_timestamp()))
        .unwrap_or(t)
}

/// Art. 12(3): one month from receipt.
pub fn due(received: Timestamp) -> Timestamp {
    add_months(received, 1)
}

/// The longest extension: two further months.
pub const MAX_EXTENSION_MONTHS: u8 = 2;
/// The longest reason, message or free text the administrators write.
pub const MAX_TEXT: usize = 4000;
/// Days after receipt when the administrators are reminded of a pending request.
pub const REMINDER_DAYS: [u64; 2] = [20, 27];

/// Why an extension is refused, as error codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtensionProblem {
    /// Only an open request is extended, and only once.
    NotOpen,
    /// The first month has ended: the person had to be told before.
    TooLate,
    ReasonMissing,
    /// One or two months.
    MonthsInvalid,
}

impl ExtensionProblem {
    pub fn code(self) -> &'static str {
        match self {
            Self::NotOpen => "rights-request-not-open",
            Self::TooLate => "rights-extension-too-late",
            Self::ReasonMissing => "rights-extension-reason-missing",
            Self::MonthsInvalid => "rights-extension-months-invalid",
        }
    }

    /// A problem of the request's state or of the clock, not of what was written.
    pub fn is_state(self) -> bool {
        matches!(self, Self::NotOpen | Self::TooLate)
    }

    /// The form field the problem is about.
    pub fn field(self) -> &'static str {
        match self {
            Self::NotOpen | Self::TooLate => "months",
            Self::ReasonMissing => "reason",
            Self::MonthsInvalid => "months",
        }
    }
}

/// The new due date of an extension, if it is allowed now (Art. 12(3)): an open request,
/// within its first month, one or two months, with a reason.
pub fn extension(
    status: RequestStatus,
    received: Timestamp,
    now: Timestamp,
    months: u8,
    reason: &str,
) -> Result<Timestamp, Vec<ExtensionProblem>> {
    let mut problems = Vec::new();
    if status != RequestStatus::Open {
        problems.push(ExtensionProblem::NotOpen);
    } else if now >= due(received) {
        problems.push(ExtensionProblem::TooLate);
    }
    if !(1..=MAX_EXTENSION_MONTHS).contains(&months) {
        problems.push(ExtensionProblem::MonthsInvalid);
    }
    if reason.trim().is_empty() {
        problems.push(ExtensionProblem::ReasonMissing);
    }
    if problems.is_empty() {
        Ok(add_months(received, 1 + months))
    } else {
        Err(problems)
    }
}

/// How a request is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    Refused(RefusalGround),
}

impl Outcome {
    pub fn status(self) -> RequestStatus {
        match self {
            Self::Done => RequestStatus::ClosedDone,
            Self::Refused(_) => RequestStatus::ClosedRefused,
        }
    }
}

/// Overdue: still waiting after its due date.
pub fn is_overdue(status: RequestStatus, due: Timestamp, now: Timestamp) -> bool {
    status.is_pending() && now > due
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u8, d: u8) -> Timestamp {
        let month = time::Month::try_from(m).unwrap();
        Timestamp::from_unix(
            time::Date::from_calendar_date(y, month, d)
                .unwrap()
                .with_hms(10, 0, 0)
                .unwrap()
                .assume_utc()
                .unix_timestamp(),
        )
    }

    #[test]
    fn a_month_is_a_calendar_month() {
        assert_eq!(due(at(2026, 9, 1)), at(2026, 10, 1));
        assert_eq!(due(at(2027, 1, 31)), at(2027, 2, 28));
        assert_eq!(due(at(2028, 1, 31)), at(2028, 2, 29));
        assert_eq!(due(at(2026, 12, 15)), at(2027, 1, 15));
        assert_eq!(add_months(at(2026, 11, 30), 3), at(2027, 2, 28));
    }

    #[test]
    fn an_extension_needs_an_open_request_a_reason_and_the_first_month() {
        let received = at(2026, 9, 1);
        let ok = extension(
            RequestStatus::Open,
            received,
            at(2026, 9, 30),
            2,
            "complexe",
        );
        assert_eq!(ok, Ok(at(2026, 12, 1)));
        assert_eq!(
            extension(RequestStatus::Open, received, at(2026, 10, 1), 1, "x"),
            Err(vec![ExtensionProblem::TooLate])
        );
        assert_eq!(
            extension(RequestStatus::Open, received, at(2026, 9, 2), 1, "  "),
            Err(vec![ExtensionProblem::ReasonMissing])
        );
        assert_eq!(
            extension(RequestStatus::Open, received, at(2026, 9, 2), 3, "x"),
            Err(vec![ExtensionProblem::MonthsInvalid])
        );
        assert_eq!(
            extension(RequestStatus::Extended, received, at(2026, 9, 2), 1, "x"),
            Err(vec![ExtensionProblem::NotOpen])
        );
    }

    #[test]
    fn overdue_only_while_pending() {
        let d = at(2026, 10, 1);
        assert!(is_overdue(RequestStatus::Open, d, at(2026, 10, 2)));
        assert!(!is_overdue(RequestStatus::Open, d, at(2026, 9, 30)));
        assert!(!is_overdue(RequestStatus::ClosedDone, d, at(2026, 10, 2)));
    }

    proptest::proptest! {
        /// Any instant of these centuries: a month later is 28 to 31 days later, at the same
        /// time of day, and three months are never less than one plus two.
        #[test]
        fn a_month_is_28_to_31_days(t in -2_208_988_800_i64..4_102_444_800) {
            let at = Timestamp::from_unix(t);
            let d = due(at).unix() - t;
            proptest::prop_assert!((28 * 86_400..=31 * 86_400).contains(&d), "{}", d);
            proptest::prop_assert_eq!(d % 86_400, 0);
            proptest::prop_assert!(add_months(at, 3) >= add_months(due(at), 2));
        }
    }

    #[test]
    fn codes_round_trip() {
        for k in RequestKind::ALL {
            assert_eq!(RequestKind::parse(k.as_str()), Some(k));
        }
        for s in RequestStatus::ALL {
            assert_eq!(RequestStatus::parse(s.as_str()), Some(s));
        }
        for g in RefusalGround::ALL {
            assert_eq!(RefusalGround::parse(g.as_str()), Some(g));
        }
    }
}
