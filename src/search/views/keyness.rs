//! Characteristic words of a result set: the words and two-word phrases that the passages a
//! query matches hold more often than the rest of the index, ranked by Dunning's
//! log-likelihood ratio (G²).
//!
//! Units are passages and counts are presence (a passage holding a word five times counts
//! once), so the 2×2 table of a word is: matching passages with it, other passages with it,
//! matching passages without it, other passages without it. Presence counts resist the
//! burstiness of words (one article repeating a name does not make it characteristic), and the
//! corpus side is the document frequency the term dictionary already keeps: only the matching
//! passages are read and analysed again. G² (Dunning 1993) is the keyness statistic of
//! corpus linguistics (AntConc, CQPweb, WordSmith) because, unlike χ², it stays accurate for
//! the rare words and lopsided tables a result set gives.

use std::collections::{HashMap, HashSet};

use rustc_hash::FxHashMap;

use rayon::prelude::*;
use tantivy::collector::Count;
use tantivy::query::PhraseQuery;
use tantivy::schema::Value;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::{TantivyDocument, Term};

use super::matches::matching_addresses;
use crate::analysis::{analyzer, FUNCTION_WORDS};
use crate::error::Result;
use crate::search::{SearchOptions, Session};

/// A word or phrase needs this many matching passages to be listed.
const MIN_COUNT: u32 = 2;
/// Matching passages read per batch of the parallel reading.
pub(super) const BATCH: usize = 256;

/// One characteristic word or two-word phrase.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyTerm {
    /// The analysed term(s), as indexed (`stabil forc`).
    pub term: String,
    /// The form most often written in the matching passages, lowercased
    /// (`stabilisation force`).
    pub word: String,
    /// Whether it is a two-word phrase.
    pub phrase: bool,
    /// Matching passages holding it.
    pub in_results: u64,
    /// Passages of the whole index holding it.
    pub in_corpus: u64,
    /// Dunning's log-likelihood ratio G² of the 2×2 table (higher: more characteristic).
    pub g2: f64,
}

/// The characteristic words of the passages a query matches.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyTerms {
    /// The query as typed.
    pub query: String,
    /// The query as run.
    pub executed_query: String,
    /// Matching passages (the result set).
    pub passages: u64,
    /// Passages in the index (the corpus).
    pub corpus_passages: u64,
    /// The words and phrases, most characteristic first.
    pub terms: Vec<KeyTerm>,
}

/// Dunning's log-likelihood ratio G² = 2 Σ O ln(O/E) of the 2×2 table of `k1` units out of
/// `n1` holding a word against `k2` out of `n2` holding it. 0 for an empty or degenerate table.
pub fn log_likelihood(k1: u64, n1: u64, k2: u64, n2: u64) -> f64 {
    let n = (n1 + n2) as f64;
    let with = (k1 + k2) as f64;
    let without = n - with;
    if n1 == 0 || n2 == 0 || with == 0.0 || without <= 0.0 {
        return 0.0;
    }
    let cell = |observed: f64, row: f64, column: f64| {
        let expected = row * column / n;
        if observed > 0.0 && expected > 0.0 {
            observed * (observed / expected).ln()
        } else {
            0.0
        }
    };
    let (n1, n2, k1, k2) = (n1 as f64, n2 as f64, k1 as f64, k2 as f64);
    2.0 * (cell(k1, n1, with)
        + cell(k2, n2, with)
        + cell(n1 - k1, n1, without)
        + cell(n2 - k2, n2, without))
}

/// Analysed terms that never lead: function words (after analysis: `was` is `wa`).
pub(crate) fn function_terms(analyzer: &mut TextAnalyzer) -> HashSet<String> {
    FUNCTION_WORDS
        .iter()
        .flat_map(|w| crate::analysis::analyze(analyzer, w))
        .map(|t| t.term)
        .collect()
}

/// Whether a term can lead: at least two characters, some letter, not a function word.
pub(crate) fn is_content(term: &str, function: &HashSet<String>) -> bool {
    term.chars().nth(1).is_some()
        && term.chars().any(char::is_alphabetic)
        && !function.contains(term)
}

/// One term of a [`Tally`].
struct TermTally {
    term: String,
    /// Matching passages holding it.
    passages: u32,
    /// Its written forms (lowercased) with their counts.
    forms: Vec<(String, u32)>,
    /// The last passage that counted it (a passage counts a term once).
    seen_in: u32,
    /// Whether it may be listed ([`is_content`]), decided once per term.
    content: bool,
}

/// What the matching passages hold, per term and per pair of neighbouring terms. Terms are
/// numbered as they come, so that pairs and the per-passage bookkeeping hash numbers.
#[derive(Default)]
struct Tally {
    ids: FxHashMap<String, u32>,
    terms: Vec<TermTally>,
    /// (first, second) -> (matching passages holding the pair, the last passage counted).
    pairs: FxHashMap<(u32, u32), (u32, u32)>,
    /// Passages added so far (the current one's number, from 1).
    passages: u32,
}

