"""Resolution against the local fake Semantic Scholar + dblp server (real HTTP)."""

from __future__ import annotations

import json
import socket
import sqlite3
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
    with FakeServer() as srv:
        yield srv


@pytest.fixture
def settings(server, tmp_path) -> Settings:
    return Settings(s2_url=server.url, dblp_url=server.url, cache_dir=tmp_path / "cache",
                    rate_limit=0, dblp_interval=0, timeout=2, retries=3,
                    backoff_base=0.001, backoff_max=0.01, page_limit=5)


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
    # S2: one batch (all 15 have arXiv ids) with the references inline, then only the
    # citation pages; no title lookups, no reference pages
    expected = sum(pages(len(world.papers[pid].citations), 5)
                   for pid in world.seminar_ids.values())
    assert counts["batch"] == 1 and counts["citations"] == expected
    assert set(counts) == {"batch", "citations", "dblp-bib", "dblp-search"}
    batch = next(e for e in server.log if e.kind == "batch")
    assert "references.paperId" in batch.query["fields"][0].split(",")
    rec = res.record("arora2019fine")
    fake = world.papers[world.seminar_ids["arora2019fine"]]
    assert rec.s2_id == fake.paper_id and rec.corpus_id == fake.corpus
    assert len(rec.references) == len(fake.references) and rec.references_complete
    assert sum(r.s2_id is None for r in rec.references) > 0  # unresolved ones are kept
    assert len(rec.citations) == len(fake.citations) and rec.citations_complete
    assert rec.dblp == "conf/fake/Arora2019fine" and rec.source_of("pages").source == "dblp"
    assert rec.source_of("s2_id").source == "s2"
    assert rec.pages == "322-332"
    # dblp: a search for each paper S2 gives no dblp key (7), and a .bib only for the
    # others (8): a searched conference paper's hit holds its fields, and its volume's
    # booktitle, editors and series are in the proceedings table; provenance says so
    assert counts["dblp-search"] == 7 and counts["dblp-bib"] == 8
    assert rec.source_of("booktitle").detail == (
        "search hit conf/fake/Arora2019fine; booktitle, editors, series: papergraph "
        "proceedings table (ICML 2019)")
    assert rec.booktitle.startswith("Proceedings of the 36th International Conference")
    assert rec.editors == ("Kamalika Chaudhuri", "Ruslan Salakhutdinov")
    assert res.record("bartlett2017").source_of("pages").detail == \
        "rec/conf/fake/Bartlett2017"  # S2 named its key: the .bib
    # CoRR entries are skipped in favour of the published version
    assert all(not (r.dblp or "").startswith("journals/corr") for r in res.records)
    # intra-seminar citations are marked; influence comes from the citation pages
    assert ("allenzhu2019resnet", "jacot2018", True) in res.citation_edges()


def test_references_past_the_inline_cap_are_paged(server, settings):
    from fakedata import FakePaper

    fake = server.world.papers[server.world.seminar_ids["arora2019fine"]]
    for i in range(1010):  # the API inlines 1000 references at most
        pid = fake_id(f"many:{i}")
        server.world.papers[pid] = FakePaper(pid, f"Reference number {i}", 2000, ["A B"])
        fake.references.append((pid, False))
    paper = Paper(key="fine", title=fake.title, arxiv=fake.arxiv, year=fake.year)
    res = resolve_papers(custom(paper), settings=settings)
    rec = res.record("fine")
    assert len(rec.references) == len(fake.references) and rec.references_complete
    assert [r.s2_id for r in rec.references] == [
        None if server.world.papers[rid].unresolved else rid for rid, _ in fake.references]
    refs = [e for e in server.log if e.kind == "references"]
    assert refs[0].query["offset"] == ["1000"]
    assert len(refs) == pages(len(fake.references) - 1000, 5)


def test_no_citation_request_for_an_uncited_paper(server, settings):
    fake = server.world.papers[fake_id("titled")]
    fake.citation_count = 0
    res = resolve_papers(custom(replace(TITLED, s2_id=fake.paper_id)), settings=settings)
    assert res.record("titled").citations_complete
    assert "citations" not in server.counts()


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
    res = resolve_papers(syllabus, settings=s)
    assert res.records == resolution.records
    assert len(res.warnings) == 1
    assert res.warnings[0].startswith(f"Semantic Scholar unavailable (cannot reach 127.0.0.1:"
                                      f"{port} (ConnectionRefusedError)): not called again")
    assert "15 of 15 paper(s) finished from the cache and the shipped snapshot" in \
        res.warnings[0]
    assert dict(res.requests) == {"batch": 1}  # then nothing: the service is down


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
    assert len(rec.references) == 1 and rec.references_complete
    assert res.record("nothing").status == "not_found"
    c = server.counts()
    # one batch call brings the matched paper's references inline: no reference page
    assert c["match"] == 2 and c["search"] == 2 and c["batch"] == 1
    assert "references" not in c


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


@pytest.mark.parametrize("fault", ["429", "429-retry-after", "500", "503", "504", "slow",
                                   "malformed"])
