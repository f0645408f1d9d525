"""Hostile page shapes of issue 22, for ``make bench`` (section ``hostile``) and the tests.

Each shape is a page of about ``size`` bytes built to hit one super-linear path a
structure reader or the citation reader once had: nested tables and lists 10,000 deep,
one list item of a long separator run, runs of ``(pdf)`` labels, items ending in many
``[pdf]`` labels, emphasis nests, thousands of ``<b>`` in one item, one base key for
thousands of papers, an Org table of rule lines. The bar (issue 22): any page of 1 MB of
any shape imports or fails in under 5 s with the default settings.

``python benchmarks/hostile_pages.py SIZE [--limited]`` imports every shape of SIZE
bytes in this process and prints one JSON line per shape (name, bytes, seconds, papers or
error). Plain, it drafts with ``import_text`` (no deadline: the work itself must be
bounded; ``tests/test_hostile.py`` runs it in a subprocess whose timeout only catches
hangs); ``--limited`` runs ``papergraph import FILE`` in a fresh process per shape, as a
user would, deadline included (what ``make bench`` times: wall clock of the process).
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
    """``- - - … - citation``: one line, a list nested 10,000 deep; then more of them."""
    line = "- " * 10_000 + CITE + "\n\n"
    return _repeat(line, size)


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


def _dates_run(size: int) -> str:
    return "- " + _repeat("Wed 9 Oct 24 ", size) + CITE + "\n"


def _yaml_records(size: int) -> str:
    return _repeat(f"- date: 'Oct 24 2020'\n  description: '{CITE}'\n", size)


def _html_cards(size: int) -> str:
    return _repeat(f"<article><h4>{CITE}</h4><p>Ann Lee · STOC 2020</p></article>\n", size)


def _outline_records(size: int) -> str:
    return _repeat(f"1.1.\t{CITE}\nhttps://example.org/a.pdf\n", size)


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
    "dates-run": ("md", _dates_run),
    "yaml-records": ("yml", _yaml_records),
    "html-cards": ("html", _html_cards),
    "txt-outline-records": ("txt", _outline_records),
}


def page(name: str, size: int) -> tuple[str, str]:
    """``(text, format)`` of shape ``name`` at about ``size`` bytes."""
    fmt, make = SHAPES[name]
    return make(size), fmt


def run(size: int, names: list[str] | None = None, *, limited: bool = False) -> list[dict]:
    out = []
    for name in names or list(SHAPES):
        text, fmt = page(name, size)
        row = _cli(text, fmt) if limited else _library(text, fmt)
        out.append({"name": name, "bytes": len(text.encode()), **row})
        print(json.dumps(out[-1]), flush=True)
    return out


def _library(text: str, fmt: str) -> dict:
    from papergraph.errors import PapergraphError
    from papergraph.importer import import_text

    start = time.perf_counter()
    try:
        what: dict = {"papers": len(import_text(text, fmt).syllabus.papers)}  # type: ignore[arg-type]
    except PapergraphError as exc:
        what = {"error": str(exc).splitlines()[0][:200]}
    return {"seconds": round(time.perf_counter() - start, 3), **what}


def _cli(text: str, fmt: str) -> dict:
    import subprocess
    import tempfile
    from pathlib import Path

    papergraph = Path(sys.executable).parent / "papergraph"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"page.{fmt}"
        path.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        proc = subprocess.run([str(papergraph), "import", str(path), "-o", str(path) + ".toml"],
                              capture_output=True, text=True, timeout=600)
        seconds = time.perf_counter() - start
    last = (proc.stderr.strip().splitlines() or [""])[-1].replace(str(path), "PAGE")
    return {"seconds": round(seconds, 3), "exit": proc.returncode, "last_line": last[:200],
            "traceback": "Traceback" in proc.stderr}


def hostile_markdown(rows: list[dict]) -> list[str]:
    """The ``hostile`` section of ``RESULTS.md``."""
    lines = ["", "## Hostile pages (issue 22)", "",
             "Each shape of about 1 MB (`benchmarks/hostile_pages.py`) through `papergraph "
             "import FILE` in a fresh process: wall clock of the process, start-up included. "
             "Target: imports or fails in at most 5 s, exit 0 or 1, no traceback.", "",
             "| shape | bytes | seconds | exit | last line |", "|---|---|---|---|---|"]
    for r in rows:
        last = r["last_line"].replace("|", "\\|")
        lines.append(f"| {r['name']} | {r['bytes']:,} | {r['seconds']:.2f} | {r['exit']} | "
                     f"{last} |")
    return lines


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--limited"]
    run(int(args[0]) if args else MB, args[1:] or None, limited="--limited" in sys.argv)
