//! Lenient SGML for the newswire collections (TREC, Reuters-21578): records cut from a stream,
//! elements and attributes found by name (ignoring case), tags stripped, character references
//! decoded, and hard-wrapped text grouped into paragraphs.
//!
//! Every position used to slice text is the position of an ASCII character (`<`, `>`, `&`, `;`,
//! `=`, a quote or a line break) or the end of an ASCII name, so slicing never splits a character.

use std::io::{self, BufRead};

use super::decode::byte_size;
use super::fields::normalise_space;
use super::{parse_byline, Records, SkipReason};
use crate::date::{DateOrder, NewsDate};
use crate::model::Article;

/// A record longer than this is skipped, so that a file missing its closing tags cannot fill
/// memory.
const MAX_RECORD_BYTES: usize = 64 << 20;
/// Longest tag that [`strip_tags`] removes; a `<` with no `>` within this many bytes is text.
const MAX_TAG_BYTES: usize = 256;

/// Reads every `<TAG>` record of `input` into an article with `to_article`, one record each.
pub(crate) fn read_records(
    input: &mut dyn BufRead,
    records: &mut Records,
    tag: &str,
    to_article: impl Fn(&str) -> Result<Article, SkipReason>,
) -> io::Result<()> {
    for_each_record(input, tag, |record| {
        records.push(None, record.and_then(&to_article))
    })
}

/// Reads `input` line by line and calls `each` (which may stop the reading with an error) with
/// every record `<TAG …>…</TAG>` (the text from
/// its opening tag to just before its closing tag) or, for a record that is not closed before
/// the end of the input or is too long, the reason it cannot be read. Text between records is
/// ignored. Tags match without regard to case.
pub(crate) fn for_each_record(
    input: &mut dyn BufRead,
    tag: &str,
    mut each: impl FnMut(Result<&str, SkipReason>) -> io::Result<()>,
) -> io::Result<()> {
    let close = format!("</{tag}>");
    let mut open: Option<String> = None;
    let mut too_long = false;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            break;
        }
        let mut rest = line.as_str();
        loop {
            match open.as_mut() {
                None => match find_open_tag(rest, tag) {
                    Some(at) => {
                        open = Some(String::new());
                        rest = &rest[at..];
                    }
                    None => break,
                },
                Some(record) => {
                    let end = find_ignore_case(rest, &close);
                    let text = &rest[..end.unwrap_or(rest.len())];
                    if record.len() + text.len() > MAX_RECORD_BYTES {
                        too_long = true;
                        record.clear();
                    } else if !too_long {
                        record.push_str(text);
                    }
                    let Some(end) = end else { break };
                    if too_long {
                        each(Err(SkipReason::RecordTooLong(byte_size(
                            MAX_RECORD_BYTES as u64,
                        ))))?;
                    } else {
                        each(Ok(record))?;
                    }
                    open = None;
                    too_long = false;
                    rest = &rest[end + close.len()..];
                }
            }
        }
    }
    if open.is_some() {
        each(Err(SkipReason::Unterminated(close)))?;
    }
    Ok(())
}

/// The position of the first `<tag>` or `<tag attributes…>` in `text`.
fn find_open_tag(text: &str, tag: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|rest| rest.find('<')) {
        let at = from + at;
        if is_open_tag(&text[at..], tag) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// `text` starts with `<tag` followed by `>` or whitespace.
fn is_open_tag(text: &str, tag: &str) -> bool {
    let bytes = text.as_bytes();
    let name = bytes.get(1..=tag.len());
    name.is_some_and(|n| n.eq_ignore_ascii_case(tag.as_bytes()))
        && bytes
            .get(tag.len() + 1)
            .is_some_and(|&b| b == b'>' || b.is_ascii_whitespace())
}

/// The position of the first occurrence of the ASCII `needle` in `text`, ignoring ASCII case.
fn find_ignore_case(text: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    text.as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// One element found in a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Element<'a> {
    /// What the opening tag holds after its name (`TYPE="BRIEF"`).
    pub attributes: &'a str,
    /// The text between the opening and closing tags (to the end of the record when the
    /// element is not closed).
    pub content: &'a str,
    /// Where the element starts (its `<`) and ends (just after its closing tag) in the text.
    pub span: (usize, usize),
}

/// The first element `<name …>…</name>` in `text`.
pub(crate) fn element<'a>(text: &'a str, name: &str) -> Option<Element<'a>> {
    let start = find_open_tag(text, name)?;
    let after_name = start + 1 + name.len();
    let tag_end = after_name + text[after_name..].find('>')?;
    let attributes = &text[after_name..tag_end];
    let body_start = tag_end + 1;
    let close = format!("</{name}>");
    let (content_end, end) = match find_ignore_case(&text[body_start..], &close) {
        Some(at) => (body_start + at, body_start + at + close.len()),
        None => (text.len(), text.len()),
    };
    Some(Element {
        attributes,
        content: &text[body_start..content_end],
        span: (start, end),
    })
}

