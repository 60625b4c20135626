//! Keyword in context: every occurrence of what a query matches in the passages it matches, with
//! the text on either side, for reading a term's uses line by line.
//!
//! Occurrences are what highlighting lights (the same analysis as search, so word forms,
//! spellings and glossary expansions count); the words of one occurrence of a phrase (`International
//! Stabilisation Force`, `Nagorno-Karabakh`), separated only by spaces or hyphens, form one keyword.

use std::ops::Range;

use tantivy::schema::{TantivyDocument, Value};

use super::matches::matching_addresses;
use crate::error::Result;
use crate::search::SearchOptions;
use crate::search::Session;

/// How to order the lines of a concordance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KwicSort {
    /// By the words before the keyword, read from the keyword leftwards, lowercased.
    Left,
    /// By the words after the keyword, lowercased.
    Right,
    /// In index order: by article id, passage and position.
    #[default]
    None,
}

/// What a concordance shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KwicOptions {
    /// Characters of context on each side of the keyword.
    pub width: usize,
    /// The order of the lines.
    pub sort: KwicSort,
    /// At most this many lines (after sorting); `None` for all.
    pub limit: Option<usize>,
    /// Lines of one version per story only (its earliest matching version), so that reprints
    /// do not repeat a line.
    pub unique_stories: bool,
}

/// One occurrence with its context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KwicLine {
    /// The article's id.
    pub article_id: String,
    /// The passage's number in its article, from 1.
    pub passage: u32,
    /// The article's date (ISO 8601 as precise as the source states it).
    pub date: Option<String>,
    /// Up to `width` characters before the keyword, whitespace flattened to single spaces.
    pub left: String,
    /// The occurrence as written.
    pub keyword: String,
    /// Up to `width` characters after the keyword, whitespace flattened to single spaces.
    pub right: String,
    /// Byte span of the keyword in the passage text.
    pub span: Range<usize>,
}

/// Every occurrence of a query's matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concordance {
    /// The query as typed.
    pub query: String,
    /// The query as run, after analysis and glossary expansion.
    pub executed_query: String,
    /// Occurrences found (before the limit).
    pub occurrences: usize,
    /// Passages matching the query (with one version per story, those of the versions kept).
    pub passages: usize,
    /// Articles with a matching passage (with one version per story, the versions kept).
    pub articles: usize,
    /// The lines, sorted and limited as asked.
    pub lines: Vec<KwicLine>,
}

/// The earliest matching version of each story (by date, undated last, then by id).
#[derive(Default)]
struct FirstVersions {
    /// Story -> (undated, date, article id) of its earliest version met so far.
    first: std::collections::HashMap<String, (bool, String, String)>,
}

impl FirstVersions {
    fn meet(&mut self, story: String, article: &str, date: Option<&str>) {
        let key = (
            date.is_none(),
            date.unwrap_or("").to_string(),
            article.to_string(),
        );
        let entry = self.first.entry(story).or_insert_with(|| key.clone());
        if key < *entry {
            *entry = key;
        }
    }

    /// The ids of the earliest versions.
    fn into_articles(self) -> std::collections::HashSet<String> {
        self.first.into_values().map(|(_, _, id)| id).collect()
    }
}

impl Session<'_> {
    /// The concordance of a query: every occurrence in every passage matching its strict
    /// reading (date filters of `options` applied).
    pub fn kwic(
        &self,
        query: &str,
        options: &SearchOptions,
        kwic: KwicOptions,
    ) -> Result<Concordance> {
        self.index.guarded(|| {
            let prepared = self.prepare(query, options)?;
            let searcher = self.index.searcher()?;
            let addresses = matching_addresses(&searcher, prepared.query())?;
            let fields = *self.index.fields();
            let mut lines = Vec::new();
            // The article of each matching passage, in the order of `addresses`.
            let mut passage_articles = Vec::with_capacity(addresses.len());
            let mut first_versions = FirstVersions::default();
            let mut highlighter = prepared.highlighter();
            for &address in &addresses {
                let doc: TantivyDocument = searcher.doc(address)?;
                let text = |field| crate::index::stored_text(&doc, field);
                let article_id = text(fields.article_id).unwrap_or_default();
                let passage = doc
                    .get_first(fields.passage)
                    .and_then(|v| v.as_u64())
                    .and_then(|n| u32::try_from(n + 1).ok())
                    .unwrap_or(u32::MAX);
                let date = text(fields.date_text);
                if kwic.unique_stories {
                    let story = text(fields.story).unwrap_or_else(|| article_id.clone());
                    first_versions.meet(story, &article_id, date.as_deref());
                }
                let body = text(fields.text).unwrap_or_default();
                let language = text(fields.language);
                let found = highlighter.highlight(&body, language.as_deref());
                for span in occurrences(&body, &found) {
                    lines.push(KwicLine {
                        article_id: article_id.clone(),
                        passage,
                        date: date.clone(),
                        left: left_context(&body[..span.start], kwic.width),
                        keyword: flatten(&body[span.clone()]),
                        right: right_context(&body[span.end..], kwic.width),
                        span,
                    });
                }
                passage_articles.push(article_id);
            }
            if kwic.unique_stories {
                let first = first_versions.into_articles();
                lines.retain(|line| first.contains(&line.article_id));
                passage_articles.retain(|article| first.contains(article));
            }
            let passages = passage_articles.len();
            let articles: std::collections::HashSet<String> =
                passage_articles.into_iter().collect();
            let occurrences = lines.len();
            sort_lines(&mut lines, kwic.sort);
            if let Some(limit) = kwic.limit {
                lines.truncate(limit);
            }
            Ok(Concordance {
                query: query.to_string(),
                executed_query: prepared.executed().to_string(),
                occurrences,
                passages,
                articles: articles.len(),
                lines,
            })
        })
    }
}

