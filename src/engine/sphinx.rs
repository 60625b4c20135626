//! The Sphinx adapter: passages written to RT shards (routed by article), searched on every
//! node over SphinxQL and merged, highlighted by newsdex.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use super::article::file_of;
use super::config::shard_name;
use super::idf::boosted;
use super::mysql::{quote, Answer, Connection};
use super::passages::{passage_records, shard_of, Value, SCHEMA};
use super::sphinxql::{translate, Translated};
use super::{Answered, Counted, Engine, Searched};
use crate::analysis::{analyzer, Glossary};
use crate::model::Article;
use crate::search::{
    highlight, parse_plain, parse_query, snippet, Hit, SearchOptions, SearchResults, SortOrder,
    Syntax, Unit,
};
use crate::views::{Facet, FacetCounts, Granularity, Timeline};
use crate::{Error, Result};

/// How engine URLs begin.
pub const ENGINE_SCHEME: &str = "sphinx://";
/// BM25 over the terms fields, titles weighing double (as locally): per field, the IDFs of the
/// matched words times a saturated count of their hits, normalised by the passage's length
/// against a typical 80 terms. (Sphinx 2.2's `bm25f()` gives every passage of a real-time index
/// the same weight.)
const RANKER: &str = "expr('10000*sum(user_weight*sum_idf*2.2*hit_count/(hit_count+1.2*(0.25+0.75*terms_len/80)))'), field_weights=(terms=1, title_terms=2), idf='plain,tfidf_normalized'";
/// Passages written per `REPLACE` statement.
const ROWS_PER_STATEMENT: usize = 256;
/// Files whose old passages are looked up per statement.
const FILES_PER_DELETE: usize = 500;
/// Most passages fetched from one node for one page.
const MAX_FETCH: usize = 1000;
/// Passages fetched per hit wanted, so that per-article limits still fill a page.
const FETCH_PER_HIT: usize = 5;

/// A cluster of Sphinx 2.2 / Manticore nodes, node `i` holding the RT index `shard{i}`.
#[derive(Debug, Clone)]
pub struct Sphinx {
    nodes: Vec<SocketAddr>,
    timeout: Duration,
    /// Whether searches weigh words by their document frequency over the whole cluster (else
    /// each shard by its own: `?idf=shard` in the URL).
    shared_idf: bool,
}

/// A passage as a shard returns it.
pub(super) struct Row {
    pub(super) weight: f64,
    pub(super) matched_all: bool,
    pub(super) article_id: String,
    pub(super) passage: u32,
    pub(super) fields: BTreeMap<String, String>,
}

