"""Text and links made safe for Markdown (``coverage.md``, ``reading-lists.md``).

Titles, names and venues come from a syllabus or a web service; rendered as Markdown (by
GitHub, an editor's preview, pandoc, a static-site generator) a raw ``<script>`` or
``[x](javascript:…)`` in a title would be live HTML or a live link. Here:

* :func:`md` HTML-escapes ``& < >`` and backslash-escapes the characters Markdown gives a
  meaning inside a line (``\\ ` * _ [ ] ~``; ``_`` not inside a word), and makes the text
  one line, so it renders as exactly the text it was;
* :func:`md_cell` does the same for a pipe-table cell (``|`` escaped too);
* :func:`md_code` makes an inline code span whatever backticks the text holds;
* :func:`md_url` gives a link target only for ``http(s)`` URLs, percent-encoding what a
  Markdown link destination cannot hold (spaces, ``( ) < >``, non-ASCII).

Text already written as Markdown is marked by wrapping it in :class:`Markdown`, which
:func:`md` and :func:`md_cell` leave as it is (only pipes are escaped in cells).
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urlsplit

# An underscore between two letters or digits cannot start or end emphasis: left as is.
_SPECIAL = re.compile(r"([\\`*\[\]~]|(?<![^\W_])_|_(?![^\W_]))")
_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
# text holding none of the characters md() changes (_SPECIAL's, _BREAKS', & < >)
_PLAIN = re.compile(r"[^\\`*\[\]~_&<>\x00-\x1f\x7f-\x9f\u2028\u2029]*\Z")
# What may stay as it is in a link destination: RFC 3986 minus parentheses and brackets.
_URL_SAFE = "-._~:/?#@!$&'*+,;=%"


class Markdown(str):
    """A string that is already Markdown: :func:`md` does not escape it again."""


def md(text: object) -> Markdown:
    """``text`` as Markdown that renders as exactly that text, on one line."""
    if isinstance(text, Markdown):
        return text
    value = str(text)
    if _PLAIN.match(value):  # most titles and names: nothing to escape, one scan
        return Markdown(value)
    value = _BREAKS.sub(" ", value)
    return Markdown(_SPECIAL.sub(r"\\\1", html.escape(value, quote=False)))


def md_cell(text: object) -> str:
    """:func:`md` for a cell of a pipe table (``|`` escaped, also inside code spans)."""
    return md(text).replace("|", "\\|")


def md_code(text: str) -> Markdown:
    """``text`` as an inline code span, fenced by more backticks than it holds."""
    value = _BREAKS.sub(" ", text)
    longest = max((len(m) for m in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return Markdown(f"{fence}{pad}{value}{pad}{fence}")


def md_url(url: str) -> str | None:
    """``url`` fit for ``[label](url)``, or None unless it is an http(s) URL with a host."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=_URL_SAFE)


def md_link(label: str, url: str) -> Markdown:
    """``[label](url)``; for a URL that is not http(s), the label and a note instead."""
    target = md_url(url)
    if target is None:
        return Markdown(f"{md(label)} (link left out: not an http(s) address)")
    return Markdown(f"[{md(label)}]({target})")