def test_transient_faults_are_survived(server, settings, syllabus, fault):
    server.state.slow_seconds = 1.5  # > the 1 s deadline of one attempt
    arg = 0 if fault == "429-retry-after" else None  # (a long one stops the calls)
    server.fail("/paper/batch", fault, arg=arg)
    server.fail("/citations", fault, arg=arg)
    server.fail("/rec/", fault, arg=arg)
    res = resolve_papers(syllabus, settings=replace(settings, timeout=1))
    assert all(r.status == "matched" for r in res.records), res.warnings
    assert res.warnings == ()
    rec = res.record("arora2019fine")
    assert rec.references_complete and len(rec.references) == 69
    assert rec.citations_complete
    assert sum(e.status in (429, 500, 503, 504) for e in server.log) == (
        0 if fault in ("slow", "malformed") else 3)


def test_retry_after_is_honoured(server, settings):
    from papergraph.sources.http import Http
    from papergraph.sources.semanticscholar import S2Client

    server.fail("/paper/batch", "429-retry-after", arg=1)
    http = Http(replace(settings, backoff_max=2))
    S2Client(http).get_papers(["ARXIV:1703.02930"])
    assert http.waits[0] == ("retry-after", 1.0)


def test_persistent_429_fails_paper_but_others_finish(server, settings):
    server.fail("/search/match", "429", times=100)
    res = resolve_papers(custom(TITLED, AMBIG), settings=replace(settings, retries=1))
    for rec in res.records:
        assert rec.status == "failed" and not rec.has_data
    assert [w.split(":")[:2] for w in res.warnings] == [["titled", " failed"],
                                                        ["ambig", " failed"]]
    assert all("HTTP 429" in w for w in res.warnings)


def test_batch_nulls_and_refused_fields(server, settings, syllabus):
    server.fail("/paper/batch", "refuse-fields")
    server.fail("/paper/batch", "null-batch", arg="1901.08584")
    res = resolve_papers(syllabus, settings=settings)
    rec = res.record("arora2019fine")
    # not found by id -> found by its title instead (its references via one more batch)
    assert rec.status == "matched" and rec.s2_id == fake_id("arora2019fine")
    assert rec.s2_bibtex  # the title match still carries citationStyles
    assert rec.references_complete and len(rec.references) == 69
    assert res.record("wei2019").s2_bibtex is None  # the retried batch did not
    assert dict(res.requests)["batch"] == 3 and dict(res.requests)["match"] == 1


def test_provenance_per_citation(server, settings, syllabus):
    """S2 lists no citation among the seminar's papers: the verified ones from the snapshot
    are kept, and say so; a citation both know says both."""
    seminar = set(server.world.seminar_ids.values())
    for p in server.world.papers.values():
        if p.paper_id != server.world.seminar_ids["arora2019fine"]:
            # (it keeps its S2 references, seminar ones included)
            p.references = [(r, i) for r, i in p.references if r not in seminar]
        p.citations = [(c, i) for c, i in p.citations if c not in seminar]
    res = resolve_papers(syllabus, settings=settings)
    edges = res.edge_sources()
    assert edges and len(edges) == len(res.citation_edges())
    from_arora = {b: s for (a, b), s in edges.items() if a == "arora2019fine"}
    assert from_arora and all(s == ("s2", "snapshot") for s in from_arora.values())
    others = {pair: s for pair, s in edges.items() if pair[0] != "arora2019fine"}
    assert others and all(s == ("snapshot",) for s in others.values())
    rec = res.record("allenzhu2019resnet")
    prov = rec.source_of("references")
    assert prov.source == "s2+snapshot" and "from snapshot" in prov.detail
    assert res.record("arora2019fine").source_of("references").source == "s2+snapshot"


# --------------------------------------------------------------------------- stored answers


def forget_records(settings: Settings, expire: bool = False) -> None:
    """Empty the cache's records: the state after a run stopped before it finished any
    paper (every answer it had is stored, no record built from them). ``expire``: every
    stored answer has expired too."""
    db = sqlite3.connect(settings.cache_dir / "papergraph.sqlite3")
    with db:
        db.execute("DELETE FROM records")
        if expire:
            db.execute("UPDATE responses SET expires = '2000-01-01T00:00:00+00:00'")
    db.close()


def summary(rec) -> tuple:
    return (rec.status, rec.s2_id, rec.source_of("s2_id").source, rec.dblp,
            rec.source_of("booktitle").source, len(rec.references), rec.references_complete,
            len(rec.citations), rec.citations_complete, rec.notes)


