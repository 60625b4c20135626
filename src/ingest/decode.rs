//! Turning a file's bytes into text, as a stream: gzip decompression with a size limit,
//! byte-order marks, UTF-16 (also without a byte-order mark, when its zero bytes show it), and a
//! Windows-1252 fallback for bytes that are not valid UTF-8.
//!
//! [`DecodingReader`] reads its source a chunk at a time and hands out UTF-8, so a reader can go
//! through a file of any size line by line. The first 8 KiB are read up front: they choose the
//! encoding, tell text from binary, and let the caller look at the start of the text
//! ([`DecodingReader::head`]) before reading it.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use encoding_rs::{Decoder, Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};
use flate2::read::MultiGzDecoder;

/// Bytes read up front to choose the encoding and to tell text from binary.
const HEAD_BYTES: usize = 8192;
/// Bytes read from the source at a time after the head.
const CHUNK_BYTES: usize = 64 * 1024;

/// How a file's bytes were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TextEncoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16 (little or big endian), recognised by its byte-order mark or, without one, by the
    /// zero half of the code units of Latin text.
    Utf16,
    /// Not valid UTF-8: the bytes that are not part of a valid UTF-8 sequence were read as
    /// Windows-1252 (a superset of Latin-1).
    Windows1252,
}

impl fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf16 => "UTF-16",
            TextEncoding::Windows1252 => "Windows-1252",
        })
    }
}

/// Why bytes could not be taken as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes hold NUL or many control characters: not a text file.
    Binary,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary => f.write_str("binary data (not text)"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes a whole file's bytes to text, choosing the encoding from its byte-order mark or its
/// content. Each byte that is not part of valid UTF-8 is read as Windows-1252. (Reading streams
/// through [`DecodingReader`]; this whole-buffer form is what the tests compare it by.)
#[cfg(test)]
pub(crate) fn decode(bytes: &[u8]) -> Result<(String, TextEncoding), DecodeError> {
    let mut reader = DecodingReader::new(bytes).map_err(|_| DecodeError::Binary)?;
    let mut text = String::new();
    reader
        .read_to_string(&mut text)
        .map_err(|_| DecodeError::Binary)?;
    Ok((text, reader.encoding()))
}

/// Streams the UTF-8 text of a byte source: the encoding is chosen from a byte-order mark
/// (UTF-16) or the content (UTF-8, with each invalid byte sequence read as Windows-1252).
pub struct DecodingReader<R> {
    source: R,
    utf16: Option<Decoder>,
    /// Decoded UTF-8 not yet handed out, from `taken` on.
    decoded: Vec<u8>,
    taken: usize,
    /// Raw bytes held back: an incomplete UTF-8 sequence at the end of a chunk.
    pending: Vec<u8>,
    chunk: Vec<u8>,
    finished: bool,
    encoding: TextEncoding,
}

impl<R: Read> DecodingReader<R> {
    /// Reads the head of `source` and chooses its encoding. Fails with an error wrapping
    /// [`DecodeError::Binary`] when the head is not text, or with the source's read error.
    pub fn new(mut source: R) -> io::Result<Self> {
        let mut head = Vec::with_capacity(HEAD_BYTES);
        (&mut source)
            .take(HEAD_BYTES as u64)
            .read_to_end(&mut head)?;
        let finished = head.len() < HEAD_BYTES;
        let mut reader = DecodingReader {
            source,
            utf16: None,
            decoded: Vec::new(),
            taken: 0,
            pending: Vec::new(),
            chunk: Vec::new(),
            finished,
            encoding: TextEncoding::Utf8,
        };
        let utf16 = match Encoding::for_bom(&head) {
            Some((encoding, bom)) if encoding == UTF_16LE || encoding == UTF_16BE => {
                Some((encoding, bom))
            }
            Some(_) => None,
            None => utf16_without_bom(&head).map(|encoding| (encoding, 0)),
        };
        let text = match utf16 {
            Some((encoding, bom)) => {
                reader.utf16 = Some(encoding.new_decoder_without_bom_handling());
                reader.encoding = TextEncoding::Utf16;
                &head[bom..]
            }
            None => {
                let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
                if looks_binary(text) {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        DecodeError::Binary,
                    ));
                }
                text
            }
        };
        reader.push(text, finished);
        Ok(reader)
    }

    /// The decoded start of the text not yet read (up to about 8 KiB, possibly less).
    pub fn head(&self) -> &str {
        let rest = self.decoded.get(self.taken..).unwrap_or_default();
        match std::str::from_utf8(rest) {
            Ok(text) => text,
            Err(e) => std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or_default(),
        }
    }

    /// How the bytes read so far were decoded.
    pub fn encoding(&self) -> TextEncoding {
        self.encoding
    }

    /// Reads and decodes the next chunk of the source.
    fn refill(&mut self) -> io::Result<()> {
        self.decoded.clear();
        self.taken = 0;
        let mut chunk = std::mem::take(&mut self.chunk);
        chunk.resize(CHUNK_BYTES, 0);
        let read = loop {
            match self.source.read(&mut chunk) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        };
        self.finished = read == 0;
        self.push(&chunk[..read], self.finished);
        self.chunk = chunk;
        Ok(())
    }

    /// Decodes `raw` (the next bytes of the source) onto the decoded text; `last` when the source
    /// has ended.
    fn push(&mut self, raw: &[u8], last: bool) {
        match &mut self.utf16 {
            Some(decoder) => push_utf16(decoder, raw, last, &mut self.decoded),
            None => {
                let mut bytes = std::mem::take(&mut self.pending);
                bytes.extend_from_slice(raw);
                if push_utf8(&bytes, last, &mut self.decoded, &mut self.pending) {
                    self.encoding = TextEncoding::Windows1252;
                }
            }
        }
    }
}

