"""Spreadsheet pages (``.csv``, ``.tsv``): a reading group's schedule kept as data, which a
site generator (a Hugo shortcode, a Jekyll data file) turns into its table.

The first row names the columns; each other row is a table row whose cells are read as
inline Markdown (``[Title](url)``, ``**bold**``), as a pipe table's cells are. Rows keep
the source line they start on.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from .blocks import Block, Cell, Page, UnreadableRow
from .markdown import _cell_links


def csv_page(text: str, delimiter: str = ",") -> Page:
    """The rows of a CSV text under its header row (a row's empty cells kept)."""
    page = Page()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        _read_rows(reader, page)
    except csv.Error as exc:  # "field larger than field limit (131072)": no reading list's
        raise UnreadableRow(reader.line_num, f"not a readable CSV row ({exc})") from None
    return page


def _read_rows(reader: Any, page: Page) -> None:
    header: list[str] | None = None
    line = 1
    for row in reader:
        start, line = line, reader.line_num + 1
        if not any(c.strip() for c in row):
            continue
        if header is None:
            header = [c.strip().lower() for c in row]
            continue
        cells = []
        for k, raw in enumerate(row):
            text_, links, emphasis = _cell_links(" ".join(raw.split()))
            cells.append(Cell(header[k] if k < len(header) else "", text_, links, emphasis))
        page.blocks.append(Block(start, "row", " | ".join(c.text for c in cells if c.text),
                                 cells=tuple(cells),
                                 links=tuple(lk for c in cells for lk in c.links)))


def tsv_page(text: str) -> Page:
    return csv_page(text, delimiter="\t")
