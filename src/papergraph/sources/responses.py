"""The services' answers: what one answer means, and the cache of checked answers.

* :class:`Checked` – what a source's ``check`` made of a parsed answer: a wrong-shaped
  answer raises :class:`ShapeError` and is never stored; one with bad items is used
  (its good items) but never cached.
* :func:`answer` – one HTTP answer made final: a negative status is cached with an expiry
  and raises :class:`~papergraph.errors.NotFound`; a 200 body is parsed and checked, and
  cached unless it had problems; a status worth another attempt gives None; any other
  status raises :class:`~papergraph.errors.SourceError`.
* :class:`ResponseCache` – checked answers by request key (method, path, query; never a
  header, so never the API key) in the SQLite cache; negative answers expire after
  ``negative_days``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from ..errors import NotFound, SourceError
from .fetch import RawResponse, shown_url
from .services import Service

RETRY_STATUS = {429, 500, 502, 503, 504}


class ShapeError(SourceError):
    """An answer that parsed but does not have the documented shape."""


@dataclass(frozen=True)
class Checked:
    """A checked answer: the typed ``value`` and the ``problems`` found in its items.

    An answer with problems is used (its good items) but never cached. An ``expiring``
    one (a search: new records appear) is cached with the negative answers' expiry."""

    value: Any
    problems: tuple[str, ...] = ()
    expiring: bool = False  # cache it like a negative answer (e.g. a search)


Check = Callable[[Any], Checked]


@dataclass(frozen=True)
class Spec:
    """How to read one request's answers: its ``check``, the statuses that mean "no such
    thing" (``negative``), and whether the body is JSON."""

    check: Check
    negative: tuple[int, ...]
    as_json: bool


@dataclass
class Response:
    status: int
    value: Any = None  # what ``check`` made of the body
    problems: tuple[str, ...] = ()  # bad items left out of ``value``
    cached: bool = False
    stale: bool = False  # a cached answer kept because renewing it failed (--refresh)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class ResponseCache:
    """Checked answers by request key in the run's cache (``db``: None for no cache)."""

    def __init__(self, db: Any, negative_days: float, refresh: bool, *,
                 keep_expired: bool = False) -> None:
        self.db, self.negative_days, self.refresh = db, negative_days, refresh
        self.keep_expired = keep_expired  # offline: an expired answer beats none

    def get(self, key: str, spec: Spec) -> Response | None:
        """The answer cached under ``key``, checked again (None if absent, expired unless
        ``keep_expired``, or refused by the check); a cached negative answer raises
        :class:`NotFound`."""
        hit = self.db.get_response(key)
        if hit is None:
            return None
        status, body, expires = hit
        if not isinstance(body, str) or not isinstance(status, int) or \
                not isinstance(expires, str | None):
            self.db.delete_response(key)  # damaged (NULL, a blob): fetch it again
            return None
        if expires and expires <= now_iso() and not self.keep_expired:
            return None
        if status in spec.negative:
            raise not_found(error_message(status, body), expires)
        try:
            checked = spec.check(json.loads(body) if spec.as_json else body)
        except (ShapeError, ValueError, TypeError, RecursionError):
            self.db.delete_response(key)  # written by an older, laxer version, or damaged
            return None
        return Response(status, checked.value, cached=True) if not checked.problems else None

    def cached(self, key: str, check: Check, *, as_json: bool = True) -> Any:
        """The checked value cached under ``key`` (None if absent or expired; unless
        ``--refresh``); a cached negative answer raises :class:`NotFound`."""
        if self.db is None or self.refresh:
            return None
        hit = self.get(key, Spec(check, (404,), as_json))
        return None if hit is None else hit.value

    def put(self, key: str | None, status: int, body: str, negative: bool) -> str | None:
        """Store an answer (a ``negative`` one with its expiry, returned; not at all when
        such answers are not kept)."""
        if key is None or self.db is None:
            return None
        expires = self.negative_expiry() if negative else None
        if negative and expires is None:
            return None
        self.db.put_response(key, status, body, expires)
        return expires

    def negative_expiry(self) -> str | None:
        """When a negative answer fetched now expires (None: such answers are not kept)."""
        days = self.negative_days
        if days <= 0:
            return None
        return (datetime.now(UTC) + timedelta(days=days)).isoformat(timespec="seconds")


def answer(svc: Service, raw: RawResponse, spec: Spec, cache: ResponseCache,
           cache_key: str | None) -> Response | None:
    """The final response, or None when the attempt failed and may be retried."""
    text = raw.text
    if raw.status in spec.negative:
        svc.succeeded()
        expires = cache.put(cache_key, raw.status, text, negative=True)
        raise not_found(error_message(raw.status, text), expires)
    if raw.status == 200:
        try:
            parsed = json.loads(text) if spec.as_json else text
        except (ValueError, RecursionError):
            return None  # cut or garbled (or nested 100,000 deep): worth another attempt
        svc.succeeded()
        try:
            checked = spec.check(parsed)
        except ShapeError as exc:
            if not spec.as_json:  # a cut or garbled text body: worth another attempt
                return None
            raise ShapeError(f"{shown_url(raw.url)}: {exc}") from None
        if not checked.problems:
            cache.put(cache_key, raw.status, text, negative=checked.expiring)
        return Response(raw.status, checked.value, checked.problems)
    if raw.status in RETRY_STATUS:
        return None
    svc.succeeded()  # the service answered; the request itself is refused
    raise SourceError(f"HTTP {raw.status} from {shown_url(raw.url)}: "
                      f"{error_message(raw.status, text)}")


def not_found(message: str, expires: str | None) -> NotFound:
    """A :class:`NotFound` carrying when its cached copy expires (None: not cached)."""
    exc = NotFound(message)
    exc.expires = expires  # type: ignore[attr-defined]
    return exc


def error_message(status: int, text: str) -> str:
    try:
        body = json.loads(text)
    except (ValueError, RecursionError):
        return " ".join(text.split())[:200] or f"HTTP {status}"
    if isinstance(body, dict):
        error, message = body.get("error"), body.get("message")
        if error and message and error != message:  # OpenAlex: what, then why
            return f"{error} {message}"[:200]
        return str(error or message or body)[:200]
    return str(body)[:200]
