"""Who presents what: students' ranked preferences -> a one-to-one paper assignment.

The preferences are a CSV file, one row per student: ``student,choice1,choice2,…`` with
paper keys (``;`` or tab-separated when the first row has no comma); a cell may hold
several keys joined by ``=`` (a tie: ``jacot2018=li2018`` both rank as that column's
choice). A first row whose first cell is ``student`` is a header.

The assignment is the optimum of one objective, found by networkx's maximum-weight
matching (Edmonds' blossom algorithm, exact on integers):

1. as many students as possible get a paper they ranked;
2. among those assignments, the fewest students get their worst rank, then the fewest
   the next-worst, and so on up to the first choice (nobody gets a low choice if it can
   be avoided, and then as many first choices as possible).

Step 2 is a minimum-cost assignment with cost ``(S + 1) ** (rank - 1)`` for S students:
one student at rank r costs more than every student at ranks below r together, so the
sum orders assignments exactly by their rank counts from the worst rank down.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem
from ..files import read_user_file
from ..mdescape import md_cell
from ..models import Syllabus

FORMATS = ("markdown", "csv", "json")


@dataclass(frozen=True)
class Preference:
    """One student's ranked papers: ``ranks[key]`` is the choice number (1 = first)."""

    student: str
    ranks: tuple[tuple[str, int], ...]
    line: int


@dataclass(frozen=True)
class Assignment:
    """The outcome: who presents which paper, at which rank of their list."""

    pairs: tuple[tuple[str, str, int], ...]  # (student, paper key, rank), in CSV order
    unassigned_papers: tuple[str, ...]  # in syllabus order
    unassigned_students: tuple[str, ...]  # in CSV order

    def rank_counts(self) -> dict[int, int]:
        """How many students got their 1st, 2nd, … choice."""
        return dict(sorted(Counter(r for _, _, r in self.pairs).items()))


# --------------------------------------------------------------------------- reading


def read_preferences(path: str | Path, paper_keys: tuple[str, ...]) -> list[Preference]:
    """The preferences in the CSV file at ``path``; every problem as ``FILE:LINE: message``."""
    text = read_user_file(path, what="preferences file")
    return parse_preferences(text, paper_keys, source=str(path))


def parse_preferences(text: str, paper_keys: tuple[str, ...],
                      source: str = "<string>") -> list[Preference]:
    """:func:`read_preferences` on text; raises :class:`InputError` listing every problem."""
    known = set(paper_keys)
    problems: list[Problem] = []
    prefs: list[Preference] = []
    seen: dict[str, int] = {}
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the newline ending the last row ends no empty row
    delimiter = _delimiter(lines)
    for number, line in enumerate(lines, start=1):
        try:
            cells = [c.strip() for c in next(csv.reader([line], delimiter=delimiter,
                                                         strict=True), [])]
        except csv.Error as exc:
            problems.append(Problem(source, number, f"not CSV ({exc})"))
            continue
        if number == 1 and cells and cells[0].lower() == "student":
            continue
        student = cells[0] if cells else ""
        if student and student in seen:
            problems.append(Problem(source, number, f"student {student!r} is already "
                                    f"listed on line {seen[student]}"))
            continue
        if student:
            seen[student] = number
        pref = _row(cells, number, known, source, problems)
        if pref is not None:
            prefs.append(pref)
    if not prefs and not problems:
        problems.append(Problem(source, None, "no student: expected rows "
                                "student,choice1,choice2,… with paper keys"))
    if problems:
        raise InputError(problems)
    return prefs


def _delimiter(lines: list[str]) -> str:
    """``,``; or ``;`` / a tab when the first row has those and no comma (a spreadsheet
    saved in a locale whose decimal mark is a comma, or copied as tab-separated text)."""
    first = next((line for line in lines if line.strip()), "")
    if "," not in first:
        for other in (";", "\t"):
            if other in first:
                return other
    return ","


