//! `newsdex kwic`: a keyword-in-context concordance as aligned text, TSV or JSON.

use std::io::Write;

use newsdex::views::{Concordance, KwicLine, KwicOptions, KwicSort};
use newsdex::NewsIndex;
use serde::Serialize;

use super::args::{KwicArgs, KwicFormat, KwicSortArg};
use super::use_color;

const DIM: &str = "\x1b[2m";
const MATCH: &str = "\x1b[1;33m";
const RESET: &str = "\x1b[0m";

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

/// Runs `newsdex kwic`.
pub fn run_kwic(args: KwicArgs) -> anyhow::Result<()> {
    let index = NewsIndex::open(&args.index)?;
    let options = args.dates.restrict(args.reading.options());
    let kwic = KwicOptions {
        width: args.width,
        sort: match args.sort {
            KwicSortArg::Left => KwicSort::Left,
            KwicSortArg::Right => KwicSort::Right,
            KwicSortArg::None => KwicSort::None,
        },
        limit: args.limit,
        unique_stories: args.unique_stories,
    };
    let concordance = index.kwic(&args.term, &options, kwic)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        KwicFormat::Text => {
            write_text(&mut out, &concordance, args.width, use_color(args.color))?;
        }
        KwicFormat::Tsv => write_tsv(&mut out, &concordance)?,
        KwicFormat::Json => {
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&json(&concordance))?
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

fn json(concordance: &Concordance) -> ConcordanceJson<'_> {
    ConcordanceJson {
        schema_version: 1,
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
    }
}

/// A summary line, then `left | KEYWORD | right  article date`, the left context right-aligned
/// so that every keyword starts in the same column.
fn write_text(
    out: &mut dyn Write,
    concordance: &Concordance,
    width: usize,
    color: bool,
) -> std::io::Result<()> {
    let mut summary = format!(
        "kwic: {} · {} occurrences in {} passages of {} articles",
        concordance.executed_query,
        concordance.occurrences,
        concordance.passages,
        concordance.articles
    );
    if concordance.lines.len() < concordance.occurrences {
        summary += &format!(" · showing {}", concordance.lines.len());
    }
    if color {
        writeln!(out, "{DIM}{summary}{RESET}")?;
    } else {
        writeln!(out, "{summary}")?;
    }
    writeln!(out)?;
    for line in &concordance.lines {
        let keyword = if color {
            format!("{MATCH}{}{RESET}", line.keyword)
        } else {
            line.keyword.clone()
        };
        let source = source(line);
        let source = if color {
            format!("{DIM}{source}{RESET}")
        } else {
            source
        };
        writeln!(
            out,
            "{:>width$} | {keyword} | {:<width$}  {source}",
            line.left, line.right
        )?;
    }
    Ok(())
}

/// Where a line comes from: `article ¶passage · date`.
fn source(line: &KwicLine) -> String {
    match &line.date {
        Some(date) => format!(
            "{} ¶{} · {date}",
            line.article_id,
            line.passage.saturating_add(1)
        ),
        None => format!("{} ¶{}", line.article_id, line.passage.saturating_add(1)),
    }
}

/// A header, then one tab-separated row per line.
fn write_tsv(out: &mut dyn Write, concordance: &Concordance) -> std::io::Result<()> {
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
