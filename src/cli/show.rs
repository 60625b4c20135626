//! `newsdex show`: one article whole, as text (highlighted on a terminal) or JSON.

use std::io::Write;

use anyhow::bail;
use newsdex::output::article::{self, Lit};
use newsdex::output::{style::Palette, write_json};
use newsdex::search::Version;
use newsdex::NewsIndex;

use super::args::{ReportFormat, ShowArgs};
use super::use_color;

/// Runs `newsdex show`.
pub fn run_show(args: ShowArgs) -> anyhow::Result<()> {
    let index = NewsIndex::open(&args.index.path)?;
    let Some(found) = index.article_by_id_or_path(&args.id)? else {
        bail!(
            "no article with id or path \"{}\" in {}; use the id search shows (article_id in JSON, after the title's line in text) or the path it came from",
            args.id,
            args.index.path.display()
        );
    };
    let body = found.body();
    let story = found.story.as_deref().unwrap_or(&found.id);
    let versions: Vec<Version> = index
        .story_versions(story)?
        .into_iter()
        .filter(|v| v.article_id != found.id)
        .collect();
    let lit = match &args.highlight {
        Some(query) => {
            let prepared = index.prepare(query, &args.reading.options())?;
            Some(Lit {
                executed_query: prepared.executed().to_string(),
                title: prepared.highlight(&found.title),
                body: prepared.highlight(&body),
            })
        }
        None => None,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format() {
        ReportFormat::Json => write_json(
            &mut out,
            &article::json(&found, &body, &versions, lit.as_ref()),
        )?,
        ReportFormat::Text => article::write_text(
            &mut out,
            &found,
            &body,
            &versions,
            lit.as_ref(),
            Palette::new(use_color(args.color)),
        )?,
    }
    out.flush()?;
    Ok(())
}
