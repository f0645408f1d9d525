"""Stage 4: draw the graph as one self-contained, offline HTML page (pyvis + vis-network).

pyvis builds the vis-network node/edge/option objects; instead of pyvis's own template
(which loads vis-network's CSS and bootstrap from CDNs even with ``cdn_resources="in_line"``)
the page is rendered from ``templates/page.html.j2`` with vis-network's JS and CSS inlined,
so it opens from ``file://`` with no network at all.

Safety: the page's metadata travels as one JSON block (``<``, ``>``, ``&`` escaped as
``\\u003c``…) and the page's script writes it with ``textContent`` / DOM nodes only, so a
title such as ``<img src=x onerror=alert(1)>`` shows as text. Links are only ``http(s)``.

Determinism: positions come from a seeded networkx layout rounded to whole pixels, vis
physics is off (the page is still from the first frame, even at thousands of nodes), and
everything is emitted in a fixed order: the same input gives the same bytes.
"""

from __future__ import annotations

import json
import math
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from .files import write_output
from .graph import (
    AREA,
    CITES,
    EXTERNAL,
    IN_AREA,
    IN_TOPIC,
    PAPER,
    RELATED,
    TOPIC,
    area_node,
    paper_node,
    topic_node,
)
from .models import Resolution, Syllabus
from .perf import without_gc_pauses

#: above this many nodes the page switches to a lighter drawing mode (and says so)
LIGHT_MODE_NODES = 400
LAYOUT_SEED = 2020

#: one colour per area, in syllabus order (Tableau 10, colour-blind friendly enough)
AREA_COLOURS = (
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1",
    "#76b7b2", "#edc948", "#ff9da7", "#9c755f", "#bab0ac",
)
EXTERNAL_COLOUR = "#b8bcc4"

EDGE_STYLES: dict[str, dict[str, Any]] = {
    CITES: {"color": {"color": "#3b4252", "opacity": 0.85}, "width": 1.6,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.7}}},
    IN_TOPIC: {"color": {"color": "#9aa3b2", "opacity": 0.9}, "width": 1.2, "dashes": [5, 4],
               "arrows": {"to": {"enabled": False}}},
    IN_AREA: {"color": {"color": "#c3c9d4", "opacity": 0.9}, "width": 2.5, "dashes": [2, 5],
              "arrows": {"to": {"enabled": False}}},
    RELATED: {"color": {"color": "#d08c2e", "opacity": 0.45}, "dashes": [8, 6],
              "arrows": {"to": {"enabled": False}}, "smooth": {"enabled": False}},
}
EDGE_LEGEND = {
    CITES: "cites (arrow points to the cited paper)",
    IN_TOPIC: "paper belongs to topic",
    IN_AREA: "topic belongs to area",
    RELATED: "related: shared references / cited together",
}


# --------------------------------------------------------------------------- layout


PAPER_RADIUS = 250.0
TOPIC_RADIUS = 385.0
AREA_RADIUS = 500.0
X_STRETCH = 1.55  # screens are wider than tall: the rings are ellipses


