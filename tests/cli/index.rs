//! `newsdex index`: what gets in, what is skipped and why, and re-indexing.

use predicates::prelude::*;

use crate::util::{newsdex, results, write, Indexed};

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
    newsdex()
        .arg("index")
        .arg(crate::util::corpus())
        .arg("--index")
        .arg(indexed.index())
        .assert()
        .success();
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
    let out = newsdex()
        .args(["search", "café", "--json", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["results"][0]["title"], "Café owners protest");
}

#[test]
fn the_footer_an_outlet_repeats_never_ranks() {
    let indexed = Indexed::corpus();
    let json = indexed.search_json("\"Subscribe for full access to our analysis\"", &[]);
    assert_eq!(json["total_hits"], 0, "{json:#}");
}