def test_offline_builds_papers_from_stored_answers(server, settings, syllabus):
    """No record stored, one paper never fetched: offline, the others are built from their
    stored answers (expired ones too), the new one is the snapshot's; online, only the new
    one is asked for."""
    four = replace(syllabus, papers=syllabus.papers[:4])
    five = replace(syllabus, papers=syllabus.papers[:5])
    new = syllabus.papers[4]
    cold = resolve_papers(four, settings=settings)
    forget_records(settings)
    server.clear()
    offline = resolve_papers(five, offline=True, settings=settings)
    assert server.log == [] and offline.warnings == ()
    assert [summary(r) for r in offline.records[:4]] == [summary(r) for r in cold.records]
    assert offline.record(new.key).status == "snapshot"
    online = resolve_papers(five, settings=settings)
    assert online.warnings == () and online.record(new.key).status == "matched"
    batch = [json.loads(e.body)["ids"] for e in server.log if e.kind == "batch"]
    assert batch == [[f"ARXIV:{new.arxiv}"]]
    assert all(fake_id(new.key) in e.path or new.key.capitalize() in e.path
               for e in server.log if e.kind in ("citations", "dblp-bib"))
    assert sum(e.kind == "dblp-search" for e in server.log) <= 1
    forget_records(settings, expire=True)
    server.clear()
    again = resolve_papers(five, offline=True, settings=settings)
    assert server.log == [] and again.warnings == ()
    assert [summary(r) for r in again.records] == [summary(r) for r in online.records]


def test_offline_finds_items_of_a_batch_that_refused_fields(server, settings, syllabus):
    four = replace(syllabus, papers=syllabus.papers[:4])
    server.fail("/paper/batch", "refuse-fields")
    cold = resolve_papers(four, settings=settings)
    assert dict(cold.requests)["batch"] == 2 and all(r.s2_bibtex is None for r in cold.records)
    forget_records(settings)
    assert resolve_papers(four, offline=True, settings=settings).records == cold.records


def test_settings_from_the_environment():
    from papergraph.config import load_settings
    from papergraph.errors import InputError

    s = load_settings({"PAPERGRAPH_TIMEOUT": "2.5", "PAPERGRAPH_BREAKER": "2",
                       "PAPERGRAPH_MAX_BODY_MB": "1", "PAPERGRAPH_NEGATIVE_DAYS": "0.5",
                       "PAPERGRAPH_CACHE_READONLY": "1", "PAPERGRAPH_CACHE_DIR": "/tmp/x"})
    assert (s.timeout, s.breaker, s.max_body, s.negative_days, s.cache_readonly) == (
        2.5, 2, 2 ** 20, 0.5, True)
    d = load_settings({"PAPERGRAPH_CACHE_DIR": "/tmp/x"})
    assert (d.timeout, d.retries, d.breaker, d.s2_interval, d.dblp_interval) == (
        10.0, 3, 5, 1.0, 1.0)
    for name, value, message in [
            ("PAPERGRAPH_TIMEOUT", "0", "expected a positive number of seconds"),
            ("PAPERGRAPH_TIMEOUT", "nan", "expected a number from 0 to 1,000,000"),
            ("PAPERGRAPH_BREAKER", "0", "expected a whole number from 1 to 1000"),
            ("PAPERGRAPH_PAGE_LIMIT", "5000", "expected a whole number from 1 to 1000"),
            ("PAPERGRAPH_RETRIES", "x", "expected a whole number")]:
        with pytest.raises(InputError, match=message):
            load_settings({name: value, "PAPERGRAPH_CACHE_DIR": "/tmp/x"})


def _hit(**info: object) -> object:
    from papergraph.sources.shapes import check_dblp_search

    base = {"title": "A Title.", "year": "2019", "ee": "https://doi.org/10.1/x",
            "authors": {"author": [{"@pid": "1/1", "text": "Wei Hu 0001"},
                                   {"@pid": "2/2", "text": "Ann Lee"}]}}
    body = {"result": {"hits": {"@total": "1", "hit": [{"info": {**base, **info}}]}}}
    return check_dblp_search(body).value[0]


def test_dblp_fields_from_a_search_hit_or_none_when_the_bib_is_needed():
    from papergraph.sources.dblp import fields_from_hit

    fields, detail = fields_from_hit(_hit(
        key="journals/jmlr/HuL19", type="Journal Articles", venue="J. Mach. Learn. Res.",
        volume="20", number="3", pages="1-25", doi="10.1/x"))
    assert fields == {"citekey": "DBLP:journals/jmlr/HuL19", "title": "A Title",
                      "author": ("Wei Hu", "Ann Lee"), "year": "2019",
                      "url": "https://doi.org/10.1/x", "doi": "10.1/x", "pages": "1-25",
                      "entry_type": "article", "journal": "J. Mach. Learn. Res.",
                      "volume": "20", "number": "3"}
    assert detail == "search hit journals/jmlr/HuL19 (journal article)"
    corr, _ = fields_from_hit(_hit(key="journals/corr/abs-1901-00001", venue="CoRR",
                                   type="Informal and Other Publications",
                                   volume="abs/1901.00001"))
    assert (corr["journal"], corr["volume"]) == ("CoRR", "abs/1901.00001")
    # a conference volume the proceedings table does not hold: the .bib is fetched
    assert fields_from_hit(_hit(key="conf/kdd/HuL19", venue="KDD", pages="1-9",
                                type="Conference and Workshop Papers")) is None
    assert fields_from_hit(_hit(key="conf/nips/HuL19", venue="NeurIPS", pages="1-9",
                                type="Conference and Workshop Papers", ee=None)) is None
