//! `newsdex index` again: only new, changed and deleted files change the index; remembered
//! folders; field mappings, globs and the skip report.

use std::path::Path;

use predicates::prelude::*;

use crate::util::{index_with, json, newsdex, results, write};

/// The ids of the articles a query finds, sorted.
fn found(index: &Path, query: &str) -> Vec<String> {
    let json = json(index, &["search", query, "--json", "-n", "100"]);
    let mut ids: Vec<String> = results(&json)
        .iter()
        .map(|hit| hit["article_id"].as_str().expect("id").to_string())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

fn story(title: &str, body: &str) -> String {
    format!("{title}\n\n{body}\n")
}

#[test]
fn only_new_changed_and_deleted_files_change_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let idx = dir.path().join("index");
    write(
        &input.join("one.txt"),
        story("Harbour reopens", "The harbour reopened to ferries."),
    );
    write(
        &input.join("two.txt"),
        story("Bridge closes", "The old bridge closed for repairs."),
    );
    write(
        &input.join("three.txt"),
        story("Market grows", "The harbour market grew again."),
    );
    let first = index_with(&idx, &[input.as_os_str()]);
    assert!(
        first.contains("files: 3 new, 0 changed, 0 deleted, 0 unchanged"),
        "{first}"
    );

    write(
        &input.join("one.txt"),
        story(
            "Harbour shuts",
            "The harbour shut after the storm, a longer story now.",
        ),
    );
    std::fs::remove_file(input.join("two.txt")).unwrap();
    write(
        &input.join("four.txt"),
        story("Ferry returns", "A ferry returned to the harbour."),
    );
    let second = index_with(&idx, &[input.as_os_str()]);
    assert!(
        second.contains("files: 1 new, 1 changed, 1 deleted, 1 unchanged"),
        "{second}"
    );
    assert!(second.contains("indexed 2 articles"), "{second}");

    assert_eq!(found(&idx, "harbour"), ["four.txt", "one.txt", "three.txt"]);
    assert!(found(&idx, "bridge").is_empty());
    assert!(found(&idx, "reopened").is_empty());
    assert_eq!(found(&idx, "storm"), ["one.txt"]);

    newsdex()
        .arg("index")
        .arg(&input)
        .arg("--index")
        .arg(&idx)
        .assert()
        .success()
        .stderr(predicate::str::contains("no changes"))
        .stderr(predicate::str::contains(
            "0 new, 0 changed, 0 deleted, 3 unchanged",
        ));
}

#[test]
fn a_file_touched_without_changing_its_content_is_not_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let idx = dir.path().join("index");
    let file = input.join("one.txt");
    write(
        &file,
        story("Harbour reopens", "The harbour reopened to ferries."),
    );
    index_with(&idx, &[input.as_os_str()]);
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let stderr = index_with(&idx, &[input.as_os_str()]);
    assert!(stderr.contains("no changes"), "{stderr}");
    assert!(stderr.contains("1 unchanged"), "{stderr}");
    assert_eq!(found(&idx, "harbour"), ["one.txt"]);
}

#[test]
fn reindexing_one_root_leaves_the_others_alone_and_no_path_syncs_all() {
    let dir = tempfile::tempdir().unwrap();
    let north = dir.path().join("north");
    let south = dir.path().join("south");
    let idx = dir.path().join("index");
    write(
        &north.join("n.txt"),
        story("North floods", "Floods reached the north valley."),
    );
    write(
        &south.join("s.txt"),
        story("South floods", "Floods reached the south coast."),
    );
    index_with(&idx, &[north.as_os_str()]);
    index_with(&idx, &[south.as_os_str()]);
    assert_eq!(found(&idx, "floods"), ["n.txt", "s.txt"]);

    write(
        &north.join("n2.txt"),
        story("North dries", "The north valley dried out, floods gone."),
    );
    let stderr = index_with(&idx, &[north.as_os_str()]);
    assert!(
        stderr.contains("files: 1 new, 0 changed, 0 deleted, 1 unchanged"),
        "{stderr}"
    );
    assert_eq!(found(&idx, "floods"), ["n.txt", "n2.txt", "s.txt"]);

    std::fs::remove_file(south.join("s.txt")).unwrap();
    write(
        &south.join("s2.txt"),
        story("South dries", "The south coast dried, floods gone."),
    );
    std::fs::remove_file(north.join("n2.txt")).unwrap();
    let stderr = index_with(&idx, &[]);
    assert!(
        stderr.contains("files: 1 new, 0 changed, 2 deleted, 1 unchanged"),
        "{stderr}"
    );
    assert_eq!(found(&idx, "floods"), ["n.txt", "s2.txt"]);
    let again = index_with(&idx, &[]);
    assert!(again.contains("no changes"), "{again}");
}

