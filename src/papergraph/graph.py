"""Stage 3: the citation + topic graph, as a networkx ``MultiDiGraph``.

:func:`build_graph` is a pure function from the syllabus and its resolution to a graph;
drawing it is :mod:`papergraph.page`'s job, and writing it as GraphML, GEXF or
node-link JSON :mod:`papergraph.exports`'.

Nodes (``kind`` attribute):

* ``paper:<key>`` – a seminar paper, with its published metadata, topics and metrics
  (``seminar_citations``, ``seminar_references``, ``pagerank``; ``citation_count`` and
  ``influential_citation_count`` – the wider literature's counts – only when known);
* ``topic:<slug>`` and ``area:<slug>`` – the syllabus's structure;
* ``ext:<identity>`` – with ``include_external``, a paper cited by or citing one of them.

Edges (the multigraph key is the ``kind``):

* ``cites`` – citing -> cited, with ``is_influential`` where known and ``sources``: where
  the citation is known from (``s2``, ``openalex``, ``snapshot``; sorted);
* ``in_topic`` – paper -> topic; ``in_area`` – topic -> area;
* ``related`` – between two seminar papers (smaller key -> larger key), from bibliographic
  coupling (``coupling``: shared references, listed in ``shared_references``) and
  co-citation (``cocitation``: papers citing both, listed in ``cocited_by``);
  ``weight = coupling + cocitation``; each paper keeps its 5 strongest partners.

A value that is not known is left out, never filled in.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import chain, compress, islice, repeat
from operator import mul, sub
from typing import Any

import networkx as nx

from .models import Paper, Record, Ref, Resolution, Syllabus, normalize_title, surname
from .perf import trim_heap, without_gc_pauses
from .refnumbers import RefNumbers
from .resolve import page_record
from .works import first_author, id_keys, same_time

PAPER = "paper"
TOPIC = "topic"
AREA = "area"
EXTERNAL = "external"

CITES = "cites"
IN_TOPIC = "in_topic"
IN_AREA = "in_area"
RELATED = "related"
EDGE_KINDS = (CITES, IN_TOPIC, IN_AREA, RELATED)


def paper_node(key: str) -> str:
    # one string per paper however often it is named (interned strings are freed when no
    # longer used): a 50,000-paper graph held 700,000 copies in its adjacency dicts
    return sys.intern(f"paper:{key}")


def topic_node(slug: str) -> str:
    return f"topic:{slug}"


def area_node(slug: str) -> str:
    return f"area:{slug}"


def external_node(identity: str) -> str:
    return f"ext:{identity}"


def edge_tuples(graph: nx.MultiDiGraph) -> list[tuple[str, str, str, dict[str, Any]]]:
    """Every edge as ``(u, v, key, data)``, in networkx's order: the list
    ``graph.edges(keys=True, data=True)`` gives, read straight from its adjacency dicts
    (a list comprehension; the view's nested generators took 2.5 times as long, and the
    page and exports of a 10,000-paper graph walk its 75,000 edges three times)."""
    return [(u, v, k, d) for u, nbrs in graph._adj.items()  # noqa: SLF001
            for v, keyed in nbrs.items() for k, d in keyed.items()]


# --------------------------------------------------------------------------- links


def s2_url(s2_id: str | None) -> str | None:
    return f"https://www.semanticscholar.org/paper/{s2_id}" if s2_id else None


def arxiv_url(arxiv: str | None) -> str | None:
    return f"https://arxiv.org/abs/{arxiv}" if arxiv else None


def dblp_url(dblp: str | None) -> str | None:
    if not dblp:
        return None
    return dblp if dblp.startswith("http") else f"https://dblp.org/rec/{dblp}"


def doi_url(doi: str | None) -> str | None:
    return f"https://doi.org/{doi}" if doi else None


def openalex_url(work: str | None) -> str | None:
    return f"https://openalex.org/{work}" if work else None


def short_label(authors: Iterable[str], year: int | None, title: str = "") -> str:
    """``"Jacot et al. 2018"``, ``"Allen-Zhu & Li 2019"``; the title's start if no authors."""
    names = [surname(a) for a in authors]
    names = [n for n in names if n]
    if not names:
        head = title if len(title) <= 28 else title[:27].rstrip() + "…"
        who = head or "?"
    elif len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} & {names[1]}"
    else:
        who = f"{names[0]} et al."
    return f"{who} {year}" if year else who


