//! Reading article files: discovery, decoding, one reader per format, and cleaning
//! (exact copies, boilerplate). Readers know nothing of the index.
//!
//! Every file is read as a stream (decompressed and decoded on the way) and every article is
//! handed on as soon as it is read, so a reader holds one record at a time, never the whole
//! file. A run reads its files twice (see [`survey`]): cleaning across articles is settled from
//! hashes first, so that no article has to wait in memory for the others. Files with several
//! records (JSON arrays, JSON Lines, CSV/TSV rows, TREC `<DOC>`s, Reuters stories) give one
//! article per record; a bad record is reported as a [`Skip`] at `file#N` or
//! `file:LINE` and never stops its file.

mod clean;
mod corpus;
mod csv;
mod decode;
mod discover;
mod fields;
mod html;
mod json;
mod reuters;
mod select;
mod sgml;
mod story;
mod text;
mod trec;

use std::fmt;
use std::io::{self, BufRead};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

pub use self::corpus::{
    read_corpus, survey, Corpus, Pass, Progress, ReadReport, Surveyed, PROGRESS_EVERY,
};
use self::decode::{byte_size, LimitExceeded};
pub use self::decode::{decode, Compression, DecodeError, DecodingReader, TextEncoding};
pub use self::discover::{discover, sniff, Discovery, SourceFile};
pub use self::fields::{FieldMap, FieldOverride, FieldOverrideError, FieldRole};
pub use self::html::{read_html, read_html_page, HtmlPage};
pub use self::select::{check_pattern, FileSelection, PatternError};
pub use self::text::{parse_byline, read_text};
use crate::date::DateOrder;
use crate::error::Result;
use crate::model::Article;

/// The file formats newsdex reads. New formats add a variant and a reader module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text: headline on the first line, byline and dateline under it.
    Text,
    /// Markdown: like plain text, with `#` headings, inline markup and optional front matter.
    Markdown,
    /// JSON: one article object, an array of them, or (despite the name) JSON Lines.
    Json,
    /// JSON Lines: one article object per line.
    JsonLines,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// TREC SGML: `<DOC>` records with `<DOCNO>`, a headline and `<TEXT>`.
    Trec,
    /// Reuters-21578 SGML: `<REUTERS NEWID=…>` records.
    Reuters,
    /// An HTML page: the main article text and its metadata.
    Html,
}

impl Format {
    /// The format for a lowercase file name, by its extension (`.gz` not included).
    pub fn from_name(lowercase_name: &str) -> Option<Format> {
        let (_, ext) = lowercase_name.rsplit_once('.')?;
        match ext {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "csv" => Some(Format::Csv),
            "tsv" => Some(Format::Tsv),
            "trec" => Some(Format::Trec),
            "sgm" | "sgml" => Some(Format::Reuters),
            _ => None,
        }
    }

    /// Whether a file of this format holds a collection of records rather than one article.
    fn is_collection(self) -> bool {
        !matches!(self, Format::Text | Format::Markdown | Format::Html)
    }
}

/// Why a file (or record) was not indexed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum SkipReason {
    /// The file type has no reader (its extension).
    Unsupported(String),
    /// The file's name tells no format and its content looks like none newsdex reads.
    UnknownContent,
    /// The bytes are not text.
    Binary,
    /// The file could not be read (the system's message).
    Unreadable(String),
    /// The file holds no words.
    Empty,
    /// Not a regular file (a FIFO, socket or device), never opened.
    NotRegular,
    /// The compressed file expands past the limit (a likely gzip bomb), shown as a size.
    TooLarge(String),
    /// A JSON record is not valid JSON.
    InvalidJson {
        /// Line of the file (from 1).
        line: u64,
        /// Column of the line (from 1).
        column: u64,
        /// What is wrong.
        message: String,
        /// Whether the rest of the file could not be read because of it (in a JSON array).
        rest_lost: bool,
    },
    /// A JSON record is not an object (its JSON type).
    NotAnObject(String),
    /// A record (or a CSV/TSV header) has no field to read the body from.
    NoBodyField {
        /// The field chosen for the body by the user, when one was.
        chosen: Option<String>,
        /// The fields the record has.
        found: Vec<String>,
    },
    /// A record's body field is empty.
    NoBody,
    /// A CSV/TSV row has a different number of fields than the header.
    RaggedRow {
        /// The row's number (from 1, after the header).
        row: u64,
        /// Its number of fields.
        fields: usize,
        /// The header's number of fields.
        expected: usize,
    },
    /// A CSV/TSV row could not be parsed.
    InvalidCsv(String),
    /// An SGML record holds no title and no text (its id, when it has one).
    NoText(Option<String>),
    /// An SGML record is not closed before the end of the file (the missing closing tag).
    Unterminated(String),
    /// An SGML record is longer than the limit, shown as a size.
    RecordTooLong(String),
    /// A text file of TREC relevance judgments (qrels) or of a ranked run.
    Judgments,
    /// The record is not the one found at its place when the run began: its file changed while
    /// it was being indexed.
    ChangedWhileRead,
    /// A warning, not a skip: no text on the HTML page read like an article, so its largest block
    /// of text was indexed in its place.
    LargestBlock,
}

