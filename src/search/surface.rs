//! Words as written, read from a surface field and its term field together
//! ([`crate::analysis::surface`]): a form stands at the positions the surface field gives it,
//! and at the positions of the same string in the term field less those of its mark.
//!
//! [`FormQuery`] matches a form or a phrase of forms with BM25 (the term field's norms and
//! length, so that `--exact` scores as the main fields do); [`FormPrefixQuery`] matches every
//! form that starts with a prefix. [`doc_freq`] estimates the passages holding a form, for its
//! weight.

use std::fmt;

use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{
    BitSetDocSet, Bm25StatisticsProvider, Bm25Weight, ConstScorer, EmptyScorer, EnableScoring,
    Explanation, Query, Scorer, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{BitSet, DocId, DocSet, Score, Searcher, SegmentReader, Term, TERMINATED};

use crate::analysis::has_language_code;
use crate::analysis::surface::mark;
use crate::index::Fields;

/// A surface field and the term field it completes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SurfaceFields {
    /// Forms that differ from their terms, and marks (`title_exact`, `text_exact`).
    pub(crate) surface: Field,
    /// The terms of the same words (`title`, `text`).
    pub(crate) terms: Field,
}

/// The surface fields `field` is one of (`title_exact` with `title`, `text_exact` with
/// `text`), if it is.
pub(crate) fn surface_fields(fields: &Fields, field: Field) -> Option<SurfaceFields> {
    [SurfaceFields::title(fields), SurfaceFields::text(fields)]
        .into_iter()
        .find(|pair| pair.surface == field)
}

impl SurfaceFields {
    /// The headline's: `title_exact` with `title`.
    pub(crate) fn title(fields: &Fields) -> SurfaceFields {
        SurfaceFields {
            surface: fields.title_exact,
            terms: fields.title,
        }
    }

    /// The passage text's: `text_exact` with `text`.
    pub(crate) fn text(fields: &Fields) -> SurfaceFields {
        SurfaceFields {
            surface: fields.text_exact,
            terms: fields.text,
        }
    }

    /// `text` as a term of the surface field.
    fn in_surface(&self, text: &str) -> Term {
        Term::from_field_text(self.surface, text)
    }

    /// `text` as a term of the term field.
    fn in_terms(&self, text: &str) -> Term {
        Term::from_field_text(self.terms, text)
    }
}

/// The postings of one form in one segment: documents where it is written, with how often and
/// where.
pub(crate) struct FormPostings {
    /// The form in the surface field (where its term differs from it).
    written: Option<SegmentPostings>,
    /// The same string in the term field (where a word reads as it is written, or not).
    read: Option<SegmentPostings>,
    /// The form's mark: the positions of `read` where the word was written otherwise.
    marks: Option<SegmentPostings>,
    doc: DocId,
    freq: u32,
    /// Buffers for the positions of `read` and `marks`.
    read_positions: Vec<u32>,
    marked_positions: Vec<u32>,
}

fn doc_of(postings: &Option<SegmentPostings>) -> DocId {
    postings.as_ref().map_or(TERMINATED, DocSet::doc)
}

/// How often `postings` (moved forward to `doc`) hold their term in `doc`.
fn freq_at(postings: Option<&mut SegmentPostings>, doc: DocId) -> u32 {
    let Some(p) = postings else {
        return 0;
    };
    if p.doc() <= doc && p.seek(doc) == doc {
        p.term_freq()
    } else {
        0
    }
}

impl FormPostings {
    /// Opens the postings of `form` in `segment`, on its first document.
    pub(crate) fn open(
        segment: &SegmentReader,
        fields: SurfaceFields,
        form: &str,
        option: IndexRecordOption,
    ) -> tantivy::Result<FormPostings> {
        let surface = segment.inverted_index(fields.surface)?;
        let terms = segment.inverted_index(fields.terms)?;
        let written = surface.read_postings(&fields.in_surface(form), option)?;
        let read = terms.read_postings(&fields.in_terms(form), option)?;
        let marks = match read {
            Some(_) => surface.read_postings(&fields.in_surface(&mark(form)), option)?,
            None => None,
        };
        let mut postings = FormPostings {
            written,
            read,
            marks,
            doc: 0,
            freq: 0,
            read_positions: Vec::new(),
            marked_positions: Vec::new(),
        };
        postings.settle();
        Ok(postings)
    }

