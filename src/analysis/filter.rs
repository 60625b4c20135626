//! The token filter of the analyzer chains: words to index terms (spelling normalisation,
//! stemming in the article's language, transliteration).

use frostem::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    AsciiFoldingFilter, RawTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

use super::spelling::canonical_spelling;
use super::translit::{latin_key, needs_transliteration};
use crate::language::{Language, ENGLISH};

/// What stands between a language's code and a term of that language (`ru:мин`).
const CODE_SEPARATOR: char = ':';

/// Whether `term` is a term of another language than English, its code before it: no word
/// holds the separator, so such a term never equals an English term or a word as written.
pub(crate) fn has_language_code(term: &str) -> bool {
    term.contains(CODE_SEPARATOR)
}

/// Rewrites each word to its index term.
///
/// English (the word lowercase and ASCII-folded): British spellings to their American form
/// (`stabilisation` → `stabilization`), then the English stem (`stabil`), so that both spellings
/// and every word form meet. Another language (the word lowercase, diacritics kept for its
/// stemmer): the stem in that language, folded, with the language's code before it
/// (`разминированию` → `ru:razminirovani`), so that a stem of one language never meets a word of
/// another. Words in Cyrillic, Greek or Arabic letters end transliterated ([`latin_key`]) in
/// every language, so that a name finds itself across scripts.
///
/// Stemming is most of the cost of analysis, and news text repeats a small vocabulary, so each
/// stream remembers the terms of the words it has seen (up to [`REMEMBERED_WORDS`], then it
/// starts afresh): a word seen before costs one hash lookup.
#[derive(Clone, Copy)]
pub struct TermFilter {
    language: Language,
    transliterate: bool,
}

impl Default for TermFilter {
    fn default() -> Self {
        TermFilter::new(ENGLISH)
    }
}

impl TermFilter {
    /// The filter of a language's chain.
    pub fn new(language: Language) -> TermFilter {
        TermFilter {
            language,
            transliterate: true,
        }
    }

    /// The English filter that leaves words of other scripts as they are (for queries read
    /// without transliteration).
    pub fn keeping_scripts() -> TermFilter {
        TermFilter {
            language: ENGLISH,
            transliterate: false,
        }
    }
}

/// Words whose terms one [`TermFilter`] remembers before it forgets them all.
pub const REMEMBERED_WORDS: usize = 50_000;

impl TokenFilter for TermFilter {
    type Tokenizer<T: Tokenizer> = TermTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> TermTokenizer<T> {
        TermTokenizer {
            inner: tokenizer,
            terms: Terms {
                transliterate: self.transliterate,
                ..Terms::new(self.language)
            },
        }
    }
}

/// A tokenizer followed by [`TermFilter`].
#[derive(Clone)]
pub struct TermTokenizer<T> {
    inner: T,
    terms: Terms,
}

/// The terms of words seen so far.
struct Terms {
    language: Language,
    transliterate: bool,
    stemmer: Option<Stemmer>,
    /// Diacritic folding, for the languages stemmed before folding.
    folding: Option<TextAnalyzer>,
    known: FxHashMap<String, String>,
}

impl Default for Terms {
    fn default() -> Self {
        Terms::new(ENGLISH)
    }
}

impl Clone for Terms {
    /// A clone starts with nothing remembered.
    fn clone(&self) -> Self {
        Terms {
            transliterate: self.transliterate,
            ..Terms::new(self.language)
        }
    }
}

impl Terms {
    fn new(language: Language) -> Terms {
        let english = language == ENGLISH;
        Terms {
            language,
            transliterate: true,
            stemmer: language
                .stemmer
                .and_then(|name| Algorithm::from_name(name).ok())
                .map(Stemmer::new),
            folding: (!english).then(|| {
                TextAnalyzer::builder(RawTokenizer::default())
                    .filter(AsciiFoldingFilter)
                    .build()
            }),
            known: FxHashMap::default(),
        }
    }

    /// The term of a word not seen before.
    fn term(&mut self, word: &str) -> String {
        if self.folding.is_none() {
            let spelled = canonical_spelling(word);
            let term = self.stem(spelled.as_deref().unwrap_or(word));
            if !self.transliterate && needs_transliteration(&term) {
                return term;
            }
            return latin_key(&term).into_owned();
        }
        let stem = self.stem(word);
        let folded = self.fold(&stem);
        match self.language.is_latin() {
            true => format!(
                "{}{CODE_SEPARATOR}{}",
                self.language.code,
                latin_key(&folded)
            ),
            false => format!("{}{CODE_SEPARATOR}{folded}", self.language.code),
        }
    }

    /// `word` stemmed in the language (unchanged without a stemmer).
    fn stem(&mut self, word: &str) -> String {
        match &mut self.stemmer {
            // Lowercase `İ` is `i` and a combining dot; the Turkish stemmer wants the `i`.
            Some(stemmer) => stemmer.stem(&word.replace("i\u{307}", "i")).into_owned(),
            None => word.to_string(),
        }
    }

    /// `text` without diacritics.
    fn fold(&mut self, text: &str) -> String {
        let Some(folding) = &mut self.folding else {
            return text.to_string();
        };
        let mut folded = folding.token_stream(text);
        match folded.advance() {
            true => folded.token().text.replace('\u{307}', ""),
            false => String::new(),
        }
    }

