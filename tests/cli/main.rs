//! Behaviour of the `newsdex` binary, tested through its command line.

mod batch;
mod conventions;
mod errors;
mod formats;
mod hostile;
mod incremental;
mod index;
mod kwic;
mod languages;
mod query;
mod regression;
mod reliability;
mod search;
mod select;
mod shared;
mod show;
mod stats;
mod storage;
mod stories;
mod timeline;
mod util;
