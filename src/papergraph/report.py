"""Stage 5: the organisers' coverage report.

:func:`coverage_report` turns a syllabus and its resolution into a :class:`Coverage`
(plain dataclasses); :func:`format_coverage` prints it as a table (fits 100 columns),
GitHub Markdown, CSV or JSON. Everything here is deterministic: same input, same bytes.

What the report answers, per area and per topic:

* **listed / scheduled / unscheduled / unresolved** - the papers the page lists, those with a
  talk, those without one, and those whose published record was not found (or is ambiguous);
* **citations_in / citations_out** - citation links between *seminar papers of different
  topics*: ``citations_in`` counts (citing, cited) pairs where a paper of ANOTHER topic cites a
  paper of this topic; ``citations_out`` counts pairs where a paper of this topic cites a paper
  of another topic. Citations inside the topic are ``citations_internal``. Both are lower
  bounds when reference lists are incomplete (``references_missing``);
* **years** - ``[min, max]`` publication year of the topic's papers (published record, else
  the page's year);
* **gaps** - external papers (not on the list) cited by at least two seminar papers;
* **discrepancies** - where the page's citation differs from the published record;
* **focus topics** - which papers cover each focus topic of the seminar page;
* **schedule** - overlapping talks, listed papers without a talk, talks per day, breaks.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .errors import PapergraphError
from .files import write_output
from .models import Paper, Record, Ref, Resolution, Syllabus, Talk, Version, normalize_title

GAP_MIN_CITED_BY = 2

DEFINITIONS: tuple[tuple[str, str], ...] = (
    ("listed", "paper keys the page lists under the topic, in page order"),
    ("scheduled", "listed papers with at least one talk"),
    ("unscheduled", "listed papers without a talk"),
    ("unresolved", "listed papers whose published record was not found or is ambiguous "
                   "(the report then uses the page's own citation)"),
    ("citations_in", "citation pairs (citing, cited) between seminar papers where a paper of "
                     "ANOTHER topic cites a paper of this topic"),
    ("citations_out", "citation pairs where a paper of this topic cites a paper of ANOTHER "
                      "topic"),
    ("citations_internal", "citation pairs between two papers of this topic"),
    ("references_missing", "papers whose full reference list is not known: citation counts "
                           "and gaps are lower bounds for them"),
    ("years", "[earliest, latest] publication year (published record, else the page)"),
    ("gaps", "papers NOT on the list cited by at least two seminar papers, ranked by how many "
             "seminar papers cite them, then by their citation count; 'count' is the number "
             "of seminar papers citing it ('cited_by'), 'citation_count' its total citations "
             "where known. A topic's gaps are those cited by at least one of its papers"),
)


# --------------------------------------------------------------------------- dataclasses


@dataclass(frozen=True)
class Gap:
    """An external paper that several seminar papers cite."""

    title: str
    year: int | None
    cited_by: tuple[str, ...]  # seminar paper keys, syllabus order
    count: int  # len(cited_by): how many seminar papers cite it
    s2_id: str | None = None
    arxiv: str | None = None
    doi: str | None = None
    authors: tuple[str, ...] = ()
    citation_count: int | None = None  # total citations, where known


@dataclass(frozen=True)
class Discrepancy:
    """One difference between the page's citation of a paper and its published record.

    ``kind`` classifies it: ``different`` (the page should be corrected), ``not_author``,
    ``missing_author``, ``order`` (real differences) vs. ``case``, ``spelling``,
    ``name_form`` and ``et_al`` (same thing written differently). ``severity`` is
    ``"error"`` for the former, ``"minor"`` for the latter.
    """

    key: str
    field: str  # "authors" | "title" | "venue" | "year"
    kind: str
    severity: str
    page: str
    record: str
    message: str
    context: tuple[str, ...] = ()  # other versions / record notes that explain it


@dataclass(frozen=True)
class TopicCoverage:
    slug: str
    title: str
    area: str
    question: str
    listed: tuple[str, ...]
    scheduled: tuple[str, ...]
    unscheduled: tuple[str, ...]
    unresolved: tuple[str, ...]
    ambiguous: tuple[str, ...]
    citations_in: int
    citations_out: int
    citations_internal: int
    connected_topics: tuple[str, ...]
    references_missing: tuple[str, ...]
    years: tuple[int | None, int | None]
    gaps: tuple[Gap, ...] = ()


@dataclass(frozen=True)
class AreaCoverage:
    slug: str
    title: str
    topics: tuple[str, ...]
    listed: tuple[str, ...]
    scheduled: tuple[str, ...]
    unscheduled: tuple[str, ...]
    unresolved: tuple[str, ...]
    citations_in: int  # from papers of other areas
    citations_out: int  # to papers of other areas
    years: tuple[int | None, int | None]


@dataclass(frozen=True)
class FocusPaper:
    key: str
    score: float | None  # similarity for a suggested mapping; None when the syllabus maps it
    scheduled: bool
    topics: tuple[str, ...]


@dataclass(frozen=True)
class FocusCoverage:
    text: str
    source: str  # "syllabus" | "suggested"
    papers: tuple[FocusPaper, ...]


@dataclass(frozen=True)
class DaySchedule:
    date: str
    talks: int
    first: str
    last: str
    minutes: int  # sum of talk lengths


@dataclass(frozen=True)
class Break:
    date: str
    after: str
    before: str
    start: str
    end: str
    minutes: int


@dataclass(frozen=True)
class Overlap:
    date: str
    first: str
    second: str
    detail: str


@dataclass(frozen=True)
class ScheduleReport:
    talks: int
    days: tuple[DaySchedule, ...]
    overlaps: tuple[Overlap, ...]
    unscheduled: tuple[str, ...]  # listed papers without a talk, syllabus order
    repeated: tuple[str, ...]  # papers with more than one talk
    breaks: tuple[Break, ...]  # gaps between consecutive talks of the same day
    durations: tuple[tuple[int, int], ...]  # (minutes, number of talks)


@dataclass(frozen=True)
class Coverage:
    seminar: str
    areas: tuple[AreaCoverage, ...]
    topics: tuple[TopicCoverage, ...]
    focus_topics: tuple[FocusCoverage, ...]
    focus_method: str
    gaps: tuple[Gap, ...]
    gap_min_cited_by: int
    references_missing: tuple[str, ...]  # papers whose reference list is incomplete/unknown
    discrepancies: tuple[Discrepancy, ...]
    unchecked: tuple[str, ...]  # papers without a record to compare the page with
    schedule: ScheduleReport
    papers: tuple[str, ...] = ()  # every syllabus key, syllabus order
    definitions: tuple[tuple[str, str], ...] = field(default=DEFINITIONS)


# --------------------------------------------------------------------------- helpers


def _order(syllabus: Syllabus, keys: set[str] | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """``keys`` in syllabus paper order (unknown keys last, sorted)."""
    pos = {p.key: i for i, p in enumerate(syllabus.papers)}
    return tuple(sorted(set(keys), key=lambda k: (pos.get(k, len(pos)), k)))


def _year(syllabus: Syllabus, resolution: Resolution, key: str) -> int | None:
    rec = resolution.get(key)
    if rec is not None and rec.has_data and rec.year:
        return rec.year
    try:
        return syllabus.paper(key).year
    except KeyError:
        return None


def _span(years: list[int | None]) -> tuple[int | None, int | None]:
    known = [y for y in years if y]
    return (min(known), max(known)) if known else (None, None)


def _unresolved(resolution: Resolution, key: str) -> bool:
    rec = resolution.get(key)
    return rec is None or not rec.has_data


def _refs_complete(resolution: Resolution, key: str) -> bool:
    rec = resolution.get(key)
    return rec is not None and rec.has_data and rec.references_complete


def _bare_arxiv(arxiv: str | None) -> str | None:
    if not arxiv:
        return None
    a = arxiv.strip().lower().removeprefix("arxiv:")
    return re.sub(r"v\d+$", "", a)


# --------------------------------------------------------------------------- gaps


def _seminar_identities(syllabus: Syllabus, resolution: Resolution) -> tuple[set[str], set[str]]:
    """arXiv ids and normalised titles of the syllabus papers (every known version)."""
    arxivs: set[str] = set()
    titles: set[str] = set()
    for p in syllabus.papers:
        if a := _bare_arxiv(p.arxiv):
            arxivs.add(a)
        titles.add(normalize_title(p.title))
        rec = resolution.get(p.key)
        if rec is None:
            continue
        if a := _bare_arxiv(rec.arxiv):
            arxivs.add(a)
        if rec.title:
            titles.add(normalize_title(rec.title))
        for v in rec.other_versions:
            if a := _bare_arxiv(v.arxiv):
                arxivs.add(a)
            if v.title:
                titles.add(normalize_title(v.title))
    titles.discard("")
    return arxivs, titles


def _strong_ids(ref: Ref) -> list[str]:
    ids = []
    if ref.s2_id:
        ids.append(f"s2:{ref.s2_id}")
    if a := _bare_arxiv(ref.arxiv):
        ids.append(f"arxiv:{a}")
    if ref.doi:
        ids.append(f"doi:{ref.doi.lower()}")
    if ref.corpus_id:
        ids.append(f"corpus:{ref.corpus_id}")
    return ids


def _first_surname(ref: Ref) -> str:
    from .models import surname

    return normalize_title(surname(ref.authors[0])) if ref.authors else ""


class _Groups:
    """Union-find over external references: same paper if they share an id, or the same
    normalised title with a compatible first author and year (±1)."""

    def __init__(self) -> None:
        self.parent: list[int] = []
        self.refs: list[list[tuple[str, Ref]]] = []
        self.by_id: dict[str, int] = {}
        self.by_title: dict[str, list[int]] = {}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> int:
        a, b = self.find(a), self.find(b)
        if a == b:
            return a
        a, b = min(a, b), max(a, b)
        self.parent[b] = a
        self.refs[a].extend(self.refs[b])
        self.refs[b] = []
        return a

    def _compatible(self, group: int, ref: Ref) -> bool:
        g = self.find(group)
        names = {_first_surname(r) for _, r in self.refs[g]} - {""}
        years = {r.year for _, r in self.refs[g] if r.year}
        name = _first_surname(ref)
        if name and names and name not in names:
            return False
        return not (ref.year and years and all(abs(ref.year - y) > 1 for y in years))

    def add(self, citing: str, ref: Ref) -> None:
        idx = len(self.parent)
        self.parent.append(idx)
        self.refs.append([(citing, ref)])
        for ident in _strong_ids(ref):
            if ident in self.by_id:
                idx = self.union(idx, self.by_id[ident])
            self.by_id[ident] = self.find(idx)
        title = normalize_title(ref.title)
        if title:
            for other in self.by_title.get(title, []):
                if self.find(other) != self.find(idx) and self._compatible(other, ref):
                    idx = self.union(idx, other)
            self.by_title.setdefault(title, []).append(idx)

    def groups(self) -> list[list[tuple[str, Ref]]]:
        return [self.refs[i] for i in range(len(self.parent)) if self.find(i) == i]


def _best_ref(refs: list[Ref]) -> Ref:
    """The most informative of several references to the same paper."""
    return min(
        refs,
        key=lambda r: (r.s2_id is None, r.arxiv is None, -len(r.authors), r.year is None,
                       -len(r.title), r.title),
    )


def find_gaps(
    syllabus: Syllabus, resolution: Resolution, *, min_cited_by: int = GAP_MIN_CITED_BY
) -> tuple[Gap, ...]:
    """External papers cited by at least ``min_cited_by`` seminar papers.

    Not on the list means: no seminar key, and neither the arXiv id nor the normalised
    title of any version of a syllabus paper. Ranked by the number of seminar papers citing
    it (descending), then its citation count (descending, unknown last), year, title.
    """
    arxivs, titles = _seminar_identities(syllabus, resolution)
    groups = _Groups()
    for paper in syllabus.papers:
        rec = resolution.get(paper.key)
        if rec is None or not rec.has_data:
            continue
        for ref in rec.references:
            if ref.seminar_key:
                continue
            if _bare_arxiv(ref.arxiv) in arxivs or normalize_title(ref.title) in titles:
                continue
            groups.add(paper.key, ref)
    gaps = []
    for members in groups.groups():
        cited_by = _order(syllabus, {k for k, _ in members})
        if len(cited_by) < min_cited_by:
            continue
        refs = [r for _, r in members]
        best = _best_ref(refs)
        counts = [r.citation_count for r in refs if r.citation_count is not None]
        gaps.append(Gap(
            title=best.title, year=best.year or next((r.year for r in refs if r.year), None),
            cited_by=cited_by, count=len(cited_by),
            s2_id=next((r.s2_id for r in refs if r.s2_id), None),
            arxiv=next((_bare_arxiv(r.arxiv) for r in refs if r.arxiv), None),
            doi=next((r.doi for r in refs if r.doi), None),
            authors=best.authors, citation_count=max(counts) if counts else None,
        ))
    gaps.sort(key=lambda g: (-g.count, -(g.citation_count if g.citation_count is not None
                                         else -1), g.year or 9999, normalize_title(g.title)))
    return tuple(gaps)


# --------------------------------------------------------------------------- discrepancies

_VENUE_ALIASES = {
    "nips": "neurips",
    "advances in neural information processing systems": "neurips",
    "international conference on machine learning": "icml",
    "conference on learning theory": "colt",
    "international conference on learning representations": "iclr",
}


def _name_parts(name: str) -> tuple[str, list[str]]:
    """(normalised surname, normalised given-name words) of a display name."""
    from .models import surname

    last = surname(name)
    words = normalize_title(name).split()
    last_n = normalize_title(last)
    given = words[: len(words) - len(last_n.split())] if last_n else words
    return last_n, given


def _same_given(a: list[str], b: list[str]) -> str:
    """"same", "name_form" (Chris/Christopher, P. L./Peter L.) or "different"."""
    if a == b:
        return "same"
    if not a or not b:
        return "name_form"
    x, y = a[0], b[0]
    if x.startswith(y) or y.startswith(x):
        return "name_form"
    return "different"


def _fmt_authors(authors: tuple[str, ...], et_al: bool = False) -> str:
    text = ", ".join(authors) if authors else "(none)"
    return text + (" et al." if et_al else "")


def _version_label(v: Version) -> str:
    bits = []
    if v.journal:
        bits.append(v.journal + (f" {v.volume}" if v.volume else "")
                    + (f"({v.number})" if v.number else ""))
    elif v.arxiv:
        bits.append(f"arXiv {v.arxiv}")
    else:
        bits.append(v.kind)
    if v.year:
        bits.append(str(v.year))
    label = ", ".join(bits)
    return f"{label}: '{v.title}'" if v.title else label


def _record_label(rec: Record) -> str:
    """"COLT 2017 (PMLR 65)" - the published record's venue, year and volume."""
    label = " ".join(x for x in (rec.venue, str(rec.year or "")) if x) or "published"
    if rec.volume and "machine learning research" in rec.series.lower():
        label += f" (PMLR {rec.volume})"
    return label


