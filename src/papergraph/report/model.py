"""The coverage report's data: plain, frozen dataclasses (no formatting here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

GAP_MIN_CITED_BY = 2

DEFINITIONS: tuple[tuple[str, str], ...] = (
    ("listed", "paper keys the page lists under the topic, in page order"),
    ("scheduled", "listed papers with at least one talk"),
    ("unscheduled", "listed papers without a talk"),
    ("unresolved", "listed papers whose published record was not found or is ambiguous "
                   "(the report then uses the page's own citation)"),
    ("citations_in", "citation pairs (citing, cited) between seminar papers where a paper of "
                     "ANOTHER topic cites a paper of this topic"),
    ("citations_out", "citation pairs where a paper of this topic cites a paper of ANOTHER "
                      "topic"),
    ("citations_internal", "citation pairs between two papers of this topic"),
    ("references_missing", "papers whose full reference list is not known: citation counts "
                           "and gaps are lower bounds for them"),
    ("years", "[earliest, latest] publication year (published record, else the page)"),
    ("gaps", "papers NOT on the list cited by at least two seminar papers, ranked by how many "
             "seminar papers cite them, then by their citation count; 'count' is the number "
             "of seminar papers citing it ('cited_by'), 'citation_count' its total citations "
             "where known. A topic's gaps are those cited by at least one of its papers"),
)




@dataclass(frozen=True, slots=True)
class Gap:
    """An external paper that several seminar papers cite."""

    title: str
    year: int | None
    cited_by: tuple[str, ...]  # seminar paper keys, syllabus order
    count: int  # len(cited_by): how many seminar papers cite it
    s2_id: str | None = None
    arxiv: str | None = None
    doi: str | None = None
    authors: tuple[str, ...] = ()
    citation_count: int | None = None  # total citations, where known


@dataclass(frozen=True)
class Suggested:
    """A paper to consider adding to a topic: newer work citing the topic's papers
    (``papergraph suggest``'s forward list). A suggestion only: it is not on the list."""

    topic: str  # topic slug
    title: str
    year: int | None
    reason: str  # "cites 3 of 4 papers in this topic; 2023; 140 citations"


@dataclass(frozen=True)
class Discrepancy:
    """One difference between the page's citation of a paper and its published record.

    ``kind`` classifies it: ``different`` (the page should be corrected), ``not_author``,
    ``missing_author``, ``order`` (real differences) vs. ``case``, ``spelling``,
    ``name_form`` and ``et_al`` (same thing written differently). ``severity`` is
    ``"error"`` for the former, ``"minor"`` for the latter.
    """

    key: str
    field: str  # "authors" | "title" | "venue" | "year"
    kind: str
    severity: str
    page: str
    record: str
    message: str
    context: tuple[str, ...] = ()  # other versions / record notes that explain it


@dataclass(frozen=True)
class TopicCoverage:
    slug: str
    title: str
    area: str
    question: str
    listed: tuple[str, ...]
    scheduled: tuple[str, ...]
    unscheduled: tuple[str, ...]
    unresolved: tuple[str, ...]
    ambiguous: tuple[str, ...]
    citations_in: int
    citations_out: int
    citations_internal: int
    connected_topics: tuple[str, ...]
    references_missing: tuple[str, ...]
    years: tuple[int | None, int | None]
    gaps: tuple[Gap, ...] = ()


@dataclass(frozen=True)
class AreaCoverage:
    slug: str
    title: str
    topics: tuple[str, ...]
    listed: tuple[str, ...]
    scheduled: tuple[str, ...]
    unscheduled: tuple[str, ...]
    unresolved: tuple[str, ...]
    citations_in: int  # from papers of other areas
    citations_out: int  # to papers of other areas
    years: tuple[int | None, int | None]


@dataclass(frozen=True)
class FocusPaper:
    key: str
    score: float | None  # similarity for a suggested mapping; None when the syllabus maps it
    scheduled: bool
    topics: tuple[str, ...]


@dataclass(frozen=True)
class FocusCoverage:
    text: str
    source: str  # "syllabus" | "suggested"
    papers: tuple[FocusPaper, ...]


@dataclass(frozen=True)
class DaySchedule:
    date: str
    talks: int
    first: str
    last: str
    minutes: int  # sum of talk lengths


@dataclass(frozen=True)
class Break:
    date: str
    after: str
    before: str
    start: str
    end: str
    minutes: int


@dataclass(frozen=True)
class Overlap:
    date: str
    first: str
    second: str
    detail: str


@dataclass(frozen=True)
class ScheduleReport:
    talks: int
    days: tuple[DaySchedule, ...]
    overlaps: tuple[Overlap, ...]
    unscheduled: tuple[str, ...]  # listed papers without a talk, syllabus order
    repeated: tuple[str, ...]  # papers with more than one talk
    breaks: tuple[Break, ...]  # gaps between consecutive talks of the same day
    durations: tuple[tuple[int, int], ...]  # (minutes, number of talks)


@dataclass(frozen=True, slots=True)
class ReferenceList:
    """How complete one paper's reference list is, and which sources it is known from."""

    key: str
    known: int  # references listed
    complete: bool
    sources: tuple[str, ...]  # "s2", "openalex", "snapshot"; () when unknown


@dataclass(frozen=True)
class Coverage:
    seminar: str
    areas: tuple[AreaCoverage, ...]
    topics: tuple[TopicCoverage, ...]
    focus_topics: tuple[FocusCoverage, ...]
    focus_method: str
    gaps: tuple[Gap, ...]
    gap_min_cited_by: int
    references_missing: tuple[str, ...]  # papers whose reference list is incomplete/unknown
    discrepancies: tuple[Discrepancy, ...]
    unchecked: tuple[str, ...]  # papers without a record to compare the page with
    schedule: ScheduleReport
    papers: tuple[str, ...] = ()  # every syllabus key, syllabus order
    suggestions: tuple[Suggested, ...] = ()  # top forward suggestions per topic
    definitions: tuple[tuple[str, str], ...] = field(default=DEFINITIONS)
    reference_lists: tuple[ReferenceList, ...] = ()  # per paper, syllabus order
    changes: tuple[Any, ...] = ()  # papergraph.changes.Change since the last run
