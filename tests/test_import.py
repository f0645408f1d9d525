"""`papergraph import`: drafting a syllabus from seminar pages of several shapes."""

from __future__ import annotations

import functools
import socket
import threading
from datetime import date, time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from papergraph.cli import app
from papergraph.errors import InputError, NetworkUnavailable, NotFound
from papergraph.importer import import_page, import_text, parse_paper_line
from papergraph.importer.fetch import raw_url
from papergraph.models import Syllabus
from papergraph.syllabus import load_syllabus, save_syllabus

PAGES = Path(__file__).parent / "pages"
runner = CliRunner()


def _structure(s: Syllabus) -> dict:
    """What the page says, keyed by titles instead of keys/slugs (and without ids)."""
    title = {p.key: p.title for p in s.papers}
    return {
        "papers": sorted((p.title, p.authors, p.et_al, p.venue, p.year) for p in s.papers),
        "areas": [a.title for a in s.areas],
        "topics": [(s.area(t.area).title, t.title, t.question, [title[k] for k in t.papers])
                   for t in s.topics],
        "talks": [(t.date, t.start, t.end, title[t.paper]) for t in s.talks],
    }


@pytest.fixture(scope="module")
def page_server():
    """The fixture pages served by a real HTTP server on 127.0.0.1."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):  # keep pytest output clean
            pass

    handler = functools.partial(Quiet, directory=str(PAGES))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


# --------------------------------------------------------------------------- the TUM page


def test_seminar_page_gives_the_shipped_default(seminar_page, syllabus):
    result = import_page(str(seminar_page))
    assert _structure(result.syllabus) == _structure(syllabus)
    assert result.warnings == ()


def test_seminar_page_sections_and_unplaced_lines(seminar_page, syllabus):
    result = import_page(str(seminar_page))
    seminar = result.syllabus.seminar
    assert seminar.title == syllabus.seminar.title
    assert [m.when for m in seminar.milestones] == [m.when for m in syllabus.seminar.milestones]
    assert seminar.milestones[-1].what == syllabus.seminar.milestones[-1].what
    assert seminar.focus_topics == syllabus.seminar.focus_topics
    # prose of the schedule, News, the office hours, focus prose and pre-requisites
    assert [line for line, _ in result.unplaced] == [3, 4, 20, 21, 22, 23, 24, 32, 34, 35,
                                                     41, 43, 44]
    assert (32, "Office hours: 1 hour every week (date to be fixed)") in result.unplaced


def test_seminar_page_keys_are_readable_and_unique(seminar_page):
    keys = [p.key for p in import_page(str(seminar_page)).syllabus.papers]
    assert len(set(keys)) == len(keys) == 15
    assert {"arora2019fine", "arora2019convergence", "bartlett2017nearly",
            "gao2019convergence", "allenzhu2019sgd", "allenzhu2019resnet"} <= set(keys)


def test_seminar_page_import_is_deterministic(seminar_page, tmp_path):
    a = save_syllabus(import_page(str(seminar_page)).syllabus, tmp_path / "a.toml")
    b = save_syllabus(import_page(str(seminar_page)).syllabus, tmp_path / "b.toml")
    assert a.read_bytes() == b.read_bytes()
    loaded = load_syllabus(a)
    assert loaded.warnings == ()
    assert _structure(loaded) == _structure(import_page(str(seminar_page)).syllabus)


# --------------------------------------------------------------------------- other shapes


def test_numbered_authors_title_list():
    source = str(PAGES / "reading-group.txt")
    result = import_page(source)
    s = result.syllabus
    assert s.seminar.title == "Learning Theory Reading Group (Winter 2021)"
    assert [(a.slug, a.title) for a in s.areas] == [("reading-list", "Reading list")]
    assert [(t.title, t.question, t.papers) for t in s.topics] == [
        ("Generalisation", "Why do big networks generalise?",
         ("zhang2017understanding", "bartlett2017spectrally", "neyshabur2017exploring")),
        ("Implicit bias", "", ("soudry2018implicit",)),
    ]
    neyshabur = s.paper("neyshabur2017exploring")
    assert (neyshabur.title, neyshabur.authors, neyshabur.et_al, neyshabur.venue) == (
        "Exploring Generalization in Deep Learning", ("Behnam Neyshabur",), True, "NIPS")
    assert s.paper("bartlett2017spectrally").authors == (
        "Peter L. Bartlett", "Dylan J. Foster", "Matus Telgarsky")
    # en-dash time slots; the third talk's paper is not in the list: a paper of its own
    assert [(t.date, t.start, t.end, t.paper) for t in s.talks] == [
        (date(2021, 1, 12), time(14), time(14, 45), "zhang2017understanding"),
        (date(2021, 1, 12), time(14, 45), time(15, 30), "bartlett2017spectrally"),
        (date(2021, 1, 19), time(14), time(14, 45), "he2016deep"),
    ]
    he = s.paper("he2016deep")
    assert (he.title, he.authors[0], he.venue, he.year) == (
        "Deep Residual Learning for Image Recognition", "Kaiming He", "CVPR", 2016)
    assert s.topics_of("he2016deep") == ()
    assert result.unplaced == ((15, "see the course wiki for more"),)
    assert result.warnings == (
        f"{source}:7: warning: talk's paper is not in the reading list: added he2016deep "
        "as a paper in no topic",
    )


def test_markdown_with_headings():
    result = import_page(str(PAGES / "geometry.md"))
    s = result.syllabus
    assert s.seminar.title == "Seminar: Geometry of Deep Learning"
    assert [a.title for a in s.areas] == ["Approximation", "Dynamics"]
    assert [(s.area(t.area).title, t.title, t.question, t.papers) for t in s.topics] == [
        ("Approximation", "Expressivity", "What can deep networks represent?",
         ("zaheer2017deep", "lu2017expressive")),
        ("Approximation", "Depth separation", "", ("eldan2016power",)),
        ("Dynamics", "Continuous-depth models", "", ("chen2018neural",)),
    ]
    deep_sets = s.paper("zaheer2017deep")  # "*Title*, Authors, VENUE YEAR" over two lines
    assert (deep_sets.title, len(deep_sets.authors), deep_sets.authors[-1], deep_sets.venue,
            deep_sets.year) == ("Deep Sets", 6, "Alexander Smola", "NIPS", 2017)
    assert s.paper("eldan2016power").authors == ("Ronen Eldan", "Ohad Shamir")
    assert s.paper("chen2018neural").authors[0] == "Ricky T. Q. Chen"
    assert [(t.start, t.paper) for t in s.talks] == [
        (time(10), "chen2018neural"), (time(11), "zaheer2017deep")]
    assert {t.date for t in s.talks} == {date(2022, 5, 3)}
    assert result.unplaced == ((3, "Summer term 2022, Tuesdays."),
                               (7, "The first meeting moves to room 01.10.011."))
    assert result.warnings == ()


def test_html_served_over_http(page_server):
    url = f"{page_server}/robust-ml.html"
    result = import_page(url)
    s = result.syllabus
    assert (s.seminar.title, s.seminar.url) == (
        "Robust Machine Learning (Seminar, WS 2023/24)", url)
    # two h3 topics followed by two papers: paired in order
    assert [(s.area(t.area).title, t.title, t.question, t.papers) for t in s.topics] == [
        ("Attacks and defences", "Adversarial training", "Can we train robust models?",
         ("madry2018deep",)),
        ("Attacks and defences", "Certification", "Can we prove robustness?",
         ("cohen2019certified",)),
        ("Theory", "Trade-offs", "", ("zhang2019theoretically",)),
    ]
    cohen = s.paper("cohen2019certified")
    assert (cohen.title, cohen.authors, cohen.venue, cohen.year) == (
        "Certified Adversarial Robustness via Randomized Smoothing",
        ("Jeremy Cohen", "Elan Rosenfeld", "J. Zico Kolter"), "ICML", 2019)
    assert s.paper("zhang2019theoretically").authors[-2:] == (
        "Laurent El Ghaoui", "Michael I. Jordan")
    assert [(t.date, t.start, t.end, t.paper) for t in s.talks] == [
        (date(2023, 11, 15), time(9), time(9, 45), "madry2018deep"),
        (date(2023, 11, 15), time(9, 45), time(10, 30), "cohen2019certified"),
    ]
    assert result.unplaced == ((32, "Slides will be posted here."),
                               (34, "Contact: organisers@example.org"))


@pytest.mark.parametrize("page", ["reading-group.txt", "geometry.md", "robust-ml.html"])
def test_drafts_load_cleanly(page, tmp_path):
    draft = import_page(str(PAGES / page)).syllabus
    loaded = load_syllabus(save_syllabus(draft, tmp_path / "draft.toml"))
    assert _structure(loaded) == _structure(draft)
    expected = 1 if page == "reading-group.txt" else 0  # he2016deep is in no topic
    assert len(loaded.warnings) == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("Nearly-tight VC-dimension bounds for piecewise linear neural networks. Peter L. "
     "Bartlett, Nick Harvey, COLT 2017",
     ("Nearly-tight VC-dimension bounds for piecewise linear neural networks",
      ("Peter L. Bartlett", "Nick Harvey"), False, "COLT", 2017)),
    ("Ohad Shamir: Are ResNets Provably Better than Linear Predictors? Neurips 2018",
     ("Are ResNets Provably Better than Linear Predictors?", ("Ohad Shamir",), False,
      "Neurips", 2018)),
    ("Convergence of Adversarial Training in Overparametrized Neural Networks. Ruiqi Gao "
     "et al. Neurips 2019",
     ("Convergence of Adversarial Training in Overparametrized Neural Networks",
      ("Ruiqi Gao",), True, "Neurips", 2019)),
    ("Deep Sets, Manzil Zaheer and Satwik Kottur (NIPS 2017)",
     ("Deep Sets", ("Manzil Zaheer", "Satwik Kottur"), False, "NIPS", 2017)),
    ("Neural Tangent Kernel: Convergence and Generalization. Arthur Jacot, 2018",
     ("Neural Tangent Kernel: Convergence and Generalization", ("Arthur Jacot",), False, "",
      2018)),
])
def test_paper_line_shapes(line, expected):
    p = parse_paper_line(line)
    assert p is not None
    assert (p.title, p.authors, p.et_al, p.venue, p.year) == expected


def test_prose_is_not_a_paper():
    assert parse_paper_line("see the course wiki for more") is None
    assert parse_paper_line("Slides will be posted here.") is None


def test_page_without_papers_says_so(tmp_path):
    page = tmp_path / "empty.md"
    page.write_text("# Notes\n\nNothing to read yet.\n", encoding="utf-8")
    result = import_page(str(page))
    assert (result.syllabus.seminar.title, result.syllabus.papers) == ("Notes", ())
    assert result.unplaced == ((3, "Nothing to read yet."),)
    assert result.warnings == (
        f"{page}:1: warning: no papers found: is this the seminar's reading list?",
    )


# --------------------------------------------------------------------------- errors


def test_library_errors(tmp_path, page_server):
    with pytest.raises(InputError, match="no such file"):
        import_page(str(tmp_path / "missing.txt"))
    with pytest.raises(NotFound, match="HTTP 404"):
        import_page(f"{page_server}/missing.html")


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_connection_refused_is_network_unavailable():
    with pytest.raises(NetworkUnavailable, match="connection refused"):
        import_page(f"http://127.0.0.1:{_closed_port()}/page.html")


# --------------------------------------------------------------------------- CLI


def test_cli_import_writes_the_draft_and_reports_every_unplaced_line(tmp_path):
    source = str(PAGES / "reading-group.txt")
    out = tmp_path / "syllabus.toml"
    result = runner.invoke(app, ["import", source, "-o", str(out)])
    assert result.exit_code == 0
    assert result.stdout == (
        f"wrote {out}: 5 papers, 2 topics in 1 area, 3 talks; 1 line not placed\n")
    assert result.stderr == (
        "drafted 5 papers\n"
        f"{source}:15: not placed: see the course wiki for more\n"
        f"{source}:7: warning: talk's paper is not in the reading list: added he2016deep "
        "as a paper in no topic\n"
    )
    assert len(load_syllabus(out).papers) == 5


def test_cli_import_of_the_seminar_page(seminar_page, tmp_path):
    out = tmp_path / "tum.toml"
    result = runner.invoke(app, ["import", str(seminar_page), "--output", str(out)])
    assert result.exit_code == 0
    assert result.stdout == (
        f"wrote {out}: 15 papers, 13 topics in 6 areas, 11 talks; 13 lines not placed\n")
    lines = result.stderr.splitlines()
    assert len(lines) == 14
    assert lines[0] == "drafted 15 papers"
    assert lines[1] == (f"{seminar_page}:3: not placed: For each paper it will be 30 min of "
                        "presentation and a 10 min Q&A.")
    assert lines[8] == (f"{seminar_page}:32: not placed: Office hours: 1 hour every week "
                        "(date to be fixed)")


def test_cli_import_without_out_prints_toml(tmp_path):
    result = runner.invoke(app, ["import", str(PAGES / "geometry.md")])
    assert result.exit_code == 0
    assert result.stdout.startswith('# papergraph syllabus\n\n[seminar]\n'
                                    'title = "Seminar: Geometry of Deep Learning"\n')
    path = tmp_path / "printed.toml"
    path.write_text(result.stdout, encoding="utf-8")
    assert len(load_syllabus(path).topics) == 3


def test_cli_import_html_over_http(page_server, tmp_path):
    url = f"{page_server}/robust-ml.html"
    out = tmp_path / "robust.toml"
    result = runner.invoke(app, ["import", url, "-o", str(out)])
    assert result.exit_code == 0
    assert result.stdout == (
        f"wrote {out}: 3 papers, 3 topics in 2 areas, 2 talks; 2 lines not placed\n")
    assert result.stderr == ("drafted 3 papers\n"
                             f"{url}:32: not placed: Slides will be posted here.\n"
                             f"{url}:34: not placed: Contact: organisers@example.org\n")


_RESNET = "He, Zhang, Ren, Sun: Deep Residual Learning for Image Recognition. CVPR 2016"


@pytest.mark.parametrize(("name", "page"), [
    ("schedule.Rmd", f"---\ntitle: Reading group\n---\n\n```{{r}}\nlibrary(knitr)\n```\n\n"
                     f"- {_RESNET}\n"),
    ("schedule.qmd", f"---\ntitle: Reading group\n---\n\n- {_RESNET}\n"),
    ("schedule.xhtml", '<?xml version="1.0" encoding="utf-8"?>\n'
                       '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Reading group'
                       f"</title></head><body><ul><li>{_RESNET}</li></ul></body></html>\n"),
])
def test_markdown_and_html_pages_under_their_other_names_are_read(tmp_path, name, page):
    """R Markdown and Quarto course pages, XHTML: refused as unsupported types before."""
    path = tmp_path / name
    path.write_text(page, encoding="utf-8")
    result = runner.invoke(app, ["import", str(path), "-o", str(tmp_path / "out.toml")])
    assert (result.exit_code, result.stderr) == (0, "drafted 1 paper\n")
    assert [p.title for p in load_syllabus(tmp_path / "out.toml").papers] == [
        "Deep Residual Learning for Image Recognition"]


_GERMAN = "- Müller, Schäfer: Über neuronale Netze und ihre Grenzen. NeurIPS 2019\n"


@pytest.mark.parametrize(("name", "data"), [
    ("latin1.html", ('<html><head><meta http-equiv="Content-Type" content="text/html; '
                     'charset=iso-8859-1"><title>Lesegruppe</title></head><body><ul><li>'
                     + _GERMAN + "</li></ul></body></html>").encode("latin-1")),
    ("utf16.md", ("# Lesegruppe\n\n" + _GERMAN).encode("utf-16")),
    ("cp1252.md", ("# Lesegruppe Zürich\n\nWir lesen jede Woche einen Aufsatz über "
                   "Lernverfahren und ihre Grenzen.\n\n" + _GERMAN).encode("cp1252")),
    ("crlf.md", ("# Lesegruppe\r\n\r\n" + _GERMAN.replace("\n", "\r\n")).encode()),
])
def test_a_page_in_another_encoding_is_read_not_refused(tmp_path, name, data):
    """Old university pages are Latin-1 or Windows-1252, Windows editors save UTF-16: the
    page's own declaration, its byte-order mark or the likeliest charset decodes it."""
    path = tmp_path / name
    path.write_bytes(data)
    result = runner.invoke(app, ["import", str(path), "-o", str(tmp_path / "out.toml")])
    assert (result.exit_code, result.stderr.splitlines()[0]) == (0, "drafted 1 paper")
    paper = load_syllabus(tmp_path / "out.toml").papers[0]
    assert (paper.title, paper.authors) == ("Über neuronale Netze und ihre Grenzen",
                                            ("Müller", "Schäfer"))


