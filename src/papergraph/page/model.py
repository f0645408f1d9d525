"""Stage 1 of the page: the page model, built once from the syllabus and the graph.

Everything later stages need from the syllabus, the resolution and the graph is read
here, once: each area's look (colour and shape), the topics with their papers and
reading order, the seminar's talks and time plan, and per node what the panels show.
:mod:`papergraph.page.layout` places the model's nodes and :mod:`papergraph.page.render`
draws both; neither sees the syllabus.

Looks: every area has a colour from the Okabe–Ito palette (safe for the common colour
vision deficiencies) *and* a shape of its own, so areas are told apart without colour
too; topics are the area's shape hollow, papers filled, external papers small grey dots.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from ..graph import PAPER, area_node, paper_node, topic_node
from ..models import Resolution, Syllabus

#: above this many nodes the page switches to a lighter drawing mode (and says so)
LIGHT_MODE_NODES = 400

#: Okabe & Ito's palette without its yellow (too light to see as a shape on white);
#: each area also has a shape (AREA_SHAPES), so repeats after seven are still distinct
AREA_COLOURS = ("#0072b2", "#e69f00", "#009e73", "#d55e00", "#cc79a7", "#56b4e9", "#000000")
#: vis-network shapes drawn beside (not around) a label, one per area
AREA_SHAPES = ("dot", "square", "triangle", "diamond", "hexagon", "star", "triangleDown")
EXTERNAL_COLOUR = "#8f96a3"

#: node attributes the page does not need (links go out as ``links``)
_LINK_FIELDS = (("Semantic Scholar", "s2_url"), ("arXiv", "arxiv_url"), ("dblp", "dblp_url"),
                ("DOI", "doi_url"), ("Publisher", "url"), ("PDF", "pdf"),
                ("OpenAlex", "openalex_url"))
_LEFT_OUT = {f for _, f in _LINK_FIELDS} | {"s2_id", "corpus_id"}


@dataclass(frozen=True)
class AreaView:
    slug: str
    title: str
    node: str
    colour: str
    shape: str


@dataclass(frozen=True)
class TopicView:
    slug: str
    title: str
    area: str  # its area's slug (possibly one the syllabus does not list)
    question: str
    node: str
    papers: tuple[str, ...]  # its papers' nodes in the graph, in page order
    reading: tuple[str, ...]  # the same in reading order (papergraph.reading)
    # newer papers citing the topic (papergraph suggest, forward): title, year, reason;
    # shown under its reading list as suggestions, never drawn in the graph
    suggestions: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class PageModel:
    """What the page shows, in the syllabus's order; ``graph`` is the graph drawn."""

    graph: nx.MultiDiGraph
    seminar: dict[str, Any]  # title, institution, term, url
    milestones: tuple[dict[str, str], ...]
    areas: tuple[AreaView, ...]
    topics: tuple[TopicView, ...]
    papers: tuple[str, ...]  # the seminar papers' nodes in the graph, in syllabus order
    talks: tuple[dict[str, Any], ...]
    meta: dict[str, dict[str, Any]]  # per node: what the panels show

    @property
    def light(self) -> bool:
        return self.graph.number_of_nodes() > LIGHT_MODE_NODES

    def topics_of(self, area: str) -> list[TopicView]:
        return [t for t in self.topics if t.area == area]


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


#: who a value came from, as the page names it (``Provenance.source``)
SOURCE_NAMES = {"s2": "Semantic Scholar", "openalex": "OpenAlex", "dblp": "dblp",
                "snapshot": "the verified facts"}
#: values the page credits to their source, beside them
_CREDITED = ("citation_count", "abstract", "tldr")


def _credit_sources(meta: dict[str, dict[str, Any]], resolution: Resolution) -> None:
    """``citation_count_source`` etc.: who gave a paper's count, abstract or TL;DR."""
    for rec in resolution.records:
        item = meta.get(paper_node(rec.key))
        for name in _CREDITED:
            prov = rec.source_of(name)
            if item is not None and name in item and prov is not None:
                item[f"{name}_source"] = " and ".join(  # "openalex+s2": both agree
                    SOURCE_NAMES.get(x, x) for x in prov.source.split("+"))


def _talk(t: Any) -> dict[str, Any]:
    return {"date": t.date.isoformat(), "weekday": t.date.strftime("%a"),
            "start": t.start.strftime("%H:%M") if t.start else "",
            "end": t.end.strftime("%H:%M") if t.end else "",
            "node": paper_node(t.paper), "speaker": t.speaker}


def build_model(syllabus: Syllabus, resolution: Resolution, graph: nx.MultiDiGraph, *,
                bibtex: dict[str, str] | None = None) -> PageModel:
    """The page model of ``graph`` (built from ``syllabus`` and ``resolution``).

    ``bibtex`` maps paper keys to their BibTeX entries (default:
    :func:`papergraph.bib.bibtex_entries`)."""
    from ..reading import reading_order

    if bibtex is None:
        from ..bib import bibtex_entries

        bibtex = bibtex_entries(syllabus, resolution)
    from ..planning.suggest import forward_suggestions

    order = reading_order(syllabus, resolution)
    suggested: dict[str, list[dict[str, Any]]] = {}
    for slug, sg in forward_suggestions(syllabus, resolution, limit=3):
        suggested.setdefault(slug, []).append(
            {"title": sg.title, "year": sg.year, "reason": sg.reason})
    s = syllabus.seminar

    def in_graph(keys: Any) -> tuple[str, ...]:
        return tuple(n for n in dict.fromkeys(paper_node(k) for k in keys) if n in graph)

    areas = tuple(AreaView(a.slug, a.title, area_node(a.slug),
                           AREA_COLOURS[i % len(AREA_COLOURS)], AREA_SHAPES[i % len(AREA_SHAPES)])
                  for i, a in enumerate(syllabus.areas))
    topics = tuple(TopicView(t.slug, t.title, t.area, t.question, topic_node(t.slug),
                             in_graph(t.papers),
                             tuple(paper_node(k) for k in order.get(t.slug, ())),
                             tuple(suggested.get(t.slug, ())))
                   for t in syllabus.topics)
    meta = node_meta(graph, bibtex)
    _credit_sources(meta, resolution)
    return PageModel(
        graph=graph,
        seminar={"title": s.title, "institution": s.institution, "term": s.term,
                 "url": safe_url(s.url) or ""},
        milestones=tuple({"when": m.when, "what": m.what} for m in s.milestones),
        areas=areas,
        topics=topics,
        papers=in_graph(p.key for p in syllabus.papers),
        talks=tuple(_talk(t) for t in syllabus.talks),
        meta=meta,
    )