    /// The further terms of a capitalised word (a name, most often) of another language than
    /// English, beside its `term`. Its Latin key whole (`ru:karabakh` for `Карабах`, whose stem
    /// is `ru:караб`): stemmers cut names as if they were words (`-ах` is a case ending).
    /// In a language not written in Latin letters, also its stem's Latin key (`ru:karabakh`
    /// for `Карабахе`), so that a name typed in Latin letters finds it in any case; its other
    /// words keep their script, so that no Latin word meets them by chance (`min`, `мины`).
    fn names(&mut self, word: &str, term: &str) -> Vec<String> {
        if self.folding.is_none() {
            return Vec::new();
        }
        let code = self.language.code;
        let mut names = Vec::with_capacity(2);
        if !self.language.is_latin() {
            let stem = self.stem(word);
            names.push(format!(
                "{code}{CODE_SEPARATOR}{}",
                latin_key(&self.fold(&stem))
            ));
        }
        names.push(format!(
            "{code}{CODE_SEPARATOR}{}",
            latin_key(&self.fold(word))
        ));
        names.dedup();
        names.retain(|n| n != term);
        names
    }

    /// Replaces `word` by its term.
    fn rewrite(&mut self, word: &mut String) {
        if let Some(term) = self.known.get(word.as_str()) {
            word.clear();
            word.push_str(term);
            return;
        }
        let term = self.term(word);
        if self.known.len() >= REMEMBERED_WORDS {
            self.known.clear();
        }
        self.known.insert(std::mem::take(word), term.clone());
        *word = term;
    }
}

impl<T: Tokenizer> Tokenizer for TermTokenizer<T> {
    type TokenStream<'a> = TermStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        TermStream {
            tail: self.inner.token_stream(text),
            terms: &mut self.terms,
            text,
            names: Vec::new(),
            on_name: None,
        }
    }
}

/// The token stream of [`TermTokenizer`]: each word's term, and after the term of a
/// capitalised word of another language than English, its names ([`Terms::names`]) at the
/// same position.
pub struct TermStream<'a, S> {
    tail: S,
    terms: &'a mut Terms,
    text: &'a str,
    /// The names of the current word.
    names: Vec<Token>,
    /// Which of them is the current token (`None`: the word's term).
    on_name: Option<usize>,
}

impl<S: TokenStream> TokenStream for TermStream<'_, S> {
    fn advance(&mut self) -> bool {
        let next = self.on_name.map_or(0, |i| i + 1);
        if next < self.names.len() {
            self.on_name = Some(next);
            return true;
        }
        self.on_name = None;
        self.names.clear();
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if self.terms.folding.is_none() {
            // English: no names kept apart, the word is rewritten in place.
            self.terms.rewrite(&mut token.text);
            return true;
        }
        let word = std::mem::take(&mut token.text);
        let mut term = word.clone();
        self.terms.rewrite(&mut term);
        token.text = term;
        let capitalised = self
            .text
            .get(token.offset_from..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_uppercase);
        if capitalised {
            for name in self.terms.names(&word, &token.text) {
                let mut extra = token.clone();
                extra.text = name;
                self.names.push(extra);
            }
        }
        true
    }

    fn token(&self) -> &Token {
        match self.on_name {
            Some(i) => &self.names[i],
            None => self.tail.token(),
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.on_name {
            Some(i) => &mut self.names[i],
            None => self.tail.token_mut(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use tantivy::tokenizer::{Language, RawTokenizer, TextAnalyzer};

    /// The term of one word by the chain the filter stands for: spelling, then tantivy's
    /// English stemmer.
    fn reference(word: &str) -> String {
        let spelled = canonical_spelling(word).unwrap_or_else(|| word.to_string());
        let spelled = spelled.as_str();
        let mut chain = TextAnalyzer::builder(RawTokenizer::default())
            .filter(tantivy::tokenizer::Stemmer::new(Language::English))
            .build();
        let mut stream = chain.token_stream(spelled);
        assert!(stream.advance());
        latin_key(&stream.token().text).into_owned()
    }

    fn rewritten(terms: &mut Terms, word: &str) -> String {
        let mut text = word.to_string();
        terms.rewrite(&mut text);
        text
    }

    #[test]
    fn spellings_and_forms_meet() {
        let mut terms = Terms::default();
        for _ in 0..2 {
            assert_eq!(rewritten(&mut terms, "stabilisation"), "stabil");
            assert_eq!(rewritten(&mut terms, "stabilization"), "stabil");
            assert_eq!(rewritten(&mut terms, "organisations"), "organiz");
            assert_eq!(rewritten(&mut terms, "colour"), "color");
        }
    }

    #[test]
    fn forgetting_keeps_terms_right() {
        let mut terms = Terms::default();
        for n in 0..REMEMBERED_WORDS + 10 {
            let word = format!("word{n}s");
            assert_eq!(rewritten(&mut terms, &word), format!("word{n}"));
        }
        assert!(terms.known.len() <= REMEMBERED_WORDS);
        assert_eq!(rewritten(&mut terms, "forces"), "forc");
    }

    proptest! {
        #[test]
        fn remembered_terms_equal_the_chain(words in proptest::collection::vec("[a-z]{1,14}", 1..40)) {
            let mut terms = Terms::default();
            for _ in 0..2 {
                for word in &words {
                    prop_assert_eq!(rewritten(&mut terms, word), reference(word));
                }
            }
        }
    }
}
