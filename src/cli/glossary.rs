//! `newsdex glossary`: the entries a search of the index expands, and where each came from.

use std::io::Write;

use newsdex::output::{glossary, write_json};
use newsdex::NewsIndex;

use super::args::{GlossaryArgs, ReportFormat};

/// Runs `newsdex glossary`.
pub fn run_glossary(args: GlossaryArgs) -> anyhow::Result<()> {
    let index = NewsIndex::open(&args.index.path)?;
    let entries = index.glossary(args.glossary.as_deref())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format() {
        ReportFormat::Json => write_json(&mut out, &glossary::json(&entries, args.limit))?,
        ReportFormat::Text => glossary::write_text(&mut out, &entries, args.limit)?,
    }
    out.flush()?;
    Ok(())
}
