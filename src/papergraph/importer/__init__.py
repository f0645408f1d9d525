"""Draft a syllabus from a seminar web page: ``papergraph import``.

:func:`import_page` reads a page (``.txt``, ``.md``, ``.html``, ``.org``, ``.rst``, ``.csv``,
``.tsv``, ``.yml`` file or an ``http(s)://`` URL), turns it into a flat list of blocks with
their source lines, and drafts a :class:`~papergraph.models.Syllabus` from them. The package
is split along the seams of that pipeline:

* :mod:`.fetch` reads a file or URL (failures become one-line errors);
* :mod:`.blocks` (plain text), :mod:`.markdown`, :mod:`.html`, :mod:`.orgmode`, :mod:`.rst`:
  the page's structure;
* :mod:`.learned`: the trained tagger reads one citation string (:mod:`.refs` is its
  entry point), the trained finder says whether a reading is a paper;
* :mod:`.ids`: arXiv/DOI/dblp/Semantic Scholar ids from links; :mod:`.dates`: session
  dates and times;
* :mod:`.reader` walks the blocks (:mod:`.sections`, :mod:`.candidates`, :mod:`.placer`,
  :mod:`.topics`, :mod:`.talks`, :mod:`.papers`); :mod:`.draft` assembles the result;
* :mod:`.toml` writes the draft with ``# check:`` comments; :mod:`.complete` fills it
  from Semantic Scholar (``--resolve``).

The draft is only what the page says (plus ids its links carry); every block that did not
become part of it is returned in :attr:`ImportResult.unplaced`: nothing is dropped
silently.
"""
from __future__ import annotations

import contextvars
import importlib
import re
import threading
from collections.abc import Callable
from typing import Any

from ..errors import InputError, Problem
from .blocks import CANCEL, Block, Page, UnreadableRow, text_page
from .draft import ImportResult, draft
from .fetch import Format, read_source
from .papers import paper_key
from .refs import Reference, parse_authors, parse_paper_line, parse_reference

_READERS = {"html": ".html:html_page", "md": ".markdown:markdown_page",
            "org": ".orgmode:org_page", "rst": ".rst:rst_page",
            "csv": ".csvpage:csv_page", "tsv": ".csvpage:tsv_page",
            "yml": ".datafile:data_page"}


_ATX_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)


def read_page(text: str, fmt: Format) -> Page:
    """``text`` in format ``fmt`` as blocks (a format's reader is imported when needed).
    A text file with two Markdown headings or more (``# Political institutions``, pandoc
    Markdown saved as ``.txt``) is read as Markdown."""
    if fmt == "txt" and len(_ATX_HEADING.findall(text, 0, 200_000)) >= 2:
        fmt = "md"
    if fmt not in _READERS:
        return text_page(text)
    module, _, reader = _READERS[fmt].partition(":")
    return getattr(importlib.import_module(module, __name__), reader)(text)


def import_text(text: str, fmt: Format, *, source: str = "<page>", url: str = "") -> ImportResult:
    """Draft a syllabus from page ``text`` in format ``fmt`` (``"txt"``, ``"md"``, ``"html"``)."""
    try:
        page = read_page(text, fmt)
    except UnreadableRow as exc:
        raise InputError(Problem(source, exc.line, str(exc))) from None
    leveled = fmt != "txt" or any(b.kind == "heading" for b in page.blocks)
    return draft(page, source=source, leveled=leveled, url=url)


def import_page(source: str, *, download: float | None = None,
                reading: float | None = None) -> ImportResult:
    """Draft a syllabus from the seminar page at ``source`` (file path or http(s) URL).

    ``download`` and ``reading`` bound the two stages in seconds of wall clock (default:
    :func:`.fetch.limits`, from ``PAPERGRAPH_TIMEOUT``). Raises
    :class:`~papergraph.errors.InputError` for a missing/unreadable/oversized file, an
    unsupported type or a page that takes longer than ``reading`` to read,
    :class:`~papergraph.errors.SourceError` (and its subclasses) for HTTP failures.
    """
    from .fetch import limits

    default_download, default_reading = limits()
    text, fmt, url = read_source(source, timeout=download or default_download)
    return within(reading or default_reading, source,
                  lambda: import_text(text, fmt, source=source, url=url))


def within(seconds: float, source: str, work: Callable[[], ImportResult]) -> ImportResult:
    """``work()``, or an :class:`InputError` naming ``source`` once ``seconds`` pass.

    The work runs in a daemon thread: past the deadline it is abandoned, and stops at the
    next block it drafts (a parser already running, markdown-it or lxml, finishes first:
    they are linear)."""
    box: dict[str, Any] = {}
    context = contextvars.copy_context()  # the caller's settings (a model under test, …)
    cancel = threading.Event()

    def run() -> None:
        context.run(CANCEL.set, cancel)
        try:
            box["value"] = context.run(work)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            box["error"] = exc

    worker = threading.Thread(target=run, daemon=True, name="papergraph-import")
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        cancel.set()  # it stops at its next block
        raise InputError(Problem(source, None, f"reading the page took more than {seconds:g} s"
                                 " (PAPERGRAPH_TIMEOUT sets the limit): is it a seminar "
                                 "page?"))
    if "error" in box:
        raise box["error"]
    return box["value"]


__all__ = ["Block", "ImportResult", "Reference", "import_page", "import_text",
           "paper_key", "parse_authors", "parse_paper_line", "parse_reference", "read_page",
           "read_source"]
