//! Wrong answers found by trying newsdex as a new user would, one test each (named after the
//! issue that reported them).

use std::collections::HashMap;

use serde_json::Value;

use crate::util::{newsdex, results, Indexed};

/// The article ids of a JSON answer, in rank order.
fn ids(json: &Value) -> Vec<String> {
    results(json)
        .iter()
        .map(|h| h["article_id"].as_str().expect("article_id").to_string())
        .collect()
}

/// The (article, passage) pairs of a JSON answer, sorted.
fn passages(json: &Value) -> Vec<(String, u64)> {
    let mut found: Vec<(String, u64)> = results(json)
        .iter()
        .map(|h| {
            let id = h["article_id"].as_str().expect("article_id").to_string();
            (id, h["passage"].as_u64().expect("passage"))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn r13_a_date_filter_restricts_and_never_matches_alone() {
    let indexed = Indexed::corpus();
    let inline = indexed.search_json("Azerbaijan Gaza date:2026-01", &["-n", "100"]);
    let flags = indexed.search_json(
        "Azerbaijan Gaza",
        &["-n", "100", "--since", "2026-01", "--until", "2026-01"],
    );
    assert_eq!(inline["total_hits"], flags["total_hits"]);
    assert_eq!(ids(&inline), ids(&flags));
    for hit in results(&inline) {
        assert!(hit["date"].as_str().unwrap().starts_with("2026-01"));
        let text = format!("{} {}", hit["title"], hit["text"]).to_lowercase();
        assert!(
            text.contains("azerbaijan") || text.contains("gaza"),
            "a hit matched only the date: {}",
            hit["title"]
        );
    }
}

#[test]
fn r13_a_source_filter_gives_the_same_matches_as_count() {
    let indexed = Indexed::corpus();
    let query = "source:\"Levant Ledger\" Azerbaijan";
    let search = indexed.search_json(query, &["-n", "100"]);
    let count = crate::util::json(&indexed.index(), &["count", query, "--format", "json"]);
    assert_eq!(search["total_hits"], count["passages"]);
    assert!(!results(&search).is_empty());
    for hit in results(&search) {
        assert_eq!(hit["source"], "Levant Ledger");
    }
}

#[test]
fn r13_filters_score_nothing() {
    let indexed = Indexed::corpus();
    let plain = indexed.search_json("Azerbaijan", &["-n", "5", "--since", "2025"]);
    let dated = indexed.search_json("Azerbaijan date:2025..", &["-n", "5"]);
    let scores = |json: &Value| -> Vec<f64> {
        results(json)
            .iter()
            .map(|h| h["score"].as_f64().unwrap())
            .collect()
    };
    assert_eq!(scores(&plain), scores(&dated));
    let unfiltered = indexed.search_json("Azerbaijan", &["-n", "5"]);
    assert_eq!(scores(&plain), scores(&unfiltered));
}

#[test]
fn r13_matching_passages_do_not_depend_on_the_page_size() {
    let indexed = Indexed::corpus();
    let mut seen: HashMap<String, Value> = HashMap::new();
    for n in ["1", "2", "3", "10", "40"] {
        let json = indexed.search_json("stabilisation force", &["-n", n]);
        for hit in results(&json) {
            let id = hit["article_id"].as_str().unwrap().to_string();
            let count = hit["matching_passages"].clone();
            if let Some(before) = seen.insert(id.clone(), count.clone()) {
                assert_eq!(before, count, "{id} with -n {n}");
            }
        }
    }
    let first = indexed.search_json("stabilisation force", &["-n", "1"]);
    assert!(results(&first)[0]["matching_passages"].as_u64().unwrap() > 1);
}

#[test]
fn r13_trec_scores_fall_with_rank() {
    let indexed = Indexed::corpus();
    let dir = tempfile::tempdir().unwrap();
    let topics = dir.path().join("topics.tsv");
    std::fs::write(
        &topics,
        "1\tAzerbaijan troops Gaza stabilisation force mandate\n\
         2\tKarabakh demining mines cleared\n\
         3\tHamas weapons disarmament second phase\n",
    )
    .unwrap();
    let out = newsdex()
        .args(["search", "--queries"])
        .arg(&topics)
        .args(["--format", "trec", "-n", "50", "--index"])
        .arg(indexed.index())
        .output()
        .unwrap();
    assert!(out.status.success());
    let run = String::from_utf8(out.stdout).unwrap();
    let mut last: HashMap<&str, (u64, f64)> = HashMap::new();
    let mut lines = 0;
    for line in run.lines() {
        let cols: Vec<&str> = line.split(' ').collect();
        let (qid, rank, score) = (cols[0], cols[3].parse().unwrap(), cols[4].parse().unwrap());
        if let Some((r, s)) = last.insert(qid, (rank, score)) {
            assert_eq!(rank, r + 1);
            assert!(score < s, "{qid}: rank {rank} has {score} after {s}");
        }
        lines += 1;
    }
    assert!(lines > 20, "{run}");
}

#[test]
fn r13_the_executed_query_parses_back_to_what_ran() {
    let indexed = Indexed::corpus();
    for query in [
        "Gaza -Hamas",
        "ISF troops -(Turkey OR Egypt)",
        "Garabagh OR ISF",
        "\"stabilisation force\"~2 title:Gaza",
    ] {
        for extra in [
            &["-n", "1000"][..],
            &["-n", "1000", "--since", "2026-01"][..],
        ] {
            let first = indexed.search_json(query, extra);
            let executed = first["executed_query"].as_str().unwrap().to_string();
            let again = indexed.search_json(&executed, &["--no-expand", "-n", "1000"]);
            assert_eq!(
                first["total_hits"], again["total_hits"],
                "{query} ran as {executed}"
            );
            // The same passages match (the typed form's extra weight may order them otherwise).
            assert_eq!(
                passages(&first),
                passages(&again),
                "{query} ran as {executed}"
            );
        }
    }
    let json = indexed.search_json("Gaza -Hamas", &["--lang", "en"]);
    assert_eq!(
        json["executed_query"],
        "(gaza OR gazz OR qazza OR gazastreifen) AND -(hama OR \"islam resist movement\")"
    );
}

#[test]
fn r13_every_hit_is_explained_and_its_parts_sum_to_its_score() {
    let indexed = Indexed::corpus();
    for unit in ["passage", "article"] {
        let json = indexed.search_json(
            "stabilisation force Indonesia",
            &["--explain", "-n", "40", "--unit", unit],
        );
        let hits = results(&json);
        assert!(hits.iter().any(|h| h["matched_all"] == false), "{unit}");
        for hit in hits {
            let value = hit["explanation"]["value"].as_f64().expect("explained");
            let score = hit["score"].as_f64().unwrap();
            assert!((value - score).abs() < 1e-3, "{unit}: {value} vs {score}");
        }
    }
}

#[test]
fn r13_an_index_path_that_is_a_file_is_named_as_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "hello").unwrap();
    let out = newsdex()
        .args(["search", "gaza", "--index"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is a file"), "{stderr}");
    assert!(!stderr.contains("directory without"), "{stderr}");
}

#[test]
fn r13_a_search_with_no_whole_match_suggests_near_spellings() {
    let indexed = Indexed::corpus();
    let out = newsdex()
        .args(["search", "Garabagk", "--index"])
        .arg(indexed.index())
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("did you mean garabagh (not garabagk)?"),
        "{stderr}"
    );
    let found = newsdex()
        .args(["search", "Garabagh", "--index"])
        .arg(indexed.index())
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&found.stderr).contains("did you mean"));
}

