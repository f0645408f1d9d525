"""The OpenAlex client against the fake OpenAlex (real HTTP on 127.0.0.1)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fakeopenalex import OAWork, fake_wid  # noqa: E402
from fakeserver import FakeServer  # noqa: E402

from papergraph.cache import Cache  # noqa: E402
from papergraph.config import Settings, load_settings  # noqa: E402
from papergraph.errors import InputError, NotFound, SourceError  # noqa: E402
from papergraph.sources import openalex  # noqa: E402
from papergraph.sources.http import Http, ServiceDown  # noqa: E402
from papergraph.sources.openalex import WORK_FIELDS, OpenAlexClient, arxiv_doi  # noqa: E402


@pytest.fixture
def server():
    with FakeServer() as srv:
        yield srv


@pytest.fixture
def settings(server, tmp_path) -> Settings:
    return Settings(openalex_url=server.url, cache_dir=tmp_path, openalex_interval=0,
                    timeout=2, retries=2, backoff_base=0.001, backoff_max=0.01,
                    sources=("s2", "openalex"))


def client(settings: Settings, **kw) -> tuple[OpenAlexClient, Cache]:
    cache = Cache(settings.cache_dir)
    return OpenAlexClient(Http(settings, cache=cache, **kw)), cache


def seminar_dois(server, n: int) -> list[str]:
    arxivs = [server.world.papers[pid].arxiv for pid in server.world.seminar_ids.values()]
    return [arxiv_doi(a) for a in arxivs[:n]]


def test_settings_from_the_environment():
    s = load_settings({"PAPERGRAPH_OPENALEX_URL": "http://oa.test/", "OPENALEX_API_KEY": "sekrit"})
    assert s.openalex_url == "http://oa.test" and s.openalex_key == "sekrit"
    assert s.sources == ("s2", "openalex") and s.dblp and "sekrit" not in repr(s)
    assert load_settings({}).openalex_url == "https://api.openalex.org"
    only = load_settings({"PAPERGRAPH_SOURCES": "openalex"})
    assert only.sources == ("openalex",) and not only.dblp
    assert Settings().sources == ("s2",)  # in code, OpenAlex is asked only when told to
    with pytest.raises(InputError, match="expected a comma-separated list of s2, openalex"):
        load_settings({"PAPERGRAPH_SOURCES": "s2,crossref"})


def test_batch_by_doi_one_request_then_cache(server, settings):
    c, cache = client(settings)
    dois = seminar_dois(server, 3) + ["10.9999/unknown"]
    got = c.works([d.upper() for d in dois])  # DOIs are compared in lower case
    assert server.counts() == {"openalex-doi": 1}
    (req,) = server.log
    assert req.query["filter"] == ["doi:" + "|".join(dois)]
    assert req.query["select"] == [",".join(WORK_FIELDS)]
    assert req.query["per-page"] == ["200"] and "authorization" not in req.headers
    assert got["10.9999/unknown"] is None
    w = got[dois[0]]
    pid = list(server.world.seminar_ids.values())[0]
    assert w.short_id == fake_wid(pid) and w.arxiv == server.world.papers[pid].arxiv
    assert w.is_preprint and w.venue == "" and w.author_names
    assert w.reference_ids  # the references OpenAlex matched
    cache.close()
    server.clear()
    warm, cache = client(settings)
    assert warm.works(dois) == got  # every work, and the unknown DOI, from the cache
    assert server.log == []
    cache.close()


def test_or_filters_hold_at_most_100_values(server, settings):
    c, cache = client(settings)
    c.works([f"10.9999/x{i}" for i in range(150)])
    assert [len(e.query["filter"][0].split("|")) for e in server.log] == [100, 50]
    server.clear()
    long = [f"10.9999/{'y' * 90}{i}" for i in range(40)]
    got = c.works([*long, "10.9999/a,b", "10.9999/a|b"])
    sent = [e.query["filter"][0].removeprefix("doi:") for e in server.log]
    assert [len(f.split("|")) for f in sent] == [29, 11] and max(map(len, sent)) <= 3000
    assert "10.9999/a,b" not in got and "10.9999/a|b" not in got  # would split the filter
    cache.close()


def test_cursor_walk_over_citing_works(server, settings, monkeypatch):
    monkeypatch.setattr(openalex, "PER_PAGE", 4)
    c, cache = client(settings)
    seeds = [fake_wid(pid) for pid in server.world.seminar_ids.values()][:2]
    want = {w.wid for w in server.world.openalex.values() if set(seeds) & set(w.references)}
    got = c.citing(seeds)
    assert got.complete and not got.problems
    assert {w.short_id for w in got.works} == want and len(got.works) == len(want)
    log = server.log
    assert log[0].query["cursor"] == ["*"] and all("page" not in e.query for e in log)
    assert [e.query["cursor"][0] != "*" for e in log[1:]] == [True] * (len(log) - 1)
    assert len(log) == len(want) // 4 + 1  # a short page ends the walk: no empty page
    cache.close()
    server.clear()
    warm, cache = client(settings)
    assert warm.citing(seeds) == got and server.log == []
    cache.close()


def test_cursor_walk_over_referenced_works(server, settings, monkeypatch):
    monkeypatch.setattr(openalex, "PER_PAGE", 7)
    c, cache = client(settings)
    seeds = [fake_wid(pid) for pid in server.world.seminar_ids.values()][:3]
    oa = server.world.openalex
    want = {r for s in seeds for r in oa[s].references}
    got = c.referenced(seeds)
    assert got.complete and {w.short_id for w in got.works} == want
    assert server.log[0].query["filter"] == ["cited_by:" + "|".join(sorted(seeds))]
    assert server.counts() == {"openalex-refs": len(want) // 7 + 1}
    assert "referenced_works" not in server.log[0].query["select"][0]
    cache.close()


def test_a_full_last_page_is_followed_by_the_empty_one(server, settings, monkeypatch):
    seed = fake_wid(next(iter(server.world.seminar_ids.values())))
    n = len([w for w in server.world.openalex.values() if seed in w.references])
    monkeypatch.setattr(openalex, "PER_PAGE", n)
    c, cache = client(settings)
    got = c.citing([seed])
    assert got.complete and len(got.works) == n and len(server.log) == 2
    cache.close()


def test_bad_item_is_left_out_and_not_cached(server, settings):
    def year_as_text(obj):
        obj["results"][0]["publication_year"] = "twenty"
        return obj

    server.fail("/works", "mutate", arg=year_as_text)
    c, cache = client(settings)
    dois = seminar_dois(server, 2)
    got = c.works(dois)
    assert sum(w is not None for w in got.values()) == 1
    cache.close()
    server.clear()
    again, cache = client(settings)
    assert all(again.works(dois).values())  # the bad one was asked again, not "unknown"
    assert server.counts() == {"openalex-doi": 1}
    cache.close()


def test_errors(server, settings):
    c, cache = client(settings)
    with pytest.raises(NotFound, match="404 Not Found"):
        c.work("doi:10.9999/unknown")
    w = next(iter(server.world.openalex.values()))
    assert c.work(w.wid).short_id == w.wid
    with pytest.raises(SourceError, match=r"HTTP 400 from .*/works: Invalid query "
                       "parameters error. nonsense is not a valid field"):
        c._get("openalex-ids", "/works", [("filter", "nonsense:1")],
               openalex.oashapes.check_list)
    cache.close()


def test_bad_key_takes_the_service_down_once(server, settings):
    server.state.openalex_key = "right"
    c, cache = client(settings.with_(openalex_key="wrong"))
    with pytest.raises(ServiceDown, match="invalid or missing API key"):
        c.work(fake_wid("x"))
    assert c.works(seminar_dois(server, 2)) == {}  # not called again
    assert len(server.log) == 1 and server.log[0].headers["authorization"] == "Bearer wrong"
    assert c.http.notices == [("openalex", "HTTP 401: invalid or missing API key "
                                           "(OPENALEX_API_KEY)")]
    cache.close()
    ok, cache = client(settings.with_(openalex_key="right"))
    assert all(ok.works(seminar_dois(server, 2)).values())
    row = cache._db.execute("SELECT group_concat(key) FROM responses").fetchone()[0]
    assert "right" not in row
    cache.close()


def test_budget_429_stops_at_once(server, settings):
    server.fail("/works", "429-budget", times=10)
    c, cache = client(settings)
    assert c.works(seminar_dois(server, 2)) == {}
    assert len(server.log) == 1
    assert c.http.notices[0][1] == "HTTP 429 asking to wait 81471 s (Retry-After)"
    cache.close()


def test_title_search_strips_what_the_api_refuses(server, settings):
    server.world.openalex["W1"] = OAWork("W1", "What, Why? And How*", 2020, ["A B"])
    c, cache = client(settings)
    (hit,) = c.search_title("What, why? and how*")
    assert hit.short_id == "W1"
    assert server.log[0].query["filter"] == ["title.search:What why and how"]
    cache.close()