def _put(attrs: dict[str, Any], **values: Any) -> dict[str, Any]:
    """Set only the values that are known (not None, not empty)."""
    for name, value in values.items():
        if value is None or value == "" or value == () or value == []:
            continue
        attrs[name] = list(value) if isinstance(value, tuple) else value
    return attrs


# --------------------------------------------------------------------------- build


def _record(resolution: Resolution, syllabus: Syllabus, key: str) -> Record:
    return resolution.get(key) or page_record(syllabus.paper(key))


_TITLE_KEY = str.maketrans("", "", " \t\n-_.,:;!?'\"()[]{}/\\`~*+=&^%$#@|<>")


def _title_key(title: str) -> str | None:
    """A cheap comparison key for a title (lower case, no spaces or punctuation); None for
    titles too short to tell papers apart ("Introduction")."""
    key = title.lower().translate(_TITLE_KEY)
    return key if len(key) >= 16 else None


def _id_keys(arxiv: str | None, doi: str | None, s2_id: str | None, dblp: str | None,
             title: str, openalex: str | None = None) -> list[str]:
    """Every identifier a paper is known by, as ``kind:value`` strings: its ids read
    alike whichever source wrote them (:func:`papergraph.works.id_keys`: an arXiv DOI
    or a CoRR key is the arXiv id), then its title."""
    keys = id_keys(arxiv, doi, s2_id, dblp, openalex)
    title_key = _title_key(title)
    if title_key:
        keys.append("title:" + title_key)
    return keys


class _RefNodes:
    """Which node a :class:`Ref` stands for.

    A seminar paper when the Ref is marked as one, or shares any id (arXiv, DOI, S2,
    dblp, OpenAlex; an arXiv DOI or CoRR key counts as the arXiv id) or its title with one;
    otherwise one ``ext:`` node per work: Refs that share an id or a title (years at most
    one apart, or two with the same first author, as a preprint and its publication)
    are the same node. The first Ref seen of a paper names its node; each distinct
    :attr:`Ref.identity` (with its year, for a title) is looked up once.
    """

    def __init__(self, g: nx.MultiDiGraph, seminar: Iterable[str]) -> None:
        self.index: dict[str, str] = {}
        self.years: dict[str, int | None] = {}
        self.firsts: dict[str, str] = {}  # node -> its first author's surname
        self.memo: dict[str, str] = {}
        self.objects: dict[int, tuple[Ref, str]] = {}
        for n in seminar:
            d = g.nodes[n]
            self._register(n, d.get("year"), first_author(d.get("authors") or ()),
                           _id_keys(d.get("arxiv"), d.get("doi"), d.get("s2_id"),
                                    d.get("dblp"), d.get("title", ""),
                                    d.get("openalex_id")))

    def _register(self, node: str, year: int | None, first: str, keys: list[str]) -> None:
        self.years.setdefault(node, year)
        self.firsts.setdefault(node, first)
        for k in keys:
            self.index.setdefault(k, node)

    def __call__(self, ref: Ref) -> str:
        if ref.seminar_key:
            return paper_node(ref.seminar_key)
        # the same Ref object (shared by every record citing it) is answered at once;
        # holding the Ref keeps its id its own
        hit = self.objects.get(id(ref))
        if hit is None:
            hit = self.objects[id(ref)] = (ref, self._node(ref))
        return hit[1]

    def _node(self, ref: Ref) -> str:
        identity = ref.identity
        seen = identity if not identity.startswith("title:") else f"{identity}|{ref.year}"
        node = self.memo.get(seen)
        if node is None:
            keys = _id_keys(ref.arxiv, ref.doi, ref.s2_id, ref.dblp, ref.title,
                            ref.openalex_id)
            first = first_author(ref.authors)
            for k in keys:
                found = self.index.get(k)
                if found is not None and (not k.startswith("title:") or same_time(
                        self.years.get(found), ref.year, self.firsts.get(found, ""), first)):
                    node = found
                    break
            else:
                node = external_node(identity)
            self._register(node, ref.year, first, keys)
            self.memo[seen] = node
        return node


