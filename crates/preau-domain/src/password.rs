//! The new-password policy: SEC-01 (length), SEC-02 (strength by entropy,
//! not composition) and SEC-03 (blocklist and context check).
//!
//! Everything here is offline and pure: the candidate is checked against a
//! list bundled in the binary, so no plaintext password ever leaves the
//! instance (SEC-03).
//!
//! The strength estimate is a small cousin of zxcvbn. The password is cut
//! into pieces; a piece that is a known weak pattern (a common password, a
//! word about the person or the instance, a year, a repetition, a sequence,
//! a keyboard run) costs a few bits, and the characters left over cost the
//! CNIL formula `length × log2(alphabet they actually use)`. The cut chosen
//! is the cheapest one, because that is the one an attacker would try
//! first. No composition rule applies (ASVS 2.1.9): the classes only count
//! towards the alphabet.

use std::collections::HashSet;
use std::fmt;
use std::sync::LazyLock;

/// ASVS 2.1.1 and CNIL 2017-199 (12 characters for ENTs).
pub const MIN_CHARS: usize = 12;
/// ASVS 2.1.2: at least 64 must be allowed, more than 128 may be denied.
pub const MAX_CHARS: usize = 128;

/// CNIL délibération 2022-100, case 2: 50 bits are enough because login
/// attempts are throttled (SEC-05).
const MIN_BITS: f64 = 50.0;

/// A UTF-8 char takes at most 4 bytes, so every acceptable password fits.
const ATTEMPT_MAX_BYTES: usize = MAX_CHARS * 4;

/// `estimate_bits` is public (for a strength meter) and its cost grows with
/// the square of the length, so it only looks at this many chars. Anything
/// this long is rejected as too long anyway.
const ESTIMATE_MAX_CHARS: usize = MAX_CHARS * 2;

/// Context words below this length would match almost any password.
const MIN_CONTEXT_CHARS: usize = 3;
/// The bundled list only holds entries of at least this length.
const MIN_COMMON_CHARS: usize = 4;
const MIN_REPEAT_CHARS: usize = 3;
const MIN_SEQUENCE_CHARS: usize = 3;
const MIN_KEYBOARD_CHARS: usize = 4;

/// An attacker tries the person's own names and the instance words first:
/// there are only a handful of them.
const CONTEXT_WORD_BITS: f64 = 4.0;
/// Cost of a repetition or of a sequence, before the length term: the
/// attacker only has to pick a start and a direction among few obvious ones.
const PATTERN_BASE_BITS: f64 = 4.0;
/// Keyboard runs: two layouts, a few rows, two directions.
const KEYBOARD_BASE_BITS: f64 = 6.0;
/// Capitals or leet in a dictionary word are the first variants tried.
const VARIANT_BITS: f64 = 1.0;
/// Years 1900–2099: 200 choices.
const FIRST_YEAR: u32 = 1900;
const LAST_YEAR: u32 = 2099;

/// Rows of the azerty and qwerty layouts, lowercase, unshifted and (for
/// qwerty digits) shifted, as people type them when asked for a password.
const KEYBOARD_ROWS: [&str; 9] = [
    "azertyuiop^$",
    "qsdfghjklmù*",
    "<wxcvbn,;:!",
    "²&é\"'(-è_çà)=",
    "`1234567890-=",
    "qwertyuiop[]\\",
    "asdfghjkl;'",
    "zxcvbnm,./",
    "~!@#$%^&*()_+",
];

/// A password the person chose, checked against the policy. Debug prints "Password(…)" redacted; no Display.
pub struct NewPassword(String);

impl NewPassword {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(…)")
    }
}

/// A password as typed at login: not checked against the policy (length capped at MAX_CHARS*4 bytes to bound hashing cost), Debug redacted.
pub struct PasswordAttempt(String);

