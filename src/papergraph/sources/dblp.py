"""dblp through ``requests``: publication search and a record's BibTeX.

dblp is the best source for venue, pages, volume, series, publisher and editors. Its
JSON has quirks handled here: one author comes as an object instead of a list, a search
with no hits has no ``hit`` key, titles end with a period and contain XML entities.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from ..errors import SourceError
from .http import Http

SEARCH_HITS = 10


@dataclass(frozen=True)
class DblpHit:
    key: str
    title: str
    authors: tuple[str, ...]
    year: int | None
    venue: str
    type: str
    doi: str | None = None


def _as_list(value: object) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _clean_title(title: str) -> str:
    title = html.unescape(title or "").strip()
    return title[:-1] if title.endswith(".") else title


def parse_hits(data: object) -> list[DblpHit]:
    """Hits of a ``/search/publ/api`` JSON answer (tolerating every documented shape)."""
    if not isinstance(data, dict):
        raise SourceError("dblp search answer is not a JSON object")
    hits = ((data.get("result") or {}).get("hits") or {}).get("hit")
    out = []
    for hit in _as_list(hits):
        info = (hit or {}).get("info") or {}
        if not info.get("key"):
            continue
        authors = tuple(
            html.unescape(a.get("text", "") if isinstance(a, dict) else str(a))
            for a in _as_list((info.get("authors") or {}).get("author"))
        )
        year = info.get("year")
        out.append(DblpHit(
            key=info["key"], title=_clean_title(info.get("title", "")), authors=authors,
            year=int(year) if str(year or "").isdigit() else None,
            venue=html.unescape(str(info.get("venue") or "")), type=info.get("type", ""),
            doi=info.get("doi"),
        ))
    return out


class DblpClient:
    """dblp client bound to a base URL and the shared :class:`Http` layer."""

    def __init__(self, http: Http, base_url: str | None = None) -> None:
        self.http = http
        self.base_url = (base_url or http.settings.dblp_url).rstrip("/")

    def search(self, query: str, hits: int = SEARCH_HITS) -> list[DblpHit]:
        params = [("q", query), ("format", "json"), ("h", str(hits))]
        resp = self.http.request(
            "dblp", "dblp-search", "GET", f"{self.base_url}/search/publ/api", params=params,
            cache_key=f"dblp GET /search/publ/api?{urlencode(params)}",
        )
        return parse_hits(resp.json())

    def bibtex(self, key: str) -> str:
        """The record's BibTeX (``/rec/KEY.bib``); :class:`NotFound` if dblp has no such key."""
        path = f"/rec/{quote(key, safe='/')}.bib"
        resp = self.http.request("dblp", "dblp-bib", "GET", self.base_url + path,
                                 cache_key=f"dblp GET {path}")
        text = resp.text
        if "@" not in text:
            raise SourceError(f"dblp answered no BibTeX for {key}")
        return text


def parse_bibtex(text: str) -> dict[str, object]:
    """The first entry of a dblp ``.bib`` as plain fields (LaTeX braces removed)."""
    from pybtex.database import parse_string
    from pybtex.scanner import PybtexError

    try:
        db = parse_string(text, "bibtex")
    except PybtexError as exc:
        raise SourceError(f"dblp BibTeX cannot be parsed: {exc}") from None
    if not db.entries:
        raise SourceError("dblp BibTeX has no entry")
    key, entry = next(iter(db.entries.items()))
    fields: dict[str, object] = {"citekey": key, "entry_type": entry.type.lower()}
    for name, value in entry.fields.items():
        fields[name.lower()] = _detex(" ".join(str(value).split()))
    if isinstance(fields.get("pages"), str):
        fields["pages"] = re.sub("[-\u2013\u2014]+", "-", str(fields["pages"]))
    for role in ("author", "editor"):
        people = entry.persons.get(role, [])
        fields[role] = tuple(_detex(" ".join(" ".join(str(p).split(", ")[::-1]).split()))
                             for p in people)
    return fields


def _detex(text: str) -> str:
    """``Stockholmsm{\\"{a}}ssan`` -> ``Stockholmsmässan``; ``{ICML}`` -> ``ICML``."""
    try:
        from latexcodec import codec  # noqa: F401  (pybtex dependency registers "latex")

        text = text.encode("utf-8").decode("latex")
    except Exception:  # noqa: BLE001 - best effort, fall back to stripping braces
        pass
    return text.replace("{", "").replace("}", "").replace("\\&", "&")