/// Every element `<name …>…</name>` in `text`, in order.
pub(crate) fn elements<'a>(text: &'a str, name: &str) -> Vec<Element<'a>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(mut e) = text.get(from..).and_then(|rest| element(rest, name)) {
        e.span = (from + e.span.0, from + e.span.1);
        from = e.span.1.max(from + 1);
        found.push(e);
    }
    found
}

/// The first of the elements `names` that `text` has, by order of `names`.
pub(crate) fn first_element<'a>(text: &'a str, names: &[&str]) -> Option<Element<'a>> {
    names.iter().find_map(|name| element(text, name))
}

/// `text` without the elements `names` (tags and content).
pub(crate) fn without_elements(text: &str, names: &[&str]) -> String {
    let mut spans: Vec<(usize, usize)> = names
        .iter()
        .flat_map(|name| elements(text, name))
        .map(|e| e.span)
        .collect();
    spans.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end) in spans {
        if start >= at {
            out.push_str(&text[at..start]);
            at = end;
        }
    }
    out.push_str(&text[at..]);
    out
}

/// The value of the attribute `name` in an opening tag's attributes (`NEWID="12" TYPE=BRIEF`).
pub(crate) fn attribute(attributes: &str, name: &str) -> Option<String> {
    let mut rest = attributes;
    loop {
        let eq = rest.find('=')?;
        let key = rest[..eq].trim();
        let value_text = rest[eq + 1..].trim_start();
        let (value, after) = match value_text.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let inner = &value_text[1..];
                let end = inner.find(q).unwrap_or(inner.len());
                (&inner[..end], inner.get(end + 1..).unwrap_or_default())
            }
            _ => {
                let end = value_text
                    .find(char::is_whitespace)
                    .unwrap_or(value_text.len());
                (&value_text[..end], &value_text[end..])
            }
        };
        let key = key.rsplit(char::is_whitespace).next().unwrap_or(key);
        if key.eq_ignore_ascii_case(name) {
            return Some(value.to_string());
        }
        rest = after;
    }
}

/// Removes tags (`<…>` starting with a letter, `/` or `!`); `<P>` and `</P>` become paragraph
/// breaks. A `<` that does not start a tag is kept.
pub(crate) fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tag = &rest[at..];
        match tag_len(tag) {
            Some(len) => {
                let name = tag[1..len - 1].trim_start_matches('/');
                if name
                    .split_whitespace()
                    .next()
                    .is_some_and(|n| n.eq_ignore_ascii_case("p"))
                {
                    out.push_str("\n\n");
                }
                rest = &tag[len..];
            }
            None => {
                out.push('<');
                rest = &tag[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The length of the tag at the start of `text` (which starts with `<`), if it is one.
fn tag_len(text: &str) -> Option<usize> {
    let starts_tag = text[1..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
    if !starts_tag {
        return None;
    }
    let window = &text.as_bytes()[..text.len().min(MAX_TAG_BYTES)];
    window.iter().position(|&b| b == b'>').map(|end| end + 1)
}

/// Decodes character references (`&#3;`, `&#x41;`) and the common named entities (`&lt;`,
/// `&amp;`, …), then drops control characters other than line breaks and tabs. An unknown or
/// malformed reference is kept as written.
pub(crate) fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let reference = &rest[at..];
        match entity(reference) {
            Some((decoded, len)) => {
                out.extend(decoded);
                rest = &reference[len..];
            }
            None => {
                out.push('&');
                rest = &reference[1..];
            }
        }
    }
    out.push_str(rest);
    out.retain(|c| !c.is_control() || c == '\n' || c == '\t');
    out
}

/// The character a reference at the start of `text` stands for (none for an invalid code
/// point), and the reference's length.
fn entity(text: &str) -> Option<(Option<char>, usize)> {
    let end = text.bytes().take(12).position(|b| b == b';')?;
    let name = &text[1..end];
    let decoded = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16),
            None => number.parse(),
        };
        char::from_u32(code.ok()?)
    } else {
        Some(named_entity(name)?)
    };
    Some((decoded, end + 1))
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" | "blank" => ' ',
        "hyph" => '-',
        "ndash" => '–',
        "mdash" => '—',
        _ => return None,
    })
}

