"""Stage 2: resolve every syllabus paper to its published record.

Layers, top to bottom: the network (Semantic Scholar, dblp) -> the local cache (SQLite,
:mod:`papergraph.cache`) -> the shipped snapshot (:mod:`papergraph.snapshot`).

* default: cache first, the network only for what is missing;
* ``refresh``: fetch again (the cache is rewritten);
* ``offline``: never opens a socket (cache and snapshot only).

Papers with ids (S2 id, arXiv, DOI, CorpusId) are looked up in batch calls; the others by
title (``/paper/search/match``, then ``/paper/search`` and our own ranking). A title
match below the threshold is ``ambiguous`` and carries its candidates; it is never
silently accepted. Each resolved paper then gets its full reference and citation lists
(paginated) and its dblp record. Fields are merged with provenance: dblp > Semantic
Scholar > snapshot.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from .config import Settings, load_settings
from .errors import CacheError, NetworkUnavailable, NotFound, PapergraphError, SourceError
from .models import (
    Candidate,
    Paper,
    Provenance,
    Record,
    Ref,
    Resolution,
    Syllabus,
    normalize_title,
    surname,
)
from .snapshot import snapshot_for

Progress = Callable[[int, int, str], None]  # (done, total, label)

REQUEST_KINDS = ("batch", "match", "search", "references", "citations", "paper",
                 "dblp-search", "dblp-bib")


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


def _s2_authors(data: dict) -> tuple[str, ...]:
    return tuple(a.get("name") or "" for a in data.get("authors") or () if a)


def _candidate(paper: Paper, data: dict) -> Candidate:
    authors = _s2_authors(data)
    return Candidate(
        s2_id=data.get("paperId"), title=data.get("title") or "", year=data.get("year"),
        authors=authors,
        score=score_candidate(paper, data.get("title") or "", data.get("year"), authors),
    )


# --------------------------------------------------------------------------- helpers


def paper_lookup_id(paper: Paper) -> str | None:
    """The id to send in a batch call: a pinned S2 id wins, then arXiv, then DOI."""
    if paper.s2_id:
        return paper.s2_id.strip()
    if paper.arxiv:
        return f"ARXIV:{paper.arxiv.strip()}"
    if paper.doi:
        return f"DOI:{paper.doi.strip()}"
    return None


def fingerprint(paper: Paper) -> str:
    """Cache key of a paper's record: changes when anything used to resolve it changes."""
    data = [paper.title, list(paper.authors), paper.year, paper.arxiv, paper.doi,
            paper.dblp, paper.s2_id]
    return hashlib.sha256(json.dumps(data).encode()).hexdigest()[:32]


def ref_from_s2(data: dict) -> Ref:
    ext = data.get("externalIds") or {}
    corpus = data.get("corpusId") or ext.get("CorpusId")
    return Ref(
        title=data.get("title") or "", year=data.get("year"), authors=_s2_authors(data),
        s2_id=data.get("paperId"), arxiv=ext.get("ArXiv"), doi=ext.get("DOI"),
        dblp=ext.get("DBLP"), corpus_id=int(corpus) if corpus is not None else None,
        venue=data.get("venue") or "", citation_count=data.get("citationCount"),
        is_influential=data.get("isInfluential"),
    )


class _SeminarIndex:
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

    def mark(self, refs: tuple[Ref, ...]) -> tuple[Ref, ...]:
        return tuple(r if r.seminar_key else replace(r, seminar_key=self.find(r))
                     for r in refs)


def _same(a: Ref, b: Ref) -> bool:
    return bool(
        (a.s2_id and a.s2_id == b.s2_id)
        or (a.arxiv and b.arxiv and a.arxiv.lower() == b.arxiv.lower())
        or (a.doi and b.doi and a.doi.lower() == b.doi.lower())
        or (a.title and normalize_title(a.title) == normalize_title(b.title))
    )


def _merge_refs(primary: tuple[Ref, ...], extra: tuple[Ref, ...]) -> tuple[Ref, ...]:
    """``primary`` plus the verified intra-seminar entries of ``extra`` it lacks."""
    out = list(primary)
    for r in extra:
        if r.seminar_key and not any(_same(r, p) for p in out):
            out.append(r)
    return tuple(out)


# --------------------------------------------------------------------------- merging