def test_a_served_page_declaring_latin1_only_in_its_meta_tag_is_decoded_by_it(tmp_path):
    """The server says ``text/html`` and no charset; the page's ``<meta>`` says Latin-1."""
    body = ('<html><head><meta charset="iso-8859-1"><title>Lesegruppe</title></head><body>'
            f"<ul><li>{_GERMAN}</li></ul></body></html>").encode("latin-1")

    class Latin1(SimpleHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Latin1)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/seminar"
        paper = import_page(url).syllabus.papers[0]
    finally:
        server.shutdown()
        server.server_close()
    assert (paper.title, paper.authors) == ("Über neuronale Netze und ihre Grenzen",
                                            ("Müller", "Schäfer"))


@pytest.mark.parametrize(("url", "raw"), [
    ("https://github.com/mitcho/mitcho.com/blob/1a4848f/nus/synsem/index.md",
     "https://raw.githubusercontent.com/mitcho/mitcho.com/1a4848f/nus/synsem/index.md"),
    ("https://gitlab.com/group/project/-/blob/main/docs/reading.md",
     "https://gitlab.com/group/project/-/raw/main/docs/reading.md"),
    ("https://example.org/seminar.html", "https://example.org/seminar.html"),
    ("https://github.com/owner/repo/tree/main/docs", "https://github.com/owner/repo/tree/main/docs"),
])
def test_a_repository_file_page_is_fetched_as_the_file_itself(url, raw):
    """GitHub builds a file's page with scripts: the reading list is not in its HTML."""
    assert raw_url(url) == raw


