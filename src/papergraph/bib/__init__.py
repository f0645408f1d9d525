"""Stage 3: BibTeX (and biblatex, CSL-JSON) entries for the syllabus's papers.

The pipeline has two steps, so every output format says the same thing:

1. :func:`bib_records` turns each paper's :class:`~papergraph.models.Record` into a
   :class:`BibRecord`: the entry type, its citation key and its fields as **plain Unicode
   text**, each field with the source it came from (for ``papergraph bib --explain``).
2. A renderer writes them: :func:`render_bibtex` (BibTeX or biblatex: names parsed by
   pybtex, every value in braces; LaTeX-escaped by default, UTF-8 with ``unicode=True``) or
   :func:`papergraph.csl.render_csl_json` (for pandoc and Zotero).

Rules the entries follow:

* **Which record**: the published record of the venue the syllabus names (``Record``).
  A syllabus may pin ``version = "article"`` (any ``Version.kind``) to cite that version
  from ``Record.other_versions`` instead. A paper that was not resolved is written from
  the page's own citation, as ``@misc`` with a ``note`` that says so.
* **Never invented**: a field missing from the record stays missing. The only derived
  values are (a) page ranges written with ``--``, (b) ``howpublished = {arXiv:ID}`` for
  arXiv-only entries, built from the arXiv id, and (c) the booktitle of a conference
  paper whose record has none, expanded from its venue acronym by the explicit
  :data:`VENUE_NAMES` table; ``--explain`` shows that source for each of them.
* **Keys**: a pinned ``citekey`` always wins; ``key_style="dblp"`` gives ``DBLP:<key>``
  where the record has a dblp key; otherwise a Google-Scholar-like key
  ``<surname><year><first significant title word>`` (see :func:`scholar_key`),
  with ``a``, ``b``, ... appended to colliding keys in the order of their titles.
"""

from __future__ import annotations

import re
from pathlib import Path

from pybtex.database import Person

from ..errors import InputError, PapergraphError, Problem
from ..files import output_file, remove_output, write_output
from ..identifiers import key_problem
from ..models import Paper, Record, Resolution, Syllabus, normalize_title, surname
from ..perf import without_gc_pauses
from .keys import (
    KEY_STYLES,
    STOPWORDS,
    KeyStyle,
    ascii_fold,
    citation_keys,
    keys_with_sources,
    scholar_key,
)
from .latex import latex_text, latex_title, latex_verbatim
from .model import PERSON_FIELDS, BibField, BibRecord, record_for
from .proceedings import (
    VENUE_NAMES,
    Volume,
    conference_acronym,
    from_volume,
    volume_of,
    volume_source,
)
from .values import MAX_FIELD, one_line, safe_fields

__all__ = [
    "FIELD_ORDER",
    "FORMATS",
    "GENERATED_MARK",
    "KEY_STYLES",
    "MAX_FIELD",
    "NAME_FIELDS",
    "PERSON_FIELDS",
    "STOPWORDS",
    "UNRESOLVED_NOTE",
    "VENUE_NAMES",
    "VERBATIM_FIELDS",
    "BibField",
    "BibRecord",
    "KeyStyle",
    "ascii_fold",
    "bib_records",
    "bibtex_entries",
    "check_own_bibtex",
    "citation_keys",
    "conference_acronym",
    "entries_of",
    "entry_text",
    "explain",
    "latex_text",
    "latex_title",
    "one_line",
    "page_differences",
    "render",
    "render_bibtex",
    "safe_fields",
    "scholar_key",
    "select_records",
    "write_bibtex",
]

FORMATS = ("bibtex", "biblatex", "csl-json")

UNRESOLVED_NOTE = "Unresolved: citation as given on the seminar page"

# The order fields are written in (others follow alphabetically).
FIELD_ORDER = (
    "author", "title", "booktitle", "journal", "journaltitle", "year", "editor", "series",
    "volume", "number", "pages", "publisher", "howpublished", "doi", "url", "eprint",
    "archiveprefix", "eprinttype", "primaryclass", "eprintclass", "note",
)
VERBATIM_FIELDS = ("url", "doi", "eprint")  # written as-is (only % is escaped)
# Names of proceedings and series, written in one pair of braces: BibTeX styles leave them
# alone anyway, but pandoc makes them sentence case ("long beach, california", "Proceedings
# of machine learning research"). Journal names it keeps as they are.
NAME_FIELDS = ("booktitle", "series")