def layout_positions(graph: nx.MultiDiGraph, syllabus: Syllabus, *,
                     seed: int = LAYOUT_SEED) -> dict[str, tuple[int, int]]:
    """Positions in whole pixels, the same on every run.

    Seminar papers sit on an inner ring, grouped by area and topic (so citation and
    ``related`` edges are chords through the middle), their topics on a middle ring and
    the areas outside. Nodes the syllabus does not place (external papers) go on a
    seeded networkx spring layout around their anchors, the placed nodes held fixed.
    """
    slots: list[str | None] = []  # paper nodes around the ring; None = gap between areas
    topic_slots: dict[str, list[int]] = {}
    placed: set[str] = set()
    for area in syllabus.areas:
        topics = [t for t in syllabus.topics if t.area == area.slug]
        if not topics:
            continue
        if slots:
            slots.append(None)
        for topic in topics:
            mine = topic_slots.setdefault(topic_node(topic.slug), [])
            papers = [paper_node(k) for k in topic.papers if paper_node(k) in graph]
            for n in papers:
                if n not in placed:
                    placed.add(n)
                    mine.append(len(slots))
                    slots.append(n)
            if not mine:  # a topic with no paper of its own still gets a place
                mine.append(len(slots))
                slots.append("")
    for p in syllabus.papers:  # papers listed under no topic
        if paper_node(p.key) in graph and paper_node(p.key) not in placed:
            slots.append(None)
            placed.add(paper_node(p.key))
            slots.append(paper_node(p.key))
    total = max(len(slots), 1)

    def angle(i: float) -> float:
        return -math.pi / 2 + 2 * math.pi * i / total

    def at(radius: float, a: float) -> tuple[int, int]:
        return (round(X_STRETCH * radius * math.cos(a)), round(radius * math.sin(a)))

    scale = max(1.0, total / 16)
    pos: dict[str, tuple[int, int]] = {}
    for i, n in enumerate(slots):
        if n:
            pos[n] = at(PAPER_RADIUS * scale, angle(i))
    topic_angle: dict[str, float] = {}
    for t, idx in topic_slots.items():
        topic_angle[t] = angle(sum(idx) / len(idx))
        if t in graph:
            pos[t] = at(TOPIC_RADIUS * scale, topic_angle[t])
    for area in syllabus.areas:
        n = area_node(area.slug)
        mine = [topic_angle[topic_node(t.slug)] for t in syllabus.topics
                if t.area == area.slug and topic_node(t.slug) in topic_angle]
        if n in graph:
            a = (math.atan2(sum(math.sin(x) for x in mine), sum(math.cos(x) for x in mine))
                 if mine else angle(total))
            pos[n] = at(AREA_RADIUS * scale, a)
    rest = sorted(n for n in graph if n not in pos)
    if rest:
        pos.update(_place_rest(graph, pos, rest, seed=seed, radius=AREA_RADIUS * scale))
    return pos


def _place_rest(graph: nx.MultiDiGraph, fixed: dict[str, tuple[int, int]], rest: list[str],
                *, seed: int, radius: float) -> dict[str, tuple[int, int]]:
    """External papers: outside the rings, each near the seminar papers it is linked to.

    Each one starts beyond the area ring at its anchors' mean angle; a short seeded
    spring layout (placed nodes fixed) then spreads the crowd apart.
    """
    import random

    rng = random.Random(seed)
    start: dict[str, tuple[float, float]] = {n: (float(x), float(y)) for n, (x, y) in fixed.items()}
    for n in rest:
        anchors = sorted(m for m in set(graph.predecessors(n)) | set(graph.successors(n))
                         if m in fixed)
        if anchors:
            a = math.atan2(sum(fixed[m][1] for m in anchors), sum(fixed[m][0] for m in anchors))
        else:
            a = rng.uniform(-math.pi, math.pi)
        r = radius * (1.15 + 0.6 * rng.random())
        start[n] = (r * math.cos(a), r * math.sin(a))
    simple = nx.Graph()
    simple.add_nodes_from(sorted(start))
    simple.add_edges_from(sorted((u, v) for u, v in graph.edges() if u in start and v in start
                                 and u != v and (u in set(rest) or v in set(rest))))
    span = radius * 2.4
    norm = {n: (x / span, y / span) for n, (x, y) in start.items()}
    moved = nx.spring_layout(simple, pos=norm, fixed=sorted(fixed), seed=seed, iterations=25,
                             k=0.6 / math.sqrt(len(simple)), scale=None)
    out = {}
    for n in rest:
        x, y = moved[n]
        out[n] = (round(float(x) * span), round(float(y) * span))
    return out


# --------------------------------------------------------------------------- page data


def _area_colours(syllabus: Syllabus) -> dict[str, str]:
    return {a.slug: AREA_COLOURS[i % len(AREA_COLOURS)] for i, a in enumerate(syllabus.areas)}


