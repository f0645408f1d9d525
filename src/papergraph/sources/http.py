"""The one HTTP layer under both sources: per-service state, retries, cache, accounting.

* :class:`Service` – one per remote service: its documented interval between requests,
  its reachability and a circuit breaker. A refused connection or a DNS failure marks
  the service unreachable at once; ``breaker`` consecutive failed attempts (timeouts, 5xx,
  429, cut or oversized bodies), or a ``Retry-After`` longer than ``backoff_max``, open
  the breaker: the service is not called again in this run and says so once
  (:attr:`Http.notices`); calls to it raise :class:`ServiceDown` at once. One service
  going down never stops the other.
* :meth:`Http.request` – one logical request: the cache first (negative answers expire
  after ``negative_days``), then up to ``retries + 1`` attempts through
  :func:`~.fetch.bounded_fetch` (wall-clock deadline and body limit per attempt),
  exponential backoff with jitter honouring ``Retry-After``. Every answer is parsed and
  checked by the caller's ``check`` before it is used or cached: a wrong-shaped answer
  raises :class:`ShapeError` and is never stored.
* request accounting by kind (what ``Resolution.requests`` reports).

The cache holds bodies by request key (method, path, query; never a header, so never
the API key).
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

from ..config import Settings
from ..errors import NetworkUnavailable, NotFound, OfflineViolation, RateLimited, SourceError
from .fetch import BodyTooLarge, FetchError, RawResponse, Unreachable, bounded_fetch

__all__ = ["Checked", "Http", "RawResponse", "Service", "ServiceDown", "ShapeError",
           "bounded_fetch"]

RETRY_STATUS = {429, 500, 502, 503, 504}
LABELS = {"s2": "Semantic Scholar", "dblp": "dblp"}


class ShapeError(SourceError):
    """An answer that parsed but does not have the documented shape."""


class ServiceDown(NetworkUnavailable):
    """The service is unreachable or its breaker is open: not called again this run."""


@dataclass(frozen=True)
class Checked:
    """A checked answer: the typed ``value`` and the ``problems`` found in its items.

    An answer with problems is used (its good items) but never cached. An ``expiring``
    one (a search: new records appear) is cached with the negative answers' expiry."""

    value: Any
    problems: tuple[str, ...] = ()
    expiring: bool = False  # cache it like a negative answer (e.g. a search)


Check = Callable[[Any], Checked]


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Service:
    """Interval, reachability and circuit breaker of one remote service (thread-safe)."""

    def __init__(self, name: str, interval: float, threshold: int) -> None:
        self.name, self.label = name, LABELS.get(name, name)
        self.interval, self.threshold = interval, threshold
        self.failures = 0
        self.down: str | None = None  # why it is no longer called
        self._next = 0.0
        self._lock = threading.Lock()

    def wait_turn(self) -> None:
        """Sleep until ``interval`` has passed since the previous request started."""
        with self._lock:
            now = time.monotonic()
            if self._next > now:
                time.sleep(self._next - now)
                now = time.monotonic()
            self._next = now + self.interval

    def check(self) -> None:
        if self.down:
            raise self.error()

    def error(self) -> ServiceDown:
        return ServiceDown(f"{self.label} unavailable ({self.down})")

    def succeeded(self) -> None:
        with self._lock:
            self.failures = 0

    def failed(self, why: str, *, at_once: bool = False) -> bool:
        """Count one failed attempt; True when this opened the breaker."""
        with self._lock:
            self.failures += 1
            if self.down or not (at_once or self.failures >= self.threshold):
                return False
            self.down = (why if at_once else
                         f"{self.failures} failed attempts in a row, the last: {why}")
            return True


@dataclass
class Response:
    status: int
    value: Any = None  # what ``check`` made of the body
    problems: tuple[str, ...] = ()  # bad items left out of ``value``
    cached: bool = False
    stale: bool = False  # a cached answer kept because renewing it failed (--refresh)


