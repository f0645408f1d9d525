"""The page's parts without a browser: vis-network from pyvis, weight, determinism, layout."""

from __future__ import annotations

import re
import sys

import pytest

from papergraph.errors import PapergraphError
from papergraph.graph import build_graph
from papergraph.page import build_model, render_page, visnet
from papergraph.page.layout import ring_positions, timeline_positions


def test_the_bundle_is_the_one_pyvis_inlines():
    """pyvis has no function returning vis-network; papergraph reads the file pyvis's own
    in-line template includes. If pyvis changes how it inlines vis-network, this fails."""
    from pyvis.network import Network

    js = visnet.vis_network_js()
    assert js.startswith("/**\n * vis-network\n")
    assert "@version 9." in js[:400]
    pyvis_page = Network(cdn_resources="in_line").generate_html()
    assert "<script>" + js.rstrip("\n") + "</script>" in pyvis_page


def test_a_pyvis_without_the_bundle_is_one_clear_error(monkeypatch):
    monkeypatch.setattr(visnet, "_INCLUDE", re.compile("never matches anything"))
    with pytest.raises(PapergraphError, match="no longer includes vis-network"):
        visnet.vis_network_js()


def test_the_page_is_the_same_bytes_each_time(syllabus, resolution):
    graph = build_graph(syllabus, resolution, include_external=True)
    assert render_page(syllabus, resolution, graph) == render_page(syllabus, resolution, graph)


def test_no_unused_assets_in_the_page(syllabus, resolution):
    html = render_page(syllabus, resolution, build_graph(syllabus, resolution))
    assert "data:image" not in html  # vis-network's CSS icons (205 KB): the page has no use
    assert not re.search(r"<link\b|<img\b", html)
    # 469 KB of it is vis-network's script, 26 KB Fuse.js's (was 785 KB)
    assert len(html.encode()) < 650_000


def test_layouts_are_fast_and_whole_pixels(syllabus, resolution):
    """The positions come from the seminar's structure: no force simulation, no numpy.

    (Timings are ``make bench``'s; here only that nothing quadratic or iterative runs:
    a 2,000-node layout is a handful of passes over the nodes.)"""
    from test_page import big_resolution

    graph = build_graph(syllabus, big_resolution(resolution), include_external=True)
    assert graph.number_of_nodes() > 2000
    model = build_model(syllabus, big_resolution(resolution), graph, bibtex={})
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        if event == "call":
            calls += 1
        return None

    sys.setprofile(count)
    try:
        pos = ring_positions(model)
        line, years = timeline_positions(model)
    finally:
        sys.setprofile(None)
    assert calls < 40 * graph.number_of_nodes()
    for layout in (pos, line):
        assert set(layout) == set(graph)
        assert all(isinstance(x, int) and isinstance(y, int) for x, y in layout.values())
        assert len(set(layout.values())) == len(layout)  # no two nodes in one place
    assert years == sorted(years)


# --------------------------------------------------------------------------- one direction

#: the page's stages, in order: each may import only the ones before it
STAGES = ("model", "layout", "visnet", "render")


def _imports(path) -> set[str]:
    import ast

    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_the_page_package_has_one_direction():
    """model → layout → visnet → render: no stage imports a later one, and the rest of
    papergraph imports ``papergraph.page`` alone, never one of its stages."""
    from pathlib import Path

    import papergraph

    src = Path(papergraph.__file__).parent
    for i, stage in enumerate(STAGES):
        later = {f".{s}" for s in STAGES[i + 1:]} | {f"papergraph.page.{s}" for s in STAGES[i + 1:]}
        assert not _imports(src / "page" / f"{stage}.py") & later, stage
    assert {p.stem for p in (src / "page").glob("*.py")} == {"__init__", *STAGES}
    for path in src.rglob("*.py"):
        if path.parent == src / "page":
            continue
        for name in _imports(path):
            assert not name.startswith(("papergraph.page.", ".page.", "..page.")), (path, name)
    for gone in ("render", "layout", "visnet", "pagedata"):
        assert not (src / f"{gone}.py").exists()
