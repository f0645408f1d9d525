"""A syllabus written back out: as TOML in the layout of the shipped default (the round
trip of :func:`~.load.load_syllabus`), and as plain JSON-ready data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..files import write_output
from ..models import Syllabus, Talk, json_text


def _q(value: str) -> str:
    """A TOML basic string (JSON string escaping is valid TOML; JSON leaves DEL, which TOML
    refuses, and the line separators, which some editors break lines at, as they are)."""
    return json_text(value)


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
    out += talks_toml(syllabus.talks)
    return "\n".join(out) + "\n"


def talks_toml(talks: tuple[Talk, ...] | list[Talk]) -> list[str]:
    """The ``[[talks]]`` tables for ``talks``, as lines (each table after a blank line)."""
    out: list[str] = []
    for t in talks:
        out += ["", "[[talks]]", f'date = "{t.date.isoformat()}"']
        if t.timed:
            out += [f'start = "{t.start:%H:%M}"', f'end = "{t.end:%H:%M}"']
        out.append(f"paper = {_q(t.paper)}")
        if t.speaker:
            out.append(f"speaker = {_q(t.speaker)}")
        if t.pinned:
            out.append("pinned = true")
    return out


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