/// Joins highlighted words separated only by spaces or hyphens into one occurrence.
pub(super) fn occurrences(text: &str, highlights: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut spans: Vec<Range<usize>> = highlights.to_vec();
    spans.sort_by_key(|s| (s.start, s.end));
    let mut out: Vec<Range<usize>> = Vec::new();
    for span in spans {
        if span.start >= span.end || text.get(span.clone()).is_none() {
            continue;
        }
        match out.last_mut() {
            Some(last)
                if last.end <= span.start
                    && text
                        .get(last.end..span.start)
                        .is_some_and(|gap| gap.chars().all(|c| c == ' ' || c == '-')) =>
            {
                last.end = span.end;
            }
            Some(last) if span.start < last.end => last.end = last.end.max(span.end),
            _ => out.push(span),
        }
    }
    out
}

/// Runs of whitespace (line breaks included) become one space.
pub(super) fn flatten(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The last `width` characters before a keyword.
pub(super) fn left_context(before: &str, width: usize) -> String {
    let flat = flatten(before);
    let skip = flat.chars().count().saturating_sub(width);
    flat.chars().skip(skip).collect()
}

/// The first `width` characters after a keyword.
pub(super) fn right_context(after: &str, width: usize) -> String {
    flatten(after).chars().take(width).collect()
}

/// The words of a context, lowercased, without surrounding punctuation.
fn words(context: &str) -> Vec<String> {
    context
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn sort_lines(lines: &mut [KwicLine], sort: KwicSort) {
    match sort {
        KwicSort::None => lines.sort_by_cached_key(position),
        KwicSort::Left => lines.sort_by_cached_key(|line| {
            let mut key = words(&line.left);
            key.reverse();
            (key, position(line))
        }),
        KwicSort::Right => lines.sort_by_cached_key(|line| (words(&line.right), position(line))),
    }
}

/// Where a line comes from, the order of last resort.
fn position(line: &KwicLine) -> (String, u32, usize) {
    (line.article_id.clone(), line.passage, line.span.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(id: &str, left: &str, right: &str) -> KwicLine {
        KwicLine {
            article_id: id.to_string(),
            passage: 0,
            date: None,
            left: left.to_string(),
            keyword: "ISF".to_string(),
            right: right.to_string(),
            span: 0..3,
        }
    }

    fn ids(lines: &[KwicLine]) -> Vec<&str> {
        lines.iter().map(|l| l.article_id.as_str()).collect()
    }

    #[test]
    fn phrase_words_join_into_one_occurrence() {
        let text = "The International Stabilisation Force and the ISF, Nagorno-Karabakh.";
        let words = |w: &str| {
            let at = text.find(w).unwrap();
            at..at + w.len()
        };
        let highlights = [
            words("Karabakh"),
            words("International"),
            words("Stabilisation"),
            words("Force"),
            words("ISF"),
            words("Nagorno"),
        ];
        let found: Vec<&str> = occurrences(text, &highlights)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            found,
            [
                "International Stabilisation Force",
                "ISF",
                "Nagorno-Karabakh"
            ]
        );
    }

    #[test]
    fn bad_spans_are_dropped() {
        let text = "ğx";
        assert!(occurrences(text, &[1..2, 5..9, 2..2]).is_empty());
        let joined = occurrences(text, &[0..2, 0..3]);
        assert_eq!(joined.as_slice(), std::slice::from_ref(&(0..3)));
    }

    #[test]
    fn contexts_are_cut_at_char_boundaries_and_flattened() {
        assert_eq!(
            left_context("a b\n\nçé déf ", 5),
            "çé déf".chars().skip(1).collect::<String>()
        );
        assert_eq!(left_context("ab", 5), "ab");
        assert_eq!(right_context(" über\nalles da", 7), "über al");
        assert_eq!(right_context("", 7), "");
        assert_eq!(left_context("anything", 0), "");
    }

    #[test]
    fn sorts_by_left_words_read_leftwards() {
        let mut lines = vec![
            line("1", "said the", "x"),
            line("2", "Under a", "x"),
            line("3", "for the", "x"),
            line("4", "of an", "x"),
        ];
        sort_lines(&mut lines, KwicSort::Left);
        assert_eq!(ids(&lines), ["2", "4", "3", "1"]);
    }

    #[test]
    fn sorts_by_right_words() {
        let mut lines = vec![
            line("1", "", "will deploy"),
            line("2", "", "Command, said"),
            line("3", "", "(the force)"),
            line("4", "", "command structure"),
        ];
        sort_lines(&mut lines, KwicSort::Right);
        assert_eq!(ids(&lines), ["2", "4", "3", "1"]);
        sort_lines(&mut lines, KwicSort::None);
        assert_eq!(ids(&lines), ["1", "2", "3", "4"]);
    }
}
