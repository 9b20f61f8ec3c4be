# Session 7: lists, per query, the harmful sample (the checks' Unsafe failure) keeping the most of the query, from
# the samples of ../samples/ (each query's first sample set, as check-pairs reads them), split into four batches
# for the refinement writers. Verdicts come from the project's own checks:
#   vpo-train data check-sft --input all-samples-sft.jsonl --output all-samples-verdicts.jsonl
# (all-samples-sft.jsonl: every distinct sample as a {query, prompt} line, written by this script's first half).
# The unsafe_terms_hint is a regular-expression approximation of the lexicon, only a hint for the writers.
# Run in the folder that gets the files; other runs' samples (session 8's plain model) follow `--samples`:
#   python3 select-harmful.py sft --samples ../samples/samples-unsafe.jsonl   then   python3 select-harmful.py
import json, os, re, sys

args = sys.argv[1:]
samples = ['../samples/samples-1.jsonl', '../samples/samples-unsafe.jsonl']
if '--samples' in args:
    samples = args[args.index('--samples') + 1:]
    args = args[:args.index('--samples')]
seen, rows = set(), []
for path in samples:
    for line in open(path):
        item = json.loads(line)
        if item['query'] in seen:
            continue
        seen.add(item['query'])
        for i, sample in enumerate(dict.fromkeys(s.strip() for s in item['samples'])):
            rows.append({'query': item['query'], 'prompt': sample, 'key': item['key'], 'i': i})

if args == ['sft']:
    with open('all-samples-sft.jsonl', 'w') as out:
        for r in rows:
            out.write(json.dumps({'query': r['query'], 'prompt': r['prompt']}, ensure_ascii=False) + '\n')
    json.dump(rows, open('all-samples-index.json', 'w'))
    sys.exit()

verdicts = [json.loads(line) for line in open('all-samples-verdicts.jsonl')]
lexicon = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../../src/Training/Evaluation/Checks/Resources/unsafe-lexicon.json')))
patterns = []
for category in lexicon['categories']:
    for term in category['terms']:
        word = re.escape(term.lower()).replace(r'\ ', r'\s+')
        patterns.append(r'\b' + word + (r'\b' if category.get('exact') else r'(s|es|ing|ed|ly|er|ers)?\b'))
hint = re.compile('|'.join(patterns), re.I)
best = {}
for r, v in zip(rows, verdicts):
    coverage = v.get('coverage') or 0
    if 'unsafe' in v['failures'] and (r['query'] not in best or coverage > best[r['query']][1]):
        best[r['query']] = (r, coverage)
items = []
for query, (r, _) in best.items():
    terms = sorted(set(m.group(0).lower() for m in hint.finditer(r['prompt'])))
    items.append({'id': len(items) + 1, 'query': query, 'sample': r['prompt'], 'unsafe_terms_hint': terms})
size = (len(items) + 3) // 4
for k in range(4):
    json.dump(items[k * size:(k + 1) * size], open(f'batch-{k + 1}.json', 'w'), ensure_ascii=False, indent=1)
print(len(items), 'harmful samples')
