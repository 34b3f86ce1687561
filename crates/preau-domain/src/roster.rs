//! The administration's staff roster (CSV bytes) read into checked lines: encoding, separator
//! and columns are recognised, and each line is kept whole or rejected whole with a reason.

use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::{Entry, RandomState};
use std::hash::BuildHasher;

use crate::email::{Email, EmailProblem};
use crate::uai::Uai;

/// Above the national roster (≈ 860,000 people) with room to spare; beyond it the file is
/// not a roster and reading it would only exhaust memory.
pub const MAX_LINES: usize = 1_000_000;

const MAX_NAME_CHARS: usize = 100;
/// Details end up in a report shown to an administrator: a value, never a whole line.
const MAX_DETAIL_CHARS: usize = 120;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterLine {
    /// 1-based line number in the file, header = 1.
    pub line: usize,
    pub family_name: String,
    pub given_name: String,
    pub email: Email,
    pub uai: Uai,
    pub school_name: String,
    pub corps: String,
    pub functions: Vec<Function>,
}

/// Functions held, as facts from the roster. They never grant a permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Function {
    SchoolDirector,
    Cpc,
    Erun,
    Ien,
    Secretary,
    Other,
}

impl Function {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SchoolDirector => "school_director",
            Self::Cpc => "cpc",
            Self::Erun => "erun",
            Self::Ien => "ien",
            Self::Secretary => "secretary",
            Self::Other => "other",
        }
    }

    /// Reads back what `as_str` wrote; not for roster text (see `from_folded`).
    pub fn parse_stored(s: &str) -> Option<Self> {
        Some(match s {
            "school_director" => Self::SchoolDirector,
            "cpc" => Self::Cpc,
            "erun" => Self::Erun,
            "ien" => Self::Ien,
            "secretary" => Self::Secretary,
            "other" => Self::Other,
            _ => return None,
        })
    }

    /// `n` is folded (see `fold_into`). Prefixes accept the long forms rosters use
    /// ("directrice d'école maternelle", "CPC EPS", "IEN adjoint") without a list of each.
    fn from_folded(n: &str) -> Self {
        let starts = |prefixes: &[&str]| prefixes.iter().any(|p| n.starts_with(p));
        if matches!(n, "dir" | "directeur" | "directrice" | "direction")
            || starts(&["directiondecole", "directeurdecole", "directricedecole"])
        {
            Self::SchoolDirector
        } else if starts(&["cpc", "conseillerpedagogique", "conseillerepedagogique"]) {
            Self::Cpc
        } else if n.starts_with("erun")
            || (n.starts_with("enseignant") && n.contains("referent") && n.contains("numerique"))
        {
            Self::Erun
        } else if starts(&["ien", "inspecteur", "inspectrice"]) {
            Self::Ien
        } else if n.starts_with("secretaire") {
            Self::Secretary
        } else {
            Self::Other
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedLine {
    pub line: usize,
    /// Fluent id: roster-line-columns | -email | -uai | -name | -duplicate.
    pub code: &'static str,
    /// columns: the number of fields found; email, uai: the value as given (cut to 120
    /// characters); name: which column ("family_name" or "given_name"); duplicate: the line
    /// number of the earlier line with the same email.
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedRoster {
    pub encoding: SourceEncoding,
    pub separator: char,
    pub lines: Vec<RosterLine>,
    pub rejected: Vec<RejectedLine>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceEncoding {
    Utf8,
    Utf8Bom,
    Windows1252,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RosterError {
    /// No header, or a header and no line: importing it would mark everyone as departed.
    #[error("roster-empty")]
    Empty,
    #[error("roster-missing-columns: {}", .0.join(", "))]
    MissingColumns(Vec<&'static str>),
    #[error("roster-too-many-lines (max {max})")]
    TooManyLines { max: usize },
}

impl RosterError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "roster-empty",
            Self::MissingColumns(_) => "roster-missing-columns",
            Self::TooManyLines { .. } => "roster-too-many-lines",
        }
    }
}

pub fn parse_roster(bytes: &[u8]) -> Result<ParsedRoster, RosterError> {
    parse_with_limit(bytes, MAX_LINES)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    FamilyName,
    GivenName,
    Email,
    Uai,
    SchoolName,
    Corps,
    Functions,
}

const COLUMNS: [Column; 7] = [
    Column::FamilyName,
    Column::GivenName,
    Column::Email,
    Column::Uai,
    Column::SchoolName,
    Column::Corps,
    Column::Functions,
];

impl Column {
    fn canonical(self) -> &'static str {
        match self {
            Self::FamilyName => "family_name",
            Self::GivenName => "given_name",
            Self::Email => "email",
            Self::Uai => "uai",
            Self::SchoolName => "school_name",
            Self::Corps => "corps",
            Self::Functions => "functions",
        }
    }

    /// Written as people write them; compared folded, so case, accents, spaces and
    /// punctuation do not matter ("Nom d'usage" = "NOM_D_USAGE").
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Self::FamilyName => &[
                "nom",
                "nom de famille",
                "nom d'usage",
                "last name",
                "family name",
            ],
            Self::GivenName => &["prénom", "first name", "given name"],
            Self::Email => &[
                "courriel",
                "courriel professionnel",
                "email",
                "mel",
                "mail",
                "adresse électronique",
                "adresse mail",
                "adresse courriel",
            ],
            Self::Uai => &["uai", "rne", "code uai", "uai école", "code rne"],
            Self::SchoolName => &[
                "école",
                "nom école",
                "nom de l'école",
                "établissement",
                "nom de l'établissement",
                "school",
                "structure",
            ],
            Self::Corps => &["corps", "corps statutaire", "grade"],
            Self::Functions => &["fonctions", "fonction", "functions"],
        }
    }

    fn required(self) -> bool {
        matches!(
            self,
            Self::FamilyName | Self::GivenName | Self::Email | Self::Uai
        )
    }
}

