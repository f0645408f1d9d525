"""`papergraph suggest`: per topic, newer papers citing it and the gaps it cites,
against the fake Semantic Scholar (+ OpenAlex) server with citation data."""

from __future__ import annotations

import importlib.resources
import json
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))

from fakedata import FakePaper, build_world, fake_corpus, fake_id  # noqa: E402
from fakeserver import FakeServer  # noqa: E402

from papergraph.cli import app  # noqa: E402
from papergraph.syllabus import parse_syllabus  # noqa: E402

runner = CliRunner()
KERNEL = "kernel-behaviour-of-nns"


def _citing(world, label: str, title: str, year: int, authors: list[str], cites: list[str],
            **ids) -> None:
    pid = fake_id(label)
    world.papers[pid] = FakePaper(pid, title, year, authors, corpus=fake_corpus(label), **ids)
    for key in cites:
        world.papers[world.seminar_ids[key]].citations.append((pid, False))


def kernel_world():
    """The fake world, plus papers citing the kernel topic's three papers."""
    world = build_world(citing_per_paper=2)
    jacot, conv, resnet = "jacot2018", "allenzhu2019convergence", "allenzhu2019resnet"
    _citing(world, "all3", "Kernel regimes revisited", 2023, ["Ada Lovelace", "Bo Chen"],
            [jacot, conv, resnet], arxiv="2301.00001", citation_count=140)
    # a preprint and its published version: one suggestion
    _citing(world, "pre", "Wide networks behave as kernels", 2021, ["Cy Young"],
            [jacot, conv], arxiv="2101.00002", citation_count=12)
    _citing(world, "pub", "Wide Networks Behave as Kernels", 2022, ["Cy Young", "Di Ray"],
            [jacot, conv], doi="10.1234/wide.2022", citation_count=30)
    _citing(world, "old", "An older kernel study", 2019, ["Ed Old"], [jacot, resnet],
            citation_count=500)  # before the seminar's year
    _citing(world, "one", "Cites only the kernel paper", 2024, ["Fay One"], [jacot],
            citation_count=999)  # 1 of 3: not enough
    _citing(world, "again", "What can ResNet learn efficiently, going beyond kernels?", 2020,
            ["Zeyuan Allen-Zhu"], [jacot, conv])  # a version of a listed paper
    _citing(world, "two", "Two kernels, one network", 2022, ["Gil Two"], [conv, resnet],
            citation_count=7)
    return world


@pytest.fixture
def server(monkeypatch):
    srv = FakeServer(kernel_world()).start()
    for name in ("S2_API", "DBLP", "OPENALEX"):
        monkeypatch.setenv(f"PAPERGRAPH_{name}_URL", srv.url)
    for name, value in (("RATE_LIMIT", "0"), ("DBLP_INTERVAL", "0"), ("OPENALEX_INTERVAL", "0"),
                        ("BACKOFF", "0.001"), ("BACKOFF_MAX", "0.01"), ("PAGE_LIMIT", "100")):
        monkeypatch.setenv(f"PAPERGRAPH_{name}", value)
    monkeypatch.setenv("PAPERGRAPH_SOURCES", "s2,dblp")
    yield srv
    srv.stop()


FORWARD = """\
Forward (cite this topic):

1. Kernel regimes revisited (Lovelace et al., 2023): cites 3 of 3 papers in this topic; \
2023; 140 citations. arxiv 2301.00001
2. Wide Networks Behave as Kernels (Young et al., 2022): cites 2 of 3 papers in this topic; \
2022; 30 citations. arxiv 2101.00002; doi 10.1234/wide.2022
3. Two kernels, one network (Two, 2022): cites 2 of 3 papers in this topic; 2022; \
7 citations
"""