impl PasswordAttempt {
    /// An attempt longer than any acceptable password is replaced by the
    /// empty string, which no stored password can equal (they all have at
    /// least `MIN_CHARS` chars). Cutting it to the cap instead would be the
    /// truncation that ASVS 2.1.3 forbids: "good password + junk" would
    /// then verify. The caller still hashes it, so timing stays the same.
    pub fn new(s: String) -> Self {
        if s.len() > ATTEMPT_MAX_BYTES {
            Self(String::new())
        } else {
            Self(nfc(s))
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PasswordAttempt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PasswordAttempt(…)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordProblem {
    #[error("the password has fewer than {} characters", MIN_CHARS)]
    TooShort,
    #[error("the password has more than {} characters", MAX_CHARS)]
    TooLong,
    #[error("the password is a common password")]
    Common,
    #[error("the password is built on a name or a word linked to the person or the service")]
    Personal,
    #[error("the password is mostly repeated characters, sequences or keyboard runs")]
    Repetitive,
    #[error("the password is too easy to guess")]
    TooWeak,
}

impl PasswordProblem {
    /// Stable code, also the Fluent message id shown to the person.
    pub fn code(&self) -> &'static str {
        match self {
            Self::TooShort => "password-too-short",
            Self::TooLong => "password-too-long",
            Self::Common => "password-common",
            Self::Personal => "password-personal",
            Self::Repetitive => "password-repetitive",
            Self::TooWeak => "password-too-weak",
        }
    }
}

/// context: words that must not carry the password: the person's given name, family name, email local part and domain labels, and instance words ("preau", "ent", district names). Words shorter than 3 chars are ignored.
/// NFC, without copying when the text already is (the usual case).
fn nfc(s: String) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        s
    } else {
        s.nfc().collect()
    }
}

pub fn check_new_password(
    candidate: &str,
    context: &[&str],
) -> Result<NewPassword, PasswordProblem> {
    let typed = candidate.chars().count();
    let candidate = nfc(candidate.to_owned());
    let candidate = candidate.as_str();
    // Count chars, not bytes: "é" or "🍎" is one character to the person. Both as typed and
    // in NFC: a few characters (Hebrew presentation forms, say) grow in NFC, and 11 typed
    // characters are not 12 (found by the property tests).
    let length = candidate.chars().count();
    if length.min(typed) < MIN_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if length > MAX_CHARS {
        return Err(PasswordProblem::TooLong);
    }
    let text = Text::new(candidate);
    if text.whole_is_common() {
        return Err(PasswordProblem::Common);
    }
    let estimate = Estimate::of(&text, &ContextWords::new(context));
    if estimate.bits >= MIN_BITS {
        // Never trimmed; normalised to NFC only, as attempts are (NIST SP 800-63B 5.1.1.2), so
        // "é" typed on a keyboard that sends it decomposed still matches.
        return Ok(NewPassword(candidate.to_owned()));
    }
    Err(estimate.problem())
}

/// Estimated strength in bits, exposed so the UI can show a meter later.
pub fn estimate_bits(candidate: &str, context: &[&str]) -> f64 {
    Estimate::of(&Text::new(candidate), &ContextWords::new(context)).bits
}

// ---------------------------------------------------------------------------
// The bundled list of common passwords (see data/README.md).

struct CommonList {
    words: HashSet<&'static str>,
    /// Longest entry, in chars: no need to look up longer substrings.
    longest: usize,
    /// Guessing an entry means picking one in the list.
    bits: f64,
}

static COMMON: LazyLock<CommonList> = LazyLock::new(|| {
    let words: HashSet<&'static str> = include_str!("../data/common-passwords.txt")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    let longest = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
    let bits = (words.len().max(2) as f64).log2();
    CommonList {
        words,
        longest,
        bits,
    }
});

// ---------------------------------------------------------------------------
// The candidate, in the forms the matchers need, one char per position so
// that every form lines up with the original.

struct Text {
    original: Vec<char>,
    /// Lowercase: used for repetitions, sequences and keyboard runs.
    lower: Vec<char>,
    /// Lowercase without French accents: the dictionary form.
    plain: Vec<char>,
    /// `plain` with leet undone; "1" stands for "i" or "l", hence two.
    unleet_i: Vec<char>,
    unleet_l: Vec<char>,
}

