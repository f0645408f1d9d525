"""The graph's exports: GraphML, GEXF 1.2 and networkx node-link JSON.

GraphML and GEXF are written here rather than by networkx's writers, which cannot give
what the formats' own schemas and their readers need (issue 14): node and edge ids that
are ``xs:NMTOKEN`` (JGraphT validates them), the graph's own ``<data>`` before its nodes
(graph-tool and graphology read graph attributes only there), no ``<graph name=...>`` in
GEXF 1.2 (not in its schema), and attribute names kept as they are (networkx renames
``key`` to ``networkx_key`` and gives every GEXF edge ``weight=1.0``). Both files are
checked against the official XSDs and read back by networkx, igraph and JGraphT in
``tests/test_exports.py``.

What the files hold (README, "Graph exports", documents it for users):

* every node and edge attribute of :func:`papergraph.graph.build_graph`, with the same
  names; lists become ``"; "``-joined strings and dicts JSON text (both formats hold
  scalars only); unknown values are left out, never written empty;
* ``node_id``: papergraph's own node name (``paper:jacot2018``,
  ``ext:title:deep residual learning``); the XML id is that name where it is already an
  NMTOKEN, else :func:`xml_id`'s NMTOKEN-safe form of it;
* edge ids ``KIND:SOURCE--TARGET`` from the XML ids of the ends (unique: at most one edge
  of each kind joins two nodes) and stable when other edges come or go;
* GraphML: the graph's ``name`` (the seminar title) and ``include_external`` as graph
  ``<data>``, first; GEXF 1.2 has no graph attributes: the title is the
  ``<meta><description>``; a node's ``label`` is GEXF's own ``label``, and the ``weight``
  of a ``related`` edge GEXF's own edge weight (other edges have none).

Bytes are deterministic (sorted nodes, edges, keys; no dates) and ASCII: non-ASCII
characters are character references, so a reader that ignores the declared encoding
still reads the right text.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from .errors import PapergraphError
from .files import write_output
from .graph import edge_tuples
from .models import json_text
from .perf import without_gc_pauses

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GRAPHML_XSD = "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
GEXF_NS = "http://www.gexf.net/1.2draft"
GEXF_XSD = "http://www.gexf.net/1.2draft/gexf.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

# --------------------------------------------------------------------------- ids

# ASCII name characters: an NMTOKEN every XML tool accepts (non-ASCII letters are
# NMTOKEN characters too, but some readers mishandle them in ids)
_NMTOKEN = re.compile(r"[A-Za-z0-9._:-]+")
_NOT_NAME = re.compile(r"[^A-Za-z0-9._:-]+")
_ID_TEXT_LIMIT = 60  # characters of the readable part kept in a hashed id


def xml_id(name: str, *, digits: int = 12) -> str:
    """``name`` as an ASCII ``xs:NMTOKEN``: itself if it is one, else a readable form of it
    with a hash of the whole name (``ext:title:deep residual`` ->
    ``ext:title:deep_residual-3f9c0b1e2a47``), so distinct names stay distinct."""
    if _NMTOKEN.fullmatch(name):
        return name
    text = _NOT_NAME.sub("_", name)[:_ID_TEXT_LIMIT]
    return f"{text}-{hashlib.sha1(name.encode('utf-8', 'surrogatepass')).hexdigest()[:digits]}"


def edge_id(source_id: str, target_id: str, kind: str) -> str:
    """The exported id of the ``kind`` edge between two exported node ids:
    ``cites:paper:a--paper:b``."""
    return f"{kind}:{source_id}--{target_id}"


def _unique_ids(names: list[str], make: Callable[[str, int], str]) -> dict[str, str]:
    """``make(name, digits)`` for each name; should two ids meet (a name that looks like
    another's hashed id, or a 48-bit hash collision), the hashed ones get the full hash."""
    ids = {n: make(n, 12) for n in names}
    seen: dict[str, str] = {}
    for n in names:
        other = seen.setdefault(ids[n], n)
        if other != n:
            for m in (n, other):
                if ids[m] != m:
                    ids[m] = make(m, 40)
    if len(set(ids.values())) != len(ids):
        raise PapergraphError("two graph nodes have the same exported id; please report this")
    return ids


# --------------------------------------------------------------------------- flat graph


@dataclass
class FlatGraph:
    """A graph as GraphML and GEXF hold it: XML ids, and each attribute's value as XML text
    (escaped for use in an attribute value and in element text alike).

    ``types`` maps ``(domain, name)`` (domain ``graph``, ``node`` or ``edge``) to
    ``boolean``, ``long``, ``double`` or ``string``, in the order keys are declared.
    """

    graph: dict[str, str]
    nodes: list[tuple[str, dict[str, str]]]
    edges: list[tuple[str, str, str, dict[str, str]]]  # (id, source id, target id, attrs)
    types: dict[tuple[str, str], str] = field(default_factory=dict)


# XML 1.0 cannot hold these at all, not even as character references
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                          "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
_SPECIAL = re.compile('[&<>"\n\r\t\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]')


def escape(text: str) -> str:
    """``text`` as XML character data, good in ``"..."`` and between tags alike.

    Line breaks and tabs become character references (an attribute value keeps them
    then); characters XML 1.0 cannot hold at all become U+FFFD.
    """
    if not _SPECIAL.search(text):
        return text
    return _NOT_XML.sub("\ufffd", text).translate(_ESCAPES)


def _scalar(value: Any) -> str:
    """A list, set or dict as the one string GraphML and GEXF can hold."""
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, set | frozenset):
        return "; ".join(sorted(str(v) for v in value))
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return str(value)


