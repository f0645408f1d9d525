"""Markdown injection: titles, names and links from a syllabus or a service render as text.

On an earlier main ``coverage.md`` and ``reading-lists.md`` passed a raw ``<script>`` from
a title into Markdown that renders it. Here hostile text sits in every place a value
reaches the two files (seminar, area and topic titles, questions, paper titles, authors,
venues, the titles of cited papers that become gaps, the record's link), the Markdown is
rendered by a real CommonMark renderer with raw HTML on and every link scheme trusted
(markdown-it-py, set up as many editors and static-site generators are) and the HTML is
read back: only the elements the writers make, links only to http(s), and every hostile
text shown as exactly itself.
"""

from __future__ import annotations

import html
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from papergraph.cli import app
from papergraph.mdescape import md, md_cell, md_code, md_link, md_url
from papergraph.models import Area, Paper, Record, Ref, Resolution, Seminar, Syllabus, Topic
from papergraph.reading import reading_lists, reading_lists_markdown
from papergraph.report import coverage_markdown, coverage_report
from papergraph.syllabus import save_syllabus

runner = CliRunner()

HOSTILE = [
    "<script>alert('t')</script>",
    "<img src=x onerror=alert(1)>",
    "[click me](javascript:alert(1))",
    "![pixel](https://evil.example/x.png)",
    "**bold** _em_ ~~gone~~ `code`",
    "a | b || c",
    "&lt;script&gt; &amp; &#60;b&#62;",
    "back\\slash\\",
    "<https://evil.example/auto>",
    "line one\n# heading two",
]
ALLOWED_TAGS = {"h1", "h2", "h3", "p", "em", "strong", "code", "a", "ul", "ol", "li",
                "blockquote", "table", "thead", "tbody", "tr", "th", "td"}


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.hrefs += [v or "" for k, v in attrs if k in ("href", "src")]
        self.text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.text.append(" ")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def render(markdown: str) -> _Html:
    parser = _Html()
    renderer = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    renderer.validateLink = lambda url: True  # a renderer that trusts every link scheme
    parser.feed(renderer.render(markdown))
    return parser


def _shown(text: str) -> str:
    return " ".join(text.split())  # as the reader sees it: whitespace runs are one space


def hostile_world(payload: str) -> tuple[Syllabus, Resolution]:
    """Two topics of two papers; ``payload`` in every text, a link to ``javascript:``, and
    an external paper titled ``payload`` cited by both resolved papers (a gap)."""
    gap = Ref(title=f"Gap {payload}", year=2015, authors=(f"Gus {payload}",), s2_id="g" * 40)
    papers = (Paper("p1", f"Title {payload}", (f"Ann {payload}",), venue=f"V {payload}",
                    year=2019),
              Paper("p2", f"Other {payload}", ("Bob Builder",), venue="ICML", year=2020),
              Paper("p3", f"Page only {payload}", (f"Cy {payload}",), year=2018))
    records = (
        Record(key="p1", status="matched", title=f"Record title {payload}",
               authors=(f"Ann {payload}",), year=2019, venue=f"V {payload}",
               url="javascript:alert(1)", doi="10.1234/a(b)<c>", references=(gap,),
               references_complete=True),
        Record(key="p2", status="matched", title=f"Other {payload}", authors=("Bob Builder",),
               year=2020, venue="ICML", url="https://example.org/a b(c)",
               references=(gap, Ref(title="p1", seminar_key="p1")), references_complete=True),
    )
    syllabus = Syllabus(
        Seminar(f"Seminar {payload}"), (Area("a", f"Area {payload}"),),
        (Topic("t", f"Topic {payload}", "a", f"Question {payload}?", ("p1", "p2")),
         Topic("u", "Plain", "a", "", ("p3",))),
        papers)
    return syllabus, Resolution(records=records)


