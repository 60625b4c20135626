//! Human-readable results for a terminal: rank, title, byline, source, date and path, then the
//! snippet with matched words highlighted (bold colour), wrapped to the width of the screen.

use std::io::Write;
use std::ops::Range;

use super::style::Palette;
use super::{counted, Answer};
use crate::search::Hit;

/// How text output is styled.
#[derive(Debug, Clone, Copy)]
pub struct TextStyle {
    /// Colours, or plain text.
    pub palette: Palette,
    /// Wrap snippets to this many columns.
    pub width: usize,
    /// Show how long the search took.
    pub timing: bool,
}

const INDENT: &str = "    ";

/// Writes the results: a dim line with the executed query and counts, then one block per hit.
pub fn write_results(
    out: &mut dyn Write,
    answer: Answer<'_>,
    style: TextStyle,
) -> std::io::Result<()> {
    let results = answer.results;
    let palette = style.palette;
    let counts = if results.total_all_words != results.total_hits {
        format!(
            "{} ({} with every word)",
            counted(results.total_hits, "passage"),
            results.total_all_words
        )
    } else {
        counted(results.total_hits, "passage")
    };
    let qid = answer.qid.map_or(String::new(), |q| format!("[{q}] "));
    let took = if style.timing {
        format!(" · {} ms", results.took.as_millis())
    } else {
        String::new()
    };
    let summary = format!("{qid}searched: {} · {counts}{took}", results.executed_query);
    writeln!(out, "{}", palette.dim(&summary))?;
    for hit in &results.hits {
        writeln!(out)?;
        writeln!(out, "{:>3}  {}", hit.rank, palette.bold(&hit.title))?;
        writeln!(out, "{INDENT}{}", palette.dim(&meta_line(hit)))?;
        let (flat, highlights) = flattened(&hit.snippet.text, &hit.snippet.highlights);
        for line in wrap(&flat, style.width.saturating_sub(INDENT.len()).max(20)) {
            writeln!(
                out,
                "{INDENT}{}",
                painted(&flat, line, &highlights, palette)
            )?;
        }
        if let Some(explanation) = &hit.explanation {
            for line in explanation.lines() {
                writeln!(out, "{INDENT}{}", palette.dim(line))?;
            }
        }
    }
    if results.hits.is_empty() {
        writeln!(out, "no passages match")?;
    } else {
        writeln!(out)?;
        writeln!(out, "{}", palette.dim(&footer(answer, results.hits.len())))?;
    }
    Ok(())
}

/// What the page showed of how many, why fewer, and how to see the next page.
fn footer(answer: Answer<'_>, shown: usize) -> String {
    let results = answer.results;
    let first = results.hits.first().map_or(1, |h| h.rank);
    let mut line = format!(
        "shown {first}–{} of {}",
        first + shown - 1,
        counted(results.total_hits, "matching passage")
    );
    if results.folded > 0 {
        line += &format!(
            " · {} folded into the hits above (more passages of one article: --per-article 0; other versions of a story: --versions)",
            results.folded
        );
    }
    if let Some(next) = results.next_offset {
        line += &format!(" · next page: --offset {next}");
    }
    line
}

fn meta_line(hit: &Hit) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(hit.byline.clone());
    parts.extend(hit.source.clone());
    parts.extend(hit.date.clone());
    parts.push(format!("{} ¶{}", hit.article_id, hit.passage));
    if hit.matching_passages > 1 {
        parts.push(counted(hit.matching_passages, "matching passage"));
    }
    parts.push(format!("score {:.2}", hit.score));
    if !hit.versions.is_empty() {
        parts.push(versions_note(hit));
    }
    if let Some(original) = &hit.copy_of {
        parts.push(format!("copy of {original}"));
    }
    parts.join(" · ")
}

