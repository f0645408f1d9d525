"""Stage 2 of the page: where it draws each node, whole-pixel positions, the same on
every run. It reads the page model (:mod:`papergraph.page.model`) alone.

Two layouts, both computed from the seminar's own structure (no force simulation, so
they take milliseconds for thousands of nodes and never depend on a random start):

* :func:`ring_positions` – seminar papers on an inner ring grouped by area and topic
  (citation and ``related`` edges are chords through the middle), topics on a middle
  ring, areas outside, external papers in bands beyond, each next to the seminar papers
  it is linked to;
* :func:`timeline_positions` – one column per year, one lane per area (external papers
  in a lane of their own below), for the page's *Timeline* view.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import networkx as nx

from ..graph import AREA, EXTERNAL, PAPER, TOPIC
from .model import PageModel

Positions = dict[str, tuple[int, int]]

PAPER_RADIUS = 250.0
TOPIC_RADIUS = 370.0
AREA_RADIUS = 470.0
X_STRETCH = 1.35  # screens are wider than tall: the rings are ellipses
#: space between external papers' places (pixels, before the ring's stretch)
EXTERNAL_SPACING = 30.0
#: gap between the area ring and the first band of external papers
EXTERNAL_GAP = 90.0


def ring_positions(model: PageModel) -> Positions:
    """Positions for the ring layout (see the module doc)."""
    graph = model.graph
    slots, topic_slots = _ring_slots(model)
    total = max(len(slots), 1)

    def angle(i: float) -> float:
        return -math.pi / 2 + 2 * math.pi * i / total

    def at(radius: float, a: float) -> tuple[int, int]:
        return (round(X_STRETCH * radius * math.cos(a)), round(radius * math.sin(a)))

    scale = max(1.0, total / 16)
    pos: Positions = {}
    for i, n in enumerate(slots):
        if n:
            pos[n] = at(PAPER_RADIUS * scale, angle(i))
    topic_angle: dict[str, float] = {}
    for t, idx in topic_slots.items():
        topic_angle[t] = angle(sum(idx) / len(idx))
        if t in graph:
            pos[t] = at(TOPIC_RADIUS * scale, topic_angle[t])
    for area in model.areas:
        n = area.node
        mine = [topic_angle[t.node] for t in model.topics_of(area.slug) if t.node in topic_angle]
        if n in graph:
            a = _mean_angle(mine) if mine else angle(total)
            pos[n] = at(AREA_RADIUS * scale, a)
    rest = sorted(n for n in graph if n not in pos)
    if rest:
        pos.update(_bands(graph, pos, rest, AREA_RADIUS * scale + EXTERNAL_GAP))
    return pos


def _ring_slots(model: PageModel) -> tuple[list[str | None], dict[str, list[int]]]:
    """Seminar papers around the ring in syllabus order (None: a gap between areas), and
    each topic's slots."""
    slots: list[str | None] = []
    topic_slots: dict[str, list[int]] = {}
    placed: set[str] = set()
    for area in model.areas:
        topics = model.topics_of(area.slug)
        if not topics:
            continue
        if slots:
            slots.append(None)
        for topic in topics:
            mine = topic_slots.setdefault(topic.node, [])
            for n in topic.papers:
                if n not in placed:
                    placed.add(n)
                    mine.append(len(slots))
                    slots.append(n)
            if not mine:  # a topic with no paper of its own still gets a place
                mine.append(len(slots))
                slots.append("")
    for n in model.papers:  # papers listed under no topic
        if n not in placed:
            slots.append(None)
            placed.add(n)
            slots.append(n)
    return slots, topic_slots


def _mean_angle(angles: Iterable[float]) -> float:
    items = list(angles)
    return math.atan2(sum(math.sin(a) for a in items), sum(math.cos(a) for a in items))


def _links(graph: nx.MultiDiGraph, n: str) -> set[str]:
    return set(graph.predecessors(n)) | set(graph.successors(n))


def _bands(graph: nx.MultiDiGraph, fixed: Positions, rest: list[str],
           radius: float) -> Positions:
    """External papers in rings of places beyond ``radius``, each near its anchors.

    Each one's *anchor angle* is the mean direction of the placed nodes it is linked to.
    Papers linked to two or more of them fill the inner band, the rest the outer one; in
    each band the papers, in anchor-angle order, take the places in angle order, so a
    seminar paper's references form a wedge behind it, as wide as their number needs.
    Linear in the number of papers (plus a sort).
    """
    keyed = []
    for n in rest:
        anchors = sorted(m for m in _links(graph, n) if m in fixed)
        if anchors:
            a = _mean_angle(math.atan2(fixed[m][1], fixed[m][0] / X_STRETCH) for m in anchors)
        else:
            a = math.pi / 2  # unlinked: at the bottom
        keyed.append((len(anchors) < 2, _from_top(a), -len(anchors), n))
    keyed.sort()
    inner = [k for k in keyed if not k[0]]
    outer = [k for k in keyed if k[0]]
    out: Positions = {}
    r = radius
    for band in (inner, outer):
        if not band:
            continue
        places, r = _places(len(band), r)
        for (_, _, _, n), (pa, pr) in zip(band, places, strict=True):
            out[n] = (round(X_STRETCH * pr * math.cos(pa)), round(pr * math.sin(pa)))
        r += EXTERNAL_SPACING
    return out


