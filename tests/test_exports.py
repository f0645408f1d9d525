"""GraphML, GEXF and node-link JSON: valid against the official schemas, read back by
the tools people open them with (networkx, igraph, JGraphT), the same bytes every time.

The schemas are the official ones (tests/schemas/README.md says where each comes from);
lxml validates with libxml2, as ``xmllint --schema`` does.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import igraph as ig
import networkx as nx
import pytest
from conftest import missing_system_tool
from lxml import etree

from papergraph.exports import (
    edge_id,
    flatten,
    gexf_text,
    graph_json,
    graphml_text,
    node_link_graph,
    write_exports,
    write_gexf,
    write_graphml,
    write_json,
    xml_id,
)
from papergraph.graph import build_graph

HERE = Path(__file__).parent
SCHEMAS = HERE / "schemas"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://www.gexf.net/1.2draft}"
NMTOKEN = re.compile(r"^[A-Za-z0-9._:-]+$")
JARS = ("/usr/share/java/jgrapht-core.jar", "/usr/share/java/jgrapht-io.jar")


@cache
def schema(name: str) -> etree.XMLSchema:
    path = {"graphml": SCHEMAS / "graphml-1.0" / "graphml.xsd",
            "gexf": SCHEMAS / "gexf-1.2draft" / "gexf.xsd"}[name]
    return etree.XMLSchema(etree.parse(str(path)))


def assert_valid(text: str, name: str) -> etree._Element:
    doc = etree.fromstring(text.encode("ascii"))
    s = schema(name)
    assert s.validate(doc), "\n".join(str(e) for e in s.error_log)
    return doc


def hostile() -> nx.MultiDiGraph:
    """Names and values real data brings: spaces, slashes, '>', quotes, '&', non-ASCII,
    characters XML cannot hold, a name that is another name's hashed id."""
    g = nx.MultiDiGraph(name='A "seminar" <on> Graphs & Co', include_external=True)
    names = ["paper:a", "ext:title:deep residual learning", "ext:doi:10.1000/x>y",
             "ext:title:é ü \"quoted\" & <b>", "topic:with space", "paper:a_b"]
    names.append(xml_id(names[1]))  # looks exactly like the hashed id of names[1]
    for i, n in enumerate(names):
        g.add_node(n, kind="external", label=f"L{i}\tx", title=f"line one\nline two {i}",
                   year=2000 + i, authors=["A B", "C D"], pagerank=0.5 / (i + 1))
    g.nodes["paper:a"]["title"] = "bell \x07 and form feed \x0c"
    g.nodes["paper:a"]["key"] = "a"
    for u in names:
        for v in names:
            if u != v:
                g.add_edge(u, v, key="cites", kind="cites", is_influential=u < v)
    g.add_edge("paper:a", "paper:a_b", key="related", kind="related", weight=3, coupling=2,
               cocitation=1, shared_references=["x", "y"])
    return g


@pytest.fixture(scope="module")
def graph(syllabus, resolution):
    return build_graph(syllabus, resolution)


@pytest.fixture(scope="module")
def full(syllabus, resolution):
    return build_graph(syllabus, resolution, include_external=True)


@pytest.fixture(scope="module", params=["seminar", "external", "hostile"])
def any_graph(request, graph, full):
    return {"seminar": graph, "external": full, "hostile": hostile()}[request.param]


# --------------------------------------------------------------------------- schemas


def test_graphml_is_valid_against_the_graphml_schema(any_graph):
    assert_valid(graphml_text(any_graph), "graphml")


def test_gexf_is_valid_against_the_gexf_1_2_schema(any_graph):
    assert_valid(gexf_text(any_graph), "gexf")


def test_the_schemas_catch_what_the_old_exports_had():
    """The validation can fail: the old edge ids and GEXF's ``<graph name>`` are refused."""
    bad_id = graphml_text(hostile()).replace('id="cites:paper:a--paper:a_b"',
                                            'id="cites:paper:a->paper:a_b"', 1)
    assert not schema("graphml").validate(etree.fromstring(bad_id.encode()))
    named = gexf_text(hostile()).replace("<graph ", '<graph name="x" ', 1)
    assert not schema("gexf").validate(etree.fromstring(named.encode()))


