//! Hits as rows of a table: tab- or comma-separated, with a header row.

use std::io::Write;

use serde_json::Value;

use super::{field_value, Answer, RenderOptions};

/// The columns written when `--fields` does not choose.
const DEFAULT_COLUMNS: &[&str] = &[
    "rank",
    "score",
    "article_id",
    "passage",
    "date",
    "source",
    "title",
    "snippet",
];

/// Writes the hits of every answer as rows; `delimiter` is `b'\t'` or `b','`. Text fields are
/// written as they are (quoted where CSV needs it; in TSV, tabs and line breaks become spaces).
pub fn write_rows(
    out: &mut dyn Write,
    answers: &[Answer<'_>],
    delimiter: u8,
    options: &RenderOptions,
) -> std::io::Result<()> {
    let batch = answers.iter().any(|a| a.qid.is_some());
    let columns: Vec<String> = match &options.fields {
        Some(fields) => fields.clone(),
        None => std::iter::once("qid")
            .filter(|_| batch)
            .chain(DEFAULT_COLUMNS.iter().copied())
            .map(String::from)
            .collect(),
    };
    let tsv = delimiter == b'\t';
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .quote_style(if tsv {
            csv::QuoteStyle::Never
        } else {
            csv::QuoteStyle::Necessary
        })
        .from_writer(out);
    writer.write_record(&columns)?;
    for answer in answers {
        for hit in &answer.results.hits {
            let row = columns.iter().map(|c| {
                let cell = match c.as_str() {
                    "qid" => answer.qid.unwrap_or("").to_string(),
                    name => cell(field_value(hit, name)),
                };
                if tsv {
                    cell.replace(['\t', '\n', '\r'], " ")
                } else {
                    cell
                }
            });
            writer.write_record(row)?;
        }
    }
    writer.flush()
}

fn cell(value: Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s,
        other => other.to_string(),
    }
}
