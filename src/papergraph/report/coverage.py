"""The report assembled: per area and topic, plus gaps, discrepancies, focus, schedule."""

from __future__ import annotations

from itertools import repeat
from operator import attrgetter
from pathlib import Path
from typing import Any

from ..files import write_output
from ..models import Resolution, Syllabus, Topic
from ..perf import without_gc_pauses
from .discrepancies import find_discrepancies
from .focus import focus_coverage
from .gaps import find_gaps
from .helpers import is_unresolved, paper_year, references_complete, year_span
from .markdown import coverage_markdown
from .model import (
    GAP_MIN_CITED_BY,
    AreaCoverage,
    Coverage,
    Gap,
    ReferenceList,
    Suggested,
    TopicCoverage,
)
from .schedule import check_schedule

Edges = set[tuple[str, str]]
_SOURCES = attrgetter("sources")


class _Index:
    """What every topic and area looks up, built once: per paper its citation edges and
    the gaps it cites, the papers with a talk, those without a reference list. (Scanning
    every edge and gap per topic made a 2,000-paper report take half a minute.)"""

    def __init__(self, syllabus: Syllabus, edges: Edges, gaps: tuple[Gap, ...],
                 refs_missing: tuple[str, ...]) -> None:
        self.talked = {talk.paper for talk in syllabus.talks}
        self.refs_missing = set(refs_missing)
        self.edges_of: dict[str, list[tuple[str, str]]] = {}
        for a, b in edges:
            self.edges_of.setdefault(a, []).append((a, b))
            self.edges_of.setdefault(b, []).append((a, b))
        self.gaps_of: dict[str, list[int]] = {}
        for i, g in enumerate(gaps):
            for k in dict.fromkeys(g.cited_by):
                self.gaps_of.setdefault(k, []).append(i)
        self.topic_order = {t.slug: i for i, t in enumerate(syllabus.topics)}

    def edges(self, keys: set[str]) -> Edges:
        """The citation edges with at least one end in ``keys``."""
        return {e for k in keys for e in self.edges_of.get(k, ())}


@without_gc_pauses  # many small objects, no cycles: the collector made it grow faster
def coverage_report(
    syllabus: Syllabus, resolution: Resolution, *, min_cited_by: int = GAP_MIN_CITED_BY,
    changes: tuple[Any, ...] = (),
) -> Coverage:
    """The organisers' coverage report for a resolved syllabus (see the package docstring);
    ``changes`` (:func:`papergraph.changes.changes`) since the last run, if any."""
    edges = {(a, b) for a, b, _ in resolution.citation_edges() if a != b}
    gaps = find_gaps(syllabus, resolution, min_cited_by=min_cited_by)
    refs_missing = tuple(p.key for p in syllabus.papers
                         if not references_complete(resolution, p.key))
    index = _Index(syllabus, edges, gaps, refs_missing)
    topics = tuple(_topic_coverage(syllabus, resolution, t, index, gaps)
                   for t in syllabus.topics)
    discrepancies, unchecked = find_discrepancies(syllabus, resolution)
    focus, method = focus_coverage(syllabus, resolution)
    return Coverage(
        seminar=syllabus.seminar.title,
        areas=_area_coverage(syllabus, resolution, topics, index),
        topics=topics,
        focus_topics=focus,
        focus_method=method,
        gaps=gaps,
        gap_min_cited_by=min_cited_by,
        references_missing=refs_missing,
        discrepancies=discrepancies,
        unchecked=unchecked,
        schedule=check_schedule(syllabus),
        papers=tuple(p.key for p in syllabus.papers),
        suggestions=_suggestions(syllabus, resolution),
        reference_lists=tuple(_reference_list(resolution, p.key) for p in syllabus.papers),
        changes=changes,
    )


def _suggestions(syllabus: Syllabus, resolution: Resolution) -> tuple[Suggested, ...]:
    """The top 3 forward suggestions per topic (none without citation data)."""
    from ..planning.suggest import forward_suggestions

    return tuple(Suggested(slug, s.title, s.year, s.reason)
                 for slug, s in forward_suggestions(syllabus, resolution, limit=3))


