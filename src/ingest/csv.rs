//! Reader for CSV and TSV files: a header row names the fields, every other row is one article.
//!
//! Columns are matched to roles as [`super::fields`] describes, once, from the header; a file
//! whose header has no column that can hold the body is skipped whole, naming the columns it
//! has. Fields may be quoted (`"…"`, with `""` for a quote) and then hold delimiters and line
//! breaks; TSV follows the same quoting rules with a tab as delimiter. A row with more or fewer
//! fields than the header, or with an empty body, is skipped on its own and reported at the line
//! it starts on. Row `N` (counted after the header, from 1) is the record `#N` of article ids.

use std::io::BufRead;

use ::csv::{ReaderBuilder, StringRecord};

use super::fields::{with_body, Layout};
use super::{FileError, ReadOptions, Records, SkipReason};
use crate::model::Article;

/// Reads a delimited file (`b','` for CSV, `b'\t'` for TSV) with a header row.
pub(super) fn read_delimited(
    input: &mut dyn BufRead,
    delimiter: u8,
    records: &mut Records,
    options: &ReadOptions,
) -> Result<(), FileError> {
    let mut reader = ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(input);
    let header: Vec<String> = reader
        .headers()
        .map_err(file_error)?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if header.iter().all(String::is_empty) {
        return Err(FileError::Skip(SkipReason::Empty));
    }
    let keys: Vec<&str> = header.iter().map(String::as_str).collect();
    let layout = Layout::new(&options.fields, &keys);
    layout
        .check_body(&options.fields, &keys)
        .map_err(FileError::Skip)?;
    let mut row = StringRecord::new();
    loop {
        match reader.read_record(&mut row) {
            Ok(false) => return Ok(()),
            Ok(true) => {
                let number = records.count() as u64 + 1;
                let line = row.position().map(|p| p.line());
                let outcome = if row.len() == header.len() {
                    row_article(&row, &layout, options)
                } else {
                    Err(SkipReason::RaggedRow {
                        row: number,
                        fields: row.len(),
                        expected: header.len(),
                    })
                };
                records.push(line, outcome)?;
            }
            Err(e) => {
                let line = e.position().map(|p| p.line());
                let reason = match file_error(e) {
                    FileError::Skip(reason) => reason,
                    io => return Err(io),
                };
                records.push(line, Err(reason))?;
            }
        }
    }
}

fn row_article(
    row: &StringRecord,
    layout: &Layout,
    options: &ReadOptions,
) -> Result<Article, SkipReason> {
    let cell = |i: usize| row.get(i).map(|v| vec![v.to_string()]).unwrap_or_default();
    with_body(layout.article(cell, options.date_order))
}

