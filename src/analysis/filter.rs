//! Token filters of the analyzer chains: spelling normalisation, and keeping only acronyms.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use super::glossary::is_acronym;
use super::spelling::canonical_spelling;

/// Rewrites British spellings to their American form (`stabilisation` → `stabilization`) so that
/// both meet after stemming. Expects lowercase, ASCII-folded tokens.
#[derive(Clone, Copy, Default)]
pub struct SpellingFilter;

impl TokenFilter for SpellingFilter {
    type Tokenizer<T: Tokenizer> = SpellingTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> SpellingTokenizer<T> {
        SpellingTokenizer { inner: tokenizer }
    }
}

/// A tokenizer followed by [`SpellingFilter`].
#[derive(Clone)]
pub struct SpellingTokenizer<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for SpellingTokenizer<T> {
    type TokenStream<'a> = SpellingStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        SpellingStream {
            tail: self.inner.token_stream(text),
        }
    }
}

/// The token stream of [`SpellingTokenizer`].
pub struct SpellingStream<S> {
    tail: S,
}

impl<S: TokenStream> TokenStream for SpellingStream<S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        if let Some(canonical) = canonical_spelling(&self.tail.token().text) {
            self.tail.token_mut().text = canonical;
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Keeps only tokens written as acronyms (`ISF`, `OIC`, `I.S.F.`), for the field that lets an
/// upper-case query word prefer upper-case occurrences. Runs before lowercasing.
#[derive(Clone, Copy, Default)]
pub struct AcronymFilter;

impl TokenFilter for AcronymFilter {
    type Tokenizer<T: Tokenizer> = AcronymTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> AcronymTokenizer<T> {
        AcronymTokenizer { inner: tokenizer }
    }
}

/// A tokenizer followed by [`AcronymFilter`].
#[derive(Clone)]
pub struct AcronymTokenizer<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for AcronymTokenizer<T> {
    type TokenStream<'a> = AcronymStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        AcronymStream {
            tail: self.inner.token_stream(text),
        }
    }
}

/// The token stream of [`AcronymTokenizer`].
pub struct AcronymStream<S> {
    tail: S,
}

impl<S: TokenStream> TokenStream for AcronymStream<S> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            if is_acronym(&self.tail.token().text) {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}
