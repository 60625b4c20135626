//! `newsdex show` and `newsdex export`: whole articles rebuilt from their passages.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use predicates::prelude::*;
use serde_json::Value;

use crate::util::{index_folder, newsdex, Indexed};
use crate::util::{json, run, stdout, Corpus};

/// A long paragraph (split into several passages at sentence boundaries) between short ones.
fn long_article() -> (String, Vec<String>) {
    let long: Vec<String> = (1..=30)
        .map(|i| {
            format!("Sentence {i} tells how the crews of Port Elm cleared the quay, one crate at a time.")
        })
        .collect();
    let paragraphs = vec![
        "Crews worked through the night at the harbour.".to_string(),
        long.join(" "),
        "The ferry will run again on Friday, the operator said.".to_string(),
        "Şuşa-born engineer Leyla Qasımova led the survey — “a long week”.".to_string(),
    ];
    let text = format!(
        "---\ntitle: Port Elm clears its quay\nauthor: Ann Lee and Bob Stone\nsource: Coast Post\n\
         date: 2026-01-07\nurl: https://example.org/quay\n---\n\n{}\n",
        paragraphs.join("\n\n")
    );
    (text, paragraphs)
}

#[test]
fn show_rebuilds_the_article_from_its_passages() {
    let (text, paragraphs) = long_article();
    let corpus = Corpus::new(&[("quay.md", &text)]);
    let index = corpus.index();
    let search = json(
        &index,
        &[
            "search",
            "crate quay",
            "--json",
            "-n",
            "50",
            "--per-article",
            "0",
        ],
    );
    let passages = search["results"].as_array().unwrap().len();
    assert!(passages >= 3, "the long paragraph is split: {passages}");

    let shown = json(&index, &["show", "quay.md", "--json"]);
    assert_eq!(shown["schema_version"], 1);
    assert_eq!(shown["id"], "quay.md");
    assert_eq!(shown["title"], "Port Elm clears its quay");
    assert_eq!(shown["byline"], "Ann Lee and Bob Stone");
    assert_eq!(
        shown["authors"],
        serde_json::json!(["Ann Lee", "Bob Stone"])
    );
    assert_eq!(shown["source"], "Coast Post");
    assert_eq!(shown["date"], "2026-01-07");
    assert_eq!(shown["url"], "https://example.org/quay");
    assert_eq!(shown["copy_of"], Value::Null);
    assert!(shown["path"].as_str().unwrap().ends_with("quay.md"));
    assert_eq!(shown["body"], paragraphs.join("\n\n"));
    assert!(shown.get("highlights").is_none());

    let text = stdout(&index, &["show", "quay.md", "--color", "never"]);
    assert!(text.starts_with(
        "Port Elm clears its quay\nAnn Lee and Bob Stone · Coast Post · 2026-01-07\n"
    ));
    assert!(
        text.ends_with(&format!("\n\n{}\n", paragraphs.join("\n\n"))),
        "{text}"
    );
    assert!(!text.contains('\x1b'));
}

#[test]
fn show_highlights_what_the_query_matches() {
    let corpus = Corpus::three();
    let index = corpus.index();
    let coloured = stdout(
        &index,
        &[
            "show",
            "coast/fares.txt",
            "--highlight",
            "ferries",
            "--color",
            "always",
        ],
    );
    assert!(
        coloured.contains("\x1b[1;33mferry\x1b[0m operator"),
        "{coloured}"
    );
    assert!(
        coloured.contains("highlighted: ferri · 2 matches"),
        "{coloured}"
    );
    let plain = stdout(
        &index,
        &[
            "show",
            "coast/fares.txt",
            "--highlight",
            "ferries",
            "--color",
            "never",
        ],
    );
    assert!(!plain.contains('\x1b'));
    let auto = newsdex()
        .args(["show", "coast/fares.txt", "--highlight", "ferry", "--index"])
        .arg(&index)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&auto.stdout).contains('\x1b'));

    let shown = json(
        &index,
        &["show", "coast/fares.txt", "--highlight", "ferry", "--json"],
    );
    let body = shown["body"].as_str().unwrap();
    let words: Vec<&str> = shown["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &body[s["start"].as_u64().unwrap() as usize..s["end"].as_u64().unwrap() as usize])
        .collect();
    assert_eq!(words, ["ferry", "ferry"]);
    assert_eq!(shown["executed_query"], "ferri");
}

#[test]
fn show_names_an_unknown_id_and_fails() {
    let corpus = Corpus::three();
    newsdex()
        .args(["show", "coast/nothing.txt", "--index"])
        .arg(corpus.index())
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "no article with id or path \"coast/nothing.txt\"",
        ));
}

fn export(index: &std::path::Path) -> Vec<Value> {
    stdout(index, &["export"])
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

#[test]
fn export_writes_every_article_in_id_order() {
    let corpus = Corpus::three();
    let rows = export(&corpus.index());
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "coast/fares.txt",
            "coast/harbour.txt",
            "valley/harbour-copy.txt"
        ]
    );
    let fares = &rows[0];
    let keys: Vec<&str> = fares
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "id", "title", "byline", "authors", "date", "source", "url", "path", "copy_of", "body",
    ] {
        assert!(keys.contains(&key), "{key} in {keys:?}");
    }
    assert_eq!(
        fares["authors"],
        serde_json::json!(["Bob Stone", "Cy Dale"])
    );
    assert_eq!(fares["date"], "2026-01-20");
    assert_eq!(
        fares["body"],
        "The ferry operator raised fares by a tenth. Islanders said the ferry is their only link.\n\n\
         The council will discuss the fares in March."
    );
    assert_eq!(rows[2]["copy_of"], "coast/harbour.txt");
}

#[test]
fn export_round_trips_through_files_and_indexing() {
    let indexed = Indexed::corpus();
    let first = export(&indexed.index());
    assert_eq!(first.len(), 49);
    let again = indexed.dir.path().join("again");
    for (i, row) in first.iter().enumerate() {
        let field = |k: &str| row[k].as_str().unwrap_or("").to_string();
        let mut text = format!("{}\n", field("title"));
        if let Some(byline) = row["byline"].as_str() {
            match row["source"].as_str() {
                Some(source) => text += &format!("By {byline} | {source}\n"),
                None => text += &format!("By {byline}\n"),
            }
        }
        if let Some(date) = row["date"].as_str() {
            text += &format!("{date}\n");
        }
        text += &format!("\n{}\n", field("body"));
        crate::util::write(&again.join(format!("{i:03}.txt")), text);
    }
    let index2 = indexed.dir.path().join("index2");
    index_folder(&again, &index2);
    let second = export(&index2);
    let essence = |rows: &[Value]| {
        let mut out: Vec<String> = rows
            .iter()
            .map(|r| {
                ["title", "byline", "source", "date", "body"]
                    .map(|k| r[k].to_string())
                    .join("\u{1}")
            })
            .collect();
        out.sort();
        out
    };
    assert_eq!(second.len(), first.len());
    assert_eq!(essence(&second), essence(&first));
}

#[test]
fn export_into_a_closed_pipe_ends_quietly() {
    let indexed = Indexed::corpus();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("newsdex"))
        .args(["export", "--index"])
        .arg(indexed.index())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert!(line.starts_with("{\"id\":"));
    drop(reader);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn views_name_a_missing_index() {
    for args in [
        vec!["show", "x"],
        vec!["export"],
        vec!["stats"],
        vec!["count", "x"],
        vec!["timeline", "x"],
        vec!["kwic", "x"],
    ] {
        let out = run(std::path::Path::new("/no/such/index"), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("no index at /no/such/index"));
    }
}
