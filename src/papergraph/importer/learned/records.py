"""Multi-line records: a citation that a page spreads over consecutive lines.

Plain-text pages (and list items whose continuation lines are not indented as Markdown
wants) write one paper as a title line, an authors line (``Li B, Dewey CN``), a journal
line (``BMC Bioinformatics. 2011 Aug 4;12:323.``) or a URL line. A line continues the
record above it when it is the next source line and adds no title of its own: the
tagger, reading the line alone, finds (almost) no title tokens in it, or it is a bare
address, or the line above visibly runs on (a trailing comma or ``and``, a lower-case
start). One pass over the blocks.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..blocks import Block, is_bare_url
from ..dates import Context
from ..sections import _reindex, is_date_line
from . import lexicon
from .cues import title_roles

_RUNS_ON = re.compile(r"(?:[,;:&\-–]|\band|\bby|\bin)\s*$", re.IGNORECASE)
# a record's field line, as a library's "cite" copy writes them (JSTOR, databases)
_FIELD = re.compile(r"\s*(authors?\(s\)|authors?|source|journal|published by|publisher|"
                    r"stable url|url|accessed|doi|isbn|issn)\s*:\s*", re.IGNORECASE)
_NOT_CITED = re.compile(r"published|stable|url|accessed|isbn|issn", re.IGNORECASE)
TITLE_SHARE = 0.3  # a line whose words are at most this much title adds no title


def continues(above: Block, line: Block) -> bool:
    """Does ``line`` carry on the record ``above`` (see the module docstring)?"""
    if line.kind != "text" or above.kind not in ("text", "item") or not line.text:
        return False
    if is_bare_url(line) or _FIELD.match(line.text):
        return True  # an address, or a field of the record ("Author(s): …", "Source:")
    if is_date_line(line.text, Context()) or (len(line.text.split()) <= 3 and not any(
            c.isdigit() for c in line.text) and not _a_name(line.text)):
        return False  # a date or a short label ("News", "Time plan") heads what follows
    if _RUNS_ON.search(above.text) or line.text[0].islower():
        return True
    return above.kind == "text" and len(line.text.split()) <= 40 and \
        title_roles(line.text)[1] <= TITLE_SHARE


def _a_name(text: str) -> bool:
    """``Bas Engel``: a known given name and a capitalised word or two (an author line)."""
    words = text.split()
    given, _ = lexicon.names()
    return 2 <= len(words) <= 3 and words[0].lower() in given and all(
        w[:1].isupper() for w in words)


def _joined(above: str, line: str) -> str:
    """A line break ends a part of the record: where the line above has no closing
    punctuation and does not run on, a full stop stands for it. A field's label is no
    part of the citation (``Author(s): Y. Lee``: the names), and a field that only says
    where the copy came from (``Stable URL:``, ``Accessed:``) is left out."""
    if m := _FIELD.match(line):
        if _NOT_CITED.match(m.group(1)):
            return above
        line = line[m.end():].strip()
        if not line:
            return above
    if re.search(r"[^\W\d_]-$", above):  # "Random-" / "Effect Models": one word, wrapped
        return above + line
    if _RUNS_ON.search(above) or line[:1].islower() or above.rstrip()[-1:] in ".?!:;,)]\"”":
        return f"{above} {line}"
    return f"{above}. {line}"


def join_records(blocks: list[Block], keep: Block | None = None) -> list[Block]:
    """``blocks`` with each continuation line joined to the record it continues; ``keep``
    (the page's title) is joined to nothing."""
    out: list[Block] = []
    last_line, field_open = -2, False
    for b in blocks:
        prev = out[-1] if out else None
        if prev is not None and prev is not keep and b.line == last_line + 1 \
                and (continues(prev, b) or field_open and b.kind == "text"):
            out[-1] = replace(prev, text=_joined(prev.text, b.text), links=prev.links + b.links,
                              emphasis=prev.emphasis + b.emphasis)
        else:
            out.append(b)
        last_line = max(b.line, b.last)
        field_open = bool(_FIELD.fullmatch(b.text))  # "Source:" / "  Biometrika, …"
    return _reindex(blocks, out) if len(out) < len(blocks) else out
