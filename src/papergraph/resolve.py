"""Stage 2: resolve every syllabus paper to its published record.

Layers, top to bottom: the network (Semantic Scholar, dblp: :mod:`papergraph.network`)
-> the local cache (SQLite, :mod:`papergraph.cache`) -> the shipped snapshot
(:mod:`papergraph.snapshot`).

* default: cache first; the network for what is missing, incomplete or expired;
* ``refresh``: fetch again (an answer that cannot be renewed keeps its cached copy);
* ``offline``: never opens a socket. A complete record is used as it is; every other
  paper goes through the same pipeline with the network replaced by the cache's stored
  answers (:class:`papergraph.network.Network` ``offline``), so it gets every part that
  was fetched (e.g. its Semantic Scholar record from a batch answer of a run that was
  interrupted), the parts never fetched are named in a warning and the record's notes,
  and the snapshot stands in only for what was never fetched.

Papers with ids (S2 id, arXiv, DOI, CorpusId) are looked up in batch calls; the others by
title. A title match below the threshold is ``ambiguous`` and carries its candidates;
it is never silently accepted. Fields and citations are merged with provenance
(:mod:`papergraph.merge`). Whatever was fetched is stored, complete or not: a paper whose
dblp part failed keeps its Semantic Scholar data, marked incomplete.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from operator import is_
from pathlib import Path
from typing import Any

from .config import Settings, load_settings
from .errors import CacheError, PapergraphError
from .merge import (
    Fetched,
    SeminarIndex,
    fingerprint,
    merge,
    page_record,
    paper_lookup_id,
    score_candidate,
)
from .models import Paper, Record, Ref, Resolution, Syllabus
from .perf import paused_gc
from .refnumbers import RefNumbers, mark_numbered, number_refs
from .snapshot import snapshot_for
from .sources.services import LABELS

__all__ = ["Loaded", "Progress", "load_and_resolve", "missing_parts", "page_record",
           "paper_lookup_id", "resolution_rows", "resolution_table", "resolve_papers",
           "score_candidate"]

Progress = Callable[[int, int, str], None]  # (done, total, label)

REQUEST_KINDS = ("batch", "match", "search", "references", "citations", "paper",
                 "openalex-doi", "openalex-ids", "openalex-refs", "openalex-cites",
                 "openalex-search",
                 "openalex-work", "dblp-search", "dblp-bib")


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
    sources: str | None = None,
) -> Loaded:
    """Load and validate a syllabus (the shipped default when None), then resolve it;
    ``sources`` (``"s2,openalex,dblp"``, the default) says which services to ask."""
    from .config import parse_sources
    from .syllabus import load_syllabus

    if offline and refresh:
        raise PapergraphError("--offline and --refresh exclude each other")
    settings = load_settings()
    if sources is not None:
        settings = settings.with_sources(parse_sources(sources))
    with paused_gc():  # parsing a large syllabus: many objects, no cycles
        syllabus = load_syllabus(syllabus_path)
    resolution = resolve_papers(syllabus, offline=offline, refresh=refresh, progress=progress,
                                settings=settings)
    return Loaded(syllabus, resolution)


@dataclass
class _Run:
    """The state of one resolution run."""

    syllabus: Syllabus
    snap: dict[str, Record]
    cache: Any
    today: str
    progress: Progress | None
    offline: bool = False  # cache-only: nothing fetched, nothing stored
    done: int = 0

    def __post_init__(self) -> None:
        self.results: dict[str, Record] = {}
        self.cached: dict[str, Record] = {}  # stale or incomplete: the fallback if fetching fails
        self.warnings: list[str] = []
        # per paper key, the cached record taken and its lists' numbers in the cache's
        # numbering (Cache.decoded): resolution needs no pass of its own to number them
        self.numbers: dict[str, tuple[Record, tuple[list[int], list[int]]]] = {}
        self.decoded: list[Ref] = []

    def tick(self, key: str, label: str | None = None) -> None:
        if label is None:
            self.done += 1
        if self.progress:
            self.progress(self.done, len(self.syllabus.papers), label or key)

    def fallback(self, paper: Paper, why: str, note: str = "", *, warn: bool = True,
                 status: str = "unresolved") -> Record:
        """The cached record, else the snapshot, else the page's own citation."""
        if paper.key in self.cached:
            return self.cached[paper.key]
        rec = self.snap.get(paper.key)
        if rec is not None:
            return replace(rec, notes=(note, *rec.notes)) if note else rec
        if warn:
            self.warnings.append(f"{paper.key}: no data ({why}, not in the cache or "
                                 "snapshot)")
        base = page_record(paper)
        return replace(base, status=status,  # type: ignore[arg-type]
                       notes=((note,) if note else ()) + base.notes)

    def store(self, paper: Paper, rec: Record, *, complete: bool,
              expires: str | None) -> None:
        if self.cache is None or self.offline:  # offline: rebuilt from the stored answers
            return
        try:
            self.cache.put_record(fingerprint(paper), rec, complete=complete, expires=expires)
        except CacheError as exc:
            self.warnings.append(str(exc))


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
    run = _Run(syllabus, snapshot_for(syllabus), None, date.today().isoformat(), progress,
               offline)
    if settings is None:  # a bad value is an error offline too: it would cost the cache
        settings = load_settings()
    run.cache = _open_cache(settings, run.warnings)
    with paused_gc():  # a million small objects decoded, no cycles among them
        todo = _from_cache(run, refresh)
    if run.cache is not None:
        run.decoded = run.cache.decoded  # (the list stays when the cache is closed)
    counts: dict[str, int] = {}
    try:
        if todo:
            counts = _resolve_todo(run, todo, settings, refresh, session)
    finally:
        if run.cache is not None:
            run.cache.close()
            if run.cache.write_failed:
                run.warnings.append(f"cache {run.cache.path}: {run.cache.write_failed}: "
                                    "read-only for the rest of this run, nothing more stored")
    records = [run.results[p.key] for p in syllabus.papers]
    if offline:
        run.warnings.extend(_not_fetched_yet(records))
    with paused_gc():  # each distinct Ref numbered once, the syllabus papers among them marked
        index = SeminarIndex(syllabus, records)
        numbered = mark_numbered(_numbered(run, tuple(records)),
                                 lambda r: index.find(r) or "", _unmarked)
    resolution = Resolution(
        records=numbered.records, warnings=tuple(run.warnings),
        requests=tuple((k, counts[k]) for k in REQUEST_KINDS if counts.get(k)),
        numbered=numbered,
    )
    writable = run.cache is not None and not (run.cache.readonly or run.cache.write_failed)
    if counts and writable:  # something was asked: a run to remember
        from .changes import record_run

        if (problem := record_run(settings.cache_dir, syllabus, resolution)) is not None:
            resolution = replace(resolution, warnings=resolution.warnings + (problem,))
    return resolution


