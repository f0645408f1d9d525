"""Hostile inputs, round 2 (issue 22): one case per finding, against real loopback servers
for the network ones (``fakeserver.py``: a body shorter than its ``Content-Length``, a
reset mid-body, a broken chunked encoding). No wall-clock limit: bounded work is asserted
by counting requests, and ``finished`` only catches hangs.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fakeserver import FakeServer  # noqa: E402
from test_resolve_faults import assert_cache_clean, finished, one_line  # noqa: E402

from papergraph.config import Settings  # noqa: E402
from papergraph.models import Syllabus  # noqa: E402
from papergraph.resolve import resolve_papers  # noqa: E402

CUTS = ["short-body", "reset", "bad-chunked"]


@pytest.fixture
def server():
    with FakeServer() as srv:
        yield srv


@pytest.fixture
def settings(server, tmp_path) -> Settings:
    return Settings(s2_url=server.url, dblp_url=server.url, cache_dir=tmp_path / "cache",
                    rate_limit=0, dblp_interval=0, timeout=5, retries=1, breaker=3,
                    backoff_base=0.001, backoff_max=0.01)


@pytest.fixture
def small(syllabus) -> Syllabus:
    return replace(syllabus, papers=syllabus.papers[:4], topics=(), talks=())


# ------------------------------------------------------------------ 1: cut answers


@pytest.mark.parametrize("cut", CUTS)
@pytest.mark.parametrize("where", ["/batch", "/rec/"])
def test_1_a_cut_answer_is_retried_once_and_the_run_completes(server, settings, small,
                                                              cut, where):
    cold = finished(lambda: resolve_papers(small, settings=replace(
        settings, cache_dir=settings.cache_dir.with_name("reference"))))
    server.clear()
    server.fail(where, cut, times=1)
    res = finished(lambda: resolve_papers(small, settings=settings))
    one_line(res)
    assert res.warnings == ()  # the second attempt got the whole answer
    assert res.records == cold.records
    kind = "batch" if where == "/batch" else "dblp-bib"
    assert dict(res.requests)[kind] == dict(cold.requests)[kind] + 1
    assert_cache_clean(settings)


@pytest.mark.parametrize("cut", CUTS)
def test_1_answers_cut_every_time_degrade_like_any_failure(server, settings, small, cut):
    server.fail("/rec/", cut, times=1000)
    res = finished(lambda: resolve_papers(small, settings=settings))
    one_line(res)
    assert dict(res.requests)["dblp-bib"] == settings.breaker
    assert res.warnings[0].startswith("dblp unavailable (3 failed attempts in a row, the last:")
    assert "answer cut short" in res.warnings[0]
    assert all(r.status == "matched" and r.s2_id for r in res.records)
    assert_cache_clean(settings)


def test_1_refresh_keeps_the_cached_copy_when_the_renewal_is_cut(server, settings, small):
    cold = finished(lambda: resolve_papers(small, settings=settings))
    server.clear()
    server.fail("/graph/", "reset", times=1000)
    res = finished(lambda: resolve_papers(small, settings=settings, refresh=True))
    one_line(res)
    assert res.records == cold.records
    assert res.warnings[-1].endswith("not called again in this run; 4 of 4 paper(s) finished "
                                     "from the cache and the shipped snapshot"), res.warnings
    assert "answer cut short (ConnectionResetError)" in res.warnings[0]


@pytest.mark.parametrize("charset", ["idna", "undefined", "hex", "no-such-charset"])
def test_5_a_charset_that_cannot_decode_is_ignored(server, settings, small, charset):
    server.fail("/batch", "mutate", times=1, arg=lambda obj: obj)
    import fakeserver

    original = fakeserver.Handler._send

    def send(self, status, body, ctype="application/json", headers=None):
        if ctype == "application/json":
            ctype = f"application/json; charset={charset}"
        return original(self, status, body, ctype, headers)

    fakeserver.Handler._send = send
    try:
        res = finished(lambda: resolve_papers(small, settings=settings))
    finally:
        fakeserver.Handler._send = original
    one_line(res)
    assert res.warnings == () and all(r.s2_id for r in res.records)


def test_13_a_utf16_answer_with_a_bom_is_decoded_by_its_bom():
    from papergraph.sources.fetch import RawResponse

    body = "\ufeffDeep Sets — Zaheer".encode("utf-16-le")
    raw = RawResponse(200, b"\xff\xfe" + body[2:], {"content-type": "text/html"})
    assert raw.text.lstrip("\ufeff") == "Deep Sets — Zaheer"
