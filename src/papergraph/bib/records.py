"""The published record of each paper as a format-independent entry (:class:`BibRecord`).

* **Which record**: the published record of the venue the syllabus names (``Record``).
  A syllabus may pin ``version = "article"`` (any ``Version.kind``) to cite that version
  from ``Record.other_versions`` instead. A paper that was not resolved is written from
  the page's own citation, as ``@misc`` with a ``note`` that says so.
* **Never invented**: a field missing from the record stays missing. The only derived
  values are (a) page ranges written with ``--``, (b) ``howpublished = {arXiv:ID}`` for
  arXiv-only entries, built from the arXiv id, and (c) the booktitle of a conference
  paper whose record has none, expanded from its venue acronym by the explicit
  :data:`~.proceedings.VENUE_NAMES` table; ``--explain`` shows that source for each.
* **Safe**: every value passes :func:`~.values.safe_fields` before it is kept.
"""

from __future__ import annotations

import re

from ..errors import PapergraphError
from ..identifiers import key_problem
from ..models import Paper, Record, Resolution, Syllabus, normalize_title
from .keys import KeyStyle, keys_with_sources
from .model import BibField, BibRecord, record_for
from .names import clean_name
from .proceedings import (
    VENUE_NAMES,
    Volume,
    conference_acronym,
    from_volume,
    volume_of,
    volume_source,
)
from .values import DERIVED_FROM_ARXIV, safe_fields

UNRESOLVED_NOTE = "Unresolved: citation as given on the seminar page"


def _prov(rec: Record, name: str) -> str:
    p = rec.source_of(name)
    if p is None:
        return f"record ({rec.status}, no provenance given)"
    return " ".join(x for x in (p.source, p.date, f"({p.detail})" if p.detail else "") if x)


def _pages(pages: str) -> str:
    m = re.fullmatch(r"\s*([\w:.]+)\s*[-\u2010-\u2015]+\s*([\w:.]+)\s*", pages)
    return f"{m.group(1)}--{m.group(2)}" if m else pages.strip()


def _add(out: list[BibField], name: str, value: object, source: str) -> None:
    if value not in (None, "", ()):
        out.append(BibField(name, str(value), source))


def _published(rec: Record) -> tuple[str, list[BibField], tuple[str, ...], list[str]]:
    etype = rec.entry_type if rec.entry_type in ("inproceedings", "article") else "misc"
    type_note = ""
    acronym = conference_acronym(rec.venue) if rec.venue else None
    if etype == "misc" and (rec.booktitle or acronym):
        # no dblp entry type (e.g. Semantic Scholar metadata only) but a conference venue
        etype = "inproceedings"
        type_note = "; entry type from the conference venue (the record gives none)"
    volume = volume_of(rec, acronym) if etype == "inproceedings" else None
    out: list[BibField] = []
    _add(out, "author", " and ".join(map(clean_name, rec.authors)), _prov(rec, "authors"))
    _add(out, "title", rec.title, _prov(rec, "title"))
    if etype == "inproceedings":
        out.extend(_booktitle(rec, acronym, volume, type_note))
    elif etype == "article":
        _add(out, "journal", rec.journal or rec.venue,
             _prov(rec, "journal" if rec.journal else "venue"))
    _add(out, "year", rec.year, _prov(rec, "year"))
    editors = tuple(map(clean_name, rec.editors)) or (volume.editors if volume else ())
    for name, value in (("editor", " and ".join(map(clean_name, rec.editors))),
                        ("series", rec.series), ("volume", rec.volume), ("number", rec.number)):
        _add(out, name, value, _prov(rec, "editors" if name == "editor" else name))
        if not value and volume and (known := from_volume(volume, name)):
            _add(out, name, known, volume_source(volume))
    _add(out, "pages", _pages(rec.pages), _prov(rec, "pages"))
    _add(out, "publisher", rec.publisher or (volume.publisher if volume else ""),
         _prov(rec, "publisher") if rec.publisher or not volume else volume_source(volume))
    if etype == "misc" and rec.venue and normalize_title(rec.venue) not in ("arxiv", "corr"):
        _add(out, "howpublished", rec.venue, _prov(rec, "venue"))
    elif etype == "misc" and rec.arxiv:
        _add(out, "howpublished", f"arXiv:{rec.arxiv}", DERIVED_FROM_ARXIV)
    _add(out, "doi", rec.doi, _prov(rec, "doi"))
    _add(out, "url", rec.url, _prov(rec, "url"))
    _add(out, "eprint", rec.arxiv, _prov(rec, "arxiv"))
    if rec.arxiv:
        _add(out, "archiveprefix", "arXiv", "fixed: the eprint is an arXiv id")
    usual = {"inproceedings": ("booktitle", "pages", "publisher", "doi"),
             "article": ("journal", "volume", "pages", "doi"), "misc": ("doi",)}[etype]
    have = {f.name for f in out}
    missing = [n for n in ("author", "title", "year", *usual) if n not in have]
    return etype, out, editors, missing


