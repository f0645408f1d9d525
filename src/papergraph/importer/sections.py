"""Sections, date lines and grouped fields: how a page's blocks are classified.

Used by the reader (:mod:`.reader`) that drafts the syllabus; see :mod:`.draft`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from itertools import islice

from .blocks import Block, Cell, is_bare_url
from .dates import MONTH, Context, find_dates, make_date
from .ids import is_paper_url
from .learned.cues import LABEL

MILESTONE = re.compile(r"^(?P<when>[^:]{1,40}?)\s*:\s+(?P<what>\S.*)$")
_SECTIONS: list[tuple[str, re.Pattern[str]]] = [
    ("papers", re.compile(r"^(paper|reading|literature|bibliography|references|papers|"
                          r"candidate papers|backlog)\b")),
    ("schedule", re.compile(
        r"^((final )?presentations?|schedule|talks|programme|program|sessions|meetings|"
        r"past meetings|upcoming)\b")),
    ("timeplan", re.compile(
        r"^(time ?plan|timeline|timetable|(important )?dates|deadlines|milestones)\b")),
    ("focus", re.compile(r"^(focus( of( the)? seminar)?|about( the seminar)?|overview|"
                         r"contents?|goals?|aims?|description)$")),
    ("news", re.compile(r"^(news|announcements?|updates?)$")),
    ("prereq", re.compile(r"^(pre ?requisites?|requirements|prior knowledge)$")),
    ("other", re.compile(r"^(organi[sz]ation|contact|registration|grading|assessment|"
                         r"format|materials?|links?|random links|details|"
                         r"subscribe.*|submitting preferences|group meeting|presentation|"
                         r"instructions.*|guidelines.*|planned discussions|faqs?|"
                         r"frequently asked questions)$")),
]
_FIELD_LABELS = {"paper", "title", "authors", "author", "venue", "conference", "journal",
                 "reference", "citation",
                 "year", "presenter", "speaker", "date", "when", "who", "link", "topic",
                 "discussion", "slides", "preso", "notes", "note", "video", "code", "pdf"}


def section_kind(heading: str) -> str | None:
    text = re.sub(r"\([^)]*\)", " ", heading.lower())  # "Paper List (tentative)"
    text = " ".join(re.sub(r"[^a-z0-9 ]+", " ", text).split())
    for kind, pattern in _SECTIONS:
        if pattern.search(text):
            if kind not in ("papers", "schedule") and _NAMES_PAPERS.search(text):
                return "papers"  # "Dates and readings": the readings, by date
            return kind
    return None


_NAMES_PAPERS = re.compile(r"\b(readings?|papers?|literature)\b")


_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:[a-z]*day)?\.?"
# "Week 3", "Session 2:", "Meeting" (before "Meeting 24-03-13": its number is the date)
_SESSION_WORD = (r"(?:(?:date|when)\s*:\s*)?"  # "**Date:** December 10, 2021 at 1pm"
                 r"(?:(?:week|wk|session|lecture|class|meeting)"
                 r"(?:\s*\d+(?!\d)(?![/.\-]\d))?\s*[:.\-–—]?\s*)?"
                 r"(?:(?:due|readings?\s+for)\s+)?")  # "Due Monday October 9, 2017:"
_DATE_LINE_HEAD = re.compile(rf"^{_SESSION_WORD}(?:{_WEEKDAY},?\s+)?", re.IGNORECASE)
_WEEK_COMMA = re.compile(r"^(?:week|session|lecture|class|meeting)\s*\d+,\s+(?=[A-Za-z]+\.?\s+\d)",
                         re.IGNORECASE)  # "### Week 1, January 17 - Topic"
_WEEKDAY_HEAD = re.compile(rf"^{_SESSION_WORD}({_WEEKDAY}),?\s", re.IGNORECASE)
_DATE_LINE_TAIL = re.compile(  # ", 8:00 PM CDT", "@ 4pm", " Fri" after the date itself
    rf"(?:[\s,@]*(?:at\s+)?\d{{1,2}}(?::\d{{2}})?\s*(?:[ap]\.?m\.?|(?<=\d\d)h)?"
    rf"(?:\s*[-–]\s*\d{{1,2}}(?::\d{{2}})?\s*(?:[ap]\.?m\.?)?)?(?:\s+[A-Z]{{1,4}}T|\s+UTC|\s+GMT)?"
    rf"|,?\s+{_WEEKDAY})$", re.IGNORECASE)


def is_date_line(text: str, ctx: Context) -> list[date]:
    """The date(s) a line consists of (``24.06.2020``, ``**May 5, 2020**``, ``Thu Jan 25``,
    ``Week3 (September 18)``, ``June 21, 2025, 8:00 PM CDT:``, ``<2021-11-12 Fri>``), else
    []: a weekday, a week number, brackets and a time of day around the date are allowed."""
    stripped = _DATE_LINE_HEAD.sub("", text.strip().strip("*_:[]<>+ ")).strip()
    stripped = re.sub(r"^\((.*)\)$", r"\1", stripped).strip(" :.")
    tail = _DATE_LINE_TAIL.search(stripped)
    suffix = ""
    if tail and (":" in tail.group(0) or re.search(r"[ap]\.?m|[a-z]{3}", tail.group(0), re.I)):
        if re.fullmatch(rf",?\s+{_WEEKDAY}", tail.group(0), re.IGNORECASE):
            suffix = tail.group(0)  # "Oct 19 Friday": kept, it may give the year
        stripped = stripped[: tail.start()].rstrip(" ,")
    weekday = _WEEKDAY_HEAD.match(text.strip().strip("*_:[]<>+ "))
    prefix = f"{weekday.group(1)} " if weekday else ""  # kept: it may give the year
    # a line that is only a date is where a date is expected: "Wed, 2 Oct 24" is 2024 (a
    # month's name says "24" is no count; "4/11" alone stays no date)
    for loose in (False, True) if _MONTH_NAME.search(stripped) else (False,):
        found = find_dates(prefix + stripped + suffix, ctx, loose=loose)
        found = [replace(f, start=f.start - len(prefix), end=f.end - len(prefix)) for f in found]
        if found and found[0].start == 0 and found[-1].end >= len(stripped.rstrip(":. ")) - 1:
            return [f.day for f in found]
    return []


_MONTH_NAME = re.compile(rf"\b{MONTH}(?:\s|$)", re.IGNORECASE)


_LEAD_SEP = re.compile(r"^[\s:,.|)\]>\-–—]+")
_TAIL_SEP = re.compile(r"[\s:,|(\[<\-–—]+$")
_NUMBERING = re.compile(r"^\d{1,2}[.)]?\s+(?=\D)")
MAX_LABEL_WORDS = 12
MAX_LABEL_CHARS = 200  # a date and a name of at most MAX_LABEL_WORDS words


# "Oct 30, No Group Meeting", "Mar 19: Spring break.": a date that holds no session
NO_SESSION = re.compile(r"\b(?:no\s+(?:[a-z]+\s+){0,2}(?:class(?:es)?|meetings?|sessions?|"
                        r"lectures?|seminars?|talks?)|cancell?ed|postponed|holidays?|break)\b",
                        re.IGNORECASE)


_CLASS_NUMBER = re.compile(r"^\d{1,2}[.)]\s+(?=[^\W\d_])")  # "2. August 28 Name"


def dated_heading(text: str, ctx: Context) -> tuple[list[date], str] | None:
    """A heading (or a short label) that is a session: a date and a name, either way
    round (``2025-01-21: Name``, ``September 19: Message passing``, ``05/21/2020 Host by
    X``, ``3 Topic (April 19)``, ``Code reviews <2017-09-29 Fri>``, ``2. August 28
    Name``): the date(s) and the name. None when the text has no date at its start or
    end, or more than a name."""
    if len(text) > MAX_LABEL_CHARS:
        return None
    bare = text.strip().strip("*_[]<>+ ")
    found = _dated(bare, ctx)
    if (found is None or found[1].isdigit()) and (number := _CLASS_NUMBER.match(bare)):
        rest = bare[number.end():]
        found = _dated(rest, ctx)
        if found is None and (days := is_date_line(rest, ctx)):
            found = days, bare  # "1. September 2": the class is named by its number and date
    return found


# "Week 3 (8/31-9/2): Name": a numbered week over a yearless month/day (or range) in brackets
_WEEK_SLASH = re.compile(r"(?P<head>(?:week|session|lecture|class|meeting)\s*\d{1,2})\s*"
                         r"\(\s*(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:\s*[-–]\s*(?:\d{1,2}/)?\d{1,2})?"
                         r"\s*\)\s*:?\s*(?P<name>.*)", re.IGNORECASE)


def _week_slash(bare: str, ctx: Context) -> tuple[list[date], str] | None:
    """``Week 3 (8/31-9/2): Name``: the week's first day, in the year the page gives
    (none: no date), and ``Week 3: Name``."""
    m = _WEEK_SLASH.fullmatch(bare)
    if m is None:
        return None
    a, b = int(m["a"]), int(m["b"])
    month, day = (b, a) if ctx.dayfirst else (a, b)
    if (first := make_date(ctx.year_for(month), month, day)) is None:
        return None
    name = m["name"].strip()
    return [first], f"{m['head']}: {name}" if name else m["head"]


def _dated(bare: str, ctx: Context) -> tuple[list[date], str] | None:
    if week := _week_slash(bare, ctx):
        return week
    bare = _DATE_LINE_HEAD.sub("", _WEEK_COMMA.sub("", bare)).strip()
    found = find_dates(bare, ctx)
    if not found:
        return None
    if found[0].start == 0:
        run = [f for f in found if _only_joins(bare, found, f)]
        label = _LEAD_SEP.sub("", bare[max(f.end for f in run):])
        label = _NUMBERING.sub("", _clock_and_weekday(label))  # "2020-09-10 1 What and why"
        days = [f.day for f in run]
    else:
        last = found[-1]
        tail = re.sub(rf"^\s*,?\s*{_WEEKDAY}", "", bare[last.end:]).strip(" )]>.:")
        if tail:
            return None
        label = _NUMBERING.sub("", _TAIL_SEP.sub("", bare[: last.start]))
        days = [last.day]
    label = label.strip(" *_:.")
    if not label or len(label.split()) > MAX_LABEL_WORDS or find_dates(label, ctx):
        return None
    return days, label


def _only_joins(text: str, found: list, f: object) -> bool:
    """Are all the dates before ``f`` joined to it by ``,``/``&``/``and`` only?"""
    i = found.index(f)
    return f.start == 0 or all(not re.sub(r"[\s,&]|and", "", text[a.end: b.start])
               for a, b in zip(found[:i], found[1: i + 1], strict=True))


def _clock_and_weekday(label: str) -> str:
    """``Fri, 3-4pm: Name`` -> ``Name``: a weekday and a time of day after the date."""
    label = re.sub(rf"^\(?{_WEEKDAY}\)?[\s,:]*", "", label, flags=re.IGNORECASE)
    label = re.sub(r"^\(?\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[-–]\s*\d{1,2}(?::\d{2})?"
                   r"\s*(?:[ap]\.?m\.?)?)?\)?(?=[\s,:]|$)[\s,:\-–—]*", "", label,
                   flags=re.IGNORECASE)
    return label


def merge_groups(blocks: list[Block]) -> list[Block]:
    """Pre-pass: a run of ``**Paper**: … / **Authors**: …`` items becomes one row; a
    heading followed by nothing but a paper's URL becomes an item carrying that link."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        run = _label_run(blocks, i)
        run = run if len(run) >= 2 else _inline_fields(b)
        if len(run) >= 2:
            cells = tuple(Cell(label, value, r.links, r.emphasis) for r, label, value in run)
            out.append(Block(b.line, "row", " | ".join(c.text for c in cells), depth=b.depth,
                             parent=b.parent, cells=cells,
                             links=tuple(lk for c in cells for lk in c.links)))
            i += len({id(r) for r, _, _ in run})  # the items read (one for inline fields)
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if (b.kind == "heading" and nxt is not None and nxt.kind == "text" and is_bare_url(nxt)
                and is_paper_url(nxt.links[0].url)):
            out.append(Block(b.line, "item", b.text, links=nxt.links + b.links,
                             emphasis=(b.text,)))
            i += 2
            continue
        out.append(b)
        i += 1
    return _reindex(blocks, out)


