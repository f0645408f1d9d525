"""What to add for a new term: per topic, ranked candidates in two directions.

* **forward** - papers citing at least k of the topic's papers (k = 2, or 1 for a
  one-paper topic), published since a year (default: the seminar's own year). They come
  from the citation pages the resolver already fetched (Semantic Scholar's
  ``/citations`` with ``title, year, authors, externalIds, citationCount``; OpenAlex's
  where it filled them in): nothing more is asked for.
* **backward** - the coverage report's gaps (papers two or more seminar papers cite
  without listing them) that the topic's papers cite, ranked by how many of the topic's
  papers cite them, then how many seminar papers, then their citation count.

Never a paper already listed (any version of it: arXiv id or normalised title), and one
entry per preprint/published pair: citing papers are grouped as the gaps are, by
:mod:`papergraph.works`' identity (a shared id read alike whichever source wrote it, or
the same normalised title with a compatible first author and year).
A topic whose papers have no citation data (offline, before any online run) says so.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..models import Record, Ref, Resolution, Syllabus, Topic, normalize_title, surname
from ..report.gaps import _Groups, _seminar_identities, find_gaps
from ..report.helpers import syllabus_order
from ..works import arxiv_of

FORMATS = ("markdown", "toml", "json")


@dataclass(frozen=True)
class Suggestion:
    """One candidate paper for a topic, with why it is suggested."""

    direction: str  # "forward" (it cites the topic) or "backward" (the topic cites it)
    title: str
    year: int | None
    authors: tuple[str, ...]
    papers: tuple[str, ...]  # the topic's papers it cites / that cite it, syllabus order
    reason: str
    citation_count: int | None = None
    s2_id: str | None = None
    arxiv: str | None = None
    doi: str | None = None


@dataclass(frozen=True)
class TopicSuggestions:
    slug: str
    title: str
    forward: tuple[Suggestion, ...]
    backward: tuple[Suggestion, ...]
    without_citations: tuple[str, ...]  # the topic's papers with no citation data


@dataclass(frozen=True)
class Suggestions:
    since: int | None
    topics: tuple[TopicSuggestions, ...]

    def without_citation_data(self) -> tuple[str, ...]:
        """Slugs of the topics some of whose papers have no citation data."""
        return tuple(t.slug for t in self.topics if t.without_citations)


# --------------------------------------------------------------------------- analysis


def seminar_year(syllabus: Syllabus) -> int | None:
    """The seminar's year: in its term ("Summer term 2020"), else its talks' or papers'."""
    for text in (syllabus.seminar.term, syllabus.seminar.title):
        if m := re.search(r"\b(19|20)\d{2}\b", text):
            return int(m.group())
    years = [t.date.year for t in syllabus.talks] or [p.year for p in syllabus.papers if p.year]
    return max(years) if years else None


def has_citation_data(rec: Record | None) -> bool:
    """True when the record's citing papers were fetched (not only the snapshot's)."""
    if rec is None or not rec.has_data:
        return False
    return (rec.citations_complete or rec.citation_count == 0
            or any(s != "snapshot" for c in rec.citations for s in c.sources))