def test_forward_and_backward_for_the_kernel_topic(server):
    result = runner.invoke(app, ["suggest", "--topic", KERNEL])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    text = result.stdout
    assert text.startswith("# Suggestions\n\nForward: papers published since 2020 that cite ")
    assert "## Kernel behaviour of NNs (`kernel-behaviour-of-nns`)\n\n" + FORWARD in text
    backward = text.split("Backward (cited by this topic):\n\n")[1]
    assert backward == """\
1. Toward deeper understanding of neural networks: The power of initialization and a dual view \
on expressivity (Daniely, 2016): cited by 2 of 3 papers in this topic and 3 of the seminar's; \
2016; 0 citations
2. Understanding deep learning requires rethinking generalization (Zhang, 2016): cited by 1 of \
3 papers in this topic and 5 of the seminar's; 2016; 0 citations
3. Norm-based capacity control in neural networks (Neyshabur, 2015): cited by 1 of 3 papers in \
this topic and 3 of the seminar's; 2015; 0 citations
4. No bad local minima: Data independent training error guarantees for multilayer neural \
networks (Soudry, 2016): cited by 1 of 3 papers in this topic and 3 of the seminar's; 2016; \
0 citations
5. Size-independent sample complexity of neural networks (Golowich, 2017): cited by 1 of 3 \
papers in this topic and 3 of the seminar's; 2017; 0 citations
"""
    assert "No citation data" not in text


def test_since_limit_and_one_paper_topics(server):
    result = runner.invoke(app, ["suggest", "--topic", KERNEL, "--since", "2019", "-n", "2",
                                 "-f", "json"])
    data = json.loads(result.stdout)
    assert data["since"] == 2019
    (topic,) = data["topics"]
    assert [(s["title"], s["cites"]) for s in topic["forward"]] == [
        ("Kernel regimes revisited", ["jacot2018", "allenzhu2019convergence",
                                      "allenzhu2019resnet"]),
        ("An older kernel study", ["jacot2018", "allenzhu2019resnet"])]
    assert topic["forward"][1]["reason"] == (
        "cites 2 of 3 papers in this topic; 2019; 500 citations")
    assert len(topic["backward"]) == 2 and topic["without_citation_data"] == []
    # a one-paper topic: one citation is enough (the fake world's follow-ups, 2021)
    result = runner.invoke(app, ["suggest", "--topic", "vc-dimension", "-f", "json"])
    (vc,) = json.loads(result.stdout)["topics"]
    assert [s["reason"] for s in vc["forward"]][:1] == [
        "cites 1 of 1 paper in this topic; 2021; 0 citations"]
    assert vc["forward"][0]["title"].startswith("A follow-up to Nearly-tight VC-dimension")


