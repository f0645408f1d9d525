"""Training the tagger and the finder from labelled data (``make model``, the CV scorer),
and the name lists the tagger's features look words up in.

Nothing here runs when a page is imported: the package ships the trained model files
and :mod:`papergraph.importer.learned.tagger` / :mod:`~papergraph.importer.learned.finder`
load them.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from papergraph.importer.learned import lexicon
from papergraph.importer.learned.tagger import MAX_TOKENS, _items, xseq
from papergraph.importer.learned.tokens import Token

from .labelled import Segment, segments_to_tokens

TAGGER_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150,
                 "feature.possible_transitions": True}


def tagged(sequences: Iterable[list[Segment]]) -> list[tuple[list[Token], list[str]]]:
    out = []
    for segments in sequences:
        tokens, labels = segments_to_tokens(segments)
        if tokens:
            out.append((tokens[:MAX_TOKENS], labels[:MAX_TOKENS]))
    return out


def train_tagger(data: Sequence[tuple[list[Token], list[str]]], path: Path,
                 params: dict | None = None) -> Path:
    """A CRF over ``data`` (tokens and their labels), written to ``path``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for tokens, labels in data:
        trainer.append(xseq(tokens), labels)
    trainer.set_params({**TAGGER_PARAMS, **(params or {})})
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return path


def shuffled(items: list, seed: int = 0) -> list:
    items = list(items)
    random.Random(seed).shuffle(items)
    return items


# -- the finder
def _norm(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[\"“”‘’'`*_]", "", text).split()).strip(" .")


def label_rows(rows: list[tuple[dict, str, str]], truth: dict) -> list[tuple[dict, str]]:
    """Each recorded reading labelled ``paper`` when its title is one the truth lists
    (or the block holds a listed title whole), else ``other``."""
    from rapidfuzz import fuzz

    def names(optional: bool) -> list[str]:
        return [_norm(x) for t in truth["papers"] if bool(t.get("optional")) == optional
                for x in [t["title"], *t.get("alt_titles", [])]]

    def hit(t: str, b: str, titles: list[str]) -> bool:
        return any(fuzz.ratio(t, x) >= 85 or (len(x) >= 12 and fuzz.partial_ratio(x, b) >= 95
                                               and fuzz.partial_ratio(t, x) >= 80)
                   for x in titles)

    papers, optional = names(False), names(True)
    out = []
    for f, title, block_text in rows:
        t, b = _norm(title), _norm(block_text)
        if hit(t, b, papers):
            out.append((f, "paper"))
        elif not (OPTIONAL_LEFT_OUT and hit(t, b, optional)):
            out.append((f, "other"))
    return out


BIB = Path(__file__).resolve().parent / "bib"
_ARTICLES = (  # where publishers put a paper
    "https://www.nature.com/articles/{}", "https://www.cell.com/neuron/fulltext/{}",
    "https://www.sciencedirect.com/science/article/pii/{}",
    "https://onlinelibrary.wiley.com/doi/10.1111/{}", "https://link.springer.com/article/{}",
    "https://academic.oup.com/brain/article/{}", "https://journals.sagepub.com/doi/{}",
    "https://www.tandfonline.com/doi/full/{}", "https://journals.plos.org/plosone/article?id={}")
_JOURNAL_HOMES = (  # where publishers put a journal's home page (not a paper's)
    "https://www.nature.com/{}/", "https://www.cell.com/{}/home",
    "https://www.sciencedirect.com/journal/{}", "https://onlinelibrary.wiley.com/journal/{}",
    "https://link.springer.com/journal/{}", "https://academic.oup.com/{}",
    "https://journals.sagepub.com/home/{}", "https://www.tandfonline.com/toc/{}/current",
    "https://www.journals.elsevier.com/{}/", "https://journals.plos.org/{}/")


