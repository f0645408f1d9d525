"""What the network gave for one paper, merged into a :class:`Record` with provenance.

Fields: dblp > Semantic Scholar > OpenAlex > the shipped snapshot, each with its source
and date; a value Semantic Scholar and OpenAlex both give alike says ``openalex+s2``.
Citations: every :class:`Ref` says where it is known from (``Ref.sources``): ``s2`` when
Semantic Scholar listed it in this run, ``openalex`` when OpenAlex did, ``snapshot`` when
it is a verified citation among the seminar's papers from the shipped facts, several
when they agree. The record's
``references``/``citations`` provenance names every source its list draws on and whether
the list is complete.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from typing import Any

from .models import (
    Candidate,
    Paper,
    Provenance,
    Record,
    Ref,
    Syllabus,
    Version,
    normalize_title,
    surname,
)
from .sources.oashapes import Work
from .sources.semanticscholar import Edges
from .sources.shapes import S2Paper, S2Ref


def page_record(paper: Paper) -> Record:
    """A stand-in record built from the page's own citation, for a paper without data.

    Marked ``status="unresolved"`` with every field sourced from ``"page"``, so later
    stages can show it and say that it is the page's citation, not the published one.
    """
    prov = Provenance("page", "", "the syllabus's citation, not resolved")
    fields = [f for f in ("title", "authors", "venue", "year", "arxiv") if getattr(paper, f)]
    return Record(
        key=paper.key, status="unresolved", confidence=None, title=paper.title,
        authors=paper.authors, year=paper.year, venue=paper.venue, arxiv=paper.arxiv,
        doi=paper.doi, dblp=paper.dblp, s2_id=paper.s2_id,
        sources=tuple(sorted((f, prov) for f in fields)),
        notes=("unresolved: this is the page's own citation",),
    )


# --------------------------------------------------------------------------- scoring


def _surnames(names: tuple[str, ...] | list[str]) -> set[str]:
    return {normalize_title(surname(n)) for n in names if surname(n)}


def score_candidate(paper: Paper, title: str, year: int | None,
                    authors: tuple[str, ...] | list[str]) -> float:
    """0..1: title similarity (60 %), year (20 %; ±1 tolerated for preprints at 80 %),
    author-surname overlap (20 %). Missing year or authors on either side count half."""
    from rapidfuzz import fuzz

    t = fuzz.token_sort_ratio(normalize_title(paper.title), normalize_title(title)) / 100
    if paper.year and year:
        diff = abs(paper.year - year)
        y = 1.0 if diff == 0 else 0.8 if diff == 1 else 0.0
    else:
        y = 0.5
    mine, theirs = _surnames(paper.authors), _surnames(authors)
    a = len(mine & theirs) / len(mine) if mine and theirs else 0.5
    return round(0.6 * t + 0.2 * y + 0.2 * a, 3)


def candidate(paper: Paper, data: S2Paper) -> Candidate:
    authors = data.author_names
    return Candidate(
        s2_id=data.paperId, title=data.title or "", year=data.year, authors=authors,
        score=score_candidate(paper, data.title or "", data.year, authors),
    )


# --------------------------------------------------------------------------- ids


def paper_lookup_id(paper: Paper) -> str | None:
    """The id to send in a batch call: a pinned S2 id wins, then arXiv, then DOI."""
    if paper.s2_id:
        return paper.s2_id.strip()
    if paper.arxiv:
        return f"ARXIV:{paper.arxiv.strip()}"
    if paper.doi:
        return f"DOI:{paper.doi.strip()}"
    return None


RECORD_FORMAT = 3  # bump when Record's meaning changes: cached records are rebuilt
# (3: OpenAlex ids, retraction, versions and edge sources; the stored answers are reused)


def fingerprint(paper: Paper) -> str:
    """Cache key of a paper's record: changes when anything used to resolve it changes."""
    data = [RECORD_FORMAT, paper.title, list(paper.authors), paper.year, paper.arxiv,
            paper.doi, paper.dblp, paper.s2_id]
    return hashlib.sha256(json.dumps(data).encode()).hexdigest()[:32]


