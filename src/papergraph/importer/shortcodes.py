"""Hugo shortcodes that carry a page's content (MIT OpenCourseWare's course sites):

* ``{{% resource_link "751d…" "A scope freezing effect" %}}``: a link, its last quoted
  argument its text (the generic template stripping would drop the title with it);
* ``{{< tableopen >}}{{< tropen >}}{{< tdopen >}} … {{< tdclose >}} …``: a table written
  as shortcodes around Markdown cells, which CommonMark reads as loose paragraphs (each
  cell a paragraph, the row lost). It is rewritten as a pipe table: one line per row, a
  cell's paragraphs joined by ``<br>`` (read as the cell's lines), the lines after it
  keeping their numbers.
"""

from __future__ import annotations

import re

_LINK = re.compile(r'\{\{[<%]\s*[a-z_]*link\s+(?:"[^"\n]*"\s+)*"([^"\n]*)"\s*[>%]\}\}')
_TABLE_EDGE = re.compile(r"\{\{<\s*table(open|close)\s*>\}\}")
_TAG = re.compile(r"\{\{<\s*(t[rdh]|thead|tbody)(open|close)\s*>\}\}")


def _cell(text: str) -> str:
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n[ \t]*\n", text)]
    return " <br> ".join(p for p in paragraphs if p).replace("|", "\\|")


def _rows(body: str) -> list[tuple[bool, list[str]]]:
    """Each row: (a header row, its cells' texts)."""
    rows: list[tuple[bool, list[str]]] = []
    start, header = None, False
    for m in _TAG.finditer(body):
        tag, edge = m.groups()
        if tag == "tr" and edge == "open":
            rows.append((False, []))
        elif tag in ("td", "th") and edge == "open":
            start, header = m.end(), tag == "th"
        elif tag in ("td", "th") and start is not None and rows:
            rows[-1][1].append(_cell(body[start:m.start()]))
            rows[-1] = (rows[-1][0] or header, rows[-1][1])
            start = None
    return [r for r in rows if r[1]]


def _pipe_table(whole: str) -> str:
    rows = _rows(whole)
    if not rows:
        return whole
    width = max(len(cells) for _, cells in rows)
    head = rows[0][1] if rows[0][0] else [""] * width
    body = rows[1:] if rows[0][0] else rows
    lines = ["| " + " | ".join(cells + [""] * (width - len(cells))) + " |"
             for cells in [head, *(c for _, c in body)]]
    lines.insert(1, "|" + "---|" * width)
    # blank lines after it for the lines the shortcodes took, so later lines keep numbers
    rest = whole.count("\n") - len(lines) - 1
    return "\n\n" + "\n".join(lines) + "\n" * max(1, rest)


def hugo_shortcodes(text: str) -> str:
    """``text`` with link shortcodes as their text and table shortcodes as pipe tables."""
    text = _LINK.sub(r"\1", text)
    if "tableopen" not in text:
        return text
    out, at, opened = [], 0, None  # one pass: each close ends the last open before it
    for m in _TABLE_EDGE.finditer(text):
        if m.group(1) == "open":
            opened = m.start()
        elif opened is not None:
            out += [text[at:opened], _pipe_table(text[opened:m.end()])]
            at, opened = m.end(), None
    return "".join(out) + text[at:]
