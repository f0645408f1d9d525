"""One builder per syllabus table: ``[seminar]``, ``[[areas]]``, ``[[papers]]``,
``[[topics]]``, ``[[talks]]``.

Each reads its table through :class:`~.fields.Fields` (which records every problem on
its line) and returns the models; an item too broken to keep (a paper without a key, a
duplicate slug) is reported and left out.
"""

from __future__ import annotations

from typing import Any

from ..errors import Problem
from ..identifiers import ID_CHECKS, MAX_LONG_TEXT, key_problem, url_problem
from ..models import Area, Milestone, Paper, Seminar, Talk, Topic
from .fields import Fields

PAPER_FIELDS = frozenset({
    "key", "title", "authors", "et_al", "venue", "year", "arxiv", "doi", "dblp", "s2_id",
    "citekey", "version", "note",
})
SEMINAR_FIELDS = frozenset({"title", "institution", "term", "url", "milestones",
                            "focus_topics", "focus_map"})
MILESTONE_FIELDS = frozenset({"when", "what"})
AREA_FIELDS = frozenset({"slug", "title"})
TOPIC_FIELDS = frozenset({"slug", "title", "area", "question", "papers"})
TALK_FIELDS = frozenset({"date", "start", "end", "paper", "speaker", "pinned"})
TABLES = frozenset({"seminar", "areas", "topics", "papers", "talks"})


def top_level(f: Fields) -> None:
    """Warn about a table the syllabus does not have (``[[paper]]`` for ``[[papers]]``)."""
    for name in sorted(set(f.data) - TABLES):
        line = f.lines.of("", -1, name) or f.lines.of(name, 0)
        f.problems.append(Problem(f.source, line, f"unknown table '{name}' (known: "
                                  f"{', '.join(sorted(TABLES))}); ignored", "warning"))


def seminar(f: Fields) -> Seminar:
    raw = f.data.get("seminar")
    if not isinstance(raw, dict):
        f.problems.append(Problem(f.source, 1, "missing [seminar] table with a title"))
        return Seminar(title="")
    f.unknown(raw, "seminar", 0, SEMINAR_FIELDS)
    milestones = []
    for i, m in enumerate(f.items("milestones", raw, parent="seminar")):
        f.unknown(m, "seminar.milestones", i, MILESTONE_FIELDS)
        when = f.text(m, "seminar.milestones", i, "when", required=True, limit=MAX_LONG_TEXT)
        what = f.text(m, "seminar.milestones", i, "what", required=True, limit=MAX_LONG_TEXT)
        milestones.append(Milestone(when, what))
    focus_map = _focus_map(f, raw.get("focus_map", {}))
    url = f.text(raw, "seminar", 0, "url")
    if url and (problem := url_problem(url)) is not None:
        f.err("seminar", 0, "url", f"seminar: {problem}")
    return Seminar(
        title=f.text(raw, "seminar", 0, "title", required=True),
        institution=f.text(raw, "seminar", 0, "institution"),
        term=f.text(raw, "seminar", 0, "term"),
        url=url,
        milestones=tuple(milestones),
        focus_topics=f.texts(raw, "seminar", 0, "focus_topics"),
        focus_map=tuple(focus_map),
    )


def _focus_map(f: Fields, fmap: Any) -> list[tuple[str, tuple[str, ...]]]:
    """``focus_map = {slug = "topic" or ["topic", …]}``; anything else one error."""
    if not isinstance(fmap, dict):
        f.err("seminar", 0, "focus_map", "seminar: focus_map must be a table")
        return []
    out: list[tuple[str, tuple[str, ...]]] = []
    for k, v in fmap.items():
        values = [v] if isinstance(v, str | int | float) and not isinstance(v, bool) else v
        if not isinstance(values, list) or not all(isinstance(x, str | int | float)
                                                   and not isinstance(x, bool) for x in values):
            f.err("seminar.focus_map", 0, k, f"seminar: focus_map.{k} must be a string or "
                  "a list of strings")
            continue
        out.append((k, tuple(str(x) for x in values)))
    return out


def areas(f: Fields) -> tuple[Area, ...]:
    out: list[Area] = []
    seen: set[str] = set()
    for i, a in enumerate(f.items("areas")):
        f.unknown(a, "areas", i, AREA_FIELDS)
        title = f.text(a, "areas", i, "title", required=True)
        slug = f.slug(a, "areas", i, title, file_name=False)
        if slug in seen:
            f.err("areas", i, "slug", f"duplicate area slug '{slug}'")
            continue
        seen.add(slug)
        out.append(Area(slug, title))
    return tuple(out)


def papers(f: Fields) -> tuple[Paper, ...]:
    out: list[Paper] = []
    seen: set[str] = set()
    for i, p in enumerate(f.items("papers")):
        key = f.text(p, "papers", i, "key")
        if not key:
            f.err("papers", i, "key" if "key" in p else None, "paper without a key")
            continue
        if key in seen:
            f.err("papers", i, "key", f"duplicate paper key '{key}'")
            continue
        if (problem := key_problem(key, "paper key")) is not None:
            f.err("papers", i, "key", problem)
        seen.add(key)
        out.append(_paper(f, p, i, key))
    return tuple(out)


