# ruff: noqa: E501  (the page shapes are quoted as pages write them, long lines and all)
"""Shapes the fifteenth blind set (``tests/import_corpus``, split ``blind15``) showed the
importer did not read: each case is the smallest page of that shape (made up, the shape
real), with the exact draft."""

from __future__ import annotations

from conftest import draft_page

from papergraph.importer.learned import normalize, parser

HEADING_ITEMS = """\
# Journal club

## Candidates

1. ### Band structures of layered magnets from first principles [\\[Read\\]](https://arxiv.org/abs/2406.00001)
   Anna K. Berg, Jonas Lind, and Maria Ortiz, Phys. Rev. B **110**, 014102 (2024)

   Abstract -

   We compute the band structures of layered magnets.<details><summary>See More...</summary> And much more about them.</details>

---

2. ### Phonons in twisted bilayers [\\[Read\\]](https://arxiv.org/abs/2406.00002)
   L. Chen and R. Sato, arXiv:2406.00002 (2024)

   Abstract -

   Twisted bilayers host soft phonons, which we measure.
"""


def test_a_heading_inside_a_list_item_is_the_items_title_and_its_abstract_is_not_cited():
    """``1. ### Title [[Read]](…)`` over an authors line and an ``Abstract -`` paragraph:
    the heading is the item's own line (not a topic), the abstract is not its title, and
    the link label's bracket does not stick to the first author."""
    _, papers, _ = draft_page(HEADING_ITEMS)
    assert papers == [
        ("Band structures of layered magnets from first principles", ("Anna K. Berg", "Jonas Lind"), 2024),
        ("Phonons in twisted bilayers", ("L. Chen", "R. Sato"), 2024)]


HTML_THEN_LIST = """\
# Cloud club

<h3>Papers to choose from:</h3>
* 2000s:
    - [Koopman et al. 2000 (Nature 406)](https://doi.org/10.1038/00000001)
    "_Water activity and the freezing of haze droplets_"
    - [Rosenthal 2003 (Science 287)](https://doi.org/10.1126/science.0000002)
    "_Suppression of drizzle by ship exhaust_"
"""


def test_a_markdown_list_right_under_an_html_heading_is_read_as_a_list():
    """``<h3>…</h3>`` with a list on the next line: CommonMark keeps the list inside the
    HTML block, Jekyll's kramdown renders it; ``[Names Year (Journal)](doi) "Title"``
    gives the quotation as the title."""
    _, papers, _ = draft_page(HTML_THEN_LIST)
    assert papers == [("Water activity and the freezing of haze droplets", ("Koopman",), 2000),
                      ("Suppression of drizzle by ship exhaust", ("Rosenthal",), 2003)]


def test_a_linked_citation_before_a_quoted_title_gives_the_quotation():
    ref = parser.read('Hallam & Moss 1974 (Nature 249): "Secondary ice from riming"',
                      links=["Hallam & Moss 1974 (Nature 249)"])
    assert (ref.title, ref.authors, ref.year) == ("Secondary ice from riming", ("Hallam", "Moss"), 1974)


def test_linked_names_before_an_unlinked_title_are_its_authors():
    """``[Levis and Pfennig](doi) Title``: the link names the authors; a linked title
    with more after it stays the title."""
    ref = parser.read("Lewin and Pfeiffer Evaluating plasticity in island lizards",
                      links=["Lewin and Pfeiffer"])
    assert (ref.title, ref.authors) == ("Evaluating plasticity in island lizards", ("Lewin", "Pfeiffer"))
    ref = parser.read("Deep Residual Learning for image recognition", links=["Deep Residual Learning"])
    assert (ref.title, ref.authors) == ("Deep Residual Learning for image recognition", ())


def test_names_and_a_year_before_a_colon_are_the_authors_and_date():
    """``[_Rubin and Berant 2021_: **SmBoP: …**][ref]``: the whole citation is one link."""
    text = "Rubin and Berant 2021: SmBoP: Semi-autoregressive Bottom-up Parsing"
    ref = parser.read(text, emphasis=["Rubin and Berant 2021", "SmBoP: Semi-autoregressive Bottom-up Parsing"],
                      links=[text])
    assert (ref.title, ref.authors, ref.year) == ("SmBoP: Semi-autoregressive Bottom-up Parsing", ("Rubin", "Berant"), 2021)
    ref = parser.read("Deep Learning 2016: A Review of Things")
    assert ref.authors == ()


