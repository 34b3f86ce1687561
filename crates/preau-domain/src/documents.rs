//! Rules about documents that need no storage: what a file or folder may be called, and how
//! a file is served back (its type, and whether a browser may show it or must download it).

use unicode_normalization::UnicodeNormalization;

/// The longest name, in characters.
pub const NAME_MAX_CHARS: usize = 200;

/// A name a file or folder may have: NFC, trimmed, 1–200 characters, no control character,
/// no `/` or `\`, not `.` or `..` — so that no name is a path, whatever reads it later (a
/// ZIP of a folder, a synchronisation client).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentName(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    Empty,
    TooLong,
    /// A control character, `/` or `\`.
    ForbiddenCharacter,
    /// `.` or `..`.
    Dots,
    /// A space at the start or the end.
    EdgeSpace,
}

impl NameProblem {
    /// The stable code, for the API and the messages.
    pub fn code(self) -> &'static str {
        match self {
            Self::Empty => "document-name-empty",
            Self::TooLong => "document-name-too-long",
            Self::ForbiddenCharacter => "document-name-forbidden-character",
            Self::Dots => "document-name-dots",
            Self::EdgeSpace => "document-name-edge-space",
        }
    }
}

impl DocumentName {
    /// Checks the name as given: no space at either end (the pages trim what people type;
    /// the API takes exactly what its document allows), at most 200 characters, no control
    /// character, `/` or `\`, not `.` or `..`; then normalises it to NFC.
    pub fn parse(raw: &str) -> Result<Self, NameProblem> {
        if raw.is_empty() || raw.chars().all(char::is_whitespace) {
            return Err(NameProblem::Empty);
        }
        if raw.chars().count() > NAME_MAX_CHARS {
            return Err(NameProblem::TooLong);
        }
        if raw
            .chars()
            .any(|c| c.is_control() || matches!(c, '/' | '\\' | '\u{2028}' | '\u{2029}'))
        {
            return Err(NameProblem::ForbiddenCharacter);
        }
        if raw.starts_with(char::is_whitespace) || raw.ends_with(char::is_whitespace) {
            return Err(NameProblem::EdgeSpace);
        }
        if raw == "." || raw == ".." {
            return Err(NameProblem::Dots);
        }
        let name: String = raw.nfc().collect();
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What makes two names the same in one folder: case ignored.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }

    /// The name with ` (n)` before its extension: `compte-rendu (2).pdf`.
    pub fn numbered(&self, n: u32) -> Self {
        let (stem, ext) = split_extension(&self.0);
        Self(format!("{stem} ({n}){ext}"))
    }
}

/// `("rapport", ".pdf")`; a leading dot is part of the stem (`.profile` has no extension).
fn split_extension(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(i) if i > 0 => (&name[..i], &name[i..]),
        _ => (name, ""),
    }
}

/// One `Range: bytes=…` a client asked for, before the file's size is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByteRange {
    /// `bytes=a-`
    From(u64),
    /// `bytes=a-b` (both included)
    FromTo(u64, u64),
    /// `bytes=-n`: the last n bytes.
    Last(u64),
    /// `bytes=b-a` with b > a: never satisfiable.
    Reversed,
}

impl ByteRange {
    /// The header's single byte range; `None` for anything else (no range, several, other
    /// units, unreadable), which is served whole.
    pub fn parse(header: &str) -> Option<Self> {
        let spec = header.strip_prefix("bytes=")?;
        if spec.contains(',') {
            return None;
        }
        let (a, b) = spec.split_once('-')?;
        Some(match (a.trim(), b.trim()) {
            ("", n) => Self::Last(n.parse().ok()?),
            (a, "") => Self::From(a.parse().ok()?),
            (a, b) => {
                let (a, b): (u64, u64) = (a.parse().ok()?, b.parse().ok()?);
                if b < a {
                    Self::Reversed
                } else {
                    Self::FromTo(a, b)
                }
            }
        })
    }