def ref_from_s2(data: S2Ref, influential: bool | None = None) -> Ref:
    ids = data.ids
    return Ref(
        title=data.title or "", year=data.year, authors=data.author_names,
        s2_id=data.paperId, arxiv=ids.ArXiv, doi=ids.DOI, dblp=ids.DBLP,
        corpus_id=data.corpus, venue=data.venue or "", citation_count=data.citationCount,
        is_influential=influential, sources=("s2",),
    )


# --------------------------------------------------------------------------- seminar edges


class SeminarIndex:
    """Finds which syllabus paper a Ref is (by S2 id, arXiv, DOI, normalised title)."""

    def __init__(self, syllabus: Syllabus, records: list[Record]) -> None:
        self.by: dict[str, str] = {}
        for p in syllabus.papers:
            self._add(p.key, p.s2_id, p.arxiv, p.doi, p.title)
        for r in records:
            if r.has_data:
                self._add(r.key, r.s2_id, r.arxiv, r.doi, r.title)

    def _add(self, key: str, s2: str | None, arxiv: str | None, doi: str | None,
             title: str) -> None:
        for k in (f"s2:{s2}" if s2 else "", f"arxiv:{arxiv.lower()}" if arxiv else "",
                  f"doi:{doi.lower()}" if doi else "",
                  f"title:{normalize_title(title)}" if title else ""):
            if k:
                self.by.setdefault(k, key)

    def find(self, ref: Ref) -> str | None:
        for k in (f"s2:{ref.s2_id}" if ref.s2_id else "",
                  f"arxiv:{ref.arxiv.lower()}" if ref.arxiv else "",
                  f"doi:{ref.doi.lower()}" if ref.doi else "",
                  f"title:{normalize_title(ref.title)}" if ref.title else ""):
            if k and k in self.by:
                return self.by[k]
        return None


def _same(a: Ref, b: Ref) -> bool:
    return bool(
        (a.s2_id and a.s2_id == b.s2_id)
        or (a.arxiv and b.arxiv and a.arxiv.lower() == b.arxiv.lower())
        or (a.doi and b.doi and a.doi.lower() == b.doi.lower())
        or (a.title and normalize_title(a.title) == normalize_title(b.title))
    )


def merge_refs(primary: tuple[Ref, ...], extra: tuple[Ref, ...]) -> tuple[Ref, ...]:
    """``primary`` plus the verified intra-seminar entries of ``extra`` it lacks; an entry
    of both lists keeps ``primary``'s data and gains ``extra``'s sources."""
    out = list(primary)
    for r in extra:
        if not r.seminar_key:
            continue
        for i, p in enumerate(out):
            if _same(r, p):
                merged = tuple(sorted(set(p.sources) | set(r.sources)))
                out[i] = replace(p, sources=merged, seminar_key=p.seminar_key or r.seminar_key)
                break
        else:
            out.append(r)
    return tuple(out)


def union_refs(primary: tuple[Ref, ...], extra: tuple[Ref, ...]) -> tuple[Ref, ...]:
    """Every entry of both lists once: an entry of both keeps ``primary``'s data and
    gains ``extra``'s sources."""
    out = list(primary)
    for r in extra:
        for i, p in enumerate(out):
            if _same(r, p):
                merged = tuple(sorted(set(p.sources) | set(r.sources)))
                out[i] = replace(p, sources=merged, seminar_key=p.seminar_key or r.seminar_key)
                break
        else:
            out.append(r)
    return tuple(out)


def edges_provenance(refs: tuple[Ref, ...], complete: bool, date: str,
                     why: str = "") -> Provenance:
    """``s2``, ``snapshot`` or ``s2+snapshot`` for a citation list, with counts."""
    counts: dict[str, int] = {}
    for r in refs:
        for s in r.sources or ("s2",):
            counts[s] = counts.get(s, 0) + 1
    source = "+".join(sorted(counts)) or "s2"
    parts = ["complete" if complete else "incomplete"]
    if len(counts) > 1 or "snapshot" in counts:
        parts += [f"{n} from {s}" for s, n in sorted(counts.items())]
    if why:
        parts.append(why)
    return Provenance(source, date, "; ".join(parts))


