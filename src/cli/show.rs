//! `newsdex show`: one article whole, as text (highlighted on a terminal) or JSON.

use std::io::Write;
use std::ops::Range;

use anyhow::bail;
use newsdex::search::Version;
use newsdex::{Article, NewsIndex};
use serde::Serialize;

use super::args::ShowArgs;
use super::export::ArticleJson;
use super::use_color;

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const MATCH: &str = "\x1b[1;33m";
const RESET: &str = "\x1b[0m";

/// What `--highlight` found.
struct Lit {
    executed_query: String,
    title: Vec<Range<usize>>,
    body: Vec<Range<usize>>,
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

/// Runs `newsdex show`.
pub fn run_show(args: ShowArgs) -> anyhow::Result<()> {
    let index = NewsIndex::open(&args.index)?;
    let Some(article) = index.article(&args.id)? else {
        bail!(
            "no article with id \"{}\" in {}; ids are the article_id field of `newsdex search --json` or the id of `newsdex export`",
            args.id,
            args.index.display()
        );
    };
    let body = article.body();
    let story = article.story.as_deref().unwrap_or(&article.id);
    let versions: Vec<Version> = index
        .story_versions(story)?
        .into_iter()
        .filter(|v| v.article_id != article.id)
        .collect();
    let lit = match &args.highlight {
        Some(query) => {
            let prepared = index.prepare(query, &args.reading.options())?;
            Some(Lit {
                executed_query: prepared.executed().to_string(),
                title: prepared.highlight(&article.title),
                body: prepared.highlight(&body),
            })
        }
        None => None,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        let json = ShowJson {
            schema_version: 1,
            article: ArticleJson::new(&article, &body),
            versions: versions
                .iter()
                .map(|v| VersionJson {
                    article_id: &v.article_id,
                    source: v.source.as_deref(),
                    date: v.date.as_deref(),
                    title: &v.title,
                })
                .collect(),
            executed_query: lit.as_ref().map(|l| l.executed_query.as_str()),
            highlights: lit.as_ref().map(|l| {
                l.body
                    .iter()
                    .map(|r| Span {
                        start: r.start,
                        end: r.end,
                    })
                    .collect()
            }),
        };
        writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?;
    } else {
        write_text(
            &mut out,
            &article,
            &body,
            &versions,
            lit.as_ref(),
            use_color(args.color),
        )?;
    }
    out.flush()?;
    Ok(())
}

/// The title, a line of metadata, the url and path, then the body's paragraphs.
fn write_text(
    out: &mut dyn Write,
    article: &Article,
    body: &str,
    versions: &[Version],
    lit: Option<&Lit>,
    color: bool,
) -> std::io::Result<()> {
    let dim = |text: &str| paint(text, DIM, color);
    let title = match lit {
        Some(lit) => lighted(&article.title, &lit.title, color),
        None => article.title.clone(),
    };
    writeln!(out, "{}", paint(&title, BOLD, color))?;
    let mut meta: Vec<String> = Vec::new();
    meta.extend(article.byline.clone());
    meta.extend(article.source.clone());
    meta.extend(article.date.map(|d| d.to_iso()));
    if !meta.is_empty() {
        writeln!(out, "{}", dim(&meta.join(" · ")))?;
    }
    if let Some(url) = &article.url {
        writeln!(out, "{}", dim(url))?;
    }
    let mut place = format!("{} · id {}", article.path, article.id);
    if let Some(original) = &article.copy_of {
        place += &format!(" · copy of {original}");
    }
    writeln!(out, "{}", dim(&place))?;
    if !versions.is_empty() {
        let story = article.story.as_deref().unwrap_or(&article.id);
        writeln!(out, "{}", dim(&format!("other versions of story {story}:")))?;
        for v in versions {
            let mut line = vec![v.article_id.as_str()];
            line.extend(v.source.as_deref());
            line.extend(v.date.as_deref());
            line.push(&v.title);
            writeln!(out, "{}", dim(&format!("  {}", line.join(" · "))))?;
        }
    }
    if let Some(lit) = lit {
        let found = format!(
            "highlighted: {} · {} matches",
            lit.executed_query,
            lit.body.len()
        );
        writeln!(out, "{}", dim(&found))?;
    }
    writeln!(out)?;
    let text = match lit {
        Some(lit) => lighted(body, &lit.body, color),
        None => body.to_string(),
    };
    writeln!(out, "{text}")
}

fn paint(text: &str, code: &str, color: bool) -> String {
    if color {
        format!("{code}{text}{RESET}")
    } else {
        text.to_string()
    }
}

/// The text with the given byte ranges painted as matches (ranges that are out of order,
/// overlapping or off char boundaries are left plain).
fn lighted(text: &str, ranges: &[Range<usize>], color: bool) -> String {
    if !color {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for range in ranges {
        let (Some(before), Some(word)) = (text.get(at..range.start), text.get(range.clone()))
        else {
            continue;
        };
        out.push_str(before);
        out.push_str(MATCH);
        out.push_str(word);
        out.push_str(RESET);
        at = range.end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lights_ranges_only_with_colour_and_never_panics() {
        assert_eq!(
            lighted("the ISF met", std::slice::from_ref(&(4..7)), false),
            "the ISF met"
        );
        assert_eq!(
            lighted("the ISF met", std::slice::from_ref(&(4..7)), true),
            "the \x1b[1;33mISF\x1b[0m met"
        );
        assert_eq!(
            lighted("ğa", &[1..2, 5..6, 2..3], true),
            "ğ\x1b[1;33ma\x1b[0m"
        );
    }
}
