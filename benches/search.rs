//! Query costs on an index of the bundled corpus, built in a temporary folder when the benchmark
//! starts: parsing and glossary expansion ([`NewsIndex::prepare`]) per query, and whole searches
//! (top 10 passages with snippets) for one-, two- and five-word queries and a phrase.
//!
//! Run with `cargo bench --bench search`.

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use newsdex::{index_inputs, IndexOptions, NewsIndex, SearchOptions, Session};

/// The queries timed, by kind: words that the bundled articles use, so every search has hits.
const QUERIES: [(&str, &str); 4] = [
    ("1_word", "gaza"),
    ("2_words", "stabilisation force"),
    ("5_words", "azerbaijan troops mine clearance engineers"),
    ("phrase", "\"rules of engagement\""),
];

fn config() -> Criterion {
    Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

fn searches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("index");
    let options = IndexOptions {
        rebuild: true,
        ..IndexOptions::default()
    };
    index_inputs(&path, &[common::corpus_dir()], &options, &()).expect("index bundled corpus");
    let index = NewsIndex::open(&path).expect("open index");
    let search = SearchOptions::default();

    let mut group = c.benchmark_group("prepare");
    for (kind, query) in QUERIES {
        group.bench_with_input(BenchmarkId::from_parameter(kind), query, |b, q| {
            b.iter(|| {
                black_box(
                    Session::new(&index)
                        .prepare(black_box(q), &search)
                        .expect("query parses"),
                )
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("search");
    for (kind, query) in QUERIES {
        let found = Session::new(&index)
            .search(query, &search)
            .expect("query runs");
        assert!(
            !found.hits.is_empty(),
            "no hits for the bench query {query}"
        );
        group.bench_with_input(BenchmarkId::from_parameter(kind), query, |b, q| {
            b.iter(|| {
                black_box(
                    Session::new(&index)
                        .search(black_box(q), &search)
                        .expect("query runs"),
                )
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = config();
    targets = searches
}
criterion_main!(benches);
