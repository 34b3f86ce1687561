//! Photos lose what they say about where and when they were taken (issue 12, SEC-55): a JPEG
//! uploaded to Préau is kept without its Exif (GPS position, camera serial, date), XMP,
//! IPTC and comment segments. Its orientation alone is kept, in a minimal Exif of its own,
//! so that a phone's photo still shows upright. The image data is untouched.
//!
//! Streaming: the segments before the image data are gathered (at most `HEAD_LIMIT` bytes),
//! cleaned, then the rest passes through as it comes.

/// The most header bytes gathered before giving up and passing the file through as it is.
pub const HEAD_LIMIT: usize = 1 << 20;

/// Cleans a JPEG as its bytes arrive; anything that is not a well-formed JPEG header passes
/// through unchanged.
#[derive(Debug, Default)]
pub struct JpegScrubber {
    head: Vec<u8>,
    done: bool,
}

enum Head {
    NeedMore,
    /// Not a JPEG, or not one this reads: left as it is.
    Unchanged,
    Cleaned(Vec<u8>),
}

impl JpegScrubber {
    pub fn new() -> Self {
        Self::default()
    }

    /// The bytes to pass on after `chunk`.
    pub fn push(&mut self, chunk: &[u8]) -> Vec<u8> {
        if self.done {
            return chunk.to_vec();
        }
        self.head.extend_from_slice(chunk);
        match clean_head(&self.head) {
            Head::NeedMore if self.head.len() < HEAD_LIMIT => Vec::new(),
            Head::NeedMore | Head::Unchanged => {
                self.done = true;
                std::mem::take(&mut self.head)
            }
            Head::Cleaned(out) => {
                self.done = true;
                self.head.clear();
                out
            }
        }
    }

    /// What is left at the end (a file that ended within its header passes unchanged).
    pub fn finish(&mut self) -> Vec<u8> {
        self.done = true;
        std::mem::take(&mut self.head)
    }
}

/// Segments removed: APP1 (Exif, XMP), APP13 (IPTC, Photoshop), COM (comments).
fn removed(marker: u8) -> bool {
    matches!(marker, 0xE1 | 0xED | 0xFE)
}

fn clean_head(b: &[u8]) -> Head {
    if b.len() < 2 {
        return Head::NeedMore;
    }
    if b[..2] != [0xFF, 0xD8] {
        return Head::Unchanged;
    }
    let mut out = vec![0xFF, 0xD8];
    // Where the first Exif was, for the orientation's minimal Exif.
    let mut exif_at: Option<usize> = None;
    let mut orientation: Option<u16> = None;
    let mut i = 2;
    loop {
        if i + 2 > b.len() {
            return Head::NeedMore;
        }
        if b[i] != 0xFF {
            return Head::Unchanged;
        }
        let marker = b[i + 1];
        if marker == 0xFF {
            // A fill byte.
            out.push(0xFF);
            i += 1;
            continue;
        }
        if (0xD0..=0xD7).contains(&marker) || marker == 0x01 {
            out.extend_from_slice(&b[i..i + 2]);
            i += 2;
            continue;
        }
        if marker == 0xD9 {
            // The end, before any image data: nothing to clean further.
            out.extend_from_slice(&b[i..]);
            return Head::Cleaned(with_orientation(out, exif_at, orientation));
        }
        if i + 4 > b.len() {
            return Head::NeedMore;
        }
        let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
        if len < 2 {
            return Head::Unchanged;
        }
        if marker == 0xDA {
            // Start of scan: the image data follows, untouched.
            out.extend_from_slice(&b[i..]);
            return Head::Cleaned(with_orientation(out, exif_at, orientation));
        }
        if i + 2 + len > b.len() {
            return Head::NeedMore;
        }
        let payload = &b[i + 4..i + 2 + len];
        if removed(marker) {
            if marker == 0xE1 && payload.starts_with(b"Exif\0\0") {
                exif_at.get_or_insert(out.len());
                orientation = orientation.or_else(|| read_orientation(&payload[6..]));
            }
        } else {
            out.extend_from_slice(&b[i..i + 2 + len]);
        }
        i += 2 + len;
    }
}

fn with_orientation(mut out: Vec<u8>, at: Option<usize>, orientation: Option<u16>) -> Vec<u8> {
    if let (Some(at), Some(o)) = (at, orientation)
        && o != 1
    {
        let segment = minimal_exif(o);
        out.splice(at..at, segment);
    }
    out
}

