"""Stage 3 of the page, its vis-network side: node groups, node and edge records, options,
and the vis-network bundle itself (from pyvis). Reads the model and the layout.

Each node's look is its vis-network *group* (sent once), so a node record is only its
id, position, group and size, and an edge record ``[from, to, kind, width]``: the page's
script expands them. Labels are drawn by the page's script, not by vis-network, at a
readable size whatever the zoom, and without overlaps (see ``page.js``).
"""

from __future__ import annotations

import math
import re
from typing import Any

import networkx as nx

from ..errors import PapergraphError
from ..graph import AREA, CITES, IN_AREA, IN_TOPIC, PAPER, RELATED, TOPIC, edge_tuples
from .layout import Positions
from .model import EXTERNAL_COLOUR, PageModel

INK = "#1f2430"

EDGE_KINDS_ORDER = {IN_AREA: 0, IN_TOPIC: 1, RELATED: 2, CITES: 3}
EDGE_STYLES: dict[str, dict[str, Any]] = {
    CITES: {"color": {"color": "#3b4252", "opacity": 0.85}, "width": 1.6,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.7}}},
    IN_TOPIC: {"color": {"color": "#9aa3b2", "opacity": 0.9}, "width": 1.2, "dashes": [5, 4],
               "arrows": {"to": {"enabled": False}}},
    IN_AREA: {"color": {"color": "#b3bac6", "opacity": 0.9}, "width": 2.5, "dashes": [2, 5],
              "arrows": {"to": {"enabled": False}}},
    RELATED: {"color": {"color": "#c77c12", "opacity": 0.5}, "dashes": [8, 6],
              "arrows": {"to": {"enabled": False}}, "smooth": {"enabled": False}},
}
#: a citation to or from an external paper
EXTERNAL_EDGE_STYLE = {"color": {"color": "#aab0bb", "opacity": 0.6}, "width": 0.8}
EDGE_LEGEND = {
    CITES: "cites (arrow points to the cited paper)",
    IN_TOPIC: "paper belongs to topic",
    IN_AREA: "topic belongs to area",
    RELATED: "related: shared references / cited together",
}


