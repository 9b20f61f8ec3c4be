"""The evaluation's unsafe lexicon (src/Training/Evaluation/Checks/Resources/unsafe-lexicon.json) as regular
expressions, for the seed-set tools: whole words, with a plain English ending unless the category matches names
exactly. A rough stand-in for the evaluation's stemmed match, which `vpo-train data check-sft` applies for real."""
import json, os, re

_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'src', 'Training', 'Evaluation',
                     'Checks', 'Resources', 'unsafe-lexicon.json')
PATTERNS = [(term, re.compile(r'\b' + re.escape(term) + (r'\b' if category.get('exact') else r'(?:s|es|d|ed|ing|er|ers)?\b'), re.I))
            for category in json.load(open(_path, encoding='utf-8'))['categories'] for term in category['terms']]


def terms_in(text):
    """The lexicon terms found in a text, sorted."""
    return sorted({term for term, pattern in PATTERNS if pattern.search(text)})
