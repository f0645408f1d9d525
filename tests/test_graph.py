"""The citation + topic graph (pure networkx) and its exports: fast, no browser."""

from __future__ import annotations

from datetime import date, time

import networkx as nx
import pytest

from papergraph.graph import build_graph
from papergraph.models import (
    Area,
    Paper,
    Record,
    Ref,
    Resolution,
    Seminar,
    Syllabus,
    Talk,
    Topic,
)


def kinds(g: nx.MultiDiGraph, kind: str) -> set[str]:
    return {n for n, d in g.nodes(data=True) if d["kind"] == kind}


def edges_of(g: nx.MultiDiGraph, kind: str) -> set[tuple[str, str]]:
    return {(u, v) for u, v, k in g.edges(keys=True) if k == kind}


@pytest.fixture(scope="module")
def graph(syllabus, resolution):
    return build_graph(syllabus, resolution)


def test_seminar_nodes(graph, syllabus, facts):
    assert kinds(graph, "paper") == {f"paper:{p['key']}" for p in facts["papers"]}
    assert len(kinds(graph, "paper")) == 15
    assert kinds(graph, "topic") == {f"topic:{t.slug}" for t in syllabus.topics}
    assert len(kinds(graph, "topic")) == 13
    assert kinds(graph, "area") == {f"area:{a.slug}" for a in syllabus.areas}
    assert kinds(graph, "external") == set()


def test_cites_edges_are_the_verified_citations(graph, facts):
    expected = {(f"paper:{c['citing']}", f"paper:{c['cited']}") for c in facts["citations"]}
    assert edges_of(graph, "cites") == expected


def test_topic_and_area_edges(graph, syllabus):
    assert edges_of(graph, "in_topic") == {
        (f"paper:{k}", f"topic:{t.slug}") for t in syllabus.topics for k in t.papers}
    assert edges_of(graph, "in_area") == {
        (f"topic:{t.slug}", f"area:{t.area}") for t in syllabus.topics}


def test_paper_metadata_and_metrics(graph):
    jacot = graph.nodes["paper:jacot2018"]
    assert jacot["title"] == (
        "Neural Tangent Kernel: Convergence and Generalization in Neural Networks")
    assert jacot["authors"] == ["Arthur Jacot", "Franck Gabriel", "Clément Hongler"]
    assert (jacot["venue"], jacot["year"]) == ("NeurIPS", 2018)
    assert jacot["topics"] == ["kernel-behaviour-of-nns"]
    assert jacot["arxiv_url"] == "https://arxiv.org/abs/1806.07572"
    assert "s2_url" not in jacot and "dblp_url" not in jacot  # unknown ids: no invented links
    assert "citation_count" not in jacot  # unknown offline: left out, not 0
    assert graph.nodes["paper:li2018"]["seminar_citations"] == 3
    assert graph.nodes["paper:allenzhu2019resnet"]["seminar_references"] == 5
    ranks = [d["pagerank"] for _, d in graph.nodes(data=True) if d["kind"] == "paper"]
    assert sum(ranks) == pytest.approx(1.0, abs=1e-4)
    top = max((d["pagerank"], n) for n, d in graph.nodes(data=True) if d["kind"] == "paper")
    assert top[1] == "paper:li2018"
    # isolated papers are still there
    assert graph.nodes["paper:shamir2018"]["seminar_citations"] == 0
    assert not [e for e in edges_of(graph, "cites") if "paper:shamir2018" in e]


def test_labels_are_unique(graph):
    labels = [d["label"] for _, d in graph.nodes(data=True) if d["kind"] == "paper"]
    assert len(labels) == len(set(labels))
    assert graph.nodes["paper:allenzhu2019rnn"]["label"] == "Allen-Zhu & Li 2019a"
    assert graph.nodes["paper:allenzhu2019resnet"]["label"] == "Allen-Zhu & Li 2019b"


# --------------------------------------------------------------------------- a tiny seminar