def _flat_attrs(attrs: dict[str, Any], seen: dict[str, set[type]]) -> dict[str, str]:
    """Known values as XML text, by name; each value's type noted in ``seen``."""
    out = {}
    for name in sorted(attrs):
        value = attrs[name]
        kind = type(value)
        if kind is str:
            if not value:
                continue
            text = escape(value)
        elif kind is bool:
            text = "true" if value else "false"
        elif kind is int:
            text = str(value)
        elif kind is float:
            text = repr(value)
        elif value is None:
            continue
        else:
            value = _scalar(value)
            if not value:
                continue
            kind, text = str, escape(value)
        out[name] = text
        kinds = seen.get(name)
        if kinds is None:
            seen[name] = {kind}
        else:
            kinds.add(kind)
    return out


def _type_name(kinds: set[type]) -> str:
    if kinds == {bool}:
        return "boolean"
    if kinds <= {int}:
        return "long"
    if kinds <= {int, float}:
        return "double"
    return "string"


@without_gc_pauses
def flatten(graph: nx.MultiDiGraph) -> FlatGraph:
    """The graph with XML ids and attribute values as XML text, nodes and edges sorted."""
    names = sorted(graph.nodes)
    ids = _unique_ids(names, lambda n, digits: xml_id(n, digits=digits))
    seen: dict[str, dict[str, set[type]]] = {"graph": {}, "node": {}, "edge": {}}
    node_seen, edge_seen = seen["node"], seen["edge"]
    nodes = [(ids[n], _flat_attrs({**graph.nodes[n], "node_id": n}, node_seen))
             for n in names]
    edges = []
    for u, v, k, data in sorted(edge_tuples(graph), key=lambda e: e[:3]):
        source, target = ids[u], ids[v]
        edges.append((edge_id(source, target, str(k)), source, target,
                      _flat_attrs(data, edge_seen)))
    if len({e[0] for e in edges}) != len(edges):
        raise PapergraphError("two graph edges have the same exported id; please report this")
    flat = FlatGraph(_flat_attrs(dict(graph.graph), seen["graph"]), nodes, edges)
    flat.types = {(domain, name): _type_name(kinds[name])
                  for domain, kinds in seen.items() for name in sorted(kinds)}
    return flat


