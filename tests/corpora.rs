//! Reads the shared development corpora through the library. They are not part of the
//! repository: set `NEWSDEX_SHARED` to the folder holding `corpora/` and run
//! `cargo test -- --include-ignored`.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;

use newsdex::ingest::{read_corpus, Corpus, ReadOptions, SkipReason};

/// The path of a corpus folder under `$NEWSDEX_SHARED/corpora`.
fn corpus_dir(name: &str) -> PathBuf {
    let shared = std::env::var_os("NEWSDEX_SHARED")
        .expect("set NEWSDEX_SHARED to the folder holding corpora/ (e.g. /work/shared)");
    PathBuf::from(shared).join("corpora").join(name)
}

fn read(inputs: &[PathBuf]) -> Corpus {
    let started = Instant::now();
    let corpus = read_corpus(inputs, &ReadOptions::default(), &()).expect("corpus is readable");
    eprintln!(
        "{} articles from {} files ({} bytes) in {:.2?}",
        corpus.articles.len(),
        corpus.report.files_read,
        corpus.report.bytes,
        started.elapsed()
    );
    corpus
}

#[test]
#[ignore = "needs NEWSDEX_SHARED"]
fn reuters_21578_gives_every_story_but_the_empty_one() {
    let dir = corpus_dir("reuters21578");
    let files: Vec<PathBuf> = (0..22)
        .map(|n| dir.join(format!("reut2-{n:03}.sgm")))
        .collect();
    let corpus = read(&files);
    assert_eq!(corpus.report.files_read, 22);
    assert_eq!(corpus.articles.len(), 21_577);
    assert_eq!(corpus.report.id_collisions, 0);
    let ids: HashSet<u32> = corpus
        .articles
        .iter()
        .map(|a| a.id.parse().expect("NEWID is a number"))
        .collect();
    assert_eq!(ids.len(), 21_577);
    assert!(ids.iter().all(|id| (1..=21_578).contains(id)));
    assert_eq!(
        corpus.report.skipped.len(),
        1,
        "{:?}",
        corpus.report.skipped
    );
    let missing = (1..=21_578).find(|id| !ids.contains(id));
    let skip = &corpus.report.skipped[0];
    assert_eq!(
        skip.reason,
        SkipReason::NoText(missing.map(|id| id.to_string()))
    );
    assert!(skip.path.ends_with(".sgm"), "{}", skip.path);
    assert_eq!(skip.record, Some(793));
    let first = &corpus.articles[0];
    assert_eq!(first.id, "1");
    assert_eq!(first.title, "BAHIA COCOA REVIEW");
    assert!(first.paragraphs[0].starts_with("Showers continued throughout the week"));
    assert!(first.path.ends_with("reut2-000.sgm#1"));
    assert_eq!(first.source.as_deref(), Some("Reuters"));
    let dated = corpus.articles.iter().filter(|a| a.date.is_some()).count();
    assert_eq!(dated, 21_577);
    let texts = corpus.articles.iter().flat_map(|a| &a.paragraphs);
    assert!(!texts
        .clone()
        .any(|p| p.contains("&#") || p.contains("&lt;") || p.chars().any(char::is_control)));
}

#[test]
#[ignore = "needs NEWSDEX_SHARED"]
fn cnn_dailymail_csv_gives_a_thousand_articles_named_by_id() {
    let corpus = read(&[corpus_dir("cnndm-known-item").join("docs.csv")]);
    assert_eq!(corpus.articles.len(), 1_000);
    assert!(
        corpus.report.skipped.is_empty(),
        "{:?}",
        corpus.report.skipped
    );
    assert_eq!(corpus.report.id_collisions, 0);
    let first = &corpus.articles[0];
    assert_eq!(first.id, "a4942dd663020ca54575471657a0af38d82897d6");
    assert!(first.path.ends_with("docs.csv#1"));
    assert!(corpus
        .articles
        .iter()
        .all(|a| a.id.len() == 40 && a.id.chars().all(|c| c.is_ascii_hexdigit())));
    assert!(corpus.articles.iter().all(|a| !a.paragraphs.is_empty()));
}

