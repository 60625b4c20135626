//! `newsdex terms`: the characteristic words of a query's matches, as a table or JSON.

use std::io::Write;

use newsdex::output::{terms, write_json};
use newsdex::{NewsIndex, Session};

use super::args::{ReportFormat, TermsArgs};

/// Runs `newsdex terms`.
pub fn run_terms(args: TermsArgs) -> anyhow::Result<()> {
    let index = NewsIndex::open(&args.index.path)?;
    let session = Session::new(&index);
    let options = args.dates.restrict(args.reading.options());
    let found = session.key_terms(&args.query, &options, args.limit)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format() {
        ReportFormat::Json => write_json(&mut out, &terms::json(&found))?,
        ReportFormat::Text => terms::write_text(&mut out, &found)?,
    }
    out.flush()?;
    Ok(())
}
