# ruff: noqa: E501  (the page shapes are quoted as pages write them, long lines and all)
"""Shapes the seventeenth blind set (``tests/import_corpus``, split ``blind17``) showed the
importer did not read: each case is the smallest page of that shape (made up, the shape
real), with the exact draft."""

from __future__ import annotations

from datetime import date

from conftest import draft_page

from papergraph.importer.learned import parser

CSV = """\
Date,Presenter,Paper,Why should we care,Appear in
29/03/21,Dima Gal,[Making Monolingual Sentence Embeddings Multilingual using Knowledge Distillation](https://example.org/a.pdf),Good introduction to student-teacher models,EMNLP 2020
26/04/21,Quyu Kong,PhD conclusion talk dry-run,,
03/05/21,Rohit Ram,"[In defense of pseudo-labeling: an uncertainty-aware
selection framework](https://arxiv.org/pdf/2101.06329.pdf)",Pseudo-labels and their issues,ICLR'21
"""


def test_a_schedule_kept_as_csv_is_read_as_its_table():
    """``reading_group_schedule.csv`` (the data file a site generator turns into its
    table): a header row, then one row per session, cells as inline Markdown, a quoted cell
    over two lines (before: "unsupported page type (.csv)")."""
    _, papers, talks = draft_page(CSV, "csv")
    assert papers == [
        ("Making Monolingual Sentence Embeddings Multilingual using Knowledge Distillation", (), 2020),
        ("In defense of pseudo-labeling: an uncertainty-aware selection framework", (), 2021)]
    assert [d for d, _ in talks] == [date(2021, 3, 29), date(2021, 5, 3)]


SESSIONS = """\
# Reading Group

## 5: Retrieval-Augmented Generation(Presented on 11/08/2023)
Presenter: Isamu Iso

Papers: [Retrieval-Augmented Generation for Knowledge-Intensive NLP Tasks](https://arxiv.org/abs/2005.11401)+[Improving the Domain Adaptation of Retrieval Augmented Generation Models](https://arxiv.org/abs/2210.02627)+[RA-DIT: Retrieval-Augmented Dual Instruction Tuning](https://arxiv.org/abs/2310.01352)

[Recording](https://www.youtube.com/watch?v=x)
"""


def test_links_joined_by_plus_signs_are_one_paper_each():
    """``Papers: [A](…)+[B](…)+[C](…)``: a text that is only links of a title's length
    joined by signs is a paper per link (before: one title of all three)."""
    _, papers, _ = draft_page(SESSIONS)
    assert [p[0] for p in papers] == [
        "Retrieval-Augmented Generation for Knowledge-Intensive NLP Tasks",
        "Improving the Domain Adaptation of Retrieval Augmented Generation Models",
        "RA-DIT: Retrieval-Augmented Dual Instruction Tuning"]


def test_an_emphasised_title_after_the_authors_full_stop_is_the_title():
    """``Ann Lee, Bo Chen. **Adversarial Autoencoders**. ICLR 2016``: the tagger called the
    short bold title a venue; and a label before a colon does not make the names after it
    a title (``by Copy Mechanism: Thang Luong, …. **Title**``)."""
    ref = parser.read("Alireza Makhzani, Jonathon Shlens, Navdeep Jaitly. Adversarial Autoencoders. ICLR 2016",
                      emphasis=["Adversarial Autoencoders"])
    assert (ref.title, ref.authors[:1], ref.year) == ("Adversarial Autoencoders", ("Alireza Makhzani",), 2016)
    ref = parser.read("by Copy Mechanism: Thang Luong, Ilya Sutskever, Quoc Le. Addressing the Rare Word "
                      "Problem in Neural Machine Translation. ACL 2015",
                      emphasis=["Addressing the Rare Word Problem in Neural Machine Translation"])
    assert ref.title == "Addressing the Rare Word Problem in Neural Machine Translation"


WEEKS = """\
# Networks

#### Week 4 Modeling connections (Week of Apr 22)
+ Class reading
    + Snijders, T. A., & Nowicki, K. (1997). [Estimation and prediction for stochastic blockmodels for graphs with latent block structure](https://example.org/a). *Journal of Classification*, 14(1), 75-100.
+ Group 1
    + Hoff, P. D., Raftery, A. E., & Handcock, M. S. (2002). [Latent space approaches to social network analysis](https://example.org/b). *Journal of the American Statistical Association*, 97(460), 1090-1098.
"""


def test_class_reading_and_group_labels_leave_the_week_as_topic():
    r, papers, _ = draft_page(WEEKS)
    assert len(papers) == 2
    assert [(t.title, len(t.papers)) for t in r.syllabus.topics] == [
        ("Week 4 Modeling connections (Week of Apr 22)", 2)]
