//! Match counts: passages, articles and stories a query matches, in all and per value of a
//! facet (source, author, year, month, entity).

use std::io::Write;

use serde::Serialize;
use serde_json::Value;

use super::counted;
use crate::search::views::{Facet, FacetCount, FacetCounts, MatchCount};

/// A count as a command shows it: the query, as typed and as run, and the table of a facet when
/// the count is broken down by one.
#[derive(Debug, Clone, Copy)]
pub struct CountReport<'a> {
    /// The query as typed.
    pub query: &'a str,
    /// The query as run.
    pub executed_query: &'a str,
    /// The counts.
    pub count: &'a MatchCount,
    /// The counts per value of a facet, when asked for.
    pub by: Option<&'a FacetCounts>,
    /// Whether stories are the unit: they lead the totals, and the values of a facet other
    /// than a period are ordered by the stories they carried.
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
}

/// The JSON of a count (`schema_version` 1). Broken down by a facet, it adds `by_<facet>`
/// (`by_source`, `by_author`, `by_year`, `by_month`, `by_entity`): a list of
/// `{"<facet>": value or null, "passages", "articles", "stories"}`, and for sources also
/// `shared_stories` (those of its stories another outlet carried too).
pub fn json(report: &CountReport<'_>) -> Value {
    let json = CountJson {
        schema_version: 1,
        query: report.query,
        executed_query: report.executed_query,
        unit: if report.stories { "story" } else { "article" },
        passages: report.count.passages,
        articles: report.count.articles,
        stories: report.count.stories,
    };
    let mut value = serde_json::to_value(json).expect("a count serialises");
    if let (Some(by), Value::Object(map)) = (report.by, &mut value) {
        let rows: Value = rows(report, by)
            .into_iter()
            .map(|row| {
                let mut row_json = row_json(by.facet, row);
                if let (Some(shared), Value::Object(fields)) =
                    (shared_stories(report, by, row), &mut row_json)
                {
                    fields.insert("shared_stories".to_string(), shared.into());
                }
                row_json
            })
            .collect();
        map.insert(format!("by_{}", by.facet.name()), rows);
    }
    value
}

/// A facet's table as JSON, `[{"<facet>": value or null, "passages", "articles", "stories"}]`:
/// the `by_<facet>` list of a count, for any page that shows a facet column.
pub fn facet_json(by: &FacetCounts) -> Value {
    by.rows.iter().map(|row| row_json(by.facet, row)).collect()
}

/// One row of a facet's table as JSON.
fn row_json(facet: Facet, row: &FacetCount) -> Value {
    serde_json::json!({
        facet.name(): row.value,
        "passages": row.passages,
        "articles": row.articles,
        "stories": row.stories,
    })
}

/// The rows in the order shown: as the facet gives them, or with stories as the unit, most
/// stories first (periods stay in order; the rows without a value last).
fn rows<'a>(report: &CountReport<'_>, by: &'a FacetCounts) -> Vec<&'a FacetCount> {
    let mut rows: Vec<&FacetCount> = by.rows.iter().collect();
    if report.stories && !matches!(by.facet, Facet::Year | Facet::Month) {
        rows.sort_by_key(|row| (row.value.is_none(), std::cmp::Reverse(row.stories)));
    }
    rows
}

/// For a row of the source facet, how many of its stories another outlet carried too.
fn shared_stories(report: &CountReport<'_>, by: &FacetCounts, row: &FacetCount) -> Option<usize> {
    if by.facet != Facet::Source {
        return None;
    }
    report
        .count
        .by_source
        .iter()
        .find(|s| s.source == row.value)
        .map(|s| s.shared_stories)
}

/// `<facet>,passages,articles,stories` then one row per value (an empty first field for the
/// articles without one); without a facet, one row of the totals under `passages,articles,stories`.
pub fn write_csv(out: &mut dyn Write, report: &CountReport<'_>) -> std::io::Result<()> {
    let Some(by) = report.by else {
        writeln!(out, "passages,articles,stories")?;
        let c = report.count;
        return writeln!(out, "{},{},{}", c.passages, c.articles, c.stories);
    };
    writeln!(out, "{},passages,articles,stories", by.facet.name())?;
    for row in rows(report, by) {
        writeln!(
            out,
            "{},{},{},{}",
            super::timeline::csv_field(row.value.as_deref().unwrap_or("")),
            row.passages,
            row.articles,
            row.stories
        )?;
    }
    Ok(())
}

/// The query as run, the totals (stories first when they are the unit), and the table of a
/// facet when asked for.
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
    match report.by {
        Some(by) if report.stories => write_stories_by(out, report, by),
        Some(by) => write_facet(out, by),
        None => Ok(()),
    }
}

/// The name a row is shown under: its value, or `(no <facet>)`.
fn shown_name(facet: Facet, row: &FacetCount) -> String {
    row.value
        .clone()
        .unwrap_or_else(|| format!("(no {})", facet.name()))
}

/// The width of the first column of a facet's table.
fn name_width(by: &FacetCounts) -> usize {
    by.rows
        .iter()
        .map(|row| shown_name(by.facet, row).chars().count())
        .chain([by.facet.name().len()])
        .max()
        .unwrap_or(0)
}

/// A table: the facet's value, passages, articles, stories.
fn write_facet(out: &mut dyn Write, by: &FacetCounts) -> std::io::Result<()> {
    let width = name_width(by);
    writeln!(out)?;
    writeln!(
        out,
        "{:<width$}  {:>8}  {:>8}  {:>7}",
        by.facet.name(),
        "passages",
        "articles",
        "stories"
    )?;
    for row in &by.rows {
        writeln!(
            out,
            "{:<width$}  {:>8}  {:>8}  {:>7}",
            shown_name(by.facet, row),
            row.passages,
            row.articles,
            row.stories
        )?;
    }
    Ok(())
}

/// A table with stories leading: the facet's value, stories, (for sources) those shared with
/// other outlets, articles, passages.
fn write_stories_by(
    out: &mut dyn Write,
    report: &CountReport<'_>,
    by: &FacetCounts,
) -> std::io::Result<()> {
    let width = name_width(by);
    let sources = by.facet == Facet::Source;
    let shared_header = if sources { "  shared" } else { "" };
    writeln!(out)?;
    writeln!(
        out,
        "{:<width$}  {:>7}{shared_header}  {:>8}  {:>8}",
        by.facet.name(),
        "stories",
        "articles",
        "passages"
    )?;
    for row in rows(report, by) {
        let shared = shared_stories(report, by, row)
            .map(|n| format!("  {n:>6}"))
            .unwrap_or_default();
        writeln!(
            out,
            "{:<width$}  {:>7}{shared}  {:>8}  {:>8}",
            shown_name(by.facet, row),
            row.stories,
            row.articles,
            row.passages
        )?;
    }
    if sources {
        writeln!(out)?;
        writeln!(out, "shared: stories another outlet carried too")?;
    }
    Ok(())
}
