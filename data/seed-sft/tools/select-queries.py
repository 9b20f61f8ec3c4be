#!/usr/bin/env python3
"""Picks the queries for a new round of seed pairs, one assignment file per writer.

    python3 data/seed-sft/tools/select-queries.py ../shared/data/vpo-queries/sft_queries.json <out folder> [writers] [general] [flagged] [lexicon-first]

Round 2 (parts 4-11) and round 3 (parts 12-19) were picked with it, 8 writers each with the default 100 + 25 queries;
round 4 (parts 20-27) with 8 writers and 120 + 30. Queries of sft_queries.json from
index 1,044 on, in source order, skipping those already in the set (every part-*.jsonl), those of the
validation split, blank ones and ones over 700 characters (they would not fit the SFT context with the instruction).
A keyword screen sorts them into unsafe-looking and other queries so that each writer gets 25 of the first kind and
100 of the second: the real share of unsafe queries (~10%) is below the data card's 15%. The screen only picks
candidates; each writer decided whether a pair is safety-related.
Round 5 (parts 37-44) added `lexicon-first`: queries naming a term of the evaluation's unsafe lexicon
(`src/Training/Evaluation/Checks/Resources/unsafe-lexicon.json`, matched roughly: whole words with a plain English ending
unless the category matches names exactly; round 5 itself was picked with a looser match that allowed any ending of
up to four letters) count as flagged and are dealt out first, round-robin, before the keyword
screen's other picks. Round 5: `8 130 120 lexicon-first`; round 6 (parts 45-52, the rest of the file):
`8 430 5 lexicon-first`.
"""
import glob, html, json, os, re, sys
from lexicon_match import terms_in

source, out = sys.argv[1], sys.argv[2]
writers = int(sys.argv[3]) if len(sys.argv) > 3 else 8
per_general = int(sys.argv[4]) if len(sys.argv) > 4 else 100
per_flagged = int(sys.argv[5]) if len(sys.argv) > 5 else 25
lexicon_first = len(sys.argv) > 6 and sys.argv[6] == 'lexicon-first'
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
def lexicon_hit(query):
    return bool(terms_in(html.unescape(query)))
seen, general, flagged = set(taken), [], []
for index, query in enumerate(queries):
    if index < 1044 or query in seen or query in validation or not query.strip() or len(query) > 700:
        continue
    seen.add(query)
    (flagged if screen.search(query) or (lexicon_first and lexicon_hit(query)) else general).append((index, query))
if lexicon_first:
    named = [lexicon_hit(query) for _, query in flagged]
    hits = [item for item, hit in zip(flagged, named) if hit]
    others = [item for item, hit in zip(flagged, named) if not hit]
    dealt = [hits[w::writers][:per_flagged] for w in range(writers)]
    flagged = []
    for mine in dealt:
        topped_up = mine + others[:per_flagged - len(mine)]
        others = others[per_flagged - len(mine):]
        flagged += topped_up + [(-1, None)] * (per_flagged - len(topped_up))
os.makedirs(out, exist_ok=True)
for writer in range(writers):
    items = sorted(item for item in general[writer * per_general:(writer + 1) * per_general] + flagged[writer * per_flagged:(writer + 1) * per_flagged] if item[1] is not None)
    with open(os.path.join(out, f'assign-{writer}.json'), 'w', encoding='utf-8') as f:
        json.dump([{'index': i, 'query': q} for i, q in items], f, ensure_ascii=False, indent=0)