def _versions_with(rec: Record, surname_n: str) -> tuple[list[str], list[str]]:
    """Other versions listing an author with this surname, and version notes naming it."""
    listed, noted = [], []
    for v in rec.other_versions:
        if any(_name_parts(a)[0] == surname_n for a in v.authors):
            listed.append(_version_label(v))
        elif v.note and re.search(rf"\b{re.escape(surname_n)}\b", normalize_title(v.note)):
            # keep the clause of the note that names the author, without its sources
            clauses = [" ".join(c.split()) for c in re.sub(r"\([^()]*\)", "", v.note).split(";")]
            said = [c for c in clauses
                    if re.search(rf"\b{re.escape(surname_n)}\b", normalize_title(c))]
            noted.append(f"{_version_label(v)}: {'; '.join(said) or v.note}")
    return listed, noted


def _notes_about(rec: Record, words: list[str]) -> tuple[str, ...]:
    out = []
    for note in rec.notes:
        if note.startswith("evidence:"):
            continue
        text = normalize_title(note)
        if any(w and re.search(rf"\b{re.escape(w)}\b", text) for w in words):
            out.append(note)
    return tuple(out)


def _author_discrepancies(paper: Paper, rec: Record) -> list[Discrepancy]:
    out: list[Discrepancy] = []
    page_s = _fmt_authors(paper.authors, paper.et_al)
    rec_s = _fmt_authors(rec.authors)
    if not rec.authors or not paper.authors:
        return out
    rec_parts = [_name_parts(a) for a in rec.authors]
    used: set[int] = set()
    matched: list[tuple[int, int]] = []  # (page index, record index)
    for i, name in enumerate(paper.authors):
        last, given = _name_parts(name)
        j = next((j for j, (rl, _) in enumerate(rec_parts) if rl == last and j not in used), None)
        if j is None:
            listed, noted = _versions_with(rec, last)
            where = []
            if listed:
                where.append("; ".join(listed))
            where += [n for n in noted]
            msg = (f"the page lists {name} as an author, but the {_record_label(rec)} record "
                   f"is by {rec_s}.")
            if where:
                which = "other versions: " if len(where) > 1 else "another version: "
                msg += (f" {name} is an author of {which}" + " / ".join(where)
                        + f". Either cite that version or drop {name} from the page.")
            else:
                msg += f" Check the author list and drop {name} if the record is right."
            out.append(Discrepancy(
                paper.key, "authors", "not_author", "error", page_s, rec_s, msg,
                tuple(listed) + tuple(noted) + _notes_about(rec, [last]),
            ))
            continue
        used.add(j)
        matched.append((i, j))
        form = _same_given(given, rec_parts[j][1])
        if form != "same":
            kind = "name_form" if form == "name_form" else "different"
            severity = "minor" if kind == "name_form" else "error"
            msg = (f"the page writes '{name}', the record '{rec.authors[j]}'"
                   + (" (same author, another form of the name)" if kind == "name_form"
                      else " (same surname, different given name: check)"))
            out.append(Discrepancy(paper.key, "authors", kind, severity, name, rec.authors[j],
                                   msg))
    missing = [j for j in range(len(rec.authors)) if j not in used]
    if missing:
        names = [rec.authors[j] for j in missing]
        if paper.et_al:
            msg = (f"the page shortens the author list to '{page_s}'; the record lists "
                   f"{len(rec.authors)} authors: {rec_s}")
            out.append(Discrepancy(
                paper.key, "authors", "et_al", "minor", page_s, rec_s, msg,
                _notes_about(rec, [_name_parts(n)[0] for n in names] + ["author order"]),
            ))
        else:
            msg = (f"the page omits {', '.join(names)}, an author of the published record "
                   f"({rec_s})" if len(names) == 1 else
                   f"the page omits {', '.join(names)}, authors of the published record "
                   f"({rec_s})")
            out.append(Discrepancy(paper.key, "authors", "missing_author", "error", page_s,
                                   rec_s, msg, _notes_about(rec, [_name_parts(n)[0]
                                                                  for n in names])))
    rec_order = [j for _, j in sorted(matched)]
    if rec_order != sorted(rec_order):
        msg = f"the page gives the authors in another order than the record ({rec_s})"
        out.append(Discrepancy(paper.key, "authors", "order", "error", page_s, rec_s, msg))
    return out


