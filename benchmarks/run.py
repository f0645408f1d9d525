"""papergraph's benchmark suite: ``make bench`` (= ``python benchmarks/run.py``).

Writes ``benchmarks/results.json`` (every raw sample) and ``benchmarks/RESULTS.md``
(medians, targets, how each figure was measured, machine, date, command). Sections:

1. ``requests`` – cold and warm resolution of the default seminar against the local fake
   Semantic Scholar + dblp server (``tests/fakeserver.py``), requests by kind vs the minimum;
   then requests per service without OpenAlex, with it, and with Semantic Scholar
   answering 429 (:func:`bench_sources`);
2. ``build`` – ``papergraph build --offline`` vs ``python -c "import networkx, pybtex,
   pyvis, typer"`` (the import floor) in the same run, and ``papergraph --help``;
3. ``scale`` – synthetic reading lists (``benchmarks/synthetic.py``) through
   ``build_graph``, GraphML/GEXF export and the HTML page, each size in a fresh
   subprocess with a wall-time and memory cap (a run past a cap is recorded as a miss);
4. ``page`` – headless Chromium (Playwright): time until the network is drawn and the
   main thread is free, for pages of about 100, 500 and 2,000 nodes, and whether the
   page announces its light mode above ``render.LIGHT_MODE_NODES``;
5. ``traps`` – issue 12's scale traps (``benchmarks/traps.py``): one topic of thousands of
   papers through ``build``, and a syllabus with a huge title.
6. ``hostile`` – issue 22's hostile page shapes (``benchmarks/hostile_pages.py``): each
   shape of about 1 MB through ``papergraph import`` in a fresh process (target: imports
   or fails in at most 5 s);
7. ``whole`` – issue 21: the WHOLE ``papergraph build --offline`` of synthetic lists of
   1,000, 10,000 and 50,000 papers (every record in a cache) beside the networkx floor (the
   same graph through ``nx.write_graphml`` + ``nx.write_gexf``), in pairs, with peak RSS,
   CPU time, the ratio and the growth exponent (``benchmarks/wholebuild.py``). Section 3
   times only a part of a build (graph, exports, page) and says so.
8. ``realistic`` – issue 18: a realistic 1 MB reading list (Markdown and HTML,
   ``benchmarks/realistic_page.py``) through ``papergraph import`` in a fresh process with
   the default reading limit (target: under 5 s, not refused).

``--quick`` runs a tiny version of everything except the browser (the smoke test uses it).
Nothing is written into the working tree except the two result files (``--out``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from realistic_page import realistic_markdown, realistic_verdicts

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
MiB = 1024 * 1024

TARGETS = {
    "warm_requests": 0,
    "cold_over_minimum": 0.10,
    "build_over_floor": 2.0,
    "help_seconds": 0.5,
    "scale_10000_seconds": 10.0,  # graph + exports + page only (section 3), not a build
    "scale_10000_mib": 2048,
    "page_2000_seconds": 5.0,
    "whole_build_over_floor": 1.5,  # at 10,000 and 50,000 papers (issue 21)
    "whole_build_50000_mib": 1536,
    "cold_documented_seconds": 17.0,
    "hostile_page_seconds": 5.0,
    "realistic_page_seconds": 5.0,  # a real 1 MB reading list, imported (issue 18)
}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def median(values: list[float]) -> float | None:
    return round(statistics.median(values), 4) if values else None


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- machine


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    chromium = ""
    if Path(CHROMIUM).exists():
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True,
                                      timeout=20).stdout.rstrip()
    import networkx
    import pyvis

    return {
        "nproc": os.cpu_count(), "cpu": cpu or platform.processor(), "ram_gib": mem,
        "os": platform.platform(), "python": platform.python_version(),
        "networkx": networkx.__version__, "pyvis": getattr(pyvis, "__version__", ""),
        "chromium": chromium, "loadavg_at_start": list(os.getloadavg()),
    }


def code_state() -> dict[str, Any]:
    """Which code was measured: HEAD and any uncommitted change under src/."""
    def git(*a: str) -> str:
        try:
            return subprocess.run(["git", *a], cwd=ROOT, capture_output=True, text=True,
                                  timeout=20).stdout.rstrip()
        except (OSError, subprocess.SubprocessError):
            return ""
    return {"commit": git("rev-parse", "--short", "HEAD"),
            "uncommitted_src": git("status", "--porcelain", "--", "src").splitlines()}


# --------------------------------------------------------------------------- 1. requests

LATENCY = 0.05  # seconds the fake server waits before each answer, as a far-away service
PEER_RATIO_TARGET = 1.0  # ours / semanticscholar's, for Semantic Scholar requests and time


def _settings(server: Any, cache: Path, page_limit: int = 1000, **kw: Any) -> Any:
    from papergraph.config import Settings

    base = dict(s2_url=server.url, dblp_url=server.url, cache_dir=cache, rate_limit=0,
                dblp_interval=0, timeout=10, retries=2, backoff_base=0.01, backoff_max=0.1,
                page_limit=page_limit)
    return Settings(**{**base, **kw})


def _minimum(syllabus: Any, world: Any, page_limit: int) -> tuple[dict, dict]:
    """What no client can go below with this API (see RESULTS.md)."""
    from papergraph.bib.proceedings import volumes
    from papergraph.resolve import paper_lookup_id
    from papergraph.sources.semanticscholar import BATCH_IDS, INLINE_CAP

    with_ids = [p for p in syllabus.papers if paper_lookup_id(p)]
    titled = len(syllabus.papers) - len(with_ids)
    pages = dblp_search = from_hit = 0
    tabled = {(v.venue, v.year) for v in volumes()}
    for p in syllabus.papers:
        fake = world.papers.get(world.seminar_ids.get(p.key, ""))
        if fake is None:
            continue
        if len(fake.references) >= INLINE_CAP:
            pages += -(-(len(fake.references) - INLINE_CAP) // page_limit)
        if fake.citation_count:
            pages += max(1, -(-len(fake.citations) // page_limit))
        if not p.dblp and not (fake.dblp and not fake.dblp.startswith("journals/corr/")):
            dblp_search += 1  # and its hit is the record when its volume is in the table
            from_hit += (fake.venue, fake.year) in tabled
    s2 = {"batch": -(-len(with_ids) // BATCH_IDS) + -(-titled // BATCH_IDS),
          "match": titled, "references+citations": pages}
    return s2, {"dblp-search": dblp_search, "dblp-bib": len(syllabus.papers) - from_hit}


def _cold_warm(syllabus: Any, page_limit: int) -> dict[str, Any]:
    from fakeserver import FakeServer

    from papergraph.resolve import resolve_papers

    cache = Path(tempfile.mkdtemp(prefix="pg-bench-cache-"))
    try:
        with FakeServer() as server:
            settings = _settings(server, cache, page_limit)
            t = time.perf_counter()
            cold = resolve_papers(syllabus, settings=settings)
            cold_s = time.perf_counter() - t
            cold_counts = server.counts()
            server.clear()
            t = time.perf_counter()
            warm = resolve_papers(syllabus, settings=settings)
            warm_s = time.perf_counter() - t
            return {"cold_seconds": cold_s, "warm_seconds": warm_s, "cold": cold_counts,
                    "warm": server.counts(), "cold_reported": dict(cold.requests),
                    "warm_reported": dict(warm.requests), "world": server.world,
                    "matched": sum(r.status == "matched" for r in cold.records),
                    "warm_same": cold.records == warm.records}
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def bench_requests(repeats: int, page_limits: tuple[int, ...] = (1000, 5),
                   peer: bool = True) -> dict[str, Any]:
    """Cold then warm resolution against the fake server, ``repeats`` times (fresh cache):
    with S2's page limit (1000) and with 5 so that pagination is exercised too; then, at
    50 ms latency, against ``semanticscholar``'s own calls (:func:`bench_peer`)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from papergraph.syllabus import load_syllabus

    syllabus = load_syllabus(None)
    out: dict[str, Any] = {"configs": []}
    for page_limit in page_limits:
        runs = [_cold_warm(syllabus, page_limit) for _ in range(repeats)]
        minimum, minimum_dblp = _minimum(syllabus, runs[0].pop("world"), page_limit)
        for r in runs[1:]:
            r.pop("world")
        cold = runs[0]["cold"]
        s2_cold = sum(v for k, v in cold.items() if not k.startswith("dblp"))
        dblp_cold = sum(v for k, v in cold.items() if k.startswith("dblp"))
        s2_min = sum(minimum.values())
        dblp_min = sum(minimum_dblp.values())
        out["configs"].append({
            "page_limit": page_limit,
            "papers": len(syllabus.papers),
            "cold_by_kind": cold,
            "warm_by_kind": runs[0]["warm"],
            "minimum_s2_by_kind": minimum,
            "minimum_dblp_by_kind": minimum_dblp,
            "cold_s2": s2_cold, "minimum_s2": s2_min,
            "cold_s2_over_minimum": round(s2_cold / s2_min - 1, 4) if s2_min else None,
            "cold_dblp": dblp_cold, "minimum_dblp": dblp_min,
            "cold_total_over_minimum": round((s2_cold + dblp_cold) / (s2_min + dblp_min) - 1,
                                             4),
            "warm_total": sum(runs[0]["warm"].values()),
            "counts_identical_across_runs": all(r["cold"] == cold and r["warm"] ==
                                                runs[0]["warm"] for r in runs),
            "reported_equals_server_log": all(r["cold_reported"] == r["cold"] and
                                              r["warm_reported"] == r["warm"] for r in runs),
            "warm_records_equal_cold": all(r["warm_same"] for r in runs),
            "matched": runs[0]["matched"],
            "cold_seconds_median": median([r["cold_seconds"] for r in runs]),
            "warm_seconds_median": median([r["warm_seconds"] for r in runs]),
            "samples": [{k: r[k] for k in ("cold_seconds", "warm_seconds")} for r in runs],
        })
    if peer:
        out["peer"] = bench_peer(syllabus, repeats)
    out["sources"] = bench_sources(syllabus)
    return out


