"""The report assembled: per area and topic, plus gaps, discrepancies, focus, schedule."""

from __future__ import annotations

from pathlib import Path

from ..files import write_output
from ..models import Resolution, Syllabus, Topic
from .discrepancies import find_discrepancies
from .focus import focus_coverage
from .gaps import find_gaps
from .helpers import is_unresolved, paper_year, references_complete, year_span
from .markdown import coverage_markdown
from .model import GAP_MIN_CITED_BY, AreaCoverage, Coverage, Gap, TopicCoverage
from .schedule import check_schedule

Edges = set[tuple[str, str]]


def coverage_report(
    syllabus: Syllabus, resolution: Resolution, *, min_cited_by: int = GAP_MIN_CITED_BY
) -> Coverage:
    """The organisers' coverage report for a resolved syllabus (see the package docstring)."""
    edges = {(a, b) for a, b, _ in resolution.citation_edges() if a != b}
    gaps = find_gaps(syllabus, resolution, min_cited_by=min_cited_by)
    refs_missing = tuple(p.key for p in syllabus.papers
                         if not references_complete(resolution, p.key))
    topics = tuple(_topic_coverage(syllabus, resolution, t, edges, gaps, refs_missing)
                   for t in syllabus.topics)
    discrepancies, unchecked = find_discrepancies(syllabus, resolution)
    focus, method = focus_coverage(syllabus, resolution)
    return Coverage(
        seminar=syllabus.seminar.title,
        areas=_area_coverage(syllabus, resolution, topics, edges),
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
    )


def _topic_coverage(syllabus: Syllabus, resolution: Resolution, t: Topic, edges: Edges,
                    gaps: tuple[Gap, ...], refs_missing: tuple[str, ...]) -> TopicCoverage:
    talked = {talk.paper for talk in syllabus.talks}
    listed = tuple(dict.fromkeys(t.papers))
    mine = set(listed)
    cin = {(a, b) for a, b in edges if b in mine and a not in mine}
    cout = {(a, b) for a, b in edges if a in mine and b not in mine}
    internal = {(a, b) for a, b in edges if a in mine and b in mine}
    linked = {k for pair in cin | cout for k in pair} - mine
    connected = [o.slug for o in syllabus.topics
                 if o.slug != t.slug and linked & set(o.papers)]
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
        gaps=tuple(g for g in gaps if mine & set(g.cited_by)),
    )


def _area_coverage(syllabus: Syllabus, resolution: Resolution,
                   topics: tuple[TopicCoverage, ...], edges: Edges) -> tuple[AreaCoverage, ...]:
    talked = {talk.paper for talk in syllabus.talks}
    areas = []
    for a in syllabus.areas:
        mine_t = [tc for tc in topics if tc.area == a.slug]
        listed = tuple(dict.fromkeys(k for tc in mine_t for k in tc.listed))
        mine = set(listed)
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


def write_coverage(syllabus: Syllabus, resolution: Resolution, out: str | Path) -> Path:
    """Write ``OUT/graphs/coverage.md`` (for ``papergraph build``); returns its path."""
    return write_output(Path(out) / "graphs" / "coverage.md",
                        coverage_markdown(coverage_report(syllabus, resolution)))
