"""Why an entry says what it says: ``papergraph bib --explain KEY``, and where the page's
citation differs from the record an entry follows (the warnings of ``papergraph bib``)."""

from __future__ import annotations

from dataclasses import replace

from ..errors import PapergraphError
from ..models import Resolution, Syllabus, Version, normalize_title, surname
from .keys import KeyStyle
from .model import BibRecord, record_for
from .records import bib_records


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


def explain(
    syllabus: Syllabus, resolution: Resolution, key: str, *, key_style: KeyStyle = "scholar"
) -> BibRecord:
    """The entry for ``key`` (a citation key or a syllabus paper key), for ``--explain``;
    its notes end with where its citation lists and its seminar citations come from."""
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
            notes += [_version_note(v) for v in (rec.other_versions if rec else ())]
            return replace(br, notes=br.notes + tuple(notes))
    known = ", ".join(sorted(r.key for r in records))
    raise PapergraphError(f"no entry with key {key!r} (keys: {known})")


def _version_note(v: Version) -> str:
    """``version preprint: arXiv:1806.07572, 2018 (Semantic Scholar's record)``: another
    version of the same work (cite it with ``version = "KIND"`` in the syllabus)."""
    where = ", ".join(x for x in (v.journal, f"arXiv:{v.arxiv}" if v.arxiv else "",
                                  str(v.year or "")) if x)
    return f"version {v.kind}: {where or v.title}" + (f" ({v.note})" if v.note else "")
