//! Property tests of the pure parsers and rules (issue 14): whatever bytes or text come in,
//! each gives an answer — a value or a stated refusal — and never panics; normalisation is
//! stable; the password policy never accepts what it says it refuses.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use preau_domain::Email;
use preau_domain::password::{check_new_password, estimate_bits};
use preau_domain::roster::parse_roster;
use preau_domain::text::fold;
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 512,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// Any bytes: a parsed roster or a refusal of the file, and every refused line is a line
    /// of the file.
    #[test]
    fn any_bytes_give_a_roster_or_a_refusal(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(parsed) = parse_roster(&bytes) {
            let lines = bytes.split(|b| *b == b'\n').count().max(1);
            for r in &parsed.rejected {
                prop_assert!(r.line >= 1 && r.line <= lines + 1, "line {} of {}", r.line, lines);
            }
        }
    }

    /// Lines that look like a roster: the same, with semicolons and plausible fields.
    #[test]
    fn roster_like_text_gives_a_roster_or_a_refusal(
        rows in proptest::collection::vec(
            ("[A-Za-zéèÉç' -]{0,12}", "[A-Za-zéè-]{0,12}", "[a-z.@Ａ\u{200b}і-]{0,20}", "[0-9]{0,7}[A-Z]?"),
            0..30,
        )
    ) {
        let mut text = String::from("Nom;Prénom;Courriel;UAI\n");
        for (family, given, email, uai) in &rows {
            text.push_str(&format!("{family};{given};{email};{uai}\n"));
        }
        if let Ok(parsed) = parse_roster(text.as_bytes()) {
            prop_assert_eq!(parsed.lines.len() + parsed.rejected.len() <= rows.len(), true);
        }
    }

    /// An address parses to one normal form: parsing that form again gives it back, and
    /// surrounding spaces change nothing.
    #[test]
    fn email_normalisation_is_stable(input in "\\PC{0,40}") {
        if let Ok(e) = Email::parse(&input) {
            let again = Email::parse(e.as_str()).expect("a normal form parses");
            prop_assert_eq!(again.as_str(), e.as_str());
            let spaced = Email::parse(&format!("  {input} ")).expect("spaces are trimmed");
            prop_assert_eq!(spaced.as_str(), e.as_str());
        }
    }

    /// Folding for search is idempotent, and leaves neither a letter that has a lower case
    /// nor a combining mark.
    #[test]
    fn folding_is_idempotent(input in "\\PC{0,40}") {
        let once = fold(&input);
        prop_assert_eq!(fold(&once), once.clone());
        prop_assert!(
            once.chars().all(|c| c.to_lowercase().eq(std::iter::once(c))),
            "{once:?}"
        );
        prop_assert!(!once.chars().any(|c| ('\u{300}'..='\u{36f}').contains(&c)), "{once:?}");
    }

    /// The policy never accepts fewer than 12 characters, and its estimate never panics.
    #[test]
    fn short_passwords_are_always_refused(p in "\\PC{0,11}", context in "[a-z]{0,10}") {
        prop_assert!(check_new_password(&p, &[context.as_str()]).is_err());
        let bits = estimate_bits(&p, &[context.as_str()]);
        prop_assert!(bits.is_finite() && bits >= 0.0, "{bits}");
    }

    /// Any long text: accepted or refused with a reason, never a panic.
    #[test]
    fn any_password_gets_an_answer(p in "\\PC{0,200}") {
        let _ = check_new_password(&p, &["zoé", "martin"]);
    }
}
