//! Test fixtures: a hermetic command, a temporary index of the bundled corpus, small corpora
//! the tests write themselves, and helpers to run a subcommand and read its output.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

/// The `newsdex` binary with a clean environment (no colour settings, fixed width).
pub fn newsdex() -> Command {
    let mut cmd = Command::cargo_bin("newsdex").expect("binary builds");
    cmd.env_remove("NO_COLOR").env_remove("COLUMNS");
    cmd
}

/// The bundled corpus.
pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// A temporary directory holding an index of the bundled corpus at `dir/index`.
pub struct Indexed {
    pub dir: tempfile::TempDir,
}

impl Indexed {
    /// Indexes the bundled corpus as `corpus/` from the project root, so that paths in output
    /// are the same on every machine.
    pub fn corpus() -> Indexed {
        let dir = tempfile::tempdir().expect("tempdir");
        newsdex()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["index", "corpus"])
            .arg("--index")
            .arg(dir.path().join("index"))
            .assert()
            .success();
        Indexed { dir }
    }

    pub fn index(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// Runs `search QUERY --json` plus `extra` arguments and returns the parsed output.
    pub fn search_json(&self, query: &str, extra: &[&str]) -> Value {
        let args: Vec<&str> = ["search", query, "--json"]
            .into_iter()
            .chain(extra.iter().copied())
            .collect();
        crate::util::json(&self.index(), &args)
    }
}

/// The results array of a JSON answer.
pub fn results(json: &Value) -> &Vec<Value> {
    json["results"].as_array().expect("results array")
}

/// Runs `newsdex index INPUT --index INDEX`, which must succeed.
pub fn index_folder(input: &Path, index: &Path) {
    newsdex()
        .arg("index")
        .arg(input)
        .arg("--index")
        .arg(index)
        .assert()
        .success();
}

/// Writes a file, creating its folder.
pub fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, bytes).expect("write");
}

/// Writes `n` small articles that all contain the word "quokka".
pub fn quokka_stories(dir: &Path, prefix: &str, n: usize) {
    for i in 0..n {
        write(
            &dir.join(format!("{prefix}{i:05}.txt")),
            format!(
                "Story {prefix} {i}\n\nThe quokka census counted {i} animals near the harbour. \
                 Rangers said the quokka colony grew again this season.\n"
            ),
        );
    }
}

/// The number of articles of the index at `index` that mention "quokka", or the error of the
/// search. Each such article is one passage: an article indexed twice is an error too.
pub fn quokka_articles(index: &Path) -> Result<u64, String> {
    let out = newsdex()
        .args(["search", "quokka", "--per-article", "0", "--no-collapse"])
        .args(["-n", "100000", "--json", "--index"])
        .arg(index)
        .output()
        .unwrap();
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = results(&json)
        .iter()
        .map(|hit| hit["article_id"].as_str().unwrap())
        .collect();
    let articles: std::collections::HashSet<&str> = ids.iter().copied().collect();
    if articles.len() != ids.len() {
        return Err(format!(
            "{} passages for {} articles: some were indexed twice",
            ids.len(),
            articles.len()
        ));
    }
    Ok(ids.len() as u64)
}

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

/// Runs `newsdex index ARGS --index INDEX`, which must succeed, and returns its stderr.
pub fn index_with(index: &Path, args: &[&std::ffi::OsStr]) -> String {
    let out = newsdex()
        .arg("index")
        .args(args)
        .arg("--index")
        .arg(index)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    stderr
}

/// `newsdex index INPUT --index INDEX --quiet`, to run.
pub fn index_quietly(input: &Path, index: &Path) -> Command {
    let mut cmd = newsdex();
    cmd.arg("index")
        .arg(input)
        .arg("--index")
        .arg(index)
        .arg("--quiet");
    cmd
}
