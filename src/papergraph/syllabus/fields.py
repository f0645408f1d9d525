"""Reading one field of a syllabus table with its type check; collecting the problems.

:class:`Fields` holds the parsed TOML and every :class:`~papergraph.errors.Problem` found
so far, each placed on its line (:class:`~.lines.Lines`). Its readers never raise: a
wrong value is reported and replaced by an empty one, so that one run lists every
problem of the file.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from ..errors import Problem
from ..identifiers import MAX_TEXT, slug_problem, too_long
from ..models import slugify
from .lines import Lines


class Fields:
    """The syllabus's data, where it stands, and the problems found in it."""

    def __init__(self, data: dict[str, Any], lines: Lines, source: str):
        self.data, self.lines, self.source = data, lines, source
        self.problems: list[Problem] = []
        self._malformed: set[str] = set()  # top-level tables already reported as malformed

    def err(self, table: str, index: int, name: str | None, message: str) -> None:
        self.problems.append(Problem(self.source, self.lines.of(table, index, name), message))

    def warn(self, table: str, index: int, name: str | None, message: str) -> None:
        line = self.lines.of(table, index, name)
        self.problems.append(Problem(self.source, line, message, level="warning"))

    def text(self, item: dict, table: str, i: int, name: str, required: bool = False,
             limit: int = MAX_TEXT) -> str:
        value = item.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.err(table, i, name, f"{what(item, table, i)}: {name} must be a string, "
                     f"got {value!r}")
            return ""
        value = value.strip()
        if (long := too_long(value, limit)) is not None:
            self.err(table, i, name, f"{what(item, table, i)}: {name} {long}")
            return value[:limit]  # reported; the cut value spares follow-on errors
        if required and not value:
            self.err(table, i, name if name in item else None,
                     f"{what(item, table, i)}: missing {name}")
        return value

    def texts(self, item: dict, table: str, i: int, name: str) -> tuple[str, ...]:
        value = item.get(name, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.err(table, i, name, f"{what(item, table, i)}: {name} must be a list of "
                     "strings")
            return ()
        out = tuple(v.strip() for v in value if v.strip())
        for v in out:
            if (long := too_long(v, MAX_TEXT)) is not None:
                self.err(table, i, name, f"{what(item, table, i)}: an entry of {name} {long}")
                return tuple(v[:MAX_TEXT] for v in out)
        return out

    def flag(self, item: dict, table: str, i: int, name: str) -> bool:
        value = item.get(name, False)
        if not isinstance(value, bool):
            self.err(table, i, name, f"{what(item, table, i)}: {name} must be true or false, "
                     f"got {value!r}")
            return False
        return value

    def slug(self, item: dict, table: str, i: int, title: str, *, file_name: bool) -> str:
        """The item's slug, given or made from its title; refused unless it is safe."""
        given = self.text(item, table, i, "slug")
        slug = given or slugify(title)
        kind = table.rstrip("s")
        if not slug and title:
            self.err(table, i, None, f"{kind} {title!r}: no slug can be made from its title; "
                     'add slug = "..." (lower-case letters, digits and hyphens)')
        elif slug and (problem := slug_problem(slug, file_name=file_name)) is not None:
            made = "" if given else " (made from its title; add slug = \"...\")"
            self.err(table, i, "slug" if given else "title", f"{kind} {problem}{made}")
        return slug

    def items(self, name: str, container: dict | None = None, parent: str = "") -> list[dict]:
        """The array of tables ``name`` (``[[name]]``), of the top level or ``container``
        (the table ``parent``, e.g. ``seminar``)."""
        value = (self.data if container is None else container).get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            full = f"{parent}.{name}" if parent else name
            if container is not None or name not in self._malformed:  # said once, not per pass
                line = (self.lines.of(parent or "", 0 if parent else -1, name)
                        or self.lines.of(full, 0))  # `talks = 3` or a `[talks]` table
                self.problems.append(Problem(
                    self.source, line, f"'{full}' must be an array of tables ([[{full}]])"))
            if container is None:
                self._malformed.add(name)
            return []
        return value

    def unknown(self, item: dict, table: str, i: int, known: set[str] | frozenset[str]) -> None:
        """Warn, on its line, about a field the table does not have (a typo is never
        silently ignored)."""
        unknown = sorted(set(item) - known)
        if unknown:
            self.warn(table, i, unknown[0], f"{what(item, table, i)}: unknown field(s) "
                      f"{unknown} (known: {', '.join(sorted(known))})")

    def date_field(self, item: dict, table: str, i: int) -> date | None:
        value = item.get("date")
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        shown = value.isoformat() if isinstance(value, date | time) else repr(value)[:80]
        self.err(table, i, "date" if "date" in item else None,
                 f"malformed date {shown}: expected YYYY-MM-DD")
        return None

    def time_field(self, item: dict, table: str, i: int, name: str) -> time | None:
        value = item.get(name)
        if isinstance(value, time):
            return value
        if isinstance(value, str) and re.fullmatch(r"\d{1,2}:\d{2}", value.strip()):
            hh, mm = (int(x) for x in value.strip().split(":"))
            if hh < 24 and mm < 60:
                return time(hh, mm)
        shown = value.isoformat() if isinstance(value, date | time) else repr(value)[:80]
        self.err(table, i, name if name in item else None,
                 f"malformed {name} time {shown}: expected HH:MM")
        return None


def what(item: dict, table: str, i: int) -> str:
    """``paper p1``, ``topic kernels``, ``area #2``: who a message is about."""
    kind = table.rsplit(".", 1)[-1].rstrip("s") if table != "seminar" else "seminar"
    ident = item.get("key") or item.get("slug")
    if not isinstance(ident, str) or too_long(ident, 60):
        ident = f"#{i + 1}"
    return kind if table == "seminar" else f"{kind} {ident}"
