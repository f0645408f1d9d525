"""The response-shape layer: every Semantic Scholar and dblp answer as typed records.

Each answer is checked against the documented shapes (``shared/reference/README.md``)
with ``msgspec`` in strict mode before anything uses or caches it: ``year: "twenty"``,
``title: 12345``, ``corpusId: "abc"``, ``paperId: null`` on a paper we asked for, a page
without ``data``, ``citedPaper: null``... are refused with the path of the bad value.
Nulls the real API does send are accepted (``authors``, ``references``, ``venue``,
``journal``, a reference's ``paperId``; see ``PaperWithNullValues.json``).

Envelopes (a batch array, a page, a search result) are checked whole; their items one by
one, so one bad item costs that item (reported as a problem), not the answer. Unknown
fields are ignored: the API may add fields.
"""

from __future__ import annotations

import html
from typing import Annotated, Any

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType, field

from .http import Checked, ShapeError

Text = Annotated[str, Meta(max_length=20_000)]
Id = Annotated[str, Meta(min_length=1, max_length=300)]
Year = Annotated[int, Meta(ge=1000, le=2999)]
Count = Annotated[int, Meta(ge=0)]


def _convert(obj: Any, kind: type, what: str) -> Any:
    try:
        return msgspec.convert(obj, kind)
    except msgspec.ValidationError as exc:
        raise ShapeError(f"{what}: {str(exc).replace('`', '')}") from None


# --------------------------------------------------------------------------- S2


class Author(Struct, frozen=True):
    authorId: str | None = None
    name: Text | None = None


class ExternalIds(Struct, frozen=True):
    ArXiv: Id | None = None
    DOI: Id | None = None
    DBLP: Id | None = None
    CorpusId: Count | None = None


class Journal(Struct, frozen=True):
    name: Text | None = None
    volume: Text | None = None
    pages: Text | None = None


class Pdf(Struct, frozen=True):
    url: Text | None = None


class Styles(Struct, frozen=True):
    bibtex: Annotated[str, Meta(max_length=100_000)] | None = None


class Tldr(Struct, frozen=True):
    text: Text | None = None


class S2Ref(Struct, frozen=True):
    """The paper at the other end of a citation (its ``paperId`` may be null)."""

    paperId: Id | None = None
    externalIds: ExternalIds | None = None
    corpusId: Count | None = None
    title: Text | None = None
    year: Year | None = None
    authors: list[Author] | None = None
    venue: Text | None = None
    citationCount: Count | None = None

    @property
    def author_names(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.authors or () if a.name)

    @property
    def ids(self) -> ExternalIds:
        return self.externalIds or ExternalIds()

    @property
    def corpus(self) -> int | None:
        return self.corpusId if self.corpusId is not None else self.ids.CorpusId


class S2Paper(S2Ref, frozen=True):
    """A paper we asked for: its ``paperId`` is required."""

    paperId: Id  # type: ignore[assignment]  (required here, and not null)
    url: Text | None = None
    journal: Journal | None = None
    influentialCitationCount: Count | None = None
    openAccessPdf: Pdf | None = None
    publicationDate: Text | None = None
    citationStyles: Styles | None = None
    referenceCount: Count | None = None
    abstract: Text | None = None
    tldr: Tldr | None = None  # asked for in batch calls only
    references: list[Any] | None | UnsetType = UNSET  # inline; items checked one by one
    matchScore: float | None = None


class _Edge(Struct):
    isInfluential: bool | None = None


class Cited(_Edge):
    citedPaper: S2Ref = field(default_factory=S2Ref)


class Citing(_Edge):
    citingPaper: S2Ref = field(default_factory=S2Ref)


class Page(Struct):
    data: list[Any]
    offset: Count = 0
    next: Count | None = None
    total: Count | None = None


def paper(obj: Any, what: str = "paper") -> S2Paper:
    if not isinstance(obj, dict) or obj.get("paperId") in (None, ""):
        raise ShapeError(f"{what}: not a paper with a paperId")
    return _convert(obj, S2Paper, what)


def inline_refs(p: S2Paper) -> Checked:
    """The references that came inline with ``p`` (``Checked.value`` is a list of
    :class:`S2Ref`, or None when the field is null or was not asked for)."""
    if p.references is UNSET or p.references is None:
        return Checked(None)
    good, problems = [], []
    for i, item in enumerate(p.references):
        try:
            good.append(_convert(item, S2Ref, f"references[{i}]"))
        except ShapeError as exc:
            problems.append(str(exc))
    return Checked(good, tuple(problems))


def check_batch(n: int):
    """Check for ``POST /paper/batch`` with ``n`` ids: an array of ``n`` papers or nulls.

    ``Checked.value`` holds, per id, an :class:`S2Paper`, None (unknown id) or a
    :class:`ShapeError` (a bad item)."""

    def check(obj: Any) -> Checked:
        if not isinstance(obj, list):
            raise ShapeError("batch answer is not an array")
        if len(obj) != n:
            raise ShapeError(f"batch answer has {len(obj)} entries for {n} ids")
        out: list[Any] = []
        problems = []
        for i, item in enumerate(obj):
            try:
                out.append(None if item is None else paper(item, f"[{i}]"))
            except ShapeError as exc:
                out.append(exc)
                problems.append(str(exc))
        return Checked(out, tuple(problems))

    return check


