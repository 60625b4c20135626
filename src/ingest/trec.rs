//! Reader for TREC SGML collections: a file holds many `<DOC>` records, each with a `<DOCNO>`
//! (the article id), a headline (`<HEADLINE>`, `<TITLE>`, `<HL>` or `<HEAD>`, the first found),
//! optional `<DATE>` and `<BYLINE>`/`<AUTHOR>`, and one or more `<TEXT>` elements whose
//! paragraphs make the body (`<P>` tags or indented first lines start paragraphs). Other
//! elements are ignored. A record with neither headline nor text is skipped with its DOCNO.
//!
//! Dates: the `<DATE>` element, written out (`January 1, 1989, Sunday`) or compact as TREC
//! collections ship it (`870226` for YYMMDD, `19870226`); without one, the date many DOCNOs
//! carry after their collection's letters (`AP880212-0001`, `WSJ870324-0001`,
//! `FR940104-0-00001`, `NYT19990101.0001`).

use std::io::{self, BufRead};

use super::sgml::text_paragraphs;
use super::sgml::{byline, clean_line, date, element, elements, first_element, read_records};
use super::{Records, SkipReason};
use crate::date::{DateOrder, NewsDate};
use crate::model::Article;

/// Elements that may hold the headline, in order of preference.
const HEADLINES: [&str; 4] = ["HEADLINE", "TITLE", "HL", "HEAD"];

/// Reads every `<DOC>` record of a TREC file.
pub(super) fn read_trec(
    input: &mut dyn BufRead,
    records: &mut Records,
    order: DateOrder,
) -> io::Result<()> {
    read_records(input, records, "DOC", |doc| doc_article(doc, order))
}

/// The article of one `<DOC>` record.
fn doc_article(doc: &str, order: DateOrder) -> Result<Article, SkipReason> {
    let id = element(doc, "DOCNO")
        .map(|e| clean_line(e.content))
        .unwrap_or_default();
    let title = first_element(doc, &HEADLINES)
        .map(|e| clean_line(e.content))
        .unwrap_or_default();
    let paragraphs: Vec<String> = elements(doc, "TEXT")
        .iter()
        .flat_map(|e| text_paragraphs(e.content))
        .collect();
    if title.is_empty() && paragraphs.is_empty() {
        return Err(SkipReason::NoText((!id.is_empty()).then_some(id)));
    }
    let date = element(doc, "DATE")
        .and_then(|e| date(e.content, order))
        .or_else(|| docno_date(&id));
    Ok(Article {
        id,
        title,
        byline: first_element(doc, &["BYLINE", "AUTHOR"]).and_then(|e| byline(e.content)),
        date,
        paragraphs,
        ..Article::default()
    })
}

