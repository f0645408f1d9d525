"""Loading a syllabus: read the file, parse the TOML, build and check every table.

Every problem is collected (:class:`~.fields.Fields`) and reported at the end, errors in
file order, as one :class:`~papergraph.errors.SyllabusError`.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

import tomli

from ..errors import Problem, SyllabusError
from ..files import read_user_file
from ..models import Syllabus
from . import checks, tables
from .fields import Fields
from .lines import Lines

DEFAULT_SYLLABUS = "tum-ss2020.toml"

_TOML_ERR_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def default_syllabus_path() -> Path:
    """Path of the shipped default syllabus (the TUM SS2020 seminar)."""
    return Path(str(resources.files("papergraph") / "data" / DEFAULT_SYLLABUS))


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
        data = tomli.loads(text)  # tomllib's parser, compiled (mypyc): a third of its time
    except RecursionError:  # tomli recurses once per level of nested arrays/tables
        raise SyllabusError(Problem(source, _deepest_line(text), "invalid TOML: arrays or "
                                    "tables nested too deep")) from None
    except tomli.TOMLDecodeError as exc:
        msg = str(exc)
        m = _TOML_ERR_LINE.search(msg)
        line = int(m.group(1)) if m else None
        raise SyllabusError(
            Problem(source, line, "invalid TOML: " + _TOML_ERR_LINE.sub("", msg).strip())
        ) from None
    return build(data, Lines(text), source)


def _deepest_line(text: str) -> int:
    """The line where brackets and braces nest deepest (strings not excepted)."""
    depth = best = 0
    line = best_line = 1
    for ch in text:
        if ch == "\n":
            line += 1
        elif ch in "[{":
            depth += 1
            if depth > best:
                best, best_line = depth, line
        elif ch in "]}":
            depth = max(0, depth - 1)
    return best_line


def build(data: dict[str, Any], lines: Lines, source: str) -> Syllabus:
    """The syllabus from parsed TOML (``lines`` places each problem in ``source``)."""
    f = Fields(data, lines, source)
    tables.top_level(f)
    seminar = tables.seminar(f)
    areas = tables.areas(f)
    papers = tables.papers(f)
    topics = tables.topics(f, {a.slug for a in areas}, {p.key for p in papers})
    talks = tables.talks(f, {p.key for p in papers})
    checks.membership(f, papers, topics)
    checks.overlaps(f, talks)
    errors = sorted((p for p in f.problems if p.level == "error"),
                    key=lambda p: p.line or 0)  # in file order
    if errors:
        raise SyllabusError(errors)
    warnings = tuple(str(p) for p in sorted((p for p in f.problems if p.level == "warning"),
                                            key=lambda p: p.line or 0))
    return Syllabus(seminar, areas, topics, papers, talks, source, warnings)


