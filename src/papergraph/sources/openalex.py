"""OpenAlex (``/works``) through the shared :class:`~.http.Http`: the second source.

Same per-service state as Semantic Scholar and dblp (interval, deadline, body cap,
breaker; :mod:`.services`), answers checked by :mod:`.oashapes` before use and before
caching. Fewest requests the API allows (``shared/reference/openalex/README.md``):

* works by DOI or OpenAlex id in OR-batches of :data:`OR_MAX` values (fewer when long
  DOIs would make the URL too long; a DOI holding a comma or a bar, which would split
  the filter, is not asked) (``filter=doi:a|b|…``, ``filter=openalex:W1|W2|…``), one page of up to
  :data:`PER_PAGE` (a batch never has more results than values), ``select=`` only the
  fields used. Results come in no particular order and unknown values are simply
  absent: each work is matched back to its value, cached one by one (an unknown value
  as a negative answer, with an expiry), so a later batch asks only for what is new;
* works citing a set of works (``filter=cites:W1|W2|…``) and the works they cite
  (``filter=cited_by:W1|W2|…``), walked by cursor
  (``cursor=*``, then ``meta.next_cursor``) until the cursor is null, a page is empty or
  shorter than :data:`PER_PAGE` (so the empty page the API sometimes sends last costs
  nothing); each page is cached under its own query;
* a title search (``filter=title.search:…``, 10 credits) only for a paper without ids.

An arXiv paper is the work whose DOI is ``10.48550/arXiv.<id>`` (OpenAlex has no arXiv
id key). ``OPENALEX_API_KEY`` goes as ``Authorization: Bearer …`` to the OpenAlex host
only, never into a cache key; a 401 (a bad key) takes the service down at once, as does
a 429 whose ``Retry-After`` runs to midnight (the daily budget).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from ..errors import NotFound, SourceError
from . import oashapes
from .http import Http, ServiceDown
from .oashapes import Work

#: what a seminar paper needs (its record, its references, for the edges)
WORK_FIELDS = ("id", "doi", "title", "publication_year", "publication_date", "type",
               "authorships", "primary_location", "locations", "is_retracted",
               "cited_by_count", "referenced_works", "biblio")
#: what a paper at the other end of a citation needs
REF_FIELDS = ("id", "doi", "title", "publication_year", "type", "authorships",
              "primary_location", "cited_by_count")
#: a citing work also says which of the asked works it cites
CITING_FIELDS = (*REF_FIELDS, "referenced_works")
OR_MAX = 100  # values in one OR-filter
PER_PAGE = 200  # results per page (the server allows 1..200)
MAX_PAGES = 50  # 10,000 citing works per batch of seeds: a bound, not a goal
_WILD = re.compile(r"[?*,|:\"]+")
_FILTERABLE = re.compile(r"[^\s,|]+")
MAX_FILTER_CHARS = 3000  # of OR-ed values in one URL (the API refuses URLs past ~4 KB)


def _chunks(values: list[str]) -> list[list[str]]:
    """``values`` in OR-batches of at most :data:`OR_MAX` values and
    :data:`MAX_FILTER_CHARS` characters."""
    out: list[list[str]] = []
    size = 0
    for v in values:
        if not out or len(out[-1]) == OR_MAX or size + len(v) + 1 > MAX_FILTER_CHARS:
            out.append([])
            size = 0
        out[-1].append(v)
        size += len(v) + 1
    return out


@dataclass(frozen=True)
class Listing:
    """The works of a cursor walk; ``complete`` False when it was cut short."""

    works: tuple[Work, ...] = ()
    complete: bool = False
    problems: tuple[str, ...] = ()
    down: bool = False  # cut short because the service went down (said once, elsewhere)


def arxiv_doi(arxiv: str) -> str:
    """The DOI arXiv registers for a paper (lower case, as OpenAlex stores it)."""
    return f"10.48550/arxiv.{re.sub(r'v[0-9]+$', '', arxiv.strip())}".lower()


class OpenAlexClient:
    """OpenAlex client bound to a base URL and the shared :class:`Http` layer."""

    def __init__(self, http: Http, base_url: str | None = None) -> None:
        self.http = http
        self.base = (base_url or http.settings.openalex_url).rstrip("/")

    def _secret(self) -> dict[str, str]:
        key = self.http.settings.openalex_key
        return {"Authorization": f"Bearer {key}"} if key else {}

    def _get(self, kind: str, path: str, params: list[tuple[str, str]], check: Any,
             *, cache: bool = True) -> Any:
        try:
            return self.http.request(
                "openalex", kind, "GET", self.base + path, params=params, check=check,
                secret_headers=self._secret(),
                cache_key=f"openalex GET {path}?{urlencode(params)}" if cache else None)
        except SourceError as exc:
            if str(exc).startswith("HTTP 401"):  # a bad key fails every request
                svc = self.http.services["openalex"]
                raise self.http.services.give_up(
                    svc, "HTTP 401: invalid or missing API key (OPENALEX_API_KEY)") from None
            raise

    # ----------------------------------------------------------------- batches
    def works(self, values: list[str], by: str = "doi",
              fields: tuple[str, ...] = WORK_FIELDS) -> dict[str, Work | None]:
        """Per value (a DOI, or an OpenAlex id ``W…`` when ``by`` is ``openalex``): its
        work, or None (OpenAlex does not know it). A value left out was not answered
        (the service is down, or a cache-only run never fetched it)."""
        out: dict[str, Work | None] = {}
        todo: list[str] = []
        for value in dict.fromkeys(v.strip().lower() if by == "doi" else v.strip().upper()
                                   for v in values if v.strip()):
            if not _FILTERABLE.fullmatch(value):  # a comma or a bar would split the filter
                continue
            try:
                hit = self.http.cached(self._item_key(by, value, fields),
                                       oashapes.check_work)
            except NotFound:
                out[value] = None
                continue
            if hit is not None:
                out[value] = hit
            else:
                todo.append(value)
        for chunk in _chunks(todo):
            try:
                out.update(self._batch(chunk, by, fields))
            except ServiceDown:
                break
        return out

    def _item_key(self, by: str, value: str, fields: tuple[str, ...]) -> str:
        return f"openalex work {','.join(fields)} {by}:{value}"

    def _batch(self, chunk: list[str], by: str, fields: tuple[str, ...]
               ) -> dict[str, Work | None]:
        params = [("filter", f"{by}:{'|'.join(chunk)}"), ("select", ",".join(fields)),
                  ("per-page", str(PER_PAGE)), ("page", "1")]
        kind = "openalex-doi" if by == "doi" else "openalex-ids"
        resp = self._get(kind, "/works", params, oashapes.check_list, cache=False)
        _cursor, got = resp.value
        found: dict[str, Work] = {}
        for w, raw in got:
            value = (w.bare_doi or "").lower() if by == "doi" else w.short_id
            if value in chunk:
                found.setdefault(value, w)
                self.http.store(self._item_key(by, value, fields), 200, json.dumps(raw))
        out: dict[str, Work | None] = {}
        for value in chunk:
            out[value] = found.get(value)
            if value not in found and not resp.problems:  # truly unknown, not a bad item
                self.http.store(self._item_key(by, value, fields), 404, "null",
                                negative=True)
        return out

    # ----------------------------------------------------------------- citing works
    def citing(self, ids: list[str]) -> Listing:
        """Every work citing any of ``ids`` (OpenAlex ids), by cursor, seeds OR-ed; each
        says which works it cites (``referenced_works``)."""
        return self._walks("cites", ids, CITING_FIELDS, "openalex-cites")

    def referenced(self, ids: list[str]) -> Listing:
        """Every work any of ``ids`` cites (``cited_by:``), by cursor, seeds OR-ed: 200
        references a request, where asking for them by id gives 100."""
        return self._walks("cited_by", ids, REF_FIELDS, "openalex-refs")

    def _walks(self, name: str, ids: list[str], fields: tuple[str, ...],
               kind: str) -> Listing:
        works: list[Work] = []
        problems: list[str] = []
        complete = True
        for chunk in _chunks(sorted(dict.fromkeys(i.upper() for i in ids))):
            part = self._walk(f"{name}:{'|'.join(chunk)}", fields, kind)
            works.extend(part.works)
            problems.extend(part.problems)
            complete = complete and part.complete
            if part.down:
                return Listing(tuple(works), False, tuple(problems), True)
        return Listing(tuple(works), complete, tuple(problems))

    def _walk(self, filt: str, fields: tuple[str, ...], kind: str) -> Listing:
        works: list[Work] = []
        problems: list[str] = []
        cursor, seen = "*", set()
        for _ in range(MAX_PAGES):
            params = [("filter", filt), ("select", ",".join(fields)),
                      ("per-page", str(PER_PAGE)), ("cursor", cursor)]
            try:
                resp = self._get(kind, "/works", params, oashapes.check_list)
            except ServiceDown:
                return Listing(tuple(works), False, tuple(problems), True)
            except SourceError as exc:
                problems.append(str(exc))
                return Listing(tuple(works), False, tuple(problems))
            nxt, got = resp.value
            works.extend(w for w, _ in got)
            problems.extend(resp.problems)
            if nxt is None or len(got) + len(resp.problems) < PER_PAGE:
                return Listing(tuple(works), not problems, tuple(problems))
            if nxt in seen:
                problems.append(f"cursor {nxt[:40]} repeats")
                return Listing(tuple(works), False, tuple(problems))
            seen.add(cursor)
            cursor = nxt
        problems.append(f"more than {MAX_PAGES * PER_PAGE} citing works; the rest left out")
        return Listing(tuple(works), False, tuple(problems))

    # ----------------------------------------------------------------- one work
    def work(self, ident: str) -> Work:
        """One work by OpenAlex id or ``doi:…`` (a free singleton); :class:`NotFound`
        when OpenAlex does not know it (its 404 is an HTML page)."""
        path = "/works/" + quote(ident.strip(), safe=":/")
        return self._get("openalex-work", path, [("select", ",".join(WORK_FIELDS))],
                         oashapes.check_work).value

    # ----------------------------------------------------------------- by title
    def search_title(self, title: str, limit: int = 10) -> list[Work]:
        """A title search (wildcards, commas and quotes taken out: the API refuses them)."""
        words = " ".join(_WILD.sub(" ", title).split())
        if not words:
            return []
        params = [("filter", f"title.search:{words}"), ("select", ",".join(WORK_FIELDS)),
                  ("per-page", str(limit))]
        _cursor, got = self._get("openalex-search", "/works", params,
                                 oashapes.check_search).value
        return [w for w, _ in got]
