"""Reading a page: a local ``.txt``/``.md``/``.html`` file or an ``http(s)://`` URL.

Network and file failures are mapped here, once, to papergraph's error tree: a missing
file or an unsupported type is an :class:`InputError` naming the file; a refused
connection, a timeout, an oversized body or an HTTP error is a one-line
:class:`SourceError`. A page (file or answer) over :data:`MAX_PAGE_BYTES` is refused, and
so is an answer that is no text (a PDF, an image).

``PAPERGRAPH_TIMEOUT``, when set, bounds the download (instead of :data:`FETCH_TIMEOUT`)
and the reading of the page (instead of :data:`READ_SECONDS`): see :func:`limits`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Literal

from ..errors import InputError, NetworkUnavailable, NotFound, Problem, SourceError
from ..files import read_user_bytes

Format = Literal["txt", "md", "html", "org", "rst", "csv", "tsv", "yml"]

EXTENSIONS: dict[str, Format] = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html",
    ".htm": "html", ".org": "org", ".rst": "rst", ".rest": "rst",
    # Markdown's other names, R Markdown and Quarto (course sites): Markdown with front matter
    ".mdown": "md", ".mkd": "md", ".mkdn": "md", ".mdwn": "md", ".mdx": "md", ".rmd": "md",
    ".qmd": "md", ".rmarkdown": "md",
    # pages saved as their server named them
    ".xhtml": "html", ".shtml": "html", ".php": "html",
    # a schedule kept as data, which the site's generator turns into its table
    ".csv": "csv", ".tsv": "tsv", ".yml": "yml", ".yaml": "yml",
}
FETCH_TIMEOUT = 20.0  # seconds, for http(s) sources
READ_SECONDS = 4.0  # seconds to read and draft a page: with start-up, under 5 s
MAX_PAGE_BYTES = 20 * 1024 * 1024  # a seminar page is never this big: refuse, don't hang


def limits(environ: dict[str, str] | None = None) -> tuple[float, float]:
    """``(download, reading)`` seconds: :data:`FETCH_TIMEOUT` and :data:`READ_SECONDS`,
    or both ``PAPERGRAPH_TIMEOUT`` when it is set (checked as the other commands do)."""
    env = os.environ if environ is None else environ
    if not env.get("PAPERGRAPH_TIMEOUT", "").strip():
        return FETCH_TIMEOUT, READ_SECONDS
    from ..config import load_settings

    timeout = load_settings(dict(env)).timeout
    return timeout, timeout


_GITHUB_BLOB = re.compile(r"^https?://github\.com/([^/?#]+/[^/?#]+)/blob/([^?#]+)$", re.IGNORECASE)
_GITLAB_BLOB = re.compile(r"^(https?://[^/?#]*gitlab[^/?#]*/[^?#]+?)/-/blob/([^?#]+)$",
                          re.IGNORECASE)


def raw_url(url: str) -> str:
    """The address of a repository file's own text for its page on GitHub or GitLab
    (``github.com/o/r/blob/main/README.md`` -> ``raw.githubusercontent.com/o/r/main/
    README.md``): the page around it is the site's, and GitHub builds it with scripts, so
    the reading list is not in its HTML. Any other address is returned as it is."""
    if m := _GITHUB_BLOB.match(url):
        return f"https://raw.githubusercontent.com/{m.group(1)}/{m.group(2)}"
    if m := _GITLAB_BLOB.match(url):
        return f"{m.group(1)}/-/raw/{m.group(2)}"
    return url


def read_source(source: str, *, timeout: float | None = None) -> tuple[str, Format, str]:
    """The text of ``source``, its format and its URL ("" for a local file)."""
    if re.match(r"^https?://", source, re.IGNORECASE):
        text, fmt = fetch(raw_url(source), FETCH_TIMEOUT if timeout is None else timeout)
        return text, fmt, source
    path = Path(source)
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        shown = path.suffix or "no extension"
        raise InputError(Problem(source, None, f"unsupported page type ({shown}): expected "
                                               ".txt, .md, .html, .org, .rst, .csv, .yml or an "
                                               "http(s):// URL"))
    data = read_user_bytes(path, source, what="page", limit=MAX_PAGE_BYTES)
    text = decode_page(data)
    if "\0" in text:
        raise InputError(Problem(source, text.count("\n", 0, text.index("\0")) + 1,
                                 "a NUL character: a binary file, not a page"))
    return text, fmt, ""


# <meta charset="iso-8859-1">, <meta http-equiv="Content-Type" content="text/html;
# charset=windows-1252">, <?xml version="1.0" encoding="iso-8859-1"?>
_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([\w.:\-]{1,40})|"""
                       rb"""<\?xml[^>]{0,100}?encoding\s*=\s*["']([\w.:\-]{1,40})""",
                       re.IGNORECASE)


