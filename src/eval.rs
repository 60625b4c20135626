//! Ranking metrics for TREC-style runs, giving the numbers `trec_eval` (versions 9 and 10) gives.
//!
//! ```
//! use newsdex::eval::{evaluate, parse_qrels, parse_run, Metric};
//!
//! let qrels = parse_qrels("q1 0 doc-a 1\nq1 0 doc-b 0\n")?;
//! let run = parse_run("q1 Q0 doc-b 1 2.5 bm25\nq1 Q0 doc-a 2 1.5 bm25\n")?;
//! let eval = evaluate(&run, &qrels, &[Metric::Map, Metric::Precision(10)]);
//! assert_eq!(eval.all["map"], 0.5); // the one relevant document is at rank 2
//! assert_eq!(eval.all["P_10"], 0.1);
//! # Ok::<(), newsdex::eval::EvalError>(())
//! ```
//!
//! # Input files
//!
//! Both files are whitespace separated, one record a line; blank lines and lines starting with
//! `#` are skipped, and errors name the 1-based line.
//!
//! - qrels: `qid iter docid rel`, exactly four fields. `iter` is ignored; `rel` is an integer
//!   and graded values are kept. A judgment of [`RELEVANCE_LEVEL`] (1) or more is relevant;
//!   0 or a negative value is not relevant. Judging the same document twice for one query is an
//!   error, as in `trec_eval`.
//! - run: `qid Q0 docid rank score tag`, at least six fields (later ones ignored, as in
//!   `trec_eval`). `Q0`, `rank` and `tag` are ignored; `score` must be a number (not NaN).
//!
//! # Ranking order
//!
//! The rank column plays no part. Like `trec_eval` (`comp_sim_docno` in `form_res_rels.c`),
//! each query's documents are sorted by score, highest first, and equal scores are ordered by
//! docid in *descending* byte-wise order (`strcmp(docno2, docno1)`): among equal scores `c`
//! comes before `b` before `a`, and `d9` before `d10`. When a docid appears more than once for
//! a query, the first line is kept and later ones are ignored; `trec_eval` instead refuses such
//! a run ("duplicate docs").
//!
//! # Which queries are evaluated
//!
//! By default, as in `trec_eval`, a query is evaluated and averaged when it has judgments in the
//! qrels *and* lines in the run: run queries without judgments are ignored, and judged queries
//! the run left out are not counted. [`EvalOptions::include_missing_queries`] (`trec_eval -c`)
//! evaluates every judged query instead, an absent ranking scoring 0 on every metric. A judged
//! query without any relevant document is evaluated and averaged like `trec_eval` does it (every
//! metric is 0 for it); [`EvalOptions::skip_queries_without_relevant`] leaves such queries out.
//!
//! # Metrics
//!
//! With `rel(i)` the judgment of the document at rank `i` (unjudged = 0), "relevant" meaning
//! `rel >= 1`, and `R` the number of relevant documents judged for the query:
//!
//! | [`Metric`] | name | value |
//! |---|---|---|
//! | `Map` | `map` | sum of precision at the rank of each relevant retrieved document, divided by `R` |
//! | `MapCut(k)` | `map_cut_k` | the same over the top `k` only, still divided by `R` |
//! | `RecipRank` | `recip_rank` | 1 / rank of the first relevant document, 0 if none |
//! | `Mrr(k)` | `mrr_k` | `recip_rank` counting only the top `k` |
//! | `Precision(k)` | `P_k` | relevant in top `k`, divided by `k` even when fewer were retrieved |
//! | `Recall(k)` | `recall_k` | relevant in top `k`, divided by `R` (0 when `R` = 0) |
//! | `Success(k)` | `success_k` | 1 if a relevant document is in the top `k`, else 0 |
//! | `Ndcg(k)` | `ndcg_cut_k` | DCG@k / ideal DCG@k |
//!
//! DCG@k sums `gain / log2(rank + 1)` over ranks 1..=k, the gain being the judgment when it is
//! positive and 0 otherwise; the ideal DCG uses the positive judgments of all judged documents,
//! retrieved or not, sorted from highest. A cutoff `k` of 0 scores 0. `mrr_k` is not a
//! `trec_eval` measure; every other name is the one `trec_eval` prints. Sums run in rank order
//! and means in query order, as in `trec_eval`, so values should agree beyond the four printed
//! decimals, normally to the last bit.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// The smallest judgment counted as relevant by the binary metrics (`trec_eval`'s default
/// `-l 1`).
pub const RELEVANCE_LEVEL: i64 = 1;

/// A malformed input line or an unknown metric name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// A line of a qrels or run file could not be read.
    #[error("{file} line {line}: {problem}")]
    Parse {
        /// `"qrels"` or `"run"`.
        file: &'static str,
        /// The 1-based line number.
        line: usize,
        /// What is wrong with the line.
        problem: String,
    },
    /// A metric name that [`Metric::from_str`] does not know.
    #[error("unknown metric `{0}`: expected map, recip_rank, or ndcg_cut_K, map_cut_K, mrr_K, P_K, recall_K or success_K with K >= 1")]
    UnknownMetric(String),
}

