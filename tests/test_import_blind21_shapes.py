# ruff: noqa: E501  (the page shapes are quoted as pages write them, long lines and all)
"""Shapes the twenty-first blind set (``tests/import_corpus``, split ``blind21``) showed the
importer did not read: each case is the smallest page of that shape (made up, the shape
real), with the exact draft."""

from __future__ import annotations

from datetime import date

from conftest import draft_page

OUTLINE = """\
--------------------------------------
3.\tGUIDANCE ON DRAWING BOUNDARIES
--------------------------------------

3.1.\tReducing uncertainty in survey estimates through regionalization
https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0000001
Verdict:
- The gold standard if one exists.

3.2.\tSubjective constructions of neighborhood boundaries
https://onlinelibrary.wiley.com/doi/pdf/10.1111/j.0000-0000.2009.00001.x

4.7. Defining neighborhood boundaries for urban health research
https://www.ncbi.nlm.nih.gov/pmc/articles/PMC0000001/
"""


def test_outline_numbered_records_in_plain_text_are_papers_without_their_number():
    """``3.1.<TAB>Title`` over a URL line: an outline number is a list marker, not part
    of the title (before: no paper, the number glued to the title as "looks like a paper")."""
    _, papers, _ = draft_page(OUTLINE, "txt")
    assert [p[0] for p in papers] == [
        "Reducing uncertainty in survey estimates through regionalization",
        "Subjective constructions of neighborhood boundaries",
        "Defining neighborhood boundaries for urban health research"]


CARDS = """\
<html><body><main>
<section class="track"><h3>Quantum Factoring Algorithms</h3>
<article class="paper-item">
  <h4 class="paper-title">
    Parallel Spooky Pebbling Makes Regev
    Factoring More Practical
  </h4>
  <p class="paper-meta">
    Gregory D. Kahanamoku-Meyer,
    Seyoon Ragavan, and Katherine Van Kirk ·
    EUROCRYPT 2026
  </p>
  <div class="paper-links"><a href="https://arxiv.org/abs/2510.08432">[arXiv]</a></div>
</article>
<article class="paper-item">
  <h4 class="paper-title">How to factor 2048 bit RSA integers with less than a million noisy qubits</h4>
  <p class="paper-meta">Craig Gidney · arXiv (2025)</p>
  <div class="paper-links"><a href="https://arxiv.org/abs/2505.15917">[arXiv]</a></div>
</article>
</section>
</main></body></html>
"""


def test_an_html_card_is_one_record_its_heading_the_title():
    """``<article><h4>Title</h4><p>Authors · Venue (Year)</p>…</article>``: the card is
    one paper (before: the heading was a topic and the meta line "looked like a paper";
    nothing was drafted)."""
    r, papers, _ = draft_page(CARDS, "html")
    assert papers == [
        ("Parallel Spooky Pebbling Makes Regev Factoring More Practical", ("Gregory D. Kahanamoku-Meyer", "Seyoon Ragavan"), 2026),
        ("How to factor 2048 bit RSA integers with less than a million noisy qubits", ("Craig Gidney",), 2025)]
    assert [t.title for t in r.syllabus.topics] == ["Quantum Factoring Algorithms"]


CELL_LIST = """\
<table>
<tr><th>Date</th><th>Topic</th><th>Speaker</th><th>Reading</th></tr>
<tr><td>Oct 20, 2019</td><td>Reference dependent utility</td><td>Ann Lee</td>
<td><font size="2"><ol>
<li> Kőszegi, B., & Rabin, M. "Reference-dependent risk attitudes." AER 2007.</li>
<li> Lange, A., & Ratan, A. "Multi-dimensional reference-dependent preferences in sealed-bid auctions." GEB 2010. </li>
</ol></font></td></tr>
</table>
"""


def test_each_item_of_a_list_in_a_table_cell_is_its_own_reference():
    """A Reading cell holding an ``<ol>`` of references: one paper per item, each with
    its own authors and year, both on the row's date (before: the items ran together, the
    second paper taking the first one's authors and year)."""
    _, papers, talks = draft_page(CELL_LIST, "html")
    assert papers == [
        ("Reference-dependent risk attitudes", ("B. Kőszegi", "M. Rabin"), 2007),
        ("Multi-dimensional reference-dependent preferences in sealed-bid auctions", ("A. Lange", "A. Ratan"), 2010)]
    assert [d for d, _ in talks] == [date(2019, 10, 20)] * 2


WEEKS = """\
---
course: Philosophy 251
term: Fall 2015
title: Schedule
...

Schedule
========

Readings are assigned by the week.

Week 2 (8/24-26): The Mind-Body Problem
=======================================

-   Smart, J. J. C. (1959). Sensations and brain processes. *The Philosophical Review*, 68(2), 141–156.

Week 4 (9/9): Other Minds
=========================

-   Ayer, A. J. (1953). One's knowledge of other minds. *Theoria*, 19(1-2), 1–20.
"""