/// The day a DOCNO names: the 6 (`YYMMDD`) or 8 (`YYYYMMDD`) digits right after its leading
/// letters, when they make a day (`AP880212-0001` is 1988-02-12; `LA010189-0001`, dated
/// month first, names none).
fn docno_date(docno: &str) -> Option<NewsDate> {
    let rest = docno.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    if rest.len() == docno.len() {
        return None;
    }
    let digits = rest.split(|c: char| !c.is_ascii_digit()).next()?;
    NewsDate::from_compact(digits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::tests::{collect, Collected};
    use crate::ingest::tests::{mutated, sgml_escape, title_and_paragraphs};
    use proptest::prelude::*;

    fn write_docs(docs: &[(String, Vec<String>)]) -> String {
        docs.iter()
            .enumerate()
            .map(|(n, (title, paragraphs))| {
                let body: Vec<String> = paragraphs.iter().map(|p| sgml_escape(p)).collect();
                format!(
                    "<DOC>\n<DOCNO> D{n} </DOCNO>\n<HEADLINE>\n{}\n</HEADLINE>\n<TEXT>\n{}\n</TEXT>\n</DOC>\n",
                    sgml_escape(title),
                    body.join("\n\n")
                )
            })
            .collect()
    }

    proptest! {
        #[test]
        fn any_text_reads_without_panicking(text in "\\PC{0,300}") {
            read(&text);
        }

        #[test]
        fn mutated_docs_read_without_panicking(
            text in mutated(proptest::collection::vec(title_and_paragraphs(), 1..4).prop_map(|d| write_docs(&d))),
        ) {
            read(&text);
        }

        #[test]
        fn generated_docs_round_trip(docs in proptest::collection::vec(title_and_paragraphs(), 1..5)) {
            let records = read(&write_docs(&docs));
            let read: Vec<(String, String, Vec<String>)> = records
                .items
                .into_iter()
                .map(|r| r.outcome.map(|a| (a.id, a.title, a.paragraphs)))
                .collect::<Result<_, _>>()
                .unwrap();
            let expected: Vec<_> = docs
                .into_iter()
                .enumerate()
                .map(|(n, (t, p))| (format!("D{n}"), t, p))
                .collect();
            prop_assert_eq!(read, expected);
        }
    }

    fn read(text: &str) -> Collected {
        collect(|records| read_trec(&mut text.as_bytes(), records, DateOrder::Unknown)).unwrap()
    }

    #[test]
    fn several_docs_per_file() {
        let text = "<DOC>\n<DOCNO> LA010189-0001 </DOCNO>\n<DATE><P>January 1, 1989, Sunday</P></DATE>\n\
                    <HEADLINE><P>Talks &amp; truce</P></HEADLINE>\n<BYLINE><P>By ANN LEE, Times Staff Writer</P></BYLINE>\n\
                    <TEXT>\n<P>\nFirst paragraph\nwrapped.\n</P>\n<P>\nSecond.\n</P>\n</TEXT>\n</DOC>\n\
                    <DOC>\n<DOCNO>WSJ870324-0001</DOCNO>\n<HL> Wall Street\n   Journal headline </HL>\n\
                    <TEXT>\n   One para\ncontinued.\n   Two para.\n</TEXT>\n<TEXT>\n   Three.\n</TEXT>\n</DOC>\n";
        let records = read(text);
        assert!(records.multi);
        let docs: Vec<&Article> = records
            .items
            .iter()
            .map(|r| r.outcome.as_ref().unwrap())
            .collect();
        assert_eq!(docs[0].id, "LA010189-0001");
        assert_eq!(docs[0].title, "Talks & truce");
        assert_eq!(docs[0].byline.as_deref(), Some("ANN LEE"));
        assert_eq!(
            docs[0].date.map(|d| d.to_iso()).as_deref(),
            Some("1989-01-01")
        );
        assert_eq!(docs[0].paragraphs, ["First paragraph wrapped.", "Second."]);
        assert_eq!(docs[1].id, "WSJ870324-0001");
        assert_eq!(docs[1].title, "Wall Street Journal headline");
        assert_eq!(
            docs[1].paragraphs,
            ["One para continued.", "Two para.", "Three."]
        );
    }

    #[test]
    fn compact_dates_and_docno_dates() {
        let text = "<DOC><DOCNO>FT911-1</DOCNO><DATE>910514</DATE><TEXT>A.</TEXT></DOC>\n\
                    <DOC><DOCNO>AP880212-0001</DOCNO><TEXT>B.</TEXT></DOC>\n\
                    <DOC><DOCNO>NYT19990101.0001</DOCNO><TEXT>C.</TEXT></DOC>\n\
                    <DOC><DOCNO>WSJ870324-0001</DOCNO><DATE> 870226 </DATE><TEXT>D.</TEXT></DOC>\n\
                    <DOC><DOCNO>LA010189-0001</DOCNO><TEXT>E.</TEXT></DOC>\n\
                    <DOC><DOCNO>880212</DOCNO><TEXT>F.</TEXT></DOC>\n\
                    <DOC><DOCNO>X19870226</DOCNO><DATE>19870227</DATE><TEXT>G.</TEXT></DOC>\n";
        let dates: Vec<Option<String>> = read(text)
            .items
            .into_iter()
            .map(|r| r.outcome.unwrap().date.map(|d| d.to_iso()))
            .collect();
        let expected = [
            Some("1991-05-14"),
            Some("1988-02-12"),
            Some("1999-01-01"),
            Some("1987-02-26"),
            None,
            None,
            Some("1987-02-27"),
        ];
        assert_eq!(dates, expected.map(|d| d.map(str::to_string)));
    }

    #[test]
    fn a_headline_alone_is_an_article_and_nothing_is_a_skip() {
        let text = "<DOC><DOCNO>A</DOCNO><TITLE>Only a title</TITLE></DOC>\n\
                    <DOC><DOCNO>B</DOCNO><TEXT> &#3; </TEXT></DOC>\n<DOC><TEXT>";
        let records = read(text);
        let outcomes: Vec<_> = records
            .items
            .iter()
            .map(|r| r.outcome.as_ref().map(|a| a.title.clone()))
            .collect();
        assert_eq!(
            outcomes,
            [
                Ok("Only a title".to_string()),
                Err(&SkipReason::NoText(Some("B".into()))),
                Err(&SkipReason::Unterminated("</DOC>".into())),
            ]
        );
    }
}
