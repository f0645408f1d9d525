"""The planning commands (``assign``, ``schedule``, ``suggest``) on papergraph's Typer app.

Kept apart from :mod:`papergraph.cli` so that the shared CLI module only registers them;
they follow its conventions: a closed set of values is an Enum (choices in ``--help``),
``-f`` is ``--format``, ``-o`` a file; the library is imported inside each command.
"""

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..cli import (
    OfflineOpt,
    RefreshOpt,
    SyllabusArg,
    _deliver,
    _print_warnings,
    app,
    echo,
    handle_errors,
    progress_bar,
)
from ..cli_types import AssignFormat, OutputOpt, SuggestFormat, format_option
from ..errors import PapergraphError


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



@app.command(short_help="Place the talks into days and slots, in citation order.")
@handle_errors
def schedule(
    syllabus: SyllabusArg = None,
    days: Annotated[list[str], typer.Option(
        "--days", metavar="DATE,…", show_default=False,
        help="The seminar's days, YYYY-MM-DD, comma-separated or repeated.")] = ...,  # type: ignore[assignment]
    slots: Annotated[list[str], typer.Option(
        "--slots", metavar="HH:MM-HH:MM,…", show_default=False,
        help="The talk slots of every day, comma-separated or repeated.")] = ...,  # type: ignore[assignment]
    speakers: Annotated[Optional[Path], typer.Option(  # noqa: UP045 - Typer on 3.11
        "--speakers", metavar="FILE", show_default=False,
        help="`papergraph assign -f csv` output: schedule only the papers someone presents, "
             "with their names.")] = None,
    output: Annotated[Optional[Path], typer.Option(  # noqa: UP045 - Typer on 3.11
        "-o", "--output", metavar="FILE", show_default=False,
        help="The scheduled copy of the syllabus (default: ./<syllabus>.scheduled.toml).")
    ] = None,
    in_place: Annotated[bool, typer.Option(
        "--in-place", help="Rewrite SYLLABUS's [[talks]] itself instead of writing a copy.")
    ] = False,
    offline: OfflineOpt = False,
    refresh: RefreshOpt = False,
) -> None:
    """Place a talk for every listed paper into the given days and slots: pinned talks
    (pinned = true) stay, each topic's talks are consecutive, in reading order, and a talk
    comes after the seminar papers it cites wherever that can be done; prints the schedule
    and every citation it still puts backwards, with the reason.

    The [[talks]] go into a copy of the syllabus (-o FILE, default
    ./<syllabus>.scheduled.toml; the rest of the file is kept as it is), or into SYLLABUS
    itself with --in-place.

    \b
    Example: papergraph schedule --offline --days 2020-06-24,2020-06-25,2020-06-26 \\
      --slots 10:00-10:40,10:40-11:20,11:20-12:00,13:00-13:40,13:40-14:20 \\
      --speakers assignment.csv -o scheduled.toml
    """
    from ..files import write_output
    from .schedule import schedule_copy

    with progress_bar("resolving") as progress:
        result = schedule_copy(syllabus, days=days, slots=slots, speakers=speakers,
                               output=output, in_place=in_place, offline=offline,
                               refresh=refresh, progress=progress)
    _print_warnings(result.warnings)
    echo(result.report, nl=False)
    write_output(result.target, result.text)
    echo(f"wrote {result.target}")


@app.command(short_help="Papers to add per topic: newer work citing it, gaps it cites.")
@handle_errors
def suggest(
    syllabus: SyllabusArg = None,
    topic: Annotated[Optional[str], typer.Option(  # noqa: UP045 - Typer on 3.11
        "--topic", "-t", metavar="SLUG",
        help="Only this topic (its slug, see `papergraph info`).")] = None,
    since: Annotated[Optional[int], typer.Option(  # noqa: UP045 - Typer on 3.11
        "--since", metavar="YEAR", show_default=False,
        help="Forward: papers published in YEAR or later (default: the seminar's year).")
    ] = None,
    limit: Annotated[int, typer.Option(
        "--limit", "-n", min=1, metavar="N",
        help="At most N suggestions per topic and direction.")] = 5,
    fmt: Annotated[SuggestFormat, format_option(
        "markdown, toml ([[papers]] to paste, each with a # why: comment) or json.")
    ] = SuggestFormat.markdown,
    output: OutputOpt = None,
    offline: OfflineOpt = False,
    refresh: RefreshOpt = False,
) -> None:
    """Per topic, papers to consider adding: forward, the papers published since the
    seminar's year that cite at least 2 of the topic's papers (1 for a one-paper topic);
    backward, the papers the topic's papers cite that the seminar cites without listing
    them. Each is ranked and explained; never a listed paper; a preprint and its published
    version once. Uses the citation data the resolver fetched; a topic without any (e.g.
    --offline before an online run) is named.

    \b
    Example: papergraph suggest --topic kernel-behaviour-of-nns --since 2021 -f toml
    """
    from ..resolve import load_and_resolve
    from ..syllabus import load_syllabus
    from .suggest import format_suggestions
    from .suggest import suggest as suggest_papers

    if topic is not None:  # fail before any network work
        slugs = [t.slug for t in load_syllabus(syllabus).topics]
        if topic not in slugs:
            raise PapergraphError(f"unknown topic '{topic}'; topics: " + ", ".join(slugs))
    with progress_bar("resolving") as progress:
        loaded = load_and_resolve(syllabus, offline=offline, refresh=refresh,
                                  progress=progress)
    _print_warnings(loaded.warnings)
    result = suggest_papers(loaded.syllabus, loaded.resolution, topic=topic, since=since,
                            limit=limit)
    lacking = result.without_citation_data()
    if lacking:
        _print_warnings([f"no citation data (forward suggestions need it) for topic(s): "
                         f"{', '.join(lacking)}"])
    if _deliver(format_suggestions(result, loaded.syllabus, fmt.value), output):
        echo(f"wrote {output}")
