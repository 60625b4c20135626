//! Small corpora the view tests write themselves, indexed into a temporary directory, and
//! helpers to run a subcommand on them.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use crate::util::{index_folder, newsdex, write};

/// A temporary folder with article files under `corpus/` and their index in `index/`.
pub struct Corpus {
    pub dir: tempfile::TempDir,
}

impl Corpus {
    /// Writes `files` (path under `corpus/`, content) and indexes them.
    pub fn new(files: &[(&str, &str)]) -> Corpus {
        let dir = tempfile::tempdir().expect("tempdir");
        for (path, text) in files {
            write(&dir.path().join("corpus").join(path), text);
        }
        let corpus = Corpus { dir };
        index_folder(&corpus.root(), &corpus.index());
        corpus
    }

    /// Three short articles, two sources, known dates; the third is a syndicated copy of the first.
    pub fn three() -> Corpus {
        Corpus::new(&THREE)
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().join("corpus")
    }

    pub fn index(&self) -> PathBuf {
        self.dir.path().join("index")
    }
}

/// The articles of [`Corpus::three`].
pub const THREE: [(&str, &str); 3] = [
    (
        "coast/harbour.txt",
        "Harbour reopens after the storm\nBy Ann Lee | Coast Post\n5 January 2026\n\n\
         The harbour at Port Elm reopened on Monday after the storm. Fishing boats returned by noon.\n\n\
         The ferry to the islands resumes on Friday.\n",
    ),
    (
        "coast/fares.txt",
        "Ferry fares rise for the winter\nBy Bob Stone and Cy Dale | Coast Post\n20 January 2026\n\n\
         The ferry operator raised fares by a tenth. Islanders said the ferry is their only link.\n\n\
         The council will discuss the fares in March.\n",
    ),
    (
        "valley/harbour-copy.txt",
        "Harbour reopens after the storm\nBy Dee Park | Valley Times\n3 March 2026\n\n\
         The harbour at Port Elm reopened on Monday after the storm. Fishing boats returned by noon.\n\n\
         The ferry to the islands resumes on Friday.\n",
    ),
];

/// Runs `newsdex ARGS --index INDEX`.
pub fn run(index: &Path, args: &[&str]) -> Output {
    newsdex()
        .args(args)
        .arg("--index")
        .arg(index)
        .output()
        .expect("runs")
}

/// Runs a subcommand that must succeed and returns its stdout.
pub fn stdout(index: &Path, args: &[&str]) -> String {
    let out = run(index, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Runs a subcommand that prints one JSON object and returns it parsed.
pub fn json(index: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&stdout(index, args)).expect("valid JSON")
}
