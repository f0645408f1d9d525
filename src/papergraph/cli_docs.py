"""The command-line reference of the documentation, rendered from the Typer app.

``scripts/docs_hooks.py`` puts :func:`cli_reference` into ``docs/cli.md`` when MkDocs
builds the site, and ``tests/test_docs.py`` reads :func:`commands` to check the
hand-written pages against the app: the reference cannot fall behind ``--help``.
"""

from __future__ import annotations

from dataclasses import dataclass

MARKER = "<!-- papergraph-cli-reference -->"
WIDTH = 88


@dataclass(frozen=True)
class Command:
    """One command as the docs see it: its name, its options' spellings, its ``--help``."""

    name: str  # "" for papergraph itself
    options: tuple[str, ...]  # every spelling shown in --help ("-f", "--format", ...)
    help: str


def _help(args: list[str]) -> str:
    from typer.testing import CliRunner

    from .cli import app

    result = CliRunner().invoke(app, [*args, "--help"], terminal_width=WIDTH,
                                prog_name="papergraph")
    if result.exit_code != 0:
        raise RuntimeError(f"papergraph {' '.join(args)} --help failed: {result.output}")
    return result.stdout


def commands() -> list[Command]:
    """papergraph itself, then each command in the order ``papergraph --help`` lists them."""
    import typer

    from .cli import app

    root = typer.main.get_command(app)
    ctx = root.make_context("papergraph", ["--help"], resilient_parsing=True)
    out = []
    for name in ["", *root.list_commands(ctx)]:  # type: ignore[attr-defined]
        cmd = root.get_command(ctx, name) if name else root  # type: ignore[attr-defined]
        options = tuple(opt for p in cmd.params if p.param_type_name == "option"
                        and not getattr(p, "hidden", False)
                        for opt in (*p.opts, *p.secondary_opts))
        out.append(Command(name, options, _help([name] if name else [])))
    return out


def cli_reference() -> str:
    """Markdown: a section per command with its ``--help`` in a code block."""
    parts = []
    for cmd in commands():
        title = f"papergraph {cmd.name}".strip()
        parts.append(f"### {title}\n\n```text\n{cmd.help.rstrip()}\n```\n")
    return "\n".join(parts)