/// A read failure of the stream, or a row that cannot be parsed.
fn file_error(e: ::csv::Error) -> FileError {
    let message = e.to_string();
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => FileError::Io(e),
        _ => FileError::Skip(SkipReason::InvalidCsv(message)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::tests::{collect, Collected};
    use crate::ingest::tests::{mutated, title_and_paragraphs};
    use crate::ingest::FieldOverride;
    use proptest::prelude::*;

    fn write_rows(delimiter: u8, articles: &[(String, Vec<String>)]) -> String {
        let mut writer = ::csv::WriterBuilder::new()
            .delimiter(delimiter)
            .from_writer(Vec::new());
        writer.write_record(["id", "title", "text"]).unwrap();
        for (n, (title, paragraphs)) in articles.iter().enumerate() {
            writer
                .write_record([&n.to_string(), title, &paragraphs.join("\n\n")])
                .unwrap();
        }
        String::from_utf8(writer.into_inner().unwrap()).unwrap()
    }

    proptest! {
        #[test]
        fn any_text_reads_without_panicking(text in "\\PC{0,300}", tab: bool) {
            let _ = read(&text, if tab { b'\t' } else { b',' }, &ReadOptions::default());
        }

        #[test]
        fn mutated_rows_read_without_panicking(
            text in mutated(proptest::collection::vec(title_and_paragraphs(), 1..4).prop_map(|a| write_rows(b',', &a))),
        ) {
            let _ = read(&text, b',', &ReadOptions::default());
        }

        #[test]
        fn generated_rows_round_trip(articles in proptest::collection::vec(title_and_paragraphs(), 1..5), tab: bool) {
            let delimiter = if tab { b'\t' } else { b',' };
            let text = write_rows(delimiter, &articles);
            let records = read(&text, delimiter, &ReadOptions::default()).unwrap();
            let read: Vec<(String, Vec<String>)> = records
                .items
                .into_iter()
                .map(|r| r.outcome.map(|a| (a.title, a.paragraphs)))
                .collect::<Result<_, _>>()
                .unwrap();
            prop_assert_eq!(read, articles);
        }
    }

    fn read(text: &str, delimiter: u8, options: &ReadOptions) -> Result<Collected, SkipReason> {
        collect(|records| read_delimited(&mut text.as_bytes(), delimiter, records, options))
            .map_err(|e| match e {
                FileError::Skip(reason) => reason,
                FileError::Io(e) => panic!("io: {e}"),
            })
    }

    fn titles(records: &Collected) -> Vec<&str> {
        records
            .items
            .iter()
            .filter_map(|r| r.outcome.as_ref().ok())
            .map(|a| a.title.as_str())
            .collect()
    }

    #[test]
    fn rows_are_articles_with_quoted_multiline_fields() {
        let text = "id,Headline,article,published_at,authors\n\
                    7,Talks resume,\"First, with a comma.\n\nSecond \"\"quoted\"\".\",2026-01-05,Ann Lee\n\
                    8,Second story,Body.,,\n";
        let records = read(text, b',', &ReadOptions::default()).unwrap();
        assert!(records.multi);
        let a = records.items[0].outcome.as_ref().unwrap();
        assert_eq!(a.id, "7");
        assert_eq!(a.title, "Talks resume");
        assert_eq!(a.paragraphs, ["First, with a comma.", "Second \"quoted\"."]);
        assert_eq!(a.date.map(|d| d.to_iso()).as_deref(), Some("2026-01-05"));
        assert_eq!(a.byline.as_deref(), Some("Ann Lee"));
        assert_eq!(records.items[1].line, Some(5));
        assert_eq!(titles(&records), ["Talks resume", "Second story"]);
    }

    #[test]
    fn ragged_and_empty_rows_are_skipped_alone() {
        let text = "title,text,date\nA,a,\nB,b\nC,,\nD,d,,extra\nE,e,\n";
        let records = read(text, b',', &ReadOptions::default()).unwrap();
        assert_eq!(titles(&records), ["A", "E"]);
        let skips: Vec<_> = records
            .items
            .iter()
            .filter_map(|r| Some((r.line?, r.outcome.as_ref().err()?.to_string())))
            .collect();
        assert_eq!(
            skips,
            [
                (
                    3,
                    "CSV row 2 has 2 fields where the header has 3".to_string()
                ),
                (4, "no body text".to_string()),
                (
                    5,
                    "CSV row 4 has 4 fields where the header has 3".to_string()
                ),
            ]
        );
    }

    #[test]
    fn tsv_uses_tabs() {
        let text = "docid\ttitle\tstory\nx1\tA, with comma\tBody, with comma.\n";
        let records = read(text, b'\t', &ReadOptions::default()).unwrap();
        let a = records.items[0].outcome.as_ref().unwrap();
        assert_eq!((a.id.as_str(), a.title.as_str()), ("x1", "A, with comma"));
        assert_eq!(a.paragraphs, ["Body, with comma."]);
    }

    #[test]
    fn a_header_without_a_body_column_skips_the_file() {
        let reason = read("qid,query\n1,x\n", b',', &ReadOptions::default()).unwrap_err();
        assert_eq!(
            reason.to_string(),
            "no body field (such as body, text, content or article) among the fields found: \"qid\", \"query\""
        );
        assert_eq!(
            read("", b',', &ReadOptions::default()).unwrap_err(),
            SkipReason::Empty
        );
    }

    #[test]
    fn overrides_pick_columns() {
        let mut options = ReadOptions::default();
        options
            .fields
            .extend(["body=query", "id=qid"].map(|o| o.parse::<FieldOverride>().unwrap()));
        let records = read("qid,query\n1,x\n", b',', &options).unwrap();
        let a = records.items[0].outcome.as_ref().unwrap();
        assert_eq!(
            (a.id.as_str(), a.paragraphs.as_slice()),
            ("1", &["x".to_string()][..])
        );
    }
}
