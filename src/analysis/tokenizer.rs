//! Splitting text into words for news: hyphenated words are split into their parts (so
//! `Nagorno-Karabakh` and `Nagorno Karabakh` give the same tokens), a possessive `'s` is dropped
//! (`Azerbaijan's` → `Azerbaijan`), dotted acronyms are joined (`I.S.F.` → `ISF`), and digit
//! groups stay one number (`2,000` → `2000`).

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::case::in_capitals;
use super::glossary::is_acronym;

/// The word splitter at the head of the newsdex analyzer chains; it can lowercase the words as
/// it copies them (as tantivy's `LowerCaser` would, character by character), which saves the
/// chains a pass over every token.
///
/// It keeps its buffers between texts: the tokens' strings are overwritten, not reallocated,
/// so splitting costs no allocation once the longest text so far has been seen.
#[derive(Clone, Default)]
pub struct NewsTokenizer {
    tokens: Tokens,
    lowercase: bool,
}

impl NewsTokenizer {
    /// A splitter that lowercases the words it gives.
    pub fn lowercasing() -> NewsTokenizer {
        NewsTokenizer {
            lowercase: true,
            ..NewsTokenizer::default()
        }
    }
}

/// The tokens of one text, produced eagerly.
pub struct NewsTokenStream<'a> {
    tokens: &'a mut [Token],
    next: usize,
}

impl<'a> NewsTokenStream<'a> {
    /// A stream of tokens made beforehand, in order.
    pub(super) fn over(tokens: &'a mut [Token]) -> NewsTokenStream<'a> {
        NewsTokenStream { tokens, next: 0 }
    }
}

impl Tokenizer for NewsTokenizer {
    type TokenStream<'a> = NewsTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NewsTokenStream<'a> {
        split_words(text, &mut self.tokens, self.lowercase);
        NewsTokenStream::over(self.tokens.as_mut_slice())
    }
}

impl TokenStream for NewsTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// The words of a text written as acronyms (`ISF`, `I.S.F.`, `OIC's` → `OIC`), as
/// [`NewsTokenizer`] splits them: the tokens of the field that lets an upper-case query word
/// prefer upper-case occurrences.
///
/// No word spans white space and an acronym has at least two capitals, so only the pieces of
/// the text between white space that hold two capitals are split into words; the rest of the
/// text costs one scan. Positions count the acronyms only (the field keeps no positions).
/// A text written in capitals ([`in_capitals`]) gives none: its capitals tell nothing.
#[derive(Clone, Default)]
pub struct AcronymTokenizer {
    words: NewsTokenizer,
    found: Tokens,
}

impl Tokenizer for AcronymTokenizer {
    type TokenStream<'a> = NewsTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NewsTokenStream<'a> {
        self.found.clear();
        let pieces = (!in_capitals(text)).then(|| text.split(char::is_whitespace));
        for piece in pieces.into_iter().flatten().filter(|p| has_two_capitals(p)) {
            // `piece` lies inside `text`: its offset there is the distance between their starts.
            let offset = piece.as_ptr() as usize - text.as_ptr() as usize;
            let mut words = self.words.token_stream(piece);
            while words.advance() {
                let word = words.token();
                if is_acronym(&word.text) {
                    self.found.begin().push_str(&word.text);
                    self.found
                        .commit(offset + word.offset_from, offset + word.offset_to);
                }
            }
        }
        NewsTokenStream::over(self.found.as_mut_slice())
    }
}

fn has_two_capitals(piece: &str) -> bool {
    piece.chars().filter(|c| c.is_uppercase()).nth(1).is_some()
}

/// Tokens of the current text, in slots reused from text to text.
#[derive(Clone, Default)]
struct Tokens {
    slots: Vec<Token>,
    len: usize,
}

impl Tokens {
    /// Forgets the tokens of the previous text (keeping their buffers).
    fn clear(&mut self) {
        self.len = 0;
    }

    /// The empty text of the next token; it counts once [`Tokens::commit`] is called.
    fn begin(&mut self) -> &mut String {
        if self.len == self.slots.len() {
            self.slots.push(Token::default());
        }
        let text = &mut self.slots[self.len].text;
        text.clear();
        text
    }

    /// Keeps the token begun, at bytes `from..to` of the text.
    fn commit(&mut self, from: usize, to: usize) {
        let token = &mut self.slots[self.len];
        token.offset_from = from;
        token.offset_to = to;
        token.position = self.len;
        token.position_length = 1;
        self.len += 1;
    }

