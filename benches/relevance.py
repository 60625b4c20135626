#!/usr/bin/env python3
"""Helpers of benches/relevance.sh: variant collections and queries, the tables, and per-query
comparisons of two runs (wins, losses, paired randomization test).

  relevance.py variants DOCS.jsonl QUERIES.tsv OUTDIR
  relevance.py table TABLE.tsv
  relevance.py compare NAME RUN_A.json RUN_B.json METRIC   (per-query JSON of `newsdex eval`)
"""
import json, os, random, re, sys

# The 33 English stop words of Lucene's classic analyzer.
STOP = ("a an and are as at be but by for if in into is it no not of on or such that the their "
        "then there these they this to was will with").split()
WORD = re.compile(r"\w+")


def title_case(text):
    return WORD.sub(lambda m: m.group(0)[:1].upper() + m.group(0)[1:].lower(), text)


CASES = {"upper": str.upper, "lower": str.lower, "title": title_case}


def read_queries(path):
    out = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.strip():
            qid, _, text = line.partition("\t")
            out.append((qid, text))
    return out


def write_queries(path, queries):
    with open(path, "w", encoding="utf-8") as f:
        for qid, text in queries:
            f.write(f"{qid}\t{text}\n")


def variants(docs, queries, out):
    """Case variants of documents and queries, documents with one paragraph each, queries
    without and with the stop list."""
    os.makedirs(out, exist_ok=True)
    records = [json.loads(l) for l in open(docs, encoding="utf-8") if l.strip()]
    qs = read_queries(queries)
    for name, f in CASES.items():
        with open(os.path.join(out, f"{name}.jsonl"), "w", encoding="utf-8") as o:
            for r in records:
                r2 = dict(r, title=f(r.get("title") or ""), body=f(r.get("body") or ""))
                o.write(json.dumps(r2, ensure_ascii=False) + "\n")
        write_queries(os.path.join(out, f"{name}.tsv"), [(q, f(t)) for q, t in qs])
    with open(os.path.join(out, "joined.jsonl"), "w", encoding="utf-8") as o:
        for r in records:
            body = " ".join(p.strip() for p in (r.get("body") or "").split("\n\n") if p.strip())
            o.write(json.dumps(dict(r, body=body), ensure_ascii=False) + "\n")

    def without(text):
        def stop(token):
            words = [w.lower() for w in WORD.findall(token)]
            return bool(words) and all(w in STOP for w in words)
        kept = [w for w in text.split() if not stop(w)]
        return " ".join(kept) if kept else text

    write_queries(os.path.join(out, "stop-removed.tsv"), [(q, without(t)) for q, t in qs])
    write_queries(os.path.join(out, "stop-added.tsv"), [(q, t + " " + " ".join(STOP)) for q, t in qs])


def table(path):
    rows = [l.rstrip("\n").split("\t") for l in open(path) if l.strip()]
    values, systems, keys = {}, [], []
    for coll, system, metric, value in rows:
        if (coll, metric) not in keys:
            keys.append((coll, metric))
        values[(coll, metric, system)] = value
        if system not in systems:
            systems.append(system)
    main = [s for s in systems if ":" not in s]
    print("| collection | metric | " + " | ".join(main) + " |")
    print("|---|---|" + "---|" * len(main))
    for coll, metric in keys:
        print(f"| {coll} | {metric} | " + " | ".join(values.get((coll, metric, s), "–") for s in main) + " |")
    variants_ = [s.split(":", 1)[1] for s in systems if s.startswith("newsdex:")]
    if not variants_:
        return
    print()
    print("Invariance (newsdex on variant copies; Δ = variant − original, |Δ|max over the three cases):")
    cases = [v for v in variants_ if v in CASES]
    others = [v for v in variants_ if v not in CASES]
    print("| collection | metric | newsdex | " + " | ".join(variants_) + " | Δcase max | "
          + " | ".join(f"Δ{v}" for v in others) + " |")
    print("|---|---|---|" + "---|" * (len(variants_) + 1 + len(others)))
    for coll, metric in keys:
        base = values.get((coll, metric, "newsdex"))
        if base is None:
            continue
        base = float(base)
        got = {v: values.get((coll, metric, f"newsdex:{v}")) for v in variants_}
        deltas = [abs(float(got[v]) - base) for v in cases if got[v] is not None]
        case_max = f"{max(deltas):.4f}" if deltas else "–"
        other = [f"{float(got[v]) - base:+.4f}" if got[v] is not None else "–" for v in others]
        print(f"| {coll} | {metric} | {base:.4f} | " + " | ".join(got[v] or "–" for v in variants_)
              + f" | {case_max} | " + " | ".join(other) + " |")
    refs = [s for s in systems if ":" in s and not s.startswith("newsdex:")]
    if refs:
        print()
        print("| collection | metric | " + " | ".join(refs) + " |")
        print("|---|---|" + "---|" * len(refs))
        for coll, metric in keys:
            print(f"| {coll} | {metric} | " + " | ".join(values.get((coll, metric, s), "–") for s in refs) + " |")


def per_query(path, metric, qids):
    d = json.load(open(path)).get("per_query", {})
    return {q: float(d.get(q, {}).get(metric, 0.0)) for q in qids}


def compare(name, a, b, metric, qrels):
    """Wins and losses of run A against run B per query, and the two-sided p-value of the
    paired randomization test (sign flips of the per-query differences, 10,000 draws)."""
    qids = sorted({l.split()[0] for l in open(qrels) if l.strip()})
    x, y = per_query(a, metric, qids), per_query(b, metric, qids)
    diffs = [x[q] - y[q] for q in qids]
    wins = sum(d > 1e-9 for d in diffs)
    losses = sum(d < -1e-9 for d in diffs)
    observed = abs(sum(diffs))
    rng = random.Random(14)
    draws = 10000
    extreme = sum(
        abs(sum(d if rng.random() < 0.5 else -d for d in diffs)) >= observed - 1e-12 for _ in range(draws))
    mean = sum(diffs) / max(len(diffs), 1)
    print(f"| {name} | {metric} | {mean:+.4f} | {wins} | {losses} | {len(diffs) - wins - losses} | "
          f"{(extreme + 1) / (draws + 1):.4f} |")


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"variants": variants, "table": table, "compare": compare}[cmd](*args)
