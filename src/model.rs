//! The values that flow through the pipeline: an [`Article`] read from a file and the [`Passage`]s it is cut into.

use std::ops::Range;

use crate::date::NewsDate;

/// The separator between paragraphs in [`Article::body`].
pub const PARAGRAPH_BREAK: &str = "\n\n";

/// One news item, as read from a file and cleaned.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Article {
    /// Stable identifier: the record's own id where the data has one, otherwise the file's path
    /// relative to the indexed folder (plus `#N` for the N-th record of a multi-record file).
    pub id: String,
    /// The headline.
    pub title: String,
    /// Who wrote it, as the byline states (`Raza Syed`).
    pub byline: Option<String>,
    /// The outlet (`AzerNews`).
    pub source: Option<String>,
    /// Publication date, as precise as the source states it.
    pub date: Option<NewsDate>,
    /// Canonical address of the article, when known.
    pub url: Option<String>,
    /// Its language, ISO 639-1 (`ru`): as the record states it, else as `--language` sets it for
    /// the run, else detected when it is indexed.
    pub language: Option<String>,
    /// The file it came from, as the user named it (plus `#N` for a record of a multi-record file).
    pub path: String,
    /// `N` of the `#N` that ends [`Article::path`], for a record of a multi-record file, as the
    /// readers set it (the index does not keep it: an article rebuilt from the index has none).
    pub record: Option<usize>,
    /// Body paragraphs, whitespace-normalised, without boilerplate.
    pub paragraphs: Vec<String>,
    /// The id of an earlier article with the same title and body, when this one is an exact copy.
    pub copy_of: Option<String>,
    /// The id of the story the article is a version of: the id of the story's earliest article
    /// (its own id when no other article is a version of it). Set by cleaning.
    pub story: Option<String>,
}

impl Article {
    /// The body text: paragraphs joined by [`PARAGRAPH_BREAK`]. Passage spans index into it.
    pub fn body(&self) -> String {
        self.paragraphs.join(PARAGRAPH_BREAK)
    }

    /// Number of words in the body.
    pub fn word_count(&self) -> usize {
        self.paragraphs
            .iter()
            .map(|p| p.split_whitespace().count())
            .sum()
    }
}

/// The unit of retrieval: a run of one or more paragraphs (or sentences of a long one) of one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Position of the passage in its article, from 0.
    pub ordinal: u32,
    /// Byte span in [`Article::body`].
    pub span: Range<usize>,
}
