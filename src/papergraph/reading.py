"""Reading order per topic: prerequisites first, ties by year.

One function, used by the page's reading-list panel and by ``papergraph reading-list``.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass
from datetime import time
from pathlib import Path

from .errors import PapergraphError
from .files import write_output
from .mdescape import md, md_code, md_link
from .models import Paper, Record, Resolution, Syllabus, Talk, json_text


def _cites(resolution: Resolution) -> dict[str, set[str]]:
    """Paper key -> the syllabus papers it cites (itself left out)."""
    cites: dict[str, set[str]] = {}
    for a, b, _ in resolution.citation_edges():
        if a != b:
            cites.setdefault(a, set()).add(b)
    return cites


def reading_order(syllabus: Syllabus, resolution: Resolution) -> dict[str, tuple[str, ...]]:
    """For each topic slug, its paper keys in reading order.

    A paper cited by another paper of the same topic comes before it (a topological
    order of the topic's internal citations); among papers free to come next, the older
    one comes first, then the one listed first on the page. A citation cycle (possible
    between preprints) is broken by the same tie rule, so every paper appears once.
    Time O((n + c) log n) for a topic of n papers with c citations among them.
    """
    cites = _cites(resolution)

    def year(k: str) -> int:
        rec = resolution.get(k)
        return (rec.year if rec and rec.year else None) or syllabus.paper(k).year or 9999

    return {topic.slug: _topic_order(list(dict.fromkeys(topic.papers)), year, cites)
            for topic in syllabus.topics}


def _topic_order(keys: list[str], year: Callable[[str], int],
                 cites: dict[str, set[str]]) -> tuple[str, ...]:
    """Kahn's algorithm with a heap of the papers free to come next, by (year, page
    position, key); when none is free (a cycle), the best-ranked paper not yet placed,
    from a second heap of every paper (placed ones skipped as they surface)."""
    rank = {k: (year(k), i, k) for i, k in enumerate(keys)}
    waiting: dict[str, int] = {}  # paper -> how many of its prerequisites are not placed
    readers: dict[str, list[str]] = {}  # paper -> the topic's papers that cite it
    for k in keys:
        prerequisites = [b for b in cites.get(k, ()) if b in rank]
        waiting[k] = len(prerequisites)
        for b in prerequisites:
            readers.setdefault(b, []).append(k)
    free = [rank[k] for k in keys if waiting[k] == 0]
    everyone = list(rank.values())
    heapq.heapify(free)
    heapq.heapify(everyone)
    placed: set[str] = set()
    order: list[str] = []
    while len(order) < len(keys):
        if free:
            nxt = heapq.heappop(free)[2]
        else:  # a cycle: take the best-ranked paper anyway
            while everyone[0][2] in placed:
                heapq.heappop(everyone)
            nxt = heapq.heappop(everyone)[2]
        placed.add(nxt)
        order.append(nxt)
        for reader in readers.get(nxt, ()):
            waiting[reader] -= 1
            if waiting[reader] == 0 and reader not in placed:
                heapq.heappush(free, rank[reader])
    return tuple(order)


# --------------------------------------------------------------------------- rich lists


@dataclass(frozen=True)
class ReadingItem:
    """One paper of a topic's reading list, with what a student needs to find it."""

    key: str
    citekey: str
    title: str
    authors: tuple[str, ...]
    venue: str
    year: int | None
    links: tuple[tuple[str, str], ...]  # (label, url): S2, arXiv, dblp, DOI, publisher
    talks: tuple[str, ...]  # "2020-06-24 10:40-11:20", one per talk; () = no talk
    prerequisites: tuple[str, ...]  # papers of the same topic this one cites (read first)
    status: str  # record status; "unresolved" = the page's own citation
    et_al: bool = False


@dataclass(frozen=True)
class TopicReadingList:
    slug: str
    title: str
    area: str  # area title
    question: str
    items: tuple[ReadingItem, ...]


def paper_links(paper: Paper, record: Record | None) -> tuple[tuple[str, str], ...]:
    """Links that exist for a paper (never invented): S2, arXiv, dblp, DOI, publisher."""
    rec = record if record is not None and record.has_data else None

    def pick(name: str) -> str | None:
        value = getattr(rec, name, None) if rec is not None else None
        return value or getattr(paper, name, None)

    links: list[tuple[str, str]] = []
    if s2 := pick("s2_id"):
        links.append(("S2", f"https://www.semanticscholar.org/paper/{s2}"))
    if arxiv := pick("arxiv"):
        links.append(("arXiv", f"https://arxiv.org/abs/{arxiv}"))
    if dblp := pick("dblp"):
        links.append(("dblp", f"https://dblp.org/rec/{dblp}"))
    if doi := pick("doi"):
        links.append(("DOI", f"https://doi.org/{doi}"))
    if rec is not None and rec.url:
        links.append(("publisher", rec.url))
    return tuple(links)


def _slot(talk: Talk) -> str:
    if not talk.timed:
        return talk.date.isoformat()
    return f"{talk.date.isoformat()} {talk.start:%H:%M}-{talk.end:%H:%M}"