impl Text {
    fn new(candidate: &str) -> Self {
        let original: Vec<char> = candidate.chars().take(ESTIMATE_MAX_CHARS).collect();
        let lower: Vec<char> = original.iter().map(|&c| lowercase(c)).collect();
        let plain: Vec<char> = lower
            .iter()
            .map(|&c| crate::text::strip_accent(c))
            .collect();
        let unleet_i = plain.iter().map(|&c| unleet(c, 'i')).collect();
        let unleet_l = plain.iter().map(|&c| unleet(c, 'l')).collect();
        Self {
            original,
            lower,
            plain,
            unleet_i,
            unleet_l,
        }
    }

    fn len(&self) -> usize {
        self.original.len()
    }

    /// The dictionary forms worth looking up, with whether they undo leet.
    fn dictionary_forms(&self) -> Vec<(&[char], bool)> {
        let mut forms: Vec<(&[char], bool)> = vec![(&self.plain, false)];
        if self.unleet_i != self.plain {
            forms.push((&self.unleet_i, true));
        }
        if self.unleet_l != self.unleet_i {
            forms.push((&self.unleet_l, true));
        }
        forms
    }

    fn whole_is_common(&self) -> bool {
        self.dictionary_forms().iter().any(|(form, _)| {
            COMMON
                .words
                .contains(form.iter().collect::<String>().as_str())
        })
    }

    fn has_uppercase(&self, start: usize, end: usize) -> bool {
        self.original[start..end].iter().any(|c| c.is_uppercase())
    }
}

/// One char for one char, so positions keep matching; the few chars whose
/// lowercase is longer (e.g. "İ") are kept as they are.
fn lowercase(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Simple leet: "P@$$w0rd" is still "password" to an attacker.
fn unleet(c: char, one: char) -> char {
    match c {
        '0' => 'o',
        '1' => one,
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' => 't',
        _ => c,
    }
}

// ---------------------------------------------------------------------------
// Context words.

struct ContextWords {
    words: HashSet<String>,
    longest: usize,
}

impl ContextWords {
    /// Each entry counts whole ("jean.dupont") and by its alphanumeric
    /// parts ("jean", "dupont"), so callers can pass an email local part or
    /// a domain as it is.
    fn new(context: &[&str]) -> Self {
        let mut words = HashSet::new();
        for entry in context {
            let folded: String = entry
                .chars()
                .map(|c| crate::text::strip_accent(lowercase(c)))
                .collect();
            for part in folded.split(|c: char| !c.is_alphanumeric()) {
                insert_if_long_enough(&mut words, part);
            }
            insert_if_long_enough(&mut words, &folded);
        }
        let longest = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
        Self { words, longest }
    }
}

fn insert_if_long_enough(words: &mut HashSet<String>, word: &str) {
    if word.chars().count() >= MIN_CONTEXT_CHARS {
        words.insert(word.to_owned());
    }
}

// ---------------------------------------------------------------------------
// Weak patterns.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Common,
    Context,
    Year,
    /// Repetitions, sequences and keyboard runs: what `Repetitive` reports.
    Mechanical,
}

#[derive(Debug, Clone, Copy)]
struct Match {
    start: usize,
    end: usize,
    bits: f64,
    kind: Kind,
}

fn all_matches(text: &Text, context: &ContextWords) -> Vec<Match> {
    let mut matches = Vec::new();
    dictionary_matches(
        text,
        &mut matches,
        Kind::Common,
        MIN_COMMON_CHARS,
        COMMON.longest,
        COMMON.bits,
        |w| COMMON.words.contains(w),
    );
    dictionary_matches(
        text,
        &mut matches,
        Kind::Context,
        MIN_CONTEXT_CHARS,
        context.longest,
        CONTEXT_WORD_BITS,
        |w| context.words.contains(w),
    );
    year_matches(text, &mut matches);
    char_run_matches(text, &mut matches);
    block_repeat_matches(text, &mut matches);
    sequence_matches(text, &mut matches);
    keyboard_matches(text, &mut matches);
    matches
}

