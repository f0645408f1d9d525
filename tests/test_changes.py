"""``papergraph changes``: two runs against a fake whose data changes in between."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))

from fakedata import build_world  # noqa: E402
from fakeopenalex import fake_wid  # noqa: E402
from fakeserver import FakeServer  # noqa: E402

from papergraph.cli import app  # noqa: E402
from papergraph.commands import coverage_text  # noqa: E402
from papergraph.config import Settings  # noqa: E402
from papergraph.models import Paper, Seminar, Syllabus  # noqa: E402
from papergraph.resolve import resolve_papers  # noqa: E402

runner = CliRunner()
KEYS = ("jacot2018", "li2018", "arora2019fine", "allenzhu2019rnn")
P1, P2, P3, P4 = KEYS  # P1 gets published, P2 retracted, P3 an author, P4 cites P2


@pytest.fixture
def server():
    world = build_world()
    for k in KEYS:  # renamed: the shipped snapshot does not know them
        p = world.papers[world.seminar_ids[k]]
        p.title, p.arxiv = f"{p.title} revisited", "29" + (p.arxiv or "")[2:]
    world.papers[world.seminar_ids[P1]].venue = "ArXiv"
    with FakeServer(world) as srv:
        yield srv


@pytest.fixture
def syllabus(server, tmp_path) -> Syllabus:
    w = server.world
    papers = tuple(Paper(key=k, title=w.papers[w.seminar_ids[k]].title,
                         arxiv=w.papers[w.seminar_ids[k]].arxiv) for k in KEYS)
    path = tmp_path / "s.toml"
    text = '[seminar]\ntitle = "Reading group"\n' + "".join(
        f'\n[[papers]]\nkey = "{p.key}"\ntitle = {json.dumps(p.title)}\narxiv = "{p.arxiv}"\n'
        for p in papers)
    path.write_text(text, encoding="utf-8")
    return Syllabus(seminar=Seminar("Reading group"), areas=(), topics=(), papers=papers,
                    source=str(path))


@pytest.fixture
def settings(server, tmp_path, monkeypatch) -> Settings:
    monkeypatch.setenv("PAPERGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    return Settings(s2_url=server.url, openalex_url=server.url, cache_dir=tmp_path / "cache",
                    rate_limit=0, openalex_interval=0, timeout=2, retries=1,
                    backoff_base=0.001, backoff_max=0.01).with_sources(["s2", "openalex"])


def change_the_world(server) -> None:
    w = server.world
    pid = w.seminar_ids
    w.papers[pid[P1]].venue = "ICML"
    w.openalex[fake_wid(pid[P2])].retracted = True
    w.papers[pid[P3]].authors.append("Newt Author")
    w.papers[pid[P4]].references.append((pid[P2], False))
    w.papers[pid[P2]].citations.append((pid[P4], False))
    w.openalex[fake_wid(pid[P4])].references.append(fake_wid(pid[P2]))


def changes(syllabus: Syllabus, *args: str):
    result = runner.invoke(app, ["changes", syllabus.source, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_two_runs_list_exactly_what_changed(server, syllabus, settings):
    assert "No run recorded yet" in changes(syllabus)
    resolve_papers(syllabus, settings=settings)
    assert changes(syllabus).endswith("Nothing changed.\n")
    change_the_world(server)
    resolve_papers(syllabus, settings=settings, refresh=True)
    data = json.loads(changes(syllabus, "--format", "json"))
    authors = server.world.papers[server.world.seminar_ids[P3]].authors
    assert data["changes"] == [
        {"paper": P1, "kind": "published", "before": "ArXiv", "after": "ICML"},
        {"paper": P2, "kind": "retracted", "before": False, "after": True},
        {"paper": P2, "kind": "new_citation", "before": None, "after": P4},
        {"paper": P3, "kind": "authors", "before": authors[:-1], "after": authors},
    ]
    assert list(data["bibtex"]) == [P1] and "ICML" in data["bibtex"][P1]
    text = changes(syllabus)
    assert text.startswith("# What changed: Reading group\n\nRun of ")
    body = text.split("\n\n", 2)[2]
    entry = data["bibtex"][P1].rstrip("\n")
    assert body == (
        f"## {P1}\n\n- preprint now published: ArXiv → ICML\n\n```bibtex\n{entry}\n```\n\n"
        f"## {P2}\n\n- retracted: False → True\n- newly cited by: {P4}\n\n"
        f"## {P3}\n\n- authors changed: {', '.join(authors[:-1])} → {', '.join(authors)}\n")
    # the coverage report has the same changes, and how complete each reference list is
    report = coverage_text(syllabus.source, fmt="markdown", offline=True).text
    section = report.split("## What changed since the last run\n\n", 1)[1].split("\n\n")[0]
    assert section.splitlines() == [
        f"- `{P1}`: preprint now published: ArXiv → ICML",
        f"- `{P2}`: retracted: False → True", f"- `{P2}`: newly cited by: {P4}",
        f"- `{P3}`: authors changed: {', '.join(authors[:-1])} → {', '.join(authors)}"]
    lists = json.loads(coverage_text(syllabus.source, fmt="json", offline=True).text)
    assert {r["key"]: r["sources"] for r in lists["reference_lists"]}[P4] == ["openalex", "s2"]
    # nothing is listed twice: a run that finds the same data again changes nothing
    resolve_papers(syllabus, settings=settings, refresh=True)
    assert changes(syllabus).endswith("Nothing changed.\n")
    # but the changes since a date before both runs are still there
    assert json.loads(changes(syllabus, "--since", "2000-01-01", "--format", "json")
                      )["changes"] == data["changes"]


def test_since_must_be_a_date(syllabus, settings):
    result = runner.invoke(app, ["changes", syllabus.source, "--since", "yesterday"])
    assert result.exit_code == 1
    assert result.stderr == "error: --since 'yesterday': expected a date such as 2026-12-01\n"


def test_versions_years_and_references(server, syllabus, settings):
    w = server.world
    pid = w.seminar_ids
    w.openalex[fake_wid(pid[P1])].arxiv_version = 1
    resolve_papers(syllabus, settings=settings)
    w.openalex[fake_wid(pid[P1])].arxiv_version = 2
    w.papers[pid[P2]].year = 2019
    p3 = w.papers[pid[P3]]
    gone = next(r for r, _ in p3.references if r not in pid.values() and
                not w.papers[r].unresolved)
    p3.references = [(r, i) for r, i in p3.references if r != gone]
    new = next(c for c, _ in w.papers[pid[P1]].citations if c not in pid.values())
    p3.references.append((new, False))
    resolve_papers(syllabus, settings=settings, refresh=True)
    data = json.loads(changes(syllabus, "--format", "json"))
    assert data["changes"] == [
        {"paper": P1, "kind": "arxiv_version", "before": 1, "after": 2},
        {"paper": P2, "kind": "year", "before": 2018, "after": 2019},
        {"paper": P3, "kind": "reference_appeared", "before": None,
         "after": w.papers[new].title},
        {"paper": P3, "kind": "reference_vanished", "before": w.papers[gone].title,
         "after": None},
    ]
    assert data["bibtex"] == {}
