"""RIS for reference managers (Zotero, Mendeley, EndNote) and library reading-list
systems (Leganto, Talis Aspire), which import RIS rather than BibTeX.

The entries are :func:`.records.bib_records`' (the same fields and sources as the BibTeX
and the CSL-JSON), one ``TY`` … ``ER`` record each, tags as the RIS specification names
them: ``AU`` (one per author, ``Family, Given[, Suffix]``), ``TI``, ``T2`` (the
proceedings or journal), ``A2`` (its editors), ``T3`` (the series), ``PY``, ``VL``, ``IS``,
``SP``/``EP``, ``PB``, ``DO``, ``UR`` (the record's address, then the arXiv abstract page)
and ``ID`` (the citation key). Values are the plain Unicode text of the fields (titles as
published, not sentence-cased: a reference manager styles them itself).

A build writes ``bib/seminar.ris`` and ``bib/<topic>.ris``: importing one file into
Zotero, Mendeley or EndNote makes one collection (group) named after it, so importing the
topic files gives one collection per topic.
"""

from __future__ import annotations

from pathlib import Path

from ..files import output_file, remove_output, write_output
from ..models import Syllabus
from .csl import csl_names
from .model import BibRecord

RIS_TYPES = {"inproceedings": "CPAPER", "article": "JOUR"}
_SAME = (("series", "T3"), ("volume", "VL"), ("number", "IS"), ("publisher", "PB"),
         ("doi", "DO"), ("url", "UR"), ("note", "N1"))


def ris_name(name: dict[str, str]) -> str:
    """A CSL name as RIS writes it: ``Family, Given`` (``, Suffix``), or the literal."""
    if "literal" in name:
        return name["literal"]
    return ", ".join(x for x in (name["family"], name.get("given", ""),
                                 name.get("suffix", "")) if x)


def ris_tags(br: BibRecord) -> list[tuple[str, str]]:
    """One entry as (tag, value) pairs, ``TY`` first, without the closing ``ER``."""
    g = br.get
    preprint = br.entry_type == "misc" and bool(g("eprint"))
    tags = [("TY", RIS_TYPES.get(br.entry_type, "UNPB" if preprint else "GEN")),
            ("ID", br.key)]
    tags += [("AU", ris_name(n)) for n in csl_names(br.authors)]
    tags.append(("TI", g("title")))
    if g("booktitle") or g("journal"):
        tags.append(("T2", g("booktitle") or g("journal")))
    tags += [("A2", ris_name(n)) for n in csl_names(br.editors)]
    if g("year"):
        tags.append(("PY", g("year")))
    if g("pages"):
        first, _, last = g("pages").partition("--")
        tags.append(("SP", first))
        if last:
            tags.append(("EP", last))
    for field, tag in _SAME:
        if g(field):
            tags.append((tag, g(field)))
    if preprint:
        tags.append(("PB", "arXiv"))
    elif br.entry_type == "misc" and g("howpublished"):
        tags.append(("PB", g("howpublished")))
    if g("eprint") and (g("archiveprefix") or g("eprinttype") or "arXiv").lower() == "arxiv":
        arxiv = f"https://arxiv.org/abs/{g('eprint')}"
        if arxiv != g("url"):
            tags.append(("UR", arxiv))
    return tags


def ris_entry(br: BibRecord) -> str:
    """One entry's RIS lines, ``TY`` to ``ER``, without a line end after ``ER  - ``."""
    return "\n".join([*(f"{tag}  - {value}" for tag, value in ris_tags(br)), "ER  - "])


def render_ris(records: tuple[BibRecord, ...] | list[BibRecord], *,
               texts: dict[str, str] | None = None) -> str:
    """The entries as RIS, sorted by citation key; same input, same bytes. ``texts``
    (paper key -> :func:`ris_entry`) saves making an entry again for each file."""
    ordered = sorted(records, key=lambda r: (r.key.lower(), r.key))
    if not ordered:
        return ""
    entries = [texts[br.paper] if texts else ris_entry(br) for br in ordered]
    return "\n\n".join(entries) + "\n"


def generated_ris(out_dir: str | Path) -> set[Path]:
    """The ``.ris`` files papergraph wrote in ``out_dir``: those beside papergraph's own
    ``.bib`` of the same name (RIS has no comment to carry a mark). Ask before
    :func:`.output.write_bibtex` removes the ``.bib`` of a topic that no longer exists."""
    from .output import GENERATED_MARK

    return {p for p in Path(out_dir).glob("*.ris")
            if p.is_file() and p.with_suffix(".bib").is_file()
            and GENERATED_MARK in p.with_suffix(".bib").read_text("utf-8", "replace")[:500]}


def write_ris(syllabus: Syllabus, records: tuple[BibRecord, ...] | list[BibRecord],
              out_dir: str | Path, *, ours: set[Path] | None = None) -> list[Path]:
    """Write ``out_dir/seminar.ris`` (every paper) and ``out_dir/<topic-slug>.ris``, and
    remove those of ``ours`` (default: :func:`generated_ris`) that name no topic now."""
    out_dir = Path(out_dir)
    if ours is None:
        ours = generated_ris(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    by_paper = {r.paper: r for r in records}
    texts = {r.paper: ris_entry(r) for r in records}  # each entry made once for two files
    files = {"seminar.ris": render_ris(records, texts=texts)}
    for topic in syllabus.topics:
        files[f"{topic.slug}.ris"] = render_ris(
            [by_paper[k] for k in dict.fromkeys(topic.papers) if k in by_paper], texts=texts)
    for old in sorted(ours):
        if old.name not in files and old.is_file():
            remove_output(old)
    written = []
    for name, text in files.items():
        path = output_file(out_dir, name)
        if not path.is_file() or path.read_bytes() != text.encode("utf-8"):
            write_output(path, text)
        written.append(path)
    return written
