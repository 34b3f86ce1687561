//! A ZIP archive of stored (uncompressed) entries, enough for « Mes données »: the format
//! takes a hundred lines, and the `zip` crate would bring its compression stack for a few
//! kilobytes of JSON. UTF-8 names (flag bit 11), no ZIP64: the archive refuses to grow past
//! 4 GiB rather than write a corrupt one (documents, when they come, will stream instead).

use preau_domain::Timestamp;

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_CENTRAL: u32 = 0x0605_4b50;
const VERSION: u16 = 20;
const UTF8_NAMES: u16 = 1 << 11;

/// The archive would pass 4 GiB (or 65,535 files), which this writer does not do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZipTooLarge;

impl From<ZipTooLarge> for crate::AppError {
    fn from(_: ZipTooLarge) -> Self {
        crate::AppError::Internal("export archive over 4 GiB".into())
    }
}

pub struct ZipWriter {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
    time: u16,
    date: u16,
}

fn put16(v: &mut Vec<u8>, x: u16) {
    v.extend_from_slice(&x.to_le_bytes());
}

fn put32(v: &mut Vec<u8>, x: u32) {
    v.extend_from_slice(&x.to_le_bytes());
}

/// MS-DOS time and date (UTC), as ZIP stores them.
fn dos_time(at: Timestamp) -> (u16, u16) {
    let t = time::OffsetDateTime::from_unix_timestamp(at.unix())
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let year = u16::try_from(t.year().clamp(1980, 2107) - 1980).unwrap_or(0);
    let date = (year << 9) | (u16::from(u8::from(t.month())) << 5) | u16::from(t.day());
    let time =
        (u16::from(t.hour()) << 11) | (u16::from(t.minute()) << 5) | u16::from(t.second() / 2);
    (time, date)
}

impl ZipWriter {
    pub fn new(at: Timestamp) -> Self {
        let (time, date) = dos_time(at);
        Self {
            out: Vec::new(),
            central: Vec::new(),
            entries: 0,
            time,
            date,
        }
    }

    /// Adds a file. Names use `/` between folders.
    pub fn add(&mut self, name: &str, data: &[u8]) -> Result<(), ZipTooLarge> {
        let crc = crc32fast::hash(data);
        let size = u32::try_from(data.len()).map_err(|_| ZipTooLarge)?;
        let offset = u32::try_from(self.out.len()).map_err(|_| ZipTooLarge)?;
        let name_len = u16::try_from(name.len()).map_err(|_| ZipTooLarge)?;
        self.entries = self.entries.checked_add(1).ok_or(ZipTooLarge)?;
        let common = |v: &mut Vec<u8>| {
            put16(v, VERSION);
            put16(v, UTF8_NAMES);
            put16(v, 0); // stored
            put16(v, self.time);
            put16(v, self.date);
            put32(v, crc);
            put32(v, size);
            put32(v, size);
            put16(v, name_len);
            put16(v, 0); // extra field
        };
        put32(&mut self.out, LOCAL_HEADER);
        common(&mut self.out);
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(data);

        let mut c = Vec::new();
        put32(&mut c, CENTRAL_HEADER);
        put16(&mut c, VERSION); // made by
        common(&mut c);
        put16(&mut c, 0); // comment
        put16(&mut c, 0); // disk
        put16(&mut c, 0); // internal attributes
        put32(&mut c, 0); // external attributes
        put32(&mut c, offset);
        c.extend_from_slice(name.as_bytes());
        self.central.extend_from_slice(&c);
        Ok(())
    }

    pub fn finish(mut self) -> Result<Vec<u8>, ZipTooLarge> {
        let offset = u32::try_from(self.out.len()).map_err(|_| ZipTooLarge)?;
        let size = u32::try_from(self.central.len()).map_err(|_| ZipTooLarge)?;
        self.out.extend_from_slice(&self.central);
        put32(&mut self.out, END_OF_CENTRAL);
        put16(&mut self.out, 0);
        put16(&mut self.out, 0);
        put16(&mut self.out, self.entries);
        put16(&mut self.out, self.entries);
        put32(&mut self.out, size);
        put32(&mut self.out, offset);
        put16(&mut self.out, 0);
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_archive_lists_its_files_with_their_crc() {
        let mut z = ZipWriter::new(Timestamp::from_unix(1_788_249_600));
        z.add("donnees.json", b"{}").unwrap();
        z.add("csv/é.csv", b"a,b\r\n").unwrap();
        let bytes = z.finish().unwrap();
        assert_eq!(&bytes[..4], &LOCAL_HEADER.to_le_bytes());
        let end = bytes.len() - 22;
        assert_eq!(&bytes[end..end + 4], &END_OF_CENTRAL.to_le_bytes());
        assert_eq!(u16::from_le_bytes([bytes[end + 10], bytes[end + 11]]), 2);
        // The first entry's CRC-32 is that of its data.
        assert_eq!(&bytes[14..18], &crc32fast::hash(b"{}").to_le_bytes());
        // 2026-09-01 08:00:00 UTC.
        assert_eq!(
            dos_time(Timestamp::from_unix(1_788_249_600)),
            (8 << 11, (46 << 9) | (9 << 5) | 1)
        );
    }
}
