//! Full disks and read-only index directories, provoked for real on small tmpfs mounts: a
//! clear message naming the index and what to do, exit code 2, no partial commit, and searches
//! of a read-only index that work.
//!
//! Mounting needs root, as the tests run in CI. Where it is not possible these tests fail and
//! say so rather than fall back to a simulated write error: a simulated error would test the
//! simulation, while what matters is where a real ENOSPC or EROFS surfaces (tantivy reports
//! some from its writer threads as bare text). Skip them with `cargo test -- --skip storage::`.

use std::path::{Path, PathBuf};
use std::process::Command;

use predicates::prelude::*;

use crate::util::{index_quietly, newsdex, quokka_articles, quokka_stories, write};

/// A tmpfs mounted on a temporary directory, unmounted when dropped.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    /// Mounts a tmpfs of `size` (as `mount -o size=` reads it, e.g. `1m`).
    fn mount(size: &str) -> Tmpfs {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output();
        match out {
            Ok(out) if out.status.success() => Tmpfs { dir },
            other => panic!(
                "cannot mount a tmpfs at {} ({}): the full-disk and read-only tests need root, \
                 as in CI; run them as root or skip them with `cargo test -- --skip storage::`",
                dir.path().display(),
                match other {
                    Ok(out) => String::from_utf8_lossy(&out.stderr).trim().to_string(),
                    Err(e) => e.to_string(),
                }
            ),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Remounts with other options (`ro`, `rw`, `size=64m`).
    fn remount(&self, options: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(self.path())
            .status()
            .expect("mount runs");
        assert!(status.success(), "remount {options}");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let unmounted = Command::new("umount")
            .arg(self.path())
            .status()
            .is_ok_and(|s| s.success());
        if !unmounted {
            let _ = Command::new("umount").arg("-l").arg(self.path()).status();
        }
    }
}

/// Writes `n` articles of about 2 KB of random letters (which compress badly, so that they
/// fill a small disk), each mentioning "quokka".
fn bulky_stories(dir: &Path, n: usize) {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut letter = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        char::from(b'a' + (state % 26) as u8)
    };
    for i in 0..n {
        let words: Vec<String> = (0..300)
            .map(|_| (0..6).map(|_| letter()).collect())
            .collect();
        write(
            &dir.join(format!("bulk{i:05}.txt")),
            format!("Bulky story {i}\n\nA quokka {}.\n", words.join(" ")),
        );
    }
}

/// The names in a directory, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_full_disk_keeps_the_last_commit_and_says_what_to_do() {
    let inputs = tempfile::tempdir().unwrap();
    let (small, bulky) = (inputs.path().join("small"), inputs.path().join("bulky"));
    quokka_stories(&small, "a", 20);
    bulky_stories(&bulky, 1000);
    let disk = Tmpfs::mount("1m");
    let at = disk.path().join("index");
    index_quietly(&small, &at).assert().success();
    let committed = names(&at);

    index_quietly(&bulky, &at)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "no space left on the device holding the index at {}",
            at.display()
        )))
        .stderr(predicate::str::contains("keeps its last complete commit"))
        .stderr(predicate::str::contains("free some space"));
    assert_eq!(
        quokka_articles(&at),
        Ok(20),
        "the old commit, its old counts"
    );
    assert_eq!(
        names(&at),
        committed,
        "the half-written segments are removed"
    );

    disk.remount("size=64m");
    index_quietly(&bulky, &at).assert().success();
    assert_eq!(quokka_articles(&at), Ok(1020), "none lost, none doubled");
}

#[test]
fn a_full_disk_leaves_no_half_made_index() {
    let inputs = tempfile::tempdir().unwrap();
    bulky_stories(inputs.path(), 1000);
    let disk = Tmpfs::mount("1m");
    // A place that does not exist yet, and the (empty) mount point itself.
    let missing = disk.path().join("index");
    for at in [missing.as_path(), disk.path()] {
        index_quietly(inputs.path(), at)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "no space left on the device holding the index at {}",
                at.display()
            )))
            .stderr(predicate::str::contains("no index was created"));
        assert!(!missing.exists());
        assert_eq!(names(disk.path()), Vec::<String>::new(), "nothing is left");
    }
}

#[test]
fn a_read_only_index_is_searched_and_refuses_writes_clearly() {
    let inputs = tempfile::tempdir().unwrap();
    let (first, second) = (inputs.path().join("first"), inputs.path().join("second"));
    quokka_stories(&first, "a", 20);
    quokka_stories(&second, "b", 5);
    let disk = Tmpfs::mount("16m");
    let at = disk.path().join("index");
    index_quietly(&first, &at).assert().success();
    disk.remount("ro");

    let refused = format!(
        "cannot write to the index at {} (read-only file system)",
        at.display()
    );
    index_quietly(&second, &at)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(refused.as_str()))
        .stderr(predicate::str::contains("make it writable"));
    index_quietly(&first, &at)
        .arg("--rebuild")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(refused.as_str()));
    let fresh: PathBuf = disk.path().join("fresh");
    index_quietly(&first, &fresh)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no index was created"));

    // Searching takes tantivy's meta lock: here on a read-only handle, and with no lock file
    // at all (an index copied without its hidden files).
    assert_eq!(quokka_articles(&at), Ok(20));
    newsdex()
        .args(["stats", "--index"])
        .arg(&at)
        .assert()
        .success();
    disk.remount("rw");
    std::fs::remove_file(at.join(".tantivy-meta.lock")).unwrap();
    disk.remount("ro");
    assert_eq!(quokka_articles(&at), Ok(20));
}
