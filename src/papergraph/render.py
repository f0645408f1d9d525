"""Stage 4: draw the graph as one self-contained, offline HTML page (vis-network via pyvis).

The page is ``templates/page.html.j2`` with everything inline: its stylesheet
(``page.css``), its script (``page-graph.js``, ``page-panels.js``, ``page-nav.js``, one
scope), vis-network's bundle as pyvis ships it (:func:`papergraph.visnet.vis_network_js`)
and the data as JSON blocks. It opens from ``file://`` with no network at all.

The parts: :mod:`papergraph.layout` (positions), :mod:`papergraph.visnet` (node groups,
node and edge records, options, the bundle), :mod:`papergraph.pagedata` (what the
panels show; safe JSON). Deterministic: positions are whole pixels from the seminar's
structure, vis physics is off, and everything is emitted in a fixed order, so the same
input gives the same bytes.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from .errors import PapergraphError
from .files import write_output
from .graph import AREA, EXTERNAL, PAPER, TOPIC, area_node, paper_node, topic_node
from .layout import YEAR_WIDTH, ring_positions, timeline_positions
from .models import Resolution, Syllabus
from .pagedata import page_data, script_json
from .perf import without_gc_pauses
from .visnet import (
    LIGHT_MODE_NODES,
    edge_rows,
    edge_styles,
    groups,
    node_records,
    options,
    vis_network_js,
)

#: the page's script, in order (one scope)
SCRIPTS = ("page-graph.js", "page-panels.js", "page-nav.js")


def _template_text(name: str) -> str:
    text = (resources.files("papergraph") / "templates" / name).read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise PapergraphError(f"templates/{name} cannot be inlined: it closes its element")
    return text


def _node_order(syllabus: Syllabus, graph: nx.MultiDiGraph) -> list[str]:
    """Areas, topics and papers in syllabus order, then the rest sorted."""
    order = ([area_node(a.slug) for a in syllabus.areas]
             + [topic_node(t.slug) for t in syllabus.topics]
             + [paper_node(p.key) for p in syllabus.papers])
    order = [n for n in dict.fromkeys(order) if n in graph]
    placed = set(order)
    return order + sorted(n for n in graph if n not in placed)


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
    nodes = node_records(syllabus, graph, _node_order(syllabus, graph),
                         ring_positions(graph, syllabus))
    vis_options: dict[str, Any] = {**options(light), "groups": groups(syllabus)}
    data = page_data(syllabus, resolution, graph, bibtex=bibtex,
                     timeline=timeline_positions(graph, syllabus))
    data["timeline"]["yearWidth"] = YEAR_WIDTH
    data["timeline"]["unknown"] = any(
        d.get("kind") in (PAPER, EXTERNAL) and not isinstance(d.get("year"), int)
        for _, d in graph.nodes(data=True))
    data["edgeStyles"] = edge_styles(light)
    templates = resources.files("papergraph") / "templates"
    env = Environment(loader=FileSystemLoader(str(templates)),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      keep_trailing_newline=True)
    counts = {kind: sum(1 for _, d in graph.nodes(data=True) if d.get("kind") == kind)
              for kind in (PAPER, TOPIC, AREA, EXTERNAL)}
    return env.get_template("page.html.j2").render(
        title=syllabus.seminar.title,
        subtitle=", ".join(x for x in (syllabus.seminar.institution, syllabus.seminar.term)
                           if x),
        counts=counts,
        light=light,
        light_limit=LIGHT_MODE_NODES,
        n_nodes=graph.number_of_nodes(),
        n_edges=graph.number_of_edges(),
        vis_js=vis_network_js(),
        page_css=_template_text("page.css"),
        page_js="\n".join(_template_text(name) for name in SCRIPTS),
        nodes_json=script_json(nodes),
        edges_json=script_json(edge_rows(graph)),
        options_json=script_json(vis_options),
        data_json=script_json(data),
    )


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
