#!/usr/bin/env bash
# Long property-test run of the readers and the query parser (CI runs the same tests with
# proptest's default of 256 cases). Cases per test: first argument, default 20000.
#   scripts/fuzz.sh 100000
# Failing inputs are shrunk and printed; add them as regression cases beside the test.
set -euo pipefail
cd "$(dirname "$0")/.."
export PROPTEST_CASES="${1:-20000}"
start=$(date +%s)
cargo test --release --lib -- ingest:: search::query:: segment:: analysis:: 2>&1 | tail -3
cargo test --release --test queries 2>&1 | tail -3
echo "proptest cases per test: $PROPTEST_CASES, wall: $(( $(date +%s) - start )) s"
