//! Searching: the query language, compiling it to tantivy queries, ranking passages, and
//! highlighting what matched.

mod compile;
mod query;
mod retrieve;
mod snippet;

pub use self::compile::{Matcher, TITLE_BOOST};
pub use self::query::{parse_query, QueryError, QueryField, QueryNode};
pub use self::retrieve::{Hit, SearchOptions, SearchResults};
pub use self::snippet::{highlight, snippet, Snippet, SNIPPET_CHARS};
