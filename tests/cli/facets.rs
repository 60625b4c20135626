//! `newsdex count --by FACET`: matches per source, author, year, month and glossary entity,
//! checked against hand-counted fixtures.

use serde_json::{json, Value};

use crate::util::{json, stdout, Corpus};

/// The rows of `by_<facet>` as (value, passages, articles, stories).
fn rows(json: &Value, facet: &str) -> Vec<(Option<String>, u64, u64, u64)> {
    json[format!("by_{facet}")]
        .as_array()
        .unwrap_or_else(|| panic!("by_{facet} in {json}"))
        .iter()
        .map(|r| {
            (
                r[facet].as_str().map(str::to_string),
                r["passages"].as_u64().unwrap(),
                r["articles"].as_u64().unwrap(),
                r["stories"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn row(value: &str, passages: u64, articles: u64, stories: u64) -> (Option<String>, u64, u64, u64) {
    (Some(value.to_string()), passages, articles, stories)
}

#[test]
fn count_by_author_year_month_and_source() {
    // Ann Lee (Coast Post, 5 January), Bob Stone and Cy Dale (Coast Post, 20 January), and Dee
    // Park's copy of Ann Lee's story (Valley Times, 3 March): each one passage, all say "ferry".
    let corpus = Corpus::three();
    let index = corpus.index();
    let by = |facet: &str| json(&index, &["count", "ferry", "--by", facet, "--json"]);

    let authors = by("author");
    assert_eq!(authors["articles"], 3);
    assert_eq!(
        rows(&authors, "author"),
        [
            row("Ann Lee", 1, 1, 1),
            row("Bob Stone", 1, 1, 1),
            row("Cy Dale", 1, 1, 1),
            row("Dee Park", 1, 1, 1)
        ]
    );
    assert_eq!(rows(&by("year"), "year"), [row("2026", 3, 3, 2)]);
    assert_eq!(
        rows(&by("month"), "month"),
        [row("2026-01", 2, 2, 2), row("2026-03", 1, 1, 1)]
    );
    assert_eq!(
        rows(&by("source"), "source"),
        [row("Coast Post", 2, 2, 2), row("Valley Times", 1, 1, 1)]
    );

    let text = stdout(&index, &["count", "ferry", "--by", "month"]);
    assert!(
        text.contains(
            "month    passages  articles  stories\n2026-01         2         2        2\n"
        ),
        "{text}"
    );
    let csv = stdout(
        &index,
        &[
            "count", "ferry", "--by", "author", "--format", "csv", "-n", "2",
        ],
    );
    assert_eq!(
        csv,
        "author,passages,articles,stories\nAnn Lee,1,1,1\nBob Stone,1,1,1\n"
    );
    let totals = stdout(&index, &["count", "ferry", "--format", "csv"]);
    assert_eq!(totals, "passages,articles,stories\n3,3,2\n");
}

#[test]
fn entities_count_each_article_once_whatever_form_it_uses() {
    let corpus = Corpus::new(&[
        (
            "a.txt",
            "Troops for Gaza\n\n5 January 2026\n\nThe International Stabilisation Force will need troops, the United Nations said.\n",
        ),
        (
            "b.txt",
            "More troops\n\n6 January 2026\n\nThe ISF asked Jakarta for troops.\n",
        ),
        (
            "c.txt",
            "Troops pledged\n\n7 January 2026\n\nTroops for the International Stabilization Force (ISF) were pledged.\n",
        ),
        (
            "d.txt",
            "Troops at home\n\n8 January 2026\n\nThe UN thanked the troops coming home.\n",
        ),
        (
            "e.txt",
            "Harbour\n\n9 January 2026\n\nThe ISF is not mentioned with soldiers here, and the UN neither.\n",
        ),
    ]);
    let found = json(
        &corpus.index(),
        &["count", "troops", "--by", "entity", "--json"],
    );
    assert_eq!(found["articles"], 4);
    assert_eq!(
        rows(&found, "entity"),
        [
            row("International Stabilisation Force", 3, 3, 3),
            row("United Nations", 2, 2, 2),
            row("Gaza", 1, 1, 1)
        ],
        "e.txt mentions both but does not match; c.txt counts once for two forms; a title counts"
    );
    let none = json(
        &corpus.index(),
        &["count", "harbour", "--by", "entity", "--json"],
    );
    assert_eq!(
        none["by_entity"],
        json!([
            {"entity": "International Stabilisation Force", "passages": 1, "articles": 1, "stories": 1},
            {"entity": "United Nations", "passages": 1, "articles": 1, "stories": 1}
        ])
    );
}
