//! Turning a parsed query into tantivy queries over passages, the rules for highlighting what
//! matched, and the query as it is run after analysis and glossary expansion (shown to the user).

use std::ops::Bound;

use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, PhraseQuery, Query,
    RangeQuery, RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DateTime, Term};
use time::Date;

use super::query::{QueryField, QueryNode, WordMatch};
use super::statistics::Synonyms;
use super::surface::{surface_fields, FormPrefixQuery, FormQuery};
use crate::analysis::{
    analyze, in_capitals, is_acronym, needs_transliteration, stop_words, AnalyzedToken, Expander,
};
use crate::index::Fields;
use crate::language::Language;

/// Weight of a title match relative to a passage-text match.
pub const TITLE_BOOST: f32 = 2.0;
/// Words of a query found within this distance of each other earn the proximity bonus.
const PROXIMITY_SLOP: u32 = 3;
/// Queries with more plain words than this get no proximity bonus (a phrase of that many
/// words almost never matches, and checking it costs).
const MAX_PROXIMITY_TERMS: usize = 16;
/// Weight of the proximity bonus.
const PROXIMITY_BOOST: f32 = 1.0;
/// Weight of the bonus for each pair of neighbouring query words found side by side, in order.
/// Long queries rarely match as one phrase, but their word pairs still do.
const PAIR_BOOST: f32 = 0.5;
/// A pair may stand one word apart (`Bank of Japan` for `Bank Japan`): function words are not
/// part of a bag of words, so a pair reads alike whether the user typed them or not.
const PAIR_SLOP: u32 = 1;
/// Only the first this many plain words of a query form pairs (each pair is a phrase to check).
const MAX_PAIR_TERMS: usize = 32;
/// Weight of the form the user typed among its glossary variants.
pub const TYPED_FORM_BOOST: f32 = 1.25;
/// Weight of a capitalised word's match in the form typed (`Hamas`, not `Hama`), on top of
/// the match of its stem.
const SURFACE_BOOST: f32 = 0.5;
/// Weight of an upper-case acronym match (`ISF` written in capitals) on top of the plain match.
const ACRONYM_BOOST: f32 = 1.0;

/// What lights up in passage text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matcher {
    /// A term, or a phrase's terms in order with at most `slop` extra words between them.
    Terms {
        /// Analysed terms, in order.
        terms: Vec<String>,
        /// Extra words allowed between them.
        slop: u32,
    },
    /// A term within `distance` edits.
    Fuzzy {
        /// The analysed term.
        term: String,
        /// Edits allowed.
        distance: u8,
    },
    /// A word whose lowercase form starts with `prefix`.
    Prefix {
        /// The lowercase prefix.
        prefix: String,
    },
}

/// How to read the query.
#[derive(Debug, Clone, Copy)]
pub struct CompileOptions<'a> {
    /// Expand glossary names to all their forms (`None`: no expansion).
    pub expander: Option<&'a Expander>,
    /// Match surface forms only: no stemming, folding or spelling normalisation, no expansion.
    pub exact: bool,
    /// Only passages of articles published on or after this day.
    pub since: Option<Date>,
    /// Only passages of articles published on or before this day.
    pub until: Option<Date>,
    /// Only passages of articles in these languages (`--lang`; empty: every language).
    pub languages: &'a [Language],
    /// Words typed in one script also match articles written in another (transliteration);
    /// without it a word is read only in the languages written in its own script.
    pub transliterate: bool,
}

impl Default for CompileOptions<'_> {
    fn default() -> Self {
        CompileOptions {
            expander: None,
            exact: false,
            since: None,
            until: None,
            languages: &[],
            transliterate: true,
        }
    }
}

/// A query ready to run.
pub struct Compiled {
    /// Every word must match (the strict reading).
    pub strict: Box<dyn Query>,
    /// Some words may be missing (used to fill a page when strict matches run out); `None` when it
    /// would equal `strict`.
    pub relaxed: Option<Box<dyn Query>>,
    /// What to highlight in passage text.
    pub matchers: Vec<Matcher>,
    /// The query after analysis and expansion, as shown to the user.
    pub executed: String,
    /// The analysed terms of the query's positive words and phrases in the passage text field,
    /// each once (the words an article as a whole is scored on).
    pub words: Vec<String>,
    /// The passage text field the words belong to.
    pub text_field: Field,
    /// The title field of the same analysis.
    pub title_field: Field,
    /// The readings of each word in the other languages, weighed with it as one word.
    pub synonyms: Synonyms,
}

/// A query part after analysis.
#[derive(Debug, Clone)]
enum Part {
    Terms {
        terms: Vec<String>,
        slop: u32,
        field: Option<QueryField>,
        boost: f32,
        /// Written in capitals: also matched in the acronym field, as this term.
        acronym: Option<String>,
        /// A capitalised word's form as typed (lowercase), when analysis changed it
        /// (`Hamas` → `hama`): also matched in the exact text, so the name outranks its stem.
        surface: Option<String>,
        /// An unquoted word (may join its neighbours into a glossary name).
        word: bool,
        /// The words as typed (or as the glossary writes them), analysed again in each other
        /// language of the index.
        text: String,
        /// The terms of `text` in the other languages' chains (`ru:karabakh`), where they
        /// differ: an article matches through its own language's analysis.
        alternatives: Vec<Vec<String>>,
    },
    Fuzzy {
        term: String,
        distance: u8,
        field: Option<QueryField>,
    },
    Prefix {
        prefix: String,
        field: Option<QueryField>,
    },
    Dates {
        from: Option<Date>,
        to: Option<Date>,
    },
    All(Vec<Part>),
    Any(Vec<Part>),
    Not(Box<Part>),
    /// A word that analyses to nothing (punctuation), or a function word among the words of a
    /// bag: matches as if absent.
    Nothing,
}