def shade(hex_colour: str, amount: float) -> str:
    """Mix a ``#rrggbb`` colour with white (amount > 0) or black (amount < 0)."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    target = 255 if amount > 0 else 0
    mix = [round(c + (target - c) * abs(amount)) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def _look(background: str, border: str, shape: str, border_width: float,
          selected: str | None = None) -> dict[str, Any]:
    return {"shape": shape, "borderWidth": border_width,
            "borderWidthSelected": border_width + 1,
            "color": {"background": background, "border": border,
                      "highlight": {"background": selected or background, "border": INK},
                      "hover": {"background": selected or background, "border": INK}}}


def groups(model: PageModel) -> dict[str, dict[str, Any]]:
    """vis-network groups: ``area-N``, ``topic-N``, ``paper-N`` for the N-th area, and
    ``paper`` (a paper of no area), ``topic``, ``external``."""
    out: dict[str, dict[str, Any]] = {}
    for i, (colour, shape) in enumerate((a.colour, a.shape) for a in model.areas):
        edge = shade(colour, -0.35)
        out[f"area-{i}"] = _look(colour, edge, shape, 2)
        out[f"topic-{i}"] = _look("#ffffff", colour, shape, 3, shade(colour, 0.7))
        out[f"paper-{i}"] = _look(colour, edge, shape, 1.5)
    out["paper"] = _look(EXTERNAL_COLOUR, "#5f6675", "dot", 1.5)
    out["topic"] = _look("#ffffff", "#5f6675", "dot", 3)
    out["external"] = _look("#c3c8d1", "#7b8290", "dot", 1)
    return out


def node_group(data: dict[str, Any], area_index: dict[str, int]) -> str:
    kind = data.get("kind")
    if kind == AREA:
        return f"area-{area_index[data['slug']]}"
    if kind == TOPIC:
        i = area_index.get(data.get("area", ""))
        return "topic" if i is None else f"topic-{i}"
    if kind == PAPER:
        areas = data.get("areas") or []
        return f"paper-{area_index[areas[0]]}" if areas and areas[0] in area_index else "paper"
    return "external"


def node_size(data: dict[str, Any]) -> float:
    """Areas and topics fixed; papers by the seminar papers citing them; external papers
    by the seminar papers they are linked to (citing or cited)."""
    kind = data.get("kind")
    if kind == AREA:
        return 22
    if kind == TOPIC:
        return 13
    if kind == PAPER:
        return round(14 + 6 * math.sqrt(data.get("seminar_citations", 0)), 2)
    links = data.get("seminar_citations", 0) + data.get("seminar_references", 0)
    return round(3 + 3 * math.sqrt(links), 2)


def node_order(model: PageModel) -> list[str]:
    """Areas, topics and papers in syllabus order, then the rest sorted."""
    graph = model.graph
    order = ([a.node for a in model.areas] + [t.node for t in model.topics]
             + list(model.papers))
    order = [n for n in dict.fromkeys(order) if n in graph]
    placed = set(order)
    return order + sorted(n for n in graph if n not in placed)


def node_records(model: PageModel, pos: Positions) -> list[dict[str, Any]]:
    """One vis-network node per graph node (:func:`node_order`): id, position, group, size."""
    index = {a.slug: i for i, a in enumerate(model.areas)}
    out = []
    for n in node_order(model):
        d = model.graph.nodes[n]
        x, y = pos[n]
        out.append({"id": n, "x": x, "y": y, "group": node_group(d, index),
                    "size": node_size(d)})
    return out


def edge_rows(graph: nx.MultiDiGraph) -> list[list[Any]]:
    """``[from, to, kind, width]`` per edge, in a fixed order (width 0: the kind's own)."""
    rows = []
    for u, v, k, d in sorted(edge_tuples(graph),
                             key=lambda e: (EDGE_KINDS_ORDER[e[2]], e[0], e[1])):
        width = 0.0
        if k == RELATED:
            width = round(1 + 1.2 * math.log2(1 + d.get("weight", 1)), 2)
        elif k == CITES and d.get("is_influential"):
            width = 3.0
        rows.append([u, v, k, width])
    return rows


def options(light: bool) -> dict[str, Any]:
    """vis-network options: still (no physics; positions come from layout.py)."""
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 200, "keyboard": False,
                        "multiselect": False, "dragNodes": False,
                        "hideEdgesOnDrag": light, "hideEdgesOnZoom": light,
                        "zoomSpeed": 1, "navigationButtons": False},
        "edges": {"smooth": False if light else {"enabled": True, "type": "continuous",
                                                  "roundness": 0.3},
                  "selectionWidth": 1.5, "hoverWidth": 0.5},
        "nodes": {"shadow": False},
    }


def edge_styles(light: bool) -> dict[str, dict[str, Any]]:
    """Each edge kind's look (and ``external``: a citation to or from an external paper).
    Light mode draws no dashes (software-drawn: 6.5 s for 8,000 edges in Chromium)."""
    styles = {k: dict(v) for k, v in EDGE_STYLES.items()}
    styles["external"] = dict(EXTERNAL_EDGE_STYLE)
    if light:
        for style in styles.values():
            style.pop("dashes", None)
    return styles


# --------------------------------------------------------------------------- the bundle

_INCLUDE = re.compile(r"""\{%-?\s*include\s+['"]([^'"]*vis-network(?:\.min)?\.js)['"]""")


def vis_network_js() -> str:
    """vis-network's JavaScript bundle, as pyvis inlines it into its own pages.

    pyvis has no function that returns the bundle; its ``Network`` exposes the Jinja
    environment and template it renders with ``cdn_resources="in_line"``, and that
    template includes the bundle by name. So the bundle is read through that environment
    from the file the template names: the version pyvis itself ships and uses, no path
    into pyvis's package written here. If pyvis stops including it that way, this raises
    (and ``tests/test_page_assets.py`` fails, comparing with pyvis's own output).
    """
    from pyvis.network import Network

    net = Network(cdn_resources="in_line")
    env = net.templateEnv
    template, _, _ = env.loader.get_source(env, net.path)
    found = _INCLUDE.findall(template)
    if not found:
        import pyvis

        raise PapergraphError(
            f"pyvis {getattr(pyvis, '__version__', '?')} no longer includes vis-network "
            "in its in-line template; papergraph cannot inline it")
    js, _, _ = env.loader.get_source(env, found[0])
    if "</script" in js.lower() or "<!--" in js:
        raise PapergraphError("vis-network's bundle cannot be inlined safely")
    return js