/// Every substring, in every dictionary form, that is a word of the list.
fn dictionary_matches(
    text: &Text,
    matches: &mut Vec<Match>,
    kind: Kind,
    min_len: usize,
    max_len: usize,
    base_bits: f64,
    contains: impl Fn(&str) -> bool,
) {
    let mut word = String::new();
    for (form, undoes_leet) in text.dictionary_forms() {
        for start in 0..form.len() {
            let last_end = form.len().min(start + max_len);
            for end in (start + min_len)..=last_end {
                word.clear();
                word.extend(&form[start..end]);
                if !contains(&word) {
                    continue;
                }
                let leet_used = undoes_leet && form[start..end] != text.plain[start..end];
                let mut bits = base_bits;
                if text.has_uppercase(start, end) {
                    bits += VARIANT_BITS;
                }
                if leet_used {
                    bits += VARIANT_BITS;
                }
                matches.push(Match {
                    start,
                    end,
                    bits,
                    kind,
                });
            }
        }
    }
}

/// People put a birth year, a wedding year or the current year in passwords.
fn year_matches(text: &Text, matches: &mut Vec<Match>) {
    let bits = f64::from(LAST_YEAR - FIRST_YEAR + 1).log2();
    for (start, window) in text.lower.windows(4).enumerate() {
        let year = window
            .iter()
            .try_fold(0u32, |acc, c| c.to_digit(10).map(|d| acc * 10 + d));
        if year.is_some_and(|y| (FIRST_YEAR..=LAST_YEAR).contains(&y)) {
            matches.push(Match {
                start,
                end: start + 4,
                bits,
                kind: Kind::Year,
            });
        }
    }
}

/// Guessing a mechanical pattern means guessing its start and its length.
fn mechanical(start: usize, end: usize, base_bits: f64) -> Match {
    let length = (end - start) as f64;
    Match {
        start,
        end,
        bits: base_bits + length.log2(),
        kind: Kind::Mechanical,
    }
}

/// "aaaa", "!!!!".
fn char_run_matches(text: &Text, matches: &mut Vec<Match>) {
    let chars = &text.lower;
    for start in 0..chars.len() {
        let run = chars[start..]
            .iter()
            .take_while(|&&c| c == chars[start])
            .count();
        for length in MIN_REPEAT_CHARS..=run {
            matches.push(mechanical(start, start + length, PATTERN_BASE_BITS));
        }
    }
}

/// A block typed again right after itself: "soleil!soleil!", "1212".
fn block_repeat_matches(text: &Text, matches: &mut Vec<Match>) {
    let chars = &text.plain;
    for start in 1..chars.len() {
        let longest = start.min(chars.len() - start);
        for length in 2..=longest {
            if chars[start..start + length] == chars[start - length..start] {
                matches.push(mechanical(start, start + length, PATTERN_BASE_BITS));
            }
        }
    }
}

/// "abc", "zyx", "1234", "9876".
fn sequence_matches(text: &Text, matches: &mut Vec<Match>) {
    let chars = &text.lower;
    for start in 0..chars.len() {
        for step in [1i64, -1] {
            let run = 1 + chars[start..]
                .windows(2)
                .take_while(|pair| follows(pair[0], pair[1], step))
                .count();
            for length in MIN_SEQUENCE_CHARS..=run {
                matches.push(mechanical(start, start + length, PATTERN_BASE_BITS));
            }
        }
    }
}

/// Whether `next` comes right after `c` (step 1) or right before (step -1),
/// within the ASCII letters or within the digits.
fn follows(c: char, next: char, step: i64) -> bool {
    let same_class = (c.is_ascii_lowercase() && next.is_ascii_lowercase())
        || (c.is_ascii_digit() && next.is_ascii_digit());
    same_class && i64::from(u32::from(next)) - i64::from(u32::from(c)) == step
}