/// Relevance judgments: for each query, the judgment of each judged document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Qrels {
    queries: BTreeMap<String, HashMap<String, i64>>,
}

impl Qrels {
    /// The judged query ids, in byte order.
    pub fn query_ids(&self) -> impl Iterator<Item = &str> + '_ {
        self.queries.keys().map(String::as_str)
    }

    /// The judgment of `docid` for `qid`, or `None` when it was not judged.
    pub fn judgment(&self, qid: &str, docid: &str) -> Option<i64> {
        self.queries.get(qid)?.get(docid).copied()
    }

    /// How many documents are judged relevant for `qid` (0 for an unknown query).
    pub fn num_relevant(&self, qid: &str) -> usize {
        self.queries.get(qid).map_or(0, |judged| {
            judged
                .values()
                .filter(|&&rel| rel >= RELEVANCE_LEVEL)
                .count()
        })
    }
}

/// A TREC run: for each query, the retrieved docids in evaluation order (see the module
/// documentation for the ordering rule).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Run {
    rankings: BTreeMap<String, Vec<String>>,
}

impl Run {
    /// The query ids with at least one retrieved document, in byte order.
    pub fn query_ids(&self) -> impl Iterator<Item = &str> + '_ {
        self.rankings.keys().map(String::as_str)
    }

    /// The docids retrieved for `qid`, best first, or `None` for a query not in the run.
    pub fn ranking(&self, qid: &str) -> Option<&[String]> {
        self.rankings.get(qid).map(Vec::as_slice)
    }
}

/// Lines holding a record, with their 1-based numbers and fields; blank lines and `#` comments
/// are skipped.
fn records(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(index, line)| {
        let fields: Vec<&str> = line.split_ascii_whitespace().collect();
        let is_record = fields.first().is_some_and(|first| !first.starts_with('#'));
        is_record.then_some((index + 1, fields))
    })
}

/// Reads relevance judgments in the qrels format `qid iter docid rel`.
pub fn parse_qrels(text: &str) -> Result<Qrels, EvalError> {
    let error = |line, problem| EvalError::Parse {
        file: "qrels",
        line,
        problem,
    };
    let mut queries: BTreeMap<String, HashMap<String, i64>> = BTreeMap::new();
    let mut first_line: HashMap<(&str, &str), usize> = HashMap::new();
    for (line, fields) in records(text) {
        let [qid, _iter, docid, rel] = fields[..] else {
            let found = fields.len();
            return Err(error(
                line,
                format!("expected 4 fields `qid iter docid rel`, found {found}"),
            ));
        };
        let rel: i64 = rel
            .parse()
            .map_err(|_| error(line, format!("relevance `{rel}` is not an integer")))?;
        if let Some(first) = first_line.insert((qid, docid), line) {
            let problem = format!(
                "document `{docid}` is judged again for query `{qid}` (first on line {first})"
            );
            return Err(error(line, problem));
        }
        queries
            .entry(qid.to_owned())
            .or_default()
            .insert(docid.to_owned(), rel);
    }
    Ok(Qrels { queries })
}

/// Reads a run in the TREC format `qid Q0 docid rank score tag` and orders each query's
/// documents as `trec_eval` does: score descending, ties by docid descending; the first line of
/// a repeated docid wins.
pub fn parse_run(text: &str) -> Result<Run, EvalError> {
    let error = |line, problem| EvalError::Parse {
        file: "run",
        line,
        problem,
    };
    let mut scored: BTreeMap<&str, Vec<(f64, &str)>> = BTreeMap::new();
    let mut seen: HashSet<(&str, &str)> = HashSet::new();
    for (line, fields) in records(text) {
        let [qid, _q0, docid, _rank, score, _tag, ..] = fields[..] else {
            let found = fields.len();
            return Err(error(
                line,
                format!("expected 6 fields `qid Q0 docid rank score tag`, found {found}"),
            ));
        };
        let score = score
            .parse::<f64>()
            .ok()
            .filter(|score| !score.is_nan())
            .ok_or_else(|| error(line, format!("score `{score}` is not a number")))?;
        if seen.insert((qid, docid)) {
            scored.entry(qid).or_default().push((score, docid));
        }
    }
    let rankings = scored
        .into_iter()
        .map(|(qid, mut docs)| {
            docs.sort_by(|(score_a, doc_a), (score_b, doc_b)| {
                score_b
                    .partial_cmp(score_a)
                    .unwrap_or(Ordering::Equal)
                    .then_with(|| doc_b.cmp(doc_a))
            });
            (
                qid.to_owned(),
                docs.into_iter().map(|(_, doc)| doc.to_owned()).collect(),
            )
        })
        .collect();
    Ok(Run { rankings })
}

