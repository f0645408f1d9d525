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


_HOMONYM = re.compile(r"\s+\d{4}$")  # dblp's number for one of several same-named people


def fields_from_hit(hit: shapes.DblpHit) -> tuple[dict[str, object], str] | None:
    """The fields the record's ``.bib`` would give, read from its search hit alone, and
    what the provenance should say; None when the hit leaves something out (then the
    ``.bib`` is fetched).

    A hit holds the key, title, authors, venue, volume, number, pages, year, type, DOI
    and electronic edition (the ``.bib``'s url). That is the whole entry for a CoRR
    preprint and a journal article; a conference paper's booktitle, editors and series
    come from ``data/proceedings.json`` when the table holds its volume.
    """
    from ..bib.proceedings import conference_acronym, volumes

    info = hit.info
    ee = info.ee[0] if isinstance(info.ee, list) and info.ee else info.ee
    authors = tuple(_HOMONYM.sub("", a) for a in hit.authors)
    if not (hit.title and authors and hit.year and isinstance(ee, str) and ee):
        return None
    fields: dict[str, object] = {"citekey": f"DBLP:{hit.key}", "title": hit.title,
                                 "author": authors, "year": str(hit.year), "url": ee}
    if info.doi:
        fields["doi"] = info.doi
    pages = re.sub("[-\u2013\u2014]+", "-", info.pages) if info.pages else ""
    if hit.key.startswith("journals/corr/"):
        if not info.volume:
            return None
        fields.update(entry_type="article", journal="CoRR", volume=info.volume)
        return fields, f"search hit {hit.key} (CoRR)"
    if pages:  # the hit and the .bib are the same dblp record: no pages in one, none in both
        fields["pages"] = pages
    if info.type == "Journal Articles":
        if not hit.venue:
            return None
        fields.update(entry_type="article", journal=hit.venue, **{
            k: v for k, v in (("volume", info.volume), ("number", info.number)) if v})
        return fields, f"search hit {hit.key} (journal article)"
    acronym = conference_acronym(hit.venue) if hit.venue else None
    volume = next((v for v in volumes() if acronym and v.year == hit.year and acronym
                   in (v.venue.upper(), "NIPS" if v.venue == "NeurIPS" else "")), None)
    if info.type != "Conference and Workshop Papers" or volume is None:
        return None
    fields.update(entry_type="inproceedings", booktitle=volume.booktitle,
                  **{k: v for k, v in (("editor", volume.editors), ("series", volume.series),
                                       ("volume", volume.volume),
                                       ("publisher", volume.publisher)) if v})
    return fields, (f"search hit {hit.key}; booktitle, editors, series: papergraph "
                    f"proceedings table ({volume.venue} {volume.year})")