def _title_discrepancy(paper: Paper, rec: Record) -> Discrepancy | None:
    from rapidfuzz import fuzz

    a, b = paper.title.strip(), rec.title.strip()
    if not a or not b or a == b:
        return None
    na, nb = normalize_title(a), normalize_title(b)
    context = tuple(f"{_version_label(v)}" for v in rec.other_versions
                    if v.title and normalize_title(v.title) == na)
    if na == nb:
        kind, severity, why = "case", "minor", "differs only in case or punctuation"
    elif nb.startswith(na) or na.startswith(nb):
        kind, severity, why = "different", "error", "is a shortened/extended form of the title"
    elif fuzz.ratio(na, nb) >= 90:
        kind, severity, why = "spelling", "minor", "differs in spelling"
    else:
        kind, severity, why = "different", "error", "differs from the published title"
    msg = f"the page's title {why}: page '{a}', record '{b}'"
    if context:
        msg += f"; the page's title is that of {'; '.join(context)}"
    return Discrepancy(paper.key, "title", kind, severity, a, b, msg, context)


def _venue_discrepancy(paper: Paper, rec: Record) -> Discrepancy | None:
    a, b = paper.venue.strip(), rec.venue.strip()
    if not a or not b or a == b:
        return None
    ca, cb = a.casefold(), b.casefold()
    if ca == cb:
        kind, severity = "case", "minor"
        msg = f"venue spelling/case: the page writes '{a}', the usual form is '{b}'"
    elif _VENUE_ALIASES.get(ca, ca) == _VENUE_ALIASES.get(cb, cb):
        kind, severity = "spelling", "minor"
        msg = f"venue name form: the page writes '{a}', the record '{b}' (same venue)"
    else:
        kind, severity = "different", "error"
        msg = f"venue: the page says '{a}', the published record '{b}'"
    return Discrepancy(paper.key, "venue", kind, severity, a, b, msg)


