"""The syllabus: the shipped default, validation messages with FILE:LINE, round trip."""

from __future__ import annotations

import json
import textwrap
from datetime import date, time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from papergraph.cli import app
from papergraph.errors import SyllabusError
from papergraph.syllabus import dump_syllabus, load_syllabus, parse_syllabus, save_syllabus

runner = CliRunner()

KERNEL = "kernel-behaviour-of-nns"


def test_default_has_the_pages_structure(syllabus):
    assert len(syllabus.papers) == 15
    assert [a.title for a in syllabus.areas] == [
        "Generalisation for neural networks",
        "Optimisation in neural networks",
        "Optimisation in Over-parameterisated NNs",
        "Analysis of Stochastic Gradient Descent",
        "Adversarial ML / Robustness",
        "Other topics",
    ]
    assert len(syllabus.topics) == 13
    kernel = syllabus.topic(KERNEL)
    assert kernel.papers == ("jacot2018", "allenzhu2019convergence", "allenzhu2019resnet")
    assert syllabus.area(kernel.area).title == "Other topics"
    vc = syllabus.topic("vc-dimension")
    assert (vc.title, vc.question, vc.papers) == (
        "VC-dimension", "How complex are the trained models?", ("bartlett2017",))
    assert syllabus.topic("sample-complexity").papers == ("wei2019",)
    assert syllabus.warnings == ()


def test_default_talks_and_time_plan(syllabus):
    assert len(syllabus.talks) == 11
    assert {t.date for t in syllabus.talks} == {date(2020, 6, d) for d in (24, 25, 26)}
    first = syllabus.talks[0]
    assert (first.paper, first.start, first.end) == ("bartlett2017", time(10), time(10, 40))
    scheduled = {t.paper for t in syllabus.talks}
    unscheduled = {p.key for p in syllabus.papers} - scheduled
    assert unscheduled == {"ma2018", "tu2019", "allenzhu2019convergence", "allenzhu2019resnet"}
    assert syllabus.seminar.milestones[0].when == "Janurar 28"
    assert len(syllabus.seminar.focus_topics) == 5


def test_default_records_papers_as_the_page_cites_them(syllabus, facts):
    bartlett = syllabus.paper("bartlett2017")
    assert bartlett.authors[0] == "Peter L. Bartlett"  # the page's list, not PMLR's
    assert bartlett.authors[2] == "Chris Liaw"
    gao = syllabus.paper("gao2019")
    assert (gao.authors, gao.et_al, gao.venue) == (("Ruiqi Gao",), True, "Neurips")
    arxiv = {p["key"]: p["arxiv"] for p in facts["papers"]}
    assert {p.key: p.arxiv for p in syllabus.papers} == arxiv


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "s.toml"
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


BASE = """
[seminar]
title = "T"

[[areas]]
slug = "a"
title = "Area"

[[topics]]
slug = "t"
title = "Topic"
area = "a"
papers = ["p1", "p2"]

[[papers]]
key = "p1"
title = "Paper one"

[[papers]]
key = "p2"
title = "Paper two"
"""


def _problems(path: Path) -> list[str]:
    with pytest.raises(SyllabusError) as info:
        load_syllabus(path)
    return [str(p) for p in info.value.problems]


def test_minimal_syllabus_loads(tmp_path):
    syl = load_syllabus(_write(tmp_path, BASE))
    assert [p.key for p in syl.papers] == ["p1", "p2"]


def test_unknown_paper_key_in_topic(tmp_path):
    path = _write(tmp_path, BASE.replace('["p1", "p2"]', '["p1", "p2", "p9"]'))
    assert _problems(path) == [f"{path}:12: topic t: unknown paper key 'p9'"]


def test_unknown_paper_key_in_talk(tmp_path):
    path = _write(tmp_path, BASE + '\n[[talks]]\ndate = "2020-06-24"\nstart = "10:00"\n'
                  'end = "10:40"\npaper = "nope"\n')
    assert _problems(path) == [f"{path}:26: talk: unknown paper key 'nope'"]


def test_duplicate_key(tmp_path):
    path = _write(tmp_path, BASE + '\n[[papers]]\nkey = "p1"\ntitle = "Again"\n')
    assert _problems(path) == [f"{path}:23: duplicate paper key 'p1'"]


def test_missing_title(tmp_path):
    path = _write(tmp_path, BASE.replace('title = "Paper two"', 'title = ""'))
    assert _problems(path) == [f"{path}:20: paper p2: missing title"]


