//! Batches of queries: reading a topics file (TSV `qid<TAB>query` or JSON Lines with `qid` and
//! `query`) and running its queries in parallel, results in the file's order.

use std::time::Instant;

use rayon::prelude::*;
use serde::Deserialize;

use super::retrieve::{SearchOptions, SearchResults};
use crate::error::Result;
use crate::search::Session;

/// One query of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchQuery {
    /// Its id, as the file gives it.
    pub qid: String,
    /// The query text.
    pub query: String,
}

/// A line of a topics file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct TopicsError {
    /// The line number, from 1.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

#[derive(Deserialize)]
struct JsonTopic {
    qid: serde_json::Value,
    query: String,
}

/// Reads a topics file: JSON Lines when the first non-blank line starts with `{`, otherwise TSV
/// (`qid<TAB>query`). Blank lines and lines starting with `#` are skipped.
pub fn parse_topics(text: &str) -> Result<Vec<BatchQuery>, TopicsError> {
    let json = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| l.trim_start().starts_with('{'));
    let mut queries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let fail = |message: String| TopicsError {
            line: line_no,
            message,
        };
        let (qid, query) = if json {
            let topic: JsonTopic =
                serde_json::from_str(trimmed).map_err(|e| fail(format!("invalid JSON: {e}")))?;
            let qid = match topic.qid {
                serde_json::Value::String(s) => s,
                serde_json::Value::Number(n) => n.to_string(),
                other => return Err(fail(format!("qid must be a string or number, not {other}"))),
            };
            (qid, topic.query)
        } else {
            let (qid, query) = line
                .split_once('\t')
                .ok_or_else(|| fail("expected qid<TAB>query".to_string()))?;
            (qid.trim().to_string(), query.trim().to_string())
        };
        if qid.is_empty() {
            return Err(fail("empty qid".into()));
        }
        queries.push(BatchQuery { qid, query });
    }
    Ok(queries)
}

impl Session<'_> {
    /// Runs every query in parallel (the glossary is prepared once); results come back in order, a
    /// failed query as its error.
    pub fn search_batch(
        &self,
        queries: &[BatchQuery],
        options: &SearchOptions,
    ) -> Result<Vec<Result<SearchResults>>> {
        let expander = self.expander_for(options, None)?;
        Ok(queries
            .par_iter()
            .map(|q| {
                let started = Instant::now();
                let prepared = self.prepare_with(&q.query, options, expander.as_deref())?;
                self.run(&q.query, &prepared, options, started)
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_and_jsonl_topics() {
        let tsv = "# topics\n101\tstabilisation force\n\n102\tOIC\n";
        assert_eq!(
            parse_topics(tsv).unwrap(),
            [
                BatchQuery {
                    qid: "101".into(),
                    query: "stabilisation force".into()
                },
                BatchQuery {
                    qid: "102".into(),
                    query: "OIC".into()
                },
            ]
        );
        let jsonl =
            "{\"qid\": 7, \"query\": \"Garabagh\"}\n{\"qid\": \"q8\", \"query\": \"ISF\"}\n";
        assert_eq!(
            parse_topics(jsonl).unwrap()[0],
            BatchQuery {
                qid: "7".into(),
                query: "Garabagh".into()
            }
        );
    }

    #[test]
    fn bad_lines_are_named() {
        assert_eq!(
            parse_topics("101\tok\nno tab here\n")
                .unwrap_err()
                .to_string(),
            "line 2: expected qid<TAB>query"
        );
        assert!(parse_topics("{\"qid\": 1}\n")
            .unwrap_err()
            .to_string()
            .starts_with("line 1: invalid JSON"));
    }
}
