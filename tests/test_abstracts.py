"""Abstracts and TL;DRs: kept from Semantic Scholar's answers, shown on the page, never
made up (the shipped snapshot has none, so the offline page shows none)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fakeserver import FakeServer  # noqa: E402

from papergraph.config import Settings  # noqa: E402
from papergraph.graph import build_graph  # noqa: E402
from papergraph.resolve import resolve_papers  # noqa: E402
from papergraph.snapshot import snapshot_records  # noqa: E402


@pytest.fixture
def settings(tmp_path):
    with FakeServer() as srv:
        yield Settings(s2_url=srv.url, dblp_url=srv.url, cache_dir=tmp_path / "cache",
                       rate_limit=0, dblp_interval=0, timeout=2, retries=3,
                       backoff_base=0.001, backoff_max=0.01, page_limit=5)


def test_abstract_and_tldr_come_from_semantic_scholar(settings, syllabus):
    res = resolve_papers(syllabus, settings=settings)
    order = [r.key for r in snapshot_records()]  # the fake world's order
    first, second = res.record(order[0]), res.record(order[1])
    assert first.abstract == f"What {first.title} shows (fixture)."
    assert first.tldr == f"In short: {first.title}."
    assert first.source_of("abstract").source == "s2"
    assert (second.abstract, second.tldr) == ("", "")  # S2 has none: none made up
    graph = build_graph(syllabus, res)
    assert graph.nodes[f"paper:{first.key}"]["tldr"] == first.tldr
    assert "abstract" not in graph.nodes[f"paper:{second.key}"]
    # a second run answers from the cache, with the same text
    again = resolve_papers(syllabus, settings=settings)
    assert again.record(first.key).abstract == first.abstract


def test_the_shipped_snapshot_has_none(resolution):
    assert all(r.abstract == "" and r.tldr == "" for r in resolution.records)