def test_malformed_date_and_time(tmp_path):
    path = _write(tmp_path, BASE + '\n[[talks]]\ndate = "24.06.2020"\nstart = "10h"\n'
                  'end = "10:40"\npaper = "p1"\n')
    assert _problems(path) == [
        f"{path}:23: malformed date '24.06.2020': expected YYYY-MM-DD",
        f"{path}:24: malformed start time '10h': expected HH:MM",
    ]


def test_overlapping_talks(tmp_path):
    talks = ('\n[[talks]]\ndate = "2020-06-24"\nstart = "10:00"\nend = "10:40"\npaper = "p1"\n'
             '\n[[talks]]\ndate = "2020-06-24"\nstart = "10:30"\nend = "11:10"\npaper = "p2"\n')
    path = _write(tmp_path, BASE + talks)
    assert _problems(path) == [
        f"{path}:30: talk p2 (10:30-11:10) overlaps talk p1 (10:00-10:40) on 2020-06-24"
    ]


def test_paper_in_no_topic_is_a_warning(tmp_path):
    path = _write(tmp_path, BASE + '\n[[papers]]\nkey = "p3"\ntitle = "Loose"\n')
    syl = load_syllabus(path)
    assert syl.warnings == (f"{path}:23: warning: paper p3 is in no topic",)


def test_invalid_toml_names_the_line(tmp_path):
    path = _write(tmp_path, BASE + "\n[[papers]\n")
    (problem,) = _problems(path)
    assert problem.startswith(f"{path}:22: invalid TOML")


def test_missing_file(tmp_path):
    assert _problems(tmp_path / "none.toml") == [f"{tmp_path / 'none.toml'}: no such file"]


def test_round_trip(syllabus, tmp_path):
    again = load_syllabus(save_syllabus(syllabus, tmp_path / "copy.toml"))
    assert again.papers == syllabus.papers
    assert again.topics == syllabus.topics
    assert again.areas == syllabus.areas
    assert again.talks == syllabus.talks
    assert again.seminar == syllabus.seminar
    assert dump_syllabus(again) == dump_syllabus(syllabus)


def test_round_trip_escapes_quotes_and_unicode():
    from dataclasses import replace

    syl = parse_syllabus(textwrap.dedent(BASE))
    odd = replace(syl.papers[1], title='A "quoted" \\ title \u2013 Cl\u00e9ment',
                  authors=("Zo\u00eb O'Neil",), note="line\nbreak")
    syl = replace(syl, papers=(syl.papers[0], odd))
    assert parse_syllabus(dump_syllabus(syl)).papers == syl.papers


# --------------------------------------------------------------------------- CLI


