"""Dates and times of sessions, in the forms seminar pages write them.

``24.06.2020``, ``2020-06-24``, ``08/30/2019``, ``30/08/2019``, ``06/08/23``, ``4/11`` and
``[9/22]`` (the page's year), ``05/oct``, ``August 1, 2017``, ``Jan 25 2017``, ``19 Dec
2020``, ``19th December, 2020``, ``2022 Nov 11``, ``Oct 31``, ``Feb 12, 19`` (two
sessions), ``Week 3 (Feb 2)``. python-dateutil reads each date once it is found; this
module finds them and decides what dateutil cannot know from one string: whether the page
writes day or month first (a ``20/07/2022`` anywhere settles it for the whole page) and
which year a date without one belongs to (the nearest heading or front matter naming a
year, an academic year ``2021/22`` by month).
"""

from __future__ import annotations

import contextlib
import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, datetime, time

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
          r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
MONTH = _MONTH  # a month's English name or its abbreviation (other modules' patterns)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR4 = r"(?:19|20)\d{2}"

# month names of French, German, Spanish, Italian and Portuguese pages that differ from
# the English ones (``29 mars 2023``, ``5. Oktober 2020``, ``15 de marzo de 2023``)
_FOREIGN_MONTHS = {
    1: "janvier janv januar jänner enero gennaio janeiro",
    2: "février fevrier févr fevr februar febrero febbraio fevereiro",
    3: "mars märz maerz marzo março",
    4: "avril abril aprile",
    5: "mai mayo maggio maio",
    6: "juin juni junio giugno junho",
    7: "juillet juil juli julio luglio julho",
    8: "août aout agosto",
    9: "septembre septiembre setiembre settembre setembro",
    10: "octobre oktober octubre ottobre outubro",
    11: "noviembre novembre novembro",
    12: "décembre decembre dezember diciembre dicembre dezembro",
}
_FOREIGN = {name: month for month, names in _FOREIGN_MONTHS.items() for name in names.split()}
_FOREIGN_MONTH = "(?:" + "|".join(sorted(_FOREIGN, key=len, reverse=True)) + r")\.?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b({_YEAR4})-(\d{{1,2}})-(\d{{1,2}})\b")),
    # "Meeting 24-03-13": two-digit year, month, day (ISO order), see _yy_mm_dd
    ("ymd-yy", re.compile(r"(?<![\d\-/.])(\d{2})-(\d{2})-(\d{2})(?![\d\-/.])")),
    ("dotted", re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d.])")),
    ("numeric", re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")),
    ("ymd-text", re.compile(rf"\b({_YEAR4})\s+({_MONTH})\s+({_DAY})\b", re.IGNORECASE)),
    ("mdy-text", re.compile(rf"\b({_MONTH})\s+({_DAY})(?![\d]|:\d)"  # "April 15: …"
                            rf"((?:\s*(?:,|&|and)\s*{_DAY}(?![\d:]|\s*[-–]\s*\d|\s*[ap]\.?m\b))*)"
                            rf"(?:,?\s+({_YEAR4})(?!\d))?", re.IGNORECASE)),
    ("dmy-yy", re.compile(rf"\b({_DAY})\s+({_MONTH})\s+['’]?(\d{{2}})(?![\d:])", re.IGNORECASE)),
    ("dmy-text", re.compile(rf"\b({_DAY})\s+(?:of\s+)?({_MONTH})(?:,?\s+({_YEAR4}))?\b",
                            re.IGNORECASE)),
    ("dmy-foreign", re.compile(rf"(?<!\d)({_DAY})\.?\s+(?:de\s+)?({_FOREIGN_MONTH})"
                               rf"(?:,?\s+(?:de\s+)?({_YEAR4}))?(?!\w)", re.IGNORECASE)),
    # "05/oct", "2-Sep"
    ("day-month", re.compile(rf"(?<![\d\-/])(\d{{1,2}})[/\-]({_MONTH})(?![\w\-/])", re.IGNORECASE)),
    # "9/22"; "10-24" (a date column of a page that writes MM-DD), not "4-5pm"
    ("short", re.compile(r"(?<![\d/.:\-])(\d{1,2})(?:/|-(?=\d{2}\b))(\d{1,2})"
                         r"(?![\d/:\-]|\s*[ap]\.?m)", re.IGNORECASE)),
]
_TIME_RANGE = re.compile(
    r"(?<![\d:])(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|h)?\s*[-–—]\s*(\d{1,2})[:.](\d{2})\s*"
    r"(am|pm|h)?(?![\d])", re.IGNORECASE)
