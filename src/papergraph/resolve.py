"""Stage 2: resolve every syllabus paper to its published record.

Layers, top to bottom: the network (Semantic Scholar, dblp) -> the local cache ->
the shipped snapshot. This module currently serves the snapshot layer; network
resolution plugs in here (see issue 3).
"""

from __future__ import annotations

from collections.abc import Callable

from .models import Paper, Provenance, Record, Resolution, Syllabus
from .snapshot import snapshot_for

Progress = Callable[[int, int, str], None]  # (done, total, label)


def page_record(paper: Paper) -> Record:
    """A stand-in record built from the page's own citation, for a paper without data.

    Marked ``status="unresolved"`` with every field sourced from ``"page"``, so later
    stages can show it and say that it is the page's citation, not the published one.
    """
    prov = Provenance("page", "", "the syllabus's citation, not resolved")
    fields = [f for f in ("title", "authors", "venue", "year", "arxiv") if getattr(paper, f)]
    return Record(
        key=paper.key, status="unresolved", confidence=None, title=paper.title,
        authors=paper.authors, year=paper.year, venue=paper.venue, arxiv=paper.arxiv,
        doi=paper.doi, dblp=paper.dblp, s2_id=paper.s2_id,
        sources=tuple(sorted((f, prov) for f in fields)),
        notes=("unresolved: this is the page's own citation",),
    )


def resolve_papers(
    syllabus: Syllabus,
    *,
    offline: bool = False,
    refresh: bool = False,
    progress: Progress | None = None,
) -> Resolution:
    """Resolve every paper of ``syllabus``; records come back in syllabus order."""
    snap = snapshot_for(syllabus)
    records = []
    warnings = []
    total = len(syllabus.papers)
    for i, paper in enumerate(syllabus.papers, start=1):
        rec = snap.get(paper.key)
        if rec is None:
            rec = page_record(paper)
            warnings.append(f"{paper.key}: no data (offline and not in the snapshot)")
        records.append(rec)
        if progress:
            progress(i, total, paper.key)
    return Resolution(records=tuple(records), warnings=tuple(warnings))
