//! The JSON contract of `newsdex search --format json|jsonl`. Fields may be added in later
//! versions, never renamed or removed; `schema_version` changes only when that promise has to be
//! broken.

use std::io::Write;

use serde_json::{json, Map, Value};

use super::{hit_object, Answer, RenderOptions};

/// Version of the JSON output schema.
pub const SCHEMA_VERSION: u32 = 2;

/// The object describing one query's results.
fn answer_object(answer: Answer<'_>, options: &RenderOptions) -> Map<String, Value> {
    let results = answer.results;
    let mut object = Map::new();
    object.insert("schema_version".into(), json!(SCHEMA_VERSION));
    if let Some(qid) = answer.qid {
        object.insert("qid".into(), json!(qid));
    }
    object.insert("query".into(), json!(results.query));
    object.insert("executed_query".into(), json!(results.executed_query));
    object.insert("total_hits".into(), json!(results.total_hits));
    object.insert("total_all_words".into(), json!(results.total_all_words));
    if options.timing {
        object.insert(
            "took_ms".into(),
            json!(u64::try_from(results.took.as_millis()).unwrap_or(u64::MAX)),
        );
    }
    let hits = results
        .hits
        .iter()
        .map(|hit| Value::Object(hit_object(hit, options.fields.as_deref())))
        .collect();
    object.insert("results".into(), Value::Array(hits));
    object
}

/// Writes one query's results as one pretty-printed JSON object.
pub fn write_answer(
    out: &mut dyn Write,
    answer: Answer<'_>,
    options: &RenderOptions,
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &answer_object(answer, options))?;
    writeln!(out)
}

/// Writes a batch's results as one object: `{"schema_version": 1, "queries": [...]}`.
pub fn write_batch(
    out: &mut dyn Write,
    answers: &[Answer<'_>],
    options: &RenderOptions,
) -> std::io::Result<()> {
    let queries: Vec<Value> = answers
        .iter()
        .map(|a| Value::Object(answer_object(*a, options)))
        .collect();
    let batch = json!({"schema_version": SCHEMA_VERSION, "queries": queries});
    serde_json::to_writer_pretty(&mut *out, &batch)?;
    writeln!(out)
}

/// Writes one JSON object per hit and line, each with `schema_version`, `qid` (in a batch) and
/// `query` beside the hit's fields.
pub fn write_lines(
    out: &mut dyn Write,
    answer: Answer<'_>,
    options: &RenderOptions,
) -> std::io::Result<()> {
    for hit in &answer.results.hits {
        let mut line = Map::new();
        line.insert("schema_version".into(), json!(SCHEMA_VERSION));
        if let Some(qid) = answer.qid {
            line.insert("qid".into(), json!(qid));
        }
        line.insert("query".into(), json!(answer.results.query));
        line.extend(hit_object(hit, options.fields.as_deref()));
        serde_json::to_writer(&mut *out, &line)?;
        writeln!(out)?;
    }
    Ok(())
}
