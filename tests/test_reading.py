"""Reading lists: the order of reading_order, with keys, venues, links and talk slots."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from papergraph.bib import citation_keys
from papergraph.build import build_outputs
from papergraph.cli import app
from papergraph.reading import reading_lists, reading_order

runner = CliRunner()


def test_items_follow_reading_order(syllabus, resolution) -> None:
    order = reading_order(syllabus, resolution)
    lists = reading_lists(syllabus, resolution)
    assert [rl.slug for rl in lists] == [t.slug for t in syllabus.topics]
    for rl in lists:
        assert tuple(it.key for it in rl.items) == order[rl.slug]
    kernel = next(rl for rl in lists if rl.slug == "kernel-behaviour-of-nns")
    # resnet cites jacot and convergence: both come first, oldest first
    assert [it.key for it in kernel.items] == [
        "jacot2018", "allenzhu2019convergence", "allenzhu2019resnet"]
    assert kernel.items[2].prerequisites == ("jacot2018", "allenzhu2019convergence")


def test_items_carry_key_venue_links_and_talk(syllabus, resolution) -> None:
    keys = citation_keys(syllabus, resolution)
    items = {it.key: it for rl in reading_lists(syllabus, resolution) for it in rl.items}
    jacot = items["jacot2018"]
    assert jacot.citekey == keys["jacot2018"]
    assert (jacot.venue, jacot.year) == ("NeurIPS", 2018)
    assert dict(jacot.links)["arXiv"] == "https://arxiv.org/abs/1806.07572"
    assert "S2" not in dict(jacot.links)  # no S2 id in the snapshot: no invented link
    assert jacot.talks == ("2020-06-24 10:40-11:20",)
    assert items["ma2018"].talks == ()
    bartlett = items["bartlett2017"]
    assert bartlett.authors == ("Nick Harvey", "Christopher Liaw", "Abbas Mehrabian")


def test_cli_topic_json() -> None:
    result = runner.invoke(app, ["reading-list", "--offline", "--topic",
                                 "kernel-behaviour-of-nns", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [t["slug"] for t in data] == ["kernel-behaviour-of-nns"]
    papers = data[0]["papers"]
    assert [p["key"] for p in papers] == [
        "jacot2018", "allenzhu2019convergence", "allenzhu2019resnet"]
    assert papers[0]["talks"] == ["2020-06-24 10:40-11:20"]
    assert papers[1]["talks"] == []
    assert set(papers[0]) >= {"citekey", "venue", "year", "links", "talks"}


def test_cli_markdown_lists_every_topic() -> None:
    result = runner.invoke(app, ["reading-list", "--offline"])
    assert result.exit_code == 0, result.output
    md = result.stdout
    assert md.count("\n### ") == 13
    assert "Talk: none scheduled" in md
    assert "[arXiv](https://arxiv.org/abs/1806.07572)" in md
    assert "?." not in md and "et al.." not in md


def test_unknown_topic_is_one_line_error() -> None:
    result = runner.invoke(app, ["reading-list", "--offline", "--topic", "nope"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: unknown topic 'nope'; topics: vc-dimension, ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_build_writes_both_reports_byte_identically(tmp_path) -> None:
    first = build_outputs(None, tmp_path / "one", offline=True)
    build_outputs(None, tmp_path / "two", offline=True)
    for name in ("coverage.md", "reading-lists.md"):
        one = tmp_path / "one" / "graphs" / name
        assert one in first.written
        assert one.read_bytes() == (tmp_path / "two" / "graphs" / name).read_bytes()


def test_build_reports_progress_while_it_writes(tmp_path):
    """A long reading list spends seconds writing: the progress bar says on what."""
    seen: list[tuple[int, int, str]] = []
    build_outputs(None, tmp_path, offline=True,
                  progress=lambda done, total, item: seen.append((done, total, item)))
    assert seen[-4:] == [
        (0, 3, "writing bib/"),
        (1, 3, "writing the graph, its page and exports"),
        (2, 3, "writing the coverage report and reading lists"),
        (3, 3, "done"),
    ]
