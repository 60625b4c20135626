#!/usr/bin/env bash
# Relevance of newsdex and its peers on the judged collections in $NEWSDEX_SHARED/corpora.
#
#   benches/relevance.sh                 # newsdex and every installed peer
#   PEERS="" benches/relevance.sh        # newsdex only
#   BASELINE=/tmp/before benches/relevance.sh   # also per-query wins/losses against that WORK
#
# newsdex indexes the original files; the peers get the JSONL that `newsdex export` writes from
# that index, so every system sees the same articles and ids. Every run (depth 100) is scored by
# `newsdex eval`; newsdex is also run with pseudo-relevance feedback (`--prf`, row newsdex-prf).
# Peers are installed by $NEWSDEX_SHARED/bench/peers/install.sh.
#
# Invariance: newsdex also indexes copies of each collection written in capitals, in lower case
# and in title case (queries cased alike), and one with each article's paragraphs joined into
# one; its queries are also run without and with the 33 stop words of Lucene's classic English
# list. The table prints each copy's score and its difference from the original. SQLite FTS5
# (Python's sqlite3, no install needed) is run on the original and on the copy in capitals as the
# reference (rows sqlite_fts5:ref, sqlite_fts5:upper), and newsdex is compared with it query by
# query (wins, losses, ties, paired randomization test).
#
# With ENGINE_PORT=P, newsdex also runs through `--engine` on three Sphinx nodes it starts on
# loopback (SphinxQL ports P..P+2, agents P+100..P+102; needs searchd): rows newsdex-engine (shared
# IDF) and newsdex-engine:shard-idf (each shard's own IDF).
# Env: WORK (scratch folder), PEERS (names of peer drivers), NEWSDEX_SHARED, BASELINE, REF
# (REF="" skips the FTS5 reference), VARIANTS (default: upper lower title joined), ENGINE_PORT.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="$(cd "${NEWSDEX_SHARED:-$ROOT/../shared}" && pwd)"
WORK="${WORK:-$(mktemp -d -t newsdex-relevance.XXXXXX)}"
mkdir -p "$WORK"
BASELINE="${BASELINE-}"
PEERS="${PEERS-tantivy_py sqlite_fts5 xapian bm25s pyserini pyserini_rm3 ripgrep}"
DEPTH=100
export BENCH_REPEATS=1 BENCH_COLD_N=0

cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
ND="$ROOT/target/release/newsdex"
TABLE="$WORK/table.tsv"
COMPARE="$WORK/compare.md"
HELP="$ROOT/benches/relevance.py"
REF="${REF-sqlite_fts5}"
VARIANTS="${VARIANTS-upper lower title joined}"
ENGINE_PORT="${ENGINE_PORT-}"
CLUSTERS=()
: > "$TABLE"
: > "$COMPARE"

# score NAME SYSTEM RUN QRELS METRICS: appends "collection system metric value" rows.
score() {
  "$ND" eval "$3" "$4" --metrics "$5" --json --per-query > "${3%.trec}.eval.json"
  python3 -c 'import json,sys; d=json.load(sys.stdin)
for k,v in d["all"].items(): print(f"{sys.argv[1]}\t{sys.argv[2]}\t{k}\t{v:.4f}")' "$1" "$2" < "${3%.trec}.eval.json" >> "$TABLE"
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
  engine "$name" "$docs" "$queries" "$qrels" "$metrics"
  "$ND" export --index "$dir/index" > "$dir/docs.jsonl"
  python3 "$HELP" variants "$dir/docs.jsonl" "$queries" "$dir/variants"
  invariance "$name" "$dir" "$qrels" "$metrics"
  reference "$name" "$dir" "$queries" "$qrels" "$metrics"
  local first=${metrics%%,*}
  if [ -n "$BASELINE" ] && [ -s "$BASELINE/$name/newsdex.eval.json" ]; then
    python3 "$HELP" compare "$name: newsdex vs baseline" "$dir/newsdex.eval.json" \
      "$BASELINE/$name/newsdex.eval.json" "$first" "$qrels" >> "$COMPARE"
    if [ -s "$BASELINE/$name/upper.eval.json" ] && [ -s "$dir/upper.eval.json" ]; then
      python3 "$HELP" compare "$name (capitals): newsdex vs baseline" "$dir/upper.eval.json" \
        "$BASELINE/$name/upper.eval.json" "$first" "$qrels" >> "$COMPARE"
    fi
  fi
  [ -n "$PEERS" ] || return 0
  RESULTS="$dir/peers" PEERS="$PEERS" "$SHARED/bench/peers/run_all.sh" "$dir/docs.jsonl" "$queries" "$qrels" \
    > "$dir/peers.log" 2>&1 || echo "   (some peers failed: see $dir/peers.log)" >&2
  for peer in $PEERS; do
    local run="$dir/peers/$peer/run.trec"
    if [ -s "$run" ]; then score "$name" "$peer" "$run" "$qrels" "$metrics"; else echo "   $peer: no run" >&2; fi
  done
}

