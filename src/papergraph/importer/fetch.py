"""Reading a page: a local ``.txt``/``.md``/``.html`` file or an ``http(s)://`` URL.

Network and file failures are mapped here, once, to papergraph's error tree: a missing
file or an unsupported type is an :class:`InputError` naming the file; a refused
connection, a timeout, an oversized body or an HTTP error is a one-line
:class:`SourceError`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from ..errors import InputError, NetworkUnavailable, NotFound, Problem, SourceError
from ..files import read_user_file

Format = Literal["txt", "md", "html", "org", "rst"]

EXTENSIONS: dict[str, Format] = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html",
    ".htm": "html", ".org": "org", ".rst": "rst", ".rest": "rst",
}
FETCH_TIMEOUT = 20.0  # seconds, for http(s) sources
MAX_PAGE_BYTES = 20 * 1024 * 1024  # a seminar page is never this big: refuse, don't hang


def read_source(source: str) -> tuple[str, Format, str]:
    """The text of ``source``, its format and its URL ("" for a local file)."""
    if re.match(r"^https?://", source, re.IGNORECASE):
        text, fmt = fetch(source)
        return text, fmt, source
    path = Path(source)
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        shown = path.suffix or "no extension"
        raise InputError(Problem(source, None, f"unsupported page type ({shown}): expected "
                                               ".txt, .md, .html, .org, .rst or an http(s):// URL"))
    return read_user_file(path, source, what="page"), fmt, ""


def fetch(url: str) -> tuple[str, Format]:
    """GET ``url`` within :data:`FETCH_TIMEOUT` seconds of wall clock and
    :data:`MAX_PAGE_BYTES` of (decompressed) body; the page's text and its format.

    :func:`papergraph.sources.fetch.bounded_fetch` does the exchange, so a server that
    drips its answer or sends a compression bomb costs the deadline or the limit, not
    hours or gigabytes; its errors are already papergraph's one-line ``SourceError`` exceptions.
    """
    from ..sources.fetch import BodyTooLarge, FetchTimeout, Unreachable, bounded_fetch

    try:
        response = bounded_fetch(url, headers={"User-Agent": "papergraph-import"},
                                 timeout=FETCH_TIMEOUT, max_bytes=MAX_PAGE_BYTES)
    except Unreachable as exc:  # name the page the user gave, in words
        reason = "connection refused" if "Refused" in str(exc) else "cannot connect"
        raise NetworkUnavailable(f"{url}: {reason}") from None
    except FetchTimeout:
        raise NetworkUnavailable(f"{url}: no complete answer within {FETCH_TIMEOUT:g} s"
                                 ) from None
    except BodyTooLarge:
        raise SourceError(f"{url}: page larger than {MAX_PAGE_BYTES // 2**20} MB") from None
    if response.status == 404:
        raise NotFound(f"{url}: HTTP 404 Not Found")
    if response.status >= 400:
        raise SourceError(f"{url}: HTTP {response.status}")
    return response.text, _format_of(response.url or url,
                                     response.headers.get("content-type", "").lower())


def _format_of(url: str, ctype: str) -> Format:
    suffix = Path(url.split("?", 1)[0].split("#", 1)[0]).suffix.lower()
    fmt = EXTENSIONS.get(suffix)
    if fmt is not None:
        return fmt
    if "markdown" in ctype:
        return "md"
    if "x-rst" in ctype:
        return "rst"
    if "text/plain" in ctype:
        return "txt"
    return "html"
