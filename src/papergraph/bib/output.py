"""The bib stage's outputs: entries in the format asked for, and the ``.bib`` files of a
build (one for the seminar, one per topic), checked before anything is written."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, PapergraphError, Problem
from ..files import output_file, remove_output, write_output
from ..models import Resolution, Syllabus
from ..perf import without_gc_pauses
from .bibtex import entries_of, render_bibtex
from .csl import render_csl_json
from .model import BibRecord
from .records import bib_records
from .ris import render_ris

FORMATS = ("bibtex", "biblatex", "csl-json", "ris")
BIBTEX_FORMATS = ("bibtex", "biblatex")  # checked by papergraph's own .bib check


def render(
    records: tuple[BibRecord, ...] | list[BibRecord],
    *,
    fmt: str = "bibtex",
    unicode: bool = False,
    header: str = "",
) -> str:
    """Render entries in ``fmt`` (bibtex | biblatex | csl-json | ris)."""
    if fmt == "csl-json":
        return render_csl_json(records)
    if fmt == "ris":
        return render_ris(records)
    if fmt not in FORMATS:
        raise PapergraphError(f"unknown format {fmt!r} (choose from: {', '.join(FORMATS)})")
    return render_bibtex(records, unicode=unicode, biblatex=fmt == "biblatex", header=header)


GENERATED_MARK = "Written by papergraph"


def _header(syllabus: Syllabus, what: str) -> str:
    return (f"{what}: {syllabus.seminar.title}\n"
            f"{GENERATED_MARK} (papergraph build); regenerate rather than edit.\n"
            "Where each field comes from: papergraph bib --explain KEY")


def write_bibtex(syllabus: Syllabus, resolution: Resolution, out_dir: str | Path, *,
                 records: tuple[BibRecord, ...] | None = None,
                 texts: dict[str, str] | None = None) -> list[Path]:
    """Write ``out_dir/seminar.bib`` (every paper) and ``out_dir/<topic-slug>.bib``.

    Entries are sorted by citation key; files are byte-identical across runs. Older
    ``.bib`` files papergraph wrote there for topics that no longer exist are removed.
    ``records`` are :func:`bib_records`' result and ``texts`` their entries'
    :func:`entries_of`, when the caller already has them.
    """
    out_dir = Path(out_dir)
    try:
        return _write_bibtex(syllabus, resolution, out_dir, records, texts)
    except OSError as exc:
        raise PapergraphError(f"cannot write {exc.filename or out_dir}: "
                              f"{exc.strerror or exc}") from None


def _write_bibtex(syllabus: Syllabus, resolution: Resolution, out_dir: Path,
                  records: tuple[BibRecord, ...] | None,
                  texts: dict[str, str] | None) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    if records is None:
        records = bib_records(syllabus, resolution)
    if texts is None:  # each entry written once, whatever number of files it is in
        texts = entries_of(records)
    by_paper = {r.paper: r for r in records}
    files = {"seminar.bib": render_bibtex(
        records, texts=texts, header=_header(
            syllabus, f"All {len(records)} papers" if len(records) != 1 else "The one paper"))}
    heads: dict[str, str] = {}
    for topic in syllabus.topics:
        chosen = [by_paper[k] for k in dict.fromkeys(topic.papers) if k in by_paper]
        head = _header(syllabus, f"Topic '{topic.title}'")
        files[f"{topic.slug}.bib"] = render_bibtex(chosen, texts=texts, header=head)
        heads[f"{topic.slug}.bib"] = render_bibtex((), header=head)
    # nothing is written if it fails. A topic file is its header and entries of
    # seminar.bib, the same texts: each entry is checked once (in seminar.bib) and each
    # topic file's header on its own (10,000 papers: half the checking)
    check_own_bibtex({**heads, "seminar.bib": files["seminar.bib"]}, out_dir)
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
def check_own_bibtex(files: dict[str, str], out_dir: Path | None = None) -> None:
    """Run papergraph's own ``.bib`` check (:mod:`papergraph.bibcheck`) on the files about
    to be written to ``out_dir`` (name -> text; without ``out_dir`` the names are the
    paths, e.g. ``papergraph bib -o FILE``); any error stops the build, naming
    ``FILE:LINE`` of each, before anything is written."""
    from ..bibcheck import check_bib_text

    errors = [p for name, text in files.items()
              for p in check_bib_text(text, str(out_dir / name) if out_dir else name)
              if p.level == "error"]
    if errors:
        where = out_dir if out_dir is not None else ", ".join(files)
        raise InputError([Problem("", None, f"{where} not written: the BibTeX papergraph made "
                                  f"fails its own check ({len(errors)} error(s); please report "
                                  "this with the syllabus)"), *errors])