/// The analyzers a query is read with.
pub struct Analyzers {
    /// The main chain (English).
    pub main: TextAnalyzer,
    /// The chains of the other languages of the index (or of those `--lang` names).
    pub others: Vec<(Language, TextAnalyzer)>,
    /// The exact chain.
    pub exact: TextAnalyzer,
    /// The acronym chain.
    pub acronym: TextAnalyzer,
}

struct Compiler<'a> {
    fields: &'a Fields,
    analyzers: &'a mut Analyzers,
    options: CompileOptions<'a>,
    /// Capitals in the query tell acronyms apart (the query is not written in capitals).
    capitals: bool,
    /// The readings of words in several languages, gathered as they are found.
    synonyms: Synonyms,
    /// The terms of the function words ([`stop_words`] of the languages read).
    stop_terms: Vec<String>,
}

/// Compiles a parsed query against the index fields.
pub fn compile(
    node: &QueryNode,
    fields: &Fields,
    analyzers: &mut Analyzers,
    options: CompileOptions<'_>,
) -> Compiled {
    let mut compiler = Compiler {
        fields,
        analyzers,
        options,
        capitals: !in_capitals(&typed_words(node)),
        synonyms: Synonyms::new(),
        stop_terms: Vec::new(),
    };
    let languages: Vec<Language> = compiler.analyzers.others.iter().map(|(l, _)| *l).collect();
    compiler.stop_terms = stop_words(&languages)
        .flat_map(|w| compiler.terms(w))
        .collect();
    let mut part = compiler.analyse(node);
    compiler.add_alternatives(&mut part);
    let mut matchers = Vec::new();
    collect_matchers(&part, &mut matchers);
    let mut words = Vec::new();
    for matcher in &matchers {
        if let Matcher::Terms { terms, .. } = matcher {
            for term in terms {
                if !words.contains(term) {
                    words.push(term.clone());
                }
            }
        }
    }
    let relaxed = match &part {
        Part::All(parts) if parts.iter().filter(|p| is_scored(p)).count() > 1 => {
            Some(compiler.build_all(parts, Occur::Should))
        }
        _ => None,
    };
    let strict = compiler.build(&part);
    Compiled {
        strict: compiler.filtered(strict),
        relaxed: relaxed.map(|q| compiler.filtered(q)),
        matchers,
        executed: render_with_filters(&part, &options),
        words,
        text_field: compiler.text_field(),
        title_field: if options.exact {
            fields.title_exact
        } else {
            fields.title
        },
        synonyms: std::mem::take(&mut compiler.synonyms),
    }
}

