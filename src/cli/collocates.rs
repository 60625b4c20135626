//! `newsdex collocates`: the words found near a term, as a table with examples or JSON.

use std::io::Write;

use newsdex::output::{collocates, write_json};
use newsdex::views::CollocateOptions;
use newsdex::{NewsIndex, Session};

use super::args::{CollocatesArgs, ReportFormat};

/// Runs `newsdex collocates`.
pub fn run_collocates(args: CollocatesArgs) -> anyhow::Result<()> {
    let index = NewsIndex::open(&args.index.path)?;
    let session = Session::new(&index);
    let options = args.dates.restrict(args.reading.options());
    let found = session.collocates(
        &args.term,
        &options,
        CollocateOptions {
            window: args.window,
            limit: args.limit,
        },
    )?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format() {
        ReportFormat::Json => write_json(&mut out, &collocates::json(&found))?,
        ReportFormat::Text => collocates::write_text(&mut out, &found)?,
    }
    out.flush()?;
    Ok(())
}