def _service(kind: str) -> str:
    return "dblp" if kind.startswith("dblp") else \
        "openalex" if kind.startswith("openalex") else "s2"


def bench_sources(syllabus: Any) -> list[dict[str, Any]]:
    """Cold then warm requests per service, without OpenAlex, with it, and with every
    Semantic Scholar request answered 429 (OpenAlex fills; issue 19)."""
    from fakeserver import FakeServer

    from papergraph.resolve import resolve_papers

    scenarios = (("without OpenAlex", ("s2", "dblp"), False),
                 ("with OpenAlex", ("s2", "openalex", "dblp"), False),
                 ("with OpenAlex, Semantic Scholar answering 429", ("s2", "openalex", "dblp"),
                  True))
    out = []
    for name, sources, limited in scenarios:
        cache = Path(tempfile.mkdtemp(prefix="pg-bench-cache-"))
        try:
            with FakeServer() as server:
                settings = _settings(server, cache, openalex_url=server.url,
                                     openalex_interval=0).with_sources(sources)
                if limited:
                    server.fail("/graph/v1/", "429", times=100_000)
                t = time.perf_counter()
                cold = resolve_papers(syllabus, settings=settings)
                cold_s = time.perf_counter() - t
                by: dict[str, int] = {}
                for kind, n in server.counts().items():
                    by[_service(kind)] = by.get(_service(kind), 0) + n
                server.clear()
                resolve_papers(syllabus, settings=settings)
                edges = cold.edge_sources()
                out.append({
                    "scenario": name, "sources": list(sources), "cold_by_service": by,
                    "cold_by_kind": dict(cold.requests),
                    "warm_requests": len(server.log) if not limited else None,
                    "warm_requests_limited": len(server.log) if limited else None,
                    "cold_seconds": round(cold_s, 3),
                    "matched": sum(r.status == "matched" for r in cold.records),
                    "warnings": len(cold.warnings),
                    "edges": len(edges),
                    "edges_by_sources": {"+".join(k): sum(v == k for v in edges.values())
                                         for k in sorted(set(edges.values()))},
                })
        finally:
            shutil.rmtree(cache, ignore_errors=True)
    return out


