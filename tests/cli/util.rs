//! Test fixtures: a hermetic command, a temporary index of the bundled corpus, JSON helpers.

use std::path::{Path, PathBuf};

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
        crate::fixture::json(&self.index(), &args)
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
