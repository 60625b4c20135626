//! Running a query over passages and returning a page of hits: passages (at most a few per
//! article) or articles (each ranked by its passages), by score or by date.
//!
//! Ranking by score reads the query strictly first (every word must match); when that leaves the
//! candidates short, passages that match only some of the words follow (`matched_all: false`).

use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, EnableScoring, Explanation, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, TantivyDocument, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Order, Searcher, Term};
use time::Date;

use super::compile::{compile, typed_words, Analyzers, CompileOptions, Compiled};
use super::evidence::{article_score, article_scores, explain_article, ArticleFields};
use super::feedback::{feedback_words, with_feedback, FEEDBACK_PASSAGES};
use super::query::{parse_plain, parse_query, QueryNode};
use super::snippet::{highlight, snippet, Snippet};
use super::statistics::{Statistics, Synonyms};
use super::stories::{BestVersions, Version};
use super::top::top;
use crate::analysis;
use crate::error::Result;
use crate::index::{Fields, SegmentColumns};
use crate::language::{Language, ENGLISH};
use crate::search::views::ordinals::{resolve_in, strings_of, Strings};
use crate::search::Session;

/// How a query string is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Syntax {
    /// The full query language (phrases, operators, fields).
    #[default]
    Full,
    /// A bag of words: punctuation and operators are separators.
    Plain,
}

/// What one hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unit {
    /// A passage (at most [`SearchOptions::per_article`] of one article per page).
    #[default]
    Passage,
    /// An article, ranked by its best passage; that passage is the hit's text.
    Article,
}

/// The order of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// Best score first.
    #[default]
    Score,
    /// Oldest first (undated last).
    Date,
    /// Newest first (undated last).
    DateDesc,
}

/// What to search and return.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    /// Hits per page.
    pub limit: usize,
    /// Hits to skip (paging).
    pub offset: usize,
    /// How the query is read.
    pub syntax: Syntax,
    /// Expand glossary names (aliases, acronyms) to all their forms.
    pub expand: bool,
    /// Match surface forms only (no stemming, folding, spelling normalisation or expansion).
    pub exact: bool,
    /// Only articles published on or after this day.
    pub since: Option<Date>,
    /// Only articles published on or before this day.
    pub until: Option<Date>,
    /// A glossary file used on top of the index's own.
    pub glossary: Option<PathBuf>,
    /// Passages or articles.
    pub unit: Unit,
    /// With [`Unit::Passage`], at most this many passages of one article (0: no limit).
    pub per_article: usize,
    /// The order of hits.
    pub sort: SortOrder,
    /// Attach tantivy's score explanation to each hit.
    pub explain: bool,
    /// Fold the versions of a story into one hit, its best version (`versions`, `copies`);
    /// TREC runs and batches turn this off.
    pub collapse: bool,
    /// Pseudo-relevance feedback: add the weightiest rare words of the top passages to the
    /// query as optional words, and run it again (ranking by score; not with `exact`).
    pub feedback: bool,
    /// Only articles in these languages (empty: every language).
    pub languages: Vec<Language>,
    /// A word typed in one script also finds its transliteration in another (`Карабах`,
    /// `Karabakh`).
    pub transliterate: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            offset: 0,
            syntax: Syntax::Full,
            expand: true,
            exact: false,
            since: None,
            until: None,
            glossary: None,
            unit: Unit::Passage,
            per_article: 2,
            sort: SortOrder::Score,
            explain: false,
            collapse: true,
            feedback: false,
            languages: Vec::new(),
            transliterate: true,
        }
    }
}

/// One ranked passage (or article, shown by its best passage) with metadata and highlights.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Rank, from 1.
    pub rank: usize,
    /// BM25 score (title, passage text and proximity combined); for articles, see the README.
    pub score: f32,
    /// Whether the passage matched every word of the query.
    pub matched_all: bool,
    /// The article's id.
    pub article_id: String,
    /// The passage's number in the article, from 1.
    pub passage: u32,
    /// How many of the article's passages match the query (whatever the page).
    pub matching_passages: usize,
    /// Headline.
    pub title: String,
    /// Byline.
    pub byline: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// ISO 8601 date, as precise as the source states it.
    pub date: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// The file it came from.
    pub path: String,
    /// The id of the article this one copies, when it is an exact copy.
    pub copy_of: Option<String>,
    /// Exact copies of this hit's article folded into it (0 when none, or when not folding).
    pub copies: usize,
    /// The story the article is a version of (see [`crate::model::Article::story`]).
    pub story: String,
    /// The other versions of the story, folded into this hit (empty when none, or when not
    /// folding), earliest first.
    pub versions: Vec<Version>,
    /// The article's language, ISO 639-1.
    pub language: Option<String>,
    /// The whole passage.
    pub text: String,
    /// Byte ranges into `text` of the words that matched.
    pub highlights: Vec<std::ops::Range<usize>>,
    /// The fragment to show, with its own highlights.
    pub snippet: Snippet,
    /// tantivy's explanation of the passage's score, as JSON, when asked for.
    pub explanation: Option<String>,
}

