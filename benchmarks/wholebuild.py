"""The whole offline build at field scale, beside the networkx floor (``run.py`` section
``whole``; issue 21).

For each size n (default 1,000, 10,000 and 50,000 papers), untimed: the synthetic list of
``synthetic.py`` is written as a syllabus TOML, its resolution stored in a fresh cache
(one complete record per paper, as an online run leaves it), and the graph ``build``
draws of it saved as plain node and edge lists with the values as GraphML can hold them.
Then, in pairs (floor, build), each in a fresh process timed from start to exit:

* **build** = ``papergraph build --offline SYLLABUS --out TMP``: everything a user gets
  (loading and checking the syllabus, the records from the cache, bib/, RIS, the graph,
  GraphML, GEXF, the page, the coverage and reading-list reports);
* **floor** = ``python -c`` that reads those node and edge lists, builds the same
  ``networkx.MultiDiGraph`` and writes it with ``nx.write_graphml`` and
  ``nx.write_gexf``: what writing the graph alone costs with networkx's own writers.

Peak RSS = ``ru_maxrss`` of the process from ``os.wait4`` (``build`` runs in one process).
"""

from __future__ import annotations

import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
try:  # the builds' default: two processes with two usable CPUs (issue 21)
    from papergraph.build import PARALLEL_MAX_PAPERS, PARALLEL_MIN_PAPERS
    from papergraph.parallel import default_jobs
    JOBS = default_jobs()
except ImportError:  # an older papergraph
    PARALLEL_MIN_PAPERS, PARALLEL_MAX_PAPERS, JOBS = 0, 0, 1

FLOOR = """
import json, sys
import networkx as nx
data = json.load(open(sys.argv[1], encoding="utf-8"))
g = nx.MultiDiGraph(**data["graph"])
g.add_nodes_from((n, a) for n, a in data["nodes"])
g.add_edges_from((u, v, k, a) for u, v, k, a in data["edges"])
nx.write_graphml(g, sys.argv[2] + ".graphml")
nx.write_gexf(g, sys.argv[2] + ".gexf")
"""


def _plain(attrs: dict[str, Any]) -> dict[str, Any]:
    """Values as networkx's writers take them (lists joined, as papergraph's exports do)."""
    out = {}
    for k, v in attrs.items():
        if isinstance(v, list | tuple | set | frozenset):
            v = "; ".join(str(x) for x in v)
        if v is not None and v != "":
            out[k] = v
    return out


def prepare(n: int, folder: Path) -> dict[str, Any]:
    """The syllabus, the cache and the floor's graph for ``n`` papers (run in a subprocess)."""
    sys.path.insert(0, str(HERE))
    from synthetic import synthetic

    from papergraph.cache import Cache
    from papergraph.graph import build_graph
    from papergraph.merge import fingerprint
    from papergraph.syllabus import load_syllabus
    from papergraph.syllabus.write import save_syllabus

    folder.mkdir(parents=True, exist_ok=True)
    syllabus, resolution = synthetic(n)
    save_syllabus(syllabus, folder / "syllabus.toml")
    loaded = load_syllabus(folder / "syllabus.toml")  # the fingerprints of what build reads
    cache = Cache(folder / "cache")
    cache._db.execute("BEGIN")  # one transaction: minutes less at 50,000 papers
    for paper, rec in zip(loaded.papers, resolution.records, strict=True):
        cache.put_record(fingerprint(paper), rec)
    cache._db.execute("COMMIT")
    cache.close()
    g = build_graph(syllabus, resolution)
    data = {"graph": _plain(dict(g.graph)),
            "nodes": [(str(n), _plain(a)) for n, a in g.nodes(data=True)],
            "edges": [(str(u), str(v), str(k), _plain(a))
                      for u, v, k, a in g.edges(keys=True, data=True)]}
    (folder / "graph.json").write_text(json.dumps(data), encoding="utf-8")
    return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
            "refs": sum(len(r.references) for r in resolution.records)}


