"""reStructuredText pages (``.rst``, Sphinx sources) into blocks, through docutils.

docutils parses the page into its document tree; sections become headings (nested
sections one level deeper), list items items (with their depth and parent), table rows
rows named by the header row, paragraphs text. Links (``` `Title <url>`_ ```), emphasis
and literals travel with the block as in the other formats. Sphinx's roles, which plain
docutils does not know (``:download:`Title (Lee 2019) <file.pdf>```, ``:doc:``,
``:ref:``, ``:cite:``), are read as links to their target; unknown directives are
skipped with no message.
"""

from __future__ import annotations

import io
import re
from functools import cache

from .blocks import Block, Cell, Link, Page, clean

_ROLE_TARGET = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>\s*$", re.DOTALL)
SPHINX_ROLES = ("download", "doc", "ref", "cite", "any", "term", "numref", "file",
                "class", "func", "meth", "mod", "obj", "eq", "footcite", "citep", "citet")


@cache
def _register_roles() -> None:
    """Sphinx's roles as links (their target) or plain text, once per process."""
    from docutils import nodes
    from docutils.parsers.rst import roles

    def role(name, rawtext, text, lineno, inliner, options=None, content=None):  # noqa: ANN001, ANN202, ARG001
        m = _ROLE_TARGET.match(text)
        if m:
            node = nodes.reference(rawtext, m.group("text"), refuri=m.group("target"))
        else:
            node = nodes.inline(rawtext, text)
        return [node], []

    for name in SPHINX_ROLES:
        roles.register_local_role(name, role)


class _Walker:
    """One pass over the document tree, appending blocks to ``page``."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def inline(self, node) -> tuple[str, tuple[Link, ...], tuple[str, ...]]:  # noqa: ANN001
        from docutils import nodes

        links = tuple(Link(clean(r.astext()), r.get("refuri", "")) for r in node.findall(
            nodes.reference) if r.get("refuri"))
        emphasis = tuple(clean(e.astext()) for e in node.findall(
            lambda n: isinstance(n, (nodes.emphasis, nodes.strong, nodes.literal))))
        return clean(node.astext()), links, emphasis

    def add(self, node, kind: str, **kw) -> int:  # noqa: ANN001, ANN003
        text, links, emphasis = self.inline(node)
        if not text:
            return -1
        line = node.line or (node.parent.line if node.parent is not None else None) or 0
        self.page.blocks.append(Block(line, kind, text, links=links, emphasis=emphasis, **kw))
        return len(self.page.blocks) - 1

    def walk(self, node, level: int = 0, depth: int = 0, parent: int | None = None) -> None:  # noqa: ANN001
        from docutils import nodes

        for child in node.children:
            if isinstance(child, nodes.section):
                title = child.next_node(nodes.title)
                if title is not None:
                    self.add(title, "heading", level=level + 1)
                self.walk(child, level + 1, depth, parent)
            elif isinstance(child, (nodes.bullet_list, nodes.enumerated_list)):
                self.items(child, level, depth, parent)
            elif isinstance(child, nodes.table):
                self.table(child)
            elif isinstance(child, nodes.paragraph):
                self.add(child, "text")
            elif isinstance(child, nodes.definition_list_item):
                self.add(child, "item", depth=depth, parent=parent)
            elif isinstance(child, (nodes.title, nodes.system_message, nodes.comment,
                                    nodes.substitution_definition, nodes.target)):
                continue
            elif isinstance(child, nodes.Element):
                self.walk(child, level, depth, parent)

    def items(self, lst, level: int, depth: int, parent: int | None) -> None:  # noqa: ANN001
        from docutils import nodes

        for item in lst.children:
            if not isinstance(item, nodes.list_item):
                continue
            own = [c for c in item.children
                   if not isinstance(c, (nodes.bullet_list, nodes.enumerated_list))]
            holder = nodes.paragraph("", "", *[c.deepcopy() for c in own])
            holder.line = next((c.line for c in own if getattr(c, "line", None)), lst.line)
            index = self.add(holder, "item", depth=depth, parent=parent)
            for sub in item.children:
                if isinstance(sub, (nodes.bullet_list, nodes.enumerated_list)):
                    self.items(sub, level, depth + 1, index if index >= 0 else parent)

    def table(self, table) -> None:  # noqa: ANN001
        from docutils import nodes

        header: list[str] = []
        for head in table.findall(nodes.thead):
            for row in head.findall(nodes.row):
                header = [clean(e.astext()).lower() for e in row.children]
        for body in table.findall(nodes.tbody):
            for row in body.children:
                cells = []
                for i, entry in enumerate(row.children):
                    text, links, emphasis = self.inline(entry)
                    cells.append(Cell(header[i] if i < len(header) else "", text, links,
                                      emphasis))
                if not any(c.text for c in cells):
                    continue
                text = " | ".join(c.text for c in cells if c.text)
                line = next((e.line for e in row.findall(nodes.paragraph) if e.line), 0)
                self.page.blocks.append(Block(line, "row", text, cells=tuple(cells),
                                              links=tuple(lk for c in cells for lk in c.links)))


def rst_page(text: str) -> Page:
    """A reStructuredText page as blocks (docutils; Sphinx roles read as links)."""
    from docutils.core import publish_doctree

    _register_roles()
    settings = {"report_level": 5, "halt_level": 5, "warning_stream": io.StringIO(),
                "file_insertion_enabled": False, "raw_enabled": False,
                "doctitle_xform": False, "sectsubtitle_xform": False,
                "input_encoding": "unicode"}
    tree = publish_doctree(text, settings_overrides=settings)
    page = Page()
    _Walker(page).walk(tree)
    return page