def _ref_attrs(ref: Ref) -> dict[str, Any]:
    attrs: dict[str, Any] = {"kind": EXTERNAL}
    return _put(
        attrs,
        label=short_label(ref.authors, ref.year, ref.title),
        title=ref.title,
        authors=ref.authors,
        year=ref.year,
        venue=ref.venue,
        arxiv=ref.arxiv,
        doi=ref.doi,
        dblp=ref.dblp,
        s2_id=ref.s2_id,
        openalex_id=ref.openalex_id,
        citation_count=ref.citation_count,
        s2_url=s2_url(ref.s2_id),
        openalex_url=openalex_url(ref.openalex_id),
        arxiv_url=arxiv_url(ref.arxiv),
        dblp_url=dblp_url(ref.dblp),
    )


@without_gc_pauses
def build_graph(
    syllabus: Syllabus, resolution: Resolution, *, include_external: bool = False
) -> nx.MultiDiGraph:
    """The seminar as a graph: papers, topics, areas and their edges (see module doc).

    Intra-seminar ``cites`` edges come from :meth:`Resolution.citation_edges`; with
    ``include_external`` the papers each seminar paper cites or is cited by (as far as
    its record lists them) are added as ``external`` nodes with their ``cites`` edges.
    """
    g = nx.MultiDiGraph()
    g.graph["name"] = syllabus.seminar.title
    g.graph["include_external"] = include_external
    _add_areas_and_topics(g, syllabus)

    records = {p.key: _record(resolution, syllabus, p.key) for p in syllabus.papers}
    for paper in syllabus.papers:
        topics = syllabus.topics_of(paper.key)
        g.add_node(paper_node(paper.key), **_paper_attrs(syllabus, paper, records[paper.key],
                                                         topics))
        for t in topics:
            g.add_edge(paper_node(paper.key), topic_node(t), key=IN_TOPIC, kind=IN_TOPIC)
    _disambiguate_labels(g, [paper_node(p.key) for p in syllabus.papers])

    # citations among the seminar's papers
    keys = set(records)
    intra = [(a, b, inf) for a, b, inf in resolution.citation_edges() if a in keys and b in keys]
    known_from = resolution.edge_sources()
    for a, b, inf in intra:
        g.add_edge(paper_node(a), paper_node(b), key=CITES, **_put(
            {"kind": CITES}, is_influential=inf, sources=known_from.get((a, b))))
    _add_seminar_metrics(g, keys, intra)

    ref_nodes = _RefNodes(g, (paper_node(k) for k in sorted(keys)))
    _add_related(g, records, intra, ref_nodes, resolution.ref_numbers())
    if include_external:
        _add_external(g, records, ref_nodes)
    return g


def _add_areas_and_topics(g: nx.MultiDiGraph, syllabus: Syllabus) -> None:
    """The syllabus's structure: a node per area and topic, an ``in_area`` edge per topic."""
    for area in syllabus.areas:
        g.add_node(area_node(area.slug), kind=AREA, slug=area.slug, label=area.title,
                   title=area.title)
    for topic in syllabus.topics:
        g.add_node(topic_node(topic.slug), **_put(
            {"kind": TOPIC, "slug": topic.slug, "label": topic.title, "title": topic.title},
            area=topic.area, question=topic.question,
        ))
        g.add_edge(topic_node(topic.slug), area_node(topic.area), key=IN_AREA, kind=IN_AREA)


