"""In which order: the seminar's talks placed into given days and time slots.

Rules, most important first:

1. a talk marked ``pinned = true`` stays where it is (its slot is taken), as does a talk
   on a paper listed in no topic (an introduction, a guest talk);
2. a topic's talks are consecutive, in the topic's reading order (prerequisites first,
   :func:`papergraph.reading.reading_order`), and on one day when a day has room for the
   whole topic;
3. a talk comes after the talks on the seminar papers it cites: topics are taken in the
   order of their citations (a topic citing another comes after it); when topics cite each
   other, the order that puts the fewest citations backwards is chosen greedily (the
   topic with the fewest citations to topics not yet placed goes next).

Every citation the result still puts backwards is reported with its reason (a pinned
talk, papers citing each other, topics citing each other while each is kept together).
The talks are written into a copy of the syllabus text: every ``[[talks]]`` table is
replaced, the rest of the file (comments included) is kept as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import PapergraphError
from ..models import Resolution, Syllabus, Talk
from ..syllabus.write import talks_toml

if TYPE_CHECKING:
    from ..resolve import Progress


@dataclass(frozen=True)
class Backwards:
    """A talk presented before (or with) a paper it cites."""

    citing: str
    cited: str
    reason: str

    def detail(self, when: dict[str, Talk]) -> str:
        return (f"{self.citing} ({_when(when[self.citing])}) cites {self.cited} "
                f"({_when(when[self.cited])}): {self.reason}")


@dataclass(frozen=True)
class Schedule:
    """The talks (pinned and placed, in time order) and what could not be respected."""

    talks: tuple[Talk, ...]
    backwards: tuple[Backwards, ...]
    unplaced: tuple[str, ...]  # papers with no free slot left, in placing order
    split_topics: tuple[str, ...]  # topics whose talks span two days or more

    def by_paper(self) -> dict[str, Talk]:
        return {t.paper: t for t in self.talks}


def _when(t: Talk) -> str:
    return f"{t.date.isoformat()} {t.start:%H:%M}" if t.timed else t.date.isoformat()


# --------------------------------------------------------------------------- options

_SLOT = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")


def parse_days(values: list[str]) -> list[date]:
    """``--days 2020-06-24,2020-06-25`` (repeatable, comma-separated) as sorted dates."""
    days: set[date] = set()
    for value in (v.strip() for vs in values for v in vs.split(",")):
        try:
            days.add(date.fromisoformat(value))
        except ValueError:
            raise PapergraphError(f"--days: {value!r} is not a date (YYYY-MM-DD)") from None
    if not days:
        raise PapergraphError("--days: no day given")
    return sorted(days)


def parse_slots(values: list[str]) -> list[tuple[time, time]]:
    """``--slots 10:00-10:40,10:40-11:20`` (repeatable) as sorted (start, end) times."""
    slots: set[tuple[time, time]] = set()
    for value in (v.strip() for vs in values for v in vs.split(",")):
        m = _SLOT.match(value)
        try:
            h1, m1, h2, m2 = (int(g) for g in m.groups()) if m else (None,) * 4
            start, end = time(h1, m1), time(h2, m2)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise PapergraphError(f"--slots: {value!r} is not a time slot HH:MM-HH:MM") from None
        if end <= start:
            raise PapergraphError(f"--slots: {value!r} ends before it starts")
        slots.add((start, end))
    ordered = sorted(slots)
    for (s1, e1), (s2, e2) in zip(ordered, ordered[1:], strict=False):
        if s2 < e1:
            raise PapergraphError(f"--slots: {s1:%H:%M}-{e1:%H:%M} and "
                                  f"{s2:%H:%M}-{e2:%H:%M} overlap")
    if not ordered:
        raise PapergraphError("--slots: no slot given")
    return ordered


# --------------------------------------------------------------------------- planning


def _cites(resolution: Resolution) -> dict[str, set[str]]:
    cites: dict[str, set[str]] = {}
    for a, b, _ in resolution.citation_edges():
        cites.setdefault(a, set()).add(b)
    return cites


def _groups(syllabus: Syllabus, resolution: Resolution,
            papers: list[str]) -> list[tuple[str, list[str]]]:
    """(topic slug, its papers to place in reading order), each paper in its first topic."""
    from ..reading import reading_order

    order = reading_order(syllabus, resolution)
    wanted, taken = set(papers), set()
    groups = []
    for topic in syllabus.topics:
        keys = [k for k in order[topic.slug] if k in wanted and k not in taken]
        taken.update(keys)
        if keys:
            groups.append((topic.slug, keys))
    return groups


def _order_groups(groups: list[tuple[str, list[str]]], cites: dict[str, set[str]],
                  pinned: list[Talk]) -> list[tuple[str, list[str]]]:
    """Topics in citation order; with cycles, the fewest citations backwards (greedy).
    Among topics free to go next, one that a pinned talk cites goes first (the earliest
    such talk first), so that it can still come before that talk; then syllabus order."""
    due: dict[str, tuple[date, time, str]] = {}
    for t in sorted(pinned, key=_sort_key):
        for c in cites.get(t.paper, ()):
            due.setdefault(c, _sort_key(t))
    never = (date.max, time.max, "")
    left = list(groups)
    ordered = []
    while left:
        pending = {k for _, keys in left for k in keys}
        rank = [(sum(1 for k in keys for c in cites.get(k, ()) if c in pending - set(keys)),
                 min((due.get(k, never) for k in keys), default=never), i)
                for i, (_, keys) in enumerate(left)]
        best = left[min(rank)[2]]
        left.remove(best)
        ordered.append(best)
    return ordered


def _free_slots(days: list[date], slots: list[tuple[time, time]],
                pinned: list[Talk]) -> list[tuple[date, time, time]]:
    def taken(d: date, s: time, e: time) -> bool:
        return any(t.date == d and t.timed and t.start < e and s < t.end  # type: ignore[operator]
                   for t in pinned)

    return [(d, s, e) for d in days for s, e in slots if not taken(d, s, e)]


def _place(groups: list[tuple[str, list[str]]], free: list[tuple[date, time, time]],
           speakers: dict[str, str]) -> tuple[list[Talk], list[str], list[str]]:
    """Fill the free slots in order; a topic that would straddle two days starts on the
    next day instead when that leaves room for every talk still to place."""
    talks: list[Talk] = []
    split: list[str] = []
    i = 0
    remaining = sum(len(keys) for _, keys in groups)
    for slug, keys in groups:
        if i < len(free):
            today = [s for s in free[i:] if s[0] == free[i][0]]
            later = len(free) - i - len(today)
            if len(today) < len(keys) and later >= remaining and _fits_a_day(free, len(keys)):
                i += len(today)
        for key in keys:
            if i >= len(free):
                break
            d, s, e = free[i]
            talks.append(Talk(d, s, e, key, speakers.get(key, "")))
            i += 1
            remaining -= 1
        placed_days = {t.date for t in talks if t.paper in keys}
        if len(placed_days) > 1:
            split.append(slug)
    placed = {t.paper for t in talks}
    unplaced = [k for _, keys in groups for k in keys if k not in placed]
    return talks, unplaced, split


def _fits_a_day(free: list[tuple[date, time, time]], n: int) -> bool:
    per_day: dict[date, int] = {}
    for d, _, _ in free:
        per_day[d] = per_day.get(d, 0) + 1
    return any(c >= n for c in per_day.values())


def plan_schedule(syllabus: Syllabus, resolution: Resolution, days: list[date],
                  slots: list[tuple[time, time]],
                  speakers: dict[str, str] | None = None) -> Schedule:
    """Place a talk for every paper listed in a topic (or, with ``speakers``, for every
    paper someone presents) into ``days`` x ``slots``; see the module's doc for the rules."""
    from .assign import presentable_papers

    listed = presentable_papers(syllabus)
    # a talk on a paper in no topic (an introduction, a guest talk) is not ours to move
    pinned = [t for t in syllabus.talks if t.pinned or t.paper not in listed]
    pinned_keys = {t.paper for t in pinned}
    known = {t.paper: t.speaker for t in syllabus.talks if t.speaker}
    names = {**known, **(speakers or {})}
    papers = [k for k in listed if k not in pinned_keys and (speakers is None or k in speakers)]
    cites = _cites(resolution)
    groups = _order_groups(_groups(syllabus, resolution, papers), cites, pinned)
    talks, unplaced, split = _place(groups, _free_slots(days, slots, pinned), names)
    every = sorted([*pinned, *talks], key=_sort_key)
    topic_of = {k: slug for slug, keys in groups for k in keys}
    return Schedule(tuple(every), _backwards(every, cites, topic_of), tuple(unplaced),
                    tuple(split))