def test_an_emphasised_title_ends_before_a_comma_and_the_names_after_it_are_authors():
    """``**Title**, Surname & Surname, Journal, Year.``"""
    ref = parser.read("Banking on the state, Alessandri & Haldane, 2009. [paper]",
                      emphasis=["Banking on the state"], links=["paper"])
    assert (ref.title, ref.authors, ref.year) == ("Banking on the state", ("Alessandri", "Haldane"), 2009)
    ref = parser.read("Macroeconomics and reality, Sims, Econometrica, 1980.",
                      emphasis=["Macroeconomics and reality"])
    assert (ref.title, ref.authors) == ("Macroeconomics and reality", ("Sims",))


def test_an_emphasised_title_ends_before_a_remark_in_sentences():
    cite = "Lewis et al. 2019: BART: Denoising Pre-training for Generation"
    ref = parser.read(f"{cite} discussed but not presented. Today the group went to a talk called "
                      "Learning to Coordinate in Teams given by Ann Lee",
                      emphasis=["Lewis et al. 2019", "BART: Denoising Pre-training for Generation",
                                "Learning to Coordinate in Teams"],
                      links=[cite])
    assert ref.title == "BART: Denoising Pre-training for Generation"


LINES_UNDER_A_LABEL = "\n".join([  # (lines end in two spaces: Markdown's hard line breaks)
    "# DH 2020", "", "17 Sept  **Introductions**", "",
    "*Read*  ",
    'Kirsch, ["What Is Digital Humanities and Why Does It Matter to Literary Studies?"](https://example.org/a)  ',
    "Noble, *Algorithms and the Archive*, Chapter 1 (available online)  ",
    'Spiro, ["Defining the Values of the Digital Humanities"](https://example.org/b)  ', "",
    "*Explore*  ",
    "[Voyant](https://voyant-tools.org/)  ",
    "[Palladio](http://hdlab.stanford.edu/projects/palladio/)  ",
    "[RAWGraphs](https://rawgraphs.io/)  ", ""])


def test_lines_under_a_label_are_one_reading_each():
    """A paragraph whose first line only labels the lines under it (``*Read*``), or
    whose lines each hold a link, is a list without list marks: each line is read on its
    own (tool links are not papers; before, each paragraph was one "paper")."""
    _, papers, _ = draft_page(LINES_UNDER_A_LABEL)
    titles = [t for t, _, _ in papers]
    assert "What Is Digital Humanities and Why Does It Matter to Literary Studies?" in titles
    assert "Defining the Values of the Digital Humanities" in titles
    assert not any("Voyant" in t or "Palladio" in t for t in titles)


def test_a_link_labels_closing_bracket_is_not_part_of_a_name():
    assert normalize.split_names("Read] Nicola Marzari, Andrea Ferreti") == (
        ("Nicola Marzari", "Andrea Ferreti"), False)


def test_a_vancouver_title_ends_where_a_journal_name_begins_after_its_full_stop():
    """``Title. Computer Methods and Programs in Biomedicine 2004;75(1):45–9.``: a title
    run cannot end on "in"; from its last full stop on it is the journal."""
    ref = parser.read("Cole SR, Hernan MA. Adjusted survival curves with inverse probability "
                      "weights. Computer Methods and Programs in Biomedicine 2004;75(1):45–9.")
    assert (ref.title, ref.venue) == ("Adjusted survival curves with inverse probability weights",
                                      "Computer Methods and Programs in Biomedicine")


def test_a_papers_part_is_its_title_a_books_chapter_is_not():
    assert normalize.split_chapter("Noncollapsibility and sparse-data bias. Part 1: The oddities of odds") == (
        "Noncollapsibility and sparse-data bias. Part 1: The oddities of odds", "")
    assert normalize.split_chapter("The AI Con, Chapter 1: An Introduction to AI Hype") == (
        "An Introduction to AI Hype", "The AI Con")


