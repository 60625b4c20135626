//! Reader for plain-text and Markdown articles: a headline on the first line, an optional byline
//! and dateline under it, body paragraphs, and an optional trailer after a separator line
//! (author note, subscription footer) that is kept out of the body.

use crate::date::{DateOrder, NewsDate};
use crate::language::Language;
use crate::model::Article;

/// A first line longer than this is not a headline.
const MAX_TITLE_CHARS: usize = 300;
/// Header lines after the title that may hold a byline or a dateline.
const HEADER_LINES: usize = 4;
/// A trailer after a separator is dropped only when it is this short (non-empty lines).
const MAX_TRAILER_LINES: usize = 15;
/// In a block whose longest line exceeds this, every line is its own paragraph (unwrapped text);
/// otherwise the block's lines are a hard-wrapped paragraph and are joined.
const UNWRAPPED_LINE_CHARS: usize = 200;

/// Reads one article from plain text (`markdown == false`) or Markdown. Returns `None` when the
/// text holds no words. The article's `id` and `path` are left for the caller to set.
pub fn read_text(text: &str, markdown: bool, order: DateOrder) -> Option<Article> {
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end()).collect();
    let mut article = Article::default();
    let mut rest: &[&str] = &lines;
    if markdown {
        rest = front_matter(rest, &mut article, order);
    }
    if article.title.is_empty() {
        let title_at = rest.iter().position(|l| !l.trim().is_empty())?;
        // A first line longer than any headline is body text: the article has no title.
        if rest[title_at].chars().take(MAX_TITLE_CHARS + 1).count() <= MAX_TITLE_CHARS {
            article.title = clean_inline(strip_heading(rest[title_at]), markdown);
            rest = &rest[title_at + 1..];
        }
    }
    rest = header(rest, &mut article, markdown, order);
    let body = without_trailer(rest);
    article.paragraphs = paragraphs(body, markdown);
    if article.paragraphs.is_empty() && article.title.is_empty() {
        return None;
    }
    Some(article)
}

/// YAML-like front matter (`---` … `---`) at the top of a Markdown file: `title`, `date`,
/// `author`, `source`, `url`, `language` keys fill the article; the rest is ignored.
fn front_matter<'a>(
    lines: &'a [&'a str],
    article: &mut Article,
    order: DateOrder,
) -> &'a [&'a str] {
    if lines.first().map(|l| l.trim()) != Some("---") {
        return lines;
    }
    let Some(end) = lines[1..].iter().position(|l| l.trim() == "---") else {
        return lines;
    };
    for line in &lines[1..=end] {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value
            .trim()
            .trim_matches(|c| c == '"' || c == '\'')
            .to_string();
        if value.is_empty() {
            continue;
        }
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => article.title = value,
            "date" | "published" => article.date = NewsDate::parse(&value, order),
            "author" | "byline" => article.byline = Some(value),
            "source" | "publication" => article.source = Some(value),
            "url" | "link" => article.url = Some(value),
            "language" | "lang" => {
                article.language = Language::parse(&value).map(|l| l.code.to_string());
            }
            _ => {}
        }
    }
    &lines[end + 2..]
}

/// Consumes byline and dateline lines right under the title (blank lines between are allowed).
fn header<'a>(
    lines: &'a [&'a str],
    article: &mut Article,
    markdown: bool,
    order: DateOrder,
) -> &'a [&'a str] {
    let mut consumed = 0;
    let mut seen = 0;
    for (i, line) in lines.iter().enumerate() {
        let line = clean_inline(line, markdown);
        if line.is_empty() {
            continue;
        }
        seen += 1;
        if seen > HEADER_LINES {
            break;
        }
        if article.byline.is_none() {
            if let Some((name, outlet)) = parse_byline(&line) {
                article.byline = Some(name);
                if outlet.is_some() {
                    article.source = outlet;
                }
                consumed = i + 1;
                continue;
            }
        }
        if article.date.is_none() {
            if let Some(date) = NewsDate::find_in_line(&line, order) {
                article.date = Some(date);
                consumed = i + 1;
                continue;
            }
        }
        break;
    }
    &lines[consumed..]
}

/// Splits a byline such as `By Raza Syed I AzerNews`, `By Jane Doe | Outlet` or
/// `By Jane Doe, Outlet` into the author and the outlet.
pub fn parse_byline(line: &str) -> Option<(String, Option<String>)> {
    let line = line.trim();
    if line.chars().count() > 120 {
        return None;
    }
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("by "))
        .or_else(|| line.strip_prefix("BY "))?
        .trim();
    if !rest.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    for separator in [" | ", " I ", " — ", " – ", " - ", ", "] {
        if let Some((name, outlet)) = rest.rsplit_once(separator) {
            let outlet = outlet.trim();
            let plausible = outlet.starts_with(|c: char| c.is_uppercase())
                && outlet.split_whitespace().count() <= 5
                && !name.trim().is_empty();
            if plausible {
                return Some((name.trim().to_string(), Some(outlet.to_string())));
            }
        }
    }
    (rest.split_whitespace().count() <= 8).then(|| (rest.to_string(), None))
}

