//! Reader for JSON and JSON Lines articles.
//!
//! A `.jsonl`/`.ndjson` file is read line by line, one object per line. A `.json` file may hold
//! one article object (possibly pretty-printed over many lines), an array of them (read one
//! element at a time, never whole), or one object per line (JSON Lines under a `.json` name:
//! recognised when the first line is a whole value and more lines follow). Fields are recognised
//! as [`super::fields`] describes; string, number and array values are read (arrays of authors
//! joined with `, `), and an object value gives its `name` (`{"source": {"name": "BBC"}}`).
//!
//! A line that is not valid JSON, a record that is not an object or has no body is skipped on
//! its own. A syntax error inside an array or a multi-line document stops the file there, as
//! nothing after it can be trusted; the records before it are kept.

use std::fmt;
use std::io::{self, BufRead, Read};

use rayon::prelude::*;
use serde::de::{Deserializer as _, SeqAccess, Visitor};
use serde_json::Value;

use super::fields::{normalise, with_body, Layout};
use super::{FileError, ReadOptions, Records, SkipReason};
use crate::model::Article;

/// Reads a JSON Lines file: one object per line; blank lines are ignored.
pub(super) fn read_json_lines(
    input: &mut dyn BufRead,
    records: &mut Records,
    options: &ReadOptions,
) -> Result<(), FileError> {
    Ok(read_lines(input, 0, records, options)?)
}

/// Reads a `.json` file: an object, an array of objects, or JSON Lines.
pub(super) fn read_json(
    input: &mut dyn BufRead,
    records: &mut Records,
    options: &ReadOptions,
) -> Result<(), FileError> {
    let (first, blank_lines) = skip_whitespace(input)?;
    match first {
        None => Err(FileError::Skip(SkipReason::Empty)),
        Some(b'[') => read_array(input, blank_lines, records, options),
        Some(_) => read_object_or_lines(input, blank_lines, records, options),
    }
}

/// Consumes leading whitespace; returns the first other byte (not consumed) and the number of
/// line breaks passed.
fn skip_whitespace(input: &mut dyn BufRead) -> io::Result<(Option<u8>, u64)> {
    let mut lines = 0;
    loop {
        let buffer = input.fill_buf()?;
        if buffer.is_empty() {
            return Ok((None, lines));
        }
        let blank = buffer
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(buffer.len());
        lines += buffer[..blank].iter().filter(|&&b| b == b'\n').count() as u64;
        let next = buffer.get(blank).copied();
        input.consume(blank);
        if next.is_some() {
            return Ok((next, lines));
        }
    }
}

/// Reads JSON Lines after line `line`, adding one record per non-blank line.
fn read_lines(
    input: &mut dyn BufRead,
    mut line: u64,
    records: &mut Records,
    options: &ReadOptions,
) -> io::Result<()> {
    let mut batch: Vec<(u64, String)> = Vec::with_capacity(LINES_PER_BATCH);
    loop {
        let mut text = String::new();
        if input.read_line(&mut text)? == 0 {
            return parse_batch(&mut batch, records, options);
        }
        line += 1;
        if text.trim().is_empty() {
            continue;
        }
        batch.push((line, text));
        if batch.len() == LINES_PER_BATCH {
            parse_batch(&mut batch, records, options)?;
        }
    }
}

/// Lines of a JSON Lines file parsed together, in parallel: a large file keeps every core busy
/// while its records are still handed on one by one, in order.
const LINES_PER_BATCH: usize = 256;

/// Parses a batch of `(line number, line)` in parallel and adds its records in order.
fn parse_batch(
    batch: &mut Vec<(u64, String)>,
    records: &mut Records,
    options: &ReadOptions,
) -> io::Result<()> {
    let outcomes: Vec<_> = batch
        .par_iter()
        .map(|(line, text)| {
            match serde_json::from_str::<Value>(text.trim_end_matches(['\n', '\r'])) {
                Ok(value) => object_article(value, options),
                Err(e) => Err(invalid(&e, line - 1, false)),
            }
        })
        .collect();
    for ((line, _), outcome) in batch.drain(..).zip(outcomes) {
        records.push(Some(line), outcome)?;
    }
    Ok(())
}

