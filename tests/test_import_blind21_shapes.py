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