impl Compiler<'_> {
    fn terms(&mut self, text: &str) -> Vec<String> {
        if is_read(text) {
            // Terms of one language's reading, as `searched:` shows them: kept as they are.
            return text
                .split_whitespace()
                .flat_map(|piece| match is_read(piece) {
                    true => vec![piece.to_lowercase()],
                    false => self.terms(piece),
                })
                .collect();
        }
        let analyzer = if self.options.exact {
            &mut self.analyzers.exact
        } else {
            &mut self.analyzers.main
        };
        analyze(analyzer, text)
            .into_iter()
            .map(|t| t.term)
            .collect()
    }

    fn analyse(&mut self, node: &QueryNode) -> Part {
        match node {
            QueryNode::Word {
                text,
                field,
                matching,
                ..
            } => self.word(text, *field, *matching),
            QueryNode::Phrase {
                text, slop, field, ..
            } => {
                let terms = self.terms(text);
                if terms.is_empty() {
                    return Part::Nothing;
                }
                self.expand(Part::Terms {
                    acronym: None,
                    surface: None,
                    word: false,
                    terms,
                    slop: *slop,
                    field: *field,
                    boost: 1.0,
                    text: text.clone(),
                    alternatives: Vec::new(),
                })
            }
            QueryNode::Dates { from, to, .. } => Part::Dates {
                from: *from,
                to: *to,
            },
            QueryNode::All(parts) => {
                let parts: Vec<Part> = parts.iter().map(|p| self.analyse(p)).collect();
                simplify(Part::All(
                    self.without_function_words(self.expand_runs(parts)),
                ))
            }
            QueryNode::Any(parts) => {
                simplify(Part::Any(parts.iter().map(|p| self.analyse(p)).collect()))
            }
            QueryNode::Not(inner) => match self.analyse(inner) {
                Part::Nothing => Part::Nothing,
                inner => Part::Not(Box::new(inner)),
            },
        }
    }

    fn word(&mut self, text: &str, field: Option<QueryField>, matching: WordMatch) -> Part {
        let terms = self.terms(text);
        match (matching, terms.as_slice()) {
            (_, []) => Part::Nothing,
            (WordMatch::Fuzzy(distance), [term]) => Part::Fuzzy {
                term: term.clone(),
                distance,
                field,
            },
            (WordMatch::Prefix, _) => Part::Prefix {
                prefix: analyze(&mut self.analyzers.exact, text)
                    .into_iter()
                    .map(|t| t.term)
                    .collect(),
                field,
            },
            _ => {
                let acronym = (self.capitals && is_acronym(text) && !self.options.exact)
                    .then(|| analyze(&mut self.analyzers.acronym, text))
                    .and_then(|t| t.into_iter().next())
                    .map(|t| t.term);
                let capitalised = text.chars().next().is_some_and(char::is_uppercase);
                let surface = (self.capitals && capitalised && !self.options.exact)
                    .then(|| analyze(&mut self.analyzers.exact, text))
                    .and_then(|t| match t.as_slice() {
                        [one] => Some(one.term.clone()),
                        _ => None,
                    })
                    .filter(|form| terms.len() == 1 && *form != terms[0]);
                self.expand(Part::Terms {
                    acronym,
                    surface,
                    word: true,
                    terms,
                    slop: 0,
                    field,
                    boost: 1.0,
                    text: text.to_string(),
                    alternatives: Vec::new(),
                })
            }
        }
    }

    /// Reads every word and phrase again in each other language of the index (each article
    /// matches through its own language's analysis). Without transliteration a language is
    /// read only when it is written in the script of the words.
    fn add_alternatives(&mut self, part: &mut Part) {
        match part {
            Part::Terms {
                terms,
                field,
                text,
                alternatives,
                ..
            } if !self.options.exact
                && !is_read(text)
                && !matches!(field, Some(QueryField::Author | QueryField::Source)) =>
            {
                let latin = !needs_transliteration(text);
                for (language, chain) in &mut self.analyzers.others {
                    if !self.options.transliterate && language.is_latin() != latin {
                        continue;
                    }
                    for alternative in readings(&analyze(chain, text)) {
                        if alternative != *terms && !alternatives.contains(&alternative) {
                            alternatives.push(alternative);
                        }
                    }
                }
                for (i, term) in terms
                    .iter()
                    .enumerate()
                    .filter(|_| !alternatives.is_empty())
                {
                    let group: Vec<&String> = std::iter::once(term)
                        .chain(alternatives.iter().filter_map(|a| a.get(i)))
                        .collect();
                    for member in &group {
                        let others = group
                            .iter()
                            .filter(|t| **t != *member)
                            .map(|t| t.to_string());
                        let known = self.synonyms.entry(member.to_string()).or_default();
                        for other in others {
                            if !known.contains(&other) {
                                known.push(other);
                            }
                        }
                    }
                }
            }
            Part::All(parts) | Part::Any(parts) => {
                parts.iter_mut().for_each(|p| self.add_alternatives(p));
            }
            Part::Not(inner) => self.add_alternatives(inner),
            _ => {}
        }
    }

    /// Replaces a word or phrase that names a glossary entry by all the entry's forms.
    fn expand(&self, part: Part) -> Part {
        let Part::Terms {
            terms,
            slop: 0,
            field: None,
            ..
        } = &part
        else {
            return part;
        };
        match self.variants(terms) {
            Some(variants) => Part::Any(
                std::iter::once(boosted(part.clone()))
                    .chain(variants.into_iter().filter(|v| !same_terms(v, terms)))
                    .collect(),
            ),
            None => part,
        }
    }

    /// The forms of the glossary entry named by `terms`, without those that only repeat another
    /// form with more words (`gaza strip` adds nothing to `gaza`); `None` when nothing is left
    /// to add.
    fn variants(&self, terms: &[String]) -> Option<Vec<Part>> {
        let expander = self.options.expander.filter(|_| !self.options.exact)?;
        let (_, forms) = expander.expand(terms)?;
        let needed: Vec<_> = forms
            .iter()
            .filter(|f| {
                let covered = |shorter: &[String]| {
                    shorter.len() < f.terms.len()
                        && f.terms.windows(shorter.len()).any(|w| w == shorter)
                };
                !covered(terms) && !forms.iter().any(|g| covered(&g.terms))
            })
            .collect();
        if needed.iter().all(|f| f.terms == terms) {
            return None;
        }
        Some(
            needed
                .into_iter()
                .map(|form| Part::Terms {
                    terms: form.terms.clone(),
                    slop: 0,
                    field: None,
                    boost: 1.0,
                    acronym: match form.terms.as_slice() {
                        [term] if form.acronym => Some(term.clone()),
                        _ => None,
                    },
                    surface: None,
                    word: false,
                    text: form.text.clone(),
                    alternatives: Vec::new(),
                })
                .collect(),
        )
    }

    /// Joins runs of unquoted words that together name a glossary entry
    /// (`International Stabilisation Force`) into that entry's forms.
    fn expand_runs(&self, parts: Vec<Part>) -> Vec<Part> {
        let Some(expander) = self.options.expander.filter(|_| !self.options.exact) else {
            return parts;
        };
        let longest = expander.longest_form();
        let mut out = Vec::with_capacity(parts.len());
        let mut i = 0;
        while i < parts.len() {
            let found = (2..=longest.min(parts.len() - i)).rev().find_map(|len| {
                let (run, text) = plain_words(&parts[i..i + len])?;
                self.variants(&run)
                    .map(|variants| (len, run, text, variants))
            });
            match found {
                Some((len, run, text, variants)) => {
                    let typed = Part::Terms {
                        terms: run.clone(),
                        slop: 0,
                        field: None,
                        boost: TYPED_FORM_BOOST,
                        acronym: None,
                        surface: None,
                        word: false,
                        text,
                        alternatives: Vec::new(),
                    };
                    let others = variants.into_iter().filter(|v| !same_terms(v, &run));
                    out.push(Part::Any(std::iter::once(typed).chain(others).collect()));
                    i += len;
                }
                None => {
                    out.push(parts[i].clone());
                    i += 1;
                }
            }
        }
        out
    }

    /// Drops the function words of a bag of words, unless the bag holds nothing else (`to be or
    /// not to be`); a word typed in capitals is kept (`IT`). The query reads alike with and
    /// without them (`aliyev and troops`, `Bank of Japan`).
    fn without_function_words(&self, parts: Vec<Part>) -> Vec<Part> {
        let function = |part: &Part| match part {
            Part::Terms {
                terms,
                slop: 0,
                field: None,
                word: true,
                acronym: None,
                ..
            } => matches!(terms.as_slice(), [t] if self.stop_terms.contains(t)),
            _ => false,
        };
        if !parts.iter().any(|p| is_scored(p) && !function(p)) {
            return parts;
        }
        parts.into_iter().filter(|p| !function(p)).collect()
    }

    fn build(&self, part: &Part) -> Box<dyn Query> {
        match part {
            Part::Terms {
                terms,
                slop,
                field,
                boost,
                acronym,
                surface,
                alternatives,
                ..
            } => {
                let query = self.leaf(terms, *slop, *field, acronym.as_deref());
                let query = self.with_surface(query, *field, surface.as_deref());
                let query = if alternatives.is_empty() {
                    query
                } else {
                    let others = alternatives
                        .iter()
                        .map(|alt| (Occur::Should, self.leaf(alt, *slop, *field, None)));
                    Box::new(BooleanQuery::new(
                        std::iter::once((Occur::Should, query))
                            .chain(others)
                            .collect(),
                    ))
                };
                if (*boost - 1.0).abs() > f32::EPSILON {
                    Box::new(BoostQuery::new(query, *boost))
                } else {
                    query
                }
            }
            Part::Fuzzy {
                term,
                distance,
                field,
            } => self.per_field(*field, false, &|f| {
                Box::new(FuzzyTermQuery::new(
                    Term::from_field_text(f, term),
                    *distance,
                    true,
                ))
            }),
            Part::Prefix { prefix, field } => {
                self.per_field(*field, true, &|f| match surface_fields(self.fields, f) {
                    Some(surface) => Box::new(FormPrefixQuery::new(surface, prefix.clone())),
                    None => {
                        let pattern = format!("{}.*", regex_escape(prefix));
                        match RegexQuery::from_pattern(&pattern, f) {
                            Ok(query) => Box::new(query),
                            Err(_) => Box::new(BooleanQuery::new(Vec::new())),
                        }
                    }
                })
            }
            Part::Dates { from, to } => unscored(date_range(self.fields.date, *from, *to)),
            Part::All(parts) => self.build_all(parts, Occur::Must),
            Part::Any(parts) => Box::new(BooleanQuery::new(
                parts
                    .iter()
                    .map(|p| (Occur::Should, self.build(p)))
                    .collect(),
            )),
            Part::Not(inner) => {
                Box::new(BooleanQuery::new(vec![(Occur::MustNot, self.build(inner))]))
            }
            Part::Nothing => Box::new(BooleanQuery::new(Vec::new())),
        }
    }

    /// All parts: the words joined with `occur` (with [`Occur::Should`], at least one of them
    /// must still match), filters (dates, `source:`, `author:`, `title:` beside other words)
    /// always required and never a match on their own, exclusions always applied. Plain words of
    /// the passage text also earn a bonus when they stand close together, and each pair of
    /// neighbouring words one when it stands side by side.
    fn build_all(&self, parts: &[Part], occur: Occur) -> Box<dyn Query> {
        let mut words: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut restrictions: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut near: Vec<String> = Vec::new();
        for part in parts {
            match part {
                Part::Not(inner) => restrictions.push((Occur::MustNot, self.build(inner))),
                Part::Nothing => {}
                _ if is_filter(part) => restrictions.push((Occur::Must, self.filter(part))),
                Part::Terms {
                    terms,
                    slop: 0,
                    field: None,
                    word: true,
                    ..
                } => {
                    near.extend(terms.iter().cloned());
                    words.push((occur, self.build(part)));
                }
                _ => words.push((occur, self.build(part))),
            }
        }
        let text = self.text_field();
        let paired = &near[..near.len().min(MAX_PAIR_TERMS)];
        for pair in paired.windows(2) {
            words.push((
                Occur::Should,
                Box::new(BoostQuery::new(
                    self.words_in(text, pair, PAIR_SLOP),
                    PAIR_BOOST,
                )),
            ));
        }
        if (2..=MAX_PROXIMITY_TERMS).contains(&near.len()) {
            let phrase = self.words_in(text, &near, PROXIMITY_SLOP);
            words.push((
                Occur::Should,
                Box::new(BoostQuery::new(phrase, PROXIMITY_BOOST)),
            ));
        }
        if restrictions.is_empty() {
            return Box::new(BooleanQuery::new(words));
        }
        // Optional words beside required filters would let a filter match alone: they are
        // grouped, and the group (which needs one of them) is required.
        if occur == Occur::Should && !words.is_empty() {
            words = vec![(Occur::Must, Box::new(BooleanQuery::new(words)))];
        }
        words.extend(restrictions);
        Box::new(BooleanQuery::new(words))
    }

    /// A part that restricts the match set: dates, `source:` and `author:` score nothing;
    /// `title:` keeps its score (the headline is content).
    fn filter(&self, part: &Part) -> Box<dyn Query> {
        let query = self.build(part);
        if in_title(part) {
            query
        } else {
            unscored(query)
        }
    }

    fn text_field(&self) -> Field {
        if self.options.exact {
            self.fields.text_exact
        } else {
            self.fields.text
        }
    }

    /// A word or phrase: in the title and passage text by default, or in one field.
    fn leaf(
        &self,
        terms: &[String],
        slop: u32,
        field: Option<QueryField>,
        acronym: Option<&str>,
    ) -> Box<dyn Query> {
        let one = |f: Field| self.words_in(f, terms, slop);
        let query = self.per_field(field, self.options.exact, &one);
        // The acronym field keeps no positions: it backs single words only.
        let Some(acronym) = acronym.filter(|_| field.is_none() && terms.len() == 1) else {
            return query;
        };
        let term = TermQuery::new(
            Term::from_field_text(self.fields.acronyms, acronym),
            IndexRecordOption::WithFreqs,
        );
        let capitals: Box<dyn Query> = Box::new(BoostQuery::new(Box::new(term), ACRONYM_BOOST));
        Box::new(BooleanQuery::new(vec![
            (Occur::Must, query),
            (Occur::Should, capitals),
        ]))
    }

    /// Adds the bonus of a word's form as typed ([`SURFACE_BOOST`]) in the exact passage text.
    fn with_surface(
        &self,
        query: Box<dyn Query>,
        field: Option<QueryField>,
        surface: Option<&str>,
    ) -> Box<dyn Query> {
        let Some(surface) = surface.filter(|_| field.is_none()) else {
            return query;
        };
        let written = self.words_in(self.fields.text_exact, &[surface.to_string()], 0);
        Box::new(BooleanQuery::new(vec![
            (Occur::Must, query),
            (
                Occur::Should,
                Box::new(BoostQuery::new(written, SURFACE_BOOST)),
            ),
        ]))
    }

    /// Words of `field`, side by side within `slop` when there are several: as written when
    /// `field` is a surface field ([`FormQuery`]).
    fn words_in(&self, field: Field, terms: &[String], slop: u32) -> Box<dyn Query> {
        if let Some(surface) = surface_fields(self.fields, field) {
            return Box::new(FormQuery::new(surface, terms.to_vec(), slop));
        }
        if let [term] = terms {
            return Box::new(TermQuery::new(
                Term::from_field_text(field, term),
                IndexRecordOption::WithFreqs,
            ));
        }
        phrase(field, terms, slop)
    }

    /// Applies `one` to the fields a part searches: title and text by default, or one field.
    fn per_field(
        &self,
        field: Option<QueryField>,
        exact: bool,
        one: &dyn Fn(Field) -> Box<dyn Query>,
    ) -> Box<dyn Query> {
        let f = self.fields;
        let (title, text) = if exact {
            (f.title_exact, f.text_exact)
        } else {
            (f.title, f.text)
        };
        match field {
            Some(QueryField::Title) => one(title),
            Some(QueryField::Author) => one(f.byline),
            Some(QueryField::Source) => one(f.source_text),
            None => Box::new(BooleanQuery::new(vec![
                (Occur::Should, one(text)),
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(one(title), TITLE_BOOST)),
                ),
            ])),
        }
    }

    /// Adds the `since`/`until` and `--lang` filters (required, scoring nothing).
    fn filtered(&self, query: Box<dyn Query>) -> Box<dyn Query> {
        let mut clauses = Vec::new();
        if self.options.since.is_some() || self.options.until.is_some() {
            let range = date_range(self.fields.date, self.options.since, self.options.until);
            clauses.push((Occur::Must, unscored(range)));
        }
        if !self.options.languages.is_empty() {
            let any: Vec<(Occur, Box<dyn Query>)> = self
                .options
                .languages
                .iter()
                .map(|l| {
                    let term = Term::from_field_text(self.fields.language, l.code);
                    let query: Box<dyn Query> =
                        Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                    (Occur::Should, query)
                })
                .collect();
            clauses.push((Occur::Must, unscored(Box::new(BooleanQuery::new(any)))));
        }
        if clauses.is_empty() {
            return query;
        }
        clauses.insert(0, (Occur::Must, query));
        Box::new(BooleanQuery::new(clauses))
    }
}