#[test]
fn no_path_on_an_index_that_remembers_none_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    newsdex()
        .arg("index")
        .arg("--index")
        .arg(dir.path().join("index"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no folders to index"));
    assert!(!dir.path().join("index").exists());
}

#[test]
fn rebuild_starts_from_scratch() {
    let dir = tempfile::tempdir().unwrap();
    let north = dir.path().join("north");
    let south = dir.path().join("south");
    let idx = dir.path().join("index");
    write(
        &north.join("n.txt"),
        story("North floods", "Floods reached the north valley."),
    );
    write(
        &south.join("s.txt"),
        story("South floods", "Floods reached the south coast."),
    );
    index_with(&idx, &[north.as_os_str()]);
    index_with(&idx, &[south.as_os_str()]);
    let stderr = index_with(&idx, &[south.as_os_str(), "--rebuild".as_ref()]);
    assert!(
        stderr.contains("files: 1 new, 0 changed, 0 deleted, 0 unchanged"),
        "{stderr}"
    );
    assert_eq!(found(&idx, "floods"), ["s.txt"]);
    let again = index_with(&idx, &[]);
    assert!(again.contains("no changes"), "{again}");
}

/// The number of articles `stats` counts in the index.
fn articles(index: &Path) -> u64 {
    json(index, &["stats", "--format", "json"])["articles"]
        .as_u64()
        .expect("articles")
}

#[test]
fn file_names_holding_a_hash_are_replaced_and_deleted_whole() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let idx = dir.path().join("index");
    write(
        &input.join("issue #5.txt"),
        story("Harbour reopens", "The harbour reopened to ferries."),
    );
    let feed = input.join("feed #2.jsonl");
    write(
        &feed,
        "{\"title\": \"Ferry one\", \"text\": \"The first ferry reached the harbour.\"}\n\
         {\"title\": \"Ferry two\", \"text\": \"The second ferry left the harbour.\"}\n",
    );
    index_with(&idx, &[input.as_os_str()]);
    assert_eq!(
        found(&idx, "harbour"),
        ["feed #2.jsonl#1", "feed #2.jsonl#2", "issue #5.txt"]
    );
    let shown = json(&idx, &["show", "feed #2.jsonl#2", "--json"]);
    assert_eq!(shown["title"], "Ferry two");
    assert!(
        shown["path"].as_str().unwrap().ends_with("feed #2.jsonl#2"),
        "{shown}"
    );

    write(
        &input.join("issue #5.txt"),
        story("Harbour shuts", "The harbour shut after the storm."),
    );
    write(
        &feed,
        "{\"title\": \"Ferry one\", \"text\": \"The first ferry reached the harbour late.\"}\n\
         {\"title\": \"Ferry two\", \"text\": \"The second ferry left the harbour.\"}\n",
    );
    let second = index_with(&idx, &[input.as_os_str()]);
    assert!(
        second.contains("files: 0 new, 2 changed, 0 deleted, 0 unchanged"),
        "{second}"
    );
    assert_eq!(articles(&idx), 3, "the old articles of both files are gone");
    assert!(found(&idx, "reopened").is_empty());

    std::fs::remove_file(&feed).unwrap();
    index_with(&idx, &[input.as_os_str()]);
    assert_eq!(found(&idx, "harbour"), ["issue #5.txt"]);
    assert_eq!(articles(&idx), 1);
}

