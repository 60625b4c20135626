//! Collocates: the words found near a term more often than their frequency in the index
//! predicts, within a window of words on either side, ranked by Dunning's log-likelihood.
//!
//! The term is found as search highlights it (word forms, spellings, glossary forms; a
//! phrase occurrence is one node), and the words around it are analysed by the same chain, so
//! `troops` and `troop` are one collocate. Each collocate's 2×2 table counts words: its
//! occurrences inside the windows against the other words of the windows, and its
//! occurrences in the rest of the index's passage text against the other words there.

use std::ops::Range;

use rayon::prelude::*;
use tantivy::postings::Postings;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocSet, Searcher, TantivyDocument, Term, TERMINATED};

use super::keyness::BATCH;
use super::keyness::{function_terms, is_content, log_likelihood};
use super::kwic::{flatten, left_context, occurrences, right_context};
use super::matches::matching_addresses;
use crate::analysis::analyzer;
use crate::error::Result;
use crate::search::{PreparedQuery, SearchOptions, Session};

/// A collocate needs this many occurrences in the windows to be listed.
const MIN_COUNT: u32 = 2;
/// Characters of context on each side of an example line.
const EXAMPLE_WIDTH: usize = 40;

/// What a list of collocates looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CollocateOptions {
    /// Words on each side of the term.
    pub window: usize,
    /// At most this many collocates.
    pub limit: usize,
}

/// One example of a collocate: a line of the term in context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// The article's id.
    pub article_id: String,
    /// The passage's number in its article, from 1.
    pub passage: u32,
    /// Text before the term.
    pub left: String,
    /// The term as written.
    pub keyword: String,
    /// Text after the term.
    pub right: String,
}

/// A word found near the term.
#[derive(Debug, Clone, PartialEq)]
pub struct Collocate {
    /// The analysed term.
    pub term: String,
    /// Its commonest written form near the term, lowercased.
    pub word: String,
    /// Occurrences in the windows before the term.
    pub left: u64,
    /// Occurrences in the windows after the term.
    pub right: u64,
    /// Occurrences in the passage text of the whole index.
    pub in_corpus: u64,
    /// Dunning's log-likelihood ratio G² (higher: a stronger collocate).
    pub g2: f64,
    /// The first line (in article order) where it stands near the term.
    pub example: Example,
}

/// The collocates of a term.
#[derive(Debug, Clone, PartialEq)]
pub struct Collocates {
    /// The term as typed.
    pub query: String,
    /// The term as run, after analysis and glossary expansion.
    pub executed_query: String,
    /// Words on each side.
    pub window: usize,
    /// Occurrences of the term.
    pub occurrences: u64,
    /// Words inside the windows.
    pub window_words: u64,
    /// Words of passage text in the index.
    pub corpus_words: u64,
    /// The collocates, strongest first.
    pub collocates: Vec<Collocate>,
}

/// Counts near the term, per collocate term.
#[derive(Default)]
struct Near {
    /// Term -> (left, right, written forms, first example as (order, example)).
    terms: rustc_hash::FxHashMap<String, NearTerm>,
    occurrences: u64,
    window_words: u64,
}

struct NearTerm {
    left: u64,
    right: u64,
    forms: Vec<(String, u32)>,
    /// The example with its place in article order (article id, passage, byte offset).
    example: ((String, u32, usize), Example),
}

impl Near {
    fn merge(mut self, other: Near) -> Near {
        self.occurrences += other.occurrences;
        self.window_words += other.window_words;
        for (term, near) in other.terms {
            match self.terms.get_mut(&term) {
                None => {
                    self.terms.insert(term, near);
                }
                Some(mine) => {
                    mine.left += near.left;
                    mine.right += near.right;
                    for (form, n) in near.forms {
                        match mine.forms.iter_mut().find(|(w, _)| *w == form) {
                            Some(f) => f.1 += n,
                            None => mine.forms.push((form, n)),
                        }
                    }
                    // The first line in article order, whichever worker met it.
                    if near.example.0 < mine.example.0 {
                        mine.example = near.example;
                    }
                }
            }
        }
        self
    }
}

/// One passage to read.
struct Passage<'a> {
    article_id: &'a str,
    passage: u32,
    text: &'a str,
}