fn boosted(part: Part) -> Part {
    match part {
        Part::Terms {
            terms,
            slop,
            field,
            acronym,
            surface,
            word,
            text,
            alternatives,
            ..
        } => Part::Terms {
            terms,
            slop,
            field,
            boost: TYPED_FORM_BOOST,
            acronym,
            surface,
            word,
            text,
            alternatives,
        },
        other => other,
    }
}

fn same_terms(part: &Part, terms: &[String]) -> bool {
    matches!(part, Part::Terms { terms: t, .. } if t == terms)
}

/// The terms of a run of unquoted single words in the default fields and the words as typed,
/// or `None`.
fn plain_words(parts: &[Part]) -> Option<(Vec<String>, String)> {
    let mut run = Vec::new();
    let mut words = Vec::new();
    for part in parts {
        match part {
            Part::Terms {
                terms,
                slop: 0,
                field: None,
                word: true,
                text,
                ..
            } => {
                run.extend(terms.iter().cloned());
                words.push(text.as_str());
            }
            _ => return None,
        }
    }
    Some((run, words.join(" ")))
}

fn simplify(part: Part) -> Part {
    match part {
        Part::All(parts) | Part::Any(parts) if parts.iter().all(|p| matches!(p, Part::Nothing)) => {
            Part::Nothing
        }
        Part::All(mut parts) if parts.len() == 1 => parts.pop().expect("one part"),
        Part::All(parts) => Part::All(
            parts
                .into_iter()
                .filter(|p| !matches!(p, Part::Nothing))
                .collect(),
        ),
        Part::Any(parts) => Part::Any(
            parts
                .into_iter()
                .filter(|p| !matches!(p, Part::Nothing))
                .collect(),
        ),
        other => other,
    }
}