@dataclass
class _Fetched:
    """What the network gave for one paper."""

    s2: dict | None = None
    confidence: float | None = None
    status: str = "matched"
    candidates: tuple[Candidate, ...] = ()
    refs: list[dict] | None = None
    refs_complete: bool = False
    cits: list[dict] | None = None
    cits_complete: bool = False
    dblp_key: str | None = None
    dblp_bib: str | None = None
    dblp_fields: dict[str, Any] = field(default_factory=dict)
    dblp_venue: str = ""
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _merge(paper: Paper, got: _Fetched, snap: Record | None, today: str) -> Record:
    s2 = got.s2 or {}
    ext = s2.get("externalIds") or {}
    db = got.dblp_fields
    values: dict[str, Any] = {}
    sources: dict[str, Provenance] = {}
    p_s2 = Provenance("s2", today, f"paper/{s2.get('paperId')}")
    p_db = Provenance("dblp", today, f"rec/{got.dblp_key}") if got.dblp_key else None

    def put(name: str, *options: tuple[Any, Provenance | None]) -> None:
        for value, prov in options:
            if value not in (None, "", ()) and prov is not None:
                values[name] = value
                sources[name] = prov
                return
        if snap is not None and getattr(snap, name) not in (None, "", ()):
            values[name] = getattr(snap, name)
            sources[name] = snap.source_of(name) or Provenance("snapshot", "", "")

    journal = s2.get("journal") or {}
    pdf = (s2.get("openAccessPdf") or {}).get("url")
    year = db.get("year")
    put("title", (db.get("title"), p_db), (s2.get("title"), p_s2))
    put("authors", (db.get("author"), p_db), (_s2_authors(s2), p_s2))
    put("year", (int(year) if str(year or "").isdigit() else None, p_db),
        (s2.get("year"), p_s2))
    put("venue", (got.dblp_venue, p_db),
        (snap.venue if snap else None, snap.source_of("venue") if snap else None),
        (s2.get("venue"), p_s2))
    put("entry_type", (db.get("entry_type"), p_db))
    put("booktitle", (db.get("booktitle"), p_db))
    put("journal", (db.get("journal"), p_db))
    put("editors", (db.get("editor"), p_db))
    for name in ("series", "number", "publisher"):
        put(name, (db.get(name), p_db))
    put("volume", (db.get("volume"), p_db), (journal.get("volume") if not db else None, p_s2))
    put("pages", (db.get("pages"), p_db), (journal.get("pages") if not db else None, p_s2))
    put("url", (db.get("url"), p_db), (s2.get("url"), p_s2))
    put("pdf", (pdf, p_s2))
    put("doi", (db.get("doi"), p_db), (ext.get("DOI"), p_s2))
    put("arxiv", (ext.get("ArXiv"), p_s2))
    put("dblp", (got.dblp_key, p_db), (ext.get("DBLP"), p_s2))
    put("s2_id", (s2.get("paperId"), p_s2))
    corpus = s2.get("corpusId") or ext.get("CorpusId")
    put("corpus_id", (int(corpus) if corpus is not None else None, p_s2))
    put("citation_count", (s2.get("citationCount"), p_s2))
    put("influential_citation_count", (s2.get("influentialCitationCount"), p_s2))
    put("dblp_bibtex", (got.dblp_bib, p_db))
    put("s2_bibtex", ((s2.get("citationStyles") or {}).get("bibtex"), p_s2))

    refs = tuple(ref_from_s2(d) for d in got.refs or ())
    cits = tuple(ref_from_s2(d) for d in got.cits or ())
    refs_complete, cits_complete = got.refs_complete, got.cits_complete
    if snap is not None:
        if not refs_complete and snap.references_complete:
            refs, refs_complete = _merge_refs(snap.references, refs), True
        else:
            refs = _merge_refs(refs, snap.references)
        cits = _merge_refs(cits, snap.citations)
        cits_complete = cits_complete or snap.citations_complete
    if got.refs is not None:
        sources["references"] = Provenance(
            "s2", today, "complete" if got.refs_complete else "incomplete")
    if got.cits is not None:
        sources["citations"] = Provenance(
            "s2", today, "complete" if got.cits_complete else "incomplete")
    notes = list(got.notes) + [f"error: {e}" for e in got.errors]
    if snap is not None:
        notes.extend(snap.notes)
    return Record(
        key=paper.key, status=got.status, confidence=got.confidence,  # type: ignore[arg-type]
        references=refs, references_complete=refs_complete, citations=cits,
        citations_complete=cits_complete,
        other_versions=snap.other_versions if snap else (), candidates=got.candidates,
        sources=tuple(sorted(sources.items())), notes=tuple(notes),
        **values,
    )


# --------------------------------------------------------------------------- network