def _tint(hex_colour: str, amount: float) -> str:
    """Mix a ``#rrggbb`` colour with white (amount 0..1)."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def _add_node(net: Any, n_id: str, *, label: str, shape: str, color: Any,
              **options: Any) -> None:
    """pyvis's ``Network.add_node``, without its duplicate check.

    pyvis scans a list of every node id before each insert (quadratic: 0.5 s of a
    10,000-paper page); networkx's node ids are unique already. The record appended is
    the one pyvis would make.
    """
    from pyvis.node import Node

    node = Node(n_id, shape, label=label or n_id, color=color, font_color=net.font_color,
                **options)
    net.nodes.append(node.options)
    net.node_ids.append(n_id)
    net.node_map[n_id] = node.options


def _vis_network(syllabus: Syllabus, graph: nx.MultiDiGraph,
                 pos: dict[str, tuple[int, int]], light: bool) -> Any:
    """The pyvis ``Network`` holding the vis-network nodes, edges and options."""
    from pyvis.edge import Edge
    from pyvis.network import Network

    colours = _area_colours(syllabus)
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    font = "Inter, 'Segoe UI', system-ui, -apple-system, sans-serif"
    order = ([area_node(a.slug) for a in syllabus.areas]
             + [topic_node(t.slug) for t in syllabus.topics]
             + [paper_node(p.key) for p in syllabus.papers])
    order = [n for n in order if n in graph]
    placed = set(order)
    order += sorted(n for n in graph if n not in placed)
    for n in order:
        d = graph.nodes[n]
        kind = d.get("kind")
        x, y = pos[n]
        common: dict[str, Any] = {"x": x, "y": y, "kind": kind}
        if kind == AREA:
            c = colours.get(d["slug"], EXTERNAL_COLOUR)
            _add_node(net, n, label=d["label"], shape="box", color={
                "background": c, "border": c,
                "highlight": {"background": c, "border": "#1f2430"},
                "hover": {"background": c, "border": "#1f2430"}},
                font={"color": "#ffffff", "size": 23, "face": font},
                margin=10, borderWidth=2, widthConstraint={"maximum": 280}, **common)
        elif kind == TOPIC:
            c = colours.get(d.get("area", ""), EXTERNAL_COLOUR)
            bg = _tint(c, 0.82)
            _add_node(net, n, label=d["label"], shape="box", color={
                "background": bg, "border": c,
                "highlight": {"background": _tint(c, 0.6), "border": "#1f2430"},
                "hover": {"background": _tint(c, 0.6), "border": c}},
                font={"color": "#1f2430", "size": 20, "face": font}, margin=8,
                borderWidth=1.5, shapeProperties={"borderRadius": 6},
                widthConstraint={"maximum": 230}, **common)
        elif kind == PAPER:
            areas = d.get("areas") or []
            c = colours.get(areas[0], EXTERNAL_COLOUR) if areas else EXTERNAL_COLOUR
            size = 15 + 8 * math.sqrt(d.get("seminar_citations", 0))
            label = d.get("label", n)
            label = "\n".join(label.rsplit(" ", 1)) if " " in label else label
            _add_node(net, n, label=label, shape="dot", size=round(size, 2), color={
                "background": c, "border": "#ffffff",
                "highlight": {"background": c, "border": "#1f2430"},
                "hover": {"background": c, "border": "#1f2430"}},
                borderWidth=2.5, borderWidthSelected=4,
                font={"color": "#1f2430", "size": 24, "face": font, "strokeWidth": 6,
                      "strokeColor": "#ffffff"}, **common)
        else:
            _add_node(net, n, label=" " if light else d.get("label", ""), shape="dot", size=5,
                         color={"background": EXTERNAL_COLOUR, "border": "#9aa0aa",
                                "highlight": {"background": "#6b7280", "border": "#1f2430"},
                                "hover": {"background": "#6b7280", "border": "#1f2430"}},
                         borderWidth=1, font={"color": "#6b7280", "size": 10, "face": font},
                         **common)
    for i, (u, v, k, d) in enumerate(sorted(graph.edges(keys=True, data=True),
                                            key=lambda e: (EDGE_KINDS_ORDER[e[2]], e[0], e[1]))):
        style = dict(EDGE_STYLES[k])  # values below are replaced, never mutated
        if light:  # dashed lines are drawn in software: 6.5 s for 8,000 edges in Chromium
            style.pop("dashes", None)
        if k == RELATED:
            style["width"] = round(1 + 1.2 * math.log2(1 + d.get("weight", 1)), 2)
        if k == CITES and d.get("is_influential"):
            style["width"] = 3
        if k == CITES and EXTERNAL in (graph.nodes[u].get("kind"), graph.nodes[v].get("kind")):
            style["color"] = {"color": "#b8bcc4", "opacity": 0.6}
            style["width"] = 0.8
        # pyvis's add_edge checks both ends with a list scan (quadratic: 4.8 s of a
        # 10,000-paper page); networkx already guarantees they exist, so append the same
        # vis-network edge record pyvis would.
        net.edges.append(Edge(u, v, directed=True, id=f"e{i}", kind=k, **style).options)
    net.options = {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": LAYOUT_SEED},
        "interaction": {"hover": True, "tooltipDelay": 150, "keyboard": False,
                        "multiselect": False, "hideEdgesOnDrag": light,
                        "hideEdgesOnZoom": light, "zoomSpeed": 0.6},
        "edges": {"smooth": False if light else {"enabled": True, "type": "continuous",
                                                  "roundness": 0.3},
                  "selectionWidth": 1.5, "hoverWidth": 0.5},
        "nodes": {"shadow": False},
    }
    return net


EDGE_KINDS_ORDER = {IN_AREA: 0, IN_TOPIC: 1, RELATED: 2, CITES: 3}


def _safe_url(url: Any) -> str | None:
    return url if isinstance(url, str) and url.startswith(("https://", "http://")) else None


def page_data(syllabus: Syllabus, resolution: Resolution, graph: nx.MultiDiGraph,
              *, bibtex: dict[str, str] | None = None) -> dict[str, Any]:
    """Everything the page's script shows besides the drawing, as plain JSON values."""
    from .reading import reading_order

    colours = _area_colours(syllabus)
    order = reading_order(syllabus, resolution)
    bibtex = bibtex or {}
    meta: dict[str, dict[str, Any]] = {}
    for n, d in graph.nodes(data=True):
        item = {k: v for k, v in d.items() if k not in ("s2_url", "arxiv_url", "dblp_url",
                                                       "doi_url", "url", "pdf")}
        links = []
        for name, field in (("Semantic Scholar", "s2_url"), ("arXiv", "arxiv_url"),
                            ("dblp", "dblp_url"), ("DOI", "doi_url"),
                            ("Publisher", "url"), ("PDF", "pdf")):
            url = _safe_url(d.get(field))
            if url:
                links.append([name, url])
        item["links"] = links
        if d.get("kind") == PAPER and d.get("key") in bibtex:
            item["bibtex"] = bibtex[d["key"]]
        meta[n] = item

    def talk_json(t: Any) -> dict[str, Any]:
        return {"date": t.date.isoformat(), "weekday": t.date.strftime("%a"),
                "start": t.start.strftime("%H:%M") if t.start else "",
                "end": t.end.strftime("%H:%M") if t.end else "",
                "node": paper_node(t.paper), "speaker": t.speaker}

    edges = []
    for u, v, k, d in sorted(graph.edges(keys=True, data=True)):
        both_papers = graph.nodes[u].get("kind") == graph.nodes[v].get("kind") == PAPER
        if k in (CITES, RELATED) and both_papers:
            e: dict[str, Any] = {"from": u, "to": v, "kind": k}
            if k == RELATED:
                e.update(weight=d.get("weight", 0), coupling=d.get("coupling", 0),
                         cocitation=d.get("cocitation", 0))
            if d.get("is_influential") is not None:
                e["influential"] = d["is_influential"]
            edges.append(e)
    s = syllabus.seminar
    return {
        "seminar": {"title": s.title, "institution": s.institution, "term": s.term,
                    "url": _safe_url(s.url) or ""},
        "areas": [{"slug": a.slug, "title": a.title, "node": area_node(a.slug),
                   "colour": colours[a.slug]} for a in syllabus.areas],
        "topics": [{"slug": t.slug, "title": t.title, "area": t.area, "question": t.question,
                    "node": topic_node(t.slug),
                    "reading": [paper_node(k) for k in order.get(t.slug, ())]}
                   for t in syllabus.topics],
        "papers": [paper_node(p.key) for p in syllabus.papers if paper_node(p.key) in graph],
        "talks": [talk_json(t) for t in syllabus.talks],
        "milestones": [{"when": m.when, "what": m.what} for m in s.milestones],
        "nodes": meta,
        "edges": edges,
        "edgeLegend": [{"kind": k, "text": EDGE_LEGEND[k], "style": EDGE_STYLES[k]}
                       for k in (CITES, RELATED, IN_TOPIC, IN_AREA)],
        "externalColour": EXTERNAL_COLOUR,
    }


