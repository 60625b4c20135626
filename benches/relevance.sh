#!/usr/bin/env bash
# Relevance of newsdex and its peers on the judged collections in $NEWSDEX_SHARED/corpora.
#
#   benches/relevance.sh                 # newsdex and every installed peer
#   PEERS="" benches/relevance.sh        # newsdex only
#
# newsdex indexes the original files; the peers get the JSONL that `newsdex export` writes from
# that index, so every system sees the same articles and ids. Every run (depth 100) is scored by
# `newsdex eval`; newsdex is also run with pseudo-relevance feedback (`--prf`, row newsdex-prf).
# Peers are installed by $NEWSDEX_SHARED/bench/peers/install.sh.
# Env: WORK (scratch folder), PEERS (names of peer drivers), NEWSDEX_SHARED.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="$(cd "${NEWSDEX_SHARED:-$ROOT/../shared}" && pwd)"
WORK="${WORK:-$(mktemp -d -t newsdex-relevance.XXXXXX)}"
mkdir -p "$WORK"
PEERS="${PEERS-tantivy_py sqlite_fts5 xapian bm25s pyserini pyserini_rm3 ripgrep}"
DEPTH=100
export BENCH_REPEATS=1 BENCH_COLD_N=0

cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
ND="$ROOT/target/release/newsdex"
TABLE="$WORK/table.tsv"
: > "$TABLE"

# score NAME SYSTEM RUN QRELS METRICS: appends "collection system metric value" rows.
score() {
  "$ND" eval "$3" "$4" --metrics "$5" --json |
    python3 -c 'import json,sys; d=json.load(sys.stdin)
for k,v in d["all"].items(): print(f"{sys.argv[1]}\t{sys.argv[2]}\t{k}\t{v:.4f}")' "$1" "$2" >> "$TABLE"
}

# collection NAME DOCS QUERIES QRELS METRICS
collection() {
  local name=$1 docs=$2 queries=$3 qrels=$4 metrics=$5 dir="$WORK/$1"
  mkdir -p "$dir"
  echo "== $name: indexing $docs" >&2
  "$ND" index $docs --index "$dir/index" --rebuild --quiet
  "$ND" search --queries "$queries" --unit article -n $DEPTH --format trec --run-tag newsdex \
    --no-timing --index "$dir/index" > "$dir/newsdex.trec"
  score "$name" newsdex "$dir/newsdex.trec" "$qrels" "$metrics"
  "$ND" search --queries "$queries" --unit article -n $DEPTH --format trec --run-tag newsdex-prf \
    --prf --no-timing --index "$dir/index" > "$dir/newsdex-prf.trec"
  score "$name" newsdex-prf "$dir/newsdex-prf.trec" "$qrels" "$metrics"
  [ -n "$PEERS" ] || return 0
  "$ND" export --index "$dir/index" > "$dir/docs.jsonl"
  RESULTS="$dir/peers" PEERS="$PEERS" "$SHARED/bench/peers/run_all.sh" "$dir/docs.jsonl" "$queries" "$qrels" \
    > "$dir/peers.log" 2>&1 || echo "   (some peers failed: see $dir/peers.log)" >&2
  for peer in $PEERS; do
    local run="$dir/peers/$peer/run.trec"
    if [ -s "$run" ]; then score "$name" "$peer" "$run" "$qrels" "$metrics"; else echo "   $peer: no run" >&2; fi
  done
}

C="$SHARED/corpora"
collection cnndm-known-item "$C/cnndm-known-item/docs.csv" "$C/cnndm-known-item/queries-first-highlight.tsv" \
  "$C/cnndm-known-item/qrels.txt" mrr_10,success_10,ndcg_cut_10
collection reuters21578-dev "$(echo "$C"/reuters21578/reut2-*.sgm)" "$C/reuters21578/dev/queries.tsv" \
  "$C/reuters21578/dev/qrels.txt" map_cut_100,ndcg_cut_10,P_10

python3 - "$TABLE" <<'PY'
import sys, collections
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
table = collections.OrderedDict()
systems = []
for coll, system, metric, value in rows:
    table.setdefault((coll, metric), {})[system] = value
    if system not in systems:
        systems.append(system)
print("| collection | metric | " + " | ".join(systems) + " |")
print("|---|---|" + "---|" * len(systems))
for (coll, metric), values in table.items():
    print(f"| {coll} | {metric} | " + " | ".join(values.get(s, "–") for s in systems) + " |")
PY
echo "runs and logs: $WORK" >&2
