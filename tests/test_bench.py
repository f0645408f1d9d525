"""Smoke test of the benchmark harness (``make bench``), so it cannot rot unnoticed.

Runs ``benchmarks/run.py --quick`` for the scale section at n=20 (a fresh worker
subprocess, real build_graph / GraphML / GEXF / page) and checks the written results.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_harness_quick(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--only", "scale",
         "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    results = json.loads((tmp_path / "results.json").read_text())
    (row,) = results["scale"]["sizes"]
    assert row["n"] == 20 and row["killed"] is None
    assert row["nodes"] == 20 + 2 + 5  # papers + topics + areas
    assert set(row["stage_seconds_median"]) == {"build_graph", "exports", "html"}
    assert all(v is not None for v in row["stage_seconds_median"].values())
    assert row["peak_rss_mib_max"] > 0
    text = (tmp_path / "RESULTS.md").read_text()
    assert "## 3. Scale" in text and "| 20 | 27 |" in text
    assert results["machine"]["nproc"] >= 1 and "python benchmarks/run.py" in text


def test_bench_whole_build_quick(tmp_path: Path) -> None:
    """The whole-build section: papergraph build --offline beside the networkx floor."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--only", "whole",
         "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    results = json.loads((tmp_path / "results.json").read_text())
    (row,) = results["whole_build"]
    assert row["papers"] == 200 and row["nodes"] == 200 + 20 + 5
    assert {"seconds", "floor_seconds", "ratio", "peak_rss_mib", "serial_seconds",
            "peak_pss_mib", "cpu_seconds"} <= set(row)
    assert row["ratio"] == round(row["seconds"] / row["floor_seconds"], 3)
    assert len(row["samples"]) == 1 and row["files_written"] > 0
    assert "## 7. The whole build at field scale" in (tmp_path / "RESULTS.md").read_text()


def test_bench_realistic_page_quick(tmp_path: Path) -> None:
    """The realistic reading list (issue 18): both pages imported, not refused, reported."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--only", "realistic",
         "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    rows = json.loads((tmp_path / "results.json").read_text())["realistic"]
    assert [r["name"] for r in rows] == ["realistic reading list (md)",
                                         "realistic reading list (html)"]
    for r in rows:
        assert r["exit"] == 0 and not r["refused"] and not r["traceback"], r
        assert r["papers"] > 50 and 60_000 < r["bytes"] < 70_000
        assert r["full_papers"] == r["papers"] and r["full_cpu_seconds"] > 0
    text = (tmp_path / "RESULTS.md").read_text()
    assert "## A realistic 1 MB reading list (issue 18)" in text
    assert "realistic 1 MB reading list through import" in text
