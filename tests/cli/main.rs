//! Behaviour of the `newsdex` binary, tested through its command line.

mod errors;
mod index;
mod query;
mod search;
mod shared;
mod util;