impl Tally {
    fn id(&mut self, term: &str, function: &HashSet<String>) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = u32::try_from(self.terms.len()).unwrap_or(u32::MAX);
        self.ids.insert(term.to_string(), id);
        self.terms.push(TermTally {
            term: term.to_string(),
            passages: 0,
            forms: Vec::new(),
            seen_in: 0,
            content: is_content(term, function),
        });
        id
    }

    fn add_passage(&mut self, text: &str, analyzer: &mut TextAnalyzer, function: &HashSet<String>) {
        self.passages += 1;
        let passage = self.passages;
        let mut previous: Option<(u32, usize)> = None;
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            let token = stream.token();
            let id = self.id(&token.text, function);
            let entry = &mut self.terms[id as usize];
            if !entry.content {
                previous = None;
                continue;
            }
            if entry.seen_in != passage {
                entry.seen_in = passage;
                entry.passages += 1;
            }
            let surface = text.get(token.offset_from..token.offset_to).unwrap_or("");
            match entry
                .forms
                .iter_mut()
                .find(|(w, _)| w.eq_ignore_ascii_case(surface))
            {
                Some(form) => form.1 += 1,
                None => entry.forms.push((surface.to_lowercase(), 1)),
            }
            if let Some((before, position)) = previous {
                if position + 1 == token.position {
                    let pair = self.pairs.entry((before, id)).or_insert((0, 0));
                    if pair.1 != passage {
                        *pair = (pair.0 + 1, passage);
                    }
                }
            }
            previous = Some((id, token.position));
        }
    }

    /// The term numbered `id`.
    fn term(&self, id: u32) -> &TermTally {
        &self.terms[id as usize]
    }

    fn merge(mut self, other: Tally) -> Tally {
        let mut renumber = Vec::with_capacity(other.terms.len());
        let none = HashSet::new();
        for theirs in other.terms {
            let id = self.id(&theirs.term, &none);
            self.terms[id as usize].content = theirs.content;
            renumber.push(id);
            let mine = &mut self.terms[id as usize];
            mine.passages += theirs.passages;
            for (form, n) in theirs.forms {
                match mine.forms.iter_mut().find(|(w, _)| *w == form) {
                    Some(f) => f.1 += n,
                    None => mine.forms.push((form, n)),
                }
            }
        }
        for ((a, b), (count, _)) in other.pairs {
            let key = (renumber[a as usize], renumber[b as usize]);
            self.pairs.entry(key).or_insert((0, 0)).0 += count;
        }
        self.passages += other.passages;
        self
    }
}

/// The commonest written form of a term.
fn commonest(forms: &[(String, u32)]) -> String {
    forms
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|f| f.0.clone())
        .unwrap_or_default()
}

