//! Warm search latency: opens an index once, then times `NewsIndex::search` (top 10 passages
//! with highlighted snippets) for every query of a file, one query per line.
//!
//! ```text
//! cargo run --release --example latency -- INDEX QUERIES [PASSES]
//! ```
//!
//! One untimed pass warms the caches; then each query is timed `PASSES` times (default 1) and
//! its fastest time is printed as `microseconds<TAB>hits<TAB>query`, in the file's order.
//! `benches/compare.sh` turns these lines into percentiles.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use newsdex::{NewsIndex, SearchOptions, Session};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args_os().skip(1);
    let (Some(index), Some(queries)) = (args.next(), args.next()) else {
        anyhow::bail!("usage: latency INDEX QUERIES [PASSES]");
    };
    let passes: usize = match args.next() {
        Some(p) => p.to_string_lossy().parse()?,
        None => 1,
    };
    let queries: Vec<String> = std::fs::read_to_string(PathBuf::from(&queries))?
        .lines()
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(String::from)
        .collect();

    let index = NewsIndex::open(&PathBuf::from(index))?;
    let options = SearchOptions::default();

    // ### Warm-up: touch every posting list and stored block the timed passes will read.
    for query in &queries {
        Session::new(&index).search(query, &options)?;
    }

    // ### Timed passes: the best of `passes` per query, so a stray scheduler hiccup is dropped.
    let mut best = vec![u128::MAX; queries.len()];
    let mut hits = vec![0; queries.len()];
    for _ in 0..passes.max(1) {
        for (i, query) in queries.iter().enumerate() {
            let started = Instant::now();
            let results = Session::new(&index).search(query, &options)?;
            let took = started.elapsed().as_micros();
            best[i] = best[i].min(took);
            hits[i] = results.hits.len();
        }
    }

    let mut out = std::io::stdout().lock();
    for ((query, micros), n) in queries.iter().zip(best).zip(hits) {
        writeln!(out, "{micros}\t{n}\t{query}")?;
    }
    Ok(())
}
