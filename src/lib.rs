//! newsdex: full-text search for news corpora.
//!
//! Article files (plain text, Markdown, HTML, JSON, JSON Lines, CSV/TSV, TREC and Reuters SGML,
//! any of them gzipped) are read in parallel, cleaned of boilerplate, cut into passages and
//! indexed with tantivy; queries rank passages with BM25 over passage text and
//! title, and come back with the words that matched highlighted.
//!
//! ```no_run
//! use std::path::{Path, PathBuf};
//! use newsdex::{index_inputs, IndexOptions, NewsIndex, SearchOptions, Session};
//!
//! # fn main() -> newsdex::Result<()> {
//! let report = index_inputs(Path::new("index"), &[PathBuf::from("corpus")], &IndexOptions::default(), &())?;
//! println!("{} articles, {} passages", report.articles(), report.passages);
//! let index = NewsIndex::open(Path::new("index"))?;
//! for hit in Session::new(&index).search("stabilisation force", &SearchOptions::default())?.hits {
//!     println!("{} {} {}", hit.rank, hit.title, hit.snippet.text);
//! }
//! # Ok(())
//! # }
//! ```
#![warn(missing_docs)]
#![deny(unsafe_code)]
// The library never prints: it returns values and errors, and the caller renders them.
#![cfg_attr(not(test), deny(clippy::print_stdout, clippy::print_stderr))]

pub mod analysis;
pub mod date;
pub mod engine;
mod error;
pub mod eval;
pub mod index;
pub mod ingest;
pub mod language;
pub mod model;
pub mod output;
pub mod search;
pub mod segment;
pub mod serve;
pub mod skip;
pub mod watch;
pub use crate::search::views;

pub use crate::date::{DateOrder, NewsDate};
pub use crate::error::{Error, Left, Result};
pub use crate::index::{index_inputs, IndexOptions, IndexReport, NewsIndex};
pub use crate::model::{Article, Passage};
pub use crate::search::{Hit, SearchOptions, SearchResults, Session};
