"""Plain, frozen dataclasses passed between the pipeline stages.

Two families:

* the **syllabus** (what the seminar page says): :class:`Seminar`, :class:`Area`,
  :class:`Topic`, :class:`Paper`, :class:`Talk`, gathered in :class:`Syllabus`;
* the **resolved records** (what was published, and who cites whom):
  :class:`Record`, :class:`Ref`, :class:`Candidate`, :class:`Provenance`, gathered in
  :class:`Resolution`.

Keeping both lets every later stage show where the page and the publication differ.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, time
from functools import cached_property, lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .refnumbers import RefNumbers

# --------------------------------------------------------------------------- syllabus


@dataclass(frozen=True)
class Milestone:
    """One line of the seminar's time plan, kept as written (``when`` is free text)."""

    when: str
    what: str


@dataclass(frozen=True)
class Seminar:
    title: str
    institution: str = ""
    term: str = ""
    url: str = ""
    milestones: tuple[Milestone, ...] = ()
    focus_topics: tuple[str, ...] = ()
    # optional organiser mapping: focus topic text -> paper keys
    focus_map: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Area:
    slug: str
    title: str


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    area: str  # slug of its Area
    question: str = ""
    papers: tuple[str, ...] = ()  # paper keys, in page order


@dataclass(frozen=True, slots=True)
class Paper:
    """A paper **as the seminar page cites it**, plus optional ids that pin resolution."""

    key: str
    title: str
    authors: tuple[str, ...] = ()
    et_al: bool = False  # the page shortened the author list ("Ruiqi Gao et al.")
    venue: str = ""
    year: int | None = None
    arxiv: str | None = None
    doi: str | None = None
    dblp: str | None = None
    s2_id: str | None = None
    citekey: str | None = None  # pinned BibTeX key; always wins
    version: str | None = None  # pinned version of the record, e.g. "article" (journal)
    note: str = ""


@dataclass(frozen=True)
class Talk:
    """A session on one paper. ``start``/``end`` are None when the page gives only the
    day (a reading group meeting "Oct 31"); both or neither are set."""

    date: date
    start: time | None
    end: time | None
    paper: str  # paper key
    speaker: str = ""
    pinned: bool = False  # `papergraph schedule` keeps it where it is

    @property
    def timed(self) -> bool:
        return self.start is not None and self.end is not None


@dataclass(frozen=True)
class Syllabus:
    seminar: Seminar
    areas: tuple[Area, ...]
    topics: tuple[Topic, ...]
    papers: tuple[Paper, ...]
    talks: tuple[Talk, ...] = ()
    source: str = ""  # file the syllabus was loaded from ("" if built in memory)
    warnings: tuple[str, ...] = ()

    # Look-ups by key are dict-backed (built once, on first use): the stages call them per
    # paper, and a scan per call made a 10,000-paper seminar quadratic.
    @cached_property
    def _papers_by_key(self) -> dict[str, Paper]:
        return {p.key: p for p in self.papers}

    @cached_property
    def _topics_by_slug(self) -> dict[str, Topic]:
        return {t.slug: t for t in self.topics}

    @cached_property
    def _areas_by_slug(self) -> dict[str, Area]:
        return {a.slug: a for a in self.areas}

    @cached_property
    def _topics_by_paper(self) -> dict[str, tuple[str, ...]]:
        index: dict[str, list[str]] = {}
        for t in self.topics:
            for key in dict.fromkeys(t.papers):
                index.setdefault(key, []).append(t.slug)
        return {k: tuple(v) for k, v in index.items()}

    @cached_property
    def _talks_by_paper(self) -> dict[str, tuple[Talk, ...]]:
        index: dict[str, list[Talk]] = {}
        for t in self.talks:
            index.setdefault(t.paper, []).append(t)
        return {k: tuple(v) for k, v in index.items()}

    def paper(self, key: str) -> Paper:
        return self._papers_by_key[key]

    def topic(self, slug: str) -> Topic:
        return self._topics_by_slug[slug]

    def area(self, slug: str) -> Area:
        return self._areas_by_slug[slug]

    def topics_of(self, key: str) -> tuple[str, ...]:
        """Slugs of the topics that list paper ``key``, in syllabus order."""
        return self._topics_by_paper.get(key, ())

    def talks_of(self, key: str) -> tuple[Talk, ...]:
        return self._talks_by_paper.get(key, ())


