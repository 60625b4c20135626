#!/usr/bin/env python3
"""How well newsdex finds stories: pairwise precision, recall and F1 on a labelled set.

The set is built from real article bodies of the shared corpora (CNN/DailyMail docs.csv, BBC
News), transformed as outlets transform wire copy, and never leaves the scratch folder:

  - every base article is one story; some get 1 to 5 versions, each from an outlet that gives
    it a new headline, a dateline prefix, its own footer, and "Advertisement" slugs between
    paragraphs, with some of: the last paragraphs trimmed, about 4% of words changed, one
    paragraph dropped, lines re-wrapped; an outlet may carry several versions (updates);
  - hard negatives: follow-ups (another article's text quoting one paragraph of the story),
    and pairs of CNN/DM articles on one event (many shared rare words, few shared 3-word
    shingles), each its own story.

Base articles are split by a hash of their id into two halves: `--split dev` (to tune on) and
`--split test` (held out). The set is written as JSON Lines, indexed with newsdex, exported,
and the exported `story` of every article compared with its label.

usage: benches/stories.py [--split dev|test] [--stories 400] [--seed 7] [--newsdex BIN]
                          [--work DIR] [--shared DIR]
       benches/stories.py --report INDEX     (stories of several articles in any index)
"""
import argparse, collections, csv, hashlib, json, os, random, re, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTLETS = ['Harbour Times', 'Caspian Wire', 'Northern Courier', 'The Daily Ledger', 'Valley Post',
           'Global Desk', 'Press Review', 'Metro Herald']
CITIES = ['LONDON', 'NEW YORK', 'PARIS', 'WASHINGTON', 'SYDNEY', 'BERLIN', 'TOKYO', 'MADRID']
REPLACEMENTS = ['also', 'however', 'reportedly', 'nearly', 'still', 'recently', 'officials',
                'several', 'many', 'local']


def half(key, split):
    """Whether a base article belongs to the split."""
    bit = hashlib.sha1(key.encode()).digest()[0] & 1
    return bit == (0 if split == 'dev' else 1)


def cnn_articles(shared):
    path = os.path.join(shared, 'corpora', 'cnndm-known-item', 'docs.csv')
    csv.field_size_limit(1 << 30)
    with open(path, newline='', encoding='utf-8') as fh:
        for row in csv.DictReader(fh):
            sents = re.split(r'(?<=[.!?]) (?=[A-Z"])', row['article'].strip())
            paras = [' '.join(sents[i:i + 3]) for i in range(0, len(sents), 3)]
            paras = [p for p in paras if p.strip()]
            if len(paras) >= 3:
                yield 'cnn-' + row['id'], paras


def bbc_articles(shared):
    root = os.path.join(shared, 'corpora', 'bbc-news')
    for topic in sorted(os.listdir(root)):
        folder = os.path.join(root, topic)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            raw = open(os.path.join(folder, name), 'rb').read().decode('utf-8', 'replace')
            lines = [l.strip() for l in raw.split('\n') if l.strip()]
            if len(lines) >= 4:
                yield 'bbc-%s-%s' % (topic, name), lines[1:]


def words(text):
    return re.findall(r'\w+', text.lower())


def shingles(paras, k=3):
    w = words(' '.join(paras))
    return {tuple(w[i:i + k]) for i in range(len(w) - k + 1)}


def same_event_pairs(articles, rng, wanted):
    """Pairs of articles sharing many rare capitalised words but few shingles."""
    df = collections.Counter()
    names = {}
    for key, paras in articles:
        caps = set(re.findall(r'\b[A-Z][a-z]{3,}\b', ' '.join(paras)))
        names[key] = caps
        df.update(caps)
    postings = collections.defaultdict(list)
    for key, caps in names.items():
        for c in sorted(caps):
            if 2 <= df[c] <= 6:
                postings[c].append(key)
    shared = collections.Counter()
    for keys in postings.values():
        for i in range(len(keys)):
            for j in range(i + 1, len(keys)):
                shared[(keys[i], keys[j])] += 1
    text = dict(articles)
    pairs, used = [], set()
    # Most shared names first, ties by key: the same pairs whatever Python's hash seed.
    for (a, b), n in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0])):
        if n < 5 or len(pairs) >= wanted:
            break
        if a in used or b in used:
            continue
        sa, sb = shingles(text[a]), shingles(text[b])
        if len(sa & sb) / max(1, len(sa | sb)) < 0.1:
            pairs.append((a, b))
            used.update((a, b))
    return pairs