    /// Moves to the first document at or after the parts' current ones where the form is
    /// written at least once.
    fn settle(&mut self) -> DocId {
        loop {
            let (written, read) = (doc_of(&self.written), doc_of(&self.read));
            let doc = written.min(read);
            self.doc = doc;
            self.freq = 0;
            if doc == TERMINATED {
                return TERMINATED;
            }
            if let Some(p) = self.written.as_ref().filter(|_| written == doc) {
                self.freq += p.term_freq();
            }
            if let Some(p) = self.read.as_ref().filter(|_| read == doc) {
                let marked = freq_at(self.marks.as_mut(), doc);
                self.freq += p.term_freq().saturating_sub(marked);
            }
            if self.freq > 0 {
                return doc;
            }
            self.step_past(doc);
        }
    }

    /// Advances the parts that stand on `doc`.
    fn step_past(&mut self, doc: DocId) {
        for part in [&mut self.written, &mut self.read].into_iter().flatten() {
            if part.doc() == doc {
                part.advance();
            }
        }
    }
}

impl DocSet for FormPostings {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        self.step_past(self.doc);
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        for part in [&mut self.written, &mut self.read].into_iter().flatten() {
            if part.doc() < target {
                part.seek(target);
            }
        }
        self.settle()
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        [&self.written, &self.read]
            .into_iter()
            .flatten()
            .map(DocSet::size_hint)
            .sum()
    }
}

impl Postings for FormPostings {
    fn term_freq(&self) -> u32 {
        self.freq
    }

    fn append_positions_with_offset(&mut self, offset: u32, output: &mut Vec<u32>) {
        let start = output.len();
        let doc = self.doc;
        if let Some(p) = self.written.as_mut().filter(|p| p.doc() == doc) {
            p.append_positions_with_offset(offset, output);
        }
        if let Some(p) = self.read.as_mut().filter(|p| p.doc() == doc) {
            self.read_positions.clear();
            p.append_positions_with_offset(offset, &mut self.read_positions);
            self.marked_positions.clear();
            if let Some(m) = self.marks.as_mut().filter(|m| m.doc() == doc) {
                m.append_positions_with_offset(offset, &mut self.marked_positions);
            }
            let marked = &self.marked_positions;
            output.extend(
                self.read_positions
                    .iter()
                    .filter(|p| marked.binary_search(p).is_err()),
            );
        }
        output[start..].sort_unstable();
    }
}

/// Estimated number of documents of `searcher` where `form` is written: those holding it in
/// the surface field, plus those holding the same string as a term and never marked, plus half
/// of those holding the term marked somewhere (their count is not known without reading them).
pub(crate) fn doc_freq(
    searcher: &Searcher,
    fields: SurfaceFields,
    form: &str,
) -> tantivy::Result<u64> {
    let written = searcher.doc_freq(&fields.in_surface(form))?;
    let read = searcher.doc_freq(&fields.in_terms(form))?;
    if read == 0 {
        return Ok(written);
    }
    // Every passage with a mark of the form holds the form as a term at the marked position.
    let marked = searcher
        .doc_freq(&fields.in_surface(&mark(form)))?
        .min(read);
    Ok(written + (read - marked) + marked / 2)
}

/// A statistics provider that counts the length of a surface field's passages as its term
/// field's (the surface field keeps only some of their words).
struct TermLengths<'a> {
    inner: &'a dyn Bm25StatisticsProvider,
    fields: SurfaceFields,
}

impl Bm25StatisticsProvider for TermLengths<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        let field = if field == self.fields.surface {
            self.fields.terms
        } else {
            field
        };
        self.inner.total_num_tokens(field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.inner.total_num_docs()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        self.inner.doc_freq(term)
    }
}

/// A form, or a phrase of forms (each at its offset, within `slop`), as written.
#[derive(Clone, Debug)]
pub(crate) struct FormQuery {
    fields: SurfaceFields,
    forms: Vec<String>,
    slop: u32,
}

impl FormQuery {
    /// Matches `forms` side by side (one form: anywhere), `slop` words apart at most in all.
    pub(crate) fn new(fields: SurfaceFields, forms: Vec<String>, slop: u32) -> FormQuery {
        FormQuery {
            fields,
            forms,
            slop,
        }
    }
}

