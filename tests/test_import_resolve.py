"""``papergraph import --resolve`` against the loopback fake Semantic Scholar + dblp."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))

from fakeserver import FakeServer  # noqa: E402

from papergraph.cli import app  # noqa: E402
from papergraph.syllabus import load_syllabus  # noqa: E402

runner = CliRunner()
PAGE = """# Wide networks reading group

## Papers

- [Gradient flows in wide networks](https://example.org/gf.pdf), 2020
- [A paper that exists nowhere at all](https://example.org/nowhere.pdf), 2020
"""


@pytest.fixture
def server():
    srv = FakeServer().start()
    yield srv
    srv.stop()


@pytest.fixture
def env(server, tmp_path) -> dict[str, str]:
    return {"PAPERGRAPH_S2_API_URL": server.url, "PAPERGRAPH_DBLP_URL": server.url,
            "PAPERGRAPH_CACHE_DIR": str(tmp_path / "cache"), "PAPERGRAPH_RATE_LIMIT": "0",
            "PAPERGRAPH_DBLP_INTERVAL": "0", "PAPERGRAPH_TIMEOUT": "2",
            "PAPERGRAPH_BACKOFF": "0.001", "PAPERGRAPH_BACKOFF_MAX": "0.01"}


def test_resolve_fills_what_the_page_lacks_and_says_so(server, env, tmp_path):
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "draft.toml"
    result = runner.invoke(app, ["import", str(page), "--resolve", "-o", str(out)], env=env)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    s = load_syllabus(out)
    found = next(p for p in s.papers if p.title == "Gradient flows in wide networks")
    assert found.authors == ("Erin Stone", "Frank Hill")  # from the record
    assert found.year == 2020  # from the page
    assert found.key == "stone2020gradient"  # the key made again from the record's authors
    assert "# from Semantic Scholar: authors, s2_id; the rest from the page" in text
    missing = next(p for p in s.papers if p.title.startswith("A paper that exists"))
    assert missing.authors == ()
    assert "# check: not found on Semantic Scholar (not_found): the page's citation only" \
        in text
    assert "match" in server.counts()
    # the cache keeps what was fetched: a second run sends no request at all
    before = sum(server.counts().values())
    again = runner.invoke(app, ["import", str(page), "--resolve", "-o", str(out)], env=env)
    assert again.exit_code == 0
    assert sum(server.counts().values()) == before
    assert out.read_text(encoding="utf-8") == text


def test_resolve_with_the_network_down_keeps_the_page_draft(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    env = {"PAPERGRAPH_S2_API_URL": "http://127.0.0.1:9", "PAPERGRAPH_DBLP_URL":
           "http://127.0.0.1:9", "PAPERGRAPH_CACHE_DIR": str(tmp_path / "cache"),
           "PAPERGRAPH_RETRIES": "0", "PAPERGRAPH_TIMEOUT": "1"}
    result = runner.invoke(app, ["import", str(page), "--resolve"], env=env)
    assert result.exit_code == 0
    assert 'title = "Gradient flows in wide networks"' in result.stdout
    assert "Semantic Scholar unavailable (cannot reach 127.0.0.1:9" in result.stderr