class _Network:
    """The network part of one run (only built when not offline)."""

    def __init__(self, settings: Settings, cache: Any, refresh: bool, session: Any) -> None:
        from .sources.dblp import DblpClient
        from .sources.http import Http
        from .sources.semanticscholar import S2Client

        self.settings = settings
        self.http = Http(settings, session=session, cache=cache, refresh=refresh)
        self.s2 = S2Client(self.http)
        self.dblp = DblpClient(self.http)

    def lookup_ids(self, papers: list[Paper]) -> dict[str, dict | None]:
        ids = [i for p in papers if (i := paper_lookup_id(p))]
        if not ids:
            return {}
        self.http.deadline = None
        return self.s2.get_papers(ids)

    def by_title(self, paper: Paper, got: _Fetched) -> None:
        threshold = self.settings.match_threshold
        seen: dict[str, dict] = {}
        best = self.s2.match_title(paper.title)
        if best is not None:
            cand = _candidate(paper, best)
            if cand.score >= threshold:
                got.s2, got.confidence = best, cand.score
                return
            seen[best.get("paperId") or best.get("title", "")] = best
        for item in self.s2.search(paper.title):
            seen.setdefault(item.get("paperId") or item.get("title", ""), item)
        ranked = sorted(((_candidate(paper, d), d) for d in seen.values()),
                        key=lambda cd: (-cd[0].score, cd[0].title, cd[0].s2_id or ""))
        if ranked and ranked[0][0].score >= threshold:
            got.s2, got.confidence = ranked[0][1], ranked[0][0].score
            return
        if not ranked:
            got.status = "not_found"
            got.notes.append("not found on Semantic Scholar (no title match, no search hit)")
            return
        got.status = "ambiguous"
        got.confidence = ranked[0][0].score
        got.candidates = tuple(c for c, _ in ranked[:5])
        got.notes.append(
            f"ambiguous: best title match scores {ranked[0][0].score:.2f} "
            f"(< {threshold:.2f}); pin the right s2_id in the syllabus")

    def edges(self, got: _Fetched) -> None:
        pid = (got.s2 or {}).get("paperId")
        if not pid:
            return
        got.refs, got.refs_complete, err = self.s2.references(pid)
        if err is not None:
            if isinstance(err, NetworkUnavailable):
                raise err
            got.errors.append(f"references: {err}")
        got.cits, got.cits_complete, err = self.s2.citations(pid)
        if err is not None:
            if isinstance(err, NetworkUnavailable):
                raise err
            got.errors.append(f"citations: {err}")

    def enrich_dblp(self, paper: Paper, got: _Fetched) -> None:
        from .sources.dblp import parse_bibtex

        s2 = got.s2 or {}
        key = paper.dblp or (s2.get("externalIds") or {}).get("DBLP")
        title = s2.get("title") or paper.title
        year = s2.get("year") or paper.year
        authors = _s2_authors(s2) or paper.authors
        try:
            if not key or key.startswith("journals/corr/"):
                # no key, or only the arXiv (CoRR) entry: look for the published version
                hits = self.dblp.search(title)
                scored = sorted(
                    ((score_candidate(replace(paper, title=title, year=year,
                                              authors=authors), h.title, h.year, h.authors),
                      not h.key.startswith("journals/corr/"), h) for h in hits),
                    key=lambda t: (-(t[0] >= self.settings.match_threshold), not t[1],
                                   -t[0], t[2].key))
                good = [h for s, _, h in scored if s >= self.settings.match_threshold]
                if good:
                    key = good[0].key
                    got.dblp_venue = good[0].venue
            if not key:
                got.notes.append("dblp: no matching record found")
                return
            bib = self.dblp.bibtex(key)
            got.dblp_key, got.dblp_bib = key, bib
            got.dblp_fields = parse_bibtex(bib)
        except NetworkUnavailable:
            raise
        except NotFound:
            got.errors.append(f"dblp: no record {key}")
        except SourceError as exc:
            got.errors.append(f"dblp: {exc}")


# --------------------------------------------------------------------------- entry point


@dataclass(frozen=True)
class Loaded:
    """A validated syllabus and its resolution: what every command-level function needs."""

    syllabus: Syllabus
    resolution: Resolution

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(self.syllabus.warnings) + tuple(self.resolution.warnings)


def load_and_resolve(
    syllabus_path: str | Path | None = None,
    *,
    offline: bool = False,
    refresh: bool = False,
    progress: Progress | None = None,
) -> Loaded:
    """Load and validate a syllabus (the shipped default when None), then resolve it."""
    from .syllabus import load_syllabus

    if offline and refresh:
        raise PapergraphError("--offline and --refresh exclude each other")
    syllabus = load_syllabus(syllabus_path)
    resolution = resolve_papers(syllabus, offline=offline, refresh=refresh, progress=progress)
    return Loaded(syllabus, resolution)