def _ascii(lines: list[str]) -> str:
    """Lines as text, each ending in ``\\n``; non-ASCII as character references."""
    text = "\n".join(lines) + "\n"
    return text if text.isascii() else text.encode("ascii", "xmlcharrefreplace").decode()


# Both documents come as pieces (a node or an edge each), written one after another
# (files.write_output): a 50,000-paper GEXF is 180 MB, which as lines, one string and
# its UTF-8 bytes at once was the build's peak memory.


# --------------------------------------------------------------------------- GraphML


def graphml_document(flat: FlatGraph) -> str:
    """GraphML 1.0 (valid against graphml.xsd): keys, then the graph's data, nodes, edges."""
    return "".join(graphml_chunks(flat))


def graphml_chunks(flat: FlatGraph) -> Iterator[str]:
    """:func:`graphml_document` in pieces."""
    keys: dict[tuple[str, str], str] = {}
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<graphml xmlns="{GRAPHML_NS}" xmlns:xsi="{XSI_NS}" '
             f'xsi:schemaLocation="{GRAPHML_NS} {GRAPHML_XSD}">']
    for domain in ("graph", "node", "edge"):
        for (d, name), type_ in flat.types.items():
            if d == domain:
                keys[d, name] = kid = f"d{len(keys)}"
                lines.append(f'  <key id="{kid}" for="{d}" attr.name="{name}" '
                             f'attr.type="{type_}" />')
    lines.append('  <graph edgedefault="directed">')
    for name, value in flat.graph.items():
        lines.append(f'    <data key="{keys["graph", name]}">{value}</data>')
    yield _ascii(lines)
    node_keys = {name: k for (d, name), k in keys.items() if d == "node"}
    for nid, attrs in flat.nodes:
        lines = [f'    <node id="{nid}">']
        lines.extend(f'      <data key="{node_keys[name]}">{value}</data>'
                     for name, value in attrs.items())
        lines.append("    </node>")
        yield _ascii(lines)
    edge_keys = {name: k for (d, name), k in keys.items() if d == "edge"}
    for eid, source, target, attrs in flat.edges:
        head = f'    <edge id="{eid}" source="{source}" target="{target}"'
        if not attrs:
            yield head + " />\n"
            continue
        lines = [head + ">"]
        lines.extend(f'      <data key="{edge_keys[name]}">{value}</data>'
                     for name, value in attrs.items())
        lines.append("    </edge>")
        yield _ascii(lines)
    yield "  </graph>\n</graphml>\n"


# --------------------------------------------------------------------------- GEXF

#: attributes GEXF carries as its own XML attributes rather than as ``attvalue``
GEXF_NODE_OWN = ("label",)
GEXF_EDGE_OWN = ("weight",)


def gexf_document(flat: FlatGraph, *, creator: str = "papergraph") -> str:
    """GEXF 1.2 (valid against the 1.2draft gexf.xsd)."""
    return "".join(gexf_chunks(flat, creator=creator))


