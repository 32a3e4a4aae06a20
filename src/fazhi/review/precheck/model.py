"""The pre-check's candidate model: a multinomial naive Bayes over character n-grams, trained on the TRAINING split
of the corpus of real provisions only (precheck_corpus/train.jsonl; the holdout is never read here).

It never raises a finding on its own. A sentence whose score reaches the threshold is a *candidate*; a candidate rule
(precheck_rules.json, "candidate": true) must also match it, and the finding names that rule, its basis article and the
words that triggered it. The model is shipped as data (model.json), built by `fazhi precheck_train`, reproducibly:
same training file, same model, byte for byte. Pure: no database."""

from __future__ import annotations

import functools
import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

MODEL_FILE = Path(__file__).resolve().parent / "model.json"
NGRAM_SIZES = (2, 3)
ALPHA = 0.5  # additive smoothing
MIN_COUNT = 2  # n-grams seen fewer times in the training split are dropped (they only memorise one provision)
FOLDS = 5

# Article and item markers say where a sentence sits in a published text, not what it says: a provision quoted in a
# case and the same words as 第十条 of a law must score alike, so these are removed before counting.
_MARKERS = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百零〇0-9]+条(?:之[一二三四五六七八九十])?|[（(][一二三四五六七八九十0-9]+[)）]|[0-9]+[.．、]|[一二三四五六七八九十]+、)\s*"
)
_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")


def normalise(text: str) -> str:
    """The text the model reads: markers and spaces removed, every number written as 0."""
    text = _SPACE.sub("", text)
    while True:
        stripped = _MARKERS.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    return _DIGITS.sub("0", text)


def ngrams(text: str) -> list[str]:
    text = normalise(text)
    return [text[i : i + n] for n in NGRAM_SIZES for i in range(len(text) - n + 1)]


def train(items: Iterable[dict]) -> dict:
    """A model from labelled provisions (label "lawful" or a rule family): the log-likelihood ratio of each n-gram,
    unlawful against lawful, and the ratio given to an n-gram not kept."""
    counts = {True: Counter(), False: Counter()}
    for item in items:
        counts[item["label"] != "lawful"].update(ngrams(item["text"]))
    total = counts[True] + counts[False]
    vocabulary = sorted(gram for gram, n in total.items() if n >= MIN_COUNT)
    size = len(vocabulary) + 1
    mass = {label: sum(counts[label][gram] for gram in vocabulary) + ALPHA * size for label in (True, False)}
    unseen = math.log(ALPHA / mass[True]) - math.log(ALPHA / mass[False])
    weights = {}
    for gram in vocabulary:
        ratio = math.log((counts[True][gram] + ALPHA) / mass[True]) - math.log(
            (counts[False][gram] + ALPHA) / mass[False]
        )
        weights[gram] = round(ratio, 3)
    return {"ngram_sizes": list(NGRAM_SIZES), "unseen": round(unseen, 3), "weights": weights}


def score(model: dict, text: str) -> float:
    """The mean log-likelihood ratio (unlawful : lawful) of the sentence's n-grams; 0 for a sentence too short."""
    grams = ngrams(text)
    if not grams:
        return 0.0
    weights, unseen = model["weights"], model["unseen"]
    return sum(weights.get(gram, unseen) for gram in grams) / len(grams)


def fold_of(source_title: str, folds: int = FOLDS) -> int:
    """The cross-validation fold of a source publication: fixed by its title, so a source is never in two folds."""
    return int(hashlib.sha256(source_title.encode("utf-8")).hexdigest(), 16) % folds


def out_of_fold_scores(items: list[dict], folds: int = FOLDS) -> list[float]:
    """Each provision scored by a model trained without its source's fold (grouped cross-validation)."""
    scores = [0.0] * len(items)
    for fold in range(folds):
        model = train(item for item in items if fold_of(item["source_title"], folds) != fold)
        for index, item in enumerate(items):
            if fold_of(item["source_title"], folds) == fold:
                scores[index] = score(model, item["text"])
    return scores


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dumps(model: dict) -> str:
    """The model as shipped: sorted keys, one line per n-gram, so that a rebuild gives the same bytes."""
    return json.dumps(model, ensure_ascii=False, sort_keys=True, indent=0) + "\n"


@functools.cache
def load(path: Path = MODEL_FILE) -> dict | None:
    """The shipped model, or None when no model has been built (the candidate rules then stay silent)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def is_candidate(text: str, model: dict | None = None) -> tuple[bool, float]:
    """Whether the shipped model proposes the sentence, and its score."""
    model = load() if model is None else model
    if model is None:
        return False, 0.0
    value = score(model, text)
    return value >= model["threshold"], value
