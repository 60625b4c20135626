//! The tantivy schema: one document per passage, carrying the article's small fields.

use tantivy::schema::{
    DateOptions, Field, IndexRecordOption, Schema, TantivyDocument, TextFieldIndexing, TextOptions,
    Value, FAST, STORED,
};

use crate::analysis::{ACRONYM_ANALYZER, ANALYZER, SURFACE_ANALYZER};

/// Handles to the fields of a newsdex index.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The article's id (raw term, stored, fast).
    pub article_id: Field,
    /// The canonical path of the file the article came from (raw term), to replace its articles.
    pub file_key: Field,
    /// The passage's ordinal in its article.
    pub passage: Field,
    /// Headline (analysed, with positions, stored).
    pub title: Field,
    /// Passage text (analysed, with positions, stored).
    pub text: Field,
    /// Headline words as written (lowercased) where they differ from their terms in `title`,
    /// with marks of those terms ([`crate::analysis::surface`]): for `--exact` and prefixes.
    pub title_exact: Field,
    /// Passage words as written where they differ from their terms in `text`, likewise.
    pub text_exact: Field,
    /// Acronyms of the title and passage text, as written in capitals (`ISF`); frequencies
    /// only, no positions (it is searched one word at a time).
    pub acronyms: Field,
    /// Byline (analysed, stored).
    pub byline: Field,
    /// Outlet, analysed, for `source:` queries.
    pub source_text: Field,
    /// Outlet (raw term, stored, fast).
    pub source: Field,
    /// Publication date in UTC (indexed, stored, fast) for filters and counts.
    pub date: Field,
    /// Publication date in ISO 8601 as precise as the source states it (stored, fast).
    pub date_text: Field,
    /// Canonical URL (stored).
    pub url: Field,
    /// The file as the user named it, plus `#N` for a record of a multi-record file (raw term,
    /// stored), so that an article can be found by the path search shows.
    pub path: Field,
    /// Byte offset of the passage in the article body (stored).
    pub start: Field,
    /// End of the passage's byte span in the article body (stored).
    pub end: Field,
    /// Id of the article this one is an exact copy of (raw term, stored).
    pub copy_of: Field,
    /// A stable hash of article id and passage, to break score ties deterministically (fast).
    pub tiebreak: Field,
    /// Id of the story the article is a version of (raw term, stored, fast).
    pub story: Field,
    /// The article's language, ISO 639-1 (raw term, stored, fast). Title and passage text of
    /// an article in another language than English are analysed by its chain
    /// ([`crate::analysis::language_analyzer`]) before they reach the index.
    pub language: Field,
}

/// The names of the fields, as stored in the index.
mod name {
    pub const ARTICLE_ID: &str = "article_id";
    pub const FILE_KEY: &str = "file_key";
    pub const PASSAGE: &str = "passage";
    pub const TITLE: &str = "title";
    pub const TEXT: &str = "text";
    pub const TITLE_EXACT: &str = "title_exact";
    pub const TEXT_EXACT: &str = "text_exact";
    pub const ACRONYMS: &str = "acronyms";
    pub const BYLINE: &str = "byline";
    pub const SOURCE_TEXT: &str = "source_text";
    pub const SOURCE: &str = "source";
    pub const DATE: &str = "date";
    pub const DATE_TEXT: &str = "date_text";
    pub const URL: &str = "url";
    pub const PATH: &str = "path";
    pub const START: &str = "start";
    pub const END: &str = "end";
    pub const COPY_OF: &str = "copy_of";
    pub const TIEBREAK: &str = "tiebreak";
    pub const STORY: &str = "story";
    pub const LANGUAGE: &str = "language";
}

