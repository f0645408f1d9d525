"""Sessions: which paper is discussed when.

Two kinds of evidence: a schedule of time slots under date lines (``24.06.2020`` then
``10:00-10:40: Title. Authors``), whose papers are found in the reading list by fuzzy
title match; and dates that come with a paper (a table's date column, ``21/11/25
[Title]``, a "when:" sub-item), which belong to that paper directly. A slot's paper that
the reading list does not have becomes a paper of its own, in no topic, with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

from ..models import Talk, normalize_title
from .blocks import Block
from .candidates import Candidate
from .learned.normalize import clean_title
from .papers import PaperBook
from .refs import Reference, parse_reference

SLOT = re.compile(
    r"^(\d{1,2})[:.](\d{2})\s*[-–—]\s*(\d{1,2})[:.](\d{2})(?:\s*h\b)?\s*[:,]?\s+(?P<rest>\S.*)$")


@dataclass
class Slot:
    line: int
    day: date
    start: time
    end: time
    text: str


class Sessions:
    """Collects slots and dated papers; ``talks`` links them and drops overlaps."""

    def __init__(self) -> None:
        self.slots: list[Slot] = []
        self.dated: list[tuple[int, Talk]] = []
        self.warnings: list[tuple[int, str]] = []
        self.unplaced: list[tuple[int, str]] = []

    def slot(self, block: Block, m: re.Match[str], day: date | None) -> bool:
        h1, m1, h2, m2 = (int(x) for x in m.groups()[:4])
        if day is None:
            self.warnings.append((block.line, "schedule line before any date line"))
            return False
        if not (h1 < 24 and h2 < 24 and m1 < 60 and m2 < 60) or (h2, m2) <= (h1, m1):
            self.warnings.append((block.line, "not a valid time slot"))
            return False
        self.slots.append(Slot(block.line, day, time(h1, m1), time(h2, m2),
                               m.group("rest").strip()))
        return True

    def dated_paper(self, cand: Candidate, key: str, extra: list[date] = ()) -> None:  # type: ignore[assignment]
        for day in dict.fromkeys([*cand.dates, *extra]):
            start, end = cand.start, cand.end
            if start is not None and end is None:
                start = None  # a start time alone cannot make a slot
            self.dated.append((cand.line, Talk(day, start, end, key, cand.speaker)))

    def talks(self, book: PaperBook) -> list[Talk]:
        unique: dict[tuple, Talk] = {}  # the first talk of each (day, start, paper)
        for t in [t for _, t in self.dated] + self._link_slots(book):
            unique.setdefault((t.date, t.start, t.paper), t)
        return self._drop_overlaps(list(unique.values()))

    def _link_slots(self, book: PaperBook) -> list[Talk]:
        from rapidfuzz import fuzz, process

        listed = {k: normalize_title(p.title) for k, p in book.papers.items()}
        talks = []
        for s in self.slots:
            ref = parse_reference(s.text)
            guess = normalize_title(ref.title if ref else s.text)
            best = process.extractOne(guess, listed, scorer=fuzz.token_sort_ratio,
                                      score_cutoff=90) if guess else None
            if best is None:
                whole = normalize_title(s.text)
                best = process.extractOne(whole, {k: v for k, v in listed.items()
                                                  if len(v) >= 20},
                                          scorer=fuzz.partial_ratio, score_cutoff=95)
            if best is not None:
                key = best[2]
            else:
                key = book.add(_slot_candidate(s, ref))
                listed[key] = normalize_title(book.papers[key].title)
                self.warnings.append((s.line, "talk's paper is not in the reading list: "
                                              f"added {key} as a paper in no topic"))
            talks.append(Talk(s.day, s.start, s.end, key))
        return talks

    def _drop_overlaps(self, talks: list[Talk]) -> list[Talk]:
        kept: list[Talk] = []
        last: Talk | None = None
        lines = {(s.day, s.start, s.text): s.line for s in self.slots}
        for t in sorted(talks, key=lambda t: (t.date, t.start or time.min)):
            if t.start is None or t.end is None:
                kept.append(t)
                continue
            if last and last.date == t.date and t.start < last.end:
                line = next((v for (d, st, _), v in lines.items()
                             if d == t.date and st == t.start), 0)
                self.warnings.append((line, f"talk overlaps the talk at {last.start:%H:%M} "
                                            f"on {last.date}: not placed"))
                self.unplaced.append((line, t.paper))
                continue
            last = t
            kept.append(t)
        order = {id(t): i for i, t in enumerate(talks)}
        return sorted(kept, key=lambda t: order[id(t)])


def _slot_candidate(s: Slot, ref: Reference | None) -> Candidate:
    return Candidate(s.line, ref or Reference(clean_title(s.text), confidence={"title": 0.4}))