/// Parts that restrict the match set beside the words: dates and field restrictions, and a
/// group of field restrictions (a `title:` word with its readings in other languages, as shown).
fn is_filter(part: &Part) -> bool {
    match part {
        Part::Any(parts) => !parts.is_empty() && parts.iter().all(is_filter),
        _ => matches!(
            part,
            Part::Dates { .. }
                | Part::Terms { field: Some(_), .. }
                | Part::Fuzzy { field: Some(_), .. }
                | Part::Prefix { field: Some(_), .. }
        ),
    }
}

/// A `title:` restriction (or a group of them), which keeps its score: the headline is content.
fn in_title(part: &Part) -> bool {
    match part {
        Part::Any(parts) => !parts.is_empty() && parts.iter().all(in_title),
        Part::Terms { field, .. } | Part::Fuzzy { field, .. } | Part::Prefix { field, .. } => {
            *field == Some(QueryField::Title)
        }
        _ => false,
    }
}

/// Parts that are words to match (not exclusions, not filters).
fn is_scored(part: &Part) -> bool {
    !matches!(part, Part::Not(_) | Part::Nothing) && !is_filter(part)
}

/// A query that restricts without scoring.
fn unscored(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}

/// The words and phrases of a query as typed, joined by spaces.
pub(crate) fn typed_words(node: &QueryNode) -> String {
    match node {
        QueryNode::Word { text, .. } | QueryNode::Phrase { text, .. } => text.clone(),
        QueryNode::Dates { .. } => String::new(),
        QueryNode::All(parts) | QueryNode::Any(parts) => {
            parts.iter().map(typed_words).collect::<Vec<_>>().join(" ")
        }
        QueryNode::Not(inner) => typed_words(inner),
    }
}

