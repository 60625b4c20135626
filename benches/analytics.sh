#!/usr/bin/env bash
# Warm latency of the research analytics on a large generated index: `timeline --normalize`,
# `terms`, `collocates` and `count --by` (source, author, entity).
#
#   benches/analytics.sh                 # a 1 GB corpus (built and indexed first)
#   benches/analytics.sh 100             # a 100 MB corpus
#   INDEX=/path/to/index benches/analytics.sh   # an index built already
#
# $NEWSDEX_SHARED/bench/make-scale-corpus writes corpus.jsonl (real news paragraphs recombined
# into new articles), the release build of newsdex indexes it, then every command runs for each
# query of QUERIES: one warm-up run (the page cache then holds what it reads), then RUNS timed
# runs; the table gives the median and the best wall time of the whole process (start, index
# open, work, output), which is what a researcher waits for at the prompt. Each query's matching
# articles and passages come from `count --json`.
#
# Env: WORK (scratch folder; default a new `mktemp -d`), NEWSDEX_SHARED (default ../shared),
#      INDEX (skip building: time this index), RUNS (5),
#      QUERIES (";"-separated; default "football;coffee;police", which match about 12,000,
#      22,000 and 37,000 articles of the 1 GB corpus).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="${NEWSDEX_SHARED:-$ROOT/../shared}"
MAKE_CORPUS="$SHARED/bench/make-scale-corpus"
WORK="${WORK:-$(mktemp -d -t newsdex-analytics.XXXXXX)}"
RUNS="${RUNS:-5}"
IFS=';' read -r -a QUERY_LIST <<<"${QUERIES:-football;coffee;police}"
MB="${1:-1000}"

die() { echo "analytics.sh: $*" >&2; exit 2; }
say() { echo "== $*" >&2; }

[[ "$MB" =~ ^[0-9]+$ ]] || die "the size is whole megabytes, not '$MB'"
command -v python3 >/dev/null || die "python3 is needed (corpus builder, timings)"
mkdir -p "$WORK"
say "scratch folder $WORK"
say "building newsdex (release)"
cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml" --bin newsdex
BIN="$ROOT/target/release/newsdex"

if [ -z "${INDEX:-}" ]; then
  [ -x "$MAKE_CORPUS" ] || die "no corpus builder at $MAKE_CORPUS (set NEWSDEX_SHARED)"
  INDEX="$WORK/index-$MB"
  if [ ! -f "$INDEX/newsdex.json" ]; then
    say "writing a $MB MB corpus"
    "$MAKE_CORPUS" --mb "$MB" --out "$WORK/corpus-$MB" --format jsonl >&2
    say "indexing it"
    start=$(date +%s)
    "$BIN" index "$WORK/corpus-$MB" --index "$INDEX" --quiet
    say "indexed in $(( $(date +%s) - start )) s"
  fi
fi
"$BIN" stats --index "$INDEX" >&2

# Median and best of RUNS timed runs (after one warm-up), in milliseconds.
timed() {
  "$@" >/dev/null
  python3 - "$RUNS" "$@" <<'EOF'
import subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
times = []
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    times.append((time.perf_counter() - start) * 1000)
times.sort()
print(f"{times[len(times) // 2]:.0f} ({times[0]:.0f})")
EOF
}

echo "| query | articles | passages | timeline --normalize | terms | collocates | count --by source | count --by author | count --by entity |"
echo "|---|---|---|---|---|---|---|---|---|"
for query in "${QUERY_LIST[@]}"; do
  say "query: $query"
  sizes=$("$BIN" count "$query" --json --index "$INDEX" |
    python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["articles"], d["passages"])')
  read -r articles passages <<<"$sizes"
  row="| $query | $articles | $passages"
  for args in "timeline --normalize" "terms" "collocates" "count --by source" \
              "count --by author" "count --by entity"; do
    read -r -a words <<<"$args"
    row="$row | $(timed "$BIN" "${words[@]}" "$query" --index "$INDEX")"
  done
  echo "$row |"
done
echo
echo "Milliseconds of wall time per command, median (best) of $RUNS warm runs; index: $INDEX."