impl<R: Read> Read for DecodingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for DecodingReader<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.taken >= self.decoded.len() && !self.finished {
            self.refill()?;
        }
        Ok(self.decoded.get(self.taken..).unwrap_or_default())
    }

    fn consume(&mut self, amount: usize) {
        self.taken = (self.taken + amount).min(self.decoded.len());
    }
}

/// Appends the UTF-8 text of `bytes` to `out`, reading each invalid sequence as Windows-1252.
/// An incomplete sequence at the end is left in `pending` unless this is the `last` chunk.
/// Returns whether any byte was read as Windows-1252.
fn push_utf8(bytes: &[u8], last: bool, out: &mut Vec<u8>, pending: &mut Vec<u8>) -> bool {
    let mut rest = bytes;
    let mut fell_back = false;
    loop {
        match std::str::from_utf8(rest) {
            Ok(text) => {
                out.extend_from_slice(text.as_bytes());
                return fell_back;
            }
            Err(e) => {
                let (valid, invalid) = rest.split_at(e.valid_up_to());
                out.extend_from_slice(valid);
                let bad = match e.error_len() {
                    Some(len) => len,
                    None if last => invalid.len(),
                    None => {
                        pending.extend_from_slice(invalid);
                        return fell_back;
                    }
                };
                let (text, _) = WINDOWS_1252.decode_without_bom_handling(&invalid[..bad]);
                out.extend_from_slice(text.as_bytes());
                fell_back = true;
                rest = &invalid[bad..];
            }
        }
    }
}

/// Appends the UTF-8 text of UTF-16 `bytes` to `out`.
fn push_utf16(decoder: &mut Decoder, bytes: &[u8], last: bool, out: &mut Vec<u8>) {
    let mut text = String::new();
    let mut rest = bytes;
    loop {
        let room = decoder
            .max_utf8_buffer_length(rest.len())
            .unwrap_or(rest.len().saturating_mul(3).saturating_add(16));
        text.reserve(room);
        let (result, read, _) = decoder.decode_to_string(rest, &mut text, last);
        rest = rest.get(read..).unwrap_or_default();
        if result == encoding_rs::CoderResult::InputEmpty {
            break;
        }
    }
    out.extend_from_slice(text.as_bytes());
}

/// The byte order of UTF-16 text without a byte-order mark: most code units of Latin text have
/// a zero high byte, so one of every two bytes is zero, always on the same side, and the text
/// they decode to has few control characters.
fn utf16_without_bom(head: &[u8]) -> Option<&'static Encoding> {
    let units = head.len() / 2;
    if units < 2 {
        return None;
    }
    let zeros = |side: usize| head.chunks_exact(2).filter(|unit| unit[side] == 0).count();
    let (low_zero, high_zero) = (zeros(0), zeros(1));
    let encoding = if high_zero * 2 >= units && low_zero * 20 <= units {
        UTF_16LE
    } else if low_zero * 2 >= units && high_zero * 20 <= units {
        UTF_16BE
    } else {
        return None;
    };
    let (text, _) = encoding.decode_without_bom_handling(&head[..units * 2]);
    let control = text
        .chars()
        .filter(|&c| c < ' ' && !matches!(c, '\n' | '\r' | '\t' | '\x0C'))
        .count();
    (control * 10 <= text.chars().count()).then_some(encoding)
}

