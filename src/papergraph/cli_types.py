"""The closed sets the ``papergraph`` commands accept, as enums Typer checks in the parser.

A value outside the set fails before the command runs, with Click's one wording and the
choices (exit 2), and ``--help`` lists them (``[bibtex|biblatex|csl-json|ris]``).

The convention, for a new command or option with a closed set of values:

1. add a ``class Thing(Choice)`` here whose members' *values* are what a user types;
2. declare the option with :func:`format_option` (``-f`` is always ``--format``), and use
   :data:`OutputOpt` for a FILE (``-o``/``--output``) and :data:`OutDirOpt` for a folder
   (``--out``): ``-o`` never names a folder, ``--out`` never a file;
3. pass ``value.value`` (a plain ``str``) to the library, which keeps its own tuple of
   accepted values; ``tests/test_cli_types.py`` checks the two agree.

This module imports nothing heavy: ``papergraph --help`` loads it.
"""

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer


class Choice(StrEnum):
    """A closed set of option values; ``str(member)`` is the value a user types."""


class BibFormat(Choice):
    """``papergraph bib --format`` (library: :data:`papergraph.bib.FORMATS`)."""

    bibtex = "bibtex"
    biblatex = "biblatex"
    csl_json = "csl-json"
    ris = "ris"


class KeyStyle(Choice):
    """``papergraph bib --key-style`` (library: :data:`papergraph.bib.KEY_STYLES`)."""

    scholar = "scholar"
    dblp = "dblp"


class GraphFormat(Choice):
    """``papergraph graph --format`` (library: :data:`papergraph.commands.GRAPH_FORMATS`)."""

    html = "html"
    graphml = "graphml"
    gexf = "gexf"
    json = "json"


class CoverageFormat(Choice):
    """``papergraph coverage --format`` (library: :data:`papergraph.report.FORMATS`)."""

    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"


class ReadingFormat(Choice):
    """``papergraph reading-list --format`` (library:
    :data:`papergraph.commands.READING_FORMATS`)."""

    markdown = "markdown"
    json = "json"


class AssignFormat(Choice):
    """``papergraph assign --format`` (library: :data:`papergraph.planning.assign.FORMATS`)."""

    markdown = "markdown"
    csv = "csv"
    json = "json"


class SuggestFormat(Choice):
    """``papergraph suggest --format`` (library: :data:`papergraph.planning.suggest.FORMATS`)."""

    markdown = "markdown"
    toml = "toml"
    json = "json"


class ChangesFormat(Choice):
    """``papergraph changes --format`` (library: :data:`papergraph.changes.FORMATS`)."""

    markdown = "markdown"
    json = "json"


# Each enum and the library tuple it mirrors, as (enum, "module:NAME"), for the test.
MIRRORS: tuple[tuple[type[Choice], str], ...] = (
    (BibFormat, "papergraph.bib:FORMATS"),
    (KeyStyle, "papergraph.bib:KEY_STYLES"),
    (GraphFormat, "papergraph.commands:GRAPH_FORMATS"),
    (CoverageFormat, "papergraph.report:FORMATS"),
    (ReadingFormat, "papergraph.commands:READING_FORMATS"),
    (AssignFormat, "papergraph.planning.assign:FORMATS"),
    (SuggestFormat, "papergraph.planning.suggest:FORMATS"),
    (ChangesFormat, "papergraph.changes:FORMATS"),
)


def format_option(help: str) -> Any:
    """``-f``/``--format``, the same two spellings on every command."""
    return typer.Option("--format", "-f", help=help)


OutputOpt = Annotated[Optional[Path], typer.Option(  # noqa: UP045 - Typer on 3.11
    "-o", "--output", metavar="FILE", show_default=False,
    help="Write to FILE instead of standard output.")]
OutDirOpt = Annotated[Path, typer.Option(
    "--out", metavar="DIR", help="Folder to write into (created if missing).")]
