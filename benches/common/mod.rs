//! Inputs shared by the criterion benchmarks, all made from the bundled `corpus/` articles so
//! that every run measures the same bytes.

// Each benchmark binary uses only part of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use newsdex::ingest::read_text;
use newsdex::{Article, DateOrder};

/// The bundled corpus folder of this repository.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// One bundled article file: its text and whether it is Markdown.
pub struct Source {
    /// The file's text.
    pub text: String,
    /// Whether the file is Markdown (`.md`).
    pub markdown: bool,
}

/// Every bundled article file (`.txt` and `.md`), sorted by path.
pub fn sources() -> Vec<Source> {
    let mut paths: Vec<PathBuf> = walk(&corpus_dir());
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let ext = path.extension()?.to_str()?.to_string();
            if ext != "txt" && ext != "md" {
                return None;
            }
            let text = std::fs::read_to_string(&path).ok()?;
            Some(Source {
                text,
                markdown: ext == "md",
            })
        })
        .collect()
}

/// The bundled articles, read by the text reader (ids numbered in file order).
pub fn articles() -> Vec<Article> {
    sources()
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let mut article = read_text(&s.text, s.markdown, DateOrder::Unknown)?;
            article.id = format!("bench-{i:04}");
            Some(article)
        })
        .collect()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