/// The answer to one query.
#[derive(Debug, Clone)]
pub struct SearchResults {
    /// The query as typed.
    pub query: String,
    /// The query as run, after analysis and glossary expansion.
    pub executed_query: String,
    /// Passages that match (all words, or some of them when the query has several).
    pub total_hits: usize,
    /// Passages that match every word.
    pub total_all_words: usize,
    /// Time spent searching.
    pub took: Duration,
    /// The page of hits.
    pub hits: Vec<Hit>,
    /// Matching passages left out of the hits up to the end of this page because another
    /// passage of their article (past the per-article limit) or an exact copy is shown.
    pub folded: usize,
    /// The `offset` of the next page, when there are hits beyond this one.
    pub next_offset: Option<usize>,
}

/// Extra candidates fetched beyond the page, so that ties at its edge are ordered by id.
const TIE_MARGIN: usize = 16;
/// Passages fetched per hit wanted, so that per-article caps still fill a page.
const PASSAGES_PER_PASSAGE_HIT: usize = 3;
/// Passages fetched per article wanted, so that articles are ranked from several passages.
const PASSAGES_PER_ARTICLE_HIT: usize = 5;

/// A query parsed, expanded and compiled for one index, ready to run or to highlight with.
pub struct PreparedQuery {
    pub(crate) compiled: Compiled,
    exact: bool,
}

impl PreparedQuery {
    /// The query as run, after analysis and glossary expansion.
    pub fn executed(&self) -> &str {
        &self.compiled.executed
    }

    /// The tantivy query matching every word (strict reading), with date filters applied.
    pub fn query(&self) -> &dyn Query {
        self.compiled.strict.as_ref()
    }

    /// Byte ranges of the words of `text` (in English) that the query matches.
    pub fn highlight(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        self.highlight_in(text, None)
    }

    /// Byte ranges of the words of `text`, in the language of that code (English when `None`
    /// or unknown), that the query matches: the text is analysed by its language's chain, as
    /// it was indexed.
    pub fn highlight_in(&self, text: &str, language: Option<&str>) -> Vec<std::ops::Range<usize>> {
        self.highlighter().highlight(text, language)
    }

    /// A highlighter for many texts: each language's chain is built once and remembers the
    /// terms of the words it has met, so that the texts of a page share the analysis of their
    /// common words.
    pub fn highlighter(&self) -> Highlighter<'_> {
        Highlighter {
            query: self,
            chains: Vec::new(),
        }
    }
}

/// Highlights the words a query matches in texts, with one analysis chain per language
/// ([`PreparedQuery::highlighter`]).
pub struct Highlighter<'q> {
    query: &'q PreparedQuery,
    /// The chains built so far, by language code (`None`: the exact chain).
    chains: Vec<(Option<&'static str>, TextAnalyzer)>,
}

impl Highlighter<'_> {
    /// Byte ranges of the words of `text`, in the language of that code (English when `None`
    /// or unknown), that the query matches, as [`PreparedQuery::highlight_in`] finds them.
    pub fn highlight(&mut self, text: &str, language: Option<&str>) -> Vec<std::ops::Range<usize>> {
        let language =
            (!self.query.exact).then(|| language.and_then(Language::parse).unwrap_or(ENGLISH));
        let key = language.map(|l| l.code);
        let at = match self.chains.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                let chain = match language {
                    Some(language) => analysis::language_analyzer(language),
                    None => analysis::exact_analyzer(),
                };
                self.chains.push((key, chain));
                self.chains.len() - 1
            }
        };
        highlight(text, &self.query.compiled.matchers, &mut self.chains[at].1)
    }
}

/// Parses a query with the syntax asked for.
fn parse(query: &str, syntax: Syntax) -> Result<QueryNode> {
    Ok(match syntax {
        Syntax::Full => parse_query(query)?,
        Syntax::Plain => parse_plain(query)?,
    })
}

