"""``papergraph graph`` and the graph outputs of ``papergraph build`` (no browser)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from papergraph.cli import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def test_graph_json_to_stdout():
    result = runner.invoke(app, ["graph", "--offline", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    papers = [n for n in data["nodes"] if n["kind"] == "paper"]
    assert len(papers) == 15


def test_graph_html_to_file(tmp_path):
    out = tmp_path / "page" / "seminar.html"
    result = runner.invoke(app, ["graph", "--offline", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().endswith("34 nodes, 64 edges")
    html = out.read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<script src=" not in html and "<link " not in html  # all inline


def test_graph_include_external_gexf(tmp_path):
    out = tmp_path / "full.gexf"
    result = runner.invoke(app, ["graph", "--offline", "--include-external", "--format", "gexf",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    assert text.count("<node ") > 200
    assert "lastmodifieddate" not in text


def test_graph_unknown_format_fails_in_the_parser():
    result = runner.invoke(app, ["graph", "--offline", "--format", "xml"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--format' / '-f': 'xml' is not one of 'html', 'graphml', "
        "'gexf', 'json'.")


def test_build_writes_the_committed_graphs(tmp_path):
    result = runner.invoke(app, ["build", "--offline", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for name in ("seminar.html", "seminar.graphml", "seminar.gexf"):
        built = (tmp_path / "graphs" / name).read_bytes()
        assert built == (ROOT / "graphs" / name).read_bytes(), f"graphs/{name} is stale"
