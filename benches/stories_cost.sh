#!/usr/bin/env bash
# What stories cost at indexing: newsdex as it is beside the same source with story signatures
# turned off (`Signature::of` gives none, so no shingling, no grouping, an empty signatures
# file), on a corpus of $NEWSDEX_SHARED/bench/make-scale-corpus, JSON Lines.
#
#   benches/stories_cost.sh            # 100 MB, 3 runs of each
#   RUNS=2 benches/stories_cost.sh 1000
#
# The two builds run alternately, run by run (with, without, with, …), so that a change in
# machine load hits both alike; each run is `newsdex index corpus.jsonl --index DIR --rebuild`
# with RAYON_NUM_THREADS=$THREADS under `nice` and /usr/bin/time -v. Prints one line per run
# (wall s, user+sys CPU s, peak RSS MB) and the medians; raw logs stay in WORK.
#
# Env: WORK (scratch; default a new `mktemp -d`), NEWSDEX_SHARED (default ../shared), RUNS (3),
#      THREADS (2), WITH / WITHOUT (newsdex binaries to compare instead of building them).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="${NEWSDEX_SHARED:-$ROOT/../shared}"
WORK="${WORK:-$(mktemp -d -t newsdex-stories-cost.XXXXXX)}"
RUNS="${RUNS:-3}"
THREADS="${THREADS:-2}"
MB="${1:-100}"
say() { echo "== $*" >&2; }
mkdir -p "$WORK"

if [ -z "${WITH:-}" ]; then
  say "building newsdex (release)"
  cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml" --bin newsdex
  WITH="$WORK/with-stories"
  cp "$ROOT/target/release/newsdex" "$WITH"
fi
if [ -z "${WITHOUT:-}" ]; then
  say "building newsdex without story signatures in $WORK/src-without"
  rm -rf "$WORK/src-without"
  mkdir -p "$WORK/src-without"
  git -C "$ROOT" archive HEAD | tar -x -C "$WORK/src-without"
  python3 - "$WORK/src-without/src/ingest/story.rs" <<'EOF'
import sys
path = sys.argv[1]
text = open(path).read()
head = "    pub fn of(title: &str, paragraphs: &[String]) -> Option<Signature> {\n"
assert head in text, "Signature::of not found"
open(path, "w").write(text.replace(head, head + "        if true {\n            return None;\n        }\n", 1))
EOF
  CARGO_TARGET_DIR="$WORK/target-without" cargo build --release --quiet \
    --manifest-path "$WORK/src-without/Cargo.toml" --bin newsdex
  WITHOUT="$WORK/without-stories"
  cp "$WORK/target-without/release/newsdex" "$WITHOUT"
fi

corpus="$WORK/corpus-$MB"
if [ ! -s "$corpus/corpus.jsonl" ]; then
  say "building a $MB MB corpus in $corpus"
  python3 "$SHARED/bench/make-scale-corpus" --mb "$MB" --out "$corpus" --format jsonl >&2
fi

field() { awk -F': ' -v k="$2" '$1 ~ k {print $2}' "$1"; }
wall_s() {
  field "$1" 'Elapsed \(wall clock\)' | awk '{n = split($1, p, ":"); s = 0;
    for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.1f", s}'
}
report() {
  printf '%s\t%s\t%.1f\t%.0f\t%s\n' "$1" "$(wall_s "$2")" \
    "$(awk "BEGIN {print $(field "$2" 'User time') + $(field "$2" 'System time')}")" \
    "$(awk "BEGIN {print $(field "$2" 'Maximum resident set size') / 1024}")" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
}

say "load before: $(cut -d' ' -f1-3 /proc/loadavg); $RUNS runs of each, $THREADS threads"
printf 'build\twall_s\tcpu_s\trss_mb\tload_after\n'
for run in $(seq "$RUNS"); do
  for build in with without; do
    binary=$WITH
    [ "$build" = without ] && binary=$WITHOUT
    log="$WORK/$MB-$build-$run.time"
    rm -rf "$WORK/index-$build"
    RAYON_NUM_THREADS=$THREADS /usr/bin/time -v -o "$log" nice "$binary" index \
      "$corpus/corpus.jsonl" --index "$WORK/index-$build" --rebuild --quiet
    report "$build" "$log" | tee -a "$WORK/$MB.tsv"
  done
done
say "medians (wall s, CPU s, peak RSS MB):"
for build in with without; do
  printf '%s' "$build" >&2
  for col in 2 3 4; do
    awk -F'\t' -v b="$build" -v c="$col" '$1 == b {print $c}' "$WORK/$MB.tsv" | sort -n |
      awk '{v[NR] = $1} END {m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
        printf "\t%.1f", m}' >&2
  done
  echo >&2
done