def reading_lists(
    syllabus: Syllabus, resolution: Resolution, *, topic: str | None = None,
    keys: dict[str, str] | None = None,
) -> list[TopicReadingList]:
    """Per topic (or only ``topic``, a slug), its papers in :func:`reading_order` with
    citation key (:func:`papergraph.bib.citation_keys`), venue, year, links and talk slot.

    Published metadata is used where the paper resolved, else the page's own citation
    (``status="unresolved"``). Raises ``KeyError`` for an unknown topic slug.
    """
    from .bib import citation_keys  # pybtex: only when reading lists are asked for

    if topic is not None:
        syllabus.topic(topic)  # KeyError for an unknown slug
    order = reading_order(syllabus, resolution)
    if keys is None:  # paper key -> citation key, unless the caller has them
        keys = citation_keys(syllabus, resolution)
    cites = _cites(resolution)
    out: list[TopicReadingList] = []
    for t in syllabus.topics:
        if topic is not None and t.slug != topic:
            continue
        items = []
        place = {k: i for i, k in enumerate(order[t.slug])}
        for key in order[t.slug]:
            paper = syllabus.paper(key)
            rec = resolution.get(key)
            data = rec if rec is not None and rec.has_data else None
            items.append(ReadingItem(
                key=key,
                citekey=keys.get(key, key),
                title=(data.title if data and data.title else paper.title),
                authors=(data.authors if data and data.authors else paper.authors),
                venue=(data.venue if data and data.venue else paper.venue),
                year=(data.year if data and data.year else paper.year),
                links=paper_links(paper, rec),
                talks=tuple(_slot(x) for x in sorted(syllabus.talks_of(key),
                                                      key=lambda x: (x.date, x.start or time.min))),
                prerequisites=tuple(sorted((k for k in cites.get(key, ()) if k in place),
                                           key=place.__getitem__)),
                status=rec.status if rec is not None else "unresolved",
                et_al=bool(paper.et_al and not (data and data.authors)),
            ))
        area = next((a.title for a in syllabus.areas if a.slug == t.area), t.area)
        out.append(TopicReadingList(t.slug, t.title, area, t.question, tuple(items)))
    return out


def _authors(item: ReadingItem, limit: int = 4) -> str:
    names = list(item.authors[:limit])
    more = len(item.authors) > limit or item.et_al
    return ", ".join(names) + (" et al." if more else "") if names else "(authors unknown)"


def _stop(text: str) -> str:
    """End a sentence once: "Kernels?" stays, "et al." stays, "NeurIPS 2019" gets a dot."""
    return text if text.endswith((".", "?", "!")) else text + "."


def reading_lists_markdown(lists: list[TopicReadingList]) -> str:
    """Markdown: one section per topic, papers numbered in reading order. Every text is
    escaped (:mod:`papergraph.mdescape`): a title renders as itself, never as HTML, and
    only http(s) addresses become links."""
    out = ["# Reading lists", "",
           "Per topic, papers in reading order: a paper cited by another paper of the same "
           "topic comes first; otherwise the older paper first, then page order.", ""]
    area = None
    for rl in lists:
        if rl.area != area:
            area = rl.area
            out += [f"## {md(area)}", ""]
        out += [f"### {md(rl.title)}", ""]
        if rl.question.strip():
            out += [f"*{md(rl.question.strip())}*", ""]
        for i, it in enumerate(rl.items, start=1):
            venue = " ".join(x for x in (it.venue, str(it.year or "")) if x) or "venue unknown"
            out.append(f"{i}. **{md(_stop(it.title))}** {md(_stop(_authors(it)))} "
                       f"{md(_stop(venue))} {md_code(f'[{it.citekey}]')}")
            bits = []
            if it.links:
                bits.append(" · ".join(md_link(label, url) for label, url in it.links))
            bits.append("Talk: " + ("; ".join(it.talks) if it.talks else "none scheduled"))
            if it.prerequisites:
                bits.append("Read first: " + md(", ".join(it.prerequisites)))
            if it.status not in ("matched", "snapshot"):
                bits.append(f"⚠ {it.status}: the page's own citation")
            out.append("   " + " — ".join(bits))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def reading_lists_json(lists: list[TopicReadingList]) -> list[dict]:
    """Plain JSON values: ``[{"slug", "title", "area", "question", "papers": [...]}]``."""
    return [
        {"slug": rl.slug, "title": rl.title, "area": rl.area, "question": rl.question,
         "papers": [
             {"key": it.key, "citekey": it.citekey, "title": it.title,
              "authors": list(it.authors), "et_al": it.et_al, "venue": it.venue,
              "year": it.year, "links": {label: url for label, url in it.links},
              "talks": list(it.talks), "prerequisites": list(it.prerequisites),
              "status": it.status}
             for it in rl.items]}
        for rl in lists
    ]


def format_reading_lists(lists: list[TopicReadingList], fmt: str = "markdown") -> str:
    """``markdown`` or ``json`` text."""
    if fmt == "markdown":
        return reading_lists_markdown(lists)
    if fmt == "json":

        return json_text(reading_lists_json(lists), indent=2) + "\n"
    raise PapergraphError(f"unknown format {fmt!r} (choose from: markdown, json)")


def write_reading_lists(syllabus: Syllabus, resolution: Resolution, out: str | Path, *,
                        keys: dict[str, str] | None = None) -> Path:
    """Write ``OUT/graphs/reading-lists.md`` (for ``papergraph build``); returns its path."""
    return write_output(Path(out) / "graphs" / "reading-lists.md",
                        reading_lists_markdown(reading_lists(syllabus, resolution, keys=keys)))
