"""Resolution against the local fake Semantic Scholar + dblp server (real HTTP)."""

from __future__ import annotations

import socket
import sys
from dataclasses import replace
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fakedata import fake_id  # noqa: E402
from fakeserver import FakeServer  # noqa: E402

from papergraph.config import Settings  # noqa: E402
from papergraph.models import Paper, Seminar, Syllabus  # noqa: E402
from papergraph.resolve import resolve_papers  # noqa: E402


@pytest.fixture
def server():
    srv = FakeServer().start()
    yield srv
    srv.stop()


@pytest.fixture
def settings(server, tmp_path) -> Settings:
    return Settings(s2_url=server.url, dblp_url=server.url, cache_dir=tmp_path / "cache",
                    rate_limit=0, dblp_interval=0, timeout=0.5, retries=3,
                    backoff_base=0.001, backoff_max=0.01, paper_budget=10, page_limit=5)


def custom(*papers: Paper) -> Syllabus:
    return Syllabus(seminar=Seminar("test"), areas=(), topics=(), papers=papers)


def pages(n: int, limit: int) -> int:
    return max(1, -(-n // limit))


AMBIG = Paper(key="ambig", title="Deep Learning Theory Review", authors=("Alice Smith",),
              year=2020)
TITLED = Paper(key="titled", title="Gradient flows in wide networks",
               authors=("Erin Stone", "Frank Hill"), year=2020)


def test_cold_run_counts_and_data(server, settings, syllabus):
    res = resolve_papers(syllabus, settings=settings)
    world = server.world
    assert [r.key for r in res.records] == [p.key for p in syllabus.papers]
    assert all(r.status == "matched" and r.has_data for r in res.records)
    counts = server.counts()
    assert dict(res.requests) == counts
    # S2: one batch (all 15 have arXiv ids), no title lookups, one request per page
    expected_pages = 0
    for pid in world.seminar_ids.values():
        p = world.papers[pid]
        expected_pages += pages(len(p.references), 5) + pages(len(p.citations), 5)
    s2 = sum(v for k, v in counts.items() if not k.startswith("dblp"))
    assert counts["batch"] == 1 and "match" not in counts and "search" not in counts
    assert s2 == 1 + expected_pages
    rec = res.record("arora2019fine")
    fake = world.papers[world.seminar_ids["arora2019fine"]]
    assert rec.s2_id == fake.paper_id and rec.corpus_id == fake.corpus
    assert len(rec.references) == len(fake.references) and rec.references_complete
    assert len(rec.citations) == len(fake.citations) and rec.citations_complete
    assert rec.dblp == "conf/fake/Arora2019fine" and rec.source_of("pages").source == "dblp"
    assert rec.source_of("s2_id").source == "s2"
    assert rec.pages == "322-332"
    # CoRR entries are skipped in favour of the published version
    assert all(not (r.dblp or "").startswith("journals/corr") for r in res.records)
    # intra-seminar citations are marked
    assert ("allenzhu2019resnet", "jacot2018", True) in res.citation_edges()


def test_warm_run_sends_no_request(server, settings, syllabus):
    cold = resolve_papers(syllabus, settings=settings)
    server.clear()
    warm = resolve_papers(syllabus, settings=settings)
    assert server.log == [] and warm.requests == ()
    assert warm.records == cold.records
    server.clear()
    again = resolve_papers(syllabus, settings=settings, refresh=True)
    assert server.counts()["batch"] == 1 and again.records == cold.records


def test_offline_never_opens_a_socket(server, settings, syllabus, resolution, monkeypatch):
    resolve_papers(syllabus, settings=settings)  # fill the cache

    def guard(*args, **kwargs):
        raise AssertionError("a socket was opened in offline mode")

    monkeypatch.setattr(socket.socket, "connect", guard)
    monkeypatch.setattr(socket, "create_connection", guard)
    server.clear()
    res = resolve_papers(syllabus, offline=True, settings=settings)
    assert server.log == []
    assert all(r.status == "matched" for r in res.records)  # from the cache
    empty = replace(settings, cache_dir=settings.cache_dir.parent / "empty")
    snap = resolve_papers(syllabus, offline=True, settings=empty)
    assert snap.records == resolution.records  # exactly the shipped snapshot


def test_unreachable_network_is_fast_and_warns_once(syllabus, resolution, tmp_path):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there: connection refused
    url = f"http://127.0.0.1:{port}"
    s = Settings(s2_url=url, dblp_url=url, cache_dir=tmp_path, rate_limit=0, dblp_interval=0)
    import time

    t0 = time.monotonic()
    res = resolve_papers(syllabus, settings=s)
    assert time.monotonic() - t0 < 1.0
    assert res.records == resolution.records
    net = [w for w in res.warnings if "network unavailable" in w]
    assert len(net) == 1 and len(res.warnings) == 1
    assert dict(res.requests) == {"batch": 1}


def test_ambiguous_title_then_pinned_id(server, settings):
    res = resolve_papers(custom(AMBIG), settings=settings)
    rec = res.record("ambig")
    assert rec.status == "ambiguous" and not rec.has_data
    ids = [c.s2_id for c in rec.candidates]
    assert fake_id("decoy") in ids and rec.candidates[0].score < settings.match_threshold
    assert any("ambiguous" in w for w in res.warnings)
    pinned = replace(AMBIG, s2_id=fake_id("right"))
    server.clear()
    res = resolve_papers(custom(pinned), settings=settings)
    rec = res.record("ambig")
    assert rec.status == "matched" and rec.s2_id == fake_id("right")
    assert rec.title == "Theory of Deep Nets: A Survey"
    assert server.counts().get("batch") == 1 and "match" not in server.counts()


def test_title_match_and_wrong_match_and_no_match(server, settings):
    server.fail("/search/match", "wrong-match", arg=fake_id("wrong"))
    nomatch = Paper(key="nothing", title="A paper that exists nowhere at all", year=2020)
    res = resolve_papers(custom(TITLED, nomatch), settings=settings)
    rec = res.record("titled")
    assert rec.status == "matched" and rec.s2_id == fake_id("titled")
    assert rec.year == 2020 and rec.dblp == "conf/fake/StoneH20"
    assert rec.editors == ("Ed Itor",) and rec.pages == "1-10"
    assert res.record("nothing").status == "not_found"
    c = server.counts()
    assert c["match"] == 2 and c["search"] == 2 and "batch" not in c


def test_api_key_sent_but_never_stored(server, settings, syllabus, capsys):
    secret = "sk-TEST-very-secret-4711"
    s = replace(settings, api_key=secret)
    assert secret not in repr(s)
    res = resolve_papers(syllabus, settings=s)
    s2_requests = [e for e in server.log if e.path.startswith("/graph/")]
    assert s2_requests and all(e.headers.get("x-api-key") == secret for e in s2_requests)
    assert all("x-api-key" not in e.headers for e in server.log if e not in s2_requests)
    for f in settings.cache_dir.rglob("*"):
        if f.is_file():
            assert secret.encode() not in f.read_bytes(), f
    assert secret not in repr(res)
    out = capsys.readouterr()
    assert secret not in out.out + out.err


@pytest.mark.parametrize("fault", ["429", "429-retry-after", "500", "503", "slow", "malformed"])
def test_faults_are_survived(server, settings, syllabus, fault):
    server.state.slow_seconds = 1.0
    server.fail("/paper/batch", fault)
    server.fail("/references", fault)
    server.fail("/rec/", fault)
    res = resolve_papers(syllabus, settings=settings)
    assert all(r.status == "matched" for r in res.records), res.warnings
    assert res.warnings == ()
    rec = res.record("arora2019fine")
    assert rec.references_complete and len(rec.references) == 69
    http_waits = [w for w in server.log if w.status in (429, 500, 503)]
    if fault.startswith("429") or fault in ("500", "503"):
        assert len(http_waits) == 3


def test_retry_after_is_honoured(server, settings, syllabus):
    from papergraph.sources.http import Http

    server.fail("/paper/batch", "429-retry-after", arg=1)
    http = Http(settings)
    from papergraph.sources.semanticscholar import S2Client

    S2Client(http).get_papers(["ARXIV:1703.02930"])
    assert http.waits and http.waits[0][0] == "retry-after"
    assert http.waits[0][1] == settings.backoff_max  # 1 s asked, capped by the settings


def test_persistent_429_fails_paper_but_others_finish(server, settings):
    server.fail("/search/match", "429", times=100)
    res = resolve_papers(custom(TITLED, AMBIG), settings=replace(settings, retries=1))
    for rec in res.records:
        assert rec.status == "failed" and not rec.has_data
    assert any("429" in w for w in res.warnings)


def test_batch_nulls_and_refused_fields(server, settings, syllabus):
    server.fail("/paper/batch", "refuse-fields")
    server.fail("/paper/batch", "null-batch", arg="1901.08584")
    res = resolve_papers(syllabus, settings=settings)
    rec = res.record("arora2019fine")
    # not found by id -> found by its title instead
    assert rec.status == "matched" and rec.s2_id == fake_id("arora2019fine")
    assert rec.s2_bibtex  # the title match still carries citationStyles
    assert res.record("wei2019").s2_bibtex is None  # the retried batch did not
    assert dict(res.requests)["batch"] == 2 and dict(res.requests)["match"] == 1


def test_paper_budget_exceeded_is_failed_others_finish(server, settings):
    server.state.slow_seconds = 0.6
    server.fail("/search/match", "slow", times=1)
    s = replace(settings, paper_budget=0.3, timeout=2)
    other = Paper(key="other", title="Theory of deep nets: a survey",
                  authors=("Alice Smith",), year=2020)
    res = resolve_papers(custom(TITLED, other), settings=s)
    assert res.record("titled").status == "failed"
    assert "budget" in " ".join(res.record("titled").notes)
    assert res.record("other").status == "matched"
