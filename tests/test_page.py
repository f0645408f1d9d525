"""The interactive page in a real browser: Debian's Chromium driven by Playwright.

Every request that leaves the page's own file is blocked and recorded; the tests fail
on any such request and on any console error. Screenshots of each state go to
tests/artifacts/ (look at them: a test cannot tell whether a page looks right).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import missing_system_tool

from papergraph.graph import build_graph
from papergraph.models import Ref, Resolution
from papergraph.page import LIGHT_MODE_NODES, write_page
from papergraph.reading import reading_order

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
XSS = "<img src=x onerror=alert(1)>"
XSS2 = "</script><script>window.__pwned = 1; alert(2)</script>"
KERNEL = "kernel-behaviour-of-nns"


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

    def __init__(self, browser, path: Path, viewport=(1500, 900), hash_: str = "",
                 **context):
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.local: list[str] = []
        self.context = browser.new_context(
            viewport={"width": viewport[0], "height": viewport[1]}, **context)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def on_dialog(d):
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", on_dialog)
        self.url = path.resolve().as_uri()

        def route(r):
            if r.request.url.split("#")[0] == self.url:
                r.continue_()
            elif r.request.url.startswith("file://"):
                self.local.append(r.request.url)
                r.abort()
            else:
                self.outside.append(r.request.url)
                r.abort()

        self.page.route("**/*", route)
        self.page.goto(self.url + hash_)
        self.page.wait_for_selector("body[data-ready='1']", timeout=60_000)

    def js(self, expr: str, arg=None):
        return self.page.evaluate(expr, arg)

    def node_xy(self, node_id: str) -> tuple[float, float]:
        return tuple(self.js("""id => {
            const net = window.papergraph.network;
            const p = net.canvasToDOM(net.getPositions([id])[id]);
            const r = document.getElementById('network').getBoundingClientRect();
            return [r.left + p.x, r.top + p.y];
        }""", node_id))

    def click_node(self, node_id: str) -> None:
        self.page.mouse.click(*self.node_xy(node_id))

    def state(self) -> dict:
        return self.js("window.papergraph.state()")

    def hash(self) -> str:
        return self.js("location.hash")

    def quiet(self) -> None:
        assert self.outside == [] and self.local == [] and self.errors == []

    def close(self) -> None:
        self.context.close()


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


@pytest.fixture
def fresh(browser, page_file):
    """A new page for a test that changes history or needs its own viewport."""
    made: list[Opened] = []

    def make(viewport=(1500, 900), hash_: str = "", **context) -> Opened:
        made.append(Opened(browser, page_file, viewport, hash_, **context))
        return made[-1]

    yield make
    for o in made:
        o.close()


def test_offline_and_quiet(opened):
    opened.page.wait_for_timeout(300)
    opened.quiet()


def test_network_holds_the_seminar(opened, syllabus, facts):
    nodes = opened.js("window.papergraph.nodes.get().map(n => "
                      "[n.id, window.papergraph.data.nodes[n.id].kind, !!n.hidden])")
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


def test_click_paper_shows_details_bibtex_and_its_address(fresh, artifacts):
    o = fresh()
    page = o.page
    o.click_node("paper:jacot2018")
    page.wait_for_selector("#details[data-node='paper:jacot2018']", timeout=60_000)
    assert page.inner_text("#details-title") == (
        "Neural Tangent Kernel: Convergence and Generalization in Neural Networks")
    assert page.inner_text("#details-venue") == "NeurIPS · 2018"
    bib = page.inner_text("#details-bibtex")
    assert bib.lstrip().startswith("@inproceedings{jacot2018")
    page.click("#copy-bibtex")
    page.wait_for_function("document.getElementById('copy-status').textContent.length > 0")
    links = page.eval_on_selector_all("#details .links a", "as => as.map(a => a.href)")
    assert "https://arxiv.org/abs/1806.07572" in links
    assert o.hash() == "#paper=jacot2018"
    # no abstract, TL;DR or citation count in the shipped records (the verified facts
    # have none): none is shown, and no "unknown" stands in for them
    assert page.query_selector("#details-abstract") is None
    assert page.query_selector("#details-tldr") is None
    assert "citations overall" not in page.inner_text("#details")
    assert "unknown" not in page.inner_text("#details")
    o.quiet()
    page.screenshot(path=str(artifacts / "page-details.png"))


def test_screenshot_for_the_readme(fresh, artifacts):
    """docs/page.png is this picture (copied by hand when the page changes)."""
    o = fresh(viewport=(1366, 768), hash_="#paper=jacot2018")
    o.page.click("#fit-view")
    o.page.wait_for_function("!window.papergraph.moving()")
    o.page.mouse.move(5, 740)
    o.page.screenshot(path=str(artifacts / "page.png"))
    assert o.page.get_attribute("#details", "data-node") == "paper:jacot2018"
    o.quiet()


# --------------------------------------------------------------------------- the address


def test_deep_link_selects_a_paper(fresh, artifacts):
    o = fresh(hash_="#paper=allenzhu2019resnet")
    assert o.page.get_attribute("#details", "data-node") == "paper:allenzhu2019resnet"
    assert o.js("window.papergraph.network.getSelectedNodes()") == ["paper:allenzhu2019resnet"]
    assert o.page.is_visible("#details-title")
    # the graph is centred on it
    x, y = o.node_xy("paper:allenzhu2019resnet")
    box = o.page.locator("#network").bounding_box()
    assert abs(x - (box["x"] + box["width"] / 2)) < 5
    assert abs(y - (box["y"] + box["height"] / 2)) < 5
    o.quiet()
    o.page.screenshot(path=str(artifacts / "page-deep-link-paper.png"))


def test_deep_link_selects_a_topic(fresh, artifacts):
    o = fresh(hash_=f"#topic={KERNEL}")
    assert o.page.get_attribute("#details", "data-node") == f"topic:{KERNEL}"
    assert o.page.get_attribute("body", "data-filter") == KERNEL
    assert o.page.input_value("#topic-filter") == KERNEL
    looks = o.js("window.papergraph.looks()")
    assert looks["paper:jacot2018"] == "on" and looks[f"topic:{KERNEL}"] == "on"
    assert looks["topic:vc-dimension"] == "hidden"
    o.quiet()
    o.page.screenshot(path=str(artifacts / "page-deep-link-topic.png"))


def test_old_style_and_unknown_links(fresh):
    o = fresh(hash_="#paper:jacot2018")  # as the issue tried it
    assert o.page.get_attribute("#details", "data-node") == "paper:jacot2018"
    o.page.goto(o.url + "#paper=nosuchpaper2099")
    o.page.wait_for_selector("#details-missing")
    assert "nosuchpaper2099" in o.page.inner_text("#details-missing")
    o.quiet()


def test_back_and_forward_step_through_selections(fresh):
    o = fresh()
    page = o.page
    assert o.hash() == ""
    o.click_node("paper:li2018")
    page.wait_for_selector("#details[data-node='paper:li2018']")
    page.select_option("#topic-filter", KERNEL)
    page.wait_for_function(f"location.hash === '#topic={KERNEL}'")
    page.click("#reading-lists li[data-node='paper:jacot2018'] button")
    assert o.hash() == f"#topic={KERNEL}&paper=jacot2018"
    page.go_back()
    page.wait_for_function(f"location.hash === '#topic={KERNEL}'")
    assert o.state()["node"] == f"topic:{KERNEL}"
    assert page.get_attribute("#details", "data-node") == f"topic:{KERNEL}"
    page.go_back()
    page.wait_for_function("location.hash === '#paper=li2018'")
    assert o.state() == {"node": "paper:li2018", "topic": "", "q": "", "view": "rings"}
    assert o.js("window.papergraph.network.getSelectedNodes()") == ["paper:li2018"]
    assert page.get_attribute("body", "data-filter") == ""
    page.go_back()
    page.wait_for_function("location.hash === ''")
    assert o.state()["node"] is None
    assert page.url.startswith("file://")  # Back stayed on the page
    page.go_forward()
    page.wait_for_function("location.hash === '#paper=li2018'")
    assert page.get_attribute("#details", "data-node") == "paper:li2018"
    o.quiet()


# --------------------------------------------------------------------------- search


def test_search_finds_by_title_author_venue_year_and_key(fresh, artifacts):
    o = fresh()
    page = o.page

    def found(q: str) -> list[str]:
        o.js("q => window.papergraph.search(q)", q)
        return page.eval_on_selector_all("#search-results [role=option]",
                                         "ls => ls.map(l => l.dataset.node)")

    assert found("tangent kernel") == ["paper:jacot2018"]  # title
    assert found("hongler") == ["paper:jacot2018"]  # an author
    assert set(found("COLT")) == {"paper:bartlett2017", "paper:li2018"}  # venue
    assert "paper:bartlett2017" in found("2017") and "paper:jacot2018" not in found("2017")
    assert found("allenzhu2019rnn")[0] == "paper:allenzhu2019rnn"  # key (others ranked below)
    assert found("clement") == ["paper:jacot2018"]  # Clément, accents folded
    assert found("no such words here") == []
    # typing: matches listed and highlighted, the rest dimmed, the text in the address
    o.js("window.papergraph.search('')")
    page.fill("#search", "allen-zhu")
    page.wait_for_function("document.getElementById('search-count').textContent === '3 matches'")
    assert page.is_visible("#search-results")
    looks = o.js("window.papergraph.looks()")
    assert looks["paper:allenzhu2019resnet"] == "on" and looks["paper:jacot2018"] == "dim"
    assert o.hash() == "#q=allen-zhu"
    page.screenshot(path=str(artifacts / "page-search.png"))
    # Enter goes to the first match
    first = page.get_attribute("#search-results [role=option]", "data-node")
    page.press("#search", "Enter")
    page.wait_for_selector(f"#details[data-node='{first}']")
    assert o.js("window.papergraph.network.getSelectedNodes()") == [first]
    assert page.is_hidden("#search-results")
    # the arrow keys choose another; Escape closes the list, then clears the search
    page.focus("#search")
    page.press("#search", "ArrowDown")
    page.press("#search", "ArrowDown")
    second = page.get_attribute("#search-results [aria-selected=true]", "data-node")
    assert second != first
    page.press("#search", "Enter")
    page.wait_for_selector(f"#details[data-node='{second}']")
    page.press("#search", "Escape")
    assert page.input_value("#search") == ""
    assert o.js("Object.values(window.papergraph.looks()).every(v => v === 'on')")
    o.quiet()


OVERPARAMETERISED = {"paper:li2018", "paper:ma2018", "paper:allenzhu2019convergence",
                     "paper:arora2019fine", "paper:gao2019"}


def test_search_ranks_and_forgives(fresh):
    """What a person types: initials, either spelling, a topic, a surname; best first."""
    o = fresh()

    def found(q: str) -> list[str]:
        o.js("q => window.papergraph.search(q)", q)
        return o.page.eval_on_selector_all("#search-results [role=option]",
                                           "ls => ls.map(l => l.dataset.node)")

    assert found("NTK") == ["paper:jacot2018"]  # initials of "Neural Tangent Kernel"
    assert found("ntk")[0] == "paper:jacot2018"
    # the five over-parameteri[sz]ed / over-parametri[sz]ed titles, however it is spelt
    for q in ("overparameterized", "over-parameterised", "Overparametrised"):
        assert set(found(q)) == OVERPARAMETERISED, q
    assert found("memorisation")[0] == "paper:yun2019"  # a topic (and "memorization")
    assert found("random features")[0] == "paper:yehudai2019"  # a topic's words
    assert found("jacot") == ["paper:jacot2018"]  # an author's surname
    assert found("Clément Hongler") == ["paper:jacot2018"]  # with or without accents
    assert found("li 2018")[0] == "paper:li2018"  # ranked: Li 2018 before Shamir 2018
    assert found("resnet")[0] == "paper:allenzhu2019resnet"
    assert o.page.inner_text("#search-count") == "2 matches"
    o.quiet()


def test_search_text_in_a_link_is_applied(fresh):
    o = fresh(hash_="#q=arora")
    assert o.page.input_value("#search") == "arora"
    assert o.page.inner_text("#search-count") == "2 matches"
    o.quiet()


# --------------------------------------------------------------------------- topic filter


def test_topic_filter_keeps_citations_to_other_topics_dimmed(fresh, syllabus, artifacts):
    o = fresh(viewport=(1366, 768))
    page = o.page
    page.select_option("#topic-filter", KERNEL)
    looks = o.js("window.papergraph.looks()")
    on = {n for n, v in looks.items() if v == "on"}
    dim = {n for n, v in looks.items() if v == "dim"}
    assert on == {f"topic:{KERNEL}", "area:other-topics", "paper:jacot2018",
                  "paper:allenzhu2019convergence", "paper:allenzhu2019resnet"}
    # the papers these cite, are cited by or are related to, in other topics: dimmed
    assert "paper:arora2019fine" in dim and "paper:allenzhu2019rnn" in dim
    edges = o.js("""() => window.papergraph.edges.get().filter(e => !e.hidden)
                      .map(e => [e.from, e.to, e.kind, e.color.opacity])""")
    to_other = [e for e in edges if e[2] == "cites" and
                {e[0], e[1]} & dim and {e[0], e[1]} & on]
    assert to_other and all(e[3] < 0.3 for e in to_other)
    # its reading list is marked and scrolled into view
    card = page.locator(f".reading-topic[data-topic='{KERNEL}']")
    assert "current" in card.get_attribute("class")
    assert card.is_visible()
    top = card.bounding_box()["y"]
    panel = page.locator("#panel-reading").bounding_box()
    assert panel["y"] <= top < panel["y"] + panel["height"]
    page.screenshot(path=str(artifacts / "page-topic.png"))
    page.select_option("#topic-filter", "")
    assert o.js("Object.values(window.papergraph.looks()).every(v => v === 'on')")
    o.quiet()


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
    for slug, items in sections:
        assert items == [f"paper:{k}" for k in order[slug]]
    assert dict(sections)[KERNEL] == ["paper:jacot2018", "paper:allenzhu2019convergence",
                                      "paper:allenzhu2019resnet"]


def test_schedule_lists_the_talks(opened, syllabus):
    page = opened.page
    page.click(".tabs button[data-tab='schedule']")
    rows = page.eval_on_selector_all("#schedule tr.talk button",
                                     "bs => bs.map(b => b.dataset.node)")
    assert rows == [f"paper:{t.paper}" for t in syllabus.talks]


# --------------------------------------------------------------------------- keyboard


def test_keyboard_reading_list_details_and_back(fresh):
    o = fresh()
    page = o.page
    first = page.locator("#reading-lists .reading-item button").first
    first.focus()
    page.keyboard.press("ArrowDown")  # the next entry: the next topic's heading or paper
    moved = o.js("document.activeElement.closest('#reading-lists') !== null && "
                 "document.activeElement.textContent")
    assert moved and moved != first.inner_text()
    page.keyboard.press("ArrowUp")
    assert o.js("document.activeElement.dataset.node") == first.get_attribute("data-node")
    page.keyboard.press("Enter")
    node = first.get_attribute("data-node")
    page.wait_for_selector(f"#details[data-node='{node}']")
    assert o.js("document.activeElement.id") == "details-title"  # focus went to what opened
    assert o.hash() == f"#paper={node.removeprefix('paper:')}"
    page.keyboard.press("Escape")  # back where we were
    assert page.get_attribute("#tab-reading", "aria-selected") == "true"
    assert o.js("document.activeElement.dataset.node") == node
    o.quiet()


def test_keyboard_tabs_move_with_arrows(fresh):
    o = fresh()
    page = o.page
    page.focus("#tab-reading")
    page.keyboard.press("ArrowRight")
    assert page.get_attribute("#tab-details", "aria-selected") == "true"
    assert o.js("document.activeElement.id") == "tab-details"
    page.keyboard.press("End")
    assert page.get_attribute("#tab-schedule", "aria-selected") == "true"
    page.keyboard.press("ArrowRight")  # wraps
    assert page.get_attribute("#tab-reading", "aria-selected") == "true"
    assert page.get_attribute("#tab-schedule", "tabindex") == "-1"  # one tab stop


def test_keyboard_moves_between_papers_in_the_graph(fresh, artifacts):
    o = fresh()
    page = o.page
    page.focus("#network")
    page.keyboard.press("ArrowRight")
    start = o.state()["node"]
    assert start is not None
    seen = [start]
    for key in ("ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp", "ArrowDown"):
        page.keyboard.press(key)
        seen.append(o.state()["node"])
    assert len(set(seen)) >= 4  # it goes places
    x0, y0 = o.node_xy(seen[0])
    x1, y1 = o.node_xy(seen[1])
    assert x1 > x0  # ArrowRight went right
    assert page.inner_text("#graph-status").startswith(o.js("id => window.papergraph.data"
                                                              ".nodes[id].label", seen[-1]))
    assert o.js("document.activeElement.id") == "network"
    page.screenshot(path=str(artifacts / "page-keyboard.png"))
    page.keyboard.press("Enter")
    assert o.js("document.activeElement.id") == "details-title"
    page.focus("#network")
    page.keyboard.press("Escape")
    assert o.state()["node"] is None
    scale = settle(o)
    page.keyboard.press("+")
    assert settle(o) > scale
    o.quiet()


def test_arrow_keys_reach_papers_only_and_keep_the_topic_filter(fresh):
    """Plain arrows go from paper to paper (136 moves, every direction); Shift+arrows
    reach topics and areas too; neither ever changes the topic filter."""
    import random

    o = fresh()
    page = o.page
    where = """() => {
        const s = window.papergraph.state();
        const looks = window.papergraph.looks();
        return [s.node ? window.papergraph.data.nodes[s.node].kind : null, s.topic,
                document.getElementById('topic-filter').value,
                Object.keys(looks).filter(k => looks[k] === 'hidden').length];
    }"""
    arrows = ["ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp"]
    moves = random.Random(23)
    page.focus("#network")
    visited = set()
    for _ in range(136):
        page.keyboard.press(moves.choice(arrows))
        assert o.js(where) == ["paper", "", "", 0]
        visited.add(o.state()["node"])
    assert len(visited) >= 10
    page.select_option("#topic-filter", KERNEL)
    hidden = o.js(where)[3]
    assert hidden > 0
    page.focus("#network")
    for _ in range(40):
        page.keyboard.press(moves.choice(arrows))
        assert o.js(where) == ["paper", KERNEL, KERNEL, hidden]
    kinds = set()
    for _ in range(40):
        page.keyboard.press("Shift+" + moves.choice(arrows))
        kind, topic, menu, now_hidden = o.js(where)
        assert (topic, menu, now_hidden) == (KERNEL, KERNEL, hidden)
        kinds.add(kind)
    assert kinds & {"topic", "area"}  # Shift reaches them
    o.quiet()


# --------------------------------------------------------------------------- screens


def visible_fraction(o: Opened) -> float:
    """How much of the window's height the graph fills, as the page opens (unscrolled)."""
    box = o.page.locator("#network").bounding_box()
    height = o.js("window.innerHeight")
    return (min(box["y"] + box["height"], height) - max(box["y"], 0)) / height