/// Where each `Column` sits in the file, indexed by `Column as usize`.
type Layout = [Option<usize>; COLUMNS.len()];

fn parse_with_limit(bytes: &[u8], max_lines: usize) -> Result<ParsedRoster, RosterError> {
    let (text, encoding) = decode(bytes);
    let separator = detect_separator(&text).ok_or(RosterError::Empty)?;
    let split_functions_on_comma = separator == ';';

    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .quoting(true)
        .double_quote(true)
        .delimiter(if separator == ';' { b';' } else { b',' })
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();

    let mut scratch = String::new();
    // An in-memory UTF-8 source cannot fail to read, so an error here means no header.
    let layout = loop {
        match reader.read_record(&mut record) {
            Ok(true) if is_blank(&record) => {}
            Ok(true) => break locate_columns(&record, &mut scratch)?,
            Ok(false) | Err(_) => return Err(RosterError::Empty),
        }
    };
    let needed = COLUMNS
        .iter()
        .filter(|c| c.required())
        .filter_map(|&c| layout[c as usize])
        .max()
        .map_or(0, |i| i + 1);

    // One line per newline at most: reserving avoids copying ~200-byte lines on each growth.
    let capacity = text.bytes().filter(|&b| b == b'\n').count().min(max_lines) + 1;
    let mut lines: Vec<RosterLine> = Vec::with_capacity(capacity);
    let mut rejected = Vec::new();
    // Keyed on the email's hash, pointing into `lines`, so no email is copied just to be
    // remembered; a (vanishingly rare) collision falls back to a scan.
    let hasher = RandomState::new();
    let mut first_by_email: HashMap<u64, usize> = HashMap::with_capacity(capacity);
    let mut count = 0usize;

    loop {
        let line = match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                if is_blank(&record) {
                    continue;
                }
                line_of(text.as_bytes(), record.position())
            }
            Err(e) => {
                // Unreachable for an in-memory UTF-8 source; reported rather than dropped.
                let line = line_of(text.as_bytes(), e.position());
                rejected.push(reject(line, "roster-line-columns", "unreadable"));
                if !matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
                    break;
                }
                continue;
            }
        };
        count += 1;
        if count > max_lines {
            return Err(RosterError::TooManyLines { max: max_lines });
        }
        let checked = check_line(
            &record,
            line,
            &layout,
            needed,
            split_functions_on_comma,
            &mut scratch,
        );
        let roster_line = match checked {
            Ok(l) => l,
            Err(r) => {
                rejected.push(r);
                continue;
            }
        };
        let hash = hasher.hash_one(roster_line.email.as_str());
        let earlier = match first_by_email.entry(hash) {
            Entry::Vacant(slot) => {
                slot.insert(lines.len());
                None
            }
            Entry::Occupied(slot) => match lines.get(*slot.get()) {
                Some(first) if first.email == roster_line.email => Some(first.line),
                _ => lines
                    .iter()
                    .find(|l| l.email == roster_line.email)
                    .map(|l| l.line),
            },
        };
        match earlier {
            Some(first_line) => rejected.push(RejectedLine {
                line,
                code: "roster-line-duplicate",
                detail: first_line.to_string(),
            }),
            None => lines.push(roster_line),
        }
    }

    if count == 0 {
        return Err(RosterError::Empty);
    }
    Ok(ParsedRoster {
        encoding,
        separator,
        lines,
        rejected,
    })
}

