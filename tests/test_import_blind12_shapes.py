# ruff: noqa: E501  (the page shapes are quoted as pages write them, long lines and all)
"""Shapes the twelfth blind set (``tests/import_corpus``, split ``blind12``) showed the
importer did not read: each case is the smallest page or line of that shape (made up, the
shape real), with the exact draft."""

from __future__ import annotations

from datetime import date

from conftest import draft_page

from papergraph.importer import parse_reference


def _draft(page: str, fmt: str = "html"):
    return draft_page(page, fmt)


XHTML_JOURNAL_CLUB = """\
<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"
    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
<head><title>Evolution journal club</title></head>
<body>
<h2>Past Journal Club Meetings</h2>
<div class="eventTitle01">2014</div>
<table class="eventTable01">
  <tr>
    <td class="eventCell01">October 22</td>
    <td class="eventCell01"><span class="eventTitle05">Joachim Krug</span><br />
      <strong>Contingency and entrenchment in protein evolution under purifying selection, Premal Shah et al., doi: 10.1073/pnas.1412933112</strong><br />
      <a href="http://www.pnas.org/content/112/25/E3226.full">http://www.pnas.org/content/112/25/E3226.full</a></td>
  </tr>
  <tr>
    <td class="eventCell01">November 5</td>
    <td class="eventCell01"><span class="eventTitle05">Kristen Panfilio</span><br />
      <strong>Transmissible dog cancer genome reveals the origin and history of an ancient cell lineage, Murchison et al, Science. 2014; 343(6169): 437-440.</strong></td>
  </tr>
</table>
</body>
</html>
"""


def test_an_xhtml_page_with_an_xml_declaration_is_read():
    """lxml refuses a decoded page that declares its encoding: the page drafted nothing."""
    r, papers, _ = _draft(XHTML_JOURNAL_CLUB)
    assert r.syllabus.seminar.title == "Evolution journal club"
    assert [title for title, _, _ in papers] == [
        "Contingency and entrenchment in protein evolution under purifying selection",
        "Transmissible dog cancer genome reveals the origin and history of an ancient cell lineage"]


def test_a_presenter_line_in_a_cell_is_not_the_first_author():
    _, papers, _ = _draft(XHTML_JOURNAL_CLUB)
    assert [authors[:1] for _, authors, _ in papers] == [("Premal Shah",), ("Murchison",)]


def test_a_year_paragraph_above_a_table_dates_its_sessions():
    """``<div>2014</div>`` then rows dated ``October 22``: the talks are in 2014."""
    _, _, talks = _draft(XHTML_JOURNAL_CLUB)
    assert [d for d, _ in talks] == [date(2014, 10, 22), date(2014, 11, 5)]


def test_a_given_name_cut_off_the_authors_after_a_comma_goes_back_to_them():
    ref = parse_reference("Contingency and entrenchment in protein evolution under purifying "
                          "selection, Premal Shah et al., doi: 10.1073/pnas.1412933112")
    assert ref is not None
    assert ref.title == "Contingency and entrenchment in protein evolution under purifying selection"
    assert ref.authors[:1] == ("Premal Shah",)


LINGUISTICS_TABLE = """\
---
title: Syntax/semantics reading group
---

## 2018--2019 Sem 1

| Day    | Topic/reading |
|--------|---------------|
| Sep 5 | Heim 1983 "On the projection problem for presuppositions" |
| Aug 29 | Cardinaletti & Starke 1999 "The typology of structural deficiency: A case study of the three classes of pronouns" |
| Jan 31 | [Norris to appear "Unmarked case in Estonian nominals"](https://link.springer.com/article/10.1007/s11049-017-9377-9) |
| Sep 12 | Merchant 2015 ["On ineffable predicates: Bilingual Greek--English code-switching under ellipsis"](http://home.uchicago.edu/merchant/pubs/CodeSwitchingEllipsisMerchant2015.pdf) |
"""


def test_surname_year_and_a_quoted_title_are_read_as_a_citation():
    """``Heim 1983 "Title"``, also as a whole link's text or with the link on the quotation
    only: the quotation is the title."""
    _, papers, _ = _draft(LINGUISTICS_TABLE, "md")
    assert papers == [
        ("On the projection problem for presuppositions", ("Heim",), 1983),
        ("The typology of structural deficiency: A case study of the three classes of pronouns",
         ("Cardinaletti", "Starke"), 1999),
        ("Unmarked case in Estonian nominals", ("Norris",), None),
        ("On ineffable predicates: Bilingual Greek--English code-switching under ellipsis",
         ("Merchant",), 2015)]


def test_a_quotation_inside_a_title_stays_in_it():
    ref = parse_reference('The "industrial revolution" in the home: household technology and '
                          'social change in the 20th century. Technology and Culture 17 (1976)')
    assert ref is not None
    assert ref.title.startswith('The "industrial revolution" in the home')


