"""Where each paper a block cites goes: the reading list or the schedule, its sessions,
and the sub-items that add to it (see :mod:`.draft`)."""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from .blocks import Block
from .candidates import Candidate, from_row, from_text, leading_dates
from .dates import Context, GuessedDate, find_dates
from .ids import find_ids, is_paper_url
from .learned import ahead, finder
from .learned.cues import LABEL, roles_of
from .papers import PaperBook
from .refs import Reference
from .sections import MAX_LABEL_CHARS, NO_SESSION, dated_heading, is_date_line
from .talks import Sessions
from .topics import TopicTree

ROW_TOPIC_LEVEL = 30  # a table row's topic: below any heading of the page


def _bare(b: Block, day: date | None) -> bool:
    """May ``b`` be a bare title? A list item, an emphasised line, or a line on its own
    under a dated session heading (``### Oct 19 Friday`` / ``The Case for Learned Index
    Structures``) may."""
    return b.kind == "item" or bool(b.emphasis) and b.kind != "heading" or (
        b.kind == "text" and day is not None and "\n" not in b.text)


def _from_text(b: Block, ctx: Context, *, bare: bool, heads: bool) -> list[Candidate]:
    """:func:`.candidates.from_text`, or what the child reading ahead made of it with the
    same block, context and flags (:mod:`.learned.ahead`)."""
    got = ahead.take(("block", id(b), ctx, bare, heads))
    if got is None:
        return from_text(b, ctx, bare=bare, heads=heads)
    cands, near = got
    if (run := finder.RUN.get()) is not None:
        for line, text in near:  # what it found nearly papers, as if read here
            run.near.setdefault(line, text)
    return cands


def read_ahead(blocks: list[Block], ctx: Context, parents: set[int]) -> ahead.Work:
    """What the child reading ahead does with block ``i``: the walk's reading of it under
    ``ctx`` and no session date, and the roles of the titles it found (the draft's
    checks ask for them)."""

    def work(i: int) -> dict[Hashable, Any]:
        b = blocks[i]
        run = finder.RUN.get()
        if b.kind not in ("item", "text") or run is None:
            return {}
        bare, heads = _bare(b, None), i in parents and b.kind == "item"
        near, run.near = run.near, {}
        try:
            cands = from_text(b, ctx, bare=bare, heads=heads)
        finally:
            near, run.near = run.near, near
        if any(isinstance(d, GuessedDate) for c in cands for d in c.dates):
            return {}  # (why its year was guessed does not survive pickling)
        out: dict[Hashable, Any] = {("block", id(b), ctx, bare, heads): (cands, [*near.items()])}
        for c in cands:
            if len(c.ref.title.split()) >= 4:
                out["roles", c.ref.title] = roles_of(c.ref.title)
        return out

    return work


@dataclass
class Placed:
    """What became of the blocks: which paper each block gave (by index)."""

    keys: dict[int, list[str]] = field(default_factory=dict)
    unplaced: list[tuple[int, str]] = field(default_factory=list)


_VENUE_HEADING = re.compile(r"\b(?![A-Z][a-z]+\b)([A-Z][A-Za-z&]*[A-Z][A-Za-z]*)\b")
_HEADING_YEAR = re.compile(r"(?<![\d/.\-])((?:19|20)\d\d)(?![\d/\-])")
_HEADING_YY = re.compile(r"\b[A-Z][A-Za-z]+ ?['’](\d\d)\b")  # "NIPS'19", "ICML ’20"


class Proceedings:
    """The year of the proceedings a heading names (``24th CCS 2017``, ``ICML 2019``): the
    year of the papers listed under it that give none. A term (``Fall 2021``) names a
    venue-less year, and gives none."""

    def __init__(self) -> None:
        self.years: dict[int, int | None] = {}

    def heading(self, b: Block) -> None:
        level = b.level or 0
        self.years = {k: v for k, v in self.years.items() if k < level}
        years = _HEADING_YEAR.findall(b.text) or [
            f"{19 if int(yy) > 50 else 20}{yy}" for yy in _HEADING_YY.findall(b.text)]
        if len(years) == 1 and _VENUE_HEADING.search(b.text):
            self.years[level] = int(years[0])

    def year(self) -> int | None:
        return self.years[max(self.years)] if self.years else None


