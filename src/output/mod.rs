//! Renderers: search results as text for people, and as JSON, JSON Lines, TSV, CSV and TREC runs
//! for programs; the skip report of indexing. Renderers know nothing of tantivy; they take the
//! library's values.

mod fields;
pub mod json;
pub mod skips;
pub mod table;
pub mod text;
pub mod trec;

pub use self::fields::{check_fields, field_value, hit_object, html_escape, marked, HIT_FIELDS};

use crate::search::SearchResults;

/// The results of one query, with its id in a batch.
#[derive(Debug, Clone, Copy)]
pub struct Answer<'a> {
    /// The query's id (batch runs only).
    pub qid: Option<&'a str>,
    /// What the query found.
    pub results: &'a SearchResults,
}

/// Settings shared by the machine-readable renderers.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// The fields to write (`None`: the format's defaults).
    pub fields: Option<Vec<String>>,
    /// Include `took_ms` (off for byte-identical output across runs).
    pub timing: bool,
}