def test_toml_is_a_valid_syllabus_fragment(server, tmp_path):
    out = tmp_path / "suggested.toml"
    result = runner.invoke(app, ["suggest", "--topic", KERNEL, "-f", "toml", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out}\n"
    text = out.read_text(encoding="utf-8")
    assert ("# why (kernel-behaviour-of-nns, forward): cites 3 of 3 papers in this topic; "
            "2023; 140 citations\n[[papers]]\nkey = \"lovelace2023kernel\"\n"
            "title = \"Kernel regimes revisited\"\n") in text
    papers = tomllib.loads(text)["papers"]
    assert [p["key"] for p in papers][:3] == ["lovelace2023kernel", "young2022wide",
                                              "two2022kernels"]
    assert papers[1]["arxiv"] == "2101.00002" and papers[1]["doi"] == "10.1234/wide.2022"
    base = (importlib.resources.files("papergraph") / "data" / "tum-ss2020.toml").read_text(
        encoding="utf-8")
    merged = parse_syllabus(base + "\n" + text, source="merged.toml")
    assert len(merged.papers) == 15 + len(papers)


def test_offline_names_the_topics_without_citation_data():
    result = runner.invoke(app, ["suggest", "--offline", "--topic", KERNEL])
    assert result.exit_code == 0
    assert result.stderr == ("warning: no citation data (forward suggestions need it) for "
                             "topic(s): kernel-behaviour-of-nns\n")
    assert result.stdout.split("Forward (cite this topic):\n\n")[1].startswith("- none\n")
    assert result.stdout.endswith(
        "No citation data for `jacot2018`, `allenzhu2019convergence`, `allenzhu2019resnet`: "
        "forward suggestions need it (`papergraph resolve` online fetches it).\n")


def test_unknown_topic_fails_before_any_request():
    result = runner.invoke(app, ["suggest", "--topic", "nope"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: unknown topic 'nope'; topics: vc-dimension, ")


def test_with_openalex_too_each_work_is_suggested_once(server, monkeypatch):
    monkeypatch.setenv("PAPERGRAPH_SOURCES", "s2,openalex,dblp")
    result = runner.invoke(app, ["suggest", "--topic", KERNEL])
    assert result.exit_code == 0, result.output
    forward = result.stdout.split("Forward (cite this topic):\n\n")[1].split("\n\n")[0]
    titles = [line.split(" (")[0] for line in forward.splitlines()]
    assert titles == ["1. Kernel regimes revisited", "2. Wide Networks Behave as Kernels",
                      "3. Two kernels, one network"]


def test_the_coverage_report_shows_the_top_suggestions_per_topic(server):
    result = runner.invoke(app, ["coverage", "-f", "markdown"])
    assert result.exit_code == 0, result.output
    section = result.stdout.split(
        "## Suggestions: newer papers citing a topic (not on the list)\n\n")[1].split("\n## ")[0]
    assert "| Kernel behaviour of NNs | Kernel regimes revisited | 2023 | cites 3 of 3 papers " \
           "in this topic; 2023; 140 citations |" in section
    assert section.startswith("> Suggestions only, from `papergraph suggest`")
    data = json.loads(runner.invoke(app, ["coverage", "-f", "json"]).stdout)
    kernel = next(t for t in data["topics"] if t["slug"] == KERNEL)
    assert [s["title"] for s in kernel["suggestions"]] == [
        "Kernel regimes revisited", "Wide Networks Behave as Kernels",
        "Two kernels, one network"]


def test_offline_the_coverage_report_has_no_suggestions_section():
    result = runner.invoke(app, ["coverage", "--offline", "-f", "markdown"])
    assert "## Suggestions" not in result.stdout
    assert "Suggestions:" not in runner.invoke(app, ["coverage", "--offline"]).stdout


def test_the_page_lists_the_suggestions_under_the_topic_not_in_the_graph(server, tmp_path):
    page = tmp_path / "seminar.html"
    result = runner.invoke(app, ["graph", "-o", str(page)])
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert ('"suggestions":[{"reason":"cites 3 of 3 papers in this topic; 2023; 140 '
            'citations","title":"Kernel regimes revisited","year":2023}') in html
    nodes = json.loads(runner.invoke(app, ["graph", "-f", "json"]).stdout)["nodes"]
    assert not any(n.get("title") == "Kernel regimes revisited" for n in nodes)  # not drawn


def test_toml_keys_are_new_and_a_paper_suggested_twice_is_written_once():
    from papergraph.models import Paper, Seminar, Syllabus
    from papergraph.planning.suggest import Suggestion, Suggestions, TopicSuggestions
    from papergraph.planning.suggest import format_suggestions as fmt

    s = Suggestion("forward", "Kernels again", 2022, ("Ann Lee",), ("x",), "why", 3,
                   arxiv="2201.00001", doi="not a doi")
    result = Suggestions(2020, (TopicSuggestions("a", "A", (s,), (), ()),
                                TopicSuggestions("b", "B", (s,), (), ())))
    syllabus = Syllabus(Seminar("s"), (), (), (Paper("lee2022kernels", "Other"),))
    text = fmt(result, syllabus, "toml")
    papers = tomllib.loads(text)["papers"]
    assert [(p["key"], p["arxiv"]) for p in papers] == [("lee2022kernelsb", "2201.00001")]
    assert "doi" not in papers[0]  # an id the syllabus would refuse is left out
    assert "# why (b, forward, listed above): why\n" in text


def test_the_coverage_table_shows_them_too(server):
    result = runner.invoke(app, ["coverage"])
    assert result.exit_code == 0, result.output
    section = result.stdout.split(
        "Suggestions: newer papers citing a topic (not listed; papergraph suggest)\n")[1]
    assert "Kernel regimes revisited" in section.split("\nDiscrepancies")[0]
    assert all(len(line) <= 100 for line in result.stdout.splitlines())