    fn as_mut_slice(&mut self) -> &mut [Token] {
        &mut self.slots[..self.len]
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// The character starting at byte `at` of `text`, if any.
fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|rest| rest.chars().next())
}

/// Splits `text` into `out`, numbered from position 0, lowercased when `lowercase` is set.
///
/// Runs of ASCII letters and digits, most of any news text, are copied whole; other characters
/// are looked at one by one.
fn split_words(text: &str, out: &mut Tokens, lowercase: bool) {
    let push = |word: &mut String, c: char| {
        if lowercase {
            word.extend(c.to_lowercase());
        } else {
            word.push(c);
        }
    };
    out.clear();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        if !c.is_alphanumeric() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        if let Some(end) = dotted_acronym(text, i) {
            let word = out.begin();
            for c in text[start..end].chars().filter(|c| *c != '.') {
                push(word, c);
            }
            out.commit(start, end);
            i = end;
            continue;
        }
        let word = out.begin();
        let mut possessive_at = None;
        while let Some(c) = char_at(text, i) {
            if c.is_ascii_alphanumeric() {
                let run = bytes[i..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .unwrap_or(bytes.len() - i);
                let from = word.len();
                word.push_str(&text[i..i + run]);
                if lowercase {
                    word[from..].make_ascii_lowercase();
                }
                i += run;
                continue;
            }
            let after_c = i + c.len_utf8();
            let next = char_at(text, after_c);
            if c.is_alphanumeric() {
                push(word, c);
            } else if is_apostrophe(c)
                && next.is_some_and(char::is_alphanumeric)
                && !word.is_empty()
            {
                if matches!(next, Some('s' | 'S'))
                    && !char_at(text, after_c + 1).is_some_and(char::is_alphanumeric)
                {
                    possessive_at = Some(i);
                    i = after_c + 1;
                    break;
                }
                word.push('\'');
            } else if matches!(c, ',' | '.')
                && word.ends_with(|d: char| d.is_ascii_digit())
                && next.is_some_and(|d| d.is_ascii_digit())
            {
                if c == '.' {
                    word.push('.');
                }
            } else {
                break;
            }
            i = after_c;
        }
        out.commit(start, possessive_at.unwrap_or(i));
    }
}

/// For single letters separated by dots starting at byte `i` (`I.S.F.`, `U.S.`), the byte just
/// past the last letter; at least two letters are needed.
fn dotted_acronym(text: &str, i: usize) -> Option<usize> {
    let is_letter = |at: usize| char_at(text, at).is_some_and(char::is_alphabetic);
    let first = char_at(text, i)?;
    if char_at(text, i + first.len_utf8()) != Some('.')
        || text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    let mut k = i;
    let mut letters = 0;
    let mut end = i;
    while let Some(letter) = char_at(text, k).filter(|c| c.is_alphabetic()) {
        let after = k + letter.len_utf8();
        let dot = char_at(text, after) == Some('.');
        if is_letter(after) || !(dot || letters > 0) {
            break;
        }
        letters += 1;
        end = after;
        if !dot {
            break;
        }
        k = after + 1;
    }
    (letters >= 2).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, &str)> {
        let mut out = Tokens::default();
        split_words(text, &mut out, false);
        out.as_mut_slice()
            .iter()
            .map(|t| (t.text.clone(), &text[t.offset_from..t.offset_to]))
            .collect()
    }

    fn texts(text: &str) -> Vec<String> {
        words(text).into_iter().map(|(w, _)| w).collect()
    }

    #[test]
    fn hyphens_split_and_possessives_drop() {
        assert_eq!(
            texts("Nagorno-Karabakh's future"),
            ["Nagorno", "Karabakh", "future"]
        );
        assert_eq!(
            words("Azerbaijan’s"),
            [("Azerbaijan".to_string(), "Azerbaijan")]
        );
        assert_eq!(texts("don't O'Brien"), ["don't", "O'Brien"]);
    }

    #[test]
    fn dotted_acronyms_join() {
        assert_eq!(
            words("the I.S.F. force"),
            [
                ("the".to_string(), "the"),
                ("ISF".to_string(), "I.S.F"),
                ("force".to_string(), "force"),
            ]
        );
        assert_eq!(texts("U.S.-backed plan"), ["US", "backed", "plan"]);
        assert_eq!(texts("Plan B. Then"), ["Plan", "B", "Then"]);
        assert_eq!(texts("e.g."), ["eg"]);
        assert_eq!(texts("A.B5 x"), ["AB", "5", "x"]);
    }