def _year_discrepancy(paper: Paper, rec: Record) -> Discrepancy | None:
    if not paper.year or not rec.year or paper.year == rec.year:
        return None
    context = tuple(_version_label(v) for v in rec.other_versions if v.year == paper.year)
    msg = f"year: the page says {paper.year}, the published record {rec.year}"
    if context:
        msg += f"; {paper.year} is the year of {'; '.join(context)}"
    return Discrepancy(paper.key, "year", "different", "error", str(paper.year),
                       str(rec.year), msg, context)


def find_discrepancies(
    syllabus: Syllabus, resolution: Resolution
) -> tuple[tuple[Discrepancy, ...], tuple[str, ...]]:
    """Differences between each page citation and its published record, and the keys
    that could not be checked (no published record)."""
    found: list[Discrepancy] = []
    unchecked: list[str] = []
    for paper in syllabus.papers:
        rec = resolution.get(paper.key)
        if rec is None or not rec.has_data:
            unchecked.append(paper.key)
            continue
        found.extend(_author_discrepancies(paper, rec))
        for check in (_title_discrepancy, _venue_discrepancy, _year_discrepancy):
            if (d := check(paper, rec)) is not None:
                found.append(d)
    return tuple(found), tuple(unchecked)


# --------------------------------------------------------------------------- focus topics

_STOP_WORDS = (
    "a about an and are as at based be beyond by can do does for from going how in into is it "
    "its many more much of on or other our over some than that the their these this to under "
    "use using via what when which while with without etc related concepts approaches methods "
    "results connection"
)
_STOP = frozenset(_STOP_WORDS.split())
_EXPAND = {
    "nns": "neural networks", "nn": "neural network", "sgd": "stochastic gradient descent",
    "ml": "machine learning", "rnn": "recurrent neural network", "dnn": "deep neural network",
    "ntk": "neural tangent kernel", "vc": "vapnik chervonenkis",
}

FOCUS_METHOD = (
    "suggested: TF-IDF cosine similarity between each focus topic's text and each paper's "
    "published and page title, topic title, topic question and area title (the last three "
    "weighted double; words lower-cased, "
    "abbreviations such as NNs/SGD expanded, stop words dropped, plural/-ing/-ed endings "
    "stripped, cut to 6 letters so generalisation = generalization; words found in "
    "more than half of the papers ignored); a paper is listed under "
    "a focus topic when its score is at least {threshold}, and always under its best-scoring "
    "focus topic if that scores above 0"
)
FOCUS_THRESHOLD = 0.15


def _stem(word: str) -> str:
    for suffix in ("ness", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:6]


def _terms(text: str) -> list[str]:
    words: list[str] = []
    for w in normalize_title(text).split():
        words.extend(_EXPAND.get(w, w).split())
    return [_stem(w) for w in words if w not in _STOP and len(w) > 1 and not w.isdigit()]


def _tfidf(docs: list[list[str]]) -> tuple[dict[str, float], list[dict[str, float]]]:
    n = len(docs)
    df = Counter(t for d in docs for t in set(d))
    # words in more than half of the papers ("neural", "network") say nothing about a focus
    idf = {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()
           if n < 4 or c <= n / 2}
    return idf, [_vector(d, idf) for d in docs]


def _vector(terms: list[str], idf: dict[str, float]) -> dict[str, float]:
    tf = Counter(t for t in terms if t in idf)
    vec = {t: (1.0 + math.log(c)) * idf[t] for t, c in tf.items()}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {t: v / norm for t, v in vec.items()} if norm else {}


