"""One bounded HTTP exchange: :func:`bounded_fetch`.

Whatever the server does, a call returns or raises within ``timeout`` seconds of wall
clock and holds at most ``max_bytes`` of body (counted after decompression, so a gzip
bomb stops at the limit, not in memory):

* the exchange runs in a daemon worker thread; the caller waits on it until the
  deadline, then shuts the response's socket (``urllib3.HTTPResponse.shutdown``) and
  raises :class:`FetchTimeout`. A server dripping its headers or its body one byte at a
  time therefore costs ``timeout``, not hours;
* the body is read raw and decompressed here (gzip/deflate, the only encodings asked
  for) with ``zlib``'s ``max_length``; a ``Content-Length`` above the limit is refused
  before reading;
* redirects are followed by hand (at most ``max_redirects``); ``secret_headers`` (the
  API key) go only to the origin (scheme, host, port) of the first URL, never to
  another host or over a downgraded scheme.

Lower-layer errors (requests, urllib3, http.client, sockets, zlib) are mapped here once:
to :class:`Unreachable` (DNS failure, connection refused: retrying cannot help),
:class:`FetchTimeout`, :class:`BodyTooLarge` or :class:`FetchError`. A cut answer (a body
shorter than its ``Content-Length``, a reset mid-body, a broken chunked encoding) is a
retryable :class:`FetchError` like any other failed attempt. Decoding a body never
raises: an unknown or unusable charset falls back to UTF-8, a byte-order mark wins.
"""

from __future__ import annotations

import codecs
import contextlib
import logging
import threading
import zlib
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..errors import NetworkUnavailable, SourceError

CHUNK = 64 * 1024

# An abandoned exchange (past its deadline) may still end in urllib3 logging a parse
# error with its traceback; a library prints nothing: keep it off the lastResort handler
# (an application that configures logging still gets it).
logging.getLogger("urllib3").addHandler(logging.NullHandler())
REDIRECTS = {301, 302, 303, 307, 308}


class FetchError(SourceError):
    """The exchange failed; ``retryable`` says whether trying again may help."""

    retryable = True


class FetchTimeout(FetchError):
    """No complete answer within the deadline."""


class BodyTooLarge(FetchError):
    """The body (after decompression) is larger than allowed."""

    retryable = False


class Unreachable(NetworkUnavailable):
    """DNS failure or connection refused: the host cannot be reached at all."""

    retryable = False


@dataclass
class RawResponse:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    url: str = ""  # after redirects

    @property
    def text(self) -> str:
        return decode_body(self.body, self.headers.get("content-type", ""))


BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))  # byte-order marks and the codec each names


def charset_of(ctype: str) -> str:
    """The ``charset`` parameter of a Content-Type header, or ""."""
    for part in ctype.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"\'')
    return ""


def decode_body(body: bytes, ctype: str) -> str:
    """``body`` as text: its byte-order mark, else the ``charset`` of ``ctype``, else
    UTF-8; undecodable bytes replaced. A charset Python cannot decode text with
    (``idna``, ``undefined``, ``hex``, unknown names) is ignored, never raised."""
    charset = charset_of(ctype) or "utf-8"
    for bom, name in BOMS:
        if body.startswith(bom):
            charset = name
            break
    try:
        return body.decode(charset, errors="replace")
    except (LookupError, UnicodeError, ValueError, TypeError):
        return body.decode("utf-8", errors="replace")


def origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


class _Body:
    """Collects a body, decompressing on the fly, within ``limit`` bytes."""

    def __init__(self, encoding: str, limit: int, url: str) -> None:
        self.limit, self.url = limit, url
        self.out = bytearray()
        self.raw = 0
        enc = encoding.strip().lower()
        if enc in ("", "identity"):
            self.z = None
        elif enc in ("gzip", "x-gzip"):
            self.z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif enc == "deflate":
            self.z = zlib.decompressobj()
        else:
            raise FetchError(f"{url}: unsupported Content-Encoding {encoding!r}")

    def _too_big(self) -> BodyTooLarge:
        return BodyTooLarge(f"{self.url}: answer larger than {self.limit / 2**20:g} MB")

    def _put(self, data: bytes) -> None:
        self.out += data
        if len(self.out) > self.limit:
            raise self._too_big()

    def feed(self, chunk: bytes) -> None:
        self.raw += len(chunk)
        if self.raw > self.limit:
            raise self._too_big()
        if self.z is None:
            return self._put(chunk)
        try:
            data = chunk
            while data:
                self._put(self.z.decompress(data, self.limit - len(self.out) + 1))
                data = self.z.unconsumed_tail
        except zlib.error as exc:
            raise FetchError(f"{self.url}: corrupt compressed answer ({exc})") from None

    def finish(self) -> bytes:
        if self.z is not None:
            try:
                self._put(self.z.flush(self.limit - len(self.out) + 1))
            except zlib.error as exc:
                raise FetchError(f"{self.url}: corrupt compressed answer ({exc})") from None
        return bytes(self.out)


