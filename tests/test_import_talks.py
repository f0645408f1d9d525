# ruff: noqa: E501  (the page shapes are quoted as pages write them, long lines and all)
"""Talks: the dates a page says each paper is discussed. One small page per mechanism
(what a date heading is, how a year is found, which paper a date belongs to), with the
exact sessions drafted."""

from __future__ import annotations

from datetime import date

from papergraph.importer import import_text
from papergraph.importer.dates import Context, find_dates


def _talks(page: str, fmt: str = "md") -> list[tuple[date, str]]:
    """(date, title) of every drafted talk, in date order."""
    s = import_text(page, fmt).syllabus  # type: ignore[arg-type]
    titles = {p.key: p.title for p in s.papers}
    return sorted((t.date, titles[t.paper]) for t in s.talks)


def _topics(page: str, fmt: str = "md") -> list[tuple[str, list[str]]]:
    s = import_text(page, fmt).syllabus  # type: ignore[arg-type]
    titles = {p.key: p.title for p in s.papers}
    return [(t.title, [titles[k] for k in t.papers]) for t in s.topics]


DATED_HEADINGS = """\
# Network Science Journal Club

## Spring 2019

### April 19: Information spreading

- Martin, Travis, and M. E. J. Newman. 2014. "Localization and Centrality in Networks." *Physical Review E* 90 (5): 052808.

### April 5: Community detection

- Fortunato, Santo. 2010. "Community Detection in Graphs." *Physics Reports* 486 (3): 75-174.
"""


def test_a_heading_with_a_date_and_a_name_is_a_session_and_its_name_the_topic() -> None:
    assert _talks(DATED_HEADINGS) == [
        (date(2019, 4, 5), "Community Detection in Graphs"),
        (date(2019, 4, 19), "Localization and Centrality in Networks"),
    ]
    assert _topics(DATED_HEADINGS) == [
        ("Information spreading", ["Localization and Centrality in Networks"]),
        ("Community detection", ["Community Detection in Graphs"]),
    ]


MEETING_YY_MM_DD = """\
# Bioinformatics Journal Club

#### Meeting 23-09-27
- Title: Gene Set Summarization using Large Language Models
- Authors: Joachimiak, M. P., Caufield, J. H., Harris, N. L.
- Presenter: Sijia Huo
"""


def test_meeting_yy_mm_dd_heading_dates_the_paper_under_it() -> None:
    assert _talks(MEETING_YY_MM_DD) == [
        (date(2023, 9, 27), "Gene Set Summarization using Large Language Models")]


def test_two_digit_year_month_day_and_foreign_month_names_are_dates() -> None:
    ctx = Context(None, 2024)
    assert [f.day for f in find_dates("Meeting 24-03-13", ctx)] == [date(2024, 3, 13)]
    assert [f.day for f in find_dates("29 mars 2023", ctx)] == [date(2023, 3, 29)]
    assert [f.day for f in find_dates("5. Oktober 2020", ctx)] == [date(2020, 10, 5)]
    assert [f.day for f in find_dates("15 de marzo de 2023", ctx)] == [date(2023, 3, 15)]
    assert [f.day for f in find_dates("TH | 2-Sep |", ctx)] == [date(2024, 9, 2)]
    assert find_dates("the 3 Mars rovers", ctx) == []  # a yearless foreign month: not here


FRENCH_TABLE = """\
# Journal-clubs

| Date | Thématique | Article |
|:---:|:---|:---|
|12 avril 2023|Sparse redundancy analysis|Csala, A., Voorbraak, F. P., & Hof, M. H. (2017). Sparse redundancy analysis of high-dimensional genetic and genomic data. *Bioinformatics*, 33(20), 3228-3234.|
"""


def test_a_french_date_column_dates_the_row_paper() -> None:
    assert _talks(FRENCH_TABLE) == [
        (date(2023, 4, 12),
         "Sparse redundancy analysis of high-dimensional genetic and genomic data")]


