//! Cutting an article's body into passages, the unit of retrieval: short paragraphs are merged,
//! long ones are split at sentence boundaries, so that passages hold about
//! [`MIN_WORDS`]–[`MAX_WORDS`] words and never more than [`MAX_PASSAGE_BYTES`] bytes.

use std::ops::Range;

use crate::model::{Article, Passage, PARAGRAPH_BREAK};

/// A passage grows until it holds at least this many words.
pub const MIN_WORDS: usize = 50;
/// A passage holds at most this many words, unless one sentence alone is longer.
pub const MAX_WORDS: usize = 150;
/// Long paragraphs are split into pieces of about this many words.
const SPLIT_TARGET_WORDS: usize = 100;
/// A passage holds at most this many bytes: a longer run of text without spaces (a line of
/// base64, a file that is one 200 MB line) is cut at character boundaries, so that analysing a
/// passage takes bounded memory whatever the input.
pub const MAX_PASSAGE_BYTES: usize = 16 * 1024;

/// Cuts an article's body ([`Article::body`]) into passages. An article without body text gets
/// no passages.
pub fn segment(article: &Article) -> Vec<Passage> {
    let mut units = Vec::new();
    let mut offset = 0;
    for paragraph in &article.paragraphs {
        split_paragraph(paragraph, offset, &mut units);
        offset += paragraph.len() + PARAGRAPH_BREAK.len();
    }
    merge(units)
}

/// A piece of body text with its word count.
#[derive(Debug, Clone)]
struct Unit {
    span: Range<usize>,
    words: usize,
}

fn split_paragraph(paragraph: &str, offset: usize, units: &mut Vec<Unit>) {
    let first = units.len();
    split_at_sentences(paragraph, offset, units);
    if units[first..]
        .iter()
        .any(|u| u.span.len() > MAX_PASSAGE_BYTES)
    {
        let pieces = units.split_off(first);
        for piece in pieces {
            cut_bytes(paragraph, offset, piece, units);
        }
    }
}

fn split_at_sentences(paragraph: &str, offset: usize, units: &mut Vec<Unit>) {
    let words = word_count(paragraph);
    if words == 0 {
        return;
    }
    if words <= MAX_WORDS {
        units.push(Unit {
            span: offset..offset + paragraph.len(),
            words,
        });
        return;
    }
    let mut piece: Option<Unit> = None;
    let pieces = sentences(paragraph)
        .into_iter()
        .flat_map(|s| word_chunks(paragraph, s));
    for sentence in pieces {
        let sentence = Unit {
            words: word_count(&paragraph[sentence.clone()]),
            span: offset + sentence.start..offset + sentence.end,
        };
        piece = Some(match piece {
            Some(p) if p.words + sentence.words > SPLIT_TARGET_WORDS && p.words > 0 => {
                units.push(p);
                sentence
            }
            Some(p) => Unit {
                span: p.span.start..sentence.span.end,
                words: p.words + sentence.words,
            },
            None => sentence,
        });
    }
    units.extend(piece);
}

/// A unit longer than [`MAX_PASSAGE_BYTES`] is cut into pieces of at most that many bytes, at
/// character boundaries (`offset` is where `paragraph` starts in the body).
fn cut_bytes(paragraph: &str, offset: usize, unit: Unit, units: &mut Vec<Unit>) {
    if unit.span.len() <= MAX_PASSAGE_BYTES {
        units.push(unit);
        return;
    }
    let mut start = unit.span.start - offset;
    let end = unit.span.end - offset;
    while start < end {
        let mut cut = (start + MAX_PASSAGE_BYTES).min(end);
        while !paragraph.is_char_boundary(cut) {
            cut -= 1;
        }
        units.push(Unit {
            span: offset + start..offset + cut,
            words: word_count(&paragraph[start..cut]),
        });
        start = cut;
    }
}