    /// The half-open range of a file of `size` bytes this asks for, clamped to the file;
    /// `None` when none of it is in the file (416).
    pub fn resolve(self, size: u64) -> Option<std::ops::Range<u64>> {
        let range = match self {
            Self::Last(n) => size.saturating_sub(n)..size,
            Self::From(a) => a..size,
            Self::FromTo(a, b) => a..b.saturating_add(1).min(size),
            Self::Reversed => return None,
        };
        (range.start < range.end && range.start < size).then_some(range)
    }
}

/// How a file is served: its type, and whether a browser may display it in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Served {
    pub content_type: &'static str,
    /// Only types a browser shows without running anything (PDF, images but SVG, plain
    /// text) are `inline`; HTML, SVG, XML, scripts and everything unknown are downloaded.
    pub inline: bool,
}

/// The extensions accepted by default (SEC-51): documents, images, sound and video, the
/// archives teachers exchange (GeoGebra, Scratch, ZIP), and files without an extension.
/// HTML, SVG and XML are accepted but only ever downloaded (see `served_as`).
pub const DEFAULT_ALLOWED_EXTENSIONS: &[&str] = &[
    "", "pdf", "png", "jpg", "jpeg", "gif", "webp", "svg", "txt", "csv", "md", "html", "htm",
    "xml", "json", "odt", "ods", "odp", "odg", "docx", "xlsx", "pptx", "doc", "xls", "ppt", "rtf",
    "epub", "zip", "ggb", "sb3", "mp3", "m4a", "ogg", "oga", "wav", "mp4", "m4v", "mov", "ogv",
    "webm",
];

/// Why a file's content is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentProblem {
    /// Its extension is not on the instance's list.
    NotAllowed,
    /// Its bytes are not what its extension says (a « .pdf » that is HTML).
    Mismatch,
    /// A program (Windows, Linux or macOS executable, Java class, script with `#!`).
    Executable,
}

impl ContentProblem {
    pub fn code(self) -> &'static str {
        match self {
            Self::NotAllowed => "document-type-not-allowed",
            Self::Mismatch => "document-type-mismatch",
            Self::Executable => "document-executable",
        }
    }
}

/// Checks a file by its name and its first bytes (SEC-51): no program, whatever it is
/// called; an extension on the `allowed` list (`*` allows any); and, for the types whose
/// first bytes are known, bytes that agree with the extension. An empty file has nothing
/// to contradict it.
pub fn check_content(
    name: &str,
    first_bytes: &[u8],
    allowed: &[String],
) -> Result<(), ContentProblem> {
    let b = first_bytes;
    let program = is_windows_program(b)
        || b.starts_with(b"\x7fELF")
        || b.starts_with(b"#!")
        || [
            b"\xfe\xed\xfa\xce",
            b"\xfe\xed\xfa\xcf",
            b"\xce\xfa\xed\xfe",
            b"\xcf\xfa\xed\xfe",
            b"\xca\xfe\xba\xbe",
        ]
        .iter()
        .any(|m| b.starts_with(*m));
    if program {
        return Err(ContentProblem::Executable);
    }
    let ext = split_extension(name)
        .1
        .trim_start_matches('.')
        .to_lowercase();
    if !allowed
        .iter()
        .any(|a| a == "*" || a.eq_ignore_ascii_case(&ext))
    {
        return Err(ContentProblem::NotAllowed);
    }
    if b.is_empty() {
        return Ok(());
    }
    let zip = b.starts_with(b"PK\x03\x04") || b.starts_with(b"PK\x05\x06");
    let agrees = match ext.as_str() {
        "pdf" => b.starts_with(b"%PDF-"),
        "png" => b.starts_with(b"\x89PNG\r\n\x1a\n"),
        "jpg" | "jpeg" => b.starts_with(b"\xff\xd8\xff"),
        "gif" => b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a"),
        "webp" => b.len() >= 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WEBP",
        "wav" => b.len() >= 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WAVE",
        "odt" | "ods" | "odp" | "odg" | "docx" | "xlsx" | "pptx" | "epub" | "zip" | "ggb"
        | "sb3" => zip,
        "doc" | "xls" | "ppt" => b.starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
        "rtf" => b.starts_with(b"{\\rtf"),
        "mp3" => b.starts_with(b"ID3") || (b.len() >= 2 && b[0] == 0xff && b[1] & 0xe0 == 0xe0),
        "mp4" | "m4a" | "m4v" | "mov" => b.len() >= 8 && &b[4..8] == b"ftyp",
        "ogg" | "oga" | "ogv" => b.starts_with(b"OggS"),
        "webm" => b.starts_with(b"\x1a\x45\xdf\xa3"),
        _ => true,
    };
    if agrees {
        Ok(())
    } else {
        Err(ContentProblem::Mismatch)
    }
}