def _sources_markdown(rows: list[dict[str, Any]]) -> list[str]:
    lines = ["", "### Requests per service, with and without OpenAlex (issue 19)", "",
             "Cold resolution of the default seminar (fresh cache), then a warm one; in the "
             "last row every Semantic Scholar request of the cold run is answered 429 "
             "(OpenAlex fills) and it is up again for the warm one.", "",
             "| scenario | Semantic Scholar | OpenAlex | dblp | warm | matched | warnings "
             "| citations among the papers, by source |", "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        by = r["cold_by_service"]
        warm = r["warm_requests"] if r["warm_requests"] is not None else \
            f"{r['warm_requests_limited']} (S2, up again, completes its part)"
        edges = ", ".join(f"{k} {v}" for k, v in r["edges_by_sources"].items())
        lines.append(f"| {r['scenario']} | {by.get('s2', 0)} | {by.get('openalex', 0)} | "
                     f"{by.get('dblp', 0)} | {warm} | {r['matched']} | {r['warnings']} | "
                     f"{edges} |")
    return lines


def _timed_run(job: Any, **server_state: Any) -> dict[str, Any]:
    """``job(server, cache)`` against a fresh fake server: seconds and requests by kind."""
    from fakeserver import FakeServer

    cache = Path(tempfile.mkdtemp(prefix="pg-bench-cache-"))
    try:
        with FakeServer() as server:
            for name, value in server_state.items():
                setattr(server.state, name, value)
            t = time.perf_counter()
            job(server, cache)
            return {"seconds": time.perf_counter() - t, "requests": server.counts()}
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def bench_peer(syllabus: Any, repeats: int) -> dict[str, Any]:
    """Cold runs at 50 ms latency: papergraph (all of it, and its Semantic Scholar part
    alone) beside ``semanticscholar``'s public API (its batch call alone, and the same
    Semantic Scholar data the way the package offers it: the batch call, then each paper's
    references and citations); once more papergraph with its documented intervals."""
    from semanticscholar import SemanticScholar

    from papergraph.resolve import paper_lookup_id, resolve_papers
    from papergraph.sources.semanticscholar import EDGE_FIELDS, INLINE_FIELDS, PAPER_FIELDS

    ids = [i for p in syllabus.papers if (i := paper_lookup_id(p))]

    def ours(**kw: Any) -> Any:
        return lambda server, cache: resolve_papers(syllabus,
                                                    settings=_settings(server, cache, **kw))

    def peer_batch(server: Any, cache: Path) -> None:
        sch = SemanticScholar(api_url=server.url, retry=False, timeout=10)
        sch.get_papers(ids, fields=[*PAPER_FIELDS, *INLINE_FIELDS])

    def peer_job(server: Any, cache: Path) -> None:
        sch = SemanticScholar(api_url=server.url, retry=False, timeout=10)
        for p in sch.get_papers(ids, fields=list(PAPER_FIELDS)):
            for call in (sch.get_paper_references, sch.get_paper_citations):
                list(call(p.paperId, fields=list(EDGE_FIELDS), limit=1000))

    jobs = {"ours": ours(), "ours_s2": ours(dblp=False), "peer_batch": peer_batch,
            "peer_same_data": peer_job}
    runs: dict[str, list[dict[str, Any]]] = {k: [] for k in jobs}
    for _ in range(repeats):  # interleaved, so that load on the machine hits all alike
        for name, job in jobs.items():
            runs[name].append(_timed_run(job, latency=LATENCY))
    out: dict[str, Any] = {"latency_seconds": LATENCY}
    for name, samples in runs.items():
        out[name] = {"requests": samples[0]["requests"],
                     "s2_requests": sum(v for k, v in samples[0]["requests"].items()
                                        if not k.startswith("dblp")),
                     "seconds_median": median([r["seconds"] for r in samples]),
                     "samples": [r["seconds"] for r in samples]}
    documented = _timed_run(lambda server, cache: resolve_papers(
        syllabus, settings=_settings(server, cache, rate_limit=None, dblp_interval=1.0)),
        latency=LATENCY)
    out["ours_documented_intervals"] = {**documented, "s2_interval": 1.0,
                                        "dblp_interval": 1.0}
    ours_s2, same = out["ours_s2"], out["peer_same_data"]
    out["ratio_s2_requests"] = round(ours_s2["s2_requests"] / same["s2_requests"], 3)
    out["ratio_s2_seconds"] = round(ours_s2["seconds_median"] / same["seconds_median"], 3)
    return out


# --------------------------------------------------------------------------- 2. build


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def _compile_package() -> bool:
    """Byte-compile papergraph's sources, as pip does for a regular install."""
    import compileall

    import papergraph

    return bool(compileall.compile_dir(Path(papergraph.__file__).parent, quiet=1))


def bench_build(repeats: int) -> dict[str, Any]:
    """Interleaved runs (floor, build, --help) so drift hits all three alike."""
    exe = str(BIN / "papergraph")
    py = sys.executable
    tmp = Path(tempfile.mkdtemp(prefix="pg-bench-build-"))
    env = {**os.environ, "PAPERGRAPH_CACHE_DIR": str(tmp / "cache")}
    env = {k: v for k, v in env.items() if k != "S2_API_KEY"}
    floor_cmd = [py, "-c", "import networkx, pybtex, pyvis, typer"]
    build_cmd = [exe, "build", "--offline", "--out", str(tmp / "out")]
    help_cmd = [exe, "--help"]
    floor, build, helps = [], [], []
    # pip byte-compiles every package it installs, but not an editable install's sources;
    # with PYTHONDONTWRITEBYTECODE set (as on this machine) papergraph would otherwise be
    # compiled from source on every run. `make build` and `make bench` compile it too.
    compiled = _compile_package()
    try:
        _timed(build_cmd, env)  # warm the OS file cache once (not counted)
        _timed(floor_cmd, env)
        for _ in range(repeats):
            floor.append(_timed(floor_cmd, env))
            shutil.rmtree(tmp / "out", ignore_errors=True)
            build.append(_timed(build_cmd, env))
            helps.append(_timed(help_cmd, env))
        written = sorted(str(p.relative_to(tmp / "out")) for p in (tmp / "out").rglob("*")
                         if p.is_file())
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    f, b = median(floor), median(build)
    return {
        "floor_cmd": "python -c \"import networkx, pybtex, pyvis, typer\"",
        "build_cmd": "papergraph build --offline --out TMP",
        "help_cmd": "papergraph --help",
        "floor_seconds_median": f, "build_seconds_median": b,
        "help_seconds_median": median(helps),
        "build_over_floor": round(b / f, 3) if f and b else None,
        "bytecode_compiled": compiled,
        "pythondontwritebytecode": os.environ.get("PYTHONDONTWRITEBYTECODE", ""),
        "files_written": written,
        "samples": {"floor": floor, "build": build, "help": helps},
    }


# --------------------------------------------------------------------------- 3. scale


def _peak_mib() -> float:
    """The worker's peak RSS plus its largest child's (the process `write_exports` starts
    for a large graph): an upper bound of both at once."""
    return round((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                  + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024, 1)


def worker(args: argparse.Namespace) -> None:
    """One size in this (fresh) process; one JSON line per stage to ``args.jsonl``."""
    sink = open(args.jsonl, "a", encoding="utf-8")  # noqa: SIM115 - kept open to the end

    def emit(stage: str, seconds: float, **extra: Any) -> None:
        sink.write(json.dumps({"stage": stage, "seconds": round(seconds, 4),
                               "peak_rss_mib": _peak_mib(), **extra}) + "\n")
        sink.flush()

    t = time.perf_counter()
    sys.path.insert(0, str(HERE))
    from synthetic import synthetic

    from papergraph.exports import write_exports
    from papergraph.graph import build_graph
    from papergraph.page import write_page
    emit("import", time.perf_counter() - t)

    t = time.perf_counter()
    syllabus, resolution = synthetic(args.n, pool_size=args.pool)
    emit("synthetic input", time.perf_counter() - t,
         refs=sum(len(r.references) for r in resolution.records))
    out = Path(args.dir)
    t = time.perf_counter()
    graph = build_graph(syllabus, resolution, include_external=args.external)
    kinds: dict[str, int] = {}
    for _, _, k in graph.edges(keys=True):
        kinds[k] = kinds.get(k, 0) + 1
    emit("build_graph", time.perf_counter() - t, nodes=graph.number_of_nodes(),
         edges=graph.number_of_edges(), edges_by_kind=kinds)
    if not args.html_only:
        t = time.perf_counter()
        paths = write_exports(graph, out, "g")  # what ``build`` calls: GraphML and GEXF
        emit("exports", time.perf_counter() - t,
             bytes={p.suffix.lstrip("."): p.stat().st_size for p in paths})
    t = time.perf_counter()
    p = write_page(syllabus, resolution, graph, out / "page.html")
    emit("html", time.perf_counter() - t, bytes=p.stat().st_size)
    sink.close()


def _rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def run_worker(n: int, *, cap_seconds: float, cap_mib: float, outdir: Path,
               external: bool = False, pool: int | None = None,
               html_only: bool = False) -> dict[str, Any]:
    """Run :func:`worker` in a fresh interpreter; kill it past the caps (a recorded miss)."""
    outdir.mkdir(parents=True, exist_ok=True)
    jsonl = outdir / "stages.jsonl"
    jsonl.unlink(missing_ok=True)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", "--n", str(n),
           "--jsonl", str(jsonl), "--dir", str(outdir)]
    if external:
        cmd.append("--external")
    if pool:
        cmd += ["--pool", str(pool)]
    if html_only:
        cmd.append("--html-only")
    env = {**os.environ, "PAPERGRAPH_CACHE_DIR": str(outdir / "cache")}
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    killed = None
    seen_rss = 0.0
    while proc.poll() is None:
        seen_rss = max(seen_rss, _rss_mib(proc.pid))
        elapsed = time.perf_counter() - t
        if elapsed > cap_seconds:
            killed = f"wall time > {cap_seconds:g} s"
        elif seen_rss > cap_mib:
            killed = f"RSS > {cap_mib:g} MiB"
        if killed:
            proc.kill()
            proc.wait()
            break
        time.sleep(0.05)
    wall = time.perf_counter() - t
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    stages = [json.loads(line) for line in jsonl.read_text().splitlines()] if jsonl.exists() \
        else []
    done = [s["stage"] for s in stages]
    order = ["import", "synthetic input", "build_graph"] + \
        ([] if html_only else ["exports"]) + ["html"]
    unfinished = next((s for s in order if s not in done), None)
    if proc.returncode not in (0, None) and not killed:
        killed = f"exit {proc.returncode}: {stderr.strip().splitlines()[-1:]}"
    return {"n": n, "stages": stages, "process_wall_seconds": round(wall, 3),
            "polled_peak_rss_mib": round(seen_rss, 1), "killed": killed,
            "stopped_in": unfinished if killed else None}


def _pipeline_seconds(run: dict[str, Any]) -> float | None:
    """build_graph + exports + html (input generation and imports excluded)."""
    if run["killed"]:
        return None
    return sum(s["seconds"] for s in run["stages"]
               if s["stage"] not in ("import", "synthetic input"))


def bench_scale(sizes: list[int], repeats: dict[int, int], caps: dict[int, tuple[float, float]]
                ) -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix="pg-bench-scale-"))
    rows = []
    try:
        for n in sizes:
            runs = []
            for i in range(repeats.get(n, 1)):
                cap_s, cap_m = caps.get(n, (600.0, 8192.0))
                log(f"scale n={n} run {i + 1}/{repeats.get(n, 1)} (caps {cap_s:g} s, "
                    f"{cap_m:g} MiB)")
                run = run_worker(n, cap_seconds=cap_s, cap_mib=cap_m, outdir=tmp / f"{n}-{i}")
                shutil.rmtree(tmp / f"{n}-{i}", ignore_errors=True)
                runs.append(run)
                if run["killed"]:
                    break  # a miss does not get better by repeating it
            stage_medians: dict[str, float | None] = {}
            for stage in ("build_graph", "exports", "html"):
                vals = [s["seconds"] for r in runs for s in r["stages"] if s["stage"] == stage]
                stage_medians[stage] = median(vals)
            totals = [x for r in runs if (x := _pipeline_seconds(r)) is not None]
            first = runs[0]
            graph_stage = next((s for s in first["stages"] if s["stage"] == "build_graph"), {})
            rows.append({
                "n": n,
                "nodes": graph_stage.get("nodes"), "edges": graph_stage.get("edges"),
                "edges_by_kind": graph_stage.get("edges_by_kind"),
                "bytes": {s["stage"]: s.get("bytes") for s in first["stages"] if "bytes" in s},
                "stage_seconds_median": stage_medians,
                "pipeline_seconds_median": median(totals),
                "peak_rss_mib_max": max((s["peak_rss_mib"] for r in runs for s in r["stages"]),
                                        default=None),
                "polled_peak_rss_mib_max": max(r["polled_peak_rss_mib"] for r in runs),
                "killed": first["killed"], "stopped_in": first["stopped_in"],
                "runs": runs,
            })
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    growth = []
    for a, b in zip(rows, rows[1:], strict=False):
        ta, tb = a["pipeline_seconds_median"], b["pipeline_seconds_median"]
        ma, mb = a["peak_rss_mib_max"], b["peak_rss_mib_max"]
        growth.append({"from": a["n"], "to": b["n"],
                       "time_factor": round(tb / ta, 2) if ta and tb else None,
                       "edges_factor": round(b["edges"] / a["edges"], 2)
                       if a["edges"] and b["edges"] else None,
                       "peak_rss_factor": round(mb / ma, 2)
                       if ma and mb and not b["killed"] else None})
    return {"sizes": rows, "growth": growth}


