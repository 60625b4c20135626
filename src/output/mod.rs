//! Renderers: search results as text for people and JSON for programs. Renderers know nothing
//! of tantivy; they take the library's values.

pub mod json;
pub mod text;