/// Drops a short trailer after the last separator line (`--------`, `***`, `___`), the place
/// where outlets put author notes and subscription footers.
fn without_trailer<'a>(lines: &'a [&'a str]) -> &'a [&'a str] {
    let Some(at) = lines.iter().rposition(|l| is_separator(l)) else {
        return lines;
    };
    let before = lines[..at].iter().filter(|l| !l.trim().is_empty()).count();
    let after = lines[at + 1..]
        .iter()
        .filter(|l| !l.trim().is_empty())
        .count();
    if before > 0 && after <= MAX_TRAILER_LINES && after <= before.max(1) * 2 {
        &lines[..at]
    } else {
        lines
    }
}

fn is_separator(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    compact.chars().count() >= 3
        && compact
            .chars()
            .all(|c| matches!(c, '-' | '_' | '*' | '=' | '~' | '—' | '–'))
}

/// Groups lines into paragraphs: blank lines separate blocks; a block of long lines is one
/// paragraph per line, a block of short (hard-wrapped) lines is one paragraph.
fn paragraphs(lines: &[&str], markdown: bool) -> Vec<String> {
    let mut out = Vec::new();
    for block in lines.split(|l| l.trim().is_empty() || is_separator(l)) {
        if block.is_empty() {
            continue;
        }
        let unwrapped = block
            .iter()
            .any(|l| l.chars().count() > UNWRAPPED_LINE_CHARS);
        let starts_new = |l: &str| markdown && is_markdown_block_start(l);
        let mut current = String::new();
        for line in block {
            let heading = markdown && line.trim_start().starts_with('#');
            if unwrapped || starts_new(line) {
                push_paragraph(&mut out, std::mem::take(&mut current));
            }
            let line = clean_inline(strip_heading(line), markdown);
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(&line);
            if unwrapped || heading {
                push_paragraph(&mut out, std::mem::take(&mut current));
            }
        }
        push_paragraph(&mut out, current);
    }
    out
}

fn push_paragraph(out: &mut Vec<String>, text: String) {
    let normalised = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if !normalised.is_empty() {
        out.push(normalised);
    }
}

fn is_markdown_block_start(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('#') || t.starts_with("- ") || t.starts_with("* ") || t.starts_with("> ")
}

fn strip_heading(line: &str) -> &str {
    line.trim().trim_start_matches('#').trim()
}

/// Removes inline Markdown (emphasis, links, images, code marks, list bullets, quote marks).
fn clean_inline(line: &str, markdown: bool) -> String {
    let line = line.trim();
    if !markdown {
        return line.to_string();
    }
    let line = line
        .strip_prefix("> ")
        .or_else(|| line.strip_prefix("- "))
        .or_else(|| line.strip_prefix("* "))
        .unwrap_or(line);
    let mut out = String::with_capacity(line.len());
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '*' | '_' | '`' if is_markup(line, i, c) => {}
            '!' if line[i + 1..].starts_with('[') => {
                if let Some(end) = link_end(&line[i + 1..]) {
                    skip_to(&mut chars, i + 1 + end);
                }
            }
            '[' => match link_end(&line[i..]) {
                Some(end) => {
                    let label_end = line[i..].find("](").unwrap_or(0);
                    out.push_str(&line[i + 1..i + label_end]);
                    skip_to(&mut chars, i + end);
                }
                None => out.push(c),
            },
            _ => out.push(c),
        }
    }
    out.trim().to_string()
}

/// Emphasis marks touch a word on one side; `_` inside a word (snake_case) is kept.
fn is_markup(line: &str, at: usize, c: char) -> bool {
    let before = line[..at].chars().next_back();
    let after = line[at + c.len_utf8()..].chars().next();
    let word = |x: Option<char>| x.is_some_and(|x| x.is_alphanumeric());
    c == '`' || c == '*' || !(word(before) && word(after))
}

/// For `[label](target)` at the start of `s`, the byte offset just past the `)`.
fn link_end(s: &str) -> Option<usize> {
    let close = s.find("](")?;
    let end = s[close..].find(')')?;
    Some(close + end + 1)
}

