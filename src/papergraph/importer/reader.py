"""The walk over a page's blocks that fills the draft (see :mod:`.draft`)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from ..models import Milestone
from .blocks import PSEUDO_LEVEL, Block, Page
from .candidates import from_text
from .dates import Context, page_dayfirst, page_year
from .learned import ahead, finder, tagger
from .learned.records import join_records
from .learned.siblings import sibling_features
from .placer import Placer, read_ahead
from .sections import MILESTONE, dated_heading, is_date_line, merge_groups, section_kind
from .talks import SLOT

LABEL_SESSION = 99  # a dated label item's session: any heading ends it


_THEME = re.compile(r"(?:theme|topic)\s*[:\-–—]\s*(?P<name>[^:]{3,80})", re.IGNORECASE)


class Reader:
    """One pass over the blocks; state is the section, the day and the year in force."""

    def __init__(self, page: Page, leveled: bool, title_block: Block | None) -> None:
        self.blocks = merge_groups(join_records(page.blocks, keep=title_block))
        self.finder_run = finder.PageRun(sibling_features(self.blocks))
        self.leveled, self.title_block = leveled, title_block
        dayfirst = page_dayfirst([b.text for b in self.blocks])
        base = Context(dayfirst)
        meta = [page.meta.get(k, "") for k in ("date", "year", "term", "semester", "quarter")]
        for text in (*meta, page.title, title_block.text if title_block else ""):
            base = base.with_year_from(text) if base.year is None else base
        if base.year is None:  # the year of the page's full dates, or of its term
            texts = [b.text for b in self.blocks]
            starts = texts + [c.text for b in self.blocks for c in b.cells]
            base = Context(dayfirst, page_year(starts, texts, dayfirst))
        self.base = base
        self.years: dict[int, Context] = {}
        self.papers = Placer(leveled, {b.parent for b in self.blocks if b.parent is not None})
        self.tree, self.sched_tree = self.papers.tree, self.papers.sched_tree
        self.sessions = self.papers.sessions
        self.milestones: list[Milestone] = []
        self.focus: list[str] = []
        self.section, self.section_level = "papers", 0
        self.day: date | None = None
        # the level of the named session heading ("### April 19: Spreading") whose papers
        # are the reading list's, filed under its name; None outside one
        self.session_level: int | None = None
        self.day_level: int | None = None  # the level of the dated heading in force
        self.heading_level = 0  # the level of the last heading

    @property
    def ctx(self) -> Context:
        return self.years[max(self.years)] if self.years else self.base

    def skip(self, b: Block, text: str | None = None) -> None:
        self.papers.placed.unplaced.append((b.line, text if text is not None else b.text))

    def heading_like(self, b: Block) -> bool:
        if self.leveled:
            return b.kind == "heading"
        return b.kind == "text" and len(b.text) <= 120 and not b.text.endswith((".", ","))

    # -- the walk
    def run(self) -> None:
        token = finder.RUN.set(self.finder_run)
        reading = self._read_ahead()
        ahead_token = ahead.AHEAD.set(reading)
        try:
            self._walk(reading)
        finally:
            ahead.AHEAD.reset(ahead_token)
            finder.RUN.reset(token)
            if reading is not None:
                reading.close()

    def _read_ahead(self) -> ahead.Ahead | None:
        """On a long page, a child reading the items from the bottom up (:mod:`.ahead`)."""
        blocks = list(self.blocks)
        if finder.RECORDING.get() is not None or not ahead.usable(
                sum(b.kind in ("item", "text") for b in blocks)):
            return None
        tagger.load()  # the models once, shared with the child
        finder.load(finder.MODEL.get() or tagger.MODELS / "finder.crfsuite")
        reading = ahead.Ahead()
        reading.start(len(blocks), read_ahead(blocks, self.base, self.papers.parents))
        return reading

    def _walk(self, reading: ahead.Ahead | None = None) -> None:
        for i, b in enumerate(self.blocks):
            if reading is not None:
                reading.at(i)
            if b is self.title_block:
                continue
            if b.kind == "heading" or (not self.leveled and self.heading_like(b)):
                self._year_from(b)
                self.papers.proceedings.heading(b)
                if self.session_level is not None and (b.level or 0) <= self.session_level:
                    self.day = self.session_level = None  # the session ends
                if self.day_level is not None and (b.level or 0) <= self.day_level:
                    self.day_level = None
                self.heading_level = b.level or 0
            days = is_date_line(b.text, self.ctx) if b.kind in ("text", "heading") else []
            if days:
                self.day = days[0]
                if self._names_session(i, b):
                    # "Thinking about power" / "February 9, 2015": the heading just above
                    # names the session, its papers filed under it until the next as high
                    self.session_level = self.heading_level
                continue
            if self._dated_heading(i, b):
                continue
            if b.kind not in ("heading", "row") and (slot := SLOT.match(b.text)):
                # (a table row that starts with a Time cell is read by its columns)
                if not self.sessions.slot(b, slot, self.day):
                    self.skip(b)
                continue
            if self.heading_like(b) and self._section_heading(b):
                continue
            if b.kind == "text" and self.section == "papers" and (m := _THEME.fullmatch(b.text)):
                # "<h4>Spring Quarter</h4>" / "Theme - Coronaviruses": the quarter's topic
                self.tree.heading(replace(b, kind="heading", text=m["name"],
                                          level=self.heading_level + 1))
                continue
            self._block(i, b)
        self.tree.flush()
        self.sched_tree.flush()

    def _names_session(self, i: int, b: Block) -> bool:
        """Is date line ``b`` the first block under a topic heading of the reading list?"""
        above = self.blocks[i - 1] if i else None
        return (b.kind != "heading" and self.section == "papers" and self.session_level is None
                and above is not None and bool(self.heading_level) and bool(self.tree.heads)
                and self.tree.heads[-1] is above)

    def _dated_heading(self, i: int, b: Block) -> bool:
        """``### 2025-01-21: Name`` (or a heading-like line of a plain-text page): a
        session on that day, whose name heads the papers under it (or, when the name is
        a citation, ``### Jan 5: Lee, A. (2019). Title. Venue``, its paper)."""
        if self.section not in ("papers", "schedule") or not (
                b.kind == "heading" or (not self.leveled and self.heading_like(b))):
            return False
        level = b.level or 0
        above = {k: v for k, v in self.years.items() if k < level}  # not its own citation's
        found = dated_heading(b.text, above[max(above)] if above else self.base)
        if found is None or (b.kind != "heading" and not self._is_heading_only(b)):
            return False
        days, label = found
        if level in self.years and self.years[level].year != days[0].year:
            del self.years[level]  # "April 5: Lee (2010). Title": 2010 is the paper's year
        self.day = days[0]  # first: the name heads the session's papers
        self.session_level = (b.level or 0) if self.section == "papers" else None
        self.day_level = level
        named = replace(b, text=label)
        if not self._section_heading(named):
            self._block(i, named)
        self.day = days[0]
        return True

    def _year_from(self, b: Block) -> None:
        level = b.level or 0
        self.years = {k: v for k, v in self.years.items() if k < level}
        if (ctx := self.ctx.with_year_from(b.text)) != self.ctx:  # a year, or "2019-20"
            self.years[level] = ctx

    def _section_heading(self, b: Block) -> bool:
        kind = section_kind(b.text)
        if kind == "papers" and (self.session_level is not None or self.day_level is not None
                                 and (b.level or 0) > self.day_level):
            return True  # "*** Reading" inside "** 2020-09-10 What and why"
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
            scheduled = self.section == "schedule" or (
                self.day is not None and self.session_level is None)
            (self.sched_tree if scheduled else self.tree).heading(b)
            return True
        return False

    def _is_heading_only(self, b: Block) -> bool:
        if b.kind == "heading" and (self.day is None or b.level == PSEUDO_LEVEL):
            return True
        # under a date, a heading may be the session's paper ("June 18, 2020" / "### Wagstyl
        # K., Lerch J.P. (2018) Cortical thickness. In: …"): a citation with authors and year
        cands = from_text(b, self.ctx, bare=False)
        return not (cands and cands[0].ref.authors and cands[0].ref.year is not None)

    def _block(self, i: int, b: Block) -> None:
        if self.section in ("papers", "schedule"):
            self.papers.files_day = self.session_level is not None
            self.papers.reading(i, b, self.section, self.day, self.ctx)
            if self.papers.new_day is not None:  # "Code reviews <2017-09-29 Fri>"
                self.day = self.papers.new_day
                if self.section == "papers":
                    self.session_level = LABEL_SESSION
            elif self.session_level == LABEL_SESSION and self.papers.own_day is not None:
                self.day = self.papers.own_day  # "2) **May 30th - Title**": the next session
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