def resolve_papers(
    syllabus: Syllabus,
    *,
    offline: bool = False,
    refresh: bool = False,
    progress: Progress | None = None,
    settings: Settings | None = None,
    session: Any = None,
) -> Resolution:
    """Resolve every paper of ``syllabus``; records come back in syllabus order.

    ``settings`` default to :func:`papergraph.config.load_settings`; ``session`` is an
    optional ``requests.Session`` (tests, proxies). ``Resolution.requests`` counts the
    requests actually sent, by kind.
    """
    snap = snapshot_for(syllabus)
    warnings: list[str] = []
    total = len(syllabus.papers)
    done = 0
    today = date.today().isoformat()

    def tick(key: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total, key)

    if settings is None:
        settings = _safe_settings(warnings) if offline else load_settings()
    cache = _open_cache(settings, warnings) if settings is not None else None

    results: dict[str, Record] = {}
    todo: list[Paper] = []
    for paper in syllabus.papers:
        cached = None if (refresh and not offline) or cache is None else _cached(cache, paper)
        if cached is not None:
            results[paper.key] = cached
            tick(paper.key)
        elif offline:
            results[paper.key] = _fallback(paper, snap, warnings, "offline")
            tick(paper.key)
        else:
            todo.append(paper)

    counts: dict[str, int] = {}
    if todo:
        assert settings is not None
        net = _Network(settings, cache, refresh, session)
        try:
            _resolve_online(net, todo, snap, cache, results, warnings, today, tick)
        finally:
            counts = dict(net.http.counts)
            if net.http.unreachable:
                warnings.insert(0, f"network unavailable: {net.http.unreachable}; "
                                   "finished from the cache and the shipped snapshot")
    if cache is not None:
        cache.close()

    records = [results[p.key] for p in syllabus.papers]
    index = _SeminarIndex(syllabus, records)
    records = [r if r.status == "snapshot" and r.source_of("s2_id") is None
               else replace(r, references=index.mark(r.references),
                            citations=index.mark(r.citations)) for r in records]
    return Resolution(
        records=tuple(records), warnings=tuple(warnings),
        requests=tuple((k, counts[k]) for k in REQUEST_KINDS if counts.get(k)),
    )


def _safe_settings(warnings: list[str]) -> Settings | None:
    try:
        return load_settings()
    except Exception as exc:  # noqa: BLE001 - offline runs must not fail on a bad env
        warnings.append(f"settings: {exc}; running without the cache")
        return None


def _open_cache(settings: Settings, warnings: list[str]) -> Any:
    from .cache import Cache

    try:
        return Cache(settings.cache_dir)
    except CacheError as exc:
        warnings.append(f"{exc}; running without the cache")
        return None


def _cached(cache: Any, paper: Paper) -> Record | None:
    rec = cache.get_record(fingerprint(paper))
    return replace(rec, key=paper.key) if rec is not None else None


def _fallback(paper: Paper, snap: dict[str, Record], warnings: list[str], why: str,
              status: str = "unresolved", note: str = "") -> Record:
    rec = snap.get(paper.key)
    if rec is not None:
        return replace(rec, notes=(note, *rec.notes)) if note else rec
    base = page_record(paper)
    if why == "offline":
        warnings.append(f"{paper.key}: no data (offline and not in the cache or snapshot)")
    elif why == "unreachable":
        warnings.append(f"{paper.key}: no data (network unavailable, not in the cache "
                        "or snapshot)")
    return replace(base, status=status, notes=((note,) if note else ()) + base.notes)  # type: ignore[arg-type]