def _paper_attrs(syllabus: Syllabus, paper: Paper, rec: Record,
                 topics: tuple[str, ...]) -> dict[str, Any]:
    """A seminar paper's node attributes: the record's values, else the page's; its
    topics and areas; the page's title where it differs; links for its ids."""
    areas = tuple(dict.fromkeys(syllabus.topic(t).area for t in topics))
    title = rec.title or paper.title
    authors = rec.authors or paper.authors
    year = rec.year or paper.year
    attrs: dict[str, Any] = {"kind": PAPER, "key": paper.key}
    _put(
        attrs,
        label=short_label(authors, year, title),
        title=title,
        authors=authors,
        venue=rec.venue or paper.venue,
        year=year,
        topics=topics,
        areas=areas,
        status=rec.status,
        arxiv=rec.arxiv or paper.arxiv,
        doi=rec.doi or paper.doi,
        dblp=rec.dblp or paper.dblp,
        s2_id=rec.s2_id or paper.s2_id,
        openalex_id=rec.openalex_id,
        retracted=rec.retracted or None,
        url=rec.url,
        pdf=rec.pdf,
        citation_count=rec.citation_count,
        influential_citation_count=rec.influential_citation_count,
        abstract=rec.abstract,
        tldr=rec.tldr,
    )
    if paper.title != title and normalize_title(paper.title) != normalize_title(title):
        attrs["page_title"] = paper.title
    return _put(
        attrs,
        s2_url=s2_url(attrs.get("s2_id")),
        arxiv_url=arxiv_url(attrs.get("arxiv")),
        dblp_url=dblp_url(attrs.get("dblp")),
        doi_url=doi_url(attrs.get("doi")),
        openalex_url=openalex_url(attrs.get("openalex_id")),
    )


def _add_seminar_metrics(g: nx.MultiDiGraph, keys: set[str],
                         intra: list[tuple[str, str, bool | None]]) -> None:
    """Each seminar paper's citations and references inside the seminar, and its PageRank
    in the seminar's own citation graph."""
    core = nx.DiGraph()
    core.add_nodes_from(paper_node(k) for k in sorted(keys))
    core.add_edges_from((paper_node(a), paper_node(b)) for a, b, _ in intra)
    rank = pagerank(core)
    for key in keys:
        n = paper_node(key)
        g.nodes[n]["seminar_citations"] = core.in_degree(n)
        g.nodes[n]["seminar_references"] = core.out_degree(n)
        g.nodes[n]["pagerank"] = round(rank.get(n, 0.0), 6)
    core.clear()  # a graph is a reference cycle: freed now, not by the collector (paused)


def _disambiguate_labels(g: nx.MultiDiGraph, nodes: list[str]) -> None:
    """Two seminar papers with the same label get a, b, … after the year (syllabus order)."""
    by_label: dict[str, list[str]] = {}
    for n in nodes:
        by_label.setdefault(g.nodes[n]["label"], []).append(n)
    for label, same in by_label.items():
        if len(same) > 1:
            for i, n in enumerate(same):
                g.nodes[n]["label"] = label + "abcdefghijklmnopqrstuvwxyz"[i % 26]


def pagerank(graph: nx.DiGraph, alpha: float = 0.85, tol: float = 1.0e-10,
             max_iter: int = 200) -> dict[str, float]:
    """PageRank by power iteration, as :func:`networkx.pagerank` defines it.

    networkx's own implementation needs SciPy, whose import alone (about 0.15 s, measured
    with ``python -X importtime``) cost more than building every output of the default
    seminar; this plain-Python version is exact for the same definition (dangling nodes
    spread their rank uniformly) and takes milliseconds at 10,000 papers.
    """
    nodes = list(graph)
    n = len(nodes)
    if n == 0:
        return {}
    # nodes as list positions: the same sums in the same order as over dicts, faster
    index = {v: i for i, v in enumerate(nodes)}
    out = [graph.out_degree(v) for v in nodes]
    sinks = [i for i in range(n) if out[i] == 0]
    edges = [(index[u], index[v]) for u, v in graph.edges()]
    rank = [1.0 / n] * n
    for _ in range(max_iter):
        dangling = alpha * sum([rank[i] for i in sinks]) / n
        share = [alpha * r / o if o else 0.0 for r, o in zip(rank, out, strict=True)]
        new = [(1.0 - alpha) / n + dangling] * n
        for u, v in edges:
            new[v] += share[u]
        if sum(map(abs, map(sub, new, rank))) < n * tol:
            return dict(zip(nodes, new, strict=True))
        rank = new
    return dict(zip(nodes, rank, strict=True))