fn collect_matchers(part: &Part, out: &mut Vec<Matcher>) {
    let matcher = match part {
        Part::Terms {
            terms,
            slop,
            field: None,
            alternatives,
            ..
        } => {
            for alternative in alternatives {
                let matcher = Matcher::Terms {
                    terms: alternative.clone(),
                    slop: *slop,
                };
                if !out.contains(&matcher) {
                    out.push(matcher);
                }
            }
            Matcher::Terms {
                terms: terms.clone(),
                slop: *slop,
            }
        }
        Part::Fuzzy {
            term,
            distance,
            field: None,
        } => Matcher::Fuzzy {
            term: term.clone(),
            distance: *distance,
        },
        Part::Prefix {
            prefix,
            field: None,
        } => Matcher::Prefix {
            prefix: prefix.clone(),
        },
        Part::All(parts) | Part::Any(parts) => {
            parts.iter().for_each(|p| collect_matchers(p, out));
            return;
        }
        _ => return,
    };
    if !out.contains(&matcher) {
        out.push(matcher);
    }
}

/// Whether `text` holds a term of another language's reading (`ru:karabakh`): a known language
/// code and a colon before a word.
fn is_read(text: &str) -> bool {
    text.split_whitespace().any(|piece| {
        piece.split_once(':').is_some_and(|(code, rest)| {
            !rest.is_empty()
                && code.len() == 2
                && Language::parse(code).is_some_and(|l| l.code == code)
        })
    })
}

/// The term sequences of analysed words where a word may give several terms at one position
/// (a name's stem and its Latin keys): the sequence of first terms, then for each further term
/// the one that takes it where a word has it. Empty for no words.
fn readings(tokens: &[AnalyzedToken]) -> Vec<Vec<String>> {
    let mut words: Vec<Vec<&str>> = Vec::new();
    let mut last = None;
    for token in tokens {
        match words.last_mut() {
            Some(terms) if last == Some(token.position) => terms.push(&token.term),
            _ => words.push(vec![&token.term]),
        }
        last = Some(token.position);
    }
    let most = words.iter().map(Vec::len).max().unwrap_or(0);
    let mut out: Vec<Vec<String>> = Vec::new();
    for k in 0..most {
        let reading: Vec<String> = words
            .iter()
            .map(|terms| terms.get(k).unwrap_or(&terms[0]).to_string())
            .collect();
        if !out.contains(&reading) {
            out.push(reading);
        }
    }
    out
}

