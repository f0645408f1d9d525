"""The OpenAlex part of the fake server (``/works``), shaped like the real recordings.

Behaviour summarised in ``shared/reference/openalex/README.md`` (the recordings stay
out of the project; the fixture works here are made up, derived from the fake
Semantic Scholar world):

* a singleton (``/works/W…``, ``/works/doi:…``, ``/works/https://doi.org/…``) is the
  bare work, compact JSON plus ``"\\n"``; an unknown one is the 207-byte Werkzeug
  **HTML** 404 page;
* a list is ``{"meta": {...}, "results": [...], "group_by": []}`` re-dumped with
  ``", "`` separators and no newline, ``meta.cost_usd`` included (the 2026 shape);
  results are **not** in the order of the OR values, unknown values are absent;
* ``filter=doi:|openalex:|cites:|cited_by:|title.search:`` (``|`` for OR, at most 100
  values, else 400), ``select=`` root fields only (an unknown one is 400),
  ``per-page`` 1..200, ``page`` or ``cursor`` (both: 400). A cursor walk ends as the
  2025-11 recordings did: the last page with results still carries a cursor, the page
  after it is empty with ``next_cursor: null``;
* a key (``Authorization: Bearer`` or ``api_key=``) other than ``State.openalex_key``
  gets the proxy's 401 body; keyless requests are served.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from fakedata import FakeWorld

from papergraph.models import normalize_title

NOT_FOUND_HTML = (b'<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n'
                  b'<h1>Not Found</h1>\n<p>The requested URL was not found on the server. '
                  b'If you entered the URL manually please check your spelling and try '
                  b'again.</p>\n')
BAD_KEY = b'{"error":"Invalid or missing API key","message":"API key not found"}'
#: the proxy's daily-budget 429 (shape from its source; no recording exists)
BUDGET_429 = (b'{"error":"Rate limit exceeded","message":"Insufficient budget. This request '
              b'costs $0.0001 but you only have $0 remaining. Resets at midnight UTC. Need '
              b'more? Add funds at https://openalex.org/pricing","retryAfter":81471,'
              b'"costUsd":0.0001,"dailyRemainingUsd":0,"prepaidRemainingUsd":0,'
              b'"creditsRequired":1,"creditsRemaining":0,"onetimeCreditsRemaining":0}')
BUDGET_HEADERS = {"Retry-After": "81471", "X-RateLimit-Limit": "1000",
                  "X-RateLimit-Remaining": "0", "X-RateLimit-Credits-Required": "1"}
SELECTABLE = ("id", "doi", "title", "display_name", "relevance_score", "publication_year",
              "publication_date", "ids", "language", "primary_location", "type",
              "indexed_in", "open_access", "authorships", "cited_by_count", "biblio",
              "is_retracted", "is_paratext", "locations_count", "locations",
              "best_oa_location", "referenced_works_count", "referenced_works",
              "related_works", "abstract_inverted_index", "counts_by_year",
              "updated_date", "created_date")
FILTERS = ("doi", "openalex", "ids.openalex", "openalex_id", "cites", "cited_by",
           "title.search", "referenced_works")
ARXIV_SOURCE = {"id": "https://openalex.org/S4306400194",
                "display_name": "arXiv (Cornell University)", "issn_l": None, "issn": None,
                "is_oa": True, "is_in_doaj": False, "is_core": False,
                "host_organization": "https://openalex.org/I205783295",
                "type": "repository"}


def fake_wid(label: str) -> str:
    return "W" + str(4_000_000_000 + int(hashlib.sha1(f"oa:{label}".encode()).hexdigest()
                                         [:8], 16))


@dataclass
class OAWork:
    """One fixture work. ``venue`` empty with ``arxiv`` set: an arXiv preprint."""

    wid: str
    title: str | None
    year: int | None
    authors: list[str]
    doi: str | None = None  # bare, as registered (lower-cased on output)
    type: str = "article"
    venue: str = ""
    arxiv: str | None = None  # an arXiv location (landing page)
    references: list[str] = field(default_factory=list)  # wids
    retracted: bool = False
    cited_by_count: int = 0
    pages: str = ""
    source_type: str = "conference"  # of the venue: journal, conference
    arxiv_version: int | None = None  # the arXiv links end in vN

    def as_json(self) -> dict[str, Any]:
        doi = f"https://doi.org/{self.doi.lower()}" if self.doi else None
        v = f"v{self.arxiv_version}" if self.arxiv_version else ""
        arx = {"id": f"arxiv:{self.arxiv}", "is_oa": True,
               "landing_page_url": f"https://arxiv.org/abs/{self.arxiv}{v}",
               "pdf_url": f"https://arxiv.org/pdf/{self.arxiv}{v}", "source": ARXIV_SOURCE,
               "license": None, "version": "submittedVersion", "is_accepted": False,
               "is_published": False} if self.arxiv else None
        pub = {"id": f"doi:{self.doi}", "is_oa": False, "landing_page_url": doi,
               "pdf_url": None, "source": {"id": "https://openalex.org/S1" + self.wid[1:8],
                                           "display_name": self.venue,
                                           "type": self.source_type},
               "license": None, "version": "publishedVersion", "is_accepted": True,
               "is_published": True} if self.venue else None
        locations = [x for x in (pub, arx) if x]
        first, _, last = self.pages.partition("-")
        n = len(self.authors)
        return {
            "id": f"https://openalex.org/{self.wid}", "doi": doi, "title": self.title,
            "display_name": self.title, "publication_year": self.year,
            "publication_date": f"{self.year}-06-01" if self.year else None,
            "ids": {"openalex": f"https://openalex.org/{self.wid}",
                    **({"doi": doi} if doi else {})},
            "language": "en", "primary_location": locations[0] if locations else None,
            "type": self.type,
            "indexed_in": ["arxiv", "datacite"] if pub is None and arx else ["crossref"],
            "open_access": {"is_oa": arx is not None, "oa_status": "green" if arx else
                            "closed", "oa_url": None, "any_repository_has_fulltext": False},
            "authorships": [
                {"author_position": "first" if i == 0 else "last" if i == n - 1
                 else "middle",
                 "author": {"id": "https://openalex.org/A" + fake_wid(a)[1:], "display_name": a,
                            "orcid": None},
                 "institutions": [], "countries": [], "is_corresponding": i == 0,
                 "raw_author_name": a, "raw_affiliation_strings": [], "affiliations": []}
                for i, a in enumerate(self.authors)],
            "cited_by_count": self.cited_by_count,
            "biblio": {"volume": None, "issue": None, "first_page": first or None,
                       "last_page": last or None},
            "is_retracted": self.retracted, "is_paratext": False,
            "locations_count": len(locations), "locations": locations,
            "best_oa_location": arx, "referenced_works_count": len(self.references),
            "referenced_works": [f"https://openalex.org/{r}" for r in self.references],
            "related_works": [], "abstract_inverted_index": None, "counts_by_year": [],
            "updated_date": "2026-11-30T00:00:00", "created_date": "2025-10-10T00:00:00",
        }


def build_openalex(world: FakeWorld) -> dict[str, OAWork]:
    """OpenAlex's view of the fake world: every linked S2 paper as a work (a seminar
    paper as its arXiv preprint, DOI ``10.48550/arXiv.*``), the same references
    (OpenAlex lists only matched works) and the citing papers citing them."""
    wid = {pid: fake_wid(pid) for pid in world.papers}
    works: dict[str, OAWork] = {}
    for pid, p in world.papers.items():
        if p.unresolved:
            continue
        doi = p.doi or (f"10.48550/arXiv.{p.arxiv}" if p.arxiv else None)
        works[wid[pid]] = OAWork(
            wid[pid], p.title, p.year, list(p.authors), doi=doi,
            type="preprint" if p.arxiv and not p.doi else "article", arxiv=p.arxiv,
            cited_by_count=p.citation_count)
    for pid, p in world.papers.items():
        if wid[pid] in works:
            works[wid[pid]].references = [wid[r] for r, _ in p.references if wid[r] in works]
    for pid, p in world.papers.items():
        if wid[pid] not in works:
            continue
        for c, _ in p.citations:
            citing = works.get(wid[c])
            if citing is not None and wid[pid] not in citing.references:
                citing.references.append(wid[pid])
    return works


# --------------------------------------------------------------------------- answers


def kind(path: str, q: dict[str, list[str]]) -> str:
    """The request kind papergraph counts it as (``openalex-doi``, ``-ids``, ``-refs``,
    ``-cites``, ``-search``; ``openalex-work`` for a singleton)."""
    if path.rstrip("/") != "/works":
        return "openalex-work"
    name = q.get("filter", [""])[0].partition(":")[0]
    return {"doi": "openalex-doi", "cites": "openalex-cites", "cited_by": "openalex-refs",
            "title.search": "openalex-search"}.get(name, "openalex-ids")


def _list_body(results: list[dict], meta: dict[str, Any]) -> bytes:
    return json.dumps({"meta": {**meta, "groups_count": None, "cost_usd": 0.0001},
                       "results": results, "group_by": []}).encode()


def _bad(message: str) -> tuple[int, bytes, str]:
    return 400, json.dumps({"error": "Invalid query parameters error.", "message": message},
                           separators=(",", ":")).encode(), "application/json"


def _cursor(offset: int) -> str:
    return base64.b64encode(json.dumps(f"[{offset}]").encode()).decode()


def _offset(cursor: str) -> int | None:
    if cursor == "*":
        return 0
    try:
        return int(json.loads(base64.b64decode(cursor))[1:-1])
    except (ValueError, TypeError):
        return None


def _bare_doi(value: str) -> str:
    v = value.lower().strip()
    return v.split("doi.org/", 1)[1] if "doi.org/" in v else v.removeprefix("doi:")


def _wid(value: str) -> str:
    return value.rsplit("/", 1)[-1].upper()


def _matches(works: dict[str, OAWork], name: str, values: list[str]) -> list[OAWork]:
    if name == "doi":
        want = {_bare_doi(v) for v in values}
        return [w for w in works.values() if w.doi and w.doi.lower() in want]
    if name in ("openalex", "ids.openalex", "openalex_id"):
        want = {_wid(v) for v in values}
        return [w for w in works.values() if w.wid in want]
    if name in ("cites", "referenced_works"):
        want = {_wid(v) for v in values}
        return [w for w in works.values() if want & set(w.references)]
    if name == "cited_by":
        want = {_wid(v) for v in values}
        refs = {r for v in want if v in works for r in works[v].references}
        return [w for w in works.values() if w.wid in refs]
    words = normalize_title(values[0]).split()  # title.search: every word, any order
    return [w for w in works.values()
            if words and all(x in normalize_title(w.title or "").split() for x in words)]


def answer(works: dict[str, OAWork], path: str, q: dict[str, list[str]],
           headers: dict[str, str], key: str | None) -> tuple[int, bytes, str]:
    """``(status, body, content type)`` for one OpenAlex request."""
    sent = headers.get("authorization", "").removeprefix("Bearer ").strip() or \
        q.get("api_key", [""])[0]
    if sent and sent != key:
        return 401, BAD_KEY, "application/json"
    select = [f for f in q.get("select", [""])[0].split(",") if f]
    bad = [f for f in select if f not in SELECTABLE]
    if bad:
        return _bad(f"{bad[0]} is not a valid select field. Valid fields for select are: "
                    + ", ".join(SELECTABLE) + ".")
    rest = unquote(path[len("/works"):]).lstrip("/")
    if rest:
        return _singleton(works, rest, select)
    return _list(works, q, select)


def _pick(w: OAWork, select: list[str]) -> dict[str, Any]:
    full = w.as_json()
    return {k: v for k, v in full.items() if not select or k in select}


def _singleton(works: dict[str, OAWork], ident: str, select: list[str]
               ) -> tuple[int, bytes, str]:
    if "doi" in ident.lower():
        found = _matches(works, "doi", [ident])
    else:
        found = _matches(works, "openalex", [ident])
    if not found:
        return 404, NOT_FOUND_HTML, "text/html; charset=utf-8"
    return 200, (json.dumps(_pick(found[0], select), separators=(",", ":")) + "\n").encode(), \
        "application/json"


def _list(works: dict[str, OAWork], q: dict[str, list[str]], select: list[str]
          ) -> tuple[int, bytes, str]:
    raw = q.get("filter", [""])[0]
    name, _, value = raw.partition(":")
    if name not in FILTERS or not value:
        return _bad(f"{name} is not a valid field. Valid fields are underscore or "
                    "hyphenated versions of: " + ", ".join(FILTERS))
    values = [value] if name == "title.search" else value.split("|")
    if len(values) > 100:
        return _bad(f"Maximum number of values exceeded for {name}. Decrease values to 100 "
                    "or below, or consider downloading the full dataset.")
    per_page = int((q.get("per-page") or q.get("per_page") or ["25"])[0])
    if not 1 <= per_page <= 200:
        return 400, json.dumps({"error": "Pagination error.", "message": "per-page parameter "
                                "must be between 1 and 200"}).encode(), "application/json"
    found = sorted(_matches(works, name, values), key=lambda w: w.wid, reverse=True)
    cursor = q.get("cursor", [None])[0]
    if cursor is not None:
        if q.get("page", ["1"])[0] != "1":
            return _bad("Cannot use page parameter with cursor.")
        start = _offset(cursor)
        if start is None:
            return _bad("Invalid cursor value")
        page = found[start:start + per_page]
        nxt = _cursor(start + per_page) if page else None
        meta = {"count": len(found), "db_response_time_ms": 5, "page": None,
                "per_page": per_page, "next_cursor": nxt}
    else:
        start = (int(q.get("page", ["1"])[0]) - 1) * per_page
        page = found[start:start + per_page]
        meta = {"count": len(found), "db_response_time_ms": 5, "page": start // per_page + 1,
                "per_page": per_page}
    return 200, _list_body([_pick(w, select) for w in page], meta), "application/json"
