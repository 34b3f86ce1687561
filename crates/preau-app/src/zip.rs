//! A ZIP archive of stored (uncompressed) entries, enough for « Mes données »: the format
//! takes a hundred lines, and the `zip` crate would bring its compression stack for a few
//! kilobytes of JSON. UTF-8 names (flag bit 11), files streamed with data descriptors (flag
//! bit 3), no ZIP64: the archive refuses to grow past 4 GiB rather than write a corrupt one.

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

/// Writes an archive as a sequence of byte chunks, so that it can be streamed: each call
/// returns the bytes to send next. Small entries are written whole (`add`); files are
/// streamed (`begin` → `data` for each chunk, sent as they are → `end`), with their CRC and
/// sizes in a data descriptor after them (flag bit 3), as ZIP allows when they are not
/// known in advance.
pub struct ZipWriter {
    /// Bytes emitted so far: the next entry's offset.
    offset: u64,
    central: Vec<u8>,
    entries: u16,
    time: u16,
    date: u16,
    /// The file being streamed: its name, offset, CRC so far and size so far.
    open: Option<(String, u32, crc32fast::Hasher, u64)>,
}

const DATA_DESCRIPTOR: u32 = 0x0807_4b50;
const STREAMED: u16 = 1 << 3;

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
            offset: 0,
            central: Vec::new(),
            entries: 0,
            time,
            date,
            open: None,
        }
    }

    /// The fields local and central headers share.
    fn common(&self, v: &mut Vec<u8>, flags: u16, crc: u32, size: u32, name_len: u16) {
        put16(v, VERSION);
        put16(v, UTF8_NAMES | flags);
        put16(v, 0); // stored
        put16(v, self.time);
        put16(v, self.date);
        put32(v, crc);
        put32(v, size);
        put32(v, size);
        put16(v, name_len);
        put16(v, 0); // extra field
    }

    fn emitted(&mut self, len: u64) -> Result<(), ZipTooLarge> {
        self.offset += len;
        if self.offset > u64::from(u32::MAX) {
            return Err(ZipTooLarge);
        }
        Ok(())
    }

    fn central_entry(
        &mut self,
        name: &str,
        flags: u16,
        crc: u32,
        size: u32,
        offset: u32,
    ) -> Result<(), ZipTooLarge> {
        let name_len = u16::try_from(name.len()).map_err(|_| ZipTooLarge)?;
        self.entries = self.entries.checked_add(1).ok_or(ZipTooLarge)?;
        let mut c = Vec::new();
        put32(&mut c, CENTRAL_HEADER);
        put16(&mut c, VERSION); // made by
        self.common(&mut c, flags, crc, size, name_len);
        put16(&mut c, 0); // comment
        put16(&mut c, 0); // disk
        put16(&mut c, 0); // internal attributes
        put32(&mut c, 0); // external attributes
        put32(&mut c, offset);
        c.extend_from_slice(name.as_bytes());
        self.central.extend_from_slice(&c);
        Ok(())
    }

    /// A whole entry: its header and data, to send. Names use `/` between folders.
    pub fn add(&mut self, name: &str, data: &[u8]) -> Result<Vec<u8>, ZipTooLarge> {
        let crc = crc32fast::hash(data);
        let size = u32::try_from(data.len()).map_err(|_| ZipTooLarge)?;
        let offset = u32::try_from(self.offset).map_err(|_| ZipTooLarge)?;
        let name_len = u16::try_from(name.len()).map_err(|_| ZipTooLarge)?;
        let mut out = Vec::with_capacity(30 + name.len() + data.len());
        put32(&mut out, LOCAL_HEADER);
        self.common(&mut out, 0, crc, size, name_len);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        self.emitted(out.len() as u64)?;
        self.central_entry(name, 0, crc, size, offset)?;
        Ok(out)
    }

    /// Starts a streamed entry: the header to send before its data.
    pub fn begin(&mut self, name: &str) -> Result<Vec<u8>, ZipTooLarge> {
        let offset = u32::try_from(self.offset).map_err(|_| ZipTooLarge)?;
        let name_len = u16::try_from(name.len()).map_err(|_| ZipTooLarge)?;
        let mut out = Vec::with_capacity(30 + name.len());
        put32(&mut out, LOCAL_HEADER);
        self.common(&mut out, STREAMED, 0, 0, name_len);
        out.extend_from_slice(name.as_bytes());
        self.emitted(out.len() as u64)?;
        self.open = Some((name.to_owned(), offset, crc32fast::Hasher::new(), 0));
        Ok(out)
    }

    /// Counts a chunk of the streamed entry's data (the caller sends it as it is).
    pub fn data(&mut self, chunk: &[u8]) -> Result<(), ZipTooLarge> {
        if let Some((_, _, crc, size)) = self.open.as_mut() {
            crc.update(chunk);
            *size += chunk.len() as u64;
        }
        self.emitted(chunk.len() as u64)
    }

    /// Ends the streamed entry: its data descriptor, to send.
    pub fn end(&mut self) -> Result<Vec<u8>, ZipTooLarge> {
        let Some((name, offset, crc, size)) = self.open.take() else {
            return Ok(Vec::new());
        };
        let crc = crc.finalize();
        let size = u32::try_from(size).map_err(|_| ZipTooLarge)?;
        let mut out = Vec::with_capacity(16);
        put32(&mut out, DATA_DESCRIPTOR);
        put32(&mut out, crc);
        put32(&mut out, size);
        put32(&mut out, size);
        self.emitted(out.len() as u64)?;
        self.central_entry(&name, STREAMED, crc, size, offset)?;
        Ok(out)
    }

    /// The central directory and its end record: the last bytes to send.
    pub fn finish(self) -> Result<Vec<u8>, ZipTooLarge> {
        let offset = u32::try_from(self.offset).map_err(|_| ZipTooLarge)?;
        let size = u32::try_from(self.central.len()).map_err(|_| ZipTooLarge)?;
        let mut out = self.central;
        put32(&mut out, END_OF_CENTRAL);
        put16(&mut out, 0);
        put16(&mut out, 0);
        put16(&mut out, self.entries);
        put16(&mut out, self.entries);
        put32(&mut out, size);
        put32(&mut out, offset);
        put16(&mut out, 0);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_archive_lists_its_files_with_their_crc() {
        let mut z = ZipWriter::new(Timestamp::from_unix(1_788_249_600));
        let mut bytes = z.add("donnees.json", b"{}").unwrap();
        bytes.extend(z.begin("documents/é.txt").unwrap());
        for chunk in [&b"a,b"[..], b"\r\n"] {
            z.data(chunk).unwrap();
            bytes.extend_from_slice(chunk);
        }
        bytes.extend(z.end().unwrap());
        bytes.extend(z.finish().unwrap());
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
