//! The word weights scores are computed with. BM25's usual weight `ln(1 + (N − n + ½)/(n + ½))`
//! never falls below `ln 2` for a word in half the passages, so that long queries drown in
//! their commonest words (THE, OF, BETWEEN). The weight used here is Robertson and Spärck
//! Jones's `ln((N − n + ½)/(n + ½))`, floored at [`MIN_IDF`], as SQLite FTS5 has it: it
//! reaches zero at half the passages, which makes the commonest words of the collection itself
//! a stop list.
//!
//! The readings of one query word in the index's languages (`stabil`, `fr:stabilis`) are weighed
//! as one word: each gets the weight of all of them together ([`Synonyms`]), so that a word is
//! not worth more in a language with few articles only because it is rare there.
//!
//! tantivy's BM25 takes its statistics from a [`Bm25StatisticsProvider`]: this one reports, for
//! each word, the number of passages that gives that weight under tantivy's own formula, so
//! passage scores, phrases and word pairs all use it.

use std::collections::HashMap;

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use super::surface::{self, surface_fields, SurfaceFields};
use crate::index::Fields;

/// The least weight a word that matches can have (it still tells a match from no match).
pub(crate) const MIN_IDF: f32 = 1e-3;

/// The terms weighed together with a term: its readings in the other languages of the index.
pub type Synonyms = HashMap<String, Vec<String>>;

/// The statistics of one searcher, with the weights above.
pub(crate) struct Statistics<'a> {
    searcher: &'a Searcher,
    synonyms: &'a Synonyms,
    /// The index's fields, to tell the surface fields (whose passage counts are estimated).
    fields: &'a Fields,
}

impl<'a> Statistics<'a> {
    /// The statistics of `searcher`'s index (of `fields`), each term weighed with its
    /// `synonyms`.
    pub(crate) fn new(searcher: &'a Searcher, synonyms: &'a Synonyms, fields: &'a Fields) -> Self {
        Statistics {
            searcher,
            synonyms,
            fields,
        }
    }

    /// The surface fields `field` is one of, if it is ([`surface_fields`]).
    pub(crate) fn surface_of(&self, field: Field) -> Option<SurfaceFields> {
        surface_fields(self.fields, field)
    }

    /// The passages holding `term`: counted by the dictionary, estimated for a form of a surface
    /// field ([`surface::doc_freq`]).
    fn passages_with(&self, field: Field, text: &str) -> tantivy::Result<u64> {
        match self.surface_of(field) {
            Some(surface) => surface::doc_freq(self.searcher, surface, text),
            None => self.searcher.doc_freq(&Term::from_field_text(field, text)),
        }
    }

    /// The weight of `term`: [`idf`] over passages (of the term and its synonyms).
    pub(crate) fn idf(&self, term: &Term) -> tantivy::Result<f32> {
        let value = term.value();
        let Some(text) = value.as_str() else {
            return Ok(idf(
                self.searcher.doc_freq(term)?,
                self.searcher.total_num_docs()?,
            ));
        };
        let mut n = self.passages_with(term.field(), text)?;
        for other in self.synonyms.get(text).into_iter().flatten() {
            n += self.passages_with(term.field(), other)?;
        }
        Ok(idf(n, self.searcher.total_num_docs()?))
    }
}

/// Robertson–Spärck Jones weight of a word found in `n` of `total` documents, floored at
/// [`MIN_IDF`].
pub(crate) fn idf(n: u64, total: u64) -> f32 {
    let (n, total) = (n as f32, total.max(n) as f32);
    ((total - n + 0.5) / (n + 0.5)).ln().max(MIN_IDF)
}

/// The document frequency that makes tantivy's weight `ln((docs + 1)/(df + ½))` equal `weight`.
fn equivalent_doc_freq(weight: f32, docs: u64) -> u64 {
    let df = (docs as f64 + 1.0) / f64::from(weight).exp() - 0.5;
    (df.round().max(0.0) as u64).min(docs)
}

impl Bm25StatisticsProvider for Statistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        self.searcher.total_num_tokens(field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.searcher.total_num_docs()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        Ok(equivalent_doc_freq(
            self.idf(term)?,
            self.searcher.total_num_docs()?,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weight_vanishes_at_half_the_documents() {
        assert!(idf(1, 1000) > 6.0);
        assert!(idf(100, 1000) > idf(200, 1000));
        assert_eq!(idf(500, 1000), MIN_IDF);
        assert_eq!(idf(900, 1000), MIN_IDF);
        assert_eq!(idf(5, 3), MIN_IDF);
    }

    #[test]
    fn equivalent_frequency_gives_the_weight_back() {
        let docs = 70_000;
        for weight in [MIN_IDF, 0.01, 0.5, 2.0, 5.0, 9.0] {
            let df = equivalent_doc_freq(weight, docs);
            let back = ((docs as f32 + 1.0) / (df as f32 + 0.5)).ln();
            assert!(
                (back - weight).abs() < 0.02 * weight.max(0.1),
                "{weight} → {back}"
            );
        }
    }
}
