//! Highlighting exactly what matched, and choosing the fragment shown on a terminal.
//!
//! The passage is analysed with the same chain as the index; a word lights up when its term is a
//! one-word part of the query, or when it belongs to an occurrence of a query phrase (words in
//! order, within the phrase's slop). A phrase's words elsewhere in the passage stay dark.

use std::ops::Range;

use tantivy::tokenizer::TextAnalyzer;

use super::compile::Matcher;
use crate::analysis::{analyze, AnalyzedToken};

/// Longest snippet, in characters (ellipses not counted).
pub const SNIPPET_CHARS: usize = 300;
/// How far before the first highlight a snippet may start, in characters, to show some context.
const LEAD_CHARS: usize = 60;

/// A fragment of a passage with its highlights.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    /// The fragment, with `…` where it cuts the passage.
    pub text: String,
    /// Byte ranges into `text` of the words that matched.
    pub highlights: Vec<Range<usize>>,
}

/// Byte ranges of the words of `text` that match the query, in order, without overlaps.
pub fn highlight(
    text: &str,
    matchers: &[Matcher],
    analyzer: &mut TextAnalyzer,
) -> Vec<Range<usize>> {
    let tokens = analyze(analyzer, text);
    let mut lit = vec![false; tokens.len()];
    for matcher in matchers {
        match matcher {
            Matcher::Terms { terms, slop } if terms.len() > 1 => {
                for occurrence in phrase_occurrences(&tokens, terms, *slop) {
                    for i in occurrence {
                        lit[i] = true;
                    }
                }
            }
            _ => {
                for (i, token) in tokens.iter().enumerate() {
                    lit[i] |= lights(matcher, token, &text[token.start..token.end]);
                }
            }
        }
    }
    tokens
        .iter()
        .zip(lit)
        .filter(|(_, lit)| *lit)
        .map(|(t, _)| t.start..t.end)
        .collect()
}

/// Whether one token matches a one-word matcher.
fn lights(matcher: &Matcher, token: &AnalyzedToken, surface: &str) -> bool {
    match matcher {
        Matcher::Terms { terms, .. } => terms.first() == Some(&token.term),
        Matcher::Fuzzy { term, distance } => {
            within_edits(&token.term, term, usize::from(*distance))
        }
        Matcher::Prefix { prefix } => surface.to_lowercase().starts_with(prefix.as_str()),
    }
}

/// Whether two words are within `limit` edits (insertions, deletions, substitutions and
/// transpositions of neighbours), as the index's fuzzy matching counts them.
pub fn within_edits(a: &str, b: &str, limit: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return false;
    }
    let mut before: Vec<usize> = Vec::new();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut current = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            current[j] = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                current[j] = current[j].min(before[j - 2] + 1);
            }
        }
        before = std::mem::replace(&mut previous, current);
    }
    previous[b.len()] <= limit
}

/// Token indexes of each occurrence of a phrase: its terms in order, the gaps between their
/// positions adding up to at most the slop.
fn phrase_occurrences(tokens: &[AnalyzedToken], terms: &[String], slop: u32) -> Vec<Vec<usize>> {
    let mut found = Vec::new();
    for (start, token) in tokens.iter().enumerate() {
        if token.term != terms[0] {
            continue;
        }
        let mut picked = vec![start];
        let mut budget = slop as usize;
        let mut last = token.position;
        for term in &terms[1..] {
            let next = tokens[picked[picked.len() - 1] + 1..]
                .iter()
                .enumerate()
                .take_while(|(_, t)| t.position <= last + 1 + budget)
                .find(|(_, t)| &t.term == term);
            match next {
                Some((offset, t)) => {
                    budget -= t.position - last - 1;
                    last = t.position;
                    picked.push(picked[picked.len() - 1] + 1 + offset);
                }
                None => {
                    picked.clear();
                    break;
                }
            }
        }
        if !picked.is_empty() {
            found.push(picked);
        }
    }
    found
}

/// Chooses the fragment of `text` (at most [`SNIPPET_CHARS`] characters) holding the most
/// distinct highlighted words, cut at word boundaries, and moves the highlights into it.
pub fn snippet(text: &str, highlights: &[Range<usize>]) -> Snippet {
    if text.chars().count() <= SNIPPET_CHARS {
        return Snippet {
            text: text.to_string(),
            highlights: highlights.to_vec(),
        };
    }
    let window_bytes = |from: usize| byte_after_chars(text, from, SNIPPET_CHARS);
    let best = highlights
        .iter()
        .map(|h| {
            let from = byte_before_chars(text, h.start, LEAD_CHARS);
            let to = window_bytes(from);
            let mut words: Vec<&str> = highlights
                .iter()
                .filter(|o| o.start >= from && o.end <= to)
                .map(|o| &text[o.clone()])
                .map(str::trim)
                .collect();
            let count = words.len();
            words.sort_unstable_by_key(|w| w.to_lowercase());
            words.dedup_by_key(|w| w.to_lowercase());
            ((words.len(), count), std::cmp::Reverse(from))
        })
        .enumerate()
        .max_by_key(|(_, key)| *key)
        .map_or(0, |(i, _)| i);
    let first = highlights.get(best).map_or(0, |h| h.start);
    let lead = byte_before_chars(text, first, LEAD_CHARS);
    let start = sentence_start(text, lead, first).unwrap_or_else(|| word_start(text, lead));
    let end = word_end(text, window_bytes(start));
    let prefix = if start > 0 { "…" } else { "" };
    let suffix = if end < text.len() { "…" } else { "" };
    let shift = prefix.len();
    Snippet {
        text: format!("{prefix}{}{suffix}", &text[start..end]),
        highlights: highlights
            .iter()
            .filter(|h| h.start >= start && h.end <= end)
            .map(|h| h.start - start + shift..h.end - start + shift)
            .collect(),
    }
}