/// A sentence longer than [`MAX_WORDS`] (text without punctuation) is cut at word boundaries.
fn word_chunks(text: &str, sentence: Range<usize>) -> Vec<Range<usize>> {
    if word_count(&text[sentence.clone()]) <= MAX_WORDS {
        return vec![sentence];
    }
    let mut chunks = Vec::new();
    let mut start = sentence.start;
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in text[sentence.clone()].char_indices() {
        let at = sentence.start + i;
        if c.is_whitespace() {
            if in_word && words == SPLIT_TARGET_WORDS {
                chunks.push(start..at);
                words = 0;
                start = at;
            }
            in_word = false;
        } else {
            if !in_word {
                if words == 0 {
                    start = at;
                }
                words += 1;
            }
            in_word = true;
        }
    }
    if words > 0 {
        chunks.push(start..sentence.end);
    }
    chunks
}

fn merge(units: Vec<Unit>) -> Vec<Passage> {
    let mut spans: Vec<Unit> = Vec::new();
    for unit in units {
        match spans.last_mut() {
            Some(last)
                if last.words < MIN_WORDS
                    && last.words + unit.words <= MAX_WORDS
                    && unit.span.end - last.span.start <= MAX_PASSAGE_BYTES =>
            {
                last.span.end = unit.span.end;
                last.words += unit.words;
            }
            _ => spans.push(unit),
        }
    }
    // A short tail joins the passage before it when that stays within bounds.
    if spans.len() >= 2 {
        let n = spans.len();
        if spans[n - 1].words < MIN_WORDS / 2
            && spans[n - 2].words + spans[n - 1].words <= MAX_WORDS
            && spans[n - 1].span.end - spans[n - 2].span.start <= MAX_PASSAGE_BYTES
        {
            let tail = spans.pop().expect("two spans");
            let last = spans.last_mut().expect("one span");
            last.span.end = tail.span.end;
            last.words += tail.words;
        }
    }
    spans
        .into_iter()
        .enumerate()
        .map(|(i, u)| Passage {
            ordinal: u32::try_from(i).unwrap_or(u32::MAX),
            span: u.span,
        })
        .collect()
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "st", "jr", "sr", "no",
    "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e",
];

