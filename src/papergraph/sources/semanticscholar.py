"""Semantic Scholar Graph API (``/graph/v1``) through the shared :class:`~.http.Http`.

Plain requests rather than the ``semanticscholar`` package: its public API cannot bound a
request's wall-clock time or body size, keep the key off redirects, or hand back the
raw answers we check and cache; reaching into its private requester was the alternative.
(The package is the peer in ``make bench``.)

Fewest requests the API allows:

* ``POST /paper/batch`` (at most :data:`BATCH_IDS` ids a call) with each paper's
  references **inline** (``references.paperId`` ...). The API inlines at most
  :data:`INLINE_CAP` of them; only a paper with that many is paged further through
  ``/references``. Inline references carry no per-edge field (``isInfluential``):
  influence of a seminar edge comes from the cited paper's citation pages;
* ``/paper/{id}/citations`` pages of ``page_limit`` (at most 1000), only for papers
  whose ``citationCount`` is not 0, and at most up to the API's 9,999;
* ``/paper/search/match`` per paper without ids, ``/paper/search`` only for a weak match.

Pages carry ``next == offset + limit`` only while more data exists; a page that does not
advance, lacks ``data`` or repeats is refused (no loop, nothing cached).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from ..errors import NetworkUnavailable, NotFound, SourceError
from . import shapes
from .http import Checked, Http, ServiceDown, ShapeError

PAPER_FIELDS = (
    "paperId", "externalIds", "corpusId", "url", "title", "venue", "year", "authors",
    "journal", "citationCount", "influentialCitationCount", "openAccessPdf",
    "publicationDate", "citationStyles", "referenceCount", "abstract",
)
#: fields a batch call may refuse ("Unrecognized or unsupported fields"): asked again without
OPTIONAL_BATCH_FIELDS = ("citationStyles", "tldr")
REF_FIELDS = ("paperId", "externalIds", "corpusId", "title", "year", "authors", "venue",
              "citationCount")
EDGE_FIELDS = ("isInfluential", *REF_FIELDS)
INLINE_FIELDS = tuple(f"references.{f}" for f in REF_FIELDS)
INLINE_CAP = 1000  # references the API returns inline per paper
BATCH_IDS = 100  # inline references make items large; the API answers at most 10 MB
MAX_EDGES = 9999  # offset + limit must stay below 10,000
SEARCH_LIMIT = 10


@dataclass(frozen=True)
class Edges:
    """One side of a paper's citations: ``(paper, isInfluential)`` items."""

    items: tuple[tuple[shapes.S2Ref, bool | None], ...] = ()
    complete: bool = False
    problems: tuple[str, ...] = ()  # bad items, failed pages: worth asking again
    down: bool = False  # cut short because the service went down (said once, elsewhere)
    note: str = ""  # why the list is incomplete for good (the API's own limits)


