//! Match counts: passages and articles a query matches, in all and per source.

use std::io::Write;

use serde::Serialize;
use serde_json::Value;

use super::counted;
use crate::search::views::{LanguageMatches, MatchCount, SourceMatches};

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
    /// Whether to list the counts per language.
    pub by_language: bool,
}

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
    #[serde(skip_serializing_if = "Option::is_none")]
    by_language: Option<Vec<LanguageJson<'a>>>,
}

#[derive(Serialize)]
struct LanguageJson<'a> {
    language: &'a str,
    passages: usize,
    articles: usize,
    stories: usize,
}

#[derive(Serialize)]
struct SourceJson<'a> {
    source: Option<&'a str>,
    passages: usize,
    articles: usize,
    stories: usize,
}

/// The JSON of a count (`schema_version` 1).
pub fn json(report: &CountReport<'_>) -> Value {
    let json = CountJson {
        schema_version: 1,
        query: report.query,
        executed_query: report.executed_query,
        passages: report.count.passages,
        articles: report.count.articles,
        stories: report.count.stories,
        by_source: report.by_source.then(|| {
            report
                .count
                .by_source
                .iter()
                .map(|s| SourceJson {
                    source: s.source.as_deref(),
                    passages: s.passages,
                    articles: s.articles,
                    stories: s.stories,
                })
                .collect()
        }),
        by_language: report.by_language.then(|| {
            report
                .count
                .by_language
                .iter()
                .map(|l| LanguageJson {
                    language: &l.language,
                    passages: l.passages,
                    articles: l.articles,
                    stories: l.stories,
                })
                .collect()
        }),
    };
    serde_json::to_value(json).expect("a count serialises")
}

/// The query as run, the totals, and a table per source when asked for.
pub fn write_text(out: &mut dyn Write, report: &CountReport<'_>) -> std::io::Result<()> {
    writeln!(out, "counted: {}", report.executed_query)?;
    writeln!(
        out,
        "{} in {} ({})",
        counted(report.count.passages, "passage"),
        counted(report.count.articles, "article"),
        counted(report.count.stories, "story")
    )?;
    if report.by_source {
        write_sources(out, &report.count.by_source)?;
    }
    if report.by_language {
        write_languages(out, &report.count.by_language)?;
    }
    Ok(())
}

/// A table: language, passages, articles, stories.
fn write_languages(out: &mut dyn Write, languages: &[LanguageMatches]) -> std::io::Result<()> {
    writeln!(out)?;
    writeln!(
        out,
        "{:<8}  {:>8}  {:>8}  {:>7}",
        "language", "passages", "articles", "stories"
    )?;
    for language in languages {
        writeln!(
            out,
            "{:<8}  {:>8}  {:>8}  {:>7}",
            language.language, language.passages, language.articles, language.stories
        )?;
    }
    Ok(())
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