def script_json(value: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>``, ``&`` or line separators."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "<!--" in js or "</style" in css.lower():
        raise RuntimeError("vis-network's bundle cannot be inlined safely")
    return js, css


# --------------------------------------------------------------------------- the page


@without_gc_pauses
def render_page(syllabus: Syllabus, resolution: Resolution, graph: nx.MultiDiGraph, *,
                bibtex: dict[str, str] | None = None) -> str:
    """The interactive page as HTML text: same input, same bytes.

    ``bibtex`` maps paper keys to their BibTeX entries (default:
    :func:`papergraph.bib.bibtex_entries`).
    """
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    if bibtex is None:
        from .bib import bibtex_entries

        bibtex = bibtex_entries(syllabus, resolution)
    light = graph.number_of_nodes() > LIGHT_MODE_NODES
    pos = layout_positions(graph, syllabus)
    net = _vis_network(syllabus, graph, pos, light)
    nodes, edges, _heading, _h, _w, _options = net.get_network_data()
    js, css = _vis_assets()
    templates = resources.files("papergraph") / "templates"
    env = Environment(loader=FileSystemLoader(str(templates)),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      keep_trailing_newline=True)
    counts = {kind: sum(1 for _, d in graph.nodes(data=True) if d.get("kind") == kind)
              for kind in (PAPER, TOPIC, AREA, EXTERNAL)}
    html = env.get_template("page.html.j2").render(
        title=syllabus.seminar.title,
        subtitle=", ".join(x for x in (syllabus.seminar.institution, syllabus.seminar.term)
                           if x),
        counts=counts,
        light=light,
        light_limit=LIGHT_MODE_NODES,
        n_nodes=graph.number_of_nodes(),
        n_edges=graph.number_of_edges(),
        vis_js=js,
        vis_css=css,
        nodes_json=script_json(nodes),
        edges_json=script_json(edges),
        options_json=script_json(net.options),
        data_json=script_json(page_data(syllabus, resolution, graph, bibtex=bibtex)),
    )
    return html


def write_page(syllabus: Syllabus, resolution: Resolution, graph: nx.MultiDiGraph,
               path: str | Path, *, bibtex: dict[str, str] | None = None) -> Path:
    """Write :func:`render_page` to ``path`` (UTF-8, ``\\n`` line ends)."""
    return write_output(path, render_page(syllabus, resolution, graph, bibtex=bibtex))


# --------------------------------------------------------------------------- outputs


def write_graphs(syllabus: Syllabus, resolution: Resolution, out_dir: str | Path, *,
                 bibtex: dict[str, str] | None = None) -> list[Path]:
    """``papergraph build``'s graph outputs: ``seminar.html``, ``.graphml`` and ``.gexf``.

    ``bibtex`` (paper key -> entry) saves the page making the entries again."""
    from .exports import write_exports
    from .graph import build_graph

    out_dir = Path(out_dir)
    graph = build_graph(syllabus, resolution)
    return [
        write_page(syllabus, resolution, graph, out_dir / "seminar.html", bibtex=bibtex),
        *write_exports(graph, out_dir, "seminar"),
    ]
