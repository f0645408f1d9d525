"""Is this piece of a citation a list of people, and who are they?

Author lists come in many styles; each name is returned as written, first name first:

* ``Colin Wei and Tengyu Ma``, ``Peter L. Bartlett, Nick Harvey, Chris Liaw``;
* APA/Harvard ``Cadden, J., Unger, T., & Appavoo, J.`` -> ``J. Cadden``, …;
* Vancouver ``Gordon DE, Hiatt J, Bouhaddou M`` -> ``D. E. Gordon``, …;
* MLA ``Yang, Ziteng, et al.``, ``Kavanagh, Ryan, and Brigitte Pientka``, ``MOY, CAMERON``;
* surnames only (``Frankle, Carbin``, ``Saxton et. al.``) where the caller allows it;
* affiliations after a comma or in brackets (``Dawson Engler, Stanford University``) are
  dropped; ``et al.`` / ``et. al.`` / ``...`` set ``et_al``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PARTICLES = {"van", "von", "der", "den", "de", "da", "del", "della", "di", "du", "la", "le",
             "ter", "ten", "dos", "das", "bin", "al", "el", "y", "zu", "af"}
_FUNCTION_WORDS = _words("""
a an the on of in for to and with via from by at as is are can what why how does do when
towards toward beyond into using over under without through part not its their our we
you your this that these those or vs versus all new
""")
_TITLE_WORDS = _words("""
neural network networks deep learning learn learned kernel kernels analysis theory
theoretical convergence gradient descent optimization optimisation generalization
generalisation training model models understanding random features adversarial linear
nonlinear stochastic bound bounds complexity sample data power efficient efficiently
provable provably algorithm algorithms approach matrix resnet resnets relu dimension
regularization memorization tangent small large better robust robustness interpolation
modern augmentation methods method problem problems machine statistical inference graph
graphs attention transformer transformers language vision image reinforcement policy
optimal generative estimation classification recurrent convolutional function functions
introduction review survey tight nearly fast faster global local infinite wide width
depth sgd gan gans bayesian loss landscape system systems memory kernel file files
software hardware secure security safe safety distributed cloud serverless storage
search engine query queries database databases scheduling compiler compilers programming
program programs type types verified verification detection sequence sequences text
speech semantic embedding embeddings translation question answering knowledge reasoning
retrieval pre-training pretraining benchmark benchmarks evaluation evaluating towards
scalable scaling adaptive sparse dynamic dynamics structured multi single self
supervised unsupervised semi label labels visual video temporal spatial protein genome
genomic cell cells cancer gene genes sequencing tool tools framework computing
computation quantum physics physical chemical molecular operating virtual performance
fault tolerance testing debugging bugs code isolation kernel fine grained instruction
illustrated sessions syntax misconceptions choreographic cost subtyping refinement
notebook slides video paper papers chapter chapters section lecture lectures week
session summary overview topic topics discussion
""")
_AFFILIATION = re.compile(
    r"\b(univ\w*|institut\w*|lab|labs|laborator\w*|research|college|school|inc|corp\w*|"
    r"tech|technology|academy|acad\w*|cent(?:er|re)|google|microsoft|facebook|meta|ibm|"
    r"intel|nvidia|huawei|amazon|apple|baidu|alibaba|tencent|deepmind|openai|epfl|eth|mit|"
    r"cmu|ucla|inria|cnrs|max planck|department|dept|faculty|hospital|foundation|"
    r"company|ltd|gmbh|america|europe|asia|china|usa|uk)\b", re.IGNORECASE)
_ET_AL = re.compile(r"(?:,?\s*\bet\.?\s*al\b\.?|,?\s*\.\.\.|,?\s*…)\s*$", re.IGNORECASE)
_INITIALS = re.compile(r"^(?:[A-Z]\.?-?){1,3}$")  # J. / J.G. / J-P. / DE
_DOTTED = re.compile(r"^(?:[A-Z]\.-?\s?){1,3}$")  # J. / J.G. / J. G.
_WORD = re.compile(r"^[^\W\d_][\w'’\-]*\.?$")


@dataclass(frozen=True)
class Names:
    """An author list: names as written (first name first), whether the page shortened
    it, and how sure the reading is (0..1)."""

    names: tuple[str, ...]
    et_al: bool = False
    confidence: float = 0.9


def _is_cap_word(tok: str) -> bool:
    return bool(_WORD.match(tok)) and tok[0].isupper()


def is_name(part: str, *, surname_only: bool = False) -> bool:
    """Does ``part`` read as one person's name ("Ricky T. Q. Chen", "Aaron van den
    Oord"; a lone "Frankle" only when ``surname_only``)?"""
    tokens = part.replace("\u00a0", " ").split()
    if not tokens or len(tokens) > 5:
        return False
    if len(tokens) == 1:
        tok = tokens[0]
        return (surname_only and _is_cap_word(tok) and not tok.isupper() and len(tok) > 1
                and tok.lower().strip(".") not in _TITLE_WORDS | _FUNCTION_WORDS)
    real = 0
    for i, tok in enumerate(tokens):
        low = tok.lower().strip(".")
        last = i == len(tokens) - 1
        if low in PARTICLES and tok[0].islower() and not last:
            continue
        if _INITIALS.match(tok.replace(".", ".")) and (not last or len(tokens) > 1):
            continue
        if last and real and low in _SURNAME_WORDS and _is_cap_word(tok):
            real += 1  # "Jiaxuan You", "Dung Do": a surname that is also an English word
            continue
        if not _is_cap_word(tok) or low in _FUNCTION_WORDS or low in _TITLE_WORDS:
            return False
        if len(tok) > 3 and tok.isupper():
            return False
        if len(tok) > 7 and low.endswith(_NOT_NAME_SUFFIX):
            return False
        real += 1
    return real >= 1


