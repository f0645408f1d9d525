"""Stage 1: the reading list as data.

A syllabus is a human-editable TOML file (see ``data/tum-ss2020.toml``, the shipped
default). :func:`load_syllabus` parses and validates it; every problem is reported as
``FILE:LINE: message`` in one :class:`~papergraph.errors.SyllabusError`.
:func:`dump_syllabus` writes the same format back (round trip).
"""

from __future__ import annotations

import json
import re
import tomllib
from datetime import date, datetime, time
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import Problem, SyllabusError
from .files import read_user_file, write_output
from .identifiers import (
    ID_CHECKS,
    MAX_LONG_TEXT,
    MAX_TEXT,
    key_problem,
    slug_problem,
    too_long,
    url_problem,
)
from .models import Area, Milestone, Paper, Seminar, Syllabus, Talk, Topic, slugify

DEFAULT_SYLLABUS = "tum-ss2020.toml"

_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.]+)\s*\]\]\s*(#.*)?$")
# A TOML basic string, unrolled and possessive: linear time and constant memory on a line
# of any length (the plain ``"(?:\\.|[^"\\])*"`` kept a backtracking entry per character:
# 6 GB for a 50 MB title).
_STRING = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"')
_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.]+)\s*\]\s*(#.*)?$")
_ASSIGN = re.compile(r"^\s*([A-Za-z0-9_]+)\s*=")
_TOML_ERR_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def default_syllabus_path() -> Path:
    """Path of the shipped default syllabus (the TUM SS2020 seminar)."""
    return Path(str(resources.files("papergraph") / "data" / DEFAULT_SYLLABUS))


class _Lines:
    """Line numbers of TOML tables and assignments, for ``FILE:LINE`` messages.

    tomllib gives no positions, so we read the text once more: for every array-of-tables
    item (``[[papers]]``) and every ``name = value`` inside it we remember the line.
    """

    def __init__(self, text: str):
        self.items: dict[tuple[str, int], int] = {}
        self.fields: dict[tuple[str, int, str], int] = {}
        counts: dict[str, int] = {}
        table, index = "", -1
        depth = 0  # inside a multi-line array
        for lineno, line in enumerate(text.splitlines(), start=1):
            if depth > 0:
                depth += line.count("[") - line.count("]")
                continue
            if m := _HEADER.match(line):
                table = m.group(1)
                index = counts.get(table, 0)
                counts[table] = index + 1
                self.items[(table, index)] = lineno
                continue
            if m := _TABLE.match(line):
                table, index = m.group(1), 0
                self.items.setdefault((table, 0), lineno)
                continue
            if m := _ASSIGN.match(line):
                self.fields.setdefault((table, index, m.group(1)), lineno)
                value = line.split("=", 1)[1]
                value = _STRING.sub('""', value)
                depth = max(0, value.count("[") - value.count("]"))

    def of(self, table: str, index: int, name: str | None = None) -> int | None:
        if name is not None and (table, index, name) in self.fields:
            return self.fields[(table, index, name)]
        return self.items.get((table, index))


def load_syllabus(path: str | Path | None = None) -> Syllabus:
    """Load and validate a syllabus TOML file (the shipped default when ``path`` is None).

    Raises :class:`SyllabusError` listing every error as ``FILE:LINE: message``;
    warnings (e.g. a paper in no topic) are kept in ``Syllabus.warnings``.
    """
    file = Path(path) if path is not None else default_syllabus_path()
    shown = str(path) if path is not None else f"<default>/{DEFAULT_SYLLABUS}"
    text = read_user_file(file, shown, what="syllabus file", error=SyllabusError)
    return parse_syllabus(text, source=shown)


def parse_syllabus(text: str, source: str = "<string>") -> Syllabus:
    """Parse and validate syllabus TOML given as text (see :func:`load_syllabus`)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _TOML_ERR_LINE.search(msg)
        line = int(m.group(1)) if m else None
        raise SyllabusError(
            Problem(source, line, "invalid TOML: " + _TOML_ERR_LINE.sub("", msg).strip())
        ) from None
    return _Builder(data, _Lines(text), source).build()


class _Builder:
    def __init__(self, data: dict[str, Any], lines: _Lines, source: str):
        self.data, self.lines, self.source = data, lines, source
        self.problems: list[Problem] = []

    def err(self, table: str, index: int, name: str | None, message: str) -> None:
        self.problems.append(Problem(self.source, self.lines.of(table, index, name), message))

    def warn(self, table: str, index: int, name: str | None, message: str) -> None:
        line = self.lines.of(table, index, name)
        self.problems.append(Problem(self.source, line, message, level="warning"))

    # -- helpers
    def _str(self, item: dict, table: str, i: int, name: str, required: bool = False,
             limit: int = MAX_TEXT) -> str:
        value = item.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.err(table, i, name, f"{name} must be a string, got {value!r}")
            return ""
        value = value.strip()
        if (long := too_long(value, limit)) is not None:
            self.err(table, i, name, f"{self._what(item, table, i)}: {name} {long}")
            return value[:limit]  # reported; the cut value spares follow-on errors
        if required and not value:
            self.err(table, i, name if name in item else None,
                     f"{self._what(item, table, i)}: missing {name}")
        return value

    @staticmethod
    def _what(item: dict, table: str, i: int) -> str:
        """``paper p1``, ``topic kernels``, ``area #2``: who a message is about."""
        what = table.rsplit(".", 1)[-1].rstrip("s") if table != "seminar" else "seminar"
        ident = item.get("key") or item.get("slug")
        if not isinstance(ident, str) or too_long(ident, 60):
            ident = f"#{i + 1}"
        return what if table == "seminar" else f"{what} {ident}"

    def _list(self, item: dict, table: str, i: int, name: str) -> tuple[str, ...]:
        value = item.get(name, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.err(table, i, name, f"{name} must be a list of strings")
            return ()
        out = tuple(v.strip() for v in value if v.strip())
        for v in out:
            if (long := too_long(v, MAX_TEXT)) is not None:
                self.err(table, i, name, f"{self._what(item, table, i)}: an entry of {name} {long}")
                return tuple(v[:MAX_TEXT] for v in out)
        return out

    def _slug(self, item: dict, table: str, i: int, title: str, *, file_name: bool) -> str:
        """The item's slug, given or made from its title; refused unless it is safe."""
        given = self._str(item, table, i, "slug")
        slug = given or slugify(title)
        what = table.rstrip("s")
        if not slug and title:
            self.err(table, i, None, f"{what} {title!r}: no slug can be made from its title; "
                     'add slug = "..." (lower-case letters, digits and hyphens)')
        elif slug and (problem := slug_problem(slug, file_name=file_name)) is not None:
            made = "" if given else " (made from its title; add slug = \"...\")"
            self.err(table, i, "slug" if given else "title", f"{what} {problem}{made}")
        return slug

    def _ids(self, item: dict, i: int, key: str) -> dict[str, str | None]:
        """The paper's ids (arxiv, doi, dblp, s2_id) and citekey, each checked."""
        out: dict[str, str | None] = {}
        for name in ("arxiv", "doi", "dblp", "s2_id", "citekey"):
            value = self._str(item, "papers", i, name) or None
            check = ID_CHECKS.get(name) or (lambda v: key_problem(v, "citekey"))
            if value is not None and (problem := check(value)) is not None:
                self.err("papers", i, name, f"paper {key}: {problem}")
            out[name] = value
        return out

    def _items(self, name: str, container: dict | None = None) -> list[dict]:
        value = (self.data if container is None else container).get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.err(name, 0, None, f"'{name}' must be an array of tables ([[{name}]])")
            return []
        return value

    # -- sections
    def build(self) -> Syllabus:
        seminar = self._seminar()
        areas = self._areas()
        papers = self._papers()
        topics = self._topics({a.slug for a in areas}, {p.key for p in papers})
        talks = self._talks({p.key for p in papers})
        self._check_membership(papers, topics)
        self._check_overlaps(talks)
        errors = sorted((p for p in self.problems if p.level == "error"),
                        key=lambda p: p.line or 0)  # in file order
        if errors:
            raise SyllabusError(errors)
        warnings = tuple(str(p) for p in self.problems if p.level == "warning")
        return Syllabus(seminar, areas, topics, papers, talks, self.source, warnings)

    def _seminar(self) -> Seminar:
        raw = self.data.get("seminar")
        if not isinstance(raw, dict):
            self.problems.append(Problem(self.source, 1, "missing [seminar] table with a title"))
            return Seminar(title="")
        milestones = []
        for i, m in enumerate(self._items("milestones", raw)):
            when = self._str(m, "seminar.milestones", i, "when", required=True,
                             limit=MAX_LONG_TEXT)
            what = self._str(m, "seminar.milestones", i, "what", required=True,
                             limit=MAX_LONG_TEXT)
            milestones.append(Milestone(when, what))
        focus_map: list[tuple[str, tuple[str, ...]]] = []
        fmap = raw.get("focus_map", {})
        if isinstance(fmap, dict):
            focus_map = [
                (k, tuple(v) if isinstance(v, list) else (str(v),)) for k, v in fmap.items()
            ]
        url = self._str(raw, "seminar", 0, "url")
        if url and (problem := url_problem(url)) is not None:
            self.err("seminar", 0, "url", f"seminar: {problem}")
        return Seminar(
            title=self._str(raw, "seminar", 0, "title", required=True),
            institution=self._str(raw, "seminar", 0, "institution"),
            term=self._str(raw, "seminar", 0, "term"),
            url=url,
            milestones=tuple(milestones),
            focus_topics=self._list(raw, "seminar", 0, "focus_topics"),
            focus_map=tuple(focus_map),
        )

    def _areas(self) -> tuple[Area, ...]:
        areas: list[Area] = []
        seen: set[str] = set()
        for i, a in enumerate(self._items("areas")):
            title = self._str(a, "areas", i, "title", required=True)
            slug = self._slug(a, "areas", i, title, file_name=False)
            if slug in seen:
                self.err("areas", i, "slug", f"duplicate area slug '{slug}'")
                continue
            seen.add(slug)
            areas.append(Area(slug, title))
        return tuple(areas)

    def _papers(self) -> tuple[Paper, ...]:
        papers: list[Paper] = []
        seen: set[str] = set()
        for i, p in enumerate(self._items("papers")):
            key = self._str(p, "papers", i, "key")
            if not key:
                self.err("papers", i, "key" if "key" in p else None, "paper without a key")
                continue
            if key in seen:
                self.err("papers", i, "key", f"duplicate paper key '{key}'")
                continue
            if (problem := key_problem(key, "paper key")) is not None:
                self.err("papers", i, "key", problem)
            seen.add(key)
            title = self._str(p, "papers", i, "title", required=True)
            year = p.get("year")
            if year is not None and (not isinstance(year, int) or not 1000 <= year <= 2999):
                self.err("papers", i, "year", f"paper {key}: year must be a 4-digit number")
                year = None
            unknown = sorted(set(p) - _PAPER_FIELDS)
            if unknown:
                self.warn("papers", i, unknown[0], f"paper {key}: unknown field(s) {unknown}")
            ids = self._ids(p, i, key)
            papers.append(
                Paper(
                    key=key,
                    title=title,
                    authors=self._list(p, "papers", i, "authors"),
                    et_al=bool(p.get("et_al", False)),
                    venue=self._str(p, "papers", i, "venue"),
                    year=year,
                    arxiv=ids["arxiv"],
                    doi=ids["doi"],
                    dblp=ids["dblp"],
                    s2_id=ids["s2_id"],
                    citekey=ids["citekey"],
                    version=self._str(p, "papers", i, "version") or None,
                    note=self._str(p, "papers", i, "note", limit=MAX_LONG_TEXT),
                )
            )
        return tuple(papers)

    def _topics(self, areas: set[str], papers: set[str]) -> tuple[Topic, ...]:
        topics: list[Topic] = []
        seen: set[str] = set()
        for i, t in enumerate(self._items("topics")):
            title = self._str(t, "topics", i, "title", required=True)
            slug = self._slug(t, "topics", i, title, file_name=True)  # bib/<slug>.bib
            if slug in seen:
                self.err("topics", i, "slug", f"duplicate topic slug '{slug}'")
                continue
            seen.add(slug)
            area = self._str(t, "topics", i, "area")
            if not area:
                self.err("topics", i, None, f"topic {slug}: missing area")
            elif area not in areas:
                self.err("topics", i, "area", f"topic {slug}: unknown area '{area}'")
            keys = self._list(t, "topics", i, "papers")
            for k in keys:
                if k not in papers:
                    self.err("topics", i, "papers", f"topic {slug}: unknown paper key '{k}'")
            question = self._str(t, "topics", i, "question", limit=MAX_LONG_TEXT)
            topics.append(Topic(slug, title, area, question, keys))
        return tuple(topics)

    def _talks(self, papers: set[str]) -> tuple[Talk, ...]:
        talks: list[Talk] = []
        for i, t in enumerate(self._items("talks")):
            key = self._str(t, "talks", i, "paper")
            if not key:
                self.err("talks", i, None, "talk without a paper")
            elif key not in papers:
                self.err("talks", i, "paper", f"talk: unknown paper key '{key}'")
            day = self._date(t, i)
            untimed = "start" not in t and "end" not in t  # a session known by its day only
            start = None if untimed else self._time(t, i, "start")
            end = None if untimed else self._time(t, i, "end")
            if start and end and end <= start:
                self.err("talks", i, "end", f"talk {key}: ends ({end:%H:%M}) before it starts")
            if day and (untimed or (start and end)):
                talks.append(Talk(day, start, end, key, self._str(t, "talks", i, "speaker")))
        return tuple(talks)

    def _date(self, t: dict, i: int) -> date | None:
        value = t.get("date")
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.err("talks", i, "date" if "date" in t else None,
                 f"malformed date {value!r}: expected YYYY-MM-DD")
        return None

    def _time(self, t: dict, i: int, name: str) -> time | None:
        value = t.get(name)
        if isinstance(value, time):
            return value
        if isinstance(value, str) and re.fullmatch(r"\d{1,2}:\d{2}", value.strip()):
            hh, mm = (int(x) for x in value.strip().split(":"))
            if hh < 24 and mm < 60:
                return time(hh, mm)
        self.err("talks", i, name if name in t else None,
                 f"malformed {name} time {value!r}: expected HH:MM")
        return None

    def _check_membership(self, papers: tuple[Paper, ...], topics: tuple[Topic, ...]) -> None:
        listed = {k for t in topics for k in t.papers}
        for p in papers:
            if p.key not in listed:
                self.warn("papers", self._index_of("papers", "key", p.key), "key",
                          f"paper {p.key} is in no topic")

    def _check_overlaps(self, talks: tuple[Talk, ...]) -> None:
        raw = self._items("talks")
        timed = [j for j in range(len(talks)) if talks[j].timed]
        order = sorted(timed, key=lambda j: (talks[j].date, talks[j].start))
        for a, b in zip(order, order[1:], strict=False):
            ta, tb = talks[a], talks[b]
            if ta.date == tb.date and tb.start < ta.end:  # type: ignore[operator]
                idx = self._talk_index(raw, tb)
                self.err("talks", idx, "start",
                         f"talk {tb.paper} ({tb.start:%H:%M}-{tb.end:%H:%M}) overlaps "
                         f"talk {ta.paper} ({ta.start:%H:%M}-{ta.end:%H:%M}) on {ta.date}")

    def _talk_index(self, raw: list[dict], talk: Talk) -> int:
        for i, t in enumerate(raw):
            if t.get("paper") == talk.paper and str(t.get("start", "")).startswith(
                f"{talk.start:%H:%M}"[:4]
            ):
                return i
        return 0

    def _index_of(self, table: str, name: str, value: str) -> int:
        for i, item in enumerate(self._items(table)):
            if item.get(name) == value:
                return i
        return 0


_PAPER_FIELDS = {
    "key", "title", "authors", "et_al", "venue", "year", "arxiv", "doi", "dblp", "s2_id",
    "citekey", "version", "note",
}


# --------------------------------------------------------------------------- writing


def _q(value: str) -> str:
    """A TOML basic string (JSON string escaping is valid TOML)."""
    return json.dumps(value, ensure_ascii=False)


def _qlist(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(_q(v) for v in values) + "]"


def dump_syllabus(syllabus: Syllabus) -> str:
    """The syllabus as TOML text, in the layout of the shipped default."""
    s = syllabus.seminar
    out = ["# papergraph syllabus", "", "[seminar]", f"title = {_q(s.title)}"]
    out += [f"institution = {_q(s.institution)}", f"term = {_q(s.term)}", f"url = {_q(s.url)}"]
    if s.focus_topics:
        out.append("focus_topics = [")
        out += [f"  {_q(f)}," for f in s.focus_topics]
        out.append("]")
    if s.focus_map:
        out += ["", "[seminar.focus_map]"]
        out += [f"{_q(k)} = {_qlist(v)}" for k, v in s.focus_map]
    for m in s.milestones:
        out += ["", "[[seminar.milestones]]", f"when = {_q(m.when)}", f"what = {_q(m.what)}"]
    for a in syllabus.areas:
        out += ["", "[[areas]]", f"slug = {_q(a.slug)}", f"title = {_q(a.title)}"]
    for t in syllabus.topics:
        out += ["", "[[topics]]", f"slug = {_q(t.slug)}", f"title = {_q(t.title)}"]
        if t.question:
            out.append(f"question = {_q(t.question)}")
        out += [f"area = {_q(t.area)}", f"papers = {_qlist(t.papers)}"]
    for p in syllabus.papers:
        out += ["", "[[papers]]", f"key = {_q(p.key)}", f"title = {_q(p.title)}"]
        if p.authors:
            out.append(f"authors = {_qlist(p.authors)}")
        if p.et_al:
            out.append("et_al = true")
        if p.venue:
            out.append(f"venue = {_q(p.venue)}")
        if p.year is not None:
            out.append(f"year = {p.year}")
        for name in ("arxiv", "doi", "dblp", "s2_id", "citekey", "version", "note"):
            value = getattr(p, name)
            if value:
                out.append(f"{name} = {_q(value)}")
    for t in syllabus.talks:
        out += ["", "[[talks]]", f'date = "{t.date.isoformat()}"']
        if t.timed:
            out += [f'start = "{t.start:%H:%M}"', f'end = "{t.end:%H:%M}"']
        out.append(f"paper = {_q(t.paper)}")
        if t.speaker:
            out.append(f"speaker = {_q(t.speaker)}")
    return "\n".join(out) + "\n"


def save_syllabus(syllabus: Syllabus, path: str | Path) -> Path:
    """Write ``syllabus`` as TOML to ``path`` and return the path."""
    return write_output(path, dump_syllabus(syllabus))


def syllabus_summary(syllabus: Syllabus) -> dict[str, Any]:
    """The syllabus as plain JSON-ready data (the shape of ``papergraph info --json``)."""
    s = syllabus.seminar
    return {
        "seminar": {
            "title": s.title,
            "institution": s.institution,
            "term": s.term,
            "url": s.url,
            "milestones": [{"when": m.when, "what": m.what} for m in s.milestones],
            "focus_topics": list(s.focus_topics),
        },
        "areas": [
            {"slug": a.slug, "title": a.title,
             "topics": [t.slug for t in syllabus.topics if t.area == a.slug]}
            for a in syllabus.areas
        ],
        "topics": [
            {"slug": t.slug, "title": t.title, "question": t.question, "area": t.area,
             "papers": list(t.papers)}
            for t in syllabus.topics
        ],
        "papers": [
            {"key": p.key, "title": p.title, "authors": list(p.authors), "et_al": p.et_al,
             "venue": p.venue, "year": p.year, "arxiv": p.arxiv,
             "topics": list(syllabus.topics_of(p.key))}
            for p in syllabus.papers
        ],
        "talks": [
            {"date": t.date.isoformat(),
             "start": f"{t.start:%H:%M}" if t.start else None,
             "end": f"{t.end:%H:%M}" if t.end else None,
             "paper": t.paper}
            for t in syllabus.talks
        ],
    }
