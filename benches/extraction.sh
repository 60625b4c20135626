#!/usr/bin/env bash
# Article-extraction quality on the development half of the article-extraction benchmark
# ($NEWSDEX_SHARED/corpora/article-extraction-dev: gzipped news pages and hand-made bodies).
#
#   benches/extraction.sh            # precision, recall, F1 and the 10 worst pages
#   WORST=30 benches/extraction.sh   # more of the worst pages
#
# The release binary indexes the pages as they are, `newsdex export` writes the bodies, and
# benches/extraction_score.py scores them with the benchmark's shingle metric. The skip report
# (pages given up, and pages read with a warning) is printed after the scores.
# Env: WORK (scratch folder, kept), NEWSDEX_SHARED, WORST, BUILD=0 (use the binary as built),
# ND (another newsdex binary; implies nothing about BUILD).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="$(cd "${NEWSDEX_SHARED:-$ROOT/../shared}" && pwd)"
DATA="$SHARED/corpora/article-extraction-dev"
WORK="${WORK:-$(mktemp -d -t newsdex-extraction.XXXXXX)}"
mkdir -p "$WORK"

if [ "${BUILD:-1}" != 0 ]; then
  cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
fi
ND="${ND:-$ROOT/target/release/newsdex}"

"$ND" index "$DATA/html" --index "$WORK/index" --rebuild --quiet --report "$WORK/skips.jsonl"
"$ND" export --index "$WORK/index" > "$WORK/export.jsonl"
python3 "$ROOT/benches/extraction_score.py" "$DATA/ground-truth.json" "$WORK/export.jsonl" \
  --worst "${WORST:-10}"
if [ -s "$WORK/skips.jsonl" ]; then
  echo "skip report:"
  sed 's/^/  /' "$WORK/skips.jsonl"
fi
