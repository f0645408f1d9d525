"""The ``papergraph`` command line: a thin Typer layer over the library.

Each command parses options, calls one library function and prints its result.
Heavy libraries (networkx, pybtex, pyvis, semanticscholar) are imported inside the
commands so that ``papergraph --help`` stays fast.
"""

import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Optional, TypeVar

import typer

from .errors import InputError, PapergraphError

app = typer.Typer(
    name="papergraph",
    help=(
        "Turn a seminar reading list into BibTeX, Semantic Scholar metadata, a citation and "
        "topic graph, an offline HTML page and a coverage report.\n\n"
        "With no SYLLABUS, every command uses the shipped default: the TUM seminar "
        "'Theoretical advances in deep learning' (summer 2020).\n\n"
        "Example: papergraph build --offline"
    ),
    no_args_is_help=True,
    add_completion=False,
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


def err(message: str) -> None:
    """One line on standard error."""
    typer.echo(message, err=True)


def handle_errors(func: F) -> F:
    """Turn papergraph errors into one-line messages and a non-zero exit, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as exc:  # already FILE:LINE: message, one per problem
            for problem in exc.problems:
                err(str(problem))
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

    return wrapper  # type: ignore[return-value]


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int, str], None]]:
    """A Rich progress bar on stderr, as a ``(done, total, item)`` callback for the library."""
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


def _print_warnings(warnings: tuple[str, ...] | list[str]) -> None:
    for w in warnings:
        err(w if w.split(":", 1)[0].endswith(("toml", ">")) else f"warning: {w}")


# --------------------------------------------------------------------------- info


@app.command()
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
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    s = data["seminar"]
    typer.echo(s["title"])
    typer.echo(", ".join(x for x in (s["institution"], s["term"]) if x))
    typer.echo(
        f"{len(data['papers'])} papers, {len(data['areas'])} areas, "
        f"{len(data['topics'])} topics, {len(data['talks'])} talks"
    )
    topics = {t["slug"]: t for t in data["topics"]}
    for area in data["areas"]:
        typer.echo(f"\n{area['title']}")
        for slug in area["topics"]:
            t = topics[slug]
            typer.echo(f"  {t['title']}" + (f": {t['question']}" if t["question"] else ""))
            for key in t["papers"]:
                typer.echo(f"    - {key}")
    if data["talks"]:
        typer.echo("\nTalks")
        for t in data["talks"]:
            typer.echo(f"  {t['date']} {t['start']}-{t['end']}  {t['paper']}")


# --------------------------------------------------------------------------- import
# (issue 2: papergraph import)

# --------------------------------------------------------------------------- resolve
# (issue 3: papergraph resolve)

# --------------------------------------------------------------------------- bib
# (issue 4: papergraph bib)

# --------------------------------------------------------------------------- graph
# (issue 5: papergraph graph)

# --------------------------------------------------------------------------- coverage
# (issue 6: papergraph coverage)

# --------------------------------------------------------------------------- reading-list
# (issue 6: papergraph reading-list)

# --------------------------------------------------------------------------- build


@app.command()
@handle_errors
def build(
    syllabus: SyllabusArg = None,
    out: Annotated[Path, typer.Option("--out", help="Folder for bib/ and graphs/.")] = Path("."),
    offline: OfflineOpt = False,
    refresh: RefreshOpt = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit non-zero if any paper is unresolved.")
    ] = False,
) -> None:
    """Resolve the syllabus and write every output: bib/*.bib and graphs/*.

    Example: papergraph build --offline --out site/
    """
    from .build import build_outputs

    with progress_bar("resolving") as progress:
        result = build_outputs(syllabus, out, offline=offline, refresh=refresh, progress=progress)
    _print_warnings(result.warnings)
    for path in result.written:
        typer.echo(f"wrote {path}")
    if result.unresolved:
        err("warning: built from the page's own citation (unresolved): "
            + ", ".join(result.unresolved))
        if strict:
            raise typer.Exit(1)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
