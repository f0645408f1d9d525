"""The online part of resolving: which requests, in which order, on which service.

1. Semantic Scholar, one batch call for every paper with an id (references inline);
2. a title match (and, when weak, a search and our own ranking) for the others, then one
   batch call for the matched ids, for their inline references; when that batch call is
   still rate-limited after its retries and OpenAlex is asked, the papers are left to
   OpenAlex (by DOI, else by title) instead of costing a title match each;
3. OpenAlex (``--sources``): one batch by DOI for every paper, the cross-check of each
   and the record, references and citations of those Semantic Scholar did not give
   (:mod:`.openalex`);
4. then two lanes at once, each paced by its own service's interval: Semantic Scholar
   (citation pages; reference pages only past the inline cap) and dblp (search when
   needed, then the record's BibTeX). A paper is handed back as soon as both lanes are
   done with it, so its record is stored while the run goes on.

Each lane catches its own service's failures: a service that goes down costs only what
it would have given (its part is marked ``missing`` and fetched again next run). An
offline run goes through the same steps on the cache alone: an answer never fetched is
handled like a service gone down.

:class:`Network` runs the lanes; ``s2`` says what is asked of Semantic Scholar (steps 1,
2 and its lane), ``dblp`` what is asked of dblp, ``messages`` how a problem is worded.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from typing import Any

from ..config import Settings
from ..merge import Fetched
from ..models import Paper
from ..sources.http import Http
from .dblp import DblpLane
from .openalex import OpenAlexLane
from .s2 import Label, S2Lane

__all__ = ["Label", "Network"]


class Network:
    """The network part of one run. ``offline``: the same requests, answered by the cache
    alone (:class:`~papergraph.sources.http.NotFetched` for what it lacks), so a paper
    gets every part that was ever fetched for it and the rest is marked missing."""

    def __init__(self, settings: Settings, cache: Any, refresh: bool, session: Any, *,
                 offline: bool = False) -> None:
        self.settings = settings
        self.http = Http(settings, session=session, cache=cache, refresh=refresh,
                         offline=offline)
        self.warnings: list[str] = []  # run-level (not per paper)
        self.s2 = S2Lane(settings, self.http, self.warnings)
        self.dblp = DblpLane(settings, self.http)
        self.oa = OpenAlexLane(settings, self.http, self.warnings) if settings.openalex \
            else None

    def identify(self, todo: list[Paper], label: Label) -> dict[str, Fetched]:
        """Semantic Scholar first; OpenAlex cross-checks and fills what it did not give."""
        if "s2" in self.settings.sources:
            got = self.s2.identify(todo, label, fallback=self.oa is not None)
        else:
            got = {p.key: Fetched(status="failed", notes=["Semantic Scholar not asked "
                                                          "(--sources)"]) for p in todo}
        if self.oa is not None:
            label("OpenAlex")
            self.oa.identify(todo, got)
            self.oa.edges(todo, got)
        return got

    def _s2_edges(self, got: Fetched) -> None:
        """Semantic Scholar's references and citations; OpenAlex's citing works where its
        citation pages failed (rate-limited, the breaker open)."""
        if got.s2 is None:
            return
        self.s2.edges(got)
        if self.oa is not None and got.oa is not None and "citations" in got.missing:
            self.oa.fill_citations(got)

    def run(self, todo: list[Paper], label: Label) -> Iterator[tuple[Paper, Fetched]]:
        """Every paper with what was fetched for it, as soon as both lanes are done."""
        got = self.identify(todo, label)
        for p in todo:
            if got[p.key].s2 is None and got[p.key].oa is None:
                yield p, got[p.key]
        pending = {p.key: p for p in todo if got[p.key].s2 is not None or
                   got[p.key].oa is not None}
        if not pending:
            return
        done: queue.Queue[tuple[str, BaseException | None]] = queue.Queue()
        order = list(pending.values())
        # the dblp lane writes into its own part, joined in a fixed order once both lanes
        # are done with a paper: notes and warnings do not depend on thread timing
        parts = {p.key: Fetched(s2=got[p.key].s2, oa=got[p.key].oa) for p in order}

        def lane(work: Callable[[Paper], None]) -> None:
            for p in order:
                try:
                    work(p)
                except BaseException as exc:  # noqa: BLE001 - re-raised by the caller
                    done.put((p.key, exc))
                    return
                done.put((p.key, None))

        lanes = [lambda p: self._s2_edges(got[p.key])]
        lanes.append((lambda p: self.dblp.enrich(p, parts[p.key])) if self.settings.dblp
                     else (lambda p: None))
        for work in lanes:
            threading.Thread(target=lane, args=(work,), daemon=True,
                             name="papergraph-lane").start()
        left = dict.fromkeys(pending, len(lanes))
        while pending:
            key, exc = done.get()
            if exc is not None:
                raise exc
            left[key] -= 1
            if left[key] == 0:
                yield pending.pop(key), _joined(got[key], parts[key])


def _joined(got: Fetched, dblp: Fetched) -> Fetched:
    """``got`` (Semantic Scholar's part) completed by the dblp lane's part."""
    got.dblp_key, got.dblp_bib = dblp.dblp_key, dblp.dblp_bib
    got.dblp_fields, got.dblp_venue = dblp.dblp_fields, dblp.dblp_venue
    got.dblp_detail = dblp.dblp_detail
    got.problems += dblp.problems
    got.missing += dblp.missing
    got.notes += dblp.notes
    got.expire_by(dblp.expires)
    return got