    #[test]
    fn numbers_keep_their_groups() {
        assert_eq!(
            texts("2,000 mines, 3.5 km, 2026."),
            ["2000", "mines", "3.5", "km", "2026"]
        );
    }

    #[test]
    fn diacritics_and_offsets_survive() {
        assert_eq!(
            words("Qarabağ, Şuşa"),
            [
                ("Qarabağ".to_string(), "Qarabağ"),
                ("Şuşa".to_string(), "Şuşa"),
            ]
        );
    }

    #[test]
    fn reused_buffers_give_the_same_tokens() {
        let mut tokenizer = NewsTokenizer::default();
        let mut collect = |text: &str| {
            let mut stream = tokenizer.token_stream(text);
            let mut seen = Vec::new();
            while stream.advance() {
                let t = stream.token();
                seen.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
            }
            seen
        };
        let long = collect("Nagorno-Karabakh's long-awaited I.S.F. deployment, 2,000 troops");
        let short = collect("Gaza's");
        assert_eq!(short, [("Gaza".to_string(), 0, 4, 0)]);
        assert_eq!(long.len(), 8);
        assert_eq!(collect(""), []);
    }

    /// The acronyms of `text` as every word split and then filtered would give them (none in
    /// a text written in capitals).
    fn acronyms_of_all_words(text: &str) -> Vec<(String, usize, usize)> {
        if in_capitals(text) {
            return Vec::new();
        }
        let mut out = Tokens::default();
        split_words(text, &mut out, false);
        out.as_mut_slice()
            .iter()
            .filter(|t| is_acronym(&t.text))
            .map(|t| (t.text.clone(), t.offset_from, t.offset_to))
            .collect()
    }

    fn acronyms(tokenizer: &mut AcronymTokenizer, text: &str) -> Vec<(String, usize, usize)> {
        let mut stream = tokenizer.token_stream(text);
        let mut seen = Vec::new();
        while stream.advance() {
            let t = stream.token();
            seen.push((t.text.clone(), t.offset_from, t.offset_to));
        }
        seen
    }

    #[test]
    fn acronyms_are_found_in_their_pieces() {
        let mut tokenizer = AcronymTokenizer::default();
        let text = "The ISF-led force, the I.S.F.\u{a0}and OIC's G20 met NATO\tin U.S. bases";
        let found = acronyms(&mut tokenizer, text);
        let spans: Vec<&str> = found.iter().map(|(_, a, b)| &text[*a..*b]).collect();
        assert_eq!(spans, ["ISF", "I.S.F", "OIC", "NATO", "U.S"]);
        assert_eq!(found, acronyms_of_all_words(text));
        assert_eq!(acronyms(&mut tokenizer, "no capitals at all"), []);
        assert_eq!(
            acronyms(&mut tokenizer, "THE ISF AND THE OIC MET IN NEW YORK"),
            []
        );
    }

    proptest::proptest! {
        #[test]
        fn acronym_pieces_give_what_all_words_give(
            text in "([A-Za-z0-9.,'’ß\u{130}\u{3a3} \t\n\u{a0}-]|I\\.S\\.F\\.|ISF's){0,40}"
        ) {
            let mut tokenizer = AcronymTokenizer::default();
            proptest::prop_assert_eq!(acronyms(&mut tokenizer, &text), acronyms_of_all_words(&text));
        }
    }