# stop_clusters: stops every searchd this script started (also on failure, from the EXIT trap).
stop_clusters() {
  local conf
  for conf in ${CLUSTERS[@]+"${CLUSTERS[@]}"}; do searchd --stopwait -c "$conf" > /dev/null 2>&1 || true; done
  CLUSTERS=()
}
trap stop_clusters EXIT

# engine NAME DOCS QUERIES QRELS METRICS: newsdex through --engine on three Sphinx nodes.
engine() {
  [ -n "$ENGINE_PORT" ] || return 0
  local name=$1 docs=$2 dir="$WORK/$1/cluster" url i idf
  echo "== $name: indexing through --engine" >&2
  rm -rf "$dir"
  url=$("$ND" engine-config sphinx --shards 3 --base-port "$ENGINE_PORT" --dir "$dir")
  for i in 1 2 3; do
    CLUSTERS+=("$dir/node$i/sphinx.conf")
    searchd -c "$dir/node$i/sphinx.conf" > /dev/null
  done
  "$ND" index $docs --engine "$url" --quiet
  for idf in shared shard; do
    "$ND" search --queries "$3" --unit article -n $DEPTH --format trec --run-tag "newsdex-engine-$idf" \
      --no-timing --engine "$url?idf=$idf" > "$WORK/$name/engine-$idf.trec"
  done
  score "$name" newsdex-engine "$WORK/$name/engine-shared.trec" "$4" "$5"
  score "$name" newsdex-engine:shard-idf "$WORK/$name/engine-shard.trec" "$4" "$5"
  stop_clusters
}

# run NAME DIR INDEX QUERIES TAG QRELS METRICS: a newsdex run scored as system newsdex:TAG.
run() {
  "$ND" search --queries "$4" --unit article -n $DEPTH --format trec --run-tag "newsdex-$5" \
    --no-timing --index "$3" > "$2/$5.trec"
  score "$1" "newsdex:$5" "$2/$5.trec" "$6" "$7"
}

# invariance NAME DIR QRELS METRICS: the variant copies and queries.
invariance() {
  local name=$1 dir=$2 v
  for v in $VARIANTS; do
    "$ND" index "$dir/variants/$v.jsonl" --index "$dir/index-$v" --rebuild --quiet
    local q="$dir/variants/$v.tsv"
    [ -s "$q" ] || q="$queries"
    run "$name" "$dir" "$dir/index-$v" "$q" "$v" "$3" "$4"
  done
  run "$name" "$dir" "$dir/index" "$dir/variants/stop-removed.tsv" stop-removed "$3" "$4"
  run "$name" "$dir" "$dir/index" "$dir/variants/stop-added.tsv" stop-added "$3" "$4"
}

# reference NAME DIR QUERIES QRELS METRICS: SQLite FTS5 on the original and on the capitals.
reference() {
  [ -n "$REF" ] || return 0
  local name=$1 dir=$2 first=${5%%,*} peer="$SHARED/bench/peers/$REF/peer.py" v
  for v in ref upper; do
    local docs="$dir/docs.jsonl" q="$3"
    [ $v = ref ] || { docs="$dir/variants/$v.jsonl"; q="$dir/variants/$v.tsv"; }
    rm -rf "$dir/$REF-$v"
    python3 "$peer" --docs "$docs" --queries "$q" --out "$dir/$REF-$v" > "$dir/$REF-$v.log" 2>&1 ||
      { echo "   $REF ($v) failed: see $dir/$REF-$v.log" >&2; continue; }
    cp "$dir/$REF-$v/run.trec" "$dir/$REF-$v.trec"
    score "$name" "$REF:$v" "$dir/$REF-$v.trec" "$4" "$5"
  done
  [ -s "$dir/$REF-ref.eval.json" ] && python3 "$HELP" compare "$name: newsdex vs $REF" \
    "$dir/newsdex.eval.json" "$dir/$REF-ref.eval.json" "$first" "$4" >> "$COMPARE"
  [ -s "$dir/$REF-upper.eval.json" ] && [ -s "$dir/upper.eval.json" ] && python3 "$HELP" compare \
    "$name (capitals): newsdex vs $REF" "$dir/upper.eval.json" "$dir/$REF-upper.eval.json" "$first" "$4" >> "$COMPARE"
  return 0
}

C="$SHARED/corpora"
collection cnndm-known-item "$C/cnndm-known-item/docs.csv" "$C/cnndm-known-item/queries-first-highlight.tsv" \
  "$C/cnndm-known-item/qrels.txt" mrr_10,success_10,ndcg_cut_10
collection reuters21578-dev "$(echo "$C"/reuters21578/reut2-*.sgm)" "$C/reuters21578/dev/queries.tsv" \
  "$C/reuters21578/dev/qrels.txt" map_cut_100,ndcg_cut_10,P_10

python3 "$HELP" table "$TABLE"
if [ -s "$COMPARE" ]; then
  echo
  echo "Per query (first metric): mean difference, wins, losses, ties, randomization p-value"
  echo "| comparison | metric | mean Δ | wins | losses | ties | p |"
  echo "|---|---|---|---|---|---|---|"
  cat "$COMPARE"
fi
echo "runs and logs: $WORK" >&2
