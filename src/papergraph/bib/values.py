"""Field values fit for BibTeX and LaTeX, whatever the format they are written in.

Every value becomes one line; ``doi``, ``eprint`` and ``url``, which styles typeset
verbatim, must have their identifier's form; no value may be longer than
:data:`MAX_FIELD`. What fails is left out of the entry with a note naming the paper and
the value: a syllabus or a web service cannot make LaTeX run anything.
"""

from __future__ import annotations

import re

from ..identifiers import MAX_TEXT, arxiv_problem, doi_problem, too_long, url_problem
from .model import PERSON_FIELDS, BibField

# Identifiers are written verbatim (styles hand them to \\url or \\doi): a value outside
# its format is refused, never escaped into something else. A doi of
# "10.1/x}\\input{/etc/hostname}" closed the field's \\url and ran \\input in pdflatex.
_IDENTIFIER_CHECKS = {"doi": doi_problem, "eprint": arxiv_problem, "url": url_problem}
MAX_FIELD = 10 * MAX_TEXT  # characters in one field; each name at most MAX_TEXT
DERIVED_FROM_ARXIV = "derived from the arXiv id"  # source of values made from the arXiv id
_BREAKS = re.compile(r"[\x00-\x20\x7f-\x9f\u2028\u2029]+")


def one_line(value: str) -> str:
    """``value`` with every run of spaces, line breaks and control characters made one space.

    A blank line inside a field would end the paragraph of a ``\\bibitem``, a carriage return
    makes TeX drop the rest of its line, and control characters are invalid input to TeX.
    """
    if value.isprintable() and "  " not in value and value == value.strip():
        return value
    return _BREAKS.sub(" ", value).strip()


def _field_problem(name: str, value: str) -> str | None:
    if (check := _IDENTIFIER_CHECKS.get(name)) is not None:
        return check(value)
    if name in PERSON_FIELDS:
        long = next((n for n in value.split(" and ") if too_long(n, MAX_TEXT)), None)
        return None if long is None else f"{name}: a name {too_long(long, MAX_TEXT)}"
    long = too_long(value, MAX_FIELD)
    return None if long is None else f"{name} {long}"


def safe_fields(paper: str, fields: list[BibField]) -> tuple[list[BibField], list[str]]:
    """The fields with values fit for BibTeX and LaTeX, and one note per refused value.

    Every value becomes one line (:func:`one_line`); doi, eprint and url must have their
    identifier's format (:mod:`papergraph.identifiers`), and no value may be longer than
    :data:`MAX_FIELD`. A refused value is left out of the entry and said so, never
    silently dropped; what was derived from a refused arXiv id goes with it.
    """
    out: list[BibField] = []
    notes: list[str] = []
    refused: set[str] = set()
    for f in fields:
        value = one_line(f.value)
        if not value:
            continue
        if (problem := _field_problem(f.name, value)) is not None:
            notes.append(f"{paper}: {problem}; left out of its entry (from {f.source})")
            refused.add(f.name)
            continue
        out.append(f if value == f.value else BibField(f.name, value, f.source))
    if "eprint" in refused:
        out = [f for f in out if f.name != "archiveprefix" and f.source != DERIVED_FROM_ARXIV]
    return out, notes