impl SkipReason {
    /// A short stable name for the reason, for programs reading a skip report
    /// (`invalid_json`, `ragged_row`, ...).
    pub fn code(&self) -> &'static str {
        match self {
            SkipReason::Unsupported(_) => "unsupported_type",
            SkipReason::UnknownContent => "unknown_content",
            SkipReason::Binary => "binary",
            SkipReason::Unreadable(_) => "unreadable",
            SkipReason::Empty => "empty",
            SkipReason::NotRegular => "not_regular",
            SkipReason::TooLarge(_) => "too_large",
            SkipReason::InvalidJson { .. } => "invalid_json",
            SkipReason::NotAnObject(_) => "not_an_object",
            SkipReason::NoBodyField { .. } => "no_body_field",
            SkipReason::NoBody => "no_body",
            SkipReason::RaggedRow { .. } => "ragged_row",
            SkipReason::InvalidCsv(_) => "invalid_csv",
            SkipReason::NoText(_) => "no_text",
            SkipReason::Unterminated(_) => "unterminated",
            SkipReason::RecordTooLong(_) => "record_too_long",
            SkipReason::Judgments => "judgments",
            SkipReason::ChangedWhileRead => "changed_while_read",
            SkipReason::LargestBlock => "largest_block",
        }
    }

    /// Whether the file or record was indexed all the same, with a doubt worth reporting
    /// ([`SkipReason::LargestBlock`]).
    pub fn is_warning(&self) -> bool {
        matches!(self, SkipReason::LargestBlock)
    }
}

/// Field names listed in a reason at most.
const LISTED_FIELDS: usize = 20;

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Unsupported(ext) => write!(f, "unsupported file type {ext}"),
            SkipReason::UnknownContent => f.write_str(
                "unknown format: the name has no known extension and the content is not JSON, TREC or Reuters SGML",
            ),
            SkipReason::Binary => f.write_str("binary file (not text)"),
            SkipReason::Unreadable(why) => write!(f, "unreadable: {why}"),
            SkipReason::Empty => f.write_str("empty: no text"),
            SkipReason::NotRegular => f.write_str("not a regular file"),
            SkipReason::TooLarge(limit) => write!(
                f,
                "decompresses to more than {limit} (the limit for compressed files): not read, possibly a gzip bomb"
            ),
            SkipReason::InvalidJson {
                line,
                column,
                message,
                rest_lost,
            } => {
                write!(f, "invalid JSON at line {line}: {message} at column {column}")?;
                if *rest_lost {
                    f.write_str("; the rest of the file could not be read")?;
                }
                Ok(())
            }
            SkipReason::NotAnObject(kind) => write!(f, "JSON record is {kind}, not an object"),
            SkipReason::NoBodyField { chosen, found } => {
                match chosen {
                    Some(name) => write!(f, "no field {name:?} (chosen for the body)")?,
                    None => f.write_str("no body field (such as body, text, content or article)")?,
                }
                write!(f, " among the fields found: {}", field_list(found))
            }
            SkipReason::NoBody => f.write_str("no body text"),
            SkipReason::RaggedRow {
                row,
                fields,
                expected,
            } => write!(
                f,
                "CSV row {row} has {fields} fields where the header has {expected}"
            ),
            SkipReason::InvalidCsv(why) => write!(f, "invalid CSV: {why}"),
            SkipReason::NoText(Some(id)) => write!(f, "no text in record {id}"),
            SkipReason::NoText(None) => f.write_str("no text in record"),
            SkipReason::Unterminated(tag) => {
                write!(f, "record not closed: no {tag} before the end of the file")
            }
            SkipReason::RecordTooLong(limit) => write!(f, "record longer than {limit}"),
            SkipReason::Judgments => {
                f.write_str("relevance judgments (qrels) or a run in TREC format, not articles")
            }
            SkipReason::ChangedWhileRead => {
                f.write_str("the file changed while it was being indexed: index it again")
            }
            SkipReason::LargestBlock => f.write_str(
                "indexed with a warning: no text on the page reads like an article, so its largest block of text stands in",
            ),
        }
    }
}