def _booktitle(rec: Record, acronym: str | None, volume: Volume | None,
               type_note: str) -> list[BibField]:
    """The booktitle of a conference paper: the record's; the proceedings table's for a
    volume it knows (also replacing another known name of that volume, so that all its
    papers read alike); else the venue's name, expanded by :data:`VENUE_NAMES`."""
    out: list[BibField] = []
    if volume is not None and (not rec.booktitle or rec.booktitle != volume.booktitle):
        was = (f"; replaces the record's {rec.booktitle!r} ({_prov(rec, 'booktitle')}), "
               "another name of the same volume" if rec.booktitle else "")
        _add(out, "booktitle", volume.booktitle,
             volume_source(volume).removesuffix("; the record has none") + was + type_note)
    elif rec.booktitle:
        _add(out, "booktitle", rec.booktitle, _prov(rec, "booktitle") + type_note)
    elif rec.venue:
        full = VENUE_NAMES.get(acronym or "")
        short = rec.venue if rec.venue.upper() in VENUE_NAMES else acronym
        if full and full != short:
            value = f"{full} ({short})" if short and short.upper() != full.upper() else full
            if acronym in ("NEURIPS", "NIPS"):
                value = full  # "Advances in ..." is the proceedings' own name
            _add(out, "booktitle", value,
                 f"papergraph VENUE_NAMES table, expanding venue {rec.venue!r} from "
                 f"{_prov(rec, 'venue')}; the record has no booktitle" + type_note)
        else:
            _add(out, "booktitle", rec.venue,
                 f"the record's venue name ({_prov(rec, 'venue')}); the record has no booktitle")
    return out


def _version(rec: Record, kind: str) -> tuple[str, list[BibField], tuple[str, ...], list[str]]:
    v = next(v for v in rec.other_versions if v.kind == kind)
    src = f"Record.other_versions[{kind}] ({_prov(rec, 'other_versions')})"
    etype = "article" if v.journal else "misc"
    out: list[BibField] = []
    _add(out, "author", " and ".join(map(clean_name, v.authors or rec.authors)),
         src if v.authors else _prov(rec, "authors") + " (the version lists no authors)")
    _add(out, "title", v.title or rec.title,
         src if v.title else _prov(rec, "title") + " (the version gives no title)")
    _add(out, "journal", v.journal, src)
    _add(out, "year", v.year, src)
    for name in ("volume", "number"):
        _add(out, name, getattr(v, name), src)
    _add(out, "pages", _pages(v.pages), src)
    arxiv = v.arxiv or (rec.arxiv if etype == "misc" else None)
    if etype == "misc" and arxiv:
        _add(out, "howpublished", f"arXiv:{arxiv}", DERIVED_FROM_ARXIV)
    _add(out, "url", v.url, src)
    _add(out, "eprint", arxiv or rec.arxiv, src if v.arxiv else _prov(rec, "arxiv"))
    if arxiv or rec.arxiv:
        _add(out, "archiveprefix", "arXiv", "fixed: the eprint is an arXiv id")
    _add(out, "note", v.note if etype == "article" else "", src)
    have = {f.name for f in out}
    usual = ("journal", "volume", "pages") if etype == "article" else ()
    missing = [n for n in ("author", "title", "year", *usual) if n not in have]
    return etype, out, (), missing


