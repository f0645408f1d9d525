"""Everything the run asks Semantic Scholar, in order.

1. one batch call for every paper with an id (references inline);
2. a title match (and, when weak, a search and our own ranking) for the others, then one
   batch call for the matched ids, for their inline references;
3. on its lane, each paper's edges: citation pages, and reference pages only past the
   inline cap.

A failure is kept on the paper it concerns (:class:`~papergraph.merge.Fetched`); only a
failed batch call is a run-level warning.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec

from ..config import Settings
from ..errors import NetworkUnavailable, NotFound, SourceError
from ..merge import Fetched, candidate, paper_lookup_id
from ..models import Paper
from ..sources.http import Http, ServiceDown, ShapeError
from ..sources.semanticscholar import S2Client
from ..sources.shapes import S2Paper
from .messages import one_line, summary

Label = Callable[[str], None]


class S2Lane:
    """Identifying the papers on Semantic Scholar, then their references and citations."""

    def __init__(self, settings: Settings, http: Http, warnings: list[str]) -> None:
        self.settings = settings
        self.http = http
        self.client = S2Client(http)
        self.warnings = warnings  # run-level (not per paper)

    def identify(self, todo: list[Paper], label: Label, *,
                 fallback: bool = False) -> dict[str, Fetched]:
        """Semantic Scholar data for every paper: by id, else by title. With
        ``fallback`` (OpenAlex is asked next), a failed batch call leaves every paper
        to it rather than trying each title."""
        got = {p.key: Fetched() for p in todo}
        self.batch_failed = False
        by_id = self._batch([i for p in todo if (i := paper_lookup_id(p))], "ids",
                            fallback=fallback)
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
            elif fallback and self.batch_failed:  # OpenAlex next: by DOI, else by title
                g.status = "failed"
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

    def _batch(self, ids: list[str], what: str, *, fallback: bool = False) -> dict[str, Any]:
        if not ids:
            return {}
        try:
            return self.client.get_papers(ids)
        except NetworkUnavailable:
            self.batch_failed = True
            return {}
        except SourceError as exc:
            self.batch_failed = True
            then = "asking OpenAlex" if fallback else "trying titles"
            self.warnings.append(one_line(
                f"Semantic Scholar batch lookup ({what}) failed: {exc}; {then}"))
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
            got.problems.append(one_line(str(exc)))

    def _match(self, paper: Paper, got: Fetched) -> None:
        threshold = self.settings.match_threshold
        seen: dict[str, S2Paper] = {}
        best = self.client.match_title(paper.title)
        if best is not None:
            cand = candidate(paper, best)
            if cand.score >= threshold:
                got.s2, got.confidence = best, cand.score
                return
            seen[best.paperId] = best
        for item in self.client.search(paper.title):
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

    def edges(self, got: Fetched) -> None:
        """References (inline, paged past the cap) and citations (paged)."""
        assert got.s2 is not None
        got.refs = self.client.references(got.s2)
        got.cits = self.client.citations(got.s2)
        for name, e in (("references", got.refs), ("citations", got.cits)):
            if e.down or e.problems:
                got.missing.append(name)
            if e.problems:
                got.problems.append(summary(name, e.problems))
            if e.note:
                got.notes.append(f"{name}: {e.note}")
