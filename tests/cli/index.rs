//! `newsdex index`: what gets in, what is skipped and why, and re-indexing.

use predicates::prelude::*;

use crate::util::json;
use crate::util::{index_folder, newsdex, results, write, Indexed};

#[test]
fn indexes_the_bundled_corpus_with_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    newsdex()
        .arg("index")
        .arg(crate::util::corpus())
        .arg("--index")
        .arg(dir.path().join("index"))
        .assert()
        .success()
        .stderr(
            predicate::str::is_match(
                r"indexed \d+ articles \(\d+ passages\) from \d+ of \d+ files",
            )
            .unwrap(),
        )
        .stderr(predicate::str::contains("MB/s"));
}

#[test]
fn reindexing_the_same_folder_duplicates_nothing() {
    let indexed = Indexed::corpus();
    let before = indexed.search_json("Gaza", &["-n", "1000"]);
    index_folder(&crate::util::corpus(), &indexed.index());
    let after = indexed.search_json("Gaza", &["-n", "1000"]);
    assert_eq!(before["total_hits"], after["total_hits"]);
    assert_eq!(results(&before).len(), results(&after).len());
}

#[test]
fn windows_1252_is_decoded_and_binary_is_skipped_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(
        &input.join("latin.txt"),
        b"Caf\xE9 owners protest\n\nThe caf\xE9 on the square closed its doors.\n",
    );
    write(&input.join("blob.txt"), b"\x00\x01\x02binary\x00");
    write(&input.join("photo.jpg"), b"\xFF\xD8");
    let index = dir.path().join("index");
    newsdex()
        .arg("index")
        .arg(&input)
        .arg("--index")
        .arg(&index)
        .assert()
        .success()
        .stderr(predicate::str::contains("blob.txt: binary file (not text)"))
        .stderr(predicate::str::contains(
            "photo.jpg: unsupported file type .jpg",
        ))
        .stderr(predicate::str::contains("decoded 1 as Windows-1252"));
    let json = json(&index, &["search", "café", "--json"]);
    assert_eq!(json["results"][0]["title"], "Café owners protest");
}

#[test]
fn the_footer_an_outlet_repeats_never_ranks() {
    let indexed = Indexed::corpus();
    let json = indexed.search_json("\"Subscribe for full access to our analysis\"", &[]);
    assert_eq!(json["total_hits"], 0, "{json:#}");
}

#[test]
fn html_pages_give_their_article_without_the_page_furniture() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(
        &input.join("page.html"),
        r#"<!doctype html><html><head><title>Demining resumes | Caspian Courier</title>
        <meta property="og:title" content="Demining resumes near Aghdam">
        <meta property="og:site_name" content="Caspian Courier">
        <meta property="article:published_time" content="2026-02-03T09:30:00+04:00"></head>
        <body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
        <article><h1>Demining resumes near Aghdam</h1>
        <p>Teams from the national mine action agency returned to the fields east of Aghdam on Monday,
        clearing the plots that farmers hope to sow in spring.</p>
        <p>Officials said the work would take most of the year, and that the quokka-shaped warning signs
        would stay until every field had been checked twice.</p></article>
        <aside class="related"><h2>Related</h2><ul><li><a href="/a">Cookie policy update</a></li></ul></aside>
        <footer>Subscribe to our newsletter</footer></body></html>"#,
    );
    let index = dir.path().join("index");
    index_folder(&input, &index);
    let json = json(&index, &["search", "Aghdam", "--json"]);
    let hit = &results(&json)[0];
    assert_eq!(hit["title"], "Demining resumes near Aghdam");
    assert_eq!(hit["source"], "Caspian Courier");
    assert_eq!(hit["date"], "2026-02-03T05:30:00Z");
    let text = hit["text"].as_str().unwrap();
    assert!(
        text.starts_with("Teams from the national mine action agency"),
        "{text}"
    );
    assert!(
        !text.contains("Subscribe") && !text.contains("Cookie") && !text.contains("Home"),
        "{text}"
    );
}

#[test]
fn field_overrides_read_custom_json_keys() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(
        &input.join("wire.jsonl"),
        "{\"slug\": \"w-1\", \"hed\": \"Quokka census grows\", \"copy\": \"The quokka census counted more animals.\"}\n",
    );
    let index = dir.path().join("index");
    newsdex()
        .arg("index")
        .arg(&input)
        .args([
            "--field",
            "title=hed",
            "--field",
            "body=copy",
            "--field",
            "id=slug",
            "--index",
        ])
        .arg(&index)
        .assert()
        .success();
    let json = json(&index, &["search", "quokka", "--json"]);
    let hit = &results(&json)[0];
    assert_eq!(hit["article_id"], "w-1");
    assert_eq!(hit["title"], "Quokka census grows");
    newsdex()
        .arg("index")
        .arg(&input)
        .args(["--field", "headline=hed", "--index"])
        .arg(&index)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("headline"));
}

