# ruff: noqa: E501  (the page shapes are quoted as pages write them, long lines and all)
"""Shapes the nineteenth blind set (``tests/import_corpus``, split ``blind19``) showed the
importer did not read: each case is the smallest page of that shape (made up, the shape
real), with the exact draft."""

from __future__ import annotations

from datetime import date

from conftest import draft_page

SHORTCODES = """\
---
title: Readings
---
{{< tableopen >}}{{< theadopen >}}{{< tropen >}}{{< thopen >}}
Topics
{{< thclose >}}{{< thopen >}}
Readings
{{< thclose >}}{{< trclose >}}{{< theadclose >}}{{< tbodyopen >}}{{< tropen >}}{{< tdopen >}}
Introduction: Environments and operators
{{< tdclose >}}{{< tdopen >}}

Collins, Chris. "{{% resource_link "751d5224-97d2" "A scope freezing effect with negated quantifier phrases" %}}." *Natural Language Semantics* 25 (2011), pp. 315–327.

Fauconnier, Gilles. "{{% resource_link "500709de-2326" "Pragmatic scales and logical structure" %}}." *Linguistic Inquiry* 6(3) (1975), pp. 353–375.

{{< tdclose >}}{{< trclose >}}{{< tbodyclose >}}{{< tableclose >}}
"""


def test_a_table_of_hugo_shortcodes_is_read_as_a_table_and_its_links_as_text():
    """MIT OCW's course pages: a table written as ``{{< tropen >}}`` shortcodes around
    Markdown cells, titles inside ``{{% resource_link "id" "Title" %}}`` (before: the
    titles were stripped with the shortcodes, 4 of 33 papers drafted)."""
    r, papers, _ = draft_page(SHORTCODES)
    assert papers == [
        ("A scope freezing effect with negated quantifier phrases", ("Chris Collins",), 2011),
        ("Pragmatic scales and logical structure", ("Gilles Fauconnier",), 1975)]
    assert [(t.title, t.question) for t in r.syllabus.topics] == [
        ("Introduction", "Environments and operators")]


ENTRIES = [
    ("Widdows D and Peters S", "Word Vectors and Quantum Logic", 2003, "Mathematics of Language"),
    ("Coecke B, Sadrzadeh M and Clark S", "Mathematical Foundations for a Compositional Distributional Model of Meaning", 2010, "Linguistic Analysis"),
    ("Aerts D, Gabora L and Sozzo S", "Quantum Structure in Cognition: Fundamentals and Applications", 2011, "ArXiv")]
JABREF = (
    "<html><head><style>\ntr.noshow { display: none;}\n"
    "@media print { p.infolinks { display: none !important; } }\n</style></head><body><table>\n"
    + "\n".join(
        f'<tr id="e{k}" class="entry"><td>{a} ({y}), <i>"{t}"</i>, {v}. Vol. 8\n'
        f'<p class="infolinks">[<a href="javascript:toggleInfo(\'e{k}\',\'bibtex\')">BibTeX</a>]</p></td></tr>\n'
        f'<tr id="bib_e{k}" class="bibtex noshow"><td><b>BibTeX</b>:\n'
        f"<pre>@article{{e{k}, author = {{{a}}}, title = {{{t}: the full version}}, "
        f"journal = {{{v}}}, year = {{{y}}}}}</pre></td></tr>"
        for k, (a, t, y, v) in enumerate(ENTRIES))
    + "\n</table></body></html>\n")


def test_rows_the_pages_style_sheet_hides_are_not_read():
    """A JabRef export: each entry's BibTeX sits in a row of class ``noshow``, which the
    page's ``<style>`` hides (before: each BibTeX row was drafted as a second paper); the
    ``@media print`` rule hides nothing on screen."""
    _, papers, _ = draft_page(JABREF, "html")
    assert [(p[0], p[2]) for p in papers] == [(t, y) for _, t, y, _ in ENTRIES]


DIGEST = (
    "## Molecular discovery\n\n"
    "- **Chat-RFB: a flow battery chat system leveraging knowledge graphs and large language models**  \n"
    "  *Digit. Discov.* – [link](https://pubs.rsc.org/en/content/articlelanding/2025/dd/d5dd00494b)\n"
    "- **A federated graph learning method to realize multi-party collaboration for molecular discovery**  \n"
    "  *Nat. Commun.* – [link](https://www.nature.com/articles/s41467-025-00001-1)\n\n"
    '<div class="paper-desc">\n'
    'BtrBlocks: Efficient Columnar Compression for Data Lakes <a href="https://example.org/btrblocks.pdf">link</a>\n'
    "</div>\n")


def test_a_hard_break_and_a_link_labelled_link_end_the_title():
    """``**Title**  `` over ``*Journal* – [link](…)`` (before: the journal's first word
    ran on into the title) and ``Title <a>link</a>`` (before: "… Data Lakes link")."""
    _, papers, _ = draft_page(DIGEST)
    assert [p[0] for p in papers] == [
        "Chat-RFB: a flow battery chat system leveraging knowledge graphs and large language models",
        "A federated graph learning method to realize multi-party collaboration for molecular discovery",
        "BtrBlocks: Efficient Columnar Compression for Data Lakes"]


SESSIONS = """\
Michaelmas Term 2024

Wed, 2 Oct 24
Tor: From the dark web to the future of privacy.
https://mitpress.mit.edu/9780262548182/tor/
Collier, B., 2024. Tor: From the dark web to the future of privacy. MIT Press.

Wed, 9 Oct 24
Non-Transferable Anonymous Tokens by Secret Binding
https://dl.acm.org/doi/abs/10.1145/3658644.3670338
Durak, F.B., Marco, L., Talayhan, A. and Vaudenay, S., 2024, December. Non-Transferable Anonymous Tokens by Secret Binding. In Proceedings of the 2024 on ACM SIGSAC Conference on Computer and Communications Security (pp. 2460-2474).
"""


def test_a_date_line_with_a_two_digit_year_is_the_sessions_day():
    """``Wed, 9 Oct 24``: the 9th of October 2024 (before: no date, or, once the page's
    year was known, the 24th)."""
    _, papers, talks = draft_page(SESSIONS, "txt")
    assert [p[0] for p in papers] == ["Tor: From the dark web to the future of privacy",
                                      "Non-Transferable Anonymous Tokens by Secret Binding"]
    assert [d for d, _ in talks] == [date(2024, 10, 2), date(2024, 10, 9)]


LED_BY = """\
#### Journal club archive

##### Winter 2022
03/02/2022 Paper discussion
- [Shepherd, 2021, Bringing physical reasoning into statistical practice in climate-change science](https://link.springer.com/article/10.1007/s10584-021-03226-6) led by Mengxi Wu

02/16/2022 Invited seminar
- Readings:
\t- [Beucler et al., 2021, Climate-Invariant Machine Learning](https://journals.aps.org/prl/abstract/10.1103/PhysRevLett.126.098302)
"""


def test_who_leads_the_session_is_no_part_of_the_title_nor_the_topic():
    """``[… Title](url) led by Name`` (before: "… led by Mengxi Wu" in the title), and
    ``Paper discussion`` / ``Invited seminar`` / ``Readings`` under the term's heading
    leave the term the topic."""
    r, papers, talks = draft_page(LED_BY)
    assert [p[0] for p in papers] == [
        "Bringing physical reasoning into statistical practice in climate-change science",
        "Climate-Invariant Machine Learning"]
    assert [t.title for t in r.syllabus.topics] == ["Winter 2022"]
    assert [d for d, _ in talks] == [date(2022, 2, 16), date(2022, 3, 2)]