#[test]
fn r13_text_results_show_the_id_show_takes_and_no_double_spaces() {
    let indexed = Indexed::corpus();
    let out = newsdex()
        .args([
            "search",
            "Hamas weapons",
            "-n",
            "5",
            "--color",
            "never",
            "--index",
        ])
        .arg(indexed.index())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let snippet_lines = text
        .lines()
        .filter(|l| l.starts_with("    ") && !l.contains(" · "));
    for line in snippet_lines {
        assert!(!line.trim_start().contains("  "), "{line:?}");
    }
    let json = indexed.search_json("Hamas weapons", &["-n", "5"]);
    for hit in results(&json) {
        let id = hit["article_id"].as_str().unwrap();
        let passage = hit["passage"].as_u64().unwrap();
        assert!(
            text.contains(&format!("{id} ¶{passage}")),
            "{id} ¶{passage}"
        );
        for name in [id, hit["path"].as_str().unwrap()] {
            let shown = newsdex()
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .args(["show", name, "--json", "--index"])
                .arg(indexed.index())
                .output()
                .unwrap();
            assert!(shown.status.success(), "show {name}");
            let article: Value = serde_json::from_slice(&shown.stdout).unwrap();
            assert_eq!(article["id"], id);
        }
    }
}

#[test]
fn r21_a_page_read_from_its_largest_block_is_a_warning_not_a_skip() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    crate::util::write(
        &pages.join("gallery.html"),
        r#"<html><body><nav><a href="/">Home</a> <a href="/photos">Photos</a></nav>
        <div class="gallery"><div>Harbour lights at dawn</div><div>Gulls over the fish market</div>
        <div>The old pier from the lifeboat station, winter light</div><div>Nets drying</div></div>
        <footer>© 2026 City Post</footer></body></html>"#,
    );
    let out = newsdex()
        .arg("index")
        .arg(&pages)
        .arg("--index")
        .arg(dir.path().join("index"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("indexed 1 article ("), "{stderr}");
    assert!(stderr.contains("indexed with 1 warning:"), "{stderr}");
    assert!(!stderr.contains("skipped"), "{stderr}");
}