/// A `.json` file that does not start with `[`: when the first line is a whole JSON value, the
/// file is JSON Lines (or a one-line object); otherwise it is one document over many lines.
fn read_object_or_lines(
    input: &mut dyn BufRead,
    blank_lines: u64,
    records: &mut Records,
    options: &ReadOptions,
) -> Result<(), FileError> {
    let mut first = String::new();
    input.read_line(&mut first)?;
    let line = blank_lines + 1;
    records.alone_is_single();
    match serde_json::from_str::<Value>(first.trim_end_matches(['\n', '\r'])) {
        Err(e) if e.is_eof() => {
            let document = io::Cursor::new(first).chain(input);
            read_documents(document, blank_lines, records, options)?;
        }
        parsed => {
            let outcome = match parsed {
                Ok(value) => object_article(value, options),
                Err(e) => Err(invalid(&e, blank_lines, false)),
            };
            records.push(Some(line), outcome)?;
            read_lines(input, line, records, options)?;
        }
    }
    Ok(())
}

/// Reads whitespace-separated JSON documents (usually one, pretty-printed) starting after line
/// `offset`; stops at the first syntax error.
fn read_documents(
    document: impl Read,
    offset: u64,
    records: &mut Records,
    options: &ReadOptions,
) -> io::Result<()> {
    for value in serde_json::Deserializer::from_reader(document).into_iter::<Value>() {
        match value {
            Ok(value) => records.push(None, object_article(value, options))?,
            Err(e) if e.is_io() => return Err(e.into()),
            Err(e) => {
                let rest_lost = records.count() > 0;
                records.push(None, Err(invalid(&e, offset, rest_lost)))?;
                break;
            }
        }
    }
    Ok(())
}

/// Reads a JSON array one element at a time.
fn read_array(
    input: &mut dyn BufRead,
    offset: u64,
    records: &mut Records,
    options: &ReadOptions,
) -> Result<(), FileError> {
    let mut deserializer = serde_json::Deserializer::from_reader(input);
    let elements = Elements { records, options };
    let result = deserializer
        .deserialize_seq(elements)
        .and_then(|()| deserializer.end());
    match result {
        Ok(()) => {}
        Err(e) if e.is_io() => return Err(FileError::Io(e.into())),
        Err(e) => records.push(None, Err(invalid(&e, offset, true)))?,
    }
    Ok(())
}

/// Visits the elements of the top-level array, adding a record for each.
struct Elements<'a, 's> {
    records: &'a mut Records<'s>,
    options: &'a ReadOptions,
}

impl<'de> Visitor<'de> for Elements<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of article objects")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(value) = seq.next_element::<Value>()? {
            self.records
                .push(None, object_article(value, self.options))
                .map_err(serde::de::Error::custom)?;
        }
        Ok(())
    }
}

/// The skip reason for a syntax error found `offset` lines into the file.
fn invalid(e: &serde_json::Error, offset: u64, rest_lost: bool) -> SkipReason {
    let full = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&position).unwrap_or(&full).to_string();
    SkipReason::InvalidJson {
        line: offset + e.line().max(1) as u64,
        column: e.column() as u64,
        message,
        rest_lost,
    }
}

/// The article a JSON record makes, or why it makes none.
fn object_article(value: Value, options: &ReadOptions) -> Result<Article, SkipReason> {
    let object = match value {
        Value::Object(object) => object,
        other => return Err(SkipReason::NotAnObject(kind(&other).to_string())),
    };
    let keys: Vec<&str> = object.keys().map(String::as_str).collect();
    let values: Vec<&Value> = object.values().collect();
    let layout = Layout::new(&options.fields, &keys);
    layout.check_body(&options.fields, &keys)?;
    let parts = |i: usize| values.get(i).map_or_else(Vec::new, |v| parts(v));
    with_body(layout.article(parts, options.date_order))
}

