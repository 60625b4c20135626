//! Searching: the query language, compiling it to tantivy queries, ranking passages,
//! highlighting what matched, and the research views built on the same index reading
//! ([`views`], also reachable as `newsdex::views`).

mod batch;
mod compile;
mod evidence;
mod feedback;
mod query;
mod retrieve;
mod session;
mod snippet;
mod statistics;
mod stories;
mod suggest;
mod surface;
mod top;
pub mod views;

pub use self::batch::{parse_topics, BatchQuery, TopicsError};
pub(crate) use self::compile::Matcher;
pub(crate) use self::query::parse_plain;
pub use self::query::{parse_query, period, QueryError, QueryField, QueryNode, WordMatch};
pub use self::retrieve::{
    Highlighter, Hit, PreparedQuery, SearchOptions, SearchResults, SortOrder, Syntax, Unit,
};
pub use self::session::Session;
pub use self::snippet::{highlight, snippet, Snippet};
pub use self::stories::Version;
pub use self::suggest::Suggestion;
