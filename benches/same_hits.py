#!/usr/bin/env python3
"""Checks that two newsdex builds answer the same, and times their cold searches.

    benches/same_hits.py BEFORE AFTER INDEX QUERIES [COLD]

Runs every query of QUERIES (one a line) through `search --json` of both binaries, with the
default options and with `--unit article`, `--sort date` and `--per-article 0 -n 25`, and
reports the first query whose answer differs (timings left out). Then times COLD queries
(default 30) in fresh processes, alternating the binaries, and prints the median wall and CPU
(user + system) per process: CPU is the steadier figure on a shared machine.
"""

import json
import resource
import statistics
import subprocess
import sys
import time

VARIANTS = [[], ["--unit", "article"], ["--sort", "date"], ["--per-article", "0", "-n", "25"]]


def answer(binary, index, query, extra):
    out = subprocess.run(
        [binary, "search", "--index", index, "--json", *extra, query],
        capture_output=True, text=True, check=True,
    ).stdout
    parsed = json.loads(out)
    parsed.pop("took_ms", None)
    return parsed


def cold(binary, index, query):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([binary, "search", "--index", index, "-n", "10", query],
                   stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall * 1000, cpu * 1000


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    before, after, index, queries = sys.argv[1:5]
    n_cold = int(sys.argv[5]) if len(sys.argv) > 5 else 30
    queries = [q.strip() for q in open(queries, encoding="utf-8") if q.strip()]
    for extra in VARIANTS:
        for query in queries:
            if answer(before, index, query, extra) != answer(after, index, query, extra):
                sys.exit(f"differs: {query!r} {' '.join(extra)}")
    print(f"same answers: {len(queries)} queries x {len(VARIANTS)} option sets")
    times = {before: [], after: []}
    for query in queries[:n_cold]:
        for binary in (before, after):
            times[binary].append(cold(binary, index, query))
    for binary, figures in times.items():
        wall = statistics.median(w for w, _ in figures)
        cpu = statistics.median(c for _, c in figures)
        print(f"cold {binary}: wall p50 {wall:.1f} ms, cpu p50 {cpu:.1f} ms")


if __name__ == "__main__":
    main()
