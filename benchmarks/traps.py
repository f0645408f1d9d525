"""Scale traps of issue 12, timed for ``make bench`` (section ``traps`` of ``run.py``).

Each case runs ``papergraph`` in a fresh process and reads that process's own peak RSS
from ``os.wait4``:

* ``one_topic`` – a syllabus of N unresolved papers all in one topic,
  ``papergraph build --offline`` (on main before the fix: 93 s at 8,000 papers, the
  reading order being quadratic); and the reading order alone on a resolved one-topic
  list with citations (``tests/test_scale.py`` asserts its growth as line counts);
* ``huge_title`` – ``papergraph info`` on a syllabus whose one title is M megabytes
  (before: 25 s and 6 GB for 50 MB, now a one-line error);
* ``coverage`` – the coverage report of the synthetic resolved lists of ``synthetic.py``
  (before: 31 s at 2,000 papers, growing quadratically).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BIN = Path(sys.executable).parent


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(seconds, peak RSS in MiB, exit code) of one command in a fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, proc.returncode


def _one_topic_toml(n: int) -> str:
    keys = [f"p{i:05d}" for i in range(n)]
    head = ('[seminar]\ntitle = "One topic"\n\n[[areas]]\nslug = "a"\ntitle = "A"\n\n'
            '[[topics]]\nslug = "all"\ntitle = "All"\narea = "a"\npapers = ['
            + ", ".join(f'"{k}"' for k in keys) + "]\n")
    return head + "".join(
        f'\n[[papers]]\nkey = "{k}"\ntitle = "Paper {i} on wide neural networks"\n'
        f'authors = ["Ann Author{i}", "Bob Builder"]\nvenue = "ICML"\nyear = {2000 + i % 20}\n'
        for i, k in enumerate(keys))


_COVERAGE = """
import sys, time
sys.path.insert(0, {here!r})
from synthetic import synthetic
from papergraph.report import coverage_report
syllabus, resolution = synthetic({n})
start = time.perf_counter()
coverage_report(syllabus, resolution)
print(time.perf_counter() - start)
"""

_ORDER = """
import sys, time
sys.path.insert(0, {tests!r})
from test_scale import one_topic
from papergraph.reading import reading_order
syllabus, resolution = one_topic({n})
start = time.perf_counter()
reading_order(syllabus, resolution)
print(time.perf_counter() - start)
"""


def bench_traps(quick: bool, repeats: int) -> dict[str, Any]:
    sizes = [200] if quick else [2000, 8000]
    megabytes = [1] if quick else [5, 50]
    env = {**os.environ}
    rows: list[dict[str, Any]] = []
    tests = str(Path(__file__).resolve().parents[1] / "tests")
    with tempfile.TemporaryDirectory() as tmp:
        env["PAPERGRAPH_CACHE_DIR"] = str(Path(tmp) / "cache")
        for n in sizes:
            syllabus = Path(tmp) / f"one-topic-{n}.toml"
            syllabus.write_text(_one_topic_toml(n), encoding="utf-8")
            runs = [_run([str(BIN / "papergraph"), "build", str(syllabus), "--offline",
                          "--out", str(Path(tmp) / f"out{n}")], env)
                    for _ in range(repeats)]
            order = [float(subprocess.run(
                [sys.executable, "-c", _ORDER.format(tests=tests, n=n)], env=env, check=True,
                capture_output=True, text=True).stdout) for _ in range(repeats)]
            rows.append({"case": "one_topic", "n": n, "build_seconds": [r[0] for r in runs],
                         "build_peak_mib": max(r[1] for r in runs),
                         "exit_codes": sorted({r[2] for r in runs}),
                         "order_seconds": order,
                         "build_seconds_median": round(statistics.median(r[0] for r in runs), 3),
                         "order_seconds_median": round(statistics.median(order), 4)})
        for mb in megabytes:
            syllabus = Path(tmp) / f"title-{mb}mb.toml"
            syllabus.write_text(
                '[seminar]\ntitle = "T"\n\n[[papers]]\nkey = "p1"\n'
                f'title = "{"A" * (mb * 1_000_000)}"\n', encoding="utf-8")
            runs = [_run([str(BIN / "papergraph"), "info", str(syllabus)], env)
                    for _ in range(max(1, min(repeats, 2)))]
            rows.append({"case": "huge_title", "megabytes": mb,
                         "seconds": [r[0] for r in runs], "peak_mib": max(r[1] for r in runs),
                         "exit_codes": sorted({r[2] for r in runs}),
                         "seconds_median": round(statistics.median(r[0] for r in runs), 3)})
        for n in ([100] if quick else [2000, 10000]):
            code = _COVERAGE.format(here=str(Path(__file__).resolve().parent), n=n)
            secs = [float(subprocess.run([sys.executable, "-c", code], env=env, check=True,
                                         capture_output=True, text=True).stdout)
                    for _ in range(repeats)]
            rows.append({"case": "coverage", "n": n, "seconds": secs,
                         "seconds_median": round(statistics.median(secs), 3)})
    return {"rows": rows}


def traps_markdown(traps: dict[str, Any]) -> list[str]:
    lines = ["", "## 6. Scale traps (issue 12)", "",
             "Each in a fresh process (peak RSS from `os.wait4`). Before the fixes: 8,000 "
             "papers in one topic made `build` take 93 s (quadratic reading order); a 50 MB "
             "title took 25 s and 6 GB before any message; the coverage report of a resolved "
             "2,000-paper list took 31 s and grew quadratically.", "",
             "| case | size | median time | peak RSS | exit code | reading order alone |",
             "|---|---|---|---|---|---|"]
    for r in traps["rows"]:
        if r["case"] == "one_topic":
            lines.append(f"| `build --offline`, one topic | {r['n']:,} papers | "
                         f"{r['build_seconds_median']:.2f} s | {r['build_peak_mib']:.0f} MiB | "
                         f"{r['exit_codes']} | {r['order_seconds_median']:.3f} s |")
        elif r["case"] == "coverage":
            lines.append(f"| coverage report, synthetic resolved list | {r['n']:,} papers | "
                         f"{r['seconds_median']:.2f} s | – | – | – |")
        else:
            lines.append(f"| `info`, one huge title (refused) | {r['megabytes']} MB | "
                         f"{r['seconds_median']:.2f} s | {r['peak_mib']:.0f} MiB | "
                         f"{r['exit_codes']} | – |")
    return lines
