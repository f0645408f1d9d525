"""What changed since the last run: each run's answers kept with their dates, compared.

Every online resolution records, per paper, the state it found (:class:`PaperState`:
title, authors, venue, year, DOI, arXiv id and version, whether it is published or
retracted, the seminar papers citing it, its references) in the cache folder's
``papergraph-history.sqlite3``: a row per run, and a paper's state only when it differs
from the one before, so the previous answers stay, with their dates, instead of being
overwritten. :func:`changes` compares the latest run with the one before it (or with the
last run before ``since``): a state seen again is not a change, so nothing is listed
twice across runs unless it changed again.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import CacheError, InputError
from .merge import PREPRINT_VENUES
from .models import Record, Resolution, Syllabus, json_text
from .works import arxiv_of

DB_NAME = "papergraph-history.sqlite3"
KINDS = ("published", "arxiv_version", "retracted", "title", "authors", "venue", "year",
         "new_citation", "citation_gone", "reference_appeared", "reference_vanished")
FORMATS = ("markdown", "json")
_TABLES = """
CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, seminar TEXT NOT NULL,
                                 at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS states (seminar TEXT NOT NULL, paper TEXT NOT NULL,
                                   run INTEGER NOT NULL, state TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS states_by_paper ON states (seminar, paper, run);
"""


@dataclass(frozen=True)
class PaperState:
    """What one run found for one paper (only what a change report compares)."""

    title: str = ""
    authors: tuple[str, ...] = ()
    venue: str = ""
    year: int | None = None
    doi: str | None = None
    arxiv: str | None = None
    arxiv_version: int | None = None
    published: bool = False
    retracted: bool | None = None
    cited_by: tuple[str, ...] = ()  # seminar papers citing it
    # its references outside the seminar, by title (sorted; one among the seminar's
    # papers is a citation, reported once, as the other paper's new citation)
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class Change:
    paper: str  # syllabus key
    kind: str  # one of KINDS
    before: Any = None
    after: Any = None


@dataclass(frozen=True)
class ChangeReport:
    seminar: str
    since: str | None  # the date of the run compared with (None: no earlier run)
    until: str | None  # the date of the latest run
    changes: tuple[Change, ...]
    bibtex: tuple[tuple[str, str], ...] = ()  # (paper, entry) of each paper now published


def paper_state(rec: Record, cited_by: tuple[str, ...]) -> PaperState:
    venue = (rec.venue or "").strip()
    return PaperState(
        title=rec.title, authors=rec.authors, venue=venue, year=rec.year, doi=rec.doi,
        arxiv=arxiv_of(rec.arxiv, rec.doi, rec.dblp), arxiv_version=rec.arxiv_version,
        published=rec.entry_type in ("article", "inproceedings")
        or venue.lower() not in PREPRINT_VENUES,
        retracted=rec.retracted, cited_by=cited_by,
        references=tuple(sorted({r.title for r in rec.references
                                 if r.title and not r.seminar_key})))


def _seminar_id(syllabus: Syllabus) -> str:
    return syllabus.source or syllabus.seminar.title


class History:
    """The run history in the cache folder (``readonly``: read, never written)."""

    def __init__(self, folder: Path, *, readonly: bool = False) -> None:
        self.path = Path(folder) / DB_NAME
        try:
            if readonly and self.path.exists():
                self.db = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True)
                return
            if readonly:  # no run recorded yet: an empty history
                self.db = sqlite3.connect(":memory:")
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(self.path, timeout=10)
            self.db.executescript(_TABLES)
        except (sqlite3.Error, OSError) as exc:
            raise CacheError(f"cannot open the run history {self.path}: {exc}") from None

    def close(self) -> None:
        self.db.close()

    def record(self, syllabus: Syllabus, resolution: Resolution, at: str | None = None) -> int:
        """One run: each paper's state, stored when it differs from its last one."""
        seminar = _seminar_id(syllabus)
        at = at or datetime.now(UTC).isoformat(timespec="seconds")
        cited: dict[str, list[str]] = {}
        for a, b, _ in resolution.citation_edges():
            cited.setdefault(b, []).append(a)
        with self.db:
            run = self.db.execute("INSERT INTO runs (seminar, at) VALUES (?, ?)",
                                  (seminar, at)).lastrowid or 0
            for rec in resolution.records:
                if not rec.has_data:
                    continue
                state = paper_state(rec, tuple(sorted(cited.get(rec.key, ()))))
                text = json.dumps(asdict(state), sort_keys=True, ensure_ascii=False)
                if self._state_text(seminar, rec.key, run - 1) != text:
                    self.db.execute("INSERT INTO states VALUES (?, ?, ?, ?)",
                                    (seminar, rec.key, run, text))
        return run

    def _state_text(self, seminar: str, paper: str, run: int) -> str | None:
        row = self.db.execute("SELECT state FROM states WHERE seminar = ? AND paper = ? AND "
                              "run <= ? ORDER BY run DESC LIMIT 1",
                              (seminar, paper, run)).fetchone()
        return row[0] if row else None

    def state(self, seminar: str, paper: str, run: int) -> PaperState | None:
        text = self._state_text(seminar, paper, run)
        if text is None:
            return None
        d = json.loads(text)
        for name in ("authors", "cited_by", "references"):
            d[name] = tuple(d.get(name) or ())
        return PaperState(**d)

    def runs(self, seminar: str) -> list[tuple[int, str]]:
        return [(r, at) for r, at in self.db.execute(
            "SELECT id, at FROM runs WHERE seminar = ? ORDER BY id", (seminar,))]


def _parse_since(since: str) -> str:
    try:
        return datetime.fromisoformat(since).date().isoformat()
    except ValueError:
        raise InputError(f"--since {since!r}: expected a date such as 2026-12-01") from None


def compare(before: PaperState | None, after: PaperState, paper: str) -> list[Change]:
    """The changes of one paper between two states (none for a paper new in ``after``)."""
    if before is None:
        return []
    out: list[Change] = []
    if after.published and not before.published:
        out.append(Change(paper, "published", before.venue or "preprint", after.venue))
    if after.arxiv_version and before.arxiv_version and \
            after.arxiv_version > before.arxiv_version:
        out.append(Change(paper, "arxiv_version", before.arxiv_version, after.arxiv_version))
    if after.retracted and not before.retracted:
        out.append(Change(paper, "retracted", False, True))
    for name in ("title", "authors", "venue", "year"):
        old, new = getattr(before, name), getattr(after, name)
        if old != new and new not in (None, "", ()) and not (name == "venue" and any(
                c.kind == "published" for c in out)):
            out.append(Change(paper, name, list(old) if isinstance(old, tuple) else old,
                              list(new) if isinstance(new, tuple) else new))
    for kind, gone, came in (("citation", before.cited_by, after.cited_by),
                             ("reference", before.references, after.references)):
        new_kind, old_kind = (("new_citation", "citation_gone") if kind == "citation"
                              else ("reference_appeared", "reference_vanished"))
        out += [Change(paper, new_kind, None, x) for x in came if x not in gone]
        out += [Change(paper, old_kind, x, None) for x in gone if x not in came]
    return out


def changes(syllabus: Syllabus, folder: Path, since: str | None = None) -> ChangeReport:
    """What changed for each of the syllabus's papers between the latest run and the one
    before it (with ``since``, the last run before that date)."""
    seminar = _seminar_id(syllabus)
    day = _parse_since(since) if since is not None else None
    hist = History(folder, readonly=True)
    try:
        runs = hist.runs(seminar)
        if len(runs) < 1:
            return ChangeReport(seminar.rsplit("/", 1)[-1], None, None, ())
        latest, until = runs[-1]
        if day is not None:
            earlier = [r for r in runs if r[1][:10] < day]
            base = earlier[-1] if earlier else runs[0]
        else:
            base = runs[-2] if len(runs) > 1 else runs[-1]
        out: list[Change] = []
        for p in syllabus.papers:
            after = hist.state(seminar, p.key, latest)
            if after is not None:
                out += compare(hist.state(seminar, p.key, base[0]), after, p.key)
    finally:
        hist.close()
    return ChangeReport(syllabus.seminar.title, base[1], until, tuple(out))


def record_run(folder: Path, syllabus: Syllabus, resolution: Resolution) -> str | None:
    """Record an online run in the history; a warning if it cannot be written."""
    try:
        hist = History(folder)
        try:
            hist.record(syllabus, resolution)
        finally:
            hist.close()
    except (CacheError, sqlite3.Error) as exc:
        return f"run history not recorded: {exc}"
    return None


# --------------------------------------------------------------------------- output

LABELS = {
    "published": "preprint now published", "arxiv_version": "new arXiv version",
    "retracted": "retracted", "title": "title changed", "authors": "authors changed",
    "venue": "venue changed", "year": "year changed",
    "new_citation": "newly cited by", "citation_gone": "no longer cited by",
    "reference_appeared": "reference appeared", "reference_vanished": "reference vanished",
}


def changes_json(report: ChangeReport) -> str:
    data = {"seminar": report.seminar, "since": report.since, "until": report.until,
            "changes": [asdict(c) for c in report.changes],
            "bibtex": dict(report.bibtex)}
    return json_text(data, indent=2) + "\n"


def changes_markdown(report: ChangeReport) -> str:
    from .mdescape import md

    lines = [f"# What changed: {md(report.seminar)}", ""]
    if report.until is None:
        return "\n".join(lines + ["No run recorded yet: resolve the syllabus online first.",
                                   ""])
    lines += [f"Run of {report.until} compared with the run of {report.since}.", ""]
    if not report.changes:
        return "\n".join(lines + ["Nothing changed.", ""])
    bib = dict(report.bibtex)
    by_paper: dict[str, list[Change]] = {}
    for c in report.changes:
        by_paper.setdefault(c.paper, []).append(c)
    for paper, items in by_paper.items():
        lines += [f"## {md(paper)}", ""]
        for c in items:
            lines.append(f"- {LABELS[c.kind]}: {change_text(c)}")
        if paper in bib:
            lines += ["", "```bibtex", bib[paper].rstrip("\n"), "```"]
        lines.append("")
    return "\n".join(lines)


def change_text(c: Change) -> str:
    """``before → after`` (or the one that exists), as Markdown text."""
    from .mdescape import md

    def show(v: Any) -> str:
        return ", ".join(map(str, v)) if isinstance(v, list) else str(v)

    if c.before is None:
        return md(show(c.after))
    if c.after is None:
        return md(show(c.before))
    return f"{md(show(c.before))} → {md(show(c.after))}"


def format_changes(report: ChangeReport, fmt: str = "markdown") -> str:
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r} (choose from: {', '.join(FORMATS)})")
    return changes_json(report) if fmt == "json" else changes_markdown(report)


