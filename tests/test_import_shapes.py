"""The citation, date and id shapes the importer reads, one small case each."""

from __future__ import annotations

from datetime import date, time

import pytest
from typer.testing import CliRunner

from papergraph.cli import app
from papergraph.importer import import_text, parse_authors, parse_reference
from papergraph.importer.dates import Context, find_dates, find_time_range, page_dayfirst
from papergraph.importer.ids import ids_from_text, ids_from_url, is_paper_url
from papergraph.importer.toml import dump_draft
from papergraph.syllabus import parse_syllabus

runner = CliRunner()

# A shape the rules read and the learned reader does not yet (issue 18): strict, so that
# the day a retrained model reads it, the mark must go.
READER_GAP = "learned reader: shape not read yet (add its labels to training/shapes.jsonl)"


@pytest.mark.parametrize(("text", "title", "first", "year"), [
    ('Saxton et. al. "Analysing Mathematical Reasoning Abilities of Neural Models" (2019)',
     "Analysing Mathematical Reasoning Abilities of Neural Models", "Saxton", 2019),
    ("Cadden, J., Unger, T., & Appavoo, J. SEUSS: skip redundant paths to make serverless "
     "fast. EuroSys 2020", "SEUSS: skip redundant paths to make serverless fast", "J. Cadden",
     2020),
    ("Kress, A., Poch, O. and Thompson, J.D., 2023. Real or fake? Measuring the impact of "
     "protein annotation errors. Frontiers in Bioinformatics, 3, p.1178926.",
     "Real or fake? Measuring the impact of protein annotation errors", "A. Kress", 2023),
    ("Gordon DE, Hiatt J, Kaake RM. Comparative host-coronavirus protein interaction "
     "networks reveal pan-viral disease mechanisms. Science. 2020 Dec 4;370(6521).",
     "Comparative host-coronavirus protein interaction networks reveal pan-viral disease "
     "mechanisms", "D. E. Gordon", 2020),
    ("Yang, Ziteng, et al. “Fully Verified Instruction Scheduling.” Proceedings of the ACM "
     "on Programming Languages, vol. 8, no. OOPSLA2, Oct. 2024, pp. 791–816.",
     "Fully Verified Instruction Scheduling", "Ziteng Yang", 2024),
    ("Attention Is All You Need by Ashish Vaswani, Noam Shazeer (NeurIPS 2017) [pdf] [code]",
     "Attention Is All You Need", "Ashish Vaswani", 2017),
    ("Twizzler: a Data-Centric OS for Non-Volatile Memory, USENIX ATC 2020",
     "Twizzler: a Data-Centric OS for Non-Volatile Memory", None, 2020),
    ("Rohan Kadekodi and Vijay Chidambaram: SplitFS: Reducing Software Overhead. SOSP '19",
     "SplitFS: Reducing Software Overhead", "Rohan Kadekodi", 2019),
])
def test_citation_shapes(text, title, first, year):
    ref = parse_reference(text)
    assert ref is not None
    assert (ref.title, ref.authors[0] if ref.authors else None, ref.year) == (title, first,
                                                                             year)


def test_dated_items_of_a_schedule():
    page = ("# NLP reading group, Spring 2017\n\n## Schedule\n\n"
            "- Week 3 (Feb 2): Attention Is All You Need by Vaswani et al. [pdf]\n"
            "- August 1, 2017: Sequence to Sequence Learning with Neural Networks; Neural "
            "Machine Translation by Jointly Learning to Align and Translate\n"
            "- Yi Y, Shan L, Philippone J. Learning to rank from medical imaging data. arXiv "
            "2022 Nov 11.\n"
            "- Hochreiter and Schmidhuber. Long short-term memory. Neural Computation 1997.\n")
    s = import_text(page, "md").syllabus
    assert [(p.title, p.authors[:1], p.venue, p.year) for p in s.papers] == [
        ("Attention Is All You Need", ("Vaswani",), "", None),
        ("Sequence to Sequence Learning with Neural Networks", (), "", None),
        ("Neural Machine Translation by Jointly Learning to Align and Translate", (), "", None),
        ("Learning to rank from medical imaging data", ("Y. Yi",), "arXiv", 2022),
        ("Long short-term memory", ("Hochreiter",), "Neural Computation", 1997),
    ]
    assert [(t.date, t.paper) for t in s.talks] == [
        (date(2017, 2, 2), s.papers[0].key), (date(2017, 8, 1), s.papers[1].key),
        (date(2017, 8, 1), s.papers[2].key)]


@pytest.mark.xfail(strict=True, reason=READER_GAP)
def test_two_papers_in_one_item():
    result = import_text('- "Deep Sets" and "Neural Ordinary Differential Equations" '
                         "(both NeurIPS)\n", "md")
    assert [p.title for p in result.syllabus.papers] == ["Deep Sets",
                                                          "Neural Ordinary Differential Equations"]


@pytest.mark.parametrize(("text", "names"), [
    ("Rohan Kadekodi (UT Austin), Se Kwon Lee (UT Austin)", ("Rohan Kadekodi", "Se Kwon Lee")),
    ("David A. Ramos and Dawson Engler, Stanford University", ("David A. Ramos",
                                                               "Dawson Engler")),
    ("MOY, CAMERON", ("Cameron Moy",)),
])
def test_author_lists(text, names):
    """After tagging, an author text is read as names: affiliations dropped, MLA's
    capitalised ``SURNAME, GIVEN`` turned round."""
    assert parse_authors(text) == (names, False)