# --------------------------------------------------------------------------- records


def _prov(rec: Record, name: str) -> str:
    p = rec.source_of(name)
    if p is None:
        return f"record ({rec.status}, no provenance given)"
    return " ".join(x for x in (p.source, p.date, f"({p.detail})" if p.detail else "") if x)


def _pages(pages: str) -> str:
    m = re.fullmatch(r"\s*(\w+)\s*[-\u2010-\u2015]+\s*(\w+)\s*", pages)
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
    _add(out, "author", " and ".join(rec.authors), _prov(rec, "authors"))
    _add(out, "title", rec.title, _prov(rec, "title"))
    if etype == "inproceedings":
        out.extend(_booktitle(rec, acronym, volume, type_note))
    elif etype == "article":
        _add(out, "journal", rec.journal or rec.venue,
             _prov(rec, "journal" if rec.journal else "venue"))
    _add(out, "year", rec.year, _prov(rec, "year"))
    editors = rec.editors or (volume.editors if volume else ())
    for name, value in (("editor", " and ".join(rec.editors)), ("series", rec.series),
                        ("volume", rec.volume), ("number", rec.number)):
        _add(out, name, value, _prov(rec, "editors" if name == "editor" else name))
        if not value and volume and (known := from_volume(volume, name)):
            _add(out, name, known, volume_source(volume))
    _add(out, "pages", _pages(rec.pages), _prov(rec, "pages"))
    _add(out, "publisher", rec.publisher or (volume.publisher if volume else ""),
         _prov(rec, "publisher") if rec.publisher or not volume else volume_source(volume))
    if etype == "misc" and rec.venue and normalize_title(rec.venue) not in ("arxiv", "corr"):
        _add(out, "howpublished", rec.venue, _prov(rec, "venue"))
    elif etype == "misc" and rec.arxiv:
        _add(out, "howpublished", f"arXiv:{rec.arxiv}", "derived from the arXiv id")
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
    _add(out, "author", " and ".join(v.authors or rec.authors),
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
        _add(out, "howpublished", f"arXiv:{arxiv}", "derived from the arXiv id")
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


def page_differences(syllabus: Syllabus, resolution: Resolution) -> tuple[str, ...]:
    """Where the page's citation differs from the record an entry follows (one line each)."""
    lines = []
    for br in bib_records(syllabus, resolution):
        lines.extend(br.notes)
        if br.origin == "page":
            lines.append(f"{br.paper}: unresolved, written from the page's own citation")
            continue
        paper = syllabus.paper(br.paper)
        entry = {normalize_title(surname(a)) for a in br.authors}
        extra = [a for a in paper.authors if normalize_title(surname(a)) not in entry]
        if extra:
            rec = record_for(paper, resolution)
            hint = ("" if paper.version or not any(v.kind == "article"
                                                    for v in rec.other_versions)
                    else "; pin version = \"article\" in the syllabus to cite the journal version")
            lines.append(
                f"{br.paper}: the page lists {', '.join(extra)}, not an author of the cited "
                f"record ({', '.join(br.authors)}); the entry follows the record{hint}")
        year = br.get("year")
        if paper.year and year and str(paper.year) != year:
            lines.append(f"{br.paper}: the page says {paper.year}, the record {year}")
    return tuple(lines)


# --------------------------------------------------------------------------- BibTeX


_BIBLATEX_NAMES = {"journal": "journaltitle", "archiveprefix": "eprinttype",
                   "primaryclass": "eprintclass"}


_RANK = {n: i for i, n in enumerate(FIELD_ORDER)}


def _person_text(person: Person) -> str:
    """A parsed name in BibTeX's own form: ``von Last, Jr, First Middle``."""
    text = " ".join(person.prelast_names + person.last_names)
    if person.lineage_names:
        text += ", " + " ".join(person.lineage_names)
    if first := " ".join(person.first_names + person.middle_names):
        text += ", " + first
    return text


def _entry_fields(br: BibRecord, *, unicode: bool, biblatex: bool) -> list[tuple[str, str]]:
    """(field, LaTeX value) pairs of one entry, in :data:`FIELD_ORDER`."""
    fields: dict[str, str] = {}
    for f in br.fields:
        if f.name in PERSON_FIELDS:  # names parsed by pybtex, written "Last, First"
            fields[f.name] = " and ".join(_person_text(Person(latex_text(n, unicode=unicode)))
                                          for n in f.value.split(" and "))
            continue
        name, value = f.name, f.value
        if biblatex:
            if name == "howpublished" and br.get("eprint"):
                continue  # biblatex prints the eprint itself
            name = _BIBLATEX_NAMES.get(name, name)
            if name == "eprinttype":
                value = value.lower()
        if f.name == "title":
            text = latex_title(value, unicode=unicode)
        elif f.name in NAME_FIELDS:  # a name as a whole: no style may change its case
            text = "{" + latex_text(value, unicode=unicode) + "}"
        elif f.name in VERBATIM_FIELDS:
            text = latex_verbatim(value)
        else:
            text = latex_text(value, unicode=unicode)
        fields[name] = text
    return sorted(fields.items(), key=lambda nv: (_RANK.get(nv[0].lower(), len(_RANK)), nv[0]))


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def entry_text(br: BibRecord, *, unicode: bool = False, biblatex: bool = False) -> str:
    """One entry as BibTeX: ``@type{key,`` then ``    field = {value}`` lines.

    Written here rather than by pybtex's ``Writer``, whose hooks for this (``_encode``,
    ``_write_field``) are private; every value is in braces, which BibTeX and biber read
    whatever it holds once its braces balance (checked: a value that does not would make
    the rest of the file unreadable).
    """
    lines = [f"@{br.entry_type}{{{br.key}"]
    for name, text in _entry_fields(br, unicode=unicode, biblatex=biblatex):
        if ("{" in text or "}" in text) and not _balanced(text):
            raise PapergraphError(f"{br.paper}: unbalanced braces in the {name} of "
                                  f"entry {br.key}; please report this")
        lines.append(f"    {name} = {{{text}}}")
    return ",\n".join(lines) + "\n}\n"


def _sorted(records: tuple[BibRecord, ...] | list[BibRecord]) -> list[BibRecord]:
    return sorted(records, key=lambda r: (r.key.lower(), r.key))


def render_bibtex(
    records: tuple[BibRecord, ...] | list[BibRecord],
    *,
    unicode: bool = False,
    biblatex: bool = False,
    header: str = "",
) -> str:
    """The entries as one ``.bib`` text, sorted by citation key."""
    text = "\n".join(entry_text(br, unicode=unicode, biblatex=biblatex)
                     for br in _sorted(records))
    if header:
        head = "".join(f"% {line.replace('@', '(at)')}\n".replace("% \n", "%\n")
                       for line in header.splitlines())
        text = head + ("\n" + text if text else "")
    return text


def bibtex_entries(
    syllabus: Syllabus,
    resolution: Resolution,
    *,
    key_style: KeyStyle = "scholar",
    unicode: bool = False,
) -> dict[str, str]:
    """Paper key -> its entry's text exactly as it appears in ``seminar.bib``."""
    return entries_of(bib_records(syllabus, resolution, key_style=key_style), unicode=unicode)


def entries_of(records: tuple[BibRecord, ...], *, unicode: bool = False) -> dict[str, str]:
    """Paper key -> entry text, for records already made by :func:`bib_records`."""
    return {br.paper: render_bibtex([br], unicode=unicode) for br in records}


# --------------------------------------------------------------------------- outputs


def render(
    records: tuple[BibRecord, ...] | list[BibRecord],
    *,
    fmt: str = "bibtex",
    unicode: bool = False,
    header: str = "",
) -> str:
    """Render entries in ``fmt`` (bibtex | biblatex | csl-json)."""
    if fmt == "csl-json":
        from ..csl import render_csl_json

        return render_csl_json(records)
    if fmt not in FORMATS:
        raise PapergraphError(f"unknown format {fmt!r} (choose from: {', '.join(FORMATS)})")
    return render_bibtex(records, unicode=unicode, biblatex=fmt == "biblatex", header=header)


GENERATED_MARK = "Written by papergraph"


def _header(syllabus: Syllabus, what: str) -> str:
    return (f"{what}: {syllabus.seminar.title}\n"
            f"{GENERATED_MARK} (papergraph build); regenerate rather than edit.\n"
            "Where each field comes from: papergraph bib --explain KEY")


def write_bibtex(syllabus: Syllabus, resolution: Resolution, out_dir: str | Path, *,
                 records: tuple[BibRecord, ...] | None = None) -> list[Path]:
    """Write ``out_dir/seminar.bib`` (every paper) and ``out_dir/<topic-slug>.bib``.

    Entries are sorted by citation key; files are byte-identical across runs. Older
    ``.bib`` files papergraph wrote there for topics that no longer exist are removed.
    ``records`` are :func:`bib_records`' result, when the caller already has it.
    """
    out_dir = Path(out_dir)
    try:
        return _write_bibtex(syllabus, resolution, out_dir, records)
    except OSError as exc:
        raise PapergraphError(f"cannot write {exc.filename or out_dir}: "
                              f"{exc.strerror or exc}") from None


def _write_bibtex(syllabus: Syllabus, resolution: Resolution, out_dir: Path,
                  records: tuple[BibRecord, ...] | None) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    if records is None:
        records = bib_records(syllabus, resolution)
    by_paper = {r.paper: r for r in records}
    files = {"seminar.bib": render_bibtex(
        records, header=_header(syllabus, f"All {len(records)} papers" if len(records) != 1
                                  else "The one paper"))}
    for topic in syllabus.topics:
        chosen = [by_paper[k] for k in dict.fromkeys(topic.papers) if k in by_paper]
        files[f"{topic.slug}.bib"] = render_bibtex(
            chosen, header=_header(syllabus, f"Topic '{topic.title}'"))
    check_own_bibtex(files, out_dir)  # nothing is written if it fails
    for old in sorted(out_dir.glob("*.bib")):
        if old.name not in files and old.is_file() and GENERATED_MARK in old.read_text(
                "utf-8", "replace")[:500]:
            remove_output(old)
    written = []
    for name, text in files.items():
        path = output_file(out_dir, name)  # a slug never leaves out_dir (checked at load too)
        if not path.is_file() or path.read_bytes() != text.encode("utf-8"):
            write_output(path, text)
        written.append(path)
    return written


@without_gc_pauses  # a 10,000-paper list: 1.4 s of checking with the collector, 1.0 without
def check_own_bibtex(files: dict[str, str], out_dir: Path) -> None:
    """Run papergraph's own ``.bib`` check (:mod:`papergraph.bibcheck`) on the files about
    to be written to ``out_dir`` (name -> text); any error stops the build, naming
    ``FILE:LINE`` of each, before anything is written."""
    from ..bibcheck import check_bib_text

    errors = [p for name, text in files.items() for p in check_bib_text(text, str(out_dir / name))
              if p.level == "error"]
    if errors:
        raise InputError([Problem("", None, f"{out_dir} not written: the BibTeX papergraph made "
                                  f"fails its own check ({len(errors)} error(s); please report "
                                  "this with the syllabus)"), *errors])


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


def explain(
    syllabus: Syllabus, resolution: Resolution, key: str, *, key_style: KeyStyle = "scholar"
) -> BibRecord:
    """The entry for ``key`` (a citation key or a syllabus paper key), for ``--explain``;
    its notes end with where its citation lists and its seminar citations come from."""
    from dataclasses import replace

    records = bib_records(syllabus, resolution, key_style=key_style)
    for br in records:
        if key in (br.key, br.paper) or key.lower() == br.key.lower():
            rec, edges = resolution.get(br.paper), resolution.edge_sources()
            notes = [f"{name}: {p.source} ({p.detail})" for name, p in
                     (rec.sources if rec is not None else ()) if name in ("references",
                                                                          "citations")]
            for label, ends in (("cites", [(b, s) for (a, b), s in edges.items()
                                           if a == br.paper]),
                                ("cited by", [(a, s) for (a, b), s in edges.items()
                                              if b == br.paper])):
                if ends:
                    notes.append(f"{label} in this seminar: " + ", ".join(
                        f"{k} [{'+'.join(s) or '?'}]" for k, s in ends))
            return replace(br, notes=br.notes + tuple(notes))
    known = ", ".join(sorted(r.key for r in records))
    raise PapergraphError(f"no entry with key {key!r} (keys: {known})")