def _paper(f: Fields, p: dict, i: int, key: str) -> Paper:
    title = f.text(p, "papers", i, "title", required=True)
    year = p.get("year")
    if year is not None and (not isinstance(year, int) or not 1000 <= year <= 2999):
        f.err("papers", i, "year", f"paper {key}: year must be a 4-digit number")
        year = None
    f.unknown(p, "papers", i, PAPER_FIELDS)
    ids = _ids(f, p, i, key)
    return Paper(
        key=key,
        title=title,
        authors=_authors(f, p, i, key),
        et_al=f.flag(p, "papers", i, "et_al"),
        venue=f.text(p, "papers", i, "venue"),
        year=year,
        arxiv=ids["arxiv"],
        doi=ids["doi"],
        dblp=ids["dblp"],
        s2_id=ids["s2_id"],
        citekey=ids["citekey"],
        version=f.text(p, "papers", i, "version") or None,
        note=f.text(p, "papers", i, "note", limit=MAX_LONG_TEXT),
    )


def _authors(f: Fields, p: dict, i: int, key: str) -> tuple[str, ...]:
    """The paper's authors; one string naming several is refused (BibTeX would read
    "Arthur Jacot, Franck Gabriel" as the surname "Arthur Jacot")."""
    value = p.get("authors")
    if isinstance(value, str) and ("," in value or " and " in value):
        f.err("papers", i, "authors", f"paper {key}: authors is one string; write a list "
              'of names, e.g. authors = ["Arthur Jacot", "Franck Gabriel"]')
        return ()
    names = f.texts(p, "papers", i, "authors")
    for name in names:
        if name.count(",") > 2:  # BibTeX reads "Last, Jr, First" at most
            f.err("papers", i, "authors", f"paper {key}: author {name[:80]!r} has more than "
                  "two commas (BibTeX reads 'Last, First' or 'Last, Jr., First')")
            return ()
    return names


def _ids(f: Fields, item: dict, i: int, key: str) -> dict[str, str | None]:
    """The paper's ids (arxiv, doi, dblp, s2_id) and citekey, each checked."""
    out: dict[str, str | None] = {}
    for name in ("arxiv", "doi", "dblp", "s2_id", "citekey"):
        value = f.text(item, "papers", i, name) or None
        check = ID_CHECKS.get(name) or (lambda v: key_problem(v, "citekey"))
        if value is not None and (problem := check(value)) is not None:
            f.err("papers", i, name, f"paper {key}: {problem}")
        out[name] = value
    return out


def topics(f: Fields, area_slugs: set[str], paper_keys: set[str]) -> tuple[Topic, ...]:
    out: list[Topic] = []
    seen: set[str] = set()
    for i, t in enumerate(f.items("topics")):
        f.unknown(t, "topics", i, TOPIC_FIELDS)
        title = f.text(t, "topics", i, "title", required=True)
        slug = f.slug(t, "topics", i, title, file_name=True)  # bib/<slug>.bib
        if slug in seen:
            f.err("topics", i, "slug", f"duplicate topic slug '{slug}'")
            continue
        seen.add(slug)
        area = f.text(t, "topics", i, "area")
        if not area:
            f.err("topics", i, None, f"topic {slug}: missing area")
        elif area not in area_slugs:
            f.err("topics", i, "area", f"topic {slug}: unknown area '{area}'")
        keys = f.texts(t, "topics", i, "papers")
        if len(set(keys)) < len(keys):
            twice = sorted({k for k in keys if keys.count(k) > 1})
            f.warn("topics", i, "papers", f"topic {slug}: {', '.join(twice)} listed twice; "
                   "counted once")
            keys = tuple(dict.fromkeys(keys))
        for k in keys:
            if k not in paper_keys:
                f.err("topics", i, "papers", f"topic {slug}: unknown paper key '{k}'")
        question = f.text(t, "topics", i, "question", limit=MAX_LONG_TEXT)
        out.append(Topic(slug, title, area, question, keys))
    return tuple(out)


def talks(f: Fields, paper_keys: set[str]) -> tuple[Talk, ...]:
    out: list[Talk] = []
    for i, t in enumerate(f.items("talks")):
        f.unknown(t, "talks", i, TALK_FIELDS)
        key = f.text(t, "talks", i, "paper")
        if not key:
            f.err("talks", i, None, "talk without a paper")
        elif key not in paper_keys:
            f.err("talks", i, "paper", f"talk: unknown paper key '{key}'")
        day = f.date_field(t, "talks", i)
        untimed = "start" not in t and "end" not in t  # a session known by its day only
        start = None if untimed else f.time_field(t, "talks", i, "start")
        end = None if untimed else f.time_field(t, "talks", i, "end")
        if start and end and end <= start:
            f.err("talks", i, "end", f"talk {key}: ends ({end:%H:%M}) before it starts")
        if day and (untimed or (start and end)):
            out.append(Talk(day, start, end, key, f.text(t, "talks", i, "speaker"),
                            f.flag(t, "talks", i, "pinned")))
    return tuple(out)
