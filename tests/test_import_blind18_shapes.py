# ruff: noqa: E501  (the page shapes are quoted as pages write them, long lines and all)
"""Shapes the eighteenth blind set (``tests/import_corpus``, split ``blind18``) showed the
importer did not read: each case is the smallest page of that shape (made up, the shape
real), with the exact draft."""

from __future__ import annotations

from datetime import date

from conftest import draft_page

PANDOC_TABLE = """\
## Reading group (Spring 2014)

[DAFNY]: https://example.org/dafny.pdf
[CC1]: https://example.org/cc1.pdf
[CC2]: https://example.org/cc2.pdf

---------------------------------------------------------------------------------------------
Date        Presenter                 Paper
----------  ------------------------  -------------------------------------------------------
Mar 31      Colin                     Organization

Apr  7      Darioush, Kivanc          [Code Coverage for Suite Evaluation by Developers][CC1]<br />
                                      [Coverage Is Not Strongly Correlated with Test Suite Effectiveness][CC2]

Apr 14      Stuart                    [The Dafny Integrated Development Environment][DAFNY]
---------------------------------------------------------------------------------------------
"""


def test_a_table_aligned_with_spaces_is_read_by_its_columns():
    """A Pandoc multiline table (no pipes; columns under a rule of dashes, rows split by
    blank lines, a row over two lines): before, each row was a paragraph and the presenter
    was glued to the title ("Stuart The Dafny …"), the two papers of one row one title."""
    _, papers, talks = draft_page(PANDOC_TABLE)
    assert [p[0] for p in papers] == [
        "Code Coverage for Suite Evaluation by Developers",
        "Coverage Is Not Strongly Correlated with Test Suite Effectiveness",
        "The Dafny Integrated Development Environment"]
    assert [d for d, _ in talks] == [date(2014, 4, 7), date(2014, 4, 7), date(2014, 4, 14)]


HARD_BREAKS = (
    "# Astro Seminar (Fall 2018)\n\n# Black Holes\n\n"
    "Suggested possible papers:\n\n"
    "A systematic search for close supermassive black hole binaries in the Catalina Real-time Transient Survey  \n"
    "M. J. Graham et al., 2015, MNRAS, 453, 1562  \n"
    "https://ui.adsabs.harvard.edu/abs/2015MNRAS.453.1562G/abstract  \n"
    "Did ASAS-SN Kill the Supermassive Black Hole Binary Candidate PG1302-102?   \n"
    "T. Liu, et al. 2018, ApJL, 859, L12  \n"
    "https://ui.adsabs.harvard.edu/abs/2018ApJ...859L..12L/abstract\n")


def test_lines_set_apart_by_hard_breaks_are_records_of_their_own():
    """Title, authors and a URL on lines ending in two spaces, two records in one
    paragraph: each line is a field (before: one title ran into the next line's authors,
    the second record's title into the first's URL); and "Suggested possible papers:"
    under the heading leaves the heading the topic."""
    r, papers, _ = draft_page(HARD_BREAKS)
    assert papers == [
        ("A systematic search for close supermassive black hole binaries in the Catalina Real-time Transient Survey", ("M. J. Graham",), 2015),
        ("Did ASAS-SN Kill the Supermassive Black Hole Binary Candidate PG1302-102?", ("T. Liu",), 2018)]
    assert [t.title for t in r.syllabus.topics] == ["Black Holes"]


CARDS = """\
<ul>
<li class="reading-entry"><div>
  <a class="paper-link" href="https://www.aeaweb.org/articles?id=10.1257/aer.20230486"><span class="paper-title">Whatever It Takes? The Impact of Conditional Policy Promises</span></a>
  <span class="paper-meta">Haddad, Moreira, and Muir <span aria-hidden="true">·</span> <em>AER</em>, 2025</span>
</div></li>
<li class="reading-entry"><div>
  <a class="paper-link" href="https://pubs.aeaweb.org/doi/pdfplus/10.1257/aer.20191330"><span class="paper-title">Nonrivalry and the Economics of Data</span></a>
  <span class="paper-meta">Jones and Tonetti <span aria-hidden="true">·</span> <em>AER</em>, 2020</span>
</div></li>
</ul>
"""


def test_names_right_after_a_linked_title_are_its_authors():
    """``<a>Title</a> Haddad, Moreira, and Muir · AER, 2025``: before, the first name (or
    all of them) ran on into the title."""
    r, papers, _ = draft_page(CARDS, "html")
    assert r.syllabus.papers[0].authors == ("Haddad", "Moreira", "Muir")
    assert papers == [
        ("Whatever It Takes? The Impact of Conditional Policy Promises", ("Haddad", "Moreira"), 2025),
        ("Nonrivalry and the Economics of Data", ("Jones", "Tonetti"), 2020)]


CELL_LINES = """\
<table><thead><tr><th>Week</th><th>Reading Material</th></tr></thead>
<tr><th>2</th><td>Khoo, W., Hsu, L. J., &amp; Sabanović, S. (2023, March). Spill the Tea: When
  Robot Conversation Agents Support Well-being for Older Adults. In Companion of the 2023
  ACM/IEEE International Conference on Human-Robot Interaction (pp. 178-182).
  <a href="https://dl.acm.org/doi/pdf/10.1145/3568294.3580067">Link</a> <br>
  Salem, M., Kopp, S., &amp; Joublin, F. (2012). Generation and evaluation of communicative
  robot gesture. International Journal of Social Robotics, 4, 201-217.
  <a href="https://link.springer.com/content/pdf/10.1007/s12369-011-0124-9.pdf">Link</a></td></tr>
</table>
"""


def test_each_line_of_a_cell_keeps_its_own_link():
    """Two references in one cell, each ending in a link called "Link": before, both
    took the first link's DOI and the second was merged into the first as the same paper."""
    _, papers, _ = draft_page(CELL_LINES, "html")
    assert [p[0] for p in papers] == [
        "Spill the Tea: When Robot Conversation Agents Support Well-being for Older Adults",
        "Generation and evaluation of communicative robot gesture"]


HOMEWORK = """\
# Intro to DH (Fall 2025)

## 1. September 2

- Installing a text editor

### Homework

- Hayles, N Katherine. “Print Is Flat, Code Is Deep: The Importance of Media-Specific Analysis.”
  _Poetics Today_ 25, no. 1 (2004): 67–90.
"""


def test_homework_under_a_session_leaves_the_session_the_topic():
    r, _, talks = draft_page(HOMEWORK)
    assert [t.title for t in r.syllabus.topics] == ["1. September 2"]
    assert talks == [(date(2025, 9, 2), "hayles2004print")]