def no_sideways_scroll(o: Opened) -> bool:
    return o.js("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("size", [(390, 844), (320, 640)])
def test_small_screens(fresh, artifacts, size):
    o = fresh(viewport=size, has_touch=True, is_mobile=True)
    o.page.screenshot(path=str(artifacts / f"page-{size[0]}x{size[1]}.png"))
    assert visible_fraction(o) >= 0.40
    assert no_sideways_scroll(o)
    labels = o.js("window.papergraph.labels()")
    # readable; as many as fit apart (zooming in shows the others)
    assert len(labels) >= 6 and min(label["px"] for label in labels) >= 12
    assert o.page.is_visible("#zoom-in") and o.page.is_visible("#search")
    # a tap selects, shows no tooltip over the graph, and offers the details
    o.page.touchscreen.tap(*o.node_xy("paper:li2018"))
    o.page.wait_for_selector("#details[data-node='paper:li2018']")
    o.page.wait_for_timeout(400)  # past the tooltip delay
    assert not o.js("""[...document.querySelectorAll('div.vis-tooltip')].some(t =>
                         getComputedStyle(t).display !== 'none' &&
                         getComputedStyle(t).visibility === 'visible')""")
    assert o.page.is_visible("#peek")
    o.page.screenshot(path=str(artifacts / f"page-{size[0]}x{size[1]}-tapped.png"))
    o.page.click("#peek-open")
    assert o.js("document.activeElement.id") == "details-title"
    assert no_sideways_scroll(o)
    o.quiet()


def test_zoomed_200_percent_on_a_laptop(fresh, artifacts):
    # 1280x720 at 200 %: a 640x360 CSS viewport at two device pixels per CSS pixel
    o = fresh(viewport=(640, 360), device_scale_factor=2)
    o.page.screenshot(path=str(artifacts / "page-1280x720-zoom200.png"))
    assert visible_fraction(o) >= 0.40
    assert no_sideways_scroll(o)
    assert o.page.is_visible("#zoom-in")
    assert o.page.locator("#search").bounding_box()["width"] >= 160
    o.page.fill("#search", "allen-zhu")  # typed: the box keeps its width (was 36 px)
    o.page.wait_for_function("document.getElementById('search-count').textContent "
                             "=== '3 matches'")
    assert o.page.locator("#search").bounding_box()["width"] >= 160
    assert o.page.is_visible("#search-results")
    assert no_sideways_scroll(o)
    o.page.screenshot(path=str(artifacts / "page-1280x720-zoom200-search.png"))
    o.quiet()


TIP = """() => {
    const tip = document.querySelector('#network div.vis-tooltip');
    if (!tip || getComputedStyle(tip).visibility !== 'visible' ||
        getComputedStyle(tip).display === 'none') { return 0; }
    const r = tip.getBoundingClientRect(), g = document.getElementById('network');
    return r.width * r.height / (g.clientWidth * g.clientHeight);
}"""


@pytest.mark.parametrize("size,scale", [((1440, 900), 1), ((1366, 768), 1), ((640, 360), 2)])
def test_tooltips_stay_small_and_go_when_the_mouse_leaves(fresh, artifacts, size, scale):
    o = fresh(viewport=size, device_scale_factor=scale)
    page = o.page
    # vis-network shows a tooltip 200 ms into a hover; count them rather than sleep
    o.js("""() => { window.__popups = 0;
                    window.papergraph.network.on('showPopup', () => window.__popups++); }""")
    shown = []
    for i, key in enumerate(("jacot2018", "li2018", "arora2019fine", "gao2019", "yun2019",
                             "shamir2018")):
        page.mouse.move(*o.node_xy(f"paper:{key}"), steps=2)
        page.wait_for_function(f"window.__popups > {i}")
        shown.append(o.js(TIP))
    assert max(shown) <= 0.20, shown
    if size[0] > 900:
        assert min(shown) > 0  # on a desktop the tooltip does show
    o.click_node("paper:jacot2018")  # a click: the tooltip of the node under the mouse
    page.wait_for_timeout(350)
    assert o.js(TIP) <= 0.20
    page.screenshot(path=str(artifacts / f"page-tooltip-{size[0]}x{size[1]}.png"))
    page.mouse.move(*o.node_xy("paper:li2018"), steps=2)
    page.wait_for_timeout(350)
    page.mouse.move(size[0] / 2, 5, steps=1)  # out of the graph in one move
    page.wait_for_timeout(100)
    assert o.js(TIP) == 0
    o.quiet()


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720), (1920, 1080)])
def test_labels_readable_and_apart(fresh, artifacts, size):
    o = fresh(viewport=size)
    o.page.screenshot(path=str(artifacts / f"page-{size[0]}x{size[1]}.png"))
    labels = o.js("window.papergraph.labels()")
    assert min(label["px"] for label in labels) >= 12  # not 6-9 px
    ids = {label["id"] for label in labels}
    assert {f"paper:{k}" for k in ("jacot2018", "li2018", "arora2019fine")} <= ids
    # of 34 nodes; the rest when zoomed in (a label that would sit nearer another node
    # than its own waits too: test_each_label_sits_nearest_its_own_node)
    assert len(labels) >= 20
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            apart = (a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"] or
                     a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"])
            assert apart, (a, b)


LABELS_AND_NODES = """() => {
    const pg = window.papergraph, net = pg.network, looks = pg.looks();
    const at = net.getPositions();
    const nodes = Object.keys(at).filter(id => looks[id] !== 'hidden')
        .map(id => { const p = net.canvasToDOM(at[id]); return [id, p.x, p.y]; });
    return [pg.labels(), nodes];
}"""


def nearest_foreign_nodes(o: Opened) -> list[tuple[str, str]]:
    """(label, node) for each label whose centre is nearer another node than its own."""
    labels, nodes = o.js(LABELS_AND_NODES)
    assert labels
    wrong = []
    for label in labels:
        cx, cy = label["x"] + label["w"] / 2, label["y"] + label["h"] / 2
        own = label["id"]
        # (distance, not its own): a tie goes to its own node
        _, other, nearest = min(((n[1] - cx) ** 2 + (n[2] - cy) ** 2, n[0] != own, n[0])
                                for n in nodes)
        if other:
            wrong.append((own, nearest))
    return wrong


@pytest.mark.parametrize("size", [(1440, 900), (390, 844), (320, 640)])
def test_each_label_sits_nearest_its_own_node(fresh, artifacts, size):
    mobile = size[0] < 900
    o = fresh(viewport=size, has_touch=mobile, is_mobile=mobile)
    assert nearest_foreign_nodes(o) == []
    assert len(o.js("window.papergraph.labels()")) >= (6 if mobile else 22)
    # a node chosen: its halo covers no other label, and the labels still sit right
    if mobile:
        o.page.touchscreen.tap(*o.node_xy("paper:li2018"))
    else:
        o.click_node("paper:li2018")
    o.page.wait_for_selector("#details[data-node='paper:li2018']")
    o.page.wait_for_timeout(100)
    assert nearest_foreign_nodes(o) == []
    halo = o.js("""() => {
        const net = window.papergraph.network, p = net.canvasToDOM(net.getPositions(
            ['paper:li2018'])['paper:li2018']);
        const r = (net.body.nodes['paper:li2018'].options.size * 1.15 + 2) * net.getScale() + 5;
        return [p.x, p.y, r + 1.5];
    }""")
    for label in o.js("window.papergraph.labels()"):
        if label["id"] == "paper:li2018":
            continue
        nx_ = min(max(halo[0], label["x"]), label["x"] + label["w"])
        ny_ = min(max(halo[1], label["y"]), label["y"] + label["h"])
        assert (nx_ - halo[0]) ** 2 + (ny_ - halo[1]) ** 2 > halo[2] ** 2, label
    o.page.screenshot(path=str(artifacts / f"page-labels-{size[0]}x{size[1]}.png"))
    o.quiet()


def settle(o: Opened) -> float:
    """Wait for the view's animation to end; the scale then."""
    o.page.wait_for_function("!window.papergraph.moving()")
    return o.js("window.papergraph.network.getScale()")


def test_zoom_buttons(fresh):
    o = fresh()
    scale = settle(o)
    o.page.click("#zoom-in")
    assert settle(o) > scale * 1.2
    o.page.click("#zoom-out")
    settle(o)
    o.page.click("#zoom-out")
    assert settle(o) < scale
    o.page.click("#fit-view")
    assert abs(settle(o) - scale) < 0.01


def test_timeline_shows_the_years(fresh, artifacts, facts):
    o = fresh(hash_="#view=timeline")
    assert o.page.get_attribute("#view-timeline", "aria-pressed") == "true"
    xs = o.js("window.papergraph.network.getPositions()")
    years = {f"paper:{p['key']}": p["year"] for p in facts["papers"]}
    by_year = sorted(years, key=lambda n: xs[n]["x"])
    assert [years[n] for n in by_year] == sorted(years.values())
    o.page.screenshot(path=str(artifacts / "page-timeline.png"))
    o.page.click("#view-rings")
    assert o.hash() == ""
    o.quiet()


# --------------------------------------------------------------------------- print


def test_print_has_every_reading_list_and_the_schedule(browser, page_file, syllabus,
                                                       artifacts):
    pypdf = pytest.importorskip("pypdf")
    o = Opened(browser, page_file, hash_=f"#topic={KERNEL}")  # a filter does not shorten it
    try:
        pdf = artifacts / "page.pdf"
        o.page.pdf(path=str(pdf), format="A4", print_background=True)
        text = "\n".join(p.extract_text() for p in pypdf.PdfReader(str(pdf)).pages)
        flat = " ".join(text.split())
        for topic in syllabus.topics:
            assert " ".join(topic.title.split()) in flat, topic.title
        assert "Schedule" in flat and "Reading lists" in flat
        for talk in syllabus.talks:
            assert f"{talk.start:%H:%M}–{talk.end:%H:%M}" in flat
        for control in ("All topics", "Search title", "Zoom", "Copy BibTeX", "Timeline"):
            assert control not in flat
        o.page.emulate_media(media="print")
        o.page.screenshot(path=str(artifacts / "page-print.png"), full_page=True)
    finally:
        o.close()


# --------------------------------------------------------------------------- accessibility


AXE_JS = Path(__file__).parent / "js" / "node_modules" / "axe-core" / "axe.min.js"
AXE_LOCK = Path(__file__).parent / "js" / "package-lock.json"


@pytest.fixture(scope="module")
def axe():
    """axe-core as tests/js/package-lock.json pins it (its newest release; `make test`
    installs it with npm ci), not the older one axe-playwright-python bundles."""
    sync = pytest.importorskip("axe_playwright_python.sync_playwright")
    if not AXE_JS.exists():
        missing_system_tool("axe-core is not installed: npm ci --prefix tests/js")
    import json

    pinned = json.loads(AXE_LOCK.read_text())["packages"]["node_modules/axe-core"]["version"]
    assert AXE_JS.read_text(encoding="utf-8").startswith(f"/*! axe v{pinned}\n")
    return sync.Axe.from_file(AXE_JS)


def axe_violations(axe, o: Opened) -> list[str]:
    results = axe.run(o.page)
    return [f"{v['id']} ({v['impact']}): {v['help']} "
            f"{[n['target'] for n in v['nodes']][:4]}" for v in results.response["violations"]]


def _axe_states(o: Opened):
    """Ten and more states of the page, each left as a user would see it."""
    page = o.page
    yield "opened"
    o.click_node("paper:jacot2018")
    page.wait_for_selector("#details[data-node='paper:jacot2018']")
    yield "a paper's details"
    page.select_option("#topic-filter", KERNEL)
    yield "a topic shown"
    page.fill("#search", "kernel")
    page.wait_for_selector("#search-results:not([hidden])")
    yield "search results open"
    page.press("#search", "ArrowDown")
    yield "a search result highlighted"
    page.press("#search", "Escape")
    page.press("#search", "Escape")
    page.select_option("#topic-filter", "")
    page.click("#view-timeline")
    yield "the timeline"
    page.click("#view-rings")
    page.click("#tab-schedule")
    yield "the schedule"
    page.click("#tab-reading")
    page.click("#reading-lists li[data-node='paper:li2018'] button")
    page.wait_for_selector("#details-back")
    yield "details opened from the reading list"
    o.js("window.papergraph.select('area:other-topics')")
    yield "an area's details"
    page.focus("#network")
    page.keyboard.press("ArrowRight")
    yield "the keyboard in the graph"
    page.uncheck(".edge-toggle[data-kind='in_topic']")
    yield "an edge kind hidden"
    page.goto(o.url + "#paper=nosuchpaper2099")
    page.wait_for_selector("#details-missing")
    yield "a link to a missing paper"


@pytest.mark.parametrize("viewport", [(1366, 768), (390, 844)])
def test_axe_finds_nothing_in_any_state(fresh, axe, artifacts, viewport):
    """axe-core's newest release, every rule it runs by default, violations of any
    impact (moderate ones such as heading order included), in twelve states."""
    mobile = viewport[0] < 900
    o = fresh(viewport=viewport, has_touch=mobile, is_mobile=mobile)
    seen = 0
    for state in _axe_states(o):
        bad = axe_violations(axe, o)
        assert bad == [], f"{state}:\n" + "\n".join(bad)
        seen += 1
    assert seen >= 10
    o.page.screenshot(path=str(artifacts / f"page-axe-{viewport[0]}.png"))
    o.quiet()


def test_axe_at_200_percent_zoom(fresh, axe):
    o = fresh(viewport=(640, 360), device_scale_factor=2)
    assert axe_violations(axe, o) == []
    o.page.fill("#search", "ntk")
    o.page.wait_for_selector("#search-results:not([hidden])")
    assert axe_violations(axe, o) == []
    o.quiet()


def test_areas_differ_in_shape_as_well_as_colour(opened, syllabus):
    areas = opened.js("window.papergraph.data.areas.map(a => [a.slug, a.shape, a.colour])")
    assert len({shape for _, shape, _ in areas}) == len(syllabus.areas)
    groups = opened.js("JSON.parse(document.getElementById('pg-options').textContent).groups")
    for i, (_, shape, colour) in enumerate(areas):
        assert groups[f"paper-{i}"]["shape"] == shape
        assert groups[f"paper-{i}"]["color"]["background"] == colour
        assert groups[f"topic-{i}"]["color"]["background"] == "#ffffff"  # hollow


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
    o = Opened(browser, path, hash_=f"#q={XSS}")
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
        o.quiet()
        o.page.screenshot(path=str(artifacts / "page-xss.png"))
    finally:
        o.close()


def test_abstract_and_tldr_where_the_record_has_them(browser, syllabus, resolution, tmp_path):
    """Shown only for the paper whose record holds them (the graph node carries them)."""
    graph = build_graph(syllabus, resolution)
    graph.nodes["paper:jacot2018"]["abstract"] = "At initialization, ANNs are Gaussian."
    graph.nodes["paper:jacot2018"]["tldr"] = "Training follows the kernel gradient."
    path = tmp_path / "abstracts.html"
    write_page(syllabus, resolution, graph, path)
    o = Opened(browser, path, hash_="#paper=jacot2018")
    try:
        assert o.page.inner_text("#details-tldr") == "TL;DR Training follows the kernel gradient."
        o.page.click("#details-abstract summary")
        assert "ANNs are Gaussian" in o.page.inner_text("#details-abstract")
        o.js("window.papergraph.select('paper:li2018')")
        assert o.page.query_selector("#details-abstract") is None
        o.quiet()
    finally:
        o.close()


def test_citation_count_and_abstract_with_their_source(browser, syllabus, resolution,
                                                       tmp_path):
    """A count and an abstract where the record has them, each naming its source."""
    from papergraph.models import Provenance

    said = (("abstract", Provenance("s2", "2026-12-07", "paper/x")),
            ("citation_count", Provenance("openalex", "2026-12-07", "works/W1")))
    records = tuple(replace(r, citation_count=4321, abstract="We show a kernel.",
                            sources=r.sources + said) if r.key == "jacot2018" else r
                    for r in resolution.records)
    res = replace(resolution, records=records)
    path = tmp_path / "counts.html"
    write_page(syllabus, res, build_graph(syllabus, res), path)
    o = Opened(browser, path, hash_="#paper=jacot2018")
    try:
        metrics = o.page.inner_text("#details .metrics")
        assert "4321\ncitations overall (OpenAlex)" in metrics
        o.page.click("#details-abstract summary")
        abstract = " ".join(o.page.inner_text("#details-abstract").split())
        assert abstract == "Abstract We show a kernel. Source: Semantic Scholar"
        tip = o.js("window.papergraph.nodes.get('paper:jacot2018').title.textContent")
        assert "Cited 4321 times (OpenAlex)" in tip
        o.js("window.papergraph.select('paper:li2018')")
        assert "citations overall" not in o.page.inner_text("#details")
        o.quiet()
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
        records.append(replace(rec, references=seminar_refs + refs,
                               citations=rec.citations + cits))
    return replace(resolution, records=tuple(records))


def test_two_thousand_nodes_are_interactive(browser, syllabus, resolution, tmp_path,
                                            artifacts):
    res = big_resolution(resolution)
    graph = build_graph(syllabus, res, include_external=True)
    assert graph.number_of_nodes() > 2000
    path = tmp_path / "big.html"
    write_page(syllabus, res, graph, path)
    o = Opened(browser, path)
    try:
        assert o.page.is_visible("#mode-note")
        assert str(LIGHT_MODE_NODES) in o.page.inner_text("#mode-note")
        before = o.js("window.papergraph.network.getPositions(['paper:jacot2018', "
                      "'paper:li2018'])")
        o.page.wait_for_timeout(500)
        after = o.js("window.papergraph.network.getPositions(['paper:jacot2018', "
                     "'paper:li2018'])")
        assert before == after  # no physics: the drawing stays still
        o.click_node("paper:li2018")
        o.page.wait_for_selector("#details[data-node='paper:li2018']", timeout=60_000)
        labels = o.js("window.papergraph.labels()")
        assert min(label["px"] for label in labels) >= 12 and len(labels) <= 260
        o.js("window.papergraph.search('outside paper 17')")
        assert o.page.inner_text("#search-count").endswith("matches")
        o.quiet()
        o.page.screenshot(path=str(artifacts / "page-big.png"))
    finally:
        o.close()


def test_external_papers_sized_by_their_seminar_links(browser, syllabus, resolution,
                                                      tmp_path, artifacts):
    graph = build_graph(syllabus, resolution, include_external=True)
    path = tmp_path / "external.html"
    write_page(syllabus, resolution, graph, path)
    o = Opened(browser, path, viewport=(1366, 768))
    try:
        sizes = o.js("""() => Object.fromEntries(window.papergraph.nodes.get()
                          .filter(n => n.group === 'external').map(n => [n.id, n.size]))""")
        links = {n: d["seminar_citations"] + d["seminar_references"]
                 for n, d in graph.nodes(data=True) if d["kind"] == "external"}
        most = max(links, key=lambda n: (links[n], n))
        once = min(links, key=lambda n: (links[n], n))
        assert links[most] >= 3 and sizes[most] > sizes[once]
        labels = o.js("Object.values(window.papergraph.data.nodes).map(m => m.label)")
        assert len(labels) == len(set(labels))
        o.quiet()
        o.page.screenshot(path=str(artifacts / "page-external.png"))
    finally:
        o.close()
