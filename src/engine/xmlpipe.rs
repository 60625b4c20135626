//! Passages as an xmlpipe2 stream, the source Sphinx's `indexer` reads to build a plain shard:
//! the schema first (the same columns real-time shards hold), then one document per passage,
//! with the ids and analysed terms `index --engine` would write.

use std::io::{self, Write};

use tantivy::tokenizer::TextAnalyzer;

use super::passages::{passage_records, Kind, Value, SCHEMA};
use crate::analysis::analyzer;
use crate::model::Article;
use crate::output::xml::escape;

/// Writes the passages of articles as one xmlpipe2 document set.
pub struct XmlPipe<W: Write> {
    out: W,
    analyzer: TextAnalyzer,
}

impl<W: Write> XmlPipe<W> {
    /// Starts the document set: the XML declaration and the schema.
    pub fn new(mut out: W) -> io::Result<XmlPipe<W>> {
        writeln!(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>")?;
        writeln!(out, "<sphinx:docset>")?;
        writeln!(out, "<sphinx:schema>")?;
        for (name, kind) in SCHEMA {
            match kind {
                Kind::Field => writeln!(out, "<sphinx:field name=\"{name}\"/>")?,
                Kind::Text => writeln!(out, "<sphinx:attr name=\"{name}\" type=\"string\"/>")?,
                Kind::Uint => writeln!(
                    out,
                    "<sphinx:attr name=\"{name}\" type=\"int\" bits=\"32\"/>"
                )?,
                Kind::Bigint => writeln!(out, "<sphinx:attr name=\"{name}\" type=\"bigint\"/>")?,
            }
        }
        writeln!(out, "</sphinx:schema>")?;
        Ok(XmlPipe {
            out,
            analyzer: analyzer(),
        })
    }

    /// Writes the passages of one article; returns how many.
    pub fn article(&mut self, article: &Article) -> io::Result<usize> {
        let records = passage_records(article, &mut self.analyzer);
        for record in &records {
            writeln!(self.out, "<sphinx:document id=\"{}\">", record.id)?;
            for ((name, _), value) in SCHEMA.iter().zip(&record.values) {
                match value {
                    Value::Text(text) => writeln!(self.out, "<{name}>{}</{name}>", escape(text))?,
                    Value::Number(n) => writeln!(self.out, "<{name}>{n}</{name}>")?,
                }
            }
            writeln!(self.out, "</sphinx:document>")?;
        }
        Ok(records.len())
    }

    /// Ends the document set and returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        writeln!(self.out, "</sphinx:docset>")?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_per_passage_after_the_schema() {
        let mut pipe = XmlPipe::new(Vec::new()).unwrap();
        let article = Article {
            id: "a<1>".into(),
            title: "Fish & chips".into(),
            path: "a.txt".into(),
            paragraphs: vec!["Cod\u{1} and chips.".into()],
            ..Article::default()
        };
        assert_eq!(pipe.article(&article).unwrap(), 1);
        let xml = String::from_utf8(pipe.finish().unwrap()).unwrap();
        assert!(xml.contains("<sphinx:field name=\"terms\"/>"));
        assert!(xml.contains("<sphinx:attr name=\"day\" type=\"int\" bits=\"32\"/>"));
        assert!(xml.contains("<article_id>a&lt;1&gt;</article_id>"));
        assert!(xml.contains("<title>Fish &amp; chips</title>"));
        assert!(xml.contains("<text>Cod and chips.</text>"));
        assert!(xml.trim_end().ends_with("</sphinx:docset>"));
    }
}
