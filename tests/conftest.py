"""Shared fixtures: the verified facts, the default syllabus, an isolated cache."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The ground truth travels with the tests (tests/seminar/README.md says where it comes from).
FACTS = ROOT / "tests" / "seminar" / "seminar-facts.json"
SEMINAR_PAGE = ROOT / "tests" / "seminar" / "seminar-page.txt"
SHARED_SEMINAR = ROOT.parent / "shared" / "seminar"
ARTIFACTS = ROOT / "tests" / "artifacts"


def draft_page(page: str, fmt: str = "md") -> tuple:
    """``import_text`` of a made-up page, and what the blind-set shape tests compare: each
    paper's (title, first two authors, year), and the talks as sorted (date, paper key)."""
    from papergraph.importer import import_text

    r = import_text(page, fmt)  # type: ignore[arg-type]
    papers = [(p.title, p.authors[:2], p.year) for p in r.syllabus.papers]
    talks = sorted((t.date, t.paper) for t in r.syllabus.talks)
    return r, papers, talks


def missing_system_tool(reason: str) -> None:
    """Skip a test whose system tool is absent; under `make test` fail instead.

    `make test` installs every system package the suite drives (scripts/
    install-system-deps.sh) and sets PAPERGRAPH_REQUIRE_SYSTEM_DEPS=1, so a missing
    tool there is a broken install step, not a reason to skip silently.
    """
    if os.environ.get("PAPERGRAPH_REQUIRE_SYSTEM_DEPS") == "1":
        pytest.fail(f"{reason}: scripts/install-system-deps.sh should have installed it")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets its own cache folder, no API keys, and no route to the real services."""
    monkeypatch.setenv("PAPERGRAPH_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("S2_API_KEY", raising=False)
    # No test may reach the real services, even on a machine with internet: by default both
    # point at a closed loopback port (connection refused); fake-server tests override them.
    monkeypatch.setenv("PAPERGRAPH_S2_API_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("PAPERGRAPH_DBLP_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("PAPERGRAPH_OPENALEX_URL", "http://127.0.0.1:9")
    monkeypatch.delenv("OPENALEX_API_KEY", raising=False)
    monkeypatch.delenv("PAPERGRAPH_SOURCES", raising=False)


@pytest.fixture(scope="session")
def facts() -> dict:
    """The verified seminar facts (ground truth for tests)."""
    if not FACTS.exists():
        pytest.skip(f"verified facts not found at {FACTS}")
    return json.loads(FACTS.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seminar_page() -> Path:
    if not SEMINAR_PAGE.exists():
        pytest.skip(f"seminar page not found at {SEMINAR_PAGE}")
    return SEMINAR_PAGE


@pytest.fixture(scope="session")
def syllabus():
    from papergraph.syllabus import load_syllabus

    return load_syllabus()


@pytest.fixture(scope="session")
def resolution(syllabus):
    """The default seminar resolved offline (snapshot only)."""
    from papergraph.resolve import resolve_papers

    return resolve_papers(syllabus, offline=True)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
