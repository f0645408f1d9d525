# ruff: noqa: E501  (the page shapes are quoted as pages write them, long lines and all)
"""Talks the corpus pages give that the importer lost (held-out talks 78.3 % before): each
case is the smallest page of that shape (made up, the shape real), with the exact draft."""

from __future__ import annotations

from datetime import date

from conftest import draft_page

NUMBERED_CLASSES = """\
---
title: Schedule
---
(Updates for Fall 2018 in progress)

### Weeks 1-3: What biodiversity is

#### 1. August 23 Introductions. What does the word biodiversity mean to you?

#### 2. August 28 Taxonomic Alpha, Beta, Gamma Diversity - Concepts
* Reading: [Disentangling the Drivers of Beta Diversity Along Latitudinal and Elevational Gradients](https://doi.org/10.1126/science.1208584)
    * [Questions](questions/AlphaBetaGamma)

#### 4. September 4 Phylogenetic and functional diversity - Concepts
* Reading: [Functional diversity (FD), species richness and community composition](https://doi.org/10.1046/j.1461-0248.2002.00339.x)
"""


def test_a_numbered_class_heading_with_a_date_is_that_days_session():
    """``#### 2. August 28 Name``: a class number before the date (before: no talk, the
    heading only a topic)."""
    _, papers, talks = draft_page(NUMBERED_CLASSES)
    assert [p[0] for p in papers] == [
        "Disentangling the Drivers of Beta Diversity Along Latitudinal and Elevational Gradients",
        "Functional diversity (FD), species richness and community composition"]
    assert [d for d, _ in talks] == [date(2018, 8, 28), date(2018, 9, 4)]


CONTINUED_ROWS = """\
| Date | Presenter | Paper |
|-------------|-------------|-----------------|
| 01/03/2018 | Hoa | Adams Wei Yu, Hongrae Lee, Quoc V. Le. **Learning to Skim Text**. ACL 2017 |
| 15/03/2018 | Hoa | `Limitations of Neural Machine Translation (NMT):` |
| | | Philipp Koehn and Rebecca Knowles. **Six Challenges for Neural Machine Translation**. First Workshop on Neural Machine Translation 2017 |
| | | `by Copy Mechanism`: Thang Luong, Ilya Sutskever, Quoc Le, Oriol Vinyals, Wojciech Zaremba. **Addressing the Rare Word Problem in Neural Machine Translation**. ACL 2015 |
| 22/03/2018 | Hoa | Hassan et al., **Achieving Human Parity on Automatic Chinese to English News Translation**. Microsoft research preprint 2018 |
| | | `Dual learning`: He et al., **Dual Learning for Machine Translation**. NIPS 2016 |
"""


def test_a_row_with_an_empty_date_cell_goes_on_with_the_dated_row_above():
    """A session over several rows, only its first giving the date (and that one a label,
    not a paper): every paper below is read on that date (before: only the papers on a
    dated row had a talk, 3 of 30 on the page this comes from)."""
    _, papers, talks = draft_page(CONTINUED_ROWS)
    assert len(papers) == 5
    assert [(d, key) for d, key in talks] == [
        (date(2018, 3, 1), "yu2017learning"), (date(2018, 3, 15), "koehn2017six"),
        (date(2018, 3, 15), "luong2015addressing"), (date(2018, 3, 22), "hassan2018achieving"),
        (date(2018, 3, 22), "he2016dual")]
