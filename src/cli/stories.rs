//! `newsdex stories`: the stories carried by most outlets and versions, of a query's matches
//! or of the whole index.

use std::io::Write;

use newsdex::output::stories::{self, SpreadReport};
use newsdex::output::write_json;
use newsdex::{NewsIndex, Session};

use super::args::{ReportFormat, StoriesArgs};

/// Runs `newsdex stories`.
pub fn run_stories(args: StoriesArgs) -> anyhow::Result<()> {
    let index = NewsIndex::open(&args.index.path)?;
    let session = Session::new(&index);
    let prepared = match &args.query {
        Some(query) => Some(session.prepare(query, &args.reading.options())?),
        None => None,
    };
    let spread = session.spread(prepared.as_ref(), args.limit)?;
    let report = SpreadReport {
        query: args.query.as_deref(),
        executed_query: prepared.as_ref().map(|p| p.executed()),
        spread: &spread,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format() {
        ReportFormat::Json => write_json(&mut out, &stories::json(&report))?,
        ReportFormat::Text => stories::write_text(&mut out, &report)?,
    }
    out.flush()?;
    Ok(())
}
