//! The messagerie's rules that need no storage (issue 13, MSG-01…MSG-07): who gets a copy of a
//! message and in which field, how many people one may write to, what a reader sees of the
//! other recipients (never a Bcc), and how long a message can be recalled. The use cases
//! apply them; the tests here hold them whatever the storage does.

use crate::Timestamp;
use std::collections::BTreeMap;
use std::time::Duration;
use uuid::Uuid;

/// Recipients of one message at most (a group counts as its members): more people are
/// reached by announcements, to which people subscribe.
pub const MAX_RECIPIENTS_PER_MESSAGE: usize = 20;
/// Recipients in any hour, over all of one's messages.
pub const MAX_RECIPIENTS_PER_HOUR: usize = 100;
/// Recipients in any day, over all of one's messages.
pub const MAX_RECIPIENTS_PER_DAY: usize = 300;
/// How long after sending a message can be recalled.
pub const RECALL_WINDOW: Duration = Duration::from_secs(60 * 60);
/// The longest subject, in characters.
pub const SUBJECT_MAX_CHARS: usize = 200;
/// The longest body, in characters.
pub const BODY_MAX_CHARS: usize = 100_000;

/// Where a recipient was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    To,
    Cc,
    Bcc,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::To => "to",
            Self::Cc => "cc",
            Self::Bcc => "bcc",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "to" => Some(Self::To),
            "cc" => Some(Self::Cc),
            "bcc" => Some(Self::Bcc),
            _ => None,
        }
    }
}

/// One copy per person, in the most open field they were named in (To before Cc before
/// Bcc: someone named in To and in Bcc is openly a recipient), the sender left out (their
/// copy is in « Envoyés »). In the order first named.
pub fn deliveries(sender: Uuid, named: &[(Uuid, Field)]) -> Vec<(Uuid, Field)> {
    let mut best: BTreeMap<Uuid, (usize, Field)> = BTreeMap::new();
    for (i, (person, field)) in named.iter().enumerate() {
        if *person == sender {
            continue;
        }
        best.entry(*person)
            .and_modify(|(_, f)| *f = (*f).min(*field))
            .or_insert((i, *field));
    }
    let mut out: Vec<(usize, Uuid, Field)> =
        best.into_iter().map(|(p, (i, f))| (i, p, f)).collect();
    out.sort();
    out.into_iter().map(|(_, p, f)| (p, f)).collect()
}

/// Why a message may not leave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitProblem {
    /// No recipient at all.
    NoRecipient,
    /// More than `MAX_RECIPIENTS_PER_MESSAGE`.
    TooManyRecipients,
    /// Over `MAX_RECIPIENTS_PER_HOUR` with the ones of the last hour.
    HourlyLimit,
    /// Over `MAX_RECIPIENTS_PER_DAY` with the ones of the last day.
    DailyLimit,
}

impl LimitProblem {
    pub fn code(self) -> &'static str {
        match self {
            Self::NoRecipient => "message-no-recipient",
            Self::TooManyRecipients => "message-too-many-recipients",
            Self::HourlyLimit => "message-hourly-limit",
            Self::DailyLimit => "message-daily-limit",
        }
    }
}

/// Whether a message to `recipients` people may leave, when the sender's messages of the
/// last hour and day reached `last_hour` and `last_day` people.
pub fn check_limits(
    recipients: usize,
    last_hour: usize,
    last_day: usize,
) -> Result<(), LimitProblem> {
    if recipients == 0 {
        Err(LimitProblem::NoRecipient)
    } else if recipients > MAX_RECIPIENTS_PER_MESSAGE {
        Err(LimitProblem::TooManyRecipients)
    } else if last_hour.saturating_add(recipients) > MAX_RECIPIENTS_PER_HOUR {
        Err(LimitProblem::HourlyLimit)
    } else if last_day.saturating_add(recipients) > MAX_RECIPIENTS_PER_DAY {
        Err(LimitProblem::DailyLimit)
    } else {
        Ok(())
    }
}

/// Whether a message sent at `sent_at` can still be recalled at `now`.
pub fn may_recall(sent_at: Timestamp, now: Timestamp) -> bool {
    let elapsed = now.unix().saturating_sub(sent_at.unix());
    (0..=i64::try_from(RECALL_WINDOW.as_secs()).unwrap_or(i64::MAX)).contains(&elapsed)
}

/// What `viewer` sees of a message's recipients: To and Cc for everyone; the Bcc the sender
/// named, for the sender only; a Bcc recipient sees that they were one, and no other.
pub fn visible_recipients(
    viewer: Uuid,
    sender: Uuid,
    recipients: &[(Uuid, Field)],
) -> Vec<(Uuid, Field)> {
    recipients
        .iter()
        .filter(|(person, field)| *field != Field::Bcc || viewer == sender || *person == viewer)
        .copied()
        .collect()
}

