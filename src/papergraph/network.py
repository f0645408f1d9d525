"""The online part of resolving: which requests, in which order, on which service.

1. Semantic Scholar, one batch call for every paper with an id (references inline);
2. a title match (and, when weak, a search and our own ranking) for the others, then one
   batch call for the matched ids, for their inline references;
3. then two lanes at once, each paced by its own service's interval: Semantic Scholar
   (citation pages; reference pages only past the inline cap) and dblp (search when
   needed, then the record's BibTeX). A paper is handed back as soon as both lanes are
   done with it, so its record is stored while the run goes on.

Each lane catches its own service's failures: a service that goes down costs only what
it would have given (its part is marked ``missing`` and fetched again next run).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import msgspec

from .config import Settings
from .errors import NetworkUnavailable, NotFound, SourceError
from .merge import Fetched, candidate, paper_lookup_id, score_candidate
from .models import Paper
from .sources.dblp import DblpClient
from .sources.http import Http, ServiceDown, ShapeError
from .sources.semanticscholar import S2Client
from .sources.shapes import S2Paper

Label = Callable[[str], None]


def _one_line(text: str, width: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _summary(part: str, problems: tuple[str, ...] | list[str],
             what: str = "problems") -> str:
    if len(problems) == 1:
        return _one_line(f"{part}: {problems[0]}")
    return _one_line(f"{part}: {len(problems)} {what}, the first: {problems[0]}")


class Network:
    """The network part of one run (only built when not offline)."""

    def __init__(self, settings: Settings, cache: Any, refresh: bool, session: Any) -> None:
        self.settings = settings
        self.http = Http(settings, session=session, cache=cache, refresh=refresh)
        self.s2 = S2Client(self.http)
        self.dblp = DblpClient(self.http)
        self.warnings: list[str] = []  # run-level (not per paper)

    # ----------------------------------------------------------------- identify
    def identify(self, todo: list[Paper], label: Label) -> dict[str, Fetched]:
        """Semantic Scholar data for every paper: by id, else by title."""
        got = {p.key: Fetched() for p in todo}
        by_id = self._batch([i for p in todo if (i := paper_lookup_id(p))], "ids")
        titled: list[Paper] = []
        for p in todo:
            pid = paper_lookup_id(p)
            item = by_id.get(pid) if pid else None
            g = got[p.key]
            if isinstance(item, S2Paper):
                self._by_id(p, pid or "", item, g)
            elif isinstance(item, ShapeError):
                g.status = "failed"
                g.problems.append(f"Semantic Scholar's answer is malformed ({item})")
                g.missing.append("Semantic Scholar")
            else:
                if pid and pid in by_id:
                    g.notes.append(f"Semantic Scholar does not know {pid}; matched by title")
                label(f"title: {p.key}")
                self._by_title(p, g)
                if g.s2 is not None:
                    titled.append(p)
        if titled:  # one more batch call brings their references inline
            full = self._batch([got[p.key].s2.paperId for p in titled], "matched ids")
            for p in titled:
                g = got[p.key]
                item = full.get(g.s2.paperId)
                if isinstance(item, S2Paper):  # keep the match's own fields
                    g.s2 = msgspec.structs.replace(g.s2, references=item.references,
                                                   referenceCount=item.referenceCount)
        return got

    def _batch(self, ids: list[str], what: str) -> dict[str, Any]:
        if not ids:
            return {}
        try:
            return self.s2.get_papers(ids)
        except NetworkUnavailable:
            return {}
        except SourceError as exc:
            self.warnings.append(_one_line(
                f"Semantic Scholar batch lookup ({what}) failed: {exc}; trying titles"))
            return {}

    def _by_id(self, p: Paper, pid: str, item: S2Paper, g: Fetched) -> None:
        g.s2, g.confidence = item, 1.0
        cand = candidate(p, item)
        if cand.score < self.settings.match_threshold:
            g.notes.append(f"looked up by id {pid}; the page's citation differs "
                           f"(title/year/authors score {cand.score:.2f})")

    def _by_title(self, paper: Paper, got: Fetched) -> None:
        try:
            self._match(paper, got)
        except NotFound as exc:  # pragma: no cover - match/search map 404 themselves
            got.status = "not_found"
            got.notes.append(str(exc))
        except ServiceDown:
            got.status = "failed"
            got.missing.append("Semantic Scholar")
        except SourceError as exc:
            got.status = "failed"
            got.problems.append(_one_line(str(exc)))

    def _match(self, paper: Paper, got: Fetched) -> None:
        threshold = self.settings.match_threshold
        seen: dict[str, S2Paper] = {}
        best = self.s2.match_title(paper.title)
        if best is not None:
            cand = candidate(paper, best)
            if cand.score >= threshold:
                got.s2, got.confidence = best, cand.score
                return
            seen[best.paperId] = best
        for item in self.s2.search(paper.title):
            seen.setdefault(item.paperId, item)
        ranked = sorted(((candidate(paper, d), d) for d in seen.values()),
                        key=lambda cd: (-cd[0].score, cd[0].title, cd[0].s2_id or ""))
        if ranked and ranked[0][0].score >= threshold:
            got.s2, got.confidence = ranked[0][1], ranked[0][0].score
            return
        got.expire_by(self.http.negative_expiry())  # a weak match or none: ask again later
        if not ranked:
            got.status = "not_found"
            got.notes.append("not found on Semantic Scholar (no title match, no search hit)")
            return
        got.status = "ambiguous"
        got.confidence = ranked[0][0].score
        got.candidates = tuple(c for c, _ in ranked[:5])
        got.notes.append(
            f"ambiguous: best title match scores {ranked[0][0].score:.2f} "
            f"(< {threshold:.2f}); pin the right s2_id in the syllabus")

    # ----------------------------------------------------------------- lanes
    def edges(self, got: Fetched) -> None:
        """References (inline, paged past the cap) and citations (paged)."""
        assert got.s2 is not None
        got.refs = self.s2.references(got.s2)
        got.cits = self.s2.citations(got.s2)
        for name, e in (("references", got.refs), ("citations", got.cits)):
            if e.down or e.problems:
                got.missing.append(name)
            if e.problems:
                got.problems.append(_summary(name, e.problems))
            if e.note:
                got.notes.append(f"{name}: {e.note}")

    def enrich_dblp(self, paper: Paper, got: Fetched) -> None:
        """The dblp record: the S2 key (or a search when there is none, or only the CoRR
        one), then its BibTeX."""
        s2 = got.s2
        assert s2 is not None
        key = paper.dblp or s2.ids.DBLP
        try:
            if not key or key.startswith("journals/corr/"):
                key = self._dblp_search(paper, got, s2) or None
            if not key:
                got.notes.append("dblp: no matching record found")
                got.expire_by(self.http.negative_expiry())
                return
            got.dblp_bib, got.dblp_fields = self.dblp.bibtex(key)
            got.dblp_key = key
        except ServiceDown:
            got.missing.append("dblp")
        except NotFound as exc:
            got.notes.append(f"dblp: no record {key}")
            got.problems.append(f"dblp has no record {key}")
            got.expire_by(getattr(exc, "expires", None))
        except SourceError as exc:
            got.missing.append("dblp")
            got.problems.append(_one_line(f"dblp: {exc}"))

    def _dblp_search(self, paper: Paper, got: Fetched, s2: S2Paper) -> str:
        title = s2.title or paper.title
        me = replace(paper, title=title, year=s2.year or paper.year,
                     authors=s2.author_names or paper.authors)
        hits, problems = self.dblp.search(title)
        if problems:  # the right hit may be the bad one: ask again next run
            got.missing.append("dblp")
            got.problems.append(_summary("dblp search", problems, "malformed hit(s) left out"))
        threshold = self.settings.match_threshold
        scored = sorted(
            ((score_candidate(me, h.title, h.year, h.authors),
              not h.key.startswith("journals/corr/"), h) for h in hits),
            key=lambda t: (-(t[0] >= threshold), not t[1], -t[0], t[2].key))
        good = [h for s, _, h in scored if s >= threshold]
        if not good:
            return ""
        got.dblp_venue = good[0].venue
        return good[0].key

    def run(self, todo: list[Paper], label: Label) -> Iterator[tuple[Paper, Fetched]]:
        """Every paper with what was fetched for it, as soon as both lanes are done."""
        got = self.identify(todo, label)
        for p in todo:
            if got[p.key].s2 is None:
                yield p, got[p.key]
        pending = {p.key: p for p in todo if got[p.key].s2 is not None}
        if not pending:
            return
        done: queue.Queue[tuple[str, BaseException | None]] = queue.Queue()
        order = list(pending.values())
        # the dblp lane writes into its own part, joined in a fixed order once both lanes
        # are done with a paper: notes and warnings do not depend on thread timing
        parts = {p.key: Fetched(s2=got[p.key].s2) for p in order}

        def lane(work: Callable[[Paper], None]) -> None:
            for p in order:
                try:
                    work(p)
                except BaseException as exc:  # noqa: BLE001 - re-raised by the caller
                    done.put((p.key, exc))
                    return
                done.put((p.key, None))

        lanes = [lambda p: self.edges(got[p.key])]
        lanes.append((lambda p: self.enrich_dblp(p, parts[p.key])) if self.settings.dblp
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
    got.problems += dblp.problems
    got.missing += dblp.missing
    got.notes += dblp.notes
    got.expire_by(dblp.expires)
    return got