def rewrap(para, rng):
    width = rng.randint(50, 80)
    out, line = [], ''
    for w in para.split():
        if line and len(line) + 1 + len(w) > width:
            out.append(line)
            line = w
        else:
            line = (line + ' ' + w).strip()
    out.append(line)
    return '\n'.join(out)


def change_words(para, rng, share):
    ws = para.split()
    for i in range(len(ws)):
        if rng.random() < share:
            ws[i] = rng.choice(REPLACEMENTS)
    return ' '.join(ws)


def version_of(paras, rng, outlet, number):
    """One outlet's version of a story's paragraphs."""
    paras = list(paras)
    if len(paras) > 4 and rng.random() < 0.5:
        keep = max(3, int(len(paras) * rng.uniform(0.6, 0.9)))
        paras = paras[:keep]
    if len(paras) > 3 and rng.random() < 0.5:
        del paras[rng.randrange(1, len(paras))]
    if rng.random() < 0.7:
        paras = [change_words(p, rng, 0.04) for p in paras]
    city = rng.choice(CITIES)
    paras[0] = '%s (%s) - %s' % (city, outlet, paras[0])
    if rng.random() < 0.5:
        for at in range(len(paras) - 1, 1, -3):
            paras.insert(at, 'Advertisement')
    paras.append('Copyright %s. Follow %s for more news every day.' % (outlet, outlet))
    if number > 0:
        paras.insert(1, 'This story has been updated with new details (update %d).' % number)
    if rng.random() < 0.5:
        paras = [rewrap(p, rng) for p in paras]
    return paras


def headline(paras, rng):
    ws = paras[0].split()
    start = rng.randrange(0, max(1, min(10, len(ws) - 8)))
    return ' '.join(ws[start:start + rng.randint(5, 9)]).strip('.,"').capitalize()


