"""The citation tagger: a linear-chain CRF (python-crfsuite) over one string's tokens.

It labels each token author, editor, title, container, date, volume, pages, publisher,
identifier, note or other (``training/labelled.py``'s ``LABELS``). Models are files
(``.crfsuite``), trained by ``training/fit.py`` and loaded lazily, once per process.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .features import token_features
from .tokens import Token

MODELS = Path(__file__).resolve().parent.parent / "models"
MAX_TOKENS = 400  # a longer "citation" is cut: the tagger is linear, but no record is this long


def _items(features: list[dict[str, float | str]]) -> list[dict[str, float]]:
    """crfsuite's item form: string values become ``name=value`` with weight 1."""
    out = []
    for f in features:
        item: dict[str, float] = {}
        for k, v in f.items():
            if isinstance(v, str):
                item[f"{k}={v}"] = 1.0
            elif v:
                item[k] = float(v)
        out.append(item)
    return out


def xseq(tokens: Sequence[Token]) -> list[list[bytes]]:
    """The tokens as crfsuite items: one list of feature names (UTF-8) per token."""
    return token_features(list(tokens))


@dataclass
class Tagger:
    """A loaded tagger model."""

    path: Path

    def __post_init__(self) -> None:
        import pycrfsuite

        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(self.path))

    def tag(self, tokens: Sequence[Token]) -> list[str]:
        """The label of each token (of the first :data:`MAX_TOKENS`)."""
        tokens = list(tokens)[:MAX_TOKENS]
        return list(self._tagger.tag(xseq(tokens))) if tokens else []

    def marginals(self, labels: Sequence[str], start: int, end: int) -> list[float]:
        """The marginal probability of ``labels[i]`` for ``start <= i < end``, for the
        string last tagged (only where a caller needs them: each is a lookup)."""
        return [self._tagger.marginal(labels[i], i) for i in range(start, end)]


@lru_cache(maxsize=4)
def load(path: Path | None = None) -> Tagger:
    return Tagger(path or MODELS / "tagger.crfsuite")


def spans(tokens: Sequence[Token], labels: Sequence[str]) -> list[tuple[str, int, int]]:
    """Runs of one label: ``(label, first token, last token + 1)``."""
    out: list[tuple[str, int, int]] = []
    start, n = 0, len(labels)
    for i in range(1, n + 1):
        if i == n or labels[i] != labels[start]:
            out.append((labels[start], start, i))
            start = i
    return out