/// A NUL byte, or more than 10% control characters other than whitespace, in the first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(HEAD_BYTES)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    control * 10 > head.len()
}

/// The error a [`Limited`] reader returns once its source has given more than the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitExceeded {
    /// The limit in bytes.
    pub limit: u64,
}

impl fmt::Display for LimitExceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "more than {} of data", byte_size(self.limit))
    }
}

impl std::error::Error for LimitExceeded {}

/// A reader that fails with [`LimitExceeded`] once its source has given more than `limit` bytes:
/// the guard against gzip bombs.
struct Limited<R> {
    source: R,
    limit: u64,
    given: u64,
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.source.read(buf)?;
        self.given = self.given.saturating_add(n as u64);
        if self.given > self.limit {
            return Err(io::Error::other(LimitExceeded { limit: self.limit }));
        }
        Ok(n)
    }
}

/// How a file's bytes are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Compression {
    /// As they are.
    #[default]
    None,
    /// Gzip-compressed (`.gz`); decompressed while reading.
    Gzip,
}

/// The decoded text of a file being read.
pub(crate) type TextStream = DecodingReader<Box<dyn Read + Send>>;

/// Opens a file for reading as text: decompresses it (refusing to produce more than
/// `max_decompressed` bytes) and decodes it. Returns the text stream and the file's size.
/// Bytes of the file read through `consumed` (before decompression), so that progress can be
/// shown within a large file.
pub(crate) fn open(
    path: &Path,
    compression: Compression,
    max_decompressed: u64,
    consumed: Arc<AtomicU64>,
) -> io::Result<(TextStream, u64)> {
    let file = File::open(path)?;
    let size = file.metadata()?.len();
    let file = Counted {
        source: file,
        consumed,
    };
    let source: Box<dyn Read + Send> = match compression {
        Compression::None => Box::new(file),
        Compression::Gzip => Box::new(Limited {
            source: MultiGzDecoder::new(io::BufReader::new(file)),
            limit: max_decompressed,
            given: 0,
        }),
    };
    Ok((DecodingReader::new(source)?, size))
}

