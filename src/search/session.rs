//! A search session: searching and the research views over one open index.

use crate::index::NewsIndex;

/// Searching and the research views over an open [`NewsIndex`]: ranked search
/// ([`Session::search`]), batches, and the views of [`crate::views`] (articles, export,
/// figures, counts, timelines, concordances, stories). The index keeps opening, its searcher and
/// the files beside it; a session reads through them.
///
/// ```no_run
/// use std::path::Path;
/// use newsdex::{NewsIndex, SearchOptions, Session};
///
/// # fn main() -> newsdex::Result<()> {
/// let index = NewsIndex::open(Path::new("index"))?;
/// let session = Session::new(&index);
/// let results = session.search("stabilisation force", &SearchOptions::default())?;
/// println!("{} passages", results.total_hits);
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Copy)]
pub struct Session<'a> {
    pub(crate) index: &'a NewsIndex,
}

impl<'a> Session<'a> {
    /// A session over `index`.
    pub fn new(index: &'a NewsIndex) -> Session<'a> {
        Session { index }
    }

    /// The index searched.
    pub fn index(&self) -> &'a NewsIndex {
        self.index
    }
}
