"""The one HTTP layer under both sources.

* a client-side limiter per service (minimum interval between requests);
* retries on 429, 5xx, timeouts and malformed JSON, with exponential backoff and jitter,
  honouring ``Retry-After`` when the server sends one;
* a per-paper deadline: past it, a request raises :class:`BudgetExceeded`;
* "the network is unreachable" (DNS failure, connection refused) is detected on the
  first such failure and every later request fails at once without opening a socket;
* request accounting by kind, and the raw-response cache (never holding a header).

Every lower-layer error (requests, urllib3, json) is mapped here, once, to
:mod:`papergraph.errors`.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any

from ..config import Settings
from ..errors import NetworkUnavailable, NotFound, OfflineViolation, RateLimited, SourceError

RETRY_STATUS = {429, 500, 502, 503, 504}


class BudgetExceeded(SourceError):
    """The per-paper time budget ran out."""


@dataclass
class Response:
    status: int
    text: str
    headers: dict[str, str] = field(default_factory=dict)
    cached: bool = False

    def json(self) -> Any:
        try:
            return json.loads(self.text)
        except ValueError as exc:
            raise SourceError(f"malformed JSON ({exc})") from None


class Limiter:
    """At most one request per ``interval`` seconds (thread-safe)."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            now = time.monotonic()
            delay = self._next - now
            if delay > 0:
                time.sleep(delay)
                now = time.monotonic()
            self._next = now + self.interval


def _retry_after(headers: dict[str, str]) -> float | None:
    raw = {k.lower(): v for k, v in headers.items()}.get("retry-after")
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


def _unreachable(exc: Exception) -> bool:
    """True for DNS failures and refused connections (not for timeouts)."""
    import requests
    from urllib3.exceptions import NewConnectionError

    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return False
    if not isinstance(exc, requests.exceptions.ConnectionError):
        return False
    seen: set[int] = set()
    stack: list[BaseException | None] = [exc]
    while stack:
        cur = stack.pop()
        if cur is None or id(cur) in seen:
            continue
        seen.add(id(cur))
        if isinstance(cur, NewConnectionError | ConnectionRefusedError):
            return True
        stack.extend([cur.__cause__, cur.__context__, getattr(cur, "reason", None)])
        stack.extend(a for a in getattr(cur, "args", ()) if isinstance(a, BaseException))
    return False


