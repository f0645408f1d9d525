"""How both lanes word a problem for the user: one line, however long the cause."""

from __future__ import annotations


def one_line(text: str, width: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def summary(part: str, problems: tuple[str, ...] | list[str], what: str = "problems") -> str:
    if len(problems) == 1:
        return one_line(f"{part}: {problems[0]}")
    return one_line(f"{part}: {len(problems)} {what}, the first: {problems[0]}")
