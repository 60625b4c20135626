#!/usr/bin/env python3
"""Cold `newsdex search` latency of two builds on one index, process start to exit.

usage: benches/cold_pair.py BEFORE AFTER INDEX QUERIES [--queries N] [--rounds R]

Each query of QUERIES (one per line; the first N, 40 by default) is run once by each build
per round (R rounds, 3 by default), `search --index INDEX -n 10 QUERY` with output discarded;
the order of the two builds alternates from round to round, so that a change in machine load
hits both alike. Prints p50, p90 and mean milliseconds per build.
"""
import argparse
import statistics
import subprocess
import sys
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("index")
    parser.add_argument("queries")
    parser.add_argument("--queries", dest="count", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with open(args.queries, encoding="utf-8") as f:
        queries = [line.strip() for line in f if line.strip()][: args.count]
    if not queries:
        sys.exit(f"cold_pair.py: no queries in {args.queries}")
    builds = [args.before, args.after]
    times = {b: [] for b in builds}
    for round_ in range(args.rounds):
        order = builds if round_ % 2 == 0 else builds[::-1]
        for query in queries:
            for build in order:
                started = time.perf_counter()
                subprocess.run(
                    [build, "search", "--index", args.index, "-n", "10", query],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    check=False,
                )
                times[build].append((time.perf_counter() - started) * 1000)
    for build in builds:
        ms = sorted(times[build])
        print(
            f"{build}\truns {len(ms)}\tp50 {ms[len(ms) // 2]:.2f} ms"
            f"\tp90 {ms[int(len(ms) * 0.9)]:.2f} ms\tmean {statistics.mean(ms):.2f} ms"
        )


if __name__ == "__main__":
    main()
