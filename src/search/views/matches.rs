//! Which articles a query matches, read from the fast fields (article id, source, date) of the
//! matching passages, without loading a stored document.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use tantivy::collector::{Collector, DocSetCollector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::Query;
use tantivy::{DateTime, DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};
use time::{Date, OffsetDateTime};

use super::ordinals::{resolve_in, Strings};
use crate::error::Result;
use crate::search::PreparedQuery;
use crate::search::Session;

/// What the index knows about one matching article without reading its stored fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ArticleFacts {
    /// The outlet, when known.
    pub source: Option<String>,
    /// The publication day (UTC for articles dated to the minute), when known.
    pub day: Option<Date>,
    /// How many of its passages match.
    pub passages: usize,
    /// The story it is a version of.
    pub story: Option<String>,
    /// Its language (ISO 639-1).
    pub language: Option<String>,
}

/// The passages a query matches, grouped by article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matches {
    /// Matching passages.
    pub passages: usize,
    /// Matching articles by id, in id order.
    pub articles: BTreeMap<String, ArticleFacts>,
}

impl Session<'_> {
    /// The passages and articles matching a prepared query (its strict reading, date filters
    /// included).
    pub fn matches(&self, query: &PreparedQuery) -> Result<Matches> {
        self.index
            .guarded(|| self.matching(&self.index.searcher()?, query.query()))
    }

    /// The passages and articles matching a tantivy query, in one searcher's view of the index.
    pub(crate) fn matching(&self, searcher: &Searcher, query: &dyn Query) -> Result<Matches> {
        let schema = searcher.schema();
        let collector = FactsCollector {
            id: schema
                .get_field_name(self.index.fields().article_id)
                .to_string(),
            source: schema
                .get_field_name(self.index.fields().source)
                .to_string(),
            date: schema.get_field_name(self.index.fields().date).to_string(),
            story: schema.get_field_name(self.index.fields().story).to_string(),
            language: schema
                .get_field_name(self.index.fields().language)
                .to_string(),
        };
        Ok(searcher.search(query, &collector)?)
    }
}

/// Gathers, per segment, the matching passages of each article (by term ordinal of its id), and
/// resolves ordinals to strings once per article when the segments are merged.
struct FactsCollector {
    id: String,
    source: String,
    date: String,
    story: String,
    language: String,
}

/// The columns a segment's matches are read from.
struct SegmentFacts {
    ids: Option<StrColumn>,
    sources: Option<StrColumn>,
    dates: Option<Column<DateTime>>,
    stories: Option<StrColumn>,
    languages: Option<StrColumn>,
    passages: usize,
    /// Article id ordinal -> (matching passages, one of its documents).
    articles: FxHashMap<u64, (usize, DocId)>,
}

/// One article of one segment, still as ordinals.
struct SegmentArticle {
    id: u64,
    passages: usize,
    source: Option<u64>,
    date: Option<DateTime>,
    story: Option<u64>,
    language: Option<u64>,
}

/// What one segment found, with the dictionaries to resolve it.
struct SegmentFruit {
    ids: Option<StrColumn>,
    sources: Option<StrColumn>,
    stories: Option<StrColumn>,
    languages: Option<StrColumn>,
    passages: usize,
    articles: Vec<SegmentArticle>,
}

