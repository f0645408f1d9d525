"""Run-time settings, read once from the environment into a frozen :class:`Settings`.

``S2_API_KEY`` is held in a field excluded from ``repr`` and never written anywhere: not
to the cache, an output, a log line or a page.

Worst case with the defaults: a service that answers nothing (or drips its answer) costs
``breaker`` attempts of ``timeout`` seconds plus the backoff waits between them, about a
minute, and is then left alone for the rest of the run (see :mod:`papergraph.sources.http`).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import InputError

DEFAULT_S2_URL = "https://api.semanticscholar.org"
DEFAULT_DBLP_URL = "https://dblp.org"
DEFAULT_OPENALEX_URL = "https://api.openalex.org"
#: every source, in the order they are asked (``--sources``)
ALL_SOURCES = ("s2", "openalex", "dblp")
MiB = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """Where the services are, how hard to push them, and where the cache lives.

    Times are in seconds. ``rate_limit`` is the minimum interval between two requests to
    Semantic Scholar (``None`` = 1 s with an API key, the documented 1-request-per-second
    plan, else ``anonymous_interval``); ``dblp_interval`` the one between two dblp
    requests (dblp asks for at least 1 s). ``timeout`` bounds one HTTP attempt from
    connecting to the last byte of the body (wall clock, slow bodies included);
    ``max_body`` bounds its size after decompression. After ``breaker`` consecutive failed
    attempts a service is not called again in this run. Negative answers (404, no dblp
    record, unknown id) are cached for ``negative_days``.
    """

    s2_url: str = DEFAULT_S2_URL
    dblp_url: str = DEFAULT_DBLP_URL
    api_key: str | None = field(default=None, repr=False, compare=False)
    cache_dir: Path = Path(".")
    cache_readonly: bool = False
    rate_limit: float | None = None
    anonymous_interval: float = 1.0
    dblp_interval: float = 1.0
    timeout: float = 10.0
    retries: int = 3
    breaker: int = 5
    backoff_base: float = 1.0
    backoff_max: float = 30.0
    max_body: int = 16 * MiB
    negative_days: float = 7.0
    page_limit: int = 1000  # citations (and references past the inline cap) per page
    match_threshold: float = 0.8
    dblp: bool = True  # enrich from dblp
    openalex_url: str = DEFAULT_OPENALEX_URL
    openalex_key: str | None = field(default=None, repr=False, compare=False)
    openalex_interval: float = 0.1  # the keyless per-second cap is 10 requests
    # the sources asked besides dblp (``dblp`` above): Semantic Scholar first, then
    # OpenAlex. A Settings built in code asks OpenAlex only when told to;
    # load_settings (the command line) asks every source unless --sources says otherwise
    sources: tuple[str, ...] = ("s2",)

    @property
    def openalex(self) -> bool:
        return "openalex" in self.sources

    def with_sources(self, names: tuple[str, ...] | list[str]) -> Settings:
        """These settings asking only ``names`` (of :data:`ALL_SOURCES`)."""
        return replace(self, sources=tuple(n for n in ALL_SOURCES if n in names and
                                           n != "dblp"), dblp="dblp" in names)

    @property
    def s2_interval(self) -> float:
        if self.rate_limit is not None:
            return self.rate_limit
        return 1.0 if self.api_key else self.anonymous_interval

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]


# the largest value a number setting may take: beyond, sleeps, deadlines and dates
# overflow ("PAPERGRAPH_TIMEOUT=1e308" was an OverflowError deep in threading)
_HIGHEST = {"PAPERGRAPH_NEGATIVE_DAYS": 36_500.0, "PAPERGRAPH_MAX_BODY_MB": 1_000_000.0}
_HIGH = 1_000_000.0  # seconds (11 days) for every other number


def _float(env: dict[str, str], name: str, default: float | None) -> float | None:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise InputError(f"{name}={raw[:40]!r}: expected a number") from None
    high = _HIGHEST.get(name, _HIGH)
    if not 0 <= value <= high:
        raise InputError(f"{name}={raw[:40]!r}: expected a number from 0 to {high:,.0f}")
    return value


def _secret(env: dict[str, str], name: str) -> str | None:
    """An API key: refused (never shown) if it holds a line break or another character
    an HTTP header cannot carry."""
    raw = env.get(name, "").strip()
    if any(not 0x20 < ord(c) < 0x7F for c in raw):
        raise InputError(f"{name}: holds a space, a line break or a character an HTTP header "
                         "cannot carry (its value is not shown)")
    return raw or None


def mask_url(url: str) -> str:
    """``url`` with the password of its ``user:password@`` part replaced by ``***``."""
    return re.sub(r"(?<=//)([^/@:\s]*):[^/@\s]*@", r"\1:***@", url)


def _int(env: dict[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InputError(f"{name}={raw!r}: expected a whole number") from None
    if not low <= value <= high:
        raise InputError(f"{name}={raw!r}: expected a whole number from {low} to {high}")
    return value


def _bool(env: dict[str, str], name: str) -> bool:
    raw = env.get(name, "").strip().lower()
    if raw in ("", "0", "false", "no", "off"):
        return False
    if raw in ("1", "true", "yes", "on"):
        return True
    raise InputError(f"{name}={raw!r}: expected 1 or 0 (true/false, yes/no, on/off)")


def _url(env: dict[str, str], name: str, default: str) -> str:
    """An http(s) service root from the environment, without a trailing slash."""
    from urllib.parse import urlsplit

    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018 - raises for "http://[::1" or a port over 65535
    except ValueError:
        parts = urlsplit("")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"{name}={mask_url(raw)!r}: expected an http(s):// URL such as "
                         f"{default}")
    return raw.rstrip("/")


def parse_sources(raw: str, what: str = "--sources") -> tuple[str, ...]:
    """``"s2,openalex"`` -> ``("s2", "openalex")``; an unknown or empty list is an error."""
    names = [n.strip().lower() for n in raw.split(",") if n.strip()]
    bad = [n for n in names if n not in ALL_SOURCES]
    if bad or not names:
        raise InputError(f"{what}={raw!r}: expected a comma-separated list of "
                         f"{', '.join(ALL_SOURCES)}")
    return tuple(n for n in ALL_SOURCES if n in names)


def default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("papergraph", appauthor=False))


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Settings from the environment (``os.environ`` by default); see the README's table.

    ``PAPERGRAPH_S2_API_URL``, ``PAPERGRAPH_DBLP_URL``, ``S2_API_KEY``,
    ``PAPERGRAPH_CACHE_DIR``, ``PAPERGRAPH_CACHE_READONLY``, ``PAPERGRAPH_RATE_LIMIT``
    (seconds between S2 requests), ``PAPERGRAPH_DBLP_INTERVAL``, ``PAPERGRAPH_TIMEOUT``,
    ``PAPERGRAPH_RETRIES``, ``PAPERGRAPH_BREAKER``, ``PAPERGRAPH_BACKOFF`` /
    ``PAPERGRAPH_BACKOFF_MAX`` (retry waits), ``PAPERGRAPH_MAX_BODY_MB``,
    ``PAPERGRAPH_NEGATIVE_DAYS``, ``PAPERGRAPH_PAGE_LIMIT``, ``PAPERGRAPH_OPENALEX_URL``,
    ``OPENALEX_API_KEY``, ``PAPERGRAPH_OPENALEX_INTERVAL``, ``PAPERGRAPH_SOURCES``.
    """
    env = dict(os.environ if environ is None else environ)
    d = Settings()
    cache = env.get("PAPERGRAPH_CACHE_DIR", "").strip()
    timeout = _float(env, "PAPERGRAPH_TIMEOUT", d.timeout)
    if not timeout:
        raise InputError("PAPERGRAPH_TIMEOUT=0: expected a positive number of seconds")
    max_mb = _float(env, "PAPERGRAPH_MAX_BODY_MB", d.max_body / MiB)
    raw_sources = env.get("PAPERGRAPH_SOURCES", "").strip()
    sources = parse_sources(raw_sources, "PAPERGRAPH_SOURCES") if raw_sources else ALL_SOURCES
    return Settings(
        s2_url=_url(env, "PAPERGRAPH_S2_API_URL", DEFAULT_S2_URL),
        dblp_url=_url(env, "PAPERGRAPH_DBLP_URL", DEFAULT_DBLP_URL),
        api_key=_secret(env, "S2_API_KEY"),
        cache_dir=Path(cache).expanduser() if cache else default_cache_dir(),
        cache_readonly=_bool(env, "PAPERGRAPH_CACHE_READONLY"),
        rate_limit=_float(env, "PAPERGRAPH_RATE_LIMIT", None),
        dblp_interval=_float(env, "PAPERGRAPH_DBLP_INTERVAL", d.dblp_interval) or 0.0,
        timeout=timeout,
        retries=_int(env, "PAPERGRAPH_RETRIES", d.retries, 0, 20),
        breaker=_int(env, "PAPERGRAPH_BREAKER", d.breaker, 1, 1000),
        backoff_base=_float(env, "PAPERGRAPH_BACKOFF", d.backoff_base) or 0.0,
        backoff_max=_float(env, "PAPERGRAPH_BACKOFF_MAX", d.backoff_max) or 0.0,
        max_body=max(1024, int((max_mb or 0) * MiB)),
        negative_days=_float(env, "PAPERGRAPH_NEGATIVE_DAYS", d.negative_days) or 0.0,
        page_limit=_int(env, "PAPERGRAPH_PAGE_LIMIT", d.page_limit, 1, 1000),
        anonymous_interval=_float(env, "PAPERGRAPH_RATE_LIMIT", d.anonymous_interval)
        or 0.0,
        openalex_url=_url(env, "PAPERGRAPH_OPENALEX_URL", DEFAULT_OPENALEX_URL),
        openalex_key=_secret(env, "OPENALEX_API_KEY"),
        openalex_interval=_float(env, "PAPERGRAPH_OPENALEX_INTERVAL",
                                 d.openalex_interval) or 0.0,
    ).with_sources(sources)