def test_a_week_heading_with_a_yearless_month_day_range_is_a_session_in_the_term_year():
    """``Week 2 (8/24-26): Name`` under front matter ``term: Fall 2015``: the week's
    papers are discussed on its first day (before: no talks; the front matter's ``term``
    gave no year and a yearless ``8/24`` no date)."""
    _, papers, talks = draft_page(WEEKS)
    assert [p[0] for p in papers] == ["Sensations and brain processes",
                                      "One's knowledge of other minds"]
    assert [d for d, _ in talks] == [date(2015, 8, 24), date(2015, 9, 9)]


CLINICS = """\
###############
Clinics to date
###############

**********************************
Within-subject registration
**********************************

March 9, 2015

Jezzard, P., and Balaban, R. S. (1995). Correction for geometric distortion in echo
planar images from B0 field variations. Magnetic Resonance in Medicine 34, 65–73.

**********************************
Multiple comparison correction
**********************************

April 6, 2015

Nichols, T., and Hayasaka, S. (2003). Controlling the familywise error rate in
functional neuroimaging: a comparative review. Statistical Methods in Medical Research
12, 419–446.
"""


def test_a_date_line_under_a_heading_dates_its_papers_and_the_heading_stays_their_topic():
    """A section heading over a date line and the papers of that clinic: each paper is
    discussed that day and filed under its section (before: the first date made every
    later heading a session name, and the papers had no topic)."""
    r, papers, talks = draft_page(CLINICS, "rst")
    assert [(t.title, len(t.papers)) for t in r.syllabus.topics] == [
        ("Within-subject registration", 1), ("Multiple comparison correction", 1)]
    assert [d for d, _ in talks] == [date(2015, 3, 9), date(2015, 4, 6)]


QUARTERS = """\
---
title: Bioinformatics Reading Group
---

<h4>Spring Quarter 2019-20</h4>
Theme - Coronaviruses

|Date |Time|Location| |Paper|
|-----|----|--------|-|-----|
|Mar 26| 3pm |Zoom| |[SANTA-SIM: simulating viral sequence evolution dynamics under selection and recombination. Jariani et al. 2019. Virus Evolution.](https://doi.org/10.1093/ve/vez003)

<h4>Winter Quarter 2019-20</h4>
Theme - The Baldwin Effect

|Date |Time|Location| |Paper|
|-----|----|--------|-|-----|
|Thursday Dec 12th|9am|F230| |[How Learning can Guide Evolution. Hinton & Nowlan. 1987. Complex Systems.](https://example.org/hinton.pdf)
|Thursday Jan 9th|9am|F230| | [Organic Selection and Social Heredity: The Original Baldwin Effect Revisited. Le. 2019. Artificial Life Conference Proceedings.](https://example.org/le.pdf)
"""


def test_an_academic_year_heading_dates_spring_in_its_second_year_and_a_theme_line_is_the_topic():
    """``Spring Quarter 2019-20`` over ``Mar 26``: 2020, and ``Jan 9th`` of the winter
    quarter too (before: 2019, the heading's "-20" lost when the page's year was 2019
    already); ``Theme - Coronaviruses`` is the topic of the papers under it."""
    r, _, talks = draft_page(QUARTERS)
    assert [d for d, _ in talks] == [date(2019, 12, 12), date(2020, 1, 9), date(2020, 3, 26)]
    assert [t.title for t in r.syllabus.topics] == ["Coronaviruses", "The Baldwin Effect"]


def test_a_page_range_that_looks_like_two_years_is_not_the_year():
    """``6(14):1942–1953, 2013``: the pages are no year; the year stands after them
    (before: 1942)."""
    from papergraph.importer.learned import parser

    ref = parser.read("A. Pavlo. Anti-Caching: A New Approach to Database Management System "
                      "Architecture. Proceedings of the VLDB Endowment, 6(14):1942–1953, 2013.")
    assert ref is not None and (ref.title, ref.year) == (
        "Anti-Caching: A New Approach to Database Management System Architecture", 2013)


def test_list_items_on_one_line_of_a_cell_keep_their_order():
    """``<td><ol><li>A</li><li>B</li></ol></td>`` written on one source line: A, then B."""
    page = ('<table><tr><th>Date</th><th>Reading</th></tr><tr><td>Oct 20, 2019</td><td><ol>'
            '<li>Kőszegi, B., &amp; Rabin, M. "Reference-dependent risk attitudes." AER 2007.</li>'
            '<li>Lange, A., &amp; Ratan, A. "Multi-dimensional reference-dependent preferences in'
            ' sealed-bid auctions." GEB 2010.</li></ol></td></tr></table>')
    _, papers, _ = draft_page(page, "html")
    assert [p[0] for p in papers] == [
        "Reference-dependent risk attitudes",
        "Multi-dimensional reference-dependent preferences in sealed-bid auctions"]


def test_a_yearless_week_in_the_spring_of_an_academic_year_falls_in_its_second_year():
    from papergraph.importer.dates import Context
    from papergraph.importer.sections import dated_heading

    spring = Context(year=2019, second_year=2020)
    assert dated_heading("Week 20 (3/2-4): Spring", spring) == ([date(2020, 3, 2)], "Week 20: Spring")
    assert dated_heading("Week 2 (13/2): Name", Context(year=2019)) is None  # no such month