impl Query for FormQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let bm25 = match scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } if !self.forms.is_empty() => {
                let terms: Vec<Term> = self
                    .forms
                    .iter()
                    .map(|f| self.fields.in_surface(f))
                    .collect();
                let lengths = TermLengths {
                    inner: statistics_provider,
                    fields: self.fields,
                };
                Some(Bm25Weight::for_terms(&lengths, &terms)?)
            }
            _ => None,
        };
        Ok(Box::new(FormWeight {
            query: self.clone(),
            bm25,
        }))
    }
}

struct FormWeight {
    query: FormQuery,
    bm25: Option<Bm25Weight>,
}

impl FormWeight {
    fn postings(
        &self,
        reader: &SegmentReader,
        option: IndexRecordOption,
    ) -> tantivy::Result<Vec<FormPostings>> {
        self.query
            .forms
            .iter()
            .map(|f| FormPostings::open(reader, self.query.fields, f, option))
            .collect()
    }
}

impl Weight for FormWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let norms = reader.get_fieldnorms_reader(self.query.fields.terms)?;
        let bm25 = self.bm25.as_ref().map(|w| w.boost_by(boost));
        if self.query.forms.len() == 1 {
            let mut postings = self.postings(reader, IndexRecordOption::WithFreqs)?;
            return Ok(Box::new(FormScorer {
                postings: postings.remove(0),
                norms,
                bm25,
            }));
        }
        let postings = self.postings(reader, IndexRecordOption::WithFreqsAndPositions)?;
        if postings.is_empty() || postings.iter().any(|p| p.doc() == TERMINATED) {
            return Ok(Box::new(EmptyScorer));
        }
        Ok(Box::new(PhraseScorer::new(
            postings,
            norms,
            bm25,
            self.query.slop,
        )))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let what = format!("{} as written", self.query.forms.join(" "));
        explained(self.scorer(reader, 1.0)?, doc, what)
    }
}

/// The score of `doc` by `scorer`, under the name `what`; an error when `doc` does not match.
fn explained(
    mut scorer: Box<dyn Scorer>,
    doc: DocId,
    what: String,
) -> tantivy::Result<Explanation> {
    if scorer.seek(doc) != doc {
        return Err(tantivy::TantivyError::InvalidArgument(format!(
            "document {doc} does not match"
        )));
    }
    Ok(Explanation::new_with_string(what, scorer.score()))
}

/// Scores one form's documents by BM25.
struct FormScorer {
    postings: FormPostings,
    norms: tantivy::fieldnorm::FieldNormReader,
    bm25: Option<Bm25Weight>,
}

impl DocSet for FormScorer {
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for FormScorer {
    fn score(&mut self) -> Score {
        let doc = self.postings.doc();
        self.bm25.as_ref().map_or(1.0, |w| {
            w.score(self.norms.fieldnorm_id(doc), self.postings.term_freq())
        })
    }
}

/// Scores the documents where a phrase of forms stands by BM25 of how often it stands there.
///
/// The forms must come in order, the `i`-th form `i` words after the first; with `slop`,
/// the distances of each form from where it should stand add up to `slop` at most (so two
/// forms may also swap places within it).
struct PhraseScorer {
    /// The forms' postings, in the phrase's order.
    forms: Vec<FormPostings>,
    /// The form with fewest documents: it leads the intersection.
    lead: usize,
    norms: tantivy::fieldnorm::FieldNormReader,
    bm25: Option<Bm25Weight>,
    slop: u32,
    /// How often the phrase stands in the current document.
    count: u32,
    /// Positions of one form, read in the phrase's frame (position less offset).
    positions: Vec<u32>,
    /// Where the phrase can have reached so far, and the slop spent to get there.
    reached: Vec<(i64, u32)>,
    next: Vec<(i64, u32)>,
}

impl PhraseScorer {
    fn new(
        forms: Vec<FormPostings>,
        norms: tantivy::fieldnorm::FieldNormReader,
        bm25: Option<Bm25Weight>,
        slop: u32,
    ) -> PhraseScorer {
        let lead = (0..forms.len())
            .min_by_key(|&i| forms[i].size_hint())
            .unwrap_or(0);
        let mut scorer = PhraseScorer {
            forms,
            lead,
            norms,
            bm25,
            slop,
            count: 0,
            positions: Vec::new(),
            reached: Vec::new(),
            next: Vec::new(),
        };
        let first = scorer.forms[lead].doc();
        scorer.align(first);
        scorer
    }

