//! Reader for the Reuters-21578 collection (SGML): a file holds many `<REUTERS … NEWID="…">`
//! stories. The article id is `NEWID`; the date comes from `<DATE>` (`26-FEB-1987
//! 15:01:01.79`), the headline from `<TITLE>`, the author from `<AUTHOR>`, and the source is
//! always Reuters.
//!
//! The body is `<BODY>`, grouped into paragraphs at indented lines, without the closing
//! `Reuter` sign-off line. Stories of `TYPE="BRIEF"` are a headline only (their text is a
//! placeholder such as `Blah blah blah.`, not read); stories of `TYPE="UNPROC"` have no `<BODY>`
//! and take the text of `<TEXT>` instead. The `<DATELINE>` (`SALVADOR, Feb 26 -`) is left out:
//! its date repeats `<DATE>`, and prefixed to the body it would open every snippet. Character
//! references (`&#3;`, `&lt;`) are decoded and control characters dropped; only a story with no
//! headline and no text is skipped, named by its NEWID.

use std::io::{self, BufRead};

use super::sgml::{attribute, byline, clean_line, date, element, read_records, Element};
use super::sgml::{decode_entities, strip_tags, without_elements, wrapped_paragraphs};
use super::{Records, SkipReason};
use crate::date::DateOrder;
use crate::model::Article;

/// The source of every story in the collection.
const SOURCE: &str = "Reuters";

/// Reads every `<REUTERS>` story of a Reuters-21578 file.
pub(super) fn read_reuters(
    input: &mut dyn BufRead,
    records: &mut Records,
    order: DateOrder,
) -> io::Result<()> {
    read_records(input, records, "REUTERS", |story| {
        story_article(story, order)
    })
}

/// The article of one story (its text from the opening `<REUTERS …>` tag on).
fn story_article(story: &str, order: DateOrder) -> Result<Article, SkipReason> {
    let id = element(story, "REUTERS")
        .and_then(|e| attribute(e.attributes, "NEWID"))
        .map(|id| id.trim().to_string())
        .unwrap_or_default();
    let text = element(story, "TEXT");
    let title = text
        .and_then(|t| element(t.content, "TITLE"))
        .map(|e| clean_line(e.content))
        .unwrap_or_default();
    let paragraphs = text.map(body).unwrap_or_default();
    if title.is_empty() && paragraphs.is_empty() {
        return Err(SkipReason::NoText((!id.is_empty()).then_some(id)));
    }
    Ok(Article {
        id,
        title,
        byline: text
            .and_then(|t| element(t.content, "AUTHOR"))
            .and_then(|e| byline(e.content)),
        source: Some(SOURCE.to_string()),
        date: element(story, "DATE").and_then(|e| date(date_text(e.content), order)),
        paragraphs,
        ..Article::default()
    })
}

/// The date of a `<DATE>` element, without the codes some stories append after control
/// characters (`27-MAR-1987 00:02:59.13&#5;&#5;&#5;V RM Y`).
fn date_text(content: &str) -> &str {
    content.split('&').next().unwrap_or_default()
}

/// The body paragraphs of a story's `<TEXT>`.
fn body(text: Element<'_>) -> Vec<String> {
    let kind = attribute(text.attributes, "TYPE").unwrap_or_default();
    let raw = if kind.eq_ignore_ascii_case("BRIEF") {
        return Vec::new();
    } else if let Some(body) = element(text.content, "BODY") {
        body.content.to_string()
    } else {
        without_elements(text.content, &["TITLE", "DATELINE", "AUTHOR"])
    };
    let decoded = decode_entities(&strip_tags(&raw));
    wrapped_paragraphs(without_sign_off(&decoded))
}

