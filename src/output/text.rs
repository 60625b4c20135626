//! Human-readable results for a terminal: rank, title, byline, source, date and path, then the
//! snippet with matched words highlighted (bold colour), wrapped to the width of the screen.

use std::io::Write;
use std::ops::Range;

use super::Answer;
use crate::search::Hit;

/// How text output is styled.
#[derive(Debug, Clone, Copy)]
pub struct TextStyle {
    /// Emit ANSI colour and bold.
    pub color: bool,
    /// Wrap snippets to this many columns.
    pub width: usize,
    /// Show how long the search took.
    pub timing: bool,
}

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const MATCH: &str = "\x1b[1;33m";
const RESET: &str = "\x1b[0m";
const INDENT: &str = "    ";

/// Writes the results: a dim line with the executed query and counts, then one block per hit.
pub fn write_results(
    out: &mut dyn Write,
    answer: Answer<'_>,
    style: TextStyle,
) -> std::io::Result<()> {
    let results = answer.results;
    let paint = |code: &str, text: &str| {
        if style.color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    };
    let counts = if results.total_all_words != results.total_hits {
        format!(
            "{} passages ({} with every word)",
            results.total_hits, results.total_all_words
        )
    } else {
        format!("{} passages", results.total_hits)
    };
    let qid = answer.qid.map_or(String::new(), |q| format!("[{q}] "));
    let took = if style.timing {
        format!(" · {} ms", results.took.as_millis())
    } else {
        String::new()
    };
    let summary = format!("{qid}searched: {} · {counts}{took}", results.executed_query);
    writeln!(out, "{}", paint(DIM, &summary))?;
    for hit in &results.hits {
        writeln!(out)?;
        writeln!(out, "{:>3}  {}", hit.rank, paint(BOLD, &hit.title))?;
        writeln!(out, "{INDENT}{}", paint(DIM, &meta_line(hit)))?;
        // Line breaks become spaces; byte offsets stay valid because both are one byte.
        let flat = hit.snippet.text.replace(['\n', '\r', '\t'], " ");
        for line in wrap(&flat, style.width.saturating_sub(INDENT.len()).max(20)) {
            writeln!(
                out,
                "{INDENT}{}",
                painted(&flat, line, &hit.snippet.highlights, style.color)
            )?;
        }
        if let Some(explanation) = &hit.explanation {
            for line in explanation.lines() {
                writeln!(out, "{INDENT}{}", paint(DIM, line))?;
            }
        }
    }
    if results.hits.is_empty() {
        writeln!(out, "no passages match")?;
    }
    Ok(())
}

fn meta_line(hit: &Hit) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(hit.byline.clone());
    parts.extend(hit.source.clone());
    parts.extend(hit.date.clone());
    parts.push(format!("{} ¶{}", hit.path, hit.passage + 1));
    if hit.matching_passages > 1 {
        parts.push(format!("{} matching passages", hit.matching_passages));
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
fn painted(text: &str, line: Range<usize>, highlights: &[Range<usize>], color: bool) -> String {
    if !color {
        return text[line].to_string();
    }
    let mut out = String::new();
    let mut at = line.start;
    for h in highlights
        .iter()
        .filter(|h| h.start >= line.start && h.end <= line.end)
    {
        out.push_str(&text[at..h.start]);
        out.push_str(MATCH);
        out.push_str(&text[h.clone()]);
        out.push_str(RESET);
        at = h.end;
    }
    out.push_str(&text[at..line.end]);
    out
}

/// Sources named in a hit's note of its other versions before "…".
const VERSION_SOURCES: usize = 3;

/// "+N versions: sources…, first DATE", the other versions of a hit's story (exact copies
/// among them counted).
fn versions_note(hit: &Hit) -> String {
    let n = hit.versions.len();
    let mut note = format!("+{n} version{}", if n == 1 { "" } else { "s" });
    if hit.copies > 0 {
        note += &format!(" ({} exact copies)", hit.copies);
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
    fn wraps_at_word_boundaries() {
        let text = "one two three four five";
        let lines: Vec<&str> = wrap(text, 9).into_iter().map(|r| &text[r]).collect();
        assert_eq!(lines, ["one two", "three", "four five"]);
    }

    #[test]
    fn paints_highlights_only_with_colour() {
        let text = "the ISF met";
        assert_eq!(
            painted(text, 0..11, std::slice::from_ref(&(4..7)), false),
            "the ISF met"
        );
        assert_eq!(
            painted(text, 0..11, std::slice::from_ref(&(4..7)), true),
            "the \x1b[1;33mISF\x1b[0m met"
        );
    }
}
