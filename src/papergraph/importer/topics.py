"""Areas and topics from the headings that precede runs of papers.

The reading list is a sequence of heading runs and paper runs. For each paper run, the
headings just before it decide where its papers go: the last heading is the topic (``Title:
question`` splits into both); a higher-level heading before it is the area. When as many
same-level headings as papers precede a run (a page listing topics, then one paper for
each), they are paired in order. Headings that head no paper are reported as not placed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..identifiers import RESERVED_SLUGS
from ..models import Area, Topic, slugify
from .blocks import Block


@dataclass
class DraftTopic:
    title: str
    question: str
    area: str
    papers: list[str] = field(default_factory=list)


def draft_slug(title: str, fallback: str) -> str:
    """A slug the syllabus loader accepts: from the title, at most 80 characters."""
    return slugify(title)[:80].strip("-") or fallback


def unique(slug: str, taken: set[str]) -> str:
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    taken.add(candidate)
    return candidate


_LABEL = re.compile(r"(?:(?:required|optional|suggested|additional|further|supplementary|"
                    r"recommended|core|main|extra|background|class|course|assigned|"
                    r"primary|secondary|key|other|possible|potential|candidate|selected|"
                    r"some|more)\s+){0,2}(?:readings?|papers?|"
                    r"articles?|references?|literature)|optional|required|supplementary|"
                    r"recommended|background|further reading|group\s*\d{1,2}|homework|"
                    r"(?:reading\s+)?assignments?|preparation|(?:paper\s+)?discussions?|"
                    r"(?:invited\s+)?(?:seminar|talk|lecture)s?|journal\s+club|reading\s+group",
                    re.IGNORECASE)


_NAMES_SUBJECT = re.compile(r"(?:^|\s)(?:subject|topic|theme)$", re.IGNORECASE)


class TopicTree:
    """Collects heading and paper runs; ``flush`` turns each run into topics."""

    def __init__(self, leveled: bool, fallback: str = "Papers") -> None:
        self.leveled = leveled
        self.fallback = fallback
        self.areas: list[tuple[str, str]] = []  # (slug, title)
        self.area_level: int | None = None
        self.current_area: str | None = None
        self.topics: list[DraftTopic] = []
        self.heads: list[Block] = []
        self.run: list[str] = []  # the keys of the papers since the last heading
        self.unplaced: list[tuple[int, str]] = []
        self.head_level: int | None = None  # the level of the last heading taken

    def heading(self, block: Block) -> None:
        if self._label_under(block):
            self.unplaced.append((block.line, block.text))
            return  # "Week 5: Data Mining" / "Readings" / "- Optional": the week is the topic
        if self.run:
            self.flush()
        self.heads.append(block)
        self.head_level = block.level

    def _label_under(self, block: Block) -> bool:
        """Is ``block`` only a label (``Readings``, ``Optional``, ``Suggested papers``)
        under a heading of a higher level, which stays the topic of what follows?"""
        return (self.head_level is not None and (block.level or 0) > self.head_level
                and _LABEL.fullmatch(block.text.strip(" :*_")) is not None)

    def paper(self, key: str) -> None:
        self.run.append(key)

    def flush(self) -> None:
        heads, keys = self.heads, self.run
        self.heads, self.run = [], []
        if not keys:
            self.unplaced += [(h.line, h.text) for h in heads]
            return
        if not heads:
            self._topic_for(None, keys)
            return
        topic_heads, rest, groups = self._pairing(heads, keys)
        self._areas_from(rest, topic_heads[0].level)
        for head, group in zip(topic_heads, groups, strict=True):
            self._topic_for(head, group)

    def _pairing(self, heads: list[Block], keys: list[str]
                 ) -> tuple[list[Block], list[Block], list[list[str]]]:
        if self.leveled:
            level = heads[-1].level
            tail = 0
            while tail < len(heads) and heads[-1 - tail].level == level:
                tail += 1
            pair = len(keys) >= 2 and tail >= len(keys)
        else:
            tail, m = len(heads), len(keys)
            questions = all(": " in h.text for h in heads[-m:])
            pair = m >= 2 and (tail >= m + 1 or (tail == m and questions))
        if pair:
            n = len(keys)
            return heads[-n:], heads[:-n], [[k] for k in keys]
        return heads[-1:], heads[:-1], [keys]

    def _areas_from(self, rest: list[Block], tlevel: int | None) -> None:
        if not self.leveled:
            self.unplaced += [(h.line, h.text) for h in rest[:-1]]
            if rest:
                self.open_area(rest[-1].text, None)
            return
        # same-level headings before the topics are empty topics: not placed
        while rest and rest[-1].level == tlevel:
            h = rest.pop()
            self.unplaced.append((h.line, h.text))
        areas = [h for h in rest if (h.level or 0) < (tlevel or 0)]
        for h in rest:
            if not areas or h is not areas[-1]:
                self.unplaced.append((h.line, h.text))
        if areas:
            self.open_area(areas[-1].text, areas[-1].level)
        elif self.area_level is not None and self.area_level >= (tlevel or 0):
            self.current_area = None

    def open_area(self, title: str, level: int | None) -> None:
        slug = unique(draft_slug(title, "area"), {s for s, _ in self.areas})
        self.areas.append((slug, title))
        self.current_area, self.area_level = slug, level

    def _topic_for(self, head: Block | None, keys: list[str]) -> None:
        if self.current_area is None:
            self.open_area(self.fallback, 0)
        assert self.current_area is not None
        if head is None:
            title, question = self.fallback, ""
        else:
            text = head.text.strip().rstrip(":").strip()
            title, _, question = (s.strip() for s in text.partition(": "))
            if question and _NAMES_SUBJECT.search(title):  # "23/07/2018 Subject : Title (at 4)"
                title, question = re.sub(r"\s*\([^()]*\)$", "", question), ""
        self.topics.append(DraftTopic(title or self.fallback, question, self.current_area,
                                      list(dict.fromkeys(keys))))

    def result(self) -> tuple[tuple[Area, ...], tuple[Topic, ...]]:
        taken: set[str] = set(RESERVED_SLUGS)  # bib/<slug>.bib: never bib/seminar.bib
        topics = []
        for t in self.topics:
            slug = unique(draft_slug(t.title, "topic"), taken)
            topics.append(Topic(slug, t.title, t.area, t.question, tuple(t.papers)))
        return tuple(Area(s, t) for s, t in self.areas), tuple(topics)