/// A matching passage before its document is loaded. Its strings (article, original, story)
/// are read from the index only when [`Session::name`] names it.
#[derive(Debug, Clone)]
struct Candidate {
    score: f32,
    matched_all: bool,
    address: DocAddress,
    /// Whether the strings below have been read.
    named: bool,
    article: String,
    passage: u64,
    date: Option<i64>,
    /// The article this one is an exact copy of.
    original: Option<String>,
    /// The story it is a version of.
    story: Option<String>,
    /// The whole-article score that `score` combines with the passage's (ranking articles by
    /// score).
    article_score: Option<f32>,
}

/// A candidate chosen for the page.
struct Selected {
    candidate: Candidate,
    score: f32,
}

impl Candidate {
    /// Strict matches first, then by score, ties by article id and passage.
    fn score_key(&self) -> (Reverse<bool>, Reverse<u32>, &str, u64) {
        let (matched_all, score) = self.rank_key();
        (matched_all, score, &self.article, self.passage)
    }

    /// Strict matches first, then by score: [`Candidate::score_key`] without the strings.
    fn rank_key(&self) -> (Reverse<bool>, Reverse<u32>) {
        (Reverse(self.matched_all), Reverse(ordered(self.score)))
    }
}

impl Session<'_> {
    /// Parses, expands and compiles a query (only the query-reading settings of `options` are used).
    pub fn prepare(&self, query: &str, options: &SearchOptions) -> Result<PreparedQuery> {
        let node = parse(query, options.syntax)?;
        let expander = self.expander_for(options, Some(&typed_words(&node)))?;
        Ok(self.compile_node(&node, options, expander.as_deref()))
    }

    /// The glossary expander `options` ask for: none without expansion, the index's own (loaded
    /// once per open index; only the part that can expand `words` when those are the words of
    /// the one query to expand), or one that adds the user's file.
    pub(crate) fn expander_for(
        &self,
        options: &SearchOptions,
        words: Option<&str>,
    ) -> Result<Option<Cow<'_, analysis::Expander>>> {
        if !options.expand || options.exact {
            return Ok(None);
        }
        Ok(Some(match (&options.glossary, words) {
            (None, Some(words)) => self.index.expander_for_words(words)?,
            (None, None) => Cow::Borrowed(self.index.expander()?),
            (Some(extra), _) => Cow::Owned(
                self.index
                    .glossary(Some(extra))?
                    .expander(&mut analysis::analyzer()),
            ),
        }))
    }

    /// Like [`NewsIndex::prepare`], with a glossary expander built beforehand (for batches).
    pub fn prepare_with(
        &self,
        query: &str,
        options: &SearchOptions,
        expander: Option<&analysis::Expander>,
    ) -> Result<PreparedQuery> {
        Ok(self.compile_node(&parse(query, options.syntax)?, options, expander))
    }

    /// Compiles a parsed query with the glossary `expander` (when `options` expand).
    fn compile_node(
        &self,
        node: &QueryNode,
        options: &SearchOptions,
        expander: Option<&analysis::Expander>,
    ) -> PreparedQuery {
        let mut analyzers = Analyzers {
            main: if options.transliterate {
                analysis::analyzer()
            } else {
                analysis::analyzer_keeping_scripts()
            },
            // A damaged index is reported by the search itself, under its guard.
            others: self
                .index
                .languages()
                .unwrap_or_default()
                .into_iter()
                .filter(|l| *l != ENGLISH)
                .filter(|l| options.languages.is_empty() || options.languages.contains(l))
                .map(|l| (l, analysis::language_analyzer(l)))
                .collect(),
            exact: analysis::exact_analyzer(),
            acronym: analysis::acronym_analyzer(),
        };
        let compile_options = CompileOptions {
            expander: expander.filter(|_| options.expand && !options.exact),
            exact: options.exact,
            since: options.since,
            until: options.until,
            languages: &options.languages,
            transliterate: options.transliterate,
        };
        PreparedQuery {
            compiled: compile(node, self.index.fields(), &mut analyzers, compile_options),
            exact: options.exact,
        }
    }

    /// Parses and runs a query.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        let started = Instant::now();
        let prepared = self.prepare(query, options)?;
        self.run(query, &prepared, options, started)
    }

    /// Runs a prepared query.
    pub fn run(
        &self,
        query: &str,
        prepared: &PreparedQuery,
        options: &SearchOptions,
        started: Instant,
    ) -> Result<SearchResults> {
        self.index
            .guarded(|| self.run_unguarded(query, prepared, options, started))
    }

    fn run_unguarded(
        &self,
        query: &str,
        prepared: &PreparedQuery,
        options: &SearchOptions,
        started: Instant,
    ) -> Result<SearchResults> {
        let searcher = self.index.searcher()?;
        let wanted = options.offset + options.limit;
        let depth = match options.unit {
            Unit::Passage if options.per_article > 0 => wanted * PASSAGES_PER_PASSAGE_HIT,
            Unit::Passage => wanted,
            Unit::Article => wanted * PASSAGES_PER_ARTICLE_HIT,
        } + TIE_MARGIN;
        let compiled = &prepared.compiled;
        let feedback = if options.feedback && options.sort == SortOrder::Score && !prepared.exact {
            let (mut first, _, _) = self.by_score(
                &searcher,
                &compiled.synonyms,
                compiled.strict.as_ref(),
                compiled.relaxed.as_deref(),
                FEEDBACK_PASSAGES,
            )?;
            self.name_first(&searcher, &mut first, FEEDBACK_PASSAGES)?;
            let top: Vec<(f32, DocAddress)> = first
                .iter()
                .take(FEEDBACK_PASSAGES)
                .map(|c| (c.score, c.address))
                .collect();
            feedback_words(&searcher, compiled.text_field, &top, &compiled.words)?
        } else {
            Vec::new()
        };
        let (strict, relaxed) = if feedback.is_empty() {
            (
                compiled.strict.box_clone(),
                compiled.relaxed.as_ref().map(|q| q.box_clone()),
            )
        } else {
            let text = compiled.text_field;
            let loose = compiled.relaxed.as_ref().unwrap_or(&compiled.strict);
            (
                with_feedback(compiled.strict.box_clone(), text, &feedback, true),
                Some(with_feedback(loose.box_clone(), text, &feedback, false)),
            )
        };
        let tiers = match options.sort {
            SortOrder::Score => Tiers { strict, relaxed },
            SortOrder::Date | SortOrder::DateDesc => Tiers {
                strict,
                relaxed: None,
            },
        };
        let (candidates, total, total_all_words) = match options.sort {
            SortOrder::Score => self.by_score(
                &searcher,
                &compiled.synonyms,
                tiers.strict.as_ref(),
                tiers.relaxed.as_deref(),
                depth,
            )?,
            SortOrder::Date | SortOrder::DateDesc => {
                self.by_date(&searcher, tiers.strict.as_ref(), depth, options.sort)?
            }
        };
        let mut candidates = if options.unit == Unit::Article && options.sort == SortOrder::Score {
            self.with_article_evidence(&searcher, &prepared.compiled, candidates)?
        } else {
            candidates
        };
        let considered = candidates.len();
        let (page, paging) = if options.unit == Unit::Passage && options.sort == SortOrder::Score {
            self.select_named(&searcher, &mut candidates, options)?
        } else {
            select(&candidates, options)
        };
        let next_offset = (paging.listed > options.offset + page.len()
            || (considered >= depth && page.len() == options.limit))
            .then_some(options.offset + page.len());
        let mut hits = self.hits(&searcher, prepared, &tiers, page, options)?;
        if options.collapse {
            self.fold_versions(&searcher, &mut hits)?;
        }
        let mut executed_query = prepared.compiled.executed.clone();
        if !feedback.is_empty() {
            let words: Vec<&str> = feedback.iter().map(|(w, _)| w.as_str()).collect();
            executed_query += &format!(" + feedback({})", words.join(" "));
        }
        Ok(SearchResults {
            query: query.to_string(),
            executed_query,
            total_hits: total,
            total_all_words,
            took: started.elapsed(),
            hits,
            folded: paging.folded,
            next_offset,
        })
    }

    /// The best passages by score: strict matches, then relaxed ones when strict ones run short.
    fn by_score(
        &self,
        searcher: &Searcher,
        synonyms: &Synonyms,
        strict: &dyn Query,
        relaxed: Option<&dyn Query>,
        depth: usize,
    ) -> Result<(Vec<Candidate>, usize, usize)> {
        let stats = Statistics::new(searcher, synonyms, self.index.fields());
        let top = |query: &dyn Query, depth| top(self.index, searcher, &stats, query, depth);
        let (strict_total, strict) = top(strict, depth)?;
        let mut found: Vec<(f32, bool, DocAddress)> =
            strict.into_iter().map(|(s, a)| (s, true, a)).collect();
        let mut total = strict_total;
        if let Some(relaxed) = relaxed {
            if strict_total < depth {
                let (relaxed_total, extra) = top(relaxed, depth + strict_total)?;
                total = relaxed_total;
                let seen: HashSet<DocAddress> = found.iter().map(|r| r.2).collect();
                found.extend(
                    extra
                        .into_iter()
                        .filter(|(_, a)| !seen.contains(a))
                        .map(|(s, a)| (s, false, a)),
                );
            } else {
                // Strict matches fill the candidates: the relaxed reading only counts.
                total = searcher.search(relaxed, &Count)?;
            }
        }
        let mut candidates = self.candidates(searcher, found)?;
        // Ties are ordered by article id when the candidates are named (`name_first`).
        candidates.sort_by_key(Candidate::rank_key);
        Ok((candidates, total, strict_total))
    }

    /// Names the first `n` candidates ranked by score (more when the `n`-th ties with the next
    /// ones) and puts each run of tied scores among them in article order; returns how many
    /// are named. Candidates are named a few at a time because reading a string decodes a
    /// block of the column's dictionary, and a page usually needs only its first dozen.
    fn name_first(
        &self,
        searcher: &Searcher,
        candidates: &mut [Candidate],
        n: usize,
    ) -> Result<usize> {
        let mut end = n.min(candidates.len());
        while end > 0
            && end < candidates.len()
            && candidates[end].rank_key() == candidates[end - 1].rank_key()
        {
            end += 1;
        }
        let start = candidates.iter().take_while(|c| c.named).count().min(end);
        self.name(searcher, &mut candidates[start..end])?;
        candidates[..end].sort_by(|a, b| a.score_key().cmp(&b.score_key()));
        Ok(end)
    }

    /// Chooses the page from candidates ranked by score, naming them a few at a time, as far as
    /// the choice needs (folding stories and capping articles read the strings).
    fn select_named(
        &self,
        searcher: &Searcher,
        candidates: &mut [Candidate],
        options: &SearchOptions,
    ) -> Result<(Vec<Selected>, Paging)> {
        let wanted = options.offset + options.limit + 1;
        let mut n = wanted;
        loop {
            let named = self.name_first(searcher, candidates, n)?;
            let (page, paging) = select(&candidates[..named], options);
            if paging.listed >= wanted || named == candidates.len() {
                return Ok((page, paging));
            }
            n = named * 2;
        }
    }

    /// Adds the whole-article evidence to each candidate's passage score and sorts again (strict
    /// matches still first).
    fn with_article_evidence(
        &self,
        searcher: &Searcher,
        compiled: &Compiled,
        mut candidates: Vec<Candidate>,
    ) -> Result<Vec<Candidate>> {
        self.name(searcher, &mut candidates)?;
        let mut ids: Vec<&str> = candidates.iter().map(|c| c.article.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        let stats = Statistics::new(searcher, &compiled.synonyms, self.index.fields());
        let fields = ArticleFields {
            article_id: self.index.fields().article_id,
            text: compiled.text_field,
            title: compiled.title_field,
        };
        let scores = article_scores(
            searcher,
            &stats,
            self.index.article_count()?,
            fields,
            &compiled.words,
            &ids,
        )?;
        for c in &mut candidates {
            let article = scores.get(&c.article).copied().unwrap_or(0.0);
            c.article_score = Some(article);
            c.score = article_score(article, c.score);
        }
        candidates.sort_by(|a, b| a.score_key().cmp(&b.score_key()));
        Ok(candidates)
    }

    /// Strict matches by publication date (undated last); scores are filled in for the page.
    fn by_date(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        depth: usize,
        sort: SortOrder,
    ) -> Result<(Vec<Candidate>, usize, usize)> {
        let order = if sort == SortOrder::DateDesc {
            Order::Desc
        } else {
            Order::Asc
        };
        let collector = TopDocs::with_limit(depth)
            .order_by_fast_field::<tantivy::DateTime>(crate::index::DATE_FIELD, order);
        let (docs, total) = searcher.search(query, &(collector, Count))?;
        let mut candidates = self.candidates(
            searcher,
            docs.into_iter().map(|(_, a)| (0.0, true, a)).collect(),
        )?;
        self.name(searcher, &mut candidates)?;
        candidates.sort_by(|a, b| {
            let date = |c: &Candidate| match (c.date, sort) {
                (None, _) => (1, 0),
                (Some(d), SortOrder::DateDesc) => (0, -d),
                (Some(d), _) => (0, d),
            };
            (date(a), &a.article, a.passage).cmp(&(date(b), &b.article, b.passage))
        });
        Ok((candidates, total, total))
    }

    /// Reads the passage and date of found passages from fast fields; their strings are read
    /// by [`Session::name`].
    fn candidates(
        &self,
        searcher: &Searcher,
        found: Vec<(f32, bool, DocAddress)>,
    ) -> Result<Vec<Candidate>> {
        let columns = self.candidate_columns(searcher, found.iter().map(|f| f.2))?;
        Ok(found
            .into_iter()
            .map(|(score, matched_all, address)| {
                let (passage, date) = columns[&address.segment_ord].numbers(address.doc_id);
                Candidate {
                    score,
                    matched_all,
                    address,
                    named: false,
                    article: String::new(),
                    passage,
                    date,
                    original: None,
                    story: None,
                    article_score: None,
                }
            })
            .collect())
    }

    /// Reads the article ids, originals and stories of `candidates` from fast fields, in bulk
    /// per segment: a dictionary block is decoded once for all the candidates whose terms it
    /// holds, not once per candidate.
    fn name(&self, searcher: &Searcher, candidates: &mut [Candidate]) -> Result<()> {
        let columns = self.candidate_columns(searcher, candidates.iter().map(|c| c.address))?;
        let mut names: HashMap<u32, SegmentNames> = HashMap::new();
        for (&segment, segment_columns) in &columns {
            let docs = candidates
                .iter()
                .filter(|c| c.address.segment_ord == segment)
                .map(|c| c.address.doc_id);
            names.insert(segment, segment_columns.names(docs)?);
        }
        for c in candidates.iter_mut().filter(|c| !c.named) {
            let (segment, doc) = (c.address.segment_ord, c.address.doc_id);
            let (columns, names) = (&columns[&segment], &names[&segment]);
            c.article = names.article(columns, doc).unwrap_or_default();
            c.original = names.original(columns, doc);
            c.story = names.story(columns, doc);
            c.named = true;
        }
        Ok(())
    }

    /// The fast-field columns of the segments of `addresses`.
    fn candidate_columns(
        &self,
        searcher: &Searcher,
        addresses: impl Iterator<Item = DocAddress>,
    ) -> Result<HashMap<u32, CandidateColumns>> {
        let mut columns: HashMap<u32, CandidateColumns> = HashMap::new();
        for address in addresses {
            if let std::collections::hash_map::Entry::Vacant(e) = columns.entry(address.segment_ord)
            {
                let segment = searcher.segment_reader(address.segment_ord);
                e.insert(CandidateColumns::open(&self.index.columns(segment))?);
            }
        }
        Ok(columns)
    }

    fn hits(
        &self,
        searcher: &Searcher,
        prepared: &PreparedQuery,
        tiers: &Tiers,
        page: Vec<Selected>,
        options: &SearchOptions,
    ) -> Result<Vec<Hit>> {
        let articles: Vec<&str> = page.iter().map(|s| s.candidate.article.as_str()).collect();
        let matching = self.matching_passages(searcher, tiers.loosest(), &articles)?;
        let mut hits = Vec::with_capacity(page.len());
        let mut highlighter = prepared.highlighter();
        let stats = Statistics::new(searcher, &prepared.compiled.synonyms, self.index.fields());
        for (i, selected) in page.into_iter().enumerate() {
            let candidate = selected.candidate;
            let doc: TantivyDocument = searcher.doc(candidate.address)?;
            let mut hit = to_hit(self.index.fields(), &doc);
            hit.rank = options.offset + i + 1;
            hit.score = selected.score;
            hit.matched_all = candidate.matched_all;
            hit.matching_passages = matching.get(&candidate.article).copied().unwrap_or(1);
            if options.sort != SortOrder::Score || options.explain {
                let query = tiers.of(candidate.matched_all);
                if let Ok(mut explanation) = explain(searcher, &stats, query, candidate.address) {
                    if options.sort != SortOrder::Score {
                        hit.score = explanation.value();
                    } else if let Some(article) = candidate.article_score {
                        explanation = explain_article(explanation, article);
                    }
                    if options.explain {
                        hit.explanation = Some(explanation.to_pretty_json());
                    }
                }
            }
            hit.highlights = highlighter.highlight(&hit.text, hit.language.as_deref());
            hit.snippet = snippet(&hit.text, &hit.highlights);
            hits.push(hit);
        }
        Ok(hits)
    }

    /// How many passages of each of `articles` match `query` (a property of the article and the
    /// query, whatever the page).
    fn matching_passages(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        articles: &[&str],
    ) -> Result<HashMap<String, usize>> {
        if articles.is_empty() {
            return Ok(HashMap::new());
        }
        // A page's few ids as a union of term queries: a `TermSetQuery` builds an automaton
        // of its terms, which costs more than reading a few short posting lists.
        let ids = BooleanQuery::new(
            articles
                .iter()
                .map(|id| {
                    let term = Term::from_field_text(self.index.fields().article_id, id);
                    let query: Box<dyn Query> =
                        Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                    (Occur::Should, query)
                })
                .collect(),
        );
        let within = BooleanQuery::new(vec![
            (Occur::Must, query.box_clone()),
            (Occur::Must, Box::new(ids) as Box<dyn Query>),
        ]);
        let found: Vec<DocAddress> = searcher
            .search(&within, &DocSetCollector)?
            .into_iter()
            .collect();
        let mut by_segment: HashMap<u32, Vec<tantivy::DocId>> = HashMap::new();
        for address in found {
            by_segment
                .entry(address.segment_ord)
                .or_default()
                .push(address.doc_id);
        }
        // Only the article ids are read (not the stories and originals a candidate needs).
        let mut counts = HashMap::new();
        for (segment, docs) in by_segment {
            let column = self
                .index
                .columns(searcher.segment_reader(segment))
                .article()?;
            for article in strings_of(column, &docs)? {
                *counts.entry(article.unwrap_or_default()).or_default() += 1;
            }
        }
        Ok(counts)
    }
}

