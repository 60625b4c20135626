//! A keyword-in-context concordance as aligned text, TSV and JSON.

use std::io::Write;

use serde::Serialize;
use serde_json::Value;

use super::counted;
use super::style::Palette;
use crate::search::views::{Concordance, KwicLine};

#[derive(Serialize)]
struct ConcordanceJson<'a> {
    schema_version: u32,
    query: &'a str,
    executed_query: &'a str,
    occurrences: usize,
    passages: usize,
    articles: usize,
    lines: Vec<LineJson<'a>>,
}

#[derive(Serialize)]
struct LineJson<'a> {
    article_id: &'a str,
    passage: u32,
    date: Option<&'a str>,
    left: &'a str,
    keyword: &'a str,
    right: &'a str,
    start: usize,
    end: usize,
}

/// The JSON of a concordance (`schema_version` 2: passages are numbered from 1).
pub fn json(concordance: &Concordance) -> Value {
    let json = ConcordanceJson {
        schema_version: 2,
        query: &concordance.query,
        executed_query: &concordance.executed_query,
        occurrences: concordance.occurrences,
        passages: concordance.passages,
        articles: concordance.articles,
        lines: concordance
            .lines
            .iter()
            .map(|l| LineJson {
                article_id: &l.article_id,
                passage: l.passage,
                date: l.date.as_deref(),
                left: &l.left,
                keyword: &l.keyword,
                right: &l.right,
                start: l.span.start,
                end: l.span.end,
            })
            .collect(),
    };
    serde_json::to_value(json).expect("a concordance serialises")
}

/// A summary line, then `left | KEYWORD | right  article ¶passage · date`, the left context
/// right-aligned so that every keyword starts in the same column.
pub fn write_text(
    out: &mut dyn Write,
    concordance: &Concordance,
    width: usize,
    palette: Palette,
) -> std::io::Result<()> {
    let mut summary = format!(
        "kwic: {} · {} in {} of {}",
        concordance.executed_query,
        counted(concordance.occurrences, "occurrence"),
        counted(concordance.passages, "passage"),
        counted(concordance.articles, "article"),
    );
    if concordance.lines.len() < concordance.occurrences {
        summary += &format!(" · showing {}", concordance.lines.len());
    }
    writeln!(out, "{}", palette.dim(&summary))?;
    writeln!(out)?;
    for line in &concordance.lines {
        writeln!(
            out,
            "{:>width$} | {} | {:<width$}  {}",
            line.left,
            palette.matched(&line.keyword),
            line.right,
            palette.dim(&source(line))
        )?;
    }
    Ok(())
}

/// Where a line comes from: `article ¶passage · date`.
fn source(line: &KwicLine) -> String {
    match &line.date {
        Some(date) => format!("{} ¶{} · {date}", line.article_id, line.passage),
        None => format!("{} ¶{}", line.article_id, line.passage),
    }
}

/// A header, then one tab-separated row per line.
pub fn write_tsv(out: &mut dyn Write, concordance: &Concordance) -> std::io::Result<()> {
    writeln!(out, "article_id\tpassage\tdate\tleft\tkeyword\tright")?;
    for line in &concordance.lines {
        let fields = [
            line.article_id.as_str(),
            &line.passage.to_string(),
            line.date.as_deref().unwrap_or(""),
            &line.left,
            &line.keyword,
            &line.right,
        ]
        .map(|f| f.replace(['\t', '\n', '\r'], " "));
        writeln!(out, "{}", fields.join("\t"))?;
    }
    Ok(())
}