RELATED_TOP_K = 5


def _add_related(
    g: nx.MultiDiGraph, records: dict[str, Record], intra: list[tuple[str, str, bool | None]],
    ref_node: Callable[[Ref], str], numbered: RefNumbers, top_k: int = RELATED_TOP_K,
) -> None:
    """Weighted ``related`` edges from bibliographic coupling and co-citation.

    Pairs are counted through an inverted index (each reference lists the seminar papers
    citing it), so the work grows with the number of shared citations, not with the square
    of the seminar. Each paper keeps its ``top_k`` strongest partners (heaviest first, then
    by key); an edge stays when either end keeps it. That bounds the edges at
    ``top_k`` per paper: at 1,000 synthetic papers "every pair that shares a reference"
    was 188,000 edges, more than the page or Gephi can show.
    """
    # each distinct Ref (numbered once: Resolution.ref_numbers) is looked up once, in the
    # order first met; every citation is then mapped in C over small ints (no Python step
    # per reference: 500,000 at 10,000 papers). Nodes are counted by number (the order
    # first met; the seminar's papers first): the pairs are counted over numbers, and a
    # set of numbers hashes without touching a string.
    number: dict[str, int] = {}  # node -> its number
    names: list[str] = []  # number -> the node's title (the first seen, for an external)
    for key in records:  # seminar papers are named by their own title
        number[paper_node(key)] = len(names)
        names.append(g.nodes[paper_node(key)].get("title", key))
    lists = [numbered.of(rec) or ([], []) for rec in records.values()]
    node_of = [0] * len(numbered.refs)  # Ref number -> the number of its node
    refs_of = numbered.refs
    for n in dict.fromkeys(chain.from_iterable(chain.from_iterable(lists))):  # (in C)
        node = ref_node(refs_of[n])
        i = number.get(node)
        if i is None:
            i = number[node] = len(names)
            names.append(refs_of[n].title)
        node_of[n] = i

    def nodes(nums: list[int], me: int) -> set[int]:
        found = set(map(node_of.__getitem__, nums))
        found.discard(me)
        return found

    refs: dict[str, set[int]] = {}
    citers: dict[str, set[int]] = {}
    for key, (a, b) in zip(records, lists, strict=True):
        me = number[paper_node(key)]
        refs[key], citers[key] = nodes(a, me), nodes(b, me)
    for a, b, _ in intra:
        refs[a].add(number[paper_node(b)])
        citers[b].add(number[paper_node(a)])

    if len(records) >= SPARSE_MIN_PAPERS:
        kept = _strongest_pairs_sparse(refs, citers, top_k)
        trim_heap()  # the arrays' pages, freed, would stay through the page and exports
    else:
        kept = _strongest_pairs(refs, citers, top_k)
    for a, b in sorted(kept):
        shared = refs[a] & refs[b]
        cocited = citers[a] & citers[b]
        g.add_edge(
            paper_node(a), paper_node(b), key=RELATED, kind=RELATED,
            weight=len(shared) + len(cocited), coupling=len(shared),
            cocitation=len(cocited),
            shared_references=sorted(names[n] for n in shared),
            cocited_by=sorted(names[n] for n in cocited),
        )


#: from this many papers the related pairs are counted as a sparse matrix product
#: (:func:`_strongest_pairs_sparse`); below, importing SciPy (about 0.25 s) costs more
#: than it saves
SPARSE_MIN_PAPERS = 4_000


