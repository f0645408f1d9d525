"""HTML pages into blocks, through lxml's HTML parser (libxml2, HTML5 tokenizer).

Every block keeps the source line of its element (``sourceline``) for messages.
``<h1>``–``<h6>`` are headings, ``<li>`` items (nested lists point to their parent item),
``<tr>`` rows with cells named by the table's ``<th>`` header, and any other block-level
element (``<p>``, ``<div>``, ``<dd>``, …) a paragraph. Links and ``<b>``/``<i>``/``<em>``/
``<strong>`` spans, and elements whose class says ``title``, are kept as hints.
Jekyll front matter at the top of an ``.html`` file is read like Markdown's.
"""

from __future__ import annotations

import re
from typing import Any

from .blocks import PSEUDO_LEVEL, Block, Cell, Link, Page, Spans, clean, pseudo_heading

_SKIP = {"script", "style", "noscript", "template", "head", "iframe", "svg", "button",
         "select", "nav"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _hidden(el: Any) -> bool:
    """Not shown on the page (``<div style="display: none">`` abstracts a link toggles,
    ``hidden`` elements): not part of what the page lists."""
    return el.get("hidden") is not None or bool(_HIDDEN_STYLE.search(el.get("style") or ""))


# a style sheet's rule that hides a class: "tr.noshow { display: none; }" (not inside an
# @media block: "@media print { … }" hides only on paper)
_MEDIA = re.compile(r"@media[^{}]{0,300}+\{(?:[^{}]*+\{[^{}]*+\})*+[^{}]*+\}")
_BODY = re.compile(r"\{([^{}]*+)\}")
_CLASS_SELECTOR = re.compile(r"^\s*([a-z][a-z0-9]*)?\.([\w-]+)\s*$", re.IGNORECASE)


def _hiding_classes(css: str) -> set[tuple[str, str]]:
    """(tag or "", class) pairs a style sheet hides with a simple ``tag.class`` rule."""
    out: set[tuple[str, str]] = set()
    css, end = _MEDIA.sub("", css), 0
    for m in _BODY.finditer(css):  # each rule's selectors: the text since the last rule
        selectors, end = css[end:m.start()], m.end()
        if _HIDDEN_STYLE.search(m.group(1)):
            for selector in selectors.split(","):
                if sel := _CLASS_SELECTOR.match(selector):
                    out.add(((sel.group(1) or "").lower(), sel.group(2)))
    return out


def _drop_hidden_classes(root: Any) -> None:
    """Remove the elements the page's own ``<style>`` hides by class (a JabRef export's
    BibTeX and abstract rows, ``tr.noshow``, shown only when a link is clicked)."""
    hiding: set[tuple[str, str]] = set()
    for style in root.iter("style"):
        hiding |= _hiding_classes(style.text or "")
    if not hiding:
        return
    for el in list(root.iter()):
        if isinstance(el.tag, str) and (classes := (el.get("class") or "").split()) and any(
                (tag, c) in hiding for c in classes for tag in ("", el.tag.lower())):
            el.drop_tree()


_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCK = {"p", "div", "ul", "ol", "dl", "dt", "dd", "section", "article", "header",
          "footer", "main", "aside", "blockquote", "pre", "body", "html", "figure",
          "figcaption", "form", "center", "details", "summary", "hr", "br", "table", "li",
          "tr", "td", "th", "tbody", "thead", "address"}
_EMPHASIS = {"b", "strong", "i", "em", "cite"}
_FRONT = re.compile(r"\A---\s*\n(.*?\n)---\s*\n", re.DOTALL)
# XHTML's XML declaration: lxml refuses a str that carries an encoding declaration
_XML_DECLARATION = re.compile(r"\A\ufeff?\s*<\?xml[^>]*\?>")


MAX_DEPTH = 200  # elements nested deeper are read as their text only


class _Buffer(Spans):
    """Inline text being gathered for the next block (from part ``start`` on), with its
    links and emphasis; a span begun before the last flushed block reads as ""."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[Link] = []
        self.emphasis: list[str] = []
        self.line = self.last = 0
        self.start = 0

    def add_at(self, text: str | None, line: int) -> None:
        if not text:
            return
        if len(self.parts) == self.start and text.strip():
            self.line = self.last = line
        self.last = max(self.last, line + text.rstrip().count("\n"))
        self.add(text)

    def since(self, mark: tuple[int, int]) -> str:
        return super().since(mark) if mark[0] >= self.start else ""

    def take(self) -> tuple[str, tuple[Link, ...], tuple[str, ...], int, int]:
        text = clean("".join(self.parts[self.start:]))
        out = (text, tuple(self.links), tuple(e for e in self.emphasis if e), self.line,
               self.last)
        self.parts.append("")  # a mark taken before now is before ``start``
        self.links, self.emphasis, self.start = [], [], len(self.parts)
        return out


class _Walker:
    """One pass over the element tree: every element is visited once (a table's rows are
    its own, not its nested tables'; those are walked when their cell is)."""

    def __init__(self, *, in_cell: bool = False) -> None:
        self.blocks: list[Block] = []
        self.buf = _Buffer()
        self.parents: list[int] = []  # enclosing <li> blocks
        self.in_cell = in_cell  # a table cell's walker: nested tables are left to the caller
        self.nested: list[Any] = []  # the nested tables it left
        self.depth = 0
        self.in_card = False  # inside an <article> read as one record (:meth:`card`)

    # -- inline content
    def inline(self, el: Any) -> None:
        """Gather ``el``'s text (and its children's) into the buffer."""
        tag = el.tag if isinstance(el.tag, str) else ""
        start = self.buf.mark()
        if tag == "br":
            self.buf.add_at(" ", el.sourceline or 0)
        self.buf.add_at(el.text, el.sourceline or 0)
        self.depth += 1
        for child in el:
            self.node(child)
            self.buf.add_at(child.tail, child.sourceline or 0)
        self.depth -= 1
        text = self.buf.since(start)
        if tag == "a" and el.get("href"):
            self.buf.links.append(Link(text, el.get("href").strip()))
        elif tag in _EMPHASIS or "title" in (el.get("class") or "").split():
            self.buf.emphasis.append(text)

    def node(self, el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in _SKIP or _hidden(el):
            return
        if self.depth > MAX_DEPTH:  # a hostile nest: its text, once, and no structure
            self.buf.add_at(" ".join(_own_text(el)), el.sourceline or 0)
            return
        if tag == "table" and self.in_cell:
            self.nested.append(el)
        elif self.in_card and (tag in _HEADINGS or tag in _BLOCK):
            self.card_part(el)
        elif tag == "article" and _a_card(el):
            self.card(el)
        elif tag in _HEADINGS:
            self.flush()
            self.inline(el)
            self.flush("heading", _HEADINGS[tag])
        elif tag == "li":
            self.item(el)
        elif tag == "table":
            self.table(el)
        elif tag in _BLOCK:
            self.flush()
            self.inline(el)
            self.flush()
        else:
            self.inline(el)

    def flush(self, kind: str = "text", level: int | None = None) -> None:
        text, links, emphasis, line, last = self.buf.take()
        if not text:
            return
        if kind == "text" and not self.parents and pseudo_heading(text, emphasis):
            kind, level = "heading", PSEUDO_LEVEL
        if kind == "text" and self.parents:
            kind = "item"  # a paragraph inside a list item belongs to the item
            prev = self.blocks[self.parents[-1]]
            if len(self.blocks) - 1 == self.parents[-1]:  # nothing nested since: merge
                self.blocks[self.parents[-1]] = Block(
                    prev.line or line, "item", clean(f"{prev.text} {text}"), depth=prev.depth,
                    parent=prev.parent, links=prev.links + links,
                    emphasis=prev.emphasis + emphasis)
                return
        self.blocks.append(Block(line, kind, text, level, depth=len(self.parents),  # type: ignore[arg-type]
                                 parent=self.parents[-1] if self.parents else None,
                                 links=links, emphasis=emphasis,
                                 last=last if last > line else 0))

    # -- cards
    def card(self, el: Any) -> None:
        """An ``<article>`` holding one heading and no list or table is one record:
        ``<h4>Title</h4> <p>Ann Lee · STOC 2024</p> <div>[arXiv]</div>``, the heading's
        text its title (read as emphasis), each part ending where its element ends."""
        self.flush()
        self.in_card = True
        try:
            self.inline(el)
        finally:
            self.in_card = False
        self.flush("item")  # a record of its own, as a list item is: no line above continues

    def card_part(self, el: Any) -> None:
        start = self.buf.mark()
        self.inline(el)
        text = self.buf.since(start).strip()
        if text and el.tag in _HEADINGS:
            self.buf.emphasis.append(text)
        if text and not text.endswith((".", "?", "!", ":", ",", ";")):
            self.buf.add_at(". ", el.sourceline or 0)

    # -- lists and tables
    def item(self, el: Any) -> None:
        self.flush()
        index = len(self.blocks)
        parent = self.parents[-1] if self.parents else None
        self.blocks.append(Block(el.sourceline or 0, "item", "", depth=len(self.parents),
                                 parent=parent))
        self.parents.append(index)
        self.inline(el)
        self.flush()
        self.parents.pop()

    def table(self, el: Any) -> None:
        self.flush()
        header: list[str] = []
        covered: dict[int, int] = {}
        for tr in _rows(el):
            cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
            if cells and all(c.tag == "th" for c in cells) and not header:
                header = [clean(" ".join(_own_text(c))).lower() for c in cells]
                continue
            columns, covered = _columns(cells, covered)
            named, nested = [], []
            for i, c in zip(columns, cells, strict=True):
                cell, inner = _cell(c, header[i] if i < len(header) else "")
                named.append(cell)
                nested += inner
            row_text = " | ".join(c.text for c in named if c.text)
            if row_text:
                self.blocks.append(Block(tr.sourceline or 0, "row", row_text,
                                         cells=tuple(named),
                                         links=tuple(lk for c in named for lk in c.links)))
            self.depth += 1
            for table in nested:  # a table inside a cell: its rows follow the row's
                if self.depth <= MAX_DEPTH:  # (a hostile nest of tables: no deeper)
                    self.table(table)
            self.depth -= 1


CARD_MAX = 200  # elements: a larger <article> is a page section, not one paper's card


def _a_card(el: Any) -> bool:
    """Is ``el`` (an ``<article>``) one paper's card: exactly one heading, no list, table
    or article inside?"""
    headings = 0
    for n, e in enumerate(el.iterdescendants()):
        if n >= CARD_MAX or e.tag in ("li", "table", "article", "section"):
            return False
        headings += e.tag in _HEADINGS
    return headings == 1


def _cell(c: Any, header: str) -> tuple[Cell, list[Any]]:
    """One cell (its own content: a table nested in it is not part of it), and the tables
    nested in it."""
    sub = _Walker(in_cell=True)
    sub.inline(c)
    parts = [p for p in _cell_parts(c) if p]
    text = ". ".join(p.rstrip(".") for p in parts) if parts else clean(" ".join(_own_text(c)))
    # a <br> inside the cell flushed the links before it into sub-blocks
    links = tuple(lk for b in sub.blocks for lk in b.links) + tuple(sub.buf.links)
    emphasis = tuple(e for b in sub.blocks for e in b.emphasis) + tuple(sub.buf.emphasis)
    emphasis = tuple(dict.fromkeys(emphasis + _titled(c)))
    return Cell(header, text, links, emphasis, tuple(parts)), sub.nested


def _titled(cell: Any) -> tuple[str, ...]:
    """The text of a cell's paragraphs whose class names them a title (``<p
    class="title">``): the page's own mark of where the title is, read as emphasis."""
    return tuple(clean(" ".join(_own_text(b))) for b in cell
                 if isinstance(b.tag, str) and b.tag in ("p", "div", "span")
                 and "title" in (b.get("class") or "").lower().split())


def _rows(table: Any) -> list[Any]:
    """The rows of ``table`` itself (under it, ``<thead>``/``<tbody>`` or any wrapper),
    not those of a table nested in one of its cells."""
    out: list[Any] = []
    stack = list(reversed(table))
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str) or el.tag == "table":
            continue
        if el.tag == "tr":
            out.append(el)
        else:
            stack.extend(reversed(el))
    return out


def _own_text(el: Any, *, breaks: bool = False) -> list[str]:
    """The text under ``el`` (as ``text_content``), without nested tables' and without
    recursion (a 10,000-deep nest is walked with a stack). ``breaks``: a ``<br>`` is a
    newline and a line break in the source a space, as a browser shows them (``<a>Title
    of\n\tthe paper</a>``)."""
    fix = _spaced if breaks else (lambda text: text or "")
    out: list[str] = []
    stack: list[Any] = [el]
    while stack:
        cur = stack.pop()
        if isinstance(cur, str):
            out.append(fix(cur))
            continue
        if cur is not el:
            stack.append(cur.tail or "")
            if not isinstance(cur.tag, str) or cur.tag == "table":
                continue
        out.append("\n" if breaks and cur.tag == "br" else fix(cur.text))
        stack.extend(reversed(cur))
    return out


def _span(cell: Any, attr: str) -> int:
    value = str(cell.get(attr) or "1").strip()
    return max(1, min(int(value), 50)) if value.isdigit() else 1


def _columns(cells: list[Any], covered: dict[int, int]) -> tuple[list[int], dict[int, int]]:
    """The column each cell of a row stands in, past the columns a cell above still
    covers (``rowspan``) and the ones a cell before spans (``colspan``); and what the
    spans cover in the next row."""
    out: list[int] = []
    below: dict[int, int] = {}
    col = 0
    for c in cells:
        while covered.get(col, 0) > 0:
            col += 1
        out.append(col)
        rows, width = _span(c, "rowspan"), _span(c, "colspan")
        for k in range(width if rows > 1 else 0):
            below[col + k] = rows - 1
        col += width
    left = {k: v - 1 for k, v in covered.items() if v > 1}
    return out, left | below


def _top_items(cell: Any) -> list[Any]:
    """The list items of ``cell`` that are in no other item and no nested table."""
    out, stack = [], list(reversed(cell))
    while stack:  # in document order
        el = stack.pop()
        if el.tag == "li":
            out.append(el)
        elif el.tag != "table":
            stack.extend(reversed(el))
    return out


def _cell_parts(cell: Any) -> list[str]:
    """A cell's paragraphs (``<p>``, ``<div>``, list items, ``<br>``-separated lines) as
    texts; a line that is only an empty label (``Optional Readings:``) says nothing and
    is left out."""
    blocks = [c for c in cell if isinstance(c.tag, str) and c.tag in ("p", "div")]
    if len(items := _top_items(cell)) >= 2:  # <td><ol><li>Ref one</li><li>Ref two</li></ol>
        blocks = items
    if len(blocks) >= 2:
        return [clean(" ".join(_own_text(b))) for b in blocks]
    whole = "".join(_own_text(cell, breaks=True))
    lines = [clean(line) for line in whole.split("\n")]
    lines = [line for line in lines if line and not re.fullmatch(r"[^:]{1,40}:", line)]
    return lines if len(lines) >= 2 or "\n" in whole else []


def _spaced(text: str | None) -> str:
    return re.sub(r"\s*\n\s*", " ", text or "")


def html_page(text: str, *, fragment: bool = False) -> Page:
    """Read an HTML page (or a fragment embedded in Markdown) into blocks."""
    import lxml.html

    from .frontmatter import flat_meta, yaml_meta
    from .markdown import drop_empty

    page = Page()
    if m := _FRONT.match(text):
        page.meta = flat_meta(yaml_meta(m.group(1)))
        text = "\n" * m.group(0).count("\n") + text[m.end():]
    text = _XML_DECLARATION.sub("", text)  # (the text is decoded already; lines kept)
    if not text.strip():
        return page
    try:
        root = lxml.html.document_fromstring(text)
    except (ValueError, lxml.etree.ParserError):
        return page
    if not fragment:
        title = root.find(".//title")
        page.title = page.meta.get("title", "")
        page.fallback_title = clean(title.text_content()) if title is not None else ""
    _drop_hidden_classes(root)
    walker = _Walker()
    walker.node(root)
    walker.flush()
    page.blocks = walker.blocks
    return drop_empty(page)
