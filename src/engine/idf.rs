//! Shared IDF: every shard weighs a query's words by their document frequency over the whole
//! cluster, as one index would. Before a search, each node reports its passages
//! (`SHOW INDEX … STATUS`) and each word's document frequency (`CALL KEYWORDS`); the words of
//! the query sent to a node then carry Sphinx's boost modifier (`word^1.8`), which scales the
//! node's own IDF of the word to the cluster's.
//!
//! Sphinx's `global_idf` file is not used: with real-time indexes, Sphinx 2.2.11 gives every
//! word an IDF of 0 when a query asks for it (`OPTION global_idf=1`), and it reads the file only
//! when `searchd` starts.

use std::collections::HashMap;

use super::config::shard_name;
use super::mysql::quote;
use super::sphinx::Sphinx;
use crate::Result;

/// Boosts stay within these bounds (a word in nearly every passage of a shard has an IDF near 0
/// there, which no boost can correct).
const BOOST_RANGE: (f64, f64) = (0.05, 20.0);

/// What one node holds: its passages and the document frequency of each word asked about.
#[derive(Debug, Clone, Default, PartialEq)]
struct NodeStatistics {
    passages: f64,
    frequencies: HashMap<String, f64>,
}

impl Sphinx {
    /// For each node (by index), the boost of each word of `matching` that makes the node's IDF
    /// of the word the cluster's; nodes that do not answer get no boosts (and are named by the
    /// search that follows).
    pub(super) fn shared_idf(&self, matching: &str) -> Result<Vec<HashMap<String, f64>>> {
        let words = words(matching);
        let mut boosts = vec![HashMap::new(); self.nodes().len()];
        if words.is_empty() {
            return Ok(boosts);
        }
        let text = quote(&words.join(" "));
        let (answers, _) = self.on_nodes(|node| {
            let shard = shard_name(node + 1);
            vec![
                format!("SHOW INDEX {shard} STATUS"),
                format!("CALL KEYWORDS({text}, '{shard}', 1)"),
            ]
        })?;
        let statistics: Vec<(usize, NodeStatistics)> = answers
            .into_iter()
            .map(|(node, answers)| (node, read_statistics(&answers[0], &answers[1])))
            .collect();
        let total = statistics.iter().map(|(_, s)| s.passages).sum::<f64>();
        for word in &words {
            let frequency = statistics
                .iter()
                .filter_map(|(_, s)| s.frequencies.get(word))
                .sum::<f64>();
            let global = idf(total, frequency);
            for (node, node_statistics) in &statistics {
                let local = node_statistics
                    .frequencies
                    .get(word)
                    .and_then(|&f| idf(node_statistics.passages, f));
                if let (Some(local), Some(global)) = (local, global) {
                    if local > 0.0 {
                        let boost = (global / local).clamp(BOOST_RANGE.0, BOOST_RANGE.1);
                        boosts[*node].insert(word.clone(), boost);
                    }
                }
            }
        }
        Ok(boosts)
    }
}

/// Sphinx's plain IDF (`OPTION idf='plain'`) of a word in `frequency` of `passages` documents.
fn idf(passages: f64, frequency: f64) -> Option<f64> {
    (frequency > 0.0 && passages >= frequency)
        .then(|| (passages / frequency).ln() / (2.0 * (passages + 1.0).ln()))
}

fn read_statistics(
    status: &super::mysql::Answer,
    keywords: &super::mysql::Answer,
) -> NodeStatistics {
    let passages = status
        .rows
        .iter()
        .find(|r| r.first().and_then(|v| v.as_deref()) == Some("indexed_documents"))
        .and_then(|r| r.get(1)?.as_deref()?.parse().ok())
        .unwrap_or(0.0);
    let column = |name: &str| keywords.columns.iter().position(|c| c == name);
    let mut frequencies = HashMap::new();
    if let (Some(word), Some(docs)) = (column("normalized"), column("docs")) {
        for row in &keywords.rows {
            let word = row.get(word).cloned().flatten().unwrap_or_default();
            let docs: f64 = row
                .get(docs)
                .and_then(|v| v.as_deref()?.parse().ok())
                .unwrap_or(0.0);
            frequencies.insert(word, docs);
        }
    }
    NodeStatistics {
        passages,
        frequencies,
    }
}

/// The words of a `MATCH()` expression (not its field names nor its proximity distances),
/// each once, in order.
fn words(matching: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (word, _) in scan(matching) {
        if !out.iter().any(|w| w == word) {
            out.push(word.to_string());
        }
    }
    out
}

/// `matching` with each word that has a boost followed by `^boost`.
pub(super) fn boosted(matching: &str, boosts: &HashMap<String, f64>) -> String {
    let mut out = String::with_capacity(matching.len() + 16);
    let mut at = 0;
    for (word, start) in scan(matching) {
        let end = start + word.len();
        out.push_str(&matching[at..end]);
        if let Some(boost) = boosts.get(word) {
            out.push_str(&format!("^{boost:.4}"));
        }
        at = end;
    }
    out.push_str(&matching[at..]);
    out
}

/// The words of a `MATCH()` expression with their byte offsets: runs of `a..z`, `0..9` and `_`
/// that are neither field names (after `@`, or inside `@(…)`) nor numbers after `~`.
fn scan(matching: &str) -> Vec<(&str, usize)> {
    let bytes = matching.as_bytes();
    let is_word = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_';
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'@' => {
                // Skip the field name or the parenthesised list of them.
                i += 1;
                if bytes.get(i) == Some(&b'(') {
                    while i < bytes.len() && bytes[i] != b')' {
                        i += 1;
                    }
                } else {
                    while i < bytes.len() && is_word(bytes[i]) {
                        i += 1;
                    }
                }
            }
            b'~' | b'^' => {
                i += 1;
                while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                    i += 1;
                }
            }
            b if is_word(b) => {
                let start = i;
                while i < bytes.len() && is_word(bytes[i]) {
                    i += 1;
                }
                out.push((&matching[start..i], start));
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MATCHING: &str =
        "((@(terms,title_terms) \"peac talk\"~3) | (@title_terms gaza) -(@(terms,title_terms) peac))";

    #[test]
    fn words_leave_fields_and_distances_out() {
        assert_eq!(words(MATCHING), ["peac", "talk", "gaza"]);
    }

    #[test]
    fn boosts_follow_their_words() {
        let boosts = HashMap::from([("peac".to_string(), 1.5), ("gaza".to_string(), 0.25)]);
        assert_eq!(
            boosted(MATCHING, &boosts),
            "((@(terms,title_terms) \"peac^1.5000 talk\"~3) | (@title_terms gaza^0.2500) \
             -(@(terms,title_terms) peac^1.5000))"
        );
        assert_eq!(boosted(MATCHING, &HashMap::new()), MATCHING);
    }

    #[test]
    fn plain_idf_as_sphinx_computes_it() {
        // 7 of 60 passages: Sphinx reports 0.2613 (0.1307 per word of a two-word query).
        let idf = idf(60.0, 7.0).unwrap();
        assert!((idf - 0.2613).abs() < 1e-3, "{idf}");
        assert_eq!(super::idf(60.0, 0.0), None);
    }
}
