"""Stage 5: the organisers' coverage report.

:func:`coverage_report` turns a syllabus and its resolution into a :class:`Coverage`
(plain dataclasses); :func:`format_coverage` prints it as a table (fits 100 columns),
GitHub Markdown, CSV or JSON. Everything here is deterministic: same input, same bytes.

What the report answers, per area and per topic:

* **listed / scheduled / unscheduled / unresolved** - the papers the page lists, those with a
  talk, those without one, and those whose published record was not found (or is ambiguous);
* **citations_in / citations_out** - citation links between *seminar papers of different
  topics*: ``citations_in`` counts (citing, cited) pairs where a paper of ANOTHER topic cites a
  paper of this topic; ``citations_out`` counts pairs where a paper of this topic cites a paper
  of another topic. Citations inside the topic are ``citations_internal``. Both are lower
  bounds when reference lists are incomplete (``references_missing``);
* **years** - ``[min, max]`` publication year of the topic's papers (published record, else
  the page's year);
* **gaps** - external papers (not on the list) cited by at least two seminar papers;
* **discrepancies** - where the page's citation differs from the published record;
* **focus topics** - which papers cover each focus topic of the seminar page;
* **schedule** - overlapping talks, listed papers without a talk, talks per day, breaks.

Modules: :mod:`.model` (the dataclasses), :mod:`.gaps`, :mod:`.discrepancies`,
:mod:`.focus` and :mod:`.schedule` (the analyses), :mod:`.coverage` (assembles them) and
:mod:`.formats` (:mod:`.table`, :mod:`.markdown`, CSV, JSON).
"""

from .coverage import coverage_report, write_coverage
from .discrepancies import find_discrepancies
from .focus import FOCUS_METHOD, FOCUS_THRESHOLD, suggest_focus_map
from .formats import FORMATS, coverage_csv, coverage_json, format_coverage
from .gaps import find_gaps
from .markdown import coverage_markdown
from .model import (
    DEFINITIONS,
    GAP_MIN_CITED_BY,
    AreaCoverage,
    Break,
    Coverage,
    DaySchedule,
    Discrepancy,
    FocusCoverage,
    FocusPaper,
    Gap,
    Overlap,
    ScheduleReport,
    TopicCoverage,
)
from .schedule import check_schedule
from .table import coverage_table

__all__ = [
    "AreaCoverage",
    "Break",
    "Coverage",
    "DEFINITIONS",
    "DaySchedule",
    "Discrepancy",
    "FOCUS_METHOD",
    "FOCUS_THRESHOLD",
    "FORMATS",
    "FocusCoverage",
    "FocusPaper",
    "GAP_MIN_CITED_BY",
    "Gap",
    "Overlap",
    "ScheduleReport",
    "TopicCoverage",
    "check_schedule",
    "coverage_csv",
    "coverage_json",
    "coverage_markdown",
    "coverage_report",
    "coverage_table",
    "find_discrepancies",
    "find_gaps",
    "format_coverage",
    "suggest_focus_map",
    "write_coverage",
]
