"""The structure of a page as a flat list of :class:`Block`\\ s, whatever its format.

A block is one logical unit of the page, with the source line it starts on:

* ``heading`` (with its ``level`` where the format has levels);
* ``item``: one list item, its nested ``depth`` and its ``parent`` item (an index into the
  block list), so that "when:"/"who:" sub-items and dated sub-sessions stay attached;
* ``row``: one table row, its ``cells`` named by the table's header;
* ``text``: a paragraph (Markdown, HTML) or a line (plain text).

Links and emphasised spans (bold, italic, quoted titles in ``<i>``) travel with the block:
they are the strongest hints of what is a title and what pins a paper.
The format-specific readers live in :mod:`.markdown` and :mod:`.html`; plain text is read
here.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["heading", "item", "text", "row"]


@dataclass(frozen=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True)
class Cell:
    """One table cell: its column's header (lower-case, "" if none) and its content."""

    header: str
    text: str
    links: tuple[Link, ...] = ()
    emphasis: tuple[str, ...] = ()
    lines: tuple[str, ...] = ()  # its paragraphs or <br>-separated lines, when several


class UnreadableRow(ValueError):
    """A line a page's reader cannot read at all (a CSV field over the csv module's size
    limit); :func:`papergraph.importer.import_text` reports it, with ``line``, as the
    page's error."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Block:
    """One logical line of the page (see the module docstring)."""

    line: int
    kind: Kind
    text: str
    level: int | None = None
    depth: int = 0
    parent: int | None = None
    links: tuple[Link, ...] = ()
    emphasis: tuple[str, ...] = ()
    cells: tuple[Cell, ...] = ()
    last: int = 0  # its last source line, when it runs over several (HTML); 0: ``line``


@dataclass
class Page:
    """A page read into blocks, with what its metadata says about it."""

    blocks: list[Block] = field(default_factory=list)
    title: str = ""  # from front matter: the seminar's title if given
    fallback_title: str = ""  # an HTML page's <title>, used when it has no <h1>
    meta: dict[str, str] = field(default_factory=dict)  # front matter, flattened to text


# a list marker: a bullet, "3.", "3)", "[3]", "(3)", or an outline number ("3.1.", "2.4)")
_BULLET = re.compile(r"^(?P<indent>\s*)(?:[-*+•–]|\d{1,3}(?:\.\d{1,3})*[.)]|\[\d{1,3}\]|"
                     r"\(\d{1,3}\))\s+(?P<rest>\S.*)$")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_DELIMITER_CELL = re.compile(r"^:?-{2,}:?$")
_URL = re.compile(r"<?(https?://[^\s<>\"')\]]+)>?")


def clean(text: str) -> str:
    """Whitespace collapsed to single spaces, ends stripped."""
    return " ".join(text.split())


MAX_SPAN = 2000  # characters: a longer link text or emphasised span is no title


class Spans:
    """Inline text gathered part by part and joined once; a span (a link's text, an
    emphasis) is read from the part it started at, so that gathering stays linear however
    deep the markup nests."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    def mark(self) -> tuple[int, int]:
        return len(self.parts), self.size

    def since(self, mark: tuple[int, int]) -> str:
        """The text added since ``mark`` ("" if longer than :data:`MAX_SPAN`)."""
        index, size = mark
        return "" if self.size - size > MAX_SPAN else clean("".join(self.parts[index:]))


def bare_links(text: str) -> tuple[Link, ...]:
    """Links written as bare URLs (``https://…`` or ``<https://…>``) in plain text."""
    return tuple(Link("", m.group(1).rstrip(".,;")) for m in _URL.finditer(text))


def is_bare_url(b: Block) -> bool:
    """Is the block nothing but an address (``https://…``, ``<https://…>``)?"""
    return bool(b.links) and b.text.strip("<> ") == b.links[0].url


def pipe_cells(line: str) -> list[str]:
    """The cells of a ``| a | b |`` line; runs of ``|`` (``a || b``) are one separator."""
    inner = line.strip().strip("|")
    return [c.strip() for c in re.split(r"\|+", inner)]


def is_delimiter_row(cells: list[str]) -> bool:
    return bool(cells) and all(_DELIMITER_CELL.match(c.replace(" ", "")) or not c
                               for c in cells) and any(cells)


