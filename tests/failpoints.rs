//! Failures and kills pinned to chosen moments of a commit and of a merge, with tantivy's
//! failpoints: the index keeps its last commit, and a re-run ends with exactly the expected
//! articles, none lost and none doubled.
//!
//! Needs the `failpoints` feature: `cargo test --features failpoints --test failpoints`.
//!
//! A kill cannot happen inside the test process, so the kill tests run this same executable
//! again, limited to [`killed_at_a_failpoint`], which indexes one folder after another with a
//! failpoint that sends SIGKILL to its own process at the chosen moment.

#![cfg(unix)]

use std::collections::HashSet;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use newsdex::{index_inputs, IndexOptions, NewsIndex, SearchOptions, Session};

/// The moment a spawned run is killed at, set by the parent test.
const MOMENT: &str = "NEWSDEX_FAILPOINT_MOMENT";
/// The folder of the spawned run: `in/NN` folders to index and the `index`.
const DIR: &str = "NEWSDEX_FAILPOINT_DIR";
/// Folders of stories; the first is committed before the spawned run starts.
const FOLDERS: usize = 12;
/// Stories per folder.
const STORIES: usize = 20;

/// tantivy writes `meta.json` here, at a commit and at the end of a merge.
const SAVE_METAS: &str = "save_metas";
/// tantivy calls this for every term it writes, when a segment is written (flushed or merged).
const CLOSE_TERM: &str = "FieldSerializer::close_term";

fn folder(dir: &Path, n: usize) -> PathBuf {
    dir.join("in").join(format!("{n:02}"))
}

/// Writes the folders of stories, each story one passage mentioning "quokka".
fn stories(dir: &Path) {
    for n in 0..FOLDERS {
        let folder = folder(dir, n);
        std::fs::create_dir_all(&folder).unwrap();
        for i in 0..STORIES {
            std::fs::write(
                folder.join(format!("{n:02}-{i:03}.txt")),
                format!("Story {n} {i}\n\nThe quokka census of {n} counted {i} animals.\n"),
            )
            .unwrap();
        }
    }
}

fn index(dir: &Path, folders: std::ops::Range<usize>) -> newsdex::Result<()> {
    let inputs: Vec<PathBuf> = folders.map(|n| folder(dir, n)).collect();
    index_inputs(&dir.join("index"), &inputs, &IndexOptions::default(), &()).map(drop)
}

/// The articles that mention "quokka"; fails when one of them was indexed twice.
fn articles(dir: &Path) -> usize {
    let index = NewsIndex::open(&dir.join("index")).expect("the index opens");
    let options = SearchOptions {
        limit: 100_000,
        per_article: 0,
        collapse: false,
        ..SearchOptions::default()
    };
    let hits = Session::new(&index)
        .search("quokka", &options)
        .expect("search")
        .hits;
    let ids: HashSet<&str> = hits.iter().map(|h| h.article_id.as_str()).collect();
    assert_eq!(ids.len(), hits.len(), "an article was indexed twice");
    ids.len()
}

#[test]
fn a_commit_that_fails_before_its_meta_file_keeps_the_last_commit() {
    let _scenario = fail::FailScenario::setup();
    let dir = tempfile::tempdir().unwrap();
    stories(dir.path());
    index(dir.path(), 0..1).unwrap();
    fail::cfg(SAVE_METAS, "return(the disk went away)").unwrap();
    let err = index(dir.path(), 1..3).unwrap_err();
    assert!(err.to_string().contains("the disk went away"), "{err}");
    assert_eq!(
        articles(dir.path()),
        STORIES,
        "the last commit, its old counts"
    );
    fail::remove(SAVE_METAS);
    index(dir.path(), 0..3).unwrap();
    assert_eq!(articles(dir.path()), 3 * STORIES);
}

