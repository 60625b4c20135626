//! What a shard holds of each passage: the schema (the same for real-time shards written over
//! SphinxQL and for plain shards built by `indexer` from an export) and an article's values.

use tantivy::tokenizer::TextAnalyzer;

use super::article::file_of;
use super::sphinx::{fnv, passage_id, positive};
use super::sphinxql::sphinx_terms;
use crate::language::{detect, Language};
use crate::model::Article;
use crate::segment::segment;

/// How a column is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A full-text field of analysed terms.
    Field,
    /// A string attribute (stored, not searched).
    Text,
    /// A 32-bit unsigned attribute.
    Uint,
    /// A 64-bit signed attribute.
    Bigint,
}

/// The columns of a passage after its id, in the order of [`passage_values`].
pub const SCHEMA: [(&str, Kind); 22] = [
    ("terms", Kind::Field),
    ("title_terms", Kind::Field),
    ("source_terms", Kind::Field),
    ("author_terms", Kind::Field),
    ("article_id", Kind::Text),
    ("title", Kind::Text),
    ("text", Kind::Text),
    ("byline", Kind::Text),
    ("source", Kind::Text),
    ("date_text", Kind::Text),
    ("url", Kind::Text),
    ("path", Kind::Text),
    ("story", Kind::Text),
    ("language", Kind::Text),
    // The passage's number and byte span in the body.
    ("passage", Kind::Uint),
    ("span_start", Kind::Uint),
    ("span_end", Kind::Uint),
    // The Julian day of the article's UTC date (0 when undated), grouped on by timelines.
    ("day", Kind::Uint),
    ("date_ts", Kind::Bigint),
    ("has_date", Kind::Bigint),
    ("file_hash", Kind::Bigint),
    ("article_hash", Kind::Bigint),
];

/// One value of a passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Text (fields and string attributes).
    Text(String),
    /// A number.
    Number(i64),
}

/// A passage as a shard holds it: its id and the values of [`SCHEMA`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassageRecord {
    /// The stable document id ([`passage_id`]).
    pub id: u64,
    /// The values, aligned with [`SCHEMA`].
    pub values: Vec<Value>,
}

/// The records of an article's passages (one empty passage for an article without a body, so
/// that its title stays searchable). Terms are analysed by `analyzer`; the language is the one
/// the article states, else detected.
pub fn passage_records(article: &Article, analyzer: &mut TextAnalyzer) -> Vec<PassageRecord> {
    let body = article.body();
    let mut spans: Vec<_> = segment(article).into_iter().map(|p| p.span).collect();
    if spans.is_empty() {
        spans.push(0..0);
    }
    let text = |value: &str| Value::Text(value.to_string());
    let optional = |value: &Option<String>| text(value.as_deref().unwrap_or(""));
    let title_terms = sphinx_terms(analyzer, &article.title);
    let source_terms = sphinx_terms(analyzer, article.source.as_deref().unwrap_or(""));
    let author_terms = sphinx_terms(analyzer, article.byline.as_deref().unwrap_or(""));
    let language = article
        .language
        .as_deref()
        .and_then(Language::parse)
        .unwrap_or_else(|| detect(&article.title, &body))
        .code;
    let date_text = article
        .date
        .as_ref()
        .map(|d| d.to_iso())
        .unwrap_or_default();
    let day = article.date.as_ref().map_or(0, |d| d.day().to_julian_day());
    let number = |n: u64| Value::Number(i64::try_from(n).unwrap_or(i64::MAX));
    spans
        .into_iter()
        .enumerate()
        .map(|(ordinal, span)| {
            let passage_text = &body[span.clone()];
            PassageRecord {
                id: passage_id(&article.id, ordinal),
                values: vec![
                    Value::Text(sphinx_terms(analyzer, passage_text)),
                    text(&title_terms),
                    text(&source_terms),
                    text(&author_terms),
                    text(&article.id),
                    text(&article.title),
                    text(passage_text),
                    optional(&article.byline),
                    optional(&article.source),
                    text(&date_text),
                    optional(&article.url),
                    text(&article.path),
                    text(article.story.as_deref().unwrap_or(&article.id)),
                    text(language),
                    number(ordinal as u64),
                    number(span.start as u64),
                    number(span.end as u64),
                    Value::Number(i64::from(day)),
                    Value::Number(article.date.as_ref().map_or(0, |d| d.unix_seconds())),
                    Value::Number(i64::from(article.date.is_some())),
                    number(positive(fnv(file_of(&article.path).as_bytes()))),
                    number(positive(fnv(article.id.as_bytes()))),
                ],
            }
        })
        .collect()
}

/// The shard (from 0) of `shards` an article's passages go to: a hash of its id.
pub fn shard_of(article_id: &str, shards: usize) -> usize {
    (fnv(article_id.as_bytes()) % shards.max(1) as u64) as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyzer;

    #[test]
    fn records_follow_the_schema() {
        let article = Article {
            id: "a1".into(),
            title: "Quokkas counted".into(),
            path: "post/a1.txt".into(),
            paragraphs: vec!["Rangers counted the quokkas on Monday.".into()],
            ..Article::default()
        };
        let records = passage_records(&article, &mut analyzer());
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].values.len(), SCHEMA.len());
        assert_eq!(records[0].id, passage_id("a1", 0));
        assert_eq!(records[0].values[1], Value::Text("quokka count".into()));
        let empty = Article {
            id: "a2".into(),
            ..article
        };
        assert_eq!(
            passage_records(
                &Article {
                    paragraphs: Vec::new(),
                    ..empty
                },
                &mut analyzer()
            )
            .len(),
            1,
            "an article without a body keeps one passage for its title"
        );
    }
}
