"""The offline snapshot shipped with the package: the read-only bottom cache layer.

``data/snapshot.json`` is built by ``scripts/build_snapshot.py`` from the verified seminar
facts. Records are found by arXiv id, then by normalised title, so a user's own syllabus
that lists one of these papers under another key still gets its verified record.
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from .models import (
    Paper,
    Provenance,
    Record,
    Ref,
    Syllabus,
    normalize_title,
    record_from_json,
)


@lru_cache(maxsize=1)
def _load() -> tuple[Record, ...]:
    text = (resources.files("papergraph") / "data" / "snapshot.json").read_text("utf-8")
    return tuple(record_from_json(r) for r in json.loads(text)["records"])


def snapshot_records() -> tuple[Record, ...]:
    """Every record of the shipped snapshot, keyed by the facts file's own labels."""
    return _load()


def _find(paper: Paper) -> Record | None:
    for rec in _load():
        if paper.arxiv and rec.arxiv and paper.arxiv.lower() == rec.arxiv.lower():
            return rec
    wanted = normalize_title(paper.title)
    for rec in _load():
        if normalize_title(rec.title) == wanted:
            return rec
    return None


def snapshot_for(syllabus: Syllabus) -> dict[str, Record]:
    """Snapshot records for the syllabus papers it covers, re-keyed to the syllabus keys.

    ``seminar_key`` on references and citations is mapped to the syllabus's keys too, and
    cleared where the other paper is not in this syllabus.
    """
    found = {p.key: rec for p in syllabus.papers if (rec := _find(p)) is not None}
    rename = {rec.key: key for key, rec in found.items()}

    def remap(refs: tuple[Ref, ...]) -> tuple[Ref, ...]:
        return tuple(replace(r, seminar_key=rename.get(r.seminar_key or ""),
                             sources=("snapshot",)) for r in refs)

    return {
        key: replace(rec, key=key, references=remap(rec.references),
                     citations=remap(rec.citations), sources=_edge_sources(rec))
        for key, rec in found.items()
    }


def _edge_sources(rec: Record) -> tuple[tuple[str, Provenance], ...]:
    """``rec.sources`` plus where its citation lists come from (the verified facts)."""
    day = rec.source_of("title").date if rec.source_of("title") else ""
    extra = {name: Provenance("snapshot", day, "complete" if complete else "incomplete")
             for name, refs, complete in (
                 ("references", rec.references, rec.references_complete),
                 ("citations", rec.citations, rec.citations_complete))
             if (refs or complete) and rec.source_of(name) is None}
    return tuple(sorted((*rec.sources, *extra.items())))
