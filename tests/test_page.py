"""The interactive page in a real browser: Debian's Chromium driven by Playwright.

Every request that leaves the page's own file is blocked and recorded; the tests fail
on any such request and on any console error.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import missing_system_tool

from papergraph.graph import build_graph
from papergraph.models import Record, Ref, Resolution
from papergraph.reading import reading_order
from papergraph.render import LIGHT_MODE_NODES, write_page

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
XSS = "<img src=x onerror=alert(1)>"
XSS2 = "</script><script>window.__pwned = 1; alert(2)</script>"


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        missing_system_tool("Debian's chromium is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Opened:
    """A page opened from file://, with what it tried to fetch and what it logged."""

    def __init__(self, browser, path: Path, viewport=(1500, 900)):
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.local: list[str] = []
        self.page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def on_dialog(d):
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", on_dialog)
        url = path.resolve().as_uri()

        def route(r):
            if r.request.url == url:
                r.continue_()
            elif r.request.url.startswith("file://"):
                self.local.append(r.request.url)
                r.abort()
            else:
                self.outside.append(r.request.url)
                r.abort()

        self.page.route("**/*", route)
        start = time.perf_counter()
        self.page.goto(url)
        self.page.wait_for_selector("body[data-ready='1']", timeout=30_000)
        self.ready_seconds = time.perf_counter() - start

    def js(self, expr: str, arg=None):
        return self.page.evaluate(expr, arg)

    def click_node(self, node_id: str) -> None:
        x, y = self.js("""id => {
            const net = window.papergraph.network;
            const p = net.canvasToDOM(net.getPositions([id])[id]);
            const r = document.getElementById('network').getBoundingClientRect();
            return [r.left + p.x, r.top + p.y];
        }""", node_id)
        self.page.mouse.click(x, y)

    def close(self) -> None:
        self.page.close()


