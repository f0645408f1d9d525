# ruff: noqa: E501  (the page shapes are quoted as pages write them, long lines and all)
"""Shapes the thirteenth blind set (``tests/import_corpus``, split ``blind13``) showed the
importer did not read: each case is the smallest page or line of that shape (made up, the
shape real), with the exact draft."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import draft_page

from papergraph.importer import parse_reference


def _draft(page: str, fmt: str = "md"):
    return draft_page(page, fmt)


def test_a_dates_and_readings_heading_heads_readings_not_a_time_plan():
    """``### Dates and readings`` was read as a time plan (deadlines), so its numbered,
    dated APA items drafted nothing."""
    page = ("# Journal Club\n\n### Dates and readings\n\n"
            "1. 25.10.2023: Clark, E. H. (2021). Introduction: Audibilities of Colonialism and Extractivism. The World of Music, 10(2), 5–20.\n"
            "2. 01.11.2023: Kepper, J., & Pugin, L. (2017). Was ist eine Digitale Edition? Versuch einer Positionsbestimmung. Musiktheorie, 32(4).\n")
    _, papers, talks = _draft(page)
    assert papers == [
        ("Introduction: Audibilities of Colonialism and Extractivism", ("E. H. Clark",), 2021),
        ("Was ist eine Digitale Edition? Versuch einer Positionsbestimmung",
         ("J. Kepper", "L. Pugin"), 2017)]
    assert [d for d, _ in talks] == [date(2023, 10, 25), date(2023, 11, 1)]


@pytest.mark.parametrize(("line", "title"), [
    ("Milton Friedman, Capitalism and Freedom, Introduction", "Capitalism and Freedom"),
    ("Anthony Giddens, The Third Way, Chapter 1 (Socialism and After)", "The Third Way"),
    ("Emily M. Bender, The AI Con, Chapter 1: An Introduction to AI Hype",
     "An Introduction to AI Hype"),  # a numbered chapter with its own title stays that
    ("John Milnor, Characteristic Classes (Annals of Mathematics Studies). Princeton, 1974",
     "Characteristic Classes"),  # a book's series
])
def test_a_book_with_the_parts_to_read_is_read_by_the_book_title(line, title):
    ref = parse_reference(line)
    assert ref is not None
    assert ref.title == title


def test_initials_with_accents_and_hyphens_stay_with_their_surname():
    _, papers, _ = _draft("# JC\n\n- O’Toole, K., & Horvát, E.-Á. (2023). Novelty and cultural "
                          "evolution in modern popular music. EPJ Data Science, 12(1).\n")
    assert papers == [("Novelty and cultural evolution in modern popular music",
                       ("K. O’Toole", "E.-Á. Horvát"), 2023)]
