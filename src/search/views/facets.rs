//! A query's matches broken down by one facet of their articles: outlet, author (from the
//! byline), year, month, or the glossary entities they mention (aliases merged).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::query::{BooleanQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{
    DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyDocument, Term,
};

use super::export::authors;
use super::matches::Matches;
use super::timeline::{Granularity, Period};
use crate::analysis::Form;
use crate::error::Result;
use crate::index::ARTICLE_ID_FIELD;
use crate::language::ENGLISH;
use crate::search::{SearchOptions, Session};

/// What the matching articles can be broken down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Facet {
    /// The outlet.
    Source,
    /// Each author the byline names (an article with two authors counts for both).
    Author,
    /// The publication year.
    Year,
    /// The publication month.
    Month,
    /// Each glossary entry (built-in, mined acronym or the user's) the article mentions in any
    /// of its forms: ISF and International Stabilisation Force are one entity.
    Entity,
    /// The article's language (ISO 639-1).
    Language,
}

impl Facet {
    /// The facet's name: `source`, `author`, `year`, `month`, `entity`.
    pub fn name(self) -> &'static str {
        match self {
            Facet::Source => "source",
            Facet::Author => "author",
            Facet::Year => "year",
            Facet::Month => "month",
            Facet::Entity => "entity",
            Facet::Language => "language",
        }
    }
}

/// The matches of one value of a facet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCount {
    /// The value (an outlet, an author, `2026`, `2026-01`, an entity's name); `None` for the
    /// articles that have none (no source, no byline, no date).
    pub value: Option<String>,
    /// The matching passages of its articles.
    pub passages: usize,
    /// Its matching articles.
    pub articles: usize,
    /// The stories of those articles.
    pub stories: usize,
}

/// A facet's table: one row per value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCounts {
    /// The facet.
    pub facet: Facet,
    /// Most articles first (years and months in order); the articles without a value last.
    pub rows: Vec<FacetCount>,
}

impl Session<'_> {
    /// Breaks `matches` (of a query read with `options`) down by `facet`.
    pub fn facet(
        &self,
        matches: &Matches,
        facet: Facet,
        options: &SearchOptions,
    ) -> Result<FacetCounts> {
        self.index.guarded(|| {
            let values: Vec<Vec<Option<String>>> = match facet {
                Facet::Source => matches
                    .articles
                    .values()
                    .map(|f| vec![f.source.clone()])
                    .collect(),
                Facet::Year | Facet::Month => {
                    let by = if facet == Facet::Year {
                        Granularity::Year
                    } else {
                        Granularity::Month
                    };
                    matches
                        .articles
                        .values()
                        .map(|f| vec![f.day.map(|d| Period::of(d, by).to_string())])
                        .collect()
                }
                Facet::Language => matches
                    .articles
                    .values()
                    .map(|f| {
                        vec![Some(
                            f.language.as_deref().unwrap_or(ENGLISH.code).to_string(),
                        )]
                    })
                    .collect(),
                Facet::Author => self.authors(matches)?,
                Facet::Entity => self.entities(matches, options)?,
            };
            let chronological = matches!(facet, Facet::Year | Facet::Month);
            Ok(FacetCounts {
                facet,
                rows: tabulate(matches, &values, chronological),
            })
        })
    }

    /// The authors of each matching article, read from the byline of one of its passages.
    fn authors(&self, matches: &Matches) -> Result<Vec<Vec<Option<String>>>> {
        let searcher = self.index.searcher()?;
        let fields = *self.index.fields();
        let mut out = Vec::with_capacity(matches.articles.len());
        for id in matches.articles.keys() {
            let Some(address) = first_passage(&searcher, fields.article_id, id)? else {
                out.push(vec![None]);
                continue;
            };
            let doc: TantivyDocument = searcher.doc(address)?;
            let names = doc
                .get_first(fields.byline)
                .and_then(|v| v.as_str())
                .map(authors)
                .unwrap_or_default();
            if names.is_empty() {
                out.push(vec![None]);
            } else {
                out.push(names.into_iter().map(Some).collect());
            }
        }
        Ok(out)
    }

    /// The glossary entities each matching article mentions anywhere in its text or title. One
    /// search per entity over the whole index, whose hits are kept only when their article is
    /// one of the matches (looked up by the ordinal of its id in each segment).
    fn entities(
        &self,
        matches: &Matches,
        options: &SearchOptions,
    ) -> Result<Vec<Vec<Option<String>>>> {
        let searcher = self.index.searcher()?;
        let fields = *self.index.fields();
        let mut ordinals: Vec<Arc<HashMap<u64, usize>>> = Vec::new();
        for segment in searcher.segment_readers() {
            let map = match segment.fast_fields().str(ARTICLE_ID_FIELD)? {
                Some(ids) => {
                    super::ordinals::ordinals_of(&ids, matches.articles.keys().map(String::as_str))?
                }
                None => HashMap::new(),
            };
            ordinals.push(Arc::new(map));
        }
        let expander = match self.expander_for(options, None)? {
            Some(expander) => expander,
            None => std::borrow::Cow::Borrowed(self.index.expander()?),
        };
        let mut out = vec![Vec::new(); matches.articles.len()];
        for (name, forms) in expander.entries() {
            let mentions = BooleanQuery::new(
                forms
                    .iter()
                    .flat_map(|form| {
                        [
                            form_query(fields.text, form),
                            form_query(fields.title, form),
                        ]
                    })
                    .map(|q| (Occur::Should, q))
                    .collect(),
            );
            let collector = MentionCollector {
                ordinals: &ordinals,
            };
            for i in searcher.search(&mentions, &collector)? {
                out[i].push(Some(name.to_string()));
            }
        }
        Ok(out)
    }
}

