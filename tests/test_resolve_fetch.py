"""``bounded_fetch`` (sources/fetch.py) against real servers on 127.0.0.1: the deadline
covers slow headers and bodies, the body limit holds after decompression, the API key
never leaves its origin. The same function serves ``import`` of a URL."""

from __future__ import annotations

import sys
import threading
import tracemalloc
from pathlib import Path

import pytest
import requests

sys.path.insert(0, str(Path(__file__).parent))

from fakeserver import FakeServer  # noqa: E402

from papergraph.errors import NetworkUnavailable  # noqa: E402
from papergraph.sources.fetch import (  # noqa: E402
    BodyTooLarge,
    FetchError,
    FetchTimeout,
    bounded_fetch,
)

MiB = 1024 * 1024
PAPER = "/graph/v1/paper/ARXIV:1703.02930?fields=title"


@pytest.fixture
def server():
    with FakeServer() as srv:
        yield srv


@pytest.fixture
def other():
    """A second server: another origin (another port)."""
    with FakeServer() as srv:
        yield srv


def test_plain_answer(server):
    r = bounded_fetch(server.url + PAPER)
    assert r.status == 200 and r.body.endswith(b"\n") and b'"title"' in r.body
    assert r.headers["content-type"] == "application/json"


@pytest.mark.parametrize("fault", ["drip-body", "drip-headers", "hang"])
def test_deadline_covers_every_phase(server, fault):
    """A server dripping its body (or its headers, or sending nothing) one byte per 0.2 s
    is cut off at the deadline: one attempt, one error, no reading until it is done."""
    server.fail("/paper/", fault, arg=0.2 if fault != "hang" else None)
    with pytest.raises(FetchTimeout, match="no complete answer within 0.5 s"):
        bounded_fetch(server.url + PAPER, timeout=0.5)
    assert len(server.log) == 1


def test_socket_is_shut_when_the_deadline_passes(server):
    """The worker reading a dripping body is woken and ends (no thread left reading)."""
    server.fail("/paper/", "drip-body", arg=0.05)
    before = {t.ident for t in threading.enumerate()}
    with pytest.raises(FetchTimeout):
        bounded_fetch(server.url + PAPER, timeout=0.3)
    for t in threading.enumerate():
        if t.ident not in before and t.name == "papergraph-fetch":
            t.join(10)
            assert not t.is_alive(), "the reading thread was not woken"


def test_gzip_bomb_stops_at_the_limit_in_memory(server):
    server.fail("/paper/", "gzip-bomb", arg=64)  # 64 MB of zeros in ~64 KB
    tracemalloc.start()
    try:
        with pytest.raises(BodyTooLarge, match="larger than 1 MB"):
            bounded_fetch(server.url + PAPER, max_bytes=MiB)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * MiB, f"{peak / MiB:.0f} MiB allocated for a 1 MB limit"


def test_small_gzip_answer_is_decoded(server):
    server.fail("/paper/", "gzip-bomb", arg=0.5)
    r = bounded_fetch(server.url + PAPER, max_bytes=MiB)
    assert r.body == b"\0" * (MiB // 2)


@pytest.mark.parametrize("fault", ["huge", "huge-declared"])
def test_huge_bodies_are_refused(server, fault):
    server.fail("/paper/", fault, arg=200)
    with pytest.raises(BodyTooLarge, match="larger than 2 MB"):
        bounded_fetch(server.url + PAPER, max_bytes=2 * MiB)


def test_refused_connection_is_unreachable():
    with pytest.raises(NetworkUnavailable, match="cannot reach 127.0.0.1:9"):
        bounded_fetch("http://127.0.0.1:9/x")


def test_bad_url_is_not_retryable():
    with pytest.raises(FetchError) as info:
        bounded_fetch("http://[::1/x")
    assert not info.value.retryable


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_key_never_follows_a_redirect_to_another_host(server, other, status):
    server.fail("/paper/", "redirect", arg=(status, other.url))
    r = bounded_fetch(server.url + PAPER, secret_headers={"x-api-key": "sk-secret"})
    assert r.status == 200 and r.url.startswith(other.url)
    assert server.log[0].headers["x-api-key"] == "sk-secret"
    assert "x-api-key" not in other.log[0].headers


def test_key_follows_a_redirect_on_the_same_origin(server):
    server.fail("/paper/ARXIV", "redirect", arg=(307, server.url))
    r = bounded_fetch(server.url + PAPER, secret_headers={"x-api-key": "sk-secret"})
    assert r.status == 200
    assert [e.headers.get("x-api-key") for e in server.log] == ["sk-secret", "sk-secret"]


def test_redirect_loops_end(server):
    server.fail("/paper/", "redirect", times=100, arg=(302, server.url))
    with pytest.raises(FetchError, match="more than 5 redirects"):
        bounded_fetch(server.url + PAPER)
    assert len(server.log) == 6


def test_post_becomes_get_after_303(server, other):
    server.fail("/paper/batch", "redirect", arg=(303, other.url))
    r = bounded_fetch(server.url + "/graph/v1/paper/batch", method="POST",
                      payload={"ids": ["ARXIV:1703.02930"]})
    assert other.log[0].method == "GET" and other.log[0].body == ""
    assert r.status == 404  # no GET /paper/batch


def test_session_is_reused(server):
    s = requests.Session()
    for _ in range(3):
        assert bounded_fetch(server.url + PAPER, session=s).status == 200
