"""Word lists learned from the training data (``make model`` writes them beside the
models: ``training/fit.py``): the given names and family names of the authors in the
training records, a feature of the tagger; and the journal names of the training records
and AnyStyle's labels, a feature of the finder (``Nature``, ``Child Development`` listed
on their own are journals, not papers). Each is weighed like any other feature."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

NAMES = Path(__file__).resolve().parent.parent / "models" / "names.txt"
JOURNALS = NAMES.with_name("journals.txt")
_WORDS = re.compile(r"[^\W_]+")


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



def journal_key(text: str) -> str:
    """``text`` as the journal list holds it: its words, lower-cased, one space apart, a
    leading "In" dropped (``In: Trends in Neurosciences.`` -> ``trends in neurosciences``)."""
    words = _WORDS.findall(text.lower())
    return " ".join(words[1:] if words[:1] == ["in"] and len(words) > 1 else words)


@lru_cache(maxsize=1)
def journals() -> frozenset[str]:
    """The journal names (:func:`journal_key` form); empty when no list is shipped."""
    if not JOURNALS.exists():
        return frozenset()
    return frozenset(JOURNALS.read_text(encoding="utf-8").splitlines())