def check_paper(obj: Any) -> Checked:
    return Checked(paper(obj))


def check_match(obj: Any) -> Checked:
    """``/paper/search/match``: ``{"data": [paper + matchScore]}``; value None if empty."""
    if not isinstance(obj, dict) or not isinstance(obj.get("data"), list):
        raise ShapeError("title match answer has no data array")
    data = obj["data"]
    return Checked(paper(data[0], "data[0]") if data else None, expiring=not data)


def check_page(inner: str):
    """Check for a references/citations page: ``{"offset", "next"?, "data": [...]}``.

    ``Checked.value`` is ``(page, items)``; items are ``(S2Ref, isInfluential)``."""
    kind = Cited if inner == "citedPaper" else Citing

    def check(obj: Any) -> Checked:
        page = _convert(obj, Page, "page")
        if page.next is not None and page.next <= page.offset:
            raise ShapeError(f"page: next ({page.next}) does not advance past offset "
                             f"{page.offset}")
        items, problems = [], []
        for i, raw in enumerate(page.data):
            if isinstance(raw, dict) and raw.get(inner) is None:
                problems.append(f"data[{i}].{inner}: null")
                continue
            try:
                item = _convert(raw, kind, f"data[{i}]")
            except ShapeError as exc:
                problems.append(str(exc))
                continue
            items.append((getattr(item, inner), item.isInfluential))
        return Checked((page, items), tuple(problems))

    return check


def check_search(obj: Any) -> Checked:
    """``/paper/search``: a page of papers; bad items are left out (and reported)."""
    page = _convert(obj, Page, "search")
    good, problems = [], []
    for i, item in enumerate(page.data):
        try:
            good.append(paper(item, f"data[{i}]"))
        except ShapeError as exc:
            problems.append(str(exc))
    return Checked(good, tuple(problems), expiring=True)


# --------------------------------------------------------------------------- dblp


class DblpAuthor(Struct, frozen=True):
    text: Text
    pid: str | None = field(name="@pid", default=None)


class DblpAuthors(Struct, frozen=True):
    author: DblpAuthor | list[DblpAuthor]


class DblpInfo(Struct, frozen=True):
    key: Id
    title: Text
    authors: DblpAuthors | None = None
    venue: Text | list[Text] | None = None
    year: Annotated[str, Meta(pattern=r"^[0-9]{4}$")] | None = None
    type: Text | None = None
    doi: Id | None = None
    volume: Text | None = None
    number: Text | None = None
    pages: Text | None = None
    ee: Text | list[Text] | None = None  # the electronic edition(s): the .bib's url


class DblpHit(Struct, frozen=True):
    """One search hit, cleaned: the title without its final period or XML entities."""

    info: DblpInfo

    @property
    def key(self) -> str:
        return self.info.key

    @property
    def title(self) -> str:
        title = html.unescape(self.info.title).strip()
        return title[:-1] if title.endswith(".") else title

    @property
    def authors(self) -> tuple[str, ...]:
        a = self.info.authors.author if self.info.authors else []
        return tuple(html.unescape(x.text) for x in (a if isinstance(a, list) else [a]))

    @property
    def year(self) -> int | None:
        return int(self.info.year) if self.info.year else None

    @property
    def venue(self) -> str:
        v = self.info.venue
        return html.unescape(", ".join(v) if isinstance(v, list) else v or "")


class _Hits(Struct):
    total: Annotated[str, Meta(pattern=r"^[0-9]+$")] = field(name="@total", default="0")
    hit: Any = None  # one object or a list; absent with zero hits


class _Result(Struct):
    hits: _Hits


class _Search(Struct):
    result: _Result


def check_dblp_search(obj: Any) -> Checked:
    """``/search/publ/api?format=json``: hits as :class:`DblpHit` (bad hits reported)."""
    hits = _convert(obj, _Search, "dblp search").result.hits.hit
    good, problems = [], []
    for i, item in enumerate(hits if isinstance(hits, list) else
                             [] if hits is None else [hits]):
        try:
            good.append(_convert(item, DblpHit, f"hit[{i}]"))
        except ShapeError as exc:
            problems.append(str(exc))
    return Checked(good, tuple(problems), expiring=True)


def check_dblp_bib(text: Any) -> Checked:
    """A ``/rec/KEY.bib`` body: one parsable BibTeX entry, as plain fields."""
    from ..errors import SourceError
    from .dblp import parse_bibtex

    if not isinstance(text, str) or "@" not in text:
        raise ShapeError("dblp answered no BibTeX")
    try:
        return Checked((text, parse_bibtex(text)))
    except SourceError as exc:
        raise ShapeError(str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - pybtex raises several types
        raise ShapeError(f"dblp BibTeX cannot be parsed ({type(exc).__name__})") from None
