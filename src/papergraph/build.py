"""``papergraph build``: every output for one syllabus, in one call.

Each stage writes its own files; this module only strings them together so the CLI
command stays a few lines and tests can call the same function.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .bib import write_bibtex  # [bib]
from .reading import write_reading_lists  # [report]
from .render import write_graphs  # [graph]
from .report import write_coverage  # [report]
from .resolve import Progress, resolve_papers
from .syllabus import load_syllabus


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
) -> BuildResult:
    """Validate the syllabus, resolve it, and write ``OUT/bib/…`` and ``OUT/graphs/…``."""
    syllabus = load_syllabus(syllabus_path)
    resolution = resolve_papers(syllabus, offline=offline, refresh=refresh, progress=progress)
    out = Path(out)
    (out / "bib").mkdir(parents=True, exist_ok=True)
    (out / "graphs").mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    # stage writers plug in here, one line each:
    # [bib]       (issue 4)
    written.extend(write_bibtex(syllabus, resolution, out / "bib"))  # [bib]
    # [graph]     (issue 5)
    written.extend(write_graphs(syllabus, resolution, out / "graphs"))  # [graph]
    # [report]    (issue 6)
    written.append(write_coverage(syllabus, resolution, out))  # [report]
    written.append(write_reading_lists(syllabus, resolution, out))  # [report]
    unresolved = tuple(r.key for r in resolution.records if not r.has_data)
    return BuildResult(
        written=tuple(written),
        warnings=tuple(syllabus.warnings) + tuple(resolution.warnings),
        unresolved=unresolved,
    )