# --------------------------------------------------------------------------- 4. page

READY_SCRIPT = """
window.__pg = {ready: null, idle: null};
new MutationObserver(function (m, obs) {
  if (document.body && document.body.getAttribute('data-ready') === '1') {
    window.__pg.ready = performance.now();
    obs.disconnect();
    requestAnimationFrame(function () { setTimeout(function () {
      window.__pg.idle = performance.now(); }, 0); });
  }
}).observe(document, {attributes: true, subtree: true, attributeFilter: ['data-ready']});
"""


def _page_input(target_nodes: int, variant: str) -> dict[str, Any]:
    """Synthetic parameters for a page of about ``target_nodes`` nodes.

    ``papers``: a reading list of n papers (n + n/10 topics + 5 areas nodes), no externals;
    ``external``: a small seminar drawn with ``include_external`` – n papers with 50
    distinct references each (pool of 10**6), like a seminar plus every citing paper.
    """
    if variant == "papers":
        return {"n": max(1, round((target_nodes - 5) / 1.1)), "external": False, "pool": None}
    n = max(1, round(target_nodes / 51.1))
    return {"n": n, "external": True, "pool": 10**6}


def page_worker(args: argparse.Namespace) -> None:
    """Browser runs for one page in this process; one JSON line per run to ``args.jsonl``.

    Runs in its own session so the parent can kill it together with Chromium when a page
    keeps the renderer busy past the cap (Playwright cannot stop a hung renderer).
    """
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    html = Path(args.html)
    cap_ms = args.cap * 1000
    with sync_playwright() as pw, open(args.jsonl, "a", encoding="utf-8") as sink:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(args.repeats):
            ctx = browser.new_context(viewport={"width": 1400, "height": 900})
            ctx.add_init_script(READY_SCRIPT)
            page = ctx.new_page()
            sample: dict[str, Any] = {}
            t = time.perf_counter()
            try:
                page.goto(html.as_uri(), wait_until="commit", timeout=cap_ms)
                left = max(1.0, cap_ms - 1000 * (time.perf_counter() - t))
                page.wait_for_function("window.__pg && window.__pg.idle !== null",
                                       timeout=left, polling=50)
                sample = page.evaluate("""() => {
                  const nav = performance.getEntriesByType('navigation')[0];
                  const t0 = performance.now();
                  for (let i = 0; i < 5; i++) window.papergraph.network.redraw();
                  const redraw = (performance.now() - t0) / 5;
                  const note = document.getElementById('mode-note');
                  return {ready_ms: window.__pg.ready, idle_ms: window.__pg.idle,
                          dcl_ms: nav ? nav.domContentLoadedEventEnd : null,
                          redraw_ms: redraw,
                          light_note: note ? note.textContent.trim() : null,
                          vis_nodes: window.papergraph.nodes.length,
                          vis_edges: window.papergraph.edges.length};
                }""")
            except PlaywrightError as exc:
                sample = {"error": str(exc).splitlines()[0][:200]}
            sink.write(json.dumps(sample) + "\n")
            sink.flush()
            ctx.close()
            # a page this far off its target says enough in one run
            if "error" in sample or sample["idle_ms"] > cap_ms / 3:
                break
        browser.close()


def _browser_runs(html: Path, repeats: int, cap_seconds: float, workdir: Path
                  ) -> list[dict[str, Any]]:
    jsonl = workdir / "page.jsonl"
    jsonl.unlink(missing_ok=True)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--page-worker", "--html", str(html),
           "--jsonl", str(jsonl), "--repeats", str(repeats), "--cap", str(cap_seconds)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)

    def read() -> list[dict[str, Any]]:
        lines = jsonl.read_text().split("\n")[:-1] if jsonl.exists() else []
        return [json.loads(x) for x in lines]  # complete lines only

    # Playwright's own timeouts do not fire while a page's script keeps the renderer busy,
    # so the watchdog is here: no new run finished within the cap (+ browser start) ->
    # kill the worker's session (it and its Chromium) and record the miss.
    last, seen, killed = time.perf_counter(), 0, False
    while proc.poll() is None:
        time.sleep(0.1)
        now = len(read())
        if now != seen:
            last, seen = time.perf_counter(), now
        elif time.perf_counter() - last > cap_seconds + 10:
            killed = True
            break
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    samples = read()
    if killed:
        samples.append({"error": f"no first draw within {cap_seconds:g} s "
                                 "(renderer still busy; killed)"})
    if not samples:
        samples = [{"error": f"browser worker exited {proc.returncode} without a result"}]
    return samples


_NOTE = re.compile(r'<div class="note" id="mode-note">(.*?)</div>', re.S)


def bench_page(node_targets: list[int], repeats: int, variants: list[str],
               cap_seconds: float, gen_cap_seconds: float = 90.0) -> dict[str, Any]:
    from papergraph.page import LIGHT_MODE_NODES

    tmp = Path(tempfile.mkdtemp(prefix="pg-bench-page-"))
    rows = []
    try:
        for variant in variants:
            for target in node_targets:
                spec = _page_input(target, variant)
                work = tmp / f"{variant}-{target}"
                log(f"page {variant} ~{target} nodes: generating (n={spec['n']})")
                gen = run_worker(spec["n"], cap_seconds=gen_cap_seconds, cap_mib=8192,
                                 outdir=work, external=spec["external"], pool=spec["pool"],
                                 html_only=True)
                graph_stage = next((s for s in gen["stages"] if s["stage"] == "build_graph"),
                                   {})
                html_stage = next((s for s in gen["stages"] if s["stage"] == "html"), {})
                row: dict[str, Any] = {
                    "variant": variant, "target_nodes": target, "n_papers": spec["n"],
                    "nodes": graph_stage.get("nodes"), "edges": graph_stage.get("edges"),
                    "edges_by_kind": graph_stage.get("edges_by_kind"),
                    "html_bytes": html_stage.get("bytes"),
                    "generate_seconds": html_stage.get("seconds"),
                    "generate_killed": gen["killed"], "samples": [],
                }
                html = work / "page.html"
                if gen["killed"] or not html.exists():
                    rows.append(row)
                    continue
                note = _NOTE.search(html.read_text(encoding="utf-8"))
                row["light_note_in_html"] = " ".join(note.group(1).split()) if note else None
                log(f"page {variant} ~{target} nodes: browser (up to {repeats} runs)")
                row["samples"] = _browser_runs(html, repeats, cap_seconds, work)
                ok = [s for s in row["samples"] if "error" not in s]
                row["ready_seconds_median"] = median([s["ready_ms"] / 1000 for s in ok])
                row["idle_seconds_median"] = median([s["idle_ms"] / 1000 for s in ok])
                row["redraw_ms_median"] = median([s["redraw_ms"] for s in ok])
                row["light_mode_expected"] = (row["nodes"] or 0) > LIGHT_MODE_NODES
                # shown in the browser when it got that far, else read from the HTML
                row["light_note"] = ok[0]["light_note"] if ok else row["light_note_in_html"]
                row["light_mode_announced"] = bool(row["light_note"])
                rows.append(row)
                shutil.rmtree(work, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"light_mode_nodes": LIGHT_MODE_NODES, "pages": rows,
            "default_page": bench_default_page(), "layout": bench_layout(node_targets)}


