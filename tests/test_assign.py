"""`papergraph assign`: students' ranked preferences -> the optimal one-to-one assignment."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from papergraph.cli import app
from papergraph.errors import InputError
from papergraph.planning.assign import (
    Preference,
    assign_papers,
    parse_preferences,
)

runner = CliRunner()
SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "preferences.csv"


def test_sample_preferences_give_every_student_a_paper_they_ranked():
    result = runner.invoke(app, ["assign", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        '# Paper assignment',
        '',
        '| student | paper | title | choice |',
        '|---|---|---|---|',
        '| Anna Berger | allenzhu2019convergence | A Convergence Theory for Deep Learning via Over-Parameterization | 2nd |',  # noqa: E501
        '| Ben Fischer | yehudai2019 | On the Power and Limitations of Random Features for Understanding Neural Networks | 2nd |',  # noqa: E501
        '| Carla Huber | bartlett2017 | Nearly-tight VC-dimension bounds for piecewise linear neural networks | 1st |',  # noqa: E501
        '| David Klein | arora2019fine | Fine-Grained Analysis of Optimization and Generalization for Overparameterized Two-Layer Neural Networks | 1st |',  # noqa: E501
        '| Elif Kaya | gao2019 | Convergence of Adversarial Training in Overparametrized Neural Networks | 1st |',  # noqa: E501
        '| Felix Maier | arora2019linear | A convergence analysis of gradient descent for deep linear neural networks | 1st |',  # noqa: E501
        '| Greta Schmid | yun2019 | Small ReLU networks are powerful memorizers: a tight analysis of memorization capacity | 2nd |',  # noqa: E501
        '| Hannes Wolf | allenzhu2019rnn | Can SGD Learn Recurrent Neural Networks with Provable Generalization? | 1st |',  # noqa: E501
        '| Ines Wagner | tu2019 | Theoretical Analysis of Adversarial Learning: A Minimax Approach | 1st |',  # noqa: E501
        '| Jonas Becker | li2018 | Algorithmic Regularization in Over-parameterized Matrix Sensing and Neural Networks with Quadratic Activations | 1st |',  # noqa: E501
        '| Katrin Hofmann | jacot2018 | Neural Tangent Kernel: Convergence and Generalization in Neural Networks | 1st |',  # noqa: E501
        '| Luca Rossi | allenzhu2019resnet | What Can ResNet Learn Efficiently, Going Beyond Kernels? | 2nd |',  # noqa: E501
        '',
        'Choices met: 1st choice: 8, 2nd choice: 4.',
        '',
        'Students without a paper: none.',
        '',
        'Papers nobody presents: wei2019, shamir2018, ma2018.',
    ]


def test_json_and_csv_outputs(tmp_path):
    result = runner.invoke(app, ["assign", str(SAMPLE), "-f", "json"])
    data = json.loads(result.stdout)
    assert sorted(data) == ["assignments", "ranks", "unassigned_papers", "unassigned_students"]
    assert data["assignments"][0] == {"student": "Anna Berger",
                                      "paper": "allenzhu2019convergence", "rank": 2}
    assert data["ranks"] == {"1": 8, "2": 4}
    assert data["unassigned_papers"] == ["wei2019", "shamir2018", "ma2018"]
    assert data["unassigned_students"] == []
    out = tmp_path / "assignment.csv"
    result = runner.invoke(app, ["assign", str(SAMPLE), "--format", "csv", "-o", str(out)])
    assert result.stdout == f"wrote {out}\n"
    lines = out.read_text().splitlines()
    assert lines[:3] == ["student,paper,rank", "Anna Berger,allenzhu2019convergence,2",
                         "Ben Fischer,yehudai2019,2"]
    assert len(lines) == 13


def test_more_students_than_papers_lists_who_is_left_without_one(tmp_path):
    prefs = tmp_path / "p.csv"
    prefs.write_text("a,jacot2018\nb,jacot2018\nc,jacot2018=li2018\n")
    result = runner.invoke(app, ["assign", str(prefs), "-f", "csv"])
    lines = result.stdout.splitlines()  # a and b tie for jacot2018: one of them gets it
    assert lines[0] == "student,paper,rank"
    assert sorted(lines[1:]) in (["a,,", "b,jacot2018,1", "c,li2018,1"],
                                 ["a,jacot2018,1", "b,,", "c,li2018,1"])
    assert lines[-1] in ("a,,", "b,,")  # the student without a paper comes last


def test_nobody_gets_a_low_choice_when_it_can_be_avoided():
    """Sum of ranks ties 1+3 with 2+2; the fair assignment gives nobody a 3rd choice."""
    keys = ("p", "q", "r")
    prefs = parse_preferences("x,p,q,r\ny,p,q,r\n", keys)
    result = assign_papers(prefs, keys)
    assert sorted(r for _, _, r in result.pairs) == [1, 2]
    prefs = parse_preferences("x,p,r\ny,p,q\n", keys)  # x: p 1st, r 2nd; y: p 1st, q 2nd
    assert assign_papers(prefs, keys).rank_counts() == {1: 1, 2: 1}
    prefs = parse_preferences("x,p,q,r\ny,q,p\nz,q,r\n", keys)
    # (p, q, r) = 1+1+2; the alternative (r, p, q) would give x its 3rd choice
    assert assign_papers(prefs, keys).pairs == (("x", "p", 1), ("y", "q", 1), ("z", "r", 2))


BAD = [
    ("bob,jacot2018,nope\n", "2: student 'bob': unknown paper key 'nope'"),
    ("bob,jacot2018\n\ncarl,li2018\n", "3: empty row (expected student,choice1,choice2,…)"),
    ("bob,jacot2018\nbob,li2018\n", "3: student 'bob' is already listed on line 2"),
    (",li2018\n", "2: no student name in the first column"),
    ("carl\n", "2: student 'carl' ranks no paper"),
    ("dan,li2018,,ma2018\n", "2: student 'dan': choice 2 is empty"),
    ('eve,"li2018\n', "2: not CSV (unexpected end of data)"),
    ("fay,li2018=li2018\n", "2: student 'fay': paper 'li2018' ranked twice in choice 1"),
    ("gus,li2018,ma2018,li2018\n",
     "2: student 'gus': paper 'li2018' ranked twice (choices 1 and 3)"),
    ("hal,li2018=\n", "2: student 'hal': choice 1 is empty"),
]


@pytest.mark.parametrize(("rows", "message"), BAD)
def test_every_bad_preferences_file_is_one_line_per_problem(tmp_path, rows, message):
    prefs = tmp_path / "prefs.csv"
    prefs.write_text("student,choice1,choice2,choice3\n" + rows)
    result = runner.invoke(app, ["assign", str(prefs)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"{prefs}:{message}\n"


def test_a_file_without_students_and_a_missing_file(tmp_path):
    prefs = tmp_path / "prefs.csv"
    prefs.write_text("student,choice1\n")
    result = runner.invoke(app, ["assign", str(prefs)])
    assert result.stderr == (f"{prefs}: no student: expected rows student,choice1,choice2,… "
                             "with paper keys\n")
    result = runner.invoke(app, ["assign", str(tmp_path / "nope.csv")])
    assert (result.exit_code, result.stderr) == (1, f"{tmp_path / 'nope.csv'}: no such file\n")


def test_padded_spreadsheet_rows_and_windows_line_ends_are_read(tmp_path):
    prefs = tmp_path / "prefs.csv"
    prefs.write_bytes(b"\xef\xbb\xbfstudent,choice1,choice2\r\nann, li2018 , ma2018,,\r\n")
    result = runner.invoke(app, ["assign", str(prefs), "-f", "csv"])
    assert result.stdout == "student,paper,rank\nann,li2018,1\n"


def test_many_problems_are_all_reported():
    with pytest.raises(InputError) as exc:
        parse_preferences("a,x\nb,y\n", ("p",), source="f.csv")
    assert [str(p) for p in exc.value.problems] == [
        "f.csv:1: student 'a': unknown paper key 'x'",
        "f.csv:2: student 'b': unknown paper key 'y'"]


# --------------------------------------------------------------------------- optimality


def _profile(ranks: list[int], worst: int) -> tuple[int, ...]:
    """Rank counts from the worst rank down to the first: smaller is fairer."""
    return tuple(ranks.count(r) for r in range(worst, 0, -1))


def _brute_force(prefs: list[Preference]) -> tuple[int, tuple[int, ...]]:
    """The best (students assigned, rank profile) over every possible assignment."""
    worst = max(r for p in prefs for _, r in p.ranks)
    best: tuple[int, tuple[int, ...]] | None = None
    options = [[None, *(k for k, _ in p.ranks)] for p in prefs]
    for choice in itertools.product(*options):
        taken = [k for k in choice if k is not None]
        if len(taken) != len(set(taken)):
            continue
        ranks = [dict(p.ranks)[k] for p, k in zip(prefs, choice, strict=True) if k is not None]
        key = (-len(ranks), _profile(ranks, worst))
        if best is None or key < best:
            best = key
    assert best is not None
    return -best[0], best[1]


PAPERS = ("p1", "p2", "p3", "p4", "p5")


@st.composite
def preference_files(draw: st.DrawFn) -> list[Preference]:
    n = draw(st.integers(1, 5))
    prefs = []
    for i in range(n):
        chosen = draw(st.lists(st.sampled_from(PAPERS), min_size=1, max_size=5, unique=True))
        ranks, rank = [], 0
        for k in chosen:
            if rank == 0 or not draw(st.booleans()) or draw(st.booleans()):
                rank += 1  # else: tied with the previous paper
            ranks.append((k, rank))
        prefs.append(Preference(f"s{i}", tuple(ranks), i + 1))
    return prefs


@settings(max_examples=300, deadline=None)
@given(preference_files())
def test_assignment_is_optimal_against_brute_force(prefs):
    result = assign_papers(prefs, PAPERS)
    ranks = [r for _, _, r in result.pairs]
    worst = max(r for p in prefs for _, r in p.ranks)
    assert (len(ranks), _profile(ranks, worst)) == _brute_force(prefs)
    # a valid one-to-one assignment of ranked papers, everyone else listed as unassigned
    papers = [k for _, k, _ in result.pairs]
    assert len(papers) == len(set(papers))
    for student, key, rank in result.pairs:
        assert dict(next(p for p in prefs if p.student == student).ranks)[key] == rank
    assert set(result.unassigned_papers) == set(PAPERS) - set(papers)
    assert len(result.pairs) + len(result.unassigned_students) == len(prefs)


def test_semicolon_and_tab_separated_files_from_spreadsheets(tmp_path):
    for sep in (";", "\t"):
        prefs = tmp_path / "prefs.csv"
        prefs.write_text(f"student{sep}choice1{sep}choice2\nann{sep}li2018{sep}ma2018\n"
                         f"bob{sep}li2018{sep}ma2018\n")
        result = runner.invoke(app, ["assign", str(prefs), "-f", "csv"])
        assert sorted(result.stdout.splitlines()[1:]) in (
            ["ann,li2018,1", "bob,ma2018,2"], ["ann,ma2018,2", "bob,li2018,1"]), sep
