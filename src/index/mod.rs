//! The tantivy index: its schema, opening with a format check, writing, and the files kept
//! beside it (glossary, mined acronyms, remembered settings).

mod columns;
mod config;
mod directory;
mod expansions;
mod failure;
mod guard;
mod lock;
mod manifest;
mod merge;
mod reader;
mod schema;
mod signatures;
mod store;
mod terms;
mod verify;
mod writer;

pub(crate) use self::columns::SegmentColumns;
pub use self::config::{IndexConfig, CONFIG_FILE};
pub(crate) use self::guard::guarded_at;
pub use self::guard::panic_message;
pub use self::lock::LOCK_FILE;
pub use self::merge::Merged;
pub(crate) use self::reader::write_atomically as write_file_atomically;
pub use self::reader::{NewsIndex, FORMAT_VERSION};
#[cfg(test)]
pub(crate) use self::schema::build_schema;
pub use self::schema::{stored_text, Fields};
pub(crate) use self::schema::{ARTICLE_ID_FIELD, DATE_FIELD, PASSAGE_FIELD, STORY_FIELD};
pub(crate) use self::terms::distinct_terms;
pub use self::verify::{verify, Verification};
pub use self::writer::{index_inputs, Changes, IndexOptions, IndexReport};