/// A passage's score explained with the word weights the search scored it with.
fn explain(
    searcher: &Searcher,
    stats: &Statistics,
    query: &dyn Query,
    address: DocAddress,
) -> tantivy::Result<Explanation> {
    let scoring = EnableScoring::enabled_from_statistics_provider(stats, searcher);
    query
        .weight(scoring)?
        .explain(searcher.segment_reader(address.segment_ord), address.doc_id)
}

/// The queries a search ran: every word, and (ranking by score) some of the words.
struct Tiers {
    strict: Box<dyn Query>,
    relaxed: Option<Box<dyn Query>>,
}

impl Tiers {
    /// The query a candidate was found with.
    fn of(&self, matched_all: bool) -> &dyn Query {
        match &self.relaxed {
            Some(relaxed) if !matched_all => relaxed.as_ref(),
            _ => self.strict.as_ref(),
        }
    }

    /// The query that finds every passage the search counts.
    fn loosest(&self) -> &dyn Query {
        self.relaxed.as_deref().unwrap_or(self.strict.as_ref())
    }
}

/// The numbers and strings of a segment's candidates, read from the index's shared columns.
struct CandidateColumns {
    article: Option<tantivy::columnar::StrColumn>,
    copy_of: Option<tantivy::columnar::StrColumn>,
    passage: Option<tantivy::columnar::Column<u64>>,
    date: Option<tantivy::columnar::Column<tantivy::DateTime>>,
    story: Option<tantivy::columnar::StrColumn>,
}

