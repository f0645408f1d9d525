"""The one HTTP layer under both sources: one logical request, its attempts, accounting.

* :meth:`Http.request` – one logical request: the cache first (negative answers expire
  after ``negative_days``), then up to ``retries + 1`` attempts through
  :func:`~.fetch.bounded_fetch` (wall-clock deadline and body limit per attempt),
  exponential backoff with jitter honouring ``Retry-After``. Every answer is parsed and
  checked by the caller's ``check`` before it is used or cached (:func:`.responses.answer`):
  a wrong-shaped answer raises :class:`ShapeError` and is never stored. With
  ``--refresh``, an answer that cannot be renewed is kept from the cache (:attr:`Http.stale`).
* each service's pacing and circuit breaker (:mod:`.services`): a service gone down is
  not called again in this run and says so once (:attr:`Http.notices`); calls to it raise
  :class:`ServiceDown` at once. One service going down never stops the other.
* request accounting by kind (what ``Resolution.requests`` reports).
* ``offline``: cache-only. Every stored answer is used, expired or not; a request the
  cache cannot answer raises :class:`NotFetched` (a :class:`ServiceDown`), so the callers
  run unchanged and mark that part missing. No socket is ever opened.

The cache of answers (:mod:`.responses`) holds bodies by request key (method, path, query;
never a header, so never the API key).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from email.utils import parsedate_to_datetime
from typing import Any

from ..config import Settings
from ..errors import RateLimited
from .fetch import BodyTooLarge, FetchError, RawResponse, Unreachable, bounded_fetch, shown_url
from .responses import Check, Checked, Response, ResponseCache, ShapeError, Spec, answer
from .services import NotFetched, Service, ServiceDown, Services

# what callers import from here: the request, its answers and every error it raises
__all__ = ["BodyTooLarge", "Checked", "FetchError", "Http", "NotFetched", "RawResponse",
           "Service", "ServiceDown", "ShapeError", "Unreachable", "bounded_fetch"]


class Http:
    """Shared state of one run: session, services, counters, cache, offline/refresh."""

    def __init__(self, settings: Settings, session: Any = None, cache: Any = None, *,
                 offline: bool = False, refresh: bool = False) -> None:
        self.settings = settings
        self.offline = offline
        self.responses = ResponseCache(cache, settings.negative_days, refresh,
                                       keep_expired=offline)
        self.services = Services(settings)
        self._session = session
        self.counts: Counter[str] = Counter()
        self.stale: Counter[str] = Counter()  # service -> answers kept from the cache
        self._lock = threading.Lock()

    @property
    def notices(self) -> list[tuple[str, str]]:
        """``(service, why)`` of each service gone down in this run."""
        return self.services.notices

    @property
    def waits(self) -> list[tuple[str, float]]:
        """``(reason, seconds)`` of each backoff pause."""
        return self.services.waits

    @property
    def session(self) -> Any:
        with self._lock:  # the two lanes may ask for it at once
            if self._session is None:
                import requests

                self._session = requests.Session()
                self._session.headers["User-Agent"] = "papergraph (+https://dblp.org/faq)"
            return self._session

    def cached(self, key: str, check: Check, *, as_json: bool = True) -> Any:
        """The checked value cached under ``key`` (None if absent or expired; unless
        ``--refresh``); a cached negative answer raises :class:`NotFound`."""
        return self.responses.cached(key, check, as_json=as_json)

    def store(self, key: str, status: int, body: str, *, negative: bool = False) -> None:
        """Cache a checked answer that did not come through :meth:`request`."""
        self.responses.put(key, status, body, negative)

    def negative_expiry(self) -> str | None:
        """When a negative answer fetched now expires (None: such answers are not kept)."""
        return self.responses.negative_expiry()

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
        spec = Spec(check, negative, as_json)
        svc = self.services[service]
        use_cache = cache_key is not None and self.responses.db is not None
        if use_cache and not self.responses.refresh:
            hit = self.responses.get(cache_key, spec)
            if hit is not None:
                return hit
        if self.offline:
            raise NotFetched(f"{svc.label}: not fetched yet ({shown_url(url)})")
        try:
            svc.check()
            return self._attempts(svc, kind, method, url, spec, params, payload,
                                  secret_headers, cache_key)
        except (ServiceDown, RateLimited, FetchError) as exc:
            if use_cache and self.responses.refresh:  # renewing failed: keep what we had
                hit = self.responses.get(cache_key, spec)
                if hit is not None:
                    with self._lock:
                        self.stale[service] += 1
                    hit.stale = True
                    return hit
            raise exc from None

    def _attempts(self, svc: Service, kind: str, method: str, url: str, spec: Spec,
                  params: list[tuple[str, str]] | None, payload: Any,
                  secrets: dict[str, str] | None, cache_key: str | None) -> Response:
        s = self.settings
        where = shown_url(url)
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
                raise self.services.give_up(svc, str(exc)) from None
            except FetchError as exc:
                last = str(exc).removeprefix(f"{where}: ")
                if not exc.retryable:
                    self.services.failed(svc, f"{last} ({where})")
                    raise
            else:
                done = answer(svc, raw, spec, self.responses, cache_key)
                if done is not None:
                    return done
                last = f"HTTP {raw.status}" if raw.status != 200 else "malformed answer"
                wait = _retry_after(raw.headers)
                if wait is not None and wait > s.backoff_max:
                    raise self.services.give_up(
                        svc, f"HTTP {raw.status} asking to wait {wait:.0f} s (Retry-After)")
            if self.services.failed(svc, f"{last} ({where})"):
                break
            if attempt < s.retries:
                pause = max(self.services.backoff(attempt), wait or 0.0)
                self.services.sleep(pause, "retry-after" if wait is not None else last)
        if svc.down:
            raise svc.error()
        if last == "HTTP 429":
            raise RateLimited(f"{where}: still rate-limited (HTTP 429) after "
                              f"{attempt + 1} attempts")
        raise FetchError(f"{where}: {last} after {attempt + 1} attempts")


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