/// Field names for a message: quoted, comma-separated, at most [`LISTED_FIELDS`].
fn field_list(fields: &[String]) -> String {
    if fields.is_empty() {
        return "none".to_string();
    }
    let mut list: Vec<String> = fields
        .iter()
        .take(LISTED_FIELDS)
        .map(|f| format!("{f:?}"))
        .collect();
    if fields.len() > LISTED_FIELDS {
        list.push(format!("and {} more", fields.len() - LISTED_FIELDS));
    }
    list.join(", ")
}

/// A file or record that was passed over, with its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// The file, as walked.
    pub path: String,
    /// The line a skipped record starts on, for formats read by line (JSON Lines, CSV/TSV).
    pub line: Option<u64>,
    /// The number of a skipped record in its file (from 1), for a multi-record file.
    pub record: Option<usize>,
    /// Why it was not indexed.
    pub reason: SkipReason,
}

impl Skip {
    /// A skipped file.
    pub fn new(path: String, reason: SkipReason) -> Self {
        Skip {
            path,
            line: None,
            record: None,
            reason,
        }
    }

    /// The line of the file the problem is on: the line the record starts on, or for invalid
    /// JSON the line of the error.
    pub fn line_in_file(&self) -> Option<u64> {
        match (&self.reason, self.line) {
            (_, Some(line)) => Some(line),
            (SkipReason::InvalidJson { line, .. }, None) => Some(*line),
            _ => None,
        }
    }

    /// Where the skip is, for people: `file:LINE` for a record starting on that line, `file#N`
    /// for the N-th record, or the file.
    pub fn location(&self) -> String {
        match (self.line, self.record) {
            (Some(line), _) => format!("{}:{line}", self.path),
            (None, Some(record)) => format!("{}#{record}", self.path),
            (None, None) => self.path.clone(),
        }
    }
}

/// Default for [`ReadOptions::max_decompressed_bytes`]: 2 GiB.
pub const DEFAULT_MAX_DECOMPRESSED_BYTES: u64 = 2 << 30;

/// Settings for finding and reading files.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Which files under the folders given are read.
    pub selection: FileSelection,
    /// How to read ambiguous numeric dates.
    pub date_order: DateOrder,
    /// The user's choices of field per role for JSON and CSV/TSV records.
    pub fields: FieldMap,
    /// A compressed file that expands past this many bytes is not read.
    pub max_decompressed_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            selection: FileSelection::default(),
            date_order: DateOrder::default(),
            fields: FieldMap::default(),
            max_decompressed_bytes: DEFAULT_MAX_DECOMPRESSED_BYTES,
        }
    }
}

/// What reading one file gave, besides its articles.
#[derive(Debug)]
pub struct FileRead {
    /// Articles given.
    pub articles: usize,
    /// Records of the file passed over.
    pub skipped: Vec<Skip>,
    /// How the bytes were decoded.
    pub encoding: TextEncoding,
    /// Size of the file in bytes (compressed, for a compressed file).
    pub bytes: u64,
}

/// One record as a reader found it: an article (with its own id, or an empty id) or the reason
/// it was passed over.
#[derive(Debug)]
struct Record {
    /// Position in the file, from 1.
    number: usize,
    /// The line it starts on, for formats whose skips are reported by line (JSON Lines, CSV).
    line: Option<u64>,
    outcome: Result<Article, SkipReason>,
}

/// Where a reader puts the records of one file as it finds them, so that a file is never held
/// in memory whole.
struct Records<'s> {
    /// Whether the file is a collection of records (their ids and paths then end in `#N`),
    /// rather than one article.
    multi: bool,
    /// Whether a file that turns out to hold a single record is one article, not a collection
    /// (a `.json` file holding one object).
    alone_is_single: bool,
    /// Records given so far.
    count: usize,
    /// The first record, held back while [`Records::alone_is_single`] may still apply.
    held: Option<Record>,
    /// Set when the receiver wants no more records: the reader stops.
    stopped: bool,
    /// Receives each record and whether the file is a collection; false asks the reader to stop.
    sink: &'s mut dyn FnMut(Record, bool) -> bool,
}

impl<'s> Records<'s> {
    fn new(multi: bool, sink: &'s mut dyn FnMut(Record, bool) -> bool) -> Self {
        Records {
            multi,
            alone_is_single: false,
            count: 0,
            held: None,
            stopped: false,
            sink,
        }
    }

    /// Marks the file as one whose only record, if it has only one, is a single article.
    fn alone_is_single(&mut self) {
        self.alone_is_single = true;
    }

    /// Records given so far.
    fn count(&self) -> usize {
        self.count
    }

