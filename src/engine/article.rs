//! An article rebuilt from the passages a Sphinx cluster holds: looked up by passage id (ids are
//! derived from the article id, so no full scan is needed), else by the file it came from.

use std::ops::Range;

use super::sphinx::{fnv, passage_id, positive, read_rows, Row, Sphinx};
use super::Answered;
use crate::analysis::analyzer;
use crate::date::NewsDate;
use crate::model::{Article, PARAGRAPH_BREAK};
use crate::search::{highlight, SearchOptions};
use crate::views::rebuild_body;
use crate::Result;

/// Passage ids looked up per statement.
const IDS_PER_LOOKUP: usize = 256;
/// Most passages read for a path.
const MAX_PASSAGES: usize = 100_000;

impl Sphinx {
    /// The article with this id, else the one read from this path.
    pub(super) fn fetch_article(&self, id_or_path: &str) -> Result<Answered<Option<Article>>> {
        let (mut rows, mut warnings) = self.passages_of(id_or_path)?;
        if rows.is_empty() {
            let statement = format!(
                "SELECT * FROM {{shard}} WHERE file_hash = {} ORDER BY id ASC LIMIT {MAX_PASSAGES} \
                 OPTION max_matches={MAX_PASSAGES}",
                positive(fnv(file_of(id_or_path).as_bytes()))
            );
            let (answers, more) = self.on_every_node(&[statement])?;
            warnings = more;
            rows = answers
                .iter()
                .flatten()
                .flat_map(read_rows)
                .filter(|row| row.fields.get("path").map(String::as_str) == Some(id_or_path))
                .collect();
            // A path holds one article; should two share it, the first id's.
            if let Some(first) = rows.iter().map(|r| r.article_id.clone()).min() {
                rows.retain(|r| r.article_id == first);
            }
        }
        Ok(Answered {
            value: assemble(rows),
            warnings,
        })
    }

    /// What `query` (read with `options`) lights in each of `texts`, as search highlights hits:
    /// the query as run and the byte ranges per text.
    pub fn highlights(
        &self,
        query: &str,
        options: &SearchOptions,
        texts: &[&str],
    ) -> Result<(String, Vec<Vec<Range<usize>>>)> {
        let translated = self.translated(query, options)?;
        let mut analyzer = analyzer();
        let ranges = texts
            .iter()
            .map(|text| highlight(text, &translated.matchers, &mut analyzer))
            .collect();
        Ok((translated.matching, ranges))
    }

    /// Every passage of the article with this id, looked up by passage id on every node until
    /// a batch of ids comes back incomplete.
    fn passages_of(&self, id: &str) -> Result<(Vec<Row>, Vec<String>)> {
        let mut rows = Vec::new();
        let mut warnings = Vec::new();
        for batch in 0.. {
            let first = batch * IDS_PER_LOOKUP;
            let ids: Vec<String> = (first..first + IDS_PER_LOOKUP)
                .map(|ordinal| passage_id(id, ordinal).to_string())
                .collect();
            let statement = format!(
                "SELECT * FROM {{shard}} WHERE id IN ({}) LIMIT {IDS_PER_LOOKUP}",
                ids.join(",")
            );
            let (answers, more) = self.on_every_node(&[statement])?;
            warnings = more;
            let found: Vec<Row> = answers
                .iter()
                .flatten()
                .flat_map(read_rows)
                .filter(|row| row.article_id == id)
                .collect();
            let complete = found.len() == IDS_PER_LOOKUP;
            rows.extend(found);
            if !complete {
                break;
            }
        }
        Ok((rows, warnings))
    }
}

/// The file part of a path as search shows it (`wire.jsonl#3` → `wire.jsonl`).
pub(super) fn file_of(path: &str) -> &str {
    match path.rsplit_once('#') {
        Some((file, record))
            if !record.is_empty() && record.bytes().all(|b| b.is_ascii_digit()) =>
        {
            file
        }
        _ => path,
    }
}

/// Rebuilds an article from its passages (in any order); `None` when there are none.
fn assemble(mut rows: Vec<Row>) -> Option<Article> {
    rows.sort_by_key(|r| r.passage);
    let first = rows.first()?;
    let field = |name: &str| first.fields.get(name).cloned().unwrap_or_default();
    let optional = |name: &str| Some(field(name)).filter(|v| !v.is_empty());
    let mut article = Article {
        id: first.article_id.clone(),
        title: field("title"),
        byline: optional("byline"),
        source: optional("source"),
        date: optional("date_text").and_then(|d| d.parse::<NewsDate>().ok()),
        url: optional("url"),
        path: field("path"),
        story: optional("story"),
        language: optional("language"),
        ..Article::default()
    };
    let number = |row: &Row, name: &str| {
        row.fields
            .get(name)
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(0)
    };
    let spans: Vec<_> = rows
        .iter()
        .map(|row| {
            let text = row.fields.get("text").map(String::as_str).unwrap_or("");
            (number(row, "span_start")..number(row, "span_end"), text)
        })
        .collect();
    article.paragraphs = rebuild_body(spans)
        .split(PARAGRAPH_BREAK)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    Some(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_of_a_record_path() {
        assert_eq!(file_of("wire.jsonl#3"), "wire.jsonl");
        assert_eq!(file_of("corpus/a.txt"), "corpus/a.txt");
        assert_eq!(file_of("odd#name.txt"), "odd#name.txt");
    }
}
