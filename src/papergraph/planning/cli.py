"""The planning commands (``assign``, ``schedule``, ``suggest``) on papergraph's Typer app.

Kept apart from :mod:`papergraph.cli` so that the shared CLI module only registers them;
they follow its conventions: a closed set of values is an Enum (choices in ``--help``),
``-f`` is ``--format``, ``-o`` a file; the library is imported inside each command.
"""

from pathlib import Path
from typing import Annotated

import typer

from ..cli import SyllabusArg, _deliver, _print_warnings, app, echo, handle_errors
from ..cli_types import AssignFormat, OutputOpt, format_option


@app.command(short_help="Assign papers to students from their ranked preferences.")
@handle_errors
def assign(
    preferences: Annotated[Path, typer.Argument(
        help="CSV, one row per student: student,choice1,choice2,… (paper keys; a=b ties).",
        show_default=False)],
    syllabus: SyllabusArg = None,
    fmt: Annotated[AssignFormat, format_option(
        "markdown (a table), csv (student,paper,rank) or json.")] = AssignFormat.markdown,
    output: OutputOpt = None,
) -> None:
    """Assign one paper to each student from their ranked preferences: as many students
    as possible get a paper they ranked and nobody a lower choice than needed; then the
    unassigned papers and students, and how many got their 1st, 2nd, … choice.

    Example: papergraph assign examples/preferences.csv -f csv -o assignment.csv
    """
    from ..syllabus import load_syllabus
    from .assign import assign_papers, format_assignment, presentable_papers, read_preferences

    loaded = load_syllabus(syllabus)
    _print_warnings(loaded.warnings)
    keys = presentable_papers(loaded)
    prefs = read_preferences(preferences, tuple(p.key for p in loaded.papers))
    result = assign_papers(prefs, keys)
    if _deliver(format_assignment(result, loaded, fmt.value), output):
        echo(f"wrote {output}")