    /// Adds the next record, numbered after the ones before it. Fails (with
    /// [`ReadingStopped`]) once the receiver wants no more, so that readers stop with `?`.
    fn push(&mut self, line: Option<u64>, outcome: Result<Article, SkipReason>) -> io::Result<()> {
        if self.stopped {
            return Err(io::Error::other(ReadingStopped));
        }
        self.count += 1;
        let record = Record {
            number: self.count,
            line,
            outcome,
        };
        if self.alone_is_single && self.count == 1 {
            self.held = Some(record);
            return Ok(());
        }
        if let Some(first) = self.held.take() {
            self.give(first)?;
        }
        self.give(record)
    }

    fn give(&mut self, record: Record) -> io::Result<()> {
        if !(self.sink)(record, self.multi) {
            self.stopped = true;
        }
        Ok(())
    }

    /// Passes on a record still held back: the file's only one, an article of its own.
    fn finish(&mut self) {
        if let Some(mut only) = self.held.take() {
            only.line = None;
            self.multi = false;
            let _ = self.give(only);
        }
    }
}

/// The error a reader's [`Records::push`] returns once no more records are wanted.
#[derive(Debug)]
struct ReadingStopped;

impl fmt::Display for ReadingStopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("reading stopped")
    }
}

impl std::error::Error for ReadingStopped {}

/// Why a reader could not read a file.
#[derive(Debug)]
enum FileError {
    /// Reading the stream failed (including decompression past the limit).
    Io(io::Error),
    /// The file as a whole is passed over.
    Skip(SkipReason),
}

impl From<io::Error> for FileError {
    fn from(e: io::Error) -> Self {
        FileError::Io(e)
    }
}

impl From<FileError> for SkipReason {
    fn from(e: FileError) -> Self {
        match e {
            FileError::Skip(reason) => reason,
            FileError::Io(e) => {
                let inner = e.get_ref();
                if let Some(exceeded) = inner.and_then(|i| i.downcast_ref::<LimitExceeded>()) {
                    SkipReason::TooLarge(byte_size(exceeded.limit))
                } else if inner.is_some_and(|i| i.is::<DecodeError>()) {
                    SkipReason::Binary
                } else {
                    SkipReason::Unreadable(e.to_string())
                }
            }
        }
    }
}

/// Reads one file: decompresses and decodes it as a stream, picks the reader by the file's
/// format (or by its content when the name tells none, or tells `.txt` but the content is JSON,
/// TREC or Reuters SGML), names the articles (the record's own id where it has one, else the
/// relative path, plus `#N` for the N-th record of a multi-record file) and gives them to `each`
/// one by one, in file order, as they are read. When `each` returns false, reading stops. A
/// plain-text file that holds TREC relevance judgments or a run is passed over
/// ([`SkipReason::Judgments`]). Bytes and articles read are reported to `progress` as reading
/// goes, and all of the file's bytes by the end (whether it could be read or not).
pub fn read_file(
    file: &SourceFile,
    options: &ReadOptions,
    progress: &dyn Progress,
    each: &mut dyn FnMut(Article) -> bool,
) -> Result<FileRead, SkipReason> {
    let mut meter = Meter::new(progress, file.size);
    let result = read_metered(file, options, &mut meter, each);
    meter.finish();
    result
}

/// Reports the progress of reading one file: every [`PROGRESS_EVERY`] articles, the bytes read
/// since the last report.
struct Meter<'p> {
    progress: &'p dyn Progress,
    consumed: Arc<AtomicU64>,
    size: u64,
    reported: u64,
    articles: usize,
}

impl<'p> Meter<'p> {
    fn new(progress: &'p dyn Progress, size: u64) -> Self {
        Meter {
            progress,
            consumed: Arc::default(),
            size,
            reported: 0,
            articles: 0,
        }
    }

    /// Counts an article, reporting when enough have been read.
    fn article(&mut self) {
        self.articles += 1;
        if self.articles == PROGRESS_EVERY {
            let now = self.consumed.load(Ordering::Relaxed).min(self.size);
            self.progress
                .advance(now.saturating_sub(self.reported), self.articles);
            self.reported = self.reported.max(now);
            self.articles = 0;
        }
    }

    /// Reports the rest of the file.
    fn finish(&mut self) {
        self.progress
            .advance(self.size.saturating_sub(self.reported), self.articles);
        self.reported = self.size;
        self.articles = 0;
    }
}

