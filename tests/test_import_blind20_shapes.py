# ruff: noqa: E501  (the page shapes are quoted as pages write them, long lines and all)
"""Shapes the twentieth blind set (``tests/import_corpus``, split ``blind20``) showed the
importer did not read: each case is the smallest page of that shape (made up, the shape
real), with the exact draft."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import draft_page

from papergraph.importer import read_page

MEETINGS = """\
- date: "March 6, 2026 (Friday), 11 am-12 pm"
  description: "Guest Talk by Prof. Katharina von Kriegstein (TU Dresden), \\"The role of sensory thalami in developmental dyslexia\\"."
  abstract: "Developmental dyslexia is a specific reading disorder with a high prevalence."

- date: "November 21, 2025 (Friday), 11 am–12 pm"
  description: "Iaia, C., Choksi, B., Wiebers, E., Roig, G., & Fiebach, C. J. (2025). The Representational Alignment between Humans and Language Models is Implicitly Driven by a Concreteness Effect. arXiv preprint."

- date: "March 20, 2025 (Thursday), 11 am–12 pm"
  description: "Aczel, B. (2024). Let the data talk: embrace exploratory research. Nature, 635(8040), 788. https://doi.org/10.1038/d41586-024-03826-z "
"""


def test_a_yaml_data_file_of_sessions_is_read_as_a_table():
    """A Jekyll data file (``_data/journal-club-meetings.yml``): a list of records, each a
    session's date and the APA reference under ``description`` (before: ".yml" was no
    page type; a "description" column was never a paper's)."""
    _, papers, talks = draft_page(MEETINGS, "yml")
    assert papers == [
        ("The Representational Alignment between Humans and Language Models is Implicitly Driven by a Concreteness Effect", ("C. Iaia", "B. Choksi"), 2025),
        ("Let the data talk: embrace exploratory research", ("B. Aczel",), 2024)]
    assert [d for d, _ in talks] == [date(2025, 3, 20), date(2025, 11, 21)]


@pytest.mark.parametrize("text", ["- a: [" * 40, "just: a mapping", "", "&a [*a]",
                                  "- &a {x: *a}\n- *a"])
def test_a_yaml_file_that_holds_no_records_gives_no_rows(text):
    """Nesting deeper than any reading list, no list of records, alias loops: no rows,
    and no exception."""
    assert read_page(text, "yml").blocks == []


def test_yaml_that_does_not_parse_is_one_line_naming_the_file_and_line(tmp_path):
    from typer.testing import CliRunner

    from papergraph.cli import app

    page = tmp_path / "meetings.yml"
    page.write_text("- date: March 6\n  description: [unclosed\n- date: May 1\n")
    result = CliRunner().invoke(app, ["import", str(page)])
    assert (result.exit_code, result.stderr) == (
        1, f"{page}:3: not readable YAML (expected ',' or ']', but got ':')\n")


GOST = """\
## Контрольные переменные

* [Cinelli C., Forney A., Pearl J. A crash course in good and bad controls //Sociological Methods & Research. – 2021. – С. 00491241221099552.](https://ftp.cs.ucla.edu/pub/stat_ser/r493.pdf)
* [Cattaneo M. D., Titiunik R. Regression discontinuity designs //Annual Review of Economics. – 2022. – Т. 14. – С. 821-851.](https://cattaneo.princeton.edu/papers/Cattaneo-Titiunik-VazquezBare_2020_Sage.pdf)
"""


def test_a_gost_reference_ends_its_title_at_the_double_slash():
    """GOST 7.0.5, as Russian reading lists write references: ``Title //Journal. –
    2021. – С. …`` (before: "… controls //Sociological Methods & Research")."""
    _, papers, _ = draft_page(GOST)
    assert papers == [
        ("A crash course in good and bad controls", ("C. Cinelli", "A. Forney"), 2021),
        ("Regression discontinuity designs", ("M. D. Cattaneo", "R. Titiunik"), 2022)]