def _reference_list(resolution: Resolution, key: str) -> ReferenceList:
    rec = resolution.get(key)
    if rec is None or not rec.has_data:
        return ReferenceList(key, 0, False, ())
    prov = rec.source_of("references")
    sources = tuple(sorted(set().union(*map(_SOURCES, rec.references))))  # (in C)
    if not sources and prov is not None:
        sources = tuple(prov.source.split("+"))
    return ReferenceList(key, len(rec.references), rec.references_complete, sources)


def _topic_coverage(syllabus: Syllabus, resolution: Resolution, t: Topic, index: _Index,
                    gaps: tuple[Gap, ...]) -> TopicCoverage:
    talked, refs_missing = index.talked, index.refs_missing
    listed = tuple(dict.fromkeys(t.papers))
    mine = set(listed)
    edges = index.edges(mine)
    cin = {(a, b) for a, b in edges if b in mine and a not in mine}
    cout = {(a, b) for a, b in edges if a in mine and b not in mine}
    internal = {(a, b) for a, b in edges if a in mine and b in mine}
    linked = {k for pair in cin | cout for k in pair} - mine
    near = {s for k in linked for s in syllabus.topics_of(k)} - {t.slug}
    connected = sorted(near, key=index.topic_order.__getitem__)
    return TopicCoverage(
        slug=t.slug, title=t.title, area=t.area, question=t.question,
        listed=listed,
        scheduled=tuple(k for k in listed if k in talked),
        unscheduled=tuple(k for k in listed if k not in talked),
        unresolved=tuple(k for k in listed if is_unresolved(resolution, k)),
        ambiguous=tuple(k for k in listed if (r := resolution.get(k)) is not None
                        and r.status == "ambiguous"),
        citations_in=len(cin), citations_out=len(cout), citations_internal=len(internal),
        connected_topics=tuple(connected),
        references_missing=tuple(k for k in listed if k in refs_missing),
        years=year_span([paper_year(syllabus, resolution, k) for k in listed]),
        gaps=tuple(map(gaps.__getitem__, sorted(set().union(
            *map(index.gaps_of.get, listed, repeat(())))))),
    )


def _area_coverage(syllabus: Syllabus, resolution: Resolution,
                   topics: tuple[TopicCoverage, ...], index: _Index) -> tuple[AreaCoverage, ...]:
    talked = index.talked
    areas = []
    by_area: dict[str, list[TopicCoverage]] = {}
    for tc in topics:
        by_area.setdefault(tc.area, []).append(tc)
    for a in syllabus.areas:
        mine_t = by_area.get(a.slug, [])
        listed = tuple(dict.fromkeys(k for tc in mine_t for k in tc.listed))
        mine = set(listed)
        edges = index.edges(mine)
        areas.append(AreaCoverage(
            slug=a.slug, title=a.title, topics=tuple(tc.slug for tc in mine_t), listed=listed,
            scheduled=tuple(k for k in listed if k in talked),
            unscheduled=tuple(k for k in listed if k not in talked),
            unresolved=tuple(k for k in listed if is_unresolved(resolution, k)),
            citations_in=len({(x, y) for x, y in edges if y in mine and x not in mine}),
            citations_out=len({(x, y) for x, y in edges if x in mine and y not in mine}),
            years=year_span([paper_year(syllabus, resolution, k) for k in listed]),
        ))
    return tuple(areas)


def write_coverage(syllabus: Syllabus, resolution: Resolution, out: str | Path,
                   changes: tuple[Any, ...] = ()) -> Path:
    """Write ``OUT/graphs/coverage.md`` (for ``papergraph build``); returns its path."""
    return write_output(Path(out) / "graphs" / "coverage.md",
                        coverage_markdown(coverage_report(syllabus, resolution,
                                                          changes=changes)))
