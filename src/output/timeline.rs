//! A timeline for people (a bar chart of block characters scaled to the terminal), as CSV and
//! as JSON.

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;
use serde_json::Value;

use crate::search::views::Timeline;

/// Eighths of a block, for bars finer than a character.
const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
const FULL_BLOCK: &str = "█";
/// Query names longer than this are cut in the text table.
const MAX_NAME_CHARS: usize = 20;
/// Bars get at least this many columns, however narrow the terminal.
const MIN_BAR_WIDTH: usize = 10;

#[derive(Serialize)]
struct TimelineJson<'a> {
    schema_version: u32,
    by: &'a str,
    unit: &'static str,
    series: Vec<SeriesJson<'a>>,
    undated: BTreeMap<&'a str, usize>,
}

#[derive(Serialize)]
struct SeriesJson<'a> {
    query: &'a str,
    executed_query: &'a str,
    counts: Vec<PeriodJson>,
    undated: usize,
}

#[derive(Serialize)]
struct PeriodJson {
    period: String,
    articles: usize,
}

/// The JSON of a timeline (`schema_version` 1).
pub fn json(timeline: &Timeline) -> Value {
    let json = TimelineJson {
        schema_version: 1,
        by: timeline.by.name(),
        unit: unit(timeline),
        series: timeline
            .series
            .iter()
            .map(|s| SeriesJson {
                query: &s.query,
                executed_query: &s.executed_query,
                counts: timeline
                    .periods
                    .iter()
                    .zip(&s.counts)
                    .map(|(period, &articles)| PeriodJson {
                        period: period.to_string(),
                        articles,
                    })
                    .collect(),
                undated: s.undated,
            })
            .collect(),
        undated: timeline
            .series
            .iter()
            .map(|s| (s.query.as_str(), s.undated))
            .collect(),
    };
    serde_json::to_value(json).expect("a timeline serialises")
}

/// What the timeline counts: `article` or `story`.
fn unit(timeline: &Timeline) -> &'static str {
    if timeline.stories {
        "story"
    } else {
        "article"
    }
}

/// What the timeline counts, in the plural.
fn counted(timeline: &Timeline) -> &'static str {
    if timeline.stories {
        "stories"
    } else {
        "articles"
    }
}

/// `period,<query1>,<query2>...` then one row per period.
pub fn write_csv(out: &mut dyn Write, timeline: &Timeline) -> std::io::Result<()> {
    let mut header = vec!["period".to_string()];
    header.extend(timeline.series.iter().map(|s| csv_field(&s.query)));
    writeln!(out, "{}", header.join(","))?;
    for (i, period) in timeline.periods.iter().enumerate() {
        let mut row = vec![period.to_string()];
        row.extend(timeline.series.iter().map(|s| s.counts[i].to_string()));
        writeln!(out, "{}", row.join(","))?;
    }
    Ok(())
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The articles without a date per query, as a sentence.
pub fn undated_note(timeline: &Timeline) -> String {
    let counts: Vec<String> = timeline
        .series
        .iter()
        .map(|s| format!("{} {}", s.query, s.undated))
        .collect();
    format!(
        "{} without a date (in no {}): {}",
        counted(timeline),
        timeline.by.name(),
        counts.join(" · ")
    )
}

/// The executed queries, then one row per period (and per query when there are several) with
/// its count and a bar scaled so that the largest count fills the width left.
pub fn write_text(out: &mut dyn Write, timeline: &Timeline, width: usize) -> std::io::Result<()> {
    writeln!(out, "{} per {}:", counted(timeline), timeline.by.name())?;
    for series in &timeline.series {
        writeln!(out, "  {} = {}", series.query, series.executed_query)?;
    }
    writeln!(out)?;
    if timeline.periods.is_empty() {
        writeln!(out, "no dated {} matches", unit(timeline))?;
    }
    let several = timeline.series.len() > 1;
    let names: Vec<String> = timeline
        .series
        .iter()
        .map(|s| s.query.chars().take(MAX_NAME_CHARS).collect())
        .collect();
    let period_width = timeline
        .periods
        .iter()
        .map(|p| p.to_string().len())
        .max()
        .unwrap_or(0);
    let name_width = if several {
        names.iter().map(|n| n.chars().count()).max().unwrap_or(0) + 2
    } else {
        0
    };
    let max = timeline
        .series
        .iter()
        .flat_map(|s| s.counts.iter().copied())
        .max()
        .unwrap_or(0);
    let count_width = max.to_string().len();
    let bar_width = width
        .saturating_sub(period_width + 2 + name_width + count_width + 1)
        .max(MIN_BAR_WIDTH);
    for (i, period) in timeline.periods.iter().enumerate() {
        for (s, series) in timeline.series.iter().enumerate() {
            let label = if s == 0 {
                period.to_string()
            } else {
                String::new()
            };
            let name = if several { names[s].as_str() } else { "" };
            let count = series.counts[i];
            let line = format!(
                "{label:<period_width$}  {name:<name_width$}{count:>count_width$} {}",
                bar(count, max, bar_width)
            );
            writeln!(out, "{}", line.trim_end())?;
        }
    }
    if timeline.series.iter().any(|s| s.undated > 0) {
        writeln!(out)?;
        writeln!(out, "{}", undated_note(timeline))?;
    }
    Ok(())
}

/// A bar of block characters, `width` columns for `max`; a non-zero count shows at least an eighth.
fn bar(count: usize, max: usize, width: usize) -> String {
    if count == 0 || max == 0 {
        return String::new();
    }
    let eighths = (count as f64 / max as f64 * width as f64 * 8.0).round() as usize;
    let eighths = eighths.clamp(1, width * 8);
    let mut out = FULL_BLOCK.repeat(eighths / 8);
    out.push_str(EIGHTHS[eighths % 8]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_width() {
        assert_eq!(bar(0, 10, 20), "");
        assert_eq!(bar(10, 10, 20), "█".repeat(20));
        assert_eq!(bar(5, 10, 20), "█".repeat(10));
        assert_eq!(bar(1, 1000, 20), "▏");
        assert_eq!(bar(1, 16, 4), "▎");
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("ISF"), "ISF");
        assert_eq!(csv_field("ISF, OIC"), "\"ISF, OIC\"");
        assert_eq!(csv_field("\"a b\""), "\"\"\"a b\"\"\"");
    }
}
