"""Synthetic, deterministic reading lists for the scale benchmarks.

``synthetic(n)`` makes a syllabus of ``n`` papers in ``n // 10`` topics (5 areas) and a
resolution where each paper has about 50 references: a few to other listed papers (older
ones, drawn with a fixed seed) and the rest to a shared pool of external papers, so that
coupling, co-citation and gaps have real work to do.
"""

from __future__ import annotations

import random

from papergraph.models import Area, Paper, Record, Ref, Resolution, Seminar, Syllabus, Topic

WORDS = (
    "neural kernel gradient descent convergence generalization robust adversarial sample "
    "complexity deep linear networks random features memorization over-parameterized "
    "optimization landscape implicit bias margin stability interpolation"
)
WORDS = tuple(WORDS.split())


def _title(rng: random.Random, i: int) -> str:
    words = rng.sample(WORDS, 6)
    return f"{words[0].capitalize()} {' '.join(words[1:])} {i}"


def synthetic(n: int, refs_per_paper: int = 50, seed: int = 2020,
              pool_size: int | None = None) -> tuple[Syllabus, Resolution]:
    """``n`` papers with ``refs_per_paper`` references each (same ``seed``, same lists).

    External references are drawn uniformly from a pool of ``pool_size`` papers (default
    ``max(200, 5 * n)``): two papers then share ``refs_per_paper ** 2 / pool_size``
    references on average. A large pool (e.g. ``10**6``) makes almost every reference a
    different paper, which is how the page benchmark gets many external nodes from a
    small seminar.
    """
    rng = random.Random(seed)
    n_topics = max(1, n // 10)
    areas = tuple(Area(f"area-{a}", f"Area {a}") for a in range(5))
    size = pool_size or max(200, n * 5)
    pool: dict[int, Ref] = {}  # built lazily: only the drawn entries exist

    def external(j: int) -> Ref:
        if j not in pool:
            r = random.Random(seed * 1_000_003 + j)
            pool[j] = Ref(title=_title(r, 10**7 + j), year=1990 + j % 30,
                          authors=(f"Ext Author{j}",), s2_id=f"ext{j:07d}",
                          citation_count=r.randint(0, 5000))
        return pool[j]

    papers, records, topics_papers = [], [], [[] for _ in range(n_topics)]
    for i in range(n):
        key = f"p{i:05d}"
        year = 2000 + i * 20 // max(n, 1)
        title = _title(rng, i)
        authors = (f"Author{i} Surname{i}", f"Second{i} Person{i}")
        papers.append(Paper(key=key, title=title, authors=authors, venue="ICML", year=year))
        topics_papers[i % n_topics].append(key)
        internal = rng.sample(range(i), min(i, rng.randint(0, 5))) if i else []
        refs = [
            Ref(title=f"internal {j}", year=2000 + j * 20 // n, s2_id=f"syn{j:07d}",
                seminar_key=f"p{j:05d}", is_influential=rng.random() < 0.2)
            for j in sorted(internal)
        ]
        refs += [external(j) for j in rng.sample(range(size), refs_per_paper - len(refs))]
        records.append(Record(
            key=key, status="matched", confidence=1.0, title=title, authors=authors, year=year,
            venue="ICML", entry_type="inproceedings", s2_id=f"syn{i:07d}",
            citation_count=rng.randint(0, 1000), references=tuple(refs),
            references_complete=True,
        ))
    topics = tuple(
        Topic(slug=f"topic-{t}", title=f"Topic {t}", area=areas[t % 5].slug,
              papers=tuple(keys))
        for t, keys in enumerate(topics_papers)
    )
    syllabus = Syllabus(Seminar(title=f"Synthetic seminar ({n} papers)"), areas, topics,
                        tuple(papers), ())
    return syllabus, Resolution(records=tuple(records))
