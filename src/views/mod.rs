//! Research views of an index, beside ranked search: a whole article rebuilt from its passages,
//! every article for export, figures about the index and match counts per source.
//!
//! Each view returns plain values and never prints; the command line renders them.

mod article;
mod count;
mod export;
mod matches;
mod stats;

pub use self::count::{MatchCount, SourceMatches};
pub use self::export::{authors, ArticleStream};
pub use self::matches::{ArticleFacts, Matches};
pub use self::stats::{IndexStats, SourceCount};
