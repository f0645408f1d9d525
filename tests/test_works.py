"""One identity per work: a preprint and its published version are one node, one gap,
and BibTeX cites the published version unless the syllabus pins the preprint (against
the fake Semantic Scholar + OpenAlex server, which disagree on the version)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fakedata import FakePaper, build_world, fake_id  # noqa: E402
from fakeopenalex import OAWork, fake_wid  # noqa: E402
from fakeserver import FakeServer  # noqa: E402

from papergraph.bib import bib_records, explain  # noqa: E402
from papergraph.config import Settings  # noqa: E402
from papergraph.graph import EXTERNAL, build_graph  # noqa: E402
from papergraph.models import Paper, Ref, Seminar, Syllabus  # noqa: E402
from papergraph.report import find_gaps  # noqa: E402
from papergraph.resolve import resolve_papers  # noqa: E402
from papergraph.works import arxiv_of, id_keys, same_time  # noqa: E402

A, B, C = "arora2019fine", "allenzhu2019resnet", "jacot2018"
X_TITLE = "Deep Equilibrium Networks for Fixed Points"
PUBLISHED_DOI = "10.7777/kernels.2019"


def test_ids_read_alike_whichever_source_wrote_them():
    assert arxiv_of(doi="https://doi.org/10.48550/arXiv.1806.07572") == "1806.07572"
    assert arxiv_of(dblp="journals/corr/abs-1806-07572") == "1806.07572"
    assert arxiv_of(arxiv="arXiv:1806.07572v3") == "1806.07572"
    assert id_keys(doi="10.48550/ARXIV.1806.07572") == ["arxiv:1806.07572"]
    assert id_keys(dblp="journals/corr/abs-1806-07572", doi="10.1/X") == [
        "arxiv:1806.07572", "doi:10.1/x"]
    assert id_keys(dblp="conf/nips/JacotHG18") == ["dblp:conf/nips/JacotHG18"]
    assert same_time(2018, 2020, "lovelace", "lovelace")
    assert not same_time(2018, 2020, "lovelace", "babbage")
    assert same_time(2018, 2019) and same_time(None, 2030)


@pytest.fixture
def server():
    """Three seminar papers renamed (the shipped snapshot does not know them); A and B
    cite X, which Semantic Scholar knows as the arXiv preprint and OpenAlex as two works,
    the preprint (cited by B) and the journal article (cited by A); C is a preprint to
    Semantic Scholar and a journal article to OpenAlex."""
    world = build_world()
    for k in (A, B, C):
        p = world.papers[world.seminar_ids[k]]
        p.title, p.arxiv = f"{p.title} revisited", "29" + (p.arxiv or "")[2:]
    x = FakePaper(fake_id("x"), X_TITLE, 2018, ["Ada Lovelace", "Bob Babbage"],
                  venue="ArXiv", arxiv="1801.00001", corpus=7)
    world.papers[x.paper_id] = x
    for k in (A, B):
        world.papers[world.seminar_ids[k]].references.append((x.paper_id, False))
    c = world.papers[world.seminar_ids[C]]
    c.venue = "ArXiv"
    srv = FakeServer(world)
    oa = world.openalex
    del oa[fake_wid(x.paper_id)]
    oa["W1"] = OAWork("W1", X_TITLE, 2018, ["Ada Lovelace", "Bob Babbage"],
                      doi="10.48550/arXiv.1801.00001", type="preprint", arxiv="1801.00001")
    oa["W2"] = OAWork("W2", X_TITLE, 2019, ["Ada Lovelace", "Bob Babbage"],
                      doi="10.7777/deq", venue="Journal of Fixed Points",
                      source_type="journal")
    for k, w in ((A, "W2"), (B, "W1")):
        refs = oa[fake_wid(world.seminar_ids[k])].references
        refs[:] = [r for r in refs if r != fake_wid(x.paper_id)] + [w]
    cw = oa[fake_wid(world.seminar_ids[C])]
    cw.doi, cw.type, cw.venue, cw.year = PUBLISHED_DOI, "article", "Journal of Kernels", 2019
    cw.source_type, cw.pages = "journal", "1-30"
    with srv:
        yield srv


@pytest.fixture
def settings(server, tmp_path) -> Settings:
    return Settings(s2_url=server.url, openalex_url=server.url, cache_dir=tmp_path / "c",
                    rate_limit=0, openalex_interval=0, timeout=2, retries=1,
                    backoff_base=0.001, backoff_max=0.01, page_limit=50,
                    ).with_sources(["s2", "openalex"])


def seminar(server, *, pin: str | None = None) -> Syllabus:
    w = server.world
    papers = []
    for k in (A, B, C):
        p = w.papers[w.seminar_ids[k]]
        papers.append(Paper(key=k, title=p.title, authors=tuple(p.authors), year=p.year,
                            arxiv=p.arxiv, doi=PUBLISHED_DOI if k == C else None,
                            version=pin if k == C else None))
    return Syllabus(seminar=Seminar("t"), areas=(), topics=(), papers=tuple(papers))


def x_nodes(syl: Syllabus, res) -> list[dict]:
    g = build_graph(syl, res, include_external=True)
    return [d for _, d in g.nodes(data=True)
            if d.get("kind") == EXTERNAL and d.get("title") == X_TITLE]


def assert_one_work(syl: Syllabus, res) -> None:
    (node,) = x_nodes(syl, res)
    assert node["seminar_citations"] == 2
    gaps = [g for g in find_gaps(syl, res) if g.title == X_TITLE]
    assert [(g.cited_by, g.arxiv) for g in gaps] == [((A, B), "1801.00001")]


def test_openalex_splits_the_work_semantic_scholar_rate_limited(server, settings):
    server.fail("/graph/v1/", "429", times=10_000)
    syl = seminar(server)
    res = resolve_papers(syl, settings=settings)
    a, b = res.record(A), res.record(B)
    assert [r.doi for r in a.references if r.title == X_TITLE] == ["10.7777/deq"]
    assert [r.arxiv for r in b.references if r.title == X_TITLE] == ["1801.00001"]
    assert_one_work(syl, res)


def test_sources_disagree_on_the_version_of_a_reference(server, settings):
    def no_list_for_a(items: list) -> list:
        a = server.world.seminar_ids[A]
        return [dict(i, references=None) if i and i["paperId"] == a else i for i in items]

    server.fail("/paper/batch", "mutate", arg=no_list_for_a)
    syl = seminar(server)
    res = resolve_papers(syl, settings=settings)
    a, b = res.record(A), res.record(B)
    assert a.source_of("references").source == "openalex"  # S2 had no list for A
    (xa,) = [r for r in a.references if r.title == X_TITLE]
    (xb,) = [r for r in b.references if r.title == X_TITLE]
    assert (xa.doi, xa.year, xa.sources) == ("10.7777/deq", 2019, ("openalex",))
    assert (xb.arxiv, xb.year, xb.sources) == ("1801.00001", 2018, ("s2",))
    assert_one_work(syl, res)


def test_bibtex_cites_the_published_version_unless_pinned(server, settings):
    res = resolve_papers(seminar(server), settings=settings)
    c = res.record(C)
    assert (c.venue, c.year, c.doi, c.entry_type, c.journal) == (
        "Journal of Kernels", 2019, PUBLISHED_DOI, "article", "Journal of Kernels")
    assert c.source_of("venue").source == "openalex" and c.s2_id
    (pre,) = c.other_versions
    assert (pre.kind, pre.arxiv, pre.year) == ("preprint", c.arxiv, 2018)
    (entry,) = [br for br in bib_records(seminar(server), res) if br.paper == C]
    assert entry.entry_type == "article" and entry.get("journal") == "Journal of Kernels"
    assert entry.get("doi") == PUBLISHED_DOI and entry.origin == "published"
    assert f"version preprint: arXiv:{c.arxiv}, 2018 (Semantic Scholar's record)" in \
        explain(seminar(server), res, C).notes
    pinned = seminar(server, pin="preprint")
    res2 = resolve_papers(pinned, settings=replace(settings, cache_dir=settings.cache_dir / "2"))
    (entry,) = [br for br in bib_records(pinned, res2) if br.paper == C]
    assert entry.entry_type == "misc" and entry.origin == "version:preprint"
    assert entry.get("year") == "2018" and entry.get("eprint") == c.arxiv


def test_a_title_alone_joins_within_the_year_window():
    syl = Syllabus(seminar=Seminar("t"), areas=(), topics=(), papers=(
        Paper(key="a", title="Paper A of the seminar"), Paper(key="b", title="Paper B too")))
    pre = Ref(title=X_TITLE, year=2018, authors=("Ada Lovelace",), arxiv="1801.00001")
    pub = Ref(title=X_TITLE, year=2020, authors=("A. Lovelace",), doi="10.7777/deq")
    other = Ref(title=X_TITLE, year=2020, authors=("Carl Other",), doi="10.7777/other")
    from papergraph.models import Record, Resolution

    def rec(key: str, refs: tuple[Ref, ...]) -> Record:
        return Record(key=key, status="matched", title=key, references=refs)

    res = Resolution(records=(rec("a", (pre,)), rec("b", (pub, other))))
    g = build_graph(syl, res, include_external=True)
    ext = sorted((d.get("arxiv", ""), d.get("doi"), d["seminar_citations"])
                 for _, d in g.nodes(data=True) if d.get("kind") == EXTERNAL)
    # the preprint and its publication (two years later, same first author) are one
    # node; the same title by another author two years later is another work
    assert ext == [("", "10.7777/other", 1), ("1801.00001", "10.7777/deq", 2)]
    assert [g.cited_by for g in find_gaps(syl, res)] == [("a", "b")]