def test_cli_info_json(syllabus):
    result = runner.invoke(app, ["info", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"seminar", "areas", "topics", "papers", "talks"}
    assert data["talks"][0] == {
        "date": "2020-06-24", "start": "10:00", "end": "10:40", "paper": "bartlett2017"}
    kernel = next(t for t in data["topics"] if t["slug"] == KERNEL)
    assert kernel["area"] == "other-topics"
    assert kernel["papers"] == ["jacot2018", "allenzhu2019convergence", "allenzhu2019resnet"]
    jacot = next(p for p in data["papers"] if p["key"] == "jacot2018")
    assert jacot["topics"] == [KERNEL]
    assert jacot["authors"] == ["Arthur Jacot", "Franck Gabriel", "Clément Hongler"]


def test_cli_info_text():
    result = runner.invoke(app, ["info"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "Theoretical advances in deep learning (Master seminar)",
        "Technical University of Munich (TUM), Summer term 2020",
        "15 papers, 6 areas, 13 topics, 11 talks",
    ]
    assert "  VC-dimension: How complex are the trained models?" in lines


def test_cli_bad_syllabus_is_one_line_and_exit_1(tmp_path):
    path = _write(tmp_path, BASE.replace('["p1", "p2"]', '["p1", "p2", "p9"]'))
    result = runner.invoke(app, ["info", str(path)])
    assert result.exit_code == 1
    assert result.stderr == f"{path}:12: topic t: unknown paper key 'p9'\n"
    assert "Traceback" not in result.output


def test_every_command_has_help_with_an_example():
    from typer.main import get_command

    group = get_command(app)
    for name in group.commands:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0
        assert "Example: papergraph" in result.stdout, name


def test_a_table_of_the_wrong_type_is_reported_once(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('talks = 3\n\n[seminar]\ntitle = "x"\n', encoding="utf-8")
    result = runner.invoke(app, ["info", str(bad)])
    assert (result.exit_code, result.stderr) == (
        1, f"{bad}:1: 'talks' must be an array of tables ([[talks]])\n")


@pytest.mark.parametrize(("text", "message"), [
    ('[seminar]\ntitle = "x"\n\n[talks]\npaper = "p"\n',
     "4: 'talks' must be an array of tables ([[talks]])"),
    ('[seminar]\ntitle = "x"\nmilestones = "soon"\n',
     "3: 'seminar.milestones' must be an array of tables ([[seminar.milestones]])"),
])
def test_a_table_of_the_wrong_type_names_its_line(tmp_path, text, message):
    bad = tmp_path / "bad.toml"
    bad.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["info", str(bad)])
    assert (result.exit_code, result.stderr) == (1, f"{bad}:{message}\n")


def test_unknown_fields_and_tables_are_warnings_on_their_line(tmp_path):
    # `talks = 3` under [seminar] belongs to the seminar table; [[paper]] is a typo
    path = _write(tmp_path, BASE.replace('title = "T"\n', 'title = "T"\ntalks = 3\n', 1)
                  .replace('title = "Area"', 'title = "Area"\ncolour = "red"')
                  + '\n[[paper]]\nkey = "p3"\n')
    syl = load_syllabus(path)
    assert syl.warnings == (
        f"{path}:3: warning: seminar: unknown field(s) ['talks'] (known: focus_map, "
        "focus_topics, institution, milestones, term, title, url)",
        f"{path}:8: warning: area a: unknown field(s) ['colour'] (known: slug, title)",
        f"{path}:24: warning: unknown table 'paper' (known: areas, papers, seminar, talks, "
        "topics); ignored",
    )


@pytest.mark.parametrize(("data", "message"), [
    ("\ufeff" + BASE.lstrip(), None),  # Notepad's UTF-8 byte order mark
    (BASE.lstrip().replace("\n", "\r\n"), None),  # Windows line ends
    (BASE.lstrip().encode("utf-16"), "UTF-16/32 text: save it as UTF-8"),
    (b"[seminar]\ntitle = \"caf\xe9\"\n", "2: not UTF-8 text (invalid continuation byte)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "1: not UTF-8 text (invalid start byte)"),
    ("[seminar]\ntitle = \"a\x00b\"\n", "2: a NUL character: a binary file, not text"),
])
def test_encodings_a_user_may_have(tmp_path, data, message):
    path = tmp_path / "s.toml"
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    result = runner.invoke(app, ["info", str(path)])
    if message is None:
        assert (result.exit_code, result.stderr) == (0, "")
        assert result.stdout.splitlines()[0] == "T"
    else:
        sep = "" if message[0].isdigit() else " "
        assert (result.exit_code, result.stderr) == (1, f"{path}:{sep}{message}\n")


def test_line_numbers_with_windows_line_ends(tmp_path):
    path = tmp_path / "s.toml"
    bad = BASE.lstrip().replace('["p1", "p2"]', '["p1", "p2", "p9"]')
    path.write_bytes(bad.replace("\n", "\r\n").encode("utf-8"))
    assert _problems(path) == [f"{path}:12: topic t: unknown paper key 'p9'"]


def test_garbled_paper_fields_name_the_paper_and_line(tmp_path):
    path = _write(tmp_path, BASE.replace('title = "Paper one"', 'title = "Paper one"\n'
                                         'authors = "Arthur Jacot, Franck Gabriel"')
                  .replace('title = "Paper two"', 'title = 12\net_al = "no"'))
    assert _problems(path) == [
        f"{path}:17: paper p1: authors is one string; write a list of names, e.g. "
        'authors = ["Arthur Jacot", "Franck Gabriel"]',
        f"{path}:21: paper p2: title must be a string, got 12",
        f"{path}:22: paper p2: et_al must be true or false, got 'no'",
    ]


def test_a_paper_listed_twice_in_a_topic_is_counted_once(tmp_path):
    path = _write(tmp_path, BASE.replace('["p1", "p2"]', '["p1", "p2", "p1"]'))
    syl = load_syllabus(path)
    assert syl.topic("t").papers == ("p1", "p2")
    assert syl.warnings == (f"{path}:12: warning: topic t: p1 listed twice; counted once",)
