//! The skip report of `newsdex index --report FILE`: one JSON object per line for every file or
//! record passed over.
//!
//! Fields, always present: `path` (the file as walked), `line` (the line of the file the problem
//! is on, or `null`), `record` (the record's number in a multi-record file, from 1, or `null`),
//! `reason` (a stable code such as `invalid_json`, see [`SkipReason::code`]) and `message` (the
//! reason for people, as the summary prints it). A file that was indexed with a doubt (an HTML
//! page whose largest block of text stands in for the article, reason `largest_block`) is
//! reported the same way with one more field, `"severity": "warning"`.
//!
//! [`SkipReason::code`]: crate::ingest::SkipReason::code

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::ingest::Skip;

/// The report object of one skip.
pub fn skip_object(skip: &Skip) -> Value {
    let mut object = json!({
        "path": skip.path,
        "line": skip.line_in_file(),
        "record": skip.record,
        "reason": skip.reason.code(),
        "message": skip.reason.to_string(),
    });
    if skip.reason.is_warning() {
        object["severity"] = json!("warning");
    }
    object
}

/// Writes one line per skip.
pub fn write_skips(out: &mut dyn Write, skips: &[Skip]) -> io::Result<()> {
    for skip in skips {
        serde_json::to_writer(&mut *out, &skip_object(skip))?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::SkipReason;

    #[test]
    fn one_object_per_line_with_every_field() {
        let skips = [
            Skip::new(
                "in/photo.jpg".into(),
                SkipReason::Unsupported(".jpg".into()),
            ),
            Skip {
                path: "in/feed #2.jsonl".into(),
                line: Some(7),
                record: Some(3),
                reason: SkipReason::NoBody,
            },
            Skip {
                path: "in/array.json".into(),
                line: None,
                record: Some(2),
                reason: SkipReason::InvalidJson {
                    line: 12,
                    column: 4,
                    message: "expected value".into(),
                    rest_lost: true,
                },
            },
            Skip::new("in/page.html".into(), SkipReason::LargestBlock),
        ];
        let mut out = Vec::new();
        write_skips(&mut out, &skips).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(
            lines,
            [
                json!({"path": "in/photo.jpg", "line": null, "record": null,
                       "reason": "unsupported_type", "message": "unsupported file type .jpg"}),
                json!({"path": "in/feed #2.jsonl", "line": 7, "record": 3,
                       "reason": "no_body", "message": "no body text"}),
                json!({"path": "in/array.json", "line": 12, "record": 2, "reason": "invalid_json",
                       "message": "invalid JSON at line 12: expected value at column 4; the rest of the file could not be read"}),
                json!({"path": "in/page.html", "line": null, "record": null, "reason": "largest_block",
                       "severity": "warning", "message": SkipReason::LargestBlock.to_string()}),
            ]
        );
    }
}