    /// Moves every form to the first document from `candidate` on where the phrase stands.
    fn align(&mut self, mut candidate: DocId) -> DocId {
        'candidates: loop {
            if candidate == TERMINATED {
                self.count = 0;
                return TERMINATED;
            }
            for form in &mut self.forms {
                let doc = form.seek(candidate);
                if doc > candidate {
                    candidate = doc;
                    continue 'candidates;
                }
            }
            self.count = self.phrase_count();
            if self.count > 0 {
                return candidate;
            }
            candidate = self.forms[self.lead].advance();
        }
    }

    /// How often the phrase stands in the current document (all forms are on it).
    fn phrase_count(&mut self) -> u32 {
        self.reached.clear();
        for (offset, form) in self.forms.iter_mut().enumerate() {
            self.positions.clear();
            form.append_positions_with_offset(0, &mut self.positions);
            let frame = self.positions.iter().map(|&p| i64::from(p) - offset as i64);
            if offset == 0 {
                self.reached.extend(frame.map(|p| (p, 0)));
                continue;
            }
            self.next.clear();
            for at in frame {
                let spent = self
                    .reached
                    .iter()
                    .map(|&(p, s)| u64::from(s) + at.abs_diff(p))
                    .min();
                if let Some(spent) = spent.filter(|&s| s <= u64::from(self.slop)) {
                    self.next.push((at, spent as u32));
                }
            }
            std::mem::swap(&mut self.reached, &mut self.next);
            if self.reached.is_empty() {
                return 0;
            }
        }
        self.reached.len() as u32
    }
}

impl DocSet for PhraseScorer {
    fn advance(&mut self) -> DocId {
        let next = self.forms[self.lead].advance();
        self.align(next)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let next = self.forms[self.lead].seek(target);
        self.align(next)
    }

    fn doc(&self) -> DocId {
        if self.count == 0 {
            return TERMINATED;
        }
        self.forms[self.lead].doc()
    }

    fn size_hint(&self) -> u32 {
        self.forms[self.lead].size_hint()
    }
}

impl Scorer for PhraseScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc();
        self.bm25
            .as_ref()
            .map_or(1.0, |w| w.score(self.norms.fieldnorm_id(doc), self.count))
    }
}

/// Every form that starts with a prefix, as written; each match scores alike.
#[derive(Clone)]
pub(crate) struct FormPrefixQuery {
    fields: SurfaceFields,
    prefix: String,
}

impl fmt::Debug for FormPrefixQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FormPrefixQuery({}*)", self.prefix)
    }
}

impl FormPrefixQuery {
    /// Matches the forms that start with `prefix` (lowercased by the exact chain).
    pub(crate) fn new(fields: SurfaceFields, prefix: String) -> FormPrefixQuery {
        FormPrefixQuery { fields, prefix }
    }
}

impl Query for FormPrefixQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl FormPrefixQuery {
    /// The documents of `reader` holding a form that starts with the prefix.
    fn documents(&self, reader: &SegmentReader) -> tantivy::Result<BitSet> {
        let mut found = BitSet::with_max_value(reader.max_doc());
        let prefix = self.prefix.as_bytes();
        let surface = reader.inverted_index(self.fields.surface)?;
        let terms = reader.inverted_index(self.fields.terms)?;
        // Forms written otherwise than their terms read.
        let mut stream = surface.terms().range().ge(prefix).into_stream()?;
        while stream.advance() && stream.key().starts_with(prefix) {
            let mut p =
                surface.read_postings_from_terminfo(stream.value(), IndexRecordOption::Basic)?;
            while p.doc() != TERMINATED {
                found.insert(p.doc());
                p.advance();
            }
        }
        // Terms written as they read somewhere: in a document, more often than marked.
        let mut stream = terms.terms().range().ge(prefix).into_stream()?;
        while stream.advance() && stream.key().starts_with(prefix) {
            let Ok(term) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if has_language_code(term) {
                continue;
            }
            let mut p =
                terms.read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqs)?;
            let mut marks = surface.read_postings(
                &self.fields.in_surface(&mark(term)),
                IndexRecordOption::WithFreqs,
            )?;
            while p.doc() != TERMINATED {
                let doc = p.doc();
                if p.term_freq() > freq_at(marks.as_mut(), doc) {
                    found.insert(doc);
                }
                p.advance();
            }
        }
        Ok(found)
    }
}

