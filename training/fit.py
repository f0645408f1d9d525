"""Training the tagger and the finder from labelled data (``make model``, the CV scorer),
and the name lists the tagger's features look words up in.

Nothing here runs when a page is imported: the package ships the trained model files
and :mod:`papergraph.importer.learned.tagger` / :mod:`~papergraph.importer.learned.finder`
load them.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from papergraph.importer.learned import lexicon
from papergraph.importer.learned.tagger import MAX_TOKENS, _items, xseq
from papergraph.importer.learned.tokens import Token

from .labelled import Segment, segments_to_tokens

TAGGER_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150,
                 "feature.possible_transitions": True}


def tagged(sequences: Iterable[list[Segment]]) -> list[tuple[list[Token], list[str]]]:
    out = []
    for segments in sequences:
        tokens, labels = segments_to_tokens(segments)
        if tokens:
            out.append((tokens[:MAX_TOKENS], labels[:MAX_TOKENS]))
    return out


def train_tagger(data: Sequence[tuple[list[Token], list[str]]], path: Path,
                 params: dict | None = None) -> Path:
    """A CRF over ``data`` (tokens and their labels), written to ``path``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for tokens, labels in data:
        trainer.append(xseq(tokens), labels)
    trainer.set_params({**TAGGER_PARAMS, **(params or {})})
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return path


def shuffled(items: list, seed: int = 0) -> list:
    items = list(items)
    random.Random(seed).shuffle(items)
    return items


# -- the finder
def _norm(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[\"“”‘’'`*_]", "", text).split()).strip(" .")


def label_rows(rows: list[tuple[dict, str, str]], truth: dict) -> list[tuple[dict, str]]:
    """Each recorded reading labelled ``paper`` when its title is one the truth lists
    (or the block holds a listed title whole), else ``other``."""
    from rapidfuzz import fuzz

    def names(optional: bool) -> list[str]:
        return [_norm(x) for t in truth["papers"] if bool(t.get("optional")) == optional
                for x in [t["title"], *t.get("alt_titles", [])]]

    def hit(t: str, b: str, titles: list[str]) -> bool:
        return any(fuzz.ratio(t, x) >= 85 or (len(x) >= 12 and fuzz.partial_ratio(x, b) >= 95
                                               and fuzz.partial_ratio(t, x) >= 80)
                   for x in titles)

    papers, optional = names(False), names(True)
    out = []
    for f, title, block_text in rows:
        t, b = _norm(title), _norm(block_text)
        if hit(t, b, papers):
            out.append((f, "paper"))
        elif not (OPTIONAL_LEFT_OUT and hit(t, b, optional)):
            out.append((f, "other"))
    return out


# A reading of an item the truth marks optional (a talk title, a chapter, lecture notes:
# arguably not a paper) teaches the finder nothing either way: it is left out of training.
OPTIONAL_LEFT_OUT = True


def record_page(page: Path) -> list[tuple[dict, str, str]]:
    """Every reading the importer weighs on ``page``, with its features."""
    from papergraph.errors import InputError
    from papergraph.importer import import_page
    from papergraph.importer.learned.finder import RECORDING, Recorder

    recorder = Recorder()
    token = RECORDING.set(recorder)
    try:
        import_page(str(page))
    except InputError:
        pass
    finally:
        RECORDING.reset(token)
    return recorder.rows


FINDER_PARAMS = {"c1": 0.0, "c2": 4.0, "max_iterations": 200}


def train_finder(rows: Iterable[tuple[dict, str]], path: Path) -> Path:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for f, label in rows:
        trainer.append(_items([f]), [label])
    trainer.set_params(FINDER_PARAMS)
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return path


# -- the name lists
def write_names(records: list, author_texts: list[str], path: Path = lexicon.NAMES) -> int:
    """The given and family names of ``records`` (:class:`.synthetic.Record`), and the
    words of labelled author texts (``author_texts``, read as family names), seen twice or
    more, written where :func:`papergraph.importer.learned.lexicon.names` reads them."""
    given: Counter[str] = Counter()
    family: Counter[str] = Counter()
    for rec in records:
        for g, f in rec.authors:
            given.update(w.lower() for w in g.replace(".", " ").split() if len(w) > 1)
            family.update(w.lower() for w in f.split() if len(w) > 1)
    for text in author_texts:
        family.update(w.lower() for w in re.findall(r"[^\W\d_][\w'’\-]+", text)
                      if w[:1].isupper() and w.lower() not in ("and", "et", "al"))
    min_count = 2
    lines = sorted([f"g\t{w}" for w, n in given.items() if n >= min_count] +
                   [f"f\t{w}" for w, n in family.items() if n >= min_count])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    lexicon.names.cache_clear()
    return len(lines)