    /// The splitter as it was written over a vector of characters (with a digit after a dotted
    /// acronym kept), to check the faster one against.
    fn reference_words(text: &str, chars: &mut Vec<(usize, char)>, out: &mut Tokens) {
        out.clear();
        chars.clear();
        chars.extend(text.char_indices());
        let chars = chars.as_slice();
        let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].1.is_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            if let Some(end) = reference_acronym(chars, i) {
                out.begin().extend(
                    chars[start..end]
                        .iter()
                        .map(|&(_, c)| c)
                        .filter(|c| *c != '.'),
                );
                let last_letter = end - 1;
                out.commit(chars[start].0, end_of(last_letter + 1));
                i = end;
                continue;
            }
            let word = out.begin();
            let mut possessive_at = None;
            while i < chars.len() {
                let c = chars[i].1;
                let next = chars.get(i + 1).map(|&(_, c)| c);
                if c.is_alphanumeric() {
                    word.push(c);
                } else if is_apostrophe(c)
                    && next.is_some_and(char::is_alphanumeric)
                    && !word.is_empty()
                {
                    let after = chars.get(i + 2).map(|&(_, c)| c);
                    let possessive = matches!(next, Some('s' | 'S'))
                        && !after.is_some_and(char::is_alphanumeric);
                    if possessive {
                        possessive_at = Some(i);
                        i += 2;
                        break;
                    }
                    word.push('\'');
                } else if matches!(c, ',' | '.')
                    && word.ends_with(|d: char| d.is_ascii_digit())
                    && next.is_some_and(|d| d.is_ascii_digit())
                {
                    if c == '.' {
                        word.push('.');
                    }
                } else {
                    break;
                }
                i += 1;
            }
            if !word.is_empty() {
                let to = match possessive_at {
                    Some(apostrophe) => chars[apostrophe].0,
                    None => end_of(i),
                };
                out.commit(chars[start].0, to);
            }
        }
    }

    /// For single letters separated by dots starting at `i` (`I.S.F.`, `U.S.`), the index just past
    /// the last letter; at least two letters are needed.
    fn reference_acronym(chars: &[(usize, char)], i: usize) -> Option<usize> {
        let is_letter = |k: usize| chars.get(k).is_some_and(|&(_, c)| c.is_alphabetic());
        let is_dot = |k: usize| chars.get(k).is_some_and(|&(_, c)| c == '.');
        if i > 0 && chars[i - 1].1.is_alphanumeric() {
            return None;
        }
        let mut k = i;
        let mut letters = 0;
        while is_letter(k) && !is_letter(k + 1) && (is_dot(k + 1) || letters > 0) {
            letters += 1;
            if !is_dot(k + 1) {
                return (letters >= 2).then_some(k + 1);
            }
            k += 2;
        }
        (letters >= 2).then_some(k.saturating_sub(1).max(i + 1))
    }

    proptest::proptest! {
        #[test]
        fn splitting_bytes_gives_what_splitting_characters_gives(
            text in "([A-Za-z0-9.,'’ßğ\u{130}\u{3a3}\u{660} \t-]|I\\.S\\.F\\.|U\\.S\\.|2,000|'s){0,40}"
        ) {
            let mut fast = Tokens::default();
            split_words(&text, &mut fast, false);
            let mut reference = Tokens::default();
            reference_words(&text, &mut Vec::new(), &mut reference);
            let spans = |t: &mut Tokens| -> Vec<(String, usize, usize, usize)> {
                t.as_mut_slice()
                    .iter()
                    .map(|t| (t.text.clone(), t.offset_from, t.offset_to, t.position))
                    .collect()
            };
            proptest::prop_assert_eq!(spans(&mut fast), spans(&mut reference));
        }
    }

    proptest::proptest! {
        #[test]
        fn lowercasing_while_splitting_equals_lowercasing_after(
            text in "([A-Za-z0-9.,'’ßİIΣŞÄÉ \t-]|I\\.S\\.F\\.|Ü\\.N\\.|'S){0,40}"
        ) {
            use tantivy::tokenizer::{LowerCaser, TextAnalyzer};
            let tokens = |mut analyzer: TextAnalyzer| {
                let mut stream = analyzer.token_stream(&text);
                let mut seen = Vec::new();
                while stream.advance() {
                    let t = stream.token();
                    seen.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
                }
                seen
            };
            let after = TextAnalyzer::builder(NewsTokenizer::default()).filter(LowerCaser).build();
            let during = TextAnalyzer::from(NewsTokenizer::lowercasing());
            proptest::prop_assert_eq!(tokens(during), tokens(after));
        }
    }

    #[test]
    fn no_panic_on_odd_input() {
        for text in [
            "", ".", "'", "a'", "'s", "A.", ".A.B.", "1,", "1.", "‘’", "A.B", "x.Y.z",
        ] {
            let mut out = Tokens::default();
            split_words(text, &mut out, false);
            for t in out.as_mut_slice().iter() {
                assert!(
                    t.offset_from <= t.offset_to && t.offset_to <= text.len(),
                    "{text:?}"
                );
            }
        }
    }
}
