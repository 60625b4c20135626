//! A whole article rebuilt from its passages: the passages of one article id, in ordinal order,
//! each placed at its byte span in the body, with the article's fields from the index.

use std::ops::Range;

use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption, TantivyDocument, Value};
use tantivy::{DocAddress, Searcher, Term};

use crate::date::NewsDate;
use crate::error::Result;
use crate::index::Fields;
use crate::model::{Article, PARAGRAPH_BREAK};
use crate::search::Session;

impl Session<'_> {
    /// The article with this id, rebuilt from its passages; `None` when the index has none.
    ///
    /// The body ([`Article::body`]) is the passages' text at their stored offsets, so passage
    /// spans index into it as they did when the article was indexed.
    pub fn article(&self, id: &str) -> Result<Option<Article>> {
        self.article_where(self.index.fields().article_id, id)
    }

    /// The article with this id, or else the one read from this path (as search shows it:
    /// `corpus/a.txt`, or `wire.jsonl#3` for a record of a multi-record file).
    pub fn article_by_id_or_path(&self, id_or_path: &str) -> Result<Option<Article>> {
        match self.article(id_or_path)? {
            Some(found) => Ok(Some(found)),
            None => self.article_where(self.index.fields().path, id_or_path),
        }
    }

    /// The article whose passages hold `value` in the raw-term field `field`.
    fn article_where(&self, field: Field, value: &str) -> Result<Option<Article>> {
        self.index.guarded(|| {
            let searcher = self.index.searcher()?;
            let term = Term::from_field_text(field, value);
            let query = TermQuery::new(term, IndexRecordOption::Basic);
            let addresses: Vec<DocAddress> = searcher
                .search(&query, &DocSetCollector)?
                .into_iter()
                .collect();
            if addresses.is_empty() {
                return Ok(None);
            }
            assemble(&searcher, self.index.fields(), &addresses).map(Some)
        })
    }
}

/// One stored passage of an article.
struct StoredPassage {
    ordinal: u64,
    span: Range<usize>,
    text: String,
}

/// Rebuilds one article from the documents of its passages (in any order).
pub(crate) fn assemble(
    searcher: &Searcher,
    fields: &Fields,
    addresses: &[DocAddress],
) -> Result<Article> {
    let mut passages = Vec::with_capacity(addresses.len());
    let mut article = Article::default();
    for (i, &address) in addresses.iter().enumerate() {
        let doc: TantivyDocument = searcher.doc(address)?;
        let number = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_u64())
                .and_then(|n| usize::try_from(n).ok())
                .unwrap_or(0)
        };
        passages.push(StoredPassage {
            ordinal: doc
                .get_first(fields.passage)
                .and_then(|v| v.as_u64())
                .unwrap_or(0),
            span: number(fields.start)..number(fields.end),
            text: text(&doc, fields.text).unwrap_or_default(),
        });
        if i == 0 {
            article = Article {
                id: text(&doc, fields.article_id).unwrap_or_default(),
                title: text(&doc, fields.title).unwrap_or_default(),
                byline: text(&doc, fields.byline),
                source: text(&doc, fields.source),
                date: text(&doc, fields.date_text).and_then(|d| d.parse::<NewsDate>().ok()),
                url: text(&doc, fields.url),
                path: text(&doc, fields.path).unwrap_or_default(),
                record: None,
                language: text(&doc, fields.language),
                paragraphs: Vec::new(),
                copy_of: text(&doc, fields.copy_of),
                story: text(&doc, fields.story),
            };
        }
    }
    passages.sort_by_key(|p| p.ordinal);
    let body = rebuild_body(passages.iter().map(|p| (p.span.clone(), p.text.as_str())));
    article.paragraphs = body
        .split(PARAGRAPH_BREAK)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    Ok(article)
}

fn text(doc: &TantivyDocument, field: Field) -> Option<String> {
    crate::index::stored_text(doc, field)
}

/// Places passage texts, in order, at their byte spans: a gap of one byte between two passages
/// is a space (a long paragraph split between sentences), a gap of two bytes a paragraph break.
/// Larger gaps (never written by the indexer) also become a paragraph break; a passage that
/// overlaps the text before it contributes only what lies beyond it.
pub(crate) fn rebuild_body<'a>(
    passages: impl IntoIterator<Item = (Range<usize>, &'a str)>,
) -> String {
    let mut body = String::new();
    for (span, text) in passages {
        let at = body.len();
        if span.start > at {
            body.push_str(if span.start - at == 1 {
                " "
            } else {
                PARAGRAPH_BREAK
            });
            body.push_str(text);
        } else if span.start == at {
            body.push_str(text);
        } else {
            let tail = at - span.start;
            match text.get(tail..) {
                Some(rest) => body.push_str(rest),
                None if tail < text.len() => {
                    body.push_str(PARAGRAPH_BREAK);
                    body.push_str(text);
                }
                None => {}
            }
        }
    }
    body
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::segment::segment;

    fn article(paragraphs: &[&str]) -> Article {
        Article {
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            ..Article::default()
        }
    }

    fn rebuilt(article: &Article) -> String {
        let body = article.body();
        rebuild_body(
            segment(article)
                .into_iter()
                .map(|p| (p.span.clone(), &body[p.span])),
        )
    }

    #[test]
    fn paragraphs_come_back_with_their_breaks() {
        let long: String = (0..40)
            .map(|i| format!("Sentence number {i} has some words in it."))
            .collect::<Vec<_>>()
            .join(" ");
        let a = article(&["Short opening.", &long, "A closing line — with ünïcode."]);
        assert!(segment(&a).len() > 1, "the long paragraph is split");
        assert_eq!(rebuilt(&a), a.body());
    }

    #[test]
    fn gaps_of_one_and_two_bytes() {
        assert_eq!(rebuild_body([(0..3, "one"), (4..7, "two")]), "one two");
        assert_eq!(rebuild_body([(0..3, "one"), (5..8, "two")]), "one\n\ntwo");
        assert_eq!(rebuild_body([(0..3, "one"), (9..12, "two")]), "one\n\ntwo");
        assert_eq!(rebuild_body([(0..0, "")]), "");
        assert_eq!(rebuild_body(std::iter::empty()), "");
    }

    #[test]
    fn overlapping_passages_never_panic() {
        assert_eq!(rebuild_body([(0..5, "abcde"), (3..7, "defg")]), "abcdefg");
        assert_eq!(rebuild_body([(0..2, "ğ"), (1..3, "ğx")]), "ğ\n\nğx");
        assert_eq!(rebuild_body([(0..5, "abcde"), (0..2, "ab")]), "abcde");
    }

    proptest! {
        #[test]
        fn any_segmented_article_is_rebuilt_exactly(
            paragraphs in prop::collection::vec("[a-zA-Zé.!? ]{1,400}", 0..8)
        ) {
            let paragraphs: Vec<String> = paragraphs
                .iter()
                .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|p| !p.is_empty())
                .collect();
            let a = Article { paragraphs, ..Article::default() };
            prop_assert_eq!(rebuilt(&a), a.body());
        }
    }
}
