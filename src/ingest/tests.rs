//! Tests of reading as a whole (discovery, decoding, the readers, naming, cleaning), and the
//! helpers the readers' own tests share.

use super::read::{Record, Records};
use super::*;
use crate::skip::SkipReason;
use proptest::prelude::*;
use std::io::Write;
use std::path::Path;

/// A line of words (letters, digits, punctuation and markup characters), single-spaced.
pub(crate) fn words() -> impl Strategy<Value = String> {
    proptest::collection::vec("[A-Za-z0-9éğ€'.,;#&<>\"]{1,8}", 1..8).prop_map(|w| w.join(" "))
}

/// A title and body paragraphs as a reader should give them back.
pub(crate) fn title_and_paragraphs() -> impl Strategy<Value = (String, Vec<String>)> {
    (words(), proptest::collection::vec(words(), 1..5))
}

/// `valid` after random edits at character boundaries: deletions and insertions of
/// characters that matter to the formats.
pub(crate) fn mutated(valid: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    let edit = (
        any::<prop::sample::Index>(),
        0..6usize,
        "[\\[\\]{}\"<>/&;#=,\n\t a-zA-Z0-9\u{1}]{0,4}",
    );
    (valid, proptest::collection::vec(edit, 0..6)).prop_map(|(text, edits)| {
        let mut chars: Vec<char> = text.chars().collect();
        for (at, delete, insert) in edits {
            let at = at.index(chars.len() + 1);
            let end = (at + delete).min(chars.len());
            chars.splice(at..end, insert.chars());
        }
        chars.into_iter().collect()
    })
}

/// Characters escaped for SGML text.
pub(crate) fn sgml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// Writes `files` under a new folder and reads it as a corpus.
fn corpus_of(files: &[(&str, &[u8])], options: &ReadOptions) -> (tempfile::TempDir, Corpus) {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let corpus = read_corpus(&[dir.path().to_path_buf()], options, &()).unwrap();
    (dir, corpus)
}

fn ids(corpus: &Corpus) -> Vec<&str> {
    corpus.articles.iter().map(|a| a.id.as_str()).collect()
}

fn skips(corpus: &Corpus, root: &Path) -> Vec<(String, String)> {
    let root = format!("{}/", root.display());
    corpus
        .report
        .skipped
        .iter()
        .map(|s| (s.location().replace(&root, ""), s.reason.to_string()))
        .collect()
}

const JSON_ARRAY: &str =
    r#"[{"id": "x-1", "title": "A", "text": "Body a."}, {"title": "B", "text": "Body b."}]"#;
const JSON_LINES: &str = "{\"title\": \"A\", \"text\": \"Body a.\"}\n{\"title\": \"B\"}\n";
const CSV: &str = "title,text\nA,Body a.\nB,\"Body b.\"\n";
const TREC: &str = "<DOC>\n<DOCNO>D1</DOCNO>\n<TITLE>A</TITLE>\n<TEXT>\nBody a.\n</TEXT>\n</DOC>\n";
const REUTERS: &str = "<REUTERS NEWID=\"9\">\n<TEXT><TITLE>A</TITLE><BODY>Body a.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n";

