"""Sibling consistency: items of one list usually share one shape.

A block's siblings are the run of blocks around it of the same kind, depth and parent
(one list's items, one table's rows, consecutive paragraphs). What most of them have —
a year, a paper link, emphasis, a similar length — is a feature of each, so that the
tenth item of a list of nine citations reads as a citation too. One pass per run.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..blocks import Block
from ..ids import is_paper_url

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _key(b: Block) -> tuple:
    return (b.kind, b.depth, b.parent, b.level)


def _traits(b: Block) -> tuple[bool, bool, bool, bool]:
    return (bool(_YEAR.search(b.text)), any(is_paper_url(lk.url) for lk in b.links),
            bool(b.emphasis), len(b.text) >= 40)


def _share(n: int, total: int) -> str:
    r = n / total
    return "all" if r >= 0.99 else "most" if r >= 0.6 else "some" if r > 0 else "none"


def sibling_features(blocks: Sequence[Block]) -> dict[int, dict[str, float | str]]:
    """Per block (by ``id``), what its run of siblings looks like."""
    out: dict[int, dict[str, float | str]] = {}
    start = 0
    for i in range(1, len(blocks) + 1):
        if i < len(blocks) and _key(blocks[i]) == _key(blocks[start]):
            continue
        run = blocks[start:i]
        traits = [_traits(b) for b in run]
        n = len(run)
        shared = {
            "sib_n": "1" if n == 1 else "few" if n <= 3 else "many",
            "sib_year": _share(sum(t[0] for t in traits), n),
            "sib_link": _share(sum(t[1] for t in traits), n),
            "sib_em": _share(sum(t[2] for t in traits), n),
            "sib_long": _share(sum(t[3] for t in traits), n),
        }
        alike = Counter(traits)  # how many siblings share each set of traits
        for b, t in zip(run, traits, strict=True):
            f = dict(shared)
            f["like_sibs"] = "yes" if alike[t] * 2 > n else "no"
            out[id(b)] = f
        start = i
    return out
