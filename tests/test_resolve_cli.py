"""``papergraph resolve`` end to end, and resuming after ``kill -9``."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))

from fakedata import fake_id  # noqa: E402
from fakeserver import FakeServer  # noqa: E402

from papergraph.cli import app  # noqa: E402
from papergraph.models import Paper, Seminar, Syllabus  # noqa: E402
from papergraph.syllabus import load_syllabus, save_syllabus  # noqa: E402

runner = CliRunner()


def write_syllabus(path: Path, *papers: Paper) -> Path:
    syl = Syllabus(seminar=Seminar("A test seminar"), areas=(), topics=(), papers=papers)
    return save_syllabus(syl, path)


@pytest.fixture
def server(monkeypatch):
    srv = FakeServer().start()
    monkeypatch.setenv("PAPERGRAPH_S2_API_URL", srv.url)
    monkeypatch.setenv("PAPERGRAPH_DBLP_URL", srv.url)
    for name, value in (("RATE_LIMIT", "0"), ("DBLP_INTERVAL", "0"), ("BACKOFF", "0.001"),
                        ("BACKOFF_MAX", "0.01"), ("TIMEOUT", "0.5"), ("PAGE_LIMIT", "5")):
        monkeypatch.setenv(f"PAPERGRAPH_{name}", value)
    yield srv
    srv.stop()


def test_resolve_table_and_exit_zero(server):
    result = runner.invoke(app, ["resolve"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["key", "status", "conf", "S2", "id", "dblp", "sources"]
    assert len(lines) == 16 and all(len(line) <= 100 for line in lines)
    assert lines[1].startswith("bartlett2017") and " matched " in lines[1]
    assert "Traceback" not in result.output


def test_resolve_json_shape(server):
    result = runner.invoke(app, ["resolve", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 15
    assert set(rows[0]) == {"key", "status", "confidence", "s2_id", "dblp", "openalex_id",
                            "title", "year", "retracted", "versions", "missing", "sources",
                            "cites", "cited_by"}
    assert all(r["missing"] == [] for r in rows)  # a whole run fetched every part
    row = next(r for r in rows if r["key"] == "arora2019fine")
    assert row["s2_id"] == fake_id("arora2019fine") and row["dblp"] == "conf/fake/Arora2019fine"
    assert row["sources"]["pages"]["source"] == "dblp"
    # the fake S2 lists every verified seminar citation: each edge is known from both
    assert row["cites"] and all(c["sources"] == ["s2", "snapshot"] for c in row["cites"])
    assert row["sources"]["references"]["source"] == "s2+snapshot"
    assert row["sources"]["references"]["detail"].startswith("complete; ")


def test_resolve_names_papers_without_data(server, tmp_path):
    syl = load_syllabus()
    extra = Paper(key="ambig", title="Deep Learning Theory Review", authors=("Alice Smith",),
                  year=2020)
    path = write_syllabus(tmp_path / "s.toml", *syl.papers[:2], extra)
    result = runner.invoke(app, ["resolve", str(path)])
    assert result.exit_code == 1
    assert "error: no published data for 1 paper(s): ambig" in result.stderr
    assert "ambig: ambiguous; candidates (pin one as s2_id):" in result.stdout
    assert fake_id("decoy") in result.stdout
    assert "Traceback" not in result.output


def test_resolve_offline_and_refresh_conflict():
    result = runner.invoke(app, ["resolve", "--offline", "--refresh"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: --offline and --refresh exclude each other"


def test_resolve_unreachable_network_warns_once(monkeypatch):
    monkeypatch.setenv("PAPERGRAPH_S2_API_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("PAPERGRAPH_DBLP_URL", "http://127.0.0.1:9")
    result = runner.invoke(app, ["resolve"])  # (one request, no retry: test_resolve_network)
    assert result.exit_code == 0  # the snapshot has every default paper
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("warning: Semantic Scholar unavailable (cannot reach "
                                    "127.0.0.1:9 (ConnectionRefusedError))")
    assert " snapshot " in result.stdout


def test_faults_reach_user_as_one_line(server, tmp_path, monkeypatch):
    monkeypatch.setenv("PAPERGRAPH_RETRIES", "1")
    server.fail("/search/match", "429", times=50)
    syl = load_syllabus()
    extra = Paper(key="titled", title="Gradient flows in wide networks", year=2020)
    path = write_syllabus(tmp_path / "s.toml", syl.papers[0], extra)
    result = runner.invoke(app, ["resolve", str(path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "warning: titled: failed:" in result.stderr and "HTTP 429" in result.stderr
    assert "titled" in result.stderr.splitlines()[-1]


def test_resume_after_kill(server, tmp_path):
    """A real subprocess is killed with SIGKILL mid-run; the next run fetches only what
    the first had not finished."""
    env = dict(os.environ, PAPERGRAPH_RATE_LIMIT="0.03", PAPERGRAPH_DBLP_INTERVAL="0.03",
               PAPERGRAPH_CACHE_DIR=str(tmp_path / "cache"))
    proc = subprocess.Popen([sys.executable, "-m", "papergraph.cli", "resolve"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while len(server.log) < 40 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.01)
        assert proc.poll() is None, "the run finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    first = [(e.path, json.dumps(e.query, sort_keys=True)) for e in server.log
             if e.status == 200]
    assert 40 <= len(server.log) < 120
    server.clear()
    result = runner.invoke(app, ["resolve", "--json"], env={"PAPERGRAPH_CACHE_DIR":
                                                             str(tmp_path / "cache")})
    assert result.exit_code == 0, result.output
    second = [(e.path, json.dumps(e.query, sort_keys=True)) for e in server.log]
    assert "batch" not in server.counts()  # every id was answered before the kill
    # nothing answered before the kill is asked again, except a request in flight: at most
    # one per service (Semantic Scholar and dblp each have their own lane)
    again = set(second) & set(first)
    assert sum(p.startswith("/graph/") for p, _ in again) <= 1
    assert sum(not p.startswith("/graph/") for p, _ in again) <= 1
    rows = json.loads(result.stdout)
    assert all(r["status"] == "matched" for r in rows)
    # the resumed result equals a clean cold run
    server.clear()
    clean = runner.invoke(app, ["resolve", "--json", "--refresh"],
                          env={"PAPERGRAPH_CACHE_DIR": str(tmp_path / "clean")})
    assert json.loads(clean.stdout) == rows


def _interrupted_run(server: FakeServer, env: dict[str, str], hung: int) -> str:
    """``papergraph resolve`` in a real subprocess, stopped with SIGINT (Ctrl-C) once the
    ``hung`` requests the server holds have arrived; its stderr."""
    proc = subprocess.Popen([sys.executable, "-m", "papergraph.cli", "resolve"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60  # a safety net, not a timing assertion
        while (sum(e.status == 0 for e in server.log) < hung and proc.poll() is None
               and time.monotonic() < deadline):
            time.sleep(0.01)
        assert proc.poll() is None, "the run ended before it could be interrupted"
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, stderr
    return stderr


def test_offline_after_an_interrupted_run_uses_every_answer(server, tmp_path):
    """Ctrl-C while Semantic Scholar's lane waits on the 3rd paper's citations and dblp's on
    the 6th paper's record: the batch answer (every paper's S2 record), the citation pages
    and dblp records answered before are all in the cache. ``--offline`` gives each paper
    exactly those parts, names the missing ones, and an online run asks only for them."""
    keys = [p.key for p in load_syllabus().papers]
    s2_at, dblp_at = 2, 5
    server.fail(f"/paper/{fake_id(keys[s2_at])}/citations", "hang")
    server.fail(f"/rec/conf/fake/{keys[dblp_at].capitalize()}.bib", "hang")
    cache = {"PAPERGRAPH_CACHE_DIR": str(tmp_path / "cache")}
    env = dict(os.environ, PAPERGRAPH_TIMEOUT="600", **cache)
    stderr = _interrupted_run(server, env, hung=2)
    assert stderr == "interrupted: everything fetched so far is kept in the cache\n"
    first = [(e.path, json.dumps(e.query, sort_keys=True)) for e in server.log
             if e.status == 200]
    server.clear()

    offline = runner.invoke(app, ["resolve", "--offline", "--json"], env=cache)
    assert offline.exit_code == 0, offline.output
    assert server.log == []
    rows = {r["key"]: r for r in json.loads(offline.stdout)}
    assert list(rows) == keys
    for i, key in enumerate(keys):
        row = rows[key]
        lacks = ["citations"] * (i >= s2_at) + ["dblp"] * (i >= dblp_at)
        assert (row["status"], row["missing"]) == ("matched", lacks), key
        assert row["s2_id"] == fake_id(key) and row["sources"]["s2_id"]["source"] == "s2"
        cits = row["sources"]["citations"]
        assert cits["detail"].startswith("complete" if i < s2_at else "incomplete"), key
        assert cits["detail"].endswith("citations not fetched") == (i >= s2_at), key
        booktitle = row["sources"]["booktitle"]["source"]
        assert booktitle == ("dblp" if i < dblp_at else "snapshot"), key
    assert offline.stderr == (
        f"warning: offline: citations not fetched yet for {len(keys) - s2_at} paper(s) (run "
        f"without --offline to complete): {', '.join(keys[s2_at:])}\n"
        f"warning: offline: dblp not fetched yet for {len(keys) - dblp_at} paper(s) (run "
        f"without --offline to complete): {', '.join(keys[dblp_at:])}\n")

    table = runner.invoke(app, ["resolve", "--offline"], env=cache).stdout.splitlines()
    assert [line.split()[1] for line in table[1:len(keys) + 1]] == [
        "matched" + "*" * (i >= s2_at) for i in range(len(keys))]
    assert table[len(keys) + 1:] == [
        "", "* not fetched yet (a run without --offline completes them):",
        *(f"  {key}: citations" + ", dblp" * (i >= dblp_at)
          for i, key in enumerate(keys) if i >= s2_at)]

    online = runner.invoke(app, ["resolve", "--json"], env=cache)
    assert online.exit_code == 0, online.output
    second = [(e.path, json.dumps(e.query, sort_keys=True)) for e in server.log]
    resumed = json.loads(online.stdout)
    assert all(r["missing"] == [] for r in resumed)
    server.clear()
    clean = runner.invoke(app, ["resolve", "--json"],
                          env={"PAPERGRAPH_CACHE_DIR": str(tmp_path / "clean")})
    assert json.loads(clean.stdout) == resumed
    cold = [(e.path, json.dumps(e.query, sort_keys=True)) for e in server.log]
    # only what the interrupted run had not been answered, each asked once
    assert sorted(second) == sorted(set(cold) - set(first))
    assert len(second) == len(set(second))
    server.clear()
    warm = runner.invoke(app, ["resolve", "--offline", "--json"], env=cache)
    assert (warm.exit_code, warm.stderr) == (0, "") and json.loads(warm.stdout) == resumed
    assert runner.invoke(app, ["resolve"], env=cache).exit_code == 0
    assert server.log == []  # complete now: a warm run asks nothing


def test_explain_says_where_each_seminar_citation_comes_from(server):
    offline = runner.invoke(app, ["bib", "--offline", "--explain", "allenzhu2019resnet"])
    assert offline.exit_code == 0, offline.output
    notes = [x.strip() for x in offline.stdout.splitlines() if x.strip().startswith("note:")]
    assert "note: references: snapshot (complete)" in notes
    cites = next(n for n in notes if n.startswith("note: cites in this seminar: "))
    assert "jacot2018 [snapshot]" in cites and "[s2" not in cites
    online = runner.invoke(app, ["bib", "--explain", "allenzhu2019resnet"])
    assert online.exit_code == 0, online.output
    notes = [x.strip() for x in online.stdout.splitlines() if x.strip().startswith("note:")]
    refs = next(n for n in notes if n.startswith("note: references: "))
    assert refs.startswith("note: references: s2+snapshot (complete; ")
    cites = next(n for n in notes if n.startswith("note: cites in this seminar: "))
    assert "jacot2018 [s2+snapshot]" in cites


@pytest.mark.parametrize(("name", "value", "message"), [
    ("PAPERGRAPH_TIMEOUT", "abc", "PAPERGRAPH_TIMEOUT='abc': expected a number"),
    ("PAPERGRAPH_RETRIES", "many", "PAPERGRAPH_RETRIES='many': expected a whole number"),
    ("PAPERGRAPH_CACHE_READONLY", "maybe",
     "PAPERGRAPH_CACHE_READONLY='maybe': expected 1 or 0 (true/false, yes/no, on/off)"),
])
@pytest.mark.parametrize("offline", [True, False])
def test_a_bad_setting_is_one_line_online_and_offline(monkeypatch, name, value, message,
                                                      offline):
    # offline, a bad value used to be a warning and a run without the cache: papers it
    # held fell back to the snapshot
    monkeypatch.setenv(name, value)
    result = runner.invoke(app, ["resolve", *(["--offline"] if offline else [])])
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"error: {message}\n")


def test_an_empty_api_key_is_no_key(monkeypatch):
    from papergraph.config import load_settings

    assert load_settings({"S2_API_KEY": " "}).api_key is None
    monkeypatch.setenv("S2_API_KEY", "")
    result = runner.invoke(app, ["resolve", "--offline"])
    assert (result.exit_code, result.stderr) == (0, "")