def build(args):
    rng = random.Random(args.seed)
    cnn = [a for a in cnn_articles(args.shared) if half(a[0], args.split)]
    bbc = [a for a in bbc_articles(args.shared) if half(a[0], args.split)]
    rng.shuffle(cnn)
    rng.shuffle(bbc)
    events = same_event_pairs(cnn[:6000], rng, args.stories // 8)
    in_events = {k for pair in events for k in pair}
    text = dict(cnn[:6000])
    pool, openings = [], set()
    for key, paras in [a for a in cnn if a[0] not in in_events] + bbc:
        # BBC News holds copies and near-copies of some articles: keep one of each.
        opening = ' '.join(words(' '.join(paras))[:12])
        if opening not in openings:
            openings.add(opening)
            pool.append((key, paras))
    rng.shuffle(pool)
    base = pool[:args.stories]
    spare = pool[args.stories:]
    records, labels = [], {}
    day = 0

    def emit(label, title, paras, outlet, when):
        rid = 'a%05d' % len(records)
        records.append({'id': rid, 'title': title, 'body': '\n\n'.join(paras), 'source': outlet,
                        'date': '2025-%02d-%02d' % (1 + when // 28 % 12, 1 + when % 28)})
        labels[rid] = label

    for key, paras in base:
        day += 1
        n = rng.choice([1, 1, 2, 2, 3, 4, 5])
        for v in range(n):
            outlet = rng.choice(OUTLETS)
            number = v if rng.random() < 0.3 else 0
            emit(key, headline(paras, rng), version_of(paras, rng, outlet, number), outlet,
                 day + rng.randint(0, 2))
    follow_ups = 0
    for key, paras in base[:args.stories // 4]:
        if not spare:
            break
        other_key, other = spare.pop()
        # One paragraph, as a follow-up quotes it (BBC lines can be whole articles: two
        # sentences of them).
        quoted = ' '.join(re.split(r'(?<=[.!?]) ', rng.choice(paras))[:2])
        body = list(other)
        body.insert(rng.randrange(1, len(body)), quoted)
        emit(other_key, headline(other, rng), body, rng.choice(OUTLETS), day)
        follow_ups += 1
    for a, b in events:
        for key in (a, b):
            emit(key, headline(text[key], rng), text[key], rng.choice(OUTLETS), day)
    return records, labels, follow_ups, len(events)


def pairs(n):
    return n * (n - 1) // 2


def score(labels, predicted):
    cells = collections.Counter((labels[i], predicted[i]) for i in labels)
    true = collections.Counter(labels[i] for i in labels)
    pred = collections.Counter(predicted[i] for i in labels)
    tp = sum(pairs(n) for n in cells.values())
    p = tp / max(1, sum(pairs(n) for n in pred.values()))
    r = tp / max(1, sum(pairs(n) for n in true.values()))
    f = 2 * p * r / max(1e-12, p + r)
    return p, r, f, tp


def export(newsdex, index):
    out = subprocess.run([newsdex, 'export', '--index', index], check=True, capture_output=True,
                         text=True).stdout
    return [json.loads(l) for l in out.splitlines()]


def report(newsdex, index, top):
    articles = export(newsdex, index)
    stories = collections.defaultdict(list)
    for a in articles:
        stories[a['story']].append(a)
    several = [s for s in stories.values() if len(s) > 1]
    copies = sum(1 for a in articles if a.get('copy_of'))
    versions = sum(len(s) - 1 for s in several)
    print('%d articles, %d stories of several articles, %d versions besides the first '
          '(%d exact copies)' % (len(articles), len(several), versions, copies))
    several.sort(key=lambda s: (-len(s), s[0]['story']))
    for s in several[:top]:
        first = s[0]['story']
        print('- %s: %d articles' % (first, len(s)))
        for a in s[:4]:
            print('    %s %s%s | %s' % (a['id'], a.get('date') or '', ' (exact copy)' if a.get('copy_of') else '',
                                        a['title'][:70]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--split', choices=['dev', 'test'], default='dev')
    ap.add_argument('--stories', type=int, default=400)
    ap.add_argument('--seed', type=int, default=7)
    ap.add_argument('--newsdex', default=os.path.join(ROOT, 'target', 'release', 'newsdex'))
    ap.add_argument('--work', default=None)
    ap.add_argument('--shared', default=os.environ.get('NEWSDEX_SHARED',
                                                       os.path.join(ROOT, '..', 'shared')))
    ap.add_argument('--report', metavar='INDEX')
    ap.add_argument('--top', type=int, default=8)
    args = ap.parse_args()
    if args.report:
        report(args.newsdex, args.report, args.top)
        return
    work = args.work or tempfile.mkdtemp(prefix='newsdex-stories.')
    os.makedirs(work, exist_ok=True)
    records, labels, follow_ups, events = build(args)
    corpus = os.path.join(work, 'corpus.jsonl')
    with open(corpus, 'w', encoding='utf-8') as fh:
        for r in records:
            fh.write(json.dumps(r) + '\n')
    with open(os.path.join(work, 'labels.json'), 'w', encoding='utf-8') as fh:
        json.dump(labels, fh)
    index = os.path.join(work, 'index')
    started = time.time()
    subprocess.run([args.newsdex, 'index', corpus, '--index', index, '--rebuild'], check=True,
                   capture_output=True)
    took = time.time() - started
    predicted = {a['id']: a['story'] for a in export(args.newsdex, index)}
    missing = [i for i in labels if i not in predicted]
    if missing:
        sys.exit('%d labelled articles not in the index, e.g. %s' % (len(missing), missing[0]))
    p, r, f, tp = score(labels, predicted)
    true_pairs = sum(pairs(n) for n in collections.Counter(labels.values()).values())
    print('split %s seed %d: %d articles, %d stories, %d true pairs, %d follow-ups, '
          '%d same-event pairs; indexed in %.1f s' % (args.split, args.seed, len(labels),
                                                      len(set(labels.values())), true_pairs,
                                                      follow_ups, events, took))
    print('| split | precision | recall | F1 |')
    print('|---|---|---|---|')
    print('| %s | %.4f | %.4f | %.4f |' % (args.split, p, r, f))
    by_pred = collections.defaultdict(set)
    for i, s in predicted.items():
        if i in labels:
            by_pred[s].add(labels[i])
    merged = [s for s, ls in by_pred.items() if len(ls) > 1]
    print('predicted stories mixing labels: %d; work folder %s' % (len(merged), work))


if __name__ == '__main__':
    main()
