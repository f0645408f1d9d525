"""Run-time settings, read once from the environment into a frozen :class:`Settings`.

``S2_API_KEY`` is held in a field excluded from ``repr`` and never written anywhere: not
to the cache, an output, a log line or a page.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import InputError

DEFAULT_S2_URL = "https://api.semanticscholar.org"
DEFAULT_DBLP_URL = "https://dblp.org"


@dataclass(frozen=True)
class Settings:
    """Where the services are, how hard to push them, and where the cache lives.

    Times are in seconds. ``rate_limit`` is the minimum interval between two requests to
    the same service (``None`` = 1 s when an API key is set, else ``anonymous_interval``).
    """

    s2_url: str = DEFAULT_S2_URL
    dblp_url: str = DEFAULT_DBLP_URL
    api_key: str | None = field(default=None, repr=False, compare=False)
    cache_dir: Path = Path(".")
    rate_limit: float | None = None
    anonymous_interval: float = 1.0
    dblp_interval: float = 1.0
    timeout: float = 20.0
    retries: int = 4
    backoff_base: float = 1.0
    backoff_max: float = 30.0
    paper_budget: float = 120.0
    page_limit: int = 1000  # references/citations per page (S2 allows <= 1000)
    match_threshold: float = 0.8
    dblp: bool = True  # enrich from dblp

    @property
    def s2_interval(self) -> float:
        if self.rate_limit is not None:
            return self.rate_limit
        return 1.0 if self.api_key else self.anonymous_interval

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]


def _float(env: dict[str, str], name: str, default: float | None) -> float | None:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise InputError(f"{name}={raw!r}: expected a number of seconds") from None
    if value < 0:
        raise InputError(f"{name}={raw!r}: must not be negative")
    return value


def _url(env: dict[str, str], name: str, default: str) -> str:
    """An http(s) service root from the environment, without a trailing slash."""
    from urllib.parse import urlsplit

    raw = env.get(name, "").strip()
    if not raw:
        return default
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"{name}={raw!r}: expected an http(s):// URL such as {default}")
    return raw.rstrip("/")


def default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("papergraph", appauthor=False))


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Settings from the environment (``os.environ`` by default).

    ``PAPERGRAPH_S2_API_URL``, ``PAPERGRAPH_DBLP_URL``, ``S2_API_KEY``,
    ``PAPERGRAPH_CACHE_DIR``, ``PAPERGRAPH_RATE_LIMIT`` (seconds between S2 requests),
    ``PAPERGRAPH_DBLP_INTERVAL``, ``PAPERGRAPH_TIMEOUT``, ``PAPERGRAPH_RETRIES``,
    ``PAPERGRAPH_PAPER_BUDGET`` (seconds per paper), ``PAPERGRAPH_BACKOFF`` /
    ``PAPERGRAPH_BACKOFF_MAX`` (retry waits), ``PAPERGRAPH_PAGE_LIMIT``.
    """
    env = dict(os.environ if environ is None else environ)
    cache = env.get("PAPERGRAPH_CACHE_DIR", "").strip()
    retries_raw = env.get("PAPERGRAPH_RETRIES", "").strip()
    try:
        retries = int(retries_raw) if retries_raw else Settings.retries
    except ValueError:
        raise InputError(f"PAPERGRAPH_RETRIES={retries_raw!r}: expected a whole number") from None
    return Settings(
        s2_url=_url(env, "PAPERGRAPH_S2_API_URL", DEFAULT_S2_URL),
        dblp_url=_url(env, "PAPERGRAPH_DBLP_URL", DEFAULT_DBLP_URL),
        api_key=env.get("S2_API_KEY", "").strip() or None,
        cache_dir=Path(cache).expanduser() if cache else default_cache_dir(),
        rate_limit=_float(env, "PAPERGRAPH_RATE_LIMIT", None),
        dblp_interval=_float(env, "PAPERGRAPH_DBLP_INTERVAL", Settings.dblp_interval) or 0.0,
        timeout=_float(env, "PAPERGRAPH_TIMEOUT", Settings.timeout) or Settings.timeout,
        retries=max(0, retries),
        paper_budget=_float(env, "PAPERGRAPH_PAPER_BUDGET", Settings.paper_budget)
        or Settings.paper_budget,
        backoff_base=_float(env, "PAPERGRAPH_BACKOFF", Settings.backoff_base) or 0.0,
        backoff_max=_float(env, "PAPERGRAPH_BACKOFF_MAX", Settings.backoff_max) or 0.0,
        page_limit=min(1000, max(1, int(_float(env, "PAPERGRAPH_PAGE_LIMIT", 1000) or 1000))),
        anonymous_interval=_float(env, "PAPERGRAPH_RATE_LIMIT", Settings.anonymous_interval)
        or 0.0,
    )