impl Sphinx {
    /// The cluster an engine URL names: `sphinx://HOST:PORT,HOST:PORT,…` (SphinxQL ports),
    /// optionally ending in `?idf=shard` (each shard weighs words by its own document
    /// frequencies) or `?idf=shared` (the default: by the whole cluster's).
    pub fn from_url(url: &str) -> Result<Sphinx> {
        let rest = url.strip_prefix(ENGINE_SCHEME).ok_or_else(|| {
            Error::Engine(format!(
                "{url}: an engine URL starts with {ENGINE_SCHEME} (see `newsdex engine-config`)"
            ))
        })?;
        let (rest, shared_idf) = match rest.split_once('?') {
            None | Some((_, "idf=shared")) => (rest.split('?').next().unwrap_or(rest), true),
            Some((rest, "idf=shard")) => (rest, false),
            Some((_, other)) => {
                return Err(Error::Engine(format!(
                    "{url}: unknown option `{other}` (idf=shared or idf=shard)"
                )))
            }
        };
        let nodes = rest
            .split(',')
            .map(|node| {
                node.trim().parse::<SocketAddr>().map_err(|_| {
                    Error::Engine(format!("{url}: `{node}` is not an IP address and port"))
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Sphinx {
            nodes,
            timeout: Duration::from_millis(500),
            shared_idf,
        })
    }

    /// The nodes' SphinxQL addresses, node 1 first.
    pub fn nodes(&self) -> &[SocketAddr] {
        &self.nodes
    }

    fn connect(&self, node: usize) -> Result<Connection> {
        Connection::connect(self.nodes[node], self.timeout)
            .map_err(|e| Error::Engine(format!("node {} ({}): {e}", node + 1, self.nodes[node])))
    }

    /// The node an article's passages live on.
    pub fn shard_of(&self, article_id: &str) -> usize {
        shard_of(article_id, self.nodes.len())
    }

    /// Writes the passages of `articles`, first removing every passage of their files, so that
    /// re-indexing a file replaces it. Returns the passages written.
    pub fn index_articles(&self, articles: &[Article]) -> Result<usize> {
        // A file's passages are known by its hash (a multi-record file's records by the file's).
        let files: HashSet<&str> = articles.iter().map(|a| file_of(&a.path)).collect();
        let hashes: Vec<String> = files
            .iter()
            .map(|f| positive(fnv(f.as_bytes())).to_string())
            .collect();
        let mut per_node: Vec<Vec<&Article>> = vec![Vec::new(); self.nodes.len()];
        for article in articles {
            per_node[self.shard_of(&article.id)].push(article);
        }
        // One writer per node: each analyses its own articles and sends them.
        std::thread::scope(|scope| {
            let writers: Vec<_> = per_node
                .iter()
                .enumerate()
                .map(|(node, articles)| {
                    let hashes = &hashes;
                    scope.spawn(move || self.write_node(node, articles, hashes))
                })
                .collect();
            writers.into_iter().try_fold(0, |sum, writer| {
                let written = writer
                    .join()
                    .map_err(|_| Error::Engine("a writer thread failed".into()))??;
                Ok(sum + written)
            })
        })
    }

    /// Removes the passages of the files hashed `file_hashes` from node `node`, then writes the
    /// passages of `articles` there.
    fn write_node(
        &self,
        node: usize,
        articles: &[&Article],
        file_hashes: &[String],
    ) -> Result<usize> {
        let mut connection = self.connect(node)?;
        for hashes in file_hashes.chunks(FILES_PER_DELETE) {
            self.delete_files(&mut connection, node, hashes)?;
        }
        let mut analyzer = analyzer();
        let mut rows = Vec::with_capacity(ROWS_PER_STATEMENT);
        let mut written = 0;
        for article in articles {
            for row in passage_rows(article, &mut analyzer) {
                rows.push(row);
                written += 1;
                if rows.len() == ROWS_PER_STATEMENT {
                    self.replace(&mut connection, node, &mut rows)?;
                }
            }
        }
        self.replace(&mut connection, node, &mut rows)?;
        Ok(written)
    }

    fn delete_files(
        &self,
        connection: &mut Connection,
        node: usize,
        hashes: &[String],
    ) -> Result<()> {
        let shard = shard_name(node + 1);
        let hashes = hashes.join(",");
        loop {
            let found = self.run(
                connection,
                node,
                &format!("SELECT id FROM {shard} WHERE file_hash IN ({hashes}) LIMIT 1000"),
            )?;
            let ids: Vec<&str> = found.rows.iter().filter_map(|r| r[0].as_deref()).collect();
            if ids.is_empty() {
                return Ok(());
            }
            self.run(
                connection,
                node,
                &format!("DELETE FROM {shard} WHERE id IN ({})", ids.join(",")),
            )?;
        }
    }

    fn replace(
        &self,
        connection: &mut Connection,
        node: usize,
        rows: &mut Vec<String>,
    ) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let statement = format!(
            "REPLACE INTO {} ({}) VALUES {}",
            shard_name(node + 1),
            columns(),
            rows.join(",")
        );
        rows.clear();
        self.run(connection, node, &statement).map(|_| ())
    }

    fn run(&self, connection: &mut Connection, node: usize, statement: &str) -> Result<Answer> {
        connection
            .query(statement)
            .map_err(|e| Error::Engine(format!("node {} ({}): {e}", node + 1, self.nodes[node])))
    }

    /// The best `fetch` passages of every node for a `MATCH()` expression, its words boosted
    /// on each node by `boosts` (see [`Sphinx::shared_idf`]), merged (strict order: weight,
    /// then article and passage), with the total found and the warnings.
    fn top_rows(
        &self,
        matching: &str,
        filters: &[String],
        fetch: usize,
        boosts: &[HashMap<String, f64>],
    ) -> Result<(Vec<Row>, usize, Vec<String>)> {
        let (answers, warnings) = self.on_nodes(|node| {
            let matching = match boosts.get(node) {
                Some(boosts) => boosted(matching, boosts),
                None => matching.to_string(),
            };
            let mut select = format!(
                "SELECT *, WEIGHT() AS w FROM {} WHERE MATCH({})",
                shard_name(node + 1),
                quote(&matching)
            );
            for filter in filters {
                select.push_str(" AND ");
                select.push_str(filter);
            }
            select.push_str(&format!(
                " ORDER BY w DESC, id ASC LIMIT {fetch} OPTION ranker={RANKER}, max_matches={fetch}"
            ));
            vec![select, "SHOW META".into()]
        })?;
        let answers: Vec<Vec<Answer>> = answers.into_iter().map(|(_, a)| a).collect();
        let mut total = 0;
        let mut rows = Vec::new();
        for node_answers in &answers {
            total += meta_total(&node_answers[1]);
            rows.extend(read_rows(&node_answers[0]));
        }
        rows.sort_by(|a, b| {
            b.weight
                .total_cmp(&a.weight)
                .then_with(|| a.article_id.cmp(&b.article_id))
                .then(a.passage.cmp(&b.passage))
        });
        Ok((rows, total, warnings))
    }

    pub(super) fn translated(&self, query: &str, options: &SearchOptions) -> Result<Translated> {
        let node = match options.syntax {
            Syntax::Full => parse_query(query)?,
            Syntax::Plain => parse_plain(query)?,
        };
        if options.exact {
            return Err(Error::Engine(
                "--exact is not supported with --engine".into(),
            ));
        }
        let expander = if options.expand && !options.exact {
            let mut glossary = Glossary::built_in();
            if let Some(file) = &options.glossary {
                glossary.extend(Glossary::from_file(file)?);
            }
            Some(glossary.expander(&mut analyzer()))
        } else {
            None
        };
        translate(&node, options.since, options.until, expander.as_ref())
    }

    /// Runs `statements` on every node (the first `{shard}` in each replaced by the node's
    /// index); nodes that fail become warnings, all failing an error.
    pub(super) fn on_every_node(
        &self,
        statements: &[String],
    ) -> Result<(Vec<Vec<Answer>>, Vec<String>)> {
        let (answers, warnings) = self.on_nodes(|node| {
            statements
                .iter()
                .map(|s| s.replacen("{shard}", &shard_name(node + 1), 1))
                .collect()
        })?;
        Ok((answers.into_iter().map(|(_, a)| a).collect(), warnings))
    }

    /// Runs the statements `statements(node)` gives on every node (numbered from 0), with the
    /// answers of the nodes that answered; nodes that fail become warnings, all failing an
    /// error.
    pub(super) fn on_nodes(
        &self,
        statements: impl Fn(usize) -> Vec<String>,
    ) -> Result<NodeAnswers> {
        let mut answers = Vec::new();
        let mut warnings = Vec::new();
        let mut last = String::new();
        for node in 0..self.nodes.len() {
            let attempt = self.connect(node).and_then(|mut connection| {
                statements(node)
                    .iter()
                    .map(|s| self.run(&mut connection, node, s))
                    .collect::<Result<Vec<_>>>()
            });
            match attempt {
                Ok(node_answers) => answers.push((node, node_answers)),
                Err(e) => {
                    last = e.to_string();
                    warnings.push(format!("{last}; results lack this node's shard"));
                }
            }
        }
        if answers.is_empty() {
            return Err(Error::Engine(format!(
                "no node of the engine answered (last: {last})"
            )));
        }
        Ok((answers, warnings))
    }
}

/// The answers of the nodes that answered (by node index), and a warning per node that did not.
pub(super) type NodeAnswers = (Vec<(usize, Vec<Answer>)>, Vec<String>);

/// The `VALUES` tuples of an article's passages.
fn passage_rows(article: &Article, analyzer: &mut tantivy::tokenizer::TextAnalyzer) -> Vec<String> {
    passage_records(article, analyzer)
        .into_iter()
        .map(|record| {
            let mut tuple = format!("({}", record.id);
            for value in &record.values {
                tuple.push_str(", ");
                match value {
                    Value::Text(text) => tuple.push_str(&quote(text)),
                    Value::Number(n) => tuple.push_str(&n.to_string()),
                }
            }
            tuple.push(')');
            tuple
        })
        .collect()
}

/// The columns of a `REPLACE`, in the order of [`passage_rows`].
fn columns() -> String {
    let mut columns = String::from("id");
    for (name, _) in SCHEMA {
        columns.push_str(", ");
        columns.push_str(name);
    }
    columns
}

/// 64-bit FNV-1a: stable across runs, platforms and versions.
pub(super) fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// `hash` as a positive signed 64-bit value (SphinxQL reads integers as signed).
pub(super) fn positive(hash: u64) -> u64 {
    (hash >> 1).max(1)
}

/// The stable document id of passage `ordinal` of an article.
pub fn passage_id(article_id: &str, ordinal: usize) -> u64 {
    let mut bytes = article_id.as_bytes().to_vec();
    bytes.push(0);
    bytes.extend_from_slice(&(ordinal as u64).to_le_bytes());
    positive(fnv(&bytes))
}

impl Engine for Sphinx {
    fn search(&self, query: &str, options: &SearchOptions) -> Result<Searched> {
        let started = Instant::now();
        if options.sort != SortOrder::Score || options.feedback || options.explain {
            return Err(Error::Engine(
                "--sort, --prf and --explain are not supported with --engine".into(),
            ));
        }
        let translated = self.translated(query, options)?;
        let wanted = options.offset + options.limit;
        let fetch = (wanted * FETCH_PER_HIT).clamp(10, MAX_FETCH);
        let boosts = if self.shared_idf {
            self.shared_idf(&translated.matching)?
        } else {
            Vec::new()
        };
        let (mut rows, strict_total, mut warnings) =
            self.top_rows(&translated.matching, &translated.filters, fetch, &boosts)?;
        let mut total = strict_total;
        let strict_articles = rows
            .iter()
            .map(|r| r.article_id.as_str())
            .collect::<HashSet<_>>()
            .len();
        if let (Some(relaxed), true) = (&translated.relaxed, strict_articles < wanted) {
            let seen: HashSet<(String, u32)> = rows
                .iter()
                .map(|r| (r.article_id.clone(), r.passage))
                .collect();
            let (more, relaxed_total, more_warnings) =
                self.top_rows(relaxed, &translated.filters, fetch, &boosts)?;
            total = relaxed_total;
            for warning in more_warnings {
                if !warnings.contains(&warning) {
                    warnings.push(warning);
                }
            }
            rows.extend(more.into_iter().filter_map(|mut row| {
                row.matched_all = false;
                (!seen.contains(&(row.article_id.clone(), row.passage))).then_some(row)
            }));
        }
        // Each article's passage weights summed, by reading (strict first).
        let mut rows_weights: BTreeMap<(bool, String), f64> = BTreeMap::new();
        for row in &rows {
            *rows_weights
                .entry((row.matched_all, row.article_id.clone()))
                .or_default() += row.weight;
        }
        let mut per_article: BTreeMap<String, usize> = BTreeMap::new();
        let mut kept = Vec::new();
        for row in rows {
            let count = per_article.entry(row.article_id.clone()).or_default();
            *count += 1;
            let cap = match options.unit {
                Unit::Article => 1,
                Unit::Passage => options.per_article,
            };
            if cap == 0 || *count <= cap {
                kept.push(row);
            }
        }
        if options.unit == Unit::Article {
            rank_articles(&mut kept, &rows_weights);
        }
        let next_offset = (kept.len() > wanted).then_some(wanted);
        let mut analyzer = analyzer();
        let hits = kept
            .into_iter()
            .skip(options.offset)
            .take(options.limit)
            .enumerate()
            .map(|(i, row)| {
                let matching = per_article[&row.article_id];
                to_hit(
                    options.offset + i + 1,
                    row,
                    matching,
                    &translated,
                    &mut analyzer,
                )
            })
            .collect();
        Ok(Searched {
            results: SearchResults {
                query: query.to_string(),
                executed_query: translated.matching.clone(),
                total_hits: total,
                total_all_words: strict_total,
                took: started.elapsed(),
                hits,
                folded: 0,
                next_offset,
            },
            warnings,
        })
    }

    fn count(&self, query: &str, options: &SearchOptions) -> Result<Counted> {
        let translated = self.translated(query, options)?;
        let condition = condition(&translated);
        let statements = [
            format!("SELECT id FROM {{shard}} WHERE {condition} LIMIT 1"),
            "SHOW META".to_string(),
            format!(
                "SELECT article_hash FROM {{shard}} WHERE {condition} GROUP BY article_hash LIMIT 1"
            ),
            "SHOW META".to_string(),
        ];
        let (answers, warnings) = self.on_every_node(&statements)?;
        Ok(Counted {
            passages: answers.iter().map(|a| meta_total(&a[1])).sum(),
            articles: answers.iter().map(|a| meta_total(&a[3])).sum(),
            warnings,
        })
    }

    fn timeline(
        &self,
        queries: &[String],
        options: &SearchOptions,
        by: Granularity,
    ) -> Result<Answered<Timeline>> {
        self.day_timeline(queries, options, by)
    }

    fn facet(
        &self,
        query: &str,
        options: &SearchOptions,
        facet: Facet,
    ) -> Result<Answered<FacetCounts>> {
        self.facet_groups(query, options, facet)
    }

    fn article(&self, id_or_path: &str) -> Result<Answered<Option<Article>>> {
        self.fetch_article(id_or_path)
    }
}

/// The `WHERE` condition of a translated query's strict reading.
pub(super) fn condition(translated: &Translated) -> String {
    let mut condition = format!("MATCH({})", quote(&translated.matching));
    for filter in &translated.filters {
        condition.push_str(" AND ");
        condition.push_str(filter);
    }
    condition
}

/// Orders articles (each shown by its best passage) as the local index does, approximately:
/// the whole article's weight (its matching passages' weights summed, standing in for its
/// BM25F) plus half its best passage's; strict matches stay first.
fn rank_articles(best: &mut [Row], sums: &BTreeMap<(bool, String), f64>) {
    for row in best.iter_mut() {
        let whole = sums
            .get(&(row.matched_all, row.article_id.clone()))
            .copied()
            .unwrap_or(0.0);
        row.weight = whole + 0.5 * row.weight;
    }
    best.sort_by(|a, b| {
        b.matched_all
            .cmp(&a.matched_all)
            .then(b.weight.total_cmp(&a.weight))
            .then_with(|| a.article_id.cmp(&b.article_id))
    });
}

/// `total_found` of a `SHOW META` answer.
fn meta_total(meta: &Answer) -> usize {
    meta.rows
        .iter()
        .find(|r| r.first().and_then(|v| v.as_deref()) == Some("total_found"))
        .and_then(|r| r.get(1)?.as_deref()?.parse().ok())
        .unwrap_or(0)
}

pub(super) fn read_rows(answer: &Answer) -> Vec<Row> {
    answer
        .rows
        .iter()
        .map(|values| {
            let mut fields: BTreeMap<String, String> = answer
                .columns
                .iter()
                .zip(values)
                .map(|(c, v)| (c.clone(), v.clone().unwrap_or_default()))
                .collect();
            Row {
                weight: fields.get("w").and_then(|w| w.parse().ok()).unwrap_or(0.0),
                matched_all: true,
                article_id: fields.remove("article_id").unwrap_or_default(),
                passage: fields
                    .get("passage")
                    .and_then(|p| p.parse().ok())
                    .unwrap_or(0),
                fields,
            }
        })
        .collect()
}

fn to_hit(
    rank: usize,
    mut row: Row,
    matching_passages: usize,
    translated: &Translated,
    analyzer: &mut tantivy::tokenizer::TextAnalyzer,
) -> Hit {
    let mut take = |name: &str| row.fields.remove(name).unwrap_or_default();
    let optional = |value: String| (!value.is_empty()).then_some(value);
    let text = take("text");
    let highlights = highlight(&text, &translated.matchers, analyzer);
    let snippet = snippet(&text, &highlights);
    let story = take("story");
    Hit {
        rank,
        score: row.weight as f32,
        matched_all: row.matched_all,
        article_id: row.article_id.clone(),
        passage: row.passage + 1,
        matching_passages,
        title: take("title"),
        byline: optional(take("byline")),
        source: optional(take("source")),
        date: optional(take("date_text")),
        url: optional(take("url")),
        path: take("path"),
        copy_of: None,
        copies: 0,
        story: if story.is_empty() {
            row.article_id
        } else {
            story
        },
        versions: Vec::new(),
        language: None,
        text,
        highlights,
        snippet,
        explanation: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_engine_urls() {
        let engine = Sphinx::from_url("sphinx://127.0.0.1:9306,127.0.0.1:9307").unwrap();
        assert_eq!(engine.nodes().len(), 2);
        assert!(Sphinx::from_url("http://x").is_err());
        assert!(Sphinx::from_url("sphinx://nowhere").is_err());
        assert!(engine.shared_idf);
        let engine = Sphinx::from_url("sphinx://127.0.0.1:9306?idf=shard").unwrap();
        assert!(!engine.shared_idf && engine.nodes().len() == 1);
        assert!(Sphinx::from_url("sphinx://127.0.0.1:9306?idf=x").is_err());
    }

    #[test]
    fn ids_are_stable_and_positive() {
        assert_eq!(passage_id("a1", 0), passage_id("a1", 0));
        assert_ne!(passage_id("a1", 0), passage_id("a1", 1));
        assert!(passage_id("a1", 0) < 1 << 63);
        assert_eq!(fnv(b""), 0xcbf2_9ce4_8422_2325);
    }
}
