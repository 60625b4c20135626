//! Characteristic words of a result set, for people (an aligned table) and as JSON.

use std::io::Write;

use serde::Serialize;
use serde_json::Value;

use super::counted;
use crate::search::views::KeyTerms;

#[derive(Serialize)]
struct TermsJson<'a> {
    schema_version: u32,
    query: &'a str,
    executed_query: &'a str,
    statistic: &'static str,
    passages: u64,
    corpus_passages: u64,
    terms: Vec<TermJson<'a>>,
}

#[derive(Serialize)]
struct TermJson<'a> {
    word: &'a str,
    term: &'a str,
    phrase: bool,
    in_results: u64,
    in_corpus: u64,
    g2: f64,
}

/// The JSON of a list of characteristic words (`schema_version` 1): `passages` (the result
/// set) and `corpus_passages`, and `terms`, most characteristic first, each with `word` (its
/// commonest written form), `term` (as analysed), `phrase`, `in_results` and `in_corpus`
/// (passages holding it) and `g2` (the log-likelihood ratio).
pub fn json(terms: &KeyTerms) -> Value {
    let json = TermsJson {
        schema_version: 1,
        query: &terms.query,
        executed_query: &terms.executed_query,
        statistic: "log-likelihood G2 over passages holding the word",
        passages: terms.passages,
        corpus_passages: terms.corpus_passages,
        terms: terms
            .terms
            .iter()
            .map(|t| TermJson {
                word: &t.word,
                term: &t.term,
                phrase: t.phrase,
                in_results: t.in_results,
                in_corpus: t.in_corpus,
                g2: round(t.g2),
            })
            .collect(),
    };
    serde_json::to_value(json).expect("terms serialise")
}

/// Two decimals are all a ranking statistic needs.
pub(crate) fn round(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// The query as run, the sizes compared, then one row per word: the word, G², the passages of
/// the result set and of the index holding it.
pub fn write_text(out: &mut dyn Write, terms: &KeyTerms) -> std::io::Result<()> {
    writeln!(out, "characteristic of: {}", terms.executed_query)?;
    writeln!(
        out,
        "{} of {} in the index, compared with the rest by log-likelihood (G²)",
        counted(terms.passages as usize, "matching passage"),
        terms.corpus_passages
    )?;
    if terms.terms.is_empty() {
        writeln!(out, "\nno word stands out")?;
        return Ok(());
    }
    let width = terms
        .terms
        .iter()
        .map(|t| t.word.chars().count())
        .chain(["word".len()])
        .max()
        .unwrap_or(0);
    writeln!(out)?;
    writeln!(
        out,
        "{:<width$}  {:>9}  {:>10}  {:>9}",
        "word", "G²", "in results", "in corpus"
    )?;
    for t in &terms.terms {
        writeln!(
            out,
            "{:<width$}  {:>9.2}  {:>10}  {:>9}",
            t.word, t.g2, t.in_results, t.in_corpus
        )?;
    }
    Ok(())
}
