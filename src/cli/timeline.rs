//! `newsdex timeline`: matching articles per period as a text bar chart, CSV or JSON, and
//! optionally an SVG chart.

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Context;
use newsdex::views::{svg, Granularity, Timeline};
use newsdex::NewsIndex;
use serde::Serialize;

use super::args::{PeriodArg, TimelineArgs, TimelineFormat};
use super::terminal;

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

/// Runs `newsdex timeline`.
pub fn run_timeline(args: TimelineArgs) -> anyhow::Result<()> {
    let index = NewsIndex::open(&args.index)?;
    let options = args.dates.restrict(args.reading.options());
    let by = match args.by {
        PeriodArg::Day => Granularity::Day,
        PeriodArg::Week => Granularity::Week,
        PeriodArg::Month => Granularity::Month,
        PeriodArg::Year => Granularity::Year,
    };
    let timeline = if args.unique_stories {
        index.story_timeline(&args.queries, &options, by)?
    } else {
        index.timeline(&args.queries, &options, by)?
    };
    if let Some(path) = &args.svg {
        std::fs::write(path, svg::timeline_svg(&timeline))
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        TimelineFormat::Text => write_text(&mut out, &timeline, terminal::width())?,
        TimelineFormat::Csv => {
            write_csv(&mut out, &timeline)?;
            let undated: usize = timeline.series.iter().map(|s| s.undated).sum();
            if undated > 0 {
                eprintln!("newsdex: {}", undated_note(&timeline));
            }
        }
        TimelineFormat::Json => {
            writeln!(out, "{}", serde_json::to_string_pretty(&json(&timeline))?)?;
        }
    }
    out.flush()?;
    Ok(())
}

fn json(timeline: &Timeline) -> TimelineJson<'_> {
    TimelineJson {
        schema_version: 1,
        by: timeline.by.name(),
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
    }
}

/// `period,<query1>,<query2>...` then one row per period.
fn write_csv(out: &mut dyn Write, timeline: &Timeline) -> std::io::Result<()> {
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

fn undated_note(timeline: &Timeline) -> String {
    let counts: Vec<String> = timeline
        .series
        .iter()
        .map(|s| format!("{} {}", s.query, s.undated))
        .collect();
    format!(
        "articles without a date (in no {}): {}",
        timeline.by.name(),
        counts.join(" · ")
    )
}

/// The executed queries, then one row per period (and per query when there are several) with
/// its count and a bar scaled so that the largest count fills the width left.
fn write_text(out: &mut dyn Write, timeline: &Timeline, width: usize) -> std::io::Result<()> {
    writeln!(out, "articles per {}:", timeline.by.name())?;
    for series in &timeline.series {
        writeln!(out, "  {} = {}", series.query, series.executed_query)?;
    }
    writeln!(out)?;
    if timeline.periods.is_empty() {
        writeln!(out, "no dated article matches")?;
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
