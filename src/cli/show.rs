//! `newsdex show`: one article whole, as text (highlighted on a terminal) or JSON.

use std::io::Write;

use anyhow::bail;
use newsdex::output::article::{self, Lit};
use newsdex::output::{style::Palette, write_json};
use newsdex::search::Version;
use newsdex::views::{diff, ParagraphChange};
use newsdex::{Article, NewsIndex, Session};

use super::args::{ReportFormat, ShowArgs};
use super::use_color;

/// Runs `newsdex show`.
pub fn run_show(args: ShowArgs) -> anyhow::Result<()> {
    if let Some(url) = &args.engine {
        return super::engine::show_on_engine(url, &args);
    }
    let index = NewsIndex::open(&args.index.path)?;
    let session = Session::new(&index);
    let Some(found) = session.article_by_id_or_path(&args.id)? else {
        bail!(
            "no article with id or path \"{}\" in {}; use the id search shows (article_id in JSON, after the title's line in text) or the path it came from",
            args.id,
            args.index.path.display()
        );
    };
    let body = found.body();
    let versions = session.other_versions(&found)?;
    let lit = match &args.highlight {
        Some(query) => {
            let prepared = session.prepare(query, &args.reading.options())?;
            Some(Lit {
                executed_query: prepared.executed().to_string(),
                title: prepared.highlight_in(&found.title, found.language.as_deref()),
                body: prepared.highlight_in(&body, found.language.as_deref()),
            })
        }
        None => None,
    };
    let changes = match &args.diff {
        Some(other) => {
            let Some(other) = session.article_by_id_or_path(other)? else {
                bail!(
                    "no article with id or path \"{other}\" in {} to compare with",
                    args.index.path.display()
                );
            };
            Some((other.id.clone(), diff(&found, &other)))
        }
        None => None,
    };
    write(
        &args,
        &found,
        &body,
        &versions,
        lit.as_ref(),
        changes.as_ref(),
    )
}

/// Writes an article (with its other versions, what lit it and what changed from another one)
/// in the format `args` asks for.
pub(super) fn write(
    args: &ShowArgs,
    found: &Article,
    body: &str,
    versions: &[Version],
    lit: Option<&Lit>,
    changes: Option<&(String, Vec<ParagraphChange>)>,
) -> anyhow::Result<()> {
    let palette = Palette::new(use_color(args.color));
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match (args.format(), changes) {
        (ReportFormat::Json, _) => {
            let mut json = article::json(found, body, versions, lit);
            if let (Some((other, changes)), Some(object)) = (changes, json.as_object_mut()) {
                object.insert("diff".into(), article::diff_json(other, changes));
            }
            write_json(&mut out, &json)?;
        }
        (ReportFormat::Text, Some((other, changes))) => {
            article::write_header(&mut out, found, versions, lit, palette)?;
            writeln!(out)?;
            article::write_diff(&mut out, other, changes, palette)?;
        }
        (ReportFormat::Text, None) => {
            article::write_text(&mut out, found, body, versions, lit, palette)?
        }
    }
    out.flush()?;
    Ok(())
}
