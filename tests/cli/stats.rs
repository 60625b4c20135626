//! `newsdex stats` and `newsdex count` on a corpus whose figures are known.

use std::collections::BTreeSet;

use newsdex::analysis::terms;
use serde_json::json;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::util::{json, stdout, Corpus, THREE};

/// The bodies of the fixture (everything after the blank line under the header).
fn bodies() -> Vec<&'static str> {
    THREE
        .iter()
        .map(|(_, text)| text.split_once("\n\n").unwrap().1)
        .collect()
}

#[test]
fn stats_of_a_known_corpus() {
    let corpus = Corpus::three();
    let index = corpus.index();
    let stats = json(&index, &["stats", "--format", "json"]);
    assert_eq!(stats["schema_version"], 1);
    assert_eq!(stats["articles"], 3);
    assert_eq!(stats["passages"], 3);
    assert_eq!(stats["copies"], 1);
    assert_eq!(
        stats["sources"],
        json!([
            {"source": "Coast Post", "articles": 2},
            {"source": "Valley Times", "articles": 1}
        ])
    );
    assert_eq!(stats["date_min"], "2026-01-05");
    assert_eq!(stats["date_max"], "2026-03-03");
    assert_eq!(stats["undated"], 0);
    assert_eq!(stats["files"], 3);
    assert_eq!(stats["folders"], 2);
    let vocabulary: BTreeSet<String> = bodies().into_iter().flat_map(terms).collect();
    assert_eq!(stats["terms"], vocabulary.len());

    let mut size = 0;
    for entry in std::fs::read_dir(&index).unwrap() {
        let meta = entry.unwrap().metadata().unwrap();
        if meta.is_file() {
            size += meta.len();
        }
    }
    assert_eq!(stats["size_bytes"], size);
    let modified = std::fs::metadata(index.join("meta.json"))
        .unwrap()
        .modified()
        .unwrap();
    let modified = OffsetDateTime::from(modified)
        .replace_nanosecond(0)
        .unwrap();
    assert_eq!(stats["last_indexed"], modified.format(&Rfc3339).unwrap());

    let top = json(&index, &["stats", "--format", "json", "--top", "1"]);
    assert_eq!(
        top["sources"],
        json!([{"source": "Coast Post", "articles": 2}])
    );
    assert_eq!(top["sources_total"], 2);

    let text = stdout(&index, &["stats"]);
    for line in [
        "articles      3",
        "copies        1 (exact copies of another article)",
        "passages      3",
        "dates         2026-01-05 to 2026-03-03 (0 undated)",
        "files         3 in 2 folders",
        "sources       2",
        "  Coast Post           2",
        "  Valley Times         1",
    ] {
        assert!(text.lines().any(|l| l == line), "{line:?} in\n{text}");
    }
}

#[test]
fn count_per_source() {
    let corpus = Corpus::three();
    let index = corpus.index();
    let count = json(
        &index,
        &["count", "ferry", "--by", "source", "--format", "json"],
    );
    assert_eq!(count["schema_version"], 1);
    assert_eq!(count["query"], "ferry");
    assert_eq!(count["executed_query"], "ferri");
    assert_eq!(count["passages"], 3);
    assert_eq!(count["articles"], 3);
    assert_eq!(
        count["stories"], 2,
        "the copy is a version of the harbour story"
    );
    assert_eq!(
        count["by_source"],
        json!([
            {"source": "Coast Post", "passages": 2, "articles": 2, "stories": 2, "shared_stories": 1},
            {"source": "Valley Times", "passages": 1, "articles": 1, "stories": 1, "shared_stories": 1}
        ])
    );
    let harbour = json(&index, &["count", "harbour fishing", "--format", "json"]);
    assert_eq!(
        (harbour["passages"].clone(), harbour["articles"].clone()),
        (json!(2), json!(2))
    );
    assert!(harbour.get("by_source").is_none());
    let since = json(
        &index,
        &[
            "count", "ferry", "--since", "2026-02", "--by", "source", "--format", "json",
        ],
    );
    assert_eq!(
        since["by_source"],
        json!([{"source": "Valley Times", "passages": 1, "articles": 1, "stories": 1, "shared_stories": 0}]),
        "the Coast Post's version is before the date chosen"
    );
    let none = json(&index, &["count", "tram", "--format", "json"]);
    assert_eq!(
        (none["passages"].clone(), none["articles"].clone()),
        (json!(0), json!(0))
    );

    let text = stdout(&index, &["count", "ferry", "--by", "source"]);
    assert_eq!(
        text,
        "counted: ferri\n3 passages in 3 articles (2 stories)\n\n\
         source        passages  articles  stories\n\
         Coast Post           2         2        2\n\
         Valley Times         1         1        1\n"
    );
}
