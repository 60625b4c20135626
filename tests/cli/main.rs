//! Behaviour of the `newsdex` binary, tested through its command line.

mod batch;
mod errors;
mod formats;
mod index;
mod query;
mod reliability;
mod search;
mod shared;
mod util;