def _sort_key(t: Talk) -> tuple[date, time, str]:
    return (t.date, t.start or time.min, t.paper)


def _backwards(talks: list[Talk], cites: dict[str, set[str]],
               topic_of: dict[str, str]) -> tuple[Backwards, ...]:
    at = {t.paper: _sort_key(t)[:2] for t in talks}
    pinned = {t.paper for t in talks if t.pinned}
    found = []
    for t in talks:
        for cited in sorted(cites.get(t.paper, ())):
            if cited not in at or at[cited] < at[t.paper]:
                continue
            if t.paper in pinned or cited in pinned:
                reason = "a pinned talk"
            elif t.paper in cites.get(cited, ()):
                reason = "they cite each other"
            elif topic_of.get(t.paper) == topic_of.get(cited):
                reason = f"a citation cycle in topic {topic_of.get(t.paper)}"
            else:
                reason = (f"topics {topic_of.get(cited)} and {topic_of.get(t.paper)} cite "
                          "each other and each topic's talks stay together")
            found.append(Backwards(t.paper, cited, reason))
    return tuple(found)


# --------------------------------------------------------------------------- output

_TALKS_HEADER = re.compile(r"^\s*\[\[\s*talks\s*\]\]\s*(#.*)?$")
_ANY_HEADER = re.compile(r"^\s*\[")


