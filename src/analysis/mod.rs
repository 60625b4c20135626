//! The analysis chains shared by indexing, querying and highlighting. The main one, for English:
//! words ([`NewsTokenizer`]), lowercase, diacritic folding (`Qarabağ` → `qarabag`),
//! British/American spelling normalisation (`stabilisation` → `stabilization`), English
//! stemming, transliteration of other scripts (`Карабах` → `karabakh`). Each other language
//! has its own ([`language_analyzer`]): its stemmer, then folding and transliteration, its terms
//! marked with its code (`ru:karabakh`). The exact one
//! (for `--exact` and prefixes) only lowercases; the surface fields keep its forms only where
//! they differ from the main chain's terms ([`surface`]); the acronym one keeps upper-case
//! acronyms.
//! Changing anything here changes the terms in the index: bump [`crate::index::FORMAT_VERSION`].
//! The glossary (aliases and acronyms) works on the main chain's terms.

mod acronyms;
mod case;
mod filter;
mod glossary;
mod spelling;
mod stopwords;
pub mod surface;
mod tokenizer;
mod translit;

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, TextAnalyzer, TokenStream,
};

pub(crate) use self::acronyms::AcronymCounts;
pub(crate) use self::case::in_capitals;
pub(crate) use self::filter::{has_language_code, TermFilter};
pub(crate) use self::glossary::is_acronym;
pub(crate) use self::glossary::BUILT_IN as BUILT_IN_GLOSSARY;
pub use self::glossary::{Entry, Expander, Form, Glossary, GlossaryError, Origin};
pub(crate) use self::stopwords::{stop_words, FUNCTION_WORDS};
pub(crate) use self::tokenizer::{AcronymTokenizer, NewsTokenizer};
pub use self::translit::{latin_key, needs_transliteration, to_latin};

use crate::language::{Language, ENGLISH};

/// The name the main analyzer is registered under in every newsdex index.
pub const ANALYZER: &str = "newsdex";
/// The name of the chain of the surface fields ([`surface::SurfaceTokenizer`]).
pub const SURFACE_ANALYZER: &str = "newsdex_surface";
/// The name of the acronym analyzer.
pub const ACRONYM_ANALYZER: &str = "newsdex_acronym";
/// Tokens longer than this many bytes are dropped (URLs, base64 blobs).
const MAX_TOKEN_BYTES: usize = 64;

/// Builds the newsdex analyzer chain.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(NewsTokenizer::lowercasing())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(AsciiFoldingFilter)
        .filter(TermFilter::default())
        .build()
}

/// Builds the main chain without transliteration: words in other scripts keep their letters
/// (for queries read with `--no-transliterate`).
pub fn analyzer_keeping_scripts() -> TextAnalyzer {
    TextAnalyzer::builder(NewsTokenizer::lowercasing())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(AsciiFoldingFilter)
        .filter(TermFilter::keeping_scripts())
        .build()
}

/// Builds the chain of one language: the main chain for English; for another, words,
/// lowercase, its stemmer (before folding: stemmers know their diacritics), folding,
/// transliteration, and its code before each term.
pub fn language_analyzer(language: Language) -> TextAnalyzer {
    if language == ENGLISH {
        return analyzer();
    }
    TextAnalyzer::builder(NewsTokenizer::lowercasing())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(TermFilter::new(language))
        .build()
}

/// Builds the exact chain: words and lowercase only, so that surface forms stay apart
/// (`organisation` ≠ `organization`).
pub fn exact_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(NewsTokenizer::lowercasing())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .build()
}

/// Builds the acronym chain: only words written as acronyms, lowercased and folded.
pub fn acronym_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(AcronymTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Registers every newsdex analyzer on an index.
pub fn register(index: &tantivy::Index) {
    let tokenizers = index.tokenizers();
    tokenizers.register(
        ANALYZER,
        TextAnalyzer::builder(surface::RecordingTokenizer::new(analyzer())).build(),
    );
    tokenizers.register(
        SURFACE_ANALYZER,
        TextAnalyzer::builder(surface::SurfaceTokenizer::default()).build(),
    );
    tokenizers.register(ACRONYM_ANALYZER, acronym_analyzer());
}

/// A term of analysed text with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzedToken {
    /// The indexed term (`stabil` for `Stabilisation`).
    pub term: String,
    /// Byte span of the word in the original text.
    pub start: usize,
    /// End of the byte span.
    pub end: usize,
    /// Word position, from 0.
    pub position: usize,
}

