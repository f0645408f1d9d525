"""Front matter: the metadata block at the top of a page (YAML ``---`` for Jekyll and
Hugo pages, Markdown or HTML; TOML ``+++`` for Hugo), read for the seminar's title, date
and year. Front matter nested deeper than any title needs is ignored, not parsed."""

from __future__ import annotations

import tomllib
from typing import Any

from .blocks import clean


def toml_front_matter(text: str) -> tuple[str, dict[str, Any]]:
    """TOML (``+++``) front matter, blanked out (line numbers kept) and parsed."""
    if not text.startswith("+++"):
        return text, {}
    lines = text.splitlines(keepends=True)
    for end in range(1, len(lines)):
        if lines[end].strip() == "+++":
            body = "".join(lines[1:end])
            try:
                data = {} if too_deep(body) else tomllib.loads(body)
            except (tomllib.TOMLDecodeError, RecursionError, ValueError):
                data = {}
            return "\n" * (end + 1) + "".join(lines[end + 1:]), data
    return text, {}


def flat_meta(meta: dict[Any, Any]) -> dict[str, str]:
    """Front matter's plain values (strings and numbers) as text."""
    return {str(k): clean(str(v)) for k, v in meta.items()
            if isinstance(v, str | int | float) and not isinstance(v, bool)}


def yaml_meta(content: str) -> dict[str, Any]:
    import yaml

    if too_deep(content):
        return {}
    try:
        data = yaml.safe_load(content)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError, OverflowError):
        return {}  # "date: 2020-13-45" is a ValueError, not a YAMLError
    return data if isinstance(data, dict) else {}


MAX_FRONT_DEPTH = 32


def too_deep(text: str, limit: int = MAX_FRONT_DEPTH) -> bool:
    """Could front matter nest deeper than ``limit`` (brackets, braces or indentation)?
    Such front matter is ignored: a parser recursing 2,000 levels would crash, and no
    page's title is that deep. Counted in one pass, strings not excepted."""
    depth = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            if depth > limit:
                return True
        elif ch in "]}":
            depth = max(0, depth - 1)
    return any(len(line) - len(line.lstrip(" ")) > 2 * limit for line in text.splitlines())
