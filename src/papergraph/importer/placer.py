"""Where each paper a block cites goes: the reading list or the schedule, its sessions,
and the sub-items that add to it (see :mod:`.draft`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .blocks import Block
from .candidates import LABEL, Candidate, from_row, from_text
from .dates import Context, find_dates
from .papers import PaperBook
from .refs import Reference
from .talks import Sessions
from .topics import TopicTree


@dataclass
class Placed:
    """What became of the blocks: which paper each block gave (by index)."""

    keys: dict[int, list[str]] = field(default_factory=dict)
    unplaced: list[tuple[int, str]] = field(default_factory=list)


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
        self.reading_papers = 0
        self.candidates = 0
        self.section, self.day, self.ctx = "papers", None, Context()

    def reading(self, i: int, b: Block, section: str, day: date | None, ctx: Context) -> None:
        self.section, self.day, self.ctx = section, day, ctx
        if b.parent is not None and b.parent in self.placed.keys and self._attach(b):
            return
        cands = self._candidates(b)
        if b.kind in ("item", "row") or cands:
            self.candidates += 1
        if not cands:
            if i in self.parents and b.kind == "item":  # a list item heading sub-items
                self.tree.heading(Block(b.line, "heading", b.text, level=20 + b.depth))
            else:
                self.placed.unplaced.append((b.line, b.text))
            return
        self.placed.keys[i] = [self._paper(b, c) for c in cands]

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

    def book_ref(self, key: str) -> Reference:
        p = self.book.papers[key]
        return Reference(p.title, p.authors, p.et_al, p.venue, p.year)
