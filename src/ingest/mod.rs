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
mod format;
mod html;
mod json;
mod read;
mod reuters;
mod select;
mod sgml;
mod story;
#[cfg(test)]
mod tests;
mod text;
mod trec;

pub(crate) use self::corpus::Surveyed;
pub use self::corpus::{read_corpus, survey, Corpus, Pass, Progress, ReadReport};
pub use self::decode::Compression;
pub(crate) use self::decode::TextEncoding;
pub use self::discover::SourceFile;
pub(crate) use self::discover::{discover, Discovery};
pub use self::fields::FieldOverride;
pub(crate) use self::fields::{FieldMap, FieldRole};
pub use self::format::Format;
pub use self::html::read_html;
pub(crate) use self::read::FileRead;
pub use self::read::{read_file, ReadOptions};
pub(crate) use self::read::{FileError, Records};
pub use self::select::{check_pattern, FileSelection};
pub use self::story::{Signature, StorySignature, SIGNATURE_BYTES};
pub(crate) use self::text::parse_byline;
pub use self::text::read_text;
pub use crate::skip::{Skip, SkipReason};
