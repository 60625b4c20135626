//! What `check` found, for people and as JSON.

use std::io::Write;
use std::path::Path;

use serde_json::{json, Value};

use crate::index::Verification;

/// The JSON of a check that found every checksum matching (`schema_version` 1).
pub fn json(index: &Path, checked: &Verification) -> Value {
    json!({
        "schema_version": 1,
        "index": index.display().to_string(),
        "segments": checked.segments,
        "files": checked.files,
        "bytes": checked.bytes,
        "checksums_match": true,
    })
}

/// One line: what was read, and that every checksum matches.
pub fn write_text(
    out: &mut dyn Write,
    index: &Path,
    checked: &Verification,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{}: {}, {} ({:.2} MB) read; every checksum matches",
        index.display(),
        super::counted(checked.segments, "segment"),
        super::counted(checked.files, "file"),
        checked.bytes as f64 / 1e6,
    )
}
