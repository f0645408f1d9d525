"""Discrepancies: where the page's citation of a paper differs from its published record."""

from __future__ import annotations

import re

from ..models import (
    Paper,
    Record,
    Resolution,
    Syllabus,
    Version,
    normalize_title,
    surname,
)
from .model import Discrepancy

_VENUE_ALIASES = {
    "nips": "neurips",
    "advances in neural information processing systems": "neurips",
    "international conference on machine learning": "icml",
    "conference on learning theory": "colt",
    "international conference on learning representations": "iclr",
}


def _name_parts(name: str) -> tuple[str, list[str]]:
    """(normalised surname, normalised given-name words) of a display name."""
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
    """The page's authors against the record's, matched by surname: names the record
    lacks, other forms of a name, authors the page omits, and another order."""
    if not rec.authors or not paper.authors or paper.authors == rec.authors:
        return []  # (the same list: each name meets itself, in order)
    page_s = _fmt_authors(paper.authors, paper.et_al)
    rec_s = _fmt_authors(rec.authors)
    out: list[Discrepancy] = []
    rec_parts = [_name_parts(a) for a in rec.authors]
    used: set[int] = set()
    matched: list[tuple[int, int]] = []  # (page index, record index)
    for i, name in enumerate(paper.authors):
        last, given = _name_parts(name)
        j = next((j for j, (rl, _) in enumerate(rec_parts) if rl == last and j not in used), None)
        if j is None:
            out.append(_not_an_author(paper, rec, name, last, page_s, rec_s))
            continue
        used.add(j)
        matched.append((i, j))
        form = _other_name_form(paper, name, given, rec.authors[j], rec_parts[j][1])
        if form is not None:
            out.append(form)
    missing = [rec.authors[j] for j in range(len(rec.authors)) if j not in used]
    if missing:
        out.append(_missing_authors(paper, rec, missing, page_s, rec_s))
    rec_order = [j for _, j in sorted(matched)]
    if rec_order != sorted(rec_order):
        msg = f"the page gives the authors in another order than the record ({rec_s})"
        out.append(Discrepancy(paper.key, "authors", "order", "error", page_s, rec_s, msg))
    return out


def _not_an_author(paper: Paper, rec: Record, name: str, last: str, page_s: str,
                   rec_s: str) -> Discrepancy:
    """The page lists ``name`` (surname ``last``), whom the record does not: say which
    other versions of the paper do list them, if any."""
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
    return Discrepancy(
        paper.key, "authors", "not_author", "error", page_s, rec_s, msg,
        tuple(listed) + tuple(noted) + _notes_about(rec, [last]),
    )


def _other_name_form(paper: Paper, name: str, given: list[str], rec_name: str,
                     rec_given: list[str]) -> Discrepancy | None:
    """The page's ``name`` against the record's ``rec_name`` of the same surname: None
    when the given names agree."""
    form = _same_given(given, rec_given)
    if form == "same":
        return None
    kind = "name_form" if form == "name_form" else "different"
    severity = "minor" if kind == "name_form" else "error"
    msg = (f"the page writes '{name}', the record '{rec_name}'"
           + (" (same author, another form of the name)" if kind == "name_form"
              else " (same surname, different given name: check)"))
    return Discrepancy(paper.key, "authors", kind, severity, name, rec_name, msg)


def _missing_authors(paper: Paper, rec: Record, names: list[str], page_s: str,
                     rec_s: str) -> Discrepancy:
    """Authors of the record the page does not list: shortened with "et al.", or omitted."""
    if paper.et_al:
        msg = (f"the page shortens the author list to '{page_s}'; the record lists "
               f"{len(rec.authors)} authors: {rec_s}")
        return Discrepancy(
            paper.key, "authors", "et_al", "minor", page_s, rec_s, msg,
            _notes_about(rec, [_name_parts(n)[0] for n in names] + ["author order"]),
        )
    msg = (f"the page omits {', '.join(names)}, an author of the published record "
           f"({rec_s})" if len(names) == 1 else
           f"the page omits {', '.join(names)}, authors of the published record "
           f"({rec_s})")
    return Discrepancy(paper.key, "authors", "missing_author", "error", page_s,
                       rec_s, msg, _notes_about(rec, [_name_parts(n)[0] for n in names]))


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
