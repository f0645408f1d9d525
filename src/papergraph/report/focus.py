"""Focus topics: which papers cover each focus topic of the seminar page."""

from __future__ import annotations

import math
from collections import Counter

from ..models import Resolution, Syllabus, normalize_title
from .model import FocusCoverage, FocusPaper

_STOP_WORDS = (
    "a about an and are as at based be beyond by can do does for from going how in into is it "
    "its many more much of on or other our over some than that the their these this to under "
    "use using via what when which while with without etc related concepts approaches methods "
    "results connection"
)
_STOP = frozenset(_STOP_WORDS.split())
_EXPAND = {
    "nns": "neural networks", "nn": "neural network", "sgd": "stochastic gradient descent",
    "ml": "machine learning", "rnn": "recurrent neural network", "dnn": "deep neural network",
    "ntk": "neural tangent kernel", "vc": "vapnik chervonenkis",
}

FOCUS_METHOD = (
    "suggested: TF-IDF cosine similarity between each focus topic's text and each paper's "
    "published and page title, topic title, topic question and area title (the last three "
    "weighted double; words lower-cased, "
    "abbreviations such as NNs/SGD expanded, stop words dropped, plural/-ing/-ed endings "
    "stripped, cut to 6 letters so generalisation = generalization; words found in "
    "more than half of the papers ignored); a paper is listed under "
    "a focus topic when its score is at least {threshold}, and always under its best-scoring "
    "focus topic if that scores above 0"
)
FOCUS_THRESHOLD = 0.15


def _stem(word: str) -> str:
    for suffix in ("ness", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:6]


def _terms(text: str) -> list[str]:
    words: list[str] = []
    for w in normalize_title(text).split():
        words.extend(_EXPAND.get(w, w).split())
    return [_stem(w) for w in words if w not in _STOP and len(w) > 1 and not w.isdigit()]


def _tfidf(docs: list[list[str]]) -> tuple[dict[str, float], list[dict[str, float]]]:
    n = len(docs)
    df = Counter(t for d in docs for t in set(d))
    # words in more than half of the papers ("neural", "network") say nothing about a focus
    idf = {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()
           if n < 4 or c <= n / 2}
    return idf, [_vector(d, idf) for d in docs]


def _vector(terms: list[str], idf: dict[str, float]) -> dict[str, float]:
    tf = Counter(t for t in terms if t in idf)
    vec = {t: (1.0 + math.log(c)) * idf[t] for t, c in tf.items()}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {t: v / norm for t, v in vec.items()} if norm else {}


def suggest_focus_map(
    syllabus: Syllabus, resolution: Resolution, *, threshold: float = FOCUS_THRESHOLD
) -> tuple[tuple[str, tuple[tuple[str, float], ...]], ...]:
    """A deterministic suggested mapping focus text -> ((paper key, score), ...)."""
    if not syllabus.seminar.focus_topics:  # nothing to score the papers against
        return ()
    keys = [p.key for p in syllabus.papers]
    docs = []
    for p in syllabus.papers:
        rec = resolution.get(p.key)
        parts = [p.title, rec.title if rec is not None and rec.has_data else ""]
        for slug in syllabus.topics_of(p.key):
            t = syllabus.topic(slug)
            # the organiser's own grouping says most about a paper: count it twice
            parts += [t.title, t.question] * 2
            area = next((a.title for a in syllabus.areas if a.slug == t.area), "")
            parts += [area] * 2
        docs.append(_terms(" ".join(parts)))
    idf, vecs = _tfidf(docs)
    scores: dict[str, dict[str, float]] = {}
    for text in syllabus.seminar.focus_topics:
        q = _vector(_terms(text), idf)
        scores[text] = {k: round(sum(w * v.get(t, 0.0) for t, w in q.items()), 3)
                        for k, v in zip(keys, vecs, strict=True)}
    chosen: dict[str, set[str]] = {text: set() for text in scores}
    for k in keys:
        best = max(scores, key=lambda t, k=k: (scores[t][k], -list(scores).index(t)),
                   default=None)
        for text in scores:
            if scores[text][k] >= threshold:
                chosen[text].add(k)
        if best is not None and scores[best][k] > 0:
            chosen[best].add(k)
    return tuple(
        (text, tuple(sorted(((k, scores[text][k]) for k in chosen[text]),
                            key=lambda x: (-x[1], keys.index(x[0])))))
        for text in scores
    )


def focus_coverage(
    syllabus: Syllabus, resolution: Resolution
) -> tuple[tuple[FocusCoverage, ...], str]:
    """Papers per focus topic (the syllabus's focus_map, else suggested), and the method."""
    talked = {t.paper for t in syllabus.talks}
    if syllabus.seminar.focus_map:
        mapping = {text: tuple((k, None) for k in ks) for text, ks in syllabus.seminar.focus_map}
        texts = list(syllabus.seminar.focus_topics) + [
            t for t in mapping if t not in syllabus.seminar.focus_topics]
        out = tuple(
            FocusCoverage(text, "syllabus", tuple(
                FocusPaper(k, s, k in talked, syllabus.topics_of(k))
                for k, s in mapping.get(text, ())))
            for text in texts
        )
        return out, "from the syllabus's focus_map"
    suggested = suggest_focus_map(syllabus, resolution)
    out = tuple(
        FocusCoverage(text, "suggested", tuple(
            FocusPaper(k, s, k in talked, syllabus.topics_of(k)) for k, s in pairs))
        for text, pairs in suggested
    )
    return out, FOCUS_METHOD.format(threshold=FOCUS_THRESHOLD)
