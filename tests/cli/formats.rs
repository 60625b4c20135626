//! Every output format on the bundled corpus, snapshotted; determinism; exit codes; pipes.

use std::io::Read;
use std::process::{Command as StdCommand, Stdio};

use crate::util::{newsdex, Indexed};

fn run(indexed: &Indexed, args: &[&str]) -> String {
    let out = newsdex()
        .args(["search", "--index"])
        .arg(indexed.index())
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_format_is_stable() {
    let indexed = Indexed::corpus();
    let query = [
        "\"stabilisation force\" Indonesia",
        "-n",
        "3",
        "--no-timing",
    ];
    for format in ["text", "json", "jsonl", "tsv", "csv", "trec"] {
        let output = run(&indexed, &[&query[..], &["--format", format]].concat());
        insta::assert_snapshot!(format!("format_{format}"), output);
    }
}

#[test]
fn same_index_and_query_give_byte_identical_output() {
    let indexed = Indexed::corpus();
    let args = ["OIC Gaza", "--format", "json", "--no-timing", "-n", "20"];
    let first = run(&indexed, &args);
    assert_eq!(first, run(&indexed, &args));
    assert!(!first.contains("took_ms"));
}

#[test]
fn json_adds_character_offsets_and_marked_snippets() {
    let indexed = Indexed::corpus();
    let json = indexed.search_json("Qarabağ", &["-n", "1", "--no-expand"]);
    let hit = &json["results"][0];
    let text = hit["text"].as_str().unwrap();
    let span = &hit["highlights"][0];
    let (start, end) = (
        span["start"].as_u64().unwrap() as usize,
        span["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[start..end], "Qarabağ");
    let chars: String = text
        .chars()
        .skip(span["char_start"].as_u64().unwrap() as usize)
        .take(7)
        .collect();
    assert_eq!(chars, "Qarabağ");
    assert!(hit["snippet_html"]
        .as_str()
        .unwrap()
        .contains("<mark>Qarabağ</mark>"));
    assert!(hit["snippet_markdown"]
        .as_str()
        .unwrap()
        .contains("**Qarabağ**"));
}

#[test]
fn fields_choose_columns_and_unknown_ones_are_named() {
    let indexed = Indexed::corpus();
    let tsv = run(
        &indexed,
        &[
            "ISF",
            "--format",
            "tsv",
            "--fields",
            "rank,article_id",
            "-n",
            "2",
        ],
    );
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(lines[0], "rank\tarticle_id");
    assert!(lines[1].starts_with("1\t"));
    newsdex()
        .args(["search", "ISF", "--fields", "rank,titel", "--index"])
        .arg(indexed.index())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "unknown field \"titel\"; fields are qid, rank",
        ));
}

#[test]
fn article_unit_gives_each_article_once() {
    let indexed = Indexed::corpus();
    let json = indexed.search_json("Gaza force", &["-n", "30", "--unit", "article"]);
    let ids: Vec<&str> = json["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["article_id"].as_str().unwrap())
        .collect();
    let unique: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(ids.len(), unique.len());
    assert!(json["results"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["matching_passages"].as_u64().unwrap() > 1));
}

#[test]
fn passage_unit_caps_passages_per_article() {
    let indexed = Indexed::corpus();
    for (cap, limit) in [("1", 1), ("2", 2)] {
        let json = indexed.search_json("Gaza", &["-n", "40", "--per-article", cap]);
        let mut counts = std::collections::HashMap::new();
        for hit in json["results"].as_array().unwrap() {
            *counts
                .entry(hit["article_id"].as_str().unwrap().to_string())
                .or_insert(0) += 1;
        }
        assert!(counts.values().all(|&n| n <= limit), "{counts:?}");
    }
}

#[test]
fn date_sort_orders_by_publication() {
    let indexed = Indexed::corpus();
    let json = indexed.search_json("Gaza", &["-n", "20", "--sort", "-date"]);
    let dates: Vec<&str> = json["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["date"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert!(json["results"][0]["score"].as_f64().unwrap() > 0.0);
    let json = indexed.search_json("Gaza", &["-n", "20", "--sort", "date"]);
    let dates: Vec<&str> = json["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["date"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
}

#[test]
fn explain_breaks_the_score_down() {
    let indexed = Indexed::corpus();
    let json = indexed.search_json("Aliyev", &["-n", "1", "--explain"]);
    let explanation = &json["results"][0]["explanation"];
    let value = explanation["value"].as_f64().unwrap();
    assert!(
        (value - json["results"][0]["score"].as_f64().unwrap()).abs() < 1e-3,
        "{explanation}"
    );
}

#[test]
fn fail_empty_exits_1_only_when_asked() {
    let indexed = Indexed::corpus();
    for (extra, code) in [(None, 0), (Some("--fail-empty"), 1)] {
        newsdex()
            .args(["search", "zeppelinquokka", "--index"])
            .arg(indexed.index())
            .args(extra)
            .assert()
            .code(code);
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let indexed = Indexed::corpus();
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("newsdex"))
        .args([
            "search",
            "Gaza",
            "--format",
            "jsonl",
            "-n",
            "1000",
            "--per-article",
            "0",
            "--index",
        ])
        .arg(indexed.index())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(status.success(), "{status:?} {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
