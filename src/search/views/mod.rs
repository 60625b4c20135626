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
mod census;
mod collocates;
mod count;
mod diff;
mod export;
mod facets;
mod keyness;
mod kwic;
mod matches;
pub(crate) mod ordinals;
mod spread;
mod stats;
mod timeline;
mod totals;

pub(crate) use self::article::rebuild_body;
pub use self::collocates::{Collocate, CollocateOptions, Collocates, Example};
pub use self::count::{MatchCount, SourceMatches};
pub use self::diff::{diff, ParagraphChange};
pub use self::export::{authors, ArticleStream};
pub(crate) use self::facets::sort_by_articles;
pub use self::facets::{Facet, FacetCount, FacetCounts};
pub use self::keyness::{log_likelihood, KeyTerm, KeyTerms};
pub use self::kwic::{Concordance, KwicLine, KwicOptions, KwicSort};
pub use self::matches::{ArticleFacts, Matches};
pub use self::spread::{Spread, StorySpread};
pub use self::stats::{IndexStats, SourceCount};
pub use self::timeline::{Granularity, Period, Series, Timeline};
pub use self::totals::DayTotals;
