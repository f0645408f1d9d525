"""MkDocs hooks for papergraph's documentation site (``mkdocs.yml``: ``hooks:``).

* ``docs/cli.md``'s reference is rendered from the Typer app at build time
  (:func:`papergraph.cli_docs.cli_reference`), so it is every command's ``--help``.
* A page in ``docs/`` that ``nav`` does not list is still built and is appended to the
  navigation under "More", so a new page never breaks ``mkdocs build --strict`` nor goes
  unseen; give it its own place in ``nav`` when convenient.
"""

from __future__ import annotations

from typing import Any

from papergraph.cli_docs import MARKER, cli_reference


def _listed(nav: Any) -> set[str]:
    """Every page path that ``nav`` names, at any depth."""
    found: set[str] = set()
    items = nav if isinstance(nav, list) else [nav]
    for item in items:
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            for value in item.values():
                found |= _listed(value) if isinstance(value, list | dict) else {value}
    return found


def on_files(files: Any, config: Any) -> Any:
    nav = config.get("nav")
    if nav:
        listed = _listed(nav)
        extra = sorted(f.src_uri for f in files.documentation_pages()
                       if f.src_uri not in listed)
        if extra:
            nav.append({"More": extra})
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if page.file.src_uri == "cli.md":
        if MARKER not in markdown:
            raise ValueError(f"docs/cli.md lost its marker {MARKER}")
        markdown = markdown.replace(MARKER, cli_reference())
    return markdown
