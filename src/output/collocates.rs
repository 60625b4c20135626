//! Collocates of a term, for people (a table with an example line each) and as JSON.

use std::io::Write;

use serde_json::{json, Value};

use super::counted;
use super::terms::round;
use crate::search::views::Collocates;

/// The JSON of a list of collocates (`schema_version` 1): the window, the term's
/// `occurrences`, `window_words` and `corpus_words` (the word counts compared), and
/// `collocates`, strongest first, each with `word` (its commonest written form), `term` (as
/// analysed), `left` and `right` (occurrences before and after the term), `in_corpus`
/// (occurrences in the index), `g2` (the log-likelihood ratio) and `example`
/// (`article_id`, `passage`, `left`, `keyword`, `right`).
pub fn json(found: &Collocates) -> Value {
    json!({
        "schema_version": 1,
        "query": found.query,
        "executed_query": found.executed_query,
        "statistic": "log-likelihood G2 over words in the windows against the rest of the index",
        "window": found.window,
        "occurrences": found.occurrences,
        "window_words": found.window_words,
        "corpus_words": found.corpus_words,
        "collocates": found.collocates.iter().map(|c| json!({
            "word": c.word,
            "term": c.term,
            "left": c.left,
            "right": c.right,
            "in_corpus": c.in_corpus,
            "g2": round(c.g2),
            "example": {
                "article_id": c.example.article_id,
                "passage": c.example.passage,
                "left": c.example.left,
                "keyword": c.example.keyword,
                "right": c.example.right,
            },
        })).collect::<Vec<_>>(),
    })
}

/// The term as run and the window, then one row per collocate (word, G², left and right
/// counts, occurrences in the index) with an example line under it.
pub fn write_text(out: &mut dyn Write, found: &Collocates) -> std::io::Result<()> {
    writeln!(
        out,
        "collocates of: {} · {} · window {} words each side",
        found.executed_query,
        counted(found.occurrences as usize, "occurrence"),
        found.window
    )?;
    if found.collocates.is_empty() {
        writeln!(out, "\nno word stands out near it")?;
        return Ok(());
    }
    let width = found
        .collocates
        .iter()
        .map(|c| c.word.chars().count())
        .chain(["word".len()])
        .max()
        .unwrap_or(0);
    writeln!(out)?;
    writeln!(
        out,
        "{:<width$}  {:>9}  {:>5}  {:>5}  {:>9}",
        "word", "G²", "left", "right", "in corpus"
    )?;
    for c in &found.collocates {
        writeln!(
            out,
            "{:<width$}  {:>9.2}  {:>5}  {:>5}  {:>9}",
            c.word, c.g2, c.left, c.right, c.in_corpus
        )?;
        let e = &c.example;
        writeln!(
            out,
            "    {} [{}] {}  ({} ¶{})",
            e.left, e.keyword, e.right, e.article_id, e.passage
        )?;
    }
    Ok(())
}
