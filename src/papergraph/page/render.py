"""Stage 4 of the page: one self-contained, offline HTML page (vis-network via pyvis).

The page is ``templates/page.html.j2`` with everything inline: its stylesheet
(``page.css``), its script (``page-graph.js``, ``page-panels.js``, ``page-nav.js``, one
scope), vis-network's bundle as pyvis ships it (:func:`papergraph.page.visnet.vis_network_js`)
and the data as JSON blocks. It opens from ``file://`` with no network at all.

It reads the page model (:mod:`papergraph.page.model`) and its layout
(:mod:`papergraph.page.layout`). Deterministic: positions are whole pixels from the
seminar's structure, vis physics is off, and everything is emitted in a fixed order, so
the same input gives the same bytes.

Safety: the values travel as JSON inside ``<script type="application/json">`` blocks
with ``<``, ``>`` and ``&`` escaped (:func:`script_json`); the page's script writes
them with ``textContent`` and DOM nodes only, so a title such as
``<img src=x onerror=alert(1)>`` shows as text. Links are only ``http(s)``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import PapergraphError
from ..files import write_output
from ..graph import (
    AREA,
    CITES,
    EXTERNAL,
    IN_AREA,
    IN_TOPIC,
    PAPER,
    RELATED,
    TOPIC,
    edge_tuples,
)
from ..models import Resolution, Syllabus
from ..perf import paused_gc, without_gc_pauses
from .layout import YEAR_WIDTH, ring_positions, timeline_positions
from .model import EXTERNAL_COLOUR, LIGHT_MODE_NODES, PageModel, build_model
from .visnet import (
    EDGE_LEGEND,
    EDGE_STYLES,
    edge_rows,
    edge_styles,
    groups,
    node_records,
    options,
    vis_network_js,
)

#: the page's script, in order (one scope)
SCRIPTS = ("page-graph.js", "page-panels.js", "page-search.js", "page-nav.js")
#: Fuse.js 7.5.0 (fuzzy search, Apache-2.0: templates/fuse.LICENSE), its minified CommonJS
#: build from the npm registry as published, run in a scope of its own that gives ``Fuse``
FUSE = "fuse.min.js"


def _template_text(name: str) -> str:
    text = (resources.files("papergraph") / "templates" / name).read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise PapergraphError(f"templates/{name} cannot be inlined: it closes its element")
    return text


def _fuse_js() -> str:
    """Fuse.js's CommonJS build as a classic script that defines ``Fuse``."""
    return ("var Fuse = (function (module) {\n" + _template_text(FUSE).rstrip("\n")
            + "\nreturn module.exports;\n}({exports: {}}));")