def _strongest_pairs(refs: dict[str, set[int]], citers: dict[str, set[int]],
                     top_k: int) -> set[tuple[str, str]]:
    """Each paper's ``top_k`` partners by shared references + shared citers (ties by key).

    Counted per paper through inverted indexes (which papers hold each reference, which
    papers each citer cites), so the work follows the shared citations, not all pairs.
    Papers are counted as their rank in key order, and each partner's count and rank make
    one integer (``count * big - rank``): the strongest come first in one C-level sort of
    integers, however many partners share a single reference (at 50,000 papers most do,
    and sorting (count, key) tuples in Python took a third of the build).
    """
    keys = sorted(refs.keys() | citers.keys())
    rank = {k: i for i, k in enumerate(keys)}
    holders: dict[int, list[int]] = {}
    cited_by: dict[int, list[int]] = {}
    for key in keys:
        i = rank[key]
        for target in refs.get(key, ()):
            holders.setdefault(target, []).append(i)
        for citer in citers.get(key, ()):
            cited_by.setdefault(citer, []).append(i)
    big = len(keys) + 1
    kept: set[tuple[str, str]] = set()
    for a in sorted(refs):
        # one C-level count over every co-holder and co-cited paper (a itself included)
        counts = Counter(chain(chain.from_iterable(map(holders.__getitem__, refs[a])),
                               chain.from_iterable(map(cited_by.__getitem__,
                                                       citers.get(a, ())))))
        counts.pop(rank[a], None)
        for b in _top_partners(counts, big, top_k):
            b = keys[b]
            kept.add((a, b) if a < b else (b, a))
    return kept


def _strongest_pairs_sparse(refs: dict[str, set[int]], citers: dict[str, set[int]],
                            top_k: int, block: int = 4096) -> set[tuple[str, str]]:
    """:func:`_strongest_pairs` as a sparse matrix product (the same pairs).

    B is the papers x (references, then citers) incidence matrix, rows in key order:
    ``B @ B.T`` counts, for each pair of papers, their shared references plus their shared
    citers, in SciPy's C++ (about 5 ns per co-holder entry against 150 ns for a
    ``Counter``: 25.7 million entries at 50,000 papers). It is made ``block`` rows at a
    time (a few MB each, not the whole product at once). A row's partners are ranked as
    :func:`_top_partners` ranks them: by ``count * big - rank``, the largest first. Only
    the partners counted more than once and the ``top_k`` first (smallest ranks) of those
    counted once can be among them, so only these are sorted.
    """
    import numpy as np
    from scipy import sparse

    keys = sorted(refs.keys() | citers.keys())
    n = len(keys)
    width = 1 + max(chain(chain.from_iterable(refs.values()),
                          chain.from_iterable(citers.values())), default=-1)
    row_refs = [refs.get(k, ()) for k in keys]
    row_citers = [citers.get(k, ()) for k in keys]
    n_refs = np.fromiter(map(len, row_refs), dtype=np.int64, count=n)
    n_citers = np.fromiter(map(len, row_citers), dtype=np.int64, count=n)
    # each row: its references' numbers, then its citers' numbers + width
    columns = np.fromiter(chain.from_iterable(chain.from_iterable(zip(
        row_refs, map(map, repeat(width.__add__), row_citers), strict=True))),
        dtype=np.int32)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(n_refs + n_citers, out=indptr[1:])
    b = sparse.csr_matrix((np.ones(len(columns), dtype=np.int32), columns, indptr),
                          shape=(n, 2 * width))
    bt = b.T.tocsr()
    big = n + 1
    kept: set[tuple[str, str]] = set()
    for start in range(0, n, block):
        stop = min(n, start + block)
        m = (b[start:stop] @ bt).tocsc().tocsr()  # (the two conversions sort each row)
        counts, cols, lengths = m.data, m.indices, np.diff(m.indptr)
        rows = np.repeat(np.arange(start, stop), lengths)
        others = cols != rows
        once = (counts == 1) & others
        seen = np.cumsum(once)  # counted-once partners so far, and before each row
        before = np.concatenate(([0], seen))[m.indptr[:-1]]
        candidate = ((counts > 1) & others) | (once & (seen - np.repeat(before, lengths)
                                                       <= top_k))
        rows, cols = rows[candidate], cols[candidate].astype(np.int64)
        order = np.lexsort((cols - counts[candidate].astype(np.int64) * big, rows))
        rows, cols = rows[order], cols[order]
        first = np.searchsorted(rows, np.arange(start, stop))
        place = np.arange(len(rows)) - np.repeat(first, np.diff(np.append(first, len(rows))))
        for a, b_ in zip(rows[place < top_k].tolist(), cols[place < top_k].tolist(),
                         strict=True):
            a, b_ = keys[a], keys[b_]
            kept.add((a, b_) if a < b_ else (b_, a))
    return kept