def bench_default_page() -> dict[str, Any]:
    """The shipped seminar's page: its weight, and what of it is vis-network's script."""
    from papergraph.graph import build_graph
    from papergraph.page import render_page
    from papergraph.page.visnet import vis_network_js
    from papergraph.resolve import resolve_papers
    from papergraph.syllabus import load_syllabus

    syllabus = load_syllabus()
    resolution = resolve_papers(syllabus, offline=True)
    html = render_page(syllabus, resolution, build_graph(syllabus, resolution))
    return {"bytes": len(html.encode()), "vis_network_bytes": len(vis_network_js().encode()),
            "data_uris": html.count("data:image")}


def bench_layout(node_targets: list[int], repeats: int = 5) -> list[dict[str, Any]]:
    """Both page layouts (rings, timeline) of the *external* page inputs: median seconds."""
    sys.path.insert(0, str(HERE))
    from synthetic import synthetic

    from papergraph.graph import build_graph
    from papergraph.page import build_model
    from papergraph.page.layout import ring_positions, timeline_positions

    rows = []
    for target in node_targets:
        spec = _page_input(target, "external")
        syllabus, resolution = synthetic(spec["n"], pool_size=spec["pool"])
        graph = build_graph(syllabus, resolution, include_external=True)
        model = build_model(syllabus, resolution, graph, bibtex={})
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            ring_positions(model)
            timeline_positions(model)
            times.append(time.perf_counter() - t)
        nodes = graph.number_of_nodes()
        rows.append({"target_nodes": target, "nodes": nodes, "seconds_median": median(times),
                     "seconds_per_1000_nodes": median(times) * 1000 / max(nodes, 1)})
    return rows


# --------------------------------------------------------------------------- report


def _fmt(x: Any, unit: str = "", nd: int = 3) -> str:
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:.{nd}f}{unit}"
    return f"{x}{unit}"


def _ok(good: bool | None) -> str:
    return "–" if good is None else ("met" if good else "**MISSED**")


def verdicts(results: dict[str, Any]) -> list[tuple[str, str, str, bool | None]]:
    """(what, target, measured, met?) for every target the suite checks."""
    out: list[tuple[str, str, str, bool | None]] = []
    if hostile := results.get("hostile"):
        worst = max(hostile, key=lambda r: r["seconds"])
        out.append(("hostile pages: slowest shape through import", "≤ 5 s, exit 0/1, no "
                    "traceback", f"{worst['seconds']:.2f} s ({worst['name']})",
                    all(r["seconds"] <= TARGETS["hostile_page_seconds"] and r["exit"] in (0, 1)
                        and not r["traceback"] for r in hostile)))
    out += realistic_verdicts(results.get("realistic") or [],
                              TARGETS["realistic_page_seconds"])
    req = results.get("requests")
    if req:
        c = next((c for c in req["configs"] if c["page_limit"] == 1000), req["configs"][0])
        out.append(("warm resolution requests", "0", str(c["warm_total"]),
                    c["warm_total"] == TARGETS["warm_requests"]))
        out.append(("cold S2 requests vs minimum", "≤ minimum + 10 %",
                    f"{c['cold_s2']} vs {c['minimum_s2']} "
                    f"(+{100 * c['cold_s2_over_minimum']:.0f} %)",
                    c["cold_s2_over_minimum"] <= TARGETS["cold_over_minimum"]))
        out.append(("cold requests incl. dblp vs minimum", "≤ minimum + 10 %",
                    f"{c['cold_s2'] + c['cold_dblp']} vs {c['minimum_s2'] + c['minimum_dblp']}"
                    f" (+{100 * c['cold_total_over_minimum']:.0f} %)",
                    c["cold_total_over_minimum"] <= TARGETS["cold_over_minimum"]))
        peer = req.get("peer")
        if peer:
            ours, same = peer["ours_s2"], peer["peer_same_data"]
            out.append(("cold S2 requests, ours / semanticscholar (same data)",
                        f"≤ {PEER_RATIO_TARGET:g}",
                        f"{ours['s2_requests']} / {same['s2_requests']} = "
                        f"{peer['ratio_s2_requests']:.2f}",
                        peer["ratio_s2_requests"] <= PEER_RATIO_TARGET))
            out.append((f"cold S2 time at {1000 * peer['latency_seconds']:.0f} ms latency, "
                        "ours / semanticscholar", f"≤ {PEER_RATIO_TARGET:g}",
                        f"{ours['seconds_median']:.2f} s / {same['seconds_median']:.2f} s = "
                        f"{peer['ratio_s2_seconds']:.2f}",
                        peer["ratio_s2_seconds"] <= PEER_RATIO_TARGET))
    b = results.get("build")
    if b:
        out.append(("offline build / import floor", "≤ 2×",
                    f"{b['build_over_floor']:.2f}× ({b['build_seconds_median']:.3f} s / "
                    f"{b['floor_seconds_median']:.3f} s)",
                    b["build_over_floor"] <= TARGETS["build_over_floor"]))
        out.append(("papergraph --help", "< 0.5 s", f"{b['help_seconds_median']:.3f} s",
                    b["help_seconds_median"] < TARGETS["help_seconds"]))
    s = results.get("scale")
    if s:
        for row in s["sizes"]:
            if row["n"] != 10000:
                continue
            t = row["pipeline_seconds_median"]
            m = row["peak_rss_mib_max"] if not row["killed"] else row["polled_peak_rss_mib_max"]
            measured = (f"{t:.2f} s, {m:.0f} MiB" if t is not None else
                        f"killed ({row['killed']}) in {row['stopped_in']}")
            out.append(("10,000 papers: graph + exports + page", "< 10 s and < 2 GiB", measured,
                        t is not None and t < TARGETS["scale_10000_seconds"]
                        and m < TARGETS["scale_10000_mib"]))
    p = results.get("page")
    if p:
        for row in p["pages"]:
            if row["target_nodes"] != 2000:
                continue
            t = row.get("ready_seconds_median")
            idle = row.get("idle_seconds_median")
            worst = max(x for x in (t, idle) if x is not None) if t is not None else None
            measured = (f"{worst:.2f} s ({row['nodes']} nodes, {row['edges']} edges)"
                        if worst is not None else
                        f"not interactive within the cap ({row['nodes']} nodes, "
                        f"{row['edges']} edges)")
            out.append((f"page interactive, 2,000 nodes ({row['variant']})", "< 5 s",
                        measured, worst is not None and worst < TARGETS["page_2000_seconds"]))
        for row in p["pages"]:
            if row["target_nodes"] == 2000 and row.get("html_bytes"):
                out.append((f"page weight, 2,000 nodes ({row['variant']})", "–",
                            f"{row['html_bytes'] / MiB:.2f} MiB", None))
        d = p.get("default_page")
        if d:
            out.append(("page weight, the shipped seminar", "no unused assets",
                        f"{d['bytes'] / 1000:.0f} KB ({d['vis_network_bytes'] / 1000:.0f} KB "
                        f"vis-network; {d['data_uris']} data: images)", d["data_uris"] == 0))
        for row in p.get("layout") or []:
            if row["target_nodes"] == 2000:
                out.append((f"page layout, {row['nodes']} nodes", "< 1 s per 1,000 nodes",
                            f"{row['seconds_median'] * 1000:.1f} ms "
                            f"({row['seconds_per_1000_nodes'] * 1000:.1f} ms per 1,000)",
                            row["seconds_per_1000_nodes"] < 1.0))
        for row in p["pages"]:
            if row.get("light_mode_expected") is not None and row.get("nodes"):
                out.append((f"light mode said on page at {row['nodes']} nodes "
                            f"({row['variant']})",
                            "shown" if row["light_mode_expected"] else "not shown",
                            "shown" if row["light_mode_announced"] else "not shown",
                            row["light_mode_expected"] == row["light_mode_announced"]))
    out += _whole_verdicts(results)
    return out


