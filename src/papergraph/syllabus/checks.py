"""Checks across a syllabus's tables, once each table is built: a paper in no topic (a
warning), two talks at once on the same day (an error)."""

from __future__ import annotations

from ..models import Paper, Talk, Topic
from .fields import Fields


def membership(f: Fields, papers: tuple[Paper, ...], topics: tuple[Topic, ...]) -> None:
    listed = {k for t in topics for k in t.papers}
    for p in papers:
        if p.key not in listed:
            f.warn("papers", _index_of(f, "papers", "key", p.key), "key",
                   f"paper {p.key} is in no topic")


def overlaps(f: Fields, talks: tuple[Talk, ...]) -> None:
    raw = f.items("talks")
    timed = [j for j in range(len(talks)) if talks[j].timed]
    order = sorted(timed, key=lambda j: (talks[j].date, talks[j].start))
    for a, b in zip(order, order[1:], strict=False):
        ta, tb = talks[a], talks[b]
        if ta.date == tb.date and tb.start < ta.end:  # type: ignore[operator]
            idx = _talk_index(raw, tb)
            f.err("talks", idx, "start",
                  f"talk {tb.paper} ({tb.start:%H:%M}-{tb.end:%H:%M}) overlaps "
                  f"talk {ta.paper} ({ta.start:%H:%M}-{ta.end:%H:%M}) on {ta.date}")


def _talk_index(raw: list[dict], talk: Talk) -> int:
    for i, t in enumerate(raw):
        if t.get("paper") == talk.paper and str(t.get("start", "")).startswith(
            f"{talk.start:%H:%M}"[:4]
        ):
            return i
    return 0


def _index_of(f: Fields, table: str, name: str, value: str) -> int:
    for i, item in enumerate(f.items(table)):
        if item.get(name) == value:
            return i
    return 0
