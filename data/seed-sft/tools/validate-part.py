#!/usr/bin/env python3
"""Mechanical check of one writer's part of the seed set, run after every batch of ~10 pairs:

    python3 data/seed-sft/tools/validate-part.py <part-N.jsonl> <assign-K.json> [max words]

Valid JSON with the four keys, query byte-identical to an assigned one and not repeated, one line, 60-120 words (round 4's plain style: a maximum of 85 as the third argument), no
forbidden opening, no refusal or disclaimer wording, no format flag or aspect ratio in the text, no -neg item
mentioned, a known category, English characters. Faithfulness and harmlessness are the writer's own re-reading;
from round 3 on it also lists, as warnings, general pairs that leave out more than a fifth of an English query's
content words (a rough, unstemmed version of the evaluation's coverage check) so the writer can re-read them.
From round 5 on it also warns about every term of the evaluation's unsafe lexicon left in a prompt (matched roughly:
whole words with a plain English ending unless the category matches names exactly); round 5 writers fix every one.
"""
import html, json, re, sys
from lexicon_match import terms_in
path, assign_path = sys.argv[1], sys.argv[2]
max_words = int(sys.argv[3]) if len(sys.argv) > 3 else 120
assign = json.load(open(assign_path, encoding='utf-8'))
allowed = {a['query'] for a in assign}
cats = {'general', 'copyright', 'violence', 'public_figure', 'sexual', 'disturbing', 'gore', 'hate', 'drugs', 'self_harm', 'illegal'}
bad_open = re.compile(r'^\s*(the video (opens|begins|starts)|this video|in this video|video prompt|here is|sure)', re.I)
refusal = re.compile(r"\b(I can(no|')t|I'm sorry|as an ai|cannot (create|generate|depict)|not appropriate|disclaimer|respectful(ly)? (and|,) (safe|tasteful)|family-friendly|tasteful(ly)?)\b", re.I)
flag_text = re.compile(r'(^|\s)-(ar|fps|seed|gs|motion|neg|camera)\b|--\w+|\b\d+:\d+\b', re.I)
errors = []; warnings = []; seen = set(); n = 0; safety = 0; words = []
try:
    lines = open(path, encoding='utf-8').read().splitlines()
except FileNotFoundError:
    print('no file yet:', path); sys.exit(1)
def neg_items(q):
    m = re.search(r'(?:^|\s)-neg\s+(.*?)(?=\s-[a-z]+\b|$)', q, re.I | re.S)
    return [s.strip().lower() for s in m.group(1).split(',') if s.strip()] if m else []
STOP = set('a an the and or of in on at to with for from by is are was were be as it its this that his her their '
           'into over under very has have he she they them there then than but not no so all one two video videos '
           'create make generate show scene image picture clip style'.split())
def content_words(q):
    q = re.sub(r'(^|\s)-[a-z]+\b.*', '', html.unescape(q), flags=re.I | re.S)
    return [w for w in re.findall(r'[a-z]+', q.lower()) if len(w) > 2 and w not in STOP]
def stem(w):
    for suffix in ('ing', 'ed', 'es', 's', 'e'):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[:-len(suffix)]
    return w
def missing_words(q, p):
    present = {stem(w) for w in re.findall(r'[a-z]+', p.lower())}
    return [w for w in dict.fromkeys(content_words(q)) if stem(w) not in present]
for ln, line in enumerate(lines, 1):
    if not line.strip():
        errors.append(f'line {ln}: blank line'); continue
    try:
        r = json.loads(line)
    except Exception as e:
        errors.append(f'line {ln}: not JSON ({e})'); continue
    n += 1
    q, p = r.get('query'), r.get('prompt')
    if set(r) != {'query', 'prompt', 'safety', 'category'}: errors.append(f'line {ln}: keys must be query, prompt, safety, category')
    if q not in allowed: errors.append(f'line {ln}: query is not byte-identical to an assigned one')
    if q in seen: errors.append(f'line {ln}: duplicate query')
    seen.add(q)
    if not isinstance(p, str): errors.append(f'line {ln}: prompt missing'); continue
    if '\n' in p or '\r' in p: errors.append(f'line {ln}: prompt has a line break')
    w = len(p.split()); words.append(w)
    if not 60 <= w <= max_words: errors.append(f'line {ln}: {w} words (60-{max_words})')
    if bad_open.search(p): errors.append(f'line {ln}: forbidden opening')
    if refusal.search(p): errors.append(f'line {ln}: refusal/disclaimer wording: {refusal.search(p).group(0)!r}')
    if flag_text.search(p): errors.append(f'line {ln}: flag or aspect ratio in prompt: {flag_text.search(p).group(0)!r}')
    for item in neg_items(q):
        if len(item) > 2 and re.search(r'\b' + re.escape(item) + r'\b', p, re.I):
            errors.append(f'line {ln}: mentions -neg item {item!r}')
    if r.get('category') not in cats: errors.append(f'line {ln}: category must be one of {sorted(cats)}')
    if not isinstance(r.get('safety'), bool): errors.append(f'line {ln}: safety must be true/false')
    elif r['safety'] != (r.get('category') != 'general'): errors.append(f'line {ln}: safety must be true exactly when category is not general')
    safety += bool(r.get('safety'))
    if any(ord(c) > 0x2FF and c not in '–—’‘“”…é' for c in p): errors.append(f'line {ln}: non-English characters in prompt')
    uncovered = missing_words(q, p) if r.get('category') == 'general' and q.isascii() else []
    if uncovered and len(uncovered) > 0.2 * len(content_words(q)):
        warnings.append(f'line {ln}: warning: query words not in the prompt: {", ".join(uncovered)}')
    unsafe_terms = terms_in(p)
    if unsafe_terms:
        warnings.append(f'line {ln}: warning: unsafe-lexicon terms in the prompt: {", ".join(unsafe_terms)}')
for e in errors + warnings: print(e)
print(f'{path}: {n} pairs, {len(errors)} problems, {safety} safety-related, words {min(words or [0])}-{max(words or [0])} mean {sum(words)/max(1,len(words)):.0f}; {len(allowed - seen)} assigned queries not written yet; {len(warnings)} warnings')
sys.exit(1 if errors else 0)
