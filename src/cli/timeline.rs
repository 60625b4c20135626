//! `newsdex timeline`: matching articles per period as a text bar chart, CSV or JSON, and
//! optionally an SVG chart.

use std::io::Write;

use anyhow::Context;
use newsdex::output::{style, svg, timeline, write_json};
use newsdex::views::Granularity;
use newsdex::{NewsIndex, Session};

use super::args::{PeriodArg, TimelineArgs, TimelineFormat};

/// Runs `newsdex timeline`.
pub fn run_timeline(args: TimelineArgs) -> anyhow::Result<()> {
    let options = args.dates.restrict(args.reading.options());
    let by = match args.by {
        PeriodArg::Day => Granularity::Day,
        PeriodArg::Week => Granularity::Week,
        PeriodArg::Month => Granularity::Month,
        PeriodArg::Year => Granularity::Year,
    };
    // Nodes that did not answer, with --engine.
    let mut warnings = None;
    let found = match &args.engine {
        Some(url) => {
            let answered = super::engine::timeline_on_engine(url, &args, &options, by)?;
            warnings = Some(answered.warnings);
            answered.value
        }
        None => {
            let index = NewsIndex::open(&args.index.path)?;
            let session = Session::new(&index);
            let stories = args.unit.stories();
            let mut found = if stories {
                session.story_timeline(&args.queries, &options, by)?
            } else {
                session.timeline(&args.queries, &options, by)?
            };
            if args.normalize {
                session.normalize(&mut found, &options, stories)?;
            }
            found
        }
    };
    if let Some(path) = &args.svg {
        std::fs::write(path, svg::timeline_svg(&found))
            .with_context(|| format!("writing {}", path.display()))?;
        eprintln!("newsdex: wrote the chart to {}", path.display());
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format() {
        TimelineFormat::Text => timeline::write_text(&mut out, &found, style::terminal_width())?,
        TimelineFormat::Csv => {
            timeline::write_csv(&mut out, &found)?;
            if found.series.iter().any(|s| s.undated > 0) {
                eprintln!("newsdex: {}", timeline::undated_note(&found));
            }
        }
        TimelineFormat::Json => {
            let mut value = timeline::json(&found);
            if let Some(warnings) = warnings {
                value["warnings"] = serde_json::json!(warnings);
            }
            write_json(&mut out, &value)?
        }
    }
    out.flush()?;
    Ok(())
}
