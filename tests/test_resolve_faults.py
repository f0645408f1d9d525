"""Fault injection: a real HTTP server on 127.0.0.1 misbehaving in every way issue 12 lists.

Each case asserts what a user would notice: the run finishes (``finished`` only guards
against a hang, far above what any case takes), the requests are bounded (by the settings
below: ``timeout`` 1 s per attempt, 2 attempts per request, breaker after 3 failed
attempts), no traceback, one-line warnings naming the paper, nothing wrong-shaped in the
cache, a warm run asks nothing that was answered, ``--offline`` resolves every paper that
was fetched.
"""

from __future__ import annotations

import json
import socket
import sqlite3
import sys
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fakeserver import FakeServer  # noqa: E402

from papergraph.config import Settings  # noqa: E402
from papergraph.models import Resolution, Syllabus  # noqa: E402
from papergraph.resolve import resolve_papers  # noqa: E402
from papergraph.sources import shapes  # noqa: E402

HANG_GUARD = 300  # seconds: a hang detector, not a timing assertion


@pytest.fixture
def server():
    with FakeServer() as srv:
        yield srv


@pytest.fixture
def settings(server, tmp_path) -> Settings:
    return Settings(s2_url=server.url, dblp_url=server.url, cache_dir=tmp_path / "cache",
                    rate_limit=0, dblp_interval=0, timeout=1, retries=1, breaker=3,
                    backoff_base=0.001, backoff_max=0.01)


@pytest.fixture
def small(syllabus) -> Syllabus:
    """Four seminar papers: two whose S2 record names a dblp key, two that need a search."""
    return replace(syllabus, papers=syllabus.papers[:4], topics=(), talks=())


