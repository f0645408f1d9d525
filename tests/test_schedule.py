"""`papergraph schedule`: talks placed into days and slots, in citation order."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from papergraph.cli import app
from papergraph.planning.schedule import replace_talks
from papergraph.report.schedule import check_schedule
from papergraph.resolve import load_and_resolve
from papergraph.syllabus import load_syllabus

runner = CliRunner()
DAYS = ["--days", "2020-06-24,2020-06-25,2020-06-26"]
SLOTS = ["--slots", "10:00-10:40,10:40-11:20,11:20-12:00", "--slots", "13:00-13:40,13:40-14:20"]
SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "preferences.csv"


def shipped_text() -> str:
    return (importlib.resources.files("papergraph") / "data" / "tum-ss2020.toml").read_text(
        encoding="utf-8")


@pytest.fixture
def seminar(tmp_path: Path) -> Path:
    path = tmp_path / "seminar.toml"
    path.write_text(shipped_text(), encoding="utf-8")
    return path


def test_shipped_seminar_in_three_days_of_five_slots(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["schedule", "--offline", *DAYS, *SLOTS])
    assert result.exit_code == 0, result.output
    assert result.stdout == """\
# Schedule

## Wednesday, 2020-06-24

| time | paper | topic | speaker |
|---|---|---|---|
| 10:00-10:40 | bartlett2017 | VC-dimension |  |
| 10:40-11:20 | arora2019linear | Convergence in deep linear networks |  |
| 11:20-12:00 | shamir2018 | Converged solution better with non-linearity |  |
| 13:00-13:40 | li2018 | Gradient descent does regularisation |  |
| 13:40-14:20 | wei2019 | Sample complexity |  |

## Thursday, 2020-06-25

| time | paper | topic | speaker |
|---|---|---|---|
| 10:00-10:40 | allenzhu2019rnn | With vanilla SGD, RNN can learn some concept classes |  |
| 10:40-11:20 | ma2018 | Exponential convergence rates for SGD |  |
| 11:20-12:00 | gao2019 | Convergence of robust loss minimisation |  |
| 13:00-13:40 | tu2019 | Broader theory of risk bounds in presence of adversaries |  |
| 13:40-14:20 | yehudai2019 | NNs and random features |  |

## Friday, 2020-06-26

| time | paper | topic | speaker |
|---|---|---|---|
| 10:00-10:40 | yun2019 | Memorisation |  |
| 10:40-11:20 | jacot2018 | Kernel behaviour of NNs |  |
| 11:20-12:00 | allenzhu2019convergence | Kernel behaviour of NNs |  |
| 13:00-13:40 | allenzhu2019resnet | Kernel behaviour of NNs |  |
| 13:40-14:20 | arora2019fine | Generalization bound independent of network size |  |

Citation order: not respected where it cannot be:
- allenzhu2019resnet (2020-06-26 13:00) cites arora2019fine (2020-06-26 13:40): topics \
generalization-bound-independent-of-network-size and kernel-behaviour-of-nns cite each other \
and each topic's talks stay together

