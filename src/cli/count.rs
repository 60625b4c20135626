//! `newsdex count`: passages and articles a query matches, in all or per source.

use std::io::Write;

use newsdex::output::count::{self, CountReport};
use newsdex::output::write_json;
use newsdex::views::MatchCount;
use newsdex::{NewsIndex, Session};

use super::args::{CountArgs, CountBy, ReportFormat};

/// Runs `newsdex count`.
pub fn run_count(args: CountArgs) -> anyhow::Result<()> {
    let index = NewsIndex::open(&args.index.path)?;
    let session = Session::new(&index);
    let options = args.dates.restrict(args.reading.options());
    let prepared = session.prepare(&args.query, &options)?;
    let found = MatchCount::of(&session.matches(&prepared)?);
    let report = CountReport {
        query: &args.query,
        executed_query: prepared.executed(),
        count: &found,
        by_source: args.by == Some(CountBy::Source),
        by_language: args.by == Some(CountBy::Language),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format() {
        ReportFormat::Json => write_json(&mut out, &count::json(&report))?,
        ReportFormat::Text => count::write_text(&mut out, &report)?,
    }
    out.flush()?;
    Ok(())
}