#[test]
#[ignore = "needs NEWSDEX_SHARED"]
fn bbc_news_folder_gives_every_story_with_copies_marked() {
    let dir = corpus_dir("bbc-news");
    let corpus = read(std::slice::from_ref(&dir));
    assert_eq!(corpus.articles.len(), 2_225);
    // 98 files are byte-for-byte copies of an earlier one. Copy detection also ignores case,
    // so sport/344.txt, which differs from sport/332.txt only in "grand slam" against "Grand
    // Slam", is marked too.
    assert_eq!(corpus.report.copies, 99);
    let bytes = |id: &str| std::fs::read(dir.join(id)).expect("article file");
    let identical = corpus
        .articles
        .iter()
        .filter_map(|a| Some((a, a.copy_of.as_deref()?)))
        .filter(|(a, original)| bytes(&a.id) == bytes(original))
        .count();
    assert_eq!(identical, 98);
    assert!(
        corpus.report.skipped.is_empty(),
        "{:?}",
        corpus.report.skipped
    );
    assert!(corpus.articles.iter().any(|a| a.id == "sport/199.txt"));
}

/// Shingle F1 of the article-extraction benchmark's development half reached by the HTML
/// reader (`benches/extraction.sh` prints it); the test allows [`EXTRACTION_MARGIN`] below it.
const EXTRACTION_F1: f64 = 0.9755;
const EXTRACTION_MARGIN: f64 = 0.005;

/// The benchmark's shingles: runs of letters, digits and `_`, four at a time (a shorter text is
/// one shingle, an empty one the empty shingle), counted.
fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let tokens: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect();
    let mut counts = HashMap::new();
    for i in 0..tokens.len().saturating_sub(3).max(1) {
        let end = (i + 4).min(tokens.len());
        *counts.entry(tokens[i..end].to_vec()).or_default() += 1;
    }
    counts
}

/// Precision and recall of one page's extracted body against the true one.
fn shingle_match(truth: &str, extracted: &str) -> (f64, f64) {
    let (truth, extracted) = (shingles(truth), shingles(extracted));
    let common: usize = extracted
        .iter()
        .map(|(s, &n)| n.min(truth.get(s).copied().unwrap_or(0)))
        .sum();
    let total = |c: &HashMap<Vec<&str>, usize>| c.values().sum::<usize>() as f64;
    (
        common as f64 / total(&extracted),
        common as f64 / total(&truth),
    )
}

#[test]
#[ignore = "needs NEWSDEX_SHARED"]
fn article_extraction_dev_half_keeps_its_f1() {
    let dir = corpus_dir("article-extraction-dev");
    let truth: serde_json::Value = serde_json::from_reader(
        std::fs::File::open(dir.join("ground-truth.json")).expect("ground truth"),
    )
    .expect("ground truth is JSON");
    let truth = truth.as_object().expect("an object of pages");
    let corpus = read(&[dir.join("html")]);
    assert!(
        corpus.report.skipped.iter().all(|s| s.reason.is_warning()),
        "{:?}",
        corpus.report.skipped
    );
    let bodies: HashMap<&str, String> = corpus
        .articles
        .iter()
        .map(|a| {
            let name = a.path.rsplit('/').next().unwrap_or_default();
            (name.trim_end_matches(".html.gz"), a.body())
        })
        .collect();
    let (mut precision, mut recall) = (0.0, 0.0);
    for (key, page) in truth {
        let true_body = page["articleBody"].as_str().expect("an articleBody");
        let body = bodies.get(key.as_str()).map_or("", String::as_str);
        let (p, r) = shingle_match(true_body, body);
        precision += p;
        recall += r;
    }
    let pages = truth.len() as f64;
    assert_eq!(pages as usize, 90);
    let (precision, recall) = (precision / pages, recall / pages);
    let f1 = 2.0 * precision * recall / (precision + recall);
    eprintln!("precision {precision:.4} recall {recall:.4} F1 {f1:.4}");
    assert!(
        f1 >= EXTRACTION_F1 - EXTRACTION_MARGIN,
        "F1 {f1:.4} under {EXTRACTION_F1} - {EXTRACTION_MARGIN}"
    );
}
