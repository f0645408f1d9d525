"""The documentation against the command-line app, in the manner of sqlite-utils'
``test_docs.py``: every command and option is documented, and every command or option
the docs name exists. (``make test`` also builds the site with ``mkdocs build --strict``.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from papergraph.cli_docs import MARKER, cli_reference, commands

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))
COMMANDS = {c.name: c for c in commands()}
ROOT_OPTIONS = set(COMMANDS[""].options) | {"--help"}
EVERY_OPTION = {o for c in COMMANDS.values() for o in c.options} | {"--help"}
# Options of other tools the docs show in their own commands (pandoc, xmllint, make, pip).
OTHER_TOOLS = {"--citeproc", "--bibliography", "--noout", "--schema",
               "-m", "-e", "--quiet", "--no-deps", "--target"}

_FENCE = re.compile(r"^```.*?$(.*?)^```", re.M | re.S)
_SPAN = re.compile(r"`([^`\n]+)`")
_OPTION = re.compile(r"(?<![\w\-./])(--?[a-zA-Z][\w-]*)")


def _text(path: Path) -> str:
    return path.read_text("utf-8")


def _hand_written() -> str:
    return "\n".join(_text(p) for p in PAGES)


def _snippets(text: str) -> list[str]:
    """Every code line of fenced blocks (without a ``$`` prompt) and every code span."""
    out = []
    for block in _FENCE.findall(text):
        out.extend(line.removeprefix("$ ").strip() for line in block.splitlines())
    out.extend(_SPAN.findall(_FENCE.sub("", text)))
    return [s.replace("\\|", "|") for s in out]


def _invocations(text: str) -> list[tuple[str, list[str]]]:
    """(command, options) for each ``papergraph …`` the text shows."""
    found = []
    for snippet in _snippets(text):
        if not snippet.startswith("papergraph "):
            continue
        words = snippet.split("#", 1)[0].split()
        name = "" if len(words) < 2 or words[1].startswith("-") or words[1].isupper() \
            else words[1]
        found.append((name, _OPTION.findall(" ".join(words[1:]))))
    return found


def test_the_reference_has_every_command_and_its_help():
    reference = cli_reference()
    for name, command in COMMANDS.items():
        title = f"### papergraph {name}".strip()
        assert title + "\n" in reference, name
        assert command.help.rstrip() in reference
    assert MARKER in _text(DOCS / "cli.md")


@pytest.mark.parametrize("name", [n for n in COMMANDS if n])
def test_every_command_is_documented(name):
    assert f"papergraph {name}" in _hand_written(), (
        f"papergraph {name} is in no docs page: add it to the table in docs/cli.md "
        "(and to a page of its own)")


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_option_is_documented(name):
    text = _hand_written()
    missing = [o for o in COMMANDS[name].options
               if o.startswith("--") and not re.search(rf"{re.escape(o)}(?![\w-])", text)]
    assert not missing, (f"papergraph {name}: {missing} named in no docs page: add them to "
                         "its row in docs/cli.md's table or to its page")


@pytest.mark.parametrize("path", [*PAGES, ROOT / "README.md"], ids=lambda p: p.name)
def test_the_docs_name_only_real_commands_and_options(path):
    text = _text(path)
    wrong = []
    for name, options in _invocations(text):
        if name not in COMMANDS:
            wrong.append(f"papergraph {name}: no such command")
            continue
        allowed = set(COMMANDS[name].options) | ROOT_OPTIONS
        wrong.extend(f"papergraph {name} {o}: no such option" for o in options
                     if o not in allowed)
    for snippet in _snippets(text):  # a bare `--option` in prose
        if re.fullmatch(r"--?[a-zA-Z][\w-]*( [A-Z]+)?", snippet):
            option = snippet.split()[0]
            if option not in EVERY_OPTION | OTHER_TOOLS:
                wrong.append(f"{option}: no command has this option")
    assert not wrong, f"{path.name}: " + "; ".join(wrong)


def test_the_check_sees_a_wrong_name():
    bad = "Run `papergraph bib --colour` or `papergraph publish`, or use `--nope`.\n"
    assert _invocations(bad) == [("bib", ["--colour"]), ("publish", [])]
    assert "--nope" in _snippets(bad)


def test_readme_is_a_front_door():
    assert len(_text(ROOT / "README.md").splitlines()) <= 150


def test_the_readmes_links_lead_somewhere():
    """mkdocs --strict checks the links between the pages; this, the README's."""
    text = _text(ROOT / "README.md")
    targets = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text)
    local = [t for t in targets if not re.match(r"[a-z]+:", t)]
    assert local and all((ROOT / t).exists() for t in local), local


def test_a_page_missing_from_nav_is_appended_not_an_error(tmp_path):
    """Pages others add to docs/ are built and listed even before nav names them."""
    import importlib.util

    from mkdocs.structure.files import File, Files

    spec = importlib.util.spec_from_file_location("docs_hooks", ROOT / "scripts" / "docs_hooks.py")
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    files = Files([File(name, str(tmp_path), str(tmp_path / "site"), True)
                   for name in ("index.md", "cli.md", "new-topic.md")])
    config = {"nav": [{"Home": "index.md"}, {"Getting started": [{"CLI": "cli.md"}]}]}
    hooks.on_files(files, config)
    assert config["nav"][-1] == {"More": ["new-topic.md"]}
    hooks.on_files(files, config)  # a second build (mkdocs serve) adds nothing
    assert config["nav"][-1] == {"More": ["new-topic.md"]} and len(config["nav"]) == 3