impl Near {
    /// Counts the words within `window` words of each occurrence of the term in one passage.
    fn add(
        &mut self,
        passage: &Passage<'_>,
        prepared: &PreparedQuery,
        window: usize,
        function: &std::collections::HashSet<String>,
    ) {
        let text = passage.text;
        let nodes = occurrences(text, &prepared.highlight(text));
        if nodes.is_empty() {
            return;
        }
        let tokens = crate::analysis::analyze(&mut analyzer(), text);
        let inside = |t: &crate::analysis::AnalyzedToken, span: &Range<usize>| {
            t.start >= span.start && t.end <= span.end
        };
        for node in &nodes {
            let positions: Vec<usize> = tokens
                .iter()
                .filter(|t| inside(t, node))
                .map(|t| t.position)
                .collect();
            let (Some(&first), Some(&last)) = (positions.iter().min(), positions.iter().max())
            else {
                continue;
            };
            self.occurrences += 1;
            let example = || Example {
                article_id: passage.article_id.to_string(),
                passage: passage.passage,
                left: left_context(&text[..node.start], EXAMPLE_WIDTH),
                keyword: flatten(&text[node.clone()]),
                right: right_context(&text[node.end..], EXAMPLE_WIDTH),
            };
            for token in &tokens {
                let left = token.position < first && token.position + window >= first;
                let right = token.position > last && token.position <= last + window;
                if !(left || right) || nodes.iter().any(|n| inside(token, n)) {
                    continue;
                }
                self.window_words += 1;
                if !is_content(&token.term, function) {
                    continue;
                }
                let surface = text.get(token.start..token.end).unwrap_or("");
                if !self.terms.contains_key(&token.term) {
                    self.terms.insert(
                        token.term.clone(),
                        NearTerm {
                            left: 0,
                            right: 0,
                            forms: Vec::new(),
                            example: (
                                (passage.article_id.to_string(), passage.passage, node.start),
                                example(),
                            ),
                        },
                    );
                }
                let Some(near) = self.terms.get_mut(&token.term) else {
                    continue;
                };
                let (id, number, start) = &near.example.0;
                if (passage.article_id, passage.passage, node.start)
                    < (id.as_str(), *number, *start)
                {
                    near.example = (
                        (passage.article_id.to_string(), passage.passage, node.start),
                        example(),
                    );
                }
                if left {
                    near.left += 1;
                } else {
                    near.right += 1;
                }
                match near
                    .forms
                    .iter_mut()
                    .find(|(w, _)| w.eq_ignore_ascii_case(surface))
                {
                    Some(form) => form.1 += 1,
                    None => near.forms.push((surface.to_lowercase(), 1)),
                }
            }
        }
    }
}

impl Session<'_> {
    /// The collocates of `term` (its strict reading, date filters of `options` applied): the
    /// words within `window` words of its occurrences, strongest first by log-likelihood;
    /// function words and numbers are left out.
    pub fn collocates(
        &self,
        term: &str,
        options: &SearchOptions,
        collocates: CollocateOptions,
    ) -> Result<Collocates> {
        self.index.guarded(|| {
            let prepared = self.prepare(term, options)?;
            let searcher = self.index.searcher()?;
            let addresses = matching_addresses(&searcher, prepared.query())?;
            let fields = *self.index.fields();
            let function = function_terms(&mut analyzer());
            let near = addresses
                .par_chunks(BATCH)
                .try_fold(Near::default, |mut near, chunk| -> Result<Near> {
                    for &address in chunk {
                        let doc: TantivyDocument = searcher.doc(address)?;
                        let text =
                            |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or("");
                        let passage = doc
                            .get_first(fields.passage)
                            .and_then(|v| v.as_u64())
                            .and_then(|n| u32::try_from(n + 1).ok())
                            .unwrap_or(u32::MAX);
                        let passage = Passage {
                            article_id: text(fields.article_id),
                            passage,
                            text: text(fields.text),
                        };
                        near.add(&passage, &prepared, collocates.window, &function);
                    }
                    Ok(near)
                })
                .try_reduce(Near::default, |a, b| Ok(a.merge(b)))?;
            let corpus_words = corpus_words(&searcher, fields.text)?;
            let window_words = near.window_words.min(corpus_words);
            let rest = corpus_words - window_words;
            let over = |inside: u64, outside: u64| {
                (inside as f64) * (rest as f64) > (outside as f64) * (window_words as f64)
            };
            // A word occurs at least once in each passage holding it, so its document frequency
            // (read from the term dictionary) bounds its occurrences from below, and its G²
            // from above: words are taken by that bound, and their postings read only while
            // the bound can still beat the collocates found.
            let mut candidates = Vec::new();
            for (term, counts) in near.terms {
                let inside = counts.left + counts.right;
                if inside < u64::from(MIN_COUNT) {
                    continue;
                }
                let at_least = searcher
                    .doc_freq(&Term::from_field_text(fields.text, &term))?
                    .max(inside);
                let outside = (at_least - inside).min(rest);
                if over(inside, outside) {
                    let bound = log_likelihood(inside, window_words, outside, rest);
                    candidates.push((bound, term, counts));
                }
            }
            candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            let mut found: Vec<Collocate> = Vec::new();
            let mut weakest_kept = f64::NEG_INFINITY;
            for (bound, term, counts) in candidates {
                if collocates.limit == 0
                    || (found.len() >= collocates.limit && bound < weakest_kept)
                {
                    break;
                }
                let inside = counts.left + counts.right;
                let in_corpus =
                    term_frequency(&searcher, Term::from_field_text(fields.text, &term))?
                        .max(inside);
                let outside = (in_corpus - inside).min(rest);
                if !over(inside, outside) {
                    continue;
                }
                found.push(Collocate {
                    word: commonest(&counts.forms),
                    g2: log_likelihood(inside, window_words, outside, rest),
                    term,
                    left: counts.left,
                    right: counts.right,
                    in_corpus,
                    example: counts.example.1,
                });
                if found.len() >= collocates.limit {
                    let mut strengths: Vec<f64> = found.iter().map(|c| c.g2).collect();
                    strengths.sort_by(|a, b| b.total_cmp(a));
                    weakest_kept = strengths[collocates.limit - 1];
                }
            }
            found.sort_by(|a, b| b.g2.total_cmp(&a.g2).then_with(|| a.term.cmp(&b.term)));
            found.truncate(collocates.limit);
            Ok(Collocates {
                query: term.to_string(),
                executed_query: prepared.executed().to_string(),
                window: collocates.window,
                occurrences: near.occurrences,
                window_words,
                corpus_words,
                collocates: found,
            })
        })
    }
}