/// The text pieces of a value: a string or number is one, an array gives its elements' pieces,
/// an object its `name`'s; `null` and booleans give none.
fn parts(value: &Value) -> Vec<String> {
    match value {
        Value::String(text) => vec![text.clone()],
        Value::Number(number) => vec![number.to_string()],
        Value::Array(items) => items.iter().flat_map(parts).collect(),
        Value::Object(object) => object
            .iter()
            .find(|(key, _)| normalise(key) == "name")
            .map_or_else(Vec::new, |(_, v)| parts(v)),
        Value::Null | Value::Bool(_) => Vec::new(),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::tests::{collect, Collected};
    use crate::ingest::tests::{mutated, title_and_paragraphs};
    use crate::ingest::FieldOverride;
    use proptest::prelude::*;

    fn article_json(title: &str, paragraphs: &[String]) -> String {
        serde_json::json!({"title": title, "text": paragraphs.join("\n\n")}).to_string()
    }

    fn read_any(text: &str, lines: bool) -> Option<Collected> {
        let mut input = text.as_bytes();
        let options = ReadOptions::default();
        collect(|records| {
            if lines {
                read_json_lines(&mut input, records, &options)
            } else {
                read_json(&mut input, records, &options)
            }
        })
        .ok()
    }

    fn valid_file() -> impl Strategy<Value = String> {
        proptest::collection::vec(title_and_paragraphs(), 1..4).prop_map(|articles| {
            let objects: Vec<String> = articles.iter().map(|(t, p)| article_json(t, p)).collect();
            format!("[{}]\n{}", objects.join(",\n"), objects.join("\n"))
        })
    }

    proptest! {
        #[test]
        fn any_text_reads_without_panicking(text in "\\PC{0,300}", lines: bool) {
            read_any(&text, lines);
        }

        #[test]
        fn mutated_json_reads_without_panicking(text in mutated(valid_file()), lines: bool) {
            read_any(&text, lines);
        }

        #[test]
        fn generated_articles_round_trip(articles in proptest::collection::vec(title_and_paragraphs(), 1..5)) {
            let objects: Vec<String> = articles.iter().map(|(t, p)| article_json(t, p)).collect();
            let array = format!("[{}]", objects.join(",\n"));
            let lines = objects.join("\n");
            for (text, as_lines) in [(&array, false), (&lines, true), (&lines, false)] {
                let records = read_any(text, as_lines).expect("valid JSON is read");
                let read: Vec<(String, Vec<String>)> = records
                    .items
                    .into_iter()
                    .map(|r| r.outcome.map(|a| (a.title, a.paragraphs)))
                    .collect::<Result<_, _>>()
                    .expect("every record is an article");
                prop_assert_eq!(&read, &articles);
            }
        }
    }

    fn read(text: &str, lines: bool, options: &ReadOptions) -> Collected {
        let mut input = text.as_bytes();
        let result = collect(|records| {
            if lines {
                read_json_lines(&mut input, records, options)
            } else {
                read_json(&mut input, records, options)
            }
        });
        match result {
            Ok(records) => records,
            Err(FileError::Skip(reason)) => panic!("file skipped: {reason}"),
            Err(FileError::Io(e)) => panic!("io: {e}"),
        }
    }

    fn articles(records: &Collected) -> Vec<&Article> {
        records
            .items
            .iter()
            .filter_map(|r| r.outcome.as_ref().ok())
            .collect()
    }

    fn skips(records: &Collected) -> Vec<(usize, Option<u64>, String)> {
        records
            .items
            .iter()
            .filter_map(|r| {
                let reason = r.outcome.as_ref().err()?;
                Some((r.number, r.line, reason.to_string()))
            })
            .collect()
    }

    #[test]
    fn one_object_is_one_article() {
        let text = r#"{
            "headline": "Talks resume",
            "content": "First paragraph.\n\nSecond\nparagraph.",
            "datePublished": "2026-01-05T10:00:00Z",
            "authors": ["Ann Lee", "Raza Syed"],
            "source": {"id": "cc", "name": "Caspian Courier"},
            "url": "https://example.com/a",
            "id": 42
        }"#;
        let records = read(text, false, &ReadOptions::default());
        assert!(!records.multi);
        let a = articles(&records)[0];
        assert_eq!(a.id, "42");
        assert_eq!(a.title, "Talks resume");
        assert_eq!(a.paragraphs, ["First paragraph.", "Second paragraph."]);
        assert_eq!(
            a.date.map(|d| d.to_iso()).as_deref(),
            Some("2026-01-05T10:00:00Z")
        );
        assert_eq!(a.byline.as_deref(), Some("Ann Lee, Raza Syed"));
        assert_eq!(a.source.as_deref(), Some("Caspian Courier"));
        assert_eq!(a.url.as_deref(), Some("https://example.com/a"));
    }

    #[test]
    fn an_array_gives_one_article_per_element() {
        let text = r#"  [{"title": "A", "text": "Body a."}, 7, {"title": "C"}, {"title": "D", "body": "Body d.", "doc_id": "d-1"}]"#;
        let records = read(text, false, &ReadOptions::default());
        assert!(records.multi);
        let got: Vec<_> = articles(&records)
            .iter()
            .map(|a| (a.id.as_str(), a.title.as_str()))
            .collect();
        assert_eq!(got, [("", "A"), ("d-1", "D")]);
        assert_eq!(
            skips(&records),
            [
                (2, None, "JSON record is a number, not an object".to_string()),
                (
                    3,
                    None,
                    "no body field (such as body, text, content or article) among the fields found: \"title\"".to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_syntax_error_in_an_array_keeps_what_came_before() {
        let text = "[\n{\"title\": \"A\", \"text\": \"a\"},\n{\"title\": oops}\n]";
        let records = read(text, false, &ReadOptions::default());
        assert_eq!(articles(&records).len(), 1);
        assert_eq!(
            skips(&records),
            [(
                2,
                None,
                "invalid JSON at line 3: expected value at column 11; the rest of the file could not be read".to_string()
            )]
        );
    }

    #[test]
    fn json_lines_skip_bad_lines_by_line_number() {
        let text = "{\"title\": \"A\", \"story\": \"a\"}\n\n{\"title\": \n{\"title\": \"C\", \"text\": \"  \"}\n[1]\n{\"text\": \"e\"}\n";
        for lines in [true, false] {
            let records = read(text, lines, &ReadOptions::default());
            assert!(records.multi);
            assert_eq!(articles(&records).len(), 2, "{lines}");
            assert_eq!(
                skips(&records),
                [
                    (
                        2,
                        Some(3),
                        "invalid JSON at line 3: EOF while parsing a value at column 10"
                            .to_string()
                    ),
                    (3, Some(4), "no body text".to_string()),
                    (
                        4,
                        Some(5),
                        "JSON record is an array, not an object".to_string()
                    ),
                ]
            );
        }
    }

    #[test]
    fn a_bad_single_line_file_is_one_skip() {
        let records = read("{\"title\": 1,}", false, &ReadOptions::default());
        assert!(!records.multi);
        assert_eq!(records.items.len(), 1);
        assert_eq!(records.items[0].line, None);
        assert!(records.items[0].outcome.is_err());
    }

    #[test]
    fn concatenated_documents_are_records() {
        let text = "{\n \"text\": \"a\"\n}\n{\n \"text\": \"b\"\n}\n{\n oops";
        let records = read(text, false, &ReadOptions::default());
        assert!(records.multi);
        assert_eq!(articles(&records).len(), 2);
        assert_eq!(skips(&records)[0].0, 3);
        assert!(skips(&records)[0].2.starts_with("invalid JSON at line 8:"));
    }

    #[test]
    fn overrides_choose_the_fields() {
        let mut options = ReadOptions::default();
        options.fields.extend(
            ["title=hed", "body=story", "id=guid"].map(|o| o.parse::<FieldOverride>().unwrap()),
        );
        let text = r#"{"title": "Not this", "hed": "This", "text": "no", "story": "yes", "id": 1, "guid": "g"}"#;
        let records = read(text, false, &options);
        let a = articles(&records)[0];
        assert_eq!((a.id.as_str(), a.title.as_str()), ("g", "This"));
        assert_eq!(a.paragraphs, ["yes"]);
        let records = read(r#"{"text": "no"}"#, false, &options);
        assert_eq!(
            skips(&records)[0].2,
            "no field \"story\" (chosen for the body) among the fields found: \"text\""
        );
    }

    #[test]
    fn empty_input_is_an_empty_file() {
        let result =
            collect(|records| read_json(&mut " \n ".as_bytes(), records, &ReadOptions::default()));
        assert!(matches!(result, Err(FileError::Skip(SkipReason::Empty))));
        let records = read("[]", false, &ReadOptions::default());
        assert!(records.items.is_empty());
    }
}
