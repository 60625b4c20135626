//! Load on `newsdex serve`: 200 searches from 8 concurrent clients over loopback, each on a
//! connection of its own; prints the p50, p95 and worst latency, the requests per second, and
//! fails when any request does not succeed. Bounded: a fixed number of requests, each with a
//! time limit; the server is stopped at the end (also on failure).
//!
//! `cargo bench --bench serve` indexes the bundled corpus in a temporary folder; with
//! `NEWSDEX_BENCH_INDEX=DIR` it serves that index instead (e.g. one of the shared corpora).
//! `NEWSDEX_BENCH_REQUESTS` and `NEWSDEX_BENCH_CLIENTS` change 200 and 8.

#[allow(dead_code)]
#[path = "../tests/cli/http.rs"]
mod http;

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use http::{encode, Served};

/// Queries cycled through: one and several words, a phrase, an expansion, a filter, a miss.
const QUERIES: [&str; 10] = [
    "gaza",
    "stabilisation force",
    "\"rules of engagement\"",
    "ISF",
    "azerbaijan troops mine clearance engineers",
    "Garabagh",
    "oil prices",
    "source:\"Levant Ledger\" reconstruction",
    "date:2026-01..2026-03 ceasefire",
    "quokka",
];

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let requests = setting("NEWSDEX_BENCH_REQUESTS", 200);
    let clients = setting("NEWSDEX_BENCH_CLIENTS", 8).max(1);
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let index = match std::env::var_os("NEWSDEX_BENCH_INDEX") {
        Some(dir) => PathBuf::from(dir),
        None => {
            let index = scratch.path().join("index");
            let status = Command::new(env!("CARGO_BIN_EXE_newsdex"))
                .arg("index")
                .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus"))
                .arg("--index")
                .arg(&index)
                .arg("--quiet")
                .status()
                .expect("newsdex index runs");
            assert!(status.success(), "indexing the bundled corpus failed");
            index
        }
    };
    let served = Served::start(&index);
    // One request first, so that the index is open and warm for every client alike.
    assert_eq!(served.get("/api/search?q=gaza").status, 200);

    let started = Instant::now();
    let workers: Vec<_> = (0..clients)
        .map(|client| {
            let address = served.address.clone();
            std::thread::spawn(move || {
                let mut latencies = Vec::new();
                let mut failures = 0;
                for i in (client..requests).step_by(clients) {
                    let query = QUERIES[i % QUERIES.len()];
                    let target = format!("/api/search?q={}&n=10", encode(query));
                    let sent = Instant::now();
                    let answer = http::request(&address, "GET", &target, None);
                    latencies.push(sent.elapsed());
                    if answer.status != 200 || answer.body.is_empty() {
                        failures += 1;
                    }
                }
                (latencies, failures)
            })
        })
        .collect();
    let mut latencies: Vec<Duration> = Vec::new();
    let mut failures = 0;
    for worker in workers {
        let (times, failed) = worker.join().expect("a client thread");
        latencies.extend(times);
        failures += failed;
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "serve: {} searches from {clients} clients in {:.2} s: {:.0} requests/s; latency p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms; {failures} failed",
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        ms(at(0.5)),
        ms(at(0.95)),
        ms(at(1.0)),
    );
    assert_eq!(failures, 0, "some requests failed");
}