def gexf_chunks(flat: FlatGraph, *, creator: str = "papergraph") -> Iterator[str]:
    """:func:`gexf_document` in pieces."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<gexf xmlns="{GEXF_NS}" xmlns:xsi="{XSI_NS}" '
             f'xsi:schemaLocation="{GEXF_NS} {GEXF_XSD}" version="1.2">',
             "  <meta>", f"    <creator>{escape(creator)}</creator>"]
    if "name" in flat.graph:
        lines.append(f"    <description>{flat.graph['name']}</description>")
    lines += ["  </meta>", '  <graph defaultedgetype="directed" mode="static">']
    ids: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for domain, own in (("node", GEXF_NODE_OWN), ("edge", GEXF_EDGE_OWN)):
        lines.append(f'    <attributes class="{domain}" mode="static">')
        for (d, name), type_ in flat.types.items():
            if d == domain and name not in own:
                ids[d][name] = aid = str(sum(len(x) for x in ids.values()))
                lines.append(f'      <attribute id="{aid}" title="{name}" type="{type_}" />')
        lines.append("    </attributes>")
    lines.append(f'    <nodes count="{len(flat.nodes)}">')
    yield _ascii(lines)
    node_ids = ids["node"]
    for nid, attrs in flat.nodes:
        label = f' label="{attrs["label"]}"' if "label" in attrs else ""
        lines = [f'      <node id="{nid}"{label}>']
        _attvalues(lines, attrs, node_ids)
        lines.append("      </node>")
        yield _ascii(lines)
    yield f'    </nodes>\n    <edges count="{len(flat.edges)}">\n'
    edge_ids = ids["edge"]
    for eid, source, target, attrs in flat.edges:
        weight = f' weight="{attrs["weight"]}"' if "weight" in attrs else ""
        lines = [f'      <edge id="{eid}" source="{source}" target="{target}"{weight}>']
        _attvalues(lines, attrs, edge_ids)
        lines.append("      </edge>")
        yield _ascii(lines)
    yield "    </edges>\n  </graph>\n</gexf>\n"


def _attvalues(lines: list[str], attrs: dict[str, str], ids: dict[str, str]) -> None:
    values = [(ids[name], value) for name, value in attrs.items() if name in ids]
    if values:
        lines.append("        <attvalues>")
        lines.extend(f'          <attvalue for="{aid}" value="{value}" />'
                     for aid, value in values)
        lines.append("        </attvalues>")


# --------------------------------------------------------------------------- node-link JSON


def sorted_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with nodes, edges and attribute names in sorted order, None values dropped."""

    def clean(attrs: dict[str, Any]) -> dict[str, Any]:
        return {name: attrs[name] for name in sorted(attrs) if attrs[name] is not None}

    h = nx.MultiDiGraph()
    h.graph.update(clean(dict(graph.graph)))
    for node in sorted(graph.nodes):
        h.add_node(node, **clean(graph.nodes[node]))
    for u, v, k, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        h.add_edge(u, v, key=k, **clean(data))
    return h


# networkx 3.4 renamed node_link_data's ``link`` argument to ``edges`` (and warns about
# the old default); 3.2 and 3.3, which pyproject.toml allows, know only ``link``.
_EDGES_ARG = ("edges" if "edges" in inspect.signature(nx.node_link_data).parameters
              else "link")


def node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """networkx node-link data, sorted, lists kept as lists; the links under ``edges``."""
    return nx.node_link_data(sorted_graph(graph), **{_EDGES_ARG: "edges"})


def node_link_graph(data: dict[str, Any]) -> nx.MultiDiGraph:
    """The graph back from :func:`node_link` data, on every supported networkx."""
    return nx.node_link_graph(data, **{_EDGES_ARG: "edges"})


def graph_json(graph: nx.MultiDiGraph) -> str:
    return json_text(node_link(graph), indent=1, sort_keys=True) + "\n"


# --------------------------------------------------------------------------- files


def graphml_text(graph: nx.MultiDiGraph) -> str:
    return graphml_document(flatten(graph))


def gexf_text(graph: nx.MultiDiGraph) -> str:
    return gexf_document(flatten(graph))


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    return write_output(path, graphml_text(graph))


def write_gexf(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    return write_output(path, gexf_text(graph))


def write_json(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    return write_output(path, graph_json(graph))


@without_gc_pauses
def write_exports(graph: nx.MultiDiGraph, out_dir: str | Path, stem: str) -> list[Path]:
    """``STEM.graphml`` and ``STEM.gexf`` in ``out_dir``, the same bytes as
    :func:`write_graphml` and :func:`write_gexf` give, from one :func:`flatten`.

    (Earlier a second process wrote the GraphML beside the GEXF for large graphs; with
    these writers both files of the 10,000-paper benchmark take about 1 s together, less
    than starting that process and sending it the graph.)
    """
    out = Path(out_dir)
    flat = flatten(graph)
    graphml, gexf = out / f"{stem}.graphml", out / f"{stem}.gexf"
    write_output(graphml, graphml_chunks(flat))
    write_output(gexf, gexf_chunks(flat))
    return [graphml, gexf]