_INLINE_FIELD = re.compile(r"(?:^|\s)(?P<label>" + "|".join(sorted(_FIELD_LABELS | {"year"}))
                           + r")(?:\(s\)|s)?\s*:\s", re.IGNORECASE)


def _inline_fields(b: Block) -> list[tuple[Block, str, str]]:
    """``Paper: Title <br/> Author(s): Names <br/> Year: 1956 <br/> Date: …``: one item
    (or paragraph) that is a record of fields, read as the run of label items it would
    be on separate lines; empty unless it starts with the paper's title."""
    if b.kind not in ("item", "text") or b.cells:
        return []
    found = list(_INLINE_FIELD.finditer(b.text))
    if len(found) < 2 or found[0].start() != 0 or \
            found[0].group("label").lower() not in ("paper", "title"):
        return []
    out = []
    for m, nxt in zip(found, [*found[1:], None], strict=True):
        label = m.group("label").lower()
        label = "authors" if label == "author" else label
        value = b.text[m.end(): nxt.start() if nxt else len(b.text)].strip()
        out.append((b, label, value))
    return out


def _label_run(blocks: list[Block], i: int) -> list[tuple[Block, str, str]]:
    """The ``**Label**: value`` items from ``i`` on, siblings all (block, label, value),
    if one of them names the paper."""
    run: list[tuple[Block, str, str]] = []
    first = blocks[i]
    for b in islice(blocks, i, None):
        m = LABEL.match(b.text) if b.kind in ("item", "text") else None
        label = b.text[: m.start("value")].strip(" *:").lower() if m else ""
        if not m or b.parent != first.parent or b.depth != first.depth \
                or label not in _FIELD_LABELS or any(label == seen for _, seen, _ in run):
            break  # (a label met again starts the next record)
        run.append((b, label, m.group("value").strip()))
    return run if any(label in ("paper", "title", "topic") for _, label, _ in run) else []


def _reindex(old: list[Block], new: list[Block]) -> list[Block]:
    """Parents pointed into ``old``; point them into ``new`` (by identity of lines)."""
    where = {id(b): i for i, b in enumerate(new)}
    line_of = {i: b.line for i, b in enumerate(old)}
    by_line = {b.line: i for i, b in enumerate(new)}
    fixed = []
    for b in new:
        if b.parent is not None and id(b) in where:
            b = replace(b, parent=by_line.get(line_of.get(b.parent, -1)))
        fixed.append(b)
    return fixed
