#!/usr/bin/env bash
# Long property-test run of the readers, the query parser, segmentation and analysis, and of
# searches over a real index (CI runs the same tests with proptest's default of 256 cases).
#   scripts/fuzz.sh [CASES]        cases per property test, default 20000
# Only the property tests run. For each group it prints the property tests run, the cases each,
# the executions (tests x cases) and the wall time; then the totals. A failing input is shrunk
# and printed, and the script exits non-zero: keep it as a regression case beside its test.
set -euo pipefail
cd "$(dirname "$0")/.."
cases="${1:-20000}"

# The test executable cargo builds for the given target selection.
executable() {
  cargo test --release "$@" --no-run --message-format=json 2>/dev/null |
    jq -r 'select(.profile.test == true and .executable != null) | .executable' | tail -1
}

# The tests of an executable (matching the filters) that are property tests: run with a single
# case and proptest's trace output, a property test reports the case it passed.
property_tests() {
  local exe="$1"
  shift
  local name
  "$exe" --list --format terse "$@" 2>/dev/null | sed -n 's/: test$//p' | while read -r name; do
    local trace
    trace=$(PROPTEST_CASES=1 PROPTEST_VERBOSE=2 "$exe" --exact "$name" --nocapture 2>&1 || true)
    if [[ "$trace" == *"Test case passed"* ]]; then
      echo "$name"
    fi
  done
}

lib=$(executable --lib)
queries=$(executable --test queries)
total_tests=0
total_seconds=0
failed=0

# Runs one group: a label, an executable and its test-name filters.
group() {
  local label="$1" exe="$2"
  shift 2
  local tests
  mapfile -t tests < <(property_tests "$exe" "$@")
  if [ "${#tests[@]}" -eq 0 ]; then
    echo "$label: no property tests found" >&2
    failed=1
    return
  fi
  local start end log outcome=""
  log=$(mktemp)
  start=$(date +%s)
  if ! PROPTEST_CASES="$cases" "$exe" --exact "${tests[@]}" >"$log" 2>&1; then
    failed=1
    outcome=" FAILED"
    sed -n '/^failures:/,$p' "$log" | head -60
  fi
  end=$(date +%s)
  rm -f "$log"
  local n=${#tests[@]} seconds=$((end - start))
  printf '%-28s %3d property tests x %d cases = %d executions, %d s%s\n' \
    "$label:" "$n" "$cases" $((n * cases)) "$seconds" "$outcome"
  total_tests=$((total_tests + n))
  total_seconds=$((total_seconds + seconds))
}

group "readers (ingest)" "$lib" ingest::
group "query parser" "$lib" search::query::
group "segmentation and analysis" "$lib" segment:: analysis:: views::
group "searches over an index" "$queries"
printf '%-28s %3d property tests x %d cases = %d executions, %d s\n' \
  "total:" "$total_tests" "$cases" $((total_tests * cases)) "$total_seconds"
exit "$failed"