impl Collector for FactsCollector {
    type Fruit = Matches;
    type Child = SegmentFacts;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let fast = segment.fast_fields();
        Ok(SegmentFacts {
            ids: fast.str(&self.id)?,
            sources: fast.str(&self.source)?,
            dates: fast.column_opt(&self.date)?,
            stories: fast.str(&self.story)?,
            languages: fast.str(&self.language)?,
            passages: 0,
            articles: FxHashMap::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<Matches> {
        let passages = fruits.iter().map(|f| f.passages).sum();
        let mut runs = Vec::with_capacity(fruits.len());
        for fruit in fruits {
            runs.push(fruit.resolved().map_err(super::ordinals::collector_error)?);
        }
        Ok(Matches {
            passages,
            articles: merged(runs),
        })
    }
}

/// The articles of all segments by id, from each segment's articles in id order: one stable
/// sort merges the runs (it finds them ordered), and an article found in several segments
/// (its passages written by different threads) takes its facts from the first that has them.
fn merged(runs: Vec<Vec<(String, ArticleFacts)>>) -> BTreeMap<String, ArticleFacts> {
    let mut articles: Vec<(String, ArticleFacts)> = runs.into_iter().flatten().collect();
    articles.sort_by(|a, b| a.0.cmp(&b.0));
    let mut merged: Vec<(String, ArticleFacts)> = Vec::with_capacity(articles.len());
    for (id, facts) in articles {
        match merged.last_mut() {
            Some((last, kept)) if *last == id => kept.absorb(facts),
            _ => merged.push((id, facts)),
        }
    }
    merged.into_iter().collect()
}

impl SegmentFruit {
    /// The segment's articles with their strings, in id order: each column's dictionary
    /// walked once for all of them.
    fn resolved(mut self) -> Result<Vec<(String, ArticleFacts)>> {
        let Some(ids) = &self.ids else {
            return Ok(Vec::new());
        };
        self.articles.sort_unstable_by_key(|a| a.id);
        let id_ords: Vec<u64> = self.articles.iter().map(|a| a.id).collect();
        let names = super::ordinals::strings_in_order(ids, &id_ords)?;
        let sources = resolve_in(
            self.sources.as_ref(),
            self.articles.iter().filter_map(|a| a.source),
        )?;
        let stories = resolve_in(
            self.stories.as_ref(),
            self.articles.iter().filter_map(|a| a.story),
        )?;
        let languages = resolve_in(
            self.languages.as_ref(),
            self.articles.iter().filter_map(|a| a.language),
        )?;
        let string =
            |strings: &Strings, ord: Option<u64>| ord.and_then(|o| strings.get(&o)).cloned();
        Ok(names
            .into_iter()
            .zip(self.articles)
            .map(|(id, article)| {
                let facts = ArticleFacts {
                    source: string(&sources, article.source),
                    day: article.date.and_then(utc_day),
                    passages: article.passages,
                    story: string(&stories, article.story),
                    language: string(&languages, article.language),
                };
                (id, facts)
            })
            .collect())
    }
}

impl ArticleFacts {
    /// Adds what another segment knows of the same article: its matching passages, and the
    /// facts this one lacks.
    fn absorb(&mut self, other: ArticleFacts) {
        self.passages += other.passages;
        self.source = self.source.take().or(other.source);
        self.day = self.day.or(other.day);
        self.story = self.story.take().or(other.story);
        self.language = self.language.take().or(other.language);
    }
}

impl SegmentCollector for SegmentFacts {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.passages += 1;
        let Some(ord) = self.ids.as_ref().and_then(|ids| ids.term_ords(doc).next()) else {
            return;
        };
        self.articles.entry(ord).or_insert((0, doc)).0 += 1;
    }

    fn harvest(self) -> SegmentFruit {
        let articles = self
            .articles
            .into_iter()
            .map(|(id, (passages, doc))| SegmentArticle {
                id,
                passages,
                source: self.sources.as_ref().and_then(|s| s.term_ords(doc).next()),
                date: self.dates.as_ref().and_then(|d| d.first(doc)),
                story: self.stories.as_ref().and_then(|s| s.term_ords(doc).next()),
                language: self
                    .languages
                    .as_ref()
                    .and_then(|s| s.term_ords(doc).next()),
            })
            .collect();
        SegmentFruit {
            ids: self.ids,
            sources: self.sources,
            stories: self.stories,
            languages: self.languages,
            passages: self.passages,
            articles,
        }
    }
}

/// The UTC calendar day of a stored date.
pub(super) fn utc_day(date: DateTime) -> Option<Date> {
    OffsetDateTime::from_unix_timestamp(date.into_timestamp_secs())
        .ok()
        .map(|at| at.date())
}

/// The addresses of the passages `query` matches, in index order (the order the views read
/// them in).
pub(crate) fn matching_addresses(
    searcher: &Searcher,
    query: &dyn Query,
) -> Result<Vec<DocAddress>> {
    let mut addresses: Vec<DocAddress> = searcher
        .search(query, &DocSetCollector)?
        .into_iter()
        .collect();
    addresses.sort();
    Ok(addresses)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(passages: usize, source: Option<&str>, day: Option<u8>) -> ArticleFacts {
        ArticleFacts {
            source: source.map(str::to_string),
            day: day.and_then(|d| Date::from_calendar_date(2026, time::Month::March, d).ok()),
            passages,
            story: None,
            language: None,
        }
    }

    #[test]
    fn an_article_in_several_segments_sums_its_passages_and_keeps_the_first_facts_known() {
        let runs = vec![
            vec![
                ("a".to_string(), facts(1, None, Some(2))),
                ("c".to_string(), facts(2, Some("Post"), None)),
            ],
            vec![
                ("b".to_string(), facts(1, Some("Times"), None)),
                ("c".to_string(), facts(3, Some("Herald"), Some(9))),
            ],
            vec![("a".to_string(), facts(4, Some("Wire"), Some(5)))],
        ];
        let articles = merged(runs);
        let ids: Vec<&str> = articles.keys().map(String::as_str).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(articles["a"], facts(5, Some("Wire"), Some(2)));
        assert_eq!(articles["b"], facts(1, Some("Times"), None));
        assert_eq!(articles["c"], facts(5, Some("Post"), Some(9)));
        assert!(merged(Vec::new()).is_empty());
    }
}
