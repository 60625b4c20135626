//! Any query string, of any bytes and size, gives results or a clear error: never a panic, and
//! never unbounded work. Runs against an index of the bundled corpus built once.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use newsdex::{index_inputs, IndexOptions, NewsIndex, SearchOptions, Session};
use proptest::prelude::*;

fn index() -> &'static NewsIndex {
    static INDEX: OnceLock<(tempfile::TempDir, NewsIndex)> = OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
            let path = dir.path().join("index");
            index_inputs(&path, &[corpus], &IndexOptions::default(), &()).unwrap();
            let index = NewsIndex::open(Path::new(&path)).unwrap();
            (dir, index)
        })
        .1
}

fn search(query: &str) {
    if let Err(err) = Session::new(index()).search(query, &SearchOptions::default()) {
        assert!(!err.to_string().is_empty());
    }
}

#[test]
fn huge_and_pathological_queries_finish() {
    search(&vec!["Gaza"; 10_000].join(" "));
    search(&"(".repeat(10_000));
    search(&format!("{}Gaza{}", "(".repeat(1_000), ")".repeat(1_000)));
    search(&format!("{}Gaza{}", "(".repeat(50), ")".repeat(50)));
    for wildcard in [
        "*", "a*b*c*", "ab*", "**", "a*", "\"*\"", "title:*", "~", "Gaza~", "~~1",
    ] {
        search(wildcard);
    }
    let err = Session::new(index())
        .search(&"(".repeat(100), &SearchOptions::default())
        .unwrap_err();
    assert!(err.to_string().contains("nested deeper than 64"), "{err}");
}

proptest! {
    #[test]
    fn random_strings_never_panic(query in "\\PC{0,80}") {
        search(&query);
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..80)) {
        search(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn token_soup_never_panics(parts in proptest::collection::vec(
        prop_oneof![
            Just("("), Just(")"), Just("\""), Just("-"), Just("OR"), Just("AND"), Just("title:"),
            Just("date:"), Just("2026-01"), Just(".."), Just("source:"), Just("x:"), Just("~2"),
            Just("*"), Just("Gaza"), Just("ISF"), Just("Qarabağ"), Just(" "), Just("Nagorno-Karabakh"),
        ],
        0..24,
    )) {
        search(&parts.concat());
    }
}

/// The glossary expands a query alike whichever way the index holds it: the first query of an
/// open index reads only its part of the saved analysis, later ones the whole of it, and an
/// index without the saved file analyses the glossary afresh.
#[test]
fn the_glossary_expands_alike_from_the_saved_part_the_saved_whole_and_afresh() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let path = dir.path().join("index");
    index_inputs(&path, &[corpus], &IndexOptions::default(), &()).unwrap();
    let saved = path.join("expansions.json");
    assert!(saved.is_file(), "indexing saves the analysed glossary");
    let queries = [
        "ISF troops",
        "International Stabilisation Force",
        "Garabagh ceasefire",
        "\"Eastern Zangezur\" roads",
        "NATO OR UN",
        "nothing from the glossary",
    ];
    let executed = |index: &NewsIndex, query: &str| {
        Session::new(index)
            .prepare(query, &SearchOptions::default())
            .unwrap()
            .executed()
            .to_string()
    };
    let fresh_open = || NewsIndex::open(&path).unwrap();
    let first: Vec<String> = queries.iter().map(|q| executed(&fresh_open(), q)).collect();
    let reused = fresh_open();
    let later: Vec<String> = queries.iter().map(|q| executed(&reused, q)).collect();
    std::fs::remove_file(&saved).unwrap();
    let afresh: Vec<String> = queries.iter().map(|q| executed(&fresh_open(), q)).collect();
    assert_eq!(first, later);
    assert_eq!(first, afresh);
    assert!(first[0].contains("stabil"), "{}", first[0]);
}
