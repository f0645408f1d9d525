"""Gaps: external papers (not on the list) that several seminar papers cite."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from functools import lru_cache
from itertools import compress, count, repeat
from operator import is_

from ..models import Ref, Resolution, Syllabus, normalize_title, surname
from ..works import YEAR_WINDOW, arxiv_of, id_keys
from .helpers import bare_arxiv, paper_positions
from .model import GAP_MIN_CITED_BY, Gap


def _seminar_identities(syllabus: Syllabus, resolution: Resolution) -> tuple[set[str], set[str]]:
    """arXiv ids and normalised titles of the syllabus papers (every known version)."""
    arxivs: set[str] = set()
    titles: set[str] = set()
    for p in syllabus.papers:
        if a := bare_arxiv(p.arxiv):
            arxivs.add(a)
        titles.add(normalize_title(p.title))
        rec = resolution.get(p.key)
        if rec is None:
            continue
        if a := bare_arxiv(rec.arxiv):
            arxivs.add(a)
        if rec.title:
            titles.add(normalize_title(rec.title))
        for v in rec.other_versions:
            if a := bare_arxiv(v.arxiv):
                arxivs.add(a)
            if v.title:
                titles.add(normalize_title(v.title))
    titles.discard("")
    return arxivs, titles


def _strong_ids(ref: Ref) -> list[str]:
    """Its ids, read alike whichever source wrote them (an arXiv DOI or a CoRR key is
    the arXiv id: :func:`papergraph.works.id_keys`)."""
    ids = id_keys(ref.arxiv, ref.doi, ref.s2_id, ref.dblp, ref.openalex_id)
    if ref.corpus_id:
        ids.append(f"corpus:{ref.corpus_id}")
    return ids


def _first_surname(ref: Ref) -> str:
    return _surname_key(ref.authors[0]) if ref.authors else ""


@lru_cache(maxsize=1 << 16)
def _surname_key(name: str) -> str:
    # normalised without normalize_title's cache: a quarter of a million surnames would
    # push the titles every stage asks for again out of it
    return normalize_title.__wrapped__(surname(name))


class _Groups:
    """Union-find over external references: same work if they share an id, or the same
    normalised title with a compatible first author and year (±1, or ±2 with the same
    first author: a preprint and its publication).

    Linear in the references: each group keeps its first-author surnames and years (merged
    on union) and each title the groups that bear it, one entry per group, so a paper the
    seminar cites a thousand times is not compared with each earlier citation again.
    An entry is one Ref with the seminar papers citing it (``(citers, ref)``).
    """

    def __init__(self) -> None:
        self.parent: list[int] = []
        self.refs: list[list[tuple[list[str], Ref]]] = []
        self.names: list[set[str]] = []
        self.years: list[set[int]] = []
        self.by_id: dict[str, int] = {}
        self.by_title: dict[str, list[int]] = {}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> int:
        a, b = self.find(a), self.find(b)
        if a == b:
            return a
        a, b = min(a, b), max(a, b)
        self.parent[b] = a
        self.refs[a].extend(self.refs[b])
        self.names[a] |= self.names[b]
        self.years[a] |= self.years[b]
        self.refs[b], self.names[b], self.years[b] = [], set(), set()
        return a

    def _compatible(self, group: int, ref: Ref) -> bool:
        g = self.find(group)
        names, years = self.names[g], self.years[g]
        name = _first_surname(ref)
        if name and names and name not in names:
            return False
        window = YEAR_WINDOW if name and name in names else 1  # a preprint, then published
        return not (ref.year and years and all(abs(ref.year - y) > window for y in years))

    def add(self, citers: list[str], ref: Ref, title: str | None = None) -> None:
        """A reference and the seminar papers citing it (``title``: its normalised title,
        when the caller has it)."""
        idx = len(self.parent)
        self.parent.append(idx)
        self.refs.append([(citers, ref)])
        self.names.append({_first_surname(ref)} - {""})
        self.years.append({ref.year} if ref.year else set())
        ids = _strong_ids(ref)
        title = normalize_title(ref.title) if title is None else title
        if not any(map(self.by_id.__contains__, ids)) and title not in self.by_title:
            # a work met for the first time (most): a group of its own, nothing to join
            self.by_id.update(dict.fromkeys(ids, idx))
            if title:
                self.by_title[title] = [idx]
            return
        for ident in ids:
            if ident in self.by_id:
                idx = self.union(idx, self.by_id[ident])
            self.by_id[ident] = self.find(idx)
        if title:
            for other in self.by_title.get(title, []):
                if self.find(other) != self.find(idx) and self._compatible(other, ref):
                    idx = self.union(idx, other)
            # one entry per group, in order of first appearance (the order unions happen in)
            roots: dict[int, int] = {}
            for other in (*self.by_title.get(title, ()), idx):
                roots.setdefault(self.find(other), other)
            self.by_title[title] = list(roots.values())

    def groups(self) -> list[list[tuple[list[str], Ref]]]:
        # a root is its own parent (no find() call per reference)
        return [refs for i, (p, refs) in enumerate(zip(self.parent, self.refs, strict=True))
                if p == i]


def _best_ref(refs: list[Ref]) -> Ref:
    """The most informative of several references to the same paper."""
    return min(
        refs,
        key=lambda r: (r.s2_id is None, r.arxiv is None, -len(r.authors), r.year is None,
                       -len(r.title), r.title),
    )


def _external_citations(syllabus: Syllabus, resolution: Resolution,
                        ) -> list[tuple[list[str], Ref, str]]:
    """Each external Ref object with the seminar papers citing it and its normalised
    title, in order of first citation; a Ref with neither an id nor a title once per
    citation (a work of its own).

    Each distinct Ref is numbered once (:meth:`Resolution.ref_numbers`): it is looked at
    once, when first met; every citation of it after that only adds its citer, in C
    (``map(list.append, ...)`` over the record's reference numbers).
    """
    arxivs, titles = _seminar_identities(syllabus, resolution)
    numbered = resolution.ref_numbers()
    entry_of: list = [None] * len(numbered.refs)  # Ref number -> [ref, title, citers...]
    entries: list[list] = []  # in order of first citation
    ignored: list = []  # a seminar paper's Ref's entry: emptied after each record
    for paper in syllabus.papers:
        rec = resolution.get(paper.key)
        if rec is None or not rec.has_data:
            continue
        key, nums = paper.key, numbered.of(rec)[0]  # type: ignore[index]
        hits = list(map(entry_of.__getitem__, nums))  # one pass; None: not met yet
        for at in compress(count(), map(is_, hits, repeat(None))):
            n = nums[at]
            hit = entry_of[n]
            if hit is None:  # (else: twice in this list)
                hit = _entry(numbered.refs[n], arxivs, titles, ignored)
                if hit is None:
                    break  # a work of its own per citation: this list the long way
                entry_of[n] = hit
                entries.append(hit)
            hits[at] = hit
        else:
            deque(map(list.append, hits, repeat(key)), 0)
            ignored.clear()
            continue
        _cite_one_by_one(entry_of, entries, (numbered.refs, nums), key,
                         lambda ref: _entry(ref, arxivs, titles, ignored))
        ignored.clear()
    return [(hit[2:], hit[0], hit[1]) for hit in entries if hit is not ignored]


def _entry(ref: Ref, arxivs: set[str], titles: set[str], ignored: list) -> list | None:
    """A Ref's entry when first met: ``ignored`` for a syllabus paper, None for one with
    neither an id nor a title, else ``[ref, its normalised title]``."""
    title = normalize_title(ref.title)
    if ref.seminar_key or arxiv_of(ref.arxiv, ref.doi, ref.dblp) in arxivs or title in titles:
        return ignored
    if not (title or _strong_ids(ref)):
        return None
    return [ref, title]


def _cite_one_by_one(entry_of: list, entries: list[list],
                     numbered: tuple[list[Ref], list[int]], key: str,
                     entry: Callable[[Ref], list | None]) -> None:
    """:func:`_external_citations` for a list holding a Ref with neither an id nor a
    title: each citation of such a Ref is an entry of its own, in its place."""
    refs, nums = numbered
    for n in nums:
        hit = entry_of[n]
        if hit is None:
            hit = entry(refs[n])
            if hit is None:
                entries.append([refs[n], "", key])  # never met again: an entry of its own
                continue
            entry_of[n] = hit
            entries.append(hit)
        hit.append(key)  # (the ignored list is emptied after each record)


def _group_references(syllabus: Syllabus, resolution: Resolution) -> _Groups:
    """The external references of the seminar's papers, grouped by the paper they are."""
    groups = _Groups()
    for citers, ref, title in _external_citations(syllabus, resolution):
        groups.add(citers, ref, title)
    return groups


def _one_ref_gap(citers: list[str], ref: Ref) -> Gap:
    """:func:`find_gaps`' Gap of a group of one Ref object, without the comparisons that
    choose among several (the same values: its best Ref is itself)."""
    cited_by = tuple(dict.fromkeys(citers))
    return Gap(title=ref.title, year=ref.year or None, cited_by=cited_by, count=len(cited_by),
               s2_id=ref.s2_id or None, arxiv=arxiv_of(ref.arxiv, ref.doi, ref.dblp) or None,
               doi=ref.doi or None, authors=ref.authors, citation_count=ref.citation_count)


def find_gaps(
    syllabus: Syllabus, resolution: Resolution, *, min_cited_by: int = GAP_MIN_CITED_BY
) -> tuple[Gap, ...]:
    """External papers cited by at least ``min_cited_by`` seminar papers.

    Not on the list means: no seminar key, and neither the arXiv id nor the normalised
    title of any version of a syllabus paper. Ranked by the number of seminar papers citing
    it (descending), then its citation count (descending, unknown last), year, title.
    """
    groups = _group_references(syllabus, resolution)
    gaps = []
    positions = paper_positions(syllabus)  # once, not once per group
    for members in groups.groups():
        if len(members) == 1:  # one Ref object (most): its citers came in syllabus order
            gap = _one_ref_gap(*members[0])
            if gap.count >= min_cited_by:
                gaps.append(gap)
            continue
        citing = {k for citers, _ in members for k in citers}
        if len(citing) < min_cited_by:  # most references: not ordered, not looked at
            continue
        # every citer is a syllabus paper: its position alone orders them
        cited_by = tuple(sorted(citing, key=positions.__getitem__))
        refs = [r for _, r in members]  # each Ref object once
        best = _best_ref(refs)
        counts = [r.citation_count for r in refs if r.citation_count is not None]
        gaps.append(Gap(
            title=best.title, year=best.year or next((r.year for r in refs if r.year), None),
            cited_by=cited_by, count=len(cited_by),
            s2_id=next((r.s2_id for r in refs if r.s2_id), None),
            arxiv=next((a for r in refs if (a := arxiv_of(r.arxiv, r.doi, r.dblp))), None),
            doi=next((r.doi for r in refs if r.doi and not arxiv_of(doi=r.doi)),
                     next((r.doi for r in refs if r.doi), None)),
            authors=best.authors, citation_count=max(counts) if counts else None,
        ))
    gaps.sort(key=lambda g: (-g.count, -(g.citation_count if g.citation_count is not None
                                         else -1), g.year or 9999, normalize_title(g.title)))
    return tuple(gaps)
