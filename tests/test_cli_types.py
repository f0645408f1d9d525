"""One vocabulary for every command: closed sets checked by the parser and listed in
``--help``, ``-f`` is ``--format``, ``-o`` a file and ``--out`` a folder, ``--version``."""

from __future__ import annotations

import importlib
import importlib.resources
import os
import pty
import re
import shutil
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from papergraph import __version__
from papergraph.cli import app
from papergraph.cli_types import MIRRORS

runner = CliRunner()
# (Click's classes are duck-typed: typer 0.28 ships its own copy of Click)
COMMANDS = sorted(typer.main.get_command(app).commands.items())  # type: ignore[attr-defined]


@pytest.mark.parametrize(("args", "line"), [
    (["bib", "--format", "nope"], "Invalid value for '--format' / '-f': 'nope' is not one of "
                                  "'bibtex', 'biblatex', 'csl-json', 'ris'."),
    (["bib", "-f", "nope"], "Invalid value for '--format' / '-f': 'nope' is not one of "
                            "'bibtex', 'biblatex', 'csl-json', 'ris'."),
    (["bib", "--key-style", "acm"], "Invalid value for '--key-style': 'acm' is not one of "
                                    "'scholar', 'dblp'."),
    (["graph", "--format", "xml"], "Invalid value for '--format' / '-f': 'xml' is not one of "
                                   "'html', 'graphml', 'gexf', 'json'."),
    (["coverage", "-f", "pdf"], "Invalid value for '--format' / '-f': 'pdf' is not one of "
                                "'table', 'markdown', 'csv', 'json'."),
    (["reading-list", "-f", "html"], "Invalid value for '--format' / '-f': 'html' is not "
                                     "one of 'markdown', 'json'."),
])
def test_a_value_outside_the_set_fails_in_the_parser(args, line):
    result = runner.invoke(app, args)
    assert result.exit_code == 2  # a usage error, before anything is loaded or fetched
    assert result.stdout == ""
    assert result.stderr == (f"Usage: papergraph {args[0]} [OPTIONS] [syllabus]\n"
                             f"Try 'papergraph {args[0]} --help' for help.\n\nError: {line}\n")


def _choice_options():
    for name, command in COMMANDS:
        for param in command.params:
            if param.param_type_name == "option" and hasattr(param.type, "choices"):
                yield name, param


def test_help_lists_every_choice():
    found = list(_choice_options())
    assert len(found) >= 5
    for name, param in found:
        text = runner.invoke(app, [name, "--help"], terminal_width=200).stdout
        assert "<" + "|".join(param.type.choices) + ">" in text, (name, param.name)


def test_the_enums_are_the_librarys_sets():
    for enum, where in MIRRORS:
        module, attr = where.split(":")
        assert tuple(m.value for m in enum) == tuple(
            getattr(importlib.import_module(module), attr)), enum


def test_one_meaning_per_short_option():
    """``-f`` is always ``--format``, ``-o`` always ``--output FILE``; ``--out`` a folder."""
    for name, command in COMMANDS:
        for param in command.params:
            opts = set(param.opts)
            if "-f" in opts or "--format" in opts:
                assert opts == {"-f", "--format"}, name
            if "-o" in opts or "--output" in opts:
                assert opts == {"-o", "--output"} and param.metavar == "FILE", name
            if "--out" in opts and not param.hidden:
                assert param.metavar == "DIR", name


def test_version():
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"papergraph {__version__}\n")


def test_import_out_is_a_deprecated_spelling_of_output(tmp_path, seminar_page):
    out = tmp_path / "syllabus.toml"
    result = runner.invoke(app, ["import", str(seminar_page), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        "warning: import --out is deprecated (--out names a folder elsewhere): use -o/--output")
    assert out.read_text("utf-8").startswith("# papergraph syllabus\n")
    assert "--out " not in runner.invoke(app, ["import", "--help"]).stdout  # hidden


def test_a_syllabus_warning_says_warning_once(tmp_path):
    """A syllabus not named .toml kept its "FILE:LINE: warning:" and got another in front."""
    shipped = importlib.resources.files("papergraph") / "data" / "tum-ss2020.toml"
    path = tmp_path / "seminar.txt"
    with importlib.resources.as_file(shipped) as src:
        shutil.copyfile(src, path)
    with path.open("a", encoding="utf-8") as f:
        f.write('\n[[papers]]\nkey = "loose"\ntitle = "A paper in no topic"\n')
    result = runner.invoke(app, ["info", str(path)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "loose" in line]
    assert len(warnings) == 1 and warnings[0].count("warning:") == 1, result.stderr
    assert warnings[0].startswith(f"{path}:")


def _on_a_terminal(args: list[str], env: dict[str, str]) -> bytes:
    """What ``papergraph ARGS`` shows on a (pseudo-)terminal: the progress bar is drawn."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: papergraph with the terminal as stdout and stderr
        os.execve(sys.executable, [sys.executable, "-m", "papergraph.cli", *args], env)
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    os.close(fd)
    return out


def test_no_color_is_respected(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update(TERM="xterm-256color", PAPERGRAPH_CACHE_DIR=str(tmp_path / "cache"))
    args = ["build", "--offline", "--out", str(tmp_path / "out")]
    colour = re.compile(rb"\x1b\[[0-9;]*m")
    assert colour.search(_on_a_terminal(args, env))  # the bar is coloured on a terminal
    plain = _on_a_terminal(args, {**env, "NO_COLOR": "1"})
    assert b"wrote " in plain and not colour.search(plain)


def test_every_enum_names_the_library_set_it_mirrors():
    from papergraph import cli_types

    enums = {v for v in vars(cli_types).values()
             if isinstance(v, type) and issubclass(v, cli_types.Choice) and v is not
             cli_types.Choice}
    assert enums == {enum for enum, _ in MIRRORS}


def test_shell_completion_offers_the_choices():
    """What docs/cli.md promises: `papergraph bib --format <Tab>` offers the formats."""
    import subprocess

    script = Path(sys.executable).parent / "papergraph"  # the installed console script
    env = {**os.environ, "_PAPERGRAPH_COMPLETE": "complete_bash",
           "COMP_WORDS": "papergraph bib --format ", "COMP_CWORD": "3"}
    done = subprocess.run([str(script)], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["bibtex", "biblatex", "csl-json", "ris"]