def _pluralise(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _facts(year: int | None, count: int | None) -> str:
    return "; ".join(x for x in (str(year) if year else "year unknown",
                                 _pluralise(count, "citation") if count is not None else "")
                     if x)


def _forward(syllabus: Syllabus, resolution: Resolution, topic: Topic, since: int | None,
             listed: tuple[set[str], set[str]]) -> list[Suggestion]:
    arxivs, titles = listed
    groups = _Groups()
    for key in topic.papers:
        rec = resolution.get(key)
        for ref in rec.citations if rec is not None else ():
            if ref.seminar_key or arxiv_of(ref.arxiv, ref.doi, ref.dblp) in arxivs \
                    or normalize_title(ref.title) in titles:
                continue
            groups.add([key], ref)
    need = min(2, len(topic.papers))
    out = []
    for members in groups.groups():
        cites = syllabus_order(syllabus, {k for keys, _ in members for k in keys})
        refs = [r for _, r in members]
        year = max((r.year for r in refs if r.year), default=None)
        if len(cites) < need or year is None or (since is not None and year < since):
            continue
        counts = [r.citation_count for r in refs if r.citation_count is not None]
        count = max(counts) if counts else None
        reason = (f"cites {len(cites)} of {_pluralise(len(topic.papers), 'paper')} in this "
                  f"topic; {_facts(year, count)}")
        out.append(_suggestion("forward", refs, cites, reason, year, count))
    out.sort(key=lambda s: (-len(s.papers), -(s.citation_count or -1), -(s.year or 0),
                            normalize_title(s.title)))
    return out


def _published_first(refs: list[Ref]) -> Ref:
    """The version to cite: the published one (a DOI), the latest, the fullest."""
    return min(refs, key=lambda r: (not r.doi or arxiv_of(doi=r.doi) is not None,
                                    -(r.year or 0), -len(r.authors),
                                    r.s2_id is None, r.title))


def _suggestion(direction: str, refs: list[Ref], papers: tuple[str, ...], reason: str,
                year: int | None, count: int | None) -> Suggestion:
    best = _published_first(refs)
    return Suggestion(
        direction, best.title, year, best.authors, papers, reason, count,
        s2_id=next((r.s2_id for r in refs if r.s2_id), None),
        arxiv=next((a for r in refs if (a := arxiv_of(r.arxiv, r.doi, r.dblp))), None),
        doi=next((r.doi for r in refs if r.doi and not arxiv_of(doi=r.doi)),
                 next((r.doi for r in refs if r.doi), None)))


def _backward(gaps: tuple, topic: Topic) -> list[Suggestion]:
    out = []
    own = set(topic.papers)
    for gap in gaps:
        cited_by = tuple(k for k in gap.cited_by if k in own)
        if not cited_by:
            continue
        reason = (f"cited by {len(cited_by)} of {_pluralise(len(topic.papers), 'paper')} in "
                  f"this topic and {gap.count} of the seminar's; "
                  f"{_facts(gap.year, gap.citation_count)}")
        out.append(Suggestion("backward", gap.title, gap.year, gap.authors, cited_by, reason,
                              gap.citation_count, gap.s2_id, gap.arxiv, gap.doi))
    out.sort(key=lambda s: -len(s.papers))  # stable: the gaps' own ranking within
    return out


def suggest(syllabus: Syllabus, resolution: Resolution, *, topic: str | None = None,
            since: int | None = None, limit: int = 5) -> Suggestions:
    """Per topic (or only ``topic``), at most ``limit`` candidates in each direction."""
    since = seminar_year(syllabus) if since is None else since
    listed = _seminar_identities(syllabus, resolution)
    gaps = find_gaps(syllabus, resolution)
    out = []
    for t in syllabus.topics:
        if topic is not None and t.slug != topic:
            continue
        missing = tuple(k for k in t.papers if not has_citation_data(resolution.get(k)))
        out.append(TopicSuggestions(
            t.slug, t.title, tuple(_forward(syllabus, resolution, t, since, listed)[:limit]),
            tuple(_backward(gaps, t)[:limit]), missing))
    return Suggestions(since, tuple(out))


def forward_suggestions(syllabus: Syllabus, resolution: Resolution, *, limit: int = 3
                        ) -> list[tuple[str, Suggestion]]:
    """(topic slug, suggestion): the top ``limit`` forward suggestions of every topic,
    since the seminar's year (for the coverage report; no gaps computed)."""
    since = seminar_year(syllabus)
    listed = _seminar_identities(syllabus, resolution)
    return [(t.slug, s) for t in syllabus.topics
            for s in _forward(syllabus, resolution, t, since, listed)[:limit]]


# --------------------------------------------------------------------------- output


def format_suggestions(result: Suggestions, syllabus: Syllabus, fmt: str = "markdown") -> str:
    """Markdown (per topic, numbered lists), TOML (``[[papers]]`` with ``# why:``) or JSON."""
    if fmt == "json":
        return _json(result)
    if fmt == "toml":
        return _toml(result, {p.key for p in syllabus.papers})
    return _markdown(result)


def _ids(s: Suggestion) -> dict[str, str]:
    return {k: v for k, v in (("arxiv", s.arxiv), ("doi", s.doi), ("s2_id", s.s2_id)) if v}


def _json(result: Suggestions) -> str:
    def item(s: Suggestion) -> dict:
        side = "cites" if s.direction == "forward" else "cited_by"
        return {"title": s.title, "year": s.year, "authors": list(s.authors),
                side: list(s.papers), "citation_count": s.citation_count, **_ids(s),
                "reason": s.reason}

    return json.dumps({"since": result.since, "topics": [
        {"slug": t.slug, "title": t.title, "forward": [item(s) for s in t.forward],
         "backward": [item(s) for s in t.backward],
         "without_citation_data": list(t.without_citations)} for t in result.topics]},
        indent=2, ensure_ascii=False) + "\n"


def _markdown(result: Suggestions) -> str:
    from ..mdescape import md, md_code

    since = f"since {result.since}" if result.since else "of any year"
    out = ["# Suggestions", "",
           f"Forward: papers published {since} that cite at least 2 of a topic's papers "
           "(1 for a one-paper topic). Backward: papers the topic's papers cite that two or "
           "more seminar papers cite without listing them. Suggestions only: nothing is "
           "added to the syllabus."]
    for t in result.topics:
        out += ["", f"## {md(t.title)} ({md_code(t.slug)})"]
        for label, items in (("Forward (cite this topic)", t.forward),
                             ("Backward (cited by this topic)", t.backward)):
            out += ["", f"{label}:", ""]
            out += [f"{i}. {_md_item(s)}" for i, s in enumerate(items, start=1)] or ["- none"]
        if t.without_citations:
            out += ["", "No citation data for " + ", ".join(md_code(k) for k in
                                                             t.without_citations)
                    + ": forward suggestions need it (`papergraph resolve` online fetches it)."]
    return "\n".join(out) + "\n"


def _md_item(s: Suggestion) -> str:
    from ..mdescape import md

    who = f"{md(surname(s.authors[0]))}{' et al.' if len(s.authors) > 1 else ''}, " \
        if s.authors else ""
    ids = "; ".join(f"{k} {md(v)}" for k, v in _ids(s).items() if k != "s2_id")
    return f"{md(s.title)} ({who}{s.year or 'n.d.'}): {md(s.reason)}" + (
        f". {ids}" if ids else "")


def _toml(result: Suggestions, taken: set[str]) -> str:
    from ..identifiers import ID_CHECKS

    q = json.dumps
    out = ["# papergraph suggest: candidate [[papers]] for a new term. Paste the ones you",
           "# keep into the syllabus and add their keys to a topic's papers."]
    seen: set[str] = set()
    for t in result.topics:
        for s in (*t.forward, *t.backward):
            key = _key(s, taken)
            if normalize_title(s.title) in seen:
                out += ["", f"# why ({t.slug}, {s.direction}, listed above): {s.reason}"]
                continue
            seen.add(normalize_title(s.title))
            taken.add(key)
            out += ["", f"# why ({t.slug}, {s.direction}): {s.reason}", "[[papers]]",
                    f"key = {q(key)}", f"title = {q(s.title)}"]
            if s.authors:
                out.append("authors = [" + ", ".join(q(a) for a in s.authors) + "]")
            if s.year:
                out.append(f"year = {s.year}")
            out += [f"{k} = {q(v)}" for k, v in _ids(s).items() if ID_CHECKS[k](v) is None]
            out.append(f"note = {q(f'suggested for topic {t.slug} ({s.direction})')}")
    return "\n".join(out) + "\n"


def _key(s: Suggestion, taken: set[str]) -> str:
    """``surnameYEARword``, ASCII, not yet taken (``…b``, ``…c`` otherwise)."""
    name = normalize_title(surname(s.authors[0])).replace(" ", "") if s.authors else ""
    words = [w for w in normalize_title(s.title).split() if len(w) > 3] or ["paper"]
    base = f"{name or 'anon'}{s.year or ''}{words[0]}"
    key, n = base, 0
    while key in taken:
        n += 1
        key = f"{base}{chr(ord('a') + n)}" if n < 26 else f"{base}{n}"
    return key