/// Element content as one line: tags stripped, references decoded, whitespace normalised.
pub(crate) fn clean_line(content: &str) -> String {
    normalise_space(&decode_entities(&strip_tags(content)))
}

/// Element content that is running text: tags stripped (`<P>` breaking paragraphs), references
/// decoded, hard-wrapped lines grouped into paragraphs.
pub(crate) fn text_paragraphs(content: &str) -> Vec<String> {
    wrapped_paragraphs(&decode_entities(&strip_tags(content)))
}

/// A date element's text as a date: the whole of it, a dateline in it, its leading
/// comma-separated parts (`January 1, 1989, Sunday, Home Edition`), or its first word
/// (`31-MAR-1987 605:12:19.12`, whose time is broken), as a date or as a compact day
/// (`870226`, `19870226`).
pub(crate) fn date(content: &str, order: DateOrder) -> Option<NewsDate> {
    let text = clean_line(content);
    let parts: Vec<&str> = text.split(',').collect();
    let first_word = text.split_whitespace().next();
    NewsDate::parse(&text, order)
        .or_else(|| NewsDate::find_in_line(&text, order))
        .or_else(|| (2..parts.len()).find_map(|k| NewsDate::parse(&parts[..k].join(","), order)))
        .or_else(|| NewsDate::parse(first_word?, order))
        .or_else(|| NewsDate::from_compact(first_word?))
}

/// A byline element's text as the author's name (`BY JOHN DOE, Times Staff Writer` is `JOHN
/// DOE`).
pub(crate) fn byline(content: &str) -> Option<String> {
    let text = clean_line(content);
    if text.is_empty() {
        return None;
    }
    Some(parse_byline(&text).map_or(text, |(name, _)| name))
}

/// Groups hard-wrapped lines into whitespace-normalised paragraphs. A paragraph ends at a blank
/// line, and a new one starts at a line indented more than the least-indented line of the text
/// (wire copy indents the first line of each paragraph).
pub(crate) fn wrapped_paragraphs(text: &str) -> Vec<String> {
    let indent = |line: &str| line.len() - line.trim_start().len();
    let base = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(indent)
        .min()
        .unwrap_or(0);
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let blank = line.trim().is_empty();
        if blank || indent(line) > base {
            push_paragraph(&mut out, &mut current);
        }
        if !blank {
            current.push(' ');
            current.push_str(line);
        }
    }
    push_paragraph(&mut out, &mut current);
    out
}

