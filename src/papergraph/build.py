"""``papergraph build``: every output for one syllabus, in one call.

Each stage writes its own files; this module only strings them together so the CLI
command stays a few lines and tests can call the same function.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .bib import bib_records, entries_of, generated_ris, write_bibtex, write_ris
from .changes import recent_changes
from .files import confined_to
from .page import write_graphs
from .perf import frozen_heap
from .reading import write_reading_lists
from .report import write_coverage
from .resolve import Loaded, Progress, load_and_resolve


@dataclass(frozen=True)
class BuildResult:
    written: tuple[Path, ...]
    warnings: tuple[str, ...]
    unresolved: tuple[str, ...]  # paper keys built from the page's own citation


def build_outputs(
    syllabus_path: str | Path | None = None,
    out: str | Path = ".",
    *,
    offline: bool = False,
    refresh: bool = False,
    progress: Progress | None = None,
    sources: str | None = None,
) -> BuildResult:
    """Validate the syllabus, resolve it, and write ``OUT/bib/…`` and ``OUT/graphs/…``."""
    loaded = load_and_resolve(syllabus_path, offline=offline, refresh=refresh, progress=progress,
                              sources=sources)
    # no write or removal outside OUT, whatever the syllabus says; the resolution left to
    # reference counting while the outputs are written (perf.frozen_heap)
    with confined_to(out), frozen_heap():
        return _write_all(loaded, Path(out), progress)


def _write_all(loaded: Loaded, out: Path, progress: Progress | None) -> BuildResult:
    syllabus, resolution = loaded.syllabus, loaded.resolution
    written: list[Path] = []

    def step(done: int, what: str) -> None:  # writing a long reading list takes seconds
        if progress:
            progress(done, 4, what)

    step(0, "writing bib/")
    entries = bib_records(syllabus, resolution)  # made once, used by three outputs
    texts = entries_of(entries)  # each entry's BibTeX, written once for bib/ and the page
    ours = generated_ris(out / "bib")  # asked while the .bib beside each is still there
    written.extend(write_bibtex(syllabus, resolution, out / "bib", records=entries,
                                texts=texts))  # checked first: on an error, nothing in bib/
    written.extend(write_ris(syllabus, entries, out / "bib", ours=ours))
    step(1, "writing the graph, its page and exports")
    written.extend(write_graphs(syllabus, resolution, out / "graphs", bibtex=texts))
    step(2, "writing the coverage report")
    written.append(write_coverage(syllabus, resolution, out, recent_changes(syllabus)))
    step(3, "writing the reading lists")
    written.append(write_reading_lists(syllabus, resolution, out,
                                       keys={e.paper: e.key for e in entries}))
    step(4, "done")
    unresolved = tuple(r.key for r in resolution.records if not r.has_data)
    return BuildResult(
        written=tuple(written),
        warnings=loaded.warnings + tuple(n for e in entries for n in e.notes),
        unresolved=unresolved,
    )