/// A reader that counts the bytes read through it.
struct Counted<R> {
    source: R,
    consumed: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.source.read(buf)?;
        self.consumed.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A byte count as people read it: `2 GiB`, `64 MiB`, `1000 bytes`.
pub(crate) fn byte_size(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (unit, name) in UNITS {
        if bytes >= unit && bytes.is_multiple_of(unit) {
            return format!("{} {name}", bytes / unit);
        }
    }
    format!("{bytes} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use proptest::prelude::*;
    use std::io::Write;

    /// A source that gives a few bytes per read, so that sequences are cut between chunks.
    struct Trickle<'a> {
        bytes: &'a [u8],
        sizes: std::iter::Cycle<std::vec::IntoIter<usize>>,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self
                .sizes
                .next()
                .unwrap_or(1)
                .min(buf.len())
                .min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    proptest! {
        #[test]
        fn any_bytes_decode_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = decode(&bytes);
        }

        #[test]
        fn utf8_read_in_small_pieces_is_unchanged(
            text in "[a-zA-Z \n.éğ€😀]{0,400}",
            sizes in proptest::collection::vec(1..7usize, 1..5),
            head in 0..HEAD_BYTES,
        ) {
            let padded = format!("{}{text}", "x".repeat(head));
            let source = Trickle { bytes: padded.as_bytes(), sizes: sizes.into_iter().cycle() };
            let mut reader = DecodingReader::new(source).unwrap();
            let mut out = String::new();
            reader.read_to_string(&mut out).unwrap();
            prop_assert_eq!(&out, &padded);
            prop_assert_eq!(reader.encoding(), TextEncoding::Utf8);
        }
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode("Qarabağ".as_bytes()).unwrap(),
            ("Qarabağ".into(), TextEncoding::Utf8)
        );
        assert_eq!(
            decode(b"\xEF\xBB\xBFhello").unwrap(),
            ("hello".into(), TextEncoding::Utf8)
        );
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Şuşa".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(
            decode(&bytes).unwrap(),
            ("Şuşa".into(), TextEncoding::Utf16)
        );
    }

    #[test]
    fn utf16_without_bom_is_recognised_by_its_zero_bytes() {
        let text = "Ağdam, Şuşa and Khankendi: talks resume.\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for bytes in [le, be] {
            assert_eq!(decode(&bytes).unwrap(), (text.into(), TextEncoding::Utf16));
        }
        // Small numbers in 16 bits have the same zero bytes, but read as text they are control
        // characters.
        let numbers: Vec<u8> = (1u16..200).flat_map(|n| (n % 20).to_le_bytes()).collect();
        assert_eq!(decode(&numbers), Err(DecodeError::Binary));
    }

    #[test]
    fn long_utf16_is_decoded_across_chunks() {
        let text = "Ağdam dağı. ".repeat(20_000);
        let mut bytes = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode(&bytes).unwrap(), (text, TextEncoding::Utf16));
    }

    #[test]
    fn invalid_utf8_falls_back_to_windows_1252() {
        // "café “quoted”" in Windows-1252.
        let bytes = b"caf\xE9 \x93quoted\x94";
        assert_eq!(
            decode(bytes).unwrap(),
            (
                "café \u{201C}quoted\u{201D}".into(),
                TextEncoding::Windows1252
            )
        );
    }

    #[test]
    fn only_the_invalid_bytes_are_read_as_windows_1252() {
        let bytes = "Qarabağ costs \u{a3}5, ".as_bytes().to_vec();
        let mut bytes = bytes.repeat(10_000);
        bytes.extend_from_slice(b"or \xA35 in Latin-1");
        let (text, encoding) = decode(&bytes).unwrap();
        assert_eq!(encoding, TextEncoding::Windows1252);
        assert!(text.starts_with("Qarabağ costs £5, "));
        assert!(text.ends_with("or £5 in Latin-1"));
    }

    #[test]
    fn a_sequence_split_between_chunks_is_kept_whole() {
        for pad in 0..4 {
            let text = format!(
                "{}{}",
                "x".repeat(HEAD_BYTES - 1 + pad),
                "ğ€".repeat(40_000)
            );
            assert_eq!(
                decode(text.as_bytes()).unwrap(),
                (text, TextEncoding::Utf8),
                "{pad}"
            );
        }
    }

    #[test]
    fn a_truncated_sequence_at_the_end_is_windows_1252() {
        assert_eq!(
            decode(b"abc\xC4").unwrap(),
            ("abcÄ".into(), TextEncoding::Windows1252)
        );
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(
            decode(b"PK\x03\x04\x00\x00binary"),
            Err(DecodeError::Binary)
        );
        assert_eq!(
            decode(&[1u8, 2, 3, 4, 5, 6, 7, 8]),
            Err(DecodeError::Binary)
        );
    }

    #[test]
    fn head_shows_the_start_without_consuming_it() {
        let reader = DecodingReader::new(&b"\xEF\xBB\xBF{\"title\": 1}"[..]).unwrap();
        assert_eq!(reader.head(), "{\"title\": 1}");
        let mut text = String::new();
        { reader }.read_to_string(&mut text).unwrap();
        assert_eq!(text, "{\"title\": 1}");
    }

    #[test]
    fn gzip_is_decompressed_within_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.gz");
        std::fs::write(&path, gzip(b"hello gzip")).unwrap();
        let (mut reader, size) = open(&path, Compression::Gzip, 1000, Arc::default()).unwrap();
        let mut text = String::new();
        reader.read_to_string(&mut text).unwrap();
        assert_eq!(text, "hello gzip");
        assert_eq!(size, std::fs::metadata(&path).unwrap().len());
    }

    #[test]
    fn a_gzip_bomb_is_refused_past_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bomb.txt.gz");
        std::fs::write(&path, gzip(&vec![b'a'; 1 << 20])).unwrap();
        let err = match open(&path, Compression::Gzip, 100_000, Arc::default()) {
            Ok((mut reader, _)) => reader.read_to_end(&mut Vec::new()).unwrap_err(),
            Err(e) => e,
        };
        let exceeded = err
            .get_ref()
            .and_then(|e| e.downcast_ref::<LimitExceeded>());
        assert_eq!(exceeded, Some(&LimitExceeded { limit: 100_000 }));
    }

    #[test]
    fn byte_sizes() {
        assert_eq!(byte_size(2 << 30), "2 GiB");
        assert_eq!(byte_size(64 << 20), "64 MiB");
        assert_eq!(byte_size(4096), "4 KiB");
        assert_eq!(byte_size(1000), "1000 bytes");
    }
}