fn phrase(field: Field, terms: &[String], slop: u32) -> Box<dyn Query> {
    let terms = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (i, Term::from_field_text(field, t)))
        .collect();
    Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))
}

/// Articles published from the first day to the last, both included.
fn date_range(field: Field, from: Option<Date>, to: Option<Date>) -> Box<dyn Query> {
    let term = |day: Date| {
        let seconds = day.midnight().assume_utc().unix_timestamp();
        Term::from_field_date_for_search(field, DateTime::from_timestamp_secs(seconds))
    };
    let lower = from.map_or(Bound::Unbounded, |d| Bound::Included(term(d)));
    let upper = to
        .and_then(|d| d.next_day())
        .map_or(Bound::Unbounded, |d| Bound::Excluded(term(d)));
    let lower = match (&lower, &upper) {
        (Bound::Unbounded, Bound::Unbounded) => Bound::Included(term(Date::MIN)),
        _ => lower,
    };
    Box::new(RangeQuery::new(lower, upper))
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let special = !c.is_alphanumeric();
            special
                .then_some('\\')
                .into_iter()
                .chain(std::iter::once(c))
        })
        .collect()
}

fn render(part: &Part) -> String {
    let prefix =
        |field: &Option<QueryField>| field.map_or(String::new(), |f| format!("{}:", f.name()));
    match part {
        Part::Terms {
            terms,
            slop,
            field,
            alternatives,
            ..
        } => {
            let one = |terms: &[String]| {
                let body = if terms.len() == 1 {
                    terms[0].clone()
                } else {
                    format!("\"{}\"", terms.join(" "))
                };
                let slop = if *slop > 0 {
                    format!("~{slop}")
                } else {
                    String::new()
                };
                format!("{}{body}{slop}", prefix(field))
            };
            if alternatives.is_empty() {
                return one(terms);
            }
            let all: Vec<String> = std::iter::once(terms)
                .chain(alternatives)
                .map(|t| one(t))
                .collect();
            format!("({})", all.join(" OR "))
        }
        Part::Fuzzy {
            term,
            distance,
            field,
        } => format!("{}{term}~{distance}", prefix(field)),
        Part::Prefix { prefix: p, field } => format!("{}{p}*", prefix(field)),
        Part::Dates { from, to } => format!("date:{}", render_range(*from, *to)),
        Part::All(parts) => join(parts, " AND "),
        Part::Any(parts) => join(parts, " OR "),
        Part::Not(inner) => match inner.as_ref() {
            Part::All(_) | Part::Any(_) => format!("-({})", render(inner)),
            _ => format!("-{}", render(inner)),
        },
        Part::Nothing => String::new(),
    }
}

fn render_range(from: Option<Date>, to: Option<Date>) -> String {
    let day = |d: Option<Date>| d.map_or(String::new(), |d| d.to_string());
    format!("{}..{}", day(from), day(to))
}

/// The query as run, with the `--since`/`--until` limits as a `date:` restriction, so that what
/// is shown parses back to what ran.
fn render_with_filters(part: &Part, options: &CompileOptions<'_>) -> String {
    if options.since.is_none() && options.until.is_none() {
        return render(part);
    }
    let dates = format!("date:{}", render_range(options.since, options.until));
    match part {
        Part::Nothing => dates,
        Part::Any(_) => format!("({}) AND {dates}", render(part)),
        _ => format!("{} AND {dates}", render(part)),
    }
}

