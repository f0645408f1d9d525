"""Semantic Scholar Graph API through the ``semanticscholar`` package.

The package gives the API surface (batch, title match, search, paginated references and
citations). Its own ``ApiRequester`` opens a fresh httpx client per call, returns ``{}``
for 502/503, hides ``Retry-After`` and retries 429 with fixed 30 s waits; so the client
is built with ``retry=False`` and given :class:`_Requester`, which sends every request
through the shared :class:`~papergraph.sources.http.Http` layer (session, limiter,
backoff, accounting, cache, error mapping).
"""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import parse_qsl, quote_plus, urlencode, urlsplit

from semanticscholar import SemanticScholar
from semanticscholar.ApiRequester import ApiRequester

from ..errors import NotFound, SourceError
from .http import Http

PAPER_FIELDS = (
    "paperId", "externalIds", "corpusId", "url", "title", "venue", "publicationVenue",
    "year", "authors", "journal", "citationCount", "influentialCitationCount",
    "openAccessPdf", "publicationTypes", "publicationDate", "citationStyles",
)
EDGE_FIELDS = (
    "isInfluential", "paperId", "externalIds", "corpusId", "title", "year", "authors",
    "venue", "citationCount",
)
SEARCH_LIMIT = 10

# the package logs "IDs not found" as a warning; we report not-found papers ourselves
_pkg_log = logging.getLogger("semanticscholar")
_pkg_log.addHandler(logging.NullHandler())
_pkg_log.propagate = False


class BadFields(SourceError):
    """400 "Unrecognized or unsupported fields" (e.g. citationStyles refused in batch)."""


def _kind(path: str) -> str:
    if path.endswith("/paper/batch"):
        return "batch"
    if path.endswith("/paper/search/match"):
        return "match"
    if path.endswith("/paper/search"):
        return "search"
    if path.endswith("/references"):
        return "references"
    if path.endswith("/citations"):
        return "citations"
    return "paper"


class _Requester(ApiRequester):
    """Performs the package's requests through :class:`Http` (see module docstring)."""

    def __init__(self, http: Http, base: str) -> None:
        super().__init__(timeout=http.settings.timeout, retry=False)
        self.http = http
        self.base = base
        self.last_data: Any = None

    async def get_data_async(self, url: str, parameters: str, headers: dict,
                             payload: dict | None = None) -> Any:
        params = parse_qsl((parameters or "").lstrip("&"), keep_blank_values=True)
        path = urlsplit(url).path
        kind = _kind(path)
        method = "POST" if payload else "GET"
        headers = dict(headers or {})
        if self.http.settings.api_key:
            # the package omits its auth header on paginated calls (references,
            # citations): always send the key ourselves
            headers["x-api-key"] = self.http.settings.api_key
        cache_key = None if method == "POST" else f"s2 GET {path}?{urlencode(params)}"
        resp = self.http.request(
            "s2", kind, method, url, params=params, payload=payload, headers=headers,
            cache_key=cache_key, ok=(200, 404) if kind == "match" else (200, 400)
            if kind == "batch" else (200,),
        )
        if resp.status == 404:
            raise NotFound(_error(resp.text) or "Title match not found")
        if resp.status == 400:
            msg = _error(resp.text)
            if "no valid paper ids" in msg.lower():
                data: Any = [None] * len((payload or {}).get("ids", []))
                self.last_data = data
                return data
            if "field" in msg.lower():
                raise BadFields(msg)
            raise SourceError(f"Semantic Scholar refused the request: {msg}")
        data = resp.json()
        if kind == "batch" and not isinstance(data, list):
            raise SourceError("Semantic Scholar batch answer is not a list")
        self.last_data = data
        return data


def _error(text: str) -> str:
    try:
        body = json.loads(text)
    except ValueError:
        return text.strip()
    return str(body.get("error") or body.get("message") or "") if isinstance(body, dict) else ""