def decode_page(data: bytes, charset: str = "") -> str:
    """A page's bytes as text, line ends made ``\\n``: its byte-order mark, else the
    ``charset`` its server sent, else UTF-8, else the charset the page declares (``<meta
    charset>``, ``<?xml encoding>``), else the one ``charset_normalizer`` finds likeliest
    (old pages are often Latin-1 or Windows-1252); what still cannot be decoded is
    replaced, never refused."""
    from ..sources.fetch import BOMS

    names = [name for bom, name in BOMS if data.startswith(bom)][:1] + [charset, "utf-8"]
    if m := _DECLARED.search(data[:4096]):
        names.append((m.group(1) or m.group(2)).decode("ascii"))
    for name in filter(None, names):
        try:
            return _lines(data.decode("utf-8-sig" if name.lower() in ("utf-8", "utf8")
                                      else name))
        except (LookupError, UnicodeError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return _lines(str(best) if best is not None else data.decode("utf-8", errors="replace"))


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def fetch(url: str, timeout: float | None = None) -> tuple[str, Format]:
    """GET ``url`` within :data:`FETCH_TIMEOUT` seconds of wall clock and
    :data:`MAX_PAGE_BYTES` of (decompressed) body; the page's text and its format.

    :func:`papergraph.sources.fetch.bounded_fetch` does the exchange, so a server that
    drips its answer or sends a compression bomb costs the deadline or the limit, not
    hours or gigabytes; its errors are already papergraph's one-line ``SourceError`` exceptions.
    """
    from ..sources.fetch import BodyTooLarge, FetchTimeout, Unreachable, charset_of

    timeout = FETCH_TIMEOUT if timeout is None else timeout
    try:
        response = _download(url, timeout)
    except Unreachable as exc:  # name the page the user gave, in words
        reason = "connection refused" if "Refused" in str(exc) else "cannot connect"
        raise NetworkUnavailable(f"{url}: {reason}") from None
    except FetchTimeout:
        raise NetworkUnavailable(f"{url}: no complete answer within {timeout:g} s"
                                 ) from None
    except BodyTooLarge:
        raise SourceError(f"{url}: page larger than {MAX_PAGE_BYTES // 2**20} MB") from None
    final = response.url or url
    where = url if final == url else f"{url} (redirected to {final})"
    if response.status == 404:
        raise NotFound(f"{where}: HTTP 404 Not Found")
    if response.status >= 400:
        raise SourceError(f"{where}: HTTP {response.status}")
    ctype = response.headers.get("content-type", "").lower()
    if (kind := ctype.split(";")[0].strip()) and not _textual(kind):
        raise SourceError(f"{where}: not a web page ({kind})")
    return decode_page(response.body, charset_of(ctype)), _format_of(final, ctype)


ATTEMPTS = 2  # a cut answer (reset, short body, broken chunks) is tried once more


def _download(url: str, timeout: float):  # noqa: ANN202 - a sources.fetch.RawResponse
    """The answer for ``url``; a cut answer is tried again (not a timeout: a server that
    drips costs one deadline, not two)."""
    from ..sources.fetch import FetchError, FetchTimeout, bounded_fetch

    for attempt in range(ATTEMPTS):
        try:
            return bounded_fetch(url, headers={"User-Agent": "papergraph-import"},
                                 timeout=timeout, max_bytes=MAX_PAGE_BYTES)
        except FetchTimeout:
            raise
        except FetchError as exc:
            if not exc.retryable or attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _textual(mime: str) -> bool:
    """Could an answer of this media type be a page (HTML, Markdown, Org, plain text)?"""
    return mime.startswith("text/") or mime in (
        "application/xhtml+xml", "application/xml", "application/octet-stream") or \
        mime.endswith(("+xml", "markdown", "org"))


def _format_of(url: str, ctype: str) -> Format:
    suffix = Path(url.split("?", 1)[0].split("#", 1)[0]).suffix.lower()
    fmt = EXTENSIONS.get(suffix)
    if fmt is not None:
        return fmt
    kinds: tuple[tuple[str, Format], ...] = (("markdown", "md"), ("x-rst", "rst"),
                                              ("text/csv", "csv"),
                                              ("tab-separated-values", "tsv"),
                                              ("yaml", "yml"),
                                              ("text/plain", "txt"))
    return next((fmt for kind, fmt in kinds if kind in ctype), "html")
