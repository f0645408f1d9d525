"""Fuzzing (hypothesis) over syllabi and over pages (issue 22), bounded so that it runs in
``make test``: a few hundred examples each, no deadline (no wall-clock limit in a test),
derandomized (the same examples on every run; a new seed is a code change, reviewed).

* syllabi: the shipped default with hostile values spliced into its fields (control and
  line-separator characters, commas in names, nested arrays and tables, huge numbers,
  malformed dates and URLs, very long strings). ``info``, ``bib`` and ``graph`` must exit
  0 or 1 with no traceback;
* pages: Markdown, HTML, Org and plain text built from the shapes that once broke the
  importer (nested tables and lists, separator runs, label runs, emphasis nests, odd
  hrefs, front matter). ``import`` must exit 0 or 1 with no traceback, and whatever it
  drafts must load.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from papergraph.cli import app
from papergraph.errors import PapergraphError
from papergraph.importer import import_text
from papergraph.importer.toml import dump_draft
from papergraph.syllabus import parse_syllabus

FUZZ = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
runner = CliRunner()

NASTY = ["\x00", "\x07", "\x1b[2J", "\x7f", "\x85", "\x9b", "\u2028", "\u2029", "\ufeff",
         "\r", "\n", "\t", '"', "\\", "'", "[", "]", "{", "}", "=", "#", ",", ";", ":", "|",
         "&", "%", "$", "~", "^", "_", "*", "<", ">", "@", "é", "ß", "𝔘", "中", "‮", " ",
         "Jr.", "von", "and", "et al.", "http://", "https://a.b/c?d=e#f", "10.1000/x",
         "1706.03762", "2020-13-45", "9" * 40]
nasty_text = st.lists(st.sampled_from(NASTY) | st.text(max_size=8), max_size=12).map("".join)


def _toml_value(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["str", "str", "list", "nested", "table", "int", "float",
                                 "bool", "date", "datetime", "long", "deep"]))
    if kind == "str":
        return json.dumps(draw(nasty_text), ensure_ascii=draw(st.booleans()))
    if kind == "list":
        return json.dumps(draw(st.lists(nasty_text, max_size=4)))
    if kind == "nested":
        return '[["a", "b"], ["c"]]'
    if kind == "table":
        return '{a = "b", c = [1, 2]}'
    if kind == "int":
        return str(draw(st.integers(-(10**30), 10**30)))
    if kind == "float":
        return draw(st.sampled_from(["1e308", "-0.0", "inf", "nan", "3.5"]))
    if kind == "bool":
        return "true"
    if kind == "date":
        return draw(st.sampled_from(["2020-06-24", "1979-05-27", "2020-02-29"]))
    if kind == "datetime":
        return "2020-06-24T10:00:00"
    if kind == "long":
        return json.dumps("x" * draw(st.sampled_from([99, 101, 2001, 20001])))
    return "[" * 60 + "]" * 60


FIELDS = ["title", "authors", "year", "venue", "arxiv", "doi", "dblp", "s2_id", "key",
          "citekey", "note", "slug", "name", "papers", "area", "date", "start", "end",
          "paper", "presenter", "url", "institution", "term", "focus_map", "focus_topics",
          "question", "version"]


@st.composite
def syllabi(draw: st.DrawFn) -> str:
    """The shipped default, with some of its assignments' values replaced, and maybe a
    hostile table or line added."""
    from papergraph.syllabus.load import default_syllabus_path

    lines = default_syllabus_path().read_text(encoding="utf-8").split("\n")
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(lines) - 1))
        if "=" in lines[i] and not lines[i].lstrip().startswith("#"):
            name = lines[i].split("=", 1)[0]
            lines[i] = f"{name}= {_toml_value(draw)}"
    if draw(st.booleans()):
        where = draw(st.sampled_from(["[seminar.focus_map]", "[[papers]]", "[[topics]]",
                                      "[[talks]]", "[[areas]]", "[x.y.z]"]))
        body = [f"{draw(st.sampled_from(FIELDS))} = {_toml_value(draw)}"
                for _ in range(draw(st.integers(0, 4)))]
        lines += ["", where, *body]
    return "\n".join(lines)


def _ok(result, what: str) -> None:  # noqa: ANN001
    assert result.exit_code in (0, 1), (what, result.exit_code, result.output[-2000:],
                                        repr(result.exception))
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        what, repr(result.exception))
    assert "Traceback" not in result.output, (what, result.output[-2000:])


@FUZZ
@given(text=syllabi())
def test_fuzz_syllabi_exit_0_or_1_without_traceback(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("syl")
    path = folder / "s.toml"
    path.write_text(text, encoding="utf-8")
    for args in (["info", str(path), "--json"], ["bib", str(path), "--offline"],
                 ["graph", str(path), "--offline", "-o", str(folder / "g.graphml")]):
        _ok(runner.invoke(app, args), args[0])


# --------------------------------------------------------------------------- pages

CITES = ["Deep Sets, Manzil Zaheer and Satwik Kottur (NIPS 2017)",
         'Saxton et. al. "Analysing Mathematical Reasoning" (2019)',
         "Cadden, J., & Appavoo, J. (2020). Title of it. EuroSys 2020",
         "Attention Is All You Need. Vaswani, A. et al. NeurIPS 2017 [pdf] [code]",
         "Gordon DE, Hiatt J. A map. Nature. 2020 Dec 4"]
HREFS = ["https://arxiv.org/abs/1706.03762", "https://arxiv.or[g/pdf/1.2", "javascript:x",
         "https://doi.org/10.1145/3341301.3359630", "http://[::1", "https://a.b/\u2028x",
         "https://dblp.org/rec/conf/nips/ZaheerKRPSS17", "//no-scheme", "https://x.y/" + "a" * 300,
         "https://www.semanticscholar.org/paper/" + "a" * 40]
RUNS = [", ", ": ", "; ", "| ", ". ", "A. ", "(pdf) ", "[pdf] ", "*_", "**", "<b>x</b>"]


@st.composite
def fragments(draw: st.DrawFn) -> str:
    piece = draw(st.sampled_from(CITES + ["", "2020-06-24", "Week 3", "Readings:"]))
    run = draw(st.sampled_from(RUNS)) * draw(st.integers(0, 40))
    extra = draw(nasty_text)
    return " ".join(draw(st.permutations([piece, run, extra])))


@st.composite
def md_pages(draw: st.DrawFn) -> str:
    out = []
    if draw(st.booleans()):
        out.append(draw(st.sampled_from([
            "---\ntitle: Seminar\ndate: 2020-13-45\n---", "+++\ntitle = 'S'\nx = " + "[" * 40
            + "]" * 40 + "\n+++", "---\n" + "[" * 50 + "\n---", "---\ntitle: [a, b]\n---"])))
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["item", "nested", "heading", "table", "html", "para"]))
        frag = draw(fragments())
        if kind == "item":
            out.append(f"- {frag} [link]({draw(st.sampled_from(HREFS))})")
        elif kind == "nested":
            out.append("- " * draw(st.integers(1, 300)) + frag)
        elif kind == "heading":
            out.append("#" * draw(st.integers(1, 7)) + " " + frag)
        elif kind == "table":
            out.append(f"| Paper | Who |\n|---|---|\n| {frag} | x |")
        elif kind == "html":
            depth = draw(st.integers(1, 60))
            out.append("<table><tr><td>" * depth + frag + "</td></tr></table>" * depth)
        else:
            out.append(frag)
    return "\n\n".join(out) + "\n"


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        frag, href = draw(fragments()), draw(st.sampled_from(HREFS))
        tag = draw(st.sampled_from(["ul><li", "ol><li", "table><tr><td", "div", "b", "p"]))
        depth = draw(st.integers(1, 80))
        close = "</" + "></".join(reversed(tag.split("><"))) + ">"
        parts.append(f"<{tag}>" * depth + f'<a href="{href}">{frag}</a>' + close * depth)
    return "<html><head><title>S</title></head><body><h1>Seminar</h1>" + "".join(parts) + \
        "</body></html>"


@st.composite
def org_pages(draw: st.DrawFn) -> str:
    lines = ["#+TITLE: Seminar", "* Readings"]
    for _ in range(draw(st.integers(1, 6))):
        frag = draw(fragments())
        lines.append(draw(st.sampled_from([f"- {frag}", f"| {frag} | x |", "|---+---|",
                                           f"** {frag} <2021-11-12 Fri>",
                                           f"- [[{draw(st.sampled_from(HREFS))}][{frag}]]"])))
    return "\n".join(lines) + "\n"


pages = st.one_of(md_pages().map(lambda t: (t, "md")), html_pages().map(lambda t: (t, "html")),
                  org_pages().map(lambda t: (t, "org")),
                  md_pages().map(lambda t: (t, "txt")))


@FUZZ
@given(page=pages)
def test_fuzz_pages_import_or_fail_and_drafts_load(page):
    text, fmt = page
    try:
        result = import_text(text, fmt)  # type: ignore[arg-type]
    except PapergraphError:
        return
    if not result.syllabus.papers:
        return
    draft = dump_draft(result)
    parse_syllabus(draft, source="draft.toml")  # raises if papergraph refuses its own draft


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(page=pages)
def test_fuzz_import_command_exits_0_or_1(tmp_path_factory, page):
    text, fmt = page
    path = tmp_path_factory.mktemp("page") / f"page.{fmt}"
    path.write_text(text, encoding="utf-8")
    _ok(runner.invoke(app, ["import", str(path)]), "import")
