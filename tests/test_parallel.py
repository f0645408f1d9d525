"""``build`` on two cores: the graph half in a forked process gives the same files, and a
failure on either side is one error message, as in one process."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import papergraph.bib
import papergraph.build
from papergraph.build import build_outputs
from papergraph.cli import app
from papergraph.errors import PapergraphError
from papergraph.parallel import Beside, default_jobs

runner = CliRunner()

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


@pytest.fixture
def always_fork(monkeypatch):
    """The shipped seminar has 15 papers: let it use the second process too."""
    monkeypatch.setattr(papergraph.build, "PARALLEL_MIN_PAPERS", 0)


def test_two_processes_write_the_same_bytes_as_one(tmp_path, always_fork) -> None:
    one = build_outputs(None, tmp_path / "one", offline=True, jobs=1)
    two = build_outputs(None, tmp_path / "two", offline=True, jobs=2)
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")
    assert [p.relative_to(tmp_path / "one") for p in one.written] == \
        [p.relative_to(tmp_path / "two") for p in two.written]
    assert (one.warnings, one.unresolved) == (two.warnings, two.unresolved)


def test_cli_jobs_2_prints_the_same_lines(tmp_path, always_fork) -> None:
    one = runner.invoke(app, ["build", "--offline", "--out", str(tmp_path), "--jobs", "1"])
    two = runner.invoke(app, ["build", "--offline", "--out", str(tmp_path), "--jobs", "2"])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout
    assert f"wrote {tmp_path / 'graphs' / 'seminar.html'}\n" in two.stdout


def test_cli_refuses_three_jobs(tmp_path) -> None:
    result = runner.invoke(app, ["build", "--offline", "--out", str(tmp_path), "--jobs", "3"])
    assert result.exit_code == 2
    assert "--jobs" in result.stderr and "1<=x<=2" in result.stderr


def test_a_failure_in_the_graph_process_is_one_error_and_no_report(
        tmp_path, always_fork, monkeypatch) -> None:
    import papergraph.graph

    def broken(*args, **kwargs):
        raise PapergraphError("the graph cannot be drawn")

    monkeypatch.setattr(papergraph.graph, "build_graph", broken)
    result = runner.invoke(app, ["build", "--offline", "--out", str(tmp_path), "--jobs", "2"])
    assert result.exit_code == 1
    assert result.stderr == "error: the graph cannot be drawn\n"
    assert (tmp_path / "bib" / "seminar.bib").is_file()  # written before, as in one process
    assert not (tmp_path / "graphs").exists()  # reports wait for the graph half


def test_a_bib_failure_stops_the_graph_process_before_it_writes(
        tmp_path, always_fork, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise PapergraphError("bib/ not written")

    monkeypatch.setattr(papergraph.bib, "write_bibtex", broken)
    result = runner.invoke(app, ["build", "--offline", "--out", str(tmp_path), "--jobs", "2"])
    assert result.exit_code == 1
    assert result.stderr == "error: bib/ not written\n"
    assert not (tmp_path / "graphs").exists()


def test_beside_returns_the_value_and_gets_what_was_sent() -> None:
    with Beside(lambda receive: (os.getpid(), receive() * 2), fork=True) as job:
        job.send("ab" * 100_000)  # larger than a pipe holds: sending must not block
        pid, value = job.result()
    assert pid != os.getpid() and value == "ab" * 200_000


def test_beside_without_fork_runs_here_when_its_input_is_sent() -> None:
    """The one-process order: the graph half runs where the value is sent."""
    ran: list[int] = []
    job = Beside(lambda receive: ran.append(os.getpid()) or receive(), fork=False)
    assert ran == []
    job.send(7)
    assert ran == [os.getpid()]
    assert job.result() == 7 and ran == [os.getpid()]


def test_an_exception_that_cannot_be_pickled_comes_back_as_its_text() -> None:
    class Odd(Exception):
        def __reduce__(self):
            raise TypeError("no pickling")

    def work(receive):
        raise Odd("odd failure")

    with Beside(work, fork=True) as job, pytest.raises(PapergraphError, match="Odd: odd failure"):
        job.result()


def test_a_killed_process_is_reported() -> None:
    def work(receive):
        os.kill(os.getpid(), signal.SIGKILL)

    with Beside(work, fork=True) as job, pytest.raises(
            PapergraphError, match="second process was killed by signal 9"):
        job.result()


def test_a_failure_here_stops_and_reaps_the_process() -> None:
    def work(receive):
        return receive()  # waits for a value never sent

    with pytest.raises(RuntimeError), Beside(work, fork=True) as job:
        pid = job._pid
        raise RuntimeError("caller failed")
    deadline = time.monotonic() + 5
    with pytest.raises(ChildProcessError):  # reaped: no zombie left
        while time.monotonic() < deadline:
            os.waitpid(pid, os.WNOHANG)


@pytest.mark.parametrize("cpus", [1, 2])
def test_one_usable_cpu_builds_in_one_process(tmp_path, always_fork, monkeypatch,
                                              cpus) -> None:
    import papergraph.graph
    import papergraph.parallel

    ran_here: list[int] = []  # a forked process's appends stay in that process
    real = papergraph.graph.build_graph

    def recording(*args, **kwargs):
        ran_here.append(os.getpid())
        return real(*args, **kwargs)

    monkeypatch.setattr(papergraph.graph, "build_graph", recording)
    monkeypatch.setattr(papergraph.parallel, "usable_cpus", lambda: cpus)
    assert default_jobs() == cpus
    build_outputs(None, tmp_path, offline=True)
    assert ran_here == ([os.getpid()] if cpus == 1 else [])
    assert (tmp_path / "graphs" / "seminar.html").is_file()


def test_the_collector_is_on_again_after_a_build_and_after_a_failed_one(
        tmp_path, monkeypatch) -> None:
    """An offline build pauses the cyclic collector throughout (issue 21); a caller that
    builds in a long-lived process gets it back, whether the build succeeded or not."""
    import gc

    assert gc.isenabled()
    build_outputs(None, tmp_path / "ok", offline=True, jobs=1)
    assert gc.isenabled()

    def broken(*args, **kwargs):
        raise PapergraphError("bib/ not written")

    monkeypatch.setattr(papergraph.bib, "write_bibtex", broken)
    with pytest.raises(PapergraphError):
        build_outputs(None, tmp_path / "failed", offline=True, jobs=1)
    assert gc.isenabled()


def test_a_build_leaves_no_graph_for_the_collector(tmp_path) -> None:
    """With the collector paused, a networkx graph (a reference cycle through its cached
    views) would stay in memory after its outputs are written: the build empties it."""
    import gc

    import networkx as nx

    gc.collect()
    gc.disable()
    try:
        build_outputs(None, tmp_path, offline=True, jobs=1)
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        left = [o for o in gc.garbage if isinstance(o, nx.Graph)]
        assert [g.number_of_nodes() for g in left] == [0] * len(left)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