def replace_talks(text: str, talks: tuple[Talk, ...]) -> str:
    """The syllabus ``text`` with its ``[[talks]]`` tables replaced by ``talks``, in the
    place of the first one (or at the end); every other line kept as it was."""
    lines = text.split("\n")
    kept: list[str] = []
    at: int | None = None
    skipping = False
    for line in lines:
        if _TALKS_HEADER.match(line):
            skipping = True
            at = len(kept) if at is None else at
            continue
        if skipping and _ANY_HEADER.match(line):
            skipping = False
        if not skipping:
            kept.append(line)
        elif line.lstrip().startswith("#") or not line.strip():
            kept.append(line)  # comments after a talk may introduce what follows
    new = talks_toml(talks)[1:]  # no blank line before the first table
    if at is None:
        while kept and not kept[-1].strip():
            kept.pop()
        kept += ["", *new, ""]
    else:
        kept[at:at] = new
    out = "\n".join(kept)
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out if out.endswith("\n") else out + "\n"


def format_schedule(schedule: Schedule, syllabus: Syllabus) -> str:
    """The schedule as Markdown: one table per day, then what could not be respected."""
    from ..mdescape import md_cell

    topics = {k: t.title for t in reversed(syllabus.topics) for k in t.papers}
    out = ["# Schedule"]
    day = None
    for t in schedule.talks:
        if t.date != day:
            day = t.date
            out += ["", f"## {day:%A, %Y-%m-%d}", "",
                    "| time | paper | topic | speaker |", "|---|---|---|---|"]
        slot = f"{t.start:%H:%M}-{t.end:%H:%M}" if t.timed else "(all day)"
        pin = " (pinned)" if t.pinned else ""
        out.append(f"| {slot} | {md_cell(t.paper)}{pin} | {md_cell(topics.get(t.paper, ''))} "
                   f"| {md_cell(t.speaker)} |")
    when = schedule.by_paper()
    out += ["", "Citation order: "
            + ("every talk comes after the seminar papers it cites." if not schedule.backwards
               else "not respected where it cannot be:")]
    out += [f"- {md_cell(b.detail(when))}" for b in schedule.backwards]
    if schedule.split_topics:
        out += ["", "Topics over more than one day: "
                + ", ".join(md_cell(s) for s in schedule.split_topics) + "."]
    out += ["", "Papers without a slot (add days or slots): "
            + (", ".join(md_cell(k) for k in schedule.unplaced) or "none") + "."]
    return "\n".join(out) + "\n"


