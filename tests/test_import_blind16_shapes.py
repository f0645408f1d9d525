# ruff: noqa: E501  (the page shapes are quoted as pages write them, long lines and all)
"""Shapes the sixteenth blind set (``tests/import_corpus``, split ``blind16``) showed the
importer did not read: each case is the smallest page of that shape (made up, the shape
real), with the exact draft."""

from __future__ import annotations

from datetime import date

from conftest import draft_page

from papergraph.importer.candidates import leading_dates
from papergraph.importer.dates import Context
from papergraph.importer.learned import parser

TABLE = """\
**Date**   | <center>**Papers**</center>
:----------|:--------------------------------
           | <center>**Memory safety**</center>
Apr 24     | [The Meaning of Memory Safety in Low-Level Languages](papers/memory.pdf) by A. Amorim et al.
Apr 29     | No class
           | <center>**Side channels**</center>
May 8      | [Spectre Attacks: Exploiting Speculative Execution in Modern Processors](papers/spectre.pdf) by P. Kocher et al.
"""


def test_a_table_without_outer_pipes_keeps_its_rows_that_start_with_spaces():
    """``           | **Memory safety**``: four spaces or more before a row's first pipe
    made CommonMark end the table (an indented code block); and a row that is only a bold
    name heads the rows under it (before: no paper drafted)."""
    r, papers, _ = draft_page(TABLE)
    assert papers == [
        ("The Meaning of Memory Safety in Low-Level Languages", ("A. Amorim",), None),
        ("Spectre Attacks: Exploiting Speculative Execution in Modern Processors", ("P. Kocher",), None)]
    assert [t.title for t in r.syllabus.topics] == ["Memory safety", "Side channels"]


TALKS = """\
<html><body><h1>Algorithms Reading Group</h1>
<h3>Fall 2025</h3>
<ul>
<li>Tuesday, October 21, 2025: Alisa Lun on
<a href="javascript:toggle('AL-F25')">Spectral Clustering with Graph Neural Networks</a>
<div id="AL-F25" style="display: none">
<p id="abs">Clustering is a fundamental problem (Buchbinder and Feldman, 2023, SODA 2016).</p>
</div>
</li>
<li>Wedneday, October 8, 2025: <a href="https://example.org/~sz">Samuel Zhou</a> on
<a href="javascript:toggle('SZ-F25')">Nearest Neighbor Search and Locality Sensitive Hashing</a>
<div id="SZ-F25" style="display: none"><p>LSH for the Hamming distance.</p></div>
</li>
</ul></body></html>
"""


def test_a_talk_records_hidden_abstract_is_not_read_and_its_speaker_is_not_the_title():
    """``Tuesday, …, 2025: Speaker on <a>Title</a>`` over a ``display: none`` abstract: the
    page does not show the abstract, the speaker gives the talk, the weekday opens its date."""
    r, papers, talks = draft_page(TALKS, "html")
    assert papers[0] == ("Spectral Clustering with Graph Neural Networks", (), None)
    assert date(2025, 10, 21) in [d for d, _ in talks]
    assert not any("Buchbinder" in text or "Hamming" in text for _, text in r.unplaced)
    ref = parser.read("Samuel Zhou on Nearest Neighbor Search and Locality Sensitive Hashing",
                      links=["Samuel Zhou", "Nearest Neighbor Search and Locality Sensitive Hashing"])
    assert (ref.title, ref.authors) == ("Nearest Neighbor Search and Locality Sensitive Hashing", ())
    days, rest = leading_dates("Wedneday, October 8, 2025: Samuel Zhou on Hashing", Context())
    assert (days, rest) == ([date(2025, 10, 8)], "Samuel Zhou on Hashing")


ORG = """\
#+TITLE: Culture and Technology
# a note to ourselves: make titles italics
* Readings
** Engaging culture (Sept. 19)
# why do they need to read kuhn?
- Haraway, Donna. 1988. "Situated Knowledges: The Science Question in Feminism and the Privilege of Partial Perspective." Feminist Studies 14 (3): 575-599.
"""


def test_an_org_comment_line_is_not_a_topic():
    r, papers, _ = draft_page(ORG, "org")
    assert [p[0] for p in papers] == [
        "Situated Knowledges: The Science Question in Feminism and the Privilege of Partial Perspective"]
    assert [t.title for t in r.syllabus.topics] == ["Engaging culture (Sept. 19)"]


