//! Reading one file: decompressing and decoding it as a stream, choosing its reader, naming
//! its records, and reporting progress as it goes.

use std::fmt;
use std::io::{self, BufRead};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use super::corpus::{Progress, PROGRESS_EVERY};
use super::decode::{self, byte_size, DecodeError, LimitExceeded, TextEncoding};
use super::discover::{self, SourceFile};
use super::fields::FieldMap;
use super::format::Format;
use super::html::read_html_page;
use super::select::FileSelection;
use super::text::read_text;
use super::{csv, json, reuters, trec};
use crate::date::DateOrder;
use crate::error::Result;
use crate::model::Article;
use crate::skip::{Skip, SkipReason};

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
pub(crate) struct Record {
    /// Position in the file, from 1.
    pub(crate) number: usize,
    /// The line it starts on, for formats whose skips are reported by line (JSON Lines, CSV).
    pub(crate) line: Option<u64>,
    /// The article, or why the record was passed over.
    pub(crate) outcome: Result<Article, SkipReason>,
}

/// Where a reader puts the records of one file as it finds them, so that a file is never held
/// in memory whole.
pub(crate) struct Records<'s> {
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
    pub(crate) fn new(multi: bool, sink: &'s mut dyn FnMut(Record, bool) -> bool) -> Self {
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
    pub(crate) fn alone_is_single(&mut self) {
        self.alone_is_single = true;
    }

    /// Records given so far.
    pub(crate) fn count(&self) -> usize {
        self.count
    }

    /// Adds the next record, numbered after the ones before it. Fails (with
    /// [`ReadingStopped`]) once the receiver wants no more, so that readers stop with `?`.
    pub(crate) fn push(
        &mut self,
        line: Option<u64>,
        outcome: Result<Article, SkipReason>,
    ) -> io::Result<()> {
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

    pub(crate) fn give(&mut self, record: Record) -> io::Result<()> {
        if !(self.sink)(record, self.multi) {
            self.stopped = true;
        }
        Ok(())
    }

    /// Passes on a record still held back: the file's only one, an article of its own.
    pub(crate) fn finish(&mut self) {
        if let Some(mut only) = self.held.take() {
            only.line = None;
            self.multi = false;
            let _ = self.give(only);
        }
    }
}

/// The error a reader's [`Records::push`] returns once no more records are wanted.
#[derive(Debug)]
pub(crate) struct ReadingStopped;

impl fmt::Display for ReadingStopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("reading stopped")
    }
}

impl std::error::Error for ReadingStopped {}

/// Why a reader could not read a file.
#[derive(Debug)]
pub(crate) enum FileError {
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
