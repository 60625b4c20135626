#!/usr/bin/env bash
# Indexing throughput and search latency of newsdex beside tantivy-cli on a generated news corpus.
#
#   benches/compare.sh            # one 100 MB corpus
#   benches/compare.sh 100 1000   # a 100 MB and a 1 GB corpus, one table each
#
# For each size, $NEWSDEX_SHARED/bench/make-scale-corpus writes corpus.jsonl and a txt/ folder of
# the same articles. Then, alternating run by run so that a change in machine load hits every
# engine alike, with RAYON_NUM_THREADS=2 and =1 (tantivy-cli: -t 2 and -t 1):
#   - newsdex (release build) indexes corpus.jsonl,
#   - tantivy-cli indexes corpus.jsonl with the schema of the peers' tantivy_cli driver
#     (id, date, source stored; title and body en_stem with positions, stored),
#   - newsdex indexes the txt/ folder;
# each reported with wall time, input MB/s (file bytes), articles/s, peak RSS (/usr/bin/time -v)
# and index size on disk. Then, on the corpus.jsonl indexes:
#   - warm latency over QUERIES queries sampled from the corpus vocabulary: newsdex through
#     examples/latency.rs (index opened once, `search` top 10 with snippets), tantivy-cli through
#     `tantivy bench` (TopDocs(10)+Count, then fetching the 10 stored docs; no snippets);
#     best of PASSES timed passes after one warm-up pass, p50/p95/p99 over the queries;
#   - cold latency, process start to exit, for COLD queries: `newsdex search` and
#     `tantivy bench -n 1` on a one-query file;
#   - batch search, `newsdex search --queries FILE --format trec -n 10`, queries/s with
#     RAYON_NUM_THREADS=1 and =2.
# The result is one markdown table per size on stdout (progress goes to stderr); raw figures and
# logs stay in WORK.
#
# Env: WORK (scratch folder; default a new `mktemp -d`), NEWSDEX_SHARED (default ../shared),
#      QUERIES (1000), COLD (50), PASSES (3), THREADS ("2 1"), KEEP=1 keeps corpora and indexes,
#      TXT=0 leaves out the txt/ folder (at 1 GB it is some 600,000 small files), MERGE=1
#      indexes with `--merge` (the wall time includes merging; searches run on one segment).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="${NEWSDEX_SHARED:-$ROOT/../shared}"
MAKE_CORPUS="$SHARED/bench/make-scale-corpus"
WORK="${WORK:-$(mktemp -d -t newsdex-compare.XXXXXX)}"
QUERIES="${QUERIES:-1000}"
COLD="${COLD:-50}"
PASSES="${PASSES:-3}"
THREADS="${THREADS:-2 1}"
TXT="${TXT:-1}"
MERGE_FLAG=()
if [ "${MERGE:-0}" = 1 ]; then MERGE_FLAG=(--merge); fi
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100)

die() { echo "compare.sh: $*" >&2; exit 2; }
say() { echo "== $*" >&2; }

for tool in cargo python3 tantivy; do
  command -v "$tool" >/dev/null || die "'$tool' is not on PATH (tantivy-cli: cargo install tantivy-cli)"
done
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time); it measures peak RSS"
/usr/bin/time -v true 2>/dev/null || die "/usr/bin/time does not take -v (GNU time is needed)"
[ -x "$MAKE_CORPUS" ] || die "no corpus builder at $MAKE_CORPUS (set NEWSDEX_SHARED)"
for mb in "${SIZES[@]}"; do
  [[ "$mb" =~ ^[0-9]+$ ]] || die "sizes are whole megabytes, not '$mb'"
done
mkdir -p "$WORK"
say "scratch folder $WORK"

say "building newsdex (release) and examples/latency.rs"
cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml" --bin newsdex --example latency
ND="$ROOT/target/release/newsdex"
LATENCY="$ROOT/target/release/examples/latency"
TANTIVY="$(command -v tantivy)"