def journal_rows(seed: int = 3, n: int = 15) -> list[tuple[dict, str]]:
    """Readings of two made-up pages in one shape: journals listed on their own (``-
    [Nature](…/home)``, plain ``- Child Development``), labelled ``other``, and short paper
    titles of the training records listed the same way (linked to an article), labelled
    ``paper``. The corpus pages hold few journal lists, so without them the finder cannot
    learn what a journal name on its own is; the papers beside them keep it from learning
    that every short linked title is one."""
    import random

    from . import synthetic

    names = sorted(lexicon.journals())
    if not names:
        return []
    rng = random.Random(seed)
    titles = sorted({r.title for bib in sorted(BIB.glob("*.bib"))
                     for r in synthetic.read_records(bib)
                     if 2 <= len(r.title.split()) <= 6
                     and lexicon.journal_key(r.title) not in lexicon.journals()})
    journals = [k.title() for k in rng.sample(names, 2 * n)]
    papers = rng.sample(titles, 2 * n)
    return (_list_rows(journals, _JOURNAL_HOMES, rng, "other")
            + _list_rows(papers, _ARTICLES, rng, "paper"))


def _titled_records() -> list:
    """The training records with authors and a title of 4 to 14 words (no TeX math)."""
    from . import synthetic

    return [r for bib in sorted(BIB.glob("*.bib")) for r in synthetic.read_records(bib)
            if r.authors and 4 <= len(r.title.split()) <= 14 and "$" not in r.title]


def _page_rows(lines: list[str], titles: set[str]) -> list[tuple[dict, str]]:
    """The readings of a made-up Markdown page of ``lines``: ``paper`` where the reading's
    title is one of ``titles`` (normalised), else ``other``."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.md"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return [(f, "paper" if _norm(title) in titles else "other")
                for f, title, _ in record_page(path)]


def presenter_rows(seed: int = 5, n: int = 24) -> list[tuple[dict, str]]:
    """Readings of a made-up page of dated group meetings in one shape: each session
    names its presenters in bold with the arXiv number they present (``- Feb 23, **Ann
    Lee** (AL), [arXiv:…](…); **Bo Chen** (BC), [arXiv:…](…)``), and the papers follow as
    sub-items (``+ (AL) *Title*, by A. Author et al.``). The session line's readings (a
    presenter's name read as a title) are labelled ``other``, the sub-items' ``paper``: the
    corpus holds one page of this shape, too few for the finder to learn that a bold name
    beside an arXiv link presents a paper and is not one."""
    import random

    records = _titled_records()
    if not records:
        return []
    rng = random.Random(seed)
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Sep", "Oct", "Nov", "Dec")
    lines, titles = [f"**{rng.randint(2010, 2023)}**", ""], set()
    for _ in range(n):
        people = [rng.choice(records).authors[0] for _ in range(rng.choice((1, 2, 2)))]
        papers = [rng.choice(records) for _ in people]
        heads = [f"**{g} {f}** ({(g[:1] + f[:1]).upper()}), [arXiv:{rng.randint(1001, 2312)}."
                 f"{rng.randint(1000, 99999):05d}](https://arxiv.org/abs/1)"
                 for g, f in people]
        lines.append(f"- {rng.choice(months)} {rng.randint(1, 28)}, " + "; ".join(heads))
        for (g, f), rec in zip(people, papers, strict=True):
            first = rec.authors[0]
            lines.append(f"  + ({(g[:1] + f[:1]).upper()}) *{rec.title}*, by "
                         f"{first[0][:1]}. {first[1]} *et al.*")
            titles.add(_norm(rec.title))
    return _page_rows(lines, titles)


def study_rows(seed: int = 7, n: int = 12) -> list[tuple[dict, str]]:
    """Readings of a made-up study group's schedule: ``* Week 3 (3/8) - Title (Host: name)
    [(V)](video)``, a paper presented by its title alone (no authors, no year), labelled
    ``paper``: the corpus holds one page of this shape, and its dated, authorless lines read
    as lecture topics to a finder that never saw one."""
    import random

    records = _titled_records()
    if not records:
        return []
    rng = random.Random(seed)
    lines, titles = [f"### Season {rng.randint(1, 4)} ({rng.randint(2015, 2024)})", ""], set()
    for k in range(1, n + 1):
        rec, (g, _) = rng.choice(records), rng.choice(records).authors[0]
        video = " [(V)](https://www.youtube.com/watch?v=x)" if rng.random() < 0.6 else ""
        lines.append(f"* Week {k} ({rng.randint(1, 12)}/{rng.randint(1, 28)}) - {rec.title} "
                     f"(Host: {g.split()[0] if g else 'Lee'}){video}")
        titles.add(_norm(rec.title))
    return _page_rows(lines, titles)


def made_up_rows() -> list[tuple[dict, str]]:
    """The finder's training rows from made-up pages (journal lists, meeting sessions, a
    study group's talks)."""
    return journal_rows() + presenter_rows() + study_rows()