def test_every_id_is_an_nmtoken_and_every_data_key_is_declared(any_graph):
    doc = etree.fromstring(graphml_text(any_graph).encode())
    keys = {k.get("id"): k.get("for") for k in doc.iter(f"{GRAPHML}key")}
    for el in doc.iter(f"{GRAPHML}node", f"{GRAPHML}edge"):
        assert NMTOKEN.match(el.get("id"))
        for d in el.iter(f"{GRAPHML}data"):
            assert keys[d.get("key")] == el.tag.removeprefix(GRAPHML)
    ids = [e.get("id") for e in doc.iter(f"{GRAPHML}edge")]
    assert len(ids) == len(set(ids)) == any_graph.number_of_edges()
    gexf = etree.fromstring(gexf_text(any_graph).encode())
    declared = {(a.getparent().get("class"), a.get("id")) for a in gexf.iter(f"{GEXF}attribute")}
    for el in gexf.iter(f"{GEXF}node", f"{GEXF}edge"):
        assert NMTOKEN.match(el.get("id"))
        for v in el.iter(f"{GEXF}attvalue"):
            assert (el.tag.removeprefix(GEXF), v.get("for")) in declared


def test_graph_data_comes_before_the_nodes(graph):
    """graph-tool and graphology read graph attributes only before the first node."""
    doc = etree.fromstring(graphml_text(graph).encode())
    children = [c.tag.removeprefix(GRAPHML) for c in doc.find(f"{GRAPHML}graph")]
    assert children[:2] == ["data", "data"] and "data" not in children[2:]
    assert children[2] == "node"


def test_gexf_keeps_attribute_names_and_adds_no_weights(full):
    doc = etree.fromstring(gexf_text(full).encode())
    graph_el = doc.find(f"{GEXF}graph")
    assert graph_el.get("name") is None
    assert doc.findtext(f"{GEXF}meta/{GEXF}description") == full.graph["name"]
    titles = {a.get("title") for a in doc.iter(f"{GEXF}attribute")}
    assert "key" in titles and "networkx_key" not in titles
    weighted = {e.get("id").split(":")[0] for e in doc.iter(f"{GEXF}edge")
                if e.get("weight") is not None}
    assert weighted == {"related"}
    assert not any(a.get("title") == "weight" for a in doc.iter(f"{GEXF}attribute"))


# --------------------------------------------------------------------------- readers


def _flat_value(value):
    return "; ".join(map(str, value)) if isinstance(value, list) else value


def test_networkx_reads_the_graphml_back(any_graph, tmp_path):
    back = nx.read_graphml(write_graphml(any_graph, tmp_path / "g.graphml"),
                           force_multigraph=True)
    assert back.number_of_nodes() == any_graph.number_of_nodes()
    assert back.number_of_edges() == any_graph.number_of_edges()
    assert {d["node_id"] for _, d in back.nodes(data=True)} == set(any_graph.nodes)
    assert back.graph["name"] == any_graph.graph["name"]
    assert back.graph["include_external"] == any_graph.graph["include_external"]
    by_name = {d["node_id"]: d for _, d in back.nodes(data=True)}
    for n, data in any_graph.nodes(data=True):
        for name, value in data.items():
            if "\x07" not in str(value) and "\x0c" not in str(value):
                assert by_name[n][name] == _flat_value(value), (n, name)


def test_networkx_reads_the_gexf_back(any_graph, tmp_path):
    back = nx.read_gexf(write_gexf(any_graph, tmp_path / "g.gexf"))
    assert back.number_of_nodes() == any_graph.number_of_nodes()
    assert back.number_of_edges() == any_graph.number_of_edges()
    by_name = {d["node_id"]: d for _, d in back.nodes(data=True)}
    assert set(by_name) == set(any_graph.nodes)
    for n, data in any_graph.nodes(data=True):
        assert by_name[n]["label"] == data["label"]
        assert by_name[n].get("year") == data.get("year")


def test_characters_xml_cannot_hold_become_replacement_characters(tmp_path):
    back = nx.read_graphml(write_graphml(hostile(), tmp_path / "g.graphml"))
    assert back.nodes["paper:a"]["title"] == "bell \ufffd and form feed \ufffd"


def test_igraph_reads_the_graphml_back(any_graph, tmp_path):
    back = ig.Graph.Read_GraphML(str(write_graphml(any_graph, tmp_path / "g.graphml")))
    assert back.vcount() == any_graph.number_of_nodes()
    assert back.ecount() == any_graph.number_of_edges()
    assert back["name"] == any_graph.graph["name"]  # graph attributes survive
    assert set(back.vs["node_id"]) == set(any_graph.nodes)
    assert sorted(back.es["kind"]) == sorted(d["kind"] for *_, d in any_graph.edges(data=True))