/// "azerty", "qsdfgh", "poiuy", "!@#$%".
fn keyboard_matches(text: &Text, matches: &mut Vec<Match>) {
    let chars = &text.lower;
    for row in KEYBOARD_ROWS {
        let row: Vec<char> = row.chars().collect();
        let mut reversed = row.clone();
        reversed.reverse();
        for keys in [row, reversed] {
            for start in 0..chars.len() {
                let run = keyboard_run(&chars[start..], &keys);
                for length in MIN_KEYBOARD_CHARS..=run {
                    matches.push(mechanical(start, start + length, KEYBOARD_BASE_BITS));
                }
            }
        }
    }
}

/// How many chars at the start of `chars` follow each other on `keys`.
fn keyboard_run(chars: &[char], keys: &[char]) -> usize {
    let Some(first) = chars.first() else { return 0 };
    let Some(position) = keys.iter().position(|k| k == first) else {
        return 0;
    };
    chars
        .iter()
        .zip(&keys[position..])
        .take_while(|(c, k)| c == k)
        .count()
}

// ---------------------------------------------------------------------------
// The estimate.

struct Estimate {
    bits: f64,
    length: usize,
    /// Whether the cheapest cut uses a context word.
    uses_context: bool,
    /// Chars covered by repetitions, sequences and keyboard runs in the
    /// cheapest cut.
    mechanical_chars: usize,
}

impl Estimate {
    /// Finds the cheapest cut of the text into weak patterns and single
    /// chars, then prices it: each pattern at its own cost, and the chars
    /// left over with the CNIL formula, whose alphabet is the one those
    /// chars use ("Marseille13013!" is a word plus digits and a symbol, not
    /// 15 chars over 95 symbols).
    fn of(text: &Text, context: &ContextWords) -> Self {
        let length = text.len();
        // The cut is searched with the whole password's alphabet as the
        // price of a char, the only one known before cutting.
        let cut = cheapest_cut(
            length,
            all_matches(text, context),
            alphabet_size(&text.original).log2(),
        );
        let mut estimate = Self {
            bits: 0.0,
            length,
            uses_context: false,
            mechanical_chars: 0,
        };
        let mut covered = vec![false; length];
        for found in cut {
            estimate.record(found);
            covered[found.start..found.end].fill(true);
        }
        let rest: Vec<char> = text
            .original
            .iter()
            .zip(&covered)
            .filter(|(_, c)| !**c)
            .map(|(ch, _)| *ch)
            .collect();
        if !rest.is_empty() {
            estimate.bits += rest.len() as f64 * alphabet_size(&rest).log2();
        }
        estimate
    }

    fn record(&mut self, found: Match) {
        self.bits += found.bits;
        match found.kind {
            Kind::Context => self.uses_context = true,
            Kind::Mechanical => self.mechanical_chars += found.end - found.start,
            Kind::Common | Kind::Year => {}
        }
    }

    /// Why a password under the threshold is weak, most helpful reason
    /// first.
    fn problem(&self) -> PasswordProblem {
        if self.uses_context {
            PasswordProblem::Personal
        } else if self.mechanical_chars * 2 > self.length {
            PasswordProblem::Repetitive
        } else {
            PasswordProblem::TooWeak
        }
    }
}

/// The patterns of the cut of `length` chars that costs the fewest bits,
/// a single char costing `char_bits`: the order an attacker would guess in.
/// Dynamic programming over the end position.
fn cheapest_cut(length: usize, matches: Vec<Match>, char_bits: f64) -> Vec<Match> {
    let mut ending_at: Vec<Vec<Match>> = vec![Vec::new(); length + 1];
    for found in matches {
        ending_at[found.end].push(found);
    }
    // best[i]: fewest bits to produce the first i chars; how[i]: the
    // pattern ending at i in that cut, or None for a single char.
    let mut best = vec![0.0; length + 1];
    let mut how: Vec<Option<Match>> = vec![None; length + 1];
    for end in 1..=length {
        best[end] = best[end - 1] + char_bits;
        for found in &ending_at[end] {
            let bits = best[found.start] + found.bits;
            if bits < best[end] {
                best[end] = bits;
                how[end] = Some(*found);
            }
        }
    }
    let mut cut = Vec::new();
    let mut end = length;
    while end > 0 {
        match how[end] {
            Some(found) => {
                cut.push(found);
                end = found.start;
            }
            None => end -= 1,
        }
    }
    cut
}