def test_a_binary_file_named_as_a_page_is_one_line_and_exit_1(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = runner.invoke(app, ["import", str(path), "-o", str(tmp_path / "out.toml")])
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", f"{path}:3: a NUL character: a binary file, not a page\n")


def test_cli_bad_input_is_one_line_and_exit_1(tmp_path, page_server):
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    huge = tmp_path / "schedule.csv"  # a field past the csv module's limit: no reading list's
    huge.write_text("Date,Paper\n1/2/21,Title\n3/2/21," + "x" * 200_000 + "\n", encoding="utf-8")
    port = _closed_port()
    cases = [
        (str(tmp_path / "nope.txt"), f"{tmp_path / 'nope.txt'}: no such file\n"),
        (str(huge), f"{huge}:3: not a readable CSV row (field larger than field limit (131072))\n"),
        (str(pdf), f"{pdf}: unsupported page type (.pdf): expected .txt, .md, .html, .org, "
                   ".rst, .csv, .yml or an http(s):// URL\n"),
        (f"{page_server}/missing.html",
         f"error: {page_server}/missing.html: HTTP 404 Not Found\n"),
        (f"http://127.0.0.1:{port}/x.html",
         f"error: http://127.0.0.1:{port}/x.html: connection refused\n"),
    ]
    for source, message in cases:
        result = runner.invoke(app, ["import", source, "-o", str(tmp_path / "out.toml")])
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", message), source
    assert not (tmp_path / "out.toml").exists()


# --------------------------------------------------------------------------- hostile servers
@pytest.fixture
def hostile_server():
    """/drip sends its body a byte at a time; /bomb sends 1 KB of gzip worth 64 MB."""
    import gzip
    import time as clock
    from http.server import BaseHTTPRequestHandler

    bomb = gzip.compress(b"<p>" + b" " * (64 * 2**20), compresslevel=9)

    class Hostile(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802 - http.server's name
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            if self.path == "/bomb.html":
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(bomb)))
                self.end_headers()
                self.wfile.write(bomb)
                return
            self.end_headers()
            try:
                for _ in range(600):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    clock.sleep(0.1)
            except OSError:
                pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_dripping_server_costs_the_deadline_not_the_whole_drip(hostile_server, monkeypatch):
    from papergraph.importer import fetch

    monkeypatch.setattr(fetch, "FETCH_TIMEOUT", 0.5)  # the drip would take 60 s
    result = runner.invoke(app, ["import", f"{hostile_server}/drip.html"])
    assert (result.exit_code, result.stderr) == (
        1, f"error: {hostile_server}/drip.html: no complete answer within 0.5 s\n")