def _whole_verdicts(results: dict[str, Any]) -> list[tuple[str, str, str, bool | None]]:
    """Issue 21's targets: the whole build near the networkx floor, its memory, and the
    cold run of the shipped seminar under the documented intervals."""
    out: list[tuple[str, str, str, bool | None]] = []
    for row in results.get("whole_build") or []:
        if row["papers"] >= 10000:
            out.append((f"whole build / networkx floor, {row['papers']:,} papers",
                        f"≤ {TARGETS['whole_build_over_floor']}×",
                        f"{row['ratio']:.2f}× ({row['seconds']:.1f} s / "
                        f"{row['floor_seconds']:.1f} s)",
                        row["ratio"] <= TARGETS["whole_build_over_floor"]))
        if row["papers"] == 50000:  # two processes: their PSS together counts too
            mib = max(row["peak_rss_mib"], row.get("peak_pss_mib") or 0)
            out.append(("whole build peak memory (RSS; PSS of both processes), 50,000 papers",
                        "≤ 1.5 GiB", f"{row['peak_rss_mib']:.0f} MiB; "
                        f"{row.get('peak_pss_mib') or 0:.0f} MiB",
                        mib <= TARGETS["whole_build_50000_mib"]))
    growth = results.get("whole_build_growth") or {}
    if growth.get("growth_exponent") is not None:
        out.append(("whole build growth exponent", "near 1 (linear)",
                    f"{growth['growth_exponent']} (floor {growth['floor_growth_exponent']})",
                    None))
    peer = (results.get("requests") or {}).get("peer") or {}
    doc = peer.get("ours_documented_intervals")
    if doc:
        dblp = sum(v for k, v in doc["requests"].items() if k.startswith("dblp"))
        out.append(("cold run, documented intervals (1 s per service)",
                    f"≤ {TARGETS['cold_documented_seconds']:g} s",
                    f"{doc['seconds']:.1f} s ({dblp} dblp requests)",
                    doc["seconds"] <= TARGETS["cold_documented_seconds"]))
    return out


