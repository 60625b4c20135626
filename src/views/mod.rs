//! Research views of an index, beside ranked search: a whole article rebuilt from its passages,
//! every article for export.
//!
//! Each view returns plain values and never prints; the command line renders them.

mod article;
mod export;

pub use self::export::{authors, ArticleStream};