# --------------------------------------------------------------------------- resolved

Status = Literal["matched", "ambiguous", "not_found", "snapshot", "failed", "unresolved"]


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where one field's value came from: ``source`` is e.g. ``"s2"``, ``"dblp"``,
    ``"snapshot"`` or ``"page"``; ``date`` is the ISO date it was fetched or verified;
    ``detail`` says more (an URL, the evidence named by the facts file)."""

    source: str
    date: str = ""
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Ref:
    """One end of a citation: a paper cited by, or citing, a seminar paper."""

    title: str
    year: int | None = None
    authors: tuple[str, ...] = ()
    s2_id: str | None = None
    arxiv: str | None = None
    doi: str | None = None
    dblp: str | None = None
    corpus_id: int | None = None
    venue: str = ""
    citation_count: int | None = None
    is_influential: bool | None = None
    openalex_id: str | None = None
    seminar_key: str | None = None  # set when this is one of the syllabus's papers
    # where this citation is known from: "s2", "openalex" (fetched), "snapshot" (the
    # verified facts)
    sources: tuple[str, ...] = ()

    @property
    def identity(self) -> str:
        """A key that is equal for two Refs describing the same paper."""
        if self.s2_id:
            return f"s2:{self.s2_id}"
        if self.arxiv:
            return f"arxiv:{self.arxiv.lower()}"
        if self.doi:
            return f"doi:{self.doi.lower()}"
        return f"title:{normalize_title(self.title)}"


@dataclass(frozen=True)
class Candidate:
    """A possible match for an ambiguous paper, with the score that ranked it."""

    s2_id: str | None
    title: str
    year: int | None
    authors: tuple[str, ...]
    score: float


@dataclass(frozen=True, slots=True)
class Version:
    """Another published version of a paper (e.g. the journal article of a conference paper)."""

    kind: str  # "article", "preprint", ...
    title: str = ""
    authors: tuple[str, ...] = ()
    journal: str = ""
    volume: str = ""
    number: str = ""
    pages: str = ""
    year: int | None = None
    url: str = ""
    arxiv: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Record:
    """The published record of one syllabus paper, with its citations and provenance.

    ``references``/``citations`` hold what is known; ``*_complete`` says whether that
    is the whole list (False means "more exist but were not seen": report, don't imply).
    """

    key: str  # syllabus paper key
    status: Status
    confidence: float | None = None
    title: str = ""
    authors: tuple[str, ...] = ()
    year: int | None = None
    venue: str = ""  # short venue, e.g. "NeurIPS"
    entry_type: str = "misc"  # "inproceedings" | "article" | "misc"
    booktitle: str = ""
    journal: str = ""
    editors: tuple[str, ...] = ()
    series: str = ""
    volume: str = ""
    number: str = ""
    pages: str = ""
    publisher: str = ""
    url: str = ""
    pdf: str = ""
    doi: str | None = None
    arxiv: str | None = None
    dblp: str | None = None
    s2_id: str | None = None
    corpus_id: int | None = None
    openalex_id: str | None = None  # "W2741809807"
    retracted: bool | None = None  # OpenAlex's is_retracted; None = not known
    arxiv_version: int | None = None  # the latest arXiv version OpenAlex links to
    citation_count: int | None = None
    influential_citation_count: int | None = None
    dblp_bibtex: str | None = None
    s2_bibtex: str | None = None
    abstract: str = ""  # as Semantic Scholar gives it; "" = not known
    tldr: str = ""  # Semantic Scholar's one-sentence summary (TL;DR); "" = not known
    references: tuple[Ref, ...] = ()
    references_complete: bool = False
    citations: tuple[Ref, ...] = ()
    citations_complete: bool = False
    other_versions: tuple[Version, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    # field name -> where its value came from; sorted by field name
    sources: tuple[tuple[str, Provenance], ...] = ()
    notes: tuple[str, ...] = ()

    def source_of(self, field_name: str) -> Provenance | None:
        for name, prov in self.sources:
            if name == field_name:
                return prov
        return None

    @property
    def has_data(self) -> bool:
        return self.status in ("matched", "snapshot")


@dataclass(frozen=True)
class Resolution:
    """Every syllabus paper's record, in syllabus order, and what the run saw."""

    records: tuple[Record, ...]
    warnings: tuple[str, ...] = ()
    requests: tuple[tuple[str, int], ...] = ()  # request kind -> count, for reports
    # the records' distinct Refs numbered (resolve made it; see ref_numbers)
    numbered: RefNumbers | None = field(default=None, compare=False, repr=False)

    def ref_numbers(self) -> RefNumbers:
        """Each distinct Ref object of the records numbered once
        (:mod:`papergraph.refnumbers`): the one resolution made, while the records are
        still those it numbered, else made now (once per resolution)."""
        given = self.numbered
        if given is not None and given.records is self.records:
            return given
        return self._ref_numbers

    @cached_property
    def _ref_numbers(self) -> RefNumbers:
        from .refnumbers import number_refs

        return number_refs(self.records)

    @cached_property
    def _by_key(self) -> dict[str, Record]:
        return {r.key: r for r in self.records}

    def record(self, key: str) -> Record:
        return self._by_key[key]

    def get(self, key: str) -> Record | None:
        return self._by_key.get(key)

    @cached_property
    def _seminar_links(self) -> tuple[tuple[Record, tuple[Ref, ...], tuple[Ref, ...]], ...]:
        """Per record, its references and citations that are syllabus papers (picked out
        in C: a 10,000-paper list holds half a million references, a few of them links)."""
        linked = attrgetter("seminar_key")
        return tuple((r, tuple(filter(linked, r.references)), tuple(filter(linked, r.citations)))
                     for r in self.records)

    def citation_edges(self) -> tuple[tuple[str, str, bool | None], ...]:
        """Citations among the syllabus's papers as ``(citing, cited, is_influential)``.

        An edge is known if the citing paper lists the cited one among its references,
        or the cited paper lists the citing one among its citations. Sorted, no repeats.
        """
        return self._citation_edges

    @cached_property
    def _citation_edges(self) -> tuple[tuple[str, str, bool | None], ...]:
        """Computed once per resolution (see :meth:`citation_edges`)."""
        edges: dict[tuple[str, str], bool | None] = {}
        for r, refs, cits in self._seminar_links:
            for ref in refs:
                if ref.seminar_key and ref.seminar_key != r.key:
                    pair = (r.key, ref.seminar_key)
                    edges[pair] = edges.get(pair) or ref.is_influential
            for cit in cits:
                if cit.seminar_key and cit.seminar_key != r.key:
                    pair = (cit.seminar_key, r.key)
                    edges[pair] = edges.get(pair) or cit.is_influential
        return tuple((a, b, inf) for (a, b), inf in sorted(edges.items()))

    def edge_sources(self) -> dict[tuple[str, str], tuple[str, ...]]:
        """Where each of :meth:`citation_edges` is known from: ``("s2",)``,
        ``("snapshot",)`` or both, from either end's list."""
        out: dict[tuple[str, str], set[str]] = {}
        for r, refs_of, cits_of in self._seminar_links:
            for refs, citing in ((refs_of, False), (cits_of, True)):
                for ref in refs:
                    if ref.seminar_key and ref.seminar_key != r.key:
                        pair = (ref.seminar_key, r.key) if citing else (r.key, ref.seminar_key)
                        out.setdefault(pair, set()).update(ref.sources)
        return {pair: tuple(sorted(s)) for pair, s in sorted(out.items())}


# --------------------------------------------------------------------------- helpers

_NON_WORD = re.compile(r"[^0-9a-z]+")


# A large reading list asks for the same few hundred thousand titles millions of times
# (every stage compares references by title): each is normalised once. Bounded, so a
# long-lived process keeps at most this many (about 100 MiB at the bound).
@lru_cache(maxsize=1 << 19)
def normalize_title(title: str) -> str:
    """Lower-case ASCII words joined by single spaces: for comparing titles."""
    if title.isascii():  # most titles: nothing to decompose (a third of a large report)
        return _NON_WORD.sub(" ", title.lower()).strip()
    text = unicodedata.normalize("NFKD", title)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return _NON_WORD.sub(" ", text).strip()


def slugify(text: str) -> str:
    """``"Kernel behaviour of NNs"`` -> ``"kernel-behaviour-of-nns"``."""
    return normalize_title(text).replace(" ", "-")


def surname(name: str) -> str:
    """Last word of a display name, ignoring a trailing "Jr."; "" for "et al."."""
    parts = [p for p in name.replace(",", " ").split() if p.lower() not in ("jr.", "jr")]
    return parts[-1] if parts else ""


__all__ = [
    "Area",
    "Candidate",
    "Milestone",
    "Paper",
    "Provenance",
    "Record",
    "Ref",
    "Resolution",
    "Seminar",
    "Status",
    "Syllabus",
    "Talk",
    "Topic",
    "Version",
    "normalize_title",
    "slugify",
    "surname",
]


# --------------------------------------------------------------------------- JSON codec

_C1 = re.compile("[\x7f-\x9f\u2028\u2029]")


def json_text(obj: object, **kwargs: object) -> str:
    """``json.dumps(obj, ensure_ascii=False, **kwargs)`` with DEL, the C1 controls
    (U+007F–U+009F) and the line separators U+2028/U+2029 escaped as ``\\uXXXX`` too:
    valid JSON either way, but a terminal (or a tool showing them as ``\\xNN``, or
    splitting lines at them) would otherwise break or garble it."""
    import json

    text = json.dumps(obj, ensure_ascii=False, **kwargs)  # type: ignore[arg-type]
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def to_jsonable(obj: object) -> object:
    """Dataclasses, tuples and dates as plain JSON values (for caches, snapshot, --json)."""
    import dataclasses

    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, tuple | list):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, date | time):
        return obj.isoformat()
    return obj