def test_an_academic_year_written_with_a_double_hyphen_dates_spring_in_its_second_year():
    page = ("# Reading group\n\n### 2017--2018 Sem 2\n\n| Day | Topic/reading |\n|---|---|\n"
            '| Jan 24 | Gunlogson 2002 "Declarative questions" |\n'
            '| Aug 29 | Heim 1983 "On the projection problem for presuppositions" |\n')
    _, _, talks = _draft(page, "md")
    assert [d for d, _ in talks] == [date(2017, 8, 29), date(2018, 1, 24)]


ARXIV_LISTING = """\
<html><head><title>astro-ph coffee</title></head><body>
<h1>astro-ph Coffee</h1>
<div class="entry">
<div id="ptitle"><p><a href="http://lanl.arxiv.org/abs/1601.05797">
Young and Millisecond Pulsar GeV Gamma-ray Fluxes from the Galactic  Center and Beyond</a></p></div>
<div id="pauthors"><a href="http://lanl.arxiv.org/find/au:+OLeary_R">Ryan M. O&#x27;Leary</a>, <a href="http://lanl.arxiv.org/find/au:+Kistler_M">Matthew D. Kistler</a></div>
</div>
</body></html>
"""


def test_an_authors_div_under_a_title_running_over_two_source_lines_is_its_authors():
    """The title's ``<a>`` runs over two source lines, so the authors' ``<div>`` is not
    the next source line after the title's first: it still continues the record."""
    r, papers, _ = _draft(ARXIV_LISTING)
    assert papers == [("Young and Millisecond Pulsar GeV Gamma-ray Fluxes from the Galactic "
                       "Center and Beyond", ("Ryan M. O'Leary", "Matthew D. Kistler"), None)]


def test_a_linked_citation_after_the_title_names_its_authors_not_a_venue():
    """``Title [Begelman, 2024](url)``: the link's names are the authors (the tagger
    called them a venue, and ``Black Holes`` lost its last word to it)."""
    page = ("# Black hole journal club\n\n"
            "- A simple model of globally magnetized accretion discs [Begelman, 2024](https://arxiv.org/abs/2402.15657)\n"
            "- X-Ray Weak AGNs from Super-Eddington Accretion onto Infant Black Holes [Madau & Haardt, 2024](https://arxiv.org/abs/2410.00417)\n")
    _, papers, _ = _draft(page, "md")
    assert papers == [
        ("A simple model of globally magnetized accretion discs", ("Begelman",), 2024),
        ("X-Ray Weak AGNs from Super-Eddington Accretion onto Infant Black Holes",
         ("Madau", "Haardt"), 2024)]


def test_a_reference_paragraph_under_a_title_paragraph_gives_its_authors_and_year():
    """``Title: …`` / ``Reference: J. Maciejko, …, Ann. Rev. … (2011).`` / ``Presenter: …``
    paragraphs (no list markers): one record, the reference its authors and year."""
    page = ("# CMT Journal Club\n\n## Fall 2013\n\n### September 19\n\n"
            "Title: [The Quantum Spin Hall Effect](http://www.annualreviews.org/doi/abs/10.1146/annurev-conmatphys-062910-140538)\n\n"
            "Reference: J. Maciejko, T.L. Hughes, and Shou-Cheng Zhang, [Ann. Rev. Cond. Matt. Phys. **2**, 31](http://www.annualreviews.org/doi/abs/10.1146/annurev-conmatphys-062910-140538) (2011).\n\n"
            "Presenter: Justin Wilson\n")
    _, papers, talks = _draft(page, "md")
    assert papers == [("The Quantum Spin Hall Effect", ("J. Maciejko", "T.L. Hughes"), 2011)]
    assert [d for d, _ in talks] == [date(2013, 9, 19)]


def test_a_site_name_the_link_address_names_too_is_not_part_of_the_title():
    page = ("# Coffee\n\n"
            "- [EVIDENCE FOR A DISTANT GIANT PLANET IN THE SOLAR SYSTEM - IOPscience](http://iopscience.iop.org/article/10.3847/0004-6256/151/2/22)\n"
            "- [Deep learning | Nature](https://www.nature.com/articles/nature14539)\n"
            "- [Pixel: Multi-signatures for Consensus](https://www.usenix.org/conference/usenixsecurity20/presentation/drijvers)\n")
    _, papers, _ = _draft(page, "md")
    assert [title for title, _, _ in papers] == [
        "EVIDENCE FOR A DISTANT GIANT PLANET IN THE SOLAR SYSTEM", "Deep learning",
        "Pixel: Multi-signatures for Consensus"]


def test_a_venue_heading_with_a_two_digit_year_dates_the_papers_under_it():
    page = ("# Robotics\n\n## NIPS'19\n\n"
            "- On Single Source Robustness in Deep Fusion Models. Kim et al.\n\n"
            "## Fall '19\n\n- Deep Residual Learning for Image Recognition. He et al.\n")
    _, papers, _ = _draft(page, "md")
    assert [(title, year) for title, _, year in papers] == [
        ("On Single Source Robustness in Deep Fusion Models", 2019),
        ("Deep Residual Learning for Image Recognition", None)]
