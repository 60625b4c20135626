//! Bad input: one-line messages naming the problem, exit code 2, nothing damaged.

use predicates::prelude::*;

use crate::util::{newsdex, write, Indexed};

#[test]
fn a_missing_folder_is_named() {
    let dir = tempfile::tempdir().unwrap();
    newsdex()
        .args(["index", "/no/such/folder", "--index"])
        .arg(dir.path().join("index"))
        .assert()
        .code(2)
        .stderr("newsdex: /no/such/folder: no such file or directory\n");
    assert!(!dir.path().join("index").exists(), "no index is created");
}

#[test]
fn an_index_path_that_cannot_be_made_gives_its_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("in/a.txt"),
        "Talks\n\nTalks resumed in Geneva on Monday.",
    );
    write(&dir.path().join("plain-file"), "not a folder");
    let index = dir.path().join("plain-file/index");
    newsdex()
        .arg("index")
        .arg(dir.path().join("in"))
        .arg("--index")
        .arg(&index)
        .assert()
        .code(2)
        .stderr(format!(
            "newsdex: {}: Not a directory (os error 20)\n",
            index.display()
        ));
}

#[test]
fn a_missing_index_is_named_with_what_to_do() {
    newsdex()
        .args(["search", "Gaza", "--index", "/no/such/index"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no index at /no/such/index; build one with `newsdex index DIR",
        ));
}

#[test]
fn a_folder_with_nothing_indexable_leaves_the_index_untouched() {
    let indexed = Indexed::corpus();
    let before = indexed.search_json("Garabagh", &[]);
    let empty = indexed.dir.path().join("empty");
    write(&empty.join("notes.pdf"), b"%PDF-1.4");
    newsdex()
        .arg("index")
        .arg(&empty)
        .arg("--index")
        .arg(indexed.index())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing to index in"))
        .stderr(predicate::str::contains(
            "1 file(s) found, none with a readable article (supported: ",
        ))
        .stderr(predicate::str::contains("skipped 1 file:\n  "))
        .stderr(predicate::str::contains(
            "notes.pdf: unsupported file type .pdf\n",
        ));
    let after = indexed.search_json("Garabagh", &[]);
    assert_eq!(before["results"], after["results"]);
}

#[test]
fn malformed_queries_name_the_problem_and_position() {
    let indexed = Indexed::corpus();
    for (query, message) in [
        ("\"stabilisation force", "unclosed quote at 1..2"),
        ("(ISF OR OIC", "unclosed parenthesis at 1..2"),
        (
            "titel:Gaza",
            "unknown field \"titel\"; fields are title, source, author, date at 1..6",
        ),
        ("", "empty query"),
        ("-Gaza", "the query only excludes"),
        (
            "date:2026-13",
            "bad date \"2026-13\"; dates are YYYY, YYYY-MM or YYYY-MM-DD, ranges A..B at 6..13",
        ),
        (
            "Gaza~3",
            "a fuzzy match allows 0, 1 or 2 edits (word~1) at 1..7",
        ),
        (
            "*",
            "a wildcard needs at least two letters before '*' at 1..2",
        ),
    ] {
        newsdex()
            .args(["search", query, "--index"])
            .arg(indexed.index())
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message))
            .stderr(predicate::function(|e: &str| e.lines().count() == 1));
    }
}

#[test]
fn a_bad_glossary_file_is_named_with_its_line() {
    let indexed = Indexed::corpus();
    let glossary = indexed.dir.path().join("words.toml");
    write(&glossary, "[[entry]]\nname = \"ISF\"\naliases = [\"x\"]\n");
    newsdex()
        .args(["search", "ISF", "--glossary"])
        .arg(&glossary)
        .arg("--index")
        .arg(indexed.index())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "words.toml: line 3: unknown field `aliases`",
        ));
}

#[test]
fn an_index_of_another_format_asks_for_a_rebuild() {
    let indexed = Indexed::corpus();
    std::fs::write(
        indexed.index().join("newsdex.json"),
        r#"{"format": 0, "written_by": "old"}"#,
    )
    .unwrap();
    newsdex()
        .args(["search", "Gaza", "--index"])
        .arg(indexed.index())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "has format 0, this newsdex reads format",
        ))
        .stderr(predicate::str::contains("index --rebuild"));
    newsdex()
        .arg("index")
        .arg(crate::util::corpus())
        .arg("--rebuild")
        .arg("--index")
        .arg(indexed.index())
        .assert()
        .success();
    assert!(
        indexed.search_json("Gaza", &[])["total_hits"]
            .as_u64()
            .unwrap()
            > 0
    );
}

#[test]
fn a_folder_that_is_not_an_index_is_never_touched() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("mine/thesis.txt"), "my own work");
    newsdex()
        .arg("index")
        .arg(crate::util::corpus())
        .arg("--index")
        .arg(dir.path().join("mine"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a newsdex index"));
    assert_eq!(
        std::fs::read_dir(dir.path().join("mine")).unwrap().count(),
        1
    );
}