def _numbered(run: _Run, records: tuple[Record, ...]) -> RefNumbers:
    """The records' distinct Refs numbered: as the cache numbered them when it gave every
    record (most offline builds), else in one pass now."""
    taken = list(map(run.numbers.get, [r.key for r in records]))
    if None in taken or not all(map(is_, [t[0] for t in taken], records)):  # type: ignore[index]
        return number_refs(records)
    lists = [t[1] for t in taken]  # type: ignore[index]
    return RefNumbers(records, run.decoded, lists, {id(r): i for i, r in enumerate(records)})


def _unmarked(rec: Record) -> bool:
    """A record from the snapshot alone keeps its references as the snapshot gives them."""
    return rec.status == "snapshot" and rec.source_of("s2_id") is None


def _from_cache(run: _Run, refresh: bool) -> list[Paper]:
    """Fill ``run.results`` with the complete cached records (offline: expired or not);
    the other papers are to be resolved (offline: from the stored answers)."""
    todo: list[Paper] = []
    prints = {paper.key: fingerprint(paper) for paper in run.syllabus.papers}
    hits = run.cache.get_records(list(prints.values())) if run.cache is not None else {}
    for paper in run.syllabus.papers:
        hit = hits.get(prints[paper.key])
        rec = None if hit is None else hit.record if hit.record.key == paper.key else \
            replace(hit.record, key=paper.key)
        if rec is not None and hit.complete and (run.offline or not (hit.expired or refresh)):
            run.results[paper.key] = rec
            if hit.numbers is not None:
                run.numbers[paper.key] = (rec, hit.numbers)
            run.tick(paper.key)
        else:
            if rec is not None:
                run.cached[paper.key] = rec
            todo.append(paper)
    return todo