SESSION_SUB_ITEMS = """\
# Group Meetings

**2019**

- Feb 23, **Xueli Miao** (PP), [arXiv:1205.1450](https://arxiv.org/abs/1205.1450)
  + (PP) *The relativistic pulsar-white dwarf binary PSR J1738+0333*, by P.C.C. Freire *et al.*
"""


def test_a_paper_under_a_dated_item_is_discussed_on_that_date() -> None:
    talks = _talks(SESSION_SUB_ITEMS)
    assert (date(2019, 2, 23), "The relativistic pulsar-white dwarf binary PSR J1738+0333") \
        in talks
    assert {d for d, _ in talks} == {date(2019, 2, 23)}


NESTED_SESSION = """\
# Climate Change Seminar

**Week 2 (Sep 9–13, 2019)**

  * Tue 10 Sep L02
    * Reading assignment:
      * [Climate Science and Climate Risk: A Primer](https://eapsweb.mit.edu/sites/default/files/Climate_Primer.pdf) by Kerry A. Emanuel
"""


def test_a_session_date_reaches_papers_below_a_plain_sub_item() -> None:
    assert _talks(NESTED_SESSION) == [
        (date(2019, 9, 10), "Climate Science and Climate Risk: A Primer")]


DATED_LABEL_ITEM = """\
* By week

3. Code reviews <2017-09-29 Fri>

McIntosh, S., Kamei, Y., Adams, B., & Hassan, A. E. (2016). An Empirical Study of the Impact of Modern Code Review Practices on Software Quality. Empirical Software Engineering, 21(5).

4. Social structures <2017-10-03 Tue>

Liblit, B., Naik, M., Zheng, A. X., Aiken, A., & Jordan, M. I. (2005). Scalable statistical bug isolation. PLDI.
"""


def test_a_dated_label_item_dates_the_papers_after_it_and_names_their_topic() -> None:
    assert _talks(DATED_LABEL_ITEM, "org") == [
        (date(2017, 9, 29),
         "An Empirical Study of the Impact of Modern Code Review Practices on Software Quality"),
        (date(2017, 10, 3), "Scalable statistical bug isolation"),
    ]
    assert [t for t, _ in _topics(DATED_LABEL_ITEM, "org")] == ["Code reviews",
                                                                  "Social structures"]


TERM_YEAR = """\
# TCS Reading Group

I am organizing the TCS reading group for the Spring 2025 semester.

- Jan 22: Kim, Lee. A Theory of Optimistically Universal Online Learnability for General Concept Classes. NeurIPS 2024.
"""


def test_a_page_without_a_year_in_its_title_takes_the_year_of_the_term_it_names() -> None:
    assert _talks(TERM_YEAR) == [
        (date(2025, 1, 22),
         "A Theory of Optimistically Universal Online Learnability for General Concept Classes")]


DAY_AND_DATE_COLUMNS = """\
# Research Methods

| Week | Day | Date | Topic | Readings |
|---|---|---|---|---|
| 4 | T | 21-Sep | Open Science | Simmons, J. P., Nelson, L. D., & Simonsohn, U. (2011). False-Positive Psychology: Undisclosed Flexibility in Data Collection and Analysis Allows Presenting Anything as Significant. *Psychological Science*, 22(11), 1359-1366. |
| 16 | TH | 12/16/2021 | Class Presentations | |
"""


def test_the_date_column_wins_over_a_weekday_column_and_full_dates_give_the_year() -> None:
    assert _talks(DAY_AND_DATE_COLUMNS) == [
        (date(2021, 9, 21), "False-Positive Psychology: Undisclosed Flexibility in Data "
                            "Collection and Analysis Allows Presenting Anything as Significant")]