def _places(count: int, radius: float) -> tuple[list[tuple[float, float]], float]:
    """``count`` places (angle, radius) on rings from ``radius`` outwards, in clockwise
    order from the top (inner ring first at equal angles), and the last ring's radius.
    The last ring spreads its places over the whole circle too."""
    places: list[tuple[float, float]] = []
    r, ring = radius, 0
    while len(places) < count:
        n = min(max(8, int(2 * math.pi * r / EXTERNAL_SPACING)), count - len(places))
        shift = 0.5 * (ring % 2)  # alternate rings sit between each other's places
        places += [(-math.pi / 2 + 2 * math.pi * (i + shift) / n, r) for i in range(n)]
        r += EXTERNAL_SPACING
        ring += 1
    places.sort(key=lambda p: (_from_top(p[0]), p[1]))
    return places, r - EXTERNAL_SPACING


def _from_top(a: float) -> float:
    """An angle as a sort key that starts at the top (-pi/2) and runs clockwise."""
    return (a + math.pi / 2) % (2 * math.pi)


# --------------------------------------------------------------------------- timeline

YEAR_WIDTH = 230
LANE_GAP = 70
ROW = 56
EXTERNAL_ROW = 26
EXTERNAL_PER_ROW = 8


def timeline_positions(model: PageModel) -> tuple[Positions, list[int]]:
    """Positions for the timeline view, and the years of its columns (left to right).

    A paper stands in its year's column and its first area's lane (stacked when several
    share a cell); each lane's area and topics stand at its left; external papers share a
    lane below, in rows of :data:`EXTERNAL_PER_ROW` per year; papers of unknown year get a
    last column.
    """
    graph = model.graph
    years = sorted({d["year"] for _, d in graph.nodes(data=True)
                    if d.get("kind") in (PAPER, EXTERNAL) and isinstance(d.get("year"), int)})
    column = {y: i for i, y in enumerate(years)}
    unknown = len(years)

    def x_of(year: object) -> int:
        return (column[year] if isinstance(year, int) and year in column else unknown) \
            * YEAR_WIDTH

    pos: Positions = {}
    top = 0
    for area in model.areas:
        cells: dict[int, list[str]] = {}
        for n in model.papers:
            d = graph.nodes[n]
            if n in pos or (d.get("areas") or [None])[0] != area.slug:
                continue
            cells.setdefault(x_of(d.get("year")), []).append(n)
        topics = [t.node for t in model.topics_of(area.slug) if t.node in graph]
        height = max([len(v) for v in cells.values()] + [len(topics) + 1, 1])
        for x, ns in cells.items():
            for i, n in enumerate(ns):
                pos[n] = (x, top + i * ROW)
        if area.node in graph:
            pos[area.node] = (-2 * YEAR_WIDTH, top)
        for i, t in enumerate(topics):
            pos[t] = (-YEAR_WIDTH, top + i * ROW)
        top += height * ROW + LANE_GAP
    # seminar papers of no area, topics of no listed area, then external papers
    loose = [n for n, d in graph.nodes(data=True)
             if n not in pos and d.get("kind") in (PAPER, TOPIC, AREA)]
    for i, n in enumerate(sorted(loose)):
        d = graph.nodes[n]
        pos[n] = (x_of(d.get("year")) if d.get("kind") == PAPER else -YEAR_WIDTH,
                  top + i * ROW)
    top += (len(loose) + 1) * ROW if loose else 0
    cells = {}
    for n in sorted(n for n in graph if n not in pos):
        cells.setdefault(x_of(graph.nodes[n].get("year")), []).append(n)
    step = YEAR_WIDTH / EXTERNAL_PER_ROW
    for x, ns in cells.items():
        ns.sort(key=lambda n: (-len(_links(graph, n)), n))
        for i, n in enumerate(ns):
            row, col = divmod(i, EXTERNAL_PER_ROW)
            pos[n] = (round(x - YEAR_WIDTH / 2 + step * (col + 0.5)), top + row * EXTERNAL_ROW)
    return pos, years
