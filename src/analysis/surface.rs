//! The surface fields: words as written (lowercased only) kept beside their terms, for
//! `--exact`, prefixes and the bonus of a word's form as typed.
//!
//! About three words in four are written exactly as their term (`the`, `said`, `oil`), so a
//! surface field that repeated every word would mostly repeat the term field. It keeps only
//! what the term field cannot tell:
//!
//! - the **form** of a word whose term differs from it (`prices`, whose term is `price`), at
//!   the word's position;
//! - a **mark** of that term (`MARK` + `price`), at the same position, saying that the term
//!   there was not written as it reads.
//!
//! A form is then found as written at the positions of the form in the surface field, and at
//! the positions of the same string in the term field less those of its mark
//! (`crate::search::surface` reads them so). Terms of another language than English carry
//! their language's code (`ru:мин`) and never equal a form, so the surface field of such an
//! article keeps every form and no mark.

use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

use super::tokenizer::NewsTokenStream;
use super::{analyzer, exact_analyzer};

/// The character before a term in the surface field: no word holds it, so a mark never
/// equals a form and sorts before every form.
pub const MARK: char = '\u{1}';

/// The mark of `term`: its positions are those where the term stands for another form.
pub fn mark(term: &str) -> String {
    let mut mark = String::with_capacity(term.len() + 1);
    mark.push(MARK);
    mark.push_str(term);
    mark
}

/// The chain of the surface fields of English text: the exact chain and the main chain run
/// side by side over the text, and only the forms and marks described above are given.
#[derive(Clone)]
pub struct SurfaceTokenizer {
    forms: TextAnalyzer,
    terms: TextAnalyzer,
    /// Tokens of the current text, in slots reused from text to text.
    slots: Vec<Token>,
}

impl Default for SurfaceTokenizer {
    fn default() -> Self {
        SurfaceTokenizer {
            forms: exact_analyzer(),
            terms: analyzer(),
            slots: Vec::new(),
        }
    }
}

/// Writes a token into the next free slot of `slots`.
fn put(slots: &mut Vec<Token>, len: &mut usize, at: &Token, text: impl FnOnce(&mut String)) {
    if *len == slots.len() {
        slots.push(Token::default());
    }
    let slot = &mut slots[*len];
    slot.text.clear();
    text(&mut slot.text);
    slot.offset_from = at.offset_from;
    slot.offset_to = at.offset_to;
    slot.position = at.position;
    slot.position_length = 1;
    *len += 1;
}

impl Tokenizer for SurfaceTokenizer {
    type TokenStream<'a> = NewsTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NewsTokenStream<'a> {
        let mut len = 0;
        let mut forms = self.forms.token_stream(text);
        let mut terms = self.terms.token_stream(text);
        let mut has_term = terms.advance();
        while forms.advance() {
            let form = forms.token();
            while has_term && terms.token().position < form.position {
                has_term = terms.advance();
            }
            let mut as_written = false;
            while has_term && terms.token().position == form.position {
                let term = &terms.token().text;
                if *term == form.text {
                    as_written = true;
                } else {
                    put(&mut self.slots, &mut len, form, |s| {
                        s.push(MARK);
                        s.push_str(term);
                    });
                }
                has_term = terms.advance();
            }
            if !as_written {
                put(&mut self.slots, &mut len, form, |s| s.push_str(&form.text));
            }
        }
        NewsTokenStream::over(&mut self.slots[..len])
    }
}

/// The surface tokens of `text` by [`SurfaceTokenizer`], as `(position, text)`.
#[cfg(test)]
pub(crate) fn surface_tokens(text: &str) -> Vec<(usize, String)> {
    let mut tokenizer = SurfaceTokenizer::default();
    let mut stream = tokenizer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push((stream.token().position, stream.token().text.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use proptest::prelude::*;

    #[test]
    fn keeps_forms_that_differ_from_their_terms_and_marks_those_terms() {
        assert_eq!(
            surface_tokens("The prices are rising"),
            [
                (1, mark("price")),
                (1, "prices".to_string()),
                (3, mark("rise")),
                (3, "rising".to_string()),
            ]
        );
        assert_eq!(surface_tokens("oil said the"), []);
    }

    /// The form at each position of `text`, read back as `crate::search::surface` reads the
    /// fields: a form where the surface field has one, else the term where it is not marked.
    fn read_back(text: &str) -> Vec<(usize, String)> {
        let surface = surface_tokens(text);
        let mut out: Vec<(usize, String)> = surface
            .iter()
            .filter(|(_, t)| !t.starts_with(MARK))
            .cloned()
            .collect();
        for term in analyze(&mut analyzer(), text) {
            let marked = surface.contains(&(term.position, mark(&term.term)));
            if !marked {
                out.push((term.position, term.term));
            }
        }
        out.sort();
        out
    }

    proptest! {
        #[test]
        fn the_forms_of_a_text_are_read_back_exactly(
            words in proptest::collection::vec(
                "[A-Za-z]{1,12}|Qarabağ|Карабах|stabilisation|I\\.S\\.F\\.|2,000|prices|Azerbaijan's",
                0..30,
            )
        ) {
            let text = words.join(" ");
            let exact: Vec<(usize, String)> = analyze(&mut exact_analyzer(), &text)
                .into_iter()
                .map(|t| (t.position, t.term))
                .collect();
            prop_assert_eq!(read_back(&text), exact);
        }

        #[test]
        fn no_form_holds_the_mark_or_a_language_code(text in "\\PC{0,80}") {
            for token in analyze(&mut exact_analyzer(), &text) {
                prop_assert!(!token.term.contains(MARK) && !token.term.contains(':'));
            }
        }
    }
}