/// CNIL: the alphabet is the sum of the classes actually used. Any
/// non-ASCII char (accents, emoji, other scripts) adds a block of 100.
fn alphabet_size(chars: &[char]) -> f64 {
    let used = |test: fn(&char) -> bool| chars.iter().any(test);
    let mut size: u32 = 0;
    if used(char::is_ascii_lowercase) {
        size += 26;
    }
    if used(char::is_ascii_uppercase) {
        size += 26;
    }
    if used(char::is_ascii_digit) {
        size += 10;
    }
    // Printable punctuation (32) and space; the rare ASCII controls too.
    if used(|c| c.is_ascii() && !c.is_ascii_alphanumeric()) {
        size += 33;
    }
    if used(|c| !c.is_ascii()) {
        size += 100;
    }
    f64::from(size.max(1))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    /// Deterministic "random" printable ASCII, so long passwords do not
    /// depend on a repeated block.
    fn random_ascii(length: usize, seed: u64) -> String {
        let mut state = seed;
        (0..length)
            .map(|_| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let offset = u8::try_from((state >> 33) % 94).unwrap();
                char::from(b'!' + offset)
            })
            .collect()
    }

    #[test]
    fn passwords_are_compared_in_nfc() {
        let nfc = "un \u{e9}t\u{e9} \u{e0} la mer, sans parapluie";
        let nfd = "un e\u{301}te\u{301} a\u{300} la mer, sans parapluie";
        let new = check_new_password(nfd, &[]).unwrap();
        assert_eq!(new.expose(), nfc);
        assert_eq!(PasswordAttempt::new(nfd.to_owned()).expose(), nfc);
        assert_eq!(PasswordAttempt::new(nfc.to_owned()).expose(), nfc);
    }

    fn accepted(password: &str, context: &[&str]) {
        let result = check_new_password(password, context);
        assert!(
            result.is_ok(),
            "{password:?} rejected: {result:?}, {} bits",
            estimate_bits(password, context)
        );
    }

    fn rejected(password: &str, context: &[&str]) -> PasswordProblem {
        match check_new_password(password, context) {
            Ok(_) => panic!(
                "{password:?} accepted with {} bits",
                estimate_bits(password, context)
            ),
            Err(problem) => problem,
        }
    }

    // SEC-01: length.

    #[test]
    fn eleven_chars_are_too_short() {
        assert_eq!(rejected("vK9#qL2!xW7", &[]), PasswordProblem::TooShort);
    }

    #[test]
    fn twelve_chars_are_enough() {
        accepted("vK9#qL2!xW7z", &[]);
    }

    #[test]
    fn sixty_four_chars_are_accepted() {
        accepted(&random_ascii(64, 1), &[]);
    }

    #[test]
    fn one_hundred_twenty_eight_chars_are_accepted_untruncated() {
        let password = random_ascii(128, 2);
        let checked = check_new_password(&password, &[]).unwrap();
        assert_eq!(checked.expose(), password);
    }

    #[test]
    fn one_hundred_twenty_nine_chars_are_too_long() {
        assert_eq!(
            rejected(&random_ascii(129, 3), &[]),
            PasswordProblem::TooLong
        );
    }

    #[test]
    fn length_counts_chars_not_bytes() {
        // 11 chars, 22 bytes.
        assert_eq!(rejected("éàèùçéàèùçé", &[]), PasswordProblem::TooShort);
        // 128 emoji are 512 bytes and still one acceptable password.
        let emoji: String = (0..128u32)
            .filter_map(|i| char::from_u32(0x1F400 + i * 3))
            .collect();
        assert_eq!(emoji.chars().count(), 128);
        accepted(&emoji, &[]);
    }

    #[test]
    fn emoji_and_spaces_are_accepted() {
        accepted("🍎 pomme verte sous la pluie 🌧", &[]);
    }

    #[test]
    fn password_is_kept_exactly_as_typed() {
        let typed = "  Espaces autour, gardés tels quels  ";
        assert_eq!(check_new_password(typed, &[]).unwrap().expose(), typed);
    }

    // SEC-02: strength, no composition rules.

    #[test]
    fn troubador_passes() {
        accepted("Tr0ub4dor&3x", &[]);
    }

    #[test]
    fn seven_word_passphrase_passes() {
        accepted("correct horse battery staple horse sun moon", &[]);
    }

    #[test]
    fn lowercase_passphrase_needs_no_other_class() {
        accepted("le chat gris dort sur le vieux mur", &[]);
    }

    #[test]
    fn random_looking_mixed_password_passes() {
        accepted("vK9#qL2!xW7z", &[]);
    }

    #[test]
    fn repeated_char_is_repetitive() {
        assert_eq!(rejected("aaaaaaaaaaaa", &[]), PasswordProblem::Repetitive);
    }

    #[test]
    fn sequences_and_keyboard_runs_are_repetitive() {
        assert_eq!(rejected("987654321abc", &[]), PasswordProblem::Repetitive);
        assert_eq!(rejected("qsdfghjklmwxcv", &[]), PasswordProblem::Repetitive);
        assert_eq!(rejected("!@#$%^&*()_+", &[]), PasswordProblem::Repetitive);
    }

    #[test]
    fn repeated_block_counts_once() {
        assert!(rejected("Soleil!Soleil!", &[]) != PasswordProblem::TooShort);
        assert!(estimate_bits("Soleil!Soleil!", &[]) < estimate_bits("Soleil!", &[]) + 10.0);
    }

    #[test]
    fn motdepasse12_fails() {
        rejected("motdepasse12", &[]);
    }

    #[test]
    fn bonjour123456_fails() {
        rejected("Bonjour123456", &[]);
    }

    #[test]
    fn leftover_chars_are_priced_with_their_own_alphabet() {
        // A common word, 5 digits and a symbol: 15 chars, but not 15 over
        // an alphabet of 95.
        assert_eq!(rejected("Marseille13013!", &[]), PasswordProblem::TooWeak);
    }

    #[test]
    fn twelve_random_digits_are_too_weak() {
        // 12 × log2(10) ≈ 40 bits.
        assert_eq!(rejected("830261947582", &[]), PasswordProblem::TooWeak);
    }

    #[test]
    fn leet_does_not_hide_a_common_word() {
        assert!(estimate_bits("M0td3p4ss3", &[]) < 30.0);
    }

    // SEC-03: blocklist and context.

    #[test]
    fn azerty123456_fails() {
        rejected("Azerty123456", &[]);
    }

    #[test]
    fn whole_common_password_is_common() {
        assert_eq!(rejected("1qaz2wsx3edc", &[]), PasswordProblem::Common);
        // Case, accents and leet do not help.
        assert_eq!(rejected("Bibliothèque", &[]), PasswordProblem::Common);
        assert_eq!(rejected("B1bl1oth3que", &[]), PasswordProblem::Common);
    }

    #[test]
    fn instance_word_with_year_is_personal() {
        assert_eq!(
            rejected("Somme2024!abc", &["somme"]),
            PasswordProblem::Personal
        );
    }

    #[test]
    fn name_from_email_is_personal() {
        let email = "jean.dupont@ac-amiens.fr";
        let (local, domain) = email.split_once('@').unwrap();
        let context = ["Jean", "Dupont", local, domain, "preau", "ent"];
        assert_eq!(
            rejected("JeanDupont2025!", &context),
            PasswordProblem::Personal
        );
        assert_eq!(
            rejected("Amiens-Picardie2024", &context),
            PasswordProblem::Personal
        );
    }

    #[test]
    fn context_survives_accents_and_leet() {
        assert_eq!(
            rejected("H3l3n3-M4rt1n-1987", &["Hélène", "Martin"]),
            PasswordProblem::Personal
        );
    }

    #[test]
    fn short_context_words_are_ignored() {
        let password = "xq!Vb fr ac kT";
        assert_eq!(
            estimate_bits(password, &["fr", "ac", "kT"]),
            estimate_bits(password, &[])
        );
    }

    #[test]
    fn context_never_raises_the_estimate() {
        for password in ["Tr0ub4dor&3x", "JeanDupont2025!", "vK9#qL2!xW7z"] {
            assert!(
                estimate_bits(password, &["jean", "dupont", "ub4"]) <= estimate_bits(password, &[])
            );
        }
    }

    #[test]
    fn strong_password_containing_a_name_is_accepted() {
        accepted("jean vK9#qL2!xW7z", &["jean"]);
    }

    // The estimate itself.

    #[test]
    fn cnil_formula_applies_to_unpatterned_text() {
        let bits = estimate_bits("vK9#qL2!xW7z", &[]);
        assert!((bits - 12.0 * 95f64.log2()).abs() < 1e-9, "{bits}");
        assert_eq!(estimate_bits("", &[]), 0.0);
    }

    #[test]
    fn a_year_costs_few_bits() {
        let bits = estimate_bits("1987", &[]);
        assert!((bits - 200f64.log2()).abs() < 1e-9, "{bits}");
    }

    #[test]
    fn estimate_is_bounded_for_huge_input() {
        let huge = random_ascii(100_000, 4);
        assert!(estimate_bits(&huge, &[]) > MIN_BITS);
    }

    // Types.

    #[test]
    fn debug_never_shows_the_secret() {
        let secret = "vK9#qL2!xW7z";
        let checked = check_new_password(secret, &[]).unwrap();
        assert_eq!(format!("{checked:?}"), "Password(…)");
        let attempt = PasswordAttempt::new(secret.to_owned());
        assert!(!format!("{attempt:?}").contains(secret));
        assert!(!format!("{:?}", Some(&checked)).contains(secret));
    }

    #[test]
    fn attempt_keeps_what_was_typed() {
        let typed = "  n'importe quoi, même court ";
        assert_eq!(PasswordAttempt::new(typed.to_owned()).expose(), typed);
        let longest: String = "🍎".repeat(MAX_CHARS);
        assert_eq!(PasswordAttempt::new(longest.clone()).expose(), longest);
    }

    #[test]
    fn oversized_attempt_can_never_verify() {
        let oversized = format!("{}x", "🍎".repeat(MAX_CHARS));
        assert_eq!(PasswordAttempt::new(oversized).expose(), "");
    }

    #[test]
    fn problem_codes_are_the_fluent_ids() {
        let codes: Vec<&str> = [
            PasswordProblem::TooShort,
            PasswordProblem::TooLong,
            PasswordProblem::Common,
            PasswordProblem::Personal,
            PasswordProblem::Repetitive,
            PasswordProblem::TooWeak,
        ]
        .iter()
        .map(PasswordProblem::code)
        .collect();
        assert_eq!(
            codes,
            [
                "password-too-short",
                "password-too-long",
                "password-common",
                "password-personal",
                "password-repetitive",
                "password-too-weak"
            ]
        );
        assert_eq!(
            PasswordProblem::TooShort.to_string(),
            "the password has fewer than 12 characters"
        );
    }

    #[test]
    fn bundled_list_is_well_formed() {
        let text = include_str!("../data/common-passwords.txt");
        let lines: Vec<&str> = text.lines().collect();
        assert!((10_000..=40_000).contains(&lines.len()), "{}", lines.len());
        assert!(
            lines.windows(2).all(|pair| pair[0] < pair[1]),
            "sorted and deduplicated"
        );
        for line in &lines {
            assert!(line.chars().count() >= MIN_COMMON_CHARS, "{line:?}");
            assert_eq!(*line, line.to_lowercase(), "{line:?}");
        }
        assert_eq!(COMMON.words.len(), lines.len());
        for classic in [
            "motdepasse",
            "azerty",
            "soleil",
            "doudou",
            "chouchou",
            "loulou",
            "marseille",
            "bonjour",
            "jetaime",
            "nicolas",
        ] {
            assert!(COMMON.words.contains(classic), "{classic}");
        }
    }
}
