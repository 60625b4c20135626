//! Files and records passed over while reading, with their reasons: what indexing reports
//! instead of failing. Shared by reading, indexing, errors and the skip report.

use std::fmt;

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