@pytest.fixture(scope="module")
def page_file(syllabus, resolution, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("page") / "seminar.html"
    write_page(syllabus, resolution, build_graph(syllabus, resolution), path)
    return path


@pytest.fixture(scope="module")
def opened(browser, page_file):
    o = Opened(browser, page_file)
    yield o
    o.close()


def test_offline_and_quiet(opened):
    opened.page.wait_for_timeout(300)
    assert opened.outside == []
    assert opened.local == []
    assert opened.errors == []


def test_network_holds_the_seminar(opened, syllabus, facts):
    nodes = opened.js("window.papergraph.nodes.get().map(n => [n.id, n.kind, !!n.hidden])")
    by_kind: dict[str, set[str]] = {}
    for node_id, kind, hidden in nodes:
        assert not hidden
        by_kind.setdefault(kind, set()).add(node_id)
    assert by_kind["paper"] == {f"paper:{p['key']}" for p in facts["papers"]}
    assert by_kind["topic"] == {f"topic:{t.slug}" for t in syllabus.topics}
    assert by_kind["area"] == {f"area:{a.slug}" for a in syllabus.areas}
    assert set(by_kind) == {"paper", "topic", "area"}
    edges = opened.js("window.papergraph.edges.get().map(e => [e.from, e.to, e.kind])")
    cites = {(a, b) for a, b, k in edges if k == "cites"}
    assert cites == {(f"paper:{c['citing']}", f"paper:{c['cited']}") for c in facts["citations"]}
    in_topic = {(a, b) for a, b, k in edges if k == "in_topic"}
    assert in_topic == {(f"paper:{k}", f"topic:{t.slug}") for t in syllabus.topics
                        for k in t.papers}
    assert {(a, b) for a, b, k in edges if k == "in_area"} == {
        (f"topic:{t.slug}", f"area:{t.area}") for t in syllabus.topics}
    # every paper is drawn inside the canvas's world, isolated or not
    positions = opened.js("window.papergraph.network.getPositions()")
    assert all(f"paper:{p['key']}" in positions for p in facts["papers"])


def test_hover_tooltip_is_text(opened):
    tip = opened.js("""() => {
        const n = window.papergraph.nodes.get('paper:jacot2018');
        return [n.title instanceof HTMLElement, n.title.textContent];
    }""")
    assert tip[0] is True
    assert "Neural Tangent Kernel" in tip[1]
    assert "Arthur Jacot, Franck Gabriel, Clément Hongler" in tip[1]
    assert "NeurIPS 2018" in tip[1]
    assert "Kernel behaviour of NNs" in tip[1]
    assert "arXiv" in tip[1] and "Semantic Scholar" not in tip[1]  # only links that exist


def test_click_paper_shows_details_and_bibtex(opened, artifacts):
    page = opened.page
    opened.js("window.papergraph.setFilter('')")
    opened.click_node("paper:jacot2018")
    page.wait_for_selector("#details[data-node='paper:jacot2018']", timeout=5000)
    assert page.inner_text("#details-title") == (
        "Neural Tangent Kernel: Convergence and Generalization in Neural Networks")
    bib = page.inner_text("#details-bibtex")
    assert bib.lstrip().startswith("@inproceedings{jacot2018")
    assert "Neural Tangent Kernel" in bib
    assert page.is_visible("#copy-bibtex")
    page.click("#copy-bibtex")
    page.wait_for_function("document.getElementById('copy-status').textContent.length > 0")
    links = page.eval_on_selector_all("#details .links a", "as => as.map(a => a.href)")
    assert "https://arxiv.org/abs/1806.07572" in links
    assert opened.outside == [] and opened.errors == []
    page.screenshot(path=str(artifacts / "page-details.png"))


def test_topic_filter_hides_other_topics(opened, syllabus):
    page = opened.page
    page.select_option("#topic-filter", "kernel-behaviour-of-nns")
    visible = set(opened.js(
        "window.papergraph.nodes.get().filter(n => !n.hidden).map(n => n.id)"))
    assert visible == {"topic:kernel-behaviour-of-nns", "area:other-topics",
                       "paper:jacot2018", "paper:allenzhu2019convergence",
                       "paper:allenzhu2019resnet"}
    page.select_option("#topic-filter", "")
    hidden = opened.js("window.papergraph.nodes.get().filter(n => n.hidden).length")
    assert hidden == 0


def test_reading_lists_in_prerequisite_order(opened, syllabus, resolution):
    page = opened.page
    page.click(".tabs button[data-tab='reading']")
    sections = page.eval_on_selector_all(
        "#reading-lists .reading-topic",
        "ss => ss.map(s => [s.dataset.topic, "
        "[...s.querySelectorAll('li')].map(l => l.dataset.node)])")
    assert len(sections) == 13
    order = reading_order(syllabus, resolution)
    assert [s for s, _ in sections] == [t.slug for t in syllabus.topics
                                        if t.area in {a.slug for a in syllabus.areas}]
    assert {s for s, _ in sections} == {t.slug for t in syllabus.topics}
    for slug, items in sections:
        assert items == [f"paper:{k}" for k in order[slug]]
    kernel = dict(sections)["kernel-behaviour-of-nns"]
    # jacot2018 and allenzhu2019convergence are cited by allenzhu2019resnet: read them first
    assert kernel == ["paper:jacot2018", "paper:allenzhu2019convergence",
                      "paper:allenzhu2019resnet"]
    # an item selects its node
    page.click("#reading-lists li[data-node='paper:allenzhu2019convergence'] button")
    page.wait_for_selector("#details[data-node='paper:allenzhu2019convergence']")
    assert opened.js("window.papergraph.network.getSelectedNodes()") == [
        "paper:allenzhu2019convergence"]


def test_schedule_lists_the_talks(opened, syllabus):
    page = opened.page
    page.click(".tabs button[data-tab='schedule']")
    rows = page.eval_on_selector_all("#schedule tr.talk button",
                                     "bs => bs.map(b => b.dataset.node)")
    assert rows == [f"paper:{t.paper}" for t in syllabus.talks]


def test_screenshot(opened, artifacts):
    page = opened.page
    page.select_option("#topic-filter", "")
    page.click(".tabs button[data-tab='reading']")
    opened.js("window.papergraph.network.fit()")
    page.wait_for_timeout(200)
    path = artifacts / "page.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 20_000
    assert opened.outside == [] and opened.errors == []


# --------------------------------------------------------------------------- hostile metadata


def test_xss_probe_does_not_execute(browser, syllabus, resolution, tmp_path, artifacts):
    syl = replace(syllabus, seminar=replace(syllabus.seminar, title=f"Seminar {XSS}"),
                  topics=tuple(replace(t, title=t.title + XSS) if i == 0 else t
                               for i, t in enumerate(syllabus.topics)))
    first = syl.papers[0].key
    records = tuple(replace(r, title=f"{XSS} {XSS2}", authors=(XSS2, "O'Brien \"Q\"")) if
                    r.key == first else r for r in resolution.records)
    res = replace(resolution, records=records)
    path = tmp_path / "xss.html"
    write_page(syl, res, build_graph(syl, res), path,
               bibtex={first: f"@misc{{{first},\n  title = {{{XSS2}}}\n}}"})
    o = Opened(browser, path)
    try:
        o.page.wait_for_timeout(300)
        assert o.dialogs == []
        assert o.js("window.__pwned") is None
        assert o.js("document.querySelectorAll('img').length") == 0
        assert o.page.inner_text("#page-title") == f"Seminar {XSS}"
        assert o.page.title().startswith(f"Seminar {XSS}")
        o.js("id => window.papergraph.select(id)", f"paper:{first}")
        o.page.wait_for_selector(f"#details[data-node='paper:{first}']")
        assert o.page.inner_text("#details-title") == f"{XSS} {XSS2}"
        assert XSS2 in o.page.inner_text("#details-bibtex")
        tip = o.js("id => window.papergraph.nodes.get(id).title.textContent", f"paper:{first}")
        assert XSS in tip
        assert o.dialogs == [] and o.js("window.__pwned") is None
        assert o.outside == [] and o.local == [] and o.errors == []
        o.page.screenshot(path=str(artifacts / "page-xss.png"))
    finally:
        o.close()


# --------------------------------------------------------------------------- a big graph


def big_resolution(resolution: Resolution, per_paper: int = 190) -> Resolution:
    """Every seminar paper cites ``per_paper`` outside papers (some shared) and is cited."""
    records = []
    for i, rec in enumerate(resolution.records):
        refs = tuple(Ref(title=f"Outside paper {(i * per_paper + j) // 2}", year=2000 + j % 20,
                         authors=(f"Author {j}",)) for j in range(per_paper))
        cits = tuple(Ref(title=f"Later paper {i}-{j}", year=2021) for j in range(per_paper // 4))
        seminar_refs = tuple(r for r in rec.references if r.seminar_key)
        records.append(Record(**{**rec.__dict__, "references": seminar_refs + refs,
                                 "citations": rec.citations + cits}))
    return replace(resolution, records=tuple(records))


def test_two_thousand_nodes_are_interactive_at_once(browser, syllabus, resolution, tmp_path,
                                                    artifacts):
    res = big_resolution(resolution)
    graph = build_graph(syllabus, res, include_external=True)
    assert graph.number_of_nodes() > 2000
    path = tmp_path / "big.html"
    start = time.perf_counter()
    write_page(syllabus, res, graph, path)
    render_seconds = time.perf_counter() - start
    assert render_seconds < 20
    o = Opened(browser, path)
    try:
        assert o.ready_seconds < 10
        assert o.page.is_visible("#mode-note")
        assert str(LIGHT_MODE_NODES) in o.page.inner_text("#mode-note")
        before = o.js("window.papergraph.network.getPositions(['paper:jacot2018', "
                      "'paper:li2018'])")
        o.page.wait_for_timeout(1000)
        after = o.js("window.papergraph.network.getPositions(['paper:jacot2018', "
                     "'paper:li2018'])")
        assert before == after  # no physics: the drawing stays still
        start = time.perf_counter()
        o.click_node("paper:li2018")
        o.page.wait_for_selector("#details[data-node='paper:li2018']", timeout=5000)
        assert time.perf_counter() - start < 3
        assert o.outside == [] and o.errors == []
        o.page.screenshot(path=str(artifacts / "page-big.png"))
    finally:
        o.close()
