//! The file formats newsdex reads.

/// The file formats newsdex reads. New formats add a variant and a reader module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text: headline on the first line, byline and dateline under it.
    Text,
    /// Markdown: like plain text, with `#` headings, inline markup and optional front matter.
    Markdown,
    /// JSON: one article object, an array of them, or (despite the name) JSON Lines.
    Json,
    /// JSON Lines: one article object per line.
    JsonLines,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// TREC SGML: `<DOC>` records with `<DOCNO>`, a headline and `<TEXT>`.
    Trec,
    /// Reuters-21578 SGML: `<REUTERS NEWID=…>` records.
    Reuters,
    /// An HTML page: the main article text and its metadata.
    Html,
}

impl Format {
    /// The format for a lowercase file name, by its extension (`.gz` not included).
    pub fn from_name(lowercase_name: &str) -> Option<Format> {
        let (_, ext) = lowercase_name.rsplit_once('.')?;
        match ext {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "csv" => Some(Format::Csv),
            "tsv" => Some(Format::Tsv),
            "trec" => Some(Format::Trec),
            "sgm" | "sgml" => Some(Format::Reuters),
            _ => None,
        }
    }

    /// Whether a file of this format holds a collection of records rather than one article.
    pub(crate) fn is_collection(self) -> bool {
        !matches!(self, Format::Text | Format::Markdown | Format::Html)
    }
}