@pytest.mark.jgrapht
def test_jgrapht_accepts_both_files(full, tmp_path):
    """JGraphT validates against the schemas itself; it refused both files before."""
    if not shutil.which("java") or not all(Path(j).exists() for j in JARS):
        missing_system_tool("java and JGraphT (libjgrapht-java) are not installed")
    hard = hostile()
    paths = [write_graphml(full, tmp_path / "g.graphml"), write_gexf(full, tmp_path / "g.gexf"),
             write_graphml(hard, tmp_path / "h.graphml"), write_gexf(hard, tmp_path / "h.gexf")]
    out = subprocess.run(["java", "-cp", ":".join(JARS), str(HERE / "readers" / "JGraphTRead.java"),
                          *map(str, paths)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stdout.splitlines()
    for path, g, line in zip(paths, [full, full, hard, hard], lines, strict=True):
        assert line == (f"{path} nodes={g.number_of_nodes()} edges={g.number_of_edges()} "
                        f"node_id={g.number_of_nodes()} first={min(g.nodes)}")


# --------------------------------------------------------------------------- ids


def test_xml_ids():
    assert xml_id("paper:jacot2018") == "paper:jacot2018"
    assert xml_id("topic:kernel-behaviour-of-nns") == "topic:kernel-behaviour-of-nns"
    hashed = xml_id("ext:title:deep residual learning")
    assert re.fullmatch(r"ext:title:deep_residual_learning-[0-9a-f]{12}", hashed)
    assert xml_id("ext:title:deep residual/learning") != xml_id("ext:title:deep residual_learning")
    assert len(xml_id("ext:title:" + "word " * 1000)) < 100
    assert edge_id("paper:a", "paper:b", "cites") == "cites:paper:a--paper:b"


def test_a_name_like_another_names_hashed_id_gets_the_full_hash():
    flat = flatten(hostile())
    ids = [nid for nid, _ in flat.nodes]
    assert len(ids) == len(set(ids))
    assert any(re.search(r"-[0-9a-f]{40}$", i) for i in ids)


def test_edge_ids_are_shared_by_both_files(full):
    gml = etree.fromstring(graphml_text(full).encode())
    gexf = etree.fromstring(gexf_text(full).encode())
    ids = [e.get("id") for e in gml.iter(f"{GRAPHML}edge")]
    assert ids == [e.get("id") for e in gexf.iter(f"{GEXF}edge")]
    assert "cites:paper:allenzhu2019resnet--paper:allenzhu2019convergence" in ids


# --------------------------------------------------------------------------- bytes


def test_exports_are_deterministic(syllabus, resolution, tmp_path):
    a = build_graph(syllabus, resolution, include_external=True)
    b = build_graph(syllabus, resolution, include_external=True)
    assert graphml_text(a) == graphml_text(b)
    assert gexf_text(a) == gexf_text(b)
    assert graph_json(a) == graph_json(b)
    assert "lastmodifieddate" not in gexf_text(a)


def test_write_exports_equals_the_single_writers(full, tmp_path):
    graphml, gexf = write_exports(full, tmp_path, "seminar")
    assert (graphml.name, gexf.name) == ("seminar.graphml", "seminar.gexf")
    assert graphml.read_bytes() == write_graphml(full, tmp_path / "a.graphml").read_bytes()
    assert gexf.read_bytes() == write_gexf(full, tmp_path / "a.gexf").read_bytes()


def test_exports_are_ascii_with_character_references(graph):
    for text in (graphml_text(graph), gexf_text(graph)):
        assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
        assert text.isascii()
        assert "Cl&#233;ment Hongler" in text
        assert text.endswith(">\n") and not text.endswith("\n\n")


def test_the_built_files_are_these_exports(tmp_path):
    from papergraph.build import build_outputs

    build_outputs(None, tmp_path, offline=True)
    for suffix, name in ((".graphml", "graphml"), (".gexf", "gexf")):
        text = (tmp_path / "graphs" / f"seminar{suffix}").read_text("ascii")
        assert_valid(text, name)


# --------------------------------------------------------------------------- node-link JSON


def test_node_link_json(graph, tmp_path):
    data = json.loads(write_json(graph, tmp_path / "g.json").read_text("utf-8"))
    assert [n["id"] for n in data["nodes"]] == sorted(graph.nodes)
    assert data["directed"] and data["multigraph"]
    assert len(data["edges"]) == graph.number_of_edges() and "links" not in data
    jacot = next(n for n in data["nodes"] if n["id"] == "paper:jacot2018")
    assert jacot["authors"] == ["Arthur Jacot", "Franck Gabriel", "Clément Hongler"]
    back = node_link_graph(data)
    assert back.number_of_edges() == graph.number_of_edges()
    assert set(back.edges(keys=True)) == set(graph.edges(keys=True))