/// An MS-DOS or Windows program: `MZ`, and (when the head reaches it) the `PE` signature
/// where its header says — so that a text starting with « MZ » is not one.
fn is_windows_program(b: &[u8]) -> bool {
    if !b.starts_with(b"MZ") || b.len() < 64 {
        return false;
    }
    let at = u32::from_le_bytes([b[60], b[61], b[62], b[63]]) as usize;
    match b.get(at..at + 4) {
        Some(sig) => sig == b"PE\0\0",
        // Beyond the bytes read: an MZ header of full length is taken for a program.
        None => {
            b[2..64]
                .iter()
                .filter(|c| !c.is_ascii_graphic() && **c != b' ')
                .count()
                > 8
        }
    }
}

/// The type a file is served with, from its name's extension and its first bytes: when
/// the bytes contradict the extension (a « .pdf » that is HTML), the file is served as an
/// opaque download.
pub fn served_as(name: &str, first_bytes: &[u8]) -> Served {
    let ext = split_extension(name)
        .1
        .trim_start_matches('.')
        .to_lowercase();
    let (content_type, inline) = match ext.as_str() {
        "pdf" => ("application/pdf", true),
        "png" => ("image/png", true),
        "jpg" | "jpeg" => ("image/jpeg", true),
        "gif" => ("image/gif", true),
        "webp" => ("image/webp", true),
        "txt" | "csv" | "md" => ("text/plain; charset=utf-8", true),
        "odt" => ("application/vnd.oasis.opendocument.text", false),
        "ods" => ("application/vnd.oasis.opendocument.spreadsheet", false),
        "odp" => ("application/vnd.oasis.opendocument.presentation", false),
        "docx" => (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            false,
        ),
        "xlsx" => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            false,
        ),
        "pptx" => (
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            false,
        ),
        "doc" => ("application/msword", false),
        "xls" => ("application/vnd.ms-excel", false),
        "zip" => ("application/zip", false),
        "mp3" => ("audio/mpeg", false),
        "mp4" => ("video/mp4", false),
        _ => ("application/octet-stream", false),
    };
    if inline && !bytes_agree(content_type, first_bytes) {
        return Served {
            content_type: "application/octet-stream",
            inline: false,
        };
    }
    Served {
        content_type,
        inline,
    }
}

/// Whether a file of this stored type may be shown in place (see `Served::inline`).
pub fn shown_in_place(content_type: &str) -> bool {
    matches!(
        content_type,
        "application/pdf"
            | "image/png"
            | "image/jpeg"
            | "image/gif"
            | "image/webp"
            | "text/plain; charset=utf-8"
    )
}

