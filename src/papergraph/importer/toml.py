"""The draft as TOML, with what to check about each paper as ``# check:`` comments.

The syllabus is written by :func:`papergraph.syllabus.dump_syllabus` (the one writer of
the format); this module adds, after each paper's ``key = …`` line, one comment per doubt
(a title that is the whole line, no authors, no year) and, after ``--resolve``, which
fields came from the Semantic Scholar record rather than the page. Comments are ignored
by the loader: the user deletes them once checked.
"""

from __future__ import annotations

import json
import re

from ..syllabus import dump_syllabus
from .draft import ImportResult


def dump_draft(result: ImportResult) -> str:
    """``result``'s syllabus as TOML, annotated for the user."""
    # split on "\n" only: splitlines() also splits inside a string holding U+2028 or U+0085
    lines = dump_syllabus(result.syllabus).rstrip("\n").split("\n")
    out: list[str] = []
    in_paper = False
    for line in lines:
        out.append(line)
        if line.startswith("[["):
            in_paper = line == "[[papers]]"
        if in_paper and line.startswith("key = "):
            key = json.loads(line.split("=", 1)[1])
            out += [f"# check: {_comment(c)}" for c in result.checks.get(key, ())]
            if fields := result.provenance.get(key):
                out.append(f"# from Semantic Scholar: {', '.join(fields)}; the rest from "
                           "the page")
    return "\n".join(out) + "\n"


_NOT_IN_COMMENT = re.compile("[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")


def _comment(text: str) -> str:
    """``text`` fit for one TOML comment line (no control character, no line break)."""
    return _NOT_IN_COMMENT.sub(" ", text)