/// The commonest written form.
fn commonest(forms: &[(String, u32)]) -> String {
    forms
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|f| f.0.clone())
        .unwrap_or_default()
}

/// The words of a field in the whole index.
fn corpus_words(searcher: &Searcher, field: tantivy::schema::Field) -> Result<u64> {
    let mut total = 0;
    for segment in searcher.segment_readers() {
        total += segment.inverted_index(field)?.total_num_tokens();
    }
    Ok(total)
}

/// The occurrences of a term in the whole index (its postings' frequencies summed).
fn term_frequency(searcher: &Searcher, term: Term) -> Result<u64> {
    let mut total = 0;
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(term.field())?;
        let Some(mut postings) = inverted
            .read_postings(&term, IndexRecordOption::WithFreqs)
            .map_err(tantivy::TantivyError::from)?
        else {
            continue;
        };
        let mut doc = postings.doc();
        while doc != TERMINATED {
            total += u64::from(postings.term_freq());
            doc = postings.advance();
        }
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_count_words_on_each_side_and_skip_the_term() {
        let session_free = |text: &str, window: usize| {
            // A prepared query is needed for highlighting: build one against the schema alone.
            let dir = tempfile::tempdir().unwrap();
            let index = crate::index::NewsIndex::open_or_create(dir.path()).unwrap();
            let session = Session::new(&index);
            let prepared = session.prepare("ISF", &SearchOptions::default()).unwrap();
            let mut near = Near::default();
            let function = function_terms(&mut analyzer());
            near.add(
                &Passage {
                    article_id: "a",
                    passage: 1,
                    text,
                },
                &prepared,
                window,
                &function,
            );
            near
        };
        let near = session_free(
            "Indonesian troops joined the ISF mandate and troops of the International Stabilisation Force left.",
            3,
        );
        assert_eq!(near.occurrences, 2, "the phrase is one occurrence");
        let troop = &crate::analysis::terms("troops")[0];
        // "troops joined the" | ISF | "mandate and troops"; "troops of the" | ISF phrase | "left".
        assert_eq!((near.terms[troop].left, near.terms[troop].right), (2, 1));
        let mandate = &crate::analysis::terms("mandate")[0];
        assert_eq!(near.terms[mandate].right, 1);
        assert!(
            !near.terms.contains_key("the"),
            "function words are not collocates"
        );
        assert!(
            !near
                .terms
                .contains_key(&crate::analysis::terms("Indonesian")[0]),
            "outside the window"
        );
        assert_eq!(near.window_words, 3 + 3 + 3 + 1);
        assert_eq!(near.terms[mandate].example.1.keyword, "ISF");
    }
}