/// Whether the first bytes are what the type says, for the types shown in place.
fn bytes_agree(content_type: &str, b: &[u8]) -> bool {
    match content_type {
        "application/pdf" => b.starts_with(b"%PDF-"),
        "image/png" => b.starts_with(b"\x89PNG\r\n\x1a\n"),
        "image/jpeg" => b.starts_with(b"\xff\xd8\xff"),
        "image/gif" => b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a"),
        "image/webp" => b.len() >= 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WEBP",
        // Text shown in place must not be markup a browser could sniff as HTML (nosniff is
        // sent too) nor binary.
        _ => {
            let head = String::from_utf8_lossy(&b[..b.len().min(512)]).to_lowercase();
            !head.contains("<html")
                && !head.contains("<script")
                && !head.contains("<svg")
                && !b.contains(&0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_is_checked_by_its_bytes_against_the_list() {
        let allowed: Vec<String> = DEFAULT_ALLOWED_EXTENSIONS
            .iter()
            .map(|s| s.to_string())
            .collect();
        let check = |name: &str, bytes: &[u8]| check_content(name, bytes, &allowed);
        assert_eq!(check("cours.pdf", b"%PDF-1.7 ..."), Ok(()));
        assert_eq!(check("Cours.PDF", b"%PDF-1.4"), Ok(()));
        assert_eq!(
            check("cours.pdf", b"<html><script>alert(1)</script>"),
            Err(ContentProblem::Mismatch)
        );
        assert_eq!(check("fiche.odt", b"PK\x03\x04rest"), Ok(()));
        assert_eq!(
            check("fiche.docx", b"not a zip"),
            Err(ContentProblem::Mismatch)
        );
        assert_eq!(check("photo.jpg", b"\xff\xd8\xff\xe0"), Ok(()));
        assert_eq!(check("vide.pdf", b""), Ok(()));
        assert_eq!(check("notes.txt", b"any text"), Ok(()));
        assert_eq!(
            check("page.html", b"<html>"),
            Ok(()),
            "accepted, served as a download"
        );
        // Programs, whatever their name says.
        let mut pe = vec![0u8; 128];
        pe[..2].copy_from_slice(b"MZ");
        pe[60] = 64;
        pe[64..68].copy_from_slice(b"PE\0\0");
        for bytes in [
            &pe[..],
            b"\x7fELF\x02",
            b"#!/bin/sh\nrm -rf /",
            b"\xcf\xfa\xed\xfe",
        ] {
            assert_eq!(check("devoirs.pdf", bytes), Err(ContentProblem::Executable));
            assert_eq!(check("setup.txt", bytes), Err(ContentProblem::Executable));
        }
        assert_eq!(
            check("setup.exe", b"hello"),
            Err(ContentProblem::NotAllowed)
        );
        assert_eq!(
            check("script.ps1", b"Write-Host"),
            Err(ContentProblem::NotAllowed)
        );
        assert_eq!(
            check("Notes", b"plain"),
            Ok(()),
            "no extension is on the default list"
        );
        // `*` allows any extension, never a program.
        let any = vec!["*".to_owned()];
        assert_eq!(check_content("setup.exe", b"hello", &any), Ok(()));
        assert_eq!(
            check_content("setup.exe", &pe, &any),
            Err(ContentProblem::Executable)
        );
        // A text that starts with « MZ » is a text.
        assert_eq!(
            check(
                "noms.csv",
                b"MZOUGHI;Sami;CM1\nMARTIN;Lea;CM1\nDUPONT;Jean;CE2\nDURAND;Eve;CP\n"
            ),
            Ok(())
        );
    }

    #[test]
    fn names_are_never_paths() {
        for bad in [
            "", "   ", ".", "..", "a/b", "..\\x", "a\nb", "a\u{0}b", "x\u{7f}",
        ] {
            assert!(DocumentName::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            DocumentName::parse("Compte rendu.pdf").map(|n| n.as_str().to_owned()),
            Ok("Compte rendu.pdf".to_owned())
        );
        // Spaces at the ends are the pages' to trim: the API takes names as its document
        // describes them.
        assert_eq!(
            DocumentName::parse(" ..").map(|n| n.as_str().to_owned()),
            Err(NameProblem::EdgeSpace)
        );
        assert_eq!(
            DocumentName::parse(&"é".repeat(201)),
            Err(NameProblem::TooLong)
        );
        // Decomposed and precomposed accents are one name.
        let nfd = DocumentName::parse("e\u{301}te\u{301}.odt").unwrap();
        assert_eq!(nfd.key(), DocumentName::parse("ÉTÉ.odt").unwrap().key());
    }

    #[test]
    fn byte_ranges_resolve_against_the_size() {
        let r = |h: &str, size| ByteRange::parse(h).map(|b| b.resolve(size));
        assert_eq!(r("bytes=4-8", 100), Some(Some(4..9)));
        assert_eq!(r("bytes=90-", 100), Some(Some(90..100)));
        assert_eq!(r("bytes=-10", 100), Some(Some(90..100)));
        assert_eq!(r("bytes=50-500", 100), Some(Some(50..100)));
        assert_eq!(r("bytes=110-", 100), Some(None));
        assert_eq!(r("bytes=8-4", 100), Some(None));
        assert_eq!(r("bytes=0-1,4-5", 100), None);
        assert_eq!(r("items=0-1", 100), None);
    }

    #[test]
    fn numbered_names_keep_their_extension() {
        let n = DocumentName::parse("compte-rendu.pdf").unwrap();
        assert_eq!(n.numbered(2).as_str(), "compte-rendu (2).pdf");
        let n = DocumentName::parse(".profile").unwrap();
        assert_eq!(n.numbered(3).as_str(), ".profile (3)");
    }

    #[test]
    fn only_harmless_types_are_shown_in_place() {
        assert!(served_as("a.pdf", b"%PDF-1.7").inline);
        assert!(served_as("a.PNG", b"\x89PNG\r\n\x1a\n....").inline);
        for risky in [
            "a.html",
            "a.svg",
            "a.xml",
            "a.js",
            "a.exe",
            "sans extension",
        ] {
            let s = served_as(risky, b"<html><script>alert(1)</script>");
            assert!(!s.inline, "{risky}");
        }
        // The extension lies: served as an opaque download.
        let s = served_as("rapport.pdf", b"<html><body>");
        assert_eq!(s.content_type, "application/octet-stream");
        assert!(!s.inline);
        assert!(!served_as("notes.txt", b"<svg onload=alert(1)>").inline);
    }

    proptest::proptest! {
        /// Any name: parsed or refused, never a panic; a parsed name is never a path
        /// (no separator, no control character, not `.` or `..`) and keeps at most 200
        /// characters; its key is its lower case.
        #[test]
        fn a_name_is_never_a_path(raw in ".{0,260}") {
            if let Ok(name) = DocumentName::parse(&raw) {
                let s = name.as_str();
                proptest::prop_assert!(!s.contains(['/', '\\']));
                proptest::prop_assert!(!s.chars().any(char::is_control));
                proptest::prop_assert!(s != "." && s != "..");
                proptest::prop_assert!(s.chars().count() <= NAME_MAX_CHARS);
                proptest::prop_assert_eq!(name.key(), s.to_lowercase());
            }
        }

        /// Any bytes under any name: a verdict, never a panic; a program is refused
        /// whatever it is called, even with every extension allowed.
        #[test]
        fn content_checks_never_panic(
            name in ".{0,40}",
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..600),
        ) {
            let any = vec!["*".to_owned()];
            let verdict = check_content(&name, &bytes, &any);
            if bytes.starts_with(b"\x7fELF") || bytes.starts_with(b"#!") {
                proptest::prop_assert_eq!(verdict, Err(ContentProblem::Executable));
            }
            let served = served_as(&name, &bytes);
            // Nothing is shown in place unless its bytes agree with its type.
            if served.inline {
                proptest::prop_assert!(bytes_agree(served.content_type, &bytes));
            }
        }

        /// Any `Range` header: parsed or ignored; a resolved range lies inside the file.
        #[test]
        fn ranges_stay_inside_the_file(header in ".{0,40}", size in 0_u64..1_000_000) {
            if let Some(range) = ByteRange::parse(&header).and_then(|r| r.resolve(size)) {
                proptest::prop_assert!(range.start < range.end && range.end <= size);
            }
        }
    }
}