SESSION_WITH_READING_HEADING = """\
* Course information
  Meeting time: Mondays 12:30-3:30pm

* Preliminary Schedule and Topics
** 2020-09-10 1 What and why
*** Reading
    Hauser, M. D., Chomsky, N., & Fitch, W. T. (2002). The faculty of language: What is it, who has it, and how did it evolve? Science, 298(5598), 1569-1579.

** 2020-09-24 3 Spoken word recognition
    McQueen, J. M. (2007). Eight questions about spoken-word recognition. In The Oxford handbook of psycholinguistics (pp. 37-53). Oxford University Press.
"""


def test_a_named_session_files_its_papers_under_its_name_through_a_reading_heading() -> None:
    assert _talks(SESSION_WITH_READING_HEADING, "org") == [
        (date(2020, 9, 10), "The faculty of language: What is it, who has it, and how did it evolve?"),
        (date(2020, 9, 24), "Eight questions about spoken-word recognition"),
    ]
    assert _topics(SESSION_WITH_READING_HEADING, "org") == [
        ("What and why", ["The faculty of language: What is it, who has it, and how did it evolve?"]),
        ("Spoken word recognition", ["Eight questions about spoken-word recognition"]),
    ]


TIGHT_HEADINGS = """\
# Peer Rebrew

##August 2018

###August 24th

Van Deynze, A., Zamora, P., Delaux, P. M. (2018). Nitrogen fixation in a landrace of maize is supported by a mucilage-associated diazotrophic microbiota. PLoS Biology, 16(8).
"""


def test_hash_headings_without_a_space_are_headings_and_their_dates_sessions() -> None:
    assert _talks(TIGHT_HEADINGS) == [
        (date(2018, 8, 24), "Nitrogen fixation in a landrace of maize is supported by a "
                            "mucilage-associated diazotrophic microbiota")]


CITATION_HEADING_UNDER_A_DATE = """\
<html><body><h1>Journal Club</h1><h2>Presentations</h2>
<p>June 18, 2020</p>
<h3>Wagstyl K., Lerch J.P. (2018) Cortical thickness. In: Spalletta G., Piras F., Gili T. (eds) Brain Morphometry. Neuromethods, vol 136. Humana Press, New York, NY</h3>
<p>[Recording and materials]</p>
</body></html>
"""


def test_a_citation_heading_under_a_date_is_the_session_paper() -> None:
    assert _talks(CITATION_HEADING_UNDER_A_DATE, "html") == [
        (date(2020, 6, 18), "Cortical thickness")]


DUE_DATE_ITEM = """\
# Readings

* Due **Monday** October 9, 2017:
* Geiger, R. S., & Halfaker, A. (2017). Operationalizing conflict and cooperation between automated software agents in Wikipedia. CSCW.
"""


def test_a_due_date_item_on_its_own_dates_the_paper_after_it() -> None:
    assert _talks(DUE_DATE_ITEM) == [
        (date(2017, 10, 9), "Operationalizing conflict and cooperation between automated "
                            "software agents in Wikipedia")]


LABEL_THEN_DATED_PAPERS = """\
### SUMMER 2025

1) **May 23rd - Organizational meeting**

2) **June 27th - Implementing Reinforcement Learning from Human Feedback: Best Practices and Challenges** (presented by Lain)
* [Training language models to follow instructions with human feedback](https://arxiv.org/pdf/2203.02155)

* Due Sept 7, 2025: [Open Problems and Fundamental Limitations of Reinforcement Learning from Human Feedback](https://arxiv.org/pdf/2307.15217)
"""


def test_after_a_dated_label_each_dated_paper_item_opens_the_next_session() -> None:
    assert _talks(LABEL_THEN_DATED_PAPERS) == [
        (date(2025, 6, 27), "Implementing Reinforcement Learning from Human Feedback: Best "
                            "Practices and Challenges"),
        (date(2025, 6, 27), "Training language models to follow instructions with human feedback"),
        (date(2025, 9, 7), "Open Problems and Fundamental Limitations of Reinforcement Learning "
                           "from Human Feedback"),
    ]