/// The title each article found by `query` has, by id.
fn titles(index: &Path, query: &str) -> Vec<(String, String)> {
    let json = json(index, &["search", query, "--json", "-n", "100"]);
    let mut titles: Vec<(String, String)> = results(&json)
        .iter()
        .map(|hit| {
            (
                hit["article_id"].as_str().unwrap().to_string(),
                hit["title"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    titles.sort();
    titles.dedup();
    titles
}

#[test]
fn field_mappings_are_remembered_and_a_new_one_replaces_its_role() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let idx = dir.path().join("index");
    write(
        &input.join("wire.jsonl"),
        "{\"slug\": \"w-1\", \"hed\": \"Quokka census grows\", \"kicker\": \"Island news\", \"copy\": \"The quokka census counted more animals.\"}\n",
    );
    let first = index_with(
        &idx,
        &[
            input.as_os_str(),
            "--field".as_ref(),
            "title=hed".as_ref(),
            "--field".as_ref(),
            "body=copy".as_ref(),
        ],
    );
    let config = idx.join("newsdex.toml");
    assert!(
        first.contains(&format!(
            "settings (remembered in {}): --field title=hed --field body=copy",
            config.display()
        )),
        "{first}"
    );
    let toml = std::fs::read_to_string(&config).unwrap();
    assert!(
        toml.contains("[fields]\nbody = \"copy\"\ntitle = \"hed\"\n"),
        "{toml}"
    );

    // A later run with no path, and no --field, reads a new file with the same mapping.
    write(
        &input.join("more.jsonl"),
        "{\"slug\": \"w-2\", \"hed\": \"Quokka pups counted\", \"kicker\": \"Island news\", \"copy\": \"Rangers counted quokka pups.\"}\n",
    );
    let second = index_with(&idx, &[]);
    assert!(second.contains("files: 1 new, 0 changed"), "{second}");
    assert_eq!(
        titles(&idx, "quokka"),
        [
            (
                "more.jsonl#1".to_string(),
                "Quokka pups counted".to_string()
            ),
            (
                "wire.jsonl#1".to_string(),
                "Quokka census grows".to_string()
            ),
        ]
    );

    // A new --field for the title replaces the remembered one; the body stays; the files the
    // mapping reads are read again.
    let third = index_with(
        &idx,
        &[
            input.as_os_str(),
            "--field".as_ref(),
            "title=kicker".as_ref(),
        ],
    );
    assert!(
        third.contains("files: 0 new, 2 changed, 0 deleted, 0 unchanged"),
        "{third}"
    );
    assert!(
        third.contains("--field title=kicker --field body=copy"),
        "{third}"
    );
    let toml = std::fs::read_to_string(&config).unwrap();
    assert!(
        toml.contains("[fields]\nbody = \"copy\"\ntitle = \"kicker\"\n"),
        "{toml}"
    );
    let found = titles(&idx, "quokka");
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found.iter().all(|(_, title)| title == "Island news"),
        "{found:?}"
    );
    let again = index_with(&idx, &[]);
    assert!(again.contains("no changes"), "{again}");
}

#[test]
fn settings_are_not_remembered_by_a_run_that_fails() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let idx = dir.path().join("index");
    write(
        &input.join("wire.jsonl"),
        "{\"hed\": \"Quokka census grows\", \"copy\": \"The quokka census counted more animals.\"}\n",
    );
    index_with(
        &idx,
        &[input.as_os_str(), "--field".as_ref(), "body=copy".as_ref()],
    );
    let config = idx.join("newsdex.toml");
    let before = std::fs::read_to_string(&config).unwrap();
    let empty = dir.path().join("empty");
    write(&empty.join("notes.pdf"), "%PDF-1.4");
    newsdex()
        .arg("index")
        .arg(&empty)
        .args(["--field", "body=other", "--exclude", "*.txt", "--index"])
        .arg(&idx)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing to index"));
    assert_eq!(std::fs::read_to_string(&config).unwrap(), before);
    assert!(!idx.join("newsdex.tmp").exists());
}

#[test]
fn a_damaged_settings_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let idx = dir.path().join("index");
    write(
        &input.join("a.txt"),
        story("Harbour", "The harbour reopened."),
    );
    index_with(&idx, &[input.as_os_str()]);
    assert!(!idx.join("newsdex.toml").exists(), "nothing to remember");
    write(&idx.join("newsdex.toml"), "[fields]\nheadline = \"hed\"\n");
    newsdex()
        .arg("index")
        .arg("--index")
        .arg(&idx)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{}: unknown field role \"headline\"",
            idx.join("newsdex.toml").display()
        )));
}

