"""Stage 3: BibTeX (and biblatex, CSL-JSON) entries for the syllabus's papers.

The pipeline has two steps, so every output format says the same thing:

1. :func:`bib_records` turns each paper's :class:`~papergraph.models.Record` into a
   :class:`BibRecord`: the entry type, its citation key and its fields as **plain Unicode
   text**, each field with the source it came from (for ``papergraph bib --explain``).
2. A renderer writes them: :func:`render_bibtex` (BibTeX or biblatex: names parsed by
   pybtex, every value in braces; LaTeX-escaped by default, UTF-8 with ``unicode=True``) or
   :func:`.csl.render_csl_json` (for pandoc and Zotero) or :func:`.ris.render_ris`
   (reference managers and library reading-list systems).

One module per step and rule; this package re-exports their public names, so
``from papergraph.bib import bib_records`` is the way in:

* :mod:`.model` -- the entry (:class:`BibField`, :class:`BibRecord`);
* :mod:`.keys` -- citation keys: pinned, dblp or Google-Scholar-like, collisions suffixed;
* :mod:`.records` -- which record an entry follows and what it says, never invented;
  :mod:`.proceedings` -- proceedings volumes and venue names that complete it;
  :mod:`.values` -- which values may go into an entry at all;
* :mod:`.bibtex` (with :mod:`.latex`, :mod:`.casing`), :mod:`.csl` and :mod:`.ris` --
  the writers;
* :mod:`.output` -- formats and the build's ``.bib`` files, checked before writing;
* :mod:`.diagnostics` -- ``--explain`` and where the page's citation differs.
"""

from __future__ import annotations

from .bibtex import (
    FIELD_ORDER,
    NAME_FIELDS,
    VERBATIM_FIELDS,
    bibtex_entries,
    entries_of,
    entry_text,
    render_bibtex,
)
from .diagnostics import explain, page_differences
from .keys import (
    KEY_STYLES,
    STOPWORDS,
    KeyStyle,
    ascii_fold,
    citation_keys,
    scholar_key,
)
from .latex import latex_text, latex_title
from .model import PERSON_FIELDS, BibField, BibRecord
from .output import (
    BIBTEX_FORMATS,
    FORMATS,
    GENERATED_MARK,
    check_own_bibtex,
    render,
    write_bibtex,
)
from .proceedings import VENUE_NAMES, conference_acronym
from .records import UNRESOLVED_NOTE, bib_records, select_records
from .ris import generated_ris, render_ris, ris_tags, write_ris
from .values import MAX_FIELD, one_line, safe_fields

__all__ = [
    "BIBTEX_FORMATS",
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
    "generated_ris",
    "latex_text",
    "latex_title",
    "one_line",
    "page_differences",
    "render",
    "render_bibtex",
    "render_ris",
    "ris_tags",
    "safe_fields",
    "scholar_key",
    "select_records",
    "write_bibtex",
    "write_ris",
]
