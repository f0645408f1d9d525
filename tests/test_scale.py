"""Scale traps, asserted as amounts of work rather than seconds (timings: ``make bench``).

On an earlier main, 8,000 papers in one topic made ``build`` take 93 s: the reading order
looked at every remaining paper for each paper it placed. Here the work is counted as
the Python lines executed (``sys.settrace`` line events, deterministic for a given input):
quadrupling a topic multiplies it by about 4.5 for an O(n log n) order and by 16 for a
quadratic one. The order itself is checked against the rule it follows, on random topics
with citation cycles.
"""

from __future__ import annotations

import heapq
import random
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from papergraph.models import Area, Paper, Record, Ref, Resolution, Seminar, Syllabus, Topic
from papergraph.reading import reading_lists, reading_order
from papergraph.syllabus import load_syllabus


def _lines_executed(func: Callable[[], object]) -> int:
    count = 0

    def tracer(frame, event, arg):  # noqa: ANN001, ANN202
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        func()
    finally:
        sys.settrace(None)
    return count


def one_topic(n: int, *, seed: int = 7, cites: int = 3, cycle: bool = True
              ) -> tuple[Syllabus, Resolution]:
    """``n`` papers in one topic; each cites up to ``cites`` earlier ones (and, with
    ``cycle``, the first paper cites the last: one long citation cycle)."""
    rng = random.Random(seed)
    keys = [f"p{i:05d}" for i in range(n)]
    papers, records = [], []
    for i, key in enumerate(keys):
        year = 2000 + rng.randrange(20)
        cited = rng.sample(range(i), min(i, rng.randint(0, cites)))
        if cycle and i == 0 and n > 1:
            cited = [n - 1]
        refs = tuple(Ref(title=f"t{j}", seminar_key=keys[j]) for j in cited)
        papers.append(Paper(key=key, title=f"Paper {i}", year=year))
        records.append(Record(key=key, status="matched", title=f"Paper {i}", year=year,
                              references=refs, references_complete=True))
    syllabus = Syllabus(Seminar("Scale"), (Area("a", "A"),),
                        (Topic("all", "All", "a", "", tuple(rng.sample(keys, n))),),
                        tuple(papers))
    return syllabus, Resolution(records=tuple(records))


def reference_order(syllabus: Syllabus, resolution: Resolution, slug: str) -> tuple[str, ...]:
    """The rule, spelled out the slow way (the quadratic code it replaced): among the
    papers whose cited papers of the topic are all placed, the best (year, page position,
    key); if none (a cycle), the best of all papers left."""
    keys = list(dict.fromkeys(syllabus.topic(slug).papers))
    pos = {k: i for i, k in enumerate(keys)}
    cites = {a: {b for b in [c for c_, c, _ in resolution.citation_edges() if c_ == a]
                 if b in pos and b != a} for a in keys}

    def rank(k: str) -> tuple[int, int, str]:
        rec = resolution.get(k)
        return ((rec.year if rec and rec.year else None) or syllabus.paper(k).year or 9999,
                pos[k], k)

    done, remaining = [], set(keys)
    while remaining:
        ready = [rank(k) for k in remaining if not (cites[k] & remaining)]
        nxt = heapq.nsmallest(1, ready or [rank(k) for k in remaining])[0][2]
        done.append(nxt)
        remaining.discard(nxt)
    return tuple(done)


@pytest.mark.parametrize("seed", range(40))
def test_the_order_follows_the_rule_on_random_topics_with_cycles(seed):
    rng = random.Random(seed)
    syllabus, resolution = one_topic(rng.randint(1, 30), seed=seed, cites=rng.randint(0, 4),
                                     cycle=rng.random() < 0.5)
    # some papers without a year, some cycles of two
    papers = tuple(replace(p, year=None) if rng.random() < 0.2 else p for p in syllabus.papers)
    records = tuple(replace(r, year=None) if papers[i].year is None else r
                    for i, r in enumerate(resolution.records))
    syllabus = replace(syllabus, papers=papers)
    resolution = Resolution(records=records)
    assert reading_order(syllabus, resolution)["all"] == reference_order(syllabus, resolution,
                                                                         "all")


def test_the_seminar_order_is_unchanged(syllabus, resolution):
    order = reading_order(syllabus, resolution)
    assert order == {t.slug: reference_order(syllabus, resolution, t.slug)
                     for t in syllabus.topics}
    assert order["kernel-behaviour-of-nns"] == (
        "jacot2018", "allenzhu2019convergence", "allenzhu2019resnet")


@pytest.mark.parametrize("cycle", [False, True], ids=["acyclic", "one-long-cycle"])
def test_reading_order_work_grows_like_n_log_n(cycle):
    small, large = (one_topic(n, cycle=cycle) for n in (500, 2000))
    work = [_lines_executed(lambda s=s: reading_order(*s)) for s in (small, large)]
    assert work[1] / work[0] < 6, work  # quadratic: about 16