def _peer_markdown(peer: dict[str, Any]) -> list[str]:
    """The requests section's comparison with ``semanticscholar`` (50 ms latency)."""
    ms = 1000 * peer["latency_seconds"]
    rows = [("papergraph `resolve_papers()`", "everything: S2 + dblp", peer["ours"]),
            ("papergraph, dblp off", "S2: papers, references, citations", peer["ours_s2"]),
            ("`semanticscholar`: `get_papers` + `get_paper_references` + "
             "`get_paper_citations` per paper", "S2: papers, references, citations",
             peer["peer_same_data"]),
            ("`semanticscholar`: `get_papers` alone (references inline)",
             "S2: papers and references, no citations", peer["peer_batch"])]
    doc = peer["ours_documented_intervals"]
    return [
        "", f"### Against the peer: `semanticscholar`, {ms:.0f} ms latency", "",
        f"Every answer of the fake server waits {ms:.0f} ms (a far-away service); no interval "
        "between requests on either side (the package has none); cold, fresh cache; the "
        f"median of {len(peer['ours']['samples'])} interleaved runs. The peer is the "
        "`semanticscholar` package's public API, asked for the same Semantic Scholar data.",
        "", "| client | fetches | S2 requests | all requests | cold time |",
        "|---|---|---|---|---|",
        *[f"| {name} | {what} | {r['s2_requests']} | {sum(r['requests'].values())} | "
          f"{r['seconds_median']:.2f} s |" for name, what, r in rows],
        "", f"Ratio ours / peer for the same Semantic Scholar data: "
        f"**{peer['ratio_s2_requests']:.2f}** in requests, **{peer['ratio_s2_seconds']:.2f}**"
        " in time. With the documented intervals (1 s between Semantic Scholar requests, "
        f"1 s between dblp requests, each service on its own lane) the whole cold run takes "
        f"{doc['seconds']:.1f} s for {sum(doc['requests'].values())} requests.",
    ]


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        "# papergraph benchmarks",
        "",
        f"Measured {results['date']} with `{results['command']}` "
        f"(`make bench` runs `python benchmarks/run.py`) in {results['seconds']:.0f} s, "
        f"code at commit {results['code']['commit']}"
        + (" plus uncommitted changes to "
           + ", ".join(x[3:] for x in results["code"]["uncommitted_src"])
           if results["code"]["uncommitted_src"] else "") + ".",
        "",
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['ram_gib']} GiB RAM, {m['os']}; "
        f"Python {m['python']}, networkx {m['networkx']}, pyvis {m['pyvis']}, "
        f"{m['chromium'] or 'no Chromium'}. Load average (1/5/15 min) at start "
        f"{'/'.join(f'{x:.2f}' for x in m['loadavg_at_start'])}, at end "
        f"{'/'.join(f'{x:.2f}' for x in m.get('loadavg_at_end', []))}: other work on the "
        "box slows every figure, the floor included.",
        "",
        "Every time is the **median** of the repeated runs listed; every raw sample is in "
        "`results.json`. Times are wall-clock (`time.perf_counter`).",
        "",
        "## Targets",
        "",
        "| what | target | measured | |",
        "|---|---|---|---|",
    ]
    for what, target, measured, good in verdicts(results):
        lines.append(f"| {what} | {target} | {measured} | {_ok(good)} |")
    req = results.get("requests")
    if req:
        lines += [
            "", "## 1. Requests (default seminar, local fake server)", "",
            "`resolve_papers()` on the shipped syllabus against `tests/fakeserver.py` (real "
            "HTTP on 127.0.0.1, no rate limit), with a fresh cache (cold) and then the same "
            "cache again (warm). Counts come from the **server's request log**; the run's own "
            "`Resolution.requests` is checked against it. The minimum is what no client can "
            "go below: one batch call per 100 papers with ids (the references come inline; "
            "the API answers at most 10 MB) and one more per 100 papers matched by title, "
            "one title match per paper without ids, one page per `page_limit` citations of "
            "each cited paper (at least one) and per `page_limit` references past the "
            "1,000 the API inlines; for dblp, a search for each paper whose Semantic "
            "Scholar record has no dblp key (or only the CoRR one), and a `.bib` for every "
            "paper but those found by search whose volume `data/proceedings.json` holds "
            "(their hit is the whole record).",
            "",
            "| page limit | kind | cold | minimum | warm |",
            "|---|---|---|---|---|",
        ]
        for c in req["configs"]:
            kinds = sorted(set(c["cold_by_kind"]) | set(c["warm_by_kind"]) | {"batch",
                                                                               "match"})
            mins = {**c["minimum_s2_by_kind"], **c["minimum_dblp_by_kind"]}
            merged_pages = c["cold_by_kind"].get("references", 0) + \
                c["cold_by_kind"].get("citations", 0)
            for k in kinds:
                if k in ("references", "citations"):
                    continue
                lines.append(f"| {c['page_limit']} | {k} | {c['cold_by_kind'].get(k, 0)} | "
                             f"{mins.get(k, 0)} | {c['warm_by_kind'].get(k, 0)} |")
            warm_pages = c["warm_by_kind"].get("references", 0) + \
                c["warm_by_kind"].get("citations", 0)
            lines.append(f"| {c['page_limit']} | references + citations | {merged_pages} | "
                         f"{c['minimum_s2_by_kind']['references+citations']} | {warm_pages} |")
            lines.append(f"| {c['page_limit']} | **all** | "
                         f"**{c['cold_s2'] + c['cold_dblp']}** | "
                         f"**{c['minimum_s2'] + c['minimum_dblp']}** | **{c['warm_total']}** |")
        lines.append("")
        for c in req["configs"]:
            lines.append(
                f"- page limit {c['page_limit']}: {c['matched']}/{c['papers']} matched; cold "
                f"{c['cold_seconds_median']:.2f} s, warm {c['warm_seconds_median']:.3f} s "
                f"(median of {len(c['samples'])}); counts identical across runs: "
                f"{c['counts_identical_across_runs']}; `Resolution.requests` equals the "
                f"server log: {c['reported_equals_server_log']}; warm records equal cold: "
                f"{c['warm_records_equal_cold']}.")
        if req.get("peer"):
            lines += _peer_markdown(req["peer"])
        if req.get("sources"):
            lines += _sources_markdown(req["sources"])
    b = results.get("build")
    if b:
        n = len(b["samples"]["build"])
        lines += [
            "", "## 2. Offline build and start-up", "",
            f"Each command as a subprocess, interleaved (floor, build, help) {n} times after "
            "one untimed warm-up; `PAPERGRAPH_CACHE_DIR` points at a temporary folder. "
            "papergraph's own bytecode is compiled first (`compileall`), as pip does for "
            "every package it installs but not for an editable install's sources"
            + (" (this machine sets `PYTHONDONTWRITEBYTECODE`, so nothing would cache it)"
               if b.get("pythondontwritebytecode") else "") + ".", "",
            "| command | median |", "|---|---|",
            f"| `{b['floor_cmd']}` (floor) | {b['floor_seconds_median']:.3f} s |",
            f"| `{b['build_cmd']}` | {b['build_seconds_median']:.3f} s |",
            f"| `{b['help_cmd']}` | {b['help_seconds_median']:.3f} s |",
            "", f"Ratio build / floor: **{b['build_over_floor']:.2f}×**. The build wrote "
            f"{len(b['files_written'])} files: {', '.join(b['files_written'])}.",
        ]
    s = results.get("scale")
    if s:
        lines += [
            "", "## 3. Scale (synthetic reading lists)", "",
            "`benchmarks/synthetic.py`: n papers in n/10 topics and 5 areas, 50 references "
            "each (0–5 to earlier listed papers, the rest drawn uniformly from a pool of "
            "max(200, 5n) external papers; seed 2020). Each size runs in a **fresh "
            "subprocess**: `build_graph` (no external nodes), `write_exports` (GraphML and "
            "GEXF, as `build` writes them; from 20,000 edges the GraphML is written by a "
            "second process at the same time), `write_page` (HTML incl. BibTeX for the "
            "page) into a temporary folder. Time = sum of those three stages (imports and "
            "input generation excluded). Peak memory = `ru_maxrss` of the worker (whole "
            "process: interpreter, libraries and the synthetic input included) plus that of "
            "its largest child (the export process), an upper bound of both at once. A run "
            "past its cap "
            "(wall time or RSS, polled from `/proc`) is killed and recorded as a miss; "
            "misses are not repeated.", "",
            "| papers | nodes | edges (cites / related / in_topic) | build_graph | GraphML + "
            "GEXF | HTML | total | peak RSS | runs |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for row in s["sizes"]:
            st = row["stage_seconds_median"]
            ek = row["edges_by_kind"] or {}
            edges = (f"{row['edges']} ({ek.get('cites', 0)} / {ek.get('related', 0)} / "
                     f"{ek.get('in_topic', 0)})" if row["edges"] is not None else "–")
            total = (_fmt(row["pipeline_seconds_median"], " s", 2) if not row["killed"]
                     else f"killed: {row['killed']} (in {row['stopped_in']})")
            mem = row["peak_rss_mib_max"] if not row["killed"] else \
                row["polled_peak_rss_mib_max"]
            lines.append(
                f"| {row['n']:,} | {_fmt(row['nodes'])} | {edges} | "
                f"{_fmt(st['build_graph'], ' s', 2)} | {_fmt(st['exports'], ' s', 2)} | "
                f"{_fmt(st['html'], ' s', 2)} | {total} | "
                f"{_fmt(mem, ' MiB', 0)} | {len(row['runs'])} |")
        if s["growth"]:
            lines += ["", "Growth per 10×: " + "; ".join(
                f"{g['from']:,} → {g['to']:,}: time ×{_fmt(g['time_factor'])}, "
                f"edges ×{_fmt(g['edges_factor'])}, peak RSS ×{_fmt(g['peak_rss_factor'])}"
                for g in s["growth"]) + "."]
    p = results.get("page")
    if p:
        lines += [
            "", "## 4. The page in headless Chromium", "",
            f"The page from `write_page` opened from `file://` in {m['chromium']} via "
            "Playwright (`" + " ".join(CHROMIUM_ARGS) + "`), viewport 1400×900, a fresh "
            "browser context per run. **ready** = `performance.now()` when the page's "
            "script sets `body[data-ready]` (vis-network's first `afterDrawing`; physics is "
            "off, so this is the stabilised picture); **idle** = the next animation frame "
            "plus a task after that (the main thread is free for input); **redraw** = one "
            "full `network.redraw()` (the cost of every pan/zoom frame), mean of 5. "
            "Variant *papers*: a reading list of n papers (no external nodes); variant "
            "*external*: a small seminar drawn with `include_external` (50 distinct "
            f"references per paper). Light mode above {p['light_mode_nodes']} nodes.", "",
            "| variant | nodes | edges | HTML | generate | ready | idle | redraw | light "
            "mode note | runs |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for row in p["pages"]:
            size = f"{row['html_bytes'] / MiB:.1f} MiB" if row.get("html_bytes") else "–"
            errs = [x["error"] for x in row["samples"] if "error" in x]
            ready = _fmt(row.get("ready_seconds_median"), " s", 2)
            if errs:
                ready = f"not ready: {errs[0][:80]}"
            if row.get("generate_killed"):
                ready = f"page not generated: {row['generate_killed']}"
            note = "yes" if row.get("light_mode_announced") else "no"
            lines.append(
                f"| {row['variant']} | {_fmt(row['nodes'])} | {_fmt(row['edges'])} | {size} | "
                f"{_fmt(row.get('generate_seconds'), ' s', 2)} | {ready} | "
                f"{_fmt(row.get('idle_seconds_median'), ' s', 2)} | "
                f"{_fmt(row.get('redraw_ms_median'), ' ms', 0)} | {note} | "
                f"{len(row['samples'])} |")
        notes = {r["light_note"] for r in p["pages"] if r.get("light_note")}
        if notes:
            lines += ["", "The light-mode note as shown: “" + sorted(notes)[0] + "”"]
        lines += _page_before_now(p, (results.get("previous") or {}).get("page"))
    if results.get("whole_build"):
        from wholebuild import whole_markdown

        lines += whole_markdown({"sizes": results["whole_build"],
                                 **(results.get("whole_build_growth") or {}),
                                 "run": results.get("whole_build_run"),
                                 "before": results.get("whole_build_before")})
    if results.get("traps"):
        from traps import traps_markdown

        lines += traps_markdown(results["traps"])
    if results.get("hostile"):
        from hostile_pages import hostile_markdown

        lines += hostile_markdown(results["hostile"])
    lines += realistic_markdown(results.get("realistic") or [])
    base, prev = results.get("baseline"), results.get("previous")
    if base:
        refs = [base] + ([prev] if prev else [])
        befores = [{w: (m, g) for w, _, m, g in verdicts(r) if not w.startswith("light mode")}
                   for r in refs]
        lines += ["", "## Before / after", "",
                  f"First = `benchmarks/baseline.json` ({base.get('date')}; "
                  f"{base.get('baseline_note', '')})."
                  + (f" Previous = the run this one replaced ({prev.get('date')}, commit "
                     f"{(prev.get('code') or {}).get('commit', '?')})." if prev else "")
                  + " Now = this run.", "",
                  "| what | target | first | " + ("previous | " if prev else "") + "now |",
                  "|---|---|---|" + ("---|" if prev else "") + "---|"]
        for what, target, measured, good in verdicts(results):
            if what in befores[0]:
                cells = [f"{b[what][0]} ({_ok(b[what][1])})" if what in b else "–"
                         for b in befores]
                lines.append(f"| {what} | {target} | {' | '.join(cells)} | {measured} "
                             f"({_ok(good)}) |")

        def cell(r: dict[str, Any] | None) -> str:
            if r is None:
                return "–"
            if r["killed"]:
                return f"killed in {r['stopped_in']} ({r['killed']})"
            return (f"{r['pipeline_seconds_median']:.2f} s, "
                    f"{r['peak_rss_mib_max']:.0f} MiB, {r['edges']} edges")

        sizes = [{r["n"]: r for r in (x.get("scale") or {}).get("sizes", [])} for x in refs]
        for row in (results.get("scale") or {}).get("sizes", []):
            if row["n"] in sizes[0]:
                cells = " | ".join(cell(by_n.get(row["n"])) for by_n in sizes)
                lines.append(f"| scale {row['n']:,} papers | near linear | {cells} | "
                             f"{cell(row)} |")
    if results.get("notes"):
        lines += ["", "## Notes", ""] + [f"- {x}" for x in results["notes"]]
    history = HERE / "HISTORY.md"
    if history.exists():  # kept by hand: what each round of work changed
        lines += ["", "## What changed, round by round (benchmarks/HISTORY.md)", "",
                  history.read_text(encoding="utf-8").rstrip()]
    return "\n".join(lines) + "\n"


def _page_before_now(p: dict[str, Any], before: dict[str, Any] | None) -> list[str]:
    """The page's weight and time to interactive beside the run this one replaced."""
    lines: list[str] = []
    d = p.get("default_page")
    if d:
        lines += ["", f"The shipped seminar's page: **{d['bytes'] / 1000:.0f} KB**, of which "
                  f"{d['vis_network_bytes'] / 1000:.0f} KB is vis-network's script; "
                  f"{d['data_uris']} embedded images (`papergraph build --offline`, "
                  "`graphs/seminar.html`)."]
    layout = p.get("layout") or []
    if layout:
        lines += ["", "Layout (`layout.ring_positions` + `timeline_positions`, both views the "
                  "page ships; median of 5, in process): " + "; ".join(
                      f"{r['nodes']:,} nodes {r['seconds_median'] * 1000:.1f} ms "
                      f"({r['seconds_per_1000_nodes'] * 1000:.1f} ms per 1,000)"
                      for r in layout) + "."]
    if not before:
        return lines
    old = {(r["variant"], r["target_nodes"]): r for r in before.get("pages", [])}
    lines += ["", "Before (the run this one replaced) → now:", "",
              "| variant | nodes | HTML before | HTML now | idle before | idle now |",
              "|---|---|---|---|---|---|"]
    for row in p["pages"]:
        was = old.get((row["variant"], row["target_nodes"]), {})

        def size(r: dict[str, Any]) -> str:
            return f"{r['html_bytes'] / MiB:.2f} MiB" if r.get("html_bytes") else "–"

        lines.append(f"| {row['variant']} | {_fmt(row.get('nodes'))} | {size(was)} | "
                     f"{size(row)} | {_fmt(was.get('idle_seconds_median'), ' s', 2)} | "
                     f"{_fmt(row.get('idle_seconds_median'), ' s', 2)} |")
    return lines


# --------------------------------------------------------------------------- main


def bench_pages(sections: list[str], quick: bool, repeats: int) -> dict[str, Any]:
    """Sections ``hostile`` (issue 22's shapes) and ``realistic`` (issue 18's page)."""
    from hostile_pages import MB
    from hostile_pages import run as bench_hostile
    from realistic_page import run as bench_realistic

    out: dict[str, Any] = {}
    if "hostile" in sections:
        log("hostile: issue 22's page shapes through papergraph import")
        out["hostile"] = bench_hostile(64 * 1024 if quick else MB, limited=True)
    if "realistic" in sections:
        log("realistic: a 1 MB reading list through papergraph import")
        out["realistic"] = bench_realistic(64 * 1024 if quick else MB,
                                           1 if quick else min(repeats, 3))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="papergraph benchmark suite")
    ap.add_argument("--only",
                    default="requests,build,scale,whole,page,traps,hostile,realistic",
                    help="comma-separated sections: requests,build,scale,whole,page,traps,"
                         "hostile,realistic")
    ap.add_argument("--quick", action="store_true",
                    help="tiny sizes, one repeat, no browser (for the smoke test)")
    ap.add_argument("--out", default=str(HERE), help="folder for results.json and RESULTS.md")
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--whole-sizes", default="1000,10000,50000",
                    help="papers per whole-build run (pairs: 3 up to 10,000, then 1)")
    ap.add_argument("--page-nodes", default="100,500,2000")
    ap.add_argument("--page-variants", default="papers,external")
    ap.add_argument("--baseline", default=str(HERE / "baseline.json"),
                    help="an earlier results.json to compare with ('' = none)")
    ap.add_argument("--repeats", type=int, default=5, help="runs per measurement")
    ap.add_argument("--cap-seconds", type=float, default=60.0,
                    help="wall-time cap of one scale run / one page load")
    ap.add_argument("--page-cap-seconds", type=float, default=45.0,
                    help="how long one page load may take before it counts as a miss")
    ap.add_argument("--cap-mib", type=float, default=4096.0, help="RSS cap of one scale run")
    # worker mode (internal)
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--jsonl", help=argparse.SUPPRESS)
    ap.add_argument("--dir", help=argparse.SUPPRESS)
    ap.add_argument("--external", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--pool", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--html-only", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--page-worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--html", help=argparse.SUPPRESS)
    ap.add_argument("--cap", type=float, default=45.0, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(args)
        return 0
    if args.page_worker:
        page_worker(args)
        return 0

    sections = [s.strip() for s in args.only.split(",") if s.strip()]
    sizes = [int(x) for x in args.sizes.split(",") if x]
    repeats = args.repeats
    if args.quick:
        sizes, repeats = [20], 1
        sections = [s for s in sections if s != "page"]
    started = time.perf_counter()
    results: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "python benchmarks/run.py" + ("" if argv is None and len(sys.argv) == 1
                                                 else " " + " ".join(argv or sys.argv[1:])),
        "machine": machine(), "targets": TARGETS, "code": code_state(),
    }
    if "requests" in sections:
        log("requests: cold/warm against the fake server")
        results["requests"] = bench_requests(max(1, min(repeats, 3)),
                                             (1000,) if args.quick else (1000, 5),
                                             peer=not args.quick)
    if "build" in sections:
        log("build: offline build vs import floor, --help")
        results["build"] = bench_build(repeats)
    if "scale" in sections:
        reps = {n: min(repeats, 3) for n in sizes}  # the median of 3, 10,000 included
        caps = {n: (args.cap_seconds, args.cap_mib) for n in sizes}
        results["scale"] = bench_scale(sizes, reps, caps)
    if "page" in sections:
        if not Path(CHROMIUM).exists():
            results.setdefault("notes", []).append(f"page: skipped, no {CHROMIUM}")
        else:
            results["page"] = bench_page(
                [int(x) for x in args.page_nodes.split(",") if x], min(repeats, 3),
                [v for v in args.page_variants.split(",") if v], args.page_cap_seconds,
                args.cap_seconds)
    if "whole" in sections:
        from wholebuild import bench_whole

        whole_sizes = [200] if args.quick else [int(x) for x in args.whole_sizes.split(",")]
        reps = {n: 1 if args.quick or n > 10000 else min(repeats, 3) for n in whole_sizes}
        whole = bench_whole(whole_sizes, reps, log)
        results["whole_build"] = whole["sizes"]
        results["whole_build_growth"] = {k: v for k, v in whole.items() if k != "sizes"}
    if "traps" in sections:
        from traps import bench_traps

        log("traps: one topic of thousands of papers, a huge title")
        results["traps"] = bench_traps(args.quick, min(repeats, 3))
    results.update(bench_pages(sections, args.quick, repeats))
    results["seconds"] = round(time.perf_counter() - started, 1)
    results["machine"]["loadavg_at_end"] = list(os.getloadavg())
    if args.baseline and Path(args.baseline).exists() and not args.quick:
        results["baseline"] = json.loads(Path(args.baseline).read_text(encoding="utf-8"))
    out = Path(args.out)
    if (out / "results.json").exists() and not args.quick:  # the run this one replaces
        prev = json.loads((out / "results.json").read_text(encoding="utf-8"))
        results["previous"] = {k: v for k, v in prev.items() if k not in ("baseline",
                                                                           "previous")}
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=1, sort_keys=True) + "\n",
                                      encoding="utf-8")
    (out / "RESULTS.md").write_text(markdown(results), encoding="utf-8")
    for what, target, measured, good in verdicts(results):
        log(f"{_ok(good):>10}  {what}: {measured} (target {target})")
    log(f"wrote {out / 'results.json'} and {out / 'RESULTS.md'} in {results['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
