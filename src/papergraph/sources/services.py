"""The remote services of one run: pacing, reachability and a circuit breaker for each.

* :class:`Service` – one remote service: its documented interval between requests, its
  reachability and a circuit breaker. A refused connection or a DNS failure marks it
  unreachable at once (:meth:`Services.give_up`); ``breaker`` consecutive failed attempts
  (:meth:`Services.failed`) open the breaker: the service is not called again in this run
  and calls to it raise :class:`ServiceDown` at once. One service going down never stops
  the other.
* :class:`Services` – every service of the run, and what the run reports about them: the
  ones gone down, each once (:attr:`Services.notices`), and each backoff pause taken
  (:attr:`Services.waits`).
"""

from __future__ import annotations

import random
import threading
import time

from ..config import Settings
from ..errors import NetworkUnavailable

LABELS = {"s2": "Semantic Scholar", "dblp": "dblp", "openalex": "OpenAlex"}


class ServiceDown(NetworkUnavailable):
    """The service is unreachable or its breaker is open: not called again this run."""


class NotFetched(ServiceDown):
    """A cache-only run (``--offline``) has no stored answer for this request: it was
    never fetched. Handled exactly like a service gone down (the part it would have given
    is marked missing), but it is no failure: nothing is counted or reported."""


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


class Services:
    """The services of one run (``s2``, ``dblp``), the notices of those gone down and the
    backoff pauses taken (thread-safe: the two lanes share it)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.notices: list[tuple[str, str]] = []  # (service, why) of each one gone down
        self.waits: list[tuple[str, float]] = []  # (reason, seconds) of each backoff
        self._lock = threading.Lock()
        self._by_name = {
            "s2": Service("s2", settings.s2_interval, settings.breaker),
            "dblp": Service("dblp", settings.dblp_interval, settings.breaker),
            "openalex": Service("openalex", settings.openalex_interval, settings.breaker),
        }

    def __getitem__(self, name: str) -> Service:
        return self._by_name[name]

    def failed(self, svc: Service, why: str) -> bool:
        """Count one failed attempt on ``svc``; True when it is down (now or before)."""
        if svc.failed(why):
            self._noticed(svc)
        return svc.down is not None

    def give_up(self, svc: Service, why: str) -> ServiceDown:
        """Take ``svc`` down at once (unreachable, or asked to wait too long)."""
        svc.failed(why, at_once=True)
        self._noticed(svc)
        return svc.error()

    def _noticed(self, svc: Service) -> None:
        with self._lock:
            if svc.down and (svc.name, svc.down) not in self.notices:
                self.notices.append((svc.name, svc.down))

    def backoff(self, attempt: int) -> float:
        """The pause before retry ``attempt + 1``: exponential, capped, with jitter."""
        s = self.settings
        return min(s.backoff_max, s.backoff_base * (2 ** attempt)) * (0.5 + random.random() / 2)

    def sleep(self, seconds: float, reason: str) -> None:
        with self._lock:
            self.waits.append((reason, seconds))
        time.sleep(seconds)