class Http:
    """Shared state of one run: session, services, counters, cache, offline/refresh."""

    def __init__(self, settings: Settings, session: Any = None, cache: Any = None, *,
                 offline: bool = False, refresh: bool = False) -> None:
        self.settings = settings
        self.offline = offline
        self.refresh = refresh
        self.cache = cache
        self._session = session
        self.counts: Counter[str] = Counter()
        self.waits: list[tuple[str, float]] = []  # (reason, seconds) of each backoff
        self.notices: list[tuple[str, str]] = []  # (service, why) of each one gone down
        self.stale: Counter[str] = Counter()  # service -> answers kept from the cache
        self._lock = threading.Lock()
        self.services = {
            "s2": Service("s2", settings.s2_interval, settings.breaker),
            "dblp": Service("dblp", settings.dblp_interval, settings.breaker),
        }

    @property
    def session(self) -> Any:
        with self._lock:  # the two lanes may ask for it at once
            if self._session is None:
                import requests

                self._session = requests.Session()
                self._session.headers["User-Agent"] = "papergraph (+https://dblp.org/faq)"
            return self._session

    def _down(self, service: Service) -> None:
        with self._lock:
            if service.down and (service.name, service.down) not in self.notices:
                self.notices.append((service.name, service.down))

    def _backoff(self, attempt: int) -> float:
        s = self.settings
        return min(s.backoff_max, s.backoff_base * (2 ** attempt)) * (0.5 + random.random() / 2)

    def _sleep(self, seconds: float, reason: str) -> None:
        with self._lock:
            self.waits.append((reason, seconds))
        time.sleep(seconds)

    # ----------------------------------------------------------------- cache
    def _from_cache(self, key: str, check: Check, negative: tuple[int, ...],
                    as_json: bool) -> Response | None:
        hit = self.cache.get_response(key)
        if hit is None:
            return None
        status, body, expires = hit
        if expires and expires <= now_iso():
            return None
        if status in negative:
            raise not_found(_error_message(status, body), expires)
        try:
            checked = check(json.loads(body) if as_json else body)
        except (ShapeError, ValueError):
            self.cache.delete_response(key)  # written by an older, laxer version
            return None
        return Response(status, checked.value, cached=True) if not checked.problems else None

    def cached(self, key: str, check: Check, *, as_json: bool = True) -> Any:
        """The checked value cached under ``key`` (None if absent or expired; unless
        ``--refresh``); a cached negative answer raises :class:`NotFound`."""
        if self.cache is None or self.refresh:
            return None
        hit = self._from_cache(key, check, (404,), as_json)
        return None if hit is None else hit.value

    def store(self, key: str, status: int, body: str, *, negative: bool = False) -> None:
        """Cache a checked answer that did not come through :meth:`request`."""
        self._store(key, status, body, negative)

    def _store(self, key: str | None, status: int, body: str, negative: bool) -> str | None:
        if key is None or self.cache is None:
            return None
        expires = self.negative_expiry() if negative else None
        if negative and expires is None:
            return None
        self.cache.put_response(key, status, body, expires)
        return expires

    def negative_expiry(self) -> str | None:
        """When a negative answer fetched now expires (None: such answers are not kept)."""
        days = self.settings.negative_days
        if days <= 0:
            return None
        return (datetime.now(UTC) + timedelta(days=days)).isoformat(timespec="seconds")

    # ----------------------------------------------------------------- request
    def request(
        self,
        service: str,
        kind: str,
        method: str,
        url: str,
        *,
        check: Check,
        params: list[tuple[str, str]] | None = None,
        payload: Any = None,
        secret_headers: dict[str, str] | None = None,
        cache_key: str | None = None,
        negative: tuple[int, ...] = (404,),
        as_json: bool = True,
    ) -> Response:
        """One logical request. 200 bodies are parsed (JSON unless
        ``as_json`` is false: a body that does not parse is retried) and go through
        ``check``; a status in ``negative`` is cached with an expiry and raises
        :class:`NotFound`."""
        spec = _Spec(check, negative, as_json)
        svc = self.services[service]
        use_cache = cache_key is not None and self.cache is not None
        if use_cache and not self.refresh:
            hit = self._from_cache(cache_key, check, negative, as_json)
            if hit is not None:
                return hit
        if self.offline:
            raise OfflineViolation(f"offline: not requesting {url.split('?')[0]}")
        try:
            svc.check()
            return self._attempts(svc, kind, method, url, spec, params, payload,
                                  secret_headers, cache_key)
        except (ServiceDown, RateLimited, FetchError) as exc:
            if use_cache and self.refresh:  # renewing failed: keep what we had
                hit = self._from_cache(cache_key, check, negative, as_json)
                if hit is not None:
                    with self._lock:
                        self.stale[service] += 1
                    hit.stale = True
                    return hit
            raise exc from None

    def _attempts(self, svc: Service, kind: str, method: str, url: str, spec: _Spec,
                  params: list[tuple[str, str]] | None, payload: Any,
                  secrets: dict[str, str] | None, cache_key: str | None) -> Response:
        s = self.settings
        where = url.split("?")[0]
        last = ""
        for attempt in range(s.retries + 1):
            svc.check()
            svc.wait_turn()
            with self._lock:
                self.counts[kind] += 1
            wait: float | None = None
            try:
                raw = bounded_fetch(url, method=method, params=params, payload=payload,
                                    secret_headers=secrets, session=self.session,
                                    timeout=s.timeout, max_bytes=s.max_body)
            except Unreachable as exc:
                svc.failed(str(exc), at_once=True)
                self._down(svc)
                raise svc.error() from None
            except FetchError as exc:
                last = str(exc).removeprefix(f"{where}: ")
                if not exc.retryable:
                    self._fail(svc, f"{last} ({where})")
                    raise
            else:
                done = self._answer(svc, raw, spec, cache_key)
                if done is not None:
                    return done
                last = f"HTTP {raw.status}" if raw.status != 200 else "malformed answer"
                wait = _retry_after(raw.headers)
                if wait is not None and wait > s.backoff_max:
                    svc.failed(f"HTTP {raw.status} asking to wait {wait:.0f} s "
                               "(Retry-After)", at_once=True)
                    self._down(svc)
                    raise svc.error()
            if self._fail(svc, f"{last} ({where})"):
                break
            if attempt < s.retries:
                pause = max(self._backoff(attempt), wait or 0.0)
                self._sleep(pause, "retry-after" if wait is not None else last)
        if svc.down:
            raise svc.error()
        if last == "HTTP 429":
            raise RateLimited(f"{where}: still rate-limited (HTTP 429) after "
                              f"{attempt + 1} attempts")
        raise FetchError(f"{where}: {last} after {attempt + 1} attempts")

    def _fail(self, svc: Service, why: str) -> bool:
        opened = svc.failed(why)
        if opened:
            self._down(svc)
        return svc.down is not None

    def _answer(self, svc: Service, raw: RawResponse, spec: _Spec,
                cache_key: str | None) -> Response | None:
        """The final response, or None when the attempt failed and may be retried."""
        text = raw.text
        if raw.status in spec.negative:
            svc.succeeded()
            expires = self._store(cache_key, raw.status, text, negative=True)
            raise not_found(_error_message(raw.status, text), expires)
        if raw.status == 200:
            try:
                parsed = json.loads(text) if spec.as_json else text
            except ValueError:
                return None  # cut or garbled: worth another attempt
            svc.succeeded()
            try:
                checked = spec.check(parsed)
            except ShapeError as exc:
                if not spec.as_json:  # a cut or garbled text body: worth another attempt
                    return None
                raise ShapeError(f"{raw.url.split('?')[0]}: {exc}") from None
            if not checked.problems:
                self._store(cache_key, raw.status, text, negative=checked.expiring)
            return Response(raw.status, checked.value, checked.problems)
        if raw.status in RETRY_STATUS:
            return None
        svc.succeeded()  # the service answered; the request itself is refused
        raise SourceError(f"HTTP {raw.status} from {raw.url.split('?')[0]}: "
                          f"{_error_message(raw.status, text)}")


@dataclass(frozen=True)
class _Spec:
    check: Check
    negative: tuple[int, ...]
    as_json: bool


def not_found(message: str, expires: str | None) -> NotFound:
    """A :class:`NotFound` carrying when its cached copy expires (None: not cached)."""
    exc = NotFound(message)
    exc.expires = expires  # type: ignore[attr-defined]
    return exc


def _retry_after(headers: dict[str, str]) -> float | None:
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(raw).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _error_message(status: int, text: str) -> str:
    try:
        body = json.loads(text)
    except ValueError:
        return " ".join(text.split())[:200] or f"HTTP {status}"
    if isinstance(body, dict):
        return str(body.get("error") or body.get("message") or body)[:200]
    return str(body)[:200]


# imported by callers that only need the error types
__all__ += ["BodyTooLarge", "FetchError", "Unreachable"]
