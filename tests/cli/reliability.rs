//! Reliability: locks, kills, interrupts, damaged indexes. Each test provokes the failure.

use std::path::Path;
use std::process::{Command as StdCommand, Stdio};
use std::time::Duration;

use newsdex::index::LOCK_FILE;
use predicates::prelude::*;

use crate::util::{index_folder, newsdex, quokka_articles, quokka_stories, write};

fn index_cmd(input: &Path, index: &Path) -> StdCommand {
    let mut cmd = StdCommand::new(assert_cmd::cargo::cargo_bin("newsdex"));
    cmd.arg("index")
        .arg(input)
        .arg("--index")
        .arg(index)
        .arg("--quiet");
    cmd.stdout(Stdio::null()).stderr(Stdio::piped());
    cmd
}

#[test]
fn a_lock_left_by_a_killed_run_is_recovered() {
    let dir = tempfile::tempdir().unwrap();
    quokka_stories(&dir.path().join("in"), "a", 3);
    let index = dir.path().join("index");
    write(&index.join("newsdex.lock"), "pid 999999 (newsdex index in)");
    let run = || {
        newsdex()
            .arg("index")
            .arg(dir.path().join("in"))
            .args(["--quiet", "--index"])
            .arg(&index)
            .assert()
            .success()
    };
    run().stderr(
        "note: an earlier run on this index (pid 999999 (newsdex index in)) ended before it \
         finished; nothing of it had been committed, and this run brought the index up to date\n",
    );
    assert_eq!(quokka_articles(&index), Ok(3));
    run().stderr("");
}

#[test]
fn killing_an_indexing_run_at_any_moment_keeps_the_last_commit() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("first"), dir.path().join("second"));
    quokka_stories(&first, "a", 20);
    quokka_stories(&second, "b", 400);
    let index = dir.path().join("index");
    index_folder(&first, &index);
    for delay_ms in [1, 10, 30, 60, 100, 200, 400, 800] {
        let mut child = index_cmd(&second, &index).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let count = quokka_articles(&index)
            .unwrap_or_else(|e| panic!("after a kill at {delay_ms} ms: {e}"));
        assert!(
            count == 20 || count == 420,
            "after a kill at {delay_ms} ms: {count} articles"
        );
    }
    let status = index_cmd(&second, &index).status().unwrap();
    assert!(status.success());
    assert_eq!(
        quokka_articles(&index),
        Ok(420),
        "nothing lost, nothing doubled"
    );
}

/// Waits until the process `pid` holds the writer lock of `index`: its run has started.
fn wait_for_lock(index: &Path, pid: u32) {
    let holder = format!("pid {pid} ");
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while !std::fs::read_to_string(index.join(LOCK_FILE)).is_ok_and(|s| s.starts_with(&holder)) {
        assert!(
            std::time::Instant::now() < deadline,
            "pid {pid} never took the lock"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Sends SIGINT (Ctrl-C) to a process once it has started its run on `index`.
fn interrupt(child: &std::process::Child, index: &Path) {
    wait_for_lock(index, child.id());
    let sent = StdCommand::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
}

#[test]
fn ctrl_c_stops_without_committing_and_exits_130() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("first"), dir.path().join("second"));
    quokka_stories(&first, "a", 20);
    quokka_stories(&second, "b", 3000);

    // On an index with a commit: the commit stays, with its old counts.
    let index = dir.path().join("index");
    index_cmd(&first, &index).status().unwrap();
    let child = index_cmd(&second, &index).spawn().unwrap();
    interrupt(&child, &index);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("interrupted: nothing was committed; the index is as it was"),
        "{stderr}"
    );
    assert_eq!(quokka_articles(&index), Ok(20));

    // On a new index: nothing is left of it.
    let fresh = dir.path().join("fresh");
    let child = index_cmd(&second, &fresh).spawn().unwrap();
    interrupt(&child, &fresh);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));
    assert!(!fresh.exists(), "no half index is left behind");
}

#[test]
fn a_second_run_fails_at_once_naming_the_run_that_holds_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("first"), dir.path().join("second"));
    quokka_stories(&first, "a", 3000);
    quokka_stories(&second, "b", 10);
    let index = dir.path().join("index");
    let mut running = index_cmd(&first, &index).spawn().unwrap();
    wait_for_lock(&index, running.id());
    let started = std::time::Instant::now();
    newsdex()
        .arg("index")
        .arg(&second)
        .arg("--index")
        .arg(&index)
        .timeout(Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{} is held by another newsdex run (pid {} ",
            index.join(LOCK_FILE).display(),
            running.id()
        )));
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "it did not wait for the lock"
    );
    assert!(running.wait().unwrap().success());
    assert_eq!(quokka_articles(&index), Ok(3000), "the first run is whole");
}

#[test]
fn a_damaged_index_asks_for_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    quokka_stories(&dir.path().join("in"), "a", 5);
    let index = dir.path().join("index");
    index_folder(&dir.path().join("in"), &index);
    for entry in std::fs::read_dir(&index).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "store") {
            std::fs::remove_file(path).unwrap();
        }
    }
    newsdex()
        .args(["search", "quokka", "--index"])
        .arg(&index)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is damaged"))
        .stderr(predicate::str::contains("--rebuild"));
    newsdex()
        .arg("index")
        .arg(dir.path().join("in"))
        .args(["--rebuild", "--index"])
        .arg(&index)
        .assert()
        .success();
    assert_eq!(quokka_articles(&index), Ok(5));
}

