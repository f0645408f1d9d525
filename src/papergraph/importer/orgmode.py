"""Emacs Org-mode pages (``.org``) into blocks.

Org marks up what Markdown does with other signs, so a page is read by mapping its
markup onto Markdown's, line for line (source line numbers are kept), and reading that
with :mod:`.markdown`: ``* Heading`` -> ``# Heading``, ``[[url][text]]`` -> ``[text](url)``,
``*bold*``/``/italic/`` -> ``**bold**``/``*italic*``, ``<2021-11-12 Fri>`` -> the date,
``+struck+`` -> ``~~struck~~``, ``@@html:…@@`` dropped, ``#+TITLE:`` the seminar's title.
Tables are read here: Org draws rules (``|---+---|``) between row groups, and the lines of
one group are one row (a cell's text continued on the next line).
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import groupby

from .blocks import Block, Cell, Page, clean
from .markdown import _cell_links, markdown_page

_KEYWORD = re.compile(r"^\s*#\+(\w+):\s*(.*)$")
_HEADING = re.compile(r"^(\*+)\s+(.*)$")
_LINK = re.compile(r"\[\[([^\]]+)\](?:\[([^\]]*)\])?\]")
_EXPORT = re.compile(r"@@\w+:.*?@@")
_TIMESTAMP = re.compile(r"[<\[](\d{4}-\d{2}-\d{2})(?:\s+[A-Za-z]{2,3}\.?)?(?:\s+[\d:\-]+)?[>\]]")
_BOLD = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w/:])/(?=\S)([^/\n]*?\S)/(?![\w/])")
_STRIKE = re.compile(r"(?<![\w+])\+(?=\S)([^+\n]*?\S)\+(?![\w+])")
_TABLE = re.compile(r"^\s*\|")
_RULE = re.compile(r"^\s*\|[-+\s|]*$")


def org_inline(text: str) -> str:
    """One line of Org inline markup as Markdown inline markup."""
    text = _EXPORT.sub("", text)
    links: list[str] = []

    def keep(m: re.Match[str]) -> str:
        target, label = m.group(1), m.group(2)
        if target.startswith(("*", "#")):  # a link inside the page: its words
            links.append((label or target).lstrip("*# "))
        else:
            links.append(f"[{label or target}]({target})")
        return f"\x00{len(links) - 1}\x00"

    text = _LINK.sub(keep, text)  # kept out of reach of the emphasis rules below
    text = _TIMESTAMP.sub(r"\1", text)
    text = _STRIKE.sub(r"~~\1~~", text)
    text = _BOLD.sub(r"**\1**", text)
    text = _ITALIC.sub(r"*\1*", text)
    return re.sub("\x00(\\d+)\x00", lambda m: links[int(m.group(1))], text)


_COMMENT = re.compile(r"^\s*#(?:\s|$)")  # "# a note to ourselves": Org exports no comment


def _markdown_line(line: str) -> str:
    if _KEYWORD.match(line) or _COMMENT.match(line):
        return ""
    if m := _HEADING.match(line):
        return "#" * min(len(m.group(1)), 6) + " " + org_inline(m.group(2))
    return org_inline(line)


def _table(lines: list[tuple[int, str]]) -> list[Block]:
    """An Org table: the first group is the header; each later group (between rules,
    or each line where there are no rules below the header) is one row."""
    groups: list[list[tuple[int, list[str]]]] = [[]]
    for line, text in lines:
        if _RULE.match(text):
            groups.append([])
        else:
            groups[-1].append((line, [c.strip() for c in text.strip().strip("|").split("|")]))
    groups = [g for g in groups if g]
    if len(groups) < 2:
        return []
    header = [clean(" ".join(parts)).lower() for parts in zip(*(c for _, c in groups[0]),
                                                               strict=False)]
    rows = groups[1:] if len(groups) > 2 else [[r] for r in groups[1]]
    blocks = []
    for group in rows:
        width = max(len(c) for _, c in group)
        texts = [" ".join(c[i] for _, c in group if i < len(c)) for i in range(width)]
        cells = tuple(Cell(header[i] if i < len(header) else "",
                           *_cell_links(org_inline(t))) for i, t in enumerate(texts))
        blocks.append(Block(group[0][0], "row", " | ".join(c.text for c in cells if c.text),
                            cells=cells, links=tuple(lk for c in cells for lk in c.links)))
    return blocks


def org_page(text: str) -> Page:
    """Read an Org-mode page into blocks."""
    page = Page()
    lines = list(enumerate(text.splitlines(), start=1))
    for _, line in lines:
        if (m := _KEYWORD.match(line)) and m.group(1).lower() == "title":
            page.title = clean(org_inline(m.group(2)))
            page.meta["title"] = page.title
    for is_table, run in groupby(lines, key=lambda x: bool(_TABLE.match(x[1]))):
        if is_table:
            page.blocks += _table(list(run))
        else:
            _append(page, list(run))
    return page


_LIST = re.compile(r"^(\s*)(?:[-+]|\d+[.)])\s")


def _append(page: Page, lines: list[tuple[int, str]]) -> None:
    """A run of non-table lines, read as Markdown, its blocks added to ``page``. Org
    indents a section's text under its heading; Markdown would read that as code, so
    text is unindented and lists keep only their nesting."""
    first = lines[0][0]
    indents = [len(m.group(1)) for _, t in lines if (m := _LIST.match(t))]
    base_indent = min(indents, default=0)
    out = []
    for _, t in lines:
        if _LIST.match(t):
            out.append(t[min(base_indent, len(t) - len(t.lstrip())):])
        else:
            out.append(t.lstrip())
    sub = markdown_page("\n".join(_markdown_line(t) for t in out))
    base = len(page.blocks)
    for b in sub.blocks:
        parent = b.parent + base if b.parent is not None else None
        page.blocks.append(replace(b, line=b.line + first - 1, parent=parent))