class S2Client:
    """Semantic Scholar client bound to a base URL and the shared :class:`Http` layer."""

    def __init__(self, http: Http, base_url: str | None = None) -> None:
        self.http = http
        self.base_url = (base_url or http.settings.s2_url).rstrip("/")
        self.sch = SemanticScholar(timeout=int(max(1, http.settings.timeout)),
                                   api_key=http.settings.api_key, api_url=self.base_url,
                                   retry=False)
        self._requester = _Requester(http, self.base_url)
        self.sch._AsyncSemanticScholar._requester = self._requester
        self.batch_fields = list(PAPER_FIELDS)

    # ----------------------------------------------------------------- batch
    def _item_key(self, pid: str) -> str:
        return f"s2 batch-item {','.join(self.batch_fields)} {pid}"

    def get_papers(self, ids: list[str]) -> dict[str, dict | None]:
        """Paper data by id (``None`` = S2 does not know the id). Cached per id."""
        out: dict[str, dict | None] = {}
        todo: list[str] = []
        cache = self.http.cache
        for pid in dict.fromkeys(ids):
            hit = None if (cache is None or self.http.refresh) else cache.get_response(
                self._item_key(pid))
            if hit is not None:
                out[pid] = json.loads(hit[1])
            else:
                todo.append(pid)
        for start in range(0, len(todo), 500):
            chunk = todo[start:start + 500]
            data = self._batch(chunk)
            for pid, item in zip(chunk, data, strict=False):
                out[pid] = item if isinstance(item, dict) else None
                if cache is not None:
                    cache.put_response(self._item_key(pid), 200, json.dumps(out[pid]))
        return out

    def _batch(self, chunk: list[str]) -> list:
        try:
            self.sch.get_papers(chunk, fields=self.batch_fields)
        except BadFields:
            if "citationStyles" not in self.batch_fields:
                raise
            # citationStyles may be refused in batch calls: fetch without it
            self.batch_fields = [f for f in self.batch_fields if f != "citationStyles"]
            self.sch.get_papers(chunk, fields=self.batch_fields)
        data = self._requester.last_data or []
        if len(data) != len(chunk):
            raise SourceError(f"Semantic Scholar batch answered {len(data)} entries "
                              f"for {len(chunk)} ids")
        return data

    # ----------------------------------------------------------------- by title
    def match_title(self, title: str) -> dict | None:
        """``/paper/search/match``: the best title match, or None (404 = no match)."""
        try:
            paper = self.sch.search_paper(quote_plus(title), match_title=True,
                                          fields=list(PAPER_FIELDS))
        except NotFound:
            return None
        except IndexError:  # 200 with an empty data list
            return None
        return dict(paper.raw_data)

    def search(self, title: str, limit: int = SEARCH_LIMIT) -> list[dict]:
        """First page of ``/paper/search`` for the title (our own ranking follows)."""
        results = self.sch.search_paper(quote_plus(title), fields=list(PAPER_FIELDS),
                                        limit=limit)
        return [dict(p.raw_data) for p in results.items]

    # ----------------------------------------------------------------- edges
    def references(self, paper_id: str) -> tuple[list[dict], bool, SourceError | None]:
        return self._edges(self.sch.get_paper_references, paper_id, "citedPaper")

    def citations(self, paper_id: str) -> tuple[list[dict], bool, SourceError | None]:
        return self._edges(self.sch.get_paper_citations, paper_id, "citingPaper")

    def _edges(self, call: Any, paper_id: str, inner: str
               ) -> tuple[list[dict], bool, SourceError | None]:
        """Every page, following ``next``: ``(items, complete, error)``; each item is the
        other paper's data plus ``isInfluential``."""
        got: list[dict] = []
        try:
            results = call(paper_id, fields=list(EDGE_FIELDS),
                           limit=self.http.settings.page_limit)
            for item in results:
                raw = item.raw_data
                paper = dict(raw.get(inner) or {})
                paper["isInfluential"] = raw.get("isInfluential")
                got.append(paper)
        except SourceError as exc:
            return got, False, exc
        return got, not results.next, None
