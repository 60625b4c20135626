//! "Did you mean": for the words of a query the index never saw, the nearest words it holds.

use std::collections::HashMap;

use tantivy::Searcher;

use super::snippet::within_edits;
use crate::analysis::{analyze, exact_analyzer};
use crate::error::Result;
use crate::index::each_term;
use crate::search::Session;

/// Edits allowed between a word and a suggestion.
const MAX_EDITS: usize = 2;
/// Words shorter than this get no suggestion (too many near neighbours).
const MIN_WORD_CHARS: usize = 4;

/// A word of a query that no passage holds, and the word of the index nearest to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The word as the query has it (lowercase).
    pub word: String,
    /// The nearest word the index holds: fewest edits, then most passages.
    pub instead: String,
}

impl Session<'_> {
    /// For each word of `query` that no passage or headline holds as written, the nearest word
    /// the passages hold (within two edits); words with no near neighbour are left out. Meant
    /// for a search that found nothing.
    pub fn suggest(&self, query: &str) -> Result<Vec<Suggestion>> {
        self.index.guarded(|| {
            let searcher = self.index.searcher()?;
            let field = self.index.fields().text_exact;
            let mut unknown: Vec<String> = Vec::new();
            for token in analyze(&mut exact_analyzer(), query) {
                let word = token.term;
                let known = [field, self.index.fields().title_exact].iter().try_fold(
                    false,
                    |known, &f| -> Result<bool> {
                        let term = tantivy::Term::from_field_text(f, &word);
                        Ok(known || searcher.doc_freq(&term)? > 0)
                    },
                )?;
                let letters = word.chars().filter(|c| c.is_alphabetic()).count();
                if !known && letters >= MIN_WORD_CHARS && !unknown.contains(&word) {
                    unknown.push(word);
                }
            }
            if unknown.is_empty() {
                return Ok(Vec::new());
            }
            nearest(&searcher, field, &unknown)
        })
    }
}

/// Scans the field's terms once for the nearest neighbour of each word.
fn nearest(
    searcher: &Searcher,
    field: tantivy::schema::Field,
    words: &[String],
) -> Result<Vec<Suggestion>> {
    let lengths: Vec<usize> = words.iter().map(|w| w.chars().count()).collect();
    // For each word: (edits, -passages, term) of the best candidate so far.
    let mut best: HashMap<usize, (usize, i64, String)> = HashMap::new();
    each_term(searcher, field, |key, holders, _| {
        let Ok(term) = std::str::from_utf8(key) else {
            return Ok(());
        };
        let chars = term.chars().count();
        for (i, word) in words.iter().enumerate() {
            if chars.abs_diff(lengths[i]) > MAX_EDITS {
                continue;
            }
            let Some(edits) = (1..=MAX_EDITS).find(|&e| within_edits(term, word, e)) else {
                continue;
            };
            let passages: i64 = holders
                .iter()
                .map(|(_, info)| i64::from(info.doc_freq))
                .sum();
            let candidate = (edits, -passages, term.to_string());
            let slot = best.entry(i).or_insert_with(|| candidate.clone());
            if candidate < *slot {
                *slot = candidate;
            }
        }
        Ok(())
    })?;
    Ok(words
        .iter()
        .enumerate()
        .filter_map(|(i, word)| {
            best.remove(&i).map(|(_, _, instead)| Suggestion {
                word: word.clone(),
                instead,
            })
        })
        .collect())
}
