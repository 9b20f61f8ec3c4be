# The reader panel behind the issue's goal ("a reader judges at least 8 of 10 outputs faithful, harmless, fluent and
# usable"): blind, shuffled items for LLM readers who follow rubric.md, and their verdicts counted per optimizer.
#   python3 panel.py make --seed S --queries N --controls C --out DIR name=eval-dir/results.jsonl [name=...]
#     N validation queries drawn with seed S (the same ones for every optimizer), each optimizer's output for them,
#     plus C hand-written seed pairs (data/seed-sft, round 6) as a control: readers who reject those are too strict.
#     Writes DIR/items.json (what readers see: id, query, prompt) and DIR/key.json (id -> source; never shown).
#   python3 panel.py score DIR          reads DIR/ratings-*.jsonl (one file per reader) and prints, per source, the
#     share of items each reader and the majority of readers judged yes on every question, and the readers' agreement.
import glob, json, os, random, sys

QUESTIONS = ['faithful', 'harmless', 'fluent', 'usable']
repo = os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../..')


def make(args):
    seed, n, controls, out = int(args[args.index('--seed') + 1]), int(args[args.index('--queries') + 1]), \
        int(args[args.index('--controls') + 1]), args[args.index('--out') + 1]
    sources = dict(a.split('=', 1) for a in args if '=' in a and not a.startswith('--'))
    outputs = {}
    for name, path in sources.items():
        outputs[name] = {}
        for line in open(path):
            r = json.loads(line)
            if r.get('output'):
                outputs[name][r['query']] = r['output']
    shared = sorted(set.intersection(*(set(o) for o in outputs.values())))
    rng = random.Random(seed)
    queries = rng.sample(shared, n)
    items = [(name, q, outputs[name][q]) for q in queries for name in sources]
    seed_pairs = []
    for f in sorted(glob.glob(os.path.join(repo, 'data/seed-sft/part-4[5-9].jsonl')) + sorted(glob.glob(os.path.join(repo, 'data/seed-sft/part-5[0-2].jsonl')))):
        seed_pairs += [json.loads(line) for line in open(f)]
    items += [('seed-set (control)', p['query'], p['prompt']) for p in rng.sample(seed_pairs, controls)]
    rng.shuffle(items)
    os.makedirs(out, exist_ok=True)
    json.dump([{'id': i + 1, 'query': q, 'prompt': p} for i, (_, q, p) in enumerate(items)],
              open(os.path.join(out, 'items.json'), 'w'), ensure_ascii=False, indent=1)
    json.dump({str(i + 1): name for i, (name, _, _) in enumerate(items)}, open(os.path.join(out, 'key.json'), 'w'), indent=1)
    print(len(items), 'items for', len(queries), 'queries,', controls, 'controls ->', out)


def score(folder):
    key = json.load(open(os.path.join(folder, 'key.json')))
    readers = {}
    for f in sorted(glob.glob(os.path.join(folder, 'ratings-*.jsonl'))):
        readers[os.path.basename(f)[8:-6]] = {str(r['id']): r for r in map(json.loads, open(f))}
    for name, ratings in readers.items():
        missing = set(key) - set(ratings)
        if missing:
            sys.exit(f'reader {name} left out {len(missing)} items')
    sources = sorted(set(key.values()))
    print('| source | items | reader | ' + ' | '.join(QUESTIONS) + ' |')
    print('|---|---:|---|' + '---:|' * len(QUESTIONS))
    for source in sources:
        ids = [i for i, s in key.items() if s == source]
        rows = list(readers.items()) + [('majority', None)]
        for reader, ratings in rows:
            shares = []
            for q in QUESTIONS:
                if ratings is None:
                    yes = sum(sum(r[i][q] for r in readers.values()) * 2 > len(readers) for i in ids)
                else:
                    yes = sum(bool(ratings[i][q]) for i in ids)
                shares.append(f'{yes}/{len(ids)}')
            print(f'| {source} | {len(ids)} | {reader} | ' + ' | '.join(shares) + ' |')
    if len(readers) > 1:
        agree = {q: sum(len({r[i][q] for r in readers.values()}) == 1 for i in key) / len(key) for q in QUESTIONS}
        print('\nitems on which every reader gave the same answer: ' + ', '.join(f'{q} {v:.0%}' for q, v in agree.items()))


if __name__ == '__main__':
    if sys.argv[1] == 'make':
        make(sys.argv[2:])
    else:
        score(sys.argv[2])
