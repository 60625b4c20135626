//! `newsdex check`: every file of the index read and compared with its checksum.

use std::io::Write;

use newsdex::index::verify;
use newsdex::output::{check, write_json};

use super::args::{CheckArgs, ReportFormat};

/// Runs `newsdex check`.
pub fn run_check(args: CheckArgs) -> anyhow::Result<()> {
    let path = &args.index.path;
    let checked = verify(path)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format() {
        ReportFormat::Json => write_json(&mut out, &check::json(path, &checked))?,
        ReportFormat::Text => check::write_text(&mut out, path, &checked)?,
    }
    out.flush()?;
    Ok(())
}
