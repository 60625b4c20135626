//! `newsdex count`: passages and articles a query matches, in all or per source.

use std::io::Write;

use newsdex::views::{MatchCount, SourceMatches};
use newsdex::NewsIndex;
use serde::Serialize;

use super::args::{CountArgs, CountBy, ReportFormat};

/// How sources without a name are shown in text.
const NO_SOURCE: &str = "(no source)";

#[derive(Serialize)]
struct CountJson<'a> {
    schema_version: u32,
    query: &'a str,
    executed_query: &'a str,
    passages: usize,
    articles: usize,
    stories: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    by_source: Option<Vec<SourceJson<'a>>>,
}

#[derive(Serialize)]
struct SourceJson<'a> {
    source: Option<&'a str>,
    passages: usize,
    articles: usize,
    stories: usize,
}

/// Runs `newsdex count`.
pub fn run_count(args: CountArgs) -> anyhow::Result<()> {
    let index = NewsIndex::open(&args.index)?;
    let options = args.dates.restrict(args.reading.options());
    let prepared = index.prepare(&args.query, &options)?;
    let count = MatchCount::of(&index.matches(&prepared)?);
    let per_source = args.by == Some(CountBy::Source);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        ReportFormat::Json => {
            let json = CountJson {
                schema_version: 1,
                query: &args.query,
                executed_query: prepared.executed(),
                passages: count.passages,
                articles: count.articles,
                stories: count.stories,
                by_source: per_source.then(|| count.by_source.iter().map(source_json).collect()),
            };
            writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?;
        }
        ReportFormat::Text => {
            writeln!(out, "counted: {}", prepared.executed())?;
            writeln!(
                out,
                "{} passages in {} articles ({} stories)",
                count.passages, count.articles, count.stories
            )?;
            if per_source {
                write_sources(&mut out, &count.by_source)?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

fn source_json(source: &SourceMatches) -> SourceJson<'_> {
    SourceJson {
        source: source.source.as_deref(),
        passages: source.passages,
        articles: source.articles,
        stories: source.stories,
    }
}

/// A table: source, passages, articles, stories.
fn write_sources(out: &mut dyn Write, sources: &[SourceMatches]) -> std::io::Result<()> {
    let name = |s: &SourceMatches| s.source.clone().unwrap_or_else(|| NO_SOURCE.to_string());
    let width = sources
        .iter()
        .map(|s| name(s).chars().count())
        .chain(["source".len()])
        .max()
        .unwrap_or(0);
    writeln!(out)?;
    writeln!(
        out,
        "{:<width$}  {:>8}  {:>8}  {:>7}",
        "source", "passages", "articles", "stories"
    )?;
    for source in sources {
        writeln!(
            out,
            "{:<width$}  {:>8}  {:>8}  {:>7}",
            name(source),
            source.passages,
            source.articles,
            source.stories
        )?;
    }
    Ok(())
}
