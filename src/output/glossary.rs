//! The glossary a search of an index uses, for people and as JSON.

use std::io::Write;

use serde::Serialize;
use serde_json::Value;

use crate::analysis::{Glossary, Origin};

#[derive(Serialize)]
struct EntryJson<'a> {
    name: &'a str,
    variants: &'a [String],
    acronyms: &'a [String],
    origin: &'a Origin,
}

/// The JSON of the glossary: an array of entries with their origin, the first `limit` (all
/// when `None`).
pub fn json(glossary: &Glossary, limit: Option<usize>) -> Value {
    let entries: Vec<EntryJson> = glossary
        .entries
        .iter()
        .take(limit.unwrap_or(usize::MAX))
        .map(|(e, origin)| EntryJson {
            name: &e.name,
            variants: &e.variants,
            acronyms: &e.acronyms,
            origin,
        })
        .collect();
    serde_json::to_value(entries).expect("a glossary serialises")
}

/// One line per entry: `name = acronym = variant …  [origin]`, the first `limit`.
pub fn write_text(
    out: &mut dyn Write,
    glossary: &Glossary,
    limit: Option<usize>,
) -> std::io::Result<()> {
    for (entry, origin) in glossary.entries.iter().take(limit.unwrap_or(usize::MAX)) {
        let mut forms: Vec<&str> = entry.acronyms.iter().map(String::as_str).collect();
        forms.extend(entry.variants.iter().map(String::as_str));
        let forms = if forms.is_empty() {
            String::new()
        } else {
            format!(" = {}", forms.join(" = "))
        };
        writeln!(out, "{}{forms}  [{origin}]", entry.name)?;
    }
    Ok(())
}
