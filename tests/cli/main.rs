//! Behaviour of the `newsdex` binary, tested through its command line.

mod errors;
mod fixture;
mod index;
mod kwic;
mod query;
mod search;
mod shared;
mod show;
mod stats;
mod timeline;
mod util;
