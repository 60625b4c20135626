//! Folding the versions of a story into one hit: which version a page shows (the first one met
//! in rank order, that is the best-scoring, so the best passage), and the list of the others.

use std::collections::HashMap;

use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, TantivyDocument, Value};
use tantivy::{Searcher, Term};

use super::retrieve::Hit;
use crate::error::Result;
use crate::model::Article;
use crate::search::Session;

/// Another version of a hit's story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// The article's id.
    pub article_id: String,
    /// Its outlet.
    pub source: Option<String>,
    /// Its date, ISO 8601 as precise as the source states it.
    pub date: Option<String>,
    /// Its headline.
    pub title: String,
    /// The article it is an exact copy of.
    copy_of: Option<String>,
    /// Its date in Unix seconds, to order versions.
    when: Option<i64>,
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
                let versions = self.versions(searcher, &hit.story)?;
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
        self.index
            .guarded(|| self.versions(&self.index.searcher()?, story))
    }

    /// Every article of a story, earliest first (undated last, then by id).
    fn versions(&self, searcher: &Searcher, story: &str) -> Result<Vec<Version>> {
        let term = Term::from_field_text(self.index.fields().story, story);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let mut versions = Vec::new();
        for address in searcher.search(&query, &DocSetCollector)? {
            let segment = searcher.segment_reader(address.segment_ord);
            if self.index.columns(segment).passage_of(address.doc_id) != 0 {
                continue;
            }
            let doc: TantivyDocument = searcher.doc(address)?;
            let text = |field| crate::index::stored_text(&doc, field);
            versions.push(Version {
                article_id: text(self.index.fields().article_id).unwrap_or_default(),
                source: text(self.index.fields().source),
                date: text(self.index.fields().date_text),
                title: text(self.index.fields().title).unwrap_or_default(),
                copy_of: text(self.index.fields().copy_of),
                when: doc
                    .get_first(self.index.fields().date)
                    .and_then(|v| v.as_datetime())
                    .map(|d| d.into_timestamp_secs()),
            });
        }
        versions.sort_by(|a, b| {
            (a.when.unwrap_or(i64::MAX), &a.article_id)
                .cmp(&(b.when.unwrap_or(i64::MAX), &b.article_id))
        });
        versions.dedup_by(|a, b| a.article_id == b.article_id);
        Ok(versions)
    }
}