class Placer:
    """Papers found in the reading list go to ``tree``, those in a schedule (or under a
    date) to ``sched_tree``; dated ones also become sessions."""

    def __init__(self, leveled: bool, parents: set[int]) -> None:
        self.book = PaperBook()
        self.tree = TopicTree(leveled)
        self.sched_tree = TopicTree(leveled, "Schedule")
        self.sessions = Sessions()
        self.placed = Placed()
        self.parents = parents  # indexes of blocks that have sub-items
        self.row_topic = ""  # the Topic cell of the last table row that gave a paper
        self.session_days: dict[int, list[date]] = {}  # dated items that head papers
        self.session_links: dict[int, list[str]] = {}  # … and the paper links they give
        self.reading_papers = 0
        self.proceedings = Proceedings()
        self.section, self.day, self.ctx = "papers", None, Context()
        self.paper_days: dict[int, list[date]] = {}  # dated items that gave papers
        self.new_day: date | None = None  # a dated label item ("Code reviews <date>")
        self.own_day: date | None = None  # the date of a dated paper item just placed
        self.files_day = False  # the day is a named session's: its papers are the reading list
        self.up: dict[int, int | None] = {}  # each block read so far: its parent
        self.item_days: dict[int, list[date]] = {}  # a date item's day, for its later siblings
        self.row_days: list[date] = []  # the date of the table row above

    def reading(self, i: int, b: Block, section: str, day: date | None, ctx: Context) -> None:
        self.section, self.day, self.ctx, self.new_day = section, day, ctx, None
        self.own_day = None
        self.up[i] = b.parent
        if b.parent is not None and b.parent in self.placed.keys and self._attach(b):
            return
        # an item over sub-items may be a paper (its date and links below) or a topic
        # ("GNNs and Knowledge Graphs (3 lectures)"): the finder weighs which
        cands = self._candidates(b, heads=i in self.parents and b.kind == "item")
        self._row_days(b, cands)
        if b.parent in self.session_days:  # under "Feb 23, Presenter (PP), [arXiv:…]"
            self._from_session(b.parent, cands)
        elif b.parent in self.paper_days:  # a paper under a dated paper: the same session
            for c in cands:
                c.dates += [d for d in self.paper_days[b.parent] if d not in c.dates]
        elif days := self._sibling_days(b):
            for c in cands:
                c.dates = c.dates or list(days)
        if not cands:
            self._no_paper(i, b)
            return
        self.placed.keys[i] = [self._paper(b, c) for c in cands]
        days = [d for c in cands for d in c.dates]
        if days and i in self.parents:
            self.paper_days[i] = list(dict.fromkeys(days))
        self.own_day = days[0] if days and b.parent is None else None

    def _row_days(self, b: Block, cands: list[Candidate]) -> None:
        """A table row whose first cell is empty goes on with the row above (``| 15/03/2018
        | Hoa | … |`` then ``| | | … |``): its papers are read on that row's date."""
        if b.kind != "row" or not b.cells:
            self.row_days = []
            return
        first = b.cells[0].text.strip()
        if first:
            self.row_days = list(dict.fromkeys(d for c in cands for d in c.dates)) or [
                f.day for f in find_dates(first, self.ctx, loose=True)]
        elif self.row_days:
            for c in cands:
                c.dates = c.dates or list(self.row_days)

    def _no_paper(self, i: int, b: Block) -> None:
        """A block that cites no paper: a dated session over its sub-items, a dated label
        ("Code reviews <2017-09-29 Fri>") over the papers after it, a list item heading
        sub-items, or nothing the draft uses."""
        label = dated_heading(b.text, self.ctx) if b.kind in ("item", "text") else None
        if label and NO_SESSION.search(label[1]):
            label = None  # "Oct 30, No Group Meeting": not placed, as any other line
        alone = is_date_line(b.text, self.ctx) if label is None and b.kind in (
            "item", "text") and len(b.text) <= MAX_LABEL_CHARS else []
        days = leading_dates(b.text, self.ctx)[0] or alone or (label[0] if label else [])
        if i in self.parents and (days or b.parent in self.session_days):
            # a dated session whose papers are its sub-items (or a plain item inside one:
            # "Tue 10 Sep" / "Reading assignment:" / the papers)
            self.session_days[i] = days or self.session_days[b.parent]  # type: ignore[index]
            self.session_links[i] = [lk.url for lk in b.links if is_paper_url(lk.url)] or (
                self.session_links.get(b.parent, []) if not days else [])  # type: ignore[arg-type]
            self.placed.unplaced.append((b.line, b.text))
        elif alone and b.parent is not None and i not in self.parents:
            self.item_days[b.parent] = alone  # "* **Name**" / "  * **Oct 4, 2022, 11am**"
            self.placed.unplaced.append((b.line, b.text))
        elif (label or alone) and b.parent is None:
            self.new_day = (label[0] if label else alone)[0]
            if label:
                tree = self.tree if self.section == "papers" else self.sched_tree
                tree.heading(Block(b.line, "heading", label[1], level=20 + b.depth))
        elif i in self.parents and b.kind == "item":  # a list item heading sub-items
            self.tree.heading(Block(b.line, "heading", b.text, level=20 + b.depth))
        else:
            self.placed.unplaced.append((b.line, b.text))

    def _sibling_days(self, b: Block) -> list[date]:
        """The day of a date item above ``b`` among its siblings or its ancestors'
        (the talk's date, then its title, abstract and resources as sub-items)."""
        parent = b.parent
        while parent is not None:
            if parent in self.item_days:
                return self.item_days[parent]
            parent = self.up.get(parent)
        return []

    def _from_session(self, parent: int, cands: list[Candidate]) -> None:
        """Sub-items of a dated session item: its date, and its paper links in order
        (the n-th paper under it is pinned by its n-th link, unless it has its own)."""
        links = self.session_links.get(parent, [])
        for c in cands:
            c.dates += [d for d in self.session_days[parent] if d not in c.dates]
            if links and not (c.ids.arxiv or c.ids.doi):
                c.ids = c.ids.merged(find_ids([links.pop(0)], ""))

    def _candidates(self, b: Block, heads: bool = False) -> list[Candidate]:
        if b.kind == "row":
            cands = from_row(b, self.ctx)
        else:
            cands = _from_text(b, self.ctx, bare=_bare(b, self.day), heads=heads)
        if self.section == "schedule" and self.day is None:
            # a schedule's prose is not a reading list: a paper there has a date, or says
            # who wrote it, or links to it
            cands = [c for c in cands if c.dates or c.ref.authors or c.ids]
        return cands

    def _paper(self, b: Block, cand: Candidate) -> str:
        if cand.ref.year is None and (year := self.proceedings.year()) is not None:
            cand.ref = replace(cand.ref, year=year, doubts=cand.ref.doubts + (
                f"year: {year}, from the heading the paper is listed under",))
        key = self.book.add(cand)
        scheduled = self.section == "schedule" or (
            self.day is not None and not cand.dates and not self.files_day)
        extra = [self.day] if self.day is not None and not cand.dates else []
        if cand.dates or extra:
            self.sessions.dated_paper(cand, key, extra)
            self._guessed(key, [*cand.dates, *extra])
        tree = self.sched_tree if scheduled else self.tree
        if cand.topic and cand.topic != self.row_topic:  # a table's Topic column
            tree.heading(Block(b.line, "heading", cand.topic, level=ROW_TOPIC_LEVEL))
        self.row_topic = cand.topic
        if not scheduled:
            self.reading_papers += 1
        tree.paper(key)
        return key

    def _guessed(self, key: str, days: list[date]) -> None:
        """A session date whose year was inferred is a ``# check:`` on its paper."""
        for d in days:
            note = f"talk {d.isoformat()}: {d.why}" if isinstance(d, GuessedDate) else ""
            if note and note not in self.book.checks[key]:
                self.book.checks[key].append(note)

    def _attach(self, b: Block) -> bool:
        """A sub-item of a paper: its dates (and "who:") belong to that paper."""
        keys = self.placed.keys[b.parent]  # type: ignore[index]
        m = LABEL.match(b.text)
        label = m.group(1).lower() if m else ""
        value = m.group("value") if m else b.text
        days = [f.day for f in find_dates(value, self.ctx, loose=bool(m))]
        if label in ("when", "date") or (days and not m):
            for key in keys:
                self.sessions.dated_paper(Candidate(b.line, self.book_ref(key)), key, days)
                self._guessed(key, days)
            return bool(days)
        return bool(m)

    def book_ref(self, key: str) -> Reference:
        p = self.book.papers[key]
        return Reference(p.title, p.authors, p.et_al, p.venue, p.year)
