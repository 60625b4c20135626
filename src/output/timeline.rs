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
    #[serde(skip_serializing_if = "Option::is_none")]
    totals: Option<Vec<PeriodJson>>,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    share: Option<Option<f64>>,
}

/// The JSON of a timeline (`schema_version` 1). A normalised timeline adds `share` (0 to 1,
/// `null` when nothing was published in the period) beside each count and `totals` (everything
/// published per period).
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
                    .enumerate()
                    .map(|(i, (period, &articles))| PeriodJson {
                        period: period.to_string(),
                        articles,
                        share: timeline.totals.as_ref().map(|_| timeline.share(s, i)),
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
        totals: timeline.totals.as_ref().map(|totals| {
            timeline
                .periods
                .iter()
                .zip(totals)
                .map(|(period, &articles)| PeriodJson {
                    period: period.to_string(),
                    articles,
                    share: None,
                })
                .collect()
        }),
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

/// `period,<query1>,<query2>...` then one row per period. A normalised timeline adds the
/// column `total` (everything published in the period) and one column `<query> share` per query
/// (0 to 1; empty when nothing was published in the period).
pub fn write_csv(out: &mut dyn Write, timeline: &Timeline) -> std::io::Result<()> {
    let mut header = vec!["period".to_string()];
    header.extend(timeline.series.iter().map(|s| csv_field(&s.query)));
    if timeline.totals.is_some() {
        header.push("total".to_string());
        header.extend(
            timeline
                .series
                .iter()
                .map(|s| csv_field(&format!("{} share", s.query))),
        );
    }
    writeln!(out, "{}", header.join(","))?;
    for (i, period) in timeline.periods.iter().enumerate() {
        let mut row = vec![period.to_string()];
        row.extend(timeline.series.iter().map(|s| s.counts[i].to_string()));
        if let Some(totals) = &timeline.totals {
            row.push(totals[i].to_string());
            row.extend(timeline.series.iter().map(|s| {
                timeline
                    .share(s, i)
                    .map(|share| share.to_string())
                    .unwrap_or_default()
            }));
        }
        writeln!(out, "{}", row.join(","))?;
    }
    Ok(())
}

/// A share as a percentage for people: one decimal, two below 0.1% (`12.5%`, `0.04%`).
pub fn percent(share: f64) -> String {
    let percent = share * 100.0;
    if percent > 0.0 && percent < 0.1 {
        format!("{percent:.2}%")
    } else {
        format!("{percent:.1}%")
    }
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
pub(crate) fn csv_field(text: &str) -> String {
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
///
/// A normalised timeline shows, after each count, everything published in the period and the
/// count's share of it as a percentage; the bars then show the shares.
pub fn write_text(out: &mut dyn Write, timeline: &Timeline, width: usize) -> std::io::Result<()> {
    if timeline.totals.is_some() {
        writeln!(
            out,
            "{} per {}, as a share of all {} published in it:",
            counted(timeline),
            timeline.by.name(),
            counted(timeline)
        )?;
    } else {
        writeln!(out, "{} per {}:", counted(timeline), timeline.by.name())?;
    }
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
    let total_width = timeline.totals.as_ref().map_or(0, |totals| {
        totals.iter().max().unwrap_or(&0).to_string().len()
    });
    let share_width = 6;
    // ` of TOTAL SHARE` after the count.
    let extra = match timeline.totals {
        Some(_) => 4 + total_width + 1 + share_width,
        None => 0,
    };
    let max_share = timeline
        .series
        .iter()
        .flat_map(|s| (0..timeline.periods.len()).filter_map(|i| timeline.share(s, i)))
        .fold(0.0, f64::max);
    let bar_width = width
        .saturating_sub(period_width + 2 + name_width + count_width + 1 + extra)
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
            let line = match &timeline.totals {
                Some(totals) => {
                    let share = timeline.share(series, i);
                    let shown = share.map(percent).unwrap_or_else(|| "-".to_string());
                    let total = totals[i];
                    format!(
                        "{label:<period_width$}  {name:<name_width$}{count:>count_width$} of {total:>total_width$} {shown:>share_width$} {}",
                        share_bar(share.unwrap_or(0.0), max_share, bar_width)
                    )
                }
                None => format!(
                    "{label:<period_width$}  {name:<name_width$}{count:>count_width$} {}",
                    bar(count, max, bar_width)
                ),
            };
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
    share_bar(count as f64, max as f64, width)
}

/// A bar of block characters, `width` columns for `max`; a non-zero value shows at least an eighth.
fn share_bar(value: f64, max: f64, width: usize) -> String {
    if value <= 0.0 || max <= 0.0 || !value.is_finite() {
        return String::new();
    }
    let eighths = (value / max * width as f64 * 8.0).round() as usize;
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
