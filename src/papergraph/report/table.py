"""The report as plain-text Rich tables no wider than the terminal (``--format table``)."""

from __future__ import annotations

import io
from typing import Any

from .model import Coverage
from .text import gap_note, grouped_discrepancies, keys_text, schedule_lines, years_text

RIGHT = {"justify": "right"}


class _Page:
    """A Rich console writing plain text into a string: sections of tables and lines."""

    def __init__(self, width: int) -> None:
        from rich.console import Console

        self.console = Console(file=io.StringIO(), width=width, color_system=None,
                               force_terminal=False, legacy_windows=False, emoji=False,
                               highlight=False, markup=False)

    def table(self, columns: list[tuple[str, dict[str, Any]]]) -> Any:
        from rich import box
        from rich.table import Table

        tb = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
        for name, opts in columns:
            tb.add_column(name, overflow="fold", **opts)
        return tb

    def line(self, text: str) -> None:
        from rich.text import Text

        self.console.print(Text(text))

    def emit(self, title: str, tb: Any, empty: str = "none") -> None:
        """A section: its heading on a line of its own, then the table or ``(empty)``."""
        self.line(f"\n{title}")
        if tb.row_count:
            self.console.print(tb)
        else:
            self.line(f"  ({empty})")

    def text(self) -> str:
        text = self.console.file.getvalue()  # type: ignore[attr-defined]
        return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def coverage_table(cov: Coverage, *, width: int = 100, gap_limit: int = 10) -> str:
    """Rich tables rendered as plain text no wider than ``width`` columns."""
    page = _Page(width)
    page.line(f"Coverage: {cov.seminar}")
    _topics_and_areas(page, cov)
    _focus_topics(page, cov)
    _gaps(page, cov, gap_limit)
    _suggestions(page, cov)
    _discrepancies(page, cov)
    page.line("\nSchedule")
    for line in schedule_lines(cov.schedule):
        page.line(line)
    return page.text()


def _topics_and_areas(page: _Page, cov: Coverage) -> None:
    tb = page.table([("Topic", {"ratio": 3}), ("Listed", RIGHT), ("Talks", RIGHT),
                     ("Without talk", {"ratio": 2, "min_width": 23}), ("Unres.", RIGHT),
                     ("In", RIGHT), ("Out", RIGHT), ("Years", {})])
    for t in cov.topics:
        tb.add_row(t.title, str(len(t.listed)), str(len(t.scheduled)), keys_text(t.unscheduled),
                   str(len(t.unresolved)), str(t.citations_in), str(t.citations_out),
                   years_text(t.years))
    page.emit("Topics", tb)
    page.line("In/Out: citations from/to papers of OTHER topics (lower bounds where "
              "reference lists are missing).")
    tb = page.table([("Area", {"ratio": 3}), ("Topics", RIGHT), ("Listed", RIGHT),
                     ("Talks", RIGHT), ("Unres.", RIGHT), ("In", RIGHT), ("Out", RIGHT),
                     ("Years", {})])
    for a in cov.areas:
        tb.add_row(a.title, str(len(a.topics)), str(len(a.listed)), str(len(a.scheduled)),
                   str(len(a.unresolved)), str(a.citations_in), str(a.citations_out),
                   years_text(a.years))
    page.emit("Areas", tb)


def _focus_topics(page: _Page, cov: Coverage) -> None:
    tb = page.table([("Focus topic", {"ratio": 2}), ("Papers", {"ratio": 3}), ("Talks", RIGHT)])
    for f in cov.focus_topics:
        tb.add_row(f.text, ", ".join(p.key for p in f.papers) or "-",
                   f"{sum(p.scheduled for p in f.papers)}/{len(f.papers)}")
    page.emit("Focus topics", tb, empty="the syllabus names no focus topics")
    if cov.focus_topics:
        page.line(cov.focus_method[0].upper() + cov.focus_method[1:] + ".")


def _gaps(page: _Page, cov: Coverage, gap_limit: int) -> None:
    tb = page.table([("Paper", {"ratio": 4}), ("Year", {}), ("N", RIGHT),
                     ("Cited by", {"ratio": 3})])
    for g in cov.gaps[:gap_limit]:
        tb.add_row(g.title, str(g.year or "-"), str(g.count), ", ".join(g.cited_by))
    page.emit(f"Gaps: not listed, cited by >= {cov.gap_min_cited_by} seminar papers", tb)
    if len(cov.gaps) > gap_limit:
        page.line(f"... and {len(cov.gaps) - gap_limit} more (--format json).")
    if note := gap_note(cov):
        page.line(note)


def _suggestions(page: _Page, cov: Coverage) -> None:
    """Newer papers citing each topic (suggestions only); nothing without citation data."""
    if not cov.suggestions:
        return
    titles = {t.slug: t.title for t in cov.topics}
    tb = page.table([("Topic", {"ratio": 2}), ("Suggested paper", {"ratio": 3}),
                     ("Why", {"ratio": 3})])
    for s in cov.suggestions:
        tb.add_row(titles.get(s.topic, s.topic), s.title, s.reason)
    page.emit("Suggestions: newer papers citing a topic (not listed; papergraph suggest)", tb)


def _discrepancies(page: _Page, cov: Coverage) -> None:
    tb = page.table([("Paper", {}), ("Field", {}), ("Kind", {}),
                     ("What to know", {"ratio": 1})])
    for keys, d in grouped_discrepancies(cov.discrepancies):
        tb.add_row("\n".join(keys), d.field, d.kind + ("" if d.severity == "error" else "*"),
                   d.message)
    page.emit("Discrepancies (page vs published record)", tb)
    page.line("* minor: same thing written differently."
              + (f" Not checked: {', '.join(cov.unchecked)}." if cov.unchecked else ""))