fn push_paragraph(out: &mut Vec<String>, current: &mut String) {
    let paragraph = normalise_space(current);
    if !paragraph.is_empty() {
        out.push(paragraph);
    }
    current.clear();
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn helpers_never_panic(text in "[<>&#;=\"' /a-zA-Z0-9\n\u{3}éğ€]{0,200}", name in "[a-zA-Z]{1,6}") {
            let _ = element(&text, &name);
            let _ = elements(&text, &name);
            let _ = without_elements(&text, &[&name]);
            let _ = attribute(&text, &name);
            let _ = text_paragraphs(&text);
            let _ = date(&text, DateOrder::Unknown);
            let _ = byline(&text);
            let decoded = decode_entities(&text);
            prop_assert!(!decoded.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
        }
    }

    fn records(input: &str, tag: &str) -> Vec<Result<String, SkipReason>> {
        let mut found = Vec::new();
        for_each_record(&mut input.as_bytes(), tag, |r| {
            found.push(r.map(str::to_string));
            Ok(())
        })
        .unwrap();
        found
    }

    #[test]
    fn records_are_cut_at_their_tags_in_any_case_and_layout() {
        let input = "junk <DOCNO>x</DOCNO>\n<DOC>\none\n</DOC><doc id=2>two</doc>\n<DOC>\nopen";
        assert_eq!(
            records(input, "DOC"),
            [
                Ok("<DOC>\none\n".to_string()),
                Ok("<doc id=2>two".to_string()),
                Err(SkipReason::Unterminated("</DOC>".into())),
            ]
        );
    }

    #[test]
    fn elements_and_attributes() {
        let text = "<TEXT TYPE=\"BRIEF\">a<TITLE>T</TITLE>b</TEXT><TITLE>U</title>";
        let e = element(text, "text").unwrap();
        assert_eq!(attribute(e.attributes, "type").as_deref(), Some("BRIEF"));
        assert_eq!(e.content, "a<TITLE>T</TITLE>b");
        let titles: Vec<_> = elements(text, "TITLE").iter().map(|e| e.content).collect();
        assert_eq!(titles, ["T", "U"]);
        assert_eq!(without_elements(e.content, &["TITLE"]), "ab");
        assert_eq!(
            element("<BODY>open to the end", "BODY").unwrap().content,
            "open to the end"
        );
        assert_eq!(element("<BODYX>no</BODYX>", "BODY"), None);
    }

    #[test]
    fn attributes_quoted_and_bare() {
        let attrs = r#" TOPICS="YES" OLDID='5544' NEWID=1 CSECS"#;
        assert_eq!(attribute(attrs, "newid").as_deref(), Some("1"));
        assert_eq!(attribute(attrs, "OLDID").as_deref(), Some("5544"));
        assert_eq!(attribute(attrs, "TOPICS").as_deref(), Some("YES"));
        assert_eq!(attribute(attrs, "ID"), None);
    }

    #[test]
    fn tags_are_stripped_and_paragraph_tags_break() {
        assert_eq!(
            strip_tags("<P>One</P><p class=x>Two <F P=1>x</F></P>"),
            "\n\nOne\n\n\n\nTwo x\n\n"
        );
        assert_eq!(strip_tags("a < b and c<3 and <b"), "a < b and c<3 and <b");
    }

    #[test]
    fn references_are_decoded_and_control_characters_dropped() {
        assert_eq!(
            decode_entities("&#2;\n&lt;BankAmerica Corp> &amp; co &#x41;&#22;\r\nReuter\n&#3;"),
            "\n<BankAmerica Corp> & co A\nReuter\n"
        );
        assert_eq!(
            decode_entities("AT&T &unknown; &#99999999; &"),
            "AT&T &unknown;  &"
        );
        assert_eq!(decode_entities("&lt;ğğğğğğ"), "<ğğğğğğ");
    }

    #[test]
    fn dates_and_bylines() {
        let iso = |c: &str| date(c, DateOrder::Unknown).map(|d| d.to_iso());
        assert_eq!(
            iso(" 26-FEB-1987 15:01:01.79").as_deref(),
            Some("1987-02-26T15:01:01Z")
        );
        assert_eq!(
            iso("<P>January 1, 1989, Sunday, Home Edition </P>").as_deref(),
            Some("1989-01-01")
        );
        assert_eq!(
            iso("31-MAR-1987 605:12:19.12").as_deref(),
            Some("1987-03-31")
        );
        assert_eq!(iso("880212").as_deref(), Some("1988-02-12"));
        assert_eq!(iso(" 19880212 ").as_deref(), Some("1988-02-12"));
        assert_eq!(iso("881312"), None);
        assert_eq!(
            byline("<P>By JOHN DOE, Times Staff Writer</P>").as_deref(),
            Some("JOHN DOE")
        );
        assert_eq!(byline("  Ann Lee ").as_deref(), Some("Ann Lee"));
        assert_eq!(byline(" <P> </P>"), None);
    }

    #[test]
    fn wrapped_lines_group_into_indented_paragraphs() {
        let text = "First line\nwrapped.\n    Second para\nwrapped.\n\nThird.\n";
        assert_eq!(
            wrapped_paragraphs(text),
            ["First line wrapped.", "Second para wrapped.", "Third."]
        );
        let all_indented = "   One\n   wrapped.\n     Two.\n";
        assert_eq!(wrapped_paragraphs(all_indented), ["One wrapped.", "Two."]);
    }
}