def read_speakers(path: str, paper_keys: set[str]) -> dict[str, str]:
    """Paper key -> student, from ``papergraph assign -f csv``'s ``student,paper,rank``."""
    import csv

    from ..errors import InputError, Problem
    from ..files import read_user_file

    text = read_user_file(path, what="assignment file")
    out: dict[str, str] = {}
    problems = []
    for number, row in enumerate(csv.reader(text.splitlines()), start=1):
        if (number == 1 and row[:2] == ["student", "paper"]) or len(row) < 2 or not row[1]:
            continue  # the header, and students without a paper
        student, key = row[0].strip(), row[1].strip()
        if key not in paper_keys:
            problems.append(Problem(path, number, f"unknown paper key {key!r}"))
        elif key in out:
            problems.append(Problem(path, number, f"paper {key!r} is already presented by "
                                    f"{out[key]!r}"))
        else:
            out[key] = student
    if problems:
        raise InputError(problems)
    return out


# --------------------------------------------------------------------------- the command


@dataclass(frozen=True)
class ScheduledCopy:
    """What ``papergraph schedule`` prints and writes."""

    report: str  # the schedule as Markdown
    target: Path  # where the scheduled syllabus goes
    text: str  # the syllabus text with its new [[talks]]
    warnings: tuple[str, ...] = ()


def schedule_copy(syllabus_path: Path | None, *, days: list[str], slots: list[str],
                  speakers: Path | None = None, output: Path | None = None,
                  in_place: bool = False, offline: bool = False, refresh: bool = False,
                  progress: Progress | None = None) -> ScheduledCopy:
    """Load and resolve the syllabus, plan its talks, and make the scheduled copy of its
    text (checked to load), bound for ``output``, ``./<stem>.scheduled.toml`` or, with
    ``in_place``, the syllabus file itself."""
    from ..files import read_user_file
    from ..resolve import load_and_resolve
    from ..syllabus import parse_syllabus
    from ..syllabus.load import default_syllabus_path
    from .assign import presentable_papers

    if in_place and (output is not None or syllabus_path is None):
        raise PapergraphError("--in-place rewrites the SYLLABUS file given: name one, "
                              "without -o" if syllabus_path is None else
                              "--in-place and -o exclude each other")
    day_list, slot_list = parse_days(days), parse_slots(slots)
    source = Path(syllabus_path) if syllabus_path is not None else default_syllabus_path()
    target = source if in_place else output or Path(f"{source.stem}.scheduled.toml")
    loaded = load_and_resolve(syllabus_path, offline=offline, refresh=refresh,
                              progress=progress)
    names = (read_speakers(str(speakers), set(presentable_papers(loaded.syllabus)))
             if speakers is not None else None)
    plan = plan_schedule(loaded.syllabus, loaded.resolution, day_list, slot_list, names)
    text = replace_talks(read_user_file(source, str(source)), plan.talks)
    parse_syllabus(text, source=str(target))  # the copy loads as the original did
    return ScheduledCopy(format_schedule(plan, loaded.syllabus), target, text,
                         loaded.warnings)