WEEKS = """\
# Learning analytics

#### __Week 5: Educational Data Mining__

Readings

- Scheuer, O. and McLaren, B. M. (2012). [Educational data mining in classrooms](http://example.org/a). Encyclopedia of the Sciences of Learning.
- Optional
  - Romero, C., Ventura, S. (2007). [Educational data mining: a survey from 1995 to 2005](http://example.org/b). Expert Systems with Applications, 33(1).

#### __Week 6: Cases of Learning Analytics__

Readings:

- Wolf, A., & Zdenek, Z. (2012). [Improving retention by identifying and supporting at-risk students in online courses](http://example.org/c). Educause Review, 47(4).
"""


def test_a_label_under_a_week_heading_does_not_replace_the_week_as_topic():
    """``Readings`` and ``- Optional`` under ``#### Week 5: …`` label the papers; the
    week stays their topic (before, the topics were "Readings" and "Optional")."""
    r, papers, _ = draft_page(WEEKS)
    assert len(papers) == 3
    topics = {t.title: len(t.papers) for t in r.syllabus.topics}
    assert topics == {"Week 5": 2, "Week 6": 1}


SESSIONS = "\n".join([  # (lines end in two spaces: Markdown's hard line breaks)
    "# DH 2020", "", "## Class Schedule", "", "17 Sept  **Introductions**", "",
    "*Read*  ",
    'Kirsch, M. (2010). ["What Is Digital Humanities and Why Does It Matter to Literary Studies?"](https://example.org/a) ADE Bulletin 150.  ',
    'Spiro, L. (2012). ["Defining the Values of the Digital Humanities"](https://example.org/b) Debates in the Digital Humanities.  ',
    "", "24 Sept  **What are Data?**", "",
    "*Read*  ",
    'Posner, M. (2013). ["Reverse-engineering digital humanities projects from their interfaces"](https://example.org/c) Digital Humanities Quarterly 7(1).  ',
    'Gitelman, L. (2013). ["Raw data is an oxymoron: an introduction to the study of data"](https://example.org/d) MIT Press.  ', ""])


def test_a_date_and_a_bold_name_head_the_session():
    """``17 Sept  **Introductions**`` is a session heading: its name is the topic of the
    readings under it (before, every reading fell under the page's last heading)."""
    r, papers, _ = draft_page(SESSIONS)
    assert [(t.title, len(t.papers)) for t in r.syllabus.topics] == [
        ("Introductions", 2), ("What are Data?", 2)]


STUDY_GROUP = """\
# project-tcs

## Schedules

### Season 2 (2021)
* Week 1 (2/22) - Maintaining Information in Fully-Dynamic Forests with Top Trees (Host: koosaga) [(V)](https://www.youtube.com/watch?v=a)
* Week 2 (3/1) - Deterministic Approximation for Submodular Maximization over a Matroid (Host: leejseo) [(V)](https://www.youtube.com/watch?v=b)
* Week 3 (3/8) - Minimum Cuts in Near-Linear Time (Host: TAMREF) [(V)](https://www.youtube.com/watch?v=c)
* Week 4 (3/15) - Sylvester-Gallai Type Theorems for Quadratic Polynomials (Host: Aeren)
"""


def test_a_study_groups_talks_on_papers_by_title_are_papers_and_talks():
    """``Week 1 (2/22) - Title (Host: x)``: papers presented by their titles alone (no
    authors, no year), each a dated talk. The finder learns the shape from the corpus page
    and from a made-up page of such talks (``training/fit.py: study_rows``; held out, the
    corpus page read 3 of 27 without it)."""
    _, papers, talks = draft_page(STUDY_GROUP)
    assert [p[0] for p in papers][:3] == [
        "Maintaining Information in Fully-Dynamic Forests with Top Trees",
        "Deterministic Approximation for Submodular Maximization over a Matroid",
        "Minimum Cuts in Near-Linear Time"]
    assert len(talks) == len(papers) >= 3