impl CandidateColumns {
    fn open(shared: &SegmentColumns) -> Result<CandidateColumns> {
        Ok(CandidateColumns {
            article: shared.article()?,
            copy_of: shared.copy_of()?,
            passage: shared.passage(),
            date: shared.date(),
            story: shared.story()?,
        })
    }

    /// The passage number and date of a document.
    fn numbers(&self, doc: tantivy::DocId) -> (u64, Option<i64>) {
        let passage = self
            .passage
            .as_ref()
            .and_then(|c| c.first(doc))
            .unwrap_or(0);
        let date = self
            .date
            .as_ref()
            .and_then(|c| c.first(doc))
            .map(|d| d.into_timestamp_secs());
        (passage, date)
    }

    /// The strings of the article ids, originals and stories of `docs`, each column's
    /// dictionary walked once.
    fn names(&self, docs: impl Iterator<Item = tantivy::DocId> + Clone) -> Result<SegmentNames> {
        let resolve = |column: &Option<tantivy::columnar::StrColumn>| {
            let ords = docs
                .clone()
                .filter_map(|doc| column.as_ref()?.term_ords(doc).next());
            resolve_in(column.as_ref(), ords)
        };
        Ok(SegmentNames {
            article: resolve(&self.article)?,
            copy_of: resolve(&self.copy_of)?,
            story: resolve(&self.story)?,
        })
    }
}