@pytest.mark.parametrize(("text", "ctx", "days"), [
    ("August 1, 2017", Context(), [date(2017, 8, 1)]),
    ("08/30/2019", Context(), [date(2019, 8, 30)]),
    ("Jan 25 2017", Context(), [date(2017, 1, 25)]),
    ("19 Dec 2020", Context(), [date(2020, 12, 19)]),
    ("24.06.2020", Context(), [date(2020, 6, 24)]),
    ("Lecture 2 (08.25.2020)", Context(), [date(2020, 8, 25)]),  # only month first can be
    ("2021-09-03", Context(), [date(2021, 9, 3)]),
    ("Oct 31", Context(year=2025), [date(2025, 10, 31)]),
    ("Feb 12, 19", Context(year=2021), [date(2021, 2, 12), date(2021, 2, 19)]),
    ("Mar 3", Context(year=2021, second_year=2022), [date(2022, 3, 3)]),
])
def test_dates(text, ctx, days):
    assert [f.day for f in find_dates(text, ctx)] == days


def test_day_first_is_settled_by_the_page_and_times_are_read():
    assert page_dayfirst(["20/07/2022", "06/07/2022"]) is True
    assert page_dayfirst(["10/29/2021", "9/3/2021"]) is False
    assert find_dates("[9/22]", Context(year=2020), loose=True)[0].day == date(2020, 9, 22)
    assert find_time_range("1-2:15pm")[:2] == (time(13), time(14, 15))


@pytest.mark.parametrize(("url", "field", "value"), [
    ("https://arxiv.org/pdf/1904.01557v1.pdf", "arxiv", "1904.01557"),
    ("https://doi.org/10.1038/nature23666", "doi", "10.1038/nature23666"),
    ("https://dl.acm.org/doi/abs/10.1145/3552326.3567502", "doi", "10.1145/3552326.3567502"),
    ("http://www.aclweb.org/anthology/P18-1224", "s2_id", "ACL:P18-1224"),
    ("https://dblp.org/rec/conf/nips/JacotHG18.html", "dblp", "conf/nips/JacotHG18"),
    ("https://www.semanticscholar.org/paper/Adversarial-Jia-Liang/"
     "1e845782ffd510efea1a031e5a9ed7b28d23d662", "s2_id",
     "1e845782ffd510efea1a031e5a9ed7b28d23d662"),
    ("https://openreview.net/forum?id=rJEjjoR9K7", "url",
     "https://openreview.net/forum?id=rJEjjoR9K7"),
])
def test_ids_from_links(url, field, value):
    assert getattr(ids_from_url(url), field) == value


def test_ids_from_text():
    assert ids_from_text("see arXiv:1806.07572v3").arxiv == "1806.07572"


def test_table_rows_with_dates_become_papers_and_sessions():
    page = ("---\ntitle: Theory reading group\n---\n\n## Fall 2021\n\n"
            "| Date | Presenter | Paper |\n|---|---|---|\n"
            "| Oct 29 | Ann Lee | [Neural Tangent Kernel](https://arxiv.org/abs/1806.07572) |\n"
            "| Nov 5 | No meeting | |\n")
    result = import_text(page, "md")
    s = result.syllabus
    assert s.seminar.title == "Theory reading group"
    assert [(p.title, p.arxiv) for p in s.papers] == [("Neural Tangent Kernel", "1806.07572")]
    assert [(t.date, t.start, t.speaker) for t in s.talks] == [(date(2021, 10, 29), None,
                                                                "Ann Lee")]
    draft = dump_draft(result)
    assert "# check: authors: none recognised on the page" in draft
    loaded = parse_syllabus(draft, "draft.toml")
    assert loaded.talks == s.talks


def test_html_table_with_title_and_author_paragraphs():
    page = ("<h1>Systems seminar</h1><table><tr><th>Date</th><th>Title</th>"
            "<th>Conference</th></tr>\n<tr><td>09/20/2019</td><td><p class='title'>SAMC: "
            "Semantic-Aware Model Checking</p><p class='authors'>Tanakorn Leesatapornwongsa "
            "and Mingzhe Hao, University of Chicago</p></td><td>OSDI '14</td></tr></table>")
    s = import_text(page, "html").syllabus
    p = s.papers[0]
    assert (p.title, p.authors, p.year) == ("SAMC: Semantic-Aware Model Checking",
                                            ("Tanakorn Leesatapornwongsa", "Mingzhe Hao"),
                                            2014)
    assert s.talks[0].date == date(2019, 9, 20)


def test_a_page_without_papers_exits_non_zero_saying_why_first(tmp_path):
    page = tmp_path / "notes.md"
    page.write_text("# Notes\n\nWe meet on Fridays.\n\n- Bring coffee.\n", encoding="utf-8")
    out = tmp_path / "out.toml"
    result = runner.invoke(app, ["import", str(page), "-o", str(out)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"error: {page}: no papers found: is this the seminar's reading list?"
    assert lines[1] == "drafted 0 papers"
    assert f"{page}:5: not placed: Bring coffee." in lines
    assert not out.exists()


@pytest.mark.parametrize(("url", "paper"), [
    ("http://onlinelibrary.wiley.com/journal/10.1111/(ISSN)1467-8624", False),
    ("http://www.cell.com/neuron/home", False),
    ("http://www.nature.com/nature/index.html", False),
    ("https://www.tandfonline.com/toc/rjce20/current", False),
    ("https://www.nature.com/articles/nature14539", True),
    ("https://link.springer.com/article/10.1007/s11263-015-0816-y", True),
])
def test_a_journal_home_page_on_a_publisher_host_is_not_a_paper_link(url: str, paper: bool):
    assert is_paper_url(url) is paper
