"""The ``papergraph`` command line: a thin Typer layer over the library.

Each command parses options, calls one library function and prints its result.
Heavy libraries (networkx, pybtex, pyvis, semanticscholar) are imported inside the
commands so that ``papergraph --help`` stays fast.
"""

import functools
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Optional, TypeVar

import typer

from .cli_types import (
    BibFormat,
    ChangesFormat,
    CoverageFormat,
    GraphFormat,
    KeyStyle,
    OutDirOpt,
    OutputOpt,
    ReadingFormat,
    format_option,
)
from .errors import InputError, PapergraphError
from .files import write_output
from .models import json_text

app = typer.Typer(
    name="papergraph",
    help=(
        "Turn a seminar reading list into BibTeX, Semantic Scholar and OpenAlex metadata, a "
        "citation and "
        "topic graph, an offline HTML page and a coverage report.\n\n"
        "With no SYLLABUS, every command uses the shipped default: the TUM seminar "
        "'Theoretical advances in deep learning' (summer 2020).\n\n"
        "Examples:\n\n"
        "\b\n"
        "  papergraph info --json\n"
        "  papergraph import seminar-page.txt -o syllabus.toml\n"
        "  papergraph resolve --offline\n"
        "  papergraph bib --topic kernel-behaviour-of-nns -o kernels.bib\n"
        "  papergraph graph --format gexf -o seminar.gexf\n"
        "  papergraph coverage --format markdown\n"
        "  papergraph reading-list --topic vc-dimension\n"
        "  papergraph build --offline\n"
        "  papergraph assign examples/preferences.csv\n"
        "  papergraph schedule --days 2020-06-24,2020-06-25 --slots 10:00-10:40,10:40-11:20\n"
        "  papergraph suggest --topic kernel-behaviour-of-nns -f toml\n"
        "  papergraph changes --since 2026-11-01\n\n"
        "Exit codes: 0 done; 1 bad input, an error, or an unresolved paper with --strict; "
        "2 a usage error (an unknown command, option or value)."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

F = TypeVar("F", bound=Callable[..., Any])

SyllabusArg = Annotated[
    Optional[Path],  # noqa: UP045 - Typer needs the Optional spelling on 3.11
    typer.Argument(help="Syllabus TOML file (default: the shipped TUM SS2020 seminar).",
                   show_default=False),
]
OfflineOpt = Annotated[
    bool, typer.Option("--offline", help="Never open a socket: cache and shipped snapshot only.")
]
RefreshOpt = Annotated[bool, typer.Option("--refresh", help="Re-fetch from the network.")]
def _sources(value: str | None) -> str | None:
    """``--sources``: checked in the parser (a usage error, exit 2, like every closed set)."""
    from .config import ALL_SOURCES

    if value is None:
        return None
    names = [n.strip().lower() for n in value.split(",") if n.strip()]
    if not names or any(n not in ALL_SOURCES for n in names):
        raise typer.BadParameter(f"{value!r}: expected a comma-separated list of "
                                 f"{', '.join(ALL_SOURCES)}")
    return ",".join(names)


SourcesOpt = Annotated[Optional[str], typer.Option(  # noqa: UP045
    "--sources", metavar="s2,openalex,dblp", callback=_sources,
    help="Services to ask, comma-separated (default: all): Semantic Scholar first, "
         "OpenAlex fills what it could not give and cross-checks, dblp for BibTeX.")]


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"papergraph {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    pass  # the app's help is Typer(help=...)'s


# C0 controls but tab and newline, DEL and C1 controls: a title holding ESC [ ... could
# otherwise recolour, retitle or clear the user's terminal when a report is printed.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """``text`` with control characters shown as ``\\xNN`` instead of sent to the terminal."""
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def echo(text: str = "", *, nl: bool = True) -> None:
    """Print ``text`` on standard output, control characters made visible."""
    typer.echo(terminal_safe(text), nl=nl)


def err(message: str) -> None:
    """One line on standard error."""
    typer.echo(terminal_safe(message), err=True)


def handle_errors(func: F) -> F:
    """Turn papergraph errors into one-line messages and a non-zero exit, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as exc:  # already FILE:LINE: message, one per problem
            for problem in exc.problems:  # no file to name: say it is an error
                err(str(problem) if problem.file or problem.level != "error"
                    else f"error: {problem}")
            raise typer.Exit(1) from None
        except PapergraphError as exc:
            err(f"error: {exc}")
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            err("interrupted: everything fetched so far is kept in the cache")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(1) from None
        except OSError as exc:  # a file the user named cannot be read or written
            where = f"{exc.filename}: " if exc.filename else ""
            err(f"error: {where}{exc.strerror or exc}")
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int, str], None]]:
    """A Rich progress bar on stderr, as a ``(done, total, item)`` callback for the library.

    Only on a terminal: piped or in CI nothing would be drawn, so Rich (about 50 ms to
    import) is not loaded at all.
    """
    if not sys.stderr.isatty():
        yield lambda done, total, item: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[item]}"),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task(label, total=None, item="")

        def update(done: int, total: int, item: str) -> None:
            bar.update(task, completed=done, total=total, item=item)

        yield update


def _deliver(text: str, output: Path | None) -> bool:
    """Print ``text`` or, with ``-o FILE``, write it there (all or nothing); True if written."""
    if output is None:
        echo(text, nl=False)
        return False
    write_output(output, text)
    return True


# A warning that already says so ("FILE:LINE: warning: ...", "warning: ...").
_SAYS_WARNING = re.compile(r"(?:[^\n]*?: )?warning: ")


def _print_warnings(warnings: tuple[str, ...] | list[str]) -> None:
    for w in warnings:
        err(w if _SAYS_WARNING.match(w) else f"warning: {w}")


# --------------------------------------------------------------------------- info


@app.command(short_help="Summary of the seminar, topics, papers, talks.")
@handle_errors
def info(
    syllabus: SyllabusArg = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Summarise a syllabus: seminar, areas, topics, papers and talks.

    Example: papergraph info --json
    """
    from .syllabus import load_syllabus, syllabus_summary

    syl = load_syllabus(syllabus)
    _print_warnings(syl.warnings)
    data = syllabus_summary(syl)
    if as_json:
        echo(json_text(data, indent=2))
        return
    s = data["seminar"]
    echo(s["title"])
    echo(", ".join(x for x in (s["institution"], s["term"]) if x))
    echo(
        f"{len(data['papers'])} papers, {len(data['areas'])} areas, "
        f"{len(data['topics'])} topics, {len(data['talks'])} talks"
    )
    topics = {t["slug"]: t for t in data["topics"]}
    for area in data["areas"]:
        echo(f"\n{area['title']}")
        for slug in area["topics"]:
            t = topics[slug]
            echo(f"  {t['title']}" + (f": {t['question']}" if t["question"] else ""))
            for key in t["papers"]:
                echo(f"    - {key}")
    if data["talks"]:
        echo("\nTalks")
        for t in data["talks"]:
            echo(f"  {t['date']} {t['start']}-{t['end']}  {t['paper']}")


# --------------------------------------------------------------------------- import


@app.command("import", short_help="Draft a syllabus TOML from a seminar page.")
@handle_errors
def import_(
    source: Annotated[str, typer.Argument(
        help="Seminar page: a .txt, .md, .html, .org, .rst, .csv, .tsv or .yml file, or an "
             "http(s):// URL.")],
    output: Annotated[Optional[Path], typer.Option(  # noqa: UP045 - Typer on 3.11
        "-o", "--output", metavar="FILE", help="Syllabus TOML to write (default: print it).",
        show_default=False)] = None,
    old_out: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--out", hidden=True, help="Deprecated spelling of --output.")] = None,
    resolve: Annotated[bool, typer.Option(
        "--resolve", help="Fill authors, venue and year from Semantic Scholar (cache "
                          "first); '# from Semantic Scholar' comments say which.")] = False,
) -> None:
    """Draft a syllabus TOML from a seminar page; lists every line it could not place.

    Papers the importer is unsure about carry '# check:' comments in the TOML.

    Example: papergraph import https://example.org/seminar.html -o syllabus.toml
    """
    from .importer import import_page
    from .importer.draft import import_summary
    from .importer.toml import dump_draft

    if old_out is not None:
        err("warning: import --out is deprecated (--out names a folder elsewhere): "
            "use -o/--output")
        output = output or old_out
    result = import_page(source)
    if resolve:
        from .importer.complete import complete

        result = complete(result)
    if not result.syllabus.papers:
        err(f"error: {source}: no papers found: is this the seminar's reading list?")
    err(import_summary(result))
    unread = set(result.unread)
    for line, text in result.unplaced:
        what = "looks like a paper, not read" if (line, text) in unread else "not placed"
        err(f"{source}:{line}: {what}: {text}")
    for warning in result.warnings:
        err(warning)
    s = result.syllabus
    if not s.papers:
        raise typer.Exit(1)
    if output is None:
        echo(dump_draft(result), nl=False)
        return
    write_output(output, dump_draft(result))
    counts = [(len(s.papers), "paper"), (len(s.topics), "topic"), (len(s.areas), "area"),
              (len(s.talks), "talk"), (len(result.unplaced), "line")]
    p, t, a, k, u = (f"{n} {word}{'' if n == 1 else 's'}" for n, word in counts)
    echo(f"wrote {output}: {p}, {t} in {a}, {k}; {u} not placed")

# --------------------------------------------------------------------------- resolve


@app.command(short_help="Resolve papers: Semantic Scholar, OpenAlex, dblp, cache.")
@handle_errors
def resolve(
    syllabus: SyllabusArg = None,
    offline: OfflineOpt = False,
    refresh: RefreshOpt = False,
    sources: SourcesOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Resolve every paper against Semantic Scholar, OpenAlex and dblp (cache first).

    Exits non-zero, naming them, when some papers have no published data.

    Example: papergraph resolve --offline --json
    """
    from .resolve import load_and_resolve, resolution_rows, resolution_table

    with progress_bar("resolving") as progress:
        loaded = load_and_resolve(syllabus, offline=offline, refresh=refresh, progress=progress,
                                  sources=sources)
    _print_warnings(loaded.warnings)
    res = loaded.resolution
    if as_json:
        echo(json_text(resolution_rows(res), indent=2))
    else:
        echo(resolution_table(res))
    missing = [r.key for r in res.records if not r.has_data]
    if missing:
        err(f"error: no published data for {len(missing)} paper(s): " + ", ".join(missing))
        raise typer.Exit(1)

# --------------------------------------------------------------------------- bib


@app.command(short_help="BibTeX/biblatex/CSL-JSON/RIS; --explain, --check.")
@handle_errors
def bib(
    syllabus: SyllabusArg = None,
    topic: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--topic", metavar="SLUG", help="Only this topic's papers.")] = None,
    key_style: Annotated[KeyStyle, typer.Option(
        "--key-style", help="Citation keys: scholar (arora2019fine) or dblp (DBLP:conf/...; "
        "scholar style where no dblp key is known).")] = KeyStyle.scholar,
    fmt: Annotated[BibFormat, format_option(
        "BibTeX, biblatex (biber), CSL-JSON (pandoc) or RIS (Zotero, Mendeley, EndNote, "
        "Leganto).")] = BibFormat.bibtex,
    unicode: Annotated[bool, typer.Option(
        "--unicode", help="Keep non-ASCII characters as UTF-8 (biber) instead of LaTeX.")] = False,
    output: OutputOpt = None,
    explain: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--explain", metavar="KEY", help="Show each field of one entry and its source.")] = None,
    check: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--check", metavar="FILE", help="Lint any .bib file: FILE:LINE: message, exit 1 on "
        "errors.")] = None,
    offline: OfflineOpt = False,
    refresh: RefreshOpt = False,
    sources: SourcesOpt = None,
) -> None:
    """Print BibTeX (or biblatex, CSL-JSON, RIS) for the syllabus, explain an entry, or lint
    a .bib.

    Example: papergraph bib --topic kernel-behaviour-of-nns -o kernels.bib
    """
    if check is not None:
        from .bibcheck import check_bib

        problems = check_bib(check)
        for problem in problems:
            echo(str(problem))
        errors = sum(p.level == "error" for p in problems)
        err(f"{check}: {errors} error(s), {len(problems) - errors} warning(s)")
        raise typer.Exit(1 if errors else 0)
    from .commands import bib_command

    with progress_bar("resolving") as progress:
        result = bib_command(syllabus, topic=topic, key_style=key_style.value, fmt=fmt.value,
                             unicode=unicode, explain_key=explain, offline=offline,
                             refresh=refresh, progress=progress, output=output,
                             sources=sources)
    _print_warnings(result.warnings)
    if _deliver(result.text, output):
        err(f"wrote {output}")

# --------------------------------------------------------------------------- graph


@app.command(short_help="Citation + topic graph: HTML page, GraphML, GEXF.")
@handle_errors
def graph(
    syllabus: SyllabusArg = None,
    fmt: Annotated[GraphFormat, format_option(
        "html (the interactive page), graphml, gexf (Gephi, Cytoscape) or json (networkx "
        "node-link).")] = GraphFormat.html,
    include_external: Annotated[bool, typer.Option(
        "--include-external", help="Add the papers the seminar's papers cite and are cited "
        "by.")] = False,
    output: OutputOpt = None,
    offline: OfflineOpt = False,
    refresh: RefreshOpt = False,
    sources: SourcesOpt = None,
) -> None:
    """Build the citation and topic graph and print or write it (HTML page, GraphML, GEXF, JSON).

    Example: papergraph graph --include-external -o seminar-full.html
    """
    from .commands import graph_command

    with progress_bar("resolving") as progress:
        result = graph_command(syllabus, fmt=fmt.value, include_external=include_external,
                               offline=offline, refresh=refresh, progress=progress,
                               sources=sources)
    _print_warnings(result.warnings)
    if _deliver(result.text, output):
        note = " (light mode)" if result.light_mode else ""
        err(f"wrote {output}: {result.nodes} nodes, {result.edges} edges{note}")

# --------------------------------------------------------------------------- coverage


@app.command(short_help="Organisers' coverage report per area and topic.")
@handle_errors
def coverage(
    syllabus: SyllabusArg = None,
    fmt: Annotated[CoverageFormat, format_option(
        "table (fits 100 columns), markdown, csv (one row per topic) or json."
    )] = CoverageFormat.table,
    offline: OfflineOpt = False,
    refresh: RefreshOpt = False,
    sources: SourcesOpt = None,
) -> None:
    """Organisers' coverage report: per area and topic, papers listed and presented,
    unresolved papers, citations to/from OTHER topics, years; focus topics; gaps (papers
    cited by 2+ seminar papers but not listed); page-vs-record discrepancies; schedule.

    Example: papergraph coverage --offline --format markdown
    """
    from .commands import coverage_text

    with progress_bar("resolving") as progress:
        result = coverage_text(syllabus, fmt=fmt.value, offline=offline, refresh=refresh,
                               progress=progress, sources=sources)
    _print_warnings(result.warnings)
    echo(result.text, nl=False)

# --------------------------------------------------------------------------- reading-list


@app.command("reading-list", short_help="Papers per topic in reading order.")
@handle_errors
def reading_list(
    syllabus: SyllabusArg = None,
    topic: Annotated[Optional[str], typer.Option(  # noqa: UP045 - Typer on 3.11
        "--topic", "-t", help="Only this topic (its slug, see `papergraph info`).")] = None,
    fmt: Annotated[ReadingFormat, format_option("markdown or json.")] = ReadingFormat.markdown,
    offline: OfflineOpt = False,
    refresh: RefreshOpt = False,
    sources: SourcesOpt = None,
) -> None:
    """Per topic, the papers in reading order (prerequisites first, ties by year), each with
    its citation key, venue, links and talk slot.

    Example: papergraph reading-list --offline --topic kernel-behaviour-of-nns
    """
    from .commands import reading_list_text

    with progress_bar("resolving") as progress:
        result = reading_list_text(syllabus, topic=topic, fmt=fmt.value, offline=offline,
                                   refresh=refresh, progress=progress,
                                   sources=sources)
    _print_warnings(result.warnings)
    echo(result.text, nl=False)

# --------------------------------------------------------------------------- build


@app.command(short_help="What changed since the last run.")
@handle_errors
def changes(
    syllabus: SyllabusArg = None,
    since: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--since", metavar="DATE", help="Compare with the last run before DATE (YYYY-MM-DD) "
        "instead of the run before the latest.")] = None,
    fmt: Annotated[ChangesFormat, format_option("markdown or json.")] = ChangesFormat.markdown,
) -> None:
    """Per paper, what the latest online run found changed: preprint now published (with
    the BibTeX it would now get), new arXiv version, retraction, title/author/venue/year
    changes, new citations among the seminar's papers, references that appeared or
    vanished. Each run's answers are kept with their dates (run with --refresh to ask
    again).

    Example: papergraph resolve --refresh && papergraph changes --format json
    """
    from .changes import changes_text

    echo(changes_text(syllabus, since=since, fmt=fmt.value), nl=False)


@app.command(short_help="Resolve, then write bib/ and graphs/.")
@handle_errors
def build(
    syllabus: SyllabusArg = None,
    out: OutDirOpt = Path("."),
    offline: OfflineOpt = False,
    refresh: RefreshOpt = False,
    sources: SourcesOpt = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit non-zero if any paper is unresolved.")
    ] = False,
    jobs: Annotated[Optional[int], typer.Option(  # noqa: UP045
        "--jobs", "-j", min=1, max=2, metavar="N",
        help="Processes writing the outputs: 2 writes the graph, page and exports beside "
        "the rest (default: 2 with two usable CPUs and 500 to 25,000 papers, else 1).")] = None,
) -> None:
    """Resolve the syllabus and write every output: bib/*.bib, bib/*.ris and graphs/*.

    Example: papergraph build --offline --out site/
    """
    from .build import build_outputs

    with progress_bar("building") as progress:
        result = build_outputs(syllabus, out, offline=offline, refresh=refresh, progress=progress,
                               sources=sources, jobs=jobs)
    _print_warnings(result.warnings)
    for path in result.written:
        echo(f"wrote {path}")
    if result.unresolved:
        err("warning: built from the page's own citation (unresolved): "
            + ", ".join(result.unresolved))
        if strict:
            raise typer.Exit(1)


# The organisers' planning commands (assign, schedule, suggest) register on `app` here.
from .planning import cli as _planning  # noqa: E402, F401


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is so that every ``finally`` runs (a temporary
    file being written is removed, the cache connection closed)."""


def _terminated(signum: int, frame: Any) -> None:
    raise Terminated()


def main() -> None:
    """Console-script entry point."""
    import gc
    import signal

    signal.signal(signal.SIGTERM, _terminated)
    try:
        app()
    finally:
        # the process ends here: the interpreter's last collection at exit would walk
        # everything still alive (modules, their caches) for no memory anyone gets back
        # (0.3 s of a 10,000-paper build, 0.6 s at 50,000); frozen objects are skipped
        gc.freeze()


if __name__ == "__main__":
    main()
