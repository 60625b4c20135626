//! Running a query over passages: the strict reading first (every word), then, when it leaves
//! the page short, passages that match only some of the words.

use std::cmp::Reverse;
use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::schema::{TantivyDocument, Value};
use tantivy::{DocAddress, Searcher, SegmentReader};
use time::Date;

use super::compile::{compile, Analyzers, CompileOptions, Compiled};
use super::query::{parse_plain, parse_query};
use super::snippet::{highlight, snippet, Snippet};
use crate::analysis;
use crate::error::Result;
use crate::index::{Fields, NewsIndex};

/// How a query string is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Syntax {
    /// The full query language (phrases, operators, fields).
    #[default]
    Full,
    /// A bag of words: punctuation and operators are separators.
    Plain,
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
        }
    }
}

/// One ranked passage with its article's metadata and highlights.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Rank, from 1.
    pub rank: usize,
    /// BM25 score (title, passage text and proximity combined).
    pub score: f32,
    /// Whether the passage matched every word of the query.
    pub matched_all: bool,
    /// The article's id.
    pub article_id: String,
    /// The passage's ordinal in the article.
    pub passage: u32,
    /// Headline.
    pub title: String,
    /// Byline.
    pub byline: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// ISO 8601 date, as precise as the source states it.
    pub date: Option<String>,
    /// The file it came from.
    pub path: String,
    /// The id of the article this one copies, when it is an exact copy.
    pub copy_of: Option<String>,
    /// The whole passage.
    pub text: String,
    /// Byte ranges into `text` of the words that matched.
    pub highlights: Vec<std::ops::Range<usize>>,
    /// The fragment to show, with its own highlights.
    pub snippet: Snippet,
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
}

/// Extra candidates fetched beyond the page, so that ties at its edge are ordered by id.
const TIE_MARGIN: usize = 16;

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

    /// Byte ranges of the words of `text` that the query matches.
    pub fn highlight(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        let mut analyzer = if self.exact {
            analysis::exact_analyzer()
        } else {
            analysis::analyzer()
        };
        highlight(text, &self.compiled.matchers, &mut analyzer)
    }
}

impl NewsIndex {
    /// Parses, expands and compiles a query (only the query-reading settings of `options` are used).
    pub fn prepare(&self, query: &str, options: &SearchOptions) -> Result<PreparedQuery> {
        let node = match options.syntax {
            Syntax::Full => parse_query(query)?,
            Syntax::Plain => parse_plain(query)?,
        };
        let mut analyzers = Analyzers {
            main: analysis::analyzer(),
            exact: analysis::exact_analyzer(),
        };
        let expander = if options.expand && !options.exact {
            Some(
                self.glossary(options.glossary.as_deref())?
                    .expander(&mut analyzers.main),
            )
        } else {
            None
        };
        let compile_options = CompileOptions {
            expander: expander.as_ref(),
            exact: options.exact,
            since: options.since,
            until: options.until,
        };
        Ok(PreparedQuery {
            compiled: compile(&node, &self.fields, &mut analyzers, compile_options),
            exact: options.exact,
        })
    }

    /// Parses and runs a query.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        let started = Instant::now();
        let prepared = self.prepare(query, options)?;
        let compiled = &prepared.compiled;
        let searcher = self.index.reader()?.searcher();
        let wanted = options.offset + options.limit;
        let (strict_total, strict) = top(&searcher, compiled.strict.as_ref(), wanted)?;
        let mut ranked: Vec<(f32, bool, DocAddress)> =
            strict.into_iter().map(|(s, a)| (s, true, a)).collect();
        let mut total = strict_total;
        if let Some(relaxed) = &compiled.relaxed {
            let (relaxed_total, extra) = top(
                &searcher,
                relaxed.as_ref(),
                wanted + strict_total.min(wanted),
            )?;
            total = relaxed_total;
            if strict_total < wanted {
                let seen: HashSet<DocAddress> = ranked.iter().map(|r| r.2).collect();
                ranked.extend(
                    extra
                        .into_iter()
                        .filter(|(_, a)| !seen.contains(a))
                        .map(|(s, a)| (s, false, a)),
                );
            }
        }
        let hits = self.hits(&searcher, &prepared, ranked, options)?;
        Ok(SearchResults {
            query: query.to_string(),
            executed_query: prepared.compiled.executed.clone(),
            total_hits: total,
            total_all_words: strict_total,
            took: started.elapsed(),
            hits,
        })
    }

    fn hits(
        &self,
        searcher: &Searcher,
        prepared: &PreparedQuery,
        ranked: Vec<(f32, bool, DocAddress)>,
        options: &SearchOptions,
    ) -> Result<Vec<Hit>> {
        let mut hits = Vec::with_capacity(ranked.len());
        for (score, matched_all, address) in ranked {
            let doc: TantivyDocument = searcher.doc(address)?;
            hits.push(to_hit(&self.fields, &doc, score, matched_all));
        }
        // Strict matches first, then by score, ties by article id and passage.
        hits.sort_by(|a, b| {
            (
                Reverse(a.matched_all),
                Reverse(ordered(a.score)),
                &a.article_id,
                a.passage,
            )
                .cmp(&(
                    Reverse(b.matched_all),
                    Reverse(ordered(b.score)),
                    &b.article_id,
                    b.passage,
                ))
        });
        let mut page: Vec<Hit> = hits
            .into_iter()
            .skip(options.offset)
            .take(options.limit)
            .collect();
        for (i, hit) in page.iter_mut().enumerate() {
            hit.rank = options.offset + i + 1;
            hit.highlights = prepared.highlight(&hit.text);
            hit.snippet = snippet(&hit.text, &hit.highlights);
        }
        Ok(page)
    }
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

/// The best `wanted` passages (plus a margin for ties) and the number of matches.
fn top(
    searcher: &Searcher,
    query: &dyn Query,
    wanted: usize,
) -> Result<(usize, Vec<(f32, DocAddress)>)> {
    let collector =
        TopDocs::with_limit(wanted + TIE_MARGIN).tweak_score(move |segment: &SegmentReader| {
            let tiebreak = segment
                .fast_fields()
                .u64(Fields::TIEBREAK_NAME)
                .ok()
                .map(|c| c.first_or_default_col(0));
            move |doc, score| {
                (
                    score,
                    Reverse(tiebreak.as_ref().map_or(0, |c| c.get_val(doc))),
                )
            }
        });
    let (hits, count) = searcher.search(query, &(collector, Count))?;
    Ok((
        count,
        hits.into_iter()
            .map(|((score, _), address)| (score, address))
            .collect(),
    ))
}

fn to_hit(fields: &Fields, doc: &TantivyDocument, score: f32, matched_all: bool) -> Hit {
    let text = |f| {
        doc.get_first(f)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let number = |f| doc.get_first(f).and_then(|v| v.as_u64()).unwrap_or(0);
    Hit {
        rank: 0,
        score,
        matched_all,
        article_id: text(fields.article_id).unwrap_or_default(),
        passage: u32::try_from(number(fields.passage)).unwrap_or(u32::MAX),
        title: text(fields.title).unwrap_or_default(),
        byline: text(fields.byline),
        source: text(fields.source),
        date: text(fields.date_text),
        path: text(fields.path).unwrap_or_default(),
        copy_of: text(fields.copy_of),
        text: text(fields.text).unwrap_or_default(),
        highlights: Vec::new(),
        snippet: Snippet::default(),
    }
}