_SURNAME_WORDS = _words("you an do so on")
_NOT_NAME_SUFFIX = ("tion", "sion", "ness", "ity", "ment", "ive", "ous", "able", "ible",
                    "ics", "ism", "ance", "ence", "ful", "less", "ized", "ised", "ical",
                    "ular", "ings", "ions")


def _strength(parts: list[str], et_al: bool) -> float:
    """How sure that these parts are people: initials and several names say so; a lone
    three-word "name" of long words ("Under-Constrained Symbolic Execution") does not."""
    if len(parts) > 1 or et_al:
        return 0.9
    tokens = parts[0].split()
    if any(_INITIALS.match(t) for t in tokens[:-1]):
        return 0.9
    return 0.8 if len(tokens) == 2 else 0.6


def _strip_affiliations(text: str) -> str:
    """``A and B, Stanford University; C, University of Chicago, Chicago`` -> ``A and B;
    C``: trailing parts that name an institution (and a city after one) are dropped."""
    text = re.sub(r"\s*\([^()]*\)", "", text)  # "Rohan Kadekodi (UT Austin)"
    groups = []
    for group in re.split(r"\s*;\s*", text):
        parts = re.split(r",\s*", group)
        while len(parts) > 1 and (_AFFILIATION.search(parts[-1]) or (
                len(parts) > 2 and len(parts[-1].split()) == 1
                and _AFFILIATION.search(parts[-2]))):
            parts.pop()
        groups.append(", ".join(parts))
    return "; ".join(groups)


def _apa(text: str) -> list[str] | None:
    """``Cadden, J., Unger, T., & Appavoo, J.`` (Harvard/APA: surname, initials)."""
    pattern = re.compile(r"([^\W\d_][\w'’\-]*(?:\s[^\W\d_][\w'’\-]*){0,2}),\s*"
                         r"((?:[A-Z]\.\s?-?)+)(?=\s*(?:,|&|\band\b|$))")
    names, pos = [], 0
    for m in pattern.finditer(text):
        gap = text[pos:m.start()]
        if gap.strip(" ,&") not in ("", "and"):
            return None
        names.append(f"{m.group(2).strip()} {m.group(1)}")
        pos = m.end()
    if not names or text[pos:].strip(" ,.&") not in ("",):
        return None
    return names


def _vancouver(parts: list[str]) -> list[str] | None:
    """``Gordon DE, Hiatt J`` (surname, then initials without dots)."""
    out = []
    for part in parts:
        tokens = part.split()
        if len(tokens) < 2 or not re.fullmatch(r"[A-Z]{1,3}", tokens[-1]):
            return None
        if not all((_is_cap_word(t) and not t.isupper()) or t.lower() in PARTICLES
                   for t in tokens[:-1]):
            return None
        initials = " ".join(f"{c}." for c in tokens[-1])
        out.append(f"{initials} {' '.join(tokens[:-1])}")
    return out


def _mla(text: str) -> list[str] | None:
    """``Yang, Ziteng, et al.`` / ``Kavanagh, Ryan, and Brigitte Pientka`` /
    ``MOY, CAMERON``: the first author inverted, the others (if any) not."""
    m = re.fullmatch(r"([^\W\d_][\w'’\-]*),\s*([^\W\d_][\w'’\-.]*(?:\s[A-Z]\.?)?)"
                     r"(?:,?\s*(?:and|&)\s+(.+))?", text.strip())
    if not m:
        return None
    given = re.sub(r"(?<=\s[A-Z])$", ".", m.group(2))  # "Day, Felix R." -> "Felix R. Day"
    first = f"{given.title() if given.isupper() else given} " \
            f"{m.group(1).title() if m.group(1).isupper() else m.group(1)}"
    rest = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", m.group(3) or "")
            if p.strip()]
    if not all(is_name(p) for p in rest):
        return None
    return [first] + rest


def parse_names(text: str, *, surname_only: bool = False, mla: bool = False) -> Names | None:
    """Read ``text`` as an author list; None if it is not one."""
    text = " ".join(text.replace("\u00a0", " ").split()).strip(" ,;:")
    if not text or len(text) > 1500:
        return None
    text = re.sub(r"\b([A-Z])\.(?=[A-Z][a-z])", r"\1. ", text)  # "R.Ying" -> "R. Ying"
    text = re.sub(r"\s*(?:\.\.\.|…)\s*(?=\S)", ", ", text)  # "Rex Ying ... J. Leskovec"
    et_al = False
    if m := _ET_AL.search(text):
        et_al, text = True, text[: m.start()].strip(" ,;")
    raw = re.sub(r"^by\s+", "", text, flags=re.IGNORECASE).strip()
    text = raw.rstrip(".").strip()
    if not text or re.search(r"\d", text):
        return None
    if names := _apa(raw):
        return Names(tuple(names), et_al, 0.95)
    if mla and (names := _mla(text)) and (et_al or len(names) > 1 or text.isupper()):
        return Names(tuple(names), et_al, 0.85)
    text = _strip_affiliations(text)
    parts = [p.strip() for p in re.split(r"\s*(?:,\s*and\s+|,\s*&\s*|,|;|\band\b|&)\s*",
                                         text) if p.strip()]
    if not parts:
        return None
    if names := _vancouver(parts):
        return Names(tuple(names), et_al, 0.9)
    if all(is_name(p) for p in parts):
        return Names(tuple(parts), et_al, _strength(parts, et_al))
    if (surname_only or et_al) and all(is_name(p, surname_only=True) for p in parts):
        return Names(tuple(parts), et_al, 0.6)
    return None
