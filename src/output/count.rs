//! Match counts: passages and articles a query matches, in all and per value of a facet
//! (source, author, year, month, entity).

use std::io::Write;

use serde::Serialize;
use serde_json::Value;

use super::counted;
use crate::search::views::{FacetCount, FacetCounts, MatchCount};

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
}

#[derive(Serialize)]
struct CountJson<'a> {
    schema_version: u32,
    query: &'a str,
    executed_query: &'a str,
    passages: usize,
    articles: usize,
    stories: usize,
}

/// The JSON of a count (`schema_version` 1). Broken down by a facet, it adds `by_<facet>`
/// (`by_source`, `by_author`, `by_year`, `by_month`, `by_entity`): a list of
/// `{"<facet>": value or null, "passages", "articles", "stories"}`.
pub fn json(report: &CountReport<'_>) -> Value {
    let json = CountJson {
        schema_version: 1,
        query: report.query,
        executed_query: report.executed_query,
        passages: report.count.passages,
        articles: report.count.articles,
        stories: report.count.stories,
    };
    let mut value = serde_json::to_value(json).expect("a count serialises");
    if let (Some(by), Value::Object(map)) = (report.by, &mut value) {
        map.insert(format!("by_{}", by.facet.name()), facet_json(by));
    }
    value
}

/// A facet's table as JSON, `[{"<facet>": value or null, "passages", "articles", "stories"}]`:
/// the `by_<facet>` list of a count, for any page that shows a facet column.
pub fn facet_json(by: &FacetCounts) -> Value {
    let name = by.facet.name();
    by.rows
        .iter()
        .map(|row| {
            serde_json::json!({
                name: row.value,
                "passages": row.passages,
                "articles": row.articles,
                "stories": row.stories,
            })
        })
        .collect()
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
    for row in &by.rows {
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
    if let Some(by) = report.by {
        write_facet(out, by)?;
    }
    Ok(())
}

/// A table: the facet's value, passages, articles, stories.
fn write_facet(out: &mut dyn Write, by: &FacetCounts) -> std::io::Result<()> {
    let facet = by.facet.name();
    let none = format!("(no {facet})");
    let name = |row: &FacetCount| row.value.clone().unwrap_or_else(|| none.clone());
    let width = by
        .rows
        .iter()
        .map(|row| name(row).chars().count())
        .chain([facet.len()])
        .max()
        .unwrap_or(0);
    writeln!(out)?;
    writeln!(
        out,
        "{:<width$}  {:>8}  {:>8}  {:>7}",
        facet, "passages", "articles", "stories"
    )?;
    for row in &by.rows {
        writeln!(
            out,
            "{:<width$}  {:>8}  {:>8}  {:>7}",
            name(row),
            row.passages,
            row.articles,
            row.stories
        )?;
    }
    Ok(())
}
