//! Figures about an index as aligned text and JSON.

use std::io::Write;

use serde::Serialize;
use serde_json::Value;

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::date::iso_day;

use crate::search::views::IndexStats;

#[derive(Serialize)]
struct StatsJson<'a> {
    schema_version: u32,
    articles: usize,
    passages: usize,
    copies: usize,
    sources: Vec<SourceJson<'a>>,
    sources_total: usize,
    languages: Vec<LanguageJson<'a>>,
    date_min: Option<String>,
    date_max: Option<String>,
    undated: usize,
    terms: usize,
    files: usize,
    folders: usize,
    size_bytes: u64,
    last_indexed: Option<String>,
}

#[derive(Serialize)]
struct LanguageJson<'a> {
    language: &'a str,
    articles: usize,
}

#[derive(Serialize)]
struct SourceJson<'a> {
    source: &'a str,
    articles: usize,
}

/// The JSON of the figures (`schema_version` 1).
pub fn json(stats: &IndexStats) -> Value {
    let json = StatsJson {
        schema_version: 1,
        articles: stats.articles,
        passages: stats.passages,
        copies: stats.copies,
        sources: stats
            .sources
            .iter()
            .map(|s| SourceJson {
                source: &s.source,
                articles: s.articles,
            })
            .collect(),
        sources_total: stats.sources_total,
        languages: stats
            .languages
            .iter()
            .map(|(language, articles)| LanguageJson {
                language,
                articles: *articles,
            })
            .collect(),
        date_min: stats.date_min.map(iso_day),
        date_max: stats.date_max.map(iso_day),
        undated: stats.undated,
        terms: stats.terms,
        files: stats.files,
        folders: stats.folders,
        size_bytes: stats.size_bytes,
        last_indexed: stats.last_indexed.and_then(rfc3339),
    };
    serde_json::to_value(json).expect("figures serialise")
}

/// One labelled line per figure, then the top sources.
pub fn write_text(out: &mut dyn Write, stats: &IndexStats) -> std::io::Result<()> {
    let row = |out: &mut dyn Write, label: &str, value: String| writeln!(out, "{label:<14}{value}");
    row(out, "articles", stats.articles.to_string())?;
    row(
        out,
        "copies",
        format!("{} (exact copies of another article)", stats.copies),
    )?;
    row(out, "passages", stats.passages.to_string())?;
    let languages: Vec<String> = stats
        .languages
        .iter()
        .map(|(language, articles)| format!("{language} {articles}"))
        .collect();
    row(out, "languages", languages.join(", "))?;
    let dates = match (stats.date_min, stats.date_max) {
        (Some(min), Some(max)) => format!("{} to {}", iso_day(min), iso_day(max)),
        _ => "none".to_string(),
    };
    row(out, "dates", format!("{dates} ({} undated)", stats.undated))?;
    row(
        out,
        "terms",
        format!("{} distinct in passage text", stats.terms),
    )?;
    row(
        out,
        "files",
        format!("{} in {} folders", stats.files, stats.folders),
    )?;
    row(
        out,
        "size",
        format!(
            "{:.2} MB ({} bytes)",
            stats.size_bytes as f64 / 1e6,
            stats.size_bytes
        ),
    )?;
    let last = stats
        .last_indexed
        .and_then(rfc3339)
        .unwrap_or_else(|| "unknown".to_string());
    row(out, "last indexed", last)?;
    let listed = if stats.sources.len() < stats.sources_total {
        format!("{} (top {})", stats.sources_total, stats.sources.len())
    } else {
        stats.sources_total.to_string()
    };
    row(out, "sources", listed)?;
    let name_width = stats
        .sources
        .iter()
        .map(|s| s.source.chars().count())
        .max()
        .unwrap_or(0);
    for source in &stats.sources {
        writeln!(
            out,
            "  {:<name_width$}  {:>8}",
            source.source, source.articles
        )?;
    }
    Ok(())
}

/// The instant in UTC, to the second (`2026-03-01T10:00:00Z`).
fn rfc3339(at: OffsetDateTime) -> Option<String> {
    at.to_offset(time::UtcOffset::UTC)
        .replace_nanosecond(0)
        .ok()?
        .format(&Rfc3339)
        .ok()
}