# --------------------------------------------------------------------------- merging


@dataclass
class Fetched:
    """What the network gave for one paper (filled by :mod:`papergraph.network`)."""

    s2: S2Paper | None = None
    confidence: float | None = None
    status: str = "matched"
    candidates: tuple[Candidate, ...] = ()
    refs: Edges | None = None
    cits: Edges | None = None
    dblp_key: str | None = None
    dblp_bib: str | None = None
    dblp_fields: dict[str, Any] = field(default_factory=dict)
    dblp_venue: str = ""
    dblp_detail: str = ""  # where dblp's fields were read, when not the record's .bib
    oa: Work | None = None  # OpenAlex's work
    oa_refs: tuple[Ref, ...] | None = None  # None: not asked; else its seminar entries,
    oa_refs_complete: bool = False  # or (True) its whole reference list
    oa_cits: tuple[Ref, ...] | None = None
    oa_cits_complete: bool = False
    problems: list[str] = field(default_factory=list)  # per-paper warnings
    missing: list[str] = field(default_factory=list)  # parts to fetch again next run
    notes: list[str] = field(default_factory=list)
    expires: str | None = None  # the earliest expiry of a negative answer it rests on

    def expire_by(self, when: str | None) -> None:
        if when and (self.expires is None or when < self.expires):
            self.expires = when


def _edge_list(got: Edges | None, snap_refs: tuple[Ref, ...], snap_complete: bool,
               kind: str, oa: tuple[Ref, ...] | None = None, oa_complete: bool = False,
               ) -> tuple[tuple[Ref, ...], bool, str]:
    refs = tuple(ref_from_s2(r, inf) for r, inf in (got.items if got else ()))
    complete = bool(got and got.complete)
    if oa and oa_complete and not complete:  # OpenAlex has the list Semantic Scholar lacks
        refs, complete = union_refs(oa, refs), True
    elif oa:  # its entries among the seminar's papers: the cross-check
        refs = merge_refs(refs, oa)
    if not complete and snap_complete:
        return merge_refs(snap_refs, refs), True, ""
    if complete:
        why = ""
    elif got is None or not got.note:  # a service down, or offline
        why = f"{kind} not fetched" if not refs else f"the rest of the {kind} not fetched"
    else:
        why = got.note
    return merge_refs(refs, snap_refs), complete or snap_complete, why


class _Picker:
    """Each field's first known value among its options, else the snapshot's, with its
    source; a value Semantic Scholar and OpenAlex both give alike says ``openalex+s2``."""

    def __init__(self, snap: Record | None) -> None:
        self.snap = snap
        self.values: dict[str, Any] = {}
        self.sources: dict[str, Provenance] = {}

    def __call__(self, name: str, *options: tuple[Any, Provenance | None]) -> None:
        known = [(v, p) for v, p in options if v not in (None, "", ()) and p is not None]
        snap = self.snap
        if known:
            self.values[name], prov = known[0]
            if prov.source == "s2" and any(p.source == "openalex" and _alike(v, known[0][0])
                                           for v, p in known):
                prov = replace(prov, source="openalex+s2")
            self.sources[name] = prov
        elif snap is not None and getattr(snap, name) not in (None, "", ()):
            self.values[name] = getattr(snap, name)
            self.sources[name] = snap.source_of(name) or Provenance("snapshot", "", "")


@dataclass(frozen=True)
class _Origins:
    """What each source gave for one paper, and the provenance of its values."""

    s2: S2Paper
    oa: Work
    db: dict[str, Any]
    p_s2: Provenance | None
    p_oa: Provenance | None
    p_db: Provenance | None
    published: bool  # OpenAlex's published version goes before S2's preprint