def _paper_edges(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """``cites`` and ``related`` edges between two seminar papers, with their numbers."""
    edges = []
    for u, v, k, d in sorted(edge_tuples(graph)):
        both_papers = graph.nodes[u].get("kind") == graph.nodes[v].get("kind") == PAPER
        if k in (CITES, RELATED) and both_papers:
            e: dict[str, Any] = {"from": u, "to": v, "kind": k}
            if k == RELATED:
                e.update(weight=d.get("weight", 0), coupling=d.get("coupling", 0),
                         cocitation=d.get("cocitation", 0))
            if d.get("is_influential") is not None:
                e["influential"] = d["is_influential"]
            if d.get("sources"):
                e["sources"] = list(d["sources"])
            edges.append(e)
    return edges


def page_data(model: PageModel) -> dict[str, Any]:
    """Everything the page's script shows besides the drawing."""
    graph = model.graph
    pos, years = timeline_positions(model)
    return {
        "seminar": model.seminar,
        "areas": [{"slug": a.slug, "title": a.title, "node": a.node,
                   "colour": a.colour, "shape": a.shape} for a in model.areas],
        "topics": [{"slug": t.slug, "title": t.title, "area": t.area, "question": t.question,
                    "node": t.node, "reading": list(t.reading),
                    "suggestions": list(t.suggestions)} for t in model.topics],
        "papers": list(model.papers),
        "talks": list(model.talks),
        "milestones": list(model.milestones),
        "nodes": model.meta,
        "edges": _paper_edges(graph),
        "edgeLegend": [{"kind": k, "text": EDGE_LEGEND[k], "style": EDGE_STYLES[k]}
                       for k in (CITES, RELATED, IN_TOPIC, IN_AREA)],
        "externalColour": EXTERNAL_COLOUR,
        "timeline": {"years": years, "pos": {n: list(xy) for n, xy in pos.items()},
                     "yearWidth": YEAR_WIDTH,
                     "unknown": any(d.get("kind") in (PAPER, EXTERNAL)
                                    and not isinstance(d.get("year"), int)
                                    for _, d in graph.nodes(data=True))},
        "edgeStyles": edge_styles(model.light),
    }


def script_json(value: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>``, ``&`` or line separators."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def render_model(model: PageModel) -> str:
    """The page of a page model, as HTML text: same model, same bytes."""
    return "".join(render_chunks(model))


def render_chunks(model: PageModel) -> Iterator[str]:
    """:func:`render_model` in the pieces the template yields (a large page is written
    piece by piece, never held as one string and its bytes: 100 MB at 50,000 papers)."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    graph, light = model.graph, model.light
    nodes = node_records(model, ring_positions(model))
    vis_options: dict[str, Any] = {**options(light), "groups": groups(model)}
    templates = resources.files("papergraph") / "templates"
    env = Environment(loader=FileSystemLoader(str(templates)),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      keep_trailing_newline=True)
    counts = {kind: sum(1 for _, d in graph.nodes(data=True) if d.get("kind") == kind)
              for kind in (PAPER, TOPIC, AREA, EXTERNAL)}
    s = model.seminar
    return env.get_template("page.html.j2").generate(
        title=s["title"],
        subtitle=", ".join(x for x in (s["institution"], s["term"]) if x),
        counts=counts,
        light=light,
        light_limit=LIGHT_MODE_NODES,
        n_nodes=graph.number_of_nodes(),
        n_edges=graph.number_of_edges(),
        vis_js=vis_network_js(),
        fuse_js=_fuse_js(),
        page_css=_template_text("page.css"),
        page_js="\n".join(_template_text(name) for name in SCRIPTS),
        nodes_json=script_json(nodes),
        edges_json=script_json(edge_rows(graph)),
        options_json=script_json(vis_options),
        data_json=script_json(page_data(model)),
    )


@without_gc_pauses
def render_page(syllabus: Syllabus, resolution: Resolution, graph: nx.MultiDiGraph, *,
                bibtex: dict[str, str] | None = None) -> str:
    """The interactive page as HTML text: same input, same bytes.

    ``bibtex`` maps paper keys to their BibTeX entries (default:
    :func:`papergraph.bib.bibtex_entries`).
    """
    return render_model(build_model(syllabus, resolution, graph, bibtex=bibtex))


def write_page(syllabus: Syllabus, resolution: Resolution, graph: nx.MultiDiGraph,
               path: str | Path, *, bibtex: dict[str, str] | None = None) -> Path:
    """Write :func:`render_page` to ``path`` (UTF-8, ``\\n`` line ends)."""
    with paused_gc():
        return write_output(path, render_chunks(build_model(syllabus, resolution, graph,
                                                            bibtex=bibtex)))


# --------------------------------------------------------------------------- outputs


def write_graphs(syllabus: Syllabus, resolution: Resolution, out_dir: str | Path, *,
                 bibtex: dict[str, str] | None = None) -> list[Path]:
    """``papergraph build``'s graph outputs: ``seminar.html``, ``.graphml`` and ``.gexf``.

    ``bibtex`` (paper key -> entry) saves the page making the entries again."""
    from ..exports import write_exports
    from ..graph import build_graph

    out_dir = Path(out_dir)
    graph = build_graph(syllabus, resolution)
    return [
        write_page(syllabus, resolution, graph, out_dir / "seminar.html", bibtex=bibtex),
        *write_exports(graph, out_dir, "seminar"),
    ]
