"""Tables aligned with spaces under a rule of dashes (Pandoc's simple and multiline tables):

    Date        Presenter                 Paper
    ----------  ------------------------  ------------------------------
    Apr  7      Darioush, Kivanc          [Code Coverage for …][CC]<br />
                                          [Coverage Is Not …][CC2]

CommonMark reads them as paragraphs (each row's cells run together, the presenter glued to
the title). They are rewritten as pipe tables before parsing: the columns are where the
dashes of the rule under the header are; a row is one line (a simple table), or, where a
rule of dashes opens the table, the lines up to the next blank line (a multiline table).
"""

from __future__ import annotations

import re

# (possessive: a long run of dashes and spaces that is not a rule costs one pass)
_RULE = re.compile(r"^ {0,3}-{3,}+(?:[ ]{1,}+-{3,}+)++[ ]*+$", re.MULTILINE)
_FULL_RULE = re.compile(r" {0,3}-{10,}+[ ]*+")


def _columns(rule: str) -> list[int]:
    """Where each column starts: the start of each run of dashes."""
    return [m.start() for m in re.finditer(r"-+", rule)]


def _header_fits(header: str, rule: str) -> bool:
    """Are the header's words in two columns or more, none across a gap of the rule?"""
    gaps = [m.span() for m in re.finditer(r" +", rule.rstrip())]
    named = sum(1 for c in _cells(header, _columns(rule)) if c)
    return named >= 2 and all(not header[a:b].strip() for a, b in gaps if a > 0)


def _cells(line: str, starts: list[int]) -> list[str]:
    ends = [*starts[1:], max(len(line), starts[-1] + 1)]
    # a cell runs from its column's start to the next's (text wider than its rule, too)
    return [line[a:b].strip() for a, b in zip([0, *starts[1:]], ends, strict=True)]


def _row(lines: list[str], starts: list[int]) -> str:
    parts = [_cells(s, starts) for s in lines]
    joined = [" ".join(p[i] for p in parts if p[i]) for i in range(len(starts))]
    return "| " + " | ".join(c.replace("|", "\\|") for c in joined) + " |"


def _body(lines: list[str], multiline: bool) -> tuple[list[list[str]], int]:
    """The rows under the rule (each a list of source lines) and how many lines they take."""
    rows: list[list[str]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _FULL_RULE.fullmatch(line) or (not line.strip() and not multiline):
            return rows, i + (1 if line.strip() else 0)
        if multiline and not line.strip() and i + 1 < len(lines) and not lines[i + 1].strip():
            return rows, i  # two blank lines: a multiline table left open ends here
        if line.strip():
            if multiline and rows and i > 0 and lines[i - 1].strip():
                rows[-1].append(line)
            else:
                rows.append([line])
        i += 1
    return rows, i


def aligned_tables(text: str) -> str:
    """``text`` with each space-aligned table as a pipe table; the lines after keep their
    numbers (the table's rows are written first, blank lines after them)."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i == 0 or not _RULE.fullmatch(lines[i]) or not lines[i - 1].strip() \
                or "|" in lines[i - 1]:
            out.append(lines[i])
            i += 1
            continue
        starts = _columns(lines[i])
        if not _header_fits(lines[i - 1], lines[i]):
            out.append(lines[i])  # "Some text" over "--- ---": a paragraph and a rule
            i += 1
            continue
        multiline = i >= 2 and bool(_FULL_RULE.fullmatch(lines[i - 2]))
        rows, used = _body(lines[i + 1:], multiline)
        head = out.pop()
        if multiline:
            out[-1] = ""  # the rule over the header (else a setext underline of the line above)
        table = [_row([head], starts), "|" + "---|" * len(starts),
                 *(_row(r, starts) for r in rows)]
        span = 2 + used  # the header, the rule and the body's lines
        out += table + [""] * max(0, span - len(table))
        i += 1 + used
    return "\n".join(out)