def missing_parts(rec: Record) -> list[str]:
    """The parts of a record that were never fetched ("Semantic Scholar", "references",
    "citations", "dblp"), from its ``incomplete: ... not fetched`` notes."""
    return [n[len("incomplete: "):-len(" not fetched")] for n in rec.notes
            if n.startswith("incomplete: ") and n.endswith(" not fetched")]


def _not_fetched_yet(records: list[Record]) -> list[str]:
    """Offline: one warning per part never fetched, naming the papers that lack it."""
    lacking: dict[str, list[str]] = {}
    for rec in records:
        for part in missing_parts(rec):
            lacking.setdefault(part, []).append(rec.key)
    return [f"offline: {part} not fetched yet for {len(keys)} paper(s) (run without "
            f"--offline to complete): {', '.join(keys)}"
            for part, keys in sorted(lacking.items())]


def _resolve_todo(run: _Run, todo: list[Paper], settings: Settings, refresh: bool,
                  session: Any) -> dict[str, int]:
    """Resolve ``todo`` through the network (offline: through the stored answers alone)."""
    from .network import Network

    net = Network(settings, run.cache, refresh, session, offline=run.offline)
    failed_s2 = 0
    try:
        for paper, got in net.run(todo, lambda label: run.tick("", label)):
            rec = _record(run, paper, got)
            failed_s2 += got.s2 is None and got.oa is None and \
                "Semantic Scholar" in got.missing
            run.results[paper.key] = rec
            run.tick(paper.key)
    finally:
        run.warnings[:0] = net.warnings + _notices(net, failed_s2, len(todo))
    return dict(net.http.counts)


def _record(run: _Run, paper: Paper, got: Fetched) -> Record:
    """The record for what was fetched; stored unless nothing was."""
    if got.problems:
        found = got.s2 is not None or got.oa is not None
        run.warnings.append(f"{paper.key}: " + ("incomplete (" if found else
                                                f"{got.status}: ")
                            + "; ".join(got.problems) + (")" if found else ""))
    if got.s2 is not None or got.oa is not None:
        rec = merge(paper, got, run.snap.get(paper.key), run.today)
        run.store(paper, rec, complete=not got.missing, expires=got.expires)
        return rec
    if got.status == "failed" and run.offline and not got.problems:
        return run.fallback(paper, "offline")  # never fetched: what we had, or the snapshot
    if got.status == "failed":  # nothing fetched: keep what we had
        note = "Semantic Scholar failed: " + "; ".join(got.problems) if got.problems else ""
        return run.fallback(paper, "Semantic Scholar unavailable", note=note,
                            warn=not got.problems, status="failed")
    rec = _no_match_record(run, paper, got)
    if got.expires is not None:  # ambiguous or not found: asked again once it expires
        run.store(paper, rec, complete=True, expires=got.expires)
    return rec


def _notices(net: Any, failed_s2: int, total: int) -> list[str]:
    out = []
    down = dict(net.http.notices)
    for service, why in net.http.notices:
        label = LABELS.get(service, service)
        if service == "s2":
            then = (f"{failed_s2} of {total} paper(s) finished from the cache and the shipped "
                    "snapshot" if failed_s2 else "what it had answered is kept")
            if "openalex" in down:  # both sources of records down: one warning
                then += f"; OpenAlex unavailable too ({down['openalex']})"
        elif service == "openalex":
            if "s2" in down:
                continue
            then = "nothing was cross-checked or filled from it"
        else:
            then = "papers are stored without its fields; an online run completes them"
        out.append(f"{label} unavailable ({why}): not called again in this run; {then}")
    for service, n in sorted(net.http.stale.items()):
        out.append(f"refresh: {n} {LABELS.get(service, service)} answer(s) could not be "
                   "renewed; kept the cached ones")
    return out


def _open_cache(settings: Settings, warnings: list[str]) -> Any:
    from .cache import Cache

    try:
        cache = Cache(settings.cache_dir, readonly=settings.cache_readonly)
    except CacheError as exc:
        warnings.append(f"{exc}; running without the cache")
        return None
    if cache.notice:
        warnings.append(cache.notice)
    if cache.readonly:
        warnings.append(f"cache {cache.path} is read-only ({cache.readonly}): "
                        "using what it holds, storing nothing new")
    return cache