def changes_text(syllabus_path: str | Path | None = None, *, since: str | None = None,
                 fmt: str = "markdown") -> str:
    """What ``papergraph changes`` prints: the changes since the run before the latest
    (or the last run before ``since``), with the BibTeX each paper now published would
    get (from the cache, offline)."""
    from .config import load_settings
    from .syllabus import load_syllabus

    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r} (choose from: {', '.join(FORMATS)})")
    syllabus = load_syllabus(syllabus_path)
    report = changes(syllabus, load_settings().cache_dir, since)
    published = [c.paper for c in report.changes if c.kind == "published"]
    if published:
        report = _with_bibtex(report, syllabus, published)
    return format_changes(report, fmt)


def _with_bibtex(report: ChangeReport, syllabus: Syllabus, papers: list[str]) -> ChangeReport:
    from dataclasses import replace

    from .bib import render, select_records
    from .resolve import resolve_papers

    resolution = resolve_papers(syllabus, offline=True)
    entries = []
    for br in select_records(syllabus, resolution):
        if br.paper in papers:
            entries.append((br.paper, render([br], fmt="bibtex")))
    return replace(report, bibtex=tuple(entries))


def recent_changes(syllabus: Syllabus) -> tuple[Change, ...]:
    """The changes since the last run for the coverage report: () without a history (an
    offline build on a fresh machine writes the same report as before)."""
    from .config import load_settings

    try:
        return changes(syllabus, load_settings().cache_dir).changes
    except (CacheError, InputError, sqlite3.Error):
        return ()