/// Byte spans of the sentences of a paragraph (whitespace between sentences excluded). A sentence
/// ends at `.`, `!` or `?` (plus closing quotes or brackets) followed by a space and a letter,
/// digit or opening quote, unless the word before is a known abbreviation or a single letter.
/// Letter case plays no part, so that text written all in capitals or all in lower case is cut
/// where ordinary text is.
pub fn sentences(paragraph: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while let Some(c) = paragraph[i..].chars().next() {
        let at = i;
        i += c.len_utf8();
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let closers: usize = paragraph[i..]
            .chars()
            .take_while(|c| matches!(c, '"' | '\'' | '”' | '’' | ')' | ']'))
            .map(char::len_utf8)
            .sum();
        let end = i + closers;
        let rest = &paragraph[end..];
        let next_is_space = rest.chars().next().is_some_and(char::is_whitespace);
        let after = rest.trim_start();
        let starts_sentence = after
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '"' | '“' | '‘' | '\''));
        if next_is_space && starts_sentence && (c != '.' || !is_abbreviation(&paragraph[start..at]))
        {
            out.push(start..end);
            start = paragraph.len() - after.len();
            i = end;
        }
    }
    if start < paragraph.len() && !paragraph[start..].trim().is_empty() {
        out.push(start..paragraph.len());
    }
    out
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("")
        .to_lowercase();
    word.chars().count() == 1 || ABBREVIATIONS.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn article(paragraphs: &[String]) -> Article {
        Article {
            paragraphs: paragraphs.to_vec(),
            ..Article::default()
        }
    }

    fn words(n: usize, tag: &str) -> String {
        (0..n)
            .map(|i| format!("{tag}{i}"))
            .collect::<Vec<_>>()
            .join(" ")
            + "."
    }

    #[test]
    fn short_paragraphs_merge_up_to_the_minimum() {
        let paras: Vec<String> = (0..6).map(|i| words(20, &format!("p{i}w"))).collect();
        let a = article(&paras);
        let passages = segment(&a);
        let body = a.body();
        assert_eq!(passages.len(), 2);
        assert!(body[passages[0].span.clone()].starts_with("p0w0"));
        assert!(body[passages[1].span.clone()].starts_with("p3w0"));
        assert!(body[passages[1].span.clone()].ends_with("p5w19."));
    }

    #[test]
    fn long_paragraphs_split_at_sentences() {
        let sentence = |k: usize| format!("Sentence {k} {}", words(29, "w"));
        let para = (0..10).map(sentence).collect::<Vec<_>>().join(" ");
        let a = article(&[para]);
        let passages = segment(&a);
        assert!(passages.len() >= 3, "{passages:?}");
        let body = a.body();
        for p in &passages {
            assert!(body[p.span.clone()].starts_with("Sentence "));
            assert!(body[p.span.clone()].ends_with('.'));
        }
    }

    #[test]
    fn a_sentence_without_punctuation_is_cut_at_words() {
        let a = article(&[words(1000, "w")]);
        let passages = segment(&a);
        assert_eq!(passages.len(), 10);
        let body = a.body();
        assert!(passages
            .iter()
            .all(|p| word_count(&body[p.span.clone()]) == 100));
    }

    #[test]
    fn a_run_without_spaces_is_cut_into_bounded_passages() {
        let line = "é".repeat(3 * MAX_PASSAGE_BYTES / 2 + 1);
        let a = article(&["Opening words.".to_string(), line, "Closing.".to_string()]);
        let body = a.body();
        let passages = segment(&a);
        assert!(passages.len() >= 4, "{passages:?}");
        for p in &passages {
            assert!(p.span.len() <= MAX_PASSAGE_BYTES, "{:?}", p.span);
        }
        let text: String = passages.iter().map(|p| &body[p.span.clone()]).collect();
        let letters = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(
            letters(&text),
            letters(&body),
            "every character is in a passage"
        );
    }

    #[test]
    fn sentence_boundaries_do_not_depend_on_case() {
        let text = "Talks resumed in Baku. Troops pulled back. Mr. Aliyev spoke.";
        let cut = |t: &str| -> Vec<std::ops::Range<usize>> { sentences(t) };
        assert_eq!(cut(text).len(), 3);
        assert_eq!(cut(&text.to_lowercase()), cut(text));
        assert_eq!(cut(&text.to_uppercase()), cut(text));
    }

    #[test]
    fn sentence_boundaries_respect_abbreviations() {
        let text = "Mr. Aliyev met U.S. envoys. They talked. \"Yes,\" he said! 3 left.";
        let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            got,
            [
                "Mr. Aliyev met U.S. envoys.",
                "They talked.",
                "\"Yes,\" he said!",
                "3 left."
            ]
        );
    }

    proptest! {
        #[test]
        fn passages_are_ordered_disjoint_and_cover_every_word(
            paras in proptest::collection::vec("[A-Za-zğş .!?\"]{0,400}", 0..8)
        ) {
            let paras: Vec<String> = paras
                .into_iter()
                .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|p| !p.is_empty())
                .collect();
            let a = article(&paras);
            let body = a.body();
            let passages = segment(&a);
            let mut covered = 0;
            let mut last_end = 0;
            for (i, p) in passages.iter().enumerate() {
                prop_assert_eq!(p.ordinal as usize, i);
                prop_assert!(p.span.start >= last_end && p.span.end <= body.len());
                prop_assert!(body.is_char_boundary(p.span.start) && body.is_char_boundary(p.span.end));
                covered += word_count(&body[p.span.clone()]);
                last_end = p.span.end;
            }
            prop_assert_eq!(covered, word_count(&body));
        }
    }
}
