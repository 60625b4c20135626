//! The tantivy index: its schema, opening with a format check, and writing.

mod reader;
mod schema;
mod writer;

pub use self::reader::{NewsIndex, FORMAT_VERSION, MARKER_FILE};
pub use self::schema::{build_schema, Fields};
pub use self::writer::{index_inputs, IndexOptions, IndexReport};
