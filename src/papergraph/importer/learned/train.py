"""Training the tagger and the finder from labelled data (``make model``, the CV scorer).

Nothing here runs when a page is imported: the package ships the trained model files
and :mod:`.tagger` / :mod:`.finder` load them.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from .anystyle import Segment
from .tagger import MAX_TOKENS, xseq
from .tokens import Token, segments_to_tokens

TAGGER_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150,
                 "feature.possible_transitions": True}


def read_shapes(path: Path) -> list[list[Segment]]:
    """Hand-labelled strings of the shapes users reported (``training/shapes.jsonl``: one
    JSON object per line, ``segments`` as ``[text, label, marks]``)."""
    import json

    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            out.append([(t, lab, tuple(m)) for t, lab, m in json.loads(line)["segments"]])
    return out


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

    titles = [_norm(x) for t in truth["papers"] for x in [t["title"], *t.get("alt_titles", [])]]
    out = []
    for f, title, block_text in rows:
        t, b = _norm(title), _norm(block_text)
        hit = any(fuzz.ratio(t, x) >= 85 or (len(x) >= 12 and fuzz.partial_ratio(x, b) >= 95
                                              and fuzz.partial_ratio(t, x) >= 80)
                  for x in titles)
        out.append((f, "paper" if hit else "other"))
    return out


def record_page(page: Path) -> list[tuple[dict, str, str]]:
    """Every reading the importer weighs on ``page``, with its features."""
    from ...errors import InputError
    from .. import import_page
    from .finder import RECORDING, Recorder

    recorder = Recorder()
    token = RECORDING.set(recorder)
    try:
        import_page(str(page))
    except InputError:
        pass
    finally:
        RECORDING.reset(token)
    return recorder.rows


FINDER_PARAMS = {"c1": 0.0, "c2": 1.5, "max_iterations": 200}


def train_finder(rows: Iterable[tuple[dict, str]], path: Path) -> Path:
    import pycrfsuite

    from .tagger import _items

    trainer = pycrfsuite.Trainer(verbose=False)
    for f, label in rows:
        trainer.append(_items([f]), [label])
    trainer.set_params(FINDER_PARAMS)
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return path
