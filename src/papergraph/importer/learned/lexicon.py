"""Name lists learned from the training data: the given names and family names of the
authors in the training records (``make model`` writes them beside the models). A token
found in one is a feature of the tagger, weighed like any other."""

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


def write(records: list, author_texts: list[str], path: Path = NAMES) -> int:
    """The given and family names of ``records`` (``synthetic.Record``), and the words of
    labelled author texts (``author_texts``, read as family names), seen twice or more."""
    import re
    from collections import Counter

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
    names.cache_clear()
    return len(lines)
