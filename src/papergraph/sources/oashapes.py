"""OpenAlex answers as typed records, checked with ``msgspec`` before use and caching.

The shapes are those of ``shared/reference/openalex/`` (2022 to 2026 recordings): a
work is a JSON object whose ``id`` is ``https://openalex.org/W<digits>``; ``title`` and
``doi`` may be null; a list answer is ``{"meta": {...}, "results": [...]}`` whose
``meta.next_cursor`` is null, or absent, at the end of a cursor walk. Fields the API
added or dropped over time (``grants``, ``awards``, ``host_venue``...) are ignored.
Items of a list are checked one by one: a bad item costs that item (a problem), not
the answer.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

import msgspec
from msgspec import Meta, Struct

from .responses import Checked, ShapeError

Text = Annotated[str, Meta(max_length=20_000)]
Year = Annotated[int, Meta(ge=1000, le=2999)]
Count = Annotated[int, Meta(ge=0)]
WorkId = Annotated[str, Meta(pattern=r"^https://openalex\.org/[Ww][0-9]{1,15}$")]

ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.IGNORECASE)
ARXIV_URL = re.compile(r"^https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/([^?#]+?)(?:v\d+)?"
                       r"(?:\.pdf)?$", re.IGNORECASE)


_ARXIV_V = re.compile(r"v(\d+)(?:\.pdf)?$")


def _convert(obj: Any, kind: type, what: str) -> Any:
    try:
        return msgspec.convert(obj, kind)
    except msgspec.ValidationError as exc:
        raise ShapeError(f"{what}: {str(exc).replace('`', '')}") from None


class Author(Struct, frozen=True):
    id: Text | None = None
    display_name: Text | None = None


class Authorship(Struct, frozen=True):
    author: Author | None = None
    raw_author_name: Text | None = None

    @property
    def name(self) -> str:
        return (self.author.display_name if self.author else None) or \
            self.raw_author_name or ""


class Source(Struct, frozen=True):
    id: Text | None = None
    display_name: Text | None = None
    type: Text | None = None  # journal, repository, conference, ...


class Location(Struct, frozen=True):
    landing_page_url: Text | None = None
    pdf_url: Text | None = None
    source: Source | None = None
    version: Text | None = None
    is_published: bool | None = None

    @property
    def arxiv(self) -> str | None:
        m = ARXIV_URL.match(self.landing_page_url or "")
        return m.group(1) if m else None


class Biblio(Struct, frozen=True):
    volume: Text | None = None
    issue: Text | None = None
    first_page: Text | None = None
    last_page: Text | None = None


class Work(Struct, frozen=True):
    """One OpenAlex work: the fields papergraph asks for (``select``)."""

    id: WorkId
    doi: Text | None = None
    title: Text | None = None
    display_name: Text | None = None
    publication_year: Year | None = None
    publication_date: Text | None = None
    type: Text | None = None
    authorships: list[Authorship] | None = None
    primary_location: Location | None = None
    locations: list[Location] | None = None
    is_retracted: bool | None = None
    cited_by_count: Count | None = None
    referenced_works: list[WorkId] | None = None
    referenced_works_count: Count | None = None
    biblio: Biblio | None = None

    @property
    def short_id(self) -> str:
        """``W2741809807``."""
        return "W" + self.id.rsplit("/", 1)[1][1:]

    @property
    def bare_doi(self) -> str | None:
        """The DOI without ``https://doi.org/`` (OpenAlex lower-cases it)."""
        if not self.doi:
            return None
        return self.doi.split("doi.org/", 1)[1] if "doi.org/" in self.doi else self.doi

    @property
    def arxiv(self) -> str | None:
        """The arXiv id: from a ``10.48550/arXiv.*`` DOI, else an arXiv location."""
        m = ARXIV_DOI.match(self.bare_doi or "")
        if m:
            return m.group(1)
        for loc in (self.primary_location, *(self.locations or ())):
            if loc is not None and loc.arxiv:
                return loc.arxiv
        return None

    @property
    def arxiv_version(self) -> int | None:
        """The highest ``vN`` among its arXiv links (None: no versioned link)."""
        found = [int(m.group(1)) for loc in (self.primary_location, *(self.locations or ()))
                 if loc is not None for url in (loc.landing_page_url, loc.pdf_url)
                 if url and "arxiv.org/" in url and (m := _ARXIV_V.search(url))]
        return max(found) if found else None

    @property
    def is_preprint(self) -> bool:
        if self.type == "preprint":
            return True
        loc = self.primary_location
        return bool(loc and loc.source and loc.source.type == "repository")

    @property
    def published_doi(self) -> str | None:
        """The DOI unless it is an arXiv one."""
        doi = self.bare_doi
        return None if doi is None or ARXIV_DOI.match(doi) else doi

    @property
    def author_names(self) -> tuple[str, ...]:
        return tuple(n for a in self.authorships or () if (n := a.name))

    @property
    def name(self) -> str:
        return self.title or self.display_name or ""

    @property
    def venue(self) -> str:
        """The venue of its primary location, unless that is a repository (arXiv)."""
        loc = self.primary_location
        src = loc.source if loc else None
        if src is None or src.type == "repository":
            return ""
        return src.display_name or ""

    @property
    def venue_type(self) -> str | None:
        """``journal``, ``conference``, ``repository``... of its primary location."""
        loc = self.primary_location
        return loc.source.type if loc and loc.source else None

    @property
    def pages(self) -> str:
        b = self.biblio
        if b is None or not b.first_page:
            return ""
        return f"{b.first_page}-{b.last_page}" if b.last_page and \
            b.last_page != b.first_page else b.first_page

    @property
    def reference_ids(self) -> tuple[str, ...]:
        return tuple("W" + r.rsplit("/", 1)[1][1:] for r in self.referenced_works or ())


class ListMeta(Struct):
    count: Count | None = None
    next_cursor: Text | None = None
    page: int | None = None
    per_page: int | None = None


class ListPage(Struct):
    meta: ListMeta
    results: list[Any]


def work(obj: Any, what: str = "work") -> Work:
    if not isinstance(obj, dict):
        raise ShapeError(f"{what}: not a work object")
    return _convert(obj, Work, what)


def check_work(obj: Any) -> Checked:
    return Checked(work(obj))


def check_list(obj: Any) -> Checked:
    """A list answer: ``Checked.value`` is ``(next_cursor, [(Work, raw dict)])``; a bad
    item is left out and named as a problem."""
    page = _convert(obj, ListPage, "list")
    good, problems = [], []
    for i, item in enumerate(page.results):
        try:
            good.append((work(item, f"results[{i}]"), item))
        except ShapeError as exc:
            problems.append(str(exc))
    cursor = page.meta.next_cursor if page.results else None
    return Checked((cursor, good), tuple(problems))


def check_search(obj: Any) -> Checked:
    """A search answer: like :func:`check_list`, cached with an expiry (new works appear)."""
    checked = check_list(obj)
    return Checked(checked.value, checked.problems, expiring=True)