def ref_from_json(d: dict | Ref, shared: dict[tuple, Ref] | None = None) -> Ref:
    """Inverse of ``to_jsonable(ref)``. With ``shared`` (one dict for many records), equal
    references are decoded once and the same :class:`Ref` is returned for each: a paper
    cited by a thousand seminar papers is then held once, not a thousand times. A
    :class:`Ref` already decoded comes back as it is."""
    if type(d) is Ref:
        return d
    d = {**d, "authors": tuple(d.get("authors") or ()), "sources": tuple(d.get("sources") or ())}
    if shared is None:
        return Ref(**d)
    ident = tuple(d.items())  # every value is now a scalar or a tuple of strings
    ref = shared.get(ident)
    if ref is None:
        ref = shared[ident] = Ref(**d)
    return ref


def _refs_from_json(items: list | tuple, shared: dict[tuple, Ref] | None) -> tuple[Ref, ...]:
    if type(items) is tuple:  # the cache's Refs, decoded already (JSON has no tuples)
        return items
    if all(map(Ref.__instancecheck__, items)):  # decoded already
        return tuple(items)
    return tuple(ref_from_json(r, shared) for r in items)


def record_from_json(d: dict, shared: dict[tuple, Ref] | None = None) -> Record:
    """Inverse of ``to_jsonable(record)`` (``shared``: see :func:`ref_from_json`)."""
    d = dict(d)
    for name in ("authors", "editors", "notes"):
        d[name] = tuple(d.get(name) or ())
    d["references"] = _refs_from_json(d.get("references") or (), shared)
    d["citations"] = _refs_from_json(d.get("citations") or (), shared)
    d["other_versions"] = tuple(
        Version(**{**v, "authors": tuple(v.get("authors") or ())})
        for v in d.get("other_versions") or ()
    )
    d["candidates"] = tuple(
        Candidate(**{**c, "authors": tuple(c.get("authors") or ())})
        for c in d.get("candidates") or ()
    )
    d["sources"] = tuple((name, Provenance(**p)) for name, p in d.get("sources") or ())
    return Record(**d)