fn read_metered(
    file: &SourceFile,
    options: &ReadOptions,
    meter: &mut Meter,
    each: &mut dyn FnMut(Article) -> bool,
) -> Result<FileRead, SkipReason> {
    let (mut input, bytes) = decode::open(
        &file.path,
        file.compression,
        options.max_decompressed_bytes,
        Arc::clone(&meter.consumed),
    )
    .map_err(|e| SkipReason::from(FileError::Io(e)))?;
    let format = discover::resolve(file.format, input.head());
    if matches!(format, None | Some(Format::Text)) && discover::looks_like_judgments(input.head()) {
        return Err(SkipReason::Judgments);
    }
    let format = format.ok_or(SkipReason::UnknownContent)?;
    let display = file.path.display().to_string();
    let mut articles = 0;
    let mut skipped = Vec::new();
    let mut sink = |record: Record, multi: bool| match name_record(file, &display, record, multi) {
        Ok(article) => {
            articles += 1;
            meter.article();
            each(article)
        }
        Err(skip) => {
            skipped.push(skip);
            true
        }
    };
    let mut records = Records::new(format.is_collection(), &mut sink);
    let result = read_records(format, &mut input, &mut records, options);
    records.finish();
    if !records.stopped {
        result?;
    }
    if articles == 0 && skipped.is_empty() {
        return Err(SkipReason::Empty);
    }
    Ok(FileRead {
        articles,
        skipped,
        encoding: input.encoding(),
        bytes,
    })
}

fn read_records(
    format: Format,
    input: &mut dyn BufRead,
    records: &mut Records,
    options: &ReadOptions,
) -> Result<(), FileError> {
    match format {
        Format::Text | Format::Markdown => read_plain(
            input,
            format == Format::Markdown,
            records,
            options.date_order,
        ),
        Format::Json => json::read_json(input, records, options),
        Format::JsonLines => json::read_json_lines(input, records, options),
        Format::Csv => self::csv::read_delimited(input, b',', records, options),
        Format::Tsv => self::csv::read_delimited(input, b'\t', records, options),
        Format::Trec => Ok(trec::read_trec(input, records, options.date_order)?),
        Format::Reuters => Ok(reuters::read_reuters(input, records, options.date_order)?),
        Format::Html => read_page(input, records, options.date_order),
    }
}

/// An HTML page: one article, its main text; a page whose largest block of text stands in for
/// an article also gives a warning ([`SkipReason::LargestBlock`]).
fn read_page(
    input: &mut dyn BufRead,
    records: &mut Records,
    order: DateOrder,
) -> Result<(), FileError> {
    let mut html = String::new();
    input.read_to_string(&mut html)?;
    let page = read_html_page(&html, order).ok_or(FileError::Skip(SkipReason::Empty))?;
    records.push(None, Ok(page.article))?;
    if page.largest_block {
        records.push(None, Err(SkipReason::LargestBlock))?;
    }
    Ok(())
}

/// A plain-text or Markdown file: one article.
fn read_plain(
    input: &mut dyn BufRead,
    markdown: bool,
    records: &mut Records,
    order: DateOrder,
) -> Result<(), FileError> {
    let mut text = String::new();
    input.read_to_string(&mut text)?;
    let article = read_text(&text, markdown, order).ok_or(FileError::Skip(SkipReason::Empty))?;
    Ok(records.push(None, Ok(article))?)
}

/// Sets the id and path of a record's article (and its record number in a collection), or
/// places its skip.
fn name_record(
    file: &SourceFile,
    display: &str,
    record: Record,
    multi: bool,
) -> Result<Article, Skip> {
    let number = multi.then_some(record.number);
    let suffix = number.map(|n| format!("#{n}")).unwrap_or_default();
    match record.outcome {
        Ok(mut article) => {
            if article.id.is_empty() {
                article.id = format!("{}{suffix}", file.relative);
            }
            article.path = format!("{display}{suffix}");
            article.record = number;
            Ok(article)
        }
        Err(reason) => Err(Skip {
            path: display.to_string(),
            line: record.line,
            record: number,
            reason,
        }),
    }
}

/// What a reader gives for one file, collected (for the readers' tests).
#[cfg(test)]
#[derive(Debug)]
struct Collected {
    /// Whether the records were named as a collection.
    multi: bool,
    items: Vec<Record>,
}