@dataclass
class _Exchange:
    """State shared between the caller and the worker thread."""

    raw: Any = None  # the urllib3 response being read, so the caller can shut it
    cancelled: bool = False
    result: RawResponse | None = None
    error: BaseException | None = None
    done: threading.Event = field(default_factory=threading.Event)

    def stop(self) -> None:
        self.cancelled = True
        raw = self.raw
        if raw is not None:
            with contextlib.suppress(Exception):  # best effort: the socket may be gone
                raw.shutdown()  # wakes a read blocked in another thread


def bounded_fetch(
    url: str,
    *,
    method: str = "GET",
    params: list[tuple[str, str]] | None = None,
    payload: Any = None,
    headers: dict[str, str] | None = None,
    secret_headers: dict[str, str] | None = None,
    session: Any = None,
    timeout: float = 10.0,
    max_bytes: int = 16 * 2**20,
    max_redirects: int = 5,
) -> RawResponse:
    """``method url`` and its whole (decompressed) body, within ``timeout`` seconds of wall
    clock and ``max_bytes``; redirects followed, secrets kept to the first URL's origin.

    Any status is returned (the caller decides what a 404 or a 500 means); failures raise
    :class:`FetchError` (or :class:`Unreachable`, a :class:`NetworkUnavailable`).
    """
    import requests

    try:
        origin(url)
    except ValueError as exc:
        raise _bad_url(url, exc) from None
    if session is None:
        session = requests.Session()
    ex = _Exchange()
    args = (session, method.upper(), url, params, payload, dict(headers or {}),
            dict(secret_headers or {}), timeout, max_bytes, max_redirects)
    worker = threading.Thread(target=_work, args=(ex, *args), daemon=True,
                              name="papergraph-fetch")
    worker.start()
    if not ex.done.wait(timeout):
        ex.stop()
        raise FetchTimeout(f"{_short(url)}: no complete answer within {timeout:g} s")
    if ex.error is not None:
        raise _mapped(ex.error, url, timeout)
    assert ex.result is not None
    return ex.result


def _work(ex: _Exchange, *args: Any) -> None:
    try:
        ex.result = _exchange(ex, *args)
    except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
        ex.error = exc
    finally:
        ex.done.set()


def _exchange(ex: _Exchange, session: Any, method: str, url: str,
              params: list[tuple[str, str]] | None, payload: Any, headers: dict[str, str],
              secrets: dict[str, str], timeout: float, max_bytes: int,
              max_redirects: int) -> RawResponse:
    first = origin(url)
    headers.setdefault("Accept-Encoding", "gzip, deflate")
    for hop in range(max_redirects + 1):
        sent = {**headers, **(secrets if origin(url) == first else {})}
        r = session.request(method, url, params=params, json=payload, headers=sent,
                            stream=True, allow_redirects=False, timeout=timeout)
        ex.raw = r.raw
        if ex.cancelled:
            r.close()
            raise FetchTimeout("cancelled")
        location = r.headers.get("Location")
        if r.status_code in REDIRECTS and location:
            r.close()
            if hop == max_redirects:
                raise FetchError(f"{_short(url)}: more than {max_redirects} redirects")
            nxt = urljoin(r.url or url, location)
            if urlsplit(nxt).scheme not in ("http", "https"):
                raise FetchError(f"{_short(url)}: redirected to a non-HTTP URL")
            if r.status_code == 303 or (r.status_code in (301, 302) and method == "POST"):
                method, payload = "GET", None
            url, params = nxt, None
            continue
        return _read(ex, r, max_bytes)
    raise AssertionError("unreachable")  # pragma: no cover