def _list_rows(items: list[str], urls: tuple[str, ...], rng: random.Random, label: str
               ) -> list[tuple[dict, str]]:
    import tempfile

    half = len(items) // 2
    slugs = [re.sub(r"\W+", "-", t.lower()) for t in items[:half]]
    page = ("# Reading group\n\n## Linked\n\n"
            + "".join(f"- [{t}]({rng.choice(urls).format(slug)})\n"
                      for t, slug in zip(items[:half], slugs, strict=True))
            + "\n## Plain\n\n" + "".join(f"- {t}\n" for t in items[half:]))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "list.md"
        path.write_text(page, encoding="utf-8")
        return [(f, label) for f, _, _ in record_page(path)]


# A reading of an item the truth marks optional (a talk title, a chapter, lecture notes:
# arguably not a paper) teaches the finder nothing either way: it is left out of training.
OPTIONAL_LEFT_OUT = True


def record_page(page: Path) -> list[tuple[dict, str, str]]:
    """Every reading the importer weighs on ``page``, with its features."""
    from papergraph.errors import InputError
    from papergraph.importer import import_page
    from papergraph.importer.learned.finder import RECORDING, Recorder

    recorder = Recorder()
    token = RECORDING.set(recorder)
    try:
        import_page(str(page))
    except InputError:
        pass
    finally:
        RECORDING.reset(token)
    return recorder.rows


FINDER_PARAMS = {"c1": 0.0, "c2": 4.0, "max_iterations": 200}


def train_finder(rows: Iterable[tuple[dict, str]], path: Path) -> Path:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for f, label in rows:  # (names sorted: the model file is the same in every process)
        trainer.append([dict(sorted(item.items())) for item in _items([f])], [label])
    trainer.set_params(FINDER_PARAMS)
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return path


# -- the name lists
def write_journals(records: list, journal_texts: list[str],
                   path: Path = lexicon.JOURNALS) -> int:
    """The journal names of ``records`` (:class:`.synthetic.Record` whose venue is a
    journal) and of ``journal_texts`` (AnyStyle's ``<journal>`` labels), in the form
    :func:`papergraph.importer.learned.lexicon.journal_key` gives, written where
    :func:`papergraph.importer.learned.lexicon.journals` reads them."""
    found = {lexicon.journal_key(r.venue) for r in records if r.journal}
    found |= {lexicon.journal_key(t) for t in journal_texts}
    kept = sorted(k for k in found if k and len(k.split()) <= 10 and not re.search(r"\d", k))
    path.write_text("".join(f"{k}\n" for k in kept), encoding="utf-8")
    lexicon.journals.cache_clear()
    return len(kept)



def write_names(records: list, author_texts: list[str], path: Path = lexicon.NAMES) -> int:
    """The given and family names of ``records`` (:class:`.synthetic.Record`), and the
    words of labelled author texts (``author_texts``, read as family names), seen twice or
    more, written where :func:`papergraph.importer.learned.lexicon.names` reads them."""
    given: Counter[str] = Counter()
    family: Counter[str] = Counter()
    for rec in records:
        for g, f in rec.authors:
            given.update(w.lower() for w in g.replace(".", " ").split() if len(w) > 1)
            family.update(w.lower() for w in f.split() if len(w) > 1)
    for text in author_texts:
        family.update(w.lower() for w in re.findall(r"[^\W\d_][\w'’\-]+", text)
                      if w[:1].isupper() and w.lower() not in ("and", "et", "al"))
    min_count = 2
    lines = sorted([f"g\t{w}" for w, n in given.items() if n >= min_count] +
                   [f"f\t{w}" for w, n in family.items() if n >= min_count])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    lexicon.names.cache_clear()
    return len(lines)