SUBJECTS = """\
# Journal Club
## 2018
### 23/07/2018 Subject : Thermal Design of Motor Drives (at 16:00 C-114)
- [**Thermal Design of Motor Drives for High Power Density Traction Inverters**](https://ieeexplore.ieee.org/document/1)
### 16/07/2018 Subject : Integrated Electric Drives
- [**Evaluation of Modular Integrated Electric Drive Concepts for Automotive Traction**](https://ieeexplore.ieee.org/document/2)
"""


def test_a_sessions_subject_is_its_topic():
    """``### 23/07/2018 Subject : Thermal Design … (at 16:00 C-114)``: the subject names
    the topic (before: "Subject"), without the room and time."""
    r, papers, _ = draft_page(SUBJECTS)
    assert len(papers) == 2
    assert [t.title for t in r.syllabus.topics] == ["Thermal Design of Motor Drives",
                                                   "Integrated Electric Drives"]


CELLS = """\
# Journal club

| Date (2022) | Papers |
| ------ | ------ |
| Feb 18 | Andrea Lin: [Goos-Hänchen and Imbert-Fedorov shifts in tilted Weyl semimetals](https://iopscience.iop.org/article/1) <br> Mandy Mehra: [Anomalous Hall unidirectional magnetoresistance in thin films](https://arxiv.org/abs/2112.05703) |
| Mar 11 | APS March Meeting rehearsals |
"""


def test_a_markdown_cells_br_lines_are_one_paper_each():
    """``Presenter: [Title](…) <br> Presenter: [Title](…)`` in a pipe table: one paper per
    line, as an HTML table's cell is read (before: one title of both, with a name inside)."""
    _, papers, _ = draft_page(CELLS)
    assert [p[0] for p in papers] == [
        "Goos-Hänchen and Imbert-Fedorov shifts in tilted Weyl semimetals",
        "Anomalous Hall unidirectional magnetoresistance in thin films"]


JSTOR = """\
Our reading list

Penalized Likelihood for General Semi-Parametric Regression Models
Author(s): Peter J. Green
Source:
  International Statistical Review / Revue Internationale de Statistique,
Vol. 55, No. 3 (Dec., 1987), pp. 245-259
Published by: International Statistical Institute (ISI)
Stable URL: https://www.jstor.org/stable/1403404
Accessed: 22-11-2018 11:37 UTC

Approximate Inference in Generalized Linear Mixed Models
Author(s): N. E. Breslow and D. G. Clayton
Source: Journal of the American Statistical Association, Vol. 88, No. 421 (Mar., 1993),
pp. 9-25
Published by: Taylor & Francis, Ltd. on behalf of the American Statistical Association
Stable URL: https://www.jstor.org/stable/2290687
"""


def test_a_records_field_lines_are_its_fields():
    """A library's "cite" copy (JSTOR): ``Author(s):`` and ``Source:`` lines give the names
    and the journal (the label is no part of them, a ``Source:`` with its value on the next
    line goes on there), ``Published by:``/``Stable URL:``/``Accessed:`` are left out (before:
    the labels were titles and "Published by: …" a paper)."""
    _, papers, _ = draft_page(JSTOR, "txt")
    assert papers == [
        ("Penalized Likelihood for General Semi-Parametric Regression Models", ("Peter J. Green",), 1987),
        ("Approximate Inference in Generalized Linear Mixed Models", ("N. E. Breslow", "D. G. Clayton"), 1993)]


def test_a_linked_lower_case_code_before_a_colon_is_not_the_titles():
    """``- [aam](aam): Abstracting abstract machines (Van Horn and Might 2010)``: the code
    links the implementation's folder (a corpus page's shape, all 8 titles read with it
    before); a capitalised lead word stays the title's (``BERT: …``)."""
    ref = parser.read("fnd: Fixing non-determinism in functional logic programs (Vandenbroucke and Piessens 2015)",
                      links=["fnd"])
    assert (ref.title, ref.year) == ("Fixing non-determinism in functional logic programs", 2015)
    ref = parser.read("BERT: Pre-training of Deep Bidirectional Transformers (Devlin et al. 2019)",
                      links=["BERT"])
    assert ref.title.startswith("BERT: Pre-training")