def _both(syllabus: Syllabus, resolution: Resolution) -> dict[str, str]:
    return {"coverage.md": coverage_markdown(coverage_report(syllabus, resolution)),
            "reading-lists.md": reading_lists_markdown(reading_lists(syllabus, resolution))}


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_renders_as_itself_and_nothing_else(payload):
    for name, markdown in _both(*hostile_world(payload)).items():
        page = render(markdown)
        assert page.tags <= ALLOWED_TAGS, (name, page.tags - ALLOWED_TAGS)
        assert all(h.startswith(("https://", "http://")) for h in page.hrefs), (name, page.hrefs)
        shown = _shown("".join(page.text))
        assert _shown(f"Title {payload}") in shown or _shown(f"Record title {payload}") in shown
        if name == "coverage.md":
            for text in (f"Seminar {payload}", f"Topic {payload}", f"Gap {payload}"):
                assert _shown(text) in shown, (name, text)
        else:
            for text in (f"Area {payload}", f"Question {payload}?", f"Ann {payload}",
                         f"Page only {payload}", f"Cy {payload}"):
                assert _shown(text) in shown, (name, text)


def test_the_unescaped_writers_would_have_been_caught():
    """The harness sees an injection: raw text through the renderer gives a script."""
    assert "script" in render(f"1. **{HOSTILE[0]}**\n").tags
    assert "javascript:alert(1)" in render(f"x {HOSTILE[2]}\n").hrefs


def test_links_only_to_http_and_encoded(syllabus):
    syl, res = hostile_world("x")
    page = render(reading_lists_markdown(reading_lists(syl, res)))
    assert "https://example.org/a%20b%28c%29" in page.hrefs
    assert "https://doi.org/10.1234/a%28b%29%3Cc%3E" in page.hrefs
    assert not any("javascript" in h for h in page.hrefs)
    assert "publisher (link left out: not an http(s) address)" in _shown("".join(page.text))


def test_helpers():
    assert md("<b>&") == "&lt;b&gt;&amp;"
    assert md("snake_case and _emphasis_") == "snake_case and \\_emphasis\\_"
    assert md("a\nb\r\nc") == "a b c"
    assert md_cell("a|b") == "a\\|b"
    assert md_code("a`b") == "``a`b``" and md_code("`x") == "`` `x ``"
    assert md_url("javascript:alert(1)") is None and md_url("data:text/html,x") is None
    assert md_url("HTTPS://x.org/é") == "HTTPS://x.org/%C3%A9"
    assert md_link("DOI", "//x.org") == "DOI (link left out: not an http(s) address)"


def test_the_shipped_seminar_markdown_is_unchanged_by_escaping(syllabus, resolution):
    """Nothing in the shipped seminar needs escaping beyond what it had: the committed
    graphs/*.md are what build writes (test_graph_cli), and they render without raw HTML."""
    for markdown in _both(syllabus, resolution).values():
        page = render(markdown)
        assert page.tags <= ALLOWED_TAGS
        assert "&lt;" not in markdown


# --------------------------------------------------------------------------- end to end


def test_build_of_a_hostile_syllabus_writes_inert_markdown(tmp_path):
    payload = "<script>alert(1)</script> [x](javascript:alert(1)) | **b**"
    syllabus, _ = hostile_world(payload)  # unresolved offline: the page's own citations
    path = save_syllabus(syllabus, tmp_path / "s.toml")
    result = runner.invoke(app, ["build", str(path), "--offline", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for name, title in (("coverage.md", "Seminar"), ("reading-lists.md", "Title")):
        markdown = (tmp_path / "graphs" / name).read_text("utf-8")
        assert "<script>" not in markdown
        page = render(markdown)
        assert page.tags <= ALLOWED_TAGS and not page.hrefs
        assert f"{title} {payload}" in _shown("".join(page.text))


def test_reading_list_command_output_is_escaped(tmp_path):
    syllabus, _ = hostile_world("x")
    one = replace(syllabus.papers[0], title=HOSTILE[1])
    path = save_syllabus(replace(syllabus, papers=(one, *syllabus.papers[1:])),
                         tmp_path / "s.toml")
    result = runner.invoke(app, ["reading-list", str(path), "--offline"])
    assert result.exit_code == 0, result.output
    assert f"**{html.escape(HOSTILE[1], quote=False)}.**" in result.stdout
