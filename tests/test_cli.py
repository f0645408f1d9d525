"""What every command shares: fast help, one-line errors, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys

from typer.testing import CliRunner

from papergraph.cli import app

runner = CliRunner()


def test_unwritable_output_is_one_line_not_a_traceback(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    target = blocker / "page.html"  # a folder inside a regular file cannot exist
    result = runner.invoke(app, ["graph", "--offline", "-o", str(target)])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output


def test_offline_and_refresh_exclude_each_other():
    result = runner.invoke(app, ["coverage", "--offline", "--refresh"])
    assert result.exit_code == 1
    assert result.stderr == "error: --offline and --refresh exclude each other\n"


HEAVY = ("networkx", "pybtex", "pyvis", "semanticscholar", "requests", "httpx", "numpy",
         "lxml", "msgspec", "jinja2", "markdown_it", "dateutil", "yaml", "rapidfuzz", "urllib3")


def test_help_does_not_import_heavy_libraries():
    """`papergraph --help` stays instant because heavy libraries load lazily.

    Asserted by what `--help` imports, not by its wall-clock time (that is in make bench).
    """
    code = ("import runpy, sys; sys.argv = ['papergraph', '--help']\n"
            "try:\n    runpy.run_module('papergraph.cli', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Usage" in out.stdout
    assert out.stderr.strip().splitlines()[-1] == "[]"


def test_offline_build_skips_numpy_and_pydantic(tmp_path):
    """Neither is needed for the default seminar; importing them cost 0.1 s a run
    (numpy through networkx's XML writers, pydantic through typer >= 0.29)."""
    code = ("import sys; from papergraph.cli import main; sys.argv = ['papergraph', 'build', "
            f"'--offline', '--out', {str(tmp_path)!r}]\n"
            "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
            "print(sorted(m for m in ('numpy', 'scipy', 'pydantic') if m in sys.modules))")
    env = {**os.environ, "PAPERGRAPH_CACHE_DIR": str(tmp_path / "cache")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=env)
    assert out.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "graphs" / "seminar.graphml").is_file()


def test_malformed_service_url_is_refused_at_once(monkeypatch):
    monkeypatch.setenv("PAPERGRAPH_S2_API_URL", "api.semanticscholar.org")  # no scheme
    result = runner.invoke(app, ["resolve"])  # refused before any request or retry
    assert result.exit_code == 1
    assert result.stderr == (
        "error: PAPERGRAPH_S2_API_URL='api.semanticscholar.org': expected an http(s):// URL "
        "such as https://api.semanticscholar.org\n")


def test_top_level_help_lists_each_command_with_a_description_and_an_example():
    from typer.main import get_command

    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    for name in get_command(app).commands:
        listed = [line for line in lines if line.strip().startswith(name + " ")]
        assert any(not line.rstrip().endswith("...") for line in listed), name  # not cut
        assert any(line.strip().startswith(f"papergraph {name} ") or
                   line.strip() == f"papergraph {name}" for line in lines), name


def test_control_characters_in_titles_never_reach_the_terminal(tmp_path):
    """A title holding ESC sequences (clear screen, set window title) is shown, not run."""
    syllabus = tmp_path / "esc.toml"
    syllabus.write_text(
        '[seminar]\ntitle = "Evil \\u001b]0;pwned\\u0007 seminar"\n\n'
        '[[areas]]\nslug = "a"\ntitle = "Area"\n\n'
        '[[topics]]\nslug = "t"\ntitle = "Topic \\u001b[2J"\narea = "a"\npapers = ["x2020"]\n\n'
        '[[papers]]\nkey = "x2020"\ntitle = "A \\u009b31m title"\nauthors = ["Ann Author"]\n'
        'venue = "ICML"\nyear = 2020\n', encoding="utf-8")
    info = runner.invoke(app, ["info", str(syllabus)])
    assert info.exit_code == 0
    assert info.stdout.splitlines()[0] == "Evil \\x1b]0;pwned\\x07 seminar"
    assert "  Topic \\x1b[2J" in info.stdout.splitlines()
    for command in (["info"], ["coverage", "--offline"], ["reading-list", "--offline"],
                    ["resolve", "--offline"]):
        result = runner.invoke(app, [*command, str(syllabus)])
        shown = result.stdout + result.stderr
        assert not any(c in shown for c in "\x1b\x07\x9b"), command