Papers without a slot (add days or slots): none.
wrote tum-ss2020.scheduled.toml
"""
    copy = tmp_path / "tum-ss2020.scheduled.toml"
    loaded = load_and_resolve(copy, offline=True)
    report = check_schedule(loaded.syllabus)  # what `papergraph coverage` checks
    assert (report.talks, report.overlaps, report.unscheduled, report.repeated) == (
        15, (), (), ())
    at = {t.paper: (t.date, t.start) for t in loaded.syllabus.talks}
    backwards = [(a, b) for a, b, _ in loaded.resolution.citation_edges() if at[a] <= at[b]]
    assert backwards == [("allenzhu2019resnet", "arora2019fine")]
    # only the talks changed: the comments and every other table are as they were
    original = shipped_text()
    head = original.split("[[talks]]")[0]
    assert copy.read_text(encoding="utf-8").startswith(head)
    coverage = runner.invoke(app, ["coverage", "--offline", "-f", "markdown", str(copy)])
    assert "- Overlapping talks: none.\n- Listed papers without a talk: none.\n" in (
        coverage.stdout)


def test_the_users_file_is_copied_unless_in_place(seminar, tmp_path):
    before = seminar.read_text(encoding="utf-8")
    out = tmp_path / "copy.toml"
    result = runner.invoke(app, ["schedule", "--offline", str(seminar), *DAYS, *SLOTS,
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert seminar.read_text(encoding="utf-8") == before
    assert result.stdout.endswith(f"wrote {out}\n")
    result = runner.invoke(app, ["schedule", "--offline", str(seminar), *DAYS, *SLOTS,
                                 "--in-place"])
    assert result.stdout.endswith(f"wrote {seminar}\n")
    assert seminar.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_pinned_talks_stay_and_their_slot_is_taken(seminar):
    text = seminar.read_text(encoding="utf-8").replace(
        'start = "10:00"\nend = "10:40"\npaper = "bartlett2017"',
        'start = "10:00"\nend = "10:40"\npaper = "arora2019fine"\npinned = true\n'
        'speaker = "Ann"')
    text = text.replace('paper = "arora2019fine"\n\n', 'paper = "bartlett2017"\n\n')
    seminar.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["schedule", "--offline", str(seminar), *DAYS, *SLOTS,
                                 "--in-place"])
    assert result.exit_code == 0, result.output
    assert "| 10:00-10:40 | arora2019fine (pinned) | Generalization bound independent of " \
           "network size | Ann |" in result.stdout
    assert ("- arora2019fine (2020-06-24 10:00) cites bartlett2017 (2020-06-24 10:40): "
            "a pinned talk") in result.stdout
    talks = load_syllabus(seminar).talks
    assert [(t.paper, t.pinned, t.speaker) for t in talks if t.pinned] == [
        ("arora2019fine", True, "Ann")]
    assert len(talks) == 15
    assert len({(t.date, t.start) for t in talks}) == 15


def test_too_few_slots_and_speakers_from_the_assignment(seminar, tmp_path):
    result = runner.invoke(app, ["schedule", "--offline", str(seminar), "--days",
                                 "2020-06-24", "--slots", "10:00-10:40,10:40-11:20",
                                 "-o", str(tmp_path / "a.toml")])
    assert result.exit_code == 0
    assert ("Papers without a slot (add days or slots): shamir2018, li2018, wei2019, "
            "allenzhu2019rnn, "
            "ma2018, gao2019, tu2019, yehudai2019, yun2019, jacot2018, allenzhu2019convergence, "
            "allenzhu2019resnet, arora2019fine.") in result.stdout
    assignment = tmp_path / "assignment.csv"
    runner.invoke(app, ["assign", str(SAMPLE), str(seminar), "-f", "csv", "-o",
                        str(assignment)])
    result = runner.invoke(app, ["schedule", "--offline", str(seminar), *DAYS, *SLOTS,
                                 "--speakers", str(assignment), "-o", str(tmp_path / "b.toml")])
    assert result.exit_code == 0, result.output
    talks = load_syllabus(tmp_path / "b.toml").talks
    assert len(talks) == 12
    assert {t.paper: t.speaker for t in talks}["jacot2018"] == "Katrin Hofmann"
    assert "wei2019" not in {t.paper for t in talks}


@pytest.mark.parametrize(("args", "message"), [
    (["--days", "2020-06-31", "--slots", "10:00-10:40"],
     "error: --days: '2020-06-31' is not a date (YYYY-MM-DD)"),
    (["--days", "2020-06-24", "--slots", "10:00"],
     "error: --slots: '10:00' is not a time slot HH:MM-HH:MM"),
    (["--days", "2020-06-24", "--slots", "10:40-10:00"],
     "error: --slots: '10:40-10:00' ends before it starts"),
    (["--days", "2020-06-24", "--slots", "10:00-10:40,10:30-11:00"],
     "error: --slots: 10:00-10:40 and 10:30-11:00 overlap"),
    (["--days", "2020-06-24", "--slots", "10:00-10:40", "--in-place"],
     "error: --in-place rewrites the SYLLABUS file given: name one, without -o"),
])
def test_bad_options_are_one_line(args, message):
    result = runner.invoke(app, ["schedule", "--offline", *args])
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message + "\n")


def test_replace_talks_keeps_comments_and_appends_when_there_were_none():
    from datetime import date, time

    from papergraph.models import Talk

    talk = Talk(date(2021, 1, 2), time(9), time(10), "x", "Bo")
    text = '[seminar]\ntitle = "S"\n\n# talks below\n[[talks]]\ndate = "2020-01-01"\n' \
           'paper = "x"\n\n# the end\n'
    assert replace_talks(text, (talk,)) == (
        '[seminar]\ntitle = "S"\n\n# talks below\n[[talks]]\ndate = "2021-01-02"\n'
        'start = "09:00"\nend = "10:00"\npaper = "x"\nspeaker = "Bo"\n\n# the end\n')
    assert replace_talks('[seminar]\ntitle = "S"\n\n', (talk,)) == (
        '[seminar]\ntitle = "S"\n\n[[talks]]\ndate = "2021-01-02"\nstart = "09:00"\n'
        'end = "10:00"\npaper = "x"\nspeaker = "Bo"\n')


# --------------------------------------------------------------------------- property


@st.composite
def seminars(draw: st.DrawFn):
    """Topics of 1-3 papers whose citations form no cycle between topics: each topic
    cites only topics drawn before it (listed in a shuffled order), each paper only
    earlier papers of its own topic."""
    from papergraph.models import Paper, Record, Ref, Resolution, Seminar, Syllabus, Topic

    sizes = draw(st.lists(st.integers(1, 3), min_size=1, max_size=4))
    keys = [[f"t{t}p{i}" for i in range(n)] for t, n in enumerate(sizes)]
    cites: dict[str, set[str]] = {k: set() for ks in keys for k in ks}
    for t, ks in enumerate(keys):
        for i, k in enumerate(ks):
            earlier = [c for ks2 in keys[:t] for c in ks2] + ks[:i]
            if earlier:
                cites[k] |= set(draw(st.lists(st.sampled_from(earlier), max_size=3)))
    listed = draw(st.permutations(range(len(keys))))
    topics = tuple(Topic(f"t{t}", f"Topic {t}", "a", papers=tuple(keys[t])) for t in listed)
    papers = tuple(Paper(k, f"Paper {k}", year=2000 + draw(st.integers(0, 3)))
                   for ks in keys for k in ks)
    records = tuple(Record(p.key, "snapshot", title=p.title, year=p.year, references=tuple(
        Ref(f"Paper {c}", seminar_key=c) for c in sorted(cites[p.key]))) for p in papers)
    return Syllabus(Seminar("s"), (), topics, papers), Resolution(records)


@settings(max_examples=150, deadline=None)
@given(seminars(), st.integers(1, 5))
def test_without_cycles_between_topics_no_talk_precedes_a_paper_it_cites(seminar, per_day):
    from datetime import date, time

    from papergraph.planning.schedule import plan_schedule

    syllabus, resolution = seminar
    days = [date(2024, 5, d) for d in range(1, 13)]
    slots = [(time(9 + i), time(9 + i, 45)) for i in range(per_day)]
    plan = plan_schedule(syllabus, resolution, days, slots)
    assert plan.backwards == () and plan.unplaced == ()
    assert sorted(t.paper for t in plan.talks) == sorted(p.key for p in syllabus.papers)
    sequence = [t.paper.split("p")[0] for t in plan.talks]  # each topic in one block
    blocks = [s for i, s in enumerate(sequence) if i == 0 or s != sequence[i - 1]]
    assert len(blocks) == len(set(blocks))


def test_a_paper_a_pinned_talk_cites_is_placed_before_it(seminar):
    text = seminar.read_text(encoding="utf-8").replace(
        'start = "14:20"\nend = "15:00"\npaper = "yehudai2019"',
        'start = "14:20"\nend = "15:00"\npaper = "yehudai2019"\npinned = true')
    text = text.replace('date = "2020-06-25"\nstart = "14:20"',
                        'date = "2020-06-24"\nstart = "14:20"')
    seminar.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["schedule", "--offline", str(seminar), *DAYS, *SLOTS,
                                 "--slots", "14:20-15:00", "--in-place"])
    assert result.exit_code == 0, result.output
    talks = {t.paper: t for t in load_syllabus(seminar).talks}
    assert (str(talks["yehudai2019"].date), f"{talks['yehudai2019'].start:%H:%M}") == (
        "2020-06-24", "14:20")
    rnn = talks["allenzhu2019rnn"]  # yehudai2019 cites it: its topic goes first
    assert (str(rnn.date), f"{rnn.start:%H:%M}") == ("2020-06-24", "10:00")
    assert "yehudai2019 (2020-06-24 14:20) cites" not in result.stdout


def test_a_talk_on_a_paper_in_no_topic_stays(seminar):
    seminar.write_text(seminar.read_text(encoding="utf-8") + (
        '\n[[papers]]\nkey = "intro"\ntitle = "Introduction"\n\n'
        '[[talks]]\ndate = "2020-06-24"\nstart = "09:00"\nend = "09:40"\npaper = "intro"\n'),
        encoding="utf-8")
    result = runner.invoke(app, ["schedule", "--offline", str(seminar), *DAYS, *SLOTS,
                                 "--slots", "09:00-09:40", "--in-place"])
    assert result.exit_code == 0, result.output
    talks = load_syllabus(seminar).talks
    assert [(str(t.date), f"{t.start:%H:%M}") for t in talks if t.paper == "intro"] == [
        ("2020-06-24", "09:00")]
    assert len(talks) == 16 and len({(t.date, t.start) for t in talks}) == 16
