"""What the page's script shows besides the drawing, as plain JSON values.

Safety: the values travel as JSON inside ``<script type="application/json">`` blocks
with ``<``, ``>`` and ``&`` escaped (:func:`script_json`); the page's script writes
them with ``textContent`` and DOM nodes only, so a title such as
``<img src=x onerror=alert(1)>`` shows as text. Links are only ``http(s)``.
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from .graph import CITES, IN_AREA, IN_TOPIC, PAPER, RELATED, area_node, paper_node, topic_node
from .models import Resolution, Syllabus
from .visnet import EDGE_LEGEND, EDGE_STYLES, EXTERNAL_COLOUR, area_looks

#: node attributes the page does not need (links go out as ``links``)
_LINK_FIELDS = (("Semantic Scholar", "s2_url"), ("arXiv", "arxiv_url"), ("dblp", "dblp_url"),
                ("DOI", "doi_url"), ("Publisher", "url"), ("PDF", "pdf"))
_LEFT_OUT = {f for _, f in _LINK_FIELDS} | {"s2_id", "corpus_id"}


def safe_url(url: Any) -> str | None:
    return url if isinstance(url, str) and url.startswith(("https://", "http://")) else None


def node_meta(graph: nx.MultiDiGraph, bibtex: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Per node: its attributes, its links (``[name, url]``) and, for a paper, its BibTeX."""
    meta: dict[str, dict[str, Any]] = {}
    for n, d in graph.nodes(data=True):
        item = {k: v for k, v in d.items() if k not in _LEFT_OUT}
        links = [[name, url] for name, field in _LINK_FIELDS if (url := safe_url(d.get(field)))]
        if links:
            item["links"] = links
        if d.get("kind") == PAPER and d.get("key") in bibtex:
            item["bibtex"] = bibtex[d["key"]]
        meta[n] = item
    return meta


def _talk(t: Any) -> dict[str, Any]:
    return {"date": t.date.isoformat(), "weekday": t.date.strftime("%a"),
            "start": t.start.strftime("%H:%M") if t.start else "",
            "end": t.end.strftime("%H:%M") if t.end else "",
            "node": paper_node(t.paper), "speaker": t.speaker}


def _paper_edges(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """``cites`` and ``related`` edges between two seminar papers, with their numbers."""
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
    return edges


def page_data(syllabus: Syllabus, resolution: Resolution, graph: nx.MultiDiGraph, *,
              bibtex: dict[str, str] | None = None,
              timeline: tuple[dict[str, tuple[int, int]], list[int]] | None = None,
              ) -> dict[str, Any]:
    """Everything the page's script shows besides the drawing."""
    from .reading import reading_order

    looks = area_looks(syllabus)
    order = reading_order(syllabus, resolution)
    s = syllabus.seminar
    data: dict[str, Any] = {
        "seminar": {"title": s.title, "institution": s.institution, "term": s.term,
                    "url": safe_url(s.url) or ""},
        "areas": [{"slug": a.slug, "title": a.title, "node": area_node(a.slug),
                   "colour": looks[a.slug][0], "shape": looks[a.slug][1]}
                  for a in syllabus.areas],
        "topics": [{"slug": t.slug, "title": t.title, "area": t.area, "question": t.question,
                    "node": topic_node(t.slug),
                    "reading": [paper_node(k) for k in order.get(t.slug, ())]}
                   for t in syllabus.topics],
        "papers": [paper_node(p.key) for p in syllabus.papers if paper_node(p.key) in graph],
        "talks": [_talk(t) for t in syllabus.talks],
        "milestones": [{"when": m.when, "what": m.what} for m in s.milestones],
        "nodes": node_meta(graph, bibtex or {}),
        "edges": _paper_edges(graph),
        "edgeLegend": [{"kind": k, "text": EDGE_LEGEND[k], "style": EDGE_STYLES[k]}
                       for k in (CITES, RELATED, IN_TOPIC, IN_AREA)],
        "externalColour": EXTERNAL_COLOUR,
    }
    if timeline is not None:
        pos, years = timeline
        data["timeline"] = {"years": years, "pos": {n: list(xy) for n, xy in pos.items()}}
    return data


def script_json(value: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>``, ``&`` or line separators."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text
