"""What a BibTeX (or CSL-JSON) entry says, independent of its format.

A :class:`BibRecord` holds the entry type, the citation key and the fields as plain
Unicode text, each :class:`BibField` with the source of its value (``papergraph bib
--explain``); :mod:`.records` makes them, :mod:`.bibtex` and :mod:`.csl` write them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Paper, Record, Resolution
from ..resolve import page_record

PERSON_FIELDS = ("author", "editor")


@dataclass(frozen=True, slots=True)
class BibField:
    name: str
    value: str  # plain Unicode text; for author/editor the names joined by " and "
    source: str  # where the value came from, for --explain


@dataclass(frozen=True, slots=True)
class BibRecord:
    """One paper's entry, format-independent."""

    paper: str  # syllabus paper key
    key: str  # citation key
    entry_type: str  # "inproceedings" | "article" | "misc"
    fields: tuple[BibField, ...]
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    origin: str = "published"  # "published" | "version:<kind>" | "page"
    key_source: str = ""
    missing: tuple[str, ...] = ()  # usual fields the record does not have
    notes: tuple[str, ...] = field(default=())

    def get(self, name: str) -> str:
        for f in self.fields:
            if f.name == name:
                return f.value
        return ""


def record_for(paper: Paper, resolution: Resolution) -> Record:
    """The record an entry for ``paper`` is made from: its resolved record, or (when it
    has none) the page's own citation as a record."""
    rec = resolution.get(paper.key)
    return rec if rec is not None else page_record(paper)