/// The first live document of an article (any of its passages).
fn first_passage(
    searcher: &Searcher,
    field: tantivy::schema::Field,
    id: &str,
) -> Result<Option<DocAddress>> {
    let term = Term::from_field_text(field, id);
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let inverted = segment.inverted_index(field)?;
        let Some(mut postings) = inverted
            .read_postings(&term, IndexRecordOption::Basic)
            .map_err(tantivy::TantivyError::from)?
        else {
            continue;
        };
        let mut doc = tantivy::DocSet::doc(&postings);
        while doc != tantivy::TERMINATED {
            if segment
                .alive_bitset()
                .is_none_or(|alive| alive.is_alive(doc))
            {
                let ord = u32::try_from(ord).unwrap_or(u32::MAX);
                return Ok(Some(DocAddress::new(ord, doc)));
            }
            doc = tantivy::DocSet::advance(&mut postings);
        }
    }
    Ok(None)
}

/// A form of an entity in one field: its term, or its terms as a phrase.
fn form_query(field: tantivy::schema::Field, form: &Form) -> Box<dyn Query> {
    match form.terms.as_slice() {
        [term] => Box::new(TermQuery::new(
            Term::from_field_text(field, term),
            IndexRecordOption::Basic,
        )),
        terms => Box::new(PhraseQuery::new(
            terms
                .iter()
                .map(|t| Term::from_field_text(field, t))
                .collect(),
        )),
    }
}

/// The matching articles (by their index in the matches) that hold a hit.
struct MentionCollector<'a> {
    /// Per segment: article-id ordinal -> index of the article among the matches.
    ordinals: &'a [Arc<HashMap<u64, usize>>],
}

struct SegmentMentions {
    ids: Option<StrColumn>,
    ordinals: Option<Arc<HashMap<u64, usize>>>,
    found: HashSet<usize>,
}