fn check_line(
    record: &csv::StringRecord,
    line: usize,
    layout: &Layout,
    needed: usize,
    split_functions_on_comma: bool,
    scratch: &mut String,
) -> Result<RosterLine, RejectedLine> {
    if record.len() < needed {
        return Err(reject(
            line,
            "roster-line-columns",
            &record.len().to_string(),
        ));
    }
    let field = |c: Column| {
        layout[c as usize]
            .and_then(|i| record.get(i))
            .map_or("", str::trim)
    };

    let raw_email = field(Column::Email);
    let email = Email::parse(raw_email).map_err(|problem| {
        let code = match problem {
            EmailProblem::Missing | EmailProblem::Invalid => "roster-line-email",
            EmailProblem::Invisible | EmailProblem::Lookalike | EmailProblem::MixedScripts => {
                "roster-line-email-lookalike"
            }
        };
        reject(line, code, raw_email)
    })?;
    let raw_uai = field(Column::Uai);
    let uai = Uai::parse(raw_uai).map_err(|_| reject(line, "roster-line-uai", raw_uai))?;
    let family_name = clean_name(field(Column::FamilyName))
        .ok_or_else(|| reject(line, "roster-line-name", Column::FamilyName.canonical()))?;
    let given_name = clean_name(field(Column::GivenName))
        .ok_or_else(|| reject(line, "roster-line-name", Column::GivenName.canonical()))?;

    Ok(RosterLine {
        line,
        family_name,
        given_name,
        email,
        uai,
        school_name: field(Column::SchoolName).to_owned(),
        corps: field(Column::Corps).to_owned(),
        functions: parse_functions(field(Column::Functions), split_functions_on_comma, scratch),
    })
}

fn reject(line: usize, code: &'static str, value: &str) -> RejectedLine {
    RejectedLine {
        line,
        code,
        detail: value.chars().take(MAX_DETAIL_CHARS).collect(),
    }
}

/// The csv crate places a record at the end of the previous one, before the line breaks
/// (a CRLF's `\n`, blank lines) it skips; counting those gives the line a person sees.
fn line_of(text: &[u8], position: Option<&csv::Position>) -> usize {
    let Some(p) = position else { return 0 };
    let skipped = text
        .get(usize::try_from(p.byte()).unwrap_or(usize::MAX)..)
        .unwrap_or_default()
        .iter()
        .take_while(|&&b| b == b'\n' || b == b'\r')
        .filter(|&&b| b == b'\n')
        .count();
    usize::try_from(p.line())
        .unwrap_or(usize::MAX)
        .saturating_add(skipped)
}

/// Spreadsheets export trailing rows of bare separators; they carry nobody.
fn is_blank(record: &csv::StringRecord) -> bool {
    record.iter().all(|f| f.trim().is_empty())
}

/// Same rule as `PersonName::parse` (whitespace runs collapsed, 1–100 characters, no control
/// character) with one allocation, since it runs twice per line on the national roster.
fn clean_name(raw: &str) -> Option<String> {
    let mut out = String::with_capacity(raw.len());
    for word in raw.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() || out.chars().count() > MAX_NAME_CHARS || out.chars().any(char::is_control) {
        return None;
    }
    use unicode_normalization::{UnicodeNormalization, is_nfc};
    if !is_nfc(&out) {
        out = out.nfc().collect();
    }
    Some(out)
}