/// Builds the schema of a newsdex index.
pub fn build_schema() -> Schema {
    let with = |analyzer: &str, stored: bool| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let options = TextOptions::default().set_indexing_options(indexing);
        if stored {
            options.set_stored()
        } else {
            options
        }
    };
    // Whole strings for lookups and filters: nothing scores them, so they keep no field norms
    // (a byte per passage and field).
    let raw = || {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false);
        TextOptions::default().set_indexing_options(indexing)
    };
    let mut b = Schema::builder();
    b.add_text_field(name::ARTICLE_ID, raw() | STORED | FAST);
    b.add_text_field(name::FILE_KEY, raw());
    b.add_u64_field(name::PASSAGE, STORED | FAST);
    b.add_text_field(name::TITLE, with(ANALYZER, true));
    b.add_text_field(name::TEXT, with(ANALYZER, true));
    // The surface fields are scored with the norms of their term fields: they keep none.
    let surface = || {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(SURFACE_ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions)
            .set_fieldnorms(false);
        TextOptions::default().set_indexing_options(indexing)
    };
    b.add_text_field(name::TITLE_EXACT, surface());
    b.add_text_field(name::TEXT_EXACT, surface());
    let acronyms = TextFieldIndexing::default()
        .set_tokenizer(ACRONYM_ANALYZER)
        .set_index_option(IndexRecordOption::WithFreqs);
    b.add_text_field(
        name::ACRONYMS,
        TextOptions::default().set_indexing_options(acronyms),
    );
    b.add_text_field(name::BYLINE, with(ANALYZER, true));
    b.add_text_field(name::SOURCE, raw() | STORED | FAST);
    b.add_text_field(name::SOURCE_TEXT, with(ANALYZER, false));
    b.add_date_field(
        name::DATE,
        DateOptions::default().set_indexed().set_stored().set_fast(),
    );
    b.add_text_field(name::DATE_TEXT, STORED | FAST);
    b.add_text_field(name::URL, STORED);
    b.add_text_field(name::PATH, raw() | STORED);
    b.add_u64_field(name::START, STORED);
    b.add_u64_field(name::END, STORED);
    b.add_text_field(name::COPY_OF, raw() | STORED | FAST);
    b.add_u64_field(name::TIEBREAK, FAST);
    b.add_text_field(name::STORY, raw() | STORED | FAST);
    b.add_text_field(name::LANGUAGE, raw() | STORED | FAST);
    b.build()
}

impl Fields {
    /// Looks the fields up in a schema; fails when one is missing (a foreign or older index).
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |n: &str| schema.get_field(n);
        Ok(Fields {
            article_id: f(name::ARTICLE_ID)?,
            file_key: f(name::FILE_KEY)?,
            passage: f(name::PASSAGE)?,
            title: f(name::TITLE)?,
            text: f(name::TEXT)?,
            title_exact: f(name::TITLE_EXACT)?,
            text_exact: f(name::TEXT_EXACT)?,
            acronyms: f(name::ACRONYMS)?,
            byline: f(name::BYLINE)?,
            source_text: f(name::SOURCE_TEXT)?,
            source: f(name::SOURCE)?,
            date: f(name::DATE)?,
            date_text: f(name::DATE_TEXT)?,
            url: f(name::URL)?,
            path: f(name::PATH)?,
            start: f(name::START)?,
            end: f(name::END)?,
            copy_of: f(name::COPY_OF)?,
            tiebreak: f(name::TIEBREAK)?,
            story: f(name::STORY)?,
            language: f(name::LANGUAGE)?,
        })
    }

    /// The name of the tie-break fast field.
    pub const TIEBREAK_NAME: &'static str = name::TIEBREAK;
}

/// The name of the article-id fast field.
pub const ARTICLE_ID_FIELD: &str = name::ARTICLE_ID;
/// The name of the passage-ordinal fast field.
pub const PASSAGE_FIELD: &str = name::PASSAGE;
/// The name of the date fast field.
pub const DATE_FIELD: &str = name::DATE;
/// The name of the copy-of fast field.
pub const COPY_OF_FIELD: &str = name::COPY_OF;
/// The name of the story fast field.
pub const STORY_FIELD: &str = name::STORY;
/// The name of the source fast field.
pub const SOURCE_FIELD: &str = name::SOURCE;
/// The name of the fast field of dates as the sources state them.
pub const DATE_TEXT_FIELD: &str = name::DATE_TEXT;

/// The stored text of a field of a document: a string, or the text of a pre-analysed value (the
/// title and passage text of an article in another language than English).
pub fn stored_text(doc: &TantivyDocument, field: Field) -> Option<String> {
    let value = doc.get_first(field)?;
    value
        .as_str()
        .map(str::to_string)
        .or_else(|| value.as_pre_tokenized_text().map(|p| p.text))
}
