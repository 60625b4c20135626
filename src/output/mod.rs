//! Renderers: every view of the library written for people (text, coloured by [`style`]) and
//! for programs (JSON, JSON Lines, TSV, CSV, TREC runs, SVG); the skip report of indexing.
//! Renderers know nothing of tantivy; they take the library's values. The command line writes
//! what they give, and so does anything else that serves a view: the JSON of a view is one
//! value, whoever asks for it.
//!
//! Each view's module has `json(…) -> serde_json::Value` (written with [`write_json`]) and
//! `write_text(out, …)`, beside any other format the view has.

pub mod article;
pub mod check;
pub mod collocates;
pub mod count;
pub mod eval;
mod fields;
pub mod glossary;
pub mod json;
pub mod kwic;
pub mod skips;
pub mod stats;
pub mod stories;
pub mod style;
pub mod svg;
pub mod table;
pub mod terms;
pub mod text;
pub mod timeline;
pub mod trec;
pub mod watch;
pub(crate) mod xml;

pub use self::fields::{check_fields, marked};
pub(crate) use self::fields::{field_value, hit_object};

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

/// Writes a view's JSON, pretty-printed, and a line break.
pub fn write_json(out: &mut dyn std::io::Write, value: &serde_json::Value) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// `n` and the noun, in the plural unless `n` is 1 (`1 passage`, `2 passages`, `3 matches`).
pub fn counted(n: usize, noun: &str) -> String {
    let consonant_y = noun
        .strip_suffix('y')
        .and_then(|stem| stem.chars().last())
        .is_some_and(|c| !"aeiou".contains(c));
    if n == 1 {
        format!("1 {noun}")
    } else if consonant_y {
        format!("{n} {}ies", &noun[..noun.len() - 1])
    } else if noun.ends_with("ch") || noun.ends_with('s') || noun.ends_with('x') {
        format!("{n} {noun}es")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::counted;

    #[test]
    fn nouns_take_the_plural_unless_one() {
        assert_eq!(counted(1, "article"), "1 article");
        assert_eq!(counted(0, "article"), "0 articles");
        assert_eq!(counted(2, "match"), "2 matches");
        assert_eq!(counted(1, "exact copy"), "1 exact copy");
        assert_eq!(counted(3, "exact copy"), "3 exact copies");
        assert_eq!(counted(2, "day"), "2 days");
    }
}