#[test]
fn records_are_named_by_their_own_id_or_path_and_number() {
    let (dir, corpus) = corpus_of(
        &[
            ("news/a.json", JSON_ARRAY.as_bytes()),
            ("news/b.jsonl", JSON_LINES.as_bytes()),
            ("one.json", br#"{"title": "One", "body": "Only."}"#),
        ],
        &ReadOptions::default(),
    );
    assert_eq!(
        ids(&corpus),
        ["x-1", "news/a.json#2", "news/b.jsonl#1", "one.json"]
    );
    let root = dir.path().display().to_string();
    let paths: Vec<_> = corpus
        .articles
        .iter()
        .map(|a| a.path.replace(&root, ""))
        .collect();
    assert_eq!(
        paths,
        [
            "/news/a.json#1",
            "/news/a.json#2",
            "/news/b.jsonl#1",
            "/one.json"
        ]
    );
    assert_eq!(
        skips(&corpus, dir.path()),
        [(
            "news/b.jsonl:2".to_string(),
            "no body field (such as body, text, content or article) among the fields found: \"title\"".to_string()
        )]
    );
    assert_eq!(corpus.report.files_read, 3);
}

#[test]
fn the_same_id_twice_is_kept_and_counted() {
    let (_dir, corpus) = corpus_of(
        &[
            ("a.trec", TREC.as_bytes()),
            ("b.trec", TREC.replace("Body a.", "Other body.").as_bytes()),
            ("c.trec", TREC.replace("Body a.", "Third body.").as_bytes()),
        ],
        &ReadOptions::default(),
    );
    assert_eq!(ids(&corpus), ["D1", "D1#2", "D1#3"]);
    assert_eq!(corpus.report.id_collisions, 2);
}

#[test]
fn every_format_reads_the_same_gzipped() {
    for (name, text) in [
        ("a.json", JSON_ARRAY),
        ("a.jsonl", JSON_LINES),
        ("a.csv", CSV),
        ("a.tsv", &CSV.replace(',', "\t")),
        ("a.trec", TREC),
        ("a.sgm", REUTERS),
        ("a.txt", "A\n\nBody a.\n"),
    ] {
        let gz = format!("{name}.gz");
        let (_dir, corpus) = corpus_of(
            &[(name, text.as_bytes()), (&gz, &gzip(text.as_bytes()))],
            &ReadOptions::default(),
        );
        let plain: Vec<_> = corpus
            .articles
            .iter()
            .filter(|a| !a.path.contains(".gz"))
            .collect();
        let zipped: Vec<_> = corpus
            .articles
            .iter()
            .filter(|a| a.path.contains(".gz"))
            .collect();
        assert_eq!(plain.len(), zipped.len(), "{name}");
        assert_eq!(plain[0].title, "A", "{name}");
        assert_eq!(plain[0].paragraphs, ["Body a."], "{name}");
        for (p, z) in plain.iter().zip(&zipped) {
            assert_eq!(
                (&p.title, &p.paragraphs),
                (&z.title, &z.paragraphs),
                "{name}"
            );
        }
        assert_eq!(
            corpus.report.skipped.len() % 2,
            0,
            "{name}: {:?}",
            corpus.report.skipped
        );
    }
}

#[test]
fn a_gzip_bomb_is_refused_in_every_format() {
    let options = ReadOptions {
        max_decompressed_bytes: 64 << 10,
        ..ReadOptions::default()
    };
    let many = |open: &str, record: &str, close: &str| {
        gzip(format!("{open}{}{close}", record.repeat(100_000)).as_bytes())
    };
    let bombs = [
        ("bomb.jsonl.gz", many("", "{\"text\": \"a\"}\n", "")),
        ("bomb.json.gz", many("[", "{\"text\": \"a\"},", "{}]")),
        ("bomb.csv.gz", many("text\n", "a\n", "")),
        ("bomb.trec.gz", many("", "<DOC><TEXT>a</TEXT></DOC>\n", "")),
        ("bomb.txt.gz", many("", "a ", "")),
    ];
    let ok = gzip(CSV.as_bytes());
    let mut files: Vec<(&str, &[u8])> = bombs.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    files.push(("ok.csv.gz", &ok));
    let (_dir, corpus) = corpus_of(&files, &options);
    assert_eq!(corpus.articles.len(), 2);
    let reasons: Vec<_> = corpus
        .report
        .skipped
        .iter()
        .map(|s| s.reason.to_string())
        .collect();
    let refused = "decompresses to more than 64 KiB (the limit for compressed files): not read, possibly a gzip bomb";
    assert_eq!(reasons, [refused; 5]);
}

#[test]
fn broken_gzip_is_unreadable() {
    let mut broken = gzip(JSON_LINES.as_bytes());
    broken.truncate(broken.len() / 2);
    let (_dir, corpus) = corpus_of(
        &[("a.jsonl.gz", &broken), ("b.txt.gz", b"not gzip")],
        &ReadOptions::default(),
    );
    assert!(corpus.articles.is_empty());
    assert_eq!(corpus.report.skipped.len(), 2);
    assert!(corpus
        .report
        .skipped
        .iter()
        .all(|s| matches!(s.reason, SkipReason::Unreadable(_))));
}

#[test]
fn content_decides_for_txt_and_extensionless_names() {
    let (dir, corpus) = corpus_of(
        &[
            ("a.txt", JSON_ARRAY.as_bytes()),
            ("AP880212", TREC.as_bytes()),
            ("reuters.txt", REUTERS.as_bytes()),
            ("notes", b"Just some prose."),
            ("prose.txt", b"{Updated} Headline\n\nBody."),
            ("x.gz", &gzip(TREC.as_bytes())),
        ],
        &ReadOptions::default(),
    );
    assert_eq!(
        ids(&corpus),
        ["D1", "x-1", "a.txt#2", "prose.txt", "9", "D1#2"]
    );
    assert_eq!(
        skips(&corpus, dir.path()),
        [("notes".to_string(), SkipReason::UnknownContent.to_string())]
    );
}

#[test]
fn an_empty_structured_file_is_empty() {
    let (_dir, corpus) = corpus_of(
        &[("a.json", b"[]"), ("b.trec", b"\n")],
        &ReadOptions::default(),
    );
    let reasons: Vec<_> = corpus.report.skipped.iter().map(|s| &s.reason).collect();
    assert_eq!(reasons, [&SkipReason::Empty, &SkipReason::Empty]);
}

#[test]
fn skips_are_placed_by_line_record_or_file() {
    let (dir, corpus) = corpus_of(
        &[
            (
                "feed #1.jsonl",
                b"{\"text\": \"Body.\"}\n{\"title\": \"No body\"}\n",
            ),
            (
                "wire #2.trec",
                b"<DOC><DOCNO>A</DOCNO><TEXT>Body.</TEXT></DOC><DOC></DOC>",
            ),
            ("blank #3.txt", b"  \n"),
        ],
        &ReadOptions::default(),
    );
    let root = format!("{}/", dir.path().display());
    let places: Vec<_> = corpus
        .report
        .skipped
        .iter()
        .map(|s| {
            (
                s.path.replace(&root, ""),
                s.line,
                s.record,
                s.location().replace(&root, ""),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            (
                "blank #3.txt".to_string(),
                None,
                None,
                "blank #3.txt".to_string()
            ),
            (
                "feed #1.jsonl".to_string(),
                Some(2),
                Some(2),
                "feed #1.jsonl:2".to_string()
            ),
            (
                "wire #2.trec".to_string(),
                None,
                Some(2),
                "wire #2.trec#2".to_string()
            ),
        ]
    );
    let articles: Vec<_> = corpus
        .articles
        .iter()
        .map(|a| (a.path.replace(&root, ""), a.record))
        .collect();
    assert_eq!(
        articles,
        [
            ("feed #1.jsonl#1".to_string(), Some(1)),
            ("wire #2.trec#1".to_string(), Some(1))
        ]
    );
}

/// Records every [`Progress::advance`] call.
#[derive(Default)]
struct Recorded(std::sync::Mutex<Vec<(u64, usize)>>);

impl Progress for Recorded {
    fn advance(&self, bytes: u64, articles: usize) {
        self.0.lock().unwrap().push((bytes, articles));
    }
}

#[test]
fn progress_moves_within_a_large_file_and_counts_it_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    let line = "{\"title\": \"T\", \"text\": \"Some body text for the record.\"}\n";
    std::fs::write(&path, line.repeat(3000)).unwrap();
    let file = discover(&[path], &FileSelection::default())
        .unwrap()
        .files
        .remove(0);
    let recorded = Recorded::default();
    let read = read_file(&file, &ReadOptions::default(), &recorded, &mut |_| true).unwrap();
    assert_eq!(read.articles, 3000);
    let calls = recorded.0.into_inner().unwrap();
    let articles: Vec<usize> = calls.iter().map(|c| c.1).collect();
    assert_eq!(articles, [1024, 1024, 952]);
    assert_eq!(calls.iter().map(|c| c.0).sum::<u64>(), file.size);
    assert!(calls[0].0 > 0 && calls[0].0 < file.size, "{calls:?}");

    let recorded = Recorded::default();
    let missing = SourceFile {
        path: dir.path().join("gone.jsonl"),
        ..file.clone()
    };
    assert!(read_file(&missing, &ReadOptions::default(), &recorded, &mut |_| true).is_err());
    assert_eq!(recorded.0.into_inner().unwrap(), [(file.size, 0)]);
}

#[test]
fn reasons_read_well() {
    let reason = SkipReason::InvalidJson {
        line: 12,
        column: 1,
        message: "expected value".into(),
        rest_lost: false,
    };
    assert_eq!(
        reason.to_string(),
        "invalid JSON at line 12: expected value at column 1"
    );
    let reason = SkipReason::RaggedRow {
        row: 7,
        fields: 3,
        expected: 5,
    };
    assert_eq!(
        reason.to_string(),
        "CSV row 7 has 3 fields where the header has 5"
    );
    let reason = SkipReason::NoBodyField {
        chosen: None,
        found: vec!["id".into(), "title".into()],
    };
    assert_eq!(
        reason.to_string(),
        "no body field (such as body, text, content or article) among the fields found: \"id\", \"title\""
    );
    assert_eq!(
        SkipReason::TooLarge("2 GiB".into()).to_string(),
        "decompresses to more than 2 GiB (the limit for compressed files): not read, possibly a gzip bomb"
    );
}

/// What a reader gives for one file, collected (for the readers' tests).
#[derive(Debug)]
pub(crate) struct Collected {
    /// Whether the records were named as a collection.
    pub(crate) multi: bool,
    /// The records, in file order.
    pub(crate) items: Vec<Record>,
}

/// Runs a reader over a sink that collects its records.
pub(crate) fn collect<E>(
    read: impl FnOnce(&mut Records) -> std::result::Result<(), E>,
) -> std::result::Result<Collected, E> {
    let mut items = Vec::new();
    let mut multi = true;
    let mut sink = |record: Record, as_collection: bool| {
        items.push(record);
        multi = as_collection;
        true
    };
    let mut records = Records::new(true, &mut sink);
    let result = read(&mut records);
    records.finish();
    result.map(|()| Collected { multi, items })
}
