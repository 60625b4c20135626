#!/usr/bin/env python3
"""Scores extracted article bodies against hand-made ones with the article-extraction
benchmark's metric: tokens are Unicode `\\w+` runs; a body is the multiset of its 4-token
shingles (a body of fewer than four tokens is one shingle of all of them, an empty body the empty
shingle); per page, TP/FP/FN are the shingle counts found in both, only in the extraction and only
in the truth, normalised to sum 1; precision and recall are the means of TP/(TP+FP) and TP/(TP+FN)
over the pages, and F1 is taken from the two means.

    extraction_score.py GROUND_TRUTH.json EXPORT.jsonl [--worst N] [--json]

EXPORT.jsonl is what `newsdex export` writes; a page is matched to its truth by the file name of
`path` without `.html.gz` / `.html`. A page missing from the export counts as an empty extraction.
"""
import json
import re
import sys
from collections import Counter

TOKEN = re.compile(r"\w+", re.UNICODE)
N = 4


def shingles(text):
    tokens = TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + N]) for i in range(max(1, len(tokens) - N + 1)))


def match(truth, extracted):
    t, e = shingles(truth), shingles(extracted)
    tp = sum(min(n, e[k]) for k, n in t.items())
    fp = sum(e.values()) - tp
    fn = sum(t.values()) - tp
    total = tp + fp + fn
    return tp / total, fp / total, fn / total


def page_key(path):
    name = path.rsplit("/", 1)[-1]
    for suffix in (".html.gz", ".htm.gz", ".html", ".htm"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    worst = 10
    if "--worst" in argv:
        worst = int(argv[argv.index("--worst") + 1])
        args.remove(str(worst))
    truth_path, export_path = args[:2]
    with open(truth_path, encoding="utf-8") as f:
        truth = json.load(f)
    extracted = {}
    with open(export_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                doc = json.loads(line)
                extracted[page_key(doc.get("path") or doc.get("id", ""))] = doc.get("body") or ""
    rows = []
    for key, item in sorted(truth.items()):
        tp, fp, fn = match(item.get("articleBody", ""), extracted.get(key, ""))
        p, r = tp / (tp + fp), tp / (tp + fn)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        rows.append((key, p, r, f1, len(extracted.get(key, ""))))
    precision = sum(r[1] for r in rows) / len(rows)
    recall = sum(r[2] for r in rows) / len(rows)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    if "--json" in argv:
        print(json.dumps({"pages": len(rows), "precision": precision, "recall": recall, "f1": f1}))
        return
    print(f"pages {len(rows)}  precision {precision:.4f}  recall {recall:.4f}  F1 {f1:.4f}")
    print(f"empty {sum(1 for r in rows if r[4] == 0)}  "
          f"recall<0.8 {sum(1 for r in rows if r[2] < 0.8)}  "
          f"precision<0.8 {sum(1 for r in rows if r[1] < 0.8)}")
    if worst:
        print(f"worst {worst} pages (F1, precision, recall, extracted chars):")
        for key, p, r, f, chars in sorted(rows, key=lambda r: r[3])[:worst]:
            print(f"  {f:.3f}  p {p:.3f}  r {r:.3f}  {chars:6d}  {key}")


if __name__ == "__main__":
    main(sys.argv[1:])
