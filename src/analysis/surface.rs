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
//!
//! The surface chain needs each word's term, which the main chain has just computed for the
//! term field of the same text: the index registers the main chain as a
//! [`RecordingTokenizer`], which leaves the terms of the last texts it analysed in the
//! indexing thread, and the surface chain takes them from there when its text is one of them
//! (tantivy indexes a document's fields in schema order, the term fields first). Otherwise it
//! runs the main chain itself: the memo saves time, never changes a token.

use std::cell::RefCell;

use tantivy::tokenizer::{BoxTokenStream, TextAnalyzer, Token, TokenStream, Tokenizer};

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

/// The terms of one text by the main chain, as `(position, term)`, in slots reused from text
/// to text.
#[derive(Default)]
struct Analysed {
    text: String,
    terms: Vec<(usize, String)>,
    len: usize,
    /// Whether the chain ran to the end of the text.
    complete: bool,
}

impl Analysed {
    fn start(&mut self, text: &str) {
        self.text.clear();
        self.text.push_str(text);
        self.len = 0;
        self.complete = false;
    }

    fn push(&mut self, token: &Token) {
        if self.len == self.terms.len() {
            self.terms.push((0, String::new()));
        }
        let (position, term) = &mut self.terms[self.len];
        *position = token.position;
        term.clear();
        term.push_str(&token.text);
        self.len += 1;
    }

    fn terms(&self) -> &[(usize, String)] {
        &self.terms[..self.len]
    }
}

/// How many texts' terms an indexing thread keeps: a document's headline and passage.
const ANALYSED_TEXTS: usize = 2;

thread_local! {
    /// The last texts the main chain analysed in this thread, and which slot is the oldest.
    static ANALYSED: RefCell<([Analysed; ANALYSED_TEXTS], usize)> = RefCell::default();
}

/// The main chain, leaving the terms of each text it analyses for the surface chain of the
/// same thread (see the module's documentation).
#[derive(Clone)]
pub struct RecordingTokenizer {
    chain: TextAnalyzer,
}

impl RecordingTokenizer {
    /// Records what `chain` (the main chain) gives.
    pub fn new(chain: TextAnalyzer) -> RecordingTokenizer {
        RecordingTokenizer { chain }
    }
}

impl Tokenizer for RecordingTokenizer {
    type TokenStream<'a> = RecordingStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> RecordingStream<'a> {
        let slot = ANALYSED.with_borrow_mut(|(texts, oldest)| {
            let slot = *oldest;
            texts[slot].start(text);
            *oldest = (slot + 1) % ANALYSED_TEXTS;
            slot
        });
        RecordingStream {
            inner: self.chain.token_stream(text),
            slot,
        }
    }
}

/// The token stream of [`RecordingTokenizer`].
pub struct RecordingStream<'a> {
    inner: BoxTokenStream<'a>,
    slot: usize,
}

impl TokenStream for RecordingStream<'_> {
    fn advance(&mut self) -> bool {
        let more = self.inner.advance();
        ANALYSED.with_borrow_mut(|(texts, _)| {
            let analysed = &mut texts[self.slot];
            match more {
                true => analysed.push(self.inner.token()),
                false => analysed.complete = true,
            }
        });
        more
    }

    fn token(&self) -> &Token {
        self.inner.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}

/// The chain of the surface fields of English text: the exact chain's forms, compared with the
/// main chain's terms, give only the forms and marks described above.
#[derive(Clone)]
pub struct SurfaceTokenizer {
    forms: TextAnalyzer,
    terms: TextAnalyzer,
    /// The main chain's terms of the current text when they were not recorded.
    own: Analysed,
    /// Tokens of the current text, in slots reused from text to text.
    slots: Vec<Token>,
}

impl Clone for Analysed {
    /// A clone starts empty: it is a buffer.
    fn clone(&self) -> Self {
        Analysed::default()
    }
}

impl Default for SurfaceTokenizer {
    fn default() -> Self {
        SurfaceTokenizer {
            forms: exact_analyzer(),
            terms: analyzer(),
            own: Analysed::default(),
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
        let (forms, slots) = (&mut self.forms, &mut self.slots);
        let len = ANALYSED.with_borrow(|(texts, _)| {
            let recorded = texts.iter().find(|a| a.complete && a.text == text);
            let terms = match recorded {
                Some(analysed) => analysed.terms(),
                None => {
                    self.own.start("");
                    let mut stream = self.terms.token_stream(text);
                    while stream.advance() {
                        self.own.push(stream.token());
                    }
                    self.own.terms()
                }
            };
            surface_of(forms.token_stream(text), terms, slots)
        });
        NewsTokenStream::over(&mut self.slots[..len])
    }
}

/// Writes into `slots` the forms of `forms` that differ from the `terms` at their positions,
/// and the marks of those terms; returns how many tokens were written.
fn surface_of(
    mut forms: impl TokenStream,
    terms: &[(usize, String)],
    slots: &mut Vec<Token>,
) -> usize {
    let mut len = 0;
    let mut next = 0;
    while forms.advance() {
        let form = forms.token();
        while next < terms.len() && terms[next].0 < form.position {
            next += 1;
        }
        let mut as_written = false;
        while next < terms.len() && terms[next].0 == form.position {
            let term = &terms[next].1;
            if *term == form.text {
                as_written = true;
            } else {
                put(slots, &mut len, form, |s| {
                    s.push(MARK);
                    s.push_str(term);
                });
            }
            next += 1;
        }
        if !as_written {
            put(slots, &mut len, form, |s| s.push_str(&form.text));
        }
    }
    len
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
    use crate::analysis::{analyze, has_language_code};
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

    /// The surface tokens of `text` after the registered main chain analysed it, as the
    /// indexing thread has them.
    fn surface_tokens_recorded(text: &str) -> Vec<(usize, String)> {
        let mut main = RecordingTokenizer::new(analyzer());
        let mut stream = main.token_stream(text);
        while stream.advance() {}
        surface_tokens(text)
    }

    #[test]
    fn recorded_terms_serve_only_their_own_text() {
        let text = "The prices are rising";
        assert_eq!(surface_tokens_recorded(text), surface_tokens(text));
        // Another text recorded last: the surface chain analyses its own.
        let mut main = RecordingTokenizer::new(analyzer());
        for other in ["Prices fell", "Oil rose"] {
            let mut stream = main.token_stream(other);
            while stream.advance() {}
        }
        assert_eq!(surface_tokens(text).len(), 4);
        // A text whose analysis stopped part-way is not used.
        let mut stream = main.token_stream(text);
        stream.advance();
        drop(stream);
        assert_eq!(surface_tokens(text).len(), 4);
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
            prop_assert_eq!(surface_tokens_recorded(&text), surface_tokens(&text));
        }

        #[test]
        fn no_form_holds_the_mark_or_a_language_code(text in "\\PC{0,80}") {
            for token in analyze(&mut exact_analyzer(), &text) {
                prop_assert!(!token.term.contains(MARK) && !has_language_code(&token.term));
            }
        }
    }
}