/// The segments of the index at `index` (one `.store` file each).
fn segments(index: &Path) -> usize {
    std::fs::read_dir(index)
        .expect("index folder")
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "store"))
        .count()
}

/// A search's JSON without its time.
fn answer(index: &Path, query: &str) -> serde_json::Value {
    let mut json = json(index, &["search", query, "--json", "-n", "100"]);
    json.as_object_mut().expect("object").remove("took_ms");
    json
}

#[test]
fn merge_makes_one_segment_of_the_index_with_the_same_answers() {
    let dir = tempfile::tempdir().unwrap();
    let (corpus, index) = (dir.path().join("corpus"), dir.path().join("index"));
    let quokka = "The quokka census counted animals near the harbour at dawn.";
    write(&corpus.join("a.txt"), story("Quokka census", quokka));
    write(
        &corpus.join("b.txt"),
        story("Harbour works", "Crews rebuilt the harbour wall."),
    );
    index_with(&index, &[corpus.as_os_str()]);
    // A second run: a changed file (its old passages deleted) and a new one.
    let recount = "The quokka census counted more animals near the harbour at noon.";
    write(&corpus.join("a.txt"), story("Quokka census", recount));
    write(
        &corpus.join("c.txt"),
        story("Quokka rangers", "Rangers fed a quokka."),
    );
    index_with(&index, &[]);
    let before = segments(&index);
    assert!(before >= 2, "two runs, two segments at least: {before}");
    let answers: Vec<_> = ["quokka", "harbour", "\"quokka census\""]
        .iter()
        .map(|q| answer(&index, q))
        .collect();

    let stderr = index_with(&index, &["--merge".as_ref()]);
    assert!(
        stderr.contains(&format!("merged {before} segments into one")),
        "{stderr}"
    );
    assert_eq!(segments(&index), 1, "the merged segments' files are gone");
    for (q, was) in ["quokka", "harbour", "\"quokka census\""]
        .iter()
        .zip(&answers)
    {
        assert_eq!(&answer(&index, q), was, "{q}");
    }
    assert_eq!(found(&index, "noon"), ["a.txt"]);
    assert!(
        found(&index, "dawn").is_empty(),
        "the old version stays deleted"
    );

    let stderr = index_with(&index, &["--merge".as_ref()]);
    assert!(stderr.contains("one segment already"), "{stderr}");
}

#[test]
fn merge_rewrites_one_segment_without_its_deleted_passages() {
    let dir = tempfile::tempdir().unwrap();
    let (corpus, index) = (dir.path().join("corpus"), dir.path().join("index"));
    write(
        &corpus.join("a.txt"),
        story("Quokka census", "A quokka count."),
    );
    write(
        &corpus.join("b.txt"),
        story("Wombat census", "A wombat count."),
    );
    index_with(&index, &[corpus.as_os_str(), "--merge".as_ref()]);
    assert_eq!(segments(&index), 1);
    // A run that only deletes leaves the one segment with deleted passages.
    std::fs::remove_file(corpus.join("b.txt")).unwrap();
    let stderr = index_with(&index, &["--merge".as_ref()]);
    assert!(
        stderr.contains("rewrote the index's segment without its deleted passages"),
        "{stderr}"
    );
    assert_eq!(segments(&index), 1);
    assert_eq!(found(&index, "quokka"), ["a.txt"]);
    assert!(found(&index, "wombat").is_empty());
}

#[test]
fn merge_is_for_a_local_index_only() {
    newsdex()
        .args(["index", "--merge", "--engine", "sphinx://127.0.0.1:9306"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--merge"));
}
