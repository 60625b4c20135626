//! `newsdex export`: every article as the index holds it, one JSON object per line (or one
//! JSON array), streamed.

use std::io::Write;

use newsdex::output::article::export_line;
use newsdex::{NewsIndex, Session};

use super::args::{ExportArgs, ExportFormat};

/// Runs `newsdex export`.
pub fn run_export(args: ExportArgs) -> anyhow::Result<()> {
    let index = NewsIndex::open(&args.index.path)?;
    let session = Session::new(&index);
    let format = args.format();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if format == ExportFormat::Json {
        write!(out, "[")?;
    }
    for (i, found) in session.articles()?.enumerate() {
        let found = found?;
        let body = found.body();
        // Serialised apart, so that a closed pipe surfaces as an I/O error of the write.
        let line = serde_json::to_string(&export_line(&found, &body))?;
        match format {
            ExportFormat::Jsonl => writeln!(out, "{line}")?,
            ExportFormat::Json if i == 0 => write!(out, "\n{line}")?,
            ExportFormat::Json => write!(out, ",\n{line}")?,
        }
    }
    if format == ExportFormat::Json {
        writeln!(out, "\n]")?;
    }
    out.flush()?;
    Ok(())
}