/// Every article the index holds, as `export` writes it, by id.
fn exported(index: &std::path::Path) -> std::collections::BTreeMap<String, serde_json::Value> {
    let out = newsdex()
        .args(["export", "--index"])
        .arg(index)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let article: serde_json::Value = serde_json::from_str(line).unwrap();
            (article["id"].as_str().unwrap().to_string(), article)
        })
        .collect()
}

#[test]
fn unix_timestamps_and_trec_compact_dates_are_normalised() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(
        &input.join("feed.jsonl"),
        "{\"id\": \"s\", \"text\": \"Seconds.\", \"published\": 1767607200}\n\
         {\"id\": \"ms\", \"text\": \"Milliseconds.\", \"date\": 1767607200000}\n\
         {\"id\": \"day\", \"text\": \"Compact day.\", \"date\": 20260105}\n\
         {\"id\": \"year\", \"text\": \"A year is no date.\", \"date\": 2026}\n",
    );
    write(
        &input.join("wire.csv"),
        "id,date,text\ncsv-1,1767607200,Seconds in a cell.\n",
    );
    write(
        &input.join("ap.trec"),
        "<DOC>\n<DOCNO> AP880212-0001 </DOCNO>\n<TEXT>\nDated by its DOCNO.\n</TEXT>\n</DOC>\n\
         <DOC>\n<DOCNO> FT911-1 </DOCNO>\n<DATE>\n870226\n</DATE>\n<TEXT>\nDated YYMMDD.\n</TEXT>\n</DOC>\n",
    );
    let index = dir.path().join("index");
    index_folder(&input, &index);
    let articles = exported(&index);
    let date = |id: &str| articles[id]["date"].clone();
    assert_eq!(date("s"), "2026-01-05T10:00:00Z");
    assert_eq!(date("ms"), "2026-01-05T10:00:00Z");
    assert_eq!(date("day"), "2026-01-05");
    assert_eq!(date("year"), serde_json::Value::Null);
    assert_eq!(date("csv-1"), "2026-01-05T10:00:00Z");
    assert_eq!(date("AP880212-0001"), "1988-02-12");
    assert_eq!(date("FT911-1"), "1987-02-26");
    let found = newsdex()
        .args(["search", "dated", "--json", "--since", "1988", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    let found: serde_json::Value = serde_json::from_slice(&found.stdout).unwrap();
    let ids: Vec<_> = results(&found)
        .iter()
        .map(|hit| hit["article_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["AP880212-0001"]);
}

/// The lines of a skip report, with the folder `root` cut from the paths.
fn report_lines(report: &std::path::Path, root: &std::path::Path) -> Vec<serde_json::Value> {
    let root = format!("{}/", root.display());
    std::fs::read_to_string(report)
        .unwrap()
        .lines()
        .map(|line| {
            let mut skip: serde_json::Value = serde_json::from_str(line).unwrap();
            let path = skip["path"].as_str().unwrap().replace(&root, "");
            skip["path"] = path.into();
            skip
        })
        .collect()
}

#[test]
fn report_writes_every_skip_as_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(
        &input.join("good.txt"),
        "Harbour reopens\n\nThe harbour reopened.\n",
    );
    write(&input.join("photo.jpg"), b"\xFF\xD8");
    write(&input.join("blob.txt"), b"\x00\x01\x02binary\x00");
    write(
        &input.join("feed #1.jsonl"),
        "{\"text\": \"Fine.\"}\n{\"text\": \n{\"title\": \"No body\"}\n",
    );
    write(
        &input.join("rows.csv"),
        "title,text\nA,Body a.\nB,Body b.,extra\n",
    );
    write(
        &input.join("wire.trec"),
        "<DOC><DOCNO>D1</DOCNO><TEXT>Body.</TEXT></DOC>\n<DOC><DOCNO>D2</DOCNO></DOC>\n",
    );
    let report = dir.path().join("skipped.jsonl");
    let index = dir.path().join("index");
    newsdex()
        .arg("index")
        .arg(&input)
        .arg("--report")
        .arg(&report)
        .arg("--index")
        .arg(&index)
        .assert()
        .success()
        .stderr(predicate::str::contains("skipped 2 files and 4 records:\n"));
    let lines = report_lines(&report, &input);
    let expected = [
        serde_json::json!({"path": "photo.jpg", "line": null, "record": null,
            "reason": "unsupported_type", "message": "unsupported file type .jpg"}),
        serde_json::json!({"path": "blob.txt", "line": null, "record": null,
            "reason": "binary", "message": "binary file (not text)"}),
        serde_json::json!({"path": "feed #1.jsonl", "line": 2, "record": 2,
            "reason": "invalid_json",
            "message": "invalid JSON at line 2: EOF while parsing a value at column 9"}),
        serde_json::json!({"path": "feed #1.jsonl", "line": 3, "record": 3,
            "reason": "no_body_field",
            "message": "no body field (such as body, text, content or article) among the fields found: \"title\""}),
        serde_json::json!({"path": "rows.csv", "line": 3, "record": 2, "reason": "ragged_row",
            "message": "CSV row 2 has 3 fields where the header has 2"}),
        serde_json::json!({"path": "wire.trec", "line": null, "record": 2, "reason": "no_text",
            "message": "no text in record D2"}),
    ];
    assert_eq!(lines, expected);
}

#[test]
fn report_is_written_when_nothing_could_be_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(&input.join("notes.pdf"), "%PDF-1.4");
    let report = dir.path().join("skipped.jsonl");
    newsdex()
        .arg("index")
        .arg(&input)
        .arg("--report")
        .arg(&report)
        .arg("--index")
        .arg(dir.path().join("index"))
        .assert()
        .code(2);
    assert_eq!(
        report_lines(&report, &input),
        [
            serde_json::json!({"path": "notes.pdf", "line": null, "record": null,
            "reason": "unsupported_type", "message": "unsupported file type .pdf"})
        ]
    );
}

#[test]
fn an_unwritable_report_is_named_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(
        &input.join("good.txt"),
        "Harbour reopens\n\nThe harbour reopened.\n",
    );
    let index = dir.path().join("index");
    for report in [dir.path().join("no/such/folder/r.jsonl"), input.clone()] {
        newsdex()
            .arg("index")
            .arg(&input)
            .arg("--report")
            .arg(&report)
            .arg("--index")
            .arg(&index)
            .assert()
            .code(2)
            .stderr(predicate::str::starts_with(format!(
                "newsdex: cannot write the skip report {}: ",
                report.display()
            )));
        assert!(!index.exists(), "nothing indexed");
    }
}