/// Runs the chain over `text` and returns its terms with their spans.
pub fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<AnalyzedToken> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let token = stream.token();
        out.push(AnalyzedToken {
            term: token.text.clone(),
            start: token.offset_from,
            end: token.offset_to,
            position: token.position,
        });
    }
    out
}

/// The terms of `text` after analysis, in order.
pub fn terms(text: &str) -> Vec<String> {
    analyze(&mut analyzer(), text)
        .into_iter()
        .map(|t| t.term)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn british_and_american_spellings_meet() {
        for (british, american) in [
            ("stabilisation", "stabilization"),
            ("stabilising", "stabilizing"),
            ("organisation", "organization"),
            ("defence", "defense"),
            ("colour", "color"),
            ("centre", "center"),
            ("travelled", "traveled"),
        ] {
            assert_eq!(terms(british), terms(american), "{british} / {american}");
        }
    }

    #[test]
    fn stemming_joins_word_forms() {
        assert_eq!(terms("stabilising"), terms("stabilisation"));
        assert_eq!(terms("stabilise"), terms("stabilization"));
    }

    #[test]
    fn languages_stem_their_own_words_apart() {
        let lang = |code| Language::parse(code).unwrap();
        let terms_in = |code, text| -> Vec<String> {
            analyze(&mut language_analyzer(lang(code)), text)
                .into_iter()
                .map(|t| t.term)
                .collect()
        };
        assert_eq!(
            terms_in("ru", "разминирование"),
            terms_in("ru", "разминированию")
        );
        assert_eq!(terms_in("tr", "askerler"), terms_in("tr", "askerlerinin"));
        assert_eq!(terms_in("az", "minalardan"), terms_in("az", "minalar"));
        assert_eq!(
            terms_in("de", "Landmine")[0],
            terms_in("de", "Landminen")[0]
        );
        assert_eq!(terms_in("fr", "déminage"), ["fr:deminag"]);
        // A capitalised word also gives its Latin keys, stemmed and whole, at its position.
        assert_eq!(
            terms_in("ru", "Карабахе"),
            ["ru:карабах", "ru:karabakh", "ru:karabakhe"]
        );
        let aliev = "ru:aliev".to_string();
        assert!(terms_in("ru", "Алиева").contains(&aliev));
        assert!(terms_in("ru", "Aliyev").contains(&aliev));
        assert_eq!(terms_in("tr", "İstikrar"), terms_in("tr", "istikrar"));
        // Other words keep their script, so that no Latin word meets them by chance; and no
        // term of another language equals an English one.
        assert_eq!(terms_in("ru", "мины"), ["ru:мин"]);
        assert_ne!(terms_in("ru", "мины"), terms_in("ru", "min"));
        assert_ne!(terms_in("de", "Rat"), terms("rat"));
        assert_eq!(terms("Карабах"), ["karabakh"]);
    }

    #[test]
    fn diacritics_fold() {
        assert_eq!(terms("Qarabağ Şuşa"), ["qarabag", "susa"]);
    }

    #[test]
    fn exact_and_acronym_chains() {
        let words = |mut a: TextAnalyzer, text: &str| -> Vec<String> {
            analyze(&mut a, text).into_iter().map(|t| t.term).collect()
        };
        assert_eq!(
            words(exact_analyzer(), "Organisation Qarabağ"),
            ["organisation", "qarabağ"]
        );
        assert_eq!(
            words(
                acronym_analyzer(),
                "The ISF and the isf, I.S.F. and OIC's G20"
            ),
            ["isf", "isf", "oic"]
        );
    }

    #[test]
    fn spans_point_at_the_original_words() {
        let text = "Azerbaijan’s I.S.F. plans";
        let tokens = analyze(&mut analyzer(), text);
        let spans: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(spans, ["Azerbaijan", "I.S.F", "plans"]);
        assert_eq!(tokens[1].term, "isf");
    }
}
