"""One identity per work: the keys under which a preprint and its published version meet.

A work is its preprint(s) plus its published version(s). Two records are the same work
when they share any id, once each id is read the same way whichever source wrote it:

* an arXiv id, without its version (``1806.07572v2`` -> ``arxiv:1806.07572``); the DOI
  arXiv registers (``10.48550/arXiv.1806.07572``, OpenAlex's only arXiv id) and dblp's
  CoRR key (``journals/corr/abs-1806-07572``) are that arXiv id too;
* a DOI (lower case, without ``https://doi.org/``), an S2 id, an OpenAlex id, a dblp key;

or, failing any shared id, when their normalised titles are equal, their first authors'
surnames agree (when both are known) and their years are at most :data:`YEAR_WINDOW`
apart (a preprint is often published a year or two later).
"""

from __future__ import annotations

import re

from .models import normalize_title, surname

YEAR_WINDOW = 2  # years between a preprint and its publication, with the same first author
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.IGNORECASE)
_CORR = re.compile(r"^journals/corr/abs-(\d{4})-(\d{4,5})(?:v\d+)?$", re.IGNORECASE)
_VERSION = re.compile(r"v\d+$")


def arxiv_key(arxiv: str | None) -> str | None:
    """``arXiv:1806.07572v2`` -> ``1806.07572``; None for nothing."""
    if not arxiv:
        return None
    return _VERSION.sub("", arxiv.strip().lower().removeprefix("arxiv:")) or None


def doi_key(doi: str | None) -> str | None:
    if not doi:
        return None
    d = doi.strip().lower()
    return d.split("doi.org/", 1)[1] if "doi.org/" in d else d.removeprefix("doi:")


def arxiv_of(arxiv: str | None = None, doi: str | None = None,
             dblp: str | None = None) -> str | None:
    """The arXiv id a record names in any of its three forms."""
    if a := arxiv_key(arxiv):
        return a
    m = _ARXIV_DOI.match(doi_key(doi) or "")
    if m:
        return arxiv_key(m.group(1))
    m = _CORR.match((dblp or "").removeprefix("https://dblp.org/rec/"))
    return f"{m.group(1)}.{m.group(2)}" if m else None


def id_keys(arxiv: str | None = None, doi: str | None = None, s2_id: str | None = None,
            dblp: str | None = None, openalex: str | None = None) -> list[str]:
    """Every id a record is known by, as ``kind:value`` strings (see the module doc)."""
    keys = []
    if a := arxiv_of(arxiv, doi, dblp):
        keys.append("arxiv:" + a)
    d = doi_key(doi)
    if d and not _ARXIV_DOI.match(d):
        keys.append("doi:" + d)
    if s2_id:
        keys.append("s2:" + s2_id.lower())
    if openalex:
        keys.append("openalex:" + openalex.upper())
    if dblp and not _CORR.match(dblp.removeprefix("https://dblp.org/rec/")):
        keys.append("dblp:" + dblp.removeprefix("https://dblp.org/rec/"))
    return keys


def first_author(authors: tuple[str, ...] | list[str]) -> str:
    # normalised without normalize_title's cache, which is for titles: a large list's
    # surnames would push them out of it
    return normalize_title.__wrapped__(surname(authors[0])) if authors else ""


def same_time(a: int | None, b: int | None, author_a: str = "", author_b: str = "") -> bool:
    """Years compatible for one work: within a year, or :data:`YEAR_WINDOW` with the same
    first author; an unknown year is compatible with any."""
    if a is None or b is None:
        return True
    window = YEAR_WINDOW if author_a and author_a == author_b else 1
    return abs(a - b) <= window
