//! The JSON contract of `newsdex search --json`. Fields may be added in later versions, never
//! renamed or removed; `schema_version` changes only when that promise has to be broken.

use std::io::Write;

use serde::Serialize;

use crate::search::{Hit, SearchResults};

/// Version of the JSON output schema.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Results<'a> {
    schema_version: u32,
    query: &'a str,
    executed_query: &'a str,
    total_hits: usize,
    total_all_words: usize,
    took_ms: u64,
    results: Vec<JsonHit<'a>>,
}

#[derive(Serialize)]
struct JsonHit<'a> {
    rank: usize,
    score: f32,
    matched_all: bool,
    article_id: &'a str,
    passage: u32,
    title: &'a str,
    byline: Option<&'a str>,
    source: Option<&'a str>,
    date: Option<&'a str>,
    path: &'a str,
    copy_of: Option<&'a str>,
    text: &'a str,
    highlights: Vec<Span>,
    snippet: &'a str,
}

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
}

impl<'a> From<&'a Hit> for JsonHit<'a> {
    fn from(hit: &'a Hit) -> Self {
        JsonHit {
            rank: hit.rank,
            score: hit.score,
            matched_all: hit.matched_all,
            article_id: &hit.article_id,
            passage: hit.passage,
            title: &hit.title,
            byline: hit.byline.as_deref(),
            source: hit.source.as_deref(),
            date: hit.date.as_deref(),
            path: &hit.path,
            copy_of: hit.copy_of.as_deref(),
            text: &hit.text,
            highlights: hit
                .highlights
                .iter()
                .map(|r| Span {
                    start: r.start,
                    end: r.end,
                })
                .collect(),
            snippet: &hit.snippet.text,
        }
    }
}

/// Writes the results as one JSON object and a newline.
pub fn write_results(out: &mut dyn Write, results: &SearchResults) -> std::io::Result<()> {
    let json = Results {
        schema_version: SCHEMA_VERSION,
        query: &results.query,
        executed_query: &results.executed_query,
        total_hits: results.total_hits,
        total_all_words: results.total_all_words,
        took_ms: u64::try_from(results.took.as_millis()).unwrap_or(u64::MAX),
        results: results.hits.iter().map(JsonHit::from).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}