def _top_partners(counts: Counter[int], big: int, top_k: int) -> list[int]:
    """The ``top_k`` ranks with the highest counts, ties by rank (smallest first).

    Most partners share one reference or citer (at 10,000 synthetic papers, 470 of a
    paper's ~475): only those sharing more are scored (``count * big - rank``, one C-level
    sort of integers); the rest tie at one, so the smallest ranks among them fill up."""
    multi = list(compress(counts.keys(), map(_MORE_THAN_ONE, counts.values())))
    scores = sorted(map(sub, map(mul, map(counts.__getitem__, multi), repeat(big)), multi),
                    reverse=True)
    top = [-score % big for score in scores[:top_k]]
    if len(top) < top_k:
        chosen = set(multi)
        top.extend(islice((r for r in sorted(counts) if r not in chosen), top_k - len(top)))
    return top


_MORE_THAN_ONE = (1).__lt__


def _add_external(g: nx.MultiDiGraph, records: dict[str, Record],
                  ref_node: Callable[[Ref], str]) -> None:
    """The papers the seminar's papers cite or are cited by, as ``external`` nodes.

    A Ref that is a seminar paper under another id (or its own reference to itself, as
    in a journal version citing the conference one) adds no node. Each external node gets
    ``seminar_citations`` (seminar papers citing it) and ``seminar_references`` (seminar
    papers it cites); the page sizes it by their sum.
    """
    for key in sorted(records):
        rec = records[key]
        here = paper_node(key)
        for ref, citing in [(r, False) for r in rec.references] + [
            (c, True) for c in rec.citations
        ]:
            node = ref_node(ref)
            if not node.startswith("ext:"):
                continue
            if node not in g:
                g.add_node(node, **_ref_attrs(ref))
            else:  # another record describes it too: fill what is still missing
                for name, value in _ref_attrs(ref).items():
                    g.nodes[node].setdefault(name, value)
            a, b = (node, here) if citing else (here, node)
            if not g.has_edge(a, b, key=CITES):
                g.add_edge(a, b, key=CITES, **_put({"kind": CITES},
                                                   is_influential=ref.is_influential,
                                                   sources=ref.sources))
            elif ref.sources:  # known from both ends' lists: every source either names
                d = g.edges[a, b, CITES]
                d["sources"] = sorted(set(d.get("sources", ())) | set(ref.sources))
    external = sorted(n for n, d in g.nodes(data=True) if d.get("kind") == EXTERNAL)
    for node in external:
        data = g.nodes[node]
        data["seminar_citations"] = sum(
            1 for p in g.predecessors(node) if g.nodes[p].get("kind") == PAPER)
        data["seminar_references"] = sum(
            1 for p in g.successors(node) if g.nodes[p].get("kind") == PAPER)
    _disambiguate_external_labels(g, external)


def _disambiguate_external_labels(g: nx.MultiDiGraph, external: list[str]) -> None:
    """External papers sharing a label ("Du 2018") get a, b, … in title order; so does one
    whose label is a seminar paper's."""
    taken = {g.nodes[n]["label"] for n, d in g.nodes(data=True) if d.get("kind") == PAPER}
    by_label: dict[str, list[str]] = {}
    for n in external:
        by_label.setdefault(g.nodes[n]["label"], []).append(n)
    for label, same in by_label.items():
        if len(same) > 1 or label in taken:
            same.sort(key=lambda n: (normalize_title(g.nodes[n].get("title", "")), n))
            for i, n in enumerate(same):
                g.nodes[n]["label"] = label + _suffix(i)


def _suffix(i: int) -> str:
    """a, b, …, z, aa, ab, … (a label suffix that never runs out)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[i] if i < 26 else _suffix(i // 26 - 1) + letters[i % 26]