/// Why a subject or a body is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    SubjectEmpty,
    SubjectTooLong,
    /// A control character in the subject (a line break would forge a header in an email).
    SubjectControl,
    BodyTooLong,
}

impl TextProblem {
    pub fn code(self) -> &'static str {
        match self {
            Self::SubjectEmpty => "message-subject-empty",
            Self::SubjectTooLong => "message-subject-too-long",
            Self::SubjectControl => "message-subject-control",
            Self::BodyTooLong => "message-body-too-long",
        }
    }
}

/// A subject as it will be kept: trimmed, 1–200 characters, on one line.
pub fn subject(raw: &str) -> Result<String, TextProblem> {
    let s = raw.trim();
    if s.is_empty() {
        Err(TextProblem::SubjectEmpty)
    } else if s.chars().count() > SUBJECT_MAX_CHARS {
        Err(TextProblem::SubjectTooLong)
    } else if s.chars().any(char::is_control) {
        Err(TextProblem::SubjectControl)
    } else {
        Ok(s.to_owned())
    }
}

/// A body as it will be kept: at most 100,000 characters (it may be empty).
pub fn body(raw: &str) -> Result<String, TextProblem> {
    if raw.chars().count() > BODY_MAX_CHARS {
        Err(TextProblem::BodyTooLong)
    } else {
        Ok(raw.replace("\r\n", "\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    #[test]
    fn one_copy_each_in_the_most_open_field_without_the_sender() {
        let named = [
            (id(2), Field::Bcc),
            (id(1), Field::To),
            (id(3), Field::Cc),
            (id(2), Field::To),
            (id(3), Field::Bcc),
            (id(9), Field::Cc),
        ];
        assert_eq!(
            deliveries(id(9), &named),
            [(id(2), Field::To), (id(1), Field::To), (id(3), Field::Cc)]
        );
    }

    #[test]
    fn limits_per_message_hour_and_day() {
        assert_eq!(check_limits(0, 0, 0), Err(LimitProblem::NoRecipient));
        assert_eq!(check_limits(20, 0, 0), Ok(()));
        assert_eq!(check_limits(21, 0, 0), Err(LimitProblem::TooManyRecipients));
        assert_eq!(check_limits(20, 80, 80), Ok(()));
        assert_eq!(check_limits(1, 100, 100), Err(LimitProblem::HourlyLimit));
        assert_eq!(check_limits(5, 0, 296), Err(LimitProblem::DailyLimit));
    }

    #[test]
    fn recall_within_an_hour_only() {
        let sent = Timestamp::from_unix(1_000_000);
        assert!(may_recall(sent, sent));
        assert!(may_recall(sent, Timestamp::from_unix(1_000_000 + 3600)));
        assert!(!may_recall(sent, Timestamp::from_unix(1_000_000 + 3601)));
        assert!(!may_recall(sent, Timestamp::from_unix(999_999)));
    }

    #[test]
    fn subjects_are_one_line() {
        assert_eq!(
            subject("  Conseil de cycle  "),
            Ok("Conseil de cycle".into())
        );
        assert_eq!(subject(" "), Err(TextProblem::SubjectEmpty));
        assert_eq!(subject("a\r\nBcc: x@y"), Err(TextProblem::SubjectControl));
        assert_eq!(subject(&"é".repeat(201)), Err(TextProblem::SubjectTooLong));
        assert_eq!(body("a\r\nb"), Ok("a\nb".into()));
        assert_eq!(body(&"x".repeat(100_001)), Err(TextProblem::BodyTooLong));
    }

    proptest::proptest! {
        /// Whoever looks and however the sender named people: a Bcc recipient is seen only
        /// by the sender and by themselves; To and Cc are seen by all; nobody is seen twice.
        #[test]
        fn a_bcc_is_never_seen_by_another_reader(
            named in proptest::collection::vec((0_u128..8, 0_usize..3), 0..30),
            viewer in 0_u128..8,
        ) {
            let fields = [Field::To, Field::Cc, Field::Bcc];
            let named: Vec<(Uuid, Field)> =
                named.into_iter().map(|(p, f)| (id(p), fields[f])).collect();
            let sender = id(0);
            let copies = deliveries(sender, &named);
            let mut seen = std::collections::BTreeSet::new();
            for (p, _) in &copies {
                proptest::prop_assert!(seen.insert(*p), "one copy each");
                proptest::prop_assert!(*p != sender);
            }
            let shown = visible_recipients(id(viewer), sender, &copies);
            for (p, f) in &copies {
                let visible = shown.contains(&(*p, *f));
                match f {
                    Field::Bcc => proptest::prop_assert_eq!(
                        visible,
                        id(viewer) == sender || *p == id(viewer)
                    ),
                    _ => proptest::prop_assert!(visible),
                }
            }
        }
    }
}