fn skip_to(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>, end: usize) {
    while chars.peek().is_some_and(|&(j, _)| j < end) {
        chars.next();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::tests::{mutated, title_and_paragraphs};
    use proptest::prelude::*;
    use time::macros::date;

    /// An article as a writer might save it: a Markdown heading or a plain title, a byline and a
    /// date, front matter sometimes, emphasis and links in the body, a trailer after a rule.
    fn story() -> impl Strategy<Value = String> {
        (title_and_paragraphs(), any::<bool>(), any::<bool>()).prop_map(
            |((title, paragraphs), heading, front)| {
                let mut text = String::new();
                if front {
                    text += &format!("---\ntitle: \"{title}\"\ndate: 2026-01-14\n---\n");
                }
                let mark = if heading { "# " } else { "" };
                text += &format!("{mark}{title}\nBy Ann Lee | Caspian Courier\n5 January 2026\n\n");
                for paragraph in &paragraphs {
                    text += &format!("*{paragraph}* [link](https://example.org) **bold**\n\n");
                }
                text + "---\nSubscribe.\n"
            },
        )
    }

    proptest! {
        #[test]
        fn any_text_reads_without_panicking(text in "\\PC{0,400}", markdown: bool) {
            let _ = read_text(&text, markdown, DateOrder::Unknown);
        }

        #[test]
        fn mutated_stories_read_without_panicking(text in mutated(story()), markdown: bool) {
            let _ = read_text(&text, markdown, DateOrder::DayMonthYear);
        }
    }

    #[test]
    fn reads_headline_byline_date_paragraphs_and_drops_the_trailer() {
        let text = "Baku rules out troops for Gaza\nBy Leyla Mammadli I Caspian Courier\n5 January 2026\n\n\
                    First paragraph of the story.\n\nSecond paragraph, hard\nwrapped over lines.\n\
                    --------\nSubscribe for full access.\nFollow us @Courier\n";
        let article = read_text(text, false, DateOrder::Unknown).unwrap();
        assert_eq!(article.title, "Baku rules out troops for Gaza");
        assert_eq!(article.byline.as_deref(), Some("Leyla Mammadli"));
        assert_eq!(article.source.as_deref(), Some("Caspian Courier"));
        assert_eq!(article.date, Some(NewsDate::Day(date!(2026 - 01 - 05))));
        assert_eq!(
            article.paragraphs,
            [
                "First paragraph of the story.",
                "Second paragraph, hard wrapped over lines."
            ]
        );
    }

    #[test]
    fn long_unwrapped_lines_are_paragraphs_each() {
        let long = "word ".repeat(60);
        let text = format!("Title\n{long}\n{long}\n");
        let article = read_text(&text, false, DateOrder::Unknown).unwrap();
        assert_eq!(article.paragraphs.len(), 2);
    }

    #[test]
    fn markdown_heading_emphasised_byline_links_and_rule() {
        let text = "# Karabakh *demining* advances\n\n*By Megan Alvarez | Atlantic Dispatch*\nDate: 2026-01-14\n\n\
                    Crews cleared **2,000** mines, says [ANAMA](https://anama.gov.az) report_2026.\n\n\
                    ## Next steps\nMore work ahead.\n\n---\nAtlantic Dispatch is reader-supported.\n";
        let article = read_text(text, true, DateOrder::Unknown).unwrap();
        assert_eq!(article.title, "Karabakh demining advances");
        assert_eq!(article.byline.as_deref(), Some("Megan Alvarez"));
        assert_eq!(article.source.as_deref(), Some("Atlantic Dispatch"));
        assert_eq!(article.date, Some(NewsDate::Day(date!(2026 - 01 - 14))));
        assert_eq!(
            article.paragraphs,
            [
                "Crews cleared 2,000 mines, says ANAMA report_2026.",
                "Next steps",
                "More work ahead."
            ]
        );
    }

    #[test]
    fn front_matter_fills_metadata() {
        let text = "---\ntitle: \"OIC meets in Jeddah\"\ndate: 2026-02-01\nauthor: Ann Lee\n---\nBody text.\n";
        let article = read_text(text, true, DateOrder::Unknown).unwrap();
        assert_eq!(article.title, "OIC meets in Jeddah");
        assert_eq!(article.byline.as_deref(), Some("Ann Lee"));
        assert_eq!(article.paragraphs, ["Body text."]);
    }

    #[test]
    fn bylines() {
        assert_eq!(
            parse_byline("By Nour Haddad, Levant Ledger"),
            Some(("Nour Haddad".into(), Some("Levant Ledger".into())))
        );
        assert_eq!(parse_byline("By Ann Lee"), Some(("Ann Lee".into(), None)));
        assert_eq!(
            parse_byline("By the way, this is a sentence that is not a byline at all because"),
            None
        );
        assert_eq!(parse_byline("Baku said"), None);
    }

    #[test]
    fn a_first_line_longer_than_a_headline_is_body() {
        let line = "word ".repeat(100);
        let article = read_text(&line, false, DateOrder::Unknown).unwrap();
        assert_eq!(article.title, "");
        assert_eq!(article.paragraphs, [line.trim()]);
    }

    #[test]
    fn blank_text_is_no_article() {
        assert_eq!(read_text(" \n\n \t\n", false, DateOrder::Unknown), None);
    }

    #[test]
    fn a_separator_early_in_the_text_is_not_a_trailer() {
        let text = "Title\n\nIntro.\n-----\nOne.\n\nTwo.\n\nThree.\n";
        let article = read_text(text, false, DateOrder::Unknown).unwrap();
        assert_eq!(article.paragraphs, ["Intro.", "One.", "Two.", "Three."]);
    }
}