/// The text without its last line when that line is the wire's sign-off (`Reuter`, `REUTER...`).
fn without_sign_off(text: &str) -> &str {
    let trimmed = text.trim_end();
    let last_line = trimmed.rfind('\n').map_or(0, |at| at + 1);
    let sign_off = trimmed[last_line..].trim().trim_end_matches('.');
    if sign_off.eq_ignore_ascii_case("reuter") {
        &trimmed[..last_line]
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::tests::collect;
    use crate::ingest::tests::{mutated, sgml_escape, title_and_paragraphs};
    use proptest::prelude::*;

    fn write_stories(stories: &[(String, Vec<String>)]) -> String {
        stories
            .iter()
            .enumerate()
            .map(|(n, (title, paragraphs))| {
                let body: Vec<String> = paragraphs.iter().map(|p| sgml_escape(p)).collect();
                story(
                    n as u32 + 1,
                    &format!(
                        "<TEXT>&#2;\n<TITLE>{}</TITLE>\n<DATELINE>    BAKU, Feb 26 - </DATELINE><BODY>{}\n Reuter\n&#3;</BODY></TEXT>",
                        sgml_escape(title),
                        body.join("\n\n")
                    ),
                )
            })
            .collect()
    }

    proptest! {
        #[test]
        fn any_text_reads_without_panicking(text in "\\PC{0,300}") {
            collect(|records| read_reuters(&mut text.as_bytes(), records, DateOrder::Unknown)).unwrap();
        }

        #[test]
        fn mutated_stories_read_without_panicking(
            text in mutated(proptest::collection::vec(title_and_paragraphs(), 1..3).prop_map(|s| write_stories(&s))),
        ) {
            collect(|records| read_reuters(&mut text.as_bytes(), records, DateOrder::Unknown)).unwrap();
        }

        #[test]
        fn generated_stories_round_trip(stories in proptest::collection::vec(title_and_paragraphs(), 1..5)) {
            let read: Vec<(String, String, Vec<String>)> = read(&write_stories(&stories))
                .into_iter()
                .map(|r| r.map(|a| (a.id, a.title, a.paragraphs)))
                .collect::<Result<_, _>>()
                .unwrap();
            let expected: Vec<_> = stories
                .into_iter()
                .enumerate()
                .map(|(n, (t, p))| ((n + 1).to_string(), t, p))
                .collect();
            prop_assert_eq!(read, expected);
        }
    }

    fn story(newid: u32, text: &str) -> String {
        format!(
            "<REUTERS TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" OLDID=\"5544\" NEWID=\"{newid}\">\n\
             <DATE>26-FEB-1987 15:01:01.79</DATE>\n<TOPICS><D>cocoa</D></TOPICS>\n\
             <UNKNOWN> \n&#5;&#5;&#5;C T\n&#22;&#22;&#1;f0704&#31;reute\n</UNKNOWN>\n{text}\n</REUTERS>\n"
        )
    }

    fn read(text: &str) -> Vec<Result<Article, SkipReason>> {
        let records =
            collect(|records| read_reuters(&mut text.as_bytes(), records, DateOrder::Unknown))
                .unwrap();
        assert!(records.multi);
        records.items.into_iter().map(|r| r.outcome).collect()
    }

    #[test]
    fn a_normal_story() {
        let file = format!(
            "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n{}",
            story(
                1,
                "<TEXT>&#2;\n<TITLE>BAHIA COCOA &lt;REVIEW></TITLE>\n<DATELINE>    SALVADOR, Feb 26 - </DATELINE>\
                 <BODY>Showers continued in\nthe zone &amp; beyond.\n    The dry period\nends.\n Reuter\n&#3;</BODY></TEXT>"
            )
        );
        let stories = read(&file);
        let a = stories[0].as_ref().unwrap();
        assert_eq!(a.id, "1");
        assert_eq!(a.title, "BAHIA COCOA <REVIEW>");
        assert_eq!(
            a.paragraphs,
            [
                "Showers continued in the zone & beyond.",
                "The dry period ends."
            ]
        );
        assert_eq!(a.source.as_deref(), Some("Reuters"));
        assert_eq!(
            a.date.map(|d| d.to_iso()).as_deref(),
            Some("1987-02-26T15:01:01Z")
        );
    }

    #[test]
    fn brief_unproc_and_empty_stories() {
        let file = [
            story(
                2,
                "<TEXT TYPE=\"BRIEF\">&#2;\n******<TITLE>ASSETS ROSE 720.4 MLN DLRS\n</TITLE>Blah blah blah.\n&#3;\n\n</TEXT>",
            ),
            story(
                3,
                "<TEXT TYPE=\"UNPROC\">&#2;\nFED WEEKLY REPORT - FEB 26\n    Two weeks ended Feb 25\n Net free reserves....644\n&#3;\n</TEXT>",
            ),
            story(4, "<TEXT TYPE=\"UNPROC\">&#2;\n&#3;\n\n</TEXT>"),
        ]
        .concat();
        let stories = read(&file);
        let brief = stories[0].as_ref().unwrap();
        assert_eq!(brief.title, "ASSETS ROSE 720.4 MLN DLRS");
        assert!(brief.paragraphs.is_empty());
        let unproc = stories[1].as_ref().unwrap();
        assert_eq!(unproc.title, "");
        assert_eq!(
            unproc.paragraphs,
            [
                "FED WEEKLY REPORT - FEB 26",
                "Two weeks ended Feb 25",
                "Net free reserves....644"
            ]
        );
        assert_eq!(stories[2], Err(SkipReason::NoText(Some("4".into()))));
        assert_eq!(
            SkipReason::NoText(Some("4".into())).to_string(),
            "no text in record 4"
        );
    }

    #[test]
    fn codes_after_the_date_are_ignored() {
        let file = story(5, "<TEXT><TITLE>T</TITLE></TEXT>")
            .replace("15:01:01.79</DATE>", "15:01:01.79&#5;&#5;&#5;V RM Y</DATE>");
        let date = read(&file)[0].as_ref().unwrap().date;
        assert_eq!(
            date.map(|d| d.to_iso()).as_deref(),
            Some("1987-02-26T15:01:01Z")
        );
    }

    #[test]
    fn the_sign_off_goes_only_when_it_ends_the_text() {
        assert_eq!(without_sign_off("Text.\n Reuter\n\n"), "Text.\n");
        assert_eq!(without_sign_off("Reuter said.\n"), "Reuter said.\n");
        assert_eq!(without_sign_off("REUTER"), "");
        assert_eq!(without_sign_off("Text.\nREUTER...\n"), "Text.\n");
    }
}