def _read(ex: _Exchange, r: Any, max_bytes: int) -> RawResponse:
    url = _short(r.url)
    try:
        declared = int(r.headers.get("Content-Length") or 0)
    except ValueError:
        declared = 0
    body = _Body(r.headers.get("Content-Encoding", ""), max_bytes, url)
    try:
        if declared > max_bytes:
            raise body._too_big()
        while not ex.cancelled:
            chunk = r.raw.read(CHUNK, decode_content=False)
            if not chunk:
                break
            body.feed(chunk)
        if ex.cancelled:
            raise FetchTimeout("cancelled")
        data = body.finish()
    finally:
        r.close()
    return RawResponse(r.status_code, data, {k.lower(): v for k, v in r.headers.items()},
                       r.url)


def shown_url(url: str) -> str:
    """``url`` as messages show it: no query, no password."""
    return _short(url)


def _short(url: str) -> str:
    from ..config import mask_url

    return mask_url(url.split("?", 1)[0])


def _bad_url(url: str, exc: BaseException) -> FetchError:
    import requests

    why = "a header holds a line break or a control character" if isinstance(
        exc, requests.exceptions.InvalidHeader) else str(exc)
    err = FetchError(f"bad URL {_short(url)!r}: {why}")
    err.retryable = False
    return err


def _mapped(exc: BaseException, url: str, timeout: float) -> BaseException:
    """A requests/urllib3 error as a papergraph error (others are returned unchanged)."""
    import requests

    if isinstance(exc, FetchError | NetworkUnavailable):
        return exc
    where = _short(url)
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema
                  | requests.exceptions.InvalidSchema | ValueError):
        return _bad_url(url, exc)
    if isinstance(exc, requests.exceptions.Timeout):
        return FetchTimeout(f"{where}: no complete answer within {timeout:g} s")
    if isinstance(exc, requests.exceptions.ConnectionError) and _refused(exc):
        host = urlsplit(url).netloc.rpartition("@")[2] or _short(url)
        return Unreachable(f"cannot reach {host} ({_reason(exc)})")
    if isinstance(exc, requests.exceptions.RequestException):
        return FetchError(f"{where}: connection error ({_reason(exc)})")
    if _cut(exc):  # read from r.raw: urllib3's and http.client's own errors, not requests'
        return FetchError(f"{where}: answer cut short ({_reason(exc)})")
    return exc


def _cut(exc: BaseException) -> bool:
    """A transport failure while reading a body: urllib3 (``ProtocolError``,
    ``IncompleteRead``, ``DecodeError``, ``InvalidChunkLength``), http.client, a socket
    error (reset, broken pipe) or a charset that cannot decode."""
    import http.client

    from urllib3.exceptions import HTTPError as Urllib3Error

    return isinstance(exc, Urllib3Error | http.client.HTTPException | OSError | UnicodeError
                      | EOFError)


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    stack: list[Any] = [exc]
    while stack:
        cur = stack.pop()
        if not isinstance(cur, BaseException) or any(cur is s for s in seen):
            continue
        seen.append(cur)
        stack.extend([cur.__cause__, cur.__context__, getattr(cur, "reason", None)])
        stack.extend(a for a in getattr(cur, "args", ()) if isinstance(a, BaseException))
    return seen


def _refused(exc: BaseException) -> bool:
    """True for DNS failures and refused connections (not for timeouts or resets)."""
    from urllib3.exceptions import NameResolutionError, NewConnectionError

    return any(isinstance(e, ConnectionRefusedError | NameResolutionError)
               or (isinstance(e, NewConnectionError) and "timed out" not in str(e))
               for e in _chain(exc))


def _reason(exc: BaseException) -> str:
    names = [type(e).__name__ for e in _chain(exc)]
    for name in ("ConnectionRefusedError", "NameResolutionError", "ConnectionResetError",
                 "RemoteDisconnected", "IncompleteRead", "InvalidChunkLength",
                 "ProtocolError", "SSLError"):
        if name in names:
            return name
    return type(exc).__name__
