"""Reading a page: a local ``.txt``/``.md``/``.html`` file or an ``http(s)://`` URL.

Network and file failures are mapped here, once, to papergraph's error tree: a missing
file or an unsupported type is an :class:`InputError` naming the file; a refused
connection, a timeout or an HTTP error is a one-line :class:`SourceError`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from ..errors import InputError, NetworkUnavailable, NotFound, Problem, SourceError
from ..files import read_user_file

Format = Literal["txt", "md", "html"]

EXTENSIONS: dict[str, Format] = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html",
    ".htm": "html",
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
                                               ".txt, .md, .html or an http(s):// URL"))
    return read_user_file(path, source, what="page"), fmt, ""


def fetch(url: str) -> tuple[str, Format]:
    """GET ``url`` with requests; the page's text and its format."""
    import requests

    try:
        response = requests.get(url, timeout=FETCH_TIMEOUT, stream=True,
                                headers={"User-Agent": "papergraph-import"})
        body = response.raw.read(MAX_PAGE_BYTES + 1, decode_content=True)
    except requests.ConnectionError as exc:
        reason = "connection refused" if "refused" in str(exc).lower() else "cannot connect"
        raise NetworkUnavailable(f"{url}: {reason}") from None
    except requests.Timeout:
        raise NetworkUnavailable(f"{url}: no answer within {FETCH_TIMEOUT:g} s") from None
    except (requests.RequestException, OSError) as exc:
        raise SourceError(f"{url}: {type(exc).__name__}") from None
    if response.status_code == 404:
        raise NotFound(f"{url}: HTTP 404 Not Found")
    if response.status_code >= 400:
        raise SourceError(f"{url}: HTTP {response.status_code} {response.reason}")
    if len(body) > MAX_PAGE_BYTES:
        raise SourceError(f"{url}: page larger than {MAX_PAGE_BYTES // 2**20} MB")
    ctype = response.headers.get("Content-Type", "").lower()
    encoding = response.encoding if "charset=" in ctype else "utf-8"
    try:
        text = body.decode(encoding or "utf-8", errors="replace")
    except LookupError:  # an unknown charset name in the header
        text = body.decode("utf-8", errors="replace")
    return text, _format_of(url, ctype)


def _format_of(url: str, ctype: str) -> Format:
    suffix = Path(url.split("?", 1)[0].split("#", 1)[0]).suffix.lower()
    fmt = EXTENSIONS.get(suffix)
    if fmt is not None:
        return fmt
    if "markdown" in ctype:
        return "md"
    if "text/plain" in ctype:
        return "txt"
    return "html"
