"""Data files (``.yml``, ``.yaml``): a reading group's sessions kept as the list of records a
site generator (Jekyll's ``_data/``, Hugo's ``data/``) turns into its page.

The longest list of mappings in the file (at the top, or one key down: ``meetings:``) is
read as a table: each record a row, its keys the columns (in the order first met), its
values the cells, read as inline Markdown as a CSV file's are. Rows keep the line their
record starts on. Values nested deeper than a list of plain values are left out, and so are
aliases (a YAML alias could repeat a node without end).
"""

from __future__ import annotations

from typing import Any

from .blocks import Block, Cell, Page, UnreadableRow
from .frontmatter import too_deep
from .markdown import _cell_links

MAX_DATA_DEPTH = 16  # a reading list's records are two or three levels deep


def data_page(text: str) -> Page:
    """The records of a YAML data file as table rows; YAML that does not parse raises
    :class:`~.blocks.UnreadableRow` at the line it fails on (nested too deep: no rows)."""
    import yaml

    page = Page()
    if too_deep(text, MAX_DATA_DEPTH):
        return page
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:  # "FILE:3: not readable YAML (…)", as a CSV row
        mark = exc.problem_mark or exc.context_mark
        raise UnreadableRow(mark.line + 1 if mark else 1,
                            f"not readable YAML ({exc.problem or exc.context})") from None
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        raise UnreadableRow(1, f"not readable YAML ({exc})") from None
    records = _records(root)
    header: list[str] = []
    for node in records:
        header += [k for k, _ in _fields(node) if k not in header]
    for node in records:
        values = dict(_fields(node))
        cells = []
        for key in header:
            shown, links, emphasis = _cell_links(" ".join(values.get(key, "").split()))
            cells.append(Cell(key.lower(), shown, links, emphasis))
        if any(c.text for c in cells):
            page.blocks.append(Block(node.start_mark.line + 1, "row",
                                     " | ".join(c.text for c in cells if c.text),
                                     cells=tuple(cells),
                                     links=tuple(lk for c in cells for lk in c.links)))
    return page


def _records(root: Any) -> list[Any]:
    """The longest list of mappings at the top of the file or one key down."""
    import yaml

    lists = [root] if isinstance(root, yaml.SequenceNode) else []
    if isinstance(root, yaml.MappingNode):
        lists += [v for _, v in root.value if isinstance(v, yaml.SequenceNode)]
    found = [[n for n in seq.value if isinstance(n, yaml.MappingNode)] for seq in lists]
    return max(found, key=len, default=[])


def _fields(node: Any) -> list[tuple[str, str]]:
    """A record's keys and values as text: a plain value, or a list of plain values."""
    import yaml

    out = []
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        if isinstance(value, yaml.ScalarNode):
            out.append((str(key.value), str(value.value)))
        elif isinstance(value, yaml.SequenceNode):
            items = [str(v.value) for v in value.value if isinstance(v, yaml.ScalarNode)]
            out.append((str(key.value), "; ".join(items)))
    return out