def tiny() -> tuple[Syllabus, Resolution]:
    """A cites X, Y and B; C cites X and Y; D (outside) cites A and C; B is cited by E."""
    x = Ref(title="Paper X", year=2010, authors=("Xu",), arxiv="1000.00001")
    y = Ref(title="Paper Y", year=2011, authors=("Yang",), s2_id="y" * 40, citation_count=7)
    d = Ref(title="Paper D", year=2021, authors=("Doe", "Roe"))
    e = Ref(title="Paper E", year=2022, is_influential=True)
    syl = Syllabus(
        seminar=Seminar(title="Tiny"),
        areas=(Area("ar", "Area"),),
        topics=(Topic("t1", "T one", "ar", papers=("a", "b")),
                Topic("t2", "T two", "ar", papers=("c", "lonely"))),
        papers=(Paper("a", "A", ("Ann Alpha",), year=2019),
                Paper("b", "B", ("Bob Beta",), year=2018),
                Paper("c", "C", ("Cy Gamma", "Di Delta"), year=2020),
                Paper("lonely", "Lonely paper", ("Lo Ne",), year=2020)),
        talks=(Talk(date(2020, 6, 1), time(10), time(11), "a"),),
    )
    res = Resolution(records=(
        Record("a", "matched", title="A", authors=("Ann Alpha",), year=2019, citation_count=42,
               references=(x, y, Ref(title="B", seminar_key="b", is_influential=True)),
               citations=(d,)),
        Record("b", "matched", title="B", authors=("Bob Beta",), year=2018, citations=(e,)),
        Record("c", "matched", title="C", authors=("Cy Gamma", "Di Delta"), year=2020,
               references=(x, y), citations=(d,)),
    ))
    return syl, res


def test_related_edges_from_coupling_and_cocitation():
    syl, res = tiny()
    g = build_graph(syl, res)
    rel = {(u, v): d for u, v, k, d in g.edges(keys=True, data=True) if k == "related"}
    ac = rel[("paper:a", "paper:c")]
    assert (ac["coupling"], ac["cocitation"], ac["weight"]) == (2, 1, 3)
    assert ac["shared_references"] == ["Paper X", "Paper Y"]
    assert ac["cocited_by"] == ["Paper D"]
    assert set(rel) == {("paper:a", "paper:c")}
    cites = {(u, v): d for u, v, k, d in g.edges(keys=True, data=True) if k == "cites"}
    assert cites == {("paper:a", "paper:b"): {"kind": "cites", "is_influential": True}}


@pytest.mark.parametrize("seed", range(4))
def test_related_pairs_as_a_sparse_product_are_the_counted_ones(seed):
    """Large lists count the related pairs as a matrix product: the same pairs as the
    Counter, ties (most partners share one reference) and papers citing nothing included."""
    import random

    from papergraph.graph import _strongest_pairs, _strongest_pairs_sparse

    rng = random.Random(seed)
    keys = [f"p{i:03d}" for i in rng.sample(range(1000), 300)]
    refs = {k: set(rng.sample(range(400), rng.choice([0, 1, 3, 8, 20]))) for k in keys}
    citers = {k: set(rng.sample(range(350, 600), rng.choice([0, 0, 2, 5]))) for k in keys}
    for top_k in (1, 5):
        want = _strongest_pairs(refs, citers, top_k)
        assert _strongest_pairs_sparse(refs, citers, top_k, block=7) == want
        assert _strongest_pairs_sparse(refs, citers, top_k) == want


def test_missing_record_is_shown_from_the_page_and_marked():
    syl, res = tiny()
    g = build_graph(syl, res)
    lonely = g.nodes["paper:lonely"]
    assert lonely["status"] == "unresolved"
    assert lonely["title"] == "Lonely paper"
    assert "citation_count" not in lonely
    assert g.nodes["paper:a"]["citation_count"] == 42
    assert lonely["seminar_citations"] == 0 and g.degree("paper:lonely") == 1  # in_topic only


def test_include_external():
    syl, res = tiny()
    g = build_graph(syl, res, include_external=True)
    ext = kinds(g, "external")
    assert ext == {"ext:arxiv:1000.00001", f"ext:s2:{'y' * 40}", "ext:title:paper d",
                   "ext:title:paper e"}
    assert g.nodes[f"ext:s2:{'y' * 40}"]["citation_count"] == 7
    assert g.nodes["ext:title:paper d"]["label"] == "Doe & Roe 2021"
    assert edges_of(g, "cites") >= {("paper:a", "ext:arxiv:1000.00001"),
                                    ("paper:c", "ext:arxiv:1000.00001"),
                                    ("ext:title:paper d", "paper:a"),
                                    ("ext:title:paper d", "paper:c"),
                                    ("ext:title:paper e", "paper:b")}
    assert g.edges["ext:title:paper e", "paper:b", "cites"]["is_influential"] is True
    assert g.nodes["ext:arxiv:1000.00001"]["seminar_citations"] == 2


def test_include_external_on_the_seminar(syllabus, resolution):
    g = build_graph(syllabus, resolution, include_external=True)
    refs = {r.identity for rec in resolution.records for r in rec.references + rec.citations
            if not r.seminar_key}
    # bartlett2017's reference list holds its own arXiv version (1703.02930): no external
    # node for it (tests/test_graph_external.py covers the rules)
    assert {n.removeprefix("ext:") for n in kinds(g, "external")} == refs - {"arxiv:1703.02930"}
    assert len(kinds(g, "paper")) == 15