DATE_LABEL_LINE = """\
## Next session
**Date:** December 10, 2021 at 1pm
**Paper to be discussed:** ["Is the scientific paper a fraud?"](http://www.brown.uk.com/teaching/HEST5001/medawar.pdf)
"""


def test_a_date_label_before_the_paper_in_one_paragraph_dates_it() -> None:
    assert _talks(DATE_LABEL_LINE) == [(date(2021, 12, 10), "Is the scientific paper a fraud?")]


def test_a_date_that_holds_no_session_opens_none() -> None:
    page = ("# Group Meetings\n\n**2018**\n\n- Oct 30, No Group Meeting\n"
            "- Smith, J. (2017). A Study of Nothing in Particular. *Nature*, 1(2), 3-4.\n")
    assert _talks(page) == []


def test_a_dated_heading_whose_name_is_a_citation_is_that_session_paper() -> None:
    page = ("# Reading Group\n\n## Spring 2019\n\n### April 5: Fortunato, S. (2010). "
            "Community detection in graphs. *Physics Reports*, 486(3), 75-174.\n\nNotes.\n")
    assert _talks(page) == [(date(2019, 4, 5), "Community detection in graphs")]


WEEKDAYS_AGAINST_A_TERM = """\
# Topics in Machine Learning Systems

Example final projects from Spring 2023 are linked at the bottom.

| Date | Paper |
|---|---|
| Jan 28, Tue | [Attention Is All You Need](https://arxiv.org/abs/1706.03762) |
| Feb. 6, Thu | [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385) |
"""


def test_a_term_year_the_sessions_weekdays_contradict_is_not_the_sessions_year() -> None:
    """Jan 28 is a Tuesday and Feb 6 a Thursday in 2025, not in 2023: the aside about
    last year's projects does not date this term's talks."""
    assert _talks(WEEKDAYS_AGAINST_A_TERM) == [
        (date(2025, 1, 28), "Attention Is All You Need"),
        (date(2025, 2, 6), "Deep Residual Learning for Image Recognition"),
    ]


A_DATE_ITEM_AMONG_THE_TALKS_ITEMS = """\
# Physics and ML Journal Club

## Fall 2022 Journal Clubs

* **Iris Cong, Grad Student, Harvard**
  * **September 27, 2022, 11:00am-12:00pm**
  * *Quantum Convolutional Neural Networks*
  * Resources:
    * [Barren plateaus in quantum neural network training landscapes](https://arxiv.org/abs/1803.11173)

* **Adriana Dropulic, Grad Student, Princeton**
  * **October 4, 2022, 11:00am-12:00pm**
  * *Machine Learning the 6th Dimension: Stellar Radial Velocities from 5D Phase-Space Correlations*
"""


def test_a_date_item_under_a_speaker_dates_the_items_after_it_and_their_sub_items() -> None:
    assert _talks(A_DATE_ITEM_AMONG_THE_TALKS_ITEMS) == [
        (date(2022, 9, 27), "Barren plateaus in quantum neural network training landscapes"),
        (date(2022, 10, 4), "Machine Learning the 6th Dimension: Stellar Radial Velocities from 5D Phase-Space Correlations"),
    ]


def test_a_week_heading_with_a_comma_before_its_date_is_a_session() -> None:
    """``### Week 1, January 17 - Topic`` with the year in the page's term: the papers
    under ``#### Reading`` are read that day."""
    page = ("# Comparative Genomics\n\n\tYale University, Spring 2019\n\n## Schedule\n\n"
            "### Week 1, January 17 - Intro to comparative genomics\n\n#### Reading\n\n"
            "- Felsenstein, J. 1985. Phylogenies and the Comparative Method. The American "
            "Naturalist 125:1-15.\n")
    s = import_text(page, "md").syllabus
    assert [(p.title, p.year) for p in s.papers] == [
        ("Phylogenies and the Comparative Method", 1985)]
    assert [str(t.date) for t in s.talks] == ["2019-01-17"]