def test_reading_lists_work_grows_like_n_log_n():
    small, large = (one_topic(n) for n in (500, 2000))
    work = [_lines_executed(lambda s=s: reading_lists(*s, keys={})) for s in (small, large)]
    assert work[1] / work[0] < 6, work


# --------------------------------------------------------------------------- field sizes


def test_a_huge_title_is_one_line_error_in_bounded_memory(tmp_path):
    """On an earlier main a 50 MB title took 25 s and 6 GB before any message (the line
    scanner kept a backtracking entry per character). A 5 MB title here: the peak memory
    of a fresh process loading it stays within a few times the file (it was ~600 MB)."""
    path = tmp_path / "big.toml"
    path.write_text(
        '[seminar]\ntitle = "T"\n\n[[areas]]\nslug = "a"\ntitle = "A"\n\n[[topics]]\n'
        'slug = "t"\ntitle = "T"\narea = "a"\npapers = ["p1"]\n\n[[papers]]\nkey = "p1"\n'
        f'title = "{"A" * 5_000_000}"\n', encoding="utf-8")
    code = ("import resource, sys\nfrom papergraph.syllabus import load_syllabus\n"
            "from papergraph.errors import SyllabusError\n"
            "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "try:\n    load_syllabus(sys.argv[1])\nexcept SyllabusError as e:\n"
            "    print(*e.problems, sep='\\n')\n"
            "print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)\n")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                          text=True, check=True)
    *problems, grown_mib = done.stdout.splitlines()
    assert problems == [f"{path}:16: paper p1: title is 5,000,000 characters long (at most "
                        "2,000)"]
    assert int(grown_mib) < 100, f"loading a 5 MB syllabus grew the process by {grown_mib} MiB"


def test_the_line_scanner_reads_escaped_quotes_on_a_long_line():
    from papergraph.syllabus.lines import Lines

    line = 'title = "' + 'x\\"' * 200_000 + '"\nkey = "k"\n'
    assert Lines(line).fields == {("", -1, "title"): 1, ("", -1, "key"): 2}


def test_shipped_syllabus_is_far_below_the_bounds():
    syl = load_syllabus(Path(__file__).resolve().parents[1] / "src" / "papergraph" / "data"
                        / "tum-ss2020.toml")
    assert max(len(p.title) for p in syl.papers) < 200


def many_topics(n: int, *, seed: int = 11, refs: int = 12) -> tuple[Syllabus, Resolution]:
    """``n`` papers in ``n // 10`` topics of 5 areas; each paper cites a few earlier ones,
    ``refs`` papers drawn from a pool of ``2 n`` outside papers (so gaps form) and a classic
    known by its title only (no id: grouped by title, author and year)."""
    rng = random.Random(seed)
    keys = [f"p{i:05d}" for i in range(n)]
    pool = [Ref(title=f"Outside paper {j}", year=1990 + j % 30, authors=(f"Au{j} Thor",),
                s2_id=f"{j:040x}") for j in range(2 * n)]
    papers, records = [], []
    for i, key in enumerate(keys):
        cited = [Ref(title=f"Paper {j}", seminar_key=keys[j])
                 for j in rng.sample(range(i), min(i, rng.randint(0, 3)))]
        outside = [*rng.sample(pool, refs),
                   Ref(title="A classic", year=1998 + i % 2, authors=("Old Master",))]
        papers.append(Paper(key=key, title=f"Paper {i}", year=2000 + i % 20))
        records.append(Record(key=key, status="matched", title=f"Paper {i}", year=2000 + i % 20,
                              references=tuple(cited + outside), references_complete=True))
    areas = tuple(Area(f"a{a}", f"Area {a}") for a in range(5))
    topics = tuple(Topic(f"t{t}", f"Topic {t}", f"a{t % 5}", "", tuple(keys[t::n // 10]))
                   for t in range(n // 10))
    return (Syllabus(Seminar("Scale"), areas, topics, tuple(papers)),
            Resolution(records=tuple(records)))


def test_coverage_work_grows_near_linearly():
    """On an earlier main the report looked at every edge and gap per topic, ordered every
    gap's citing papers with a fresh index, and compared each citation of a paper with all
    earlier ones: 4x the papers cost 7x the lines here (and at 2,000 papers 31 s)."""
    from papergraph.report import coverage_report

    small, large = (many_topics(n) for n in (250, 1000))
    work = [_lines_executed(lambda s=s: coverage_report(*s)) for s in (small, large)]
    assert work[1] / work[0] < 5, work
    report = coverage_report(*large)
    assert report.gaps[0].title == "A classic" and report.gaps[0].count == 1000
