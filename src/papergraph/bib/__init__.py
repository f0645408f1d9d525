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
from .output import FORMATS, GENERATED_MARK, check_own_bibtex, render, write_bibtex
from .proceedings import VENUE_NAMES, conference_acronym
from .records import UNRESOLVED_NOTE, bib_records, select_records
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
