//! `newsdex kwic`: aligned keyword-in-context lines, sorting, formats.

use serde_json::Value;

use crate::util::Indexed;
use crate::util::{json, stdout};

fn lines(json: &Value) -> &Vec<Value> {
    json["lines"].as_array().unwrap()
}

/// The words of a context, lowercased, without surrounding punctuation.
fn words(context: &str) -> Vec<String> {
    context
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

#[test]
fn keywords_line_up_in_one_column() {
    let indexed = Indexed::corpus();
    for width in ["60", "25"] {
        let text = stdout(
            &indexed.index(),
            &[
                "kwic", "ISF", "--width", width, "--color", "never", "--lang", "en",
            ],
        );
        let mut rows = text.lines();
        let summary = rows.next().unwrap();
        assert!(
            summary.starts_with("kwic: isf OR \"internat stabil forc\""),
            "{summary}"
        );
        assert_eq!(rows.next(), Some(""));
        let rows: Vec<&str> = rows.collect();
        assert!(rows.len() > 10);
        let width: usize = width.parse().unwrap();
        for row in &rows {
            let column = row.find(" | ").map(|at| row[..at].chars().count());
            assert_eq!(column, Some(width), "{row}");
        }
    }
}

#[test]
fn occurrences_include_variants_and_expansions() {
    let indexed = Indexed::corpus();
    let found = json(&indexed.index(), &["kwic", "ISF", "--format", "json"]);
    assert_eq!(found["schema_version"], 2);
    let keywords: Vec<&str> = lines(&found)
        .iter()
        .map(|l| l["keyword"].as_str().unwrap())
        .collect();
    assert!(keywords.contains(&"ISF"));
    assert!(keywords.contains(&"International Stabilisation Force"));
    assert!(keywords.contains(&"International Stabilization Force"));
    assert_eq!(found["occurrences"], keywords.len());
    for line in lines(&found) {
        assert!(line["left"].as_str().unwrap().chars().count() <= 60);
        assert!(line["right"].as_str().unwrap().chars().count() <= 60);
        assert!(!line["left"].as_str().unwrap().contains('\n'));
        assert!(line["article_id"].as_str().is_some());
        assert!(line["date"].as_str().unwrap().starts_with("202"));
    }
    let stems = json(
        &indexed.index(),
        &["kwic", "stabilising", "--format", "json"],
    );
    let keywords: Vec<String> = lines(&stems)
        .iter()
        .map(|l| l["keyword"].as_str().unwrap().to_lowercase())
        .collect();
    assert!(keywords.iter().any(|k| k == "stabilisation"));
    assert!(keywords.iter().any(|k| k == "stabilization"));
}

#[test]
fn sorts_by_either_context_and_limits() {
    let indexed = Indexed::corpus();
    let index = indexed.index();
    let left = json(
        &index,
        &["kwic", "force", "--sort", "left", "--format", "json"],
    );
    let keys: Vec<Vec<String>> = lines(&left)
        .iter()
        .map(|l| {
            let mut w = words(l["left"].as_str().unwrap());
            w.reverse();
            w
        })
        .collect();
    assert!(keys.len() > 20);
    assert!(keys.windows(2).all(|p| p[0] <= p[1]), "{keys:?}");

    let right = json(
        &index,
        &["kwic", "force", "--sort", "right", "--format", "json"],
    );
    let keys: Vec<Vec<String>> = lines(&right)
        .iter()
        .map(|l| words(l["right"].as_str().unwrap()))
        .collect();
    assert!(keys.windows(2).all(|p| p[0] <= p[1]), "{keys:?}");

    let limited = json(
        &index,
        &[
            "kwic", "force", "--sort", "right", "--limit", "3", "--format", "json",
        ],
    );
    assert_eq!(lines(&limited).len(), 3);
    assert_eq!(lines(&limited)[..], lines(&right)[..3]);
    assert_eq!(limited["occurrences"], right["occurrences"]);
}

#[test]
fn tsv_has_a_header_and_six_columns() {
    let indexed = Indexed::corpus();
    let tsv = stdout(
        &indexed.index(),
        &["kwic", "OIC", "--format", "tsv", "--width", "20"],
    );
    let mut rows = tsv.lines();
    assert_eq!(
        rows.next(),
        Some("article_id\tpassage\tdate\tleft\tkeyword\tright")
    );
    let rows: Vec<&str> = rows.collect();
    assert!(!rows.is_empty());
    for row in rows {
        assert_eq!(row.split('\t').count(), 6, "{row}");
    }
}