def _pss_kib(pid: int) -> int:
    """Proportional set size of ``pid`` and its children (a forked second process shares
    pages copy-on-write: PSS counts each shared page once, split between them); 0 when
    /proc cannot tell."""
    total = 0
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        kids = []
    for p in [str(pid), *kids]:
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except (OSError, ValueError):
            pass
    return total


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float, float]:
    """(seconds, peak RSS in MiB, CPU seconds, peak PSS in MiB) of ``cmd`` in a fresh
    process; raises if it fails. RSS and CPU come from ``os.wait4``: CPU includes a
    second process the build forks and waits for, RSS is the larger process's own peak.
    PSS is sampled every 0.1 s over the process and its children together: what the
    build holds in memory at once, however many processes it runs."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            peak[0] = max(peak[0], _pss_kib(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{cmd[:3]} failed: {err[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, peak[0] / 1024


def growth_exponent(sizes: list[int], seconds: list[float]) -> float | None:
    """The slope of log(seconds) over log(papers), least squares: 1.0 is linear."""
    if len(sizes) < 2:
        return None
    xs, ys = [math.log(s) for s in sizes], [math.log(t) for t in seconds]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return round(sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
                 / sum((x - mx) ** 2 for x in xs), 3)


def _triple(floor: list[str], build: list[str], out: Path,
            env: dict[str, str]) -> dict[str, float]:
    """One floor run, one build as a user runs it (two processes where
    :func:`papergraph.parallel.default_jobs` says so) and one with ``--jobs 1``, in a row
    (the same machine load for the three)."""
    load = round(os.getloadavg()[0], 2)
    f_s, f_mib, f_cpu, _ = _run(floor, env)
    shutil.rmtree(out, ignore_errors=True)
    b_s, b_mib, b_cpu, b_pss = _run(build, env)
    shutil.rmtree(out, ignore_errors=True)
    s_s, s_mib, s_cpu, _ = _run([*build, "--jobs", "1"], env)
    return {"floor_seconds": round(f_s, 3), "floor_peak_rss_mib": round(f_mib, 1),
            "floor_cpu_seconds": round(f_cpu, 3), "seconds": round(b_s, 3),
            "peak_rss_mib": round(b_mib, 1), "peak_pss_mib": round(b_pss, 1),
            "cpu_seconds": round(b_cpu, 3), "serial_seconds": round(s_s, 3),
            "serial_peak_rss_mib": round(s_mib, 1), "serial_cpu_seconds": round(s_cpu, 3),
            "loadavg_before": load}


def bench_whole(sizes: list[int], repeats: dict[int, int],
                log: Any = lambda msg: None) -> dict[str, Any]:
    """Paired runs (floor, then build) per size; medians, ratio, peak RSS, every sample."""
    rows = []
    for n in sizes:
        tmp = Path(tempfile.mkdtemp(prefix=f"pg-bench-whole-{n}-"))
        try:
            log(f"whole build: preparing {n:,} papers")
            t = time.perf_counter()
            out = subprocess.run(
                [sys.executable, str(Path(__file__).resolve()), "prepare", str(n), str(tmp)],
                check=True, capture_output=True, text=True)
            shape = json.loads(out.stdout.strip().splitlines()[-1])
            prepared = time.perf_counter() - t
            env = {k: v for k, v in os.environ.items() if k != "S2_API_KEY"}
            env["PAPERGRAPH_CACHE_DIR"] = str(tmp / "cache")
            build = [str(BIN / "papergraph"), "build", "--offline", str(tmp / "syllabus.toml"),
                     "--out", str(tmp / "out")]
            floor = [sys.executable, "-c", FLOOR, str(tmp / "graph.json"), str(tmp / "floor")]
            samples = []
            for i in range(repeats.get(n, 1)):
                log(f"whole build: {n:,} papers, run {i + 1} of {repeats.get(n, 1)}")
                samples.append(_triple(floor, build, tmp / "out", env))
            files = sum(1 for p in (tmp / "out").rglob("*") if p.is_file())
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        med = {k: statistics.median(s[k] for s in samples)
               for k in ("serial_seconds", "serial_cpu_seconds")}
        sec = statistics.median(s["seconds"] for s in samples)
        floor_sec = statistics.median(s["floor_seconds"] for s in samples)
        cpu = statistics.median(s["cpu_seconds"] for s in samples)
        floor_cpu = statistics.median(s["floor_cpu_seconds"] for s in samples)
        rows.append({
            "papers": n, "seconds": round(sec, 3), "floor_seconds": round(floor_sec, 3),
            "ratio": round(sec / floor_sec, 3), "cpu_seconds": round(cpu, 3),
            "floor_cpu_seconds": round(floor_cpu, 3), "cpu_ratio": round(cpu / floor_cpu, 3),
            "serial_seconds": round(med["serial_seconds"], 3),
            "serial_ratio": round(med["serial_seconds"] / floor_sec, 3),
            "serial_cpu_seconds": round(med["serial_cpu_seconds"], 3),
            "jobs": JOBS if PARALLEL_MIN_PAPERS <= n <= PARALLEL_MAX_PAPERS else 1,
            "peak_rss_mib": max(s["peak_rss_mib"] for s in samples),
            "peak_pss_mib": max(s["peak_pss_mib"] for s in samples),
            "serial_peak_rss_mib": max(s["serial_peak_rss_mib"] for s in samples),
            "floor_peak_rss_mib": max(s["floor_peak_rss_mib"] for s in samples),
            "files_written": files, "prepare_seconds": round(prepared, 1), **shape,
            "samples": samples,
        })
    return {"sizes": rows,
            "growth_exponent": growth_exponent([r["papers"] for r in rows],
                                               [r["seconds"] for r in rows]),
            "floor_growth_exponent": growth_exponent([r["papers"] for r in rows],
                                                     [r["floor_seconds"] for r in rows])}


def whole_markdown(w: dict[str, Any]) -> list[str]:
    lines = ["", "## 7. The whole build at field scale (issue 21)", "",
             "`papergraph build --offline` of the synthetic lists of `synthetic.py` (n papers, "
             "n/10 topics, 50 references each; every record in the cache, as an online run "
             "leaves it), timed from process start to exit: **everything** a user gets "
             "(syllabus checks, records from the cache, bib/ and RIS, graph, GraphML, GEXF, "
             "page, coverage and reading-list reports). Beside it, in the same run and in "
             "pairs, the **floor**: a fresh `python` that reads the same graph's nodes and "
             "edges, builds the `networkx.MultiDiGraph` and writes it with "
             "`nx.write_graphml` and `nx.write_gexf`. Peak RSS = `ru_maxrss` of each process "
             "(`os.wait4`); CPU = its user + system time, which other work on a shared "
             "machine disturbs less than wall time. From issue 21's second round the build "
             "writes its graph half (graph, page, GraphML, GEXF) in a forked second process "
             "beside bib/, RIS and the reports when two CPUs are usable (`--jobs`, default "
             "2 for 500 to 25,000 papers, 1 above: memory): **build** is that default, "
             "**--jobs 1** the same build in "
             "one process, run right after it; CPU covers both processes (the second is "
             "waited for); peak RSS is the larger process's own, peak PSS the two together "
             "(sampled every 0.1 s from /proc: shared pages counted once). Medians of the "
             "runs listed (floor, build, --jobs 1 in a row each); every sample is in "
             "`results.json` (`whole_build`).", "",
             "| papers | nodes | edges | build | floor | build / floor | --jobs 1 | "
             "--jobs 1 / floor | CPU build / floor | peak RSS (build) | peak PSS (build) | "
             "peak RSS (floor) | runs |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in w["sizes"]:
        cpu = (f"{r['cpu_seconds']:.1f} s / {r['floor_cpu_seconds']:.1f} s = "
               f"{r['cpu_ratio']:.2f}×" if "cpu_ratio" in r else "–")
        serial = (f"{r['serial_seconds']:.2f} s | {r['serial_ratio']:.2f}×"
                  if "serial_seconds" in r else "– | –")
        pss = f"{r['peak_pss_mib']:.0f} MiB" if r.get("peak_pss_mib") else "–"
        lines.append(f"| {r['papers']:,} | {r['nodes']:,} | {r['edges']:,} | "
                     f"{r['seconds']:.2f} s | {r['floor_seconds']:.2f} s | "
                     f"**{r['ratio']:.2f}×** | {serial} | {cpu} | "
                     f"{r['peak_rss_mib']:.0f} MiB | {pss} | "
                     f"{r['floor_peak_rss_mib']:.0f} MiB | {len(r['samples'])} |")
    lines += ["", f"Growth exponent (least-squares slope of log time over log papers): "
              f"build **{w['growth_exponent']}**, floor {w['floor_growth_exponent']} "
              "(1.0 = linear)."]
    run = w.get("run")
    if run:  # measured in a run of its own (``--only whole``), merged into this file
        lines += ["", f"Measured {run['date']} at commit {run['commit']} with "
                  f"`{run['command']}` (load average at the end "
                  f"{', '.join(f'{x:.1f}' for x in run.get('loadavg_at_end', []))}). "
                  + run.get("note", "")]
    before = w.get("before")
    if before:
        lines += ["", f"Before ({before['commit']}): " + "; ".join(
            f"{r['papers']:,} papers {r['seconds']:.1f} s / {r['floor_seconds']:.1f} s = "
            f"{r['ratio']:.2f}× (CPU {r['cpu_ratio']:.2f}×), {r['peak_rss_mib']:.0f} MiB"
            for r in before["sizes"]) + "."]
    return lines


if __name__ == "__main__" and len(sys.argv) == 4 and sys.argv[1] == "prepare":
    print(json.dumps(prepare(int(sys.argv[2]), Path(sys.argv[3]))))