impl Weight for FormPrefixQuery {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let docs = BitSetDocSet::from(self.documents(reader)?);
        Ok(Box::new(ConstScorer::new(docs, boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        explained(self.scorer(reader, 1.0)?, doc, format!("{self:?}"))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use proptest::prelude::*;
    use tantivy::collector::DocSetCollector;
    use tantivy::{Index, IndexWriter, TantivyDocument};

    use super::*;
    use crate::analysis::{self, analyze, exact_analyzer};
    use crate::index::build_schema;

    /// Words whose forms share terms (`price`, `prices`, `pricing`), are their own terms
    /// (`oil`), or differ from them only by case or spelling.
    const WORDS: &[&str] = &[
        "price",
        "prices",
        "Pricing",
        "priced",
        "Price",
        "oil",
        "the",
        "rising",
        "rise",
        "stabilisation",
        "stabilization",
        "colour",
        "color",
        "Qarabağ",
        "qarabag",
    ];

    /// An index of `texts` (English passages, one document each) and its searcher.
    fn searcher_of(texts: &[String]) -> (tantivy::Searcher, Fields) {
        let index = Index::create_in_ram(build_schema());
        analysis::register(&index);
        let fields = Fields::from_schema(&index.schema()).unwrap();
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for text in texts {
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.text, text);
            doc.add_text(fields.text_exact, text);
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        (index.reader().unwrap().searcher(), fields)
    }

    fn matches(searcher: &tantivy::Searcher, query: &dyn Query) -> BTreeSet<u32> {
        searcher
            .search(query, &DocSetCollector)
            .unwrap()
            .into_iter()
            .map(|address| address.doc_id)
            .collect()
    }

    /// The documents where `forms` stand side by side as written, read from the texts.
    fn naive(texts: &[String], found: impl Fn(&[String]) -> bool) -> BTreeSet<u32> {
        (0..texts.len() as u32)
            .filter(|&doc| {
                let forms: Vec<String> = analyze(&mut exact_analyzer(), &texts[doc as usize])
                    .into_iter()
                    .map(|t| t.term)
                    .collect();
                found(&forms)
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn forms_phrases_and_prefixes_match_exactly_where_written(
            texts in proptest::collection::vec(
                proptest::collection::vec(proptest::sample::select(WORDS), 1..12)
                    .prop_map(|words| words.join(" ")),
                1..20,
            ),
            first in proptest::sample::select(WORDS),
            second in proptest::sample::select(WORDS),
            third in proptest::sample::select(WORDS),
            slop in 0u32..4,
        ) {
            let (searcher, fields) = searcher_of(&texts);
            let surface = SurfaceFields::text(&fields);
            let form = |word: &str| analyze(&mut exact_analyzer(), word)[0].term.clone();
            let (a, b) = (form(first), form(second));

            let one = FormQuery::new(surface, vec![a.clone()], 0);
            prop_assert_eq!(matches(&searcher, &one), naive(&texts, |f| f.contains(&a)));

            let phrase = FormQuery::new(surface, vec![a.clone(), b.clone()], 0);
            let side_by_side = |f: &[String]| f.windows(2).any(|w| w[0] == a && w[1] == b);
            prop_assert_eq!(matches(&searcher, &phrase), naive(&texts, side_by_side));

            // With slop: some choice of the three forms' positions whose distances from
            // their places (each one after the one before) add up to `slop` at most.
            let c = form(third);
            let sloppy = FormQuery::new(surface, vec![a.clone(), b.clone(), c.clone()], slop);
            let within = |f: &[String]| {
                let at = |w: &String| -> Vec<i64> {
                    (0..f.len()).filter(|&i| f[i] == *w).map(|i| i as i64).collect()
                };
                at(&a).iter().any(|&i| {
                    at(&b).iter().any(|&j| {
                        at(&c).iter().any(|&k| {
                            let spent = (j - 1 - i).unsigned_abs() + (k - 1 - j).unsigned_abs();
                            spent <= u64::from(slop)
                        })
                    })
                })
            };
            prop_assert_eq!(matches(&searcher, &sloppy), naive(&texts, within));

            let prefix: String = a.chars().take(4).collect();
            let starting = FormPrefixQuery::new(surface, prefix.clone());
            let any_starting = |f: &[String]| f.iter().any(|w| w.starts_with(&prefix));
            prop_assert_eq!(matches(&searcher, &starting), naive(&texts, any_starting));
        }
    }
}
