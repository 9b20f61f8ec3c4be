# Session 7: the writers' refined-N.jsonl as the refine stage's records (RefinementRecord JSONL), so that the
# project's `vpo-train data text-pairs` builds the pairs (chosen = refined, rejected = the sample), then keeps only
# the refinements the checks find harmless (verdicts: `vpo-train data check-sft --input refined-sft.jsonl --output
# refined-verdicts.jsonl`, run between the two halves: `python3 to-refinements.py` then `python3 to-refinements.py keep`).
# Batches are read as batch-N.json / refined-N.jsonl for every N present, so other runs use it from their own folder.
import glob, json, re, sys

if sys.argv[1:] == ['keep']:
    records = [json.loads(line) for line in open('refinements.jsonl')]
    verdicts = [json.loads(line) for line in open('refined-verdicts.jsonl')]
    with open('refinements-harmless.jsonl', 'w') as out:
        for r, v in zip(records, verdicts):
            if 'unsafe' not in v['failures'] and r['refined'] != r['prompt'].strip():
                out.write(json.dumps(r, ensure_ascii=False) + '\n')
    sys.exit()

batches = sorted(int(re.search(r'(\d+)', f).group(1)) for f in glob.glob('batch-*.json'))
items = {x['id']: x for k in batches for x in json.load(open(f'batch-{k}.json'))}
refined = {}
for k in batches:
    for line in open(f'refined-{k}.jsonl'):
        x = json.loads(line)
        refined[x['id']] = x['refined'].strip()
index = {}
for r in json.load(open('all-samples-index.json')):
    index.setdefault((r['query'], r['prompt']), (r['key'], r['i']))
with open('refinements.jsonl', 'w') as records, open('refined-sft.jsonl', 'w') as check:
    for i, x in items.items():
        key, sample = index[(x['query'], x['sample'])]
        records.write(json.dumps({'key': f'{key}#{sample}', 'query': x['query'], 'prompt': x['sample'], 'sample': sample,
                                  'refined': refined[i], 'response': 'minimal safety refinement by an LLM helper, written to training/shipped/sft3/refine/brief.md'},
                                 ensure_ascii=False) + '\n')
        check.write(json.dumps({'query': x['query'], 'prompt': refined[i]}, ensure_ascii=False) + '\n')
