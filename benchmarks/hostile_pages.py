"""Hostile page shapes of issue 22, for ``make bench`` (section ``hostile``) and the tests.

Each shape is a page of about ``size`` bytes built to hit one super-linear path a
structure reader or the citation reader once had: nested tables and lists 10,000 deep,
one list item of a long separator run, runs of ``(pdf)`` labels, items ending in many
``[pdf]`` labels, emphasis nests, thousands of ``<b>`` in one item, one base key for
thousands of papers, an Org table of rule lines. The bar (issue 22): any page of 1 MB of
any shape imports or fails in under 5 s with the default settings.

``python benchmarks/hostile_pages.py SIZE`` imports every shape of SIZE bytes in this
process and prints one JSON line per shape (name, bytes, seconds, papers or error):
``tests/test_hostile_pages.py`` runs it in a subprocess whose timeout only catches hangs.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable

CITE = "Deep Sets, Manzil Zaheer and Satwik Kottur (NIPS 2017)"
MB = 1024 * 1024


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // max(1, len(unit)))


def _nest(open_: str, close: str, inner: str, size: int, cap: int = 10_000) -> str:
    depth = min(cap, max(1, (size - len(inner)) // (len(open_) + len(close))))
    return open_ * depth + inner + close * depth


def _html_tables(size: int) -> str:
    return _nest("<table><tr><td>", "</td></tr></table>", CITE, size)


def _md_raw_tables(size: int) -> str:
    return "# Readings\n\n" + _html_tables(size) + "\n"


def _html_lists(size: int) -> str:
    return _nest("<ul><li>", "</li></ul>", CITE, size)


def _md_lists(size: int) -> str:
    depth = min(10_000, size // 40)
    return "".join("  " * min(i, 400) + f"- {CITE if i == depth - 1 else 'x'}\n"
                   for i in range(depth))


def _separators(sep: str) -> Callable[[int], str]:
    return lambda size: "- " + CITE + " " + _repeat(sep, size - 60) + "\n"


def _pdf_run(size: int) -> str:
    return "- " + CITE + " " + _repeat("(pdf) ", size - 60) + "\n"


def _pdf_items(size: int) -> str:
    item = "- " + CITE + " " + "[pdf] " * 20 + "\n"
    return _repeat(item, size)


def _emphasis_md(size: int) -> str:
    return "- " + _nest("*_", "_*", CITE, size, cap=size) + "\n"


def _bold_html(size: int) -> str:
    return "<ul><li>" + _repeat("<b>x</b> ", size - 80) + CITE + "</li></ul>"


def _one_key(size: int) -> str:
    """Thousands of papers with one base key (same author, year, first title word)."""
    rows = size // 70
    return "".join(f"- Deep Sets number {i}, Manzil Zaheer (NIPS 2017)\n" for i in range(rows))


def _org_rules(size: int) -> str:
    return "* Readings\n" + "| Paper | Authors |\n" + _repeat("|---+---|\n", size - 200) + \
        f"| {CITE} | Zaheer |\n"


def _names_run(size: int) -> str:
    return "- " + _repeat("A. ", size // 2) + CITE + " " + _repeat(". ", size // 2) + "\n"


SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "html-tables-nested": ("html", _html_tables),
    "md-raw-html-tables-nested": ("md", _md_raw_tables),
    "html-lists-nested": ("html", _html_lists),
    "md-lists-nested": ("md", _md_lists),
    "sep-comma": ("md", _separators(",")),
    "sep-comma-space": ("md", _separators(", ")),
    "sep-colon": ("md", _separators(": ")),
    "sep-semicolon": ("md", _separators("; ")),
    "sep-pipe": ("md", _separators("| ")),
    "sep-period": ("md", _separators(". ")),
    "names-initials": ("md", _names_run),
    "pdf-label-run": ("md", _pdf_run),
    "pdf-label-items": ("md", _pdf_items),
    "emphasis-nest-md": ("md", _emphasis_md),
    "bold-run-html": ("html", _bold_html),
    "one-base-key": ("md", _one_key),
    "org-rule-lines": ("org", _org_rules),
    "txt-separators": ("txt", _separators(", ")),
}


def page(name: str, size: int) -> tuple[str, str]:
    """``(text, format)`` of shape ``name`` at about ``size`` bytes."""
    fmt, make = SHAPES[name]
    return make(size), fmt


def run(size: int, names: list[str] | None = None) -> list[dict]:
    from papergraph.errors import PapergraphError
    from papergraph.importer import import_text

    out = []
    for name in names or list(SHAPES):
        text, fmt = page(name, size)
        start = time.perf_counter()
        try:
            res = import_text(text, fmt)  # type: ignore[arg-type]
            what: dict = {"papers": len(res.syllabus.papers)}
        except PapergraphError as exc:
            what = {"error": str(exc).splitlines()[0][:200]}
        out.append({"name": name, "bytes": len(text.encode()),
                    "seconds": round(time.perf_counter() - start, 3), **what})
        print(json.dumps(out[-1]), flush=True)
    return out


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else MB, sys.argv[2:] or None)
