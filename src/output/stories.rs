//! The stories that spread, for people and as JSON.

use std::io::Write;

use serde::Serialize;
use serde_json::Value;

use super::counted;
use crate::date::iso_day;
use crate::search::views::{Spread, StorySpread};

/// The stories of a query's matches (or of the whole index) as a command shows them.
#[derive(Debug, Clone, Copy)]
pub struct SpreadReport<'a> {
    /// The query as typed, when there is one.
    pub query: Option<&'a str>,
    /// The query as run.
    pub executed_query: Option<&'a str>,
    /// The stories.
    pub spread: &'a Spread,
}

#[derive(Serialize)]
struct SpreadJson<'a> {
    schema_version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    query: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    executed_query: Option<&'a str>,
    total: usize,
    stories: Vec<StoryJson<'a>>,
}

#[derive(Serialize)]
struct StoryJson<'a> {
    story: &'a str,
    title: &'a str,
    versions: usize,
    outlets: &'a [String],
    first: Option<String>,
    last: Option<String>,
}

/// The JSON of the stories (`schema_version` 1).
pub fn json(report: &SpreadReport<'_>) -> Value {
    let json = SpreadJson {
        schema_version: 1,
        query: report.query,
        executed_query: report.executed_query,
        total: report.spread.total,
        stories: report
            .spread
            .stories
            .iter()
            .map(|s| StoryJson {
                story: &s.story,
                title: &s.title,
                versions: s.versions,
                outlets: &s.outlets,
                first: s.first.map(iso_day),
                last: s.last.map(iso_day),
            })
            .collect(),
    };
    serde_json::to_value(json).expect("stories serialise")
}

/// A summary line, then one block per story: its headline, then its versions, outlets, dates
/// and id.
pub fn write_text(out: &mut dyn Write, report: &SpreadReport<'_>) -> std::io::Result<()> {
    let shown = report.spread.stories.len();
    let mut summary = format!(
        "{} carried by more than one article",
        counted(report.spread.total, "story")
    );
    if let Some(executed) = report.executed_query {
        summary = format!("stories: {executed} · {summary}");
    }
    if shown < report.spread.total {
        summary += &format!(" · showing {shown}");
    }
    writeln!(out, "{summary}")?;
    for (i, story) in report.spread.stories.iter().enumerate() {
        writeln!(out)?;
        writeln!(out, "{:>3}  {}", i + 1, story.title)?;
        writeln!(out, "     {}", details(story))?;
    }
    Ok(())
}

fn details(story: &StorySpread) -> String {
    let mut parts = vec![
        counted(story.versions, "version"),
        format!(
            "{}: {}",
            counted(story.outlets.len(), "outlet"),
            story.outlets.join(", ")
        ),
    ];
    match (story.first, story.last) {
        (Some(first), Some(last)) if first != last => {
            parts.push(format!("{} to {}", iso_day(first), iso_day(last)));
        }
        (Some(first), _) => parts.push(iso_day(first)),
        _ => {}
    }
    parts.push(format!("story {}", story.story));
    parts.join(" · ")
}