def _no_match_record(run: _Run, paper: Paper, got: Fetched) -> Record:
    """Record for a paper Semantic Scholar did not (confidently) give us."""
    why = "; ".join(got.notes) or got.status
    if not got.problems:
        run.warnings.append(f"{paper.key}: {got.status}: {why}")
    if paper.key in run.snap:
        rec = run.snap[paper.key]
        return replace(rec, candidates=got.candidates,
                       notes=(f"Semantic Scholar: {got.status} ({why}); using the shipped "
                              "snapshot", *rec.notes))
    base = page_record(paper)
    return replace(base, status=got.status, confidence=got.confidence,  # type: ignore[arg-type]
                   candidates=got.candidates, notes=tuple(got.notes) + base.notes)


# --------------------------------------------------------------------------- reporting


def resolution_rows(resolution: Resolution) -> list[dict[str, Any]]:
    """One plain dict per paper (the ``papergraph resolve --json`` shape): its ids, its
    other versions (a preprint, a journal article), its fields' sources, the parts never
    fetched (``missing``: an online run completes them), and its
    citations among the seminar's papers with where each is known from (``s2``,
    ``openalex``, ``snapshot`` or several)."""
    edges = resolution.edge_sources()
    return [
        {
            "key": r.key, "status": r.status, "confidence": r.confidence, "s2_id": r.s2_id,
            "dblp": r.dblp, "openalex_id": r.openalex_id, "title": r.title, "year": r.year,
            "retracted": r.retracted, "versions": [
                {"kind": v.kind, "year": v.year, "arxiv": v.arxiv, "journal": v.journal}
                for v in r.other_versions],
            "missing": missing_parts(r),
            "sources": {name: {"source": p.source, "date": p.date, "detail": p.detail}
                        for name, p in r.sources},
            "cites": [{"key": b, "sources": list(s)} for (a, b), s in edges.items()
                      if a == r.key],
            "cited_by": [{"key": a, "sources": list(s)} for (a, b), s in edges.items()
                         if b == r.key],
        }
        for r in resolution.records
    ]


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def resolution_table(resolution: Resolution, width: int = 100) -> str:
    """A fixed-width text table (key, status, confidence, S2 id, dblp key, sources), then
    the parts never fetched of every incomplete paper (status marked ``*``) and the
    candidates of every ambiguous paper. No line is wider than ``width``."""
    cols = [("key", 22), ("status", 9), ("conf", 4), ("S2 id", 12), ("dblp", 24)]
    rest = width - sum(w for _, w in cols) - len(cols)
    lines = [" ".join(f"{n:<{w}}" for n, w in cols) + " sources"]
    for r in resolution.records:
        counts: dict[str, int] = {}
        for _, p in r.sources:
            counts[p.source] = counts.get(p.source, 0) + 1
        srcs = ", ".join(f"{s} {n}" for s, n in sorted(counts.items(), key=lambda x: -x[1]))
        conf = "" if r.confidence is None else f"{r.confidence:.2f}"
        status = r.status + ("*" if missing_parts(r) else "")
        cells = [r.key, status, conf, r.s2_id or "-", r.dblp or "-"]
        lines.append(" ".join(f"{_cut(c, w):<{w}}" for c, (_, w) in zip(cells, cols,
                                                                         strict=True))
                     + " " + _cut(srcs, rest))
    lacking = [(r.key, missing_parts(r)) for r in resolution.records if missing_parts(r)]
    if lacking:
        lines.append("\n* not fetched yet (a run without --offline completes them):")
        lines += [_cut(f"  {key}: {', '.join(parts)}", width) for key, parts in lacking]
    for r in resolution.records:
        if r.candidates:
            lines.append(f"\n{r.key}: {r.status}; candidates (pin one as s2_id):")
            for c in r.candidates:
                who = ", ".join(c.authors[:2]) + (" et al." if len(c.authors) > 2 else "")
                lines.append(_cut(f"  {c.score:.2f} {c.s2_id} {c.title} ({c.year}) {who}",
                                  width))
    return "\n".join(line.rstrip() for line in lines)