class Http:
    """Shared state of one run: session, limiters, counters, cache, deadline, offline flag."""

    def __init__(self, settings: Settings, session: Any = None, cache: Any = None, *,
                 offline: bool = False, refresh: bool = False) -> None:
        self.settings = settings
        self.offline = offline
        self.refresh = refresh
        self.cache = cache
        self._session = session
        self.counts: Counter[str] = Counter()
        self.waits: list[tuple[str, float]] = []  # (reason, seconds) of each backoff
        self.unreachable: str | None = None  # first "cannot reach" message
        self.deadline: float | None = None
        self.limiters = {
            "s2": Limiter(settings.s2_interval),
            "dblp": Limiter(settings.dblp_interval),
        }

    @property
    def session(self) -> Any:
        if self._session is None:
            import requests

            self._session = requests.Session()
            self._session.headers["User-Agent"] = "papergraph (+https://dblp.org/faq)"
        return self._session

    # ----------------------------------------------------------------- budget
    def remaining(self) -> float | None:
        return None if self.deadline is None else self.deadline - time.monotonic()

    def _check_budget(self) -> None:
        left = self.remaining()
        if left is not None and left <= 0:
            raise BudgetExceeded("took longer than the per-paper time budget "
                                 f"({self.settings.paper_budget:g} s)")

    def _sleep(self, seconds: float, reason: str) -> None:
        left = self.remaining()
        if left is not None and seconds >= left:
            raise BudgetExceeded(f"gave up waiting ({reason}): per-paper time budget "
                                 f"({self.settings.paper_budget:g} s) would be exceeded")
        self.waits.append((reason, seconds))
        time.sleep(seconds)

    def _backoff(self, attempt: int) -> float:
        s = self.settings
        base = min(s.backoff_max, s.backoff_base * (2 ** attempt))
        return base * (0.5 + random.random() / 2)

    # ----------------------------------------------------------------- request
    def request(
        self,
        service: str,
        kind: str,
        method: str,
        url: str,
        *,
        params: list[tuple[str, str]] | None = None,
        payload: Any = None,
        headers: dict[str, str] | None = None,
        cache_key: str | None = None,
        ok: tuple[int, ...] = (200,),
    ) -> Response:
        """One logical request (with retries). ``ok`` lists final statuses returned to the
        caller (and cached); 404 outside ``ok`` raises :class:`NotFound`."""
        if cache_key and self.cache is not None and not self.refresh:
            hit = self.cache.get_response(cache_key)
            if hit is not None:
                return Response(hit[0], hit[1], cached=True)
        if self.offline:
            raise OfflineViolation(f"offline: not requesting {url}")
        if self.unreachable:
            raise NetworkUnavailable(self.unreachable)
        import requests

        s = self.settings
        last = ""
        for attempt in range(s.retries + 1):
            self._check_budget()
            self.limiters[service].wait()
            self._check_budget()
            left = self.remaining()
            timeout = s.timeout if left is None else max(0.01, min(s.timeout, left))
            self.counts[kind] += 1
            try:
                r = self.session.request(method, url, params=params, json=payload,
                                         headers=headers or {}, timeout=timeout)
                resp = Response(r.status_code, r.text, dict(r.headers))
            except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                    requests.exceptions.InvalidSchema) as exc:  # retrying cannot help
                raise SourceError(f"bad URL {url.split('?')[0]!r}: {exc}") from None
            except requests.exceptions.RequestException as exc:
                if _unreachable(exc):
                    host = url.split("/")[2] if "//" in url else url
                    self.unreachable = f"cannot reach {host} ({type(exc).__name__})"
                    raise NetworkUnavailable(self.unreachable) from None
                is_timeout = isinstance(exc, requests.exceptions.Timeout)
                last = "timed out" if is_timeout else f"connection error ({type(exc).__name__})"
                if attempt < s.retries:
                    self._sleep(self._backoff(attempt), "timeout" if is_timeout else "error")
                continue
            if resp.status in ok:
                if "json" in resp.headers.get("Content-Type", "json") and resp.status == 200:
                    try:
                        json.loads(resp.text)
                    except ValueError:
                        last = "malformed JSON"
                        if attempt < s.retries:
                            self._sleep(self._backoff(attempt), "malformed")
                        continue
                if cache_key and self.cache is not None:
                    self.cache.put_response(cache_key, resp.status, resp.text)
                return resp
            if resp.status in RETRY_STATUS:
                last = f"HTTP {resp.status}"
                if attempt < s.retries:
                    wait = self._backoff(attempt)
                    ra = _retry_after(resp.headers)
                    if ra is not None:
                        wait = max(wait, min(ra, s.backoff_max))
                    self._sleep(wait, "retry-after" if ra is not None else f"http-{resp.status}")
                continue
            msg = _error_message(resp)
            if resp.status == 404:
                raise NotFound(msg)
            raise SourceError(f"HTTP {resp.status} from {url.split('?')[0]}: {msg}")
        if last == "HTTP 429":
            raise RateLimited(f"{url.split('?')[0]}: still rate-limited (HTTP 429) after "
                              f"{s.retries + 1} attempts")
        raise SourceError(f"{url.split('?')[0]}: {last} after {s.retries + 1} attempts")


def _error_message(resp: Response) -> str:
    try:
        body = json.loads(resp.text)
    except ValueError:
        return resp.text.strip()[:200] or f"HTTP {resp.status}"
    if isinstance(body, dict):
        return str(body.get("error") or body.get("message") or body)[:200]
    return str(body)[:200]