/// The start of the first sentence that begins between `from` and `to`, if any.
fn sentence_start(text: &str, from: usize, to: usize) -> Option<usize> {
    if from == 0 {
        return Some(0);
    }
    let window = &text[from..to];
    let (end, c) = window.char_indices().find(|&(i, c)| {
        matches!(c, '.' | '!' | '?' | '\n')
            && window[i + c.len_utf8()..].starts_with(char::is_whitespace)
    })?;
    let after = from + end + c.len_utf8();
    let start = after + text[after..].len() - text[after..].trim_start().len();
    (start <= to).then_some(start)
}

/// The byte offset `chars` characters before `at` (or 0).
fn byte_before_chars(text: &str, at: usize, chars: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The byte offset `chars` characters after `from` (or the end).
fn byte_after_chars(text: &str, from: usize, chars: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| from + i)
}

/// Moves a cut forward to the start of the next word, unless it is at one already.
fn word_start(text: &str, at: usize) -> usize {
    if at == 0 || text[..at].ends_with(char::is_whitespace) {
        return at;
    }
    text[at..].find(char::is_whitespace).map_or(at, |i| {
        let after = at + i;
        after + text[after..].len() - text[after..].trim_start().len()
    })
}

/// Moves a cut back to the end of the previous word, unless it is at one already.
fn word_end(text: &str, at: usize) -> usize {
    if at >= text.len() || text[at..].starts_with(char::is_whitespace) {
        return at;
    }
    text[..at]
        .rfind(char::is_whitespace)
        .map_or(at, |i| text[..i].trim_end().len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyzer;

    fn matcher(terms: &[&str], slop: u32) -> Matcher {
        Matcher::Terms {
            terms: terms.iter().map(|t| t.to_string()).collect(),
            slop,
        }
    }

    #[test]
    fn fuzzy_and_prefix_light_their_words() {
        let text = "Garabagh and Karabakh; stabilisation, stabilising, stability";
        let fuzzy = [Matcher::Fuzzy {
            term: "garabag".into(),
            distance: 1,
        }];
        assert_eq!(lit(text, &fuzzy), ["Garabagh"]);
        let prefix = [Matcher::Prefix {
            prefix: "stabilis".into(),
        }];
        assert_eq!(lit(text, &prefix), ["stabilisation", "stabilising"]);
    }

    #[test]
    fn edit_distance_counts_transpositions_as_one() {
        assert!(within_edits("garabagh", "garabag", 1));
        assert!(within_edits("karabakh", "karabkah", 1));
        assert!(!within_edits("karabakh", "garabagh", 1));
        assert!(within_edits("karabakh", "garabagh", 2));
        assert!(within_edits("", "ab", 2) && !within_edits("", "abc", 2));
    }

    fn lit<'a>(text: &'a str, matchers: &[Matcher]) -> Vec<&'a str> {
        highlight(text, matchers, &mut analyzer())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn phrase_lights_only_its_occurrences() {
        let text =
            "The Stabilisation Force met. Force was not used; the stabilization force waited.";
        let phrase = [matcher(&["stabil", "forc"], 0)];
        assert_eq!(
            lit(text, &phrase),
            ["Stabilisation", "Force", "stabilization", "force"]
        );
    }

    #[test]
    fn slop_allows_words_between() {
        let text = "a force for stabilisation; stabilisation of the Gaza force";
        let spans = |slop| highlight(text, &[matcher(&["stabil", "forc"], slop)], &mut analyzer());
        assert_eq!(
            spans(3),
            [27..40, 53..58],
            "second stabilisation, last force"
        );
        assert!(spans(2).is_empty());
    }

    #[test]
    fn single_terms_light_every_form() {
        let text = "Stabilising Gaza needs stabilisation.";
        assert_eq!(
            lit(text, &[matcher(&["stabil"], 0)]),
            ["Stabilising", "stabilisation"]
        );
    }

    #[test]
    fn snippet_centres_on_the_densest_matches() {
        let text = format!(
            "{} ISF and OIC met. {}",
            "filler ".repeat(80),
            "tail ".repeat(80)
        );
        let highlights = highlight(
            &text,
            &[matcher(&["isf"], 0), matcher(&["oic"], 0)],
            &mut analyzer(),
        );
        let s = snippet(&text, &highlights);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        assert!(s.text.chars().count() <= SNIPPET_CHARS + 2);
        let words: Vec<&str> = s.highlights.iter().map(|h| &s.text[h.clone()]).collect();
        assert_eq!(words, ["ISF", "OIC"]);
    }

    #[test]
    fn short_passages_are_whole() {
        let highlights: Vec<Range<usize>> = std::iter::once(0..5).collect();
        let s = snippet("Short text.", &highlights);
        assert_eq!(
            s,
            Snippet {
                text: "Short text.".into(),
                highlights
            }
        );
    }
}
