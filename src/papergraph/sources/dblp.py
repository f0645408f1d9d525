"""dblp through the shared :class:`~.http.Http`: publication search and a record's BibTeX.

dblp is the best source for venue, pages, volume, series, publisher and editors. Its
JSON quirks (one author as an object instead of a list, no ``hit`` key for zero hits,
titles ending with a period and holding XML entities) are handled by
:mod:`.shapes`. dblp asks for at least one second between requests
(``PAPERGRAPH_DBLP_INTERVAL``); a ``Retry-After`` is honoured, a long one stops the
calls for the run. A search without hits and a 404 for a record are negative answers,
cached with an expiry.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

from ..errors import SourceError
from . import shapes
from .http import Http

SEARCH_HITS = 10


class DblpClient:
    """dblp client bound to a base URL and the shared :class:`Http` layer."""

    def __init__(self, http: Http, base_url: str | None = None) -> None:
        self.http = http
        self.base_url = (base_url or http.settings.dblp_url).rstrip("/")

    def search(self, query: str, hits: int = SEARCH_HITS) -> tuple[list[shapes.DblpHit],
                                                                    tuple[str, ...]]:
        """The hits of a publication search, and the problems of hits left out."""
        params = [("q", query), ("format", "json"), ("h", str(hits))]
        resp = self.http.request(
            "dblp", "dblp-search", "GET", f"{self.base_url}/search/publ/api", params=params,
            check=shapes.check_dblp_search,
            cache_key=f"dblp GET /search/publ/api?{urlencode(params)}",
        )
        return resp.value, resp.problems

    def bibtex(self, key: str) -> tuple[str, dict[str, object]]:
        """The record's BibTeX (``/rec/KEY.bib``) and its fields; :class:`NotFound` if dblp
        has no such key."""
        path = f"/rec/{quote(key, safe='/')}.bib"
        return self.http.request("dblp", "dblp-bib", "GET", self.base_url + path,
                                 check=shapes.check_dblp_bib, as_json=False,
                                 cache_key=f"dblp GET {path}").value


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
