//! The engine boundary: what searching needs from an index, answered by the local tantivy index
//! ([`crate::Session`]) or by a cluster of Sphinx 2.2 / Manticore nodes ([`Sphinx`]) holding
//! passages newsdex analysed itself.

mod article;
pub mod config;
mod groups;
mod idf;
mod mysql;
pub mod passages;
mod sphinx;
mod sphinxql;
mod xmlpipe;

pub use self::sphinx::{Sphinx, ENGINE_SCHEME};
pub use self::sphinxql::{sphinx_term, translate, Translated};
pub use self::xmlpipe::XmlPipe;

use crate::model::Article;
use crate::search::{SearchOptions, SearchResults};
use crate::views::{Facet, FacetCounts, Granularity, Timeline};
use crate::{Result, Session};

/// Ranked passages, with what went wrong on the way without stopping the search.
#[derive(Debug, Clone)]
pub struct Searched {
    /// The results.
    pub results: SearchResults,
    /// Nodes that did not answer, each named (empty locally).
    pub warnings: Vec<String>,
}

/// Passages and articles a query matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    /// Matching passages.
    pub passages: usize,
    /// Articles with at least one matching passage.
    pub articles: usize,
    /// Nodes that did not answer, each named (empty locally).
    pub warnings: Vec<String>,
}

/// A view's answer, with what went wrong on the way without stopping it.
#[derive(Debug, Clone)]
pub struct Answered<T> {
    /// The answer.
    pub value: T,
    /// Nodes that did not answer, each named (empty locally).
    pub warnings: Vec<String>,
}

/// What search and the views need from an index: the top passages of a query with their stored
/// fields and highlights, counts of what matches (in all, per period, per facet value), and an
/// article's passages.
pub trait Engine {
    /// The page of hits of `query` that `options` asks for.
    fn search(&self, query: &str, options: &SearchOptions) -> Result<Searched>;
    /// The passages and articles matching `query` (every word, within the options' dates).
    fn count(&self, query: &str, options: &SearchOptions) -> Result<Counted>;
    /// The articles each query matches per period (every word, within the options' dates).
    fn timeline(
        &self,
        queries: &[String],
        options: &SearchOptions,
        by: Granularity,
    ) -> Result<Answered<Timeline>>;
    /// The passages and articles `query` matches per value of `facet`.
    fn facet(
        &self,
        query: &str,
        options: &SearchOptions,
        facet: Facet,
    ) -> Result<Answered<FacetCounts>>;
    /// The article with this id, else the one read from this path, rebuilt from its passages.
    fn article(&self, id_or_path: &str) -> Result<Answered<Option<Article>>>;
}

/// A local answer: nothing to warn about.
fn local<T>(value: T) -> Answered<T> {
    Answered {
        value,
        warnings: Vec::new(),
    }
}

impl Engine for Session<'_> {
    fn search(&self, query: &str, options: &SearchOptions) -> Result<Searched> {
        Ok(Searched {
            results: Session::search(self, query, options)?,
            warnings: Vec::new(),
        })
    }

    fn count(&self, query: &str, options: &SearchOptions) -> Result<Counted> {
        let prepared = self.prepare(query, options)?;
        let count = crate::views::MatchCount::of(&self.matches(&prepared)?);
        Ok(Counted {
            passages: count.passages,
            articles: count.articles,
            warnings: Vec::new(),
        })
    }

    fn timeline(
        &self,
        queries: &[String],
        options: &SearchOptions,
        by: Granularity,
    ) -> Result<Answered<Timeline>> {
        Session::timeline(self, queries, options, by).map(local)
    }

    fn facet(
        &self,
        query: &str,
        options: &SearchOptions,
        facet: Facet,
    ) -> Result<Answered<FacetCounts>> {
        let prepared = self.prepare(query, options)?;
        let matches = self.matches(&prepared)?;
        Session::facet(self, &matches, facet, options).map(local)
    }

    fn article(&self, id_or_path: &str) -> Result<Answered<Option<Article>>> {
        self.article_by_id_or_path(id_or_path).map(local)
    }
}