/// Runs [`killed_at_a_failpoint`] in a process of its own, killed at `moment`; checks what the
/// index holds then, and that a re-run of every folder completes it.
fn kill_at(moment: &str) {
    let _scenario = fail::FailScenario::setup();
    let dir = tempfile::tempdir().unwrap();
    stories(dir.path());
    index(dir.path(), 0..1).unwrap();
    let status = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "killed_at_a_failpoint", "--nocapture"])
        .env(MOMENT, moment)
        .env(DIR, dir.path())
        .status()
        .unwrap();
    assert_eq!(
        status.signal(),
        Some(9),
        "the run was not killed at the {moment} ({status}): no such moment in {FOLDERS} runs"
    );
    let done: usize =
        std::fs::read_to_string(dir.path().join("done")).map_or(0, |s| s.trim().parse().unwrap());
    // Folders committed: the first, those the run finished, and the one whose merge was killed.
    let committed = 1 + done + usize::from(moment != "commit");
    assert_eq!(
        articles(dir.path()),
        committed * STORIES,
        "after a kill at the {moment}"
    );
    assert!(
        signatures_named(dir.path()).is_some(),
        "the committed signatures file is whole after a kill at the {moment}"
    );
    index(dir.path(), 0..FOLDERS).unwrap();
    assert_eq!(articles(dir.path()), FOLDERS * STORIES);
    let named = signatures_named(dir.path()).expect("a signatures file");
    let left: Vec<String> = std::fs::read_dir(dir.path().join("index"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("stories-"))
        .collect();
    assert_eq!(left, [named], "only the committed signatures file is left");
}

/// The story signatures file the last commit names, when it exists.
fn signatures_named(dir: &Path) -> Option<String> {
    let index = dir.join("index");
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(index.join("meta.json")).ok()?).ok()?;
    let manifest: serde_json::Value = serde_json::from_str(meta["payload"].as_str()?).ok()?;
    let name = manifest["signatures"].as_str()?.to_string();
    index.join(&name).is_file().then_some(name)
}

#[test]
fn a_kill_before_the_commit_writes_its_meta_file_keeps_the_last_commit() {
    kill_at("commit");
}

#[test]
fn a_kill_while_a_merge_writes_its_segment_keeps_every_commit() {
    kill_at("merge write");
}

#[test]
fn a_kill_before_a_merge_records_its_segment_keeps_every_commit() {
    kill_at("merge end");
}

/// Not a test of its own: the body of the process the kill tests spawn (it does nothing
/// unless they set [`MOMENT`]). Indexes the folders after the first one run by run, writing
/// how many runs finished to `done`, and kills itself at the moment asked for: the first
/// `meta.json` of a run (its commit), a term written after it (a merge), or a second
/// `meta.json` (the end of a merge).
#[test]
fn killed_at_a_failpoint() {
    let Ok(moment) = std::env::var(MOMENT) else {
        return;
    };
    let dir = PathBuf::from(std::env::var_os(DIR).unwrap());
    let _scenario = fail::FailScenario::setup();
    static SAVES: AtomicUsize = AtomicUsize::new(0);
    let saved = || SAVES.fetch_add(1, Ordering::SeqCst) + 1;
    match moment.as_str() {
        "commit" => fail::cfg_callback(SAVE_METAS, move || {
            if saved() == 1 {
                die()
            }
        }),
        "merge end" => fail::cfg_callback(SAVE_METAS, move || {
            if saved() == 2 {
                die()
            }
        }),
        "merge write" => fail::cfg_callback(SAVE_METAS, move || {
            saved();
        })
        .and_then(|()| {
            fail::cfg_callback(CLOSE_TERM, || {
                if SAVES.load(Ordering::SeqCst) >= 1 {
                    die()
                }
            })
        }),
        other => panic!("unknown moment {other}"),
    }
    .unwrap();
    for n in 1..FOLDERS {
        SAVES.store(0, Ordering::SeqCst);
        index(&dir, n..n + 1).unwrap();
        std::fs::write(dir.join("done"), n.to_string()).unwrap();
    }
}

/// Ends this process with SIGKILL, as the operating system or a user would.
fn die() -> ! {
    let pid = std::process::id().to_string();
    let _ = Command::new("kill").args(["-KILL", &pid]).status();
    loop {
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
}
