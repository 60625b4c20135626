//! Behaviour of the `newsdex` binary, tested through its command line.

mod batch;
mod browser;
mod conventions;
mod errors;
mod facets;
mod formats;
mod hostile;
mod http;
mod incremental;
mod index;
mod keyness;
mod kwic;
mod query;
mod regression;
mod reliability;
mod search;
mod select;
mod serve;
mod shared;
mod show;
mod stats;
mod storage;
mod stories;
mod timeline;
mod util;
mod watch;
