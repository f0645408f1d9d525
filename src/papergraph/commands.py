"""What each ``papergraph`` command does, as one call: load, resolve, ask the library, format.

The library modules take and return data (records, graphs, reports); these functions
string them together for :mod:`papergraph.cli` and turn the result into the text a command
prints, with the warnings met on the way. The CLI only parses options, calls one of these
and delivers the text. Heavy libraries are imported inside the functions so that
``papergraph --help`` stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import PapergraphError

if TYPE_CHECKING:
    from .bib import BibRecord
    from .resolve import Progress

GRAPH_FORMATS = ("html", "graphml", "gexf", "json")
READING_FORMATS = ("markdown", "json")


@dataclass(frozen=True)
class TextOutput:
    """A command's text and the warnings met while making it."""

    text: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class GraphOutput:
    """What ``papergraph graph`` prints or writes."""

    text: str
    fmt: str
    nodes: int
    edges: int
    light_mode: bool
    warnings: tuple[str, ...] = ()


def _unknown(what: str, value: str, choices: tuple[str, ...]) -> PapergraphError:
    return PapergraphError(f"unknown {what} {value!r} (choose from: {', '.join(choices)})")


# --------------------------------------------------------------------------- bib


def bib_command(
    syllabus_path: str | Path | None = None,
    *,
    topic: str | None = None,
    key_style: str = "scholar",
    fmt: str = "bibtex",
    unicode: bool = False,
    explain_key: str | None = None,
    offline: bool = False,
    refresh: bool = False,
    progress: Progress | None = None,
    sources: str | None = None,
    output: str | Path | None = None,
) -> TextOutput:
    """What ``papergraph bib`` prints (or writes to ``output``): entries in ``fmt``, or
    ``--explain KEY``'s report. BibTeX and biblatex pass papergraph's own ``.bib`` check
    first, as in ``papergraph build`` (an error there is raised, naming ``output``).

    Warnings: the syllabus's and the resolver's, plus where the page's citation differs
    from the record an entry follows.
    """
    from .bib import (
        BIBTEX_FORMATS,
        FORMATS,
        KEY_STYLES,
        check_own_bibtex,
        explain,
        page_differences,
        render,
        select_records,
    )
    from .resolve import load_and_resolve

    if fmt not in FORMATS:
        raise _unknown("format", fmt, FORMATS)
    if key_style not in KEY_STYLES:
        raise _unknown("key style", key_style, KEY_STYLES)
    loaded = load_and_resolve(syllabus_path, offline=offline, refresh=refresh, progress=progress,
                              sources=sources)
    syllabus, resolution = loaded.syllabus, loaded.resolution
    warnings = loaded.warnings + page_differences(syllabus, resolution)
    if explain_key is not None:
        br = explain(syllabus, resolution, explain_key, key_style=key_style)
        return TextOutput("\n".join(explain_lines(br)) + "\n", warnings)
    records = select_records(syllabus, resolution, topic=topic, key_style=key_style)
    text = render(records, fmt=fmt, unicode=unicode)
    if fmt in BIBTEX_FORMATS:
        check_own_bibtex({str(output) if output is not None else "<stdout>": text})
    return TextOutput(text, warnings)


def explain_lines(br: BibRecord) -> list[str]:
    """Human-readable field/value/source lines for one entry, for ``--explain``."""
    origin = {"published": "the published record", "page": "the page's own citation"}.get(
        br.origin, f"the record's {br.origin.split(':', 1)[-1]} version (pinned)")
    lines = [f"@{br.entry_type}{{{br.key}}}  paper {br.paper}, from {origin}",
             f"  key: {br.key}  <- {br.key_source}"]
    width = max([len(f.name) for f in br.fields] + [9])
    for f in br.fields:
        lines.append(f"  {f.name:<{width}} = {f.value}")
        lines.append(f"  {'':<{width}}   <- {f.source}")
    for name in br.missing:
        lines.append(f"  {name:<{width}}   (missing: no verified value in the record or in "
                     "papergraph's proceedings table; left out)")
    lines.extend(f"  note: {n}" for n in br.notes)
    return lines


# --------------------------------------------------------------------------- graph


def graph_command(
    syllabus_path: str | Path | None = None,
    *,
    fmt: str = "html",
    include_external: bool = False,
    offline: bool = False,
    refresh: bool = False,
    progress: Progress | None = None,
    sources: str | None = None,
) -> GraphOutput:
    """Load and resolve a syllabus, build its graph and render it in ``fmt``."""
    from .exports import gexf_text, graph_json, graphml_text
    from .graph import build_graph
    from .page import LIGHT_MODE_NODES, render_page
    from .resolve import load_and_resolve

    if fmt not in GRAPH_FORMATS:
        raise _unknown("format", fmt, GRAPH_FORMATS)
    loaded = load_and_resolve(syllabus_path, offline=offline, refresh=refresh, progress=progress,
                              sources=sources)
    syllabus, resolution = loaded.syllabus, loaded.resolution
    graph = build_graph(syllabus, resolution, include_external=include_external)
    if fmt == "html":
        text = render_page(syllabus, resolution, graph)
    else:
        text = {"graphml": graphml_text, "gexf": gexf_text, "json": graph_json}[fmt](graph)
    return GraphOutput(
        text=text,
        fmt=fmt,
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        light_mode=fmt == "html" and graph.number_of_nodes() > LIGHT_MODE_NODES,
        warnings=loaded.warnings,
    )


# --------------------------------------------------------------------------- coverage


def coverage_text(
    syllabus_path: str | Path | None = None,
    *,
    fmt: str = "table",
    offline: bool = False,
    refresh: bool = False,
    progress: Progress | None = None,
    sources: str | None = None,
    width: int = 100,
) -> TextOutput:
    """Load, resolve and report in one call: what ``papergraph coverage`` prints."""
    from .report import FORMATS, coverage_report, format_coverage
    from .resolve import load_and_resolve

    if fmt not in FORMATS:
        raise _unknown("format", fmt, FORMATS)
    loaded = load_and_resolve(syllabus_path, offline=offline, refresh=refresh, progress=progress,
                              sources=sources)
    from .changes import recent_changes

    cov = coverage_report(loaded.syllabus, loaded.resolution,
                          changes=recent_changes(loaded.syllabus))
    return TextOutput(format_coverage(cov, fmt, width=width), loaded.warnings)


# --------------------------------------------------------------------------- reading-list


def reading_list_text(
    syllabus_path: str | Path | None = None,
    *,
    topic: str | None = None,
    fmt: str = "markdown",
    offline: bool = False,
    refresh: bool = False,
    progress: Progress | None = None,
    sources: str | None = None,
) -> TextOutput:
    """Load, resolve and format in one call: what ``papergraph reading-list`` prints."""
    from .reading import format_reading_lists, reading_lists
    from .resolve import load_and_resolve
    from .syllabus import load_syllabus

    if fmt not in READING_FORMATS:
        raise _unknown("format", fmt, READING_FORMATS)
    if topic is not None:  # fail before any network work
        slugs = [t.slug for t in load_syllabus(syllabus_path).topics]
        if topic not in slugs:
            raise PapergraphError(f"unknown topic '{topic}'; topics: " + ", ".join(slugs))
    loaded = load_and_resolve(syllabus_path, offline=offline, refresh=refresh, progress=progress,
                              sources=sources)
    lists = reading_lists(loaded.syllabus, loaded.resolution, topic=topic)
    return TextOutput(format_reading_lists(lists, fmt), loaded.warnings)