#[test]
fn truncated_segment_files_are_found_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    quokka_stories(&input, "a", 5);
    let index = dir.path().join("index");
    index_folder(&input, &index);
    for entry in std::fs::read_dir(&index).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "term") {
            let len = std::fs::metadata(&path).unwrap().len();
            let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
            file.set_len(len / 2).unwrap();
        }
    }
    let commands: [&[&str]; 5] = [
        &["search", "quokka"],
        &["stats"],
        &["show", "a00001.txt"],
        &["export"],
        // Nothing changed in the folder: the run must still not call the index up to date.
        &["index", input.to_str().unwrap()],
    ];
    for args in commands {
        newsdex()
            .args(args)
            .arg("--index")
            .arg(&index)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("is damaged"))
            .stderr(predicate::str::contains("--rebuild"));
    }
    newsdex()
        .arg("index")
        .arg(&input)
        .args(["--rebuild", "--index"])
        .arg(&index)
        .assert()
        .success();
    assert_eq!(quokka_articles(&index), Ok(5));
}

/// Overwrites 16 bytes a third of the way into every segment file with this extension.
fn scribble_over_segments(index: &Path, extension: &str) {
    for entry in std::fs::read_dir(index).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == extension) {
            let mut bytes = std::fs::read(&path).unwrap();
            let middle = bytes.len().saturating_sub(32) / 3;
            let end = (middle + 16).min(bytes.len());
            bytes[middle..end].fill(0xFF);
            std::fs::write(&path, bytes).unwrap();
        }
    }
}

#[test]
fn bytes_changed_inside_segment_files_are_reported_not_panicked_on() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    quokka_stories(&input, "a", 40);
    let clean = dir.path().join("clean");
    // One writer thread: one segment, laid out the same at every run.
    newsdex()
        .env("RAYON_NUM_THREADS", "1")
        .arg("index")
        .arg(&input)
        .arg("--index")
        .arg(&clean)
        .assert()
        .success();
    let mut caught_panics = 0;
    for extension in ["fast", "term", "idx", "pos", "fieldnorm", "store"] {
        let index = dir.path().join(extension);
        copy_dir(&clean, &index);
        scribble_over_segments(&index, extension);
        for args in [&["search", "quokka"][..], &["export"], &["stats"]] {
            let out = newsdex()
                .args(args)
                .arg("--index")
                .arg(&index)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                !stderr.contains("panicked") && !stderr.contains("internal error"),
                "{extension} {args:?}: {stderr}"
            );
            match out.status.code() {
                Some(0) => assert!(stderr.is_empty(), "{extension} {args:?}: {stderr}"),
                Some(2) => {
                    assert!(
                        stderr.contains("is damaged"),
                        "{extension} {args:?}: {stderr}"
                    );
                    caught_panics += usize::from(stderr.contains("reading it failed"));
                }
                other => panic!("{extension} {args:?}: exit {other:?}, {stderr}"),
            }
        }
    }
    assert!(
        caught_panics > 0,
        "no change provoked a panic of the search library"
    );
}

#[test]
fn check_reads_every_file_and_names_the_ones_whose_bytes_changed() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    quokka_stories(&input, "a", 40);
    let index = dir.path().join("index");
    index_folder(&input, &index);
    let check = || newsdex().arg("check").arg("--index").arg(&index).assert();
    check().success().stdout(
        predicate::str::is_match(
            r"^.*index: \d+ segments?, \d+ files \([0-9.]+ MB\) read; every checksum matches\n$",
        )
        .unwrap(),
    );
    scribble_over_segments(&index, "pos");
    check()
        .code(2)
        .stderr(predicate::str::contains("is damaged (checksums differ in "))
        .stderr(predicate::str::contains(
            ".pos); rebuild it with `newsdex index --rebuild",
        ));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}

#[test]
fn a_truncated_meta_file_asks_for_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    quokka_stories(&dir.path().join("in"), "a", 2);
    let index = dir.path().join("index");
    index_folder(&dir.path().join("in"), &index);
    std::fs::write(index.join("meta.json"), "{\"segments\": [").unwrap();
    newsdex()
        .args(["search", "quokka", "--index"])
        .arg(&index)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is damaged"));
}

#[test]
fn an_index_path_that_is_a_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    quokka_stories(&dir.path().join("in"), "a", 2);
    let file = dir.path().join("index");
    write(&file, "notes");
    newsdex()
        .arg("index")
        .arg(dir.path().join("in"))
        .arg("--index")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a file, not an index"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "notes");
}

#[test]
fn searches_during_an_indexing_run_see_the_last_commit() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("first"), dir.path().join("second"));
    quokka_stories(&first, "a", 10);
    quokka_stories(&second, "b", 2000);
    let index = dir.path().join("index");
    index_folder(&first, &index);
    let mut writer = index_cmd(&second, &index).spawn().unwrap();
    let mut seen = Vec::new();
    while writer.try_wait().unwrap().is_none() && seen.len() < 50 {
        seen.push(quokka_articles(&index).expect("a search during indexing never errors"));
    }
    assert!(writer.wait().unwrap().success());
    assert!(seen.iter().all(|&n| n == 10 || n == 2010), "{seen:?}");
    assert_eq!(quokka_articles(&index), Ok(2010));
}