/// A ranking metric; its [`Display`](fmt::Display) form is the name `trec_eval` prints, and
/// [`FromStr`] reads those names back (`ndcg_cut_10`, `map`, `P_10`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Metric {
    /// `ndcg_cut_k`: graded nDCG over the top `k`.
    Ndcg(usize),
    /// `map`: average precision over the whole ranking.
    Map,
    /// `map_cut_k`: average precision over the top `k`, divided by all relevant documents.
    MapCut(usize),
    /// `recip_rank`: reciprocal rank of the first relevant document.
    RecipRank,
    /// `mrr_k`: reciprocal rank of the first relevant document within the top `k`, else 0.
    Mrr(usize),
    /// `P_k`: precision at `k`.
    Precision(usize),
    /// `recall_k`: recall at `k`.
    Recall(usize),
    /// `success_k`: whether a relevant document is in the top `k`.
    Success(usize),
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Metric::Ndcg(k) => write!(f, "ndcg_cut_{k}"),
            Metric::Map => f.write_str("map"),
            Metric::MapCut(k) => write!(f, "map_cut_{k}"),
            Metric::RecipRank => f.write_str("recip_rank"),
            Metric::Mrr(k) => write!(f, "mrr_{k}"),
            Metric::Precision(k) => write!(f, "P_{k}"),
            Metric::Recall(k) => write!(f, "recall_{k}"),
            Metric::Success(k) => write!(f, "success_{k}"),
        }
    }
}

impl FromStr for Metric {
    type Err = EvalError;

    /// Reads a metric name; cutoffs must be positive decimal integers.
    fn from_str(name: &str) -> Result<Self, EvalError> {
        let with_cutoff = |(stem, digits): (&str, &str)| {
            let make: fn(usize) -> Metric = match stem {
                "ndcg_cut" => Metric::Ndcg,
                "map_cut" => Metric::MapCut,
                "mrr" => Metric::Mrr,
                "P" => Metric::Precision,
                "recall" => Metric::Recall,
                "success" => Metric::Success,
                _ => return None,
            };
            let all_digits = digits.bytes().all(|b| b.is_ascii_digit());
            let k = digits.parse().ok().filter(|&k| all_digits && k > 0)?;
            Some(make(k))
        };
        match name {
            "map" => Ok(Metric::Map),
            "recip_rank" => Ok(Metric::RecipRank),
            _ => name
                .rsplit_once('_')
                .and_then(with_cutoff)
                .ok_or_else(|| EvalError::UnknownMetric(name.to_owned())),
        }
    }
}

/// Which queries [`evaluate_with`] evaluates; the default is `trec_eval`'s.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EvalOptions {
    /// Evaluate every judged query, scoring 0 on every metric where the run has no line for it
    /// (`trec_eval -c`). Off by default: only queries in both the run and the qrels count.
    pub include_missing_queries: bool,
    /// Leave out queries whose judgments hold no relevant document. Off by default, as in
    /// `trec_eval`, which scores such queries 0 and counts them in the means.
    pub skip_queries_without_relevant: bool,
}

/// Metric values per query and their means.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Evaluation {
    /// For each evaluated query id, each metric name with its value.
    pub per_query: BTreeMap<String, BTreeMap<String, f64>>,
    /// Each metric name with its mean over the evaluated queries (`trec_eval`'s `all` rows);
    /// 0 when no query was evaluated.
    pub all: BTreeMap<String, f64>,
    /// How many queries were evaluated and averaged (`trec_eval`'s `num_q`).
    pub num_queries: usize,
}

/// Scores `run` against `qrels` with `trec_eval`'s default choice of queries: those with both
/// judgments and retrieved documents.
pub fn evaluate(run: &Run, qrels: &Qrels, metrics: &[Metric]) -> Evaluation {
    evaluate_with(run, qrels, metrics, EvalOptions::default())
}

/// Scores `run` against `qrels`, choosing the queries as `options` says.
pub fn evaluate_with(
    run: &Run,
    qrels: &Qrels,
    metrics: &[Metric],
    options: EvalOptions,
) -> Evaluation {
    let mut per_query = BTreeMap::new();
    for (qid, judged) in &qrels.queries {
        let ranking = match run.ranking(qid) {
            Some(ranking) => ranking,
            None if options.include_missing_queries => &[],
            None => continue,
        };
        let query = JudgedRanking::new(ranking, judged);
        if options.skip_queries_without_relevant && query.num_relevant == 0 {
            continue;
        }
        let values = metrics
            .iter()
            .map(|&metric| (metric.to_string(), query.score(metric)))
            .collect();
        per_query.insert(qid.clone(), values);
    }
    let num_queries = per_query.len();
    let all = metrics
        .iter()
        .map(|metric| {
            let name = metric.to_string();
            // A fold from +0.0: `Sum` for floats starts at -0.0, which would print as "-0.0000".
            let sum: f64 = per_query
                .values()
                .map(|values: &BTreeMap<String, f64>| values[&name])
                .fold(0.0, |a, b| a + b);
            (name, sum / num_queries.max(1) as f64)
        })
        .collect();
    Evaluation {
        per_query,
        all,
        num_queries,
    }
}

