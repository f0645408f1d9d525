"""Name lists learned from the training data: the given names and family names of the
authors in the training records (``make model`` writes them beside the models:
``training/fit.py``). A token found in one is a feature of the tagger, weighed like any
other."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

NAMES = Path(__file__).resolve().parent.parent / "models" / "names.txt"


@lru_cache(maxsize=1)
def names() -> tuple[frozenset[str], frozenset[str]]:
    """(given names, family names), lower-cased; empty when no list is shipped."""
    given: set[str] = set()
    family: set[str] = set()
    if NAMES.exists():
        for line in NAMES.read_text(encoding="utf-8").splitlines():
            kind, _, word = line.partition("\t")
            (given if kind == "g" else family).add(word)
    return frozenset(given), frozenset(family)

