//! Match counts: passages, articles and stories a query matches, in all and per source.

use std::io::Write;

use serde::Serialize;
use serde_json::Value;

use super::counted;
use crate::search::views::{MatchCount, SourceMatches};

/// How sources without a name are shown in text.
const NO_SOURCE: &str = "(no source)";

/// A count as a command shows it: the query, as typed and as run, and whether to break the
/// count down by source.
#[derive(Debug, Clone, Copy)]
pub struct CountReport<'a> {
    /// The query as typed.
    pub query: &'a str,
    /// The query as run.
    pub executed_query: &'a str,
    /// The counts.
    pub count: &'a MatchCount,
    /// Whether to list the counts per source.
    pub by_source: bool,
    /// Whether stories are the unit: they lead the totals, and the sources are ordered by the
    /// stories they carried, with those other outlets carried too.
    pub stories: bool,
}

#[derive(Serialize)]
struct CountJson<'a> {
    schema_version: u32,
    query: &'a str,
    executed_query: &'a str,
    unit: &'static str,
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
    shared_stories: usize,
}

/// The JSON of a count (`schema_version` 1).
pub fn json(report: &CountReport<'_>) -> Value {
    let json = CountJson {
        schema_version: 1,
        query: report.query,
        executed_query: report.executed_query,
        unit: if report.stories { "story" } else { "article" },
        passages: report.count.passages,
        articles: report.count.articles,
        stories: report.count.stories,
        by_source: report.by_source.then(|| {
            sources(report)
                .into_iter()
                .map(|s| SourceJson {
                    source: s.source.as_deref(),
                    passages: s.passages,
                    articles: s.articles,
                    stories: s.stories,
                    shared_stories: s.shared_stories,
                })
                .collect()
        }),
    };
    serde_json::to_value(json).expect("a count serialises")
}

/// The sources in the order shown: most articles first, or with stories as the unit, most
/// stories first (sources without a name last).
fn sources<'a>(report: &CountReport<'a>) -> Vec<&'a SourceMatches> {
    let mut sources: Vec<&SourceMatches> = report.count.by_source.iter().collect();
    if report.stories {
        sources.sort_by_key(|s| (s.source.is_none(), std::cmp::Reverse(s.stories)));
    }
    sources
}

/// The query as run, the totals, and a table per source when asked for.
pub fn write_text(out: &mut dyn Write, report: &CountReport<'_>) -> std::io::Result<()> {
    writeln!(out, "counted: {}", report.executed_query)?;
    let (passages, articles, stories) = (
        counted(report.count.passages, "passage"),
        counted(report.count.articles, "article"),
        counted(report.count.stories, "story"),
    );
    if report.stories {
        writeln!(out, "{stories} in {articles} ({passages})")?;
    } else {
        writeln!(out, "{passages} in {articles} ({stories})")?;
    }
    if report.by_source {
        if report.stories {
            write_stories_by_source(out, &sources(report))?;
        } else {
            write_sources(out, &sources(report))?;
        }
    }
    Ok(())
}

/// The width of the source column.
fn source_width(sources: &[&SourceMatches]) -> usize {
    sources
        .iter()
        .map(|s| name(s).chars().count())
        .chain(["source".len()])
        .max()
        .unwrap_or(0)
}

fn name(source: &SourceMatches) -> String {
    source
        .source
        .clone()
        .unwrap_or_else(|| NO_SOURCE.to_string())
}

/// A table: source, stories, those shared with other outlets, articles, passages.
fn write_stories_by_source(out: &mut dyn Write, sources: &[&SourceMatches]) -> std::io::Result<()> {
    let width = source_width(sources);
    writeln!(out)?;
    writeln!(
        out,
        "{:<width$}  {:>7}  {:>6}  {:>8}  {:>8}",
        "source", "stories", "shared", "articles", "passages"
    )?;
    for source in sources {
        writeln!(
            out,
            "{:<width$}  {:>7}  {:>6}  {:>8}  {:>8}",
            name(source),
            source.stories,
            source.shared_stories,
            source.articles,
            source.passages
        )?;
    }
    writeln!(out)?;
    writeln!(out, "shared: stories another outlet carried too")
}

/// A table: source, passages, articles, stories.
fn write_sources(out: &mut dyn Write, sources: &[&SourceMatches]) -> std::io::Result<()> {
    let width = source_width(sources);
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