def _fields(got: Fetched, snap: Record | None, today: str
            ) -> tuple[dict[str, Any], dict[str, Provenance]]:
    """Every field's value and source: dblp, then Semantic Scholar, then OpenAlex, then
    the snapshot (OpenAlex before Semantic Scholar for the publication's own fields when
    only it gives the published version)."""
    oa = got.oa
    o = _Origins(
        s2=got.s2 or S2Paper(paperId=""), oa=oa or Work(id="https://openalex.org/W0"),
        db=got.dblp_fields,
        p_s2=Provenance("s2", today, f"paper/{got.s2.paperId}") if got.s2 else None,
        p_oa=Provenance("openalex", today, f"works/{oa.short_id}") if oa else None,
        p_db=Provenance("dblp", today, got.dblp_detail or f"rec/{got.dblp_key}")
        if got.dblp_key else None,
        published=openalex_published(got))
    put = _Picker(snap)
    _publication(put, o, got, snap)
    _identifiers(put, o, got)
    return put.values, put.sources


def _publication(put: _Picker, o: _Origins, got: Fetched, snap: Record | None) -> None:
    """Title, authors, year, venue and the entry's bibliographic fields."""
    s2, w, db, p_s2, p_oa, p_db = o.s2, o.oa, o.db, o.p_s2, o.p_oa, o.p_db

    def order(*opts: tuple[Any, Provenance | None]) -> tuple[tuple[Any, Any], ...]:
        return opts[::-1] if o.published else opts

    year = db.get("year")
    journal = s2.journal
    put("title", (db.get("title"), p_db), (s2.title, p_s2), (w.name, p_oa))
    put("authors", (db.get("author"), p_db), (s2.author_names, p_s2),
        (w.author_names, p_oa))
    put("year", (int(year) if str(year or "").isdigit() else None, p_db),
        *order((s2.year, p_s2), (w.publication_year, p_oa)))
    put("venue", (got.dblp_venue, p_db),
        (snap.venue if snap else None, snap.source_of("venue") if snap else None),
        *order((s2.venue, p_s2), (w.venue, p_oa)))
    kind = w.venue_type if o.published else None
    put("entry_type", (db.get("entry_type"), p_db),
        ({"journal": "article", "conference": "inproceedings"}.get(kind or ""), p_oa))
    put("booktitle", (db.get("booktitle"), p_db),
        (w.venue if kind == "conference" else None, p_oa))
    put("journal", (db.get("journal"), p_db), (w.venue if kind == "journal" else None, p_oa))
    put("editors", (db.get("editor"), p_db))
    for name in ("series", "number", "publisher"):
        put(name, (db.get(name), p_db))
    put("volume", (db.get("volume"), p_db),
        (journal.volume if journal and not db else None, p_s2))
    put("pages", (db.get("pages"), p_db),
        *order((journal.pages if journal and not db else None, p_s2),
               (w.pages if not db else None, p_oa)))
    put("doi", (db.get("doi"), p_db), *order((s2.ids.DOI, p_s2), (w.published_doi, p_oa)))


def _identifiers(put: _Picker, o: _Origins, got: Fetched) -> None:
    """Links, ids, counts, the sources' own BibTeX, abstract and TL;DR."""
    s2, w, p_s2, p_oa, p_db = o.s2, o.oa, o.p_s2, o.p_oa, o.p_db
    put("url", (o.db.get("url"), p_db), (s2.url, p_s2))
    put("pdf", (s2.openAccessPdf.url if s2.openAccessPdf else None, p_s2))
    put("arxiv", (s2.ids.ArXiv, p_s2), (w.arxiv, p_oa))
    put("dblp", (got.dblp_key, p_db), (s2.ids.DBLP, p_s2))
    put("s2_id", (s2.paperId or None, p_s2))
    put("openalex_id", (w.short_id if got.oa else None, p_oa))
    put("retracted", (w.is_retracted, p_oa))
    put("arxiv_version", (w.arxiv_version, p_oa))
    put("corpus_id", (s2.corpus, p_s2))
    put("citation_count", (s2.citationCount, p_s2), (w.cited_by_count, p_oa))
    put("influential_citation_count", (s2.influentialCitationCount, p_s2))
    put("dblp_bibtex", (got.dblp_bib, p_db))
    put("s2_bibtex", (s2.citationStyles.bibtex if s2.citationStyles else None, p_s2))
    put("abstract", (s2.abstract, p_s2))
    put("tldr", (s2.tldr.text if s2.tldr else None, p_s2))


