//! Saved searches: their list, and what a check found new in each, as text and as JSON.

use std::io::Write;

use serde::Serialize;
use serde_json::Value;

use super::counted;
use crate::watch::{SavedSearch, WatchReport};

#[derive(Serialize)]
struct ReportJson<'a> {
    schema_version: u32,
    watches: Vec<WatchJson<'a>>,
}

#[derive(Serialize)]
struct WatchJson<'a> {
    name: &'a str,
    query: &'a str,
    executed_query: &'a str,
    #[serde(flatten)]
    filters: FiltersJson<'a>,
    /// When it was checked before this check.
    checked: Option<&'a str>,
    matching: usize,
    new: Vec<NewJson<'a>>,
}

#[derive(Serialize)]
struct FiltersJson<'a> {
    exact: bool,
    no_expand: bool,
    since: Option<&'a str>,
    until: Option<&'a str>,
}

#[derive(Serialize)]
struct NewJson<'a> {
    article_id: &'a str,
    title: &'a str,
    source: Option<&'a str>,
    date: Option<&'a str>,
}

#[derive(Serialize)]
struct ListJson<'a> {
    schema_version: u32,
    watches: Vec<SavedJson<'a>>,
}

#[derive(Serialize)]
struct SavedJson<'a> {
    name: &'a str,
    query: &'a str,
    #[serde(flatten)]
    filters: FiltersJson<'a>,
    created: &'a str,
    checked: Option<&'a str>,
}

fn filters(search: &SavedSearch) -> FiltersJson<'_> {
    FiltersJson {
        exact: search.exact,
        no_expand: search.no_expand,
        since: search.since.as_deref(),
        until: search.until.as_deref(),
    }
}

/// The JSON of a check (`schema_version` 1): per saved search, its query, when it was checked
/// before, how many articles it matches, and the new ones (at most `limit` per search).
pub fn json(reports: &[WatchReport], limit: Option<usize>) -> Value {
    let watches = reports
        .iter()
        .map(|r| WatchJson {
            name: &r.search.name,
            query: &r.search.query,
            executed_query: &r.executed_query,
            filters: filters(&r.search),
            checked: r.search.checked.as_deref(),
            matching: r.matching,
            new: r
                .new
                .iter()
                .take(limit.unwrap_or(usize::MAX))
                .map(|a| NewJson {
                    article_id: &a.article_id,
                    title: &a.title,
                    source: a.source.as_deref(),
                    date: a.date.as_deref(),
                })
                .collect(),
        })
        .collect();
    serde_json::to_value(ReportJson {
        schema_version: 1,
        watches,
    })
    .expect("a watch report serialises")
}

/// Per saved search, a line with its name, query and what is new, then one line per new
/// article: date, source, headline, id.
pub fn write_text(
    out: &mut dyn Write,
    reports: &[WatchReport],
    limit: Option<usize>,
) -> std::io::Result<()> {
    if reports.is_empty() {
        return writeln!(
            out,
            "no saved searches; add one with `newsdex watch add NAME QUERY`"
        );
    }
    for (i, report) in reports.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let since = match &report.search.checked {
            Some(at) => format!("since {at}"),
            None => format!("since it was saved ({})", report.search.created),
        };
        let news = if report.new.is_empty() {
            "nothing new".to_string()
        } else {
            format!("{} new", counted(report.new.len(), "article"))
        };
        writeln!(
            out,
            "{}: {news} {since} · {} matching · {}",
            report.search.name,
            counted(report.matching, "article"),
            report.search.query
        )?;
        let shown = limit.unwrap_or(usize::MAX);
        for article in report.new.iter().take(shown) {
            writeln!(
                out,
                "  {:<10}  {}  {}  {}",
                article
                    .date
                    .as_deref()
                    .map_or("undated", |d| &d[..d.len().min(10)]),
                article.source.as_deref().unwrap_or("(no source)"),
                article.title,
                article.article_id
            )?;
        }
        if report.new.len() > shown {
            writeln!(out, "  … and {} more", report.new.len() - shown)?;
        }
    }
    Ok(())
}

/// The JSON of `watch list` (`schema_version` 1).
pub fn list_json(searches: &[SavedSearch]) -> Value {
    let watches = searches
        .iter()
        .map(|s| SavedJson {
            name: &s.name,
            query: &s.query,
            filters: filters(s),
            created: &s.created,
            checked: s.checked.as_deref(),
        })
        .collect();
    serde_json::to_value(ListJson {
        schema_version: 1,
        watches,
    })
    .expect("saved searches serialise")
}

/// One line per saved search: name, query, filters, when it was last checked.
pub fn write_list(out: &mut dyn Write, searches: &[SavedSearch]) -> std::io::Result<()> {
    if searches.is_empty() {
        return writeln!(
            out,
            "no saved searches; add one with `newsdex watch add NAME QUERY`"
        );
    }
    for s in searches {
        let mut flags = Vec::new();
        if let Some(since) = &s.since {
            flags.push(format!("--since {since}"));
        }
        if let Some(until) = &s.until {
            flags.push(format!("--until {until}"));
        }
        if s.exact {
            flags.push("--exact".into());
        }
        if s.no_expand {
            flags.push("--no-expand".into());
        }
        let flags = if flags.is_empty() {
            String::new()
        } else {
            format!(" {}", flags.join(" "))
        };
        writeln!(
            out,
            "{}: {}{flags} · last checked {}",
            s.name,
            s.query,
            s.checked.as_deref().unwrap_or("never")
        )?;
    }
    Ok(())
}
