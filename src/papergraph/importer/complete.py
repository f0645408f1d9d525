"""``import --resolve``: complete the draft from Semantic Scholar through the resolver.

The draft goes through :func:`papergraph.resolve.resolve_papers` (ids in one batch call,
titles through ``/paper/search/match``, everything through the cache), so a later
``papergraph build`` finds what this run fetched. For each paper matched with enough
confidence, what the page did not give (authors, or a complete author list for "et al.";
venue; year; arXiv id, DOI, S2 id) is filled from the record and named in
:attr:`ImportResult.provenance`; what the page gave is kept. A paper that is not matched
keeps its page data and gets a ``# check:`` comment saying so.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..config import Settings
from ..models import Paper, Record
from .draft import ImportResult
from .papers import paper_key


def _filled(paper: Paper, rec: Record) -> tuple[Paper, list[str]]:
    changes: dict[str, Any] = {}
    if rec.authors and (not paper.authors or paper.et_al):
        changes.update(authors=rec.authors, et_al=False)
    if rec.venue and not paper.venue:
        changes["venue"] = rec.venue
    if rec.year and paper.year is None:
        changes["year"] = rec.year
    for name in ("arxiv", "doi", "s2_id"):
        if getattr(rec, name) and not getattr(paper, name):
            changes[name] = getattr(rec, name)
    return replace(paper, **changes), sorted(changes.keys() - {"et_al"})


def complete(result: ImportResult, *, settings: Settings | None = None,
             session: Any = None) -> ImportResult:
    """``result`` with its papers completed from their resolved records."""
    from ..resolve import resolve_papers

    s = result.syllabus
    if not s.papers:
        return result
    resolution = resolve_papers(s, settings=settings, session=session)
    papers, provenance = [], dict(result.provenance)
    checks = {k: list(v) for k, v in result.checks.items()}
    for paper in s.papers:
        rec = resolution.record(paper.key)
        if rec.status not in ("matched", "snapshot"):
            checks.setdefault(paper.key, []).append(
                f"not found on Semantic Scholar ({rec.status}): the page's citation only")
            papers.append(paper)
            continue
        new, fields = _filled(paper, rec)
        if fields:
            provenance[paper.key] = tuple(fields)
            checks[paper.key] = [c for c in checks.get(paper.key, ())
                                 if c.split(":")[0] not in fields]
        papers.append(new)
    warnings = result.warnings + tuple(f"warning: {w}" for w in resolution.warnings)
    done = replace(result, syllabus=replace(s, papers=tuple(papers)), warnings=warnings,
                   checks={k: tuple(v) for k, v in checks.items() if v},
                   provenance=provenance)
    return _rekeyed(done)


def _rekeyed(result: ImportResult) -> ImportResult:
    """Keys made again from the completed authors/years (``2020gradient`` becomes
    ``stone2020gradient``), everywhere the draft refers to them."""
    s = result.syllabus
    taken: set[str] = set()
    counters: dict[str, int] = {}
    new: dict[str, str] = {}
    for p in s.papers:
        new[p.key] = paper_key(p.authors, p.year, p.title, taken, counters)
    papers = tuple(replace(p, key=new[p.key]) for p in s.papers)
    topics = tuple(replace(t, papers=tuple(new[k] for k in t.papers)) for t in s.topics)
    talks = tuple(replace(t, paper=new[t.paper]) for t in s.talks)
    return replace(result, syllabus=replace(s, papers=papers, topics=topics, talks=talks),
                   checks={new[k]: v for k, v in result.checks.items()},
                   provenance={new[k]: v for k, v in result.provenance.items()})