def test_a_compression_bomb_is_refused_at_the_size_limit(hostile_server, monkeypatch):
    from papergraph.importer import fetch

    monkeypatch.setattr(fetch, "MAX_PAGE_BYTES", 2**20)
    result = runner.invoke(app, ["import", f"{hostile_server}/bomb.html"])
    assert (result.exit_code, result.stderr) == (
        1, f"error: {hostile_server}/bomb.html: page larger than 1 MB\n")


def test_a_text_file_written_in_markdown_is_read_as_markdown():
    """Pandoc Markdown saved as ``.txt`` (a reading list's ``#``/``##`` headings): its
    headings are the topics, not lines of text."""
    page = ("# Comprehensive exam reading list\n\n## New institutional economics\n\n"
            "North, Douglass C. 1990. *Institutions, Institutional Change and Economic "
            "Performance*. Cambridge University Press.\n\n## Historical institutionalism\n\n"
            "La Porta, Rafael, et al. 1998. \"Law and Finance.\" *Journal of Political "
            "Economy* 106 (6): 1113–55.\n")
    s = import_text(page, "txt").syllabus
    titles = {p.key: p.title for p in s.papers}
    assert [(t.title, [titles[k] for k in t.papers]) for t in s.topics] == [
        ("New institutional economics",
         ["Institutions, Institutional Change and Economic Performance"]),
        ("Historical institutionalism", ["Law and Finance"])]


