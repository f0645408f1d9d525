"""Coverage report: the default seminar's numbers, gaps, discrepancies and formats."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, time

import pytest
from typer.testing import CliRunner

from papergraph.cli import app
from papergraph.models import (
    Area,
    Paper,
    Record,
    Ref,
    Resolution,
    Seminar,
    Syllabus,
    Talk,
    Topic,
)
from papergraph.report import (
    check_schedule,
    coverage_json,
    coverage_report,
    find_gaps,
    format_coverage,
)

runner = CliRunner()

# slug -> (listed, scheduled, unscheduled, citations_in, citations_out, years)
EXPECTED = {
    "vc-dimension": (["bartlett2017"], ["bartlett2017"], [], 1, 0, [2017, 2017]),
    "sample-complexity": (["wei2019"], ["wei2019"], [], 0, 1, [2019, 2019]),
    "convergence-in-deep-linear-networks":
        (["arora2019linear"], ["arora2019linear"], [], 0, 0, [2019, 2019]),
    "converged-solution-better-with-non-linearity":
        (["shamir2018"], ["shamir2018"], [], 0, 0, [2018, 2018]),
    "generalization-bound-independent-of-network-size":
        (["arora2019fine"], ["arora2019fine"], [], 1, 4, [2019, 2019]),
    "gradient-descent-does-regularisation": (["li2018"], ["li2018"], [], 3, 0, [2018, 2018]),
    "with-vanilla-sgd-rnn-can-learn-some-concept-classes":
        (["allenzhu2019rnn"], ["allenzhu2019rnn"], [], 2, 0, [2019, 2019]),
    "exponential-convergence-rates-for-sgd": (["ma2018"], [], ["ma2018"], 0, 0, [2018, 2018]),
    "convergence-of-robust-loss-minimisation": (["gao2019"], ["gao2019"], [], 0, 0, [2019, 2019]),
    "broader-theory-of-risk-bounds-in-presence-of-adversaries":
        (["tu2019"], [], ["tu2019"], 0, 0, [2019, 2019]),
    "kernel-behaviour-of-nns": (
        ["jacot2018", "allenzhu2019convergence", "allenzhu2019resnet"], ["jacot2018"],
        ["allenzhu2019convergence", "allenzhu2019resnet"], 2, 3, [2018, 2019]),
    "nns-and-random-features": (["yehudai2019"], ["yehudai2019"], [], 0, 1, [2019, 2019]),
    "memorisation": (["yun2019"], ["yun2019"], [], 0, 0, [2019, 2019]),
}


@pytest.fixture(scope="module")
def report_json() -> dict:
    result = runner.invoke(app, ["coverage", "--offline", "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_is_right_for_every_topic(report_json: dict) -> None:
    topics = {t["slug"]: t for t in report_json["topics"]}
    assert list(topics) == list(EXPECTED)
    for slug, (listed, scheduled, unscheduled, cin, cout, years) in EXPECTED.items():
        t = topics[slug]
        got = (t["listed"], t["scheduled"], t["unscheduled"], t["citations_in"],
               t["citations_out"], t["years"])
        assert got == (listed, scheduled, unscheduled, cin, cout, years), slug
        assert t["unresolved"] == []
    kernel = topics["kernel-behaviour-of-nns"]
    assert kernel["title"] == "Kernel behaviour of NNs" and kernel["area"] == "other-topics"
    assert kernel["citations_internal"] == 2  # resnet cites convergence and jacot


def test_listed_papers_without_a_talk_are_named(report_json: dict) -> None:
    assert report_json["schedule"]["unscheduled"] == [
        "ma2018", "tu2019", "allenzhu2019convergence", "allenzhu2019resnet"]


def test_json_has_every_documented_section(report_json: dict) -> None:
    assert {"areas", "topics", "focus_topics", "gaps", "discrepancies", "schedule"} <= set(
        report_json)
    assert "ANOTHER topic" in report_json["definitions"]["citations_in"]
    areas = {a["slug"]: a for a in report_json["areas"]}
    assert areas["other-topics"]["listed"] == [
        "jacot2018", "allenzhu2019convergence", "allenzhu2019resnet", "yehudai2019", "yun2019"]
    days = report_json["schedule"]["days"]
    assert [(d["date"], d["talks"]) for d in days] == [
        ("2020-06-24", 4), ("2020-06-25", 4), ("2020-06-26", 3)]
    assert report_json["schedule"]["overlaps"] == []
    assert report_json["schedule"]["durations"] == {"40": 11}


def test_bartlett_discrepancy_tells_the_whole_story(report_json: dict) -> None:
    found = [d for d in report_json["discrepancies"] if d["key"] == "bartlett2017"]
    not_author = [d for d in found if d["kind"] == "not_author"]
    assert len(not_author) == 1
    d = not_author[0]
    assert d["severity"] == "error" and d["field"] == "authors"
    assert d["page"] == "Peter L. Bartlett, Nick Harvey, Chris Liaw, Abbas Mehrabian"
    assert d["record"] == "Nick Harvey, Christopher Liaw, Abbas Mehrabian"
    msg = d["message"]
    assert "COLT 2017 (PMLR 65)" in msg
    assert "Journal of Machine Learning Research 20(63), 2019" in msg
    assert "Pseudodimension" in msg  # the JMLR version's longer title
    assert "arXiv 1703.02930" in msg and "later arXiv versions" in msg
    # Chris vs Christopher is the same author, classified as a name form
    form = [d for d in found if d["kind"] == "name_form"]
    assert [(d["page"], d["record"], d["severity"]) for d in form] == [
        ("Chris Liaw", "Christopher Liaw", "minor")]


def test_other_discrepancies_are_classified(report_json: dict) -> None:
    by = {(d["key"], d["field"]): d for d in report_json["discrepancies"]}
    assert by[("wei2019", "venue")]["kind"] == "case"
    assert by[("wei2019", "venue")]["severity"] == "minor"
    assert by[("gao2019", "authors")]["kind"] == "et_al"
    assert by[("arora2019linear", "title")]["kind"] == "case"
    # nothing classed as a real error except Bartlett's authorship
    assert [(d["key"], d["kind"]) for d in report_json["discrepancies"]
            if d["severity"] == "error"] == [("bartlett2017", "not_author")]


def test_gaps_on_the_snapshot_name_external_papers_with_counts(report_json: dict) -> None:
    gaps = report_json["gaps"]
    top = gaps[0]
    assert top["title"] == "Understanding deep learning requires rethinking generalization"
    assert top["count"] == 5 and top["cited_by"] == [
        "wei2019", "arora2019fine", "li2018", "ma2018", "jacot2018"]
    # the same paper cited with and without an id is merged by title
    spectral = next(g for g in gaps if g["title"].startswith("Spectrally-normalized"))
    assert spectral["count"] == 4
    counts = [g["count"] for g in gaps]
    assert counts == sorted(counts, reverse=True) and min(counts) >= 2
    titles = " ".join(g["title"].lower() for g in gaps)
    assert "nearly-tight vc-dimension" not in titles  # a seminar paper is never a gap
    # the 8 papers without a reference list are named, not silently skipped
    assert report_json["references_missing"] == [
        "arora2019linear", "shamir2018", "allenzhu2019rnn", "gao2019", "tu2019",
        "allenzhu2019convergence", "yehudai2019", "yun2019"]


def _ref(title: str, year: int, author: str, *, arxiv: str | None = None,
         s2: str | None = None, cc: int | None = None, key: str | None = None) -> Ref:
    return Ref(title=title, year=year, authors=(author,), arxiv=arxiv, s2_id=s2,
               citation_count=cc, seminar_key=key)


@pytest.fixture
def small() -> tuple[Syllabus, Resolution]:
    """Four seminar papers in two topics, with known external references."""
    papers = tuple(Paper(k, f"Paper {k.upper()}", (f"Author {k}",), venue="ICML", year=2019)
                   for k in ("a", "b", "c", "d"))
    syl = Syllabus(
        seminar=Seminar("Tiny"),
        areas=(Area("x", "X"),),
        topics=(Topic("t1", "One", "x", papers=("a", "b")), Topic("t2", "Two", "x",
                                                                  papers=("c", "d"))),
        papers=papers,
        talks=(Talk(date(2020, 1, 1), time(10), time(11), "a"),
               Talk(date(2020, 1, 1), time(10, 30), time(11, 30), "c"),
               Talk(date(2020, 1, 1), time(13), time(14), "b")),
    )
    x = _ref("External X", 2015, "Smith", arxiv="1501.00001", cc=100)
    x_no_id = _ref("External  x.", 2015, "J. Smith")  # same paper, no id: title fallback
    y = _ref("External Y", 2016, "Jones", s2="S2Y", cc=500)
    z = _ref("External Z", 2017, "Brown")  # cited by one paper only: not a gap
    w = _ref("External W", 2014, "Green", cc=900)
    w_other = _ref("External W", 2003, "Black")  # same title, other paper: kept apart
    to_b = _ref("Paper B", 2019, "Author b", key="b")  # a seminar paper: never a gap
    recs = (
        Record("a", "matched", title="Paper A", year=2019,
               references=(x, y, z, w, to_b), references_complete=True),
        Record("b", "matched", title="Paper B", year=2019,
               references=(x_no_id, y), references_complete=True),
        Record("c", "matched", title="Paper C", year=2019, references=(y, w_other),
               references_complete=True),
        Record("d", "matched", title="Paper D", year=2018, references=(),
               references_complete=False),
    )
    return syl, Resolution(recs)


def test_synthetic_gaps_exactly(small: tuple[Syllabus, Resolution]) -> None:
    syl, res = small
    gaps = find_gaps(syl, res)
    assert [(g.title, g.count, g.cited_by, g.citation_count) for g in gaps] == [
        ("External Y", 3, ("a", "b", "c"), 500),
        ("External X", 2, ("a", "b"), 100),
    ]
    assert gaps[0].s2_id == "S2Y" and gaps[1].arxiv == "1501.00001"
    cov = coverage_report(syl, res)
    topics = {t.slug: t for t in cov.topics}
    assert [g.title for g in topics["t1"].gaps] == ["External Y", "External X"]
    assert [g.title for g in topics["t2"].gaps] == ["External Y"]
    assert cov.references_missing == ("d",)
    assert topics["t1"].citations_internal == 1 and topics["t1"].citations_in == 0
    md = format_coverage(cov, "markdown")
    assert "incomplete or unknown for 1 of 4 papers (d)" in md


def test_gaps_count_a_reference_without_id_or_title_once_per_citation(
        small: tuple[Syllabus, Resolution]) -> None:
    """A Ref with neither an id nor a title cannot be told from another: each citation of
    it is a work of its own; a Ref listed twice by one paper counts that paper once."""
    syl, _ = small
    y = _ref("External Y", 2016, "Jones", s2="S2Y", cc=500)
    z = _ref("External Z", 2017, "Brown")
    blank = Ref(title="")
    res = Resolution((Record("a", "matched", title="Paper A", references=(y, blank, z)),
                      Record("b", "matched", title="Paper B", references=(blank, y, y))))
    assert [(g.title, g.cited_by) for g in find_gaps(syl, res, min_cited_by=1)] == [
        ("External Y", ("a", "b")), ("External Z", ("a",)), ("", ("a",)), ("", ("b",))]


def test_synthetic_schedule_checks(small: tuple[Syllabus, Resolution]) -> None:
    syl, _ = small
    s = check_schedule(syl)
    assert [(o.first, o.second) for o in s.overlaps] == [("a", "c")]
    assert s.unscheduled == ("d",)
    assert [(b.after, b.before, b.start, b.end, b.minutes) for b in s.breaks] == [
        ("c", "b", "11:30", "13:00", 90)]
    assert [(d.date, d.talks, d.first, d.last) for d in s.days] == [
        ("2020-01-01", 3, "10:00", "14:00")]


def test_suggested_focus_map_is_marked_and_deterministic(syllabus, resolution) -> None:
    a = coverage_json(coverage_report(syllabus, resolution))
    b = coverage_json(coverage_report(syllabus, resolution))
    assert a == b
    focus = {f["text"]: f for f in a["focus_topics"]}
    assert list(focus) == list(syllabus.seminar.focus_topics)
    assert all(f["source"] == "suggested" for f in focus.values())
    assert "TF-IDF" in a["focus_method"]
    robust = [p["key"] for p in focus["Robustness of neural networks"]["papers"]]
    assert robust[0] == "gao2019" and "tu2019" in robust
    kernel = focus["Connection of deep learning to other learning approaches (kernel methods etc)"]
    assert {"jacot2018", "allenzhu2019resnet"} <= {p["key"] for p in kernel["papers"]}


def test_focus_map_from_the_syllabus_wins(syllabus, resolution) -> None:
    from dataclasses import replace

    text = syllabus.seminar.focus_topics[4]
    syl = replace(syllabus, seminar=replace(syllabus.seminar,
                                            focus_map=((text, ("gao2019", "tu2019")),)))
    cov = coverage_report(syl, resolution)
    robust = next(f for f in cov.focus_topics if f.text == text)
    assert robust.source == "syllabus"
    assert [(p.key, p.score, p.scheduled) for p in robust.papers] == [
        ("gao2019", None, True), ("tu2019", None, False)]


def test_table_fits_100_columns() -> None:
    result = runner.invoke(app, ["coverage", "--offline"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert "Kernel behaviour of NNs" in result.stdout
    assert "allenzhu2019convergence" in result.stdout
    assert "Peter L. Bartlett" in result.stdout


def _pipe_tables(md: str) -> list[list[str]]:
    tables, current = [], []
    for line in md.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


def _cells(line: str) -> int:
    body = line.strip()[1:-1].replace("\\|", "")
    return body.count("|") + 1


def test_markdown_renders_as_tables() -> None:
    result = runner.invoke(app, ["coverage", "--offline", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    md = result.stdout
    tables = _pipe_tables(md)
    assert len(tables) >= 6
    for table in tables:
        n = _cells(table[0])
        assert table[1] == "|" + "|".join("---" for _ in range(n)) + "|"
        assert all(_cells(row) == n for row in table), table[0]
        assert all(row.endswith("|") for row in table)
    # a table needs a blank line before it to render on GitHub
    lines = md.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("|") and i and not lines[i - 1].startswith("|"):
            assert lines[i - 1] == "", lines[i - 1]


def test_csv_has_one_row_per_topic() -> None:
    result = runner.invoke(app, ["coverage", "--offline", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 13
    kernel = next(r for r in rows if r["topic"] == "kernel-behaviour-of-nns")
    assert kernel["scheduled"] == "jacot2018"
    assert kernel["unscheduled"] == "allenzhu2019convergence;allenzhu2019resnet"


def test_bad_format_fails_in_the_parser() -> None:
    result = runner.invoke(app, ["coverage", "--offline", "--format", "xml"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--format' / '-f': 'xml' is not one of 'table', "
        "'markdown', 'csv', 'json'.")


def test_output_is_byte_identical(syllabus, resolution) -> None:
    cov = coverage_report(syllabus, resolution)
    for fmt in ("table", "markdown", "csv", "json"):
        assert format_coverage(cov, fmt) == format_coverage(
            coverage_report(syllabus, resolution), fmt)