fn join(parts: &[Part], separator: &str) -> String {
    let rendered: Vec<String> = parts
        .iter()
        .map(|p| match p {
            Part::All(_) | Part::Any(_) => format!("({})", render(p)),
            _ => render(p),
        })
        .filter(|s| !s.is_empty())
        .collect();
    rendered.join(separator)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{acronym_analyzer, analyzer, exact_analyzer, Glossary};
    use crate::index::Fields;
    use crate::search::query::parse_query;

    fn compiled_with(q: &str, expand: bool, exact: bool) -> Compiled {
        let schema = crate::index::build_schema();
        let fields = Fields::from_schema(&schema).unwrap();
        let expander = Glossary::built_in().expander(&mut analyzer());
        let mut analyzers = Analyzers {
            main: analyzer(),
            others: Vec::new(),
            exact: exact_analyzer(),
            acronym: acronym_analyzer(),
        };
        let options = CompileOptions {
            expander: expand.then_some(&expander),
            exact,
            ..CompileOptions::default()
        };
        compile(&parse_query(q).unwrap(), &fields, &mut analyzers, options)
    }

    fn compiled(q: &str) -> Compiled {
        compiled_with(q, false, false)
    }

    #[test]
    fn executed_query_shows_analysed_terms() {
        assert_eq!(compiled("Stabilisation force").executed, "stabil AND forc");
        assert_eq!(
            compiled("\"Nagorno-Karabakh\" OR Qarabağ -Armenia's").executed,
            "\"nagorno karabakh\" OR (qarabag AND -armenia)"
        );
        assert_eq!(
            compiled("title:\"Gaza force\"~2 source:Courier").executed,
            "title:\"gaza forc\"~2 AND source:courier"
        );
        assert_eq!(
            compiled("Garabag~1 stabilis* date:2026-01").executed,
            "garabag~1 AND stabilis* AND date:2026-01-01..2026-01-31"
        );
    }

    #[test]
    fn glossary_names_expand_to_every_form() {
        assert_eq!(
            compiled_with("ISF", true, false).executed,
            "isf OR \"internat stabil forc\" OR \"gaza stabil forc\" OR \"forc international de stabil\" OR \"uluslararasi istikrar gucu\" OR \"mezhdunarodnye sily stabilizatsii\""
        );
        assert_eq!(
            compiled_with("Garabagh reconstruction", true, false).executed,
            "(garabagh OR karabakh OR qarabag OR karabagh OR artsakh OR karabag OR bergkarabach) AND reconstruct"
        );
        assert_eq!(
            compiled_with("International Stabilization Force troops", true, false).executed,
            "(\"internat stabil forc\" OR \"gaza stabil forc\" OR \"forc international de stabil\" OR \"uluslararasi istikrar gucu\" OR \"mezhdunarodnye sily stabilizatsii\" OR isf) AND troop"
        );
        assert_eq!(compiled_with("ISF", false, false).executed, "isf");
        assert_eq!(
            compiled_with("Organisation", true, true).executed,
            "organisation"
        );
    }

    #[test]
    fn matchers_cover_positive_parts_only() {
        let c = compiled("\"stabilisation force\" ISF -Turkey");
        assert_eq!(
            c.matchers,
            [
                Matcher::Terms {
                    terms: vec!["stabil".into(), "forc".into()],
                    slop: 0
                },
                Matcher::Terms {
                    terms: vec!["isf".into()],
                    slop: 0
                },
            ]
        );
        assert!(c.relaxed.is_some());
        assert!(compiled("Gaza").relaxed.is_none());
        assert!(
            compiled("Gaza date:2026").relaxed.is_none(),
            "a date filter is not a word"
        );
    }

    #[test]
    fn function_words_of_a_bag_neither_match_nor_light_up() {
        let c = compiled("aliyev and troops");
        assert_eq!(c.executed, "aliev AND troop");
        assert_eq!(c.words, ["aliev", "troop"]);
        assert_eq!(compiled("Bank of Japan").executed, "bank AND japan");
        assert_eq!(compiled("\"Bank of Japan\"").executed, "\"bank of japan\"");
        assert_eq!(
            compiled("to be or not").executed,
            "to AND be AND or AND not"
        );
        assert_eq!(compiled("IT and troops").executed, "it AND troop");
    }

    /// A query after analysis, without expansion or function-word removal, capitals counted
    /// as compile counts them.
    fn analysed(q: &str) -> Part {
        let mut analyzers = Analyzers {
            main: analyzer(),
            others: Vec::new(),
            exact: exact_analyzer(),
            acronym: acronym_analyzer(),
        };
        let schema = crate::index::build_schema();
        let fields = Fields::from_schema(&schema).unwrap();
        let node = parse_query(q).unwrap();
        let mut compiler = Compiler {
            fields: &fields,
            analyzers: &mut analyzers,
            options: CompileOptions::default(),
            capitals: !in_capitals(&typed_words(&node)),
            synonyms: Synonyms::new(),
            stop_terms: Vec::new(),
        };
        compiler.analyse(&node)
    }

    #[test]
    fn capitals_count_only_in_a_query_not_written_in_capitals() {
        let acronym_terms = |q: &str| -> Vec<String> {
            let mut out = Vec::new();
            collect_acronyms(&analysed(q), &mut out);
            out
        };
        assert_eq!(
            acronym_terms("AIDS drugs"),
            ["aids"],
            "the surface form, not the stem"
        );
        assert_eq!(acronym_terms("ISF troops"), ["isf"]);
        assert!(acronym_terms("THE BANK OF JAPAN HOLDS RATES").is_empty());
        assert!(acronym_terms("Bank of Japan").is_empty());
    }

    #[test]
    fn a_capitalised_name_keeps_its_form_as_typed() {
        let surfaces = |q: &str| -> Vec<Option<String>> {
            match analysed(q) {
                Part::All(parts) => parts
                    .iter()
                    .map(|p| match p {
                        Part::Terms { surface, .. } => surface.clone(),
                        _ => None,
                    })
                    .collect(),
                Part::Terms { surface, .. } => vec![surface],
                _ => Vec::new(),
            }
        };
        assert_eq!(surfaces("Hamas"), [Some("hamas".to_string())]);
        assert_eq!(
            surfaces("hamas Gaza"),
            [None, None],
            "lower case, or unchanged"
        );
        let shouted = surfaces("HAMAS LEADERS MET IN GAZA");
        assert_eq!(shouted.len(), 5);
        assert!(shouted.iter().all(Option::is_none));
    }

    fn collect_acronyms(part: &Part, out: &mut Vec<String>) {
        match part {
            Part::Terms {
                acronym: Some(a), ..
            } => out.push(a.clone()),
            Part::All(parts) | Part::Any(parts) => {
                parts.iter().for_each(|p| collect_acronyms(p, out))
            }
            _ => {}
        }
    }
}