def suggest_focus_map(
    syllabus: Syllabus, resolution: Resolution, *, threshold: float = FOCUS_THRESHOLD
) -> tuple[tuple[str, tuple[tuple[str, float], ...]], ...]:
    """A deterministic suggested mapping focus text -> ((paper key, score), ...)."""
    keys = [p.key for p in syllabus.papers]
    docs = []
    for p in syllabus.papers:
        rec = resolution.get(p.key)
        parts = [p.title, rec.title if rec is not None and rec.has_data else ""]
        for slug in syllabus.topics_of(p.key):
            t = syllabus.topic(slug)
            # the organiser's own grouping says most about a paper: count it twice
            parts += [t.title, t.question] * 2
            area = next((a.title for a in syllabus.areas if a.slug == t.area), "")
            parts += [area] * 2
        docs.append(_terms(" ".join(parts)))
    idf, vecs = _tfidf(docs)
    scores: dict[str, dict[str, float]] = {}
    for text in syllabus.seminar.focus_topics:
        q = _vector(_terms(text), idf)
        scores[text] = {k: round(sum(w * v.get(t, 0.0) for t, w in q.items()), 3)
                        for k, v in zip(keys, vecs, strict=True)}
    chosen: dict[str, set[str]] = {text: set() for text in scores}
    for k in keys:
        best = max(scores, key=lambda t, k=k: (scores[t][k], -list(scores).index(t)),
                   default=None)
        for text in scores:
            if scores[text][k] >= threshold:
                chosen[text].add(k)
        if best is not None and scores[best][k] > 0:
            chosen[best].add(k)
    return tuple(
        (text, tuple(sorted(((k, scores[text][k]) for k in chosen[text]),
                            key=lambda x: (-x[1], keys.index(x[0])))))
        for text in scores
    )


def _focus(syllabus: Syllabus, resolution: Resolution) -> tuple[tuple[FocusCoverage, ...], str]:
    talked = {t.paper for t in syllabus.talks}
    if syllabus.seminar.focus_map:
        mapping = {text: tuple((k, None) for k in ks) for text, ks in syllabus.seminar.focus_map}
        texts = list(syllabus.seminar.focus_topics) + [
            t for t in mapping if t not in syllabus.seminar.focus_topics]
        out = tuple(
            FocusCoverage(text, "syllabus", tuple(
                FocusPaper(k, s, k in talked, syllabus.topics_of(k))
                for k, s in mapping.get(text, ())))
            for text in texts
        )
        return out, "from the syllabus's focus_map"
    suggested = suggest_focus_map(syllabus, resolution)
    out = tuple(
        FocusCoverage(text, "suggested", tuple(
            FocusPaper(k, s, k in talked, syllabus.topics_of(k)) for k, s in pairs))
        for text, pairs in suggested
    )
    return out, FOCUS_METHOD.format(threshold=FOCUS_THRESHOLD)


# --------------------------------------------------------------------------- schedule


