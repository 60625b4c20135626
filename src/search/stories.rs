//! Folding the versions of a story into one hit: which version a page shows (the first one met
//! in rank order, that is the best-scoring, so the best passage), and the list of the others.

use std::collections::{BTreeMap, HashMap};

use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, TantivyDocument};
use tantivy::{DocAddress, DocId, Searcher, Term};

use super::retrieve::Hit;
use crate::error::Result;
use crate::index::stored_text;
use crate::model::Article;
use crate::search::views::ordinals::strings_of;
use crate::search::Session;

/// Documents by segment ordinal.
type FirstPassages = BTreeMap<u32, Vec<DocId>>;

/// Another version of a hit's story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// The article's id.
    pub article_id: String,
    /// Its outlet.
    pub source: Option<String>,
    /// Its date, ISO 8601 as precise as the source states it.
    pub date: Option<String>,
    /// Its headline; `None` in the versions folded into a search hit, which lists them by
    /// outlet and date ([`Session::story_versions`] gives every headline).
    pub title: Option<String>,
    /// The article it is an exact copy of.
    copy_of: Option<String>,
    /// Its date in Unix seconds, to order versions.
    when: Option<i64>,
    /// Its first passage, which holds its headline.
    first_passage: DocAddress,
}

impl Version {
    /// The article this version's text first appeared in (itself, unless it is an exact copy).
    fn original(&self) -> &str {
        self.copy_of.as_deref().unwrap_or(&self.article_id)
    }
}

/// The version of each story that a page shows: the first met.
#[derive(Debug, Default)]
pub(super) struct BestVersions {
    shown: HashMap<String, String>,
}

impl BestVersions {
    /// Whether a passage of `article`, of story `story`, may be shown: it may when no other
    /// version of the story was met before it.
    pub(super) fn shows(&mut self, story: &str, article: &str) -> bool {
        match self.shown.get(story) {
            Some(shown) => shown == article,
            None => {
                self.shown.insert(story.to_string(), article.to_string());
                true
            }
        }
    }
}

impl Session<'_> {
    /// Lists on each hit the other versions of its story (earliest first) and counts the exact
    /// copies among them.
    pub(super) fn fold_versions(&self, searcher: &Searcher, hits: &mut [Hit]) -> Result<()> {
        let mut known: HashMap<String, Vec<Version>> = HashMap::new();
        for hit in hits {
            if !known.contains_key(&hit.story) {
                let firsts = self.first_passages(searcher, &hit.story)?;
                // A story of one article (the hit's) has no other version to list.
                let versions = if firsts.values().map(Vec::len).sum::<usize>() > 1 {
                    self.versions_at(searcher, firsts)?
                } else {
                    Vec::new()
                };
                known.insert(hit.story.clone(), versions);
            }
            let all = known.get(&hit.story).map_or(&[][..], Vec::as_slice);
            let original = hit.copy_of.as_deref().unwrap_or(&hit.article_id);
            hit.versions = all
                .iter()
                .filter(|v| v.article_id != hit.article_id)
                .cloned()
                .collect();
            hit.copies = hit
                .versions
                .iter()
                .filter(|v| v.original() == original)
                .count();
        }
        Ok(())
    }

    /// The other versions of `article`'s story (the article itself left out), earliest first.
    pub fn other_versions(&self, article: &Article) -> Result<Vec<Version>> {
        let story = article.story.as_deref().unwrap_or(&article.id);
        Ok(self
            .story_versions(story)?
            .into_iter()
            .filter(|v| v.article_id != article.id)
            .collect())
    }

    /// Every article of a story, earliest first (undated last, then by id); none when the index
    /// holds no article of that story.
    pub fn story_versions(&self, story: &str) -> Result<Vec<Version>> {
        self.index.guarded(|| {
            let searcher = self.index.searcher()?;
            let firsts = self.first_passages(&searcher, story)?;
            let mut versions = self.versions_at(&searcher, firsts)?;
            for version in &mut versions {
                version.title = Some(self.headline(&searcher, version)?);
            }
            Ok(versions)
        })
    }

    /// The headline of a story's earliest version (as [`Session::story_versions`] orders them);
    /// `None` when the index holds no article of that story.
    pub(crate) fn story_headline(&self, story: &str) -> Result<Option<String>> {
        self.index.guarded(|| {
            let searcher = self.index.searcher()?;
            let firsts = self.first_passages(&searcher, story)?;
            match self.versions_at(&searcher, firsts)?.first() {
                Some(first) => Ok(Some(self.headline(&searcher, first)?)),
                None => Ok(None),
            }
        })
    }

    /// A version's headline, read from its first passage.
    fn headline(&self, searcher: &Searcher, version: &Version) -> Result<String> {
        let stored: TantivyDocument = searcher.doc(version.first_passage)?;
        Ok(stored_text(&stored, self.index.fields().title).unwrap_or_default())
    }

    /// The first passage of each article of a story, by segment.
    fn first_passages(&self, searcher: &Searcher, story: &str) -> Result<FirstPassages> {
        let term = Term::from_field_text(self.index.fields().story, story);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let mut firsts = FirstPassages::new();
        for address in searcher.search(&query, &DocSetCollector)? {
            let segment = searcher.segment_reader(address.segment_ord);
            if self.index.columns(segment).passage_of(address.doc_id) == 0 {
                firsts
                    .entry(address.segment_ord)
                    .or_default()
                    .push(address.doc_id);
            }
        }
        Ok(firsts)
    }

    /// The articles of the first passages `firsts`, earliest first (undated last, then by id):
    /// ids, outlets, dates and originals from the columns; no headlines.
    fn versions_at(&self, searcher: &Searcher, firsts: FirstPassages) -> Result<Vec<Version>> {
        let mut versions = Vec::new();
        for (segment_ord, docs) in firsts {
            let columns = self.index.columns(searcher.segment_reader(segment_ord));
            let ids = strings_of(columns.article()?, &docs)?;
            let sources = strings_of(columns.source()?, &docs)?;
            let dates = strings_of(columns.date_text()?, &docs)?;
            let copies = strings_of(columns.copy_of()?, &docs)?;
            let when = columns.date();
            for (i, &doc) in docs.iter().enumerate() {
                versions.push(Version {
                    article_id: ids[i].clone().unwrap_or_default(),
                    source: sources[i].clone(),
                    date: dates[i].clone(),
                    title: None,
                    copy_of: copies[i].clone(),
                    when: when
                        .as_ref()
                        .and_then(|c| c.first(doc))
                        .map(|d| d.into_timestamp_secs()),
                    first_passage: DocAddress::new(segment_ord, doc),
                });
            }
        }
        versions.sort_by(|a, b| {
            (a.when.unwrap_or(i64::MAX), &a.article_id)
                .cmp(&(b.when.unwrap_or(i64::MAX), &b.article_id))
        });
        versions.dedup_by(|a, b| a.article_id == b.article_id);
        Ok(versions)
    }
}
