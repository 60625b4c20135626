//! Which articles a query matches, read from the fast fields (article id, source, date) of the
//! matching passages, without loading a stored document.

use std::collections::{BTreeMap, HashMap};

use tantivy::collector::{Collector, DocSetCollector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::Query;
use tantivy::{DateTime, DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};
use time::{Date, OffsetDateTime};

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
    articles: HashMap<u64, (usize, DocId)>,
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
            articles: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<Matches> {
        let mut matches = Matches::default();
        let resolved = |column: &Option<StrColumn>, ords: Vec<u64>| match column {
            Some(column) => {
                super::ordinals::resolve(column, ords).map_err(super::ordinals::collector_error)
            }
            None => Ok(HashMap::new()),
        };
        for fruit in fruits {
            matches.passages += fruit.passages;
            // Ordinals are resolved in bulk: one decoded dictionary block for many articles.
            let ids = resolved(&fruit.ids, fruit.articles.iter().map(|a| a.id).collect())?;
            let sources = resolved(
                &fruit.sources,
                fruit.articles.iter().filter_map(|a| a.source).collect(),
            )?;
            let stories = resolved(
                &fruit.stories,
                fruit.articles.iter().filter_map(|a| a.story).collect(),
            )?;
            let languages = resolved(
                &fruit.languages,
                fruit.articles.iter().filter_map(|a| a.language).collect(),
            )?;
            for article in fruit.articles {
                let Some(id) = ids.get(&article.id) else {
                    continue;
                };
                let facts = matches.articles.entry(id.clone()).or_default();
                facts.passages += article.passages;
                if facts.source.is_none() {
                    facts.source = article.source.and_then(|o| sources.get(&o)).cloned();
                }
                if facts.story.is_none() {
                    facts.story = article.story.and_then(|o| stories.get(&o)).cloned();
                }
                if facts.language.is_none() {
                    facts.language = article.language.and_then(|o| languages.get(&o)).cloned();
                }
                if facts.day.is_none() {
                    facts.day = article.date.and_then(utc_day);
                }
            }
        }
        Ok(matches)
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
