//! Research views of an index, beside ranked search: a whole article rebuilt from its passages,
//! every article for export, figures about the index, match counts per source, timelines of
//! matching articles and keyword-in-context concordances.
//!
//! Each view returns plain values and never prints; [`crate::output`] renders them.
//!
//! ```no_run
//! use std::path::Path;
//! use newsdex::views::Granularity;
//! use newsdex::{NewsIndex, SearchOptions, Session};
//!
//! # fn main() -> newsdex::Result<()> {
//! let index = NewsIndex::open(Path::new("index"))?;
//! let queries = ["ISF".to_string(), "OIC".to_string()];
//! let timeline = Session::new(&index).timeline(&queries, &SearchOptions::default(), Granularity::Month)?;
//! for (i, period) in timeline.periods.iter().enumerate() {
//!     let counts: Vec<usize> = timeline.series.iter().map(|s| s.counts[i]).collect();
//!     println!("{period} {counts:?}");
//! }
//! # Ok(())
//! # }
//! ```

mod article;
mod count;
mod diff;
mod export;
mod kwic;
mod matches;
mod spread;
mod stats;
mod timeline;

pub use self::count::{LanguageMatches, MatchCount, SourceMatches};
pub use self::diff::{diff, ParagraphChange};
pub use self::export::{authors, ArticleStream};
pub use self::kwic::{Concordance, KwicLine, KwicOptions, KwicSort};
pub use self::matches::{ArticleFacts, Matches};
pub use self::spread::{Spread, StorySpread};
pub use self::stats::{IndexStats, SourceCount};
pub use self::timeline::{Granularity, Period, Series, Timeline};
