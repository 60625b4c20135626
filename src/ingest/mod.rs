//! Reading article files: discovery, decoding, one reader per format, and cleaning
//! (exact copies, boilerplate). Readers know nothing of the index.

mod clean;
mod decode;
mod discover;
mod html;
mod text;

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use rayon::prelude::*;

pub use self::clean::{mark_copies, remove_boilerplate};
pub use self::decode::{decode, DecodeError, TextEncoding};
pub use self::discover::{discover, Discovery, SourceFile};
pub use self::html::read_html;
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
}

impl Format {
    /// The format for a lowercase file name, by its extension.
    pub fn from_name(lowercase_name: &str) -> Option<Format> {
        let (_, ext) = lowercase_name.rsplit_once('.')?;
        match ext {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            _ => None,
        }
    }
}

/// Why a file (or record) was not indexed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum SkipReason {
    /// The file type has no reader (its extension).
    Unsupported(String),
    /// The bytes are not text.
    Binary,
    /// The file could not be read (the system's message).
    Unreadable(String),
    /// The file holds no words.
    Empty,
    /// Not a regular file (a FIFO, socket or device), never opened.
    NotRegular,
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Unsupported(ext) => write!(f, "unsupported file type {ext}"),
            SkipReason::Binary => f.write_str("binary file (not text)"),
            SkipReason::Unreadable(why) => write!(f, "unreadable: {why}"),
            SkipReason::Empty => f.write_str("empty: no text"),
            SkipReason::NotRegular => f.write_str("not a regular file"),
        }
    }
}

/// A file or record that was passed over, with its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// The file (plus `#N` for a record).
    pub path: String,
    /// Why it was not indexed.
    pub reason: SkipReason,
}

impl Skip {
    /// A skipped file or record.
    pub fn new(path: String, reason: SkipReason) -> Self {
        Skip { path, reason }
    }
}

/// Settings for reading files.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// How to read ambiguous numeric dates.
    pub date_order: DateOrder,
}

/// The articles read from one file.
#[derive(Debug)]
pub struct FileRead {
    /// Articles with ids and paths set.
    pub articles: Vec<Article>,
    /// How the bytes were decoded.
    pub encoding: TextEncoding,
    /// Size of the file in bytes.
    pub bytes: u64,
}

/// Reads, decodes and parses one file.
pub fn read_file(file: &SourceFile, options: &ReadOptions) -> Result<FileRead, SkipReason> {
    let bytes = std::fs::read(&file.path).map_err(|e| SkipReason::Unreadable(e.to_string()))?;
    let (text, encoding) = decode(&bytes).map_err(|DecodeError::Binary| SkipReason::Binary)?;
    let markdown = file.format == Format::Markdown;
    let mut article = read_text(&text, markdown, options.date_order).ok_or(SkipReason::Empty)?;
    if article.paragraphs.is_empty() && article.title.is_empty() {
        return Err(SkipReason::Empty);
    }
    article.id = file.relative.clone();
    article.path = file.path.display().to_string();
    Ok(FileRead {
        articles: vec![article],
        encoding,
        bytes: bytes.len() as u64,
    })
}

/// Everything read from the inputs, cleaned, with what was passed over.
#[derive(Debug, Default)]
pub struct Corpus {
    /// The articles, in file order, copies marked and boilerplate removed.
    pub articles: Vec<Article>,
    /// Files found.
    pub files_seen: usize,
    /// Files that gave at least one article.
    pub files_read: usize,
    /// Bytes of the files read.
    pub bytes: u64,
    /// Files passed over, with reasons.
    pub skipped: Vec<Skip>,
    /// How many files were decoded with each encoding.
    pub encodings: BTreeMap<TextEncoding, usize>,
    /// Articles that are exact copies of an earlier one.
    pub copies: usize,
    /// Boilerplate paragraphs removed.
    pub boilerplate: usize,
    /// The files read, for replacing their earlier articles in the index.
    pub files: Vec<SourceFile>,
}

/// Receives progress while files are read (the library never prints).
pub trait Progress: Sync {
    /// Called once the files to read are known, with their count and total size in bytes.
    fn start(&self, _files: usize, _bytes: u64) {}
    /// Called after each file is read, with its size in bytes.
    fn file_done(&self, _bytes: u64) {}
}

/// No progress reporting.
impl Progress for () {}

/// Reads every file under the inputs in parallel and cleans the result.
pub fn read_corpus(inputs: &[PathBuf], options: &ReadOptions, progress: &dyn Progress) -> Result<Corpus> {
    let Discovery { files, skipped } = discover(inputs)?;
    progress.start(files.len(), files.iter().map(|f| f.size).sum());
    let results: Vec<_> = files
        .par_iter()
        .map(|file| {
            let result = read_file(file, options);
            progress.file_done(file.size);
            result
        })
        .collect();
    let mut corpus = Corpus {
        files_seen: files.len() + skipped.len(),
        skipped,
        ..Corpus::default()
    };
    for (file, result) in files.iter().zip(results) {
        match result {
            Ok(read) => {
                corpus.files_read += 1;
                corpus.bytes += read.bytes;
                *corpus.encodings.entry(read.encoding).or_default() += 1;
                corpus.articles.extend(read.articles);
            }
            Err(reason) => corpus
                .skipped
                .push(Skip::new(file.path.display().to_string(), reason)),
        }
    }
    corpus.files = files;
    corpus.copies = mark_copies(&mut corpus.articles);
    corpus.boilerplate = remove_boilerplate(&mut corpus.articles);
    Ok(corpus)
}
