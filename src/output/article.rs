//! One article whole, for people (highlighted on a terminal) and as JSON; the same JSON, one
//! object per line, is what `export` writes.

use std::io::Write;
use std::ops::Range;

use serde::Serialize;
use serde_json::{json, Value};

use super::style::Palette;
use crate::model::Article;
use crate::search::views::authors;
use crate::search::views::ParagraphChange;
use crate::search::Version;

/// What a query lights in an article.
#[derive(Debug, Clone, Default)]
pub struct Lit {
    /// The query as run.
    pub executed_query: String,
    /// Byte ranges into the title.
    pub title: Vec<Range<usize>>,
    /// Byte ranges into the body.
    pub body: Vec<Range<usize>>,
}

/// An article as `export` writes it (and `show --format json` embeds it).
#[derive(Serialize)]
struct ArticleJson<'a> {
    id: &'a str,
    title: &'a str,
    byline: Option<&'a str>,
    authors: Vec<String>,
    date: Option<String>,
    source: Option<&'a str>,
    url: Option<&'a str>,
    language: Option<&'a str>,
    path: &'a str,
    copy_of: Option<&'a str>,
    story: &'a str,
    body: &'a str,
}

impl<'a> ArticleJson<'a> {
    fn new(article: &'a Article, body: &'a str) -> Self {
        ArticleJson {
            id: &article.id,
            title: &article.title,
            byline: article.byline.as_deref(),
            authors: article.byline.as_deref().map(authors).unwrap_or_default(),
            date: article.date.map(|d| d.to_iso()),
            source: article.source.as_deref(),
            url: article.url.as_deref(),
            language: article.language.as_deref(),
            path: &article.path,
            copy_of: article.copy_of.as_deref(),
            story: article.story.as_deref().unwrap_or(&article.id),
            body,
        }
    }
}

#[derive(Serialize)]
struct ShowJson<'a> {
    schema_version: u32,
    #[serde(flatten)]
    article: ArticleJson<'a>,
    /// The other versions of the article's story.
    versions: Vec<VersionJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    executed_query: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    highlights: Option<Vec<Span>>,
}

#[derive(Serialize)]
struct VersionJson<'a> {
    article_id: &'a str,
    source: Option<&'a str>,
    date: Option<&'a str>,
    title: &'a str,
}

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
}

/// One line of `export`: the article's fields and its body (paragraphs separated by a blank
/// line).
pub fn export_line(article: &Article, body: &str) -> Value {
    serde_json::to_value(ArticleJson::new(article, body)).expect("an article serialises")
}

/// The JSON of `show --diff OTHER`: the other article's id and the changes from this one's
/// paragraphs to its (`op` same, added, removed or changed; a changed paragraph also has
/// `other`, its new wording).
pub fn diff_json(other: &str, changes: &[ParagraphChange]) -> Value {
    let changes: Vec<Value> = changes
        .iter()
        .map(|change| match change {
            ParagraphChange::Same(text) => json!({"op": "same", "text": text}),
            ParagraphChange::Added(text) => json!({"op": "added", "text": text}),
            ParagraphChange::Removed(text) => json!({"op": "removed", "text": text}),
            ParagraphChange::Changed(text, new) => {
                json!({"op": "changed", "text": text, "other": new})
            }
        })
        .collect();
    json!({"other": other, "changes": changes})
}

/// The changes from one version's paragraphs to another's, one paragraph a line: two spaces
/// before a kept one, `+` an added one, `-` a removed one, `~` a changed one (its old, then
/// its new wording).
pub fn write_diff(
    out: &mut dyn Write,
    other: &str,
    changes: &[ParagraphChange],
    palette: Palette,
) -> std::io::Result<()> {
    writeln!(out, "{}", palette.dim(&format!("changes to {other}:")))?;
    writeln!(out)?;
    for change in changes {
        match change {
            ParagraphChange::Same(text) => writeln!(out, "  {text}")?,
            ParagraphChange::Added(text) => {
                writeln!(out, "{}", palette.bold(&format!("+ {text}")))?
            }
            ParagraphChange::Removed(text) => {
                writeln!(out, "{}", palette.dim(&format!("- {text}")))?
            }
            ParagraphChange::Changed(text, new) => {
                writeln!(out, "{}", palette.dim(&format!("~ {text}")))?;
                writeln!(out, "{}", palette.bold(&format!("~ {new}")))?;
            }
        }
    }
    Ok(())
}

/// The JSON of `show` (`schema_version` 1): the article, the other versions of its story, and
/// what a query lit in its body.
pub fn json(article: &Article, body: &str, versions: &[Version], lit: Option<&Lit>) -> Value {
    let json = ShowJson {
        schema_version: 1,
        article: ArticleJson::new(article, body),
        versions: versions
            .iter()
            .map(|v| VersionJson {
                article_id: &v.article_id,
                source: v.source.as_deref(),
                date: v.date.as_deref(),
                title: v.title.as_deref().unwrap_or_default(),
            })
            .collect(),
        executed_query: lit.map(|l| l.executed_query.as_str()),
        highlights: lit.map(|l| {
            l.body
                .iter()
                .map(|r| Span {
                    start: r.start,
                    end: r.end,
                })
                .collect()
        }),
    };
    serde_json::to_value(json).expect("an article serialises")
}

/// The title, a line of metadata, the url and path, the other versions of its story, then the
/// body's paragraphs.
pub fn write_text(
    out: &mut dyn Write,
    article: &Article,
    body: &str,
    versions: &[Version],
    lit: Option<&Lit>,
    palette: Palette,
) -> std::io::Result<()> {
    write_header(out, article, versions, lit, palette)?;
    writeln!(out)?;
    let text = match lit {
        Some(lit) => palette.lighted(body, &lit.body),
        None => body.to_string(),
    };
    writeln!(out, "{text}")
}

/// The title, a line of metadata, the url and path, and the other versions of its story.
pub fn write_header(
    out: &mut dyn Write,
    article: &Article,
    versions: &[Version],
    lit: Option<&Lit>,
    palette: Palette,
) -> std::io::Result<()> {
    let title = match lit {
        Some(lit) => palette.lighted(&article.title, &lit.title),
        None => article.title.clone(),
    };
    writeln!(out, "{}", palette.bold(&title))?;
    let mut meta: Vec<String> = Vec::new();
    meta.extend(article.byline.clone());
    meta.extend(article.source.clone());
    meta.extend(article.date.map(|d| d.to_iso()));
    if !meta.is_empty() {
        writeln!(out, "{}", palette.dim(&meta.join(" · ")))?;
    }
    if let Some(url) = &article.url {
        writeln!(out, "{}", palette.dim(url))?;
    }
    let mut place = format!("{} · id {}", article.path, article.id);
    if let Some(original) = &article.copy_of {
        place += &format!(" · copy of {original}");
    }
    writeln!(out, "{}", palette.dim(&place))?;
    if !versions.is_empty() {
        let story = article.story.as_deref().unwrap_or(&article.id);
        writeln!(
            out,
            "{}",
            palette.dim(&format!("other versions of story {story}:"))
        )?;
        for v in versions {
            let mut line = vec![v.article_id.as_str()];
            line.extend(v.source.as_deref());
            line.extend(v.date.as_deref());
            line.extend(v.title.as_deref());
            writeln!(out, "{}", palette.dim(&format!("  {}", line.join(" · "))))?;
        }
    }
    if let Some(lit) = lit {
        let found = format!(
            "highlighted: {} · {}",
            lit.executed_query,
            super::counted(lit.body.len(), "match")
        );
        writeln!(out, "{}", palette.dim(&found))?;
    }
    Ok(())
}