/// The strings of the term ordinals a segment's candidates hold, per column.
struct SegmentNames {
    article: Strings,
    copy_of: Strings,
    story: Strings,
}

impl SegmentNames {
    fn lookup(
        names: &Strings,
        column: &Option<tantivy::columnar::StrColumn>,
        doc: tantivy::DocId,
    ) -> Option<String> {
        let ord = column.as_ref()?.term_ords(doc).next()?;
        names.get(&ord).cloned()
    }

    fn article(&self, columns: &CandidateColumns, doc: tantivy::DocId) -> Option<String> {
        Self::lookup(&self.article, &columns.article, doc)
    }

    fn original(&self, columns: &CandidateColumns, doc: tantivy::DocId) -> Option<String> {
        Self::lookup(&self.copy_of, &columns.copy_of, doc)
    }

    fn story(&self, columns: &CandidateColumns, doc: tantivy::DocId) -> Option<String> {
        Self::lookup(&self.story, &columns.story, doc)
    }
}

/// What choosing a page left out.
struct Paging {
    /// Hits listed before paging (the page is a window of them), counted up to one past the
    /// page's end.
    listed: usize,
    /// Candidates folded into another version of their story or past the per-article limit,
    /// up to the page's end.
    folded: usize,
}

/// Applies the unit, the per-article cap, the folding of stories and paging to named
/// candidates in order; stops one hit past the page's end (that one tells that more follow).
fn select(candidates: &[Candidate], options: &SearchOptions) -> (Vec<Selected>, Paging) {
    let end = options.offset + options.limit;
    let mut folded = 0;
    let mut out: Vec<Selected> = Vec::new();
    let mut shown: HashMap<String, usize> = HashMap::new();
    let mut best_versions = BestVersions::default();
    for c in candidates {
        let story = c
            .story
            .as_ref()
            .or(c.original.as_ref())
            .unwrap_or(&c.article);
        if options.collapse && !best_versions.shows(story, &c.article) {
            if out.len() < end {
                folded += 1;
            }
            continue;
        }
        let n = shown.entry(c.article.clone()).or_default();
        *n += 1;
        let allowed = match options.unit {
            Unit::Article => *n == 1,
            Unit::Passage => options.per_article == 0 || *n <= options.per_article,
        };
        if !allowed {
            if out.len() < end && options.unit == Unit::Passage {
                folded += 1;
            }
            continue;
        }
        out.push(Selected {
            score: c.score,
            candidate: c.clone(),
        });
        if out.len() > end {
            break;
        }
    }
    let paging = Paging {
        listed: out.len(),
        folded,
    };
    let page = out
        .into_iter()
        .skip(options.offset)
        .take(options.limit)
        .collect();
    (page, paging)
}

