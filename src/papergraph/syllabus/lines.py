"""Where each table and field of a syllabus stands in its text, for ``FILE:LINE`` messages.

tomllib gives no positions, so :class:`Lines` reads the text once more.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.]+)\s*\]\]\s*(#.*)?$")
# A TOML basic string, unrolled and possessive: linear time and constant memory on a line
# of any length (the plain ``"(?:\\.|[^"\\])*"`` kept a backtracking entry per character:
# 6 GB for a 50 MB title).
_STRING = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"')
_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.]+)\s*\]\s*(#.*)?$")
_ASSIGN = re.compile(r"^\s*([A-Za-z0-9_]+)\s*=")


class Lines:
    """Line numbers of TOML tables and assignments, for ``FILE:LINE`` messages.

    For every array-of-tables item (``[[papers]]``) and every ``name = value`` inside it
    we remember the line.
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
