"""Small lookups the analyses share: syllabus order, years, resolution status."""

from __future__ import annotations

import re

from ..models import Resolution, Syllabus


def paper_positions(syllabus: Syllabus) -> dict[str, int]:
    """Paper key -> its place in the syllabus (for :func:`syllabus_order`)."""
    return {p.key: i for i, p in enumerate(syllabus.papers)}


def syllabus_order(
    syllabus: Syllabus, keys: set[str] | list[str] | tuple[str, ...],
    positions: dict[str, int] | None = None,
) -> tuple[str, ...]:
    """``keys`` in syllabus paper order (unknown keys last, sorted); pass ``positions``
    (:func:`paper_positions`) when ordering many sets of keys."""
    pos = paper_positions(syllabus) if positions is None else positions
    return tuple(sorted(set(keys), key=lambda k: (pos.get(k, len(pos)), k)))


def paper_year(syllabus: Syllabus, resolution: Resolution, key: str) -> int | None:
    rec = resolution.get(key)
    if rec is not None and rec.has_data and rec.year:
        return rec.year
    try:
        return syllabus.paper(key).year
    except KeyError:
        return None


def year_span(years: list[int | None]) -> tuple[int | None, int | None]:
    known = [y for y in years if y]
    return (min(known), max(known)) if known else (None, None)


def is_unresolved(resolution: Resolution, key: str) -> bool:
    rec = resolution.get(key)
    return rec is None or not rec.has_data


def references_complete(resolution: Resolution, key: str) -> bool:
    rec = resolution.get(key)
    return rec is not None and rec.has_data and rec.references_complete


def bare_arxiv(arxiv: str | None) -> str | None:
    if not arxiv:
        return None
    a = arxiv.strip().lower().removeprefix("arxiv:")
    return re.sub(r"v\d+$", "", a)