def _minutes(t: Talk) -> int:
    start = datetime.combine(t.date, t.start)
    end = datetime.combine(t.date, t.end)
    return int((end - start).total_seconds() // 60)


def check_schedule(syllabus: Syllabus) -> ScheduleReport:
    """Talks per day, overlaps, breaks between talks, and listed papers without a talk."""
    talks = sorted(syllabus.talks, key=lambda t: (t.date, t.start, t.end, t.paper))
    days: list[DaySchedule] = []
    overlaps: list[Overlap] = []
    breaks: list[Break] = []
    by_day: dict[str, list[Talk]] = {}
    for t in talks:
        by_day.setdefault(t.date.isoformat(), []).append(t)
    for day, items in by_day.items():
        days.append(DaySchedule(day, len(items), f"{items[0].start:%H:%M}",
                                f"{max(t.end for t in items):%H:%M}",
                                sum(_minutes(t) for t in items)))
        for i, a in enumerate(items):
            for b in items[i + 1:]:
                if b.start < a.end:
                    overlaps.append(Overlap(
                        day, a.paper, b.paper,
                        f"{a.paper} {a.start:%H:%M}-{a.end:%H:%M} overlaps "
                        f"{b.paper} {b.start:%H:%M}-{b.end:%H:%M}"))
        latest = items[0]
        for b in items[1:]:
            if b.start > latest.end:
                gap = int((datetime.combine(b.date, b.start)
                           - datetime.combine(b.date, latest.end)).total_seconds() // 60)
                breaks.append(Break(day, latest.paper, b.paper, f"{latest.end:%H:%M}",
                                    f"{b.start:%H:%M}", gap))
            if b.end > latest.end:
                latest = b
    counts = Counter(t.paper for t in talks)
    listed = [k for t in syllabus.topics for k in t.papers]
    return ScheduleReport(
        talks=len(talks),
        days=tuple(days),
        overlaps=tuple(overlaps),
        unscheduled=_order(syllabus, [k for k in listed if k not in counts]),
        repeated=_order(syllabus, [k for k, c in counts.items() if c > 1]),
        breaks=tuple(breaks),
        durations=tuple(sorted(Counter(_minutes(t) for t in talks).items())),
    )


# --------------------------------------------------------------------------- the report


def coverage_report(
    syllabus: Syllabus, resolution: Resolution, *, min_cited_by: int = GAP_MIN_CITED_BY
) -> Coverage:
    """The organisers' coverage report for a resolved syllabus (see the module docstring)."""
    edges = {(a, b) for a, b, _ in resolution.citation_edges() if a != b}
    talked = {t.paper for t in syllabus.talks}
    gaps = find_gaps(syllabus, resolution, min_cited_by=min_cited_by)
    refs_missing = tuple(p.key for p in syllabus.papers if not _refs_complete(resolution, p.key))

    topics = []
    for t in syllabus.topics:
        listed = tuple(dict.fromkeys(t.papers))
        mine = set(listed)
        cin = {(a, b) for a, b in edges if b in mine and a not in mine}
        cout = {(a, b) for a, b in edges if a in mine and b not in mine}
        internal = {(a, b) for a, b in edges if a in mine and b in mine}
        linked = {k for pair in cin | cout for k in pair} - mine
        connected = [o.slug for o in syllabus.topics
                     if o.slug != t.slug and linked & set(o.papers)]
        topics.append(TopicCoverage(
            slug=t.slug, title=t.title, area=t.area, question=t.question,
            listed=listed,
            scheduled=tuple(k for k in listed if k in talked),
            unscheduled=tuple(k for k in listed if k not in talked),
            unresolved=tuple(k for k in listed if _unresolved(resolution, k)),
            ambiguous=tuple(k for k in listed if (r := resolution.get(k)) is not None
                            and r.status == "ambiguous"),
            citations_in=len(cin), citations_out=len(cout), citations_internal=len(internal),
            connected_topics=tuple(connected),
            references_missing=tuple(k for k in listed if k in refs_missing),
            years=_span([_year(syllabus, resolution, k) for k in listed]),
            gaps=tuple(g for g in gaps if mine & set(g.cited_by)),
        ))

    areas = []
    for a in syllabus.areas:
        mine_t = [tc for tc in topics if tc.area == a.slug]
        listed = tuple(dict.fromkeys(k for tc in mine_t for k in tc.listed))
        mine = set(listed)
        areas.append(AreaCoverage(
            slug=a.slug, title=a.title, topics=tuple(tc.slug for tc in mine_t), listed=listed,
            scheduled=tuple(k for k in listed if k in talked),
            unscheduled=tuple(k for k in listed if k not in talked),
            unresolved=tuple(k for k in listed if _unresolved(resolution, k)),
            citations_in=len({(x, y) for x, y in edges if y in mine and x not in mine}),
            citations_out=len({(x, y) for x, y in edges if x in mine and y not in mine}),
            years=_span([_year(syllabus, resolution, k) for k in listed]),
        ))

    discrepancies, unchecked = find_discrepancies(syllabus, resolution)
    focus, method = _focus(syllabus, resolution)
    return Coverage(
        seminar=syllabus.seminar.title,
        areas=tuple(areas),
        topics=tuple(topics),
        focus_topics=focus,
        focus_method=method,
        gaps=gaps,
        gap_min_cited_by=min_cited_by,
        references_missing=refs_missing,
        discrepancies=discrepancies,
        unchecked=unchecked,
        schedule=check_schedule(syllabus),
        papers=tuple(p.key for p in syllabus.papers),
    )


# --------------------------------------------------------------------------- formats

FORMATS = ("table", "markdown", "csv", "json")


def _gap_json(g: Gap) -> dict:
    return {"title": g.title, "year": g.year, "cited_by": list(g.cited_by), "count": g.count,
            "s2_id": g.s2_id, "arxiv": g.arxiv, "doi": g.doi, "authors": list(g.authors),
            "citation_count": g.citation_count}


def coverage_json(cov: Coverage) -> dict:
    """The report as plain JSON values (the shape documented for ``--format json``)."""
    s = cov.schedule
    return {
        "seminar": cov.seminar,
        "definitions": dict(cov.definitions),
        "areas": [
            {"slug": a.slug, "title": a.title, "topics": list(a.topics), "listed": list(a.listed),
             "scheduled": list(a.scheduled), "unscheduled": list(a.unscheduled),
             "unresolved": list(a.unresolved), "citations_in": a.citations_in,
             "citations_out": a.citations_out, "years": list(a.years)}
            for a in cov.areas
        ],
        "topics": [
            {"slug": t.slug, "title": t.title, "area": t.area, "question": t.question,
             "listed": list(t.listed), "scheduled": list(t.scheduled),
             "unscheduled": list(t.unscheduled), "unresolved": list(t.unresolved),
             "ambiguous": list(t.ambiguous), "citations_in": t.citations_in,
             "citations_out": t.citations_out, "citations_internal": t.citations_internal,
             "connected_topics": list(t.connected_topics),
             "references_missing": list(t.references_missing), "years": list(t.years),
             "gaps": [_gap_json(g) for g in t.gaps]}
            for t in cov.topics
        ],
        "focus_topics": [
            {"text": f.text, "source": f.source,
             "papers": [{"key": p.key, "score": p.score, "scheduled": p.scheduled,
                         "topics": list(p.topics)} for p in f.papers]}
            for f in cov.focus_topics
        ],
        "focus_method": cov.focus_method,
        "gaps": [_gap_json(g) for g in cov.gaps],
        "gaps_min_cited_by": cov.gap_min_cited_by,
        "references_missing": list(cov.references_missing),
        "discrepancies": [
            {"key": d.key, "field": d.field, "kind": d.kind, "severity": d.severity,
             "page": d.page, "record": d.record, "message": d.message,
             "context": list(d.context)}
            for d in cov.discrepancies
        ],
        "discrepancies_unchecked": list(cov.unchecked),
        "schedule": {
            "talks": s.talks,
            "days": [{"date": d.date, "talks": d.talks, "first": d.first, "last": d.last,
                      "minutes": d.minutes} for d in s.days],
            "overlaps": [{"date": o.date, "first": o.first, "second": o.second,
                          "detail": o.detail} for o in s.overlaps],
            "unscheduled": list(s.unscheduled),
            "repeated": list(s.repeated),
            "breaks": [{"date": b.date, "after": b.after, "before": b.before, "start": b.start,
                        "end": b.end, "minutes": b.minutes} for b in s.breaks],
            "durations": {str(m): n for m, n in s.durations},
        },
    }


def _years(y: tuple[int | None, int | None]) -> str:
    if y[0] is None:
        return "-"
    return str(y[0]) if y[0] == y[1] else f"{y[0]}-{y[1]}"


def _keys(keys: tuple[str, ...]) -> str:
    return ", ".join(keys) if keys else "-"


def _gap_note(cov: Coverage) -> str:
    if not cov.references_missing:
        return ""
    n, total = len(cov.references_missing), len(cov.papers)
    return (f"Reference lists are incomplete or unknown for {n} of {total} papers "
            f"({', '.join(cov.references_missing)}): gaps they would add are not shown, so "
            f"an empty or short list does not mean there are no gaps.")


def _topic_gap_line(t: TopicCoverage, cov: Coverage, limit: int = 5) -> str:
    if t.gaps:
        shown = "; ".join(f"{g.title} ({g.year or 'n.d.'}, cited by {g.count})"
                          for g in t.gaps[:limit])
        more = f"; and {len(t.gaps) - limit} more" if len(t.gaps) > limit else ""
        return shown + more
    if set(t.listed) <= set(cov.references_missing):
        return "unknown (no reference list for " + ", ".join(t.listed) + ")"
    return "none found" + (" (references missing for " + ", ".join(t.references_missing) + ")"
                           if t.references_missing else "")


def _area_title(cov: Coverage, slug: str) -> str:
    return next((a.title for a in cov.areas if a.slug == slug), slug)


def _md(text: object) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md_table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(_md(h) for h in header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return lines


def coverage_markdown(cov: Coverage, *, gap_limit: int = 25) -> str:
    """GitHub-flavoured Markdown: headings and pipe tables."""
    out: list[str] = [f"# Coverage report: {cov.seminar}", ""]
    out += [
        "*Citations in/out* count citation pairs between seminar papers of **different** "
        "topics: *in* = a paper of another topic cites this topic, *out* = this topic cites "
        "another topic; *internal* = both papers in the topic. Where a paper's reference "
        "list is unknown these are lower bounds.", "",
        "## Topics", "",
    ]
    out += _md_table(
        ["Area", "Topic", "Listed", "Talks", "Without talk", "Unresolved", "Cit. in",
         "Cit. out", "Internal", "Years"],
        [[_area_title(cov, t.area), f"{t.title} (`{t.slug}`)", _keys(t.listed), len(t.scheduled),
          _keys(t.unscheduled), _keys(t.unresolved), t.citations_in, t.citations_out,
          t.citations_internal, _years(t.years)] for t in cov.topics],
    )
    out += ["", "## Areas", ""]
    out += _md_table(
        ["Area", "Topics", "Listed", "Talks", "Without talk", "Unresolved", "Cit. in",
         "Cit. out", "Years"],
        [[a.title, len(a.topics), len(a.listed), len(a.scheduled), _keys(a.unscheduled),
          _keys(a.unresolved), a.citations_in, a.citations_out, _years(a.years)]
         for a in cov.areas],
    )
    out += ["", "## Focus topics", "", cov.focus_method[0].upper() + cov.focus_method[1:] + ".",
            ""]
    out += _md_table(
        ["Focus topic", "Source", "Papers", "With a talk"],
        [[f.text, f.source,
          ", ".join(p.key + (f" ({p.score:.2f})" if p.score is not None else "")
                    for p in f.papers) or "-",
          f"{sum(p.scheduled for p in f.papers)} of {len(f.papers)}"]
         for f in cov.focus_topics],
    )
    mapped = {p.key for f in cov.focus_topics for p in f.papers}
    if cov.focus_topics:
        lost = [k for k in cov.papers if k not in mapped]
        out += ["", "Papers under no focus topic: " + (", ".join(lost) if lost else "none") + "."]
    out += ["", f"## Gaps: cited by at least {cov.gap_min_cited_by} seminar papers, not listed",
            ""]
    if note := _gap_note(cov):
        out += [f"> {note}", ""]
    if cov.gaps:
        shown = cov.gaps[:gap_limit]
        out += _md_table(
            ["#", "Paper", "Year", "Cited by", "Count", "Citations", "Id"],
            [[i, g.title, g.year or "-", ", ".join(g.cited_by), g.count,
              g.citation_count if g.citation_count is not None else "-",
              f"S2 {g.s2_id}" if g.s2_id else (f"arXiv {g.arxiv}" if g.arxiv else "-")]
             for i, g in enumerate(shown, start=1)],
        )
        if len(cov.gaps) > gap_limit:
            out += ["", f"… and {len(cov.gaps) - gap_limit} more (see `--format json`)."]
    else:
        out += ["No gaps found in the known reference lists."]
    out += ["", "### Per topic", ""]
    out += _md_table(["Topic", "Gaps (cited by ≥2 seminar papers, one of them in the topic)"],
                     [[t.title, _topic_gap_line(t, cov)] for t in cov.topics])
    out += ["", "## Discrepancies between the page and the published records", ""]
    if cov.discrepancies:
        out += _md_table(
            ["Paper", "Field", "Kind", "Page", "Record", "What to correct or know"],
            [[", ".join(keys), d.field, d.kind + ("" if d.severity == "error" else " (minor)"),
              d.page, d.record, d.message] for keys, d in _grouped(cov.discrepancies)],
        )
        background = [(d.key, c) for d in cov.discrepancies for c in d.context
                      if c not in d.message]
        if background:
            out += ["", "Background from the published records:", ""]
            out += [f"- **{k}**: {_md(c)}" for k, c in dict.fromkeys(background)]
    else:
        out += ["None."]
    if cov.unchecked:
        out += ["", "Not checked (no published record): " + ", ".join(cov.unchecked) + "."]
    out += ["", "## Schedule", ""]
    s = cov.schedule
    out += _md_table(["Day", "Talks", "From", "To", "Minutes of talks"],
                     [[d.date, d.talks, d.first, d.last, d.minutes] for d in s.days])
    out += [""]
    out += _schedule_lines(s)
    return "\n".join(out) + "\n"


def _grouped(items: tuple[Discrepancy, ...]) -> list[tuple[list[str], Discrepancy]]:
    """Minor discrepancies that are the same for several papers ("Neurips" -> "NeurIPS")
    collapse into one row; everything else stays one row per paper."""
    rows: list[tuple[list[str], Discrepancy]] = []
    seen: dict[tuple[str, str, str, str], int] = {}
    for d in items:
        sig = (d.field, d.kind, d.page, d.record)
        if d.severity == "minor" and d.field == "venue" and sig in seen:
            rows[seen[sig]][0].append(d.key)
            continue
        seen.setdefault(sig, len(rows))
        rows.append(([d.key], d))
    return rows


def _schedule_lines(s: ScheduleReport) -> list[str]:
    lines = [f"- {_n(s.talks, 'talk')} on {_n(len(s.days), 'day')}; lengths: "
             + (", ".join(f"{n} x {m} min" for m, n in s.durations) or "-") + "."]
    lines.append("- Overlapping talks: "
                 + ("; ".join(o.detail for o in s.overlaps) if s.overlaps else "none") + ".")
    lines.append("- Listed papers without a talk: "
                 + (", ".join(s.unscheduled) if s.unscheduled else "none") + ".")
    if s.repeated:
        lines.append("- Papers with more than one talk: " + ", ".join(s.repeated) + ".")
    lines.append("- Breaks between talks: " + ("; ".join(
        f"{b.date} {b.start}-{b.end} ({b.minutes} min, after {b.after})" for b in s.breaks)
        if s.breaks else "none (talks follow each other directly)") + ".")
    return lines


def coverage_csv(cov: Coverage) -> str:
    """One row per topic (the main table); lists are joined with ';'."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["area", "topic", "title", "listed", "scheduled", "unscheduled", "unresolved",
                "citations_in", "citations_out", "citations_internal", "connected_topics",
                "references_missing", "year_min", "year_max", "gaps"])
    for t in cov.topics:
        w.writerow([t.area, t.slug, t.title, ";".join(t.listed), ";".join(t.scheduled),
                    ";".join(t.unscheduled), ";".join(t.unresolved), t.citations_in,
                    t.citations_out, t.citations_internal, ";".join(t.connected_topics),
                    ";".join(t.references_missing),
                    "" if t.years[0] is None else t.years[0],
                    "" if t.years[1] is None else t.years[1], len(t.gaps)])
    return buf.getvalue()


def _n(count: int, noun: str) -> str:
    """``1 talk``, ``2 talks``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def coverage_table(cov: Coverage, *, width: int = 100, gap_limit: int = 10) -> str:
    """Rich tables rendered as plain text no wider than ``width`` columns."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=io.StringIO(), width=width, color_system=None, force_terminal=False,
                      legacy_windows=False, emoji=False, highlight=False, markup=False)

    def table(columns: list[tuple[str, dict]]) -> Table:
        tb = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
        for name, opts in columns:
            tb.add_column(name, overflow="fold", **opts)
        return tb

    def emit(title: str, tb: Table, empty: str = "none") -> None:
        """A section: its heading on a line of its own, then the table or ``(empty)``."""
        console.print(Text(f"\n{title}"))
        console.print(tb if tb.row_count else Text(f"  ({empty})"))

    console.print(Text(f"Coverage: {cov.seminar}"))
    tb = table([("Topic", {"ratio": 3}), ("Listed", {"justify": "right"}),
                          ("Talks", {"justify": "right"}),
                          ("Without talk", {"ratio": 2, "min_width": 23}),
                          ("Unres.", {"justify": "right"}), ("In", {"justify": "right"}),
                          ("Out", {"justify": "right"}), ("Years", {})])
    for t in cov.topics:
        tb.add_row(t.title, str(len(t.listed)), str(len(t.scheduled)), _keys(t.unscheduled),
                   str(len(t.unresolved)), str(t.citations_in), str(t.citations_out),
                   _years(t.years))
    emit("Topics", tb)
    console.print(Text("In/Out: citations from/to papers of OTHER topics (lower bounds where "
                       "reference lists are missing)."))
    tb = table([("Area", {"ratio": 3}), ("Topics", {"justify": "right"}),
                         ("Listed", {"justify": "right"}), ("Talks", {"justify": "right"}),
                         ("Unres.", {"justify": "right"}), ("In", {"justify": "right"}),
                         ("Out", {"justify": "right"}), ("Years", {})])
    for a in cov.areas:
        tb.add_row(a.title, str(len(a.topics)), str(len(a.listed)), str(len(a.scheduled)),
                   str(len(a.unresolved)), str(a.citations_in), str(a.citations_out),
                   _years(a.years))
    emit("Areas", tb)
    tb = table([("Focus topic", {"ratio": 2}), ("Papers", {"ratio": 3}),
                                ("Talks", {"justify": "right"})])
    for f in cov.focus_topics:
        tb.add_row(f.text, ", ".join(p.key for p in f.papers) or "-",
                   f"{sum(p.scheduled for p in f.papers)}/{len(f.papers)}")
    emit("Focus topics", tb, empty="the syllabus names no focus topics")
    if cov.focus_topics:
        console.print(Text(cov.focus_method[0].upper() + cov.focus_method[1:] + "."))
    tb = table([("Paper", {"ratio": 4}), ("Year", {}), ("N", {"justify": "right"}),
                ("Cited by", {"ratio": 3})])
    for g in cov.gaps[:gap_limit]:
        tb.add_row(g.title, str(g.year or "-"), str(g.count), ", ".join(g.cited_by))
    emit(f"Gaps: not listed, cited by >= {cov.gap_min_cited_by} seminar papers", tb)
    if len(cov.gaps) > gap_limit:
        console.print(Text(f"... and {len(cov.gaps) - gap_limit} more (--format json)."))
    if note := _gap_note(cov):
        console.print(Text(note))
    tb = table([("Paper", {}), ("Field", {}), ("Kind", {}), ("What to know", {"ratio": 1})])
    for keys, d in _grouped(cov.discrepancies):
        tb.add_row("\n".join(keys), d.field, d.kind + ("" if d.severity == "error" else "*"),
                   d.message)
    emit("Discrepancies (page vs published record)", tb)
    console.print(Text("* minor: same thing written differently."
                       + (f" Not checked: {', '.join(cov.unchecked)}." if cov.unchecked
                          else "")))
    console.print(Text("\nSchedule"))
    for line in _schedule_lines(cov.schedule):
        console.print(Text(line))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def format_coverage(cov: Coverage, fmt: str = "table", *, width: int = 100) -> str:
    """The report as text in one of :data:`FORMATS`."""
    if fmt == "table":
        return coverage_table(cov, width=width)
    if fmt == "markdown":
        return coverage_markdown(cov)
    if fmt == "csv":
        return coverage_csv(cov)
    if fmt == "json":
        return json.dumps(coverage_json(cov), indent=2, ensure_ascii=False) + "\n"
    raise PapergraphError(f"unknown format '{fmt}': choose one of {', '.join(FORMATS)}")


def write_coverage(syllabus: Syllabus, resolution: Resolution, out: str | Path) -> Path:
    """Write ``OUT/graphs/coverage.md`` (for ``papergraph build``); returns its path."""
    return write_output(Path(out) / "graphs" / "coverage.md",
                        coverage_markdown(coverage_report(syllabus, resolution)))
