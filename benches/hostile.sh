#!/usr/bin/env bash
# Peak memory and wall time of `newsdex index` (release build) on each hostile input of
# tests/cli/hostile.rs, one input at a time beside one good article, so that each peak belongs
# to one input. Prints a markdown table on stdout.
#
#   benches/hostile.sh
#
# Env: WORK (scratch folder; default a new `mktemp -d`, removed at the end unless KEEP=1).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="$PWD/target/release/newsdex"
work="${WORK:-$(mktemp -d)}"
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$work"' EXIT

# Writes input NAME (a folder holding one good article) with the hostile file made by the
# python snippet in $2, which writes to the path in `p`.
make() {
  local dir="$work/$1"
  mkdir -p "$dir"
  printf 'Good story\n\nThe quokka census counted more animals this year.\n' >"$dir/good.txt"
  python3 -c "import gzip, os, random; p = '$dir/$3'; random.seed(1)
$2"
}

make line-200mb "open(p, 'w').write('x' * (200 << 20))" line.txt
make words-line-20mb "open(p, 'w').write(' '.join(['quokka', 'harbour', 'census'] * ((20 << 20) // 22)))" words.txt
make random-64mb "open(p, 'wb').write(random.randbytes(64 << 20))" random.txt
make utf16-no-bom-10mb "open(p, 'wb').write(('Story in UTF-16. ' * (10 << 20 >> 5)).encode('utf-16-le'))" utf16.txt
make json-10000-deep "open(p, 'w').write('[' * 10000 + ']' * 10000)" deep.json
make csv-100000-columns "open(p, 'w').write(','.join(f'c{i}' for i in range(100000)) + '\n' + ','.join(['v'] * 100000) + '\n')" wide.csv
make html-1mb-nested "open(p, 'w').write('<html><body>' + '<div>' * 200000 + '<p>The quokka census counted more animals near the harbour this year.</p></body></html>')" nested.html
make gzip-bomb-1gib "
with gzip.open(p, 'wb', compresslevel=9) as f:
    block = b'a' * (1 << 20)
    for _ in range(1024):
        f.write(block)" bomb.txt.gz

echo "| input | bytes on disk | peak RSS (MB) | wall (s) | exit |"
echo "|---|---:|---:|---:|---:|"
for dir in "$work"/*/; do
  name=$(basename "$dir")
  bytes=$(du -sb "$dir" | cut -f1)
  rm -rf "$work/index-$name"
  set +e
  /usr/bin/time -f '%M %e' -o "$work/time-$name" \
    "$bin" index "$dir" --index "$work/index-$name" --quiet --max-decompressed 256MiB 2>/dev/null
  code=$?
  set -e
  read -r kb secs <"$work/time-$name"
  echo "| $name | $bytes | $((kb / 1024)) | $secs | $code |"
done