def pipe_rows(lines: list[tuple[int, str]], links_of) -> list[Block] | None:  # noqa: ANN001
    """Rows of a pipe table that the Markdown parser did not take as a table (a malformed
    delimiter row, ``||`` separators): the first line is the header. None if the lines
    are not all pipe rows."""
    if len(lines) < 3 or not all(_PIPE_ROW.match(text) for _, text in lines):
        return None
    header = [c.lower() for c in pipe_cells(lines[0][1])]
    blocks = []
    for line, text in lines[1:]:
        cells = pipe_cells(text)
        if is_delimiter_row(cells):
            continue
        named = tuple(Cell(header[i] if i < len(header) else "", *links_of(cell))
                      for i, cell in enumerate(cells))
        row_text = " | ".join(c.text for c in named if c.text)
        blocks.append(Block(line, "row", row_text, cells=named,
                            links=tuple(lk for c in named for lk in c.links)))
    return blocks


PSEUDO_LEVEL = 7  # below <h6>: a label paragraph heads what follows, inside any heading
_LABEL_LINE = re.compile(r"^[A-Z][^.!?:]{2,80}:$")
# a paragraph that is a year or a term only: "2014", "Fall 2021", "2017--2018 Sem 2"
_YEAR_LINE = re.compile(r"^(?:(?:spring|summer|fall|autumn|winter)\s+)?(?:19|20)\d\d"
                        r"(?:\s*[-–/]+\s*(?:19|20)?\d\d)?(?:\s+(?:sem(?:ester)?|term)\.?\s*\d)?$",
                        re.IGNORECASE)
_DECOR = re.compile(r"^[\s★☆*_:]+|[\s★☆*_:]+$")  # stars, marks and colons around a label


def pseudo_heading(text: str, emphasis: tuple[str, ...] | list[str]) -> bool:
    """Is a paragraph a heading in all but markup? A paragraph that is all bold
    (``**2019**``, ``<b>Archived</b>``) or a short label ending in a colon (``Suggested
    Readings on Economics:``) heads the list or table that follows it."""
    words = text.split()
    if not words or len(words) > 12:
        return False
    bare = _DECOR.sub("", text)
    if bare and any(_DECOR.sub("", clean(e)) == bare for e in emphasis):
        return True
    if any(_dated(text, e) for e in emphasis):  # "17 Sept  **Introductions**"
        return True
    return bool(_LABEL_LINE.match(text) or _YEAR_LINE.match(text)) and len(words) <= 8


def _dated(text: str, emphasis: str) -> bool:
    """Is ``text`` a short date or number (``17 Sept``, ``Week 3``) and then ``emphasis``,
    the session's name in bold?"""
    head = text[: len(text) - len(emphasis)].strip(" *_:-–—|")
    return bool(emphasis.strip()) and text.rstrip(" *_").endswith(emphasis) \
        and 0 < len(head.split()) <= 3 and any(c.isdigit() for c in head)


_UNDERLINE = re.compile(r"^([=\-~^#*])\1{2,}$")


def text_page(text: str) -> Page:
    """Plain text: list lines are items (indentation gives depth), other lines text."""
    page = Page()
    parents: list[tuple[int, int]] = []  # (indent, block index)
    lines = text.splitlines()
    for lineno, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or _UNDERLINE.match(line):
            continue
        under = lines[lineno].strip() if lineno < len(lines) else ""
        if _UNDERLINE.match(under) and len(line) <= 120:  # "Classic Systems" over "======"
            parents.clear()
            level = 1 if under[0] in "=#*" else 2
            page.blocks.append(Block(lineno, "heading", clean(line), level=level))
            continue
        if m := _BULLET.match(raw.expandtabs(4)):
            indent = len(m.group("indent"))
            while parents and parents[-1][0] >= indent:
                parents.pop()
            parent = parents[-1][1] if parents else None
            rest = clean(m.group("rest"))
            page.blocks.append(Block(lineno, "item", rest, depth=len(parents), parent=parent,
                                     links=bare_links(rest)))
            parents.append((indent, len(page.blocks) - 1))
        else:
            parents.clear()
            page.blocks.append(Block(lineno, "text", clean(line), links=bare_links(line)))
    return page


# --------------------------------------------------------------------------- cancelling

CANCEL: ContextVar[threading.Event | None] = ContextVar("papergraph_import_cancel",
                                                        default=None)


class Cancelled(Exception):
    """The import was abandoned at its deadline (raised in the abandoned worker only)."""


class CheckedBlocks(list):
    """A block list whose iteration stops (:class:`Cancelled`) once ``cancel`` is set: an
    import abandoned at its deadline stops at its next block instead of finishing in the
    background."""

    def __init__(self, blocks: list[Block], cancel: threading.Event) -> None:
        super().__init__(blocks)
        self.cancel = cancel

    def __iter__(self) -> Iterator[Block]:
        for b in super().__iter__():
            if self.cancel.is_set():
                raise Cancelled()
            yield b