# Peak RSS in MB and wall seconds from a `/usr/bin/time -v` log.
rss_mb() { awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$1"; }
wall_s() {
  awk -F': ' '/Elapsed \(wall clock\)/ {
    n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$1"
}
now() { date +%s%N; }
size_mb() { du -sb "$1" | awk '{printf "%.1f", $1 / 1e6}'; }

# record KEY VALUE: one raw figure of the current size.
record() { printf '%s\t%s\n' "$1" "$2" >> "$RAW"; }

# tantivy_meta DIR: an empty tantivy index with the peers' tantivy_cli schema.
tantivy_meta() {
  mkdir -p "$1"
  python3 - "$1/meta.json" <<'EOF'
import json, sys
stored = {"indexing": None, "stored": True, "fast": False, "coerce": True}
def text(tok):
    return {"indexing": {"record": "position", "fieldnorms": True, "tokenizer": tok}, "stored": True, "fast": False}
schema = [{"name": "id", "type": "text", "options": stored},
          {"name": "title", "type": "text", "options": text("en_stem")},
          {"name": "body", "type": "text", "options": text("en_stem")},
          {"name": "date", "type": "text", "options": stored},
          {"name": "source", "type": "text", "options": stored}]
meta = {"index_settings": {"docstore_compression": "lz4", "docstore_blocksize": 16384},
        "segments": [], "schema": schema, "opstamp": 0}
json.dump(meta, open(sys.argv[1], "w"))
EOF
}

# index_run NAME THREADS INPUT_BYTES INDEX_DIR CMD...: one timed indexing run.
index_run() {
  local name=$1 threads=$2 bytes=$3 idx=$4 log="$DIR/time-$1-t$2.log"
  shift 4
  say "index: $name, $threads thread(s)"
  if ! RAYON_NUM_THREADS=$threads /usr/bin/time -v -o "$log" "$@" > "$DIR/out-$name-t$threads.log" 2>&1; then
    cat "$DIR/out-$name-t$threads.log" >&2
    die "indexing with $name failed (log above)"
  fi
  local wall rss
  wall=$(wall_s "$log")
  rss=$(rss_mb "$log")
  record "index.$name.t$threads.wall" "$wall"
  record "index.$name.t$threads.mbps" "$(awk -v b="$bytes" -v w="$wall" 'BEGIN {printf "%.1f", b / 1e6 / w}')"
  record "index.$name.t$threads.aps" "$(awk -v n="$ARTICLES" -v w="$wall" 'BEGIN {printf "%.0f", n / w}')"
  record "index.$name.t$threads.rss" "$rss"
  record "index.$name.t$threads.size" "$(size_mb "$idx")"
}

# percentiles FILE: "p50 p95 p99" of the first column (microseconds), in milliseconds.
percentiles() {
  python3 - "$1" <<'EOF'
import sys
xs = sorted(float(l.split("\t")[0]) for l in open(sys.argv[1]) if l.strip())
def pct(p):
    k = (len(xs) - 1) * p / 100
    f = int(k); c = min(f + 1, len(xs) - 1)
    return (xs[f] + (xs[c] - xs[f]) * (k - f)) / 1000
print("%.2f %.2f %.2f" % (pct(50), pct(95), pct(99)))
EOF
}

run_size() {
  local mb=$1
  DIR="$WORK/$mb-mb"
  RAW="$DIR/raw.tsv"
  mkdir -p "$DIR"
  : > "$RAW"
  local corpus="$DIR/corpus" free_mb
  # The corpus in two formats and five indexes at a time take about 6x its size.
  free_mb=$(df -Pm "$DIR" | awk 'NR == 2 {print $4}')
  if [ "$free_mb" -lt $((mb * 6)) ]; then
    die "a $mb MB run needs about $((mb * 6)) MB free in $DIR; $free_mb MB are (set WORK elsewhere)"
  fi
  if [ ! -s "$corpus/corpus.jsonl" ]; then
    say "building a $mb MB corpus in $corpus"
    local formats=both
    [ "$TXT" = 1 ] || formats=jsonl
    python3 "$MAKE_CORPUS" --mb "$mb" --out "$corpus" --format "$formats" >&2
  fi
  ARTICLES=$(wc -l < "$corpus/corpus.jsonl")
  local jsonl_bytes txt_bytes
  jsonl_bytes=$(stat -c %s "$corpus/corpus.jsonl")
  txt_bytes=0
  if [ "$TXT" = 1 ]; then
    [ -d "$corpus/txt" ] || die "$corpus has no txt/ folder (remove it to rebuild, or set TXT=0)"
    txt_bytes=$(find "$corpus/txt" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
  fi
  record articles "$ARTICLES"
  record jsonl_mb "$(awk -v b="$jsonl_bytes" 'BEGIN {printf "%.1f", b / 1e6}')"
  record txt_mb "$(awk -v b="$txt_bytes" 'BEGIN {printf "%.1f", b / 1e6}')"
  record load "$(cut -d' ' -f1-3 /proc/loadavg)"

  # ### Indexing, alternating engines; the last run of each engine leaves its index for searching.
  local t
  for t in $THREADS; do
    rm -rf "$DIR/nd-jsonl" "$DIR/tv" "$DIR/nd-txt"
    index_run newsdex-jsonl "$t" "$jsonl_bytes" "$DIR/nd-jsonl" \
      "$ND" index "$corpus/corpus.jsonl" --index "$DIR/nd-jsonl" --rebuild "${MERGE_FLAG[@]}"
    tantivy_meta "$DIR/tv"
    index_run tantivy-cli "$t" "$jsonl_bytes" "$DIR/tv" \
      "$TANTIVY" index -i "$DIR/tv" -f "$corpus/corpus.jsonl" -t "$t"
    if [ "$TXT" = 1 ]; then
      index_run newsdex-txt "$t" "$txt_bytes" "$DIR/nd-txt" \
        "$ND" index "$corpus/txt" --index "$DIR/nd-txt" --rebuild "${MERGE_FLAG[@]}"
    fi
  done
  record load.after_index "$(cut -d' ' -f1-3 /proc/loadavg)"

  # ### Queries: 1 to 3 words drawn from the vocabulary of a sample of the articles.
  say "sampling $QUERIES queries from the corpus vocabulary"
  python3 - "$corpus/corpus.jsonl" "$QUERIES" "$DIR/queries.txt" <<'EOF'
import collections, json, random, re, sys
path, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
stop = set("the a an and or of to in on at for by with from as is are was were be been it its this that "
           "he she they we you i his her their our not but had has have will would said says after over "
           "into than then there which who what when where while more most also about up out".split())
df = collections.Counter()
with open(path, encoding="utf-8") as fh:
    for i, line in enumerate(fh):
        if i >= 20000:
            break
        doc = json.loads(line)
        words = re.findall(r"[a-z]{3,}", (doc["title"] + " " + doc["body"]).lower())
        df.update(set(w for w in words if w not in stop))
vocab = sorted(w for w, c in df.items() if c >= 3)
rng = random.Random(42)
with open(out, "w") as fh:
    for _ in range(n):
        k = rng.choice([1, 1, 2, 2, 2, 3])
        fh.write(" ".join(rng.sample(vocab, k)) + "\n")
EOF
  awk '{printf "q%d\t%s\n", NR, $0}' "$DIR/queries.txt" > "$DIR/queries.tsv"

  # ### Warm latency in one process.
  say "warm latency: newsdex (examples/latency.rs), $PASSES passes"
  "$LATENCY" "$DIR/nd-jsonl" "$DIR/queries.txt" "$PASSES" > "$DIR/warm-newsdex.tsv"
  read -r p50 p95 p99 < <(percentiles "$DIR/warm-newsdex.tsv")
  record warm.newsdex "$p50 $p95 $p99"
  say "warm latency: tantivy bench, $PASSES passes"
  "$TANTIVY" bench -i "$DIR/tv" -q "$DIR/queries.txt" -n 1 > /dev/null
  "$TANTIVY" bench -i "$DIR/tv" -q "$DIR/queries.txt" -n "$PASSES" > "$DIR/tantivy-bench.out"
  python3 - "$DIR/tantivy-bench.out" "$QUERIES" "$PASSES" > "$DIR/warm-tantivy.tsv" <<'EOF'
import re, sys
text, n, passes = open(sys.argv[1]).read(), int(sys.argv[2]), int(sys.argv[3])
search, fetch = text.split("FETCH STORE")
s = [int(m) for m in re.findall(r"^.*\t\d+\t(\d+)$", search, re.M)]
f = [int(m) for m in re.findall(r"^.*\t(\d+)$", fetch, re.M)]
if len(s) != n * passes or len(f) != n * passes:
    sys.exit("unexpected `tantivy bench` output: %d search and %d fetch times for %d queries x %d"
             % (len(s), len(f), n, passes))
for i in range(n):
    print(min(s[r * n + i] + f[r * n + i] for r in range(passes)))
EOF
  read -r p50 p95 p99 < <(percentiles "$DIR/warm-tantivy.tsv")
  record warm.tantivy "$p50 $p95 $p99"

  # ### Cold latency: one whole process per query.
  say "cold latency: $COLD processes each"
  head -n "$COLD" "$DIR/queries.txt" > "$DIR/cold.txt"
  mkdir -p "$DIR/coldq"
  : > "$DIR/cold-newsdex.tsv"
  : > "$DIR/cold-tantivy.tsv"
  local i=0 q start
  while IFS= read -r q; do
    i=$((i + 1))
    printf '%s\n' "$q" > "$DIR/coldq/$i.txt"
    start=$(now)
    "$ND" search --index "$DIR/nd-jsonl" -n 10 "$q" > /dev/null
    echo $((($(now) - start) / 1000)) >> "$DIR/cold-newsdex.tsv"
    start=$(now)
    "$TANTIVY" bench -i "$DIR/tv" -q "$DIR/coldq/$i.txt" -n 1 > /dev/null
    echo $((($(now) - start) / 1000)) >> "$DIR/cold-tantivy.tsv"
  done < "$DIR/cold.txt"
  # The timer itself (a `date` process) is inside each figure; measure it to subtract by eye.
  : > "$DIR/cold-timer.tsv"
  for i in 1 2 3 4 5; do
    start=$(now)
    true
    echo $((($(now) - start) / 1000)) >> "$DIR/cold-timer.tsv"
  done
  read -r p50 p95 p99 < <(percentiles "$DIR/cold-newsdex.tsv")
  record cold.newsdex "$p50 $p95 $p99"
  read -r p50 p95 p99 < <(percentiles "$DIR/cold-tantivy.tsv")
  record cold.tantivy "$p50 $p95 $p99"
  read -r p50 p95 p99 < <(percentiles "$DIR/cold-timer.tsv")
  record cold.timer "$p50"

  # ### Batch search throughput.
  for t in $THREADS; do
    say "batch search, RAYON_NUM_THREADS=$t"
    start=$(now)
    RAYON_NUM_THREADS=$t "$ND" search --index "$DIR/nd-jsonl" --queries "$DIR/queries.tsv" \
      --format trec -n 10 > "$DIR/batch-t$t.trec"
    record "batch.t$t" "$(awk -v n="$QUERIES" -v ns=$(($(now) - start)) 'BEGIN {printf "%.0f", n / (ns / 1e9)}')"
  done
  record load.end "$(cut -d' ' -f1-3 /proc/loadavg)"

  table "$mb"
  if [ "${KEEP:-0}" != 1 ]; then
    rm -rf "$corpus" "$DIR/nd-jsonl" "$DIR/nd-txt" "$DIR/tv" "$DIR/coldq"
  fi
}

# table MB: the markdown table of one size, from its raw figures.
table() {
  python3 - "$RAW" "$1" "$THREADS" "$QUERIES" "$COLD" "$PASSES" <<'EOF'
import sys
raw, mb, threads, nq, ncold, passes = sys.argv[1], sys.argv[2], sys.argv[3].split(), *sys.argv[4:]
r = dict(l.rstrip("\n").split("\t", 1) for l in open(raw) if "\t" in l)
def ratio(a, b):
    try:
        return "%.2f" % (float(a) / float(b))
    except (ValueError, ZeroDivisionError):
        return "—"
rows = []
metrics = [("wall s", "wall"), ("input MB/s", "mbps"), ("articles/s", "aps"),
           ("peak RSS MB", "rss"), ("index MB", "size")]
for t in threads:
    for label, key in metrics:
        nd = r.get("index.newsdex-jsonl.t%s.%s" % (t, key), "—")
        tv = r.get("index.tantivy-cli.t%s.%s" % (t, key), "—")
        txt = r.get("index.newsdex-txt.t%s.%s" % (t, key), "—")
        rows.append(("index, %s thread(s): %s" % (t, label), nd, txt, tv, ratio(nd, tv)))
for kind, what in [("warm", "warm search ms (p50 / p95 / p99)"), ("cold", "cold process ms (p50 / p95 / p99)")]:
    nd = r.get("%s.newsdex" % kind, "").split()
    tv = r.get("%s.tantivy" % kind, "").split()
    cells = lambda xs: " / ".join(xs) if xs else "—"
    ratios = " / ".join(ratio(a, b) for a, b in zip(nd, tv)) or "—"
    rows.append((what, cells(nd), "", cells(tv), ratios))
for t in threads:
    rows.append(("batch search queries/s, %s thread(s)" % t, r.get("batch.t%s" % t, "—"), "", "", ""))
print()
print("### %s MB corpus: %s articles (corpus.jsonl %s MB, txt/ %s MB)" % (mb, r["articles"], r["jsonl_mb"], r.get("txt_mb", "—")))
print()
print("| measure | newsdex (jsonl) | newsdex (txt/) | tantivy-cli (jsonl) | newsdex / tantivy-cli |")
print("|---|---:|---:|---:|---:|")
for row in rows:
    print("| %s |" % " | ".join(row))
print()
print("Load average (1/5/15 min): start %s; after indexing %s; end %s. Warm: best of %s passes after a "
      "warm-up, %s queries; newsdex = `search` top 10 with snippets, tantivy-cli = `tantivy bench` "
      "TopDocs(10)+Count then fetching the 10 stored docs, no snippets. Cold: %s processes, timer "
      "overhead %s ms included. MB/s counts input file bytes."
      % (r.get("load"), r.get("load.after_index"), r.get("load.end"), passes, nq, ncold, r.get("cold.timer")))
EOF
}

for mb in "${SIZES[@]}"; do
  run_size "$mb"
done
say "raw figures and logs in $WORK"