/// One query's ranking seen through its judgments.
struct JudgedRanking {
    /// The judgment of each retrieved document in rank order (0 when unjudged).
    rels: Vec<i64>,
    /// Positive judgments of all judged documents, highest first: the ideal ranking's gains.
    ideal: Vec<i64>,
    /// Number of judged relevant documents.
    num_relevant: usize,
}

impl JudgedRanking {
    fn new(ranking: &[String], judged: &HashMap<String, i64>) -> Self {
        let rels = ranking
            .iter()
            .map(|doc| judged.get(doc).copied().unwrap_or(0))
            .collect();
        let mut ideal: Vec<i64> = judged.values().copied().filter(|&rel| rel > 0).collect();
        ideal.sort_unstable_by(|a, b| b.cmp(a));
        let num_relevant = judged
            .values()
            .filter(|&&rel| rel >= RELEVANCE_LEVEL)
            .count();
        JudgedRanking {
            rels,
            ideal,
            num_relevant,
        }
    }

    fn score(&self, metric: Metric) -> f64 {
        match metric {
            Metric::Ndcg(k) => {
                let ideal = dcg(&self.ideal[..k.min(self.ideal.len())]);
                if ideal > 0.0 {
                    dcg(self.top(k)) / ideal
                } else {
                    0.0
                }
            }
            Metric::Map => self.average_precision(usize::MAX),
            Metric::MapCut(k) => self.average_precision(k),
            Metric::RecipRank => self.reciprocal_rank(usize::MAX),
            Metric::Mrr(k) => self.reciprocal_rank(k),
            Metric::Precision(k) => self.hits(k) as f64 / k.max(1) as f64,
            Metric::Recall(k) => self.per_relevant(self.hits(k) as f64),
            Metric::Success(k) => f64::from(u8::from(self.hits(k) > 0)),
        }
    }

    /// The judgments of the top `k` retrieved documents.
    fn top(&self, k: usize) -> &[i64] {
        &self.rels[..k.min(self.rels.len())]
    }

    fn hits(&self, k: usize) -> usize {
        self.top(k)
            .iter()
            .filter(|&&rel| rel >= RELEVANCE_LEVEL)
            .count()
    }

    fn per_relevant(&self, value: f64) -> f64 {
        if self.num_relevant == 0 {
            0.0
        } else {
            value / self.num_relevant as f64
        }
    }

    fn average_precision(&self, k: usize) -> f64 {
        let precisions = self
            .top(k)
            .iter()
            .enumerate()
            .filter(|&(_, &rel)| rel >= RELEVANCE_LEVEL)
            .enumerate()
            .map(|(found_before, (index, _))| (found_before + 1) as f64 / (index + 1) as f64);
        self.per_relevant(precisions.sum())
    }

    fn reciprocal_rank(&self, k: usize) -> f64 {
        self.top(k)
            .iter()
            .position(|&rel| rel >= RELEVANCE_LEVEL)
            .map_or(0.0, |index| 1.0 / (index + 1) as f64)
    }
}

