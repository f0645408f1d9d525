"""Capital letters in titles: which words are names no style may lower-case.

BibTeX styles and pandoc lower-case a title's words for sentence-case styles, and CSL
expects titles stored in sentence case (APA prints them as stored). Both need to know
which capitals belong to names: acronyms and mixed-case words (``SGD``, ``ReLU``,
``ResNets``), words with digits (``L2``), the proper names in :data:`PROPER_NAMES`, and,
in a title already written in sentence case, every capitalised word that does not start
the title or a subtitle (``Learning in Paris``: there ``Paris`` can only be a name).
:func:`title_words` makes that decision once; :func:`.latex.latex_title` braces
those words, :func:`sentence_case_html` writes the CSL form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Proper names kept capitalised in titles (BibTeX styles lower-case the rest).
_PROPER_NAMES_TEXT = (
    "Adam Banach Bayes Bayesian Bernoulli Bernstein Besov Boltzmann Bregman Cauchy Carlo "
    "Chebyshev Chernoff Chervonenkis Dirichlet Euclidean Euler Fisher Fourier Gauss Gaussian "
    "Gibbs Hamiltonian Hebbian Hessian Hilbert Hoeffding Hölder Jacobian Kolmogorov Kronecker "
    "Kullback Lagrange Lagrangian Langevin Laplace Laplacian Leibler Lipschitz Lyapunov "
    "Łojasiewicz Markov Markovian Monte Nesterov Newton Poisson Polyak Rademacher Riemann "
    "Riemannian Schwarz Shannon Sobolev Stein Turing Vapnik Wasserstein Wishart "
    # more eponyms of mathematics, statistics and physics
    "Arnoldi Azuma Bellman Bernoulli Borel Brownian Cantelli Cholesky Cramér Donsker Feynman "
    "Fenchel Fokker Frobenius Galerkin Glivenko Gram Grassmann Grassmannian Gumbel Haar "
    "Hadamard Hamilton Hamming Hankel Hastings Hausdorff Hermite Higgs Hopfield Huber Ising "
    "Itô Jaccard Jensen Kac Kalman Kantorovich Karush Kiefer Krylov Kuhn Kurdyka Lanczos "
    "Lebesgue Legendre Levenshtein Lindenstrauss Littlestone Lévy Mahalanobis McDiarmid "
    "Mercer Metropolis Minkowski Monro Moreau Nash Natarajan Nikodym Nyström Ornstein Pareto "
    "Parzen Perron Planck Potts Radon Rényi Robbins Runge Sauer Schmidt Schrödinger Schur "
    "Shapley Shelah Sinkhorn Stackelberg Stiefel Stokes Talagrand Tikhonov Toeplitz Tucker "
    "Uhlenbeck Vandermonde Weibull Wiener Wigner Wolfe "
    # languages, peoples and places, which titles name as often as methods
    "Africa African America American Arabic Asia Asian Chinese Dutch English Europe European "
    "French German Greek Hindi India Indian Italian Japanese Korean Latin Persian Portuguese "
    "Russian Spanish Swahili Turkish Vietnamese Wikipedia"
)
PROPER_NAMES = frozenset(_PROPER_NAMES_TEXT.split())

# Words title case leaves in lower case: they say nothing about how a title is written.
_MINOR_TEXT = (
    "a an the and but or nor for so yet as at by in of off on per to up via vs with from into "
    "onto over than that upon"
)
_MINOR = frozenset(_MINOR_TEXT.split())
# Short words that titles in Title Case still often leave in lower case ("Attention is All
# you Need", as NeurIPS prints it): no evidence of sentence case either way.
_WEAK_TEXT = "is are was were be been am it its you we our us they not"
_WEAK = frozenset(_WEAK_TEXT.split())
_NOT_TELLING = _MINOR | _WEAK

WORD = re.compile(r"[^\W_]+")
# TeX math in a title, as arXiv and Semantic Scholar give it ($\ell_1$) or as it comes out
# of dblp's BibTeX (\(\ell_1\)).
MATH = re.compile(r"\$(?=\S)[^$]+(?<=\S)\$|\\\((?:(?!\\\)).)+\\\)")


def math_spans(title: str) -> list[tuple[int, int]]:
    """(start, end) of each TeX math segment of ``title``."""
    return [m.span() for m in MATH.finditer(title)] if "$" in title or "\\(" in title else []
_SUBTITLE = re.compile(r"[:?!]\s*$|\s[-–—]\s+$")  # what may end the text before a subtitle


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str
    name: bool  # keep its capitals whatever the style does
    opens: bool  # first word of the title or of a subtitle


def is_name(word: str, first: bool) -> bool:
    """A word whose capitals are part of it, wherever it stands."""
    if word in PROPER_NAMES:
        return True
    uppers = [c.isupper() for c in word]
    if any(uppers[1:]):  # ReLU, SGD, ResNets, VC, NeurIPS
        return True
    if uppers[0] and any(c.isdigit() for c in word):  # L2, R3
        return True
    if uppers[0] and not word.isascii() and not first:  # Rényi, Erdős: English has no such word
        return True
    return len(word) == 1 and uppers[0] and word != "A" and not first


def title_words(title: str) -> list[Word]:
    """The words of ``title`` (runs of letters and digits), each marked as a name or not."""
    words: list[Word] = []
    spans = math_spans(title)
    pos = 0
    for i, m in enumerate(WORD.finditer(title)):
        text = m.group(0)
        opens = i == 0 or bool(_SUBTITLE.search(title[pos:m.start()]))
        joined = "&" in (title[m.start() - 1:m.start()], title[m.end():m.end() + 1])  # Q&A
        variable = len(text) == 1 and text.islower() and title[m.end():m.end() + 1] == "-"
        in_math = any(s <= m.start() < e for s, e in spans)  # $O(\sqrt{n})$: no case change
        words.append(Word(m.start(), m.end(), text,
                          joined or variable or in_math or is_name(text, i == 0), opens))
        pos = m.end()
    if in_sentence_case(words, title):
        words = [w if w.name or w.opens or not w.text[0].isupper() else
                 Word(w.start, w.end, w.text, True, w.opens) for w in words]
    return words


def in_sentence_case(words: list[Word], title: str) -> bool:
    """Whether ``title`` is written in sentence case: of its words that title case would
    capitalise (not names, not opening a (sub)title, not minor words, not the part after a
    hyphen), at least as many are in lower case as capitalised. Then its remaining
    capitals are names ("Learning in Paris with Gaussian processes")."""
    telling = [w.text for w in words if not (w.name or w.opens)
               and w.text.lower() not in _NOT_TELLING
               and w.text[0].isalpha() and title[w.start - 1:w.start] != "-"]
    lower = sum(t[0].islower() for t in telling)
    return lower > 0 and lower * 2 >= len(telling)


def sentence_case_html(title: str) -> str:
    """``title`` in sentence case as CSL-JSON rich text: names inside
    ``<span class="nocase">`` so that no style changes them, the first word of the title
    and of each subtitle capitalised, every other word in lower case.

    ``"Neural Tangent Kernel: Convergence and Generalization in Neural Networks"`` ->
    ``"Neural tangent kernel: Convergence and generalization in neural networks"``.

    ``&`` and ``<`` stay as they are: pandoc prints entities such as ``&amp;`` literally.
    """
    out, pos = [], 0
    for w in title_words(title):
        out.append(title[pos:w.start])
        text = w.text
        if w.name:
            out.append(f'<span class="nocase">{text}</span>')
        elif w.opens:
            out.append(text[0].upper() + text[1:])
        else:
            out.append(text.lower())
        pos = w.end
    out.append(title[pos:])
    return "".join(out)
