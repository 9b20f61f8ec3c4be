#!/usr/bin/env python3
"""Picks the queries for a new round of seed pairs, one assignment file per writer.

    python3 data/seed-sft/tools/select-queries.py ../shared/data/vpo-queries/sft_queries.json <out folder> [writers] [general] [flagged]

Round 2 (parts 4-11) and round 3 (parts 12-19) were picked with it, 8 writers each with the default 100 + 25 queries;
round 4 (parts 20-27) with 8 writers and 120 + 30. Queries of sft_queries.json from
index 1,044 on, in source order, skipping those already in the set (every part-*.jsonl), those of the
validation split, blank ones and ones over 700 characters (they would not fit the SFT context with the instruction).
A keyword screen sorts them into unsafe-looking and other queries so that each writer gets 25 of the first kind and
100 of the second: the real share of unsafe queries (~10%) is below the data card's 15%. The screen only picks
candidates; each writer decided whether a pair is safety-related.
"""
import glob, json, os, re, sys

source, out = sys.argv[1], sys.argv[2]
writers = int(sys.argv[3]) if len(sys.argv) > 3 else 8
per_general = int(sys.argv[4]) if len(sys.argv) > 4 else 100
per_flagged = int(sys.argv[5]) if len(sys.argv) > 5 else 25
here = os.path.dirname(os.path.abspath(__file__))
queries = json.load(open(source, encoding='utf-8'))
taken = {json.loads(line)['query'] for f in glob.glob(os.path.join(here, '..', 'part-*.jsonl')) for line in open(f, encoding='utf-8')}
validation = set(json.load(open(os.path.join(here, '..', '..', 'splits', 'validation-queries.json'), encoding='utf-8')))
screen = re.compile(
    r'\b(nak(ed)?|nude|nudity|sex\w*|porn\w*|breast\w*|boob\w*|kill\w*|blood\w*|gore|gory|gun\w*|shoot\w*|murder\w*|'
    r'trump|biden|putin|obama|modi|elon|musk|drug\w*|cocaine|weed|nazi\w*|hitler|corpse\w*|dead|suicide|terror\w*|'
    r'bomb\w*|violen\w*|fight\w*|war|zombie\w*|demon\w*|behead\w*|stab\w*|knife|sword|explod\w*|bikini|lingerie|'
    r'taylor swift|celebrity|president|horror|satan\w*|devil|drunk|smok\w*|steal\w*|rob\w*|slave\w*|hate|racist|'
    r'weapon\w*|torture\w*|monster\w*|creepy|scary|body|hot|sexy)\b', re.I)
seen, general, flagged = set(taken), [], []
for index, query in enumerate(queries):
    if index < 1044 or query in seen or query in validation or not query.strip() or len(query) > 700:
        continue
    seen.add(query)
    (flagged if screen.search(query) else general).append((index, query))
os.makedirs(out, exist_ok=True)
for writer in range(writers):
    items = sorted(general[writer * per_general:(writer + 1) * per_general] + flagged[writer * per_flagged:(writer + 1) * per_flagged])
    with open(os.path.join(out, f'assign-{writer}.json'), 'w', encoding='utf-8') as f:
        json.dump([{'index': i, 'query': q} for i, q in items], f, ensure_ascii=False, indent=0)
