# ruff: noqa: E501  (the page shapes are quoted as pages write them, long lines and all)
"""Shapes the fourteenth blind set (``tests/import_corpus``, split ``blind14``) showed the
importer did not read: each case is the smallest page of that shape (made up, the shape
real), with the exact draft."""

from __future__ import annotations

from papergraph.importer.candidates import _column_roles
from papergraph.importer.dates import Context
from papergraph.importer.markdown import markdown_page

SCHEDULE = """\
# Reading Exercises

## Reading Schedule

Link | Start Reading | Due Dates | Title
--------- | ---------- | ----------- | ----------
[Reading01](https://example.org/readings/species.pdf) | January 20 | January 25 | How many species concepts are there?
[Reading02](https://example.org/readings/vents.pdf) | January 27 | February 01 | Hydrothermal vents and the origin of life
"""


def test_a_date_column_named_for_readings_is_not_the_title_column():
    """``Start Reading`` names a date: the ``Title`` column names the paper (which the
    finder then weighs as a labelled title)."""
    rows = [b for b in markdown_page(SCHEDULE).blocks if b.kind == "row"]
    titles = [_column_roles(b, Context())[0]["title"].text for b in rows]
    assert titles == ["How many species concepts are there?",
                      "Hydrothermal vents and the origin of life"]