PREPRINT_VENUES = ("", "arxiv", "arxiv.org", "corr", "biorxiv", "medrxiv", "ssrn")


def _s2_preprint(s2: S2Paper) -> bool:
    """Semantic Scholar describes the preprint: no venue but arXiv (or the like)."""
    journal = (s2.journal.name if s2.journal else None) or ""
    return (s2.venue or "").strip().lower() in PREPRINT_VENUES and \
        journal.strip().lower() in PREPRINT_VENUES


def openalex_published(got: Fetched) -> bool:
    """OpenAlex gives a published version (a journal or proceedings) where Semantic
    Scholar gives the preprint, or nothing: its venue, year, DOI and pages come first."""
    oa = got.oa
    if oa is None or oa.is_preprint or not oa.venue:
        return False
    return got.s2 is None or _s2_preprint(got.s2)


def preprint_version(got: Fetched) -> Version | None:
    """The preprint beside the published version the record describes (for
    ``version = "preprint"`` and ``bib --explain``): Semantic Scholar's or OpenAlex's,
    whichever gave the preprint while the other gave the published version."""
    s2, oa = got.s2, got.oa
    if openalex_published(got):
        arxiv = (s2.ids.ArXiv if s2 else None) or (oa.arxiv if oa else None)
        if not arxiv:
            return None
        if s2 is not None:
            return Version("preprint", s2.title or "", s2.author_names, year=s2.year,
                           url=f"https://arxiv.org/abs/{arxiv}", arxiv=arxiv,
                           note="Semantic Scholar's record")
        return Version("preprint", url=f"https://arxiv.org/abs/{arxiv}", arxiv=arxiv,
                       note="an arXiv location of OpenAlex's work")
    if oa is not None and oa.is_preprint and oa.arxiv and s2 is not None \
            and not _s2_preprint(s2):
        return Version("preprint", oa.name, oa.author_names, year=oa.publication_year,
                       url=f"https://arxiv.org/abs/{oa.arxiv}", arxiv=oa.arxiv,
                       note=f"OpenAlex's work {oa.short_id}")
    return None


def _alike(a: Any, b: Any) -> bool:
    """Two sources' values of one field say the same (titles and names as words)."""
    if isinstance(a, str) and isinstance(b, str):
        return normalize_title(a) == normalize_title(b)
    if isinstance(a, tuple) and isinstance(b, tuple):
        return [normalize_title(surname(x)) for x in a] == [normalize_title(surname(x))
                                                             for x in b]
    return a == b


def _versions(snap: Record | None, preprint: Version | None) -> tuple[Version, ...]:
    have = snap.other_versions if snap else ()
    if preprint is None or any(v.kind == "preprint" for v in have):
        return have
    return (*have, preprint)


def merge(paper: Paper, got: Fetched, snap: Record | None, today: str) -> Record:
    """One record from the network's answers, completed by the snapshot."""
    values, sources = _fields(got, snap, today)
    refs, refs_complete, why_r = _edge_list(
        got.refs, snap.references if snap else (), bool(snap and snap.references_complete),
        "references", got.oa_refs, got.oa_refs_complete)
    cits, cits_complete, why_c = _edge_list(
        got.cits, snap.citations if snap else (), bool(snap and snap.citations_complete),
        "citations", got.oa_cits, got.oa_cits_complete)
    if got.refs is not None or refs:
        sources["references"] = edges_provenance(refs, refs_complete, today, why_r)
    if got.cits is not None or cits:
        sources["citations"] = edges_provenance(cits, cits_complete, today, why_c)
    notes = list(got.notes) + [f"incomplete: {m} not fetched" for m in got.missing]
    if snap is not None:
        notes.extend(snap.notes)
    return Record(
        key=paper.key, status=got.status, confidence=got.confidence,  # type: ignore[arg-type]
        references=refs, references_complete=refs_complete, citations=cits,
        citations_complete=cits_complete,
        other_versions=_versions(snap, preprint_version(got)), candidates=got.candidates,
        sources=tuple(sorted(sources.items())), notes=tuple(dict.fromkeys(notes)),
        **values,
    )