impl Session<'_> {
    /// The `limit` words and two-word phrases most characteristic of the passages `query`
    /// matches (strict reading, date filters of `options` applied) against the rest of the
    /// index. Words are counted after analysis, so word forms and spellings count together;
    /// function words and numbers are left out.
    pub fn key_terms(
        &self,
        query: &str,
        options: &SearchOptions,
        limit: usize,
    ) -> Result<KeyTerms> {
        self.index.guarded(|| {
            let prepared = self.prepare(query, options)?;
            let searcher = self.index.searcher()?;
            let addresses = matching_addresses(&searcher, prepared.query())?;
            let text_field = self.index.fields().text;
            let function = function_terms(&mut analyzer());
            let tally = addresses
                .par_chunks(BATCH)
                .try_fold(Tally::default, |mut tally, chunk| -> Result<Tally> {
                    let mut analyzer = analyzer();
                    for &address in chunk {
                        let doc: TantivyDocument = searcher.doc(address)?;
                        let text = doc
                            .get_first(text_field)
                            .and_then(|v| v.as_str())
                            .unwrap_or("");
                        tally.add_passage(text, &mut analyzer, &function);
                    }
                    Ok(tally)
                })
                .try_reduce(Tally::default, |a, b| Ok(a.merge(b)))?;
            let fg = addresses.len() as u64;
            let total = searcher.num_docs().max(fg);
            let rest = total - fg;
            let keyness = |k1: u64, corpus: u64| {
                let k2 = corpus.saturating_sub(k1).min(rest);
                let over = (k1 as f64) * (rest as f64) > (k2 as f64) * (fg as f64);
                (over, log_likelihood(k1, fg, k2, rest))
            };
            let mut terms: Vec<KeyTerm> = Vec::new();
            let mut document_frequency: HashMap<&str, u64> = HashMap::new();
            for entry in &tally.terms {
                let (term, count, forms) = (&entry.term, &entry.passages, &entry.forms);
                if *count < MIN_COUNT {
                    continue;
                }
                let corpus = searcher
                    .doc_freq(&Term::from_field_text(text_field, term))?
                    .max(u64::from(*count));
                document_frequency.insert(term, corpus);
                let (over, g2) = keyness(u64::from(*count), corpus);
                if over {
                    terms.push(KeyTerm {
                        term: term.clone(),
                        word: commonest(forms),
                        phrase: false,
                        in_results: u64::from(*count),
                        in_corpus: corpus,
                        g2,
                    });
                }
            }
            // Phrases: the candidates whose table would be most lopsided if every passage
            // holding the rarer word held the phrase; their corpus counts are then counted.
            let mut candidates: Vec<(f64, (&str, &str), u32)> = tally
                .pairs
                .iter()
                .filter(|(_, &(count, _))| count >= MIN_COUNT)
                .filter_map(|(&(a, b), &(count, _))| {
                    let pair = (tally.term(a).term.as_str(), tally.term(b).term.as_str());
                    let bound = document_frequency
                        .get(pair.0)?
                        .min(document_frequency.get(pair.1)?);
                    let (over, g2) = keyness(u64::from(count), *bound);
                    over.then_some((g2, pair, count))
                })
                .collect();
            candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            for (_, (first, second), count) in candidates.into_iter().take(limit + 10) {
                let phrase = PhraseQuery::new(vec![
                    Term::from_field_text(text_field, first),
                    Term::from_field_text(text_field, second),
                ]);
                let corpus = (searcher.search(&phrase, &Count)? as u64).max(u64::from(count));
                let (over, g2) = keyness(u64::from(count), corpus);
                let word = |t: &str| {
                    tally
                        .ids
                        .get(t)
                        .map(|&id| commonest(&tally.term(id).forms))
                        .unwrap_or_default()
                };
                if over {
                    terms.push(KeyTerm {
                        term: format!("{first} {second}"),
                        word: format!("{} {}", word(first), word(second)),
                        phrase: true,
                        in_results: u64::from(count),
                        in_corpus: corpus,
                        g2,
                    });
                }
            }
            terms.sort_by(|a, b| b.g2.total_cmp(&a.g2).then_with(|| a.term.cmp(&b.term)));
            terms.truncate(limit);
            Ok(KeyTerms {
                query: query.to_string(),
                executed_query: prepared.executed().to_string(),
                passages: fg,
                corpus_passages: total,
                terms,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_likelihood_of_a_table_worked_by_hand() {
        // 10 of 100 matching passages hold the word, 20 of the other 900 do: 30 of 1000 in all.
        // Expected cells: 100·30/1000 = 3, 900·30/1000 = 27, 100·970/1000 = 97, 900·970/1000 = 873.
        // G² = 2 (10 ln(10/3) + 20 ln(20/27) + 90 ln(90/97) + 880 ln(880/873))
        //    = 2 (12.039728 − 6.002092 − 6.741118 + 7.027989) = 2 × 6.324507 = 12.649015
        let g2 = log_likelihood(10, 100, 20, 900);
        assert!((g2 - 12.649015).abs() < 1e-5, "{g2}");
        // Same rates in both: nothing to tell.
        assert!(log_likelihood(10, 100, 90, 900).abs() < 1e-9);
        // Symmetric in the two sides, and degenerate tables give 0.
        assert!((log_likelihood(20, 900, 10, 100) - g2).abs() < 1e-9);
        assert_eq!(log_likelihood(0, 0, 5, 10), 0.0);
        assert_eq!(log_likelihood(5, 5, 10, 10), 0.0);
    }

    #[test]
    fn function_words_and_numbers_never_count() {
        let function = function_terms(&mut analyzer());
        for word in ["the", "was", "said", "has", "1990", "x", "12.5"] {
            let term = crate::analysis::terms(word).pop().unwrap_or_default();
            assert!(!is_content(&term, &function), "{word} ({term})");
        }
        for word in ["troops", "Indonesia", "ISF", "COP29"] {
            let term = crate::analysis::terms(word).pop().unwrap();
            assert!(is_content(&term, &function), "{word}");
        }
    }

    #[test]
    fn a_passage_counts_each_word_and_neighbouring_pair_once() {
        let function = function_terms(&mut analyzer());
        let mut tally = Tally::default();
        let mut a = analyzer();
        tally.add_passage(
            "Peacekeeping troops, troops and Troops of the peacekeeping force.",
            &mut a,
            &function,
        );
        tally.add_passage("The force said troops", &mut a, &function);
        let id = |word: &str| tally.ids[&crate::analysis::terms(word)[0]];
        let troop = tally.term(id("troops"));
        assert_eq!(troop.passages, 2);
        assert_eq!(commonest(&troop.forms), "troops");
        let pair = |a: &str, b: &str| tally.pairs.get(&(id(a), id(b))).map(|p| p.0);
        assert_eq!(pair("peacekeeping", "troops"), Some(1));
        assert_eq!(pair("peacekeeping", "force"), Some(1));
        assert!(
            pair("force", "troops").is_none(),
            "a function word stands between"
        );
    }
}