#[test]
fn relevance_judgments_and_runs_beside_the_articles_are_not_articles() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(
        &input.join("good.txt"),
        "Harbour reopens\n\nThe harbour reopened.\n",
    );
    write(
        &input.join("dev/qrels.txt"),
        "q1 0 good.txt 1\nq1 0 other.txt 0\n",
    );
    write(
        &input.join("runs/bm25"),
        "q1 Q0 good.txt 1 7.25 bm25\nq1 Q0 other.txt 2 3.5 bm25\n",
    );
    let index = dir.path().join("index");
    newsdex()
        .arg("index")
        .arg(&input)
        .arg("--index")
        .arg(&index)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "dev/qrels.txt: relevance judgments (qrels) or a run in TREC format, not articles",
        ))
        .stderr(predicate::str::contains(
            "runs/bm25: relevance judgments (qrels) or a run in TREC format, not articles",
        ));
    assert_eq!(exported(&index).keys().collect::<Vec<_>>(), ["good.txt"]);
}

#[test]
fn no_progress_bar_off_a_terminal_and_nothing_at_all_with_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(
        &input.join("good.txt"),
        "Harbour reopens\n\nThe harbour reopened.\n",
    );
    let out = newsdex()
        .arg("index")
        .arg(&input)
        .arg("--index")
        .arg(dir.path().join("index"))
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("indexed 1 article ("), "{stderr:?}");
    assert!(
        !stderr.contains("ETA") && !stderr.contains('\u{1b}'),
        "{stderr:?}"
    );
    newsdex()
        .arg("index")
        .arg(&input)
        .args(["--quiet", "--rebuild", "--index"])
        .arg(dir.path().join("index"))
        .assert()
        .success()
        .stderr("");
}

#[test]
fn the_help_names_every_format_and_option() {
    let out = newsdex().args(["index", "--help"]).output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap().replace('\n', " ");
    for word in [
        ".txt",
        ".md",
        ".html",
        ".json",
        ".jsonl",
        ".ndjson",
        "CSV",
        "TSV",
        ".trec",
        ".sgm",
        ".gz",
        "--glob",
        "--exclude",
        "--report",
        "newsdex.toml",
    ] {
        assert!(help.contains(word), "{word} missing from: {help}");
    }
}