def _row(cells: list[str], number: int, known: set[str], source: str,
         problems: list[Problem]) -> Preference | None:
    """One student's row, or None after recording what is wrong with it."""
    def bad(message: str) -> None:
        problems.append(Problem(source, number, message))

    while cells and not cells[-1]:
        cells.pop()  # spreadsheets pad short rows with empty cells
    if not cells:
        bad("empty row (expected student,choice1,choice2,…)")
        return None
    student, choices = cells[0], cells[1:]
    if not student:
        bad("no student name in the first column")
        return None
    if not choices:
        bad(f"student {student!r} ranks no paper")
        return None
    ranks: dict[str, int] = {}
    ok = True
    for rank, cell in enumerate(choices, start=1):
        keys = [k.strip() for k in cell.split("=")]
        if not all(keys):
            bad(f"student {student!r}: choice {rank} is empty")
            ok = False
        for key in filter(None, keys):
            if key not in known:
                bad(f"student {student!r}: unknown paper key {key!r}")
                ok = False
            elif key in ranks:
                where = (f"in choice {rank}" if ranks[key] == rank
                         else f"(choices {ranks[key]} and {rank})")
                bad(f"student {student!r}: paper {key!r} ranked twice {where}")
                ok = False
            else:
                ranks[key] = rank
    return Preference(student, tuple(ranks.items()), number) if ok else None


# --------------------------------------------------------------------------- solving


def assign_papers(prefs: list[Preference], paper_keys: tuple[str, ...]) -> Assignment:
    """The optimal assignment of ``paper_keys`` to the students (see the module's doc)."""
    import networkx as nx

    worst = max((r for p in prefs for _, r in p.ranks), default=1)
    base = len(prefs) + 1
    top = base ** worst  # above every cost: every edge weighs > 0
    graph = nx.Graph()
    for i, p in enumerate(prefs):
        for key, rank in p.ranks:
            graph.add_edge(("s", i), ("p", key), weight=top - base ** (rank - 1))
    matching = nx.max_weight_matching(graph, maxcardinality=True)
    got: dict[int, str] = {}
    for a, b in matching:
        s, p = (a, b) if a[0] == "s" else (b, a)
        got[s[1]] = p[1]
    pairs = tuple((p.student, got[i], dict(p.ranks)[got[i]])
                  for i, p in enumerate(prefs) if i in got)
    taken = set(got.values())
    return Assignment(pairs, tuple(k for k in paper_keys if k not in taken),
                      tuple(p.student for i, p in enumerate(prefs) if i not in got))


def presentable_papers(syllabus: Syllabus) -> tuple[str, ...]:
    """The papers to hand out: every paper listed in a topic, in syllabus order."""
    listed = {k for t in syllabus.topics for k in t.papers}
    return tuple(p.key for p in syllabus.papers if p.key in listed)


# --------------------------------------------------------------------------- output


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def fairness_line(result: Assignment) -> str:
    """``1st choice: 8, 2nd choice: 3, 3rd choice: 1`` (or ``nobody assigned``)."""
    counts = result.rank_counts()
    if not counts:
        return "nobody assigned"
    return ", ".join(f"{_ordinal(r)} choice: {n}" for r, n in counts.items())


def format_assignment(result: Assignment, syllabus: Syllabus, fmt: str = "markdown") -> str:
    """The assignment as Markdown (a table, the unassigned, the fairness summary), CSV
    (``student,paper,rank``; an unassigned student with an empty paper) or JSON."""
    if fmt == "json":
        return json.dumps({
            "assignments": [{"student": s, "paper": k, "rank": r} for s, k, r in result.pairs],
            "unassigned_papers": list(result.unassigned_papers),
            "unassigned_students": list(result.unassigned_students),
            "ranks": {str(r): n for r, n in result.rank_counts().items()},
        }, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["student", "paper", "rank"])
        writer.writerows(result.pairs)
        writer.writerows([s, "", ""] for s in result.unassigned_students)
        return buf.getvalue()
    return _markdown(result, syllabus)


def _markdown(result: Assignment, syllabus: Syllabus) -> str:
    titles = {p.key: p.title for p in syllabus.papers}
    out = ["# Paper assignment", "", "| student | paper | title | choice |", "|---|---|---|---|"]
    out += [f"| {md_cell(s)} | {md_cell(k)} | {md_cell(titles.get(k, ''))} | {_ordinal(r)} |"
            for s, k, r in result.pairs]
    out += ["", f"Choices met: {fairness_line(result)}."]
    students = ", ".join(md_cell(s) for s in result.unassigned_students) or "none"
    papers = ", ".join(md_cell(k) for k in result.unassigned_papers) or "none"
    out += ["", f"Students without a paper: {students}.", "", f"Papers nobody presents: {papers}."]
    return "\n".join(out) + "\n"