def finished(call: Callable[[], Resolution]) -> Resolution:
    """``call()`` in a thread; fails (instead of hanging the suite) if it never returns."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = call()
        except BaseException as exc:  # noqa: BLE001 - re-raised below
            box["error"] = exc

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(HANG_GUARD)
    assert not t.is_alive(), "the run hangs"
    if "error" in box:
        raise box["error"]
    return box["value"]


def one_line(res: Resolution) -> None:
    assert all("\n" not in w and "Traceback" not in w for w in res.warnings), res.warnings


def assert_cache_clean(settings: Settings) -> None:
    """Every cached answer passes the shape checks with no bad item; every record loads."""
    db = sqlite3.connect(settings.cache_dir / "papergraph.sqlite3")
    for key, status, body in db.execute("SELECT key, status, body FROM responses"):
        if status != 200:
            continue
        if key.startswith("s2 batch-item"):
            p = shapes.paper(json.loads(body))
            assert not shapes.inline_refs(p).problems, key
        elif "/citations?" in key or "/references?" in key:
            inner = "citingPaper" if "/citations?" in key else "citedPaper"
            assert not shapes.check_page(inner)(json.loads(body)).problems, key
        elif key.startswith("s2 GET /paper/search/match"):
            shapes.check_match(json.loads(body))
        elif key.startswith("s2 GET /paper/search"):
            assert not shapes.check_search(json.loads(body)).problems, key
        elif key.startswith("dblp GET /search"):
            assert not shapes.check_dblp_search(json.loads(body)).problems, key
        elif key.startswith("dblp GET /rec/"):
            shapes.check_dblp_bib(body)
        else:
            raise AssertionError(f"unexpected cache key {key}")
    from papergraph.cache import Cache

    cache = Cache(settings.cache_dir)
    fps = [r[0] for r in db.execute("SELECT fingerprint FROM records")]
    assert all(cache.get_record(fp) is not None for fp in fps)
    cache.close()
    db.close()


def seminar_fake(server: FakeServer, key: str) -> Any:
    return server.world.papers[server.world.seminar_ids[key]]


def closed_port_url() -> str:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}"


# --------------------------------------------------------------------------- fetched data kept


def test_no_dblp_record_is_stored_warm_run_asks_nothing(server, settings, small):
    """A paper S2 resolved but dblp has no record for (a 404 for S2's key; no search hit)."""
    keyed = [p for p in small.papers if seminar_fake(server, p.key).dblp]
    searched = [p for p in small.papers if not seminar_fake(server, p.key).dblp]
    gone = seminar_fake(server, keyed[0].key).dblp
    del server.world.dblp[gone]  # S2 names it, dblp answers 404
    title = seminar_fake(server, searched[0].key).title
    for k in [k for k, p in server.world.dblp.items() if p.title == title]:
        del server.world.dblp[k]  # no search hit at all
    cold = finished(lambda: resolve_papers(small, settings=settings))
    one_line(cold)
    assert all(r.status == "matched" and r.s2_id for r in cold.records)
    assert cold.record(keyed[0].key).dblp == gone  # S2's key, with S2's data
    assert cold.warnings == (f"{keyed[0].key}: incomplete (dblp has no record {gone})",)
    server.clear()
    warm = finished(lambda: resolve_papers(small, settings=settings))
    assert server.log == [] and warm.requests == () and warm.records == cold.records
    offline = resolve_papers(small, settings=settings, offline=True)
    assert offline.records == cold.records and offline.warnings == ()
    # the negative answers expire: then (only) they are asked again
    db = sqlite3.connect(settings.cache_dir / "papergraph.sqlite3")
    with db:
        db.execute("UPDATE responses SET expires = '2000-01-01T00:00:00+00:00' "
                   "WHERE expires IS NOT NULL")
        db.execute("UPDATE records SET expires = '2000-01-01T00:00:00+00:00' "
                   "WHERE expires IS NOT NULL")
    db.close()
    server.clear()
    again = finished(lambda: resolve_papers(small, settings=settings))
    assert server.counts() == {"dblp-bib": 1, "dblp-search": 1}
    assert again.records == cold.records
    assert_cache_clean(settings)


def test_dblp_unreachable_keeps_semantic_scholar(server, settings, small):
    s = replace(settings, dblp_url=closed_port_url())
    cold = finished(lambda: resolve_papers(small, settings=s))
    one_line(cold)
    assert all(r.status == "matched" and r.s2_id and r.citations_complete
               for r in cold.records)
    assert all(r.source_of("s2_id").source == "s2" for r in cold.records)
    assert len(cold.warnings) == 1 and cold.warnings[0].startswith(
        "dblp unavailable (cannot reach 127.0.0.1:")
    assert dict(cold.requests)["dblp-bib"] + dict(cold.requests).get("dblp-search", 0) == 1
    offline = resolve_papers(small, settings=s, offline=True)
    assert offline.records == cold.records  # rebuilt from the same stored answers
    assert offline.warnings == (
        "offline: dblp not fetched yet for 4 paper(s) (run without --offline to complete): "
        + ", ".join(p.key for p in small.papers),)
    server.clear()  # dblp is back: only the missing part is fetched
    done = finished(lambda: resolve_papers(small, settings=settings))
    assert set(server.counts()) == {"dblp-bib", "dblp-search"} and done.warnings == ()
    assert all(r.dblp and r.source_of("booktitle").source == "dblp" for r in done.records)
    server.clear()
    resolve_papers(small, settings=settings)
    assert server.log == []


# --------------------------------------------------------------------------- hangs


@pytest.mark.parametrize("where", ["/citations", "/rec/"])
def test_dripping_answers_are_cut_at_the_deadline(server, settings, small, where):
    server.fail(where, "drip-body", times=100, arg=0.2)
    res = finished(lambda: resolve_papers(small, settings=settings))
    one_line(res)
    label = "Semantic Scholar" if where == "/citations" else "dblp"
    kind = "citations" if where == "/citations" else "dblp-bib"
    assert dict(res.requests)[kind] == settings.breaker  # then the breaker is open
    assert res.warnings[0].startswith(f"{label} unavailable (3 failed attempts in a row, "
                                      "the last: ")
    assert "no complete answer within 1 s" in res.warnings[0]
    assert all(r.status == "matched" and r.s2_id for r in res.records)
    assert_cache_clean(settings)
    offline = resolve_papers(small, settings=settings, offline=True)
    assert all(r.s2_id for r in offline.records)


@pytest.mark.parametrize("fault", ["drip-headers", "hang"])
def test_silent_service_costs_breaker_attempts(server, settings, small, fault):
    server.fail("/paper/batch", fault, times=100, arg=0.2 if fault == "drip-headers" else None)
    server.fail("/search/match", fault, times=100)
    res = finished(lambda: resolve_papers(small, settings=settings))
    one_line(res)
    assert sum(dict(res.requests).values()) == settings.breaker
    assert res.warnings[-1].startswith("Semantic Scholar unavailable (3 failed attempts in a "
                                       "row, the last: ")
    assert "no complete answer within 1 s" in res.warnings[-1]
    assert [r.status for r in res.records] == ["snapshot"] * 4  # the shipped data


def test_long_retry_after_stops_the_service_at_once(server, settings, small):
    server.fail("/rec/", "429-retry-after", times=100, arg=3600)
    server.fail("/search/publ", "429-retry-after", times=100, arg=3600)
    res = finished(lambda: resolve_papers(small, settings=settings))
    one_line(res)
    c = dict(res.requests)
    assert c.get("dblp-bib", 0) + c.get("dblp-search", 0) == 1
    assert res.warnings == ("dblp unavailable (HTTP 429 asking to wait 3600 s (Retry-After)):"
                            " not called again in this run; papers are stored without its "
                            "fields; an online run completes them",)
    assert all(r.s2_id for r in res.records)


def test_persistent_429_opens_the_breaker(server, settings, small):
    server.fail("/paper/batch", "429", times=1000)
    server.fail("/search/match", "429", times=1000)
    res = finished(lambda: resolve_papers(small, settings=settings))
    one_line(res)
    assert sum(dict(res.requests).values()) == settings.breaker
    assert res.warnings[-1].startswith("Semantic Scholar unavailable (3 failed attempts in "
                                       f"a row, the last: HTTP 429 ({server.url}/graph/v1/"
                                       "paper/search/match)): not called again")


def page_without_data(obj: dict) -> dict:
    obj.pop("data")
    return obj


def endless_pages(obj: dict) -> dict:
    obj["next"] = obj["offset"]  # never advances
    return obj


@pytest.mark.parametrize("mutate", [page_without_data, endless_pages])
def test_bad_pages_never_loop_and_are_not_cached(server, settings, small, mutate):
    server.fail("/citations", "mutate", times=1000, arg=mutate)
    res = finished(lambda: resolve_papers(small, settings=settings))
    one_line(res)
    assert dict(res.requests)["citations"] == 4  # one page each, no retry, no loop
    assert [w.split(": ")[0] for w in res.warnings] == [p.key for p in small.papers]
    assert all("citations: " in w for w in res.warnings)
    assert all(not r.citations_complete and r.s2_id for r in res.records)
    assert_cache_clean(settings)
    server.clear()  # a healthy rerun fetches (only) the refused pages
    fixed = finished(lambda: resolve_papers(small, settings=settings))
    assert server.counts() == {"citations": 4} and fixed.warnings == ()
    assert all(r.citations_complete for r in fixed.records)


def test_far_pages_stop_at_the_api_limit(server, settings, small):
    """A server pointing past 10,000 results gets no request the API would refuse."""
    fake = seminar_fake(server, small.papers[0].key)
    fake.citations = fake.citations * 2000  # 14,000+ citations
    s = replace(settings, page_limit=1000)
    res = finished(lambda: resolve_papers(replace(small, papers=small.papers[:1]),
                                          settings=s))
    rec = res.record(small.papers[0].key)
    assert len(rec.citations) == 9999 and not rec.citations_complete
    assert dict(res.requests)["citations"] == 10
    assert "at most 9999 citations" in " ".join(rec.notes)


# --------------------------------------------------------------------------- wrong shapes


def item_of(arxiv: str, **changes: Any) -> Callable[[Any], Any]:
    """Changes the batch item of the paper with this arXiv id."""

    def mutate(obj: Any) -> Any:
        for item in obj:
            if item and (item.get("externalIds") or {}).get("ArXiv") == arxiv:
                item.update(changes)
        return obj

    return mutate


def first_data(**changes: Any) -> Callable[[Any], Any]:
    def mutate(obj: Any) -> Any:
        obj["data"][0].update(changes)
        return obj

    return mutate


def dblp_hits(change: Callable[[dict], None]) -> Callable[[Any], Any]:
    def mutate(obj: Any) -> Any:
        change(obj)
        return obj

    return mutate


def _null_result(o: dict) -> None:
    o["result"] = None


def _hit_without_key(o: dict) -> None:
    for h in o["result"]["hits"].get("hit", []):
        del h["info"]["key"]


def _author_is_text(o: dict) -> None:
    for h in o["result"]["hits"].get("hit", []):
        h["info"]["authors"]["author"] = "Somebody"


def _odd_year(o: dict) -> None:
    for h in o["result"]["hits"].get("hit", []):
        h["info"]["year"] = "20x9"


ARXIV = "1703.02930"  # bartlett2017, the first paper
BAD = {  # name: (where, mutate, tolerated?)
    "null authors": ("/paper/batch", item_of(ARXIV, authors=None), True),
    "null references": ("/paper/batch", item_of(ARXIV, references=None), True),
    "paperId null": ("/paper/batch", item_of(ARXIV, paperId=None), False),
    "corpusId abc": ("/paper/batch", item_of(ARXIV, corpusId="abc"), False),
    "year twenty": ("/paper/batch", item_of(ARXIV, year="twenty"), False),
    "title 12345": ("/paper/batch", item_of(ARXIV, title=12345), False),
    "externalIds list": ("/paper/batch", item_of(ARXIV, externalIds=["x"]), False),
    "author null": ("/paper/batch", item_of(ARXIV, authors=[None]), False),
    "inline reference": ("/paper/batch", item_of(ARXIV, references=[{"paperId": 5}]), False),
    "batch not an array": ("/paper/batch", lambda o: {"data": o}, False),
    "batch too short": ("/paper/batch", lambda o: o[1:], False),
    "data null": ("/citations", lambda o: {**o, "data": None}, False),
    "citingPaper null": ("/citations", lambda o: {**o, "data": [{"citingPaper": None},
                                                               *o["data"]]}, False),
    "offset string": ("/citations", lambda o: {**o, "offset": "0"}, False),
    "dblp result null": ("/search/publ", dblp_hits(_null_result), False),
    "dblp hit without key": ("/search/publ", dblp_hits(_hit_without_key), False),
    "dblp author a string": ("/search/publ", dblp_hits(_author_is_text), False),
    "dblp year 20x9": ("/search/publ", dblp_hits(_odd_year), False),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_wrong_shaped_answers(server, settings, small, case):
    where, mutate, tolerated = BAD[case]
    server.fail(where, "mutate", times=1, arg=mutate)
    res = finished(lambda: resolve_papers(small, settings=settings))
    one_line(res)
    assert_cache_clean(settings)
    if tolerated:
        assert res.warnings == () and res.record("bartlett2017").s2_id
        return
    assert res.warnings, "a wrong-shaped answer must be reported"
    keys = {p.key for p in small.papers}
    for w in res.warnings:  # per paper, or one line for a whole batch answer
        assert w.split(": ")[0] in keys or w.startswith("Semantic Scholar batch lookup")
    assert all(r.has_data for r in res.records)  # never a lost run
    # whatever was refused is asked again by a healthy rerun (a refused batch answer is
    # recovered in the same run by title), and then completes
    server.clear()
    again = finished(lambda: resolve_papers(small, settings=settings))
    assert bool(server.log) == ("batch" not in case)
    assert again.warnings == ()
    assert all(r.status == "matched" for r in again.records)
    server.clear()
    resolve_papers(small, settings=settings)
    assert server.log == []


def test_match_answer_with_wrong_shape(server, settings):
    from papergraph.models import Paper, Seminar

    syl = Syllabus(Seminar("t"), (), (), (Paper(key="titled", year=2020,
                                                title="Gradient flows in wide networks"),))
    server.fail("/search/match", "mutate", arg=first_data(year="x"))
    res = finished(lambda: resolve_papers(syl, settings=settings))
    one_line(res)
    assert res.record("titled").status == "failed"
    assert res.warnings[0].startswith("titled: failed: ") and "data[0]" in res.warnings[0]
    assert_cache_clean(settings)


def test_dblp_bibtex_that_is_not_bibtex(server, settings, small):
    server.fail("/rec/", "status", times=2, arg=(200, b"<html>busy</html>"))
    res = finished(lambda: resolve_papers(small, settings=settings))
    one_line(res)
    (w,) = res.warnings
    assert "dblp: " in w and "malformed answer after 2 attempts" in w
    assert_cache_clean(settings)


# --------------------------------------------------------------------------- bodies, redirects


@pytest.mark.parametrize("fault", ["gzip-bomb", "huge", "huge-declared"])
def test_oversized_answers_are_refused_and_not_cached(server, settings, small, fault):
    s = replace(settings, max_body=2 * 1024 * 1024)
    server.fail("/citations", fault, times=1000, arg=8)
    res = finished(lambda: resolve_papers(small, settings=s))
    one_line(res)
    assert dict(res.requests)["citations"] == settings.breaker  # not retried, then stopped
    assert "answer larger than 2 MB" in res.warnings[0]
    assert all(r.s2_id for r in res.records)
    assert_cache_clean(s)
    db = sqlite3.connect(s.cache_dir / "papergraph.sqlite3")
    assert db.execute("SELECT max(length(body)) FROM responses").fetchone()[0] < 2 ** 20


def test_api_key_is_not_sent_to_another_host(server, settings, small):
    with FakeServer() as elsewhere:
        server.fail("/citations", "redirect", times=1000, arg=(307, elsewhere.url))
        s = replace(settings, api_key="sk-TEST-secret")
        res = finished(lambda: resolve_papers(small, settings=s))
        assert all(r.citations_complete for r in res.records) and res.warnings == ()
        assert elsewhere.log and all("x-api-key" not in e.headers for e in elsewhere.log)
        assert all(e.headers.get("x-api-key") == "sk-TEST-secret" for e in server.log
                   if e.path.startswith("/graph/"))


# --------------------------------------------------------------------------- cache


def test_refresh_renews_and_keeps_what_it_cannot_renew(server, settings, small):
    cold = finished(lambda: resolve_papers(small, settings=settings))
    server.clear()
    finished(lambda: resolve_papers(small, settings=settings, refresh=True))
    assert server.counts()["batch"] == 1 and "dblp-bib" in server.counts()
    server.clear()
    s = replace(settings, dblp_url=closed_port_url())
    res = finished(lambda: resolve_papers(small, settings=s, refresh=True))
    one_line(res)
    assert res.records == cold.records  # dblp's cached answers were kept
    assert res.warnings == (res.warnings[0], "refresh: 4 dblp answer(s) could not be renewed;"
                            " kept the cached ones")  # 3 records, 1 search (its hit suffices)
    assert res.warnings[0].startswith("dblp unavailable (cannot reach")


def test_readonly_setting_uses_the_cache_and_writes_nothing(server, settings, small,
                                                            syllabus):
    cold = finished(lambda: resolve_papers(small, settings=settings))
    db = settings.cache_dir / "papergraph.sqlite3"
    before = db.read_bytes()
    server.clear()
    ro = replace(settings, cache_readonly=True)
    warm = finished(lambda: resolve_papers(small, settings=ro))
    assert server.log == [] and warm.records == cold.records
    assert warm.warnings == (f"cache {db} is read-only (PAPERGRAPH_CACHE_READONLY is set): "
                             "using what it holds, storing nothing new",)
    fresh = finished(lambda: resolve_papers(replace(small, papers=syllabus.papers[6:7]),
                                            settings=ro))
    assert fresh.records[0].status == "matched" and server.log  # fetched, not stored
    assert db.read_bytes() == before


def test_readonly_files_are_still_read(server, settings, small, tmp_path):
    """The cache on a folder the user cannot write (as root: without the capability to
    ignore file modes) is read; the run says so once and stores nothing."""
    import os
    import shutil
    import subprocess

    finished(lambda: resolve_papers(small, settings=settings))
    folder = settings.cache_dir
    for f in folder.iterdir():
        f.chmod(0o444)
    folder.chmod(0o555)
    env = {**os.environ, "PAPERGRAPH_CACHE_DIR": str(folder),
           "PAPERGRAPH_S2_API_URL": server.url, "PAPERGRAPH_DBLP_URL": server.url}
    syl = tmp_path / "small.toml"
    from papergraph.syllabus import save_syllabus

    save_syllabus(small, syl)
    cmd = [sys.executable, "-m", "papergraph.cli", "resolve", str(syl), "--json"]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: file modes cannot bind")
        cmd = [setpriv, "--bounding-set=-dac_override,-dac_read_search", *cmd]
    try:
        server.clear()
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=HANG_GUARD)
    finally:
        folder.chmod(0o755)
    assert proc.returncode == 0, proc.stderr
    assert server.log == []  # everything came from the read-only cache
    (line,) = [x for x in proc.stderr.splitlines() if "cache" in x]
    assert line.startswith(f"warning: cache {folder / 'papergraph.sqlite3'} is read-only "
                           "(cannot write it (attempt to write a readonly database))")
    assert "Traceback" not in proc.stderr
    rows = json.loads(proc.stdout)
    assert [r["status"] for r in rows] == ["matched"] * 4