/// A total order on scores (they are never NaN).
fn ordered(score: f32) -> u32 {
    let bits = score.to_bits();
    if bits >> 31 == 1 {
        !bits
    } else {
        bits | (1 << 31)
    }
}

fn to_hit(fields: &Fields, doc: &TantivyDocument) -> Hit {
    let text = |field| crate::index::stored_text(doc, field);
    let number = |f| doc.get_first(f).and_then(|v| v.as_u64()).unwrap_or(0);
    Hit {
        rank: 0,
        score: 0.0,
        matched_all: true,
        article_id: text(fields.article_id).unwrap_or_default(),
        passage: u32::try_from(number(fields.passage) + 1).unwrap_or(u32::MAX),
        matching_passages: 1,
        title: text(fields.title).unwrap_or_default(),
        byline: text(fields.byline),
        source: text(fields.source),
        date: text(fields.date_text),
        url: text(fields.url),
        path: text(fields.path).unwrap_or_default(),
        copy_of: text(fields.copy_of),
        copies: 0,
        story: text(fields.story).unwrap_or_default(),
        versions: Vec::new(),
        language: text(fields.language),
        text: text(fields.text).unwrap_or_default(),
        highlights: Vec::new(),
        snippet: Snippet::default(),
        explanation: None,
    }
}
