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


def _runs(blocks: Sequence[Block]) -> list[list[Block]]:
    """Runs of siblings: consecutive blocks of one key, the sub-items of each (deeper
    items between them) not breaking the run."""
    runs: list[list[Block]] = []
    open_runs: dict[tuple, list[Block]] = {}  # by key: the run each kind of block is in
    for b in blocks:
        key = _key(b)
        # a block ends every run it is not inside: any of another kind, or as deep or deeper
        open_runs = {k: r for k, r in open_runs.items()
                     if k == key or (b.kind == "item" and k[0] == "item" and b.depth > k[1])}
        if key not in open_runs:
            open_runs[key] = []
            runs.append(open_runs[key])
        open_runs[key].append(b)
    return runs


def sibling_features(blocks: Sequence[Block]) -> dict[int, dict[str, float | str]]:
    """Per block (by ``id``), what its run of siblings looks like, and whether any of its
    sub-items links a paper (``- **Title**`` / ``  - By Ann, Jan 14 [[Original Paper]](…)``)."""
    out: dict[int, dict[str, float | str]] = {}
    kids_link = {b.parent for b in blocks if b.parent is not None
                 and any(is_paper_url(lk.url) for lk in b.links)}
    for run in _runs(blocks):
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
    for i, b in enumerate(blocks):
        if i in kids_link and id(b) in out:
            out[id(b)]["kid_link"] = 1.0
    return out