class S2Client:
    """Semantic Scholar client bound to a base URL and the shared :class:`Http` layer."""

    def __init__(self, http: Http, base_url: str | None = None) -> None:
        self.http = http
        self.base = (base_url or http.settings.s2_url).rstrip("/") + "/graph/v1"
        self.fields = [*PAPER_FIELDS, "tldr", *INLINE_FIELDS]

    def _secret(self) -> dict[str, str]:
        key = self.http.settings.api_key
        return {"x-api-key": key} if key else {}

    def _get(self, kind: str, path: str, params: list[tuple[str, str]], check: Any) -> Any:
        return self.http.request(
            "s2", kind, "GET", self.base + path, params=params, check=check,
            secret_headers=self._secret(), cache_key=f"s2 GET {path}?{urlencode(params)}")

    # ----------------------------------------------------------------- batch
    def _item_key(self, pid: str, fields: list[str] | None = None) -> str:
        return f"s2 batch-item {','.join(fields or self.fields)} {pid}"

    def _cached_item(self, pid: str) -> shapes.S2Paper | None:
        """The stored item for ``pid``, asked with every field or, when a batch call had
        refused the optional ones, without them; None if neither is stored. A stored
        "unknown id" raises :class:`NotFound`."""
        lean = [f for f in self.fields if f not in OPTIONAL_BATCH_FIELDS]
        for fields in dict.fromkeys((tuple(self.fields), tuple(lean))):
            hit = self.http.cached(self._item_key(pid, list(fields)), _check_item)
            if hit is not None:
                return hit
        return None

    def get_papers(self, ids: list[str]) -> dict[str, shapes.S2Paper | None | ShapeError]:
        """Per id: its paper, None (S2 does not know it) or the :class:`ShapeError` of a
        bad item; an id left out was not answered (the service is down, or a cache-only
        run never fetched it). Items are cached one by one (unknown ids with an expiry)."""
        out: dict[str, Any] = {}
        todo: list[str] = []
        for pid in dict.fromkeys(ids):
            try:
                hit = self._cached_item(pid)
            except NotFound:
                out[pid] = None
                continue
            if hit is not None:
                out[pid] = hit
            else:
                todo.append(pid)
        for start in range(0, len(todo), BATCH_IDS):
            try:
                out.update(self._batch(todo[start:start + BATCH_IDS]))
            except NetworkUnavailable:  # down, or never fetched (cache-only): the
                break  # stored items are kept, the others are left out
        return out

    def _batch(self, chunk: list[str]) -> dict[str, Any]:
        try:
            resp = self.http.request(
                "s2", "batch", "POST", f"{self.base}/paper/batch",
                params=[("fields", ",".join(self.fields))], payload={"ids": chunk},
                check=shapes.check_batch(len(chunk)), secret_headers=self._secret(),
                negative=())
        except SourceError as exc:
            if "no valid paper ids" in str(exc).lower():  # 400: none of them is known
                for pid in chunk:
                    self.http.store(self._item_key(pid), 404, "null", negative=True)
                return dict.fromkeys(chunk)
            optional = [f for f in OPTIONAL_BATCH_FIELDS if f in self.fields]
            if optional and "field" in str(exc).lower():
                # citationStyles or tldr may be refused in batch calls: ask again without
                self.fields = [f for f in self.fields if f not in optional]
                return self._batch(chunk)
            if "exceed maximum size" in str(exc).lower() and len(chunk) > 1:
                half = len(chunk) // 2
                return {**self._batch(chunk[:half]), **self._batch(chunk[half:])}
            raise
        out: dict[str, Any] = {}
        for pid, item in zip(chunk, resp.value, strict=True):
            out[pid] = item
            if isinstance(item, ShapeError):
                continue
            if item is None:
                self.http.store(self._item_key(pid), 404, "null", negative=True)
            elif not shapes.inline_refs(item).problems:
                self.http.store(self._item_key(pid), 200, json.dumps(_raw(item)))
        return out

    # ----------------------------------------------------------------- by title
    def match_title(self, title: str) -> shapes.S2Paper | None:
        """``/paper/search/match``: the best title match, or None (404 = no match)."""
        params = [("query", title), ("fields", ",".join(PAPER_FIELDS))]
        try:
            return self._get("match", "/paper/search/match", params, shapes.check_match).value
        except NotFound:
            return None

    def search(self, title: str, limit: int = SEARCH_LIMIT) -> list[shapes.S2Paper]:
        """First page of ``/paper/search`` for the title (our own ranking follows)."""
        params = [("query", title), ("fields", ",".join(PAPER_FIELDS)), ("offset", "0"),
                  ("limit", str(limit))]
        return self._get("search", "/paper/search", params, shapes.check_search).value

    # ----------------------------------------------------------------- edges
    def references(self, p: shapes.S2Paper) -> Edges:
        """The references: inline from the batch, paged further only past the cap."""
        inline = shapes.inline_refs(p)
        if inline.value is None:
            if p.references is None:  # the API has no list for this paper
                return Edges((), False, note="Semantic Scholar has no reference list")
            return self._pages(p.paperId, "references", "citedPaper", 0)
        items = tuple((r, None) for r in inline.value)
        if len(p.references or ()) < INLINE_CAP:
            return Edges(items, not inline.problems, inline.problems)
        rest = self._pages(p.paperId, "references", "citedPaper", len(p.references or ()))
        return Edges(items + rest.items, rest.complete and not inline.problems,
                     inline.problems + rest.problems, rest.down)

    def citations(self, p: shapes.S2Paper) -> Edges:
        if p.citationCount == 0:
            return Edges((), True)
        return self._pages(p.paperId, "citations", "citingPaper", 0)

    def _pages(self, pid: str, kind: str, inner: str, offset: int) -> Edges:
        """Every page from ``offset`` on, following ``next``. A page that fails ends the
        list (``complete`` False) with the error as a problem."""
        limit = self.http.settings.page_limit
        items: list[tuple[shapes.S2Ref, bool | None]] = []
        problems: list[str] = []
        path = f"/paper/{quote(pid, safe=':')}/{kind}"
        while True:
            size = min(limit, MAX_EDGES - offset)
            if size <= 0:
                return Edges(tuple(items), False, tuple(problems),
                             note=f"Semantic Scholar gives at most {MAX_EDGES} {kind}")
            params = [("fields", ",".join(EDGE_FIELDS)), ("offset", str(offset)),
                      ("limit", str(size))]
            try:
                resp = self._get(kind, path, params, shapes.check_page(inner))
            except ServiceDown:
                return Edges(tuple(items), False, tuple(problems), down=True)
            except SourceError as exc:
                problems.append(str(exc))
                return Edges(tuple(items), False, tuple(problems))
            page, got = resp.value
            items.extend(got)
            problems.extend(resp.problems)
            if page.next is None:
                return Edges(tuple(items), not problems, tuple(problems))
            if page.next != offset + size:
                problems.append(f"{kind}: page at {offset} points to {page.next}, "
                                f"not {offset + size}")
                return Edges(tuple(items), False, tuple(problems))
            offset = page.next


def _check_item(obj: Any) -> Checked:
    p = shapes.paper(obj)
    return Checked(p, shapes.inline_refs(p).problems)


def _raw(p: shapes.S2Paper) -> Any:
    import msgspec

    return msgspec.to_builtins(p)