/// Discounted cumulative gain of gains listed in rank order: `gain / log2(rank + 1)`, counting
/// positive gains only.
fn dcg(gains: &[i64]) -> f64 {
    gains
        .iter()
        .enumerate()
        .filter(|&(_, &gain)| gain > 0)
        .map(|(index, &gain)| gain as f64 / ((index + 2) as f64).log2())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    const EPS: f64 = 1e-12;

    fn assert_close(actual: f64, expected: f64, what: &str) {
        assert!(
            (actual - expected).abs() < EPS,
            "{what}: got {actual}, expected {expected}"
        );
    }

    fn value(eval: &Evaluation, qid: &str, metric: &str) -> f64 {
        eval.per_query[qid][metric]
    }

    fn metrics(names: &[&str]) -> Vec<Metric> {
        names.iter().map(|name| name.parse().unwrap()).collect()
    }

    #[test]
    fn binary_judgments_by_hand() {
        // Relevant: d1, d3, d4 (R = 3); d2 is judged non-relevant, d9 negative, d5 unjudged.
        let qrels = parse_qrels("1 0 d1 1\n1 0 d2 0\n1 0 d3 1\n1 0 d4 1\n1 0 d9 -1\n").unwrap();
        // Ranking by score: d1 (R), d2 (N), d3 (R), d5 (N); d4 is never retrieved.
        let run =
            parse_run("1 Q0 d5 1 7 t\n1 Q0 d1 2 10 t\n1 Q0 d3 3 8 t\n1 Q0 d2 4 9 t\n").unwrap();
        assert_eq!(run.ranking("1").unwrap(), ["d1", "d2", "d3", "d5"]);
        assert_eq!(qrels.num_relevant("1"), 3);
        let names = [
            "map",
            "map_cut_2",
            "recip_rank",
            "mrr_1",
            "P_2",
            "P_10",
            "recall_2",
            "recall_100",
            "success_1",
            "ndcg_cut_3",
        ];
        let eval = evaluate(&run, &qrels, &metrics(&names));
        let v = |name| value(&eval, "1", name);
        // AP: precision 1/1 at rank 1 and 2/3 at rank 3, over R = 3: (1 + 2/3) / 3 = 5/9.
        assert_close(v("map"), 5.0 / 9.0, "map");
        // Cut at 2 only rank 1 counts, still over R = 3.
        assert_close(v("map_cut_2"), 1.0 / 3.0, "map_cut_2");
        assert_close(v("recip_rank"), 1.0, "recip_rank");
        assert_close(v("mrr_1"), 1.0, "mrr_1");
        assert_close(v("P_2"), 0.5, "P_2");
        // Two relevant among only four retrieved, still divided by 10.
        assert_close(v("P_10"), 0.2, "P_10");
        assert_close(v("recall_2"), 1.0 / 3.0, "recall_2");
        // The unretrieved d4 keeps recall below 1.
        assert_close(v("recall_100"), 2.0 / 3.0, "recall_100");
        assert_close(v("success_1"), 1.0, "success_1");
        // DCG@3 = 1/log2(2) + 0 + 1/log2(4) = 1.5; ideal 1 + 1/log2(3) + 1/2 = 2.1309297535714578.
        assert_close(
            v("ndcg_cut_3"),
            1.5 / (1.5 + 1.0 / 3f64.log2()),
            "ndcg_cut_3",
        );
        assert_close(v("ndcg_cut_3"), 0.7039180890341347, "ndcg_cut_3 literal");
        // One query: the means are its values.
        assert_eq!(eval.num_queries, 1);
        assert_eq!(eval.all, eval.per_query["1"]);
    }

    #[test]
    fn graded_judgments_by_hand() {
        let qrels = parse_qrels("g 0 x 3\ng 0 y 2\ng 0 z 1\ng 0 w 0\n").unwrap();
        // Ranking z, x, w, y: gains 1, 3, 0, 2.
        let run = parse_run("g Q0 z 1 3 t\ng Q0 x 2 2 t\ng Q0 w 3 1 t\ng Q0 y 4 0 t\n").unwrap();
        let eval = evaluate(
            &run,
            &qrels,
            &metrics(&["ndcg_cut_1", "ndcg_cut_2", "ndcg_cut_4", "map", "P_4"]),
        );
        let v = |name| value(&eval, "g", name);
        let log3 = 3f64.log2(); // 1.584962500721156
                                // @1: 1/1 against the ideal 3/1.
        assert_close(v("ndcg_cut_1"), 1.0 / 3.0, "ndcg_cut_1");
        // @2: (1 + 3/log2 3) / (3 + 2/log2 3) = 2.892789 / 4.261860 = 0.678762.
        assert_close(
            v("ndcg_cut_2"),
            (1.0 + 3.0 / log3) / (3.0 + 2.0 / log3),
            "ndcg_cut_2",
        );
        assert_close(v("ndcg_cut_2"), 0.6787622294601761, "ndcg_cut_2 literal");
        // @4: (1 + 3/log2 3 + 0 + 2/log2 5) / (3 + 2/log2 3 + 1/log2 4) = 3.754142 / 4.761860 = 0.788377.
        let dcg4 = 1.0 + 3.0 / log3 + 2.0 / 5f64.log2();
        assert_close(
            v("ndcg_cut_4"),
            dcg4 / (3.0 + 2.0 / log3 + 0.5),
            "ndcg_cut_4",
        );
        // Binary view: relevant x, y, z at ranks 2, 1, 4: (1/1 + 2/2 + 3/4) / 3 = 11/12.
        assert_close(v("map"), 11.0 / 12.0, "map");
        assert_close(v("P_4"), 0.75, "P_4");
    }

    #[test]
    fn ties_break_by_descending_docid_and_rank_column_is_ignored() {
        let qrels = parse_qrels("t 0 b 1\nn 0 d10 1\n").unwrap();
        // Equal scores; the rank column claims a, b, c, but the order is c, b, a.
        // Byte order puts "d9" above "d10" ('9' > '1'), so d9 comes first.
        let run = parse_run(
            "t Q0 a 1 1.0 x\nt Q0 b 2 1.0 x\nt Q0 c 3 1.0 x\nn Q0 d10 1 5 x\nn Q0 d9 2 5 x\n",
        )
        .unwrap();
        assert_eq!(run.ranking("t").unwrap(), ["c", "b", "a"]);
        assert_eq!(run.ranking("n").unwrap(), ["d9", "d10"]);
        let eval = evaluate(
            &run,
            &qrels,
            &[Metric::RecipRank, Metric::Precision(1), Metric::Success(1)],
        );
        // b is second: recip_rank 1/2, and the tie order keeps it out of the top 1.
        assert_close(value(&eval, "t", "recip_rank"), 0.5, "recip_rank t");
        assert_close(value(&eval, "t", "P_1"), 0.0, "P_1 t");
        assert_close(value(&eval, "n", "recip_rank"), 0.5, "recip_rank n");
        assert_close(value(&eval, "n", "success_1"), 0.0, "success_1 n");
        // A higher score still wins over the docid; 1e0 and 1.0 tie numerically.
        let run =
            parse_run("t Q0 a 1 1.5 x\nt Q0 b 2 1e0 x\nt Q0 c 3 1.0 x\nt Q0 z 4 -2 x\n").unwrap();
        assert_eq!(run.ranking("t").unwrap(), ["a", "c", "b", "z"]);
    }

    #[test]
    fn duplicate_docids_keep_the_first_line() {
        let qrels = parse_qrels("q 0 d1 1\n").unwrap();
        // The repeated d1 (score 5) would rank first; the first line (score 1) is kept instead.
        let run = parse_run("q Q0 d1 1 1 x\nq Q0 d2 2 2 x\nq Q0 d1 3 5 x\n").unwrap();
        assert_eq!(run.ranking("q").unwrap(), ["d2", "d1"]);
        let eval = evaluate(&run, &qrels, &[Metric::RecipRank, Metric::Precision(10)]);
        assert_close(value(&eval, "q", "recip_rank"), 0.5, "recip_rank");
        // Retrieved count is 2, not 3; P_10 = 1/10 either way.
        assert_close(value(&eval, "q", "P_10"), 0.1, "P_10");
    }

    #[test]
    fn choice_of_queries() {
        // a: relevant doc at rank 1 (AP 1). norel: judged, nothing relevant. missing: judged,
        // not in the run. orphan: in the run, not judged.
        let qrels = parse_qrels("a 0 x 1\nnorel 0 x 0\nnorel 0 y -1\nmissing 0 x 2\n").unwrap();
        let run =
            parse_run("a Q0 x 1 2 r\nnorel Q0 x 1 2 r\nnorel Q0 y 2 1 r\norphan Q0 x 1 1 r\n")
                .unwrap();
        let names = [
            "map",
            "recip_rank",
            "P_10",
            "recall_10",
            "ndcg_cut_10",
            "success_10",
        ];
        let wanted = metrics(&names);
        let run_with = |include_missing_queries, skip_queries_without_relevant| {
            let options = EvalOptions {
                include_missing_queries,
                skip_queries_without_relevant,
            };
            evaluate_with(&run, &qrels, &wanted, options)
        };
        let ids = |eval: &Evaluation| eval.per_query.keys().cloned().collect::<Vec<_>>();

        // Default (trec_eval): a and norel; norel scores 0 everywhere, including recall with
        // R = 0, and halves the means: map = (1 + 0) / 2.
        let eval = evaluate(&run, &qrels, &wanted);
        assert_eq!(eval, run_with(false, false));
        assert_eq!(ids(&eval), ["a", "norel"]);
        for name in names {
            assert_close(value(&eval, "norel", name), 0.0, name);
        }
        assert_close(eval.all["map"], 0.5, "map");
        assert_close(eval.all["P_10"], 0.05, "P_10"); // (1/10 + 0) / 2
        assert_eq!(eval.num_queries, 2);

        // -c: missing joins with zeros; map = (1 + 0 + 0) / 3.
        let eval = run_with(true, false);
        assert_eq!(ids(&eval), ["a", "missing", "norel"]);
        for name in names {
            assert_close(value(&eval, "missing", name), 0.0, name);
        }
        assert_close(eval.all["map"], 1.0 / 3.0, "map -c");

        // Skipping queries without relevant documents: only a, then a and missing with -c.
        let eval = run_with(false, true);
        assert_eq!(ids(&eval), ["a"]);
        assert_close(eval.all["map"], 1.0, "map skip");
        let eval = run_with(true, true);
        assert_eq!(ids(&eval), ["a", "missing"]);
        assert_close(eval.all["map"], 0.5, "map skip -c");
        assert_close(eval.all["ndcg_cut_10"], 0.5, "ndcg skip -c");
    }

    #[test]
    fn nothing_to_evaluate() {
        let qrels = parse_qrels("# no judgments\n\n").unwrap();
        let run = parse_run("q Q0 d 1 1 x\n").unwrap();
        let eval = evaluate(&run, &qrels, &[Metric::Map]);
        assert_eq!(eval.num_queries, 0);
        assert!(eval.per_query.is_empty());
        assert_eq!(eval.all["map"], 0.0);
    }

    #[test]
    fn parse_errors_name_the_line() {
        let err = |result: Result<(), EvalError>| result.unwrap_err().to_string();
        let qrels = |text| err(parse_qrels(text).map(drop));
        let run = |text| err(parse_run(text).map(drop));
        assert_eq!(
            qrels("q 0 d 1\nq 0 d2\n"),
            "qrels line 2: expected 4 fields `qid iter docid rel`, found 3"
        );
        assert_eq!(
            qrels("q 0 d 1 extra\n"),
            "qrels line 1: expected 4 fields `qid iter docid rel`, found 5"
        );
        // Comments and blank lines still count in the numbering.
        assert_eq!(
            qrels("# header\n\nq 0 d high\n"),
            "qrels line 3: relevance `high` is not an integer"
        );
        assert_eq!(
            qrels("q 0 d 1.5\n"),
            "qrels line 1: relevance `1.5` is not an integer"
        );
        assert_eq!(
            qrels("q 0 d 1\nq 0 e 0\nq 0 d 2\n"),
            "qrels line 3: document `d` is judged again for query `q` (first on line 1)"
        );
        assert_eq!(
            run("q Q0 d 1 2.0\n"),
            "run line 1: expected 6 fields `qid Q0 docid rank score tag`, found 5"
        );
        assert_eq!(
            run("q Q0 d 1 2 t\nq Q0 e 2 high t\n"),
            "run line 2: score `high` is not a number"
        );
        assert_eq!(
            run("q Q0 d 1 NaN t\n"),
            "run line 1: score `NaN` is not a number"
        );
        // Extra run fields, CRLF endings and indented comments are accepted.
        let parsed = parse_run("  # comment\r\nq Q0 d 1 2 t extra\r\n").unwrap();
        assert_eq!(parsed.ranking("q").unwrap(), ["d"]);
        assert_eq!(
            parse_qrels("q 0 d -3\r\n").unwrap().judgment("q", "d"),
            Some(-3)
        );
    }

    #[test]
    fn metric_names_round_trip() {
        let names = [
            "ndcg_cut_10",
            "map",
            "map_cut_5",
            "recip_rank",
            "mrr_10",
            "P_10",
            "recall_100",
            "recall_1000",
            "success_10",
        ];
        for name in names {
            assert_eq!(name.parse::<Metric>().unwrap().to_string(), name);
        }
        assert_eq!("P_5".parse::<Metric>().unwrap(), Metric::Precision(5));
        assert_eq!("ndcg_cut_20".parse::<Metric>().unwrap(), Metric::Ndcg(20));
        for bad in [
            "P_0",
            "P_",
            "P_+5",
            "p_10",
            "ndcg",
            "ndcg_cut_x",
            "mrr",
            "map_cut_-1",
            "",
        ] {
            assert_eq!(
                bad.parse::<Metric>(),
                Err(EvalError::UnknownMetric(bad.to_owned())),
                "{bad}"
            );
        }
    }

    /// xorshift64: a small deterministic generator for the cross-check below.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }
    }

    /// Straight-from-the-definition scoring of one query, sharing no code with the module:
    /// `lines` are the run's (docid, score) lines in file order, `judged` the (docid, rel) pairs.
    fn naive_score(metric: Metric, lines: &[(String, f64)], judged: &[(String, i64)]) -> f64 {
        // Drop repeated docids (keeping the first), then selection-sort by the trec_eval rule.
        let mut pool: Vec<&(String, f64)> = lines
            .iter()
            .enumerate()
            .filter(|(i, (d, _))| !lines[..*i].iter().any(|(e, _)| e == d))
            .map(|(_, l)| l)
            .collect();
        let mut ranked: Vec<&str> = Vec::new();
        while !pool.is_empty() {
            let mut best = 0;
            for i in 1..pool.len() {
                let (d, s) = pool[i];
                let (bd, bs) = pool[best];
                if *s > *bs || (*s == *bs && d > bd) {
                    best = i;
                }
            }
            ranked.push(&pool.remove(best).0);
        }
        let rel = |doc: &str| judged.iter().find(|(d, _)| d == doc).map_or(0, |(_, r)| *r);
        // 1-based rank of a document, if retrieved.
        let rank = |doc: &str| ranked.iter().position(|d| *d == doc).map(|p| p + 1);
        let relevant: Vec<&str> = judged
            .iter()
            .filter(|(_, r)| *r >= 1)
            .map(|(d, _)| d.as_str())
            .collect();
        let n_rel = relevant.len() as f64;
        let ranks_within = |k: usize| {
            relevant
                .iter()
                .filter_map(|d| rank(d))
                .filter(|&r| r <= k)
                .collect::<Vec<_>>()
        };
        let ap = |k: usize| {
            if relevant.is_empty() {
                return 0.0;
            }
            let ranks = ranks_within(k);
            let total: f64 = ranks
                .iter()
                .map(|&r| ranks.iter().filter(|&&o| o <= r).count() as f64 / r as f64)
                .sum();
            total / n_rel
        };
        let rr = |k: usize| {
            ranks_within(k)
                .into_iter()
                .min()
                .map_or(0.0, |r| 1.0 / r as f64)
        };
        match metric {
            Metric::Map => ap(usize::MAX),
            Metric::MapCut(k) => ap(k),
            Metric::RecipRank => rr(usize::MAX),
            Metric::Mrr(k) => rr(k),
            Metric::Precision(k) => ranks_within(k).len() as f64 / k as f64,
            Metric::Recall(k) => {
                if relevant.is_empty() {
                    0.0
                } else {
                    ranks_within(k).len() as f64 / n_rel
                }
            }
            Metric::Success(k) => {
                if ranks_within(k).is_empty() {
                    0.0
                } else {
                    1.0
                }
            }
            Metric::Ndcg(k) => {
                let discounted =
                    |r: usize, gain: i64| gain.max(0) as f64 * 2f64.ln() / ((r + 1) as f64).ln();
                let got: f64 = (1..=k.min(ranked.len()))
                    .map(|r| discounted(r, rel(ranked[r - 1])))
                    .sum();
                let mut gains: Vec<i64> = judged.iter().map(|(_, r)| *r).collect();
                gains.sort();
                gains.reverse();
                let ideal: f64 = gains
                    .iter()
                    .take(k)
                    .enumerate()
                    .map(|(i, &g)| discounted(i + 1, g))
                    .sum();
                if ideal == 0.0 {
                    0.0
                } else {
                    got / ideal
                }
            }
        }
    }

    #[test]
    fn agrees_with_naive_scoring_on_random_inputs() {
        let wanted = metrics(&[
            "ndcg_cut_1",
            "ndcg_cut_3",
            "ndcg_cut_10",
            "map",
            "map_cut_5",
            "recip_rank",
            "mrr_3",
            "P_1",
            "P_5",
            "P_20",
            "recall_2",
            "recall_10",
            "success_1",
            "success_4",
        ]);
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for case in 0..200 {
            let mut run_text = String::new();
            let mut qrels_text = String::new();
            let mut run_lines: BTreeMap<String, Vec<(String, f64)>> = BTreeMap::new();
            let mut judgments: BTreeMap<String, Vec<(String, i64)>> = BTreeMap::new();
            for q in 0..5 {
                let qid = format!("q{q}");
                if rng.below(5) > 0 {
                    for _ in 0..rng.below(16) {
                        // Few distinct scores, so ties (and repeated docids) are common.
                        let (doc, score) = (
                            format!("d{}", rng.below(20)),
                            rng.below(7) as f64 / 2.0 - 1.0,
                        );
                        run_text += &format!("{qid} Q0 {doc} {} {score} tag\n", rng.below(100));
                        run_lines.entry(qid.clone()).or_default().push((doc, score));
                    }
                }
                if rng.below(5) > 0 {
                    for d in 0..20 {
                        if rng.below(3) > 0 {
                            continue;
                        }
                        let (doc, rel) = (format!("d{d}"), rng.below(5) as i64 - 1);
                        qrels_text += &format!("{qid} 0 {doc} {rel}\n");
                        judgments.entry(qid.clone()).or_default().push((doc, rel));
                    }
                }
            }
            let run = parse_run(&run_text).unwrap();
            let qrels = parse_qrels(&qrels_text).unwrap();
            for (include_missing_queries, skip_queries_without_relevant) in
                [(false, false), (true, false), (false, true), (true, true)]
            {
                let options = EvalOptions {
                    include_missing_queries,
                    skip_queries_without_relevant,
                };
                let eval = evaluate_with(&run, &qrels, &wanted, options);
                let chosen: Vec<&String> = judgments
                    .iter()
                    .filter(|(qid, _)| include_missing_queries || run_lines.contains_key(*qid))
                    .filter(|(_, judged)| {
                        !skip_queries_without_relevant || judged.iter().any(|(_, r)| *r >= 1)
                    })
                    .map(|(qid, _)| qid)
                    .collect();
                assert_eq!(
                    eval.per_query.keys().collect::<Vec<_>>(),
                    chosen,
                    "case {case} {options:?}"
                );
                for metric in &wanted {
                    let name = metric.to_string();
                    let mut sum = 0.0;
                    for qid in &chosen {
                        let lines = run_lines.get(*qid).map_or(&[][..], Vec::as_slice);
                        let expected = naive_score(*metric, lines, &judgments[*qid]);
                        let what = format!("case {case} {options:?} {qid} {name}");
                        assert!(
                            (eval.per_query[*qid][&name] - expected).abs() < 1e-9,
                            "{what}: {} vs {expected}",
                            eval.per_query[*qid][&name]
                        );
                        sum += expected;
                    }
                    let mean = if chosen.is_empty() {
                        0.0
                    } else {
                        sum / chosen.len() as f64
                    };
                    assert!(
                        (eval.all[&name] - mean).abs() < 1e-9,
                        "case {case} {options:?} mean {name}"
                    );
                }
            }
        }
    }
}