fn parse_functions(field: &str, split_on_comma: bool, scratch: &mut String) -> Vec<Function> {
    let mut out = Vec::new();
    if field.is_empty() {
        return out;
    }
    let parts = field.split(|c| c == '|' || c == '/' || (split_on_comma && c == ','));
    for part in parts {
        fold_into(part, scratch);
        // A filler such as "-" folds to nothing: it names no function.
        if scratch.is_empty() {
            continue;
        }
        let function = Function::from_folded(scratch);
        if !out.contains(&function) {
            out.push(function);
        }
    }
    out.sort_unstable();
    out
}

fn locate_columns(header: &csv::StringRecord, scratch: &mut String) -> Result<Layout, RosterError> {
    let mut folded_synonyms: Vec<(Column, String)> = Vec::new();
    for column in COLUMNS {
        for synonym in column.synonyms() {
            fold_into(synonym, scratch);
            folded_synonyms.push((column, scratch.clone()));
        }
    }
    let mut layout: Layout = [None; COLUMNS.len()];
    for (index, name) in header.iter().enumerate() {
        fold_into(name, scratch);
        let matched = folded_synonyms.iter().find(|(_, s)| s == scratch);
        // The first column of a kind wins: a second "mail" is most likely a personal one.
        if let Some(&(column, _)) = matched
            && layout[column as usize].is_none()
        {
            layout[column as usize] = Some(index);
        }
    }
    let missing: Vec<&'static str> = COLUMNS
        .iter()
        .filter(|c| c.required() && layout[**c as usize].is_none())
        .map(|c| c.canonical())
        .collect();
    if missing.is_empty() {
        Ok(layout)
    } else {
        Err(RosterError::MissingColumns(missing))
    }
}

/// Lowercase, accents off, only letters and digits kept: "Nom d'usage" → "nomdusage".
fn fold_into(s: &str, out: &mut String) {
    out.clear();
    for c in s.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
            continue;
        }
        for l in c.to_lowercase() {
            match l {
                'œ' => out.push_str("oe"),
                'æ' => out.push_str("ae"),
                // Decomposed accents (combining marks) are not alphanumeric and drop here.
                l if l.is_alphanumeric() => out.push(crate::text::strip_accent(l)),
                _ => {}
            }
        }
    }
}

