//! `newsdex export`: every article as the index holds it, one JSON object per line, streamed.

use std::io::Write;

use newsdex::views::authors;
use newsdex::{Article, NewsIndex};
use serde::Serialize;

use super::args::{ExportArgs, ExportFormat};

/// An article as `export` writes it (and `show --json` embeds it).
#[derive(Serialize)]
pub struct ArticleJson<'a> {
    id: &'a str,
    title: &'a str,
    byline: Option<&'a str>,
    authors: Vec<String>,
    date: Option<String>,
    source: Option<&'a str>,
    url: Option<&'a str>,
    path: &'a str,
    copy_of: Option<&'a str>,
    story: &'a str,
    body: &'a str,
}

impl<'a> ArticleJson<'a> {
    /// The JSON form of an article whose body is `body`.
    pub fn new(article: &'a Article, body: &'a str) -> Self {
        ArticleJson {
            id: &article.id,
            title: &article.title,
            byline: article.byline.as_deref(),
            authors: article.byline.as_deref().map(authors).unwrap_or_default(),
            date: article.date.map(|d| d.to_iso()),
            source: article.source.as_deref(),
            url: article.url.as_deref(),
            path: &article.path,
            copy_of: article.copy_of.as_deref(),
            story: article.story.as_deref().unwrap_or(&article.id),
            body,
        }
    }
}

/// Runs `newsdex export`.
pub fn run_export(args: ExportArgs) -> anyhow::Result<()> {
    let index = NewsIndex::open(&args.index)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        ExportFormat::Jsonl => {
            for article in index.articles()? {
                let article = article?;
                let body = article.body();
                // Serialised apart, so that a closed pipe surfaces as an I/O error of the write.
                let line = serde_json::to_string(&ArticleJson::new(&article, &body))?;
                writeln!(out, "{line}")?;
            }
        }
    }
    out.flush()?;
    Ok(())
}
