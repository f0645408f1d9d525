"""Sources as a policy: Semantic Scholar first, OpenAlex filling and cross-checking
(against the fake Semantic Scholar + OpenAlex + dblp server, real HTTP)."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))

from fakedata import build_world  # noqa: E402
from fakeserver import FakeServer  # noqa: E402

from papergraph.cli import app  # noqa: E402
from papergraph.config import Settings  # noqa: E402
from papergraph.models import Paper, Seminar, Syllabus  # noqa: E402
from papergraph.resolve import resolve_papers  # noqa: E402
from papergraph.snapshot import snapshot_records  # noqa: E402

runner = CliRunner()
KEYS = ("jacot2018", "allenzhu2019resnet", "arora2019fine", "li2018", "allenzhu2019rnn")
DOI = "10.5555/fake.jacot"  # one paper is cited by its DOI, the others by arXiv id


@pytest.fixture
def server():
    """The fake world, five of its papers renamed (the shipped snapshot does not know
    them), one with a DOI."""
    world = build_world()
    for k in KEYS:
        p = world.papers[world.seminar_ids[k]]
        p.title, p.arxiv = f"{p.title} revisited", "29" + (p.arxiv or "")[2:]
    world.papers[world.seminar_ids["jacot2018"]].doi = DOI
    with FakeServer(world) as srv:
        yield srv


@pytest.fixture
def settings(server, tmp_path) -> Settings:
    return Settings(s2_url=server.url, dblp_url=server.url, openalex_url=server.url,
                    cache_dir=tmp_path / "cache", rate_limit=0, dblp_interval=0,
                    openalex_interval=0, timeout=2, retries=3, backoff_base=0.001,
                    backoff_max=0.01, page_limit=5, sources=("s2", "openalex"))


def seminar() -> Syllabus:
    """The five renamed papers, cited by DOI or arXiv id."""
    recs = {r.key: r for r in snapshot_records()}
    papers = tuple(Paper(key=f"p-{k}", title=f"{recs[k].title} revisited",
                         authors=recs[k].authors, year=recs[k].year,
                         doi=DOI if k == "jacot2018" else None,
                         arxiv=None if k == "jacot2018" else "29" + (recs[k].arxiv or "")[2:])
                   for k in KEYS)
    return Syllabus(seminar=Seminar("test"), areas=(), topics=(), papers=papers)


def s2_edges(server) -> set[tuple[str, str]]:
    """The citations among the five papers in the fake world."""
    w = server.world
    pid = {w.seminar_ids[k]: f"p-{k}" for k in KEYS}
    return {(pid[a], pid[r]) for a in pid for r, _ in w.papers[a].references if r in pid}


def test_rate_limited_semantic_scholar_resolves_from_openalex(server, settings):
    server.fail("/graph/v1/", "429", times=10_000)
    res = resolve_papers(seminar(), settings=settings)
    assert res.warnings == ("Semantic Scholar batch lookup (ids) failed: "
                            f"{server.url}/graph/v1/paper/batch: still rate-limited (HTTP 429) "
                            "after 4 attempts; asking OpenAlex",)
    counts = dict(res.requests)
    assert counts["batch"] == 4 and "match" not in counts and "citations" not in counts
    assert counts["openalex-doi"] == counts["openalex-refs"] == counts["openalex-cites"] == 1
    for r in res.records:
        assert r.status == "matched" and r.openalex_id and r.s2_id is None
        assert r.source_of("openalex_id").source == "openalex"
        fake = server.world.papers[server.world.seminar_ids[r.key[2:]]]
        assert len(r.citations) == len(fake.citations) and r.citations_complete
        if fake.references:  # OpenAlex lists those it matched to a work
            assert len(r.references) == sum(not server.world.papers[x].unresolved
                                            for x, _ in fake.references)
            assert r.references_complete and r.source_of("references").source == "openalex"
        assert all(ref.sources == ("openalex",) for ref in r.references + r.citations)
    assert res.record("p-jacot2018").doi == DOI
    edges = res.edge_sources()
    assert set(edges) == s2_edges(server) and edges
    assert set(edges.values()) == {("openalex",)}


def test_both_sources_up_cross_check_and_warm_run(server, settings):
    res = resolve_papers(seminar(), settings=settings)
    assert res.warnings == ()
    counts = dict(res.requests)
    assert counts["openalex-doi"] == 1 and "openalex-cites" not in counts  # S2 gave them
    edges = res.edge_sources()
    assert set(edges) == s2_edges(server)
    assert set(edges.values()) == {("openalex", "s2")}
    rec = res.record("p-arora2019fine")
    assert rec.s2_id and rec.openalex_id and rec.source_of("arxiv").source == "openalex+s2"
    assert rec.source_of("s2_id").source == "s2"
    server.clear()
    warm = resolve_papers(seminar(), settings=settings)
    assert server.log == [] and warm.records == res.records


def test_citation_pages_rate_limited_come_from_openalex(server, settings):
    server.fail("/citations", "429", times=10_000)
    res = resolve_papers(seminar(), settings=settings)
    assert "citations" not in dict(res.requests) or dict(res.requests)["citations"] <= 5
    for r in res.records:
        fake = server.world.papers[server.world.seminar_ids[r.key[2:]]]
        assert r.s2_id and r.citations_complete and len(r.citations) == len(fake.citations)
        assert all("openalex" in c.sources for c in r.citations)
        assert "citations from OpenAlex: Semantic Scholar's citation pages failed" in r.notes
    (warning,) = res.warnings
    assert warning.startswith("Semantic Scholar unavailable (5 failed attempts in a row")


def test_openalex_down_changes_nothing_but_one_warning(server, settings):
    alone = resolve_papers(seminar(), settings=replace(settings, sources=("s2",)))
    down = replace(settings, openalex_url="http://127.0.0.1:9",
                   cache_dir=settings.cache_dir.parent / "other")
    res = resolve_papers(seminar(), settings=down)
    assert res.records == alone.records
    assert res.warnings == ("OpenAlex unavailable (cannot reach 127.0.0.1:9 "
                            "(ConnectionRefusedError)): not called again in this run; "
                            "nothing was cross-checked or filled from it",)


def test_openalex_alone(server, settings):
    res = resolve_papers(seminar(), settings=settings.with_sources(["openalex"]))
    assert server.counts().keys() <= {"openalex-doi", "openalex-refs", "openalex-cites"}
    assert all(r.status == "matched" and r.openalex_id for r in res.records)
    assert set(res.edge_sources().values()) == {("openalex",)}


def test_resolve_json_names_the_sources(server, tmp_path, monkeypatch):
    for name in ("S2_API", "DBLP", "OPENALEX"):
        monkeypatch.setenv(f"PAPERGRAPH_{name}_URL", server.url)
    monkeypatch.setenv("PAPERGRAPH_RATE_LIMIT", "0")
    monkeypatch.setenv("PAPERGRAPH_DBLP_INTERVAL", "0")
    monkeypatch.setenv("PAPERGRAPH_OPENALEX_INTERVAL", "0")
    path = tmp_path / "s.toml"
    lines = ['[seminar]\ntitle = "t"\n']
    for p in seminar().papers:
        ident = f'doi = "{p.doi}"' if p.doi else f'arxiv = "{p.arxiv}"'
        lines.append(f'[[papers]]\nkey = "{p.key}"\ntitle = {json.dumps(p.title)}\n{ident}\n')
    path.write_text("\n".join(lines), encoding="utf-8")
    result = runner.invoke(app, ["resolve", str(path), "--json", "--sources", "openalex"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {s for r in rows for c in r["cites"] for s in c["sources"]} == {"openalex"}
    assert rows[0]["sources"]["openalex_id"]["source"] == "openalex"
    assert set(server.counts()) <= {"openalex-doi", "openalex-refs", "openalex-cites"}
    bad = runner.invoke(app, ["resolve", str(path), "--sources", "s2,crossref"])
    assert bad.exit_code == 2  # a usage error, before anything runs
    assert "Invalid value for '--sources': 's2,crossref': expected a comma-separated list " \
           "of s2, openalex, dblp" in " ".join(bad.stderr.replace("│", " ").split())


def test_a_paper_without_ids_is_found_by_title_on_openalex(server, settings):
    w = server.world
    p = w.papers[w.seminar_ids["jacot2018"]]
    syl = Syllabus(seminar=Seminar("t"), areas=(), topics=(), papers=(
        Paper(key="t", title=p.title, authors=tuple(p.authors), year=p.year),))
    server.fail("/graph/v1/", "429", times=10_000)
    res = resolve_papers(syl, settings=settings)
    rec = res.record("t")
    assert rec.status == "matched" and rec.openalex_id and rec.doi == DOI
    assert rec.source_of("openalex_id").source == "openalex" and 0.8 <= rec.confidence <= 1
    assert dict(res.requests)["openalex-search"] == 1
    assert res.warnings == ()