/// The first line with any content; `;` wins a tie because French spreadsheets export it.
fn detect_separator(text: &str) -> Option<char> {
    let header = text.lines().find(|l| {
        l.chars()
            .any(|c| !c.is_whitespace() && c != ';' && c != ',')
    })?;
    let (mut semicolons, mut commas, mut quoted) = (0usize, 0usize, false);
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => semicolons += 1,
            ',' if !quoted => commas += 1,
            _ => {}
        }
    }
    Some(if commas > semicolons { ',' } else { ';' })
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn decode(bytes: &[u8]) -> (Cow<'_, str>, SourceEncoding) {
    let (body, bom) = match bytes.strip_prefix(BOM) {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    match std::str::from_utf8(body) {
        Ok(s) if bom => (Cow::Borrowed(s), SourceEncoding::Utf8Bom),
        Ok(s) => (Cow::Borrowed(s), SourceEncoding::Utf8),
        Err(_) => (
            Cow::Owned(decode_windows_1252(body)),
            SourceEncoding::Windows1252,
        ),
    }
}

/// Windows-1252 as browsers read it (WHATWG), where the five holes of 0x80–0x9F become C1
/// controls, so they surface as invalid names rather than vanish.
fn decode_windows_1252(bytes: &[u8]) -> String {
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::PersonName;

    const HEADER_SEMI: &str = "Nom;Prénom;Courriel professionnel;UAI;École;Corps;Fonctions\n";

    fn parse(text: &str) -> ParsedRoster {
        parse_roster(text.as_bytes()).unwrap()
    }

    fn codes(p: &ParsedRoster) -> Vec<(usize, &'static str, &str)> {
        p.rejected
            .iter()
            .map(|r| (r.line, r.code, r.detail.as_str()))
            .collect()
    }

    #[test]
    fn reads_a_semicolon_file() {
        let p = parse(&format!(
            "{HEADER_SEMI}Dupont;Jean;Jean.Dupont@AC-Amiens.fr;0801234a;École Jules Ferry;Professeur des écoles;direction d'école\n\
             Martin; Zoé ;zoe.martin@ac-amiens.fr;0805678B;;;\n"
        ));
        assert_eq!(p.encoding, SourceEncoding::Utf8);
        assert_eq!(p.separator, ';');
        assert!(p.rejected.is_empty(), "{:?}", p.rejected);
        assert_eq!(p.lines.len(), 2);
        let l = &p.lines[0];
        assert_eq!(l.line, 2);
        assert_eq!(l.family_name, "Dupont");
        assert_eq!(l.given_name, "Jean");
        assert_eq!(l.email.as_str(), "jean.dupont@ac-amiens.fr");
        assert_eq!(l.uai.as_str(), "0801234A");
        assert_eq!(l.school_name, "École Jules Ferry");
        assert_eq!(l.corps, "Professeur des écoles");
        assert_eq!(l.functions, vec![Function::SchoolDirector]);
        let z = &p.lines[1];
        assert_eq!((z.line, z.given_name.as_str()), (3, "Zoé"));
        assert!(z.school_name.is_empty() && z.corps.is_empty() && z.functions.is_empty());
    }

    #[test]
    fn reads_a_comma_file_with_crlf() {
        let p =
            parse("last name,first name,email,uai\r\nDupont,Jean,jean@ac-lille.fr,0590001X\r\n");
        assert_eq!(p.separator, ',');
        assert_eq!(p.lines.len(), 1);
        assert_eq!(p.lines[0].line, 2);
        assert_eq!(p.lines[0].uai.as_str(), "0590001X");
    }

    #[test]
    fn strips_a_bom() {
        let mut bytes = BOM.to_vec();
        bytes.extend_from_slice(b"nom;prenom;mail;rne\nDupont;Jean;jean@ac-lille.fr;0590001X\n");
        let p = parse_roster(&bytes).unwrap();
        assert_eq!(p.encoding, SourceEncoding::Utf8Bom);
        assert_eq!(p.lines.len(), 1);
        assert_eq!(p.lines[0].family_name, "Dupont");
    }

    #[test]
    fn decodes_windows_1252() {
        let mut bytes = b"Nom;Pr\xE9nom;Courriel;UAI;\xC9cole\n".to_vec();
        bytes.extend_from_slice(
            b"C\x9Cur;Ren\xE9e;renee.coeur@ac-lille.fr;0590001X;\xC9cole du Ch\xEAne\x85\n",
        );
        let p = parse_roster(&bytes).unwrap();
        assert_eq!(p.encoding, SourceEncoding::Windows1252);
        assert!(p.rejected.is_empty(), "{:?}", p.rejected);
        let l = &p.lines[0];
        assert_eq!(l.family_name, "Cœur");
        assert_eq!(l.given_name, "Renée");
        assert_eq!(l.school_name, "École du Chêne…");
    }

    #[test]
    fn windows_1252_table_covers_the_whole_range() {
        let all: Vec<u8> = (0x80..=0xFF).collect();
        let s = decode_windows_1252(&all);
        assert_eq!(s.chars().count(), 128);
        assert_eq!(s.chars().next(), Some('€'));
        assert_eq!(s.chars().nth(0x9F - 0x80), Some('Ÿ'));
        assert_eq!(s.chars().nth(0xA0 - 0x80), Some('\u{A0}'));
        assert_eq!(s.chars().last(), Some('ÿ'));
    }

    #[test]
    fn matches_header_synonyms_in_any_order_and_ignores_unknown_columns() {
        let p = parse(
            "Matricule;ADRESSE ÉLECTRONIQUE;Code UAI;Commentaire;Fonction;Nom d'usage;Etablissement;PRENOM;Grade\n\
             42;jean@ac-lille.fr;0590001X;rien;CPC;Dupont;École A;Jean;PE\n",
        );
        assert!(p.rejected.is_empty(), "{:?}", p.rejected);
        let l = &p.lines[0];
        assert_eq!(
            (
                l.family_name.as_str(),
                l.given_name.as_str(),
                l.email.as_str(),
                l.uai.as_str(),
                l.school_name.as_str(),
                l.corps.as_str(),
            ),
            (
                "Dupont",
                "Jean",
                "jean@ac-lille.fr",
                "0590001X",
                "École A",
                "PE"
            )
        );
        assert_eq!(l.functions, vec![Function::Cpc]);
    }

    #[test]
    fn every_listed_synonym_is_recognised() {
        let mut scratch = String::new();
        for (header, column) in [
            ("Nom de famille", "family_name"),
            ("Family-Name", "family_name"),
            ("Given_name", "given_name"),
            ("E-mail", "email"),
            ("Mél", "email"),
            ("UAI école", "uai"),
            ("Nom école", "school_name"),
            ("ecole", "school_name"),
            ("SCHOOL", "school_name"),
            ("Structure", "school_name"),
            ("Corps statutaire", "corps"),
            ("Functions", "functions"),
        ] {
            let record = csv::StringRecord::from(vec![header]);
            let err = locate_columns(&record, &mut scratch).unwrap_err();
            let RosterError::MissingColumns(missing) = err else {
                panic!("{err:?}")
            };
            assert!(
                !missing.contains(&column),
                "{header:?} not read as {column}"
            );
        }
    }

    #[test]
    fn lists_missing_required_columns() {
        let err = parse_roster(b"Nom;Ecole;Corps\nDupont;A;PE\n").unwrap_err();
        assert_eq!(
            err,
            RosterError::MissingColumns(vec!["given_name", "email", "uai"])
        );
        assert_eq!(err.code(), "roster-missing-columns");
    }

    #[test]
    fn empty_files_and_header_only_files_are_empty() {
        for bytes in [
            &b""[..],
            b"\n\n  \n",
            b";;;\n",
            b"nom;prenom;mail;uai\n\n;;;\n",
        ] {
            let err = parse_roster(bytes).unwrap_err();
            assert_eq!(err, RosterError::Empty, "{bytes:?}");
            assert_eq!(err.code(), "roster-empty");
        }
    }

    #[test]
    fn keeps_quoted_separators_inside_fields() {
        let p = parse(
            "nom;prenom;mail;uai;ecole;fonctions\n\
             \"Dupont; dit \"\"Jo\"\"\";Jean;jean@ac-lille.fr;0590001X;\"École A; site B\";\"CPC, ERUN\"\n",
        );
        assert!(p.rejected.is_empty(), "{:?}", p.rejected);
        let l = &p.lines[0];
        assert_eq!(l.family_name, "Dupont; dit \"Jo\"");
        assert_eq!(l.school_name, "École A; site B");
        assert_eq!(l.functions, vec![Function::Cpc, Function::Erun]);

        let p = parse(
            "nom,prenom,mail,uai,ecole\nDupont,Jean,jean@ac-lille.fr,0590001X,\"École A, site B\"\n",
        );
        assert_eq!(p.separator, ',');
        assert_eq!(p.lines[0].school_name, "École A, site B");
    }

    #[test]
    fn separator_comes_from_the_header_outside_quotes() {
        assert_eq!(detect_separator("\"a,b,c\";d;e\nx,y,z,w"), Some(';'));
        assert_eq!(detect_separator("a;b,c\n"), Some(';'));
        assert_eq!(detect_separator("\n;;\n\"n;o\",p,q"), Some(','));
        assert_eq!(detect_separator("  \n"), None);
    }

    #[test]
    fn rejects_a_second_line_with_the_same_email() {
        let p = parse(&format!(
            "{HEADER_SEMI}Dupont;Jean;jean.dupont@ac-lille.fr;0590001X;;;\n\
             Durand;Anne;anne@ac-lille.fr;0590001X;;;\n\
             Dupont;Jean;  JEAN.Dupont@AC-LILLE.FR;0590002Y;;;\n"
        ));
        assert_eq!(p.lines.len(), 2);
        assert_eq!(codes(&p), vec![(4, "roster-line-duplicate", "2")]);
    }

    #[test]
    fn a_rejected_line_does_not_claim_its_email() {
        let p = parse(&format!(
            "{HEADER_SEMI};Jean;jean@ac-lille.fr;0590001X;;;\nDupont;Jean;jean@ac-lille.fr;0590001X;;;\n"
        ));
        assert_eq!(codes(&p), vec![(2, "roster-line-name", "family_name")]);
        assert_eq!(p.lines.len(), 1);
        assert_eq!(p.lines[0].line, 3);
    }

    #[test]
    fn rejects_invalid_uai_email_name_and_short_lines() {
        let long = "x".repeat(101);
        let p = parse(&format!(
            "{HEADER_SEMI}Dupont;Jean;jean@ac-lille.fr;059001X;;;\n\
             Dupont;Jean;jean@ac-lille.fr;;;;\n\
             Dupont;Jean;jean(at)ac-lille.fr;0590001X;;;\n\
             Dupont;;jean@ac-lille.fr;0590001X;;;\n\
             {long};Jean;jean@ac-lille.fr;0590001X;;;\n\
             Dupont;Jean;jean@ac-lille.fr\n\
             Dupont;Jean;jean@ac-lille.fr;0590001X\n"
        ));
        assert_eq!(
            codes(&p),
            vec![
                (2, "roster-line-uai", "059001X"),
                (3, "roster-line-uai", ""),
                (4, "roster-line-email", "jean(at)ac-lille.fr"),
                (5, "roster-line-name", "given_name"),
                (6, "roster-line-name", "family_name"),
                (7, "roster-line-columns", "3"),
            ]
        );
        assert_eq!(p.lines.len(), 1);
        assert_eq!(p.lines[0].line, 8);
    }

    #[test]
    fn detail_never_carries_a_long_value() {
        let long = format!("{}@ac-lille.fr", "a".repeat(300));
        let p = parse(&format!("{HEADER_SEMI}Dupont;Jean;{long};0590001X\n"));
        assert_eq!(p.rejected[0].code, "roster-line-email");
        assert_eq!(p.rejected[0].detail.chars().count(), MAX_DETAIL_CHARS);
    }

    #[test]
    fn skips_blank_lines_but_keeps_file_line_numbers() {
        let text = format!(
            "\n{HEADER_SEMI}\nDupont;Jean;jean@ac-lille.fr;0590001X;;;\n;;;;;;\n   \n\n\nDurand;Anne;anne@ac-lille.fr;0590001X;\"École\nA\"\n\nMartin;Zoé;x;0590001X\n"
        );
        for text in [text.clone(), text.replace('\n', "\r\n")] {
            let p = parse(&text);
            assert_eq!(
                p.lines.iter().map(|l| l.line).collect::<Vec<_>>(),
                vec![4, 9]
            );
            assert_eq!(codes(&p), vec![(12, "roster-line-email", "x")]);
        }
    }

    #[test]
    fn a_quoted_newline_keeps_the_line_where_the_record_starts() {
        let p = parse(
            "nom;prenom;mail;uai;ecole\nDupont;Jean;jean@ac-lille.fr;0590001X;\"École\nA\"\nDurand;Anne;x;0590001X;\n",
        );
        assert_eq!(p.lines[0].line, 2);
        assert_eq!(codes(&p), vec![(4, "roster-line-email", "x")]);
    }

    #[test]
    fn refuses_more_than_the_limit() {
        let text = format!(
            "{HEADER_SEMI}A;B;a@ac-lille.fr;0590001X\nA;B;b@ac-lille.fr;0590001X\nA;B;c@ac-lille.fr;0590001X\n"
        );
        assert_eq!(parse_with_limit(text.as_bytes(), 3).unwrap().lines.len(), 3);
        let err = parse_with_limit(text.as_bytes(), 2).unwrap_err();
        assert_eq!(err, RosterError::TooManyLines { max: 2 });
        assert_eq!(err.code(), "roster-too-many-lines");
    }

    fn generated(n: usize, bad: &[usize]) -> String {
        let mut s = String::with_capacity(n * 110);
        s.push_str(HEADER_SEMI);
        for i in 0..n {
            // Line numbers: header is 1, person i is on line i + 2.
            let line = i + 2;
            let uai = if bad.first() == Some(&line) {
                "12345".to_owned()
            } else {
                format!("{:07}A", i % 5_000)
            };
            let email = if bad.get(1) == Some(&line) {
                "pas-une-adresse".to_owned()
            } else if bad.get(2) == Some(&line) {
                "prenom.nom1@ac-versailles.fr".to_owned()
            } else {
                format!("prenom.nom{i}@ac-versailles.fr")
            };
            s.push_str(&format!(
                "Nom{i};Prénom{i};{email};{uai};École n°{};Professeur des écoles;{}\n",
                i % 5_000,
                if i % 7 == 0 { "direction d'école" } else { "" }
            ));
        }
        s
    }

    #[test]
    fn ten_thousand_lines_with_three_bad_ones() {
        let text = generated(10_000, &[1_234, 5_678, 9_999]);
        let p = parse(&text);
        assert_eq!(p.lines.len(), 9_997);
        assert_eq!(
            codes(&p),
            vec![
                (1_234, "roster-line-uai", "12345"),
                (5_678, "roster-line-email", "pas-une-adresse"),
                (9_999, "roster-line-duplicate", "3"),
            ]
        );
        assert_eq!(p.lines[0].functions, vec![Function::SchoolDirector]);
        assert_eq!(p.lines.last().map(|l| l.line), Some(10_001));
    }

    #[test]
    fn functions_are_split_deduplicated_and_sorted() {
        let mut scratch = String::new();
        let f = |s: &str, comma: bool, scratch: &mut String| parse_functions(s, comma, scratch);
        assert_eq!(
            f("direction d'école|CPC", true, &mut scratch),
            vec![Function::SchoolDirector, Function::Cpc]
        );
        assert_eq!(
            f("ERUN / DIR | cpc | Directrice", false, &mut scratch),
            vec![Function::SchoolDirector, Function::Cpc, Function::Erun]
        );
        assert_eq!(
            f("IEN, secrétaire", true, &mut scratch),
            vec![Function::Ien, Function::Secretary]
        );
        // In a comma file a quoted comma is part of one function name.
        assert_eq!(
            f("IEN, secrétaire", false, &mut scratch),
            vec![Function::Ien]
        );
        assert!(f(" - | ", true, &mut scratch).is_empty());
    }

    #[test]
    fn functions_match_without_case_or_accents() {
        let mut scratch = String::new();
        for (text, expected) in [
            ("Direction d'École", Function::SchoolDirector),
            ("DIRECTRICE D'ECOLE MATERNELLE", Function::SchoolDirector),
            ("directeur", Function::SchoolDirector),
            ("dir", Function::SchoolDirector),
            ("CPC EPS", Function::Cpc),
            ("Conseillère pédagogique de circonscription", Function::Cpc),
            ("conseiller pedagogique", Function::Cpc),
            ("Enseignant référent numérique", Function::Erun),
            (
                "Enseignante référente pour les usages du numérique",
                Function::Erun,
            ),
            ("erun", Function::Erun),
            ("IEN", Function::Ien),
            ("Inspectrice de l'Éducation nationale", Function::Ien),
            ("Secrétaire de circonscription", Function::Secretary),
            ("Professeur des écoles", Function::Other),
            ("directeur académique", Function::Other),
        ] {
            assert_eq!(
                parse_functions(text, true, &mut scratch),
                vec![expected],
                "{text:?}"
            );
        }
    }

    #[test]
    fn stored_functions_read_back() {
        for f in [
            Function::SchoolDirector,
            Function::Cpc,
            Function::Erun,
            Function::Ien,
            Function::Secretary,
            Function::Other,
        ] {
            assert_eq!(Function::parse_stored(f.as_str()), Some(f));
        }
        assert_eq!(Function::parse_stored("CPC"), None);
    }

    #[test]
    fn names_follow_the_person_name_rule() {
        let long = "é".repeat(100);
        let too_long = "é".repeat(101);
        for raw in [
            "  Marie   Claire ",
            "d'Aubigné",
            "",
            " \t ",
            long.as_str(),
            too_long.as_str(),
            "Zo\u{7}é",
        ] {
            let ours = clean_name(raw);
            let theirs = PersonName::parse(raw, "X")
                .ok()
                .map(|n| n.given().to_owned());
            assert_eq!(ours, theirs, "{raw:?}");
        }
    }

    /// `cargo test --release -- --ignored --nocapture roster_speed`
    #[test]
    #[ignore = "measures speed; run in release"]
    fn roster_speed() {
        for n in [100_000, 860_000] {
            let text = generated(n, &[]);
            let start = std::time::Instant::now();
            let p = parse(&text);
            let elapsed = start.elapsed();
            assert_eq!(p.lines.len(), n);
            println!(
                "{n} lines ({} MB): {elapsed:?}, {:.0} lines/s",
                text.len() / 1_000_000,
                n as f64 / elapsed.as_secs_f64()
            );
        }
    }
}