def test_a_topic_column_in_another_language_or_named_for_the_lecture_files_the_papers():
    """``| Date | Thématique | Article |`` (French) and ``| wk | Lecture | Reading |``: the
    topic column files the papers the other column names; beside a ``Topic`` column, a
    ``Lecture`` column of dates is not the topic."""
    pages = {
        "| Date | Thématique | Article |\n|---|---|---|\n| 29 mars 2023 | Lois générales en "
        "écologie | Lawton, J. H. (1999). [Are there general laws in ecology?]"
        "(https://doi.org/10.2307/3546712) Oikos, 84(2), 177–192. |\n":
            "Lois générales en écologie",
        "| wk | Lecture | Reading material |\n|---|---|---|\n| 2 | Deep Q Learning | Mnih, V. "
        "et al. (2015). [Human-level control through deep reinforcement learning]"
        "(https://doi.org/10.1038/nature14236). Nature, 518, 529–533. |\n":
            "Deep Q Learning",
        "| Lecture | Topic | Article |\n|---|---|---|\n| Mar 18 | Forecasting | Woloszko, N. "
        "(2020), [\"Tracking activity in real time with Google Trends\"]"
        "(https://doi.org/10.1787/6b9c7518-en), OECD Economics Department Working Papers. |\n":
            "Forecasting",
    }
    for table, topic in pages.items():
        s = import_text("# Reading group\n\n" + table, "md").syllabus
        assert [t.title for t in s.topics] == [topic], table
