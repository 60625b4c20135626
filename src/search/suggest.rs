//! "Did you mean": for the words of a query the index never saw, the nearest words it holds.

use std::collections::HashMap;

use tantivy::query::FuzzyTermQuery;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, Searcher, Term, TERMINATED};

use super::snippet::within_edits;
use super::surface::{self, FormPostings, SurfaceFields};
use crate::analysis::surface::MARK;
use crate::analysis::{analyze, exact_analyzer, has_language_code};
use crate::error::Result;
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
    /// the passages hold as written (within two edits); words with no near neighbour are left
    /// out. Meant for a search that found nothing.
    pub fn suggest(&self, query: &str) -> Result<Vec<Suggestion>> {
        self.index.guarded(|| {
            let searcher = self.index.searcher()?;
            let fields = self.index.fields();
            let text = SurfaceFields::text(fields);
            let title = SurfaceFields::title(fields);
            let mut unknown: Vec<String> = Vec::new();
            for token in analyze(&mut exact_analyzer(), query) {
                let word = token.term;
                let known = written_anywhere(&searcher, text, &word)?
                    || written_anywhere(&searcher, title, &word)?;
                let letters = word.chars().filter(|c| c.is_alphabetic()).count();
                if !known && letters >= MIN_WORD_CHARS && !unknown.contains(&word) {
                    unknown.push(word);
                }
            }
            let mut suggestions = Vec::new();
            for word in unknown {
                // Forms written otherwise than their terms read, then terms written as they
                // read (a stem such as `stabil` is a term but written nowhere).
                let mut passages = near_terms(&searcher, text.surface, &word)?;
                passages.retain(|form, _| !form.starts_with(MARK));
                for term in near_terms(&searcher, text.terms, &word)?.into_keys() {
                    if !has_language_code(&term) && written_anywhere(&searcher, text, &term)? {
                        let holders = surface::doc_freq(&searcher, text, &term)?;
                        passages.insert(term, i64::try_from(holders).unwrap_or(i64::MAX));
                    }
                }
                if let Some(instead) = nearest(&word, passages) {
                    suggestions.push(Suggestion { word, instead });
                }
            }
            Ok(suggestions)
        })
    }
}

/// Whether some passage of `searcher` holds `form` as written in `fields`.
fn written_anywhere(searcher: &Searcher, fields: SurfaceFields, form: &str) -> Result<bool> {
    for segment in searcher.segment_readers() {
        let postings = FormPostings::open(segment, fields, form, IndexRecordOption::WithFreqs)?;
        if postings.doc() != TERMINATED {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The terms of `field` within [`MAX_EDITS`] of `word`, with the passages holding each, over
/// all segments: each segment's term dictionary is walked with a Levenshtein automaton of the
/// word, so that only those terms are visited, never the whole vocabulary.
fn near_terms(searcher: &Searcher, field: Field, word: &str) -> Result<HashMap<String, i64>> {
    let fuzzy = FuzzyTermQuery::new(Term::from_field_text(field, word), MAX_EDITS as u8, true);
    let automaton = fuzzy.automaton()?;
    let mut passages: HashMap<String, i64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut terms = inverted
            .terms()
            .search(&automaton)
            .into_stream()
            .map_err(tantivy::TantivyError::from)?;
        while terms.advance() {
            if let Ok(term) = std::str::from_utf8(terms.key()) {
                *passages.entry(term.to_string()).or_default() += i64::from(terms.value().doc_freq);
            }
        }
    }
    Ok(passages)
}

/// The candidate nearest to `word`: fewest edits, then most passages.
fn nearest(word: &str, passages: HashMap<String, i64>) -> Option<String> {
    passages
        .into_iter()
        .filter_map(|(term, holders)| {
            let edits = (1..=MAX_EDITS).find(|&e| within_edits(&term, word, e))?;
            Some((edits, -holders, term))
        })
        .min()
        .map(|(_, _, term)| term)
}

#[cfg(test)]
mod tests {
    use tantivy::doc;
    use tantivy::schema::{Schema, STRING};
    use tantivy::Index;

    use super::*;

    /// A searcher over one field of untokenized words, each batch of `segments` in its own
    /// segment.
    fn searcher_of(segments: &[&[&str]]) -> (Searcher, Field) {
        let mut schema = Schema::builder();
        let word = schema.add_text_field("word", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for words in segments {
            for w in *words {
                writer.add_document(doc!(word => *w)).unwrap();
            }
            writer.commit().unwrap();
        }
        (index.reader().unwrap().searcher(), word)
    }

    fn nearest_of(searcher: &Searcher, field: Field, word: &str) -> Option<String> {
        nearest(word, near_terms(searcher, field, word).unwrap())
    }

    #[test]
    fn the_nearest_word_has_the_fewest_edits_then_the_most_passages_over_all_segments() {
        let (searcher, field) = searcher_of(&[
            &["karabakh", "garabagh", "qarabag"],
            &["garabagh", "karabagh", "karabagh", "unrelated"],
            &["karabagh"],
        ]);
        assert_eq!(searcher.segment_readers().len(), 3);
        // One edit beats two, however many passages hold the farther word.
        assert_eq!(
            nearest_of(&searcher, field, "garabagk").as_deref(),
            Some("garabagh")
        );
        // One edit from both `garabagh` and `karabagh`: the one in more passages (3 against 2,
        // counted over the segments) wins.
        assert_eq!(
            nearest_of(&searcher, field, "xarabagh").as_deref(),
            Some("karabagh")
        );
        // A swap of neighbours is one edit.
        assert_eq!(
            nearest_of(&searcher, field, "karabkah").as_deref(),
            Some("karabakh")
        );
        // Nothing within two edits.
        assert_eq!(nearest_of(&searcher, field, "zzzzzzzz"), None);
    }
}
