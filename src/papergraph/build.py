"""``papergraph build``: every output for one syllabus, in one call.

Each stage writes its own files; this module only strings them together so the CLI
command stays a few lines and tests can call the same function.

After resolution the outputs fall in two independent halves of about equal work: the
graph with its page, GraphML and GEXF; and bib/, RIS, the coverage report and the reading
lists. With two usable CPUs (:func:`papergraph.parallel.default_jobs`) and a list large
enough to repay starting a process (and small enough for both halves' memory at once:
:data:`PARALLEL_MAX_PAPERS`), or with ``jobs=2``, the graph half runs in a forked process
(:class:`papergraph.parallel.Beside`) while this one writes the other; the files are the
same bytes either way. The graph half writes nothing before bib/ has passed its check, and
the reports are written only after the graph half succeeded, so a failure leaves what the
one-process order would have left.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from .files import confined_to, write_output
from .parallel import Beside, Receive, default_jobs
from .perf import frozen_heap, paused_gc
from .resolve import Loaded, Progress, load_and_resolve

#: by default the graph half runs in a second process for lists of this many papers:
#: below, starting it (a few milliseconds) costs more than it saves; above, both halves
#: held at once need about a third more memory than one process (50,000 papers: 2.0 GiB
#: of PSS against 1.5 GiB), more than issue 21's 1.5 GiB allows. ``jobs=2`` forks anyway.
PARALLEL_MIN_PAPERS = 500
PARALLEL_MAX_PAPERS = 25_000


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
    jobs: int | None = None,
) -> BuildResult:
    """Validate the syllabus, resolve it, and write ``OUT/bib/…`` and ``OUT/graphs/…``.

    ``jobs``: processes for the outputs (1 or 2; default: 2 when :func:`default_jobs`
    says two CPUs are usable and the list has 500 to 25,000 papers)."""
    # the cyclic collector is paused while the outputs are made (below) and, offline, while
    # the syllabus and cache are read as well: millions of objects without cycles, and
    # each stage that re-enabled it set off collections walking what the stage before made
    # (10,000 papers: 411 collections, 0.7 s of 11.5 s of CPU; 50,000 papers: 5.3 s of
    # 71 s). Online, fetching runs with it (HTTP clients' objects can hold cycles).
    with paused_gc() if offline else nullcontext():
        return _build(syllabus_path, Path(out), offline=offline, refresh=refresh,
                      progress=progress, sources=sources, jobs=jobs)


def _build(syllabus_path: str | Path | None, out: Path, *, offline: bool, refresh: bool,
           progress: Progress | None, sources: str | None, jobs: int | None) -> BuildResult:
    loaded = load_and_resolve(syllabus_path, offline=offline, refresh=refresh, progress=progress,
                              sources=sources)
    n = len(loaded.syllabus.papers)
    fork = jobs >= 2 if jobs is not None else (
        default_jobs() >= 2 and PARALLEL_MIN_PAPERS <= n <= PARALLEL_MAX_PAPERS)
    if fork:  # both halves read the citations among the papers: found once, before
        loaded.resolution.citation_edges()
    # no write or removal outside OUT, whatever the syllabus says; the resolution left to
    # reference counting while the outputs are written (perf.frozen_heap), which also
    # keeps a forked process from copying the pages the collector would touch
    with confined_to(out), paused_gc(), frozen_heap(), \
            Beside(_graphs_half(loaded, out / "graphs"), fork=fork) as graphs:
        return _write_all(loaded, out, progress, graphs)


def _graphs_half(loaded: Loaded, out_dir: Path) -> Callable[[Receive], list[Path]]:
    """The graph, then (once bib/ is written: ``receive()`` gives the BibTeX entries) its
    page, GraphML and GEXF."""

    def work(receive: Receive) -> list[Path]:
        from .exports import write_exports
        from .graph import build_graph
        from .page import write_page

        syllabus, resolution = loaded.syllabus, loaded.resolution
        graph = build_graph(syllabus, resolution)
        texts = receive()
        written = [write_page(syllabus, resolution, graph, out_dir / "seminar.html",
                              bibtex=texts), *write_exports(graph, out_dir, "seminar")]
        # a networkx graph is a reference cycle (its cached views point back to it): with
        # the collector paused it would outlive its use (the reports' memory on top of
        # it); emptied, its nodes and edges are freed here
        graph.clear()
        return written

    return work


def _write_all(loaded: Loaded, out: Path, progress: Progress | None,
               graphs: Beside[list[Path]]) -> BuildResult:
    # imported here, after the fork: only this half needs them (pybtex and the report
    # modules, ~0.15 s), and the graph half starts meanwhile
    from .bib import bib_records, entries_of, generated_ris, write_bibtex, write_ris
    from .changes import recent_changes
    from .reading import reading_lists, reading_lists_markdown
    from .report import coverage_report
    from .report.markdown import coverage_markdown

    syllabus, resolution = loaded.syllabus, loaded.resolution
    written: list[Path] = []

    def step(done: int, what: str) -> None:  # writing a long reading list takes seconds
        if progress:
            progress(done, 3, what)

    step(0, "writing bib/")
    entries = bib_records(syllabus, resolution)  # made once, used by three outputs
    texts = entries_of(entries)  # each entry's BibTeX, written once for bib/ and the page
    ours = generated_ris(out / "bib")  # asked while the .bib beside each is still there
    written.extend(write_bibtex(syllabus, resolution, out / "bib", records=entries,
                                texts=texts))  # checked first: on an error, nothing in bib/
    written.extend(write_ris(syllabus, entries, out / "bib", ours=ours))
    step(1, "writing the graph, its page and exports")
    graphs.send(texts)  # in one process: written now, as before the reports
    step(2, "writing the coverage report and reading lists")
    coverage = coverage_markdown(coverage_report(syllabus, resolution,
                                                 changes=recent_changes(syllabus)))
    reading = reading_lists_markdown(reading_lists(syllabus, resolution,
                                                   keys={e.paper: e.key for e in entries}))
    written.extend(graphs.result())  # (two processes: waits for the graph half)
    written.append(write_output(out / "graphs" / "coverage.md", coverage))
    written.append(write_output(out / "graphs" / "reading-lists.md", reading))
    step(3, "done")
    unresolved = tuple(r.key for r in resolution.records if not r.has_data)
    return BuildResult(
        written=tuple(written),
        warnings=loaded.warnings + tuple(n for e in entries for n in e.notes),
        unresolved=unresolved,
    )
