//! The engine boundary: what searching needs from an index, answered by the local tantivy index
//! ([`crate::Session`]) or by a cluster of Sphinx 2.2 / Manticore nodes ([`Sphinx`]) holding
//! passages newsdex analysed itself.

pub mod config;
mod mysql;
mod sphinx;
mod sphinxql;

pub use self::sphinx::{Sphinx, ENGINE_SCHEME};
pub use self::sphinxql::{sphinx_term, translate, Translated};

use crate::search::{SearchOptions, SearchResults};
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

/// What search and count need from an index: the top passages of a query with their stored
/// fields and highlights, and counts of what matches.
pub trait Engine {
    /// The page of hits of `query` that `options` asks for.
    fn search(&self, query: &str, options: &SearchOptions) -> Result<Searched>;
    /// The passages and articles matching `query` (every word, within the options' dates).
    fn count(&self, query: &str, options: &SearchOptions) -> Result<Counted>;
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
}
