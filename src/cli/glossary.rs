//! `newsdex glossary`: the entries a search of the index expands, and where each came from.

use std::io::Write;

use newsdex::NewsIndex;
use serde::Serialize;

use super::args::GlossaryArgs;

#[derive(Serialize)]
struct JsonEntry<'a> {
    name: &'a str,
    variants: &'a [String],
    acronyms: &'a [String],
    origin: &'a newsdex::analysis::Origin,
}

/// Runs `newsdex glossary`.
pub fn run_glossary(args: GlossaryArgs) -> anyhow::Result<()> {
    let index = NewsIndex::open(&args.index)?;
    let glossary = index.glossary(args.glossary.as_deref())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        let entries: Vec<JsonEntry> = glossary
            .entries
            .iter()
            .map(|(e, origin)| JsonEntry {
                name: &e.name,
                variants: &e.variants,
                acronyms: &e.acronyms,
                origin,
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &entries)?;
        writeln!(out)?;
    } else {
        for (entry, origin) in &glossary.entries {
            let mut forms: Vec<&str> = entry.acronyms.iter().map(String::as_str).collect();
            forms.extend(entry.variants.iter().map(String::as_str));
            let forms = if forms.is_empty() {
                String::new()
            } else {
                format!(" = {}", forms.join(" = "))
            };
            writeln!(out, "{}{forms}  [{origin}]", entry.name)?;
        }
    }
    out.flush()?;
    Ok(())
}
