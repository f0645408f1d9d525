"""Reading order per topic: prerequisites first, ties by year.

One function, used by the page's reading-list panel and by ``papergraph reading-list``.
"""

from __future__ import annotations

import heapq

from .models import Resolution, Syllabus


def reading_order(syllabus: Syllabus, resolution: Resolution) -> dict[str, tuple[str, ...]]:
    """For each topic slug, its paper keys in reading order.

    A paper cited by another paper of the same topic comes before it (a topological
    order of the topic's internal citations); among papers free to come next, the older
    one comes first, then the one listed first on the page. A citation cycle (possible
    between preprints) is broken by the same tie rule, so every paper appears once.
    """
    edges = {(a, b) for a, b, _ in resolution.citation_edges()}
    order: dict[str, tuple[str, ...]] = {}
    for topic in syllabus.topics:
        keys = list(dict.fromkeys(topic.papers))
        pos = {k: i for i, k in enumerate(keys)}

        def rank(k: str, pos: dict[str, int] = pos) -> tuple[int, int, str]:
            rec = resolution.get(k)
            year = (rec.year if rec and rec.year else None) or syllabus.paper(k).year or 9999
            return (year, pos[k], k)

        # cited -> citing: the cited paper must be read first
        before = {k: {b for (a, b) in edges if a == k and b in pos and b != k} for k in keys}
        done: list[str] = []
        remaining = set(keys)
        while remaining:
            ready = [rank(k) for k in remaining if not (before[k] & remaining)]
            if not ready:  # a cycle: take the best-ranked paper anyway
                ready = [rank(k) for k in remaining]
            heapq.heapify(ready)
            nxt = heapq.heappop(ready)[2]
            done.append(nxt)
            remaining.discard(nxt)
        order[topic.slug] = tuple(done)
    return order