/// The text with every run of white space (a paragraph break, a line break) made one space,
/// and the highlights moved with it.
fn flattened(text: &str, highlights: &[Range<usize>]) -> (String, Vec<Range<usize>>) {
    let mut flat = String::with_capacity(text.len());
    // Where each byte of `text` lands in `flat`, and one past the end.
    let mut moved = Vec::with_capacity(text.len() + 1);
    let mut in_space = false;
    for (at, c) in text.char_indices() {
        let lands = flat.len();
        if c.is_whitespace() {
            if !in_space {
                flat.push(' ');
            }
            in_space = true;
        } else {
            flat.push(c);
            in_space = false;
        }
        moved.extend(std::iter::repeat_n(
            lands,
            text[at..].chars().next().map_or(1, char::len_utf8),
        ));
    }
    moved.push(flat.len());
    let highlights = highlights
        .iter()
        .filter(|h| h.end <= text.len() && h.start < h.end)
        .map(|h| moved[h.start]..moved[h.end])
        .collect();
    (flat, highlights)
}

/// Byte ranges of the lines of `text` wrapped at word boundaries to `width` characters.
fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut end = 0;
    let mut chars = 0;
    for (at, word) in words(text) {
        let len = word.chars().count();
        if chars > 0 && chars + 1 + len > width {
            lines.push(start..end);
            start = at;
            chars = 0;
        }
        if chars == 0 {
            start = at;
        } else {
            chars += 1;
        }
        chars += len;
        end = at + word.len();
    }
    if end > start {
        lines.push(start..end);
    }
    lines
}

fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// One line of the snippet, with its highlighted words painted.
fn painted(
    text: &str,
    line: Range<usize>,
    highlights: &[Range<usize>],
    palette: Palette,
) -> String {
    let within: Vec<Range<usize>> = highlights
        .iter()
        .filter(|h| h.start >= line.start && h.end <= line.end)
        .map(|h| h.start - line.start..h.end - line.start)
        .collect();
    palette.lighted(&text[line], &within)
}

/// Sources named in a hit's note of its other versions before "…".
const VERSION_SOURCES: usize = 3;

/// "+N versions: sources…, first DATE", the other versions of a hit's story (exact copies
/// among them counted).
fn versions_note(hit: &Hit) -> String {
    let mut note = format!("+{}", counted(hit.versions.len(), "version"));
    if hit.copies > 0 {
        note += &format!(" ({})", counted(hit.copies, "exact copy"));
    }
    let mut sources: Vec<&str> = Vec::new();
    for source in hit.versions.iter().filter_map(|v| v.source.as_deref()) {
        if !sources.contains(&source) && Some(source) != hit.source.as_deref() {
            sources.push(source);
        }
    }
    if !sources.is_empty() {
        let more = if sources.len() > VERSION_SOURCES {
            "…"
        } else {
            ""
        };
        sources.truncate(VERSION_SOURCES);
        note += &format!(": {}{more}", sources.join(", "));
    }
    let first = hit
        .versions
        .iter()
        .filter_map(|v| v.date.as_deref())
        .chain(hit.date.as_deref())
        .min_by_key(|d| d.get(..10).unwrap_or(d));
    if let Some(first) = first {
        note += &format!(", first {}", first.get(..10).unwrap_or(first));
    }
    note
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_breaks_become_one_space_and_highlights_follow() {
        let text = "end.\n\nThe ISF  met";
        let (flat, highlights) = flattened(text, std::slice::from_ref(&(10..13)));
        assert_eq!(flat, "end. The ISF met");
        assert_eq!(&flat[highlights[0].clone()], "ISF");
        let (flat, highlights) = flattened("ğ\n\nğ x", std::slice::from_ref(&(7..8)));
        assert_eq!(flat, "ğ ğ x");
        assert_eq!(&flat[highlights[0].clone()], "x");
    }

    #[test]
    fn wraps_at_word_boundaries() {
        let text = "one two three four five";
        let lines: Vec<&str> = wrap(text, 9).into_iter().map(|r| &text[r]).collect();
        assert_eq!(lines, ["one two", "three", "four five"]);
    }

    #[test]
    fn paints_highlights_only_with_colour() {
        let text = "the ISF met";
        assert_eq!(
            painted(
                text,
                0..11,
                std::slice::from_ref(&(4..7)),
                Palette::new(false)
            ),
            "the ISF met"
        );
        assert_eq!(
            painted(
                text,
                0..11,
                std::slice::from_ref(&(4..7)),
                Palette::new(true)
            ),
            "the \x1b[1;33mISF\x1b[0m met"
        );
    }
}
