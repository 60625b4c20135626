//! A timeline as a standalone SVG chart: bars for one query, lines for several, with a title,
//! labelled axes and a legend. Written by hand; any browser shows it.

use std::fmt::Write;

use super::xml::escape;
use crate::search::views::{Granularity, Timeline};

const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 540.0;
const LEFT: f64 = 80.0;
const RIGHT: f64 = 30.0;
const TOP: f64 = 90.0;
const BOTTOM: f64 = 90.0;
/// Horizontal room one period label needs, in pixels.
const LABEL_ROOM: f64 = 70.0;
/// Horizontal gridlines aimed at.
const Y_TICKS: usize = 5;
/// Series colours, reused in turn beyond eight series.
const PALETTE: [&str; 8] = [
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
];
const FONT: &str = "font-family=\"system-ui, sans-serif\"";

/// The chart's title: the queries, separated by ` · `.
pub fn chart_title(timeline: &Timeline) -> String {
    let queries: Vec<&str> = timeline.series.iter().map(|s| s.query.as_str()).collect();
    queries.join(" · ")
}

/// The labels written under the x axis: every period when they fit, otherwise every n-th.
pub fn x_labels(timeline: &Timeline) -> Vec<String> {
    let step = label_step(timeline.periods.len());
    timeline
        .periods
        .iter()
        .step_by(step)
        .map(ToString::to_string)
        .collect()
}

fn label_step(periods: usize) -> usize {
    let fit = ((WIDTH - LEFT - RIGHT) / LABEL_ROOM).floor().max(1.0) as usize;
    periods.div_ceil(fit).max(1)
}

/// The values written beside the y axis, from 0 up to at least the largest count.
pub fn y_ticks(timeline: &Timeline) -> Vec<usize> {
    let max = max_count(timeline).max(1);
    let step = nice_step(max.div_ceil(Y_TICKS));
    let top = max.div_ceil(step).saturating_mul(step);
    (0..=top).step_by(step).collect()
}

fn max_count(timeline: &Timeline) -> usize {
    timeline
        .series
        .iter()
        .flat_map(|s| s.counts.iter().copied())
        .max()
        .unwrap_or(0)
}

/// The smallest of 1, 2, 5, 10, 20, 50, ... that is at least `raw`.
fn nice_step(raw: usize) -> usize {
    let mut magnitude = 1usize;
    loop {
        for factor in [1, 2, 5] {
            match magnitude.checked_mul(factor) {
                Some(step) if step >= raw => return step,
                Some(_) => {}
                None => return raw.max(1),
            }
        }
        match magnitude.checked_mul(10) {
            Some(m) => magnitude = m,
            None => return raw.max(1),
        }
    }
}

/// The values written beside the y axis of a normalised timeline, in percent, from 0 up to at
/// least the largest share.
pub fn percent_ticks(timeline: &Timeline) -> Vec<f64> {
    let max = (0..timeline.periods.len())
        .flat_map(|i| {
            timeline
                .series
                .iter()
                .filter_map(move |s| timeline.share(s, i))
        })
        .fold(0.0, f64::max)
        * 100.0;
    let raw = (max / Y_TICKS as f64).max(0.001);
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|f| f * magnitude)
        .find(|&step| step >= raw)
        .unwrap_or(raw);
    let steps = (max / step).ceil().max(1.0) as usize;
    (0..=steps).map(|k| k as f64 * step).collect()
}

/// A tick value in percent, with the decimals its step needs.
fn percent_label(value: f64, step: f64) -> String {
    let decimals = if step >= 1.0 {
        0
    } else {
        (-step.log10().floor()) as usize
    };
    format!("{value:.decimals$}%")
}

