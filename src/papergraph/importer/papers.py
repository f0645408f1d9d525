"""The drafted papers: keys, de-duplication, and what to check about each.

A paper cited twice (a reading list and a schedule, three sessions on one paper) is one
paper: the same normalised title or the same arXiv id/DOI is the same paper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Paper, normalize_title, slugify, surname
from .candidates import Candidate
from .ids import Ids

_KEY_STOP = {"a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "via", "is",
             "are", "can", "what", "how", "why", "do", "does", "towards", "toward", "from",
             "by", "at", "as", "beyond", "into", "when", "which", "we", "our", "its"}
CHECK_BELOW = 0.6  # a field read with less confidence than this is marked for checking


KEY_BASE_MAX = 60  # characters: a key is at most 100 (identifiers.MAX_KEY), suffix included


def paper_key(authors: tuple[str, ...], year: int | None, title: str, taken: set[str],
              counters: dict[str, int] | None = None) -> str:
    """``surname`` of the first author + year + first significant title word, made unique
    with a ``b``, ``c``, … suffix: ``arora2019fine``. ``counters`` (the last suffix used
    per base, kept by the caller across calls) makes a thousand papers with one base key
    cost a thousand steps, not half a million."""
    first = slugify(surname(authors[0])).replace("-", "") if authors else ""
    words = [w for w in normalize_title(title).split() if w not in _KEY_STOP]
    base = f"{first}{year or ''}{words[0] if words else ''}"[:KEY_BASE_MAX] or "paper"
    counters = {} if counters is None else counters
    n = counters.get(base, 1)
    while (key := _suffixed(base, n)) in taken:
        n += 1
    counters[base] = n
    taken.add(key)
    return key


def _suffixed(base: str, n: int) -> str:
    """The ``n``-th key of ``base``: itself, then ``…b`` to ``…z``, then ``…27``, ``…28``…"""
    return base if n == 1 else base + (chr(ord("a") + n - 1) if n <= 26 else str(n))


@dataclass
class PaperBook:
    """Papers in page order, found again by title or id."""

    papers: dict[str, Paper] = field(default_factory=dict)
    checks: dict[str, list[str]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    by_title: dict[str, str] = field(default_factory=dict)
    by_id: dict[str, str] = field(default_factory=dict)
    keys: set[str] = field(default_factory=set)
    counters: dict[str, int] = field(default_factory=dict)  # last key suffix per base

    def find(self, cand: Candidate) -> str | None:
        for ident in _idents(cand):
            if ident in self.by_id:
                return self.by_id[ident]
        return self.by_title.get(normalize_title(cand.ref.title))

    def add(self, cand: Candidate) -> str:
        """The key of ``cand``'s paper, registering it if it is new."""
        if (key := self.find(cand)) is not None:
            return key
        ref, ids, dropped = cand.ref, *_valid(cand.ids)
        key = paper_key(ref.authors, ref.year, ref.title, self.keys, self.counters)
        note = f"url: {ids.url}" if ids.url and not (ids.arxiv or ids.doi or ids.s2_id
                                                    or ids.dblp) else ""
        title, authors, venue, note, cut = _fit(ref.title, ref.authors, ref.venue, note)
        self.papers[key] = Paper(key=key, title=title, authors=authors,
                                 et_al=ref.et_al, venue=venue, year=ref.year,
                                 arxiv=ids.arxiv, doi=ids.doi, dblp=ids.dblp,
                                 s2_id=ids.s2_id, note=note)
        self.lines[key] = cand.line
        self.checks[key] = _checks(cand) + dropped + cut
        self.by_title[normalize_title(ref.title)] = key
        for ident in _idents(cand):
            self.by_id.setdefault(ident, key)
        return key


def _fit(title: str, authors: tuple[str, ...], venue: str, note: str
         ) -> tuple[str, tuple[str, ...], str, str, list[str]]:
    """The fields within what the syllabus loader accepts (a draft always loads): a title
    cut at its limit, a venue or name over it (or a name BibTeX cannot read) left out."""
    from ..identifiers import MAX_LONG_TEXT, MAX_TEXT

    cut = []
    if len(title) > MAX_TEXT:
        title = title[:MAX_TEXT].rstrip()
        cut.append(f"title: cut at {MAX_TEXT:,} characters")
    if len(venue) > MAX_TEXT:
        venue = ""
        cut.append(f"venue: left out (over {MAX_TEXT:,} characters)")
    kept = tuple(a for a in authors if len(a) <= MAX_TEXT and a.count(",") <= 2)
    if kept != authors:
        cut.append("authors: a name too long or with too many commas left out")
    if len(note) > MAX_LONG_TEXT:
        note = ""
    return title, kept, venue, note, cut


def _valid(ids: Ids) -> tuple[Ids, list[str]]:
    """The ids the syllabus loader accepts; a link whose id it would refuse is kept out
    of the draft (and said in a check comment) rather than making the draft unloadable."""
    from dataclasses import replace

    from ..identifiers import arxiv_problem, dblp_problem, doi_problem, s2_id_problem

    checks = {"arxiv": arxiv_problem, "doi": doi_problem, "dblp": dblp_problem,
              "s2_id": s2_id_problem}
    dropped = []
    for name, check in checks.items():
        value = getattr(ids, name)
        if value and (problem := check(value)):
            ids = replace(ids, **{name: None})
            dropped.append(f"{name}: the link's id was not used ({problem})")
    return ids, dropped


def _idents(cand: Candidate) -> list[str]:
    ids = cand.ids
    return [f"{k}:{v.lower()}" for k, v in (("arxiv", ids.arxiv), ("doi", ids.doi),
                                             ("s2", ids.s2_id)) if v]


def _checks(cand: Candidate) -> list[str]:
    """What the user should check about this paper's entry (line, field, why)."""
    ref, pinned = cand.ref, bool(cand.ids.arxiv or cand.ids.doi or cand.ids.s2_id)
    out = []
    conf = ref.confidence
    if conf.get("title", 1) < CHECK_BELOW and not pinned:
        out.append("title: the whole line was taken as the title")
    if not ref.authors:
        out.append("authors: none recognised on the page")
    out += [d for d in ref.doubts if ": " in d]  # the reader's own ("title: read with …")
    if ref.year is None:
        out.append("year: none given on the page")
    if doubt := title_doubt(ref.title):
        out.append(f"title: {doubt}")
    return out


def title_doubt(title: str) -> str:
    """Why a drafted title looks unlike a paper's title ("" if it does not)."""
    from .learned.cues import title_roles

    words = title.split()
    if len(words) >= 4 and title_roles(title)[0] >= 0.4:
        return "it seems to start with author names"
    if re.search(r"\bet\.?\s*al\b|(?<!\d)(?:19|20)\d{2}(?!\d)", title):
        return "it seems to hold citation parts (et al., a year)"
    if len(words) == 1 or len(words) > 30:
        return f"unusually {'short' if len(words) == 1 else 'long'} for a paper's title"
    return ""
