"""Markdown pages (CommonMark + GFM tables + front matter) into blocks.

markdown-it-py parses the page; mdit-py-plugins reads YAML front matter (``---``), whose
``title`` is the seminar's title. TOML front matter (``+++``, Hugo) is read with tomllib.
A list item (with any further paragraphs) is one block; its nested items point to it as
their ``parent``. A table row is one block with its cells named by the header. Pipe
lines the parser did not accept as a table (``||`` separators, a broken delimiter row)
are still read as rows.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from ..parallel import Beside, spare_cpu
from .aligned import aligned_tables
from .blocks import (
    PSEUDO_LEVEL,
    Block,
    Cell,
    Link,
    Page,
    Spans,
    bare_links,
    clean,
    pipe_rows,
    pseudo_heading,
)
from .frontmatter import flat_meta, toml_front_matter, yaml_meta
from .learned.cues import LABEL
from .shortcodes import hugo_shortcodes

_BADGE = re.compile(r"""<span\s[^>]*class\s*=\s*["'][^"']*\b(?:tag|badge|label)\b""",
                    re.IGNORECASE)
_A_OPEN = re.compile(r"""<a\s[^>]*href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


@dataclass
class _Inline:
    """Text, links and emphasised spans of one inline token."""

    text: str
    links: list[Link] = field(default_factory=list)
    emphasis: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # its <br>-separated lines, when several


_TAG = re.compile(r"[^\W\d_][\w.'’\- ]{0,30}|[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2}[./-]\d{1,2}")


def render_inline(tok: Any) -> _Inline:
    """Plain text of an inline token (markup removed), its links and emphasised spans."""
    out = Spans()
    words = False  # any non-space text yet
    links: list[Link] = []
    emphasis: list[tuple[int, str]] = []  # (the part it starts at, its text)
    link_starts: list[int] = []
    breaks: list[int] = []  # the parts that begin a new line
    brs: list[int] = []  # those after a <br> (a table cell's lines)
    open_links: list[tuple[str, tuple[int, int]]] = []
    open_emph: list[tuple[int, int]] = []
    tags: list[str] = []
    children = tok.children or ()
    ends = _line_ends(children)
    badge = False  # inside <span class="tag">Light</span>: a label the page's style adds
    for i, child in enumerate(children):
        kind = child.type
        if kind == "html_inline" and _BADGE.match(child.content):
            badge = True
        elif badge:
            badge = not (kind == "html_inline" and child.content.lower().startswith("</span"))
        elif kind == "code_inline" and words and i in ends and _TAG.fullmatch(child.content):
            tags.append(child.content)  # "Title, `Presenter` `Mar 15`": tags, not the title
        elif kind in ("text", "code_inline"):
            out.add(child.content)
            words = words or bool(child.content.strip())
        elif kind in ("softbreak", "hardbreak"):
            out.add(_break(out.parts) if kind == "hardbreak" else " ")
            breaks.append(len(out.parts))
        elif kind == "link_open":
            open_links.append((str(child.attrs.get("href", "")), out.mark()))
        elif kind in ("strong_open", "em_open"):
            open_emph.append(out.mark())
        elif kind in ("strong_close", "em_close") and open_emph:
            start = open_emph.pop()
            emphasis.append((start[0], out.since(start)))
        elif kind == "html_inline" and (m := _A_OPEN.match(child.content)):
            open_links.append((m.group(1), out.mark()))
        elif (kind == "link_close" or (kind == "html_inline" and child.content.lower()
                                       .startswith("</a"))) and open_links:
            href, start = open_links.pop()
            links.append(Link(out.since(start), href))
            link_starts.append(start[0])
        elif kind == "html_inline" and child.content.lower().startswith("<br"):
            out.add(" ")
            breaks.append(len(out.parts))
            brs.append(len(out.parts))
    end = field_lines(out.parts, breaks, [*emphasis, *((at, lk.text) for at, lk
                                                         in zip(link_starts, links, strict=True))])
    links = [lk for lk, at in zip(links, link_starts, strict=True) if at < end]
    # a date tag is the session's date: put first, where a session item gives its date
    text = "".join(f"{t} " for t in tags if re.search(r"\d", t)) + "".join(out.parts[:end])
    known = {lk.url for lk in links}
    links += [lk for lk in bare_links(text) if lk.url not in known]
    cuts = [0, *(b for b in brs if b < end), end]
    lines = [clean("".join(out.parts[a:b])) for a, b in zip(cuts, cuts[1:], strict=False)]
    return _Inline(clean(text), links, [e for at, e in emphasis if e and at < end],
                   [line for line in lines if line] if len(cuts) > 2 else [])


def _break(parts: list[str]) -> str:
    """A hard break (two spaces, a backslash) ends a part of a citation: after a line with
    no closing punctuation (``**Title**`` over ``*Journal* – [link]``), a full stop stands
    for it, as a record's line break does (:mod:`.learned.records`)."""
    last = next((p.rstrip() for p in reversed(parts) if p.strip()), "")
    return " " if not last or last[-1] in ".?!:;,([{-–—\"“'‘" else ". "


def _line_ends(children: Any) -> set[int]:
    """The children after the last words of text on their line: code spans there are
    tags; inside a title they are its words ("Gapped `BLAST` and `PSI-BLAST`: a …")."""
    out: set[int] = set()
    words_after = False
    for i in range(len(children) - 1, -1, -1):
        c = children[i]
        if c.type in ("softbreak", "hardbreak") or (c.type == "html_inline"
                                                   and c.content.lower().startswith("<br")):
            words_after = False
        elif c.type == "text" and any(ch.isalnum() for ch in c.content):
            words_after = True
        elif not words_after:
            out.add(i)
    return out


_FIELD_LINE = re.compile(r"\W{0,3}(?P<label>[^\W\d_][^\W\d_'’]*(?: [^\W\d_]+){0,3})\W{0,3}:"
                         r"\s*(?P<value>.*)")


def field_lines(parts: list[str], breaks: list[int], marked: list[tuple[int, str]]) -> int:
    """Where the citation of a text of several lines ends: at the first line after the
    first that is a field the reader does not know, its label emphasised or its value a
    lone link (``**Keywords**: …``, ``**Descripción**: …``, ``Link to repo folder:
    [Lan2017](…)``), when the text does not itself start as a field (``Title: …`` /
    ``Authors: …`` lines are a record of fields, read as such). ``marked``: the part
    each emphasised span or link starts at, and its text."""
    if not breaks:
        return len(parts)
    bounds = [0, *breaks, len(parts)]
    for k in range(len(bounds) - 1):
        b, e = bounds[k], bounds[k + 1]
        line = "".join(parts[b:e]).strip()
        m = _FIELD_LINE.match(line)
        field = bool(m) and (m.group("label") in {t for at, t in marked if b <= at <= b + 1}
                             or clean(m.group("value")) in {t for at, t in marked if b <= at < e})
        if k == 0 and (field or LABEL.match(line)):
            return len(parts)
        if k > 0 and field and not LABEL.match(line):
            return b
    return len(parts)


@dataclass
class _Item:
    index: int
    line: int
    depth: int
    parent: int | None
    parts: list[_Inline] = field(default_factory=list)
    abstract: bool = False  # the item's abstract has begun: nothing after it is cited


_ABSTRACT = re.compile(r"\W*abstract\b", re.IGNORECASE)


class _Walker:
    """One pass over markdown-it's token stream, building the page's blocks."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.items: list[_Item] = []
        self.heading: int | None = None
        self.row: list[Cell] | None = None
        self.row_line = 0
        self.header: list[str] = []
        self.in_head = False
        self.in_term = False

    def walk(self, tokens: list[Any]) -> None:
        for tok in tokens:
            handler = getattr(self, "_" + tok.type, None)
            if handler is not None:
                handler(tok)

    # -- headings and paragraphs
    def _heading_open(self, tok: Any) -> None:
        self.heading = int(tok.tag[1:])

    def _heading_close(self, tok: Any) -> None:
        self.heading = None

    def _inline(self, tok: Any) -> None:
        inline = render_inline(tok)
        line = tok.map[0] + 1 if tok.map else self.row_line
        if self.row is not None:
            self.row.append(Cell("" if self.in_head else self._column(len(self.row)),
                                 inline.text, tuple(inline.links), tuple(inline.emphasis),
                                 tuple(inline.lines) if len(inline.lines) >= 2 else ()))
        elif self.heading is not None and not self.items:
            self._add(Block(line, "heading", inline.text, level=self.heading,
                            links=tuple(inline.links), emphasis=tuple(inline.emphasis)))
        elif self.heading is not None:  # "1. ### Title [Read](…)": a list item's own line,
            self.items[-1].parts.append(_Inline(  # set large, not a section of the page
                inline.text, inline.links, [*inline.emphasis, inline.text]))
        elif self.items:
            item = self.items[-1]
            # "Abstract - …" under an item's citation: the abstract is not the citation
            item.abstract = item.abstract or bool(_ABSTRACT.match(inline.text))
            if not item.abstract:
                item.parts.append(inline)
        elif inline.text:
            self._paragraph(tok, inline, line)

    def _paragraph(self, tok: Any, inline: _Inline, line: int) -> None:
        raw = [(line + i, s) for i, s in enumerate(tok.content.splitlines())]
        rows = pipe_rows(raw, _cell_links) or _link_lines(raw) or _hard_lines(raw)
        if rows is not None:
            for row in rows:
                self._add(row)
            return
        heading = self.in_term or pseudo_heading(inline.text, inline.emphasis)
        self._add(Block(line, "heading" if heading else "text", inline.text,
                        level=PSEUDO_LEVEL if heading else None, links=tuple(inline.links),
                        emphasis=tuple(inline.emphasis)))

    # -- definition lists (kramdown, Jekyll course templates): a term heads its definitions
    def _dt_open(self, tok: Any) -> None:
        self.in_term = True

    def _dt_close(self, tok: Any) -> None:
        self.in_term = False

    # -- lists
    def _list_item_open(self, tok: Any) -> None:
        parent = self.items[-1] if self.items else None
        if parent is not None:
            self._flush(parent)
        index = len(self.page.blocks)
        line = tok.map[0] + 1 if tok.map else 0
        self.page.blocks.append(Block(line, "item", ""))  # placeholder, filled at close
        self.items.append(_Item(index, line, len(self.items),
                                parent.index if parent is not None else None))

    def _list_item_close(self, tok: Any) -> None:
        self._flush(self.items.pop())

    def _flush(self, item: _Item) -> None:
        if not item.parts:
            return
        old = self.page.blocks[item.index]
        text = clean(" ".join([old.text] + [p.text for p in item.parts]))
        links = old.links + tuple(lk for p in item.parts for lk in p.links)
        emphasis = old.emphasis + tuple(e for p in item.parts for e in p.emphasis)
        self.page.blocks[item.index] = Block(item.line, "item", text, depth=item.depth,
                                             parent=item.parent, links=links,
                                             emphasis=emphasis)
        item.parts = []

    # -- tables
    def _thead_open(self, tok: Any) -> None:
        self.in_head, self.header = True, []

    def _thead_close(self, tok: Any) -> None:
        self.in_head = False

    def _tr_open(self, tok: Any) -> None:
        self.row, self.row_line = [], (tok.map[0] + 1 if tok.map else self.row_line)

    def _tr_close(self, tok: Any) -> None:
        cells, self.row = self.row or [], None
        if self.in_head:
            self.header = [c.text.lower() for c in cells]
            return
        text = " | ".join(c.text for c in cells if c.text)
        full = [c for c in cells if c.text]
        if len(cells) >= 2 and len(full) == 1 and not full[0].links \
                and clean(full[0].text) in (clean(e) for e in full[0].emphasis):
            # "|  | **Memory safety** |": a row that is only a bold name heads the rows below
            self._add(Block(self.row_line, "heading", full[0].text, level=PSEUDO_LEVEL))
            return
        self._add(Block(self.row_line, "row", text, cells=tuple(cells),
                        links=tuple(lk for c in cells for lk in c.links)))

    def _column(self, i: int) -> str:
        return self.header[i] if i < len(self.header) else ""

    # -- raw HTML and code
    def _html_block(self, tok: Any) -> None:
        from .html import html_page

        base = tok.map[0] if tok.map else 0
        html, markdown = _markdown_after(tok.content)
        sub = html_page(html, fragment=True)
        for b in sub.blocks:
            self._add(Block(b.line + base, b.kind, b.text, b.level, b.depth, None, b.links,
                            b.emphasis, b.cells))
        if markdown:
            lines, n = html.count("\n") + base, len(self.page.blocks)
            self.page.blocks += [replace(b, line=b.line + lines, parent=None if b.parent is None
                                         else b.parent + n)
                                 for b in _blocks(_parser(), markdown)]

    def _fence(self, tok: Any) -> None:
        if getattr(tok, "info", "").lstrip().startswith("{"):
            return  # R Markdown's and Quarto's code chunks ("```{r}"): code, not the page's text
        base = tok.map[0] + 2 if tok.map else 1
        for i, s in enumerate(tok.content.splitlines()):
            if s.strip():
                self._add(Block(base + i, "text", clean(s)))

    _code_block = _fence

    def _add(self, block: Block) -> None:
        if self.items:
            self._flush(self.items[-1])
        self.page.blocks.append(block)


_MARKDOWN_START = re.compile(r"\n(?=[ \t]{0,3}(?:[*+\-][ \t]|\d{1,3}[.)][ \t]|#{1,6}[ \t]))")


def _markdown_after(content: str) -> tuple[str, str]:
    """``<h3>Papers to choose from:</h3>`` with a Markdown list on the very next line:
    CommonMark holds the list inside the HTML block (up to a blank line), kramdown and
    Jekyll end the block with its element. The HTML up to the first line that opens a
    list item or a heading right after a closed element, and the Markdown from there."""
    m = _MARKDOWN_START.search(content)
    if m is None or not content[: m.start()].rstrip().endswith(">"):
        return content, ""
    return content[: m.end()], content[m.end():]


# a line that only labels what follows: "*Read*", "**Optional:**", "Readings:"
_LABEL_LINE = re.compile(r"\s*(?:[*_]{1,2}[^\W\d_][\w ]{0,24}:?[*_]{1,2}|[^\W\d_][\w ]{0,24}:)"
                         r":?\\?\s*")


def _link_lines(raw: list[tuple[int, str]]) -> list[Block] | None:
    """``*Read*`` / ``Noble, ["Title"](…)`` / ``Spiro, ["Title"](…)``: a paragraph whose
    lines (three or more) each hold a link of their own, but for one, or whose first line
    only labels the lines under it, is a list written without list marks: one block per
    line. (A record of title, authors and venue lines holds one link or two, and no
    label above it.)"""
    linked = sum(1 for _, s in raw if "](" in s)
    if not (3 <= linked >= len(raw) - 1 or len(raw) >= 3 and _LABEL_LINE.fullmatch(raw[0][1])):
        return None
    out = []
    for line, s in raw:
        text, links, emphasis = _cell_links(s)
        if text:
            out.append(Block(line, "text", text, links=links, emphasis=emphasis))
    return out


def _hard_lines(raw: list[tuple[int, str]]) -> list[Block] | None:
    """``Title  `` / ``M. J. Graham et al., 2015, MNRAS, 453, 1562  `` / ``https://…``: a
    paragraph whose lines end in hard breaks (two spaces, a backslash) is lines the page
    set apart, a record's fields or one record per line: one block per line, which
    :func:`~.learned.records.join_records` joins back into records where they continue."""
    ends = [i for i, (_, s) in enumerate(raw[:-1]) if s.endswith(("  ", "\\"))]
    if not ends:
        return None
    out = []
    for a, b in zip([0, *(i + 1 for i in ends)], [*(i + 1 for i in ends), len(raw)],
                    strict=True):
        text, links, emphasis = _cell_links(" ".join(s.rstrip(" \\") for _, s in raw[a:b]))
        if text:
            out.append(Block(raw[a][0], "text", text, links=links, emphasis=emphasis))
    return out


@lru_cache(maxsize=1)
def _inline_parser() -> Any:
    """One CommonMark parser for every cell and line read as inline Markdown (building one
    took nearly half of each cell's reading)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def _cell_links(text: str) -> tuple[str, tuple[Link, ...], tuple[str, ...]]:
    """A raw pipe-table cell rendered as inline Markdown."""
    tokens = _inline_parser().parseInline(text)
    inline = render_inline(tokens[0]) if tokens else _Inline(clean(text))
    return inline.text, tuple(inline.links), tuple(inline.emphasis)


_HIDDEN = re.compile(r"\{%-?\s*(?:if\s+false|comment)\s*-?%\}.*?"
                     r"\{%-?\s*(?:endif|endcomment)\s*-?%\}", re.DOTALL)
_TEMPLATE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{:[^}\n]*\}")


def _blank(m: re.Match[str]) -> str:
    return "\n" * m.group(0).count("\n")


_HTML_TABLE = re.compile(r"^ {0,3}<table\b.*?</table\s*>", re.IGNORECASE | re.DOTALL | re.MULTILINE)
_BLANK_LINE = re.compile(r"(?<=\n)[ \t]*(?=\n)")


def _whole_table(m: re.Match[str]) -> str:
    body = m.group(0)
    if "](" in body or re.search(r"<li\b", body, re.IGNORECASE):
        return body  # Markdown inside, or lists in cells: read block by block, as items

    return _BLANK_LINE.sub("<!---->", body)


# (possessive: a long run of spaces or dashes that does not end as a row costs one pass)
_DELIMITER_ROW = re.compile(r"^ {0,3}\|?[ \t]*+:?-{3,}+:?[ \t]*+(?:\|[ \t]*+:?-{3,}+:?[ \t]*+)*+"
                            r"\|?[ \t]*+$", re.MULTILINE)
_INDENTED_ROW = re.compile(r"^[ \t]{4,}+(?=[^\n]*\|)", re.MULTILINE)
_BLOCK_END = re.compile(r"\n[ \t]*\n")


def unindent_table_rows(text: str) -> str:
    """``           | <center>**Intro**</center>``: a row of a table without outer pipes
    whose first cell is empty starts with spaces, four or more of which CommonMark takes
    for code, ending the table. Under a table's delimiter row, up to the next blank line,
    such a row starts with one no-break space instead (an empty first cell still)."""
    out, at = [], 0
    for m in _DELIMITER_ROW.finditer(text):
        header = text[text.rfind("\n", 0, max(0, m.start() - 1)) + 1:m.start()]
        if m.start() < at or "|" not in header:
            continue  # (a "---" rule or setext underline: no table)
        end = _BLOCK_END.search(text, m.end())
        stop = end.start() if end else len(text)
        out += [text[at:m.end()], _INDENTED_ROW.sub("\u00a0", text[m.end():stop])]
        at = stop
    return "".join(out) + text[at:]


def join_html_tables(text: str) -> str:
    """An HTML ``<table>`` with blank lines inside (between rows, after a ``<tr>``) is one
    table: CommonMark would end the HTML block at the first blank line and read the rest
    as paragraphs or indented code. Blank lines inside it become empty comments (line
    numbers kept), unless the table holds Markdown links, whose blank lines matter, or
    lists (a cell's ``<li>`` citations are read as items)."""
    return _HTML_TABLE.sub(_whole_table, text)


def strip_templates(text: str) -> str:
    """Jekyll/Liquid and kramdown markup (``{% if false %}…{% endif %}`` hides its content
    on the published page; ``{% include %}``, ``{{ var }}``, ``{:toc}`` render as nothing):
    removed, line numbers kept."""
    return _TEMPLATE.sub("", _HIDDEN.sub(_blank, text))


# A run of emphasis marks longer than any markup needs ("*_*_*_…", 200,000 of them) is
# blanked before parsing: markdown-it makes a token of each, at about 25 µs apiece.
_DELIMITER_RUN = re.compile(r"[*_]{17,}")


def _spaces(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


_TIGHT_HEADING = re.compile(r"^( {0,3}#{2,6})(?=[^\W_])", re.MULTILINE)


def space_headings(text: str) -> str:
    """``##August 2018`` is a heading on the pages that write it (CommonMark wants a space
    after the ``#``s; many hand-written pages and older renderers do not): the space is
    added. A single ``#word`` stays text (a hashtag)."""
    return _TIGHT_HEADING.sub(r"\1 ", text)


def markdown_page(text: str) -> Page:
    """Read a Markdown page into blocks."""
    text, meta = toml_front_matter(text)
    text = join_html_tables(strip_templates(hugo_shortcodes(
        _DELIMITER_RUN.sub(_spaces, space_headings(text)))))
    text = unindent_table_rows(aligned_tables(text))
    md = _parser()
    cut = halfway(text)
    with contextlib.ExitStack() as stack:
        if cut:  # the second half parsed beside this process (see halfway)
            rest = stack.enter_context(Beside(lambda _: _blocks(md, text[cut:]), fork=True))
        tokens = md.parse(text[:cut] if cut else text)
        if cut and text.startswith("-") and all(t.type != "front_matter" for t in tokens):
            cut, tokens = 0, md.parse(text)  # front matter that may run past the cut
        page = Page()
        for tok in tokens:
            if tok.type == "front_matter":
                meta = yaml_meta(tok.content)
        page.meta = flat_meta(meta)
        page.title = page.meta.get("title", "")
        _Walker(page).walk(tokens)
        if cut:
            lines, n = text.count("\n", 0, cut), len(page.blocks)
            page.blocks += [replace(b, line=b.line + lines, parent=None if b.parent is None
                                    else b.parent + n) for b in rest.result()]
    return drop_empty(page)


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    return md.use(front_matter_plugin).use(deflist_plugin)


def _blocks(md: Any, text: str) -> list[Block]:
    page = Page()
    _Walker(page).walk(md.parse(text))
    return page.blocks


HALVES_MIN_CHARS = 200_000  # a page worth parsing in two processes
_ATX_AFTER_BLANK = re.compile(r"\n[ \t]*\n(?=#{1,6}(?:[ \t]|\n))")
# what may carry a block across a blank line: fenced code, HTML blocks of types 1-5
_SPANS_BLANKS = re.compile(r"```|~~~|<(?:!|\?|script|pre|style|textarea)", re.IGNORECASE)


def halfway(text: str) -> int:
    """Where a long page can be parsed as two documents whose tokens are the page's own
    (0: it cannot, or is too short to gain): the start of a heading at the left margin
    after a blank line, nearest the middle, on a page without link reference definitions
    (``[label]:``, in any block: they reach across the page) and, before it, without
    fenced code or HTML blocks that run on across blank lines. Any open list, quote, table
    or paragraph ends at the blank line; the heading starts afresh in both readings. (Front
    matter that does not end before the cut is checked once the first half is parsed.)"""
    if len(text) < HALVES_MIN_CHARS or "\r" in text or "\0" in text or "]:" in text or \
            not spare_cpu():
        return 0
    middle = len(text) // 2
    cuts = [m.end() for m in _ATX_AFTER_BLANK.finditer(text, middle // 2, middle + middle // 2)]
    cut = min(cuts, key=lambda c: abs(c - middle), default=0)
    return 0 if not cut or _SPANS_BLANKS.search(text, 0, cut) else cut


def drop_empty(page: Page) -> Page:
    """Drop blocks without text (empty list items), keeping ``parent`` indexes right."""
    kept: list[Block] = []
    new_index: dict[int, int] = {}
    for i, b in enumerate(page.blocks):
        if b.text or b.kind == "row":
            new_index[i] = len(kept)
            parent = new_index.get(b.parent) if b.parent is not None else None
            kept.append(replace(b, parent=parent))
    page.blocks = kept
    return page