/// The Orientation tag (0x0112) of IFD0 in a TIFF structure, when it is 1–8.
fn read_orientation(tiff: &[u8]) -> Option<u16> {
    let big = match tiff.get(..4)? {
        [b'M', b'M', 0, 42] => true,
        [b'I', b'I', 42, 0] => false,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b = tiff.get(at..at + 2)?;
        Some(if big {
            u16::from_be_bytes([b[0], b[1]])
        } else {
            u16::from_le_bytes([b[0], b[1]])
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b = tiff.get(at..at + 4)?;
        Some(if big {
            u32::from_be_bytes([b[0], b[1], b[2], b[3]])
        } else {
            u32::from_le_bytes([b[0], b[1], b[2], b[3]])
        })
    };
    let ifd = usize::try_from(u32_at(4)?).ok()?;
    let entries = usize::from(u16_at(ifd)?);
    (0..entries.min(512)).find_map(|n| {
        let e = ifd + 2 + n * 12;
        (u16_at(e)? == 0x0112 && u16_at(e + 2)? == 3)
            .then(|| u16_at(e + 8))
            .flatten()
            .filter(|o| (1..=8).contains(o))
    })
}

/// An APP1 segment with an Exif holding the orientation only.
fn minimal_exif(orientation: u16) -> Vec<u8> {
    let o = orientation.to_be_bytes();
    let mut s = vec![0xFF, 0xE1, 0x00, 0x22];
    s.extend_from_slice(b"Exif\0\0");
    s.extend_from_slice(b"MM\0\x2A\0\0\0\x08");
    s.extend_from_slice(&[0x00, 0x01]);
    s.extend_from_slice(&[
        0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, o[0], o[1], 0, 0,
    ]);
    s.extend_from_slice(&[0, 0, 0, 0]);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A little-endian Exif with the orientation and a GPS position (a tag and its text).
    fn exif_with_gps(orientation: u16) -> Vec<u8> {
        let mut tiff = b"II\x2A\0\x08\0\0\0".to_vec();
        tiff.extend_from_slice(&2u16.to_le_bytes());
        tiff.extend_from_slice(&[0x12, 0x01, 0x03, 0x00, 0x01, 0, 0, 0]);
        tiff.extend_from_slice(&orientation.to_le_bytes());
        tiff.extend_from_slice(&[0, 0]);
        tiff.extend_from_slice(&[0x25, 0x88, 0x04, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0]);
        tiff.extend_from_slice(&[0, 0, 0, 0]);
        tiff.extend_from_slice(b"GPS 49.8941N 2.2958E");
        let mut payload = b"Exif\0\0".to_vec();
        payload.extend_from_slice(&tiff);
        let mut seg = vec![0xFF, 0xE1];
        seg.extend_from_slice(&u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
        seg.extend_from_slice(&payload);
        seg
    }

    fn photo(orientation: u16) -> Vec<u8> {
        let mut f = vec![0xFF, 0xD8];
        f.extend_from_slice(&exif_with_gps(orientation));
        // DQT, kept.
        f.extend_from_slice(&[0xFF, 0xDB, 0x00, 0x05, 1, 2, 3]);
        // A comment, removed.
        f.extend_from_slice(&[0xFF, 0xFE, 0x00, 0x06]);
        f.extend_from_slice(b"Lyon");
        // Start of scan and image data (which may hold any byte), then the end.
        f.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x04, 9, 9]);
        f.extend_from_slice(b"\x12\x34GPS Exif\xFF\x00data");
        f.extend_from_slice(&[0xFF, 0xD9]);
        f
    }

    fn scrub_in(chunks: usize, bytes: &[u8]) -> Vec<u8> {
        let mut s = JpegScrubber::new();
        let mut out = Vec::new();
        for c in bytes.chunks(chunks.max(1)) {
            out.extend(s.push(c));
        }
        out.extend(s.finish());
        out
    }

    fn contains(hay: &[u8], needle: &[u8]) -> bool {
        hay.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn gps_goes_and_orientation_stays_however_the_bytes_come() {
        let input = photo(6);
        for chunk in [1, 3, 7, 64, 100_000] {
            let out = scrub_in(chunk, &input);
            let header = &out[..out.len() - 20];
            assert!(!contains(header, b"49.8941N"), "chunks of {chunk}");
            assert!(!contains(&out, b"Lyon"));
            assert_eq!(&out[..2], &[0xFF, 0xD8]);
            assert_eq!(&out[2..2 + 36], minimal_exif(6).as_slice());
            assert_eq!(read_orientation(&out[12..]), Some(6));
            // The tables and the image data are as they were.
            assert!(contains(&out, &[0xFF, 0xDB, 0x00, 0x05, 1, 2, 3]));
            assert!(out.ends_with(b"\x12\x34GPS Exif\xFF\x00data\xFF\xD9"));
        }
        // Upright photos need no Exif at all: the tables follow the start at once.
        let out = scrub_in(4096, &photo(1));
        assert_eq!(&out[2..4], &[0xFF, 0xDB]);
        assert!(!contains(&out[..out.len() - 20], b"49.8941N"));
    }

    #[test]
    fn what_is_not_a_jpeg_passes_unchanged() {
        for bytes in [
            &b"%PDF-1.7 not a photo"[..],
            b"",
            b"\xFF",
            b"\xFF\xD8\x00\x01junk",
        ] {
            assert_eq!(scrub_in(3, bytes), bytes);
        }
        // Cut within its header: unchanged too.
        let cut = &photo(6)[..20];
        assert_eq!(scrub_in(5, cut), cut);
    }

    proptest::proptest! {
        /// Any bytes, in any chunks: no panic, and what does not start as a JPEG is kept
        /// byte for byte.
        #[test]
        fn never_panics(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400),
            chunk in 1_usize..50,
        ) {
            let out = scrub_in(chunk, &bytes);
            if !bytes.starts_with(&[0xFF, 0xD8]) {
                proptest::prop_assert_eq!(out, bytes);
            }
        }
    }
}
