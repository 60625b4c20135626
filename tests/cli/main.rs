//! Behaviour of the `newsdex` binary, tested through its command line.

mod errors;
mod index;
mod search;
mod shared;
mod util;