def _resolve_online(net: _Network, todo: list[Paper], snap: dict[str, Record], cache: Any,
                    results: dict[str, Record], warnings: list[str], today: str,
                    tick: Callable[[str], None]) -> None:
    by_id: dict[str, dict | None] = {}
    try:
        by_id = net.lookup_ids(todo)
    except NetworkUnavailable:
        pass
    except SourceError as exc:
        warnings.append(f"Semantic Scholar batch lookup failed: {exc}; trying titles")
    for paper in todo:
        if net.http.unreachable:
            results[paper.key] = _fallback(paper, snap, warnings, "unreachable")
            tick(paper.key)
            continue
        got = _Fetched()
        net.http.deadline = time.monotonic() + net.settings.paper_budget
        try:
            pid = paper_lookup_id(paper)
            data = by_id.get(pid) if pid else None
            if data is not None:
                got.s2 = data
                got.confidence = 1.0
                cand = _candidate(paper, data)
                if cand.score < net.settings.match_threshold:
                    got.notes.append(
                        f"looked up by id {pid}; the page's citation differs "
                        f"(title/year/authors score {cand.score:.2f})")
            else:
                if pid and pid in by_id:
                    got.notes.append(f"Semantic Scholar does not know {pid}; matched by title")
                net.by_title(paper, got)
            if got.s2 is not None:
                net.edges(got)
                if net.settings.dblp:
                    net.enrich_dblp(paper, got)
        except NetworkUnavailable:
            results[paper.key] = _fallback(paper, snap, warnings, "unreachable")
            tick(paper.key)
            continue
        except SourceError as exc:
            got.errors.append(str(exc))
            if got.s2 is None:
                got.status = "failed"
        finally:
            net.http.deadline = None
        if got.s2 is None:
            rec = _no_match_record(paper, got, snap, warnings)
        else:
            rec = _merge(paper, got, snap.get(paper.key), today)
            if got.errors:
                warnings.append(f"{paper.key}: incomplete ({'; '.join(got.errors)})")
        if cache is not None and not got.errors and got.status != "failed":
            try:
                cache.put_record(fingerprint(paper), rec)
            except CacheError as exc:
                warnings.append(str(exc))
        results[paper.key] = rec
        tick(paper.key)


def _no_match_record(paper: Paper, got: _Fetched, snap: dict[str, Record],
                     warnings: list[str]) -> Record:
    """Record for a paper Semantic Scholar did not (confidently) give us."""
    why = "; ".join(got.errors) or "; ".join(got.notes) or got.status
    warnings.append(f"{paper.key}: {got.status}: {why}")
    if paper.key in snap:
        rec = snap[paper.key]
        return replace(rec, candidates=got.candidates,
                       notes=(f"Semantic Scholar: {got.status} ({why}); using the shipped "
                              "snapshot", *rec.notes))
    base = page_record(paper)
    return replace(base, status=got.status, confidence=got.confidence,  # type: ignore[arg-type]
                   candidates=got.candidates,
                   notes=tuple(got.notes) + tuple(f"error: {e}" for e in got.errors)
                   + base.notes)


# --------------------------------------------------------------------------- reporting


def resolution_rows(resolution: Resolution) -> list[dict[str, Any]]:
    """One plain dict per paper (the ``papergraph resolve --json`` shape)."""
    return [
        {
            "key": r.key, "status": r.status, "confidence": r.confidence, "s2_id": r.s2_id,
            "dblp": r.dblp, "title": r.title, "year": r.year,
            "sources": {name: {"source": p.source, "date": p.date, "detail": p.detail}
                        for name, p in r.sources},
        }
        for r in resolution.records
    ]


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def resolution_table(resolution: Resolution, width: int = 100) -> str:
    """A fixed-width text table (key, status, confidence, S2 id, dblp key, sources), then
    the candidates of every ambiguous paper. No line is wider than ``width``."""
    cols = [("key", 22), ("status", 9), ("conf", 4), ("S2 id", 12), ("dblp", 24)]
    rest = width - sum(w for _, w in cols) - len(cols)
    lines = [" ".join(f"{n:<{w}}" for n, w in cols) + " sources"]
    for r in resolution.records:
        counts: dict[str, int] = {}
        for _, p in r.sources:
            counts[p.source] = counts.get(p.source, 0) + 1
        srcs = ", ".join(f"{s} {n}" for s, n in sorted(counts.items(), key=lambda x: -x[1]))
        conf = "" if r.confidence is None else f"{r.confidence:.2f}"
        cells = [r.key, r.status, conf, r.s2_id or "-", r.dblp or "-"]
        lines.append(" ".join(f"{_cut(c, w):<{w}}" for c, (_, w) in zip(cells, cols,
                                                                         strict=True))
                     + " " + _cut(srcs, rest))
    for r in resolution.records:
        if r.candidates:
            lines.append(f"\n{r.key}: {r.status}; candidates (pin one as s2_id):")
            for c in r.candidates:
                who = ", ".join(c.authors[:2]) + (" et al." if len(c.authors) > 2 else "")
                lines.append(_cut(f"  {c.score:.2f} {c.s2_id} {c.title} ({c.year}) {who}",
                                  width))
    return "\n".join(line.rstrip() for line in lines)
