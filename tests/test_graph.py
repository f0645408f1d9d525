"""The citation + topic graph (pure networkx) and its exports: fast, no browser."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, time

import networkx as nx
import pytest

from papergraph.errors import PapergraphError
from papergraph.graph import (
    build_graph,
    gexf_text,
    graph_json,
    graphml_text,
    write_exports,
    write_gexf,
    write_graphml,
    write_json,
)
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
    assert {n.removeprefix("ext:") for n in kinds(g, "external")} == refs
    assert len(kinds(g, "paper")) == 15


# --------------------------------------------------------------------------- exports


def test_exports_are_deterministic(syllabus, resolution, tmp_path):
    a = build_graph(syllabus, resolution, include_external=True)
    b = build_graph(syllabus, resolution, include_external=True)
    assert graphml_text(a) == graphml_text(b)
    assert gexf_text(a) == gexf_text(b)
    assert graph_json(a) == graph_json(b)
    assert "lastmodifieddate" not in gexf_text(a)
    p1 = write_gexf(a, tmp_path / "x.gexf")
    p2 = write_gexf(b, tmp_path / "y.gexf")
    assert p1.read_bytes() == p2.read_bytes()


def test_graphml_roundtrip_flattens_lists(graph, tmp_path):
    path = write_graphml(graph, tmp_path / "g.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    assert back.nodes["paper:jacot2018"]["authors"] == (
        "Arthur Jacot; Franck Gabriel; Clément Hongler")
    assert back.nodes["paper:jacot2018"]["year"] == 2018


def test_write_exports_equals_the_single_writers(syllabus, resolution, tmp_path):
    graph = build_graph(syllabus, resolution, include_external=True)
    graphml, gexf = write_exports(graph, tmp_path, "seminar")
    assert (graphml.name, gexf.name) == ("seminar.graphml", "seminar.gexf")
    assert graphml.read_bytes() == write_graphml(graph, tmp_path / "a.graphml").read_bytes()
    assert gexf.read_bytes() == write_gexf(graph, tmp_path / "a.gexf").read_bytes()
    # GEXF gives every edge its float weight; GraphML keeps weight on related edges only
    back = nx.read_graphml(graphml, force_multigraph=True)
    weighted = {d["kind"] for _, _, d in back.edges(data=True) if "weight" in d}
    assert weighted == {"related"}


def test_parallel_exports_write_the_same_bytes(syllabus, resolution, tmp_path):
    graph = build_graph(syllabus, resolution, include_external=True)
    one = write_exports(graph, tmp_path / "one", "g", parallel=False)
    two = write_exports(graph, tmp_path / "two", "g", parallel=True)
    assert [p.read_bytes() for p in two] == [p.read_bytes() for p in one]
    assert sorted(os.listdir(tmp_path / "two")) == ["g.gexf", "g.graphml"]


def test_an_error_in_the_export_process_is_one_papergraph_error(graph, tmp_path):
    (tmp_path / "g.graphml").mkdir()  # in the way of the file the second process writes
    with pytest.raises(PapergraphError) as info:
        write_exports(graph, tmp_path, "g", parallel=True)
    assert str(info.value) == f"cannot write {tmp_path / 'g.graphml'}: Is a directory"
    assert sorted(os.listdir(tmp_path)) == ["g.gexf", "g.graphml"]  # no temporary files


def test_an_error_here_stops_the_export_process_cleanly(graph, tmp_path):
    (tmp_path / "g.gexf").mkdir()  # this process fails while the other one writes
    with pytest.raises(PapergraphError, match="g.gexf: Is a directory"):
        write_exports(graph, tmp_path, "g", parallel=True)
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]


def test_parallel_exports_from_a_script_without_a_main_guard(tmp_path):
    """The second process must not re-run the caller's script (multiprocessing's spawn
    would, and a script without ``if __name__ == "__main__"`` would start over)."""
    script = tmp_path / "export.py"
    script.write_text(
        "from papergraph.graph import build_graph, write_exports\n"
        "from papergraph.resolve import load_and_resolve\n"
        "loaded = load_and_resolve(None, offline=True)\n"
        "graph = build_graph(loaded.syllabus, loaded.resolution)\n"
        f"write_exports(graph, {str(tmp_path)!r}, 'g', parallel=True)\n"
        "print('exported')\n")
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         timeout=60, env={**os.environ, "PAPERGRAPH_CACHE_DIR": str(tmp_path)})
    assert out.returncode == 0, out.stderr
    assert out.stdout == "exported\n"
    assert (tmp_path / "g.graphml").read_bytes() == graphml_text(
        build_graph(*_default())).encode()


def _default():
    from papergraph.resolve import load_and_resolve

    loaded = load_and_resolve(None, offline=True)
    return loaded.syllabus, loaded.resolution


def test_exported_edge_ids_are_unique_and_shared(graph, tmp_path):
    """GraphML requires unique edge ids; Gephi and GraphStream drop or reject repeats.
    Both files name each edge the same way: kind, source, target."""
    import xml.etree.ElementTree as ET

    graphml, gexf = write_exports(graph, tmp_path, "g")
    ids = {}
    for path in (graphml, gexf):
        edges = [e for e in ET.parse(path).iter() if e.tag.endswith("}edge")]
        ids[path.suffix] = [e.get("id") for e in edges]
        assert len(edges) == graph.number_of_edges()
        assert len(set(ids[path.suffix])) == len(edges)
    assert ids[".graphml"] == ids[".gexf"]
    assert "cites:paper:allenzhu2019resnet->paper:allenzhu2019convergence" in ids[".graphml"]


def test_writer_type_tables_are_networkx_own_without_numpy():
    import numpy  # noqa: F401  (with numpy loaded the writers use networkx's full tables)
    from networkx.readwrite.gexf import GEXFWriter
    from networkx.readwrite.graphml import GraphMLWriter

    from papergraph.graph import GEXF_TYPES, GRAPHML_TYPES

    for writer, ours in ((GraphMLWriter(), GRAPHML_TYPES), (GEXFWriter(), GEXF_TYPES)):
        builtin = {t: name for t, name in writer.xml_type.items() if t.__module__ == "builtins"}
        assert builtin == dict(ours)
        python = {name: t for name, t in writer.python_type.items() if t.__module__ == "builtins"}
        assert python == {name: t for t, name in ours}


def test_exports_are_the_same_bytes_without_numpy(graph, tmp_path):
    """A fresh process that never loads numpy writes what this one (numpy loaded) does."""
    import subprocess
    import sys

    import numpy  # noqa: F401

    code = ("import sys; from papergraph.resolve import load_and_resolve; "
            "from papergraph.graph import build_graph, graphml_text, gexf_text; "
            "l = load_and_resolve(None, offline=True); g = build_graph(l.syllabus, l.resolution); "
            f"open({str(tmp_path / 'a.graphml')!r}, 'w').write(graphml_text(g)); "
            f"open({str(tmp_path / 'a.gexf')!r}, 'w').write(gexf_text(g)); "
            "print('numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
    assert (tmp_path / "a.graphml").read_text() == graphml_text(graph)
    assert (tmp_path / "a.gexf").read_text() == gexf_text(graph)


def test_exports_are_ascii_with_character_references(graph):
    for text in (graphml_text(graph), gexf_text(graph)):
        assert text.isascii()
        assert "Cl&#233;ment Hongler" in text
        assert text.endswith(">\n") and not text.endswith("\n\n")


def test_gexf_is_readable(graph, tmp_path):
    path = write_gexf(graph, tmp_path / "g.gexf")
    back = nx.read_gexf(path)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()


def test_node_link_json(graph, tmp_path):
    data = json.loads(write_json(graph, tmp_path / "g.json").read_text("utf-8"))
    assert [n["id"] for n in data["nodes"]] == sorted(graph.nodes)
    assert data["directed"] and data["multigraph"]
    jacot = next(n for n in data["nodes"] if n["id"] == "paper:jacot2018")
    assert jacot["authors"] == ["Arthur Jacot", "Franck Gabriel", "Clément Hongler"]
    back = nx.node_link_graph(data, edges="edges")
    assert back.number_of_edges() == graph.number_of_edges()