/// Runs a reader over a sink that collects its records.
#[cfg(test)]
fn collect<E>(
    read: impl FnOnce(&mut Records) -> std::result::Result<(), E>,
) -> std::result::Result<Collected, E> {
    let mut items = Vec::new();
    let mut multi = true;
    let mut sink = |record: Record, as_collection: bool| {
        items.push(record);
        multi = as_collection;
        true
    };
    let mut records = Records::new(true, &mut sink);
    let result = read(&mut records);
    records.finish();
    result.map(|()| Collected { multi, items })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::io::Write;
    use std::path::Path;

    /// A line of words (letters, digits, punctuation and markup characters), single-spaced.
    pub(super) fn words() -> impl Strategy<Value = String> {
        proptest::collection::vec("[A-Za-z0-9éğ€'.,;#&<>\"]{1,8}", 1..8).prop_map(|w| w.join(" "))
    }

    /// A title and body paragraphs as a reader should give them back.
    pub(super) fn title_and_paragraphs() -> impl Strategy<Value = (String, Vec<String>)> {
        (words(), proptest::collection::vec(words(), 1..5))
    }

    /// `valid` after random edits at character boundaries: deletions and insertions of
    /// characters that matter to the formats.
    pub(super) fn mutated(valid: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
        let edit = (
            any::<prop::sample::Index>(),
            0..6usize,
            "[\\[\\]{}\"<>/&;#=,\n\t a-zA-Z0-9\u{1}]{0,4}",
        );
        (valid, proptest::collection::vec(edit, 0..6)).prop_map(|(text, edits)| {
            let mut chars: Vec<char> = text.chars().collect();
            for (at, delete, insert) in edits {
                let at = at.index(chars.len() + 1);
                let end = (at + delete).min(chars.len());
                chars.splice(at..end, insert.chars());
            }
            chars.into_iter().collect()
        })
    }

    /// Characters escaped for SGML text.
    pub(super) fn sgml_escape(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    /// Writes `files` under a new folder and reads it as a corpus.
    fn corpus_of(files: &[(&str, &[u8])], options: &ReadOptions) -> (tempfile::TempDir, Corpus) {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        let corpus = read_corpus(&[dir.path().to_path_buf()], options, &()).unwrap();
        (dir, corpus)
    }

    fn ids(corpus: &Corpus) -> Vec<&str> {
        corpus.articles.iter().map(|a| a.id.as_str()).collect()
    }

    fn skips(corpus: &Corpus, root: &Path) -> Vec<(String, String)> {
        let root = format!("{}/", root.display());
        corpus
            .report
            .skipped
            .iter()
            .map(|s| (s.location().replace(&root, ""), s.reason.to_string()))
            .collect()
    }

    const JSON_ARRAY: &str =
        r#"[{"id": "x-1", "title": "A", "text": "Body a."}, {"title": "B", "text": "Body b."}]"#;
    const JSON_LINES: &str = "{\"title\": \"A\", \"text\": \"Body a.\"}\n{\"title\": \"B\"}\n";
    const CSV: &str = "title,text\nA,Body a.\nB,\"Body b.\"\n";
    const TREC: &str =
        "<DOC>\n<DOCNO>D1</DOCNO>\n<TITLE>A</TITLE>\n<TEXT>\nBody a.\n</TEXT>\n</DOC>\n";
    const REUTERS: &str = "<REUTERS NEWID=\"9\">\n<TEXT><TITLE>A</TITLE><BODY>Body a.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n";

    #[test]
    fn records_are_named_by_their_own_id_or_path_and_number() {
        let (dir, corpus) = corpus_of(
            &[
                ("news/a.json", JSON_ARRAY.as_bytes()),
                ("news/b.jsonl", JSON_LINES.as_bytes()),
                ("one.json", br#"{"title": "One", "body": "Only."}"#),
            ],
            &ReadOptions::default(),
        );
        assert_eq!(
            ids(&corpus),
            ["x-1", "news/a.json#2", "news/b.jsonl#1", "one.json"]
        );
        let root = dir.path().display().to_string();
        let paths: Vec<_> = corpus
            .articles
            .iter()
            .map(|a| a.path.replace(&root, ""))
            .collect();
        assert_eq!(
            paths,
            [
                "/news/a.json#1",
                "/news/a.json#2",
                "/news/b.jsonl#1",
                "/one.json"
            ]
        );
        assert_eq!(
            skips(&corpus, dir.path()),
            [(
                "news/b.jsonl:2".to_string(),
                "no body field (such as body, text, content or article) among the fields found: \"title\"".to_string()
            )]
        );
        assert_eq!(corpus.report.files_read, 3);
    }

    #[test]
    fn the_same_id_twice_is_kept_and_counted() {
        let (_dir, corpus) = corpus_of(
            &[
                ("a.trec", TREC.as_bytes()),
                ("b.trec", TREC.replace("Body a.", "Other body.").as_bytes()),
                ("c.trec", TREC.replace("Body a.", "Third body.").as_bytes()),
            ],
            &ReadOptions::default(),
        );
        assert_eq!(ids(&corpus), ["D1", "D1#2", "D1#3"]);
        assert_eq!(corpus.report.id_collisions, 2);
    }

    #[test]
    fn every_format_reads_the_same_gzipped() {
        for (name, text) in [
            ("a.json", JSON_ARRAY),
            ("a.jsonl", JSON_LINES),
            ("a.csv", CSV),
            ("a.tsv", &CSV.replace(',', "\t")),
            ("a.trec", TREC),
            ("a.sgm", REUTERS),
            ("a.txt", "A\n\nBody a.\n"),
        ] {
            let gz = format!("{name}.gz");
            let (_dir, corpus) = corpus_of(
                &[(name, text.as_bytes()), (&gz, &gzip(text.as_bytes()))],
                &ReadOptions::default(),
            );
            let plain: Vec<_> = corpus
                .articles
                .iter()
                .filter(|a| !a.path.contains(".gz"))
                .collect();
            let zipped: Vec<_> = corpus
                .articles
                .iter()
                .filter(|a| a.path.contains(".gz"))
                .collect();
            assert_eq!(plain.len(), zipped.len(), "{name}");
            assert_eq!(plain[0].title, "A", "{name}");
            assert_eq!(plain[0].paragraphs, ["Body a."], "{name}");
            for (p, z) in plain.iter().zip(&zipped) {
                assert_eq!(
                    (&p.title, &p.paragraphs),
                    (&z.title, &z.paragraphs),
                    "{name}"
                );
            }
            assert_eq!(
                corpus.report.skipped.len() % 2,
                0,
                "{name}: {:?}",
                corpus.report.skipped
            );
        }
    }

    #[test]
    fn a_gzip_bomb_is_refused_in_every_format() {
        let options = ReadOptions {
            max_decompressed_bytes: 64 << 10,
            ..ReadOptions::default()
        };
        let many = |open: &str, record: &str, close: &str| {
            gzip(format!("{open}{}{close}", record.repeat(100_000)).as_bytes())
        };
        let bombs = [
            ("bomb.jsonl.gz", many("", "{\"text\": \"a\"}\n", "")),
            ("bomb.json.gz", many("[", "{\"text\": \"a\"},", "{}]")),
            ("bomb.csv.gz", many("text\n", "a\n", "")),
            ("bomb.trec.gz", many("", "<DOC><TEXT>a</TEXT></DOC>\n", "")),
            ("bomb.txt.gz", many("", "a ", "")),
        ];
        let ok = gzip(CSV.as_bytes());
        let mut files: Vec<(&str, &[u8])> = bombs.iter().map(|(n, b)| (*n, b.as_slice())).collect();
        files.push(("ok.csv.gz", &ok));
        let (_dir, corpus) = corpus_of(&files, &options);
        assert_eq!(corpus.articles.len(), 2);
        let reasons: Vec<_> = corpus
            .report
            .skipped
            .iter()
            .map(|s| s.reason.to_string())
            .collect();
        let refused = "decompresses to more than 64 KiB (the limit for compressed files): not read, possibly a gzip bomb";
        assert_eq!(reasons, [refused; 5]);
    }

    #[test]
    fn broken_gzip_is_unreadable() {
        let mut broken = gzip(JSON_LINES.as_bytes());
        broken.truncate(broken.len() / 2);
        let (_dir, corpus) = corpus_of(
            &[("a.jsonl.gz", &broken), ("b.txt.gz", b"not gzip")],
            &ReadOptions::default(),
        );
        assert!(corpus.articles.is_empty());
        assert_eq!(corpus.report.skipped.len(), 2);
        assert!(corpus
            .report
            .skipped
            .iter()
            .all(|s| matches!(s.reason, SkipReason::Unreadable(_))));
    }

    #[test]
    fn content_decides_for_txt_and_extensionless_names() {
        let (dir, corpus) = corpus_of(
            &[
                ("a.txt", JSON_ARRAY.as_bytes()),
                ("AP880212", TREC.as_bytes()),
                ("reuters.txt", REUTERS.as_bytes()),
                ("notes", b"Just some prose."),
                ("prose.txt", b"{Updated} Headline\n\nBody."),
                ("x.gz", &gzip(TREC.as_bytes())),
            ],
            &ReadOptions::default(),
        );
        assert_eq!(
            ids(&corpus),
            ["D1", "x-1", "a.txt#2", "prose.txt", "9", "D1#2"]
        );
        assert_eq!(
            skips(&corpus, dir.path()),
            [("notes".to_string(), SkipReason::UnknownContent.to_string())]
        );
    }

    #[test]
    fn an_empty_structured_file_is_empty() {
        let (_dir, corpus) = corpus_of(
            &[("a.json", b"[]"), ("b.trec", b"\n")],
            &ReadOptions::default(),
        );
        let reasons: Vec<_> = corpus.report.skipped.iter().map(|s| &s.reason).collect();
        assert_eq!(reasons, [&SkipReason::Empty, &SkipReason::Empty]);
    }

    #[test]
    fn skips_are_placed_by_line_record_or_file() {
        let (dir, corpus) = corpus_of(
            &[
                (
                    "feed #1.jsonl",
                    b"{\"text\": \"Body.\"}\n{\"title\": \"No body\"}\n",
                ),
                (
                    "wire #2.trec",
                    b"<DOC><DOCNO>A</DOCNO><TEXT>Body.</TEXT></DOC><DOC></DOC>",
                ),
                ("blank #3.txt", b"  \n"),
            ],
            &ReadOptions::default(),
        );
        let root = format!("{}/", dir.path().display());
        let places: Vec<_> = corpus
            .report
            .skipped
            .iter()
            .map(|s| {
                (
                    s.path.replace(&root, ""),
                    s.line,
                    s.record,
                    s.location().replace(&root, ""),
                )
            })
            .collect();
        assert_eq!(
            places,
            [
                (
                    "blank #3.txt".to_string(),
                    None,
                    None,
                    "blank #3.txt".to_string()
                ),
                (
                    "feed #1.jsonl".to_string(),
                    Some(2),
                    Some(2),
                    "feed #1.jsonl:2".to_string()
                ),
                (
                    "wire #2.trec".to_string(),
                    None,
                    Some(2),
                    "wire #2.trec#2".to_string()
                ),
            ]
        );
        let articles: Vec<_> = corpus
            .articles
            .iter()
            .map(|a| (a.path.replace(&root, ""), a.record))
            .collect();
        assert_eq!(
            articles,
            [
                ("feed #1.jsonl#1".to_string(), Some(1)),
                ("wire #2.trec#1".to_string(), Some(1))
            ]
        );
    }

    /// Records every [`Progress::advance`] call.
    #[derive(Default)]
    struct Recorded(std::sync::Mutex<Vec<(u64, usize)>>);

    impl Progress for Recorded {
        fn advance(&self, bytes: u64, articles: usize) {
            self.0.lock().unwrap().push((bytes, articles));
        }
    }

    #[test]
    fn progress_moves_within_a_large_file_and_counts_it_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.jsonl");
        let line = "{\"title\": \"T\", \"text\": \"Some body text for the record.\"}\n";
        std::fs::write(&path, line.repeat(3000)).unwrap();
        let file = discover(&[path], &FileSelection::default())
            .unwrap()
            .files
            .remove(0);
        let recorded = Recorded::default();
        let read = read_file(&file, &ReadOptions::default(), &recorded, &mut |_| true).unwrap();
        assert_eq!(read.articles, 3000);
        let calls = recorded.0.into_inner().unwrap();
        let articles: Vec<usize> = calls.iter().map(|c| c.1).collect();
        assert_eq!(articles, [1024, 1024, 952]);
        assert_eq!(calls.iter().map(|c| c.0).sum::<u64>(), file.size);
        assert!(calls[0].0 > 0 && calls[0].0 < file.size, "{calls:?}");

        let recorded = Recorded::default();
        let missing = SourceFile {
            path: dir.path().join("gone.jsonl"),
            ..file.clone()
        };
        assert!(read_file(&missing, &ReadOptions::default(), &recorded, &mut |_| true).is_err());
        assert_eq!(recorded.0.into_inner().unwrap(), [(file.size, 0)]);
    }

    #[test]
    fn reasons_read_well() {
        let reason = SkipReason::InvalidJson {
            line: 12,
            column: 1,
            message: "expected value".into(),
            rest_lost: false,
        };
        assert_eq!(
            reason.to_string(),
            "invalid JSON at line 12: expected value at column 1"
        );
        let reason = SkipReason::RaggedRow {
            row: 7,
            fields: 3,
            expected: 5,
        };
        assert_eq!(
            reason.to_string(),
            "CSV row 7 has 3 fields where the header has 5"
        );
        let reason = SkipReason::NoBodyField {
            chosen: None,
            found: vec!["id".into(), "title".into()],
        };
        assert_eq!(
            reason.to_string(),
            "no body field (such as body, text, content or article) among the fields found: \"id\", \"title\""
        );
        assert_eq!(
            SkipReason::TooLarge("2 GiB".into()).to_string(),
            "decompresses to more than 2 GiB (the limit for compressed files): not read, possibly a gzip bomb"
        );
    }
}
