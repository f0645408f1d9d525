"""Drafting a syllabus from a page's blocks.

The reader (:mod:`.reader`) walks the blocks once, in page order:

* headings open **sections** (recognised by name: the reading list, the schedule, a time
  plan, focus topics, news, prerequisites…, :mod:`.sections`) and, inside the reading
  list, areas/topics (:mod:`.topics`); a heading naming a year sets the year for dates
  below it;
* a line or heading that is only a date starts that day's sessions;
* ``HH:MM-HH:MM: …`` lines under a date are time slots (:mod:`.talks`);
* everything else goes through :mod:`.candidates`; a paper found in the reading list
  goes into the current topic, one found in the schedule is a session;
* a sub-item of a paper ("when: [05/oct]", "Chapters I-VI (10 January 2021)") adds to
  that paper; a list item with sub-items that is not a paper is their topic.

A page with a schedule and no separate reading list drafts its scheduled papers as the
reading list, with the schedule's headings ("Fall 2021") as topics. Every block that did
not become part of the draft is reported as not placed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Seminar, Syllabus
from .blocks import CANCEL, Block, CheckedBlocks, Page
from .reader import Reader


@dataclass
class ImportResult:
    """A drafted syllabus and what the importer could not place.

    ``unplaced``: ``(line, text)`` of every non-empty block of the page that is not part
    of the draft; ``warnings``: ``SOURCE:LINE: warning: …``; ``checks``: per paper key,
    what the user should check in the drafted entry (``# check:`` comments in the TOML);
    ``provenance``: per paper key, which fields came from a resolved record;
    ``unread``: the unplaced blocks the finder judged nearly papers (``(line, text)``).
    """

    syllabus: Syllabus
    unplaced: tuple[tuple[int, str], ...] = ()
    warnings: tuple[str, ...] = ()
    checks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    provenance: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unread: tuple[tuple[int, str], ...] = ()  # not placed, but they look like papers


def import_summary(result: ImportResult) -> str:
    """The first line ``import`` prints: how many papers were drafted, and how many more
    items look like papers but could not be read (so that a page whose papers were mostly
    lost does not read as complete)."""
    n = len(result.syllabus.papers)
    line = f"drafted {n} paper{'' if n == 1 else 's'}"
    if m := len(result.unread):
        line += (f"; {m} more item{' looks' if m == 1 else 's look'} like "
                 f"{'a paper' if m == 1 else 'papers'} but could not be read (listed below)")
    return line


def _title_block(page: Page, leveled: bool) -> Block | None:
    """The block that names the seminar: the page's first block if it is a top heading
    (or a short line); its only ``<h1>``/``#`` heading; None if metadata names it."""
    first = page.blocks[0] if page.blocks else None
    if leveled:
        tops = [b for b in page.blocks if b.kind == "heading" and b.level == 1]
        if first is not None and first in tops:
            return first
        if len(tops) == 1 and all(b.kind != "heading" or b is tops[0]
                                  for b in page.blocks[: page.blocks.index(tops[0])]):
            return tops[0]
        if page.title or page.fallback_title:
            return None
        if first is not None and first.kind == "text" and len(first.text.split()) <= 12:
            return first
        return tops[0] if len(tops) == 1 else None
    return first if first is not None and first.kind in ("text", "heading") else None


def draft(page: Page, *, source: str, leveled: bool, url: str = "") -> ImportResult:
    """The syllabus ``page`` describes, and everything about it the user should see."""
    title_block = _title_block(page, leveled)
    reader = Reader(page, leveled, title_block)
    if (cancel := CANCEL.get()) is not None:  # papergraph.importer.within's deadline
        reader.blocks = CheckedBlocks(reader.blocks, cancel)
    reader.run()
    papers = reader.papers
    talks = reader.sessions.talks(papers.book)
    warnings = list(reader.sessions.warnings)
    unplaced = papers.placed.unplaced + reader.tree.unplaced + reader.sessions.unplaced
    if papers.reading_papers:
        areas, topics = reader.tree.result()
        unplaced += reader.sched_tree.unplaced
        listed = {k for t in topics for k in t.papers}
        for key in papers.book.papers:
            if key not in listed and not any(f"added {key} " in w for _, w in warnings):
                warnings.append((papers.book.lines[key], f"paper {key} is scheduled but not "
                                                         "in the reading list: in no topic"))
    else:
        areas, topics = reader.sched_tree.result()
        unplaced += reader.sched_tree.unplaced
    title = page.title or (title_block.text if title_block else "") or page.fallback_title
    if not title:
        warnings.append((1, "no seminar title found"))
    if not papers.book.papers:
        warnings.append((1, "no papers found: is this the seminar's reading list?"))
    seminar = Seminar(title=title or "Untitled seminar", url=url,
                      milestones=tuple(reader.milestones), focus_topics=tuple(reader.focus))
    syllabus = Syllabus(seminar=seminar, areas=areas, topics=topics,
                        papers=tuple(papers.book.papers.values()), talks=tuple(talks),
                        source=source)
    checks = {k: tuple(v) for k, v in papers.book.checks.items() if v}
    placed_lines = set(papers.book.lines.values())
    near = set(reader.finder_run.near) - placed_lines
    unread = tuple(sorted(u for u in set(unplaced) if u[0] in near))
    return ImportResult(
        syllabus, tuple(sorted(unplaced)),
        tuple(f"{source}:{line}: warning: {message}"
              for line, message in sorted(warnings, key=lambda w: w[0])),
        checks, unread=unread)
