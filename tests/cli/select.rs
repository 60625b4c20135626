//! `newsdex index --glob/--exclude`: which files under a folder are read, remembered for later
//! runs; a dataset's README is read only when a glob names it.

use std::path::Path;

use predicates::prelude::*;

use crate::util::{index_with, newsdex, write};

/// A dataset folder as collections ship them: data files, documentation, metadata lists and
/// judgments.
fn dataset(root: &Path) {
    write(
        &root.join("reut-000.sgm"),
        "<REUTERS NEWID=\"1\"><TEXT><TITLE>COCOA REVIEW</TITLE><BODY>Cocoa rains fell.\n Reuter\n&#3;</BODY></TEXT></REUTERS>\n",
    );
    write(
        &root.join("news/2026/harbour.txt"),
        "Harbour reopens\n\nThe harbour reopened to ferries.\n",
    );
    write(
        &root.join("meta/places.lc.txt"),
        "afghanistan\nalbania\nalgeria\n",
    );
    write(
        &root.join("meta/README.txt"),
        "About the lists\n\nThese are category lists.\n",
    );
    write(&root.join("README.md"), "# The dataset\n\nWhat it holds.\n");
    write(&root.join("LICENSE"), "Research use only.\n");
}

/// The ids of every article in the index, sorted.
fn ids(index: &Path) -> Vec<String> {
    let out = newsdex()
        .args(["export", "--index"])
        .arg(index)
        .output()
        .expect("runs");
    let mut ids: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let article: serde_json::Value = serde_json::from_str(line).unwrap();
            article["id"].as_str().unwrap().to_string()
        })
        .collect();
    ids.sort();
    ids
}

#[test]
fn without_patterns_everything_but_documentation_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    dataset(&data);
    let idx = dir.path().join("index");
    index_with(&idx, &[data.as_os_str()]);
    assert_eq!(
        ids(&idx),
        ["1", "meta/places.lc.txt", "news/2026/harbour.txt"]
    );
    assert!(!idx.join("newsdex.toml").exists());
}

#[test]
fn exclude_leaves_out_a_folder_and_is_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    dataset(&data);
    let idx = dir.path().join("index");
    let stderr = index_with(
        &idx,
        &[data.as_os_str(), "--exclude".as_ref(), "meta/**".as_ref()],
    );
    assert!(stderr.contains("--exclude 'meta/**'"), "{stderr}");
    assert_eq!(ids(&idx), ["1", "news/2026/harbour.txt"]);

    write(&data.join("meta/orgs.lc.txt"), "adb\nimf\n");
    let stderr = index_with(&idx, &[]);
    assert!(stderr.contains("no changes"), "{stderr}");
    assert_eq!(ids(&idx), ["1", "news/2026/harbour.txt"]);
}

#[test]
fn a_new_glob_replaces_the_selection_and_files_it_leaves_out_go() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    dataset(&data);
    let idx = dir.path().join("index");
    index_with(
        &idx,
        &[data.as_os_str(), "--exclude".as_ref(), "meta".as_ref()],
    );
    let stderr = index_with(
        &idx,
        &[data.as_os_str(), "--glob".as_ref(), "*.sgm".as_ref()],
    );
    assert!(
        stderr.contains("files: 0 new, 0 changed, 1 deleted, 1 unchanged"),
        "{stderr}"
    );
    assert!(stderr.contains("--glob '*.sgm'\n"), "{stderr}");
    assert_eq!(ids(&idx), ["1"]);
    let toml = std::fs::read_to_string(idx.join("newsdex.toml")).unwrap();
    assert!(toml.contains("glob = [\"*.sgm\"]"), "{toml}");
    assert!(!toml.contains("exclude ="), "{toml}");
}

#[test]
fn globs_match_names_at_any_depth_or_paths_with_a_slash() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    dataset(&data);
    for (patterns, expected) in [
        (
            &["--glob", "*.txt"][..],
            &["meta/places.lc.txt", "news/2026/harbour.txt"][..],
        ),
        (&["--glob", "news/**"], &["news/2026/harbour.txt"]),
        (&["--glob", "news/*"], &[]),
        (
            &["--glob", "*.sgm", "--glob", "news/"],
            &["1", "news/2026/harbour.txt"],
        ),
        (
            &["--glob", "*.txt", "--exclude", "*.lc.txt"],
            &["news/2026/harbour.txt"],
        ),
    ] {
        let idx = dir
            .path()
            .join(format!("index-{}", patterns.join("-").replace('/', "_")));
        let out = newsdex()
            .arg("index")
            .arg(&data)
            .args(patterns)
            .arg("--index")
            .arg(&idx)
            .output()
            .unwrap();
        if expected.is_empty() {
            assert_eq!(out.status.code(), Some(2), "{patterns:?}");
            assert!(String::from_utf8_lossy(&out.stderr).contains("no files found"));
        } else {
            assert!(out.status.success(), "{patterns:?}");
            assert_eq!(ids(&idx), expected, "{patterns:?}");
        }
    }
}

#[test]
fn a_glob_that_names_a_readme_lets_it_in() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    dataset(&data);
    let idx = dir.path().join("index");
    index_with(
        &idx,
        &[
            data.as_os_str(),
            "--glob".as_ref(),
            "README*".as_ref(),
            "--glob".as_ref(),
            "*.sgm".as_ref(),
        ],
    );
    assert_eq!(ids(&idx), ["1", "README.md", "meta/README.txt"]);
    let idx = dir.path().join("index-all");
    index_with(&idx, &[data.as_os_str(), "--glob".as_ref(), "*".as_ref()]);
    assert_eq!(
        ids(&idx),
        ["1", "meta/places.lc.txt", "news/2026/harbour.txt"],
        "* does not name the README"
    );
}

#[test]
fn a_bad_pattern_is_named_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    dataset(&data);
    for flag in ["--glob", "--exclude"] {
        newsdex()
            .arg("index")
            .arg(&data)
            .args([flag, "*.{sgm,txt"])
            .arg("--index")
            .arg(dir.path().join("index"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "invalid value '*.{{sgm,txt' for '{flag} <PATTERN>': bad glob pattern \"*.{{sgm,txt\": unclosed alternate group"
            )));
    }
    assert!(!dir.path().join("index").exists());
}

#[test]
fn a_folder_of_collections_leaves_out_each_ones_meta_folder() {
    let dir = tempfile::tempdir().unwrap();
    let collections = dir.path().join("corpora");
    dataset(&collections.join("wire"));
    dataset(&collections.join("other"));
    let idx = dir.path().join("index");
    index_with(
        &idx,
        &[
            collections.as_os_str(),
            "--exclude".as_ref(),
            "meta/**".as_ref(),
        ],
    );
    assert_eq!(
        ids(&idx),
        [
            "1",
            "1#2",
            "other/news/2026/harbour.txt",
            "wire/news/2026/harbour.txt"
        ]
    );
    let anchored = dir.path().join("index-anchored");
    index_with(
        &anchored,
        &[
            collections.as_os_str(),
            "--exclude".as_ref(),
            "/wire/meta".as_ref(),
        ],
    );
    assert_eq!(
        ids(&anchored),
        [
            "1",
            "1#2",
            "other/meta/places.lc.txt",
            "other/news/2026/harbour.txt",
            "wire/news/2026/harbour.txt"
        ]
    );
}