def _from_page(paper: Paper, source: str) -> tuple[str, list[BibField], tuple[str, ...], list[str]]:
    src = f"page (the syllabus's citation, {source or 'syllabus'})"
    authors = paper.authors + (("others",) if paper.et_al else ())
    out: list[BibField] = []
    _add(out, "author", " and ".join(authors), src)
    _add(out, "title", paper.title, src)
    _add(out, "year", paper.year, src)
    _add(out, "howpublished", paper.venue, src)
    _add(out, "doi", paper.doi, src)
    _add(out, "eprint", paper.arxiv, src)
    if paper.arxiv:
        _add(out, "archiveprefix", "arXiv", "fixed: the eprint is an arXiv id")
    _add(out, "note", UNRESOLVED_NOTE, "papergraph: the paper was not resolved")
    missing = [n for n in ("author", "title", "year") if not any(f.name == n for f in out)]
    return "misc", out, (), missing


def bib_records(
    syllabus: Syllabus, resolution: Resolution, *, key_style: KeyStyle = "scholar"
) -> tuple[BibRecord, ...]:
    """Every syllabus paper's entry (syllabus order), format-independent."""
    keys = keys_with_sources(syllabus, resolution, key_style)
    out = []
    for paper in syllabus.papers:
        rec = record_for(paper, resolution)
        notes: list[str] = []
        if rec.has_data and paper.version:
            kinds = [v.kind for v in rec.other_versions]
            if paper.version in kinds:
                etype, fields, editors, missing = _version(rec, paper.version)
                origin = f"version:{paper.version}"
            else:
                notes.append(f"{paper.key}: pinned version {paper.version!r} is not among the "
                             f"record's versions ({', '.join(sorted(set(kinds))) or 'none'}); "
                             "citing the published record")
                etype, fields, editors, missing = _published(rec)
                origin = "published"
        elif rec.has_data:
            etype, fields, editors, missing = _published(rec)
            origin = "published"
        else:
            etype, fields, editors, missing = _from_page(paper, syllabus.source)
            origin = "page"
        fields, refused = safe_fields(paper.key, fields)
        notes.extend(refused)
        authors = tuple(a for a in (fields[0].value.split(" and ")
                                    if fields and fields[0].name == "author" else ()))
        ckey, ksrc = keys[paper.key]
        if key_style == "dblp" and rec.dblp and ksrc.startswith("scholar") and (
                problem := key_problem(rec.dblp, "dblp key")) is not None:
            notes.append(f"{paper.key}: the record's {problem}; using {ckey}")
        out.append(BibRecord(
            paper=paper.key, key=ckey, entry_type=etype, fields=tuple(fields),
            authors=authors, editors=editors, origin=origin, key_source=ksrc,
            missing=tuple(missing), notes=tuple(notes),
        ))
    return tuple(out)


def select_records(
    syllabus: Syllabus,
    resolution: Resolution,
    *,
    topic: str | None = None,
    key_style: KeyStyle = "scholar",
) -> tuple[BibRecord, ...]:
    """The entries of one topic (by slug) or of every paper."""
    records = bib_records(syllabus, resolution, key_style=key_style)
    if topic is None:
        return records
    try:
        wanted = set(syllabus.topic(topic).papers)
    except KeyError:
        slugs = ", ".join(t.slug for t in syllabus.topics)
        raise PapergraphError(f"no topic {topic!r} in the syllabus (topics: {slugs})") from None
    return tuple(r for r in records if r.paper in wanted)
