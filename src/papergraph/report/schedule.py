"""The schedule check: talks per day, overlaps, breaks, listed papers without a talk."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time

from ..models import Syllabus, Talk
from .helpers import syllabus_order
from .model import Break, DaySchedule, Overlap, ScheduleReport


def _minutes(t: Talk) -> int:
    if not t.timed:
        return 0
    start = datetime.combine(t.date, t.start)
    end = datetime.combine(t.date, t.end)
    return int((end - start).total_seconds() // 60)


def check_schedule(syllabus: Syllabus) -> ScheduleReport:
    """Talks per day, overlaps, breaks between talks, and listed papers without a talk."""
    talks = sorted(syllabus.talks, key=lambda t: (t.date, t.start or time.min,
                                                  t.end or time.min, t.paper))
    days: list[DaySchedule] = []
    overlaps: list[Overlap] = []
    breaks: list[Break] = []
    by_day: dict[str, list[Talk]] = {}
    for t in talks:
        by_day.setdefault(t.date.isoformat(), []).append(t)
    for day, every in by_day.items():
        items = [t for t in every if t.timed]  # sessions known by their day only: counted
        days.append(DaySchedule(day, len(every), f"{items[0].start:%H:%M}" if items else "",
                                f"{max(t.end for t in items):%H:%M}" if items else "",
                                sum(_minutes(t) for t in items)))
        if not items:
            continue
        for i, a in enumerate(items):
            for b in items[i + 1:]:
                if b.start < a.end:
                    overlaps.append(Overlap(
                        day, a.paper, b.paper,
                        f"{a.paper} {a.start:%H:%M}-{a.end:%H:%M} overlaps "
                        f"{b.paper} {b.start:%H:%M}-{b.end:%H:%M}"))
        latest = items[0]
        for b in items[1:]:
            if b.start > latest.end:
                gap = int((datetime.combine(b.date, b.start)
                           - datetime.combine(b.date, latest.end)).total_seconds() // 60)
                breaks.append(Break(day, latest.paper, b.paper, f"{latest.end:%H:%M}",
                                    f"{b.start:%H:%M}", gap))
            if b.end > latest.end:
                latest = b
    counts = Counter(t.paper for t in talks)
    listed = [k for t in syllabus.topics for k in t.papers]
    return ScheduleReport(
        talks=len(talks),
        days=tuple(days),
        overlaps=tuple(overlaps),
        unscheduled=syllabus_order(syllabus, [k for k in listed if k not in counts]),
        repeated=syllabus_order(syllabus, [k for k, c in counts.items() if c > 1]),
        breaks=tuple(breaks),
        durations=tuple(sorted(Counter(_minutes(t) for t in talks if t.timed).items())),
    )
