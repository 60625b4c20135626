//! `newsdex stats`: figures about the index, as aligned text or JSON.

use std::io::Write;

use newsdex::output::{stats, write_json};
use newsdex::{NewsIndex, Session};

use super::args::{ReportFormat, StatsArgs};

/// Runs `newsdex stats`.
pub fn run_stats(args: StatsArgs) -> anyhow::Result<()> {
    let index = NewsIndex::open(&args.index.path)?;
    let session = Session::new(&index);
    let figures = session.stats(args.limit)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format() {
        ReportFormat::Json => write_json(&mut out, &stats::json(&figures))?,
        ReportFormat::Text => stats::write_text(&mut out, &figures)?,
    }
    out.flush()?;
    Ok(())
}