_TIME = re.compile(r"(?<![\d:])(\d{1,2})[:.](\d{2})\s*(am|pm)?(?![\d])", re.IGNORECASE)
_CLOCK = re.compile(r"\d[:.]\d\d")  # what _TIME_RANGE and _TIME cannot match without
_YEAR_IN = re.compile(rf"(?<![\d.])({_YEAR4})(?:\s*(?:--|[/\-–—])\s*(\d{{2,4}}))?(?![\d])")


# "Wed, 9 Oct 24" / "9 Oct 24": the day before the month, at the start or after a weekday;
# "Oct 24" is then no month and day, whatever year is in force (a two-digit year: dmy-yy)
_DAY_FIRST = re.compile(r"(?:^|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?)\s*\d{1,2}\s+$",
                        re.IGNORECASE)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY_BEFORE = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*\(?$", re.IGNORECASE)
_WEEKDAY_AFTER = re.compile(r"\s*,?\s*\(?(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b", re.IGNORECASE)
today = date.today  # the clock the weekday rule reads (tests set it)


class GuessedDate(date):
    """A date whose year the page does not give, inferred: ``why`` says how (the draft
    shows it as a ``# check:`` comment)."""

    why: str = ""


def weekday_year(month: int, day: int, weekday: int, now: date | None = None) -> int | None:
    """The most recent year, up to this one, in which ``month``/``day`` is a ``weekday``
    (0 = Monday): ``Thu Jan 25`` on a page that names no year is 2024 (in 2024–2028)."""
    year = (now or today()).year
    for y in range(year, year - 29, -1):  # the calendar repeats within 28 years
        try:
            if date(y, month, day).weekday() == weekday:
                return y
        except ValueError:  # Feb 29
            continue
    return None


def _by_weekday(text: str, m: re.Match[str], ctx: Context, dayfirst: bool) -> date | None:
    """A yearless ``Thu Jan 25`` (or ``Oct 19 Friday``) on a page without a year: the
    year from the weekday."""
    # (a weekday's name is at most a dozen characters before the date: the text before that
    # is not read again for each date of a long line)
    at = max(0, m.start() - 24)
    before = _WEEKDAY_BEFORE.search(text, at, m.start())
    if before is not None and before.start() == at and at > 0 and text[at - 1].isalnum():
        before = None  # the window began inside a word ("...xmon")
    wd = before or _WEEKDAY_AFTER.match(text, m.end(), m.end() + 24)
    if wd is None or ctx.year is not None or re.search(r"\d{4}", m.group(0)):
        return None
    probe = _parse(m.group(0), Context(ctx.dayfirst, 2000), dayfirst)  # 2000: a leap year
    weekday = _WEEKDAYS.index(wd.group(1).lower())
    year = weekday_year(probe.month, probe.day, weekday) if probe else None
    if probe is None or year is None:
        return None
    guess = GuessedDate(year, probe.month, probe.day)
    guess.why = (f"the page names no year: {year} is the latest year (up to this one) in "
                 f"which {probe:%b} {probe.day} is a {wd.group(1).capitalize()}")
    return guess


@dataclass(frozen=True)
class Found:
    """One date found in a text, with where it is (``start``, ``end``)."""

    day: date
    start: int
    end: int


@dataclass(frozen=True)
class Context:
    """What a date needs from its page: day or month first, and the year in force."""

    dayfirst: bool | None = None  # None: the page never says
    year: int | None = None
    second_year: int | None = None  # academic year 2021/22: months Jan-Jul fall in 2022

    def with_year_from(self, text: str) -> Context:
        """The context under a heading (or title) that names a year, if it does."""
        m = _YEAR_IN.search(text)
        if not m:
            return self
        first = int(m.group(1))
        second = None
        if m.group(2):
            tail = int(m.group(2))
            second = tail if tail > 100 else (first // 100) * 100 + tail
            if second != first + 1:
                second = None
        return Context(self.dayfirst, first, second)

    def year_for(self, month: int) -> int | None:
        if self.second_year and month < 8:
            return self.second_year
        return self.year


def page_dayfirst(texts: list[str]) -> bool | None:
    """Does the page write ``DD/MM`` (True) or ``MM/DD`` (False)? Settled by any numeric
    date whose first or second number cannot be a month; dotted dates are day-first."""
    votes = 0
    numeric = [pattern for name, pattern in _PATTERNS if name in ("numeric", "short")]
    for text in texts:
        if not _NUMBERS.search(text):  # all three need two numbers joined by - / or .
            continue
        if _PATTERNS[1][1].search(text):
            votes += 1
        for pattern in numeric:
            for m in pattern.finditer(text):
                a, b = int(m.group(1)), int(m.group(2))
                if a > 12 >= b:
                    votes += 1
                elif b > 12 >= a:
                    votes -= 1
    return None if votes == 0 else votes > 0


_TERM_YEAR = re.compile(rf"\b(?:spring|summer|fall|autumn|winter|semester|term|quarter)\s+"
                        rf"(?:(?:term|semester|quarter|session)\s+)?({_YEAR4})(?!\d)"
                        rf"|\b({_YEAR4})\s+(?:spring|summer|fall|autumn|winter)\b",
                        re.IGNORECASE)


def page_year(starts: list[str], prose: list[str], dayfirst: bool | None) -> int | None:
    """The year of a page whose title and front matter name none: the one year of the
    full dates its blocks start with (a schedule's ``12/20/2021 | Final exams``), else
    the one year of a term it names (``for the Spring 2025 semester``). None when they
    name several (or none): yearless dates then stay undated, or dated by weekday."""
    ctx = Context(dayfirst)
    years = set()
    for text in starts:
        head = text.strip(" *_[](<>|")[:40]  # only its start matters
        if not re.search(r"\d", head[:12]):  # "September 30, 2021": a digit by then
            continue
        found = find_dates(head, ctx)
        if found and found[0].start == 0 and not isinstance(found[0].day, GuessedDate):
            years.add(found[0].day.year)
    if not years:
        years = {int(m.group(1) or m.group(2)) for text in prose
                 for m in _TERM_YEAR.finditer(text)}
        if len(years) == 1 and not _weekdays_agree(next(iter(years)), starts, ctx):
            return None  # "projects from Spring 2023" on a page of 2025's "Jan 28, Tue"
    return years.pop() if len(years) == 1 else None


def _weekdays_agree(year: int, starts: list[str], ctx: Context) -> bool:
    """Whether most of the weekday-named dates the blocks start with (``Jan 28, Tue``)
    fall on their weekday in ``year`` (true when there are none)."""
    named = [f.day for text in starts for f in find_dates(text.strip(" *_[](<>|")[:40], ctx)
             if isinstance(f.day, GuessedDate)]
    agree = 0
    for day in named:
        with contextlib.suppress(ValueError):  # Feb 29
            agree += date(year, day.month, day.day).weekday() == day.weekday()
    return agree * 2 >= len(named)


def make_date(y: int | None, mo: int, d: int) -> date | None:
    """The day, or None when there is no year or no such day (a two-digit year is 20yy)."""
    if y is None:
        return None
    if y < 100:
        y += 2000
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _parse(text: str, ctx: Context, dayfirst: bool) -> date | None:
    """One date string through dateutil, with the context's year as the default."""
    from dateutil import parser

    has_year = bool(re.search(r"\d{4}", text))
    year = ctx.year if not has_year else 2000
    if year is None:
        return None
    text = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", text).replace(" of ", " ")
    try:
        parsed = parser.parse(text, dayfirst=dayfirst, default=datetime(year, 1, 1))
    except (ValueError, OverflowError):
        return None
    day = parsed.date()
    if not has_year and ctx.second_year:
        day = make_date(ctx.year_for(day.month), day.month, day.day) or day
    return day


# What each pattern cannot match without (a digit aside): two numbers joined by - . or /,
# or a month name (its first three letters, in the case-folded text: the patterns ignore
# case). These few tests rule out most patterns for most text.
_NUMBERS = re.compile(r"\d[-./]\d")
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                "dec")
_FOREIGN_STEMS = tuple(sorted({name[:3] for name in _FOREIGN}))
# any of the stems in the text, one scan each (not a scan per stem)
_MONTH_STEM, _FOREIGN_STEM = (re.compile("|".join(map(re.escape, stems)))
                              for stems in (_MONTH_STEMS, _FOREIGN_STEMS))
_NEEDS = {"iso": "numbers", "ymd-yy": "numbers", "dotted": "numbers", "numeric": "numbers",
          "short": "numbers", "ymd-text": "month", "mdy-text": "month", "dmy-yy": "month",
          "dmy-text": "month", "day-month": "month", "dmy-foreign": "foreign"}
_DIGIT = re.compile(r"\d")


class _Spans:
    """Non-overlapping spans of a text, kept sorted: whether a new one overlaps any is a
    bisection, not a pass over all (a long page has thousands of dates)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)  # the spans before i start before ``end``
        return i > 0 and self.ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def find_dates(text: str, ctx: Context, *, loose: bool = False) -> list[Found]:
    """Every date in ``text``, in order. ``loose`` also accepts yearless ``4/11`` (only
    where a date is expected: a date column, a "when:" line, a bracket)."""
    found: list[Found] = []
    taken = _Spans()
    dayfirst = bool(ctx.dayfirst)
    if not _DIGIT.search(text):
        return found  # every date has a number
    low = text.casefold()
    hints = {"numbers": bool(_NUMBERS.search(text)),
             "month": _MONTH_STEM.search(low) is not None,
             "foreign": _FOREIGN_STEM.search(low) is not None}
    for name, pattern in _PATTERNS:
        if name in ("short", "dmy-yy") and not loose or not hints[_NEEDS[name]]:
            continue  # "12 Oct 17" only where a date is expected: "17" may be a count
        for m in pattern.finditer(text):
            if taken.overlaps(m.start(), m.end()) or (
                    name == "dmy-foreign" and not loose and not m.group(3)) or (
                    name == "mdy-text" and _DAY_FIRST.search(text, max(0, m.start() - 24),
                                                             m.start())):
                continue  # "3 mars" without a year only where a date is expected
            days = _dates_of(name, m, ctx, dayfirst)
            if not days and name in ("mdy-text", "dmy-text"):
                days = [d] if (d := _by_weekday(text, m, ctx, dayfirst)) else []
            if days:
                taken.add(m.start(), m.end())
                found += [Found(d, m.start(), m.end()) for d in days]
    return sorted(found, key=lambda f: (f.start, f.day))


def _dates_of(name: str, m: re.Match[str], ctx: Context, dayfirst: bool) -> list[date]:
    g = m.groups()
    if name == "iso":
        day = make_date(int(g[0]), int(g[1]), int(g[2]))
    elif name == "dotted":  # day first, unless only month first can be: "08.25.2020"
        a, b = int(g[0]), int(g[1])
        day = make_date(int(g[2]), *((a, b) if b > 12 else (b, a)))
    elif name in ("numeric", "short"):
        a, b = int(g[0]), int(g[1])
        first_day = dayfirst if ctx.dayfirst is not None else a > 12
        d, mo = (a, b) if first_day else (b, a)
        year = int(g[2]) if name == "numeric" else ctx.year_for(mo)
        day = make_date(year, mo, d)
    elif name == "mdy-text" and g[2]:
        extra = [int(x) for x in re.findall(r"\d{1,2}", g[2])]
        first = _parse(f"{g[0]} {g[1]} {g[3] or ''}", ctx, dayfirst)
        if first is None:
            return []
        return [first] + [d for x in extra if (d := make_date(first.year, first.month, x))]
    elif name == "ymd-yy":
        day = _yy_mm_dd(int(g[0]), int(g[1]), int(g[2]), ctx)
    elif name == "dmy-foreign":
        if g[2] is None and ctx.year is None:
            return []
        month = _FOREIGN[g[1].lower().rstrip(".")]
        day = make_date(int(g[2]) if g[2] else ctx.year_for(month), month,
                    int(re.sub(r"\D", "", g[0])))
    elif name == "dmy-yy":
        yy = int(g[2])
        day = _parse(f"{g[0]} {g[1]} {2000 + yy if yy <= 40 else 1900 + yy}", ctx, dayfirst)
    else:
        day = _parse(m.group(0), ctx, dayfirst)
    return [day] if day else []


def _yy_mm_dd(a: int, b: int, c: int, ctx: Context) -> date | None:
    """``24-03-13``: year, month, day (ISO order), unless the year in force says the
    page writes day, month, year (``13-03-24`` on a 2024 page)."""
    if ctx.year is not None and ctx.year % 100 == c != a:
        return make_date(c, b, a)
    return make_date(a, b, c)


def find_time_range(text: str) -> tuple[time | None, time | None, int, int]:
    """The first ``10:00-10:40`` / ``1-2:15pm`` / ``5:00 PM`` in ``text``: (start, end,
    where it starts, where it ends); (None, None, -1, -1) if there is none."""
    if not _CLOCK.search(text):  # (both patterns end in one: most text has none)
        return None, None, -1, -1
    if m := _TIME_RANGE.search(text):
        h1, m1, ap1, h2, m2, ap2 = m.groups()
        ap1 = ap1 or (ap2 if ap2 and ap2.lower() in ("am", "pm") else None)
        start = _clock(int(h1), int(m1 or 0), ap1, int(h2), ap2)
        end = _clock(int(h2), int(m2), ap2)
        if start and end and start < end:
            return start, end, m.start(), m.end()
    if m := _TIME.search(text):
        t = _clock(int(m.group(1)), int(m.group(2)), m.group(3))
        if t:
            return t, None, m.start(), m.end()
    return None, None, -1, -1


def _clock(h: int, mi: int, ampm: str | None, end_h: int | None = None,
           end_ampm: str | None = None) -> time | None:
    ampm = (ampm or "").lower()
    if ampm == "pm" and h < 12:
        h += 12
    elif ampm == "am" and h == 12:
        h = 0
    elif (not ampm and end_ampm and end_ampm.lower() == "pm" and end_h is not None
          and h < 12 and (h + 12) <= (end_h % 12 + 12)):
        h += 12
    if h > 23 or mi > 59:
        return None
    return time(h, mi)
