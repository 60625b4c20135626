//! The articles a query matches, each with only what `stats` counts (outlet, language, day),
//! read from the fast fields: outlets and languages are kept as small numbers into a shared
//! list instead of a string per article, which matters on an index of a million articles.

use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::Query;
use tantivy::{DateTime, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};
use time::Date;

use super::matches::utc_day;
use crate::error::Result;
use crate::index::{ARTICLE_ID_FIELD, DATE_FIELD};
use crate::search::views::ordinals::{collector_error, resolve_in};

/// One article, as `stats` counts it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Counted {
    /// Its outlet, as an index into [`Census::names`].
    pub source: Option<u32>,
    /// Its language, as an index into [`Census::names`].
    pub language: Option<u32>,
    /// Its publication day (UTC).
    pub day: Option<Date>,
}

/// The matching passages and articles.
#[derive(Debug, Default)]
pub(crate) struct Census {
    /// Matching passages.
    pub passages: usize,
    /// Matching articles by id.
    pub articles: FxHashMap<String, Counted>,
    /// The outlets and languages the articles refer to.
    pub names: Vec<String>,
}

/// Counts the passages and articles `query` matches (the first segment giving an article's
/// outlet, language or day wins, as in [`crate::search::views::matches`]).
pub(crate) fn census(
    searcher: &Searcher,
    query: &dyn Query,
    source: &str,
    language: &str,
) -> Result<Census> {
    let collector = CensusCollector {
        source: source.to_string(),
        language: language.to_string(),
    };
    Ok(searcher.search(query, &collector)?)
}

struct CensusCollector {
    source: String,
    language: String,
}

struct SegmentCensus {
    ids: Option<StrColumn>,
    sources: Option<StrColumn>,
    languages: Option<StrColumn>,
    dates: Option<Column<DateTime>>,
    passages: usize,
    /// Article id ordinal -> one of its documents.
    articles: FxHashMap<u64, DocId>,
}

/// One article of a segment: id ordinal, outlet ordinal, language ordinal, date.
type SegmentArticle = (u64, Option<u64>, Option<u64>, Option<DateTime>);

struct SegmentCount {
    ids: Option<StrColumn>,
    sources: Option<StrColumn>,
    languages: Option<StrColumn>,
    passages: usize,
    articles: Vec<SegmentArticle>,
}

impl SegmentCollector for SegmentCensus {
    type Fruit = SegmentCount;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.passages += 1;
        if let Some(ord) = self.ids.as_ref().and_then(|ids| ids.term_ords(doc).next()) {
            self.articles.entry(ord).or_insert(doc);
        }
    }

    fn harvest(self) -> SegmentCount {
        let ord = |column: &Option<StrColumn>, doc| {
            column
                .as_ref()
                .and_then(|c: &StrColumn| c.term_ords(doc).next())
        };
        let articles = self
            .articles
            .iter()
            .map(|(&id, &doc)| {
                (
                    id,
                    ord(&self.sources, doc),
                    ord(&self.languages, doc),
                    self.dates.as_ref().and_then(|d| d.first(doc)),
                )
            })
            .collect();
        SegmentCount {
            ids: self.ids,
            sources: self.sources,
            languages: self.languages,
            passages: self.passages,
            articles,
        }
    }
}

impl Collector for CensusCollector {
    type Fruit = Census;
    type Child = SegmentCensus;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let fast = segment.fast_fields();
        Ok(SegmentCensus {
            ids: fast.str(ARTICLE_ID_FIELD)?,
            sources: fast.str(&self.source)?,
            languages: fast.str(&self.language)?,
            dates: fast.column_opt(DATE_FIELD)?,
            passages: 0,
            articles: FxHashMap::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentCount>) -> tantivy::Result<Census> {
        let mut census = Census::default();
        let mut numbers: FxHashMap<String, u32> = FxHashMap::default();
        for fruit in fruits {
            census.passages += fruit.passages;
            // A segment's outlets and languages, as numbers into the shared list.
            let mut number = |column: &Option<StrColumn>, ords: Vec<u64>| {
                let names = resolve_in(column.as_ref(), ords).map_err(collector_error)?;
                let numbered: FxHashMap<u64, u32> = names
                    .into_iter()
                    .map(|(ord, name)| {
                        let next = u32::try_from(census.names.len()).unwrap_or(u32::MAX);
                        let n = *numbers.entry(name.clone()).or_insert_with(|| {
                            census.names.push(name);
                            next
                        });
                        (ord, n)
                    })
                    .collect();
                tantivy::Result::Ok(numbered)
            };
            let sources = number(
                &fruit.sources,
                fruit.articles.iter().filter_map(|a| a.1).collect(),
            )?;
            let languages = number(
                &fruit.languages,
                fruit.articles.iter().filter_map(|a| a.2).collect(),
            )?;
            let mut ids = resolve_in(fruit.ids.as_ref(), fruit.articles.iter().map(|a| a.0))
                .map_err(collector_error)?;
            for (id, source, language, date) in fruit.articles {
                let Some(id) = ids.remove(&id) else {
                    continue;
                };
                let counted = census.articles.entry(id).or_default();
                if counted.source.is_none() {
                    counted.source = source.and_then(|o| sources.get(&o)).copied();
                }
                if counted.language.is_none() {
                    counted.language = language.and_then(|o| languages.get(&o)).copied();
                }
                if counted.day.is_none() {
                    counted.day = date.and_then(utc_day);
                }
            }
        }
        Ok(census)
    }
}
