"""The walk over a page's blocks that fills the draft (see :mod:`.draft`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..models import Milestone
from .blocks import Block, Page
from .candidates import LABEL, Candidate, from_row, from_text
from .dates import Context, find_dates, page_dayfirst
from .papers import PaperBook
from .sections import MILESTONE, is_date_line, merge_groups, section_kind
from .talks import SLOT, Sessions
from .topics import TopicTree


@dataclass
class Placed:
    """What became of the blocks: which paper each block gave (by index)."""

    keys: dict[int, list[str]] = field(default_factory=dict)
    unplaced: list[tuple[int, str]] = field(default_factory=list)


class Reader:
    """One pass over the blocks; state is the section, the day and the year in force."""

    def __init__(self, page: Page, leveled: bool, title_block: Block | None) -> None:
        self.blocks = merge_groups(page.blocks)
        self.leveled, self.title_block = leveled, title_block
        dayfirst = page_dayfirst([b.text for b in self.blocks])
        base = Context(dayfirst)
        for text in (page.meta.get("date", ""), page.meta.get("year", ""), page.title,
                     title_block.text if title_block else ""):
            base = base.with_year_from(text) if base.year is None else base
        self.base = base
        self.years: dict[int, Context] = {}
        self.book = PaperBook()
        self.tree = TopicTree(leveled)
        self.sched_tree = TopicTree(leveled, "Schedule")
        self.sessions = Sessions()
        self.placed = Placed()
        self.milestones: list[Milestone] = []
        self.focus: list[str] = []
        self.section, self.section_level = "papers", 0
        self.day: date | None = None
        self.reading_papers = 0
        self.candidates = 0
        self.children = {b.parent for b in self.blocks if b.parent is not None}

    @property
    def ctx(self) -> Context:
        return self.years[max(self.years)] if self.years else self.base

    def skip(self, b: Block, text: str | None = None) -> None:
        self.placed.unplaced.append((b.line, text if text is not None else b.text))

    def heading_like(self, b: Block) -> bool:
        if self.leveled:
            return b.kind == "heading"
        return b.kind == "text" and len(b.text) <= 120 and not b.text.endswith((".", ","))

    # -- the walk
    def run(self) -> None:
        for i, b in enumerate(self.blocks):
            if b is self.title_block:
                continue
            if b.kind == "heading" or (not self.leveled and self.heading_like(b)):
                self._year_from(b)
            days = is_date_line(b.text, self.ctx) if b.kind in ("text", "heading") else []
            if days:
                self.day = days[0]
                continue
            if b.kind != "heading" and (slot := SLOT.match(b.text)):
                if not self.sessions.slot(b, slot, self.day):
                    self.skip(b)
                continue
            if self.heading_like(b) and self._section_heading(b):
                continue
            self._block(i, b)
        self.tree.flush()
        self.sched_tree.flush()

    def _year_from(self, b: Block) -> None:
        level = b.level or 0
        self.years = {k: v for k, v in self.years.items() if k < level}
        ctx = (self.years[max(self.years)] if self.years else self.base).with_year_from(b.text)
        if ctx.year != (self.years[max(self.years)] if self.years else self.base).year:
            self.years[level] = ctx

    def _section_heading(self, b: Block) -> bool:
        kind = section_kind(b.text)
        if kind is not None:
            self.tree.flush()
            self.sched_tree.flush()
            self.section, self.section_level = kind, b.level or 0
            if kind == "papers":
                self.tree.fallback = b.text
            elif kind == "schedule":
                self.sched_tree.fallback = b.text
            self.day = None
            return True
        if self.leveled and self.section != "papers" and (b.level or 0) <= self.section_level:
            self.section, self.section_level, self.day = "papers", 0, None
        if self.section in ("papers", "schedule") and self._is_heading_only(b):
            (self.tree if self.section == "papers" else self.sched_tree).heading(b)
            return True
        return False

    def _is_heading_only(self, b: Block) -> bool:
        if b.kind == "heading":
            return True
        cands = from_text(b, self.ctx, bare=False)
        return not (cands and cands[0].ref.authors and cands[0].ref.year is not None)

    def _block(self, i: int, b: Block) -> None:
        if self.section in ("papers", "schedule"):
            self._reading(i, b)
        elif self.section == "timeplan":
            self._milestone(b)
        elif self.section == "focus" and b.kind == "item":
            self.focus.append(b.text)
        else:
            self.skip(b)

    def _milestone(self, b: Block) -> None:
        for piece in (p.strip() for p in b.text.split("•")):
            m = MILESTONE.match(piece)
            if piece and m and any(c.isdigit() for c in m.group("when")):
                self.milestones.append(Milestone(m.group("when").strip(), m.group("what")))
            elif piece:
                self.skip(b, piece)

    # -- papers
    def _reading(self, i: int, b: Block) -> None:
        if b.parent is not None and b.parent in self.placed.keys and self._attach(b):
            return
        cands = self._candidates(b)
        if b.kind in ("item", "row") or cands:
            self.candidates += 1
        if not cands:
            if i in self.children and b.kind == "item":  # a list item heading sub-items
                self.tree.heading(Block(b.line, "heading", b.text, level=20 + b.depth))
            else:
                self.skip(b)
            return
        keys = [self._paper(b, c) for c in cands]
        self.placed.keys[i] = keys

    def _candidates(self, b: Block) -> list[Candidate]:
        if b.kind == "row":
            cands = from_row(b, self.ctx)
        else:
            bare = b.kind == "item" or bool(b.emphasis) and b.kind != "heading"
            cands = from_text(b, self.ctx, bare=bare)
        if self.section == "schedule" and self.day is None:
            # a schedule's prose is not a reading list: a paper there has a date, or says
            # who wrote it, or links to it
            cands = [c for c in cands if c.dates or c.ref.authors or c.ids]
        return cands

    def _paper(self, b: Block, cand: Candidate) -> str:
        key = self.book.add(cand)
        scheduled = self.section == "schedule" or (self.day is not None and not cand.dates)
        extra = [self.day] if self.day is not None and not cand.dates else []
        if cand.dates or extra:
            self.sessions.dated_paper(cand, key, extra)
        if scheduled:
            self.sched_tree.paper(b, key)
        else:
            self.reading_papers += 1
            self.tree.paper(b, key)
        return key

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
            return bool(days)
        return bool(m)

    def book_ref(self, key: str):  # noqa: ANN201 - a Reference for a known paper
        from .refs import Reference

        p = self.book.papers[key]
        return Reference(p.title, p.authors, p.et_al, p.venue, p.year)