/// Draws the timeline as an SVG document: counts, or shares in percent when it is normalised.
pub fn timeline_svg(timeline: &Timeline) -> String {
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let bottom = TOP + plot_h;
    let n = timeline.periods.len();
    let band = plot_w / n.max(1) as f64;
    let normalized = timeline.totals.is_some();
    // (value, label) of each gridline; values are counts or percentages.
    let ticks: Vec<(f64, String)> = if normalized {
        let ticks = percent_ticks(timeline);
        let step = ticks.get(1).copied().unwrap_or(1.0);
        ticks
            .into_iter()
            .map(|t| (t, percent_label(t, step)))
            .collect()
    } else {
        y_ticks(timeline)
            .into_iter()
            .map(|t| (t as f64, t.to_string()))
            .collect()
    };
    let y_top = ticks.last().map_or(1.0, |t| t.0).max(f64::MIN_POSITIVE);
    let value = |series: &crate::search::views::Series, i: usize| -> f64 {
        if normalized {
            timeline.share(series, i).unwrap_or(0.0) * 100.0
        } else {
            series.counts[i] as f64
        }
    };
    let shown = |series: &crate::search::views::Series, i: usize| -> String {
        match timeline.totals.as_ref() {
            Some(totals) => format!(
                "{} of {} ({})",
                series.counts[i],
                totals[i],
                super::timeline::percent(timeline.share(series, i).unwrap_or(0.0))
            ),
            None => series.counts[i].to_string(),
        }
    };
    let y = |v: f64| bottom - v / y_top * plot_h;
    let x_center = |i: usize| LEFT + band * (i as f64 + 0.5);

    let mut svg = String::new();
    let title = chart_title(timeline);
    let unit = timeline.by.name();
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" {FONT} font-size=\"12\">"
    );
    let _ = writeln!(svg, "<title>{}</title>", escape(&title));
    let _ = writeln!(
        svg,
        "<rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"white\"/>"
    );
    let _ = writeln!(
        svg,
        "<text x=\"{}\" y=\"32\" text-anchor=\"middle\" font-size=\"18\" font-weight=\"bold\">{}</text>",
        WIDTH / 2.0,
        escape(&title)
    );
    legend(&mut svg, timeline);

    // Gridlines and y labels.
    for (tick, label) in &ticks {
        let at = y(*tick);
        let _ = writeln!(
            svg,
            "<line x1=\"{LEFT}\" y1=\"{at:.1}\" x2=\"{:.1}\" y2=\"{at:.1}\" stroke=\"#e0e0e0\"/>",
            LEFT + plot_w
        );
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{label}</text>",
            LEFT - 8.0,
            at + 4.0
        );
    }
    // Axes.
    let _ = writeln!(
        svg,
        "<line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{bottom:.1}\" stroke=\"black\"/>"
    );
    let _ = writeln!(
        svg,
        "<line x1=\"{LEFT}\" y1=\"{bottom:.1}\" x2=\"{:.1}\" y2=\"{bottom:.1}\" stroke=\"black\"/>",
        LEFT + plot_w
    );
    // X labels.
    let step = label_step(n);
    for (i, period) in timeline.periods.iter().enumerate().step_by(step) {
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            x_center(i),
            bottom + 20.0,
            escape(&period.to_string())
        );
    }
    // Axis titles.
    let x_title = match timeline.by {
        Granularity::Week => "ISO week".to_string(),
        other => other.name().to_string(),
    };
    let _ = writeln!(
        svg,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"14\">{x_title}</text>",
        LEFT + plot_w / 2.0,
        bottom + 48.0
    );
    let counted = if timeline.stories {
        "stories"
    } else {
        "articles"
    };
    let y_title = if normalized {
        format!("share of the {unit}'s {counted}")
    } else {
        format!("{counted} per {unit}")
    };
    let _ = writeln!(
        svg,
        "<text x=\"22\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"14\" transform=\"rotate(-90 22 {:.1})\">{y_title}</text>",
        TOP + plot_h / 2.0,
        TOP + plot_h / 2.0
    );

    if n == 0 {
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#666\">no dated article matches</text>",
            LEFT + plot_w / 2.0,
            TOP + plot_h / 2.0
        );
    } else if let [series] = timeline.series.as_slice() {
        let bar = band * 0.7;
        for (i, &count) in series.counts.iter().enumerate() {
            if count == 0 {
                continue;
            }
            let v = value(series, i);
            let _ = writeln!(
                svg,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{:.1}\" fill=\"{}\"><title>{}: {}</title></rect>",
                x_center(i) - bar / 2.0,
                y(v),
                bottom - y(v),
                PALETTE[0],
                escape(&timeline.periods[i].to_string()),
                shown(series, i)
            );
        }
    } else {
        for (s, series) in timeline.series.iter().enumerate() {
            let colour = PALETTE[s % PALETTE.len()];
            let points: Vec<String> = (0..series.counts.len())
                .map(|i| format!("{:.1},{:.1}", x_center(i), y(value(series, i))))
                .collect();
            let _ = writeln!(
                svg,
                "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>",
                points.join(" ")
            );
            for i in 0..series.counts.len() {
                let _ = writeln!(
                    svg,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{colour}\"><title>{} {}: {}</title></circle>",
                    x_center(i),
                    y(value(series, i)),
                    escape(&series.query),
                    escape(&timeline.periods[i].to_string()),
                    shown(series, i)
                );
            }
        }
    }

    let undated: Vec<String> = timeline
        .series
        .iter()
        .filter(|s| s.undated > 0)
        .map(|s| format!("{} {}", s.query, s.undated))
        .collect();
    if !undated.is_empty() {
        let _ = writeln!(
            svg,
            "<text x=\"{LEFT}\" y=\"{:.1}\" fill=\"#666\">undated {counted} (not shown): {}</text>",
            HEIGHT - 12.0,
            escape(&undated.join(" · "))
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// One coloured swatch and name per series, in a row under the title.
fn legend(svg: &mut String, timeline: &Timeline) {
    let mut x = LEFT;
    for (s, series) in timeline.series.iter().enumerate() {
        let colour = PALETTE[s % PALETTE.len()];
        let _ = writeln!(
            svg,
            "<rect x=\"{x:.1}\" y=\"52\" width=\"14\" height=\"14\" fill=\"{colour}\"/>"
        );
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"64\">{}</text>",
            x + 20.0,
            escape(&series.query)
        );
        x += 40.0 + 7.5 * series.query.chars().count() as f64;
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::views::{Period, Series};

    fn timeline(queries: &[&str], counts: &[usize]) -> Timeline {
        let mut periods = Vec::new();
        let mut period = Some(Period::of(date!(2025 - 11 - 01), Granularity::Month));
        for _ in counts {
            if let Some(p) = period {
                periods.push(p);
                period = p.next();
            }
        }
        Timeline {
            by: Granularity::Month,
            stories: false,
            periods,
            series: queries
                .iter()
                .map(|q| Series {
                    query: q.to_string(),
                    executed_query: q.to_lowercase(),
                    counts: counts.to_vec(),
                    undated: 1,
                })
                .collect(),
            totals: None,
        }
    }

    fn balanced(svg: &str) -> bool {
        let opened = svg.matches('<').count() - svg.matches("</").count();
        let self_closed = svg.matches("/>").count();
        opened - self_closed == svg.matches("</").count()
    }

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(0), 1);
        assert_eq!(nice_step(1), 1);
        assert_eq!(nice_step(3), 5);
        assert_eq!(nice_step(7), 10);
        assert_eq!(nice_step(11), 20);
        assert_eq!(nice_step(usize::MAX), usize::MAX);
        let t = timeline(&["ISF"], &[3, 0, 12]);
        assert_eq!(y_ticks(&t), [0, 5, 10, 15]);
    }

    #[test]
    fn labels_thin_out_on_long_axes() {
        let t = timeline(&["ISF"], &[1; 40]);
        let labels = x_labels(&t);
        assert!(labels.len() < 40 && labels.len() >= 10, "{}", labels.len());
        assert_eq!(labels[0], "2025-11");
    }

    #[test]
    fn one_series_is_drawn_as_bars_several_as_lines() {
        let bars = timeline_svg(&timeline(&["ISF"], &[2, 0, 1]));
        assert_eq!(
            bars.matches("<rect x=").count(),
            2 + 1,
            "two bars and a swatch"
        );
        assert!(!bars.contains("<polyline"));
        let lines = timeline_svg(&timeline(&["ISF", "<OIC & co>"], &[2, 0, 1]));
        assert_eq!(lines.matches("<polyline").count(), 2);
        assert!(lines.contains("ISF · &lt;OIC &amp; co&gt;"));
        for svg in [&bars, &lines] {
            assert!(svg.starts_with("<svg"));
            assert!(svg.trim_end().ends_with("</svg>"));
            assert!(balanced(svg));
            assert!(svg.contains("undated articles"));
        }
    }

    #[test]
    fn a_normalised_timeline_is_drawn_in_percent() {
        let mut t = timeline(&["ISF"], &[1, 0, 3]);
        t.totals = Some(vec![8, 5, 12]);
        assert_eq!(percent_ticks(&t), [0.0, 5.0, 10.0, 15.0, 20.0, 25.0]);
        let svg = timeline_svg(&t);
        assert!(svg.contains(">25%</text>"), "{svg}");
        assert!(svg.contains("2026-01: 3 of 12 (25.0%)"), "{svg}");
        assert!(svg.contains("share of the month's articles"));
        assert!(balanced(&svg));
        t.totals = Some(vec![1000, 5, 2000]);
        assert_eq!(percent_label(0.05, 0.05), "0.05%");
        assert!(percent_ticks(&t).last().unwrap() >= &0.15);
    }

    #[test]
    fn an_empty_timeline_still_draws() {
        let svg = timeline_svg(&timeline(&["nothing"], &[]));
        assert!(svg.contains("no dated article matches"));
        assert!(balanced(&svg));
    }
}