impl Collector for MentionCollector<'_> {
    type Fruit = HashSet<usize>;
    type Child = SegmentMentions;

    fn for_segment(
        &self,
        segment_ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(SegmentMentions {
            ids: segment.fast_fields().str(ARTICLE_ID_FIELD)?,
            ordinals: self.ordinals.get(segment_ord as usize).cloned(),
            found: HashSet::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<HashSet<usize>>) -> tantivy::Result<HashSet<usize>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentMentions {
    type Fruit = HashSet<usize>;

    fn collect(&mut self, doc: DocId, _: Score) {
        let (Some(ids), Some(ordinals)) = (&self.ids, &self.ordinals) else {
            return;
        };
        if let Some(&i) = ids.term_ords(doc).next().and_then(|ord| ordinals.get(&ord)) {
            self.found.insert(i);
        }
    }

    fn harvest(self) -> HashSet<usize> {
        self.found
    }
}

/// One row per value: the articles holding it, their matching passages and stories. `values`
/// is aligned with the matches' articles (in id order).
fn tabulate(
    matches: &Matches,
    values: &[Vec<Option<String>>],
    chronological: bool,
) -> Vec<FacetCount> {
    let mut per_value: BTreeMap<Option<&str>, (usize, usize, HashSet<&str>)> = BTreeMap::new();
    for ((id, facts), values) in matches.articles.iter().zip(values) {
        let story = facts.story.as_deref().unwrap_or(id);
        let distinct: HashSet<Option<&str>> = values.iter().map(Option::as_deref).collect();
        for value in distinct {
            let entry = per_value.entry(value).or_default();
            entry.0 += facts.passages;
            entry.1 += 1;
            entry.2.insert(story);
        }
    }
    let mut rows: Vec<FacetCount> = per_value
        .into_iter()
        .map(|(value, (passages, articles, stories))| FacetCount {
            value: value.map(str::to_string),
            passages,
            articles,
            stories: stories.len(),
        })
        .collect();
    if chronological {
        rows.sort_by(|a, b| (a.value.is_none(), &a.value).cmp(&(b.value.is_none(), &b.value)));
    } else {
        sort_by_articles(&mut rows);
    }
    rows
}

/// Orders rows as `count --by` shows them: most articles first, then most passages, then by
/// value; the articles without a value last.
pub(crate) fn sort_by_articles(rows: &mut [FacetCount]) {
    rows.sort_by(|a, b| {
        (a.value.is_none(), b.articles, b.passages, &a.value).cmp(&(
            b.value.is_none(),
            a.articles,
            a.passages,
            &b.value,
        ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::ArticleFacts;

    fn matches() -> Matches {
        let mut matches = Matches::default();
        for (id, passages, story) in [("a", 1, "a"), ("b", 2, "b"), ("c", 3, "a")] {
            matches.articles.insert(
                id.to_string(),
                ArticleFacts {
                    passages,
                    story: Some(story.to_string()),
                    ..ArticleFacts::default()
                },
            );
        }
        matches
    }

    fn some(values: &[&str]) -> Vec<Option<String>> {
        values.iter().map(|v| Some(v.to_string())).collect()
    }

    #[test]
    fn several_values_of_one_article_count_it_once_each() {
        let values = [
            some(&["Ann Lee", "Bob Stone", "Ann Lee"]),
            some(&["Bob Stone"]),
            vec![None],
        ];
        let rows = tabulate(&matches(), &values, false);
        let table: Vec<(Option<&str>, usize, usize, usize)> = rows
            .iter()
            .map(|r| (r.value.as_deref(), r.passages, r.articles, r.stories))
            .collect();
        assert_eq!(
            table,
            [
                (Some("Bob Stone"), 3, 2, 2),
                (Some("Ann Lee"), 1, 1, 1),
                (None, 3, 1, 1)
            ]
        );
    }

    #[test]
    fn periods_stay_in_order_with_the_undated_last() {
        let values = [some(&["2026"]), vec![None], some(&["2025"])];
        let rows = tabulate(&matches(), &values, true);
        let order: Vec<Option<&str>> = rows.iter().map(|r| r.value.as_deref()).collect();
        assert_eq!(order, [Some("2025"), Some("2026"), None]);
    }

    #[test]
    fn an_article_without_entities_is_in_no_row() {
        let values = [some(&["ISF"]), Vec::new(), some(&["ISF", "OIC"])];
        let rows = tabulate(&matches(), &values, false);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].articles, rows[0].stories),
            (2, 1),
            "a and c are one story"
        );
    }
}
